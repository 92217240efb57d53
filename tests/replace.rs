//! How `--fix` and `init --force` replace a file in a hostile setting:
//! a file the user may not write, another owner, extended attributes,
//! hard links, a run interrupted or killed while a temporary file exists,
//! and the temporary files other programs or runs leave beside it.

#![cfg(unix)]

use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use predicates::prelude::*;

use crate::support::{clientele, git, tree};

/// The uid and gid that own the files of the ownership tests.
const OWNER: u32 = 12345;
/// The unprivileged user the binary runs as in those tests.
const OTHER: u32 = 12346;

/// Whether the ownership tests can run: they need root (to give files away
/// and to drop to another user) and `setpriv`. Without them they are
/// skipped with a note; under CI, which runs as root with `setpriv`, their
/// absence is a failure.
fn can_change_users() -> bool {
    let root = rustix::process::geteuid().is_root();
    let setpriv = Command::new("setpriv")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if root && setpriv {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI runs as root with setpriv: the ownership tests must run"
    );
    let _ = writeln!(
        std::io::stderr(),
        "note: skipped, the ownership tests need root and setpriv (root: {root}, setpriv: {setpriv})"
    );
    false
}

/// `clientele --fix` in `dir`, run as the unprivileged user [`OTHER`].
fn fix_as_other(dir: &Path) -> std::process::Output {
    // The build folder may lie under one that user cannot enter (`/root`):
    // they run a copy in a folder of their own.
    let bin = tempfile::tempdir().unwrap();
    fs::set_permissions(bin.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let copy = bin.path().join("clientele");
    let built = Path::new(env!("CARGO_BIN_EXE_clientele"));
    if fs::hard_link(built, &copy).is_err() {
        fs::copy(built, &copy).unwrap();
    }
    Command::new("setpriv")
        .args([
            &format!("--reuid={OTHER}"),
            &format!("--regid={OTHER}"),
            "--clear-groups",
        ])
        .arg(&copy)
        .args(["--fix", "--color", "never"])
        .current_dir(dir)
        .env("HOME", dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// A folder anyone may write in, holding a config and `a.md` owned by
/// [`OWNER`] with `mode`.
fn shared_folder(mode: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", "A customer.\n"),
    ]);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let file = dir.path().join("a.md");
    std::os::unix::fs::chown(&file, Some(OWNER), Some(OWNER)).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(mode)).unwrap();
    (dir, file)
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The temporary files of a replacement in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|name| name.starts_with(".clientele-") && name.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_file_the_user_may_not_write_is_refused_and_keeps_its_owner() {
    if !can_change_users() {
        return;
    }
    // The folder is writable, so a rename would go through; the file is not.
    let (dir, file) = shared_folder(0o644);
    let output = fix_as_other(dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "a.md: not fixed: this user may not write to the file; the file is unchanged"
        ),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "A customer.\n");
    let metadata = fs::metadata(&file).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (OWNER, OWNER));
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_file_of_another_owner_is_not_taken_over_even_when_anyone_may_write_it() {
    if !can_change_users() {
        return;
    }
    let (dir, file) = shared_folder(0o666);
    let output = fix_as_other(dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "a.md: not fixed: its owner and group ({OWNER}:{OWNER}) cannot be kept"
        )),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "A customer.\n");
    let metadata = fs::metadata(&file).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (OWNER, OWNER));
    assert_eq!(metadata.mode() & 0o7777, 0o666);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn owner_group_and_mode_are_kept() {
    if !can_change_users() {
        return;
    }
    let (dir, file) = shared_folder(0o640);
    clientele(dir.path()).arg("--fix").assert().code(0);
    assert_eq!(fs::read_to_string(&file).unwrap(), "A client.\n");
    let metadata = fs::metadata(&file).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (OWNER, OWNER));
    assert_eq!(metadata.mode() & 0o7777, 0o640);
}

#[test]
fn extended_attributes_are_kept() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", "A customer.\n"),
    ]);
    let file = dir.path().join("a.md");
    let flags = rustix::fs::XattrFlags::empty();
    if let Err(error) = rustix::fs::setxattr(&file, "user.clientele-test", b"kept", flags) {
        let _ = writeln!(
            std::io::stderr(),
            "note: skipped, this file system keeps no user attributes ({error})"
        );
        return;
    }
    clientele(dir.path()).arg("--fix").assert().code(0);
    assert_eq!(fs::read_to_string(&file).unwrap(), "A client.\n");
    let mut value = [0u8; 16];
    let length = rustix::fs::getxattr(&file, "user.clientele-test", &mut value[..]).unwrap();
    assert_eq!(&value[..length], b"kept");
}

