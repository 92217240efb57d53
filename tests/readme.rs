//! The README's examples of output are what the binary prints on the
//! bundled examples: the JSON report of a check, the report's JSON and the
//! `report` and `suggest` transcripts.

use serde_json::Value;

use crate::support::{clientele, json, root, tree};

/// The README's text.
fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The README section that starts with `heading` (a whole line), up to the
/// next heading of the same or a higher level.
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no `{heading}` in README.md"));
    let level = heading.split(' ').next().unwrap();
    let body = &readme[start + heading.len() + 2..];
    let end = body
        .lines()
        .scan(0, |offset, line| {
            let at = *offset;
            *offset += line.len() + 1;
            Some((at, line))
        })
        .find(|(_, line)| {
            line.starts_with('#')
                && line.split(' ').next().is_some_and(|marks| {
                    marks.len() <= level.len() && marks.chars().all(|c| c == '#')
                })
        })
        .map_or(body.len(), |(at, _)| at);
    &body[..end]
}

/// The fenced blocks of `language` in `text`.
fn blocks<'a>(text: &'a str, language: &str) -> Vec<&'a str> {
    text.split(&format!("```{language}\n"))
        .skip(1)
        .map(|rest| &rest[..rest.find("```").unwrap()])
        .collect()
}

/// The keys of a JSON object, in order.
fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// Stdout of `clientele` with `args`, run from the repository root.
fn run(args: &[&str]) -> Vec<u8> {
    clientele(&root()).args(args).output().unwrap().stdout
}

#[test]
fn the_json_output_example_is_a_finding_and_the_summary_of_the_examples() {
    let readme = readme();
    let shown: Value = serde_json::from_str(blocks(section(&readme, "## JSON output"), "json")[0])
        .expect("the README's JSON example parses");
    let real = json(&run(&["--format", "json", "examples/"]));
    assert_eq!(keys(&shown), keys(&real));
    assert_eq!(shown["version"], real["version"]);
    assert_eq!(shown["summary"], real["summary"], "README summary");
    let finding = &shown["diagnostics"][0];
    let same = real["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == finding["path"] && d["byte_start"] == finding["byte_start"])
        .unwrap_or_else(|| panic!("no finding as {finding:#}"));
    assert_eq!(finding, same);
    assert_eq!(keys(finding), keys(same), "README keys in output order");
}

#[test]
fn the_report_json_example_is_the_report_of_the_shop() {
    let readme = readme();
    let part = section(&readme, "## Know your vocabulary: `report` and `suggest`");
    let shown: Value = serde_json::from_str(blocks(part, "json")[0])
        .expect("the README's report JSON example parses");
    let real = json(&run(&["report", "--format", "json", "examples/shop"]));
    assert_eq!(keys(&shown), keys(&real));
    assert_eq!(shown["version"], real["version"]);
    assert_eq!(shown["read"], real["read"]);
    // The README shows the first document and folder, and one language.
    assert_eq!(shown["documents"][0], real["documents"][0]);
    assert_eq!(shown["folders"][0], real["folders"][0]);
    for (lang, tally) in shown["languages"].as_object().unwrap() {
        assert_eq!(tally, &real["languages"][lang], "{lang}");
    }
}

#[test]
fn the_transcripts_are_what_the_commands_print() {
    let readme = readme();
    let transcripts: Vec<&str> = blocks(&readme, "text")
        .into_iter()
        .filter(|block| block.starts_with("$ clientele "))
        .collect();
    // `translations`, a check, `report` and two `suggest`s.
    assert!(transcripts.len() >= 5, "{transcripts:?}");
    for transcript in transcripts {
        let command = transcript
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("$ clientele "))
            .unwrap();
        let args: Vec<&str> = command.split(' ').collect();
        let real = String::from_utf8(run(&args)).unwrap();
        let shown = &transcript[transcript.find('\n').unwrap() + 1..];
        // `…` stands for the rest of the output.
        let shown = shown.strip_suffix("…\n").unwrap_or(shown);
        assert!(
            real.starts_with(shown),
            "$ clientele {command}\n--- README\n{shown}\n--- printed\n{real}"
        );
    }
}

#[test]
fn the_config_error_example_is_what_a_typo_prints() {
    let readme = readme();
    let shown = blocks(section(&readme, "### Errors"), "text")[0];
    let dir = tree(&[
        ("clientele.toml", "buisness = \"relationship\"\n"),
        ("a.md", "Clients.\n"),
    ]);
    let output = clientele(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), shown);
}
