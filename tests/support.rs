//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The crate root, where `examples/` lives.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/seeds/<name>`, the source articles beside the repository.
pub fn seed(name: &str) -> PathBuf {
    root().join("../shared/seeds").join(name)
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

/// `(path, matched)` rows as [`wrong_terms`] returns them.
pub fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|&(path, matched)| (path.to_owned(), matched.to_owned()))
        .collect()
}
