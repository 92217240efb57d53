//! The formats CI systems and editors read: SARIF (checked against the
//! official schema), GitHub workflow commands and the concise lines.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::{clientele, json, root, run_format, shared, tree};

/// The official SARIF 2.1.0 schema, compiled, or `None` (with a note)
/// when `../shared` is not beside the checkout.
fn sarif_schema() -> Option<jsonschema::Validator> {
    let path = shared("schemas/sarif-schema-2.1.0.json")?;
    let text = std::fs::read_to_string(&path).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    Some(jsonschema::validator_for(&schema).unwrap())
}

/// `log` checked against the schema; the errors, one per line, if any.
fn schema_errors(schema: &jsonschema::Validator, log: &Value) -> String {
    schema
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The JSON report of the same run, to compare the other formats with.
fn json_report(dir: &Path, args: &[&str]) -> Value {
    let (stdout, _) = run_format(dir, "json", args);
    json(stdout.as_bytes())
}

#[test]
fn sarif_on_the_examples_validates_against_the_official_schema() {
    let (stdout, code) = run_format(&root(), "sarif", &["examples/"]);
    assert_eq!(code, Some(1));
    let log = json(stdout.as_bytes());
    let Some(schema) = sarif_schema() else {
        return;
    };
    let errors = schema_errors(&schema, &log);
    assert!(errors.is_empty(), "{errors}");
}

#[test]
fn the_schema_check_rejects_a_broken_log() {
    // The validation above would pass on anything if the schema did not
    // compile to real constraints.
    let (stdout, _) = run_format(&root(), "sarif", &["examples/shop"]);
    let mut log = json(stdout.as_bytes());
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    let Some(schema) = sarif_schema() else {
        return;
    };
    let errors = schema_errors(&schema, &log);
    assert!(errors.contains("fatal"), "{errors}");
    assert!(errors.contains("startLine"), "{errors}");
}

#[test]
fn sarif_results_agree_with_the_json_report() {
    let (stdout, _) = run_format(&root(), "sarif", &["examples/"]);
    let log = json(stdout.as_bytes());
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let names: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "wrong-term",
            "mixed-terms",
            "self-contrast",
            "invalid-directive",
            "translation-collapse"
        ]
    );
    for rule in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[key]["text"].as_str().unwrap().is_empty(), "{rule}");
        }
    }

    let report = json_report(&root(), &["examples/"]);
    let expected = report["diagnostics"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), expected.len());
    for (result, d) in results.iter().zip(expected) {
        let rule = result["ruleId"].as_str().unwrap();
        assert_eq!(rule, d["rule"]);
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], rule);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(result["level"], level);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], d["path"]);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"], d["end_column"]);
        assert!(
            result["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(d["message"].as_str().unwrap())
        );
        assert_eq!(
            result["relatedLocations"].as_array().map_or(0, Vec::len),
            d["related"].as_array().unwrap().len()
        );
        match d["suggestion"].as_str() {
            Some(suggestion) => {
                let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
                assert_eq!(replacement["insertedContent"]["text"], suggestion);
                assert_eq!(&replacement["deletedRegion"], region);
            }
            None => assert!(result.get("fixes").is_none(), "{result}"),
        }
    }
}

#[test]
fn sarif_columns_count_characters_on_cyrillic_and_han_lines() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("доки/客户.md", "Наши заказчики и 顾客 — our customers.\n"),
    ]);
    let (stdout, code) = run_format(dir.path(), "sarif", &["."]);
    assert_eq!(code, Some(1));
    let log = json(stdout.as_bytes());
    let Some(schema) = sarif_schema() else {
        return;
    };
    let errors = schema_errors(&schema, &log);
    assert!(errors.is_empty(), "{errors}");
    let regions: Vec<(String, u64, u64)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                location["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                location["region"]["startColumn"].as_u64().unwrap(),
                location["region"]["endColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    let uri = "%D0%B4%D0%BE%D0%BA%D0%B8/%E5%AE%A2%E6%88%B7.md".to_owned();
    assert_eq!(
        regions,
        [(uri.clone(), 6, 15), (uri.clone(), 18, 20), (uri, 27, 36)]
    );
}

#[test]
fn sarif_lists_errors_that_stopped_files_as_notifications() {
    let dir = tree(&[
        ("clientele.toml", "business = \"retail\"\n"),
        ("a.md", "Clients.\n"),
    ]);
    let (stdout, code) = run_format(dir.path(), "sarif", &["."]);
    assert_eq!(code, Some(2));
    let log = json(stdout.as_bytes());
    let Some(schema) = sarif_schema() else {
        return;
    };
    let errors = schema_errors(&schema, &log);
    assert!(errors.is_empty(), "{errors}");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    let text = notification["message"]["text"].as_str().unwrap();
    assert!(
        text.contains("clientele.toml:1:12") && text.contains("`retail`"),
        "{text}"
    );
}

#[test]
fn github_commands_carry_the_position_and_the_escaped_text() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("notes, v1: 100%.md", "Наши заказчики — our customers.\n"),
    ]);
    let (stdout, code) = run_format(dir.path(), "github", &["."]);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=notes%2C v1%3A 100%25.md,line=1,col=6,endLine=1,endColumn=15,\
         title=clientele wrong-term::`заказчики` is a customer term, \
         but a relationship business has clients%0Ahelp: replace `заказчики` with `клиенты`"
    );
    assert!(lines[1].starts_with("::error file=notes%2C v1%3A 100%25.md,line=1,col=22,"));
    assert_eq!(lines[2], "Found 2 errors in 1 file.");
}

