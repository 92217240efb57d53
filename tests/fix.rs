//! `--fix` and `--diff` through the binary: a tree fixed in place, bytes
//! outside the fixes kept, files that cannot be written, standard input.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::support::{clientele, json, root, tree};

/// The fixture tree `--fix` starts from, and what it must become.
fn fixture(which: &str) -> PathBuf {
    root().join("tests/fixtures/fix").join(which)
}

/// Every file under `dir`, relative to it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// A temporary copy of the fixture tree `which`.
fn copy_of(which: &str) -> tempfile::TempDir {
    let from = fixture(which);
    let dir = tempfile::tempdir().unwrap();
    for file in files(&from) {
        let to = dir.path().join(&file);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from.join(&file), to).unwrap();
    }
    dir
}

#[track_caller]
fn assert_same_tree(actual: &Path, expected: &Path) {
    assert_eq!(files(actual), files(expected), "the files differ");
    for file in files(expected) {
        let (got, want) = (
            fs::read(actual.join(&file)).unwrap(),
            fs::read(expected.join(&file)).unwrap(),
        );
        assert!(
            got == want,
            "{}:\n--- got\n{}\n--- expected\n{}",
            file.display(),
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
    }
}

#[test]
fn a_tree_is_fixed_in_place_and_what_remains_is_reported() {
    let dir = copy_of("input");
    #[cfg(unix)]
    let untouched = {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(dir.path().join("clean.md")).unwrap().ino()
    };
    clientele(dir.path())
        .arg("--fix")
        .assert()
        // `clients, not customers` sets two words against each other: no
        // finding, and nothing to fix.
        .code(0)
        .stdout(predicate::str::ends_with(
            "Fixed 18 problems in 5 files.\nNo problems remain in 6 files.\n",
        ));
    assert_same_tree(dir.path(), &fixture("expected"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = fs::metadata(dir.path().join("clean.md")).unwrap().ino();
        assert_eq!(inode, untouched, "a file with nothing to fix was rewritten");
    }
    // A second run finds nothing more to fix.
    clientele(dir.path())
        .arg("--fix")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed").not());
    assert_same_tree(dir.path(), &fixture("expected"));
}

#[test]
fn the_diff_is_what_fix_would_do_and_nothing_is_written() {
    let dir = copy_of("input");
    let output = clientele(dir.path()).arg("--diff").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "Would fix 18 problems in 5 files.\n"
    );
    assert_same_tree(dir.path(), &fixture("input"));
    let diff = String::from_utf8(output.stdout).unwrap();
    assert!(
        diff.contains("--- a/ru/guide.md\n+++ b/ru/guide.md\n"),
        "{diff}"
    );
    for line in [
        "-Каждый покупатель получает персонального менеджера. Мы звоним покупателю\n",
        "+Каждый клиент получает персонального менеджера. Мы звоним клиенту\n",
    ] {
        assert!(diff.contains(line), "{diff}");
    }
    // The diff is a patch that git applies to give the fixed tree.
    fs::write(dir.path().join("fix.patch"), &diff).unwrap();
    let applied = std::process::Command::new("git")
        .args(["apply", "fix.patch"])
        .current_dir(dir.path())
        .status()
        .expect("git is needed to apply the patch");
    assert!(applied.success());
    fs::remove_file(dir.path().join("fix.patch")).unwrap();
    assert_same_tree(dir.path(), &fixture("expected"));
}

#[test]
fn a_diff_with_nothing_to_fix_succeeds_quietly() {
    let dir = tree(&[("a.md", "Our clients are happy.\n")]);
    clientele(dir.path())
        .arg("--diff")
        .assert()
        .code(0)
        .stdout("")
        .stderr("Nothing to fix in 1 file.\n");
}

#[test]
fn line_endings_bom_and_a_missing_final_newline_survive() {
    let before =
        "\u{feff}# Customers\r\n\r\nOur customers\u{2019} needs.\rCUSTOMERS\r\n\r\nClients";
    let after = "\u{feff}# Clients\r\n\r\nOur clients\u{2019} needs.\rCLIENTS\r\n\r\nClients";
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", before),
    ]);
    clientele(dir.path()).arg("--fix").assert().code(0);
    assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), after);
}

#[test]
fn a_read_only_file_is_reported_and_the_others_are_fixed() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", "A customer.\n"),
        ("b.md", "A customer.\n"),
    ]);
    let locked = dir.path().join("a.md");
    let mut permissions = fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&locked, permissions).unwrap();
    clientele(dir.path())
        .arg("--fix")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.md: not fixed: the file is read-only; the file is unchanged",
        ))
        // The unfixed file's finding is still reported.
        .stdout(predicate::str::contains("--> a.md:1:3"))
        .stdout(predicate::str::ends_with(
            "Fixed 1 problem in 1 file.\nFound 1 error in 2 files.\n1 fixable with `clientele --fix`.\n\
             1 error above: not everything was checked or fixed.\n",
        ));
    assert_eq!(fs::read_to_string(&locked).unwrap(), "A customer.\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("b.md")).unwrap(),
        "A client.\n"
    );
}

#[test]
fn after_a_fix_the_exit_code_reflects_what_remains() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", "A customer.\n"),
    ]);
    clientele(dir.path())
        .args(["--fix", "--format", "json"])
        .assert()
        .code(0)
        .stdout(predicate::function(|out: &str| {
            let report = json(out.as_bytes());
            report["summary"]["fixed"] == 1 && report["diagnostics"] == serde_json::json!([])
        }));
}

