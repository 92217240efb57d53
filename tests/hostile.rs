//! Hostile input through the binary (SPEC §8): each bad file sits beside a
//! good document, and each case asserts the exit code, the message, that
//! the good document was still checked, and that no file changed.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{clientele, json, tree};

/// The good document, and where its one finding is.
const GOOD: (&str, &str) = ("good.md", "A client vs a client.\n");
const GOOD_FINDING: &str = "good.md:1:15: error[self-contrast]";

/// Every entry under `dir` and what it holds: a file's bytes, a link's
/// target, or nothing for a folder. Links are not followed.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let kind = fs::symlink_metadata(&path).unwrap().file_type();
            let held = if kind.is_symlink() {
                fs::read_link(&path)
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else if kind.is_dir() {
                pending.push(path.clone());
                Vec::new()
            } else {
                fs::read(&path).unwrap()
            };
            out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), held);
        }
    }
    out
}

/// `clientele --format concise` with `args` in `dir`: asserts the exit
/// code, that the good document's finding is reported, and that no file
/// changed; returns (stdout, stderr).
fn run(dir: &Path, args: &[&str], code: i32) -> (String, String) {
    let before = contents(dir);
    let output = clientele(dir)
        .args(["--format", "concise", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(code), "{stdout}\n{stderr}");
    assert!(stdout.contains(GOOD_FINDING), "{stdout}\n{stderr}");
    assert_eq!(contents(dir), before, "a file changed");
    (stdout, stderr)
}

fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

/// A tree of the good document and `name` holding `bytes`.
fn beside_good(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tree(&[GOOD]);
    fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

/// The text of the findings lines, in order.
fn finding_lines(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.contains(": error[")).collect()
}

#[test]
fn invalid_utf8_is_an_error_naming_the_byte_and_the_file_is_skipped() {
    let dir = beside_good("latin1.md", b"Our caf\xe9 serves a client vs a client.\n");
    let (stdout, stderr) = run(dir.path(), &["."], 2);
    assert_eq!(
        stderr,
        "error: latin1.md: not valid UTF-8 (first invalid byte at offset 7); file skipped\n"
    );
    assert_eq!(
        finding_lines(&stdout),
        [GOOD_FINDING.to_owned() + " `client` is contrasted with itself"]
    );
    assert!(stdout.contains("in 1 file."), "{stdout}");
}

#[test]
fn a_binary_file_is_skipped_with_a_note_and_does_not_fail_the_run() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(b"a client vs a client");
    let dir = beside_good("logo.md", &png);
    let (stdout, stderr) = run(dir.path(), &["."], 1);
    assert_eq!(
        stderr,
        "note: logo.md: skipped: binary file (it contains NUL bytes)\n"
    );
    assert!(stdout.contains("in 1 file."), "{stdout}");
}

#[test]
fn nul_bytes_past_the_first_8_kib_are_text() {
    let mut text = "word ".repeat(2000).into_bytes();
    text.extend_from_slice(b"\0\nA client vs a client.\n");
    let dir = beside_good("late-nul.md", &text);
    let (stdout, stderr) = run(dir.path(), &["."], 1);
    assert_eq!(stderr, "");
    assert!(
        stdout.contains("late-nul.md:2:15: error[self-contrast]"),
        "{stdout}"
    );
}

#[test]
fn empty_and_bom_only_files_are_checked_and_clean() {
    let dir = beside_good("empty.md", b"");
    fs::write(dir.path().join("bom.md"), "\u{feff}").unwrap();
    let (stdout, stderr) = run(dir.path(), &["."], 1);
    assert_eq!(stderr, "");
    assert_eq!(finding_lines(&stdout).len(), 1, "{stdout}");
    assert!(stdout.ends_with("Found 1 error in 3 files.\n"), "{stdout}");
}

