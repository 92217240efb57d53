//! A reader that stops early (`clientele docs/ | head -1`) does not turn
//! a failing run into a passing one: the exit status is the one the
//! findings decide, as if the output had all been read.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::support::tree;

/// Enough findings that their output cannot fit in a pipe's buffer
/// (64 KiB on Linux), so the run is still writing when the reader goes.
fn many_findings(dir: &Path) {
    let page = "Our customers get a report.\n\n".repeat(20);
    for i in 0..150 {
        std::fs::write(dir.join(format!("page-{i:03}.md")), &page).unwrap();
    }
}

/// Read the first line `child` writes to its stdout, then close the pipe.
fn read_one_line(child: &mut Child) {
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(!line.is_empty(), "no output at all");
}

/// The exit code of `clientele ARGS` in `dir` when its reader stops after
/// the first line.
fn code_after_one_line(dir: &Path, args: &[&str]) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    read_one_line(&mut child);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("Broken pipe") && !stderr.contains("error: "),
        "a closed pipe is not an error to report: {stderr}"
    );
    output.status.code()
}

#[test]
fn a_reader_that_stops_early_keeps_the_exit_status_of_the_findings() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    many_findings(dir.path());
    for format in ["human", "concise", "github"] {
        let args = ["--color", "never", "--format", format, "."];
        assert_eq!(code_after_one_line(dir.path(), &args), Some(1), "{format}");
    }
}

#[test]
fn a_reader_that_stops_early_keeps_the_exit_status_of_an_error() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    many_findings(dir.path());
    // Read after every page, in path order: the error comes last.
    std::fs::write(dir.path().join("zz-latin1.md"), b"caf\xe9\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["--color", "never", "--format", "concise", "."])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    read_one_line(&mut child);
    assert_eq!(child.wait().unwrap().code(), Some(2));
}

#[test]
fn a_reader_of_both_streams_that_stops_early_keeps_the_exit_status() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    many_findings(dir.path());
    // Not UTF-8: an error on stderr, written after the reader has gone.
    std::fs::write(dir.path().join("zz-latin1.md"), b"caf\xe9\n").unwrap();
    // `clientele . 2>&1 | head -1`: both streams into one pipe.
    let mut child = Command::new("sh")
        .args(["-c", "exec \"$0\" --color never --format concise . 2>&1"])
        .arg(env!("CARGO_BIN_EXE_clientele"))
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    read_one_line(&mut child);
    assert_eq!(child.wait().unwrap().code(), Some(2));
}
