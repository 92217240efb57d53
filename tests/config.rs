//! Configuration files: discovery, keys, and errors that point into the file.

use predicates::prelude::*;

use crate::support::{clientele, findings, json, tree};

fn rules_of(dir: &std::path::Path, args: &[&str]) -> Vec<(String, String, String)> {
    let output = clientele(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    findings(&json(&output.stdout))
}

#[test]
fn the_nearest_config_applies_to_each_file() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", "Our customers.\n"),
        ("shop/clientele.toml", "business = \"transactional\"\n"),
        ("shop/b.md", "Our customers and a client.\n"),
        ("shop/deep/c.md", "A client.\n"),
        ("shop/deep/d/.clientele.toml", "business = \"mixed\"\n"),
        ("shop/deep/d/e.md", "A client.\n"),
    ]);
    assert_eq!(
        rules_of(dir.path(), &[]),
        [
            ("a.md".into(), "wrong-term".into(), "customers".into()),
            ("shop/b.md".into(), "wrong-term".into(), "client".into()),
            (
                "shop/deep/c.md".into(),
                "wrong-term".into(),
                "client".into()
            ),
        ]
    );
}

#[test]
fn config_flag_names_one_file_for_all() {
    let dir = tree(&[
        ("shared.toml", "business = \"transactional\"\n"),
        ("docs/clientele.toml", "business = \"relationship\"\n"),
        ("docs/a.md", "A client.\n"),
    ]);
    assert_eq!(
        rules_of(dir.path(), &["--config", "shared.toml", "docs"]),
        [("docs/a.md".into(), "wrong-term".into(), "client".into())]
    );
}

#[test]
fn excluded_files_are_not_checked() {
    let dir = tree(&[
        (
            "docs/clientele.toml",
            "business = \"relationship\"\nexclude = [\"CHANGELOG.md\", \"vendor/**\"]\n",
        ),
        ("docs/a.md", "A customer.\n"),
        ("docs/CHANGELOG.md", "A customer.\n"),
        ("docs/vendor/x/b.md", "A customer.\n"),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(findings(&report).len(), 1);
}

#[test]
fn rule_severities_and_allowed_phrases_apply() {
    let dir = tree(&[
        (
            "clientele.toml",
            "business = \"relationship\"\n[rules]\nwrong-term = \"warning\"\n[allow]\nphrases = [\"customer portal\"]\n",
        ),
        ("a.md", "Open the Customer Portal. Customers wait.\n"),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output.stdout);
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
    assert_eq!(report["diagnostics"][0]["matched"], "Customers");
}

#[track_caller]
fn assert_config_error(config: &str, expected: &[&str]) {
    let dir = tree(&[("clientele.toml", config), ("a.md", "A customer.\n")]);
    let mut assert = clientele(dir.path()).assert().code(2);
    for part in expected {
        assert = assert.stderr(predicate::str::contains(*part));
    }
}

#[test]
fn bad_configs_are_errors_pointing_into_the_file() {
    assert_config_error(
        "business = \"retail\"\n",
        &[
            "invalid configuration: unknown business type `retail`; expected one of `transactional`, `relationship`, `membership`, `mixed`",
            "--> clientele.toml:1:12",
        ],
    );
    assert_config_error(
        "\n\ncolour = true\n",
        &["unknown field `colour`", "clientele.toml:3:1"],
    );
    assert_config_error(
        "[rules]\nwrong-term = \"fatal\"\n",
        &["unknown variant `fatal`", "clientele.toml:2:14"],
    );
    assert_config_error(
        "[rules]\nwrong-terms = \"off\"\n",
        &["unknown rule `wrong-terms`", "clientele.toml:2:1"],
    );
    assert_config_error("fail-on = 3\n", &["clientele.toml:1:11"]);
    assert_config_error("business = \n", &["clientele.toml:1"]);
}

#[test]
fn a_broken_config_skips_only_the_files_under_it() {
    let dir = tree(&[
        ("bad/clientele.toml", "business = \"retail\"\n"),
        ("bad/a.md", "A customer.\n"),
        ("good/clientele.toml", "business = \"relationship\"\n"),
        ("good/b.md", "A customer.\n"),
    ]);
    clientele(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad/clientele.toml"))
        .stdout(predicate::str::contains("good/b.md:1:3"))
        .stdout(predicate::str::contains("in 1 file."));
}

#[test]
fn a_missing_config_flag_file_is_an_error() {
    let dir = tree(&[("a.md", "x\n")]);
    clientele(dir.path())
        .args(["--config", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.toml"));
}
