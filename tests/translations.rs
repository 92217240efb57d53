//! `translation-collapse` and `clientele translations`, on the fixture
//! pairs in `tests/fixtures/translations/` (en → ru and en → zh; their
//! `clientele.toml` turns mixed-terms off, since the sources mix roles on
//! purpose).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{clientele, json, root, tree};

const FIXTURES: &str = "tests/fixtures/translations";

/// The `translation-collapse` findings of a JSON report.
fn collapses(report: &Value) -> Vec<&Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "translation-collapse")
        .collect()
}

/// How many `## ` headings come before `line` of the file at `path`: the
/// section a finding is in (0: before the first).
fn section(path: &str, line: u64) -> usize {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    text.lines()
        .take(usize::try_from(line).unwrap())
        .filter(|l| l.starts_with("## "))
        .count()
}

#[test]
fn each_fixture_pair_fires_in_the_sections_that_lost_the_distinction() {
    let output = clientele(&root())
        .args(["--format", "json", FIXTURES])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let mut found: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for d in collapses(&report) {
        let path = d["path"].as_str().unwrap();
        found
            .entry(path.trim_start_matches(FIXTURES).to_owned())
            .or_default()
            .push(section(path, d["line"].as_u64().unwrap()));
    }
    let mut expected: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for lang in ["ru", "zh"] {
        // Every paragraph whose source has both roles, in all three sections.
        expected.insert(format!("/{lang}/collapse.md"), vec![1, 1, 2, 3, 3]);
        // The one paragraph of section 2 that has both roles in the source.
        expected.insert(format!("/{lang}/one-section.md"), vec![2]);
        expected.insert(format!("/{lang}/swapped.md"), vec![1, 2, 3]);
        // Three sections became two: the whole document, once.
        expected.insert(format!("/{lang}/restructured.md"), vec![1]);
    }
    expected.insert("/suffix/guide.zh-CN.md".to_owned(), vec![1, 2]);
    // Nothing in faithful.md, technical.md, suffix/guide.ru.md, nor in
    // the unpaired ru/orphan.md, which says клиент only.
    assert_eq!(found, expected);
    assert_eq!(output.status.code(), Some(0), "warnings do not fail a run");
}

#[test]
fn a_finding_counts_both_sides_and_points_at_the_source() {
    let output = clientele(&root())
        .args([
            "--format",
            "json",
            "tests/fixtures/translations/en/restructured.md",
            "tests/fixtures/translations/ru/restructured.md",
        ])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let found = collapses(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    let d = found[0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["lang"], "ru");
    assert_eq!(d["role"], "client");
    assert_eq!(d["suggestion"], Value::Null);
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("клиент ×5 for client ×3, customer ×2"),
        "{message}"
    );
    let source = &d["related"][0];
    assert_eq!(
        source["path"],
        "tests/fixtures/translations/en/restructured.md"
    );
    assert_eq!(
        source["message"],
        "source: client ×3, customer ×2; translation: клиент ×5"
    );
    let line = source["line"].as_u64().unwrap();
    let text = std::fs::read_to_string(root().join(source["path"].as_str().unwrap())).unwrap();
    let at = text
        .lines()
        .nth(usize::try_from(line).unwrap() - 1)
        .unwrap();
    assert!(at.contains("client"), "{at}");
}

#[test]
fn a_swap_says_which_word_each_role_became() {
    let output = clientele(&root())
        .args([
            "--format",
            "json",
            "tests/fixtures/translations/zh/swapped.md",
        ])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let messages: Vec<&str> = collapses(&report)
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    for message in messages {
        assert_eq!(
            message,
            "the translation swaps client and customer: the source's client is `顾客` here, its customer `客户`"
        );
    }
}

