//! The report formats of CI systems: GitLab's Code Quality report (checked
//! against a schema written from GitLab's documentation) and JUnit XML
//! (read back by junitparser in CI: tests/integrations/junit_check.py).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::{clientele, json, root, run_format, tree};

/// The Code Quality report's schema (tests/data), compiled.
fn gitlab_schema() -> jsonschema::Validator {
    let path = root().join("tests/data/gitlab-code-quality.schema.json");
    let schema: Value = json(&std::fs::read(path).unwrap());
    jsonschema::validator_for(&schema).unwrap()
}

/// `report` checked against the schema; the errors, one per line, if any.
fn schema_errors(report: &Value) -> String {
    gitlab_schema()
        .iter_errors(report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn issues(report: &Value) -> &Vec<Value> {
    report.as_array().unwrap()
}

fn fingerprints(report: &Value) -> Vec<&str> {
    issues(report)
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect()
}

/// A folder with an error, a warning and an info finding in one file, a
/// clean file and a file whose front matter stops it.
fn small_fixture() -> tempfile::TempDir {
    tree(&[
        (
            "clientele.toml",
            "business = \"relationship\"\n\n[rules]\nself-contrast = \"warning\"\ninvalid-directive = \"info\"\n",
        ),
        (
            "docs/guide.md",
            "# Guide\n\nOur customers pay.\n\nA client vs a client.\n\n<!-- clientele-disable wrong-trm -->\n",
        ),
        ("docs/clean.md", "Nothing to see.\n"),
        (
            "docs/stopped.md",
            "---\nclientele:\n  business: retail\n---\nText.\n",
        ),
    ])
}

#[test]
fn gitlab_on_the_examples_validates_and_agrees_with_the_json_report() {
    let (stdout, code) = run_format(&root(), "gitlab", &["examples/"]);
    assert_eq!(code, Some(1));
    let report = json(stdout.as_bytes());
    let errors = schema_errors(&report);
    assert!(errors.is_empty(), "{errors}");
    let (stdout, _) = run_format(&root(), "json", &["examples/"]);
    let expected: Vec<(String, u64, String, &str)> = json(stdout.as_bytes())["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let severity = match d["severity"].as_str().unwrap() {
                "error" => "major",
                "warning" => "minor",
                _ => "info",
            };
            (
                d["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
                severity,
            )
        })
        .collect();
    let got: Vec<(String, u64, String, &str)> = issues(&report)
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap().to_owned(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
                i["check_name"].as_str().unwrap().to_owned(),
                i["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(got.iter().any(|i| i.3 == "minor"), "{got:?}");
    let all = fingerprints(&report);
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "{all:?}");
}

#[test]
fn the_gitlab_schema_check_rejects_a_broken_report() {
    // The validation above would pass on anything if the schema did not
    // hold GitLab's constraints.
    let (stdout, _) = run_format(&root(), "gitlab", &["examples/shop"]);
    let mut report = json(stdout.as_bytes());
    report[0]["severity"] = Value::from("error");
    report[0]["location"]["path"] = Value::from("/srv/repo/a.md");
    report[1]
        .as_object_mut()
        .unwrap()
        .remove("fingerprint")
        .unwrap();
    report[2]["location"]["lines"]["begin"] = Value::from("3");
    let errors = schema_errors(&report);
    for expected in ["\"error\"", "/srv/repo/a.md", "fingerprint", "\"3\""] {
        assert!(errors.contains(expected), "{expected}: {errors}");
    }
}

#[test]
fn gitlab_fingerprints_survive_lines_moving_and_are_unique() {
    let config = ("clientele.toml", "business = \"relationship\"\n");
    // The same finding twice in one sentence: one baseline fingerprint.
    let text = "Our customers and customers agree. Our customers pay.\n";
    let report = |doc: &str| -> Value {
        let dir = tree(&[config, ("guide.md", doc)]);
        let (stdout, code) = run_format(dir.path(), "gitlab", &["guide.md"]);
        assert_eq!(code, Some(1));
        json(stdout.as_bytes())
    };
    let before = report(text);
    let first = fingerprints(&before);
    assert_eq!(first.len(), 3);
    assert_eq!(first.iter().collect::<BTreeSet<_>>().len(), 3, "{first:?}");
    assert_eq!(first[1], format!("{}-2", first[0]));
    let moved = report(&format!("# Title\n\nA new paragraph.\n\n{text}"));
    assert_eq!(fingerprints(&moved), first);
    let lines = |r: &Value| -> Vec<u64> {
        issues(r)
            .iter()
            .map(|i| i["location"]["lines"]["begin"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(lines(&before), [1, 1, 1]);
    assert_eq!(lines(&moved), [5, 5, 5]);
    // The fingerprint of a finding alone is the one SARIF gives it.
    let dir = tree(&[config, ("guide.md", text)]);
    let (stdout, _) = run_format(dir.path(), "sarif", &["guide.md"]);
    let sarif = json(stdout.as_bytes());
    assert_eq!(
        sarif["runs"][0]["results"][2]["partialFingerprints"]["clienteleFinding/v1"],
        first[2]
    );
}

#[test]
fn gitlab_paths_are_relative_to_the_current_folder() {
    let config = ("clientele.toml", "business = \"relationship\"\n");
    let dir = tree(&[config, ("docs/guide.md", "Our customers pay.\n")]);
    let here = dir.path().canonicalize().unwrap();
    let absolute = here.join("docs/guide.md");
    let (stdout, _) = run_format(&here, "gitlab", &[absolute.to_str().unwrap()]);
    let report = json(stdout.as_bytes());
    assert_eq!(report[0]["location"]["path"], "docs/guide.md");
    // From the same folder, by a relative path: the same issue.
    let (stdout, _) = run_format(&here, "gitlab", &["./docs/guide.md"]);
    assert_eq!(json(stdout.as_bytes()), report);
    // Outside the current folder the path stays as it was given.
    let elsewhere = tempfile::tempdir().unwrap();
    let (stdout, _) = run_format(elsewhere.path(), "gitlab", &[absolute.to_str().unwrap()]);
    let report = json(stdout.as_bytes());
    assert_eq!(report[0]["location"]["path"], absolute.to_str().unwrap());
}

#[test]
fn gitlab_shows_an_error_that_stopped_a_file_as_a_critical_issue() {
    let dir = small_fixture();
    let (stdout, code) = run_format(dir.path(), "gitlab", &[]);
    assert_eq!(code, Some(2));
    let report = json(stdout.as_bytes());
    let errors = schema_errors(&report);
    assert!(errors.is_empty(), "{errors}");
    let stopped: Vec<&Value> = issues(&report)
        .iter()
        .filter(|i| i["check_name"] == "error")
        .collect();
    assert_eq!(stopped.len(), 1, "{report:#}");
    assert_eq!(stopped[0]["severity"], "critical");
    assert_eq!(stopped[0]["location"]["path"], "docs/stopped.md");
    assert_eq!(stopped[0]["location"]["lines"]["begin"], 3);
    assert!(
        stopped[0]["description"]
            .as_str()
            .unwrap()
            .contains("retail")
    );
}

#[test]
fn gitlab_and_junit_snapshots_on_a_small_fixture() {
    let dir = small_fixture();
    let (gitlab, _) = run_format(dir.path(), "gitlab", &[]);
    insta::assert_snapshot!("gitlab_on_a_small_fixture", gitlab);
    let (junit, _) = run_format(dir.path(), "junit", &[]);
    insta::assert_snapshot!("junit_on_a_small_fixture", junit);
}

/// `(tests, failures, errors)` of the `<testsuite>` line of a JUnit report.
fn junit_counts(xml: &str) -> String {
    let line = xml
        .lines()
        .find(|l| l.trim_start().starts_with("<testsuite "))
        .unwrap();
    let start = line.find("tests=").unwrap();
    let end = line.find(" skipped=").unwrap();
    line[start..end].to_owned()
}

#[test]
fn junit_fails_the_findings_fail_on_fails_and_counts_them() {
    let dir = small_fixture();
    let (xml, code) = run_format(dir.path(), "junit", &[]);
    assert_eq!(code, Some(2));
    assert_eq!(junit_counts(&xml), r#"tests="3" failures="1" errors="1""#);
    assert!(xml.contains(r#"<failure type="error" message="wrong-term: `customers`"#));
    // Below `fail-on`: lines of the test case's output.
    assert!(xml.contains(
        "<system-out>docs/guide.md:5:15: warning[self-contrast] `client` is contrasted with itself"
    ));
    assert!(xml.contains("docs/guide.md:7:24: info[invalid-directive] unknown rule"));
    assert!(xml.contains(r#"<testcase classname="docs/clean.md" name="docs/clean.md"/>"#));
    assert!(
        xml.contains(
            r#"<error type="error" message="invalid front matter: docs/stopped.md:3:13: "#
        )
    );
    let (xml, _) = run_format(dir.path(), "junit", &["--fail-on", "warning"]);
    assert_eq!(junit_counts(&xml), r#"tests="3" failures="2" errors="1""#);
    assert!(xml.contains(r#"<failure type="warning" message="self-contrast: "#));
    let (xml, _) = run_format(dir.path(), "junit", &["--fail-on", "never"]);
    assert_eq!(junit_counts(&xml), r#"tests="3" failures="0" errors="1""#);
    assert!(xml.contains("docs/guide.md:3:5: error[wrong-term] `customers`"));
}

#[test]
fn junit_follows_the_fail_on_of_each_file() {
    let config = "business = \"relationship\"\n\n[rules]\nwrong-term = \"warning\"\n";
    let strict = format!("fail-on = \"warning\"\n{config}");
    let dir = tree(&[
        ("clientele.toml", config),
        ("a.md", "Our customers pay.\n"),
        ("strict/clientele.toml", &strict),
        ("strict/b.md", "Our customers pay.\n"),
    ]);
    let (xml, code) = run_format(dir.path(), "junit", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(junit_counts(&xml), r#"tests="2" failures="1" errors="0""#);
    assert!(xml.contains(r#"<failure type="warning" message="wrong-term: `customers`"#));
    assert!(xml.contains("<system-out>a.md:1:5: warning[wrong-term]"));
}

#[test]
fn junit_escapes_markup_and_leaves_out_what_xml_cannot_hold() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a<&\"'>\u{1}.md", "Our customers pay <&\"'>.\n"),
        (
            "b<&\"'>\u{1}.md",
            "---\nclientele:\n  business: retail\n---\n",
        ),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "junit"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !output.stdout.contains(&1),
        "a control character was written"
    );
    let xml = String::from_utf8(output.stdout).unwrap();
    let name = r"a&lt;&amp;&quot;&apos;&gt;\x01.md";
    assert!(
        xml.contains(&format!(r#"<testcase classname="{name}" name="{name}">"#)),
        "{xml}"
    );
    assert!(
        xml.contains(&format!(">{name}:1:5\nhelp: replace")),
        "{xml}"
    );
    let other = r"b&lt;&amp;&quot;&apos;&gt;\x01.md";
    assert!(
        xml.contains(&format!(
            r#"<error type="error" message="invalid front matter: {other}:3:13: "#
        )),
        "{xml}"
    );
}

#[test]
fn the_gitlab_example_hands_the_code_quality_report_to_gitlab() {
    let path = root().join("examples/ci/gitlab-ci.yml");
    let yaml: Value = serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let job = &yaml["clientele"];
    let report = job["artifacts"]["reports"]["codequality"].as_str().unwrap();
    let written = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|line| line.starts_with("clientele --format gitlab "))
        .unwrap();
    assert!(
        written.contains(&format!("> {report} ")),
        "{written} does not write {report}"
    );
    assert_eq!(job["artifacts"]["when"], "always");
}
