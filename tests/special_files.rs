//! Files that are not plain files, files too large to read, files in
//! UTF-16, and packs a config may not read: each run ends, quickly, with a
//! clear message, and no file changes.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::support::{clientele, findings, json, tree};

/// Long enough for a debug build on a busy machine, far shorter than a
/// hang.
const PATIENCE: Duration = Duration::from_secs(60);

const GOOD: (&str, &str) = ("good.md", "A client vs a client.\n");

fn make_fifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Exit code, stdout and stderr of `clientele args` in `dir`, which must
/// end within [`PATIENCE`].
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = clientele(dir)
        .args(["--format", "concise", "--color", "never"])
        .args(args)
        .timeout(PATIENCE)
        .output()
        .unwrap();
    let code = output.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (code, stdout, stderr)
}

#[test]
fn a_pipe_nobody_writes_to_is_read_as_empty_instead_of_waiting_for_ever() {
    let dir = tree(&[GOOD]);
    make_fifo(&dir.path().join("pipe.md"));
    let (code, stdout, stderr) = run(dir.path(), &["pipe.md", "good.md"]);
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    assert!(stdout.contains("good.md:1:15:"), "{stdout}");
}

#[test]
fn a_pipe_with_a_writer_is_read_like_a_file() {
    // What `clientele <(cmd)` hands over: a pipe someone writes to.
    let dir = tree(&[]);
    let binary = assert_cmd::cargo::cargo_bin("clientele");
    let output = Command::new("bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "'{}' --format concise --color never <(printf 'A customer vs a customer.\\n')",
            binary.display()
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains(":1:17: error[self-contrast]"), "{stdout}");
}

