//! Helpers shared by the integration tests.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The crate root, where `examples/` lives.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/<path>` beside the checkout, for the tests that read the
/// seeds, the corpus or the schemas. Without it they are skipped with a
/// note, so that a lone clone still passes; under CI (`CI` set) its
/// absence is a failure, so CI never skips them.
pub fn shared(path: &str) -> Option<PathBuf> {
    let full = root().join("../shared").join(path);
    if full.exists() {
        return Some(full);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing, and CI is set: these tests must run",
        full.display()
    );
    // Written to the process's stderr, past the test harness's capture,
    // so that the skip shows in a passing run.
    let _ = writeln!(
        std::io::stderr(),
        "note: skipped, {} is not beside the checkout",
        full.display()
    );
    None
}

/// A source article of `../shared/seeds/`, or `None` (with a note) when
/// `../shared` is not beside the checkout.
pub fn seed(name: &str) -> Option<PathBuf> {
    shared(&format!("seeds/{name}"))
}

/// The `clientele` binary, run in `dir`, without colour from the environment.
pub fn clientele(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("clientele").unwrap();
    command.current_dir(dir).env_remove("NO_COLOR");
    command
}

/// A temporary folder holding `files` (path, contents).
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

/// Parse `--format json` output.
pub fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(output)))
}

/// `(path, rule, matched)` of each diagnostic of a JSON report.
pub fn findings(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
                d["matched"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `(path, matched)` of every wrong-term finding of a run in `dir`, in order.
pub fn wrong_terms(dir: &Path) -> Vec<(String, String)> {
    let output = clientele(dir).args(["--format", "json"]).output().unwrap();
    findings(&json(&output.stdout))
        .into_iter()
        .filter(|(_, rule, _)| rule == "wrong-term")
        .map(|(path, _, matched)| (path, matched))
        .collect()
}

/// The `matched` text of each `rule` finding in `doc`, checked as `doc.md`
/// beside a `clientele.toml` that holds `config`.
pub fn matched_in(config: &str, doc: &str, rule: &str) -> Vec<String> {
    let dir = tree(&[("clientele.toml", config), ("doc.md", doc)]);
    let output = clientele(dir.path())
        .args(["--format", "json", "doc.md"])
        .output()
        .unwrap();
    findings(&json(&output.stdout))
        .into_iter()
        .filter(|(_, r, _)| r == rule)
        .map(|(_, _, matched)| matched)
        .collect()
}

/// The stdout of `clientele --format <format> <args>` run in `dir`, and its
/// exit code.
pub fn run_format(dir: &Path, format: &str, args: &[&str]) -> (String, Option<i32>) {
    let output = clientele(dir)
        .args(["--format", format])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code(),
    )
}

/// `(path, matched)` rows as [`wrong_terms`] returns them.
pub fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|&(path, matched)| (path.to_owned(), matched.to_owned()))
        .collect()
}

/// Run git in `dir` with no config but a test identity, and assert it
/// succeeded.
pub fn git<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=Docs", "-c", "user.email=docs@example.com"])
        .args(&args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}