#[test]
fn mixed_terms_are_fixed_only_when_the_config_asks() {
    let text = "Customers pay. Customers return. A client asks.\n";
    for (config, expected) in [
        ("", text),
        (
            "fix-mixed-terms = true\n",
            "Customers pay. Customers return. A customer asks.\n",
        ),
    ] {
        let dir = tree(&[("clientele.toml", config), ("a.md", text)]);
        clientele(dir.path()).arg("--fix").assert().code(0);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.md")).unwrap(),
            expected,
            "{config}"
        );
    }
}

#[test]
fn stdin_is_fixed_to_stdout_with_the_report_on_stderr() {
    let dir = tree(&[("docs/clientele.toml", "business = \"relationship\"\n")]);
    clientele(dir.path())
        .args(["--fix", "-", "--stdin-filename", "docs/page.md"])
        .write_stdin("Our customers.\r\nНаши покупатели.")
        .assert()
        .code(0)
        .stdout("Our clients.\r\nНаши клиенты.")
        .stderr("Fixed 2 problems in 1 file.\nNo problems remain in 1 file.\n");
    // Outside the configured folder there is nothing to fix: the text
    // comes back as it went in.
    clientele(dir.path())
        .args(["--fix", "-"])
        .write_stdin("Our customers.")
        .assert()
        .code(0)
        .stdout("Our customers.");
    clientele(dir.path())
        .args(["--diff", "--stdin-filename", "docs/page.md"])
        .write_stdin("Our customers.\n")
        .assert()
        .code(1)
        .stdout(
            "--- a/docs/page.md\n+++ b/docs/page.md\n@@ -1 +1 @@\n-Our customers.\n+Our clients.\n",
        );
}

#[test]
fn stdin_that_cannot_be_checked_comes_back_unchanged() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let bytes = b"\xff customers\n".to_vec();
    clientele(dir.path())
        .args(["--fix", "-"])
        .write_stdin(bytes.clone())
        .assert()
        .code(2)
        .stdout(bytes)
        .stderr(predicate::str::contains("not valid UTF-8"));
}

#[test]
fn the_readme_example_is_what_fix_does() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("\n## Fixing\n").unwrap()..];
    let mut blocks = section
        .split("```markdown\n")
        .skip(1)
        .map(|rest| &rest[..rest.find("```").unwrap()]);
    let (before, after) = (blocks.next().unwrap(), blocks.next().unwrap());
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("page.md", before),
    ]);
    clientele(dir.path())
        .args(["--fix", "page.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("Fixed 8 problems in 1 file.\n"));
    assert_eq!(
        fs::read_to_string(dir.path().join("page.md")).unwrap(),
        after
    );
}

#[test]
fn a_fix_that_would_make_a_new_finding_is_not_applied_and_says_why() {
    // Two sections, one per role: fixing the second heading would repeat
    // the first word for word, which self-contrast flags.
    let page = "# Guide\n\n## Our clients\n\nWho they are.\n\n## Our customers\n\nWhat they buy.\n";
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("page.md", page),
    ]);
    clientele(dir.path())
        .args(["--fix", "page.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "help: not fixed: `clients` here would make a new finding (self-contrast: the heading `Our clients` is repeated); rewrite it by hand",
        ))
        .stdout(predicate::str::contains("Fixed").not());
    assert_eq!(
        fs::read_to_string(dir.path().join("page.md")).unwrap(),
        page
    );
    // The rest of a document is still fixed.
    let page = format!("{page}\nEvery customer gets a call.\n");
    fs::write(dir.path().join("page.md"), &page).unwrap();
    clientele(dir.path())
        .args(["--fix", "page.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Fixed 1 problem in 1 file."));
    assert_eq!(
        fs::read_to_string(dir.path().join("page.md")).unwrap(),
        page.replace("Every customer", "Every client")
    );
}

#[test]
fn a_line_added_while_the_file_is_being_fixed_is_never_lost() {
    // Long enough that the append lands while the fix is being worked
    // out: the file must then be left as the other writer made it. Landing
    // before the read or after the rename is fine too; losing it is not.
    let page = "Our customers sign contracts with us.\n\n";
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let path = dir.path().join("big.md");
    fs::write(&path, page.repeat(40_000)).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("clientele"))
        .current_dir(dir.path())
        .args(["--fix", "--format", "concise", "big.md"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let appended = "Appended by someone else.\n";
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, appended.as_bytes()))
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.ends_with(appended),
        "the appended line is gone; {stderr}"
    );
    if text.starts_with("Our customers") {
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(
            stderr,
            "error: big.md: not fixed: the file changed while it was being fixed; it is unchanged\n"
        );
    }
}

#[test]
fn the_diff_ends_its_last_line_so_the_summary_starts_its_own() {
    // Old Mac line endings (a bare `\r`) and no final newline: the diff
    // still ends each of its lines with `\n`, as `diff -u` does.
    let text = "# Guide\rOur customers\r";
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("guide.md", text),
    ]);
    let output = clientele(dir.path())
        .args(["--diff", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "Would fix 1 problem in 1 file.\n"
    );
    let diff = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        diff,
        "--- a/guide.md\n+++ b/guide.md\n@@ -1 +1 @@\n\
         -# Guide\rOur customers\r\n\\ No newline at end of file\n\
         +# Guide\rOur clients\r\n\\ No newline at end of file\n"
    );
    // And it is still the patch of what `--fix` does.
    fs::write(dir.path().join("fix.patch"), &diff).unwrap();
    let applied = std::process::Command::new("git")
        .args(["apply", "fix.patch"])
        .current_dir(dir.path())
        .status()
        .expect("git is needed to apply the patch");
    assert!(applied.success());
    assert_eq!(
        fs::read_to_string(dir.path().join("guide.md")).unwrap(),
        "# Guide\rOur clients\r"
    );
}