#[test]
fn a_translation_checked_alone_is_compared_with_its_source_on_disk() {
    let output = clientele(&root())
        .args([
            "--format",
            "json",
            "tests/fixtures/translations/ru/one-section.md",
        ])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    assert_eq!(collapses(&report).len(), 1, "{report:#}");
    // The source is read, not checked: it is no file of the run.
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn translations_lists_pairs_and_unpaired_documents() {
    let output = clientele(&root())
        .args(["translations", "--format", "json", FIXTURES])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let listing = json(&output.stdout);
    let pairs = listing["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 14);
    let by: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| {
            (
                p["translation"].as_str().unwrap(),
                p["by"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(by.contains(&("tests/fixtures/translations/zh/faithful.md", "folder")));
    assert!(by.contains(&(
        "tests/fixtures/translations/suffix/guide.zh-CN.md",
        "suffix"
    )));
    let unpaired: Vec<(&str, &str)> = listing["unpaired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["path"].as_str().unwrap(), u["missing"].as_str().unwrap()))
        .collect();
    assert_eq!(
        unpaired,
        [
            (
                "tests/fixtures/translations/en/source-only.md",
                "translation"
            ),
            ("tests/fixtures/translations/ru/orphan.md", "source"),
        ]
    );
    let human = clientele(&root())
        .args(["translations", FIXTURES])
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        human.contains("tests/fixtures/translations/en/swapped.md → tests/fixtures/translations/ru/swapped.md  (folder)"),
        "{human}"
    );
    assert!(
        human.ends_with("14 pairs and 2 unpaired documents.\n"),
        "{human}"
    );
}

/// A repository whose README has a Russian translation under a name no
/// rule pairs, with `extra` added to its config.
fn readme_pair(extra: &str) -> tempfile::TempDir {
    tree(&[
        (
            "clientele.toml",
            &format!(
                "[rules]\nmixed-terms = \"off\"\n\n[translations]\npairs = [[\"README.md\", \"README-RUS.md\"]]\n{extra}"
            ),
        ),
        (
            "README.md",
            "# Studio\n\nClients get a named designer; customers buy templates.\n",
        ),
        (
            "README-RUS.md",
            "# Студия\n\nКлиенты получают дизайнера; клиенты покупают шаблоны.\n",
        ),
    ])
}

#[test]
fn config_pairs_join_files_the_names_do_not() {
    let dir = readme_pair("");
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let found = collapses(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["path"], "README-RUS.md");
    assert_eq!(found[0]["matched"], "Клиенты");
    let listing = clientele(dir.path()).arg("translations").output().unwrap();
    assert_eq!(
        String::from_utf8(listing.stdout).unwrap(),
        "Translations (source → translation, paired by):\n  README.md → README-RUS.md  (config)\n1 pair and 0 unpaired documents.\n"
    );
}

#[test]
fn the_rule_is_levelled_and_silenced_like_any_other() {
    let dir = readme_pair("");
    std::fs::write(
        dir.path().join("clientele.toml"),
        "fail-on = \"warning\"\n[rules]\nmixed-terms = \"off\"\ntranslation-collapse = \"error\"\n[translations]\npairs = [[\"README.md\", \"README-RUS.md\"]]\n",
    )
    .unwrap();
    let output = clientele(dir.path())
        .args(["--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("README-RUS.md:3:1: error[translation-collapse]"),
        "{stdout}"
    );

    let silenced = readme_pair("");
    std::fs::write(
        silenced.path().join("README-RUS.md"),
        "# Студия\n\n<!-- clientele-disable translation-collapse -->\n\nКлиенты получают дизайнера; клиенты покупают шаблоны.\n",
    )
    .unwrap();
    let output = clientele(silenced.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(collapses(&json(&output.stdout)).is_empty());
}

#[test]
fn an_unknown_source_language_is_a_config_error() {
    let dir = readme_pair("source = \"fr\"\n");
    let output = clientele(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown language `fr`"), "{stderr}");
    assert!(stderr.contains("clientele.toml:6:"), "{stderr}");
}

#[test]
fn a_missing_config_pair_source_is_an_error_and_the_rest_is_checked() {
    let dir = readme_pair("");
    std::fs::remove_file(dir.path().join("README.md")).unwrap();
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("README.md"), "{stderr}");
    assert_eq!(json(&output.stdout)["summary"]["files"], 1);
}

#[test]
fn the_baseline_records_translation_findings() {
    let dir = readme_pair("");
    let written = clientele(dir.path()).arg("baseline").output().unwrap();
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    let output = clientele(dir.path())
        .args(["--format", "json", "--baseline", "clientele-baseline.json"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    assert!(collapses(&report).is_empty(), "{report:#}");
    assert_eq!(report["summary"]["baselined"], 1);
}

#[test]
fn explain_describes_the_rule() {
    let output = clientele(&root())
        .args(["explain", "translation-collapse"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("[translations]"), "{text}");
    assert!(text.contains("`clientele translations`"), "{text}");
}