#[test]
fn crlf_lone_cr_and_mixed_line_endings_give_the_right_lines() {
    let dir = beside_good(
        "endings.md",
        b"# Title\r\n\r\nA client vs a client.\rOld Mac line.\nA client vs a client.\r\n\r\nA client vs a client.",
    );
    let (stdout, _) = run(dir.path(), &["."], 1);
    let endings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("endings.md"))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        endings,
        ["endings.md:3:15", "endings.md:5:15", "endings.md:7:15"]
    );
}

#[test]
fn a_line_of_a_megabyte_is_checked_to_its_end() {
    let mut line = "word ".repeat(200_000);
    line.push_str("a client vs a client.\n");
    let dir = beside_good("long.md", line.as_bytes());
    let (stdout, _) = run(dir.path(), &["."], 1);
    assert!(
        stdout.contains("long.md:1:1000015: error[self-contrast]"),
        "{stdout}"
    );
}

/// Lines written without spaces, dense with terms: what is read around
/// each term (a path, a name, the words before it) stays near it, so the
/// run grows with the line, not with the line times its terms.
#[test]
fn a_long_line_without_spaces_is_not_read_once_per_term() {
    let dir = beside_good("zh.md", "客户，".repeat(20_000).as_bytes());
    fs::write(dir.path().join("ru.md"), "клиент/".repeat(20_000)).unwrap();
    fs::write(
        dir.path().join("clientele.toml"),
        "business = \"transactional\"\n",
    )
    .unwrap();
    let (stdout, _) = run(dir.path(), &["."], 1);
    let count = |file: &str| {
        finding_lines(&stdout)
            .iter()
            .filter(|l| l.starts_with(file) && l.contains("[wrong-term]"))
            .count()
    };
    assert_eq!(count("zh.md"), 20_000);
    assert!(count("ru.md") > 0, "{stdout}");
}

#[test]
fn ten_thousand_levels_of_nesting_are_checked() {
    let deep = |marker: &str| format!("{}a client vs a client.\n", marker.repeat(10_000));
    let dir = beside_good("quotes.md", deep("> ").as_bytes());
    fs::write(dir.path().join("bullets.md"), deep("- ")).unwrap();
    fs::write(dir.path().join("numbers.md"), deep("1. ")).unwrap();
    // One more level per line: ten thousand nested items.
    let staircase: String = (0..10_000)
        .map(|level| format!("{}- item\n", " ".repeat(level.min(3))))
        .chain(std::iter::once("\nA client vs a client.\n".to_owned()))
        .collect();
    fs::write(dir.path().join("stairs.md"), staircase).unwrap();
    let (stdout, _) = run(dir.path(), &["."], 1);
    for expected in [
        "quotes.md:1:20015:",
        "bullets.md:1:20015:",
        "numbers.md:1:30015:",
        "stairs.md:10002:15:",
    ] {
        assert!(stdout.contains(expected), "{expected}\n{stdout}");
    }
}

#[test]
fn deeply_indented_nested_lists_are_checked() {
    // Each item indented two more spaces than the one before: 3,000
    // levels make 9 MB, and every line is inside every outer item.
    let stairs: String = (0..3_000)
        .map(|level| format!("{}- item\n", "  ".repeat(level)))
        .chain(std::iter::once("\nA client vs a client.\n".to_owned()))
        .collect();
    let dir = beside_good("stairs.md", stairs.as_bytes());
    let (stdout, _) = run(dir.path(), &["."], 1);
    assert!(stdout.contains("stairs.md:3002:15:"), "{stdout}");
}