#[test]
fn a_file_with_two_names_is_refused_and_both_keep_its_text() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", "A customer.\n"),
        ("b.md", "A customer.\n"),
    ]);
    let file = dir.path().join("a.md");
    let other_name = dir.path().join("a-copy.txt");
    fs::hard_link(&file, &other_name).unwrap();
    clientele(dir.path())
        .arg("--fix")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.md: not fixed: the file has 2 names (hard links), which a replacement would split; the file is unchanged",
        ));
    assert_eq!(fs::read_to_string(&file).unwrap(), "A customer.\n");
    assert_eq!(fs::read_to_string(&other_name).unwrap(), "A customer.\n");
    assert_eq!(fs::metadata(&file).unwrap().nlink(), 2);
    // The other files are fixed.
    assert_eq!(
        fs::read_to_string(dir.path().join("b.md")).unwrap(),
        "A client.\n"
    );
}

/// A git repository holding a config and a document of `lines` lines to
/// fix, committed.
fn committed_tree(lines: usize) -> (tempfile::TempDir, String) {
    let text = "A customer called.\n".repeat(lines);
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("big.md", &text),
    ]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    (dir, text)
}

/// `clientele --fix` in `dir`, stopped for a minute before each rename,
/// once its temporary file exists (with the test hook debug builds have).
/// The signals it is sent are reset to their default first: a test run
/// started in the background or under `nohup` passes them on ignored, and
/// clientele keeps an ignored signal ignored.
fn paused_fix(dir: &Path) -> std::process::Child {
    Command::new("env")
        .arg("--default-signal=HUP,INT,TERM")
        .arg(env!("CARGO_BIN_EXE_clientele"))
        .arg("--fix")
        .current_dir(dir)
        .env("CLIENTELE_TEST_PAUSE_BEFORE_RENAME", "60000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Wait until the run in `dir` has written its temporary file, `size`
/// bytes (then it pauses before the rename).
fn wait_for_temporary(dir: &Path, child: &mut std::process::Child, size: usize) -> String {
    let start = Instant::now();
    loop {
        if let [temporary] = temporaries(dir).as_slice()
            && fs::metadata(dir.join(temporary)).is_ok_and(|m| m.len() == size as u64)
        {
            return temporary.clone();
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before writing"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn git_status(dir: &Path) -> String {
    let output = Command::new("git")
        .args(["status", "--porcelain", "--ignored"])
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[cfg(debug_assertions)]
#[test]
fn an_interrupted_terminated_or_hung_up_fix_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;

    use rustix::process::{Pid, Signal, kill_process};

    // 20,000 lines, 380 KB: the temporary holds all of the fixed text.
    let (dir, text) = committed_tree(20_000);
    for signal in [Signal::TERM, Signal::INT, Signal::HUP] {
        let mut child = paused_fix(dir.path());
        // The fixed text, two bytes shorter a line.
        wait_for_temporary(dir.path(), &mut child, text.len() - 20_000 * 2);
        let pid = Pid::from_child(&child);
        kill_process(pid, signal).unwrap();
        let status = child.wait().unwrap();
        // Ended by the signal itself, which a shell reports as 143, 130, 129.
        assert_eq!(status.signal(), Some(signal.as_raw()), "{status:?}");
        assert_eq!(temporaries(dir.path()), Vec::<String>::new());
        assert_eq!(git_status(dir.path()), "");
        assert!(fs::read_to_string(dir.path().join("big.md")).unwrap() == text);
    }
}

#[cfg(debug_assertions)]
#[test]
fn a_hang_up_ignored_with_nohup_stays_ignored() {
    use rustix::process::{Pid, Signal, kill_process};

    let (dir, text) = committed_tree(1_000);
    // `nohup` starts the run with SIGHUP ignored.
    let mut child = Command::new("nohup")
        .arg(env!("CARGO_BIN_EXE_clientele"))
        .arg("--fix")
        .current_dir(dir.path())
        .env("CLIENTELE_TEST_PAUSE_BEFORE_RENAME", "2000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_temporary(dir.path(), &mut child, text.len() - 1_000 * 2);
    kill_process(Pid::from_child(&child), Signal::HUP).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("big.md")).unwrap(),
        text.replace("customer", "client")
    );
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[cfg(debug_assertions)]
#[test]
fn the_temporary_of_a_killed_fix_is_removed_by_the_next_run() {
    let (dir, text) = committed_tree(1_000);
    let mut child = paused_fix(dir.path());
    let temporary = wait_for_temporary(dir.path(), &mut child, text.len() - 1_000 * 2);
    child.kill().unwrap();
    child.wait().unwrap();
    // Nothing can remove it at once after SIGKILL …
    assert_eq!(temporaries(dir.path()), [temporary]);
    // … so the next run in that folder does.
    clientele(dir.path()).arg("--fix").assert().code(0);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    assert_eq!(
        fs::read_to_string(dir.path().join("big.md")).unwrap(),
        text.replace("customer", "client")
    );
    assert_eq!(git_status(dir.path()), " M big.md\n");
}

#[cfg(debug_assertions)]
#[test]
fn a_file_saved_by_another_program_while_it_is_fixed_keeps_that_save() {
    let (dir, text) = committed_tree(1_000);
    let file = dir.path().join("big.md");
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .arg("--fix")
        .current_dir(dir.path())
        .env("CLIENTELE_TEST_PAUSE_BEFORE_RENAME", "5000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_temporary(dir.path(), &mut child, text.len() - 1_000 * 2);
    // An editor saves the file while the fixed text waits to be renamed.
    let saved = format!("{text}A line the editor added.\n");
    fs::write(&file, &saved).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "big.md: not fixed: the file changed while it was being fixed; it is unchanged"
        ),
        "{stderr}"
    );
    assert!(fs::read_to_string(&file).unwrap() == saved);
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

/// The pid of a process that has ended.
fn ended_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    child.wait().unwrap();
    child.id()
}

#[test]
fn only_stale_temporaries_of_clientele_are_removed() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("a.md", "A customer.\n"),
    ]);
    let ended = ended_pid();
    let live = std::process::id();
    let create = |name: &str| {
        let path = dir.path().join(name);
        fs::write(&path, "half a file").unwrap();
        fs::File::options().read(true).open(path).unwrap()
    };
    let minutes_ago = SystemTime::now() - Duration::from_secs(300);
    // Left by a run that ended: removed.
    let stale = format!(".clientele-{ended}-aB3dE9.tmp");
    create(&stale);
    // A live run's, locked by it: kept, however old.
    let locked = format!(".clientele-{live}-Zy12xW.tmp");
    let held = create(&locked);
    held.set_modified(minutes_ago).unwrap();
    held.try_lock().unwrap();
    // Unlocked, of a live process, new: perhaps a run between creating
    // and locking it; kept.
    let fresh = format!(".clientele-{live}-Qq7777.tmp");
    create(&fresh);
    // Unlocked, of a live process (the pid reused), old: removed.
    let reused = format!(".clientele-{live}-Rr8888.tmp");
    create(&reused).set_modified(minutes_ago).unwrap();
    // Names that are not those of clientele's temporary files: kept.
    let others = [
        ".clientele-aB3dE9.tmp".to_owned(),
        format!(".clientele-{ended}-aB3dE9.tmp.bak"),
        format!("clientele-{ended}-aB3dE9.tmp"),
        format!(".clientele-{ended}-aB3dE9.txt"),
        format!(".clientele-{ended}-aB3dE.tmp"),
        format!(".clientele-{ended}-aB3dE99.tmp"),
        format!(".clientele-{ended}x-aB3dE9.tmp"),
        ".clientele--aB3dE9.tmp".to_owned(),
    ];
    for name in &others {
        create(name);
    }
    // A link named like one of them is not one of them.
    let link = format!(".clientele-{ended}-LnK000.tmp");
    std::os::unix::fs::symlink("a.md", dir.path().join(&link)).unwrap();

    clientele(dir.path()).arg("--fix").assert().code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "A client.\n"
    );
    let left = names(dir.path());
    assert!(!left.contains(&stale), "{left:?}");
    assert!(!left.contains(&reused), "{left:?}");
    for kept in [&locked, &fresh, &link].into_iter().chain(&others) {
        assert!(left.contains(kept), "{kept} was removed: {left:?}");
    }
    drop(held);
}

#[test]
fn init_force_replaces_the_config_in_one_step() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let config = dir.path().join("clientele.toml");
    fs::set_permissions(&config, fs::Permissions::from_mode(0o640)).unwrap();
    let before = fs::metadata(&config).unwrap().ino();
    clientele(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrote clientele.toml"));
    let written = fs::read_to_string(&config).unwrap();
    assert!(
        written.contains("# business = \"relationship\""),
        "{written}"
    );
    let after = fs::metadata(&config).unwrap();
    // A new file renamed into place, not the old one cut short and rewritten.
    assert_ne!(after.ino(), before);
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!(names(dir.path()), ["clientele.toml"]);
}

#[test]
fn init_force_over_a_read_only_config_is_refused() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let config = dir.path().join("clientele.toml");
    fs::set_permissions(&config, fs::Permissions::from_mode(0o444)).unwrap();
    clientele(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: cannot write clientele.toml: the file is read-only",
        ));
    assert_eq!(
        fs::read_to_string(&config).unwrap(),
        "business = \"relationship\"\n"
    );
    assert_eq!(names(dir.path()), ["clientele.toml"]);
}