#[test]
fn devices_and_links_to_them_are_refused_before_reading() {
    let dir = tree(&[GOOD]);
    symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    let refused = "not a regular file (a character device); clientele reads only files and pipes";
    for named in ["/dev/zero", "zero.md", "/dev/urandom"] {
        let (code, stdout, stderr) = run(dir.path(), &[named, "good.md"]);
        assert_eq!(code, 2, "{named}: {stderr}");
        assert_eq!(stderr, format!("error: {named}: {refused}\n"));
        assert!(stdout.contains("good.md:1:15:"), "{stdout}");
    }
    let _listening = std::os::unix::net::UnixListener::bind(dir.path().join("socket.md")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["socket.md", "good.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr,
        "error: socket.md: not a regular file (a socket); clientele reads only files and pipes\n"
    );
}

#[test]
fn a_config_or_baseline_that_is_a_device_or_a_silent_pipe_does_not_hang() {
    let dir = tree(&[GOOD]);
    make_fifo(&dir.path().join("pipe.toml"));
    make_fifo(&dir.path().join("pipe.json"));
    let cases: [(&[&str], &str); 4] = [
        (
            &["--config", "/dev/zero", "good.md"],
            "error: /dev/zero: not a regular file (a character device)",
        ),
        (
            &["--baseline", "/dev/zero", "good.md"],
            "error: /dev/zero: invalid baseline: not a regular file (a character device)",
        ),
        // An empty config is a valid one.
        (&["--config", "pipe.toml", "good.md"], ""),
        (
            &["--baseline", "pipe.json", "good.md"],
            "error: pipe.json: invalid baseline: EOF while parsing",
        ),
    ];
    for (args, expected) in cases {
        let (code, _, stderr) = run(dir.path(), args);
        assert!(stderr.starts_with(expected), "{args:?}: {stderr}");
        assert_eq!(code, if expected.is_empty() { 1 } else { 2 }, "{args:?}");
    }
}

#[test]
fn the_baseline_key_may_not_name_a_device() {
    let dir = tree(&[GOOD, ("clientele.toml", "baseline = \"/dev/zero\"\n")]);
    let (code, _, stderr) = run(dir.path(), &["good.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn a_file_over_the_size_limit_is_an_error_and_the_others_are_checked() {
    let big = "Setting up takes a few steps.\n".repeat(100);
    let dir = tree(&[GOOD, ("big.md", &big)]);
    let (code, stdout, stderr) = run(dir.path(), &["--max-file-size", "1K", "."]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: big.md: larger than 1 KiB, the most clientele reads from one file \
         (raise it with --max-file-size)\n"
    );
    assert!(stdout.contains("good.md:1:15:"), "{stdout}");
    let (code, _, stderr) = run(dir.path(), &["--max-file-size", "4K", "."]);
    assert_eq!((code, stderr.as_str()), (1, ""));
}

#[test]
fn standard_input_over_the_size_limit_is_an_error() {
    let dir = tree(&[]);
    let output = clientele(dir.path())
        .args(["--max-file-size", "1K", "-"])
        .write_stdin(vec![b'a'; 2048])
        .timeout(PATIENCE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: -: larger than 1 KiB"),
        "{stderr}"
    );
}

#[test]
fn a_size_that_is_not_one_is_a_usage_error() {
    let dir = tree(&[GOOD]);
    for size in ["12X", "0", "M", "99999999999G"] {
        let (code, _, stderr) = run(dir.path(), &["--max-file-size", size, "."]);
        assert_eq!(code, 2, "{size}");
        assert!(stderr.contains("is not a size"), "{size}: {stderr}");
    }
}

/// The exit code and stderr of a run on `good.md` in `repo` with a config
/// naming `packs`; the environment holds a secret a pack must not show.
fn run_with_packs(repo: &Path, packs: &str) -> (i32, String) {
    fs::write(repo.join("clientele.toml"), format!("packs = [{packs}]\n")).unwrap();
    let output = clientele(repo)
        .env("CLIENTELE_TEST_SECRET", "hunter2-token")
        .args(["--color", "never", "good.md"])
        .timeout(PATIENCE)
        .output()
        .unwrap();
    let code = output.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_pack_outside_the_repository_is_refused_without_being_shown() {
    let dir = tree(&[
        ("repo/good.md", GOOD.1),
        (
            "outside.toml",
            "lang = \"en\"\nsecret = \"do not print me\"\n",
        ),
    ]);
    let repo = dir.path().join("repo");
    fs::create_dir(repo.join(".git")).unwrap();
    // A link inside the repository to a file outside it is outside too.
    symlink("../outside.toml", repo.join("inside.toml")).unwrap();
    for pack in ["/proc/self/environ", "../outside.toml", "inside.toml"] {
        let (code, stderr) = run_with_packs(&repo, &format!("\"{pack}\""));
        assert_eq!(code, 2, "{stderr}");
        let refused = format!("cannot read the pack `{pack}`: it is outside");
        assert!(stderr.contains(&refused), "{stderr}");
        assert!(!stderr.contains("hunter2"), "{stderr}");
        assert!(!stderr.contains("do not print me"), "{stderr}");
    }
}

#[test]
fn a_pack_that_is_a_pipe_inside_the_repository_is_refused() {
    let dir = tree(&[GOOD, ("clientele.toml", "packs = [\"pipe.toml\"]\n")]);
    make_fifo(&dir.path().join("pipe.toml"));
    let (code, _, stderr) = run(dir.path(), &["good.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot read the pack `pipe.toml`: it is not a regular file"),
        "{stderr}"
    );
}

fn utf16(little_endian: bool, text: &str) -> Vec<u8> {
    let units = "\u{FEFF}".encode_utf16().chain(text.encode_utf16());
    if little_endian {
        units.flat_map(u16::to_le_bytes).collect()
    } else {
        units.flat_map(u16::to_be_bytes).collect()
    }
}

#[test]
fn utf16_files_are_checked_and_fixed_in_utf16() {
    let text = "# Заказы\n\nA customer vs a customer.\n\nOur clients sign contracts.\n";
    for little_endian in [true, false] {
        let dir = tree(&[("clientele.toml", "business = \"transactional\"\n")]);
        let path = dir.path().join("page.md");
        fs::write(&path, utf16(little_endian, text)).unwrap();
        let output = clientele(dir.path())
            .args(["--format", "json", "page.md"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let report = json(&output.stdout);
        let found: Vec<(String, String)> = findings(&report)
            .into_iter()
            .map(|(_, rule, matched)| (rule, matched))
            .collect();
        let expected = [("self-contrast", "customer"), ("wrong-term", "clients")];
        assert_eq!(found, expected.map(|(r, m)| (r.to_owned(), m.to_owned())));
        let (code, _, stderr) = run(dir.path(), &["--fix", "page.md"]);
        assert_eq!(code, 1, "{stderr}");
        let fixed = text.replace("Our clients", "Our customers");
        assert_eq!(fs::read(&path).unwrap(), utf16(little_endian, &fixed));
    }
}

#[test]
fn a_nul_character_makes_a_binary_file_in_utf16_as_in_utf8() {
    let text = "Our clients sign.\0\n";
    for (name, bytes) in [
        ("eight.md", text.as_bytes().to_vec()),
        ("sixteen.md", utf16(true, text)),
    ] {
        let dir = tree(&[("clientele.toml", "business = \"transactional\"\n")]);
        fs::write(dir.path().join(name), &bytes).unwrap();
        let (code, _, stderr) = run(dir.path(), &["--fix", name]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("note: {name}: skipped: binary file")),
            "{stderr}"
        );
        assert_eq!(fs::read(dir.path().join(name)).unwrap(), bytes);
    }
}

#[test]
fn a_broken_utf16_file_is_an_error_not_a_pass() {
    let dir = tree(&[GOOD]);
    let mut bytes = utf16(true, "A client.\n");
    bytes.extend([0x00, 0xD8]);
    fs::write(dir.path().join("broken.md"), bytes).unwrap();
    let (code, _, stderr) = run(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: broken.md: not valid UTF-16LE (first invalid byte at offset 22); file skipped\n"
    );
}

#[test]
fn an_ignore_file_that_is_a_pipe_or_a_device_stops_only_its_folder() {
    // Such a file can be committed: git keeps the link to /dev/zero.
    let dir = tree(&[
        GOOD,
        ("piped/a.md", "A client vs a client.\n"),
        ("zeroed/deeper/b.md", "A client vs a client.\n"),
    ]);
    make_fifo(&dir.path().join("piped/.ignore"));
    symlink("/dev/zero", dir.path().join("zeroed/.gitignore")).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["."]);
    assert_eq!(code, 2, "{stdout}");
    // In the order the folders are read, which the file system decides.
    let mut errors: Vec<&str> = stderr.lines().collect();
    errors.sort_unstable();
    assert_eq!(
        errors,
        [
            "error: piped/.ignore: an ignore file that cannot be read: it is not a regular file; \
             the documents of piped are not checked",
            "error: zeroed/.gitignore: an ignore file that cannot be read: it is not a regular file; \
             the documents of zeroed are not checked",
        ]
    );
    assert!(stdout.contains("good.md:1:15:"), "{stdout}");
    assert!(
        !stdout.contains("a.md:") && !stdout.contains("b.md:"),
        "{stdout}"
    );
    // The folder named itself, and a folder under one.
    for named in ["piped", "zeroed/deeper"] {
        let (code, stdout, stderr) = run(dir.path(), &[named]);
        assert_eq!(code, 2, "{named}: {stdout}");
        assert!(
            stderr.contains("an ignore file that cannot be read"),
            "{stderr}"
        );
    }
}

#[test]
fn a_config_found_by_name_that_is_not_a_file_is_an_error_not_a_default() {
    let dir = tree(&[
        GOOD,
        ("piped/a.md", "Our customers.\n"),
        ("zeroed/a.md", "Our customers.\n"),
        ("folder/a.md", "Our customers.\n"),
    ]);
    make_fifo(&dir.path().join("piped/clientele.toml"));
    symlink("/dev/zero", dir.path().join("zeroed/clientele.toml")).unwrap();
    fs::create_dir(dir.path().join("folder/clientele.toml")).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["."]);
    assert_eq!(code, 2, "{stdout}");
    for folder in ["folder", "piped", "zeroed"] {
        let error = format!(
            "error: {folder}/clientele.toml: not a regular file; a config found by its name must be one"
        );
        assert!(stderr.contains(&error), "{stderr}");
    }
    assert!(stdout.contains("good.md:1:15:"), "{stdout}");
}

#[test]
fn fixing_a_pipe_says_so_and_keeps_its_findings() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let binary = assert_cmd::cargo::cargo_bin("clientele");
    let output = Command::new("bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "'{}' --config clientele.toml --fix --format concise --color never <(printf 'Our customers.\\n')",
            binary.display()
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stdout.contains(":1:5: error[wrong-term]"), "{stdout}");
    assert!(
        stderr.contains(
            "not fixed: it is a pipe, not a file; use --diff, or --fix - for standard input"
        ),
        "{stderr}"
    );
}