#[test]
fn a_file_of_100_mb_is_checked_whole() {
    // A page of prose repeated to 100 MB, a finding every 1,000 pages and
    // one on the last line.
    let page = "Setting up the service takes a few steps. Each step is shown below, \
                with the settings it needs and what to check afterwards.\n\n";
    let mut text = String::with_capacity(100 * 1024 * 1024 + 64);
    let mut pages = 0;
    while text.len() < 100 * 1024 * 1024 {
        text.push_str(page);
        pages += 1;
        if pages % 1000 == 0 {
            text.push_str("A client vs a client.\n\n");
        }
    }
    text.push_str("Last: a customer vs a customer.\n");
    let expected = pages / 1000 + 1;
    let lines = text.matches('\n').count();
    let dir = beside_good("huge.md", text.as_bytes());
    drop(text);
    let (stdout, stderr) = run(dir.path(), &["."], 1);
    assert_eq!(stderr, "");
    let huge: Vec<&str> = finding_lines(&stdout)
        .into_iter()
        .filter(|l| l.starts_with("huge.md"))
        .collect();
    assert_eq!(huge.len(), expected);
    assert!(
        huge.last()
            .unwrap()
            .starts_with(&format!("huge.md:{lines}:23:")),
        "{:?}",
        huge.last()
    );
}

#[test]
fn links_that_go_nowhere_or_in_circles_are_errors_and_the_run_goes_on() {
    let dir = tree(&[GOOD]);
    symlink("missing.md", dir.path().join("broken.md")).unwrap();
    symlink("loop.md", dir.path().join("loop.md")).unwrap();
    fs::create_dir(dir.path().join("folder")).unwrap();
    symlink("..", dir.path().join("folder/up")).unwrap();
    // Walking a folder does not follow links, so they are passed over.
    let (_, stderr) = run(dir.path(), &["."], 1);
    assert_eq!(stderr, "");
    // Named, they are read, and say why they cannot be.
    let (_, stderr) = run(dir.path(), &["broken.md", "loop.md", "good.md"], 2);
    assert_eq!(
        stderr,
        "error: broken.md: No such file or directory (os error 2)\n\
         error: loop.md: Too many levels of symbolic links (os error 40)\n"
    );
}