#[test]
fn github_annotates_errors_that_stopped_files() {
    let dir = tree(&[("clientele.toml", "business = 1\n"), ("a.md", "Clients.\n")]);
    let (stdout, code) = run_format(dir.path(), "github", &["."]);
    assert_eq!(code, Some(2));
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with(
            "::error file=clientele.toml,line=1,col=12,title=clientele::\
             invalid configuration: clientele.toml:1:12: "
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("No files checked: see the error above.\n"),
        "{stdout}"
    );
}

#[test]
fn github_annotates_a_broken_config_at_its_file_line_and_column() {
    // A folder name with the characters a property value must escape.
    let dir = tree(&[
        (
            "v1, 100%: docs/clientele.toml",
            "fail-on = \"error\"\n[rules]\nwrong-term = \"warn\"\n",
        ),
        ("v1, 100%: docs/a.md", "Clients.\n"),
    ]);
    let (stdout, code) = run_format(dir.path(), "github", &["."]);
    assert_eq!(code, Some(2));
    let first = stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=v1%2C 100%25%3A docs/clientele.toml,line=3,col=14,title=clientele::\
         invalid configuration: v1, 100%25: docs/clientele.toml:3:14: unknown variant `warn`, \
         expected one of `error`, `warning`, `info`, `off` (did you mean `warning`?)",
        "{stdout}"
    );
}

#[test]
fn every_format_says_the_same_on_the_examples() {
    let report = json_report(&root(), &["examples/"]);
    let expected: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            // Concise columns count bytes, JSON's characters.
            let path = d["path"].as_str().unwrap();
            let text = fs::read_to_string(root().join(path)).unwrap();
            let line = d["line"].as_u64().unwrap() as usize;
            let column = d["column"].as_u64().unwrap() as usize;
            let on_line = text.split('\n').nth(line - 1).unwrap();
            let before: String = on_line
                .trim_start_matches('\u{feff}')
                .chars()
                .take(column - 1)
                .collect();
            format!(
                "{}:{}:{}: {}[{}] {}",
                path,
                line,
                before.len() + 1,
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    let (concise, code) = run_format(&root(), "concise", &["examples/"]);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines[..expected.len()], expected);
    assert_eq!(
        lines[expected.len()..],
        [
            "Found 19 errors and 5 warnings in 17 files.",
            "11 fixable with `clientele --fix`."
        ]
    );

    let (github, _) = run_format(&root(), "github", &["examples/"]);
    let commands = github.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(commands, expected.len());
}

#[test]
fn stdin_takes_the_name_given_in_every_format() {
    let dir = tree(&[("docs/clientele.toml", "business = \"transactional\"\n")]);
    for (format, expected) in [
        ("concise", "docs/guide.md:1:5: error[wrong-term] "),
        ("github", "::error file=docs/guide.md,line=1,col=5,"),
        ("sarif", "\"uri\": \"docs/guide.md\""),
    ] {
        let output = clientele(dir.path())
            .args(["--format", format, "--stdin-filename", "docs/guide.md", "-"])
            .write_stdin("Our clients pay at the till.\n")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains(expected), "{format}: {stdout}");
    }
}

