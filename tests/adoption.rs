//! Adopting clientele in a repository that already has findings: a
//! baseline, and `--since` for pull requests, in a throwaway git
//! repository, with English, Russian and Chinese text.

use std::path::Path;

use crate::support::{clientele, findings, git, json, tree};

const CONFIG: &str = "business = \"relationship\"\nbaseline = \"clientele-baseline.json\"\n";

/// Old documentation, each page with a wrong term in its language.
const EN: &str = "# Guide\n\nOur customers get a monthly report.\n";
const RU: &str = "# Отчёты\n\nНаши заказчики получают отчёт каждый месяц.\n";
const ZH: &str = "# 报告\n\n我们的顾客每月收到报告。\n";

/// A repository with the old pages committed, and a config that names a
/// baseline.
fn repository() -> tempfile::TempDir {
    repository_with(CONFIG)
}

/// A repository with the old pages committed, and `config`.
fn repository_with(config: &str) -> tempfile::TempDir {
    let dir = tree(&[
        ("clientele.toml", config),
        ("docs/en.md", EN),
        ("docs/ru.md", RU),
        ("docs/zh.md", ZH),
    ]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "docs"]);
    dir
}

#[allow(clippy::disallowed_methods, reason = "the tests edit their fixtures")]
fn write(dir: &Path, path: &str, text: &str) {
    std::fs::write(dir.join(path), text).unwrap();
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap()
}

/// The JSON report of a run with `args`, and its exit code.
fn run(dir: &Path, args: &[&str]) -> (serde_json::Value, Option<i32>) {
    let output = clientele(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    (json(&output.stdout), output.status.code())
}

fn matched(report: &serde_json::Value) -> Vec<(String, String)> {
    findings(report)
        .into_iter()
        .map(|(path, _, matched)| (path, matched))
        .collect()
}

fn baseline(dir: &Path, args: &[&str]) -> String {
    let output = clientele(dir).arg("baseline").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_baseline_silences_todays_findings_and_only_new_ones_fail() {
    let dir = repository_with("business = \"relationship\"\n");
    let (before, code) = run(dir.path(), &["docs/"]);
    assert_eq!(code, Some(1));
    assert_eq!(findings(&before).len(), 3);
    write(dir.path(), "clientele.toml", CONFIG);

    let said = baseline(dir.path(), &["docs/"]);
    assert_eq!(
        said,
        "Wrote 3 findings in 3 files to clientele-baseline.json.\n"
    );
    let (after, code) = run(dir.path(), &["docs/"]);
    assert_eq!(code, Some(0), "{after}");
    assert_eq!(after["summary"]["baselined"], 3);

    // A new finding in each language: only they are reported.
    write(
        dir.path(),
        "docs/en.md",
        &format!("{EN}A customer called.\n"),
    );
    write(
        dir.path(),
        "docs/ru.md",
        &format!("{RU}Покупатель позвонил.\n"),
    );
    write(dir.path(), "docs/zh.md", &format!("{ZH}顾客来电。\n"));
    let (new, code) = run(dir.path(), &["docs/"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        matched(&new),
        [
            ("docs/en.md".to_owned(), "customer".to_owned()),
            ("docs/ru.md".to_owned(), "Покупатель".to_owned()),
            ("docs/zh.md".to_owned(), "顾客".to_owned()),
        ]
    );
    assert_eq!(new["summary"]["baselined"], 3);
}

#[test]
fn lines_inserted_above_keep_a_finding_baselined() {
    let dir = repository();
    baseline(dir.path(), &[]);
    for (path, text) in [("docs/en.md", EN), ("docs/ru.md", RU), ("docs/zh.md", ZH)] {
        let moved = text.replacen('\n', "\n\nA new first paragraph.\n\nAnd another one.\n", 1);
        write(dir.path(), path, &moved);
    }
    let (report, code) = run(dir.path(), &["docs/"]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["summary"]["baselined"], 3);
}

#[test]
fn a_fixed_finding_makes_its_record_stale_and_prune_removes_it() {
    let dir = repository();
    baseline(dir.path(), &[]);
    write(
        dir.path(),
        "docs/ru.md",
        &RU.replace("заказчики", "клиенты"),
    );
    write(dir.path(), "docs/zh.md", &ZH.replace("顾客", "客户"));
    clientele(dir.path())
        .arg("--check-baseline")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "clientele-baseline.json: stale: docs/ru.md: wrong-term `заказчики` is no longer found",
        ))
        .stderr(predicates::str::contains(
            "clientele-baseline.json: stale: docs/zh.md: wrong-term `顾客` is no longer found",
        ));
    // Without --check-baseline, stale records do not fail the run.
    clientele(dir.path()).assert().code(0);

    let said = baseline(dir.path(), &["--prune"]);
    assert_eq!(
        said,
        "Wrote 1 finding in 1 file to clientele-baseline.json (2 findings no longer found, removed).\n"
    );
    let file = read(dir.path(), "clientele-baseline.json");
    assert!(file.contains("\"matched\":\"customers\""), "{file}");
    assert!(
        !file.contains("顾客") && !file.contains("заказчики"),
        "{file}"
    );
    clientele(dir.path())
        .arg("--check-baseline")
        .assert()
        .code(0);
}

#[test]
fn prune_records_nothing_new_and_a_partial_baseline_keeps_other_files() {
    let dir = repository();
    baseline(dir.path(), &[]);
    write(
        dir.path(),
        "docs/en.md",
        &format!("{EN}A customer called.\n"),
    );
    baseline(dir.path(), &["--prune"]);
    let (report, code) = run(dir.path(), &[]);
    assert_eq!(code, Some(1), "prune must not record the new finding");
    assert_eq!(findings(&report).len(), 1);

    // Re-recording one file leaves the others' records alone.
    baseline(dir.path(), &["docs/en.md"]);
    let (report, code) = run(dir.path(), &[]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["summary"]["baselined"], 4);
}

#[test]
fn the_baseline_file_is_sorted_with_one_finding_per_line() {
    let dir = repository();
    baseline(dir.path(), &[]);
    let file = read(dir.path(), "clientele-baseline.json");
    let lines: Vec<&str> = file.lines().filter(|l| l.contains("\"path\"")).collect();
    assert_eq!(lines.len(), 3);
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted);
    assert!(lines[0].starts_with(
        r#"    {"path":"docs/en.md","rule":"wrong-term","matched":"customers","sentence":""#
    ));
    // Taken twice, the file is the same.
    baseline(dir.path(), &[]);
    assert_eq!(read(dir.path(), "clientele-baseline.json"), file);
}