#[test]
fn a_folder_in_place_of_a_file_is_walked_or_refused() {
    let dir = tree(&[
        GOOD,
        ("notes.md/inside.md", "A client vs a client.\n"),
        ("settings/clientele.toml", "business = \"mixed\"\n"),
    ]);
    // A folder with a document's name is a folder: walked, not read.
    let (stdout, _) = run(dir.path(), &["."], 1);
    assert!(stdout.contains("notes.md/inside.md:1:15"), "{stdout}");
    let (_, stderr) = run(dir.path(), &["notes.md", "good.md"], 1);
    assert_eq!(stderr, "");
    // A folder given as the config is an error that stops the run.
    let output = clientele(dir.path())
        .args(["--config", "settings", "good.md"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr, "error: settings: Is a directory (os error 21)\n");
    assert_eq!(stdout, "");
}

#[test]
fn an_unreadable_file_is_an_error_and_the_run_goes_on() {
    let dir = beside_good("secret.md", b"A client vs a client.\n");
    fs::set_permissions(
        dir.path().join("secret.md"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let output = unprivileged(dir.path(), &["--format", "concise", "."]);
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}\n{stderr}");
    assert_eq!(
        stderr,
        "error: secret.md: Permission denied (os error 13)\n"
    );
    assert!(stdout.contains(GOOD_FINDING), "{stdout}");
}

/// Files to write into a folder: (name, contents).
type Files<'a> = &'a [(&'a str, &'a [u8])];

/// Configs and packs that cannot be used stop only the folder they govern:
/// `bad/` has each in turn, `ok/` is checked every time.
#[test]
fn a_bad_config_or_pack_stops_only_its_folder() {
    let patron = "lang = \"en\"\n\n[[term]]\nlemma = \"patron\"\nrole = \"patron\"\nforms = [\"patron\", \"patrons\", \"patron's\", \"patrons'\"]\n";
    let cases: [(Files, &str); 6] = [
        (
            &[("clientele.toml", b"business = \"relationship\" # caf\xe9\n")],
            "not valid UTF-8; a config must be UTF-8 text",
        ),
        (
            &[
                ("clientele.toml", b"packs = [\"acme.toml\"]\n"),
                (
                    "acme.toml",
                    b"lang = \"en\"\n[contrast]\nqualifiers = [\"(unclosed\"]\n",
                ),
            ],
            "error: unclosed group",
        ),
        (
            // The config names itself as a pack: packs do not name packs,
            // so this is the only loop there can be, and it is an error.
            &[("clientele.toml", b"packs = [\"clientele.toml\"]\n")],
            "invalid term pack: unknown field `packs`",
        ),
        (
            &[
                ("clientele.toml", b"packs = [\"p.toml\", \"./p.toml\"]\n"),
                ("p.toml", patron.as_bytes()),
            ],
            "term `patron`: is defined twice",
        ),
        (
            &[("clientele.toml", b"packs = [\"acme\"]\n"), ("acme/x", b"")],
            "cannot read the pack `acme`: it is a folder",
        ),
        (
            &[("clientele.toml", b"packs = [\"/dev/zero\"]\n")],
            "cannot read the pack `/dev/zero`: it is outside `",
        ),
    ];
    for (files, message) in cases {
        let dir = tree(&[("ok/good.md", GOOD.1), ("bad/a.md", "A customer.\n")]);
        for (name, bytes) in files {
            let path = dir.path().join("bad").join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        let before = contents(dir.path());
        let output = clientele(dir.path())
            .args(["--format", "concise", "--color", "never", "."])
            .output()
            .unwrap();
        let (stdout, stderr) = texts(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(stderr.contains(message), "{message}\n{stderr}");
        assert!(stderr.contains("bad/"), "{stderr}");
        assert!(stdout.contains("ok/good.md:1:15"), "{stdout}");
        assert!(stdout.contains("in 1 file."), "{stdout}");
        assert_eq!(contents(dir.path()), before);
    }
    // A pack that links to itself.
    let dir = tree(&[("ok/good.md", GOOD.1), ("bad/a.md", "A customer.\n")]);
    fs::write(
        dir.path().join("bad/clientele.toml"),
        "packs = [\"loop.toml\"]\n",
    )
    .unwrap();
    symlink("loop.toml", dir.path().join("bad/loop.toml")).unwrap();
    let output = clientele(dir.path())
        .args(["--color", "never", "."])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("Too many levels of symbolic links"),
        "{stderr}"
    );
    assert!(stdout.contains("in 1 file."), "{stdout}");
}

/// `clientele` with `args` in `dir` as a user who is not root, so that
/// permissions hold (root reads and writes through them). `dir` and what is
/// in it are handed to that user first.
fn unprivileged(dir: &Path, args: &[&str]) -> Output {
    let binary = assert_cmd::cargo::cargo_bin("clientele");
    let is_root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut command = if is_root {
        // `nobody` owns the folder and what is in it (the temporary folder
        // it is in is open to all).
        for (path, _) in contents(dir) {
            let path = dir.join(path);
            if !fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
            {
                std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
            }
        }
        std::os::unix::fs::chown(dir, Some(65534), Some(65534)).unwrap();
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(binary);
        command
    } else {
        Command::new(binary)
    };
    command
        .args(["--color", "never"])
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

mod fix_under_faults {
    use super::*;

    /// A tree whose `a.md` `--fix` would change.
    fn fixable() -> tempfile::TempDir {
        tree(&[
            ("clientele.toml", "business = \"relationship\"\n"),
            ("a.md", "Every customer gets a reply within a day.\n"),
        ])
    }

    #[test]
    fn a_read_only_folder_leaves_the_file_intact() {
        let dir = fixable();
        let before = contents(dir.path());
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let output = unprivileged(dir.path(), &["--fix", "--format", "concise", "a.md"]);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let (stdout, stderr) = texts(&output);
        assert_eq!(output.status.code(), Some(2), "{stdout}\n{stderr}");
        assert_eq!(
            stderr,
            "error: a.md: not fixed: Permission denied (os error 13); the file is unchanged\n"
        );
        assert!(stdout.contains("a.md:1:7: error[wrong-term]"), "{stdout}");
        assert_eq!(contents(dir.path()), before);
    }

    #[test]
    fn a_write_cut_short_leaves_the_file_intact() {
        // The fixed text is longer than the file size limit: the write of
        // the new contents fails part way, as on a full disk.
        let dir = tree(&[
            ("clientele.toml", "business = \"relationship\"\n"),
            (
                "a.md",
                &"Every customer gets a reply within a day.\n".repeat(100),
            ),
        ]);
        let before = contents(dir.path());
        let binary = assert_cmd::cargo::cargo_bin("clientele");
        // SIGXFSZ ignored, a write past the limit fails with EFBIG instead
        // of killing the process; `ulimit -f` counts blocks of 512 bytes.
        let output = Command::new("sh")
            .args([
                "-c",
                "trap '' XFSZ; ulimit -f 4; exec \"$0\" --fix --format concise --color never a.md",
            ])
            .arg(binary)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let (stdout, stderr) = texts(&output);
        assert_eq!(output.status.code(), Some(2), "{stdout}\n{stderr}");
        assert_eq!(
            stderr,
            "error: a.md: not fixed: File too large (os error 27); the file is unchanged\n"
        );
        assert_eq!(finding_lines(&stdout).len(), 100, "{stdout}");
        assert_eq!(
            contents(dir.path()),
            before,
            "a file changed or was left behind"
        );
    }

    #[test]
    fn a_full_disk_leaves_the_file_intact() {
        // A 64 KiB tmpfs, in a mount namespace of its own, filled up after
        // the tree is written.
        let dir = tempfile::tempdir().unwrap();
        let binary = assert_cmd::cargo::cargo_bin("clientele");
        let script = r#"
            set -e
            mount -t tmpfs -o size=64k tmpfs "$1"
            cd "$1"
            printf 'business = "relationship"\n' > clientele.toml
            printf 'Every customer gets a reply within a day.\n' > a.md
            head -c 100000 /dev/zero > filler 2>/dev/null || true
            set +e
            "$0" --fix --format concise --color never a.md
            echo "exit $?"
            cat a.md
            ls -A
        "#;
        let output = Command::new("unshare")
            .args(["--map-root-user", "--mount", "sh", "-c", script])
            .arg(binary)
            .arg(dir.path())
            .output()
            .unwrap();
        let (stdout, stderr) = texts(&output);
        assert_eq!(
            stderr,
            "error: a.md: not fixed: No space left on device (os error 28); the file is unchanged\n"
        );
        assert!(
            stdout.ends_with(
                "exit 2\nEvery customer gets a reply within a day.\na.md\nclientele.toml\nfiller\n"
            ),
            "{stdout}"
        );
    }
}

#[test]
fn json_output_names_the_skipped_and_failed_files() {
    let dir = beside_good("latin1.md", b"caf\xe9\n");
    fs::write(dir.path().join("logo.md"), b"\0\x01").unwrap();
    let output = clientele(dir.path())
        .args(["--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output.stdout);
    assert_eq!(report["summary"]["files"], 1);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("latin1.md: not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("logo.md: skipped: binary file"), "{stderr}");
}

#[test]
fn output_is_the_same_whatever_the_threads() {
    // More files than one chunk of parallel work, each with findings in
    // every language.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        let folder = dir.path().join(format!("d{}", i % 7));
        fs::create_dir_all(&folder).unwrap();
        let text = format!(
            "# Page {i}\n\nA client vs a client. Клиент против клиента.\n\n客户与客户。Our customers{}.\n",
            ", and clients".repeat(i % 3)
        );
        fs::write(folder.join(format!("p{i}.md")), text).unwrap();
    }
    let run = |threads: &str| {
        clientele(dir.path())
            .args(["--format", "json", "."])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap()
    };
    let one = run("1");
    assert_eq!(one.status.code(), Some(1));
    let report = json(&one.stdout);
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(paths.len() >= 900, "{}", paths.len());
    assert!(paths.is_sorted(), "not in path order");
    for threads in ["2", "8"] {
        assert_eq!(run(threads).stdout, one.stdout, "{threads} threads");
    }
}