#[test]
fn concise_and_github_snapshots_on_the_examples() {
    let (concise, _) = run_format(&root(), "concise", &["examples/"]);
    insta::assert_snapshot!("concise_on_the_examples", concise);
    let (github, _) = run_format(&root(), "github", &["examples/"]);
    insta::assert_snapshot!("github_on_the_examples", github);
}

/// Every `clientele …` command in the CI examples (the part before a shell
/// redirection or `||`), with the arguments split on spaces.
fn example_commands() -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    for name in ["github-workflow.yml", "gitlab-ci.yml"] {
        let path = root().join("examples/ci").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let yaml: Value = serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()));
        let mut strings = Vec::new();
        collect_strings(&yaml, &mut strings);
        for command in strings.iter().filter(|s| s.starts_with("clientele ")) {
            let command = command.split(['>', '|']).next().unwrap();
            commands.push(
                command
                    .split_whitespace()
                    .skip(1)
                    .map(str::to_owned)
                    .collect(),
            );
        }
    }
    commands
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn the_ci_examples_run_commands_that_work() {
    let commands = example_commands();
    // GitHub: SARIF and annotations; GitLab: Code Quality and concise.
    assert_eq!(commands.len(), 4, "{commands:?}");
    for args in commands {
        // Run on the bundled examples instead of a repository's root.
        let args: Vec<&str> = args
            .iter()
            .map(|a| if a == "." { "examples/" } else { a.as_str() })
            .collect();
        let output = clientele(&root()).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
        assert!(!output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn sarif_fingerprints_survive_lines_moving_and_tell_findings_apart() {
    let config = ("clientele.toml", "business = \"relationship\"\n");
    let text = "Наши заказчики довольны. Our customers agree.\n";
    let fingerprints = |doc: &str| -> Vec<String> {
        let dir = tree(&[config, ("guide.md", doc)]);
        let (stdout, _) = run_format(dir.path(), "sarif", &["guide.md"]);
        let log = json(stdout.as_bytes());
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["clienteleFinding/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let before = fingerprints(text);
    assert_eq!(before.len(), 2);
    assert_ne!(before[0], before[1]);
    let moved = fingerprints(&format!("# Title\n\nA new paragraph.\n\n{text}"));
    assert_eq!(moved, before);
    let reworded = fingerprints(&text.replace("agree", "disagree"));
    assert_eq!(reworded[0], before[0]);
    assert_ne!(reworded[1], before[1]);
}

#[test]
fn sarif_points_a_translation_finding_at_its_source_file() {
    let (stdout, _) = run_format(&root(), "sarif", &["tests/fixtures/translations"]);
    let log = json(stdout.as_bytes());
    let Some(schema) = sarif_schema() else {
        return;
    };
    let errors = schema_errors(&schema, &log);
    assert!(errors.is_empty(), "{errors}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let collapse = results
        .iter()
        .find(|r| {
            r["ruleId"] == "translation-collapse"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "tests/fixtures/translations/ru/restructured.md"
        })
        .unwrap();
    let source = &collapse["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        source["artifactLocation"]["uri"],
        "tests/fixtures/translations/en/restructured.md"
    );
    assert!(source["region"]["startLine"].as_u64().unwrap() > 1);
}

/// The `partialFingerprints` entry `key` of every result of `log`, in order.
fn partial_fingerprints(log: &Value, key: &str) -> Vec<String> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"][key].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn sarif_line_hashes_survive_lines_moving_and_count_identical_findings() {
    let config = ("clientele.toml", "business = \"relationship\"\n");
    // The same sentence twice: two findings with one fingerprint.
    let text = "Our customers agree.\n\nOur customers agree.\n";
    let log = |doc: &str| {
        let dir = tree(&[config, ("guide.md", doc)]);
        let (stdout, _) = run_format(dir.path(), "sarif", &["guide.md"]);
        json(stdout.as_bytes())
    };
    let before = log(text);
    let hashes = partial_fingerprints(&before, "primaryLocationLineHash");
    let findings = partial_fingerprints(&before, "clienteleFinding/v1");
    assert_eq!(hashes.len(), 2);
    assert_eq!(findings[0], findings[1]);
    // GitHub's shape: a hex hash and the occurrence of that hash in the
    // file, counted from 1 in order.
    let (hash, first) = hashes[0].split_once(':').unwrap();
    assert_eq!(hash.len(), 16, "{hashes:?}");
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{hashes:?}");
    assert_eq!(first, "1");
    assert_eq!(hashes[1], format!("{hash}:2"));

    let moved = log(&format!("# Title\n\nA new paragraph.\n\n{text}"));
    assert_eq!(
        partial_fingerprints(&moved, "primaryLocationLineHash"),
        hashes
    );
    assert_eq!(
        partial_fingerprints(&moved, "clienteleFinding/v1"),
        findings
    );
    let reworded = log(&text.replacen("agree", "disagree", 1));
    let reworded = partial_fingerprints(&reworded, "primaryLocationLineHash");
    assert_ne!(reworded[0], hashes[0]);
    assert_eq!(reworded[1], format!("{hash}:1"));
}

#[test]
fn sarif_line_hashes_are_unique_in_a_run() {
    let config = ("clientele.toml", "business = \"relationship\"\n");
    let text = "Our customers agree. Our customers agree.\n\nOur customers agree.\n";
    let dir = tree(&[config, ("a.md", text), ("b.md", text)]);
    let (stdout, _) = run_format(dir.path(), "sarif", &["."]);
    let mut hashes = partial_fingerprints(&json(stdout.as_bytes()), "primaryLocationLineHash");
    assert_eq!(hashes.len(), 6);
    let (stdout, _) = run_format(
        &root(),
        "sarif",
        &["examples/", "tests/fixtures/translations"],
    );
    let examples = partial_fingerprints(&json(stdout.as_bytes()), "primaryLocationLineHash");
    assert!(examples.len() > 20, "{examples:?}");
    hashes.extend(examples);
    let unique: std::collections::BTreeSet<&String> = hashes.iter().collect();
    assert_eq!(unique.len(), hashes.len(), "{hashes:?}");
}

#[test]
fn sarif_rule_descriptions_fit_github_s_limit() {
    let (stdout, _) = run_format(&root(), "sarif", &["examples/"]);
    let log = json(stdout.as_bytes());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), 5);
    for rule in rules {
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        // Bytes bound characters too: within 1,024 whichever GitHub counts.
        assert!(full.chars().count() <= 1024, "{}: {full}", rule["id"]);
        assert!(full.len() <= 1024, "{}: {} bytes", rule["id"], full.len());
        // A shortened description says where the rest is.
        let help = rule["help"]["text"].as_str().unwrap();
        let first_words: String = full
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        let help_words: String = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help_words.contains(&first_words), "{}: {full}", rule["id"]);
    }
}

/// The `[text](id)` links of a plain-text SARIF message: the link text
/// unescaped, and the id.
fn embedded_links(message: &str) -> Vec<(String, u64)> {
    let mut links = Vec::new();
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '[' {
            continue;
        }
        let mut label = String::new();
        let mut closed = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => label.extend(chars.next()),
                ']' => {
                    closed = true;
                    break;
                }
                _ => label.push(c),
            }
        }
        if !closed || chars.peek() != Some(&'(') {
            continue;
        }
        chars.next();
        let id: String = chars.by_ref().take_while(|&c| c != ')').collect();
        links.push((label, id.parse().unwrap()));
    }
    links
}

