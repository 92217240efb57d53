//! The command line end to end: exit codes, paths, file handling, explain.

use predicates::prelude::*;

use crate::support::{clientele, findings, json, root, tree};

#[test]
fn errors_fail_the_run_and_warnings_do_not_by_default() {
    clientele(&root()).arg("examples/services").assert().code(1);
    clientele(&root()).arg("examples/shop").assert().code(0);
}

#[test]
fn fail_on_decides_which_severity_fails() {
    clientele(&root())
        .args(["--fail-on", "warning", "examples/shop"])
        .assert()
        .code(1);
    clientele(&root())
        .args(["--fail-on", "never", "examples/services"])
        .assert()
        .code(0);
    let dir = tree(&[
        ("clientele.toml", "fail-on = \"warning\"\n"),
        ("a.md", "Clients and clients and a customer.\n"),
    ]);
    clientele(dir.path()).assert().code(1);
}

#[test]
fn a_clean_tree_exits_zero_with_a_summary() {
    let dir = tree(&[("a.md", "Our clients are happy.\n")]);
    clientele(dir.path())
        .assert()
        .code(0)
        .stdout("No problems found in 1 file.\n");
}

#[test]
fn no_paths_means_the_current_folder_and_paths_are_relative() {
    let dir = tree(&[("docs/a.md", "Clients, clients, a customer.\n")]);
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    assert_eq!(
        findings(&report),
        [("docs/a.md".into(), "mixed-terms".into(), "customer".into())]
    );
}

#[test]
fn walking_picks_markdown_extensions_and_honours_gitignore() {
    let dir = tree(&[
        ("a.md", "x"),
        ("b.markdown", "x"),
        ("c.mdx", "x"),
        ("d.txt", "Clients, clients, a customer."),
        ("ignored/e.md", "Clients, clients, a customer."),
        (".gitignore", "ignored/\n"),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    assert_eq!(report["summary"]["files"], 3);
    assert_eq!(findings(&report), []);
}

#[test]
fn a_file_named_on_the_command_line_is_read_as_markdown_whatever_its_extension() {
    let dir = tree(&[("notes.txt", "Clients, clients, a customer.\n")]);
    clientele(dir.path())
        .arg("notes.txt")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("notes.txt:1:21"));
}

#[test]
fn unreadable_and_undecodable_files_are_errors_and_the_run_goes_on() {
    let dir = tree(&[("good.md", "Clients, clients, a customer.\n")]);
    std::fs::write(dir.path().join("latin1.md"), b"caf\xe9 customers\n").unwrap();
    std::fs::write(dir.path().join("binary.md"), b"\x00\x01customer").unwrap();
    clientele(dir.path())
        .args(["missing.md", "latin1.md", "binary.md", "good.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.md: No such file or directory",
        ))
        .stderr(predicate::str::contains(
            "latin1.md: not valid UTF-8 (first invalid byte at offset 3)",
        ))
        .stderr(predicate::str::contains(
            "note: binary.md: skipped: binary file",
        ))
        .stdout(predicate::str::contains("good.md:1:21"))
        .stdout(predicate::str::contains("in 1 file."));
}

#[test]
fn explain_prints_a_rule_and_lists_them_all() {
    clientele(&root())
        .args(["explain", "wrong-term"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# wrong-term\n"))
        .stdout(predicate::str::contains("## Fix safety"));
    clientele(&root())
        .arg("explain")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrong-term"))
        .stdout(predicate::str::contains("mixed-terms"))
        .stdout(predicate::str::contains("self-contrast"));
    clientele(&root())
        .args(["explain", "self-contrast"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# self-contrast\n"))
        .stdout(predicate::str::contains("между клиентом и клиентом"))
        .stdout(predicate::str::contains("Not fixable"));
    clientele(&root())
        .args(["explain", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    clientele(&root()).arg("--format=xml").assert().code(2);
    clientele(&root()).arg("--help").assert().code(0);
    clientele(&root()).arg("--version").assert().code(0);
}

#[test]
fn check_is_the_default_command() {
    let plain = clientele(&root())
        .args(["--format", "json", "examples/shop"])
        .output()
        .unwrap();
    let check = clientele(&root())
        .args(["check", "--format", "json", "examples/shop"])
        .output()
        .unwrap();
    assert_eq!(plain.stdout, check.stdout);
    assert!(!plain.stdout.is_empty());
}

#[test]
fn self_contrast_is_an_error_by_default_and_can_be_relevelled() {
    let files = [(
        "guide.md",
        "# Guide\n\nThe difference between a client and a client.\n",
    )];
    let dir = tree(&files);
    clientele(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[self-contrast]: `client` is contrasted with itself",
        ))
        .stdout(predicate::str::contains("guide.md:3:39"))
        .stdout(predicate::str::contains("first side: `client`"));
    let config = "[rules]\nself-contrast = \"warning\"\n";
    std::fs::write(dir.path().join("clientele.toml"), config).unwrap();
    clientele(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[self-contrast]"));
    std::fs::write(
        dir.path().join("clientele.toml"),
        "[rules]\nself-contrast = \"off\"\n",
    )
    .unwrap();
    clientele(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found in 1 file."));
}
