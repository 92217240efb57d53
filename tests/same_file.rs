//! One file named several ways on the command line is one document:
//! checked once, reported once, fixed once, however many threads run.

use std::os::unix::fs::symlink;

use crate::support::{clientele, findings, json, tree};

const PAGE: &str = "# Guide\n\nOur customers get a report.\n";

/// `a.md` with one finding, a link to it and a hard link to it, and the
/// names a run gives: relative, with `./`, the links, absolute, and the
/// folder that holds it.
fn names() -> (tempfile::TempDir, Vec<String>) {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("docs/a.md", PAGE),
    ]);
    symlink("a.md", dir.path().join("docs/link-to-a.md")).unwrap();
    std::fs::hard_link(
        dir.path().join("docs/a.md"),
        dir.path().join("docs/hard.txt"),
    )
    .unwrap();
    let absolute = dir.path().join("docs/a.md").display().to_string();
    let names = [
        "docs/a.md",
        "./docs/a.md",
        "docs/link-to-a.md",
        "docs/hard.txt",
        &absolute,
        "docs/../docs/a.md",
        "docs",
    ];
    (dir, names.iter().map(|&n| n.to_owned()).collect())
}

#[test]
fn a_file_named_several_ways_is_checked_once_under_its_first_name() {
    for threads in ["1", "4"] {
        let (dir, names) = names();
        let output = clientele(dir.path())
            .args(["--format", "json"])
            .args(&names)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        let report = json(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{report}");
        let found = findings(&report);
        assert_eq!(found.len(), 1, "{report}");
        assert_eq!(found[0].0, "docs/a.md");
        assert_eq!(report["summary"]["files"], 1, "{report}");
    }
}

#[test]
fn a_file_named_several_ways_is_fixed_once() {
    for threads in ["1", "4"] {
        let (dir, names) = names();
        // A file with two names (hard links) is never replaced by --fix:
        // that would split it. The other ways of naming it stay.
        std::fs::remove_file(dir.path().join("docs/hard.txt")).unwrap();
        let names: Vec<&String> = names.iter().filter(|n| *n != "docs/hard.txt").collect();
        clientele(dir.path())
            .arg("--fix")
            .args(&names)
            .env("RAYON_NUM_THREADS", threads)
            .assert()
            .code(0)
            .stdout(predicates::str::contains(
                "Fixed 1 problem in 1 file.\nNo problems remain in 1 file.",
            ));
        let fixed = std::fs::read_to_string(dir.path().join("docs/a.md")).unwrap();
        assert_eq!(fixed, "# Guide\n\nOur clients get a report.\n");
        let linked = std::fs::read_to_string(dir.path().join("docs/link-to-a.md")).unwrap();
        assert_eq!(linked, fixed);
    }
}