#[test]
fn since_reports_only_changed_lines_across_renames_and_new_files() {
    let dir = repository_with("business = \"relationship\"\n");
    git(dir.path(), &["checkout", "-q", "-b", "feature"]);
    // Renamed, untouched: its old finding is not on a changed line.
    git(dir.path(), &["mv", "docs/zh.md", "docs/zh-guide.md"]);
    // Changed: one new line with a finding, below an old one.
    write(
        dir.path(),
        "docs/en.md",
        &format!("{EN}A customer called.\n"),
    );
    // New and committed; and new and untracked.
    write(dir.path(), "docs/new.md", "Наш заказчик доволен.\n");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "feature"]);
    write(dir.path(), "docs/draft.md", "新的顾客。\n");

    let (report, code) = run(dir.path(), &["--since", "main", "docs/"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        matched(&report),
        [
            ("docs/draft.md".to_owned(), "顾客".to_owned()),
            ("docs/en.md".to_owned(), "customer".to_owned()),
            ("docs/new.md".to_owned(), "заказчик".to_owned()),
        ]
    );
    assert_eq!(report["summary"]["unchanged"], 3);

    // Nothing changed since HEAD but the untracked draft.
    let (report, _) = run(dir.path(), &["--since", "HEAD", "docs/"]);
    assert_eq!(
        matched(&report),
        [("docs/draft.md".to_owned(), "顾客".to_owned())]
    );
}

#[test]
fn since_outside_a_repository_or_with_an_unknown_revision_is_an_error() {
    let dir = tree(&[("a.md", "Our customers.\n")]);
    clientele(dir.path())
        .args(["--since", "main"])
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not in a git repository"));
    let dir = repository_with("business = \"relationship\"\n");
    clientele(dir.path())
        .args(["--since", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--since: `no-such-branch` is not a commit of this repository",
        ));
}

#[test]
fn a_missing_or_broken_baseline_is_an_error() {
    let dir = repository();
    clientele(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "clientele-baseline.json: invalid baseline: the file does not exist; write it with `clientele baseline`",
        ));
    write(
        dir.path(),
        "clientele-baseline.json",
        "{\"version\": 1, \"findings\": [{}]}",
    );
    clientele(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid baseline: missing field `path`",
        ));
}
