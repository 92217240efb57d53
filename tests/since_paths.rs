//! `--since` in a real git repository whose file names git quotes, pads or
//! cannot show as UTF-8, under a git config that changes every default
//! of `git diff` it can, and with revisions that look like options.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::support::{clientele, findings, git, json, tree};

/// A git config that changes what `git diff` writes, as a user's may.
const HOSTILE_CONFIG: &str = "\
[core]
    quotePath = false
[diff]
    noprefix = true
    mnemonicPrefix = true
    external = false
    relative = true
    interHunkContext = 10
    submodule = log
    renames = copies
[color]
    ui = always
    diff = always
[diff \"shout\"]
    binary = true
    textconv = sed s/^/X/
";

/// Attributes that make every page binary to `git diff`, or shown through
/// a text conversion.
const HOSTILE_ATTRIBUTES: &str = "*.md diff=shout\n";

/// A page with an old finding, to be renamed with a line added.
const MOVED: &str = "# Moved\n\nOur customers.\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n";

fn git_str(dir: &Path, args: &[&str]) {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    git(dir, &args);
}

/// A repository whose first commit holds `names`, each a clean page, and
/// a page with an old finding between two lines that will change.
fn repository(names: &[&[u8]]) -> tempfile::TempDir {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("old.md", "First.\n\nSecond.\n\nOur customers.\n\nThird.\n"),
        ("moved.md", MOVED),
    ]);
    for name in names {
        let path = dir.path().join(OsStr::from_bytes(name));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "# Title\n").unwrap();
    }
    git_str(dir.path(), &["init", "-q", "-b", "main"]);
    git_str(dir.path(), &["add", "."]);
    git_str(dir.path(), &["commit", "-q", "-m", "docs"]);
    dir
}

/// The JSON report of `clientele --since main` in `dir` under
/// [`HOSTILE_CONFIG`], and its exit code.
fn since_main(dir: &Path, config: &Path) -> (serde_json::Value, Option<i32>) {
    let output = clientele(dir)
        .args(["--format", "json", "--since", "main"])
        .env("GIT_CONFIG_GLOBAL", config)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    (json(&output.stdout), output.status.code())
}

#[test]
fn since_finds_changed_lines_whatever_the_file_names_and_git_config() {
    let changed: [&[u8]; 8] = [
        b"User Guide/start.md",
        b"tab\there.md",
        b"quote\"d.md",
        b"new\nline.md",
        b"back\\slash.md",
        "привет мир.md".as_bytes(),
        b"lat\xe9in.md",
        b"esc\x1b[31m.md",
    ];
    let dir = repository(&changed);
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("gitconfig");
    let attributes = home.path().join("attributes");
    std::fs::write(&attributes, HOSTILE_ATTRIBUTES).unwrap();
    let hostile = format!(
        "{HOSTILE_CONFIG}[core]\n    attributesFile = {}\n",
        attributes.display()
    );
    std::fs::write(&config, hostile).unwrap();
    git_str(dir.path(), &["checkout", "-q", "-b", "feature"]);
    // A line added to each page; the old finding of `old.md` between two
    // changed lines; one page renamed with a line added, one new and
    // committed, one new and untracked, each with a space in its name.
    for name in changed {
        let path = dir.path().join(OsStr::from_bytes(name));
        std::fs::write(path, "# Title\n\nOur customers.\n").unwrap();
    }
    std::fs::write(
        dir.path().join("old.md"),
        "First, changed.\n\nSecond.\n\nOur customers.\n\nThird, changed.\n",
    )
    .unwrap();
    git_str(dir.path(), &["mv", "moved.md", "moved page.md"]);
    std::fs::write(
        dir.path().join("moved page.md"),
        format!("{MOVED}\nA customer called.\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("new page.md"), "Our customers.\n").unwrap();
    git_str(dir.path(), &["add", "."]);
    git_str(dir.path(), &["commit", "-q", "-m", "edits"]);
    std::fs::write(dir.path().join("draft page.md"), "Our customers.\n").unwrap();

    let (report, code) = since_main(dir.path(), &config);
    assert_eq!(code, Some(1), "{report}");
    let found = findings(&report);
    assert_eq!(found.len(), changed.len() + 3, "{report}");
    assert!(
        !found.iter().any(|(path, ..)| path == "old.md"),
        "the old finding between two changed lines is unchanged: {report}"
    );
    let moved: Vec<_> = found
        .iter()
        .filter(|(p, ..)| p == "moved page.md")
        .collect();
    assert_eq!(
        moved.len(),
        1,
        "only the added line of a renamed page: {report}"
    );
    assert_eq!(moved[0].2, "customer");
    assert_eq!(report["summary"]["unchanged"], 2, "{report}");
}

#[test]
fn since_refuses_revisions_that_look_like_options() {
    let dir = repository(&[b"a.md"]);
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("since-output");
    let write_out = format!("--output={}", out.display());
    for revision in ["--octopus", &write_out, "-p", ""] {
        clientele(dir.path())
            .arg(format!("--since={revision}"))
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "--since: `{revision}` is not a commit of this repository"
            )));
        assert!(!out.exists(), "git took `{revision}` for an option");
    }
    // A tag or an abbreviated commit still names the base.
    git_str(dir.path(), &["tag", "v1"]);
    std::fs::write(dir.path().join("a.md"), "# Title\n\nOur customers.\n").unwrap();
    for revision in ["v1", "HEAD~0", "main^{tree}"] {
        let output = clientele(dir.path())
            .args(["--format", "json", "--since", revision])
            .output()
            .unwrap();
        if revision == "main^{tree}" {
            assert_eq!(output.status.code(), Some(2), "a tree is not a commit");
            continue;
        }
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        assert_eq!(findings(&json(&output.stdout)).len(), 1);
    }
}