#[test]
fn sarif_messages_link_every_related_location_by_its_id() {
    let (stdout, _) = run_format(
        &root(),
        "sarif",
        &["examples/", "tests/fixtures/translations"],
    );
    let log = json(stdout.as_bytes());
    let results = log["runs"][0]["results"].as_array().unwrap();
    let mut linked = 0;
    for result in results {
        let text = result["message"]["text"].as_str().unwrap();
        let links = embedded_links(text);
        let related = result["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let ids: Vec<u64> = related.iter().map(|r| r["id"].as_u64().unwrap()).collect();
        let link_ids: Vec<u64> = links.iter().map(|(_, id)| *id).collect();
        // Every link names a related location, and every related location
        // is linked once, labelled with its own message.
        assert_eq!(link_ids, ids, "{text}");
        for ((label, _), place) in links.iter().zip(&related) {
            assert_eq!(place["message"]["text"], label.as_str(), "{text}");
        }
        // The first line stays the finding's own message.
        assert!(!text.lines().next().unwrap().contains("]("), "{text}");
        linked += links.len();
    }
    // mixed-terms, self-contrast and translation-collapse all link.
    for rule in ["mixed-terms", "self-contrast", "translation-collapse"] {
        assert!(
            results
                .iter()
                .any(|r| r["ruleId"] == rule
                    && r["message"]["text"].as_str().unwrap().contains("](")),
            "{rule}"
        );
    }
    assert!(linked > 5, "{linked}");
}
