//! The temporary file a replacement is written to before it is renamed
//! into place. Its name tells clientele's own apart from anything else
//! (`.clientele-<pid>-<six letters or digits>.tmp`); its run holds a lock
//! on it while it lives; an interruption (SIGINT, SIGTERM, SIGHUP) removes
//! it before the run ends; and one that a killed run left behind is
//! removed by the next run that replaces a file in that folder.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};

const PREFIX: &str = ".clientele-";
const SUFFIX: &str = ".tmp";
/// Letters and digits after the pid, as `tempfile` draws them.
const RANDOM_LEN: usize = 6;
/// An unlocked temporary file of a process that is alive may be one that
/// process has created and not yet locked; past this age it is not.
#[cfg(unix)]
const STALE_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The temporary files of this run that exist or are being created: what
/// an interruption removes. Held while a temporary file is renamed, so that
/// an interruption finds the rename either done or not begun.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The folders this run has already cleared of stale temporary files: a
/// set, as a run over many folders asks once per file.
static SWEPT: LazyLock<Mutex<HashSet<PathBuf>>> = LazyLock::new(Mutex::default);

/// A poisoned lock only means a thread panicked while holding it; the list
/// it guards is still whole.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file of this run, removed when dropped unless renamed.
pub(super) struct Temporary {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Temporary {
    /// A new, empty temporary file in `folder`, created with `mode` (less
    /// the umask), after removing the stale ones found there.
    pub(super) fn new_in(folder: &Path, mode: u32) -> io::Result<Self> {
        sweep_once(folder);
        watch_interruptions();
        let prefix = format!("{PREFIX}{}-", std::process::id());
        let file = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(SUFFIX)
            .rand_bytes(RANDOM_LEN)
            .make_in(folder, |path| {
                // Listed before it exists, so that no interruption can
                // come between its creation and its listing.
                lock(&LIVE).push(path.to_path_buf());
                let created = create(path, mode);
                if created.is_err() {
                    forget(&mut lock(&LIVE), path);
                }
                created
            })?;
        // A lock on a file system without locks fails here and in the
        // sweep alike, which then keeps the file.
        let _ = file.as_file().lock();
        let path = file.path().to_path_buf();
        Ok(Self {
            file: Some(file),
            path,
        })
    }

    /// The open temporary file.
    pub(super) fn file(&self) -> io::Result<&File> {
        match &self.file {
            Some(file) => Ok(file.as_file()),
            None => Err(io::Error::other("the temporary file is gone")),
        }
    }

    /// Rename the temporary file over `target`.
    pub(super) fn persist(self, target: &Path) -> io::Result<()> {
        self.rename(|file| file.persist(target))
    }

    /// Rename the temporary file to `target`, unless a file is there.
    pub(super) fn persist_noclobber(self, target: &Path) -> io::Result<()> {
        self.rename(|file| file.persist_noclobber(target))
    }

    fn rename(
        mut self,
        rename: impl FnOnce(tempfile::NamedTempFile) -> Result<File, tempfile::PersistError<File>>,
    ) -> io::Result<()> {
        let Some(file) = self.file.take() else {
            return Err(io::Error::other("the temporary file is gone"));
        };
        let mut live = lock(&LIVE);
        match rename(file) {
            Ok(_) => {
                forget(&mut live, &self.path);
                Ok(())
            }
            Err(error) => {
                // Removed when `self` is dropped, which takes the guard.
                drop(live);
                self.file = Some(error.file);
                Err(error.error)
            }
        }
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        let mut live = lock(&LIVE);
        if let Some(file) = self.file.take() {
            drop(file);
            forget(&mut live, &self.path);
        }
    }
}

fn forget(live: &mut Vec<PathBuf>, path: &Path) {
    live.retain(|listed| listed != path);
}

#[cfg(unix)]
fn create(path: &Path, mode: u32) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
}

#[cfg(not(unix))]
fn create(path: &Path, _mode: u32) -> io::Result<File> {
    File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .open(path)
}

/// On the first temporary file of the run, have SIGINT, SIGTERM and SIGHUP
/// remove the live temporary files before the run ends as the signal
/// would have ended it. The handler only wakes a thread, which does the
/// work; without that thread (it could not be started) a run that is
/// interrupted leaves its temporary file to the next run's sweep.
#[cfg(unix)]
fn watch_interruptions() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::low_level::{emulate_default_handler, exit};
    static WATCHED: std::sync::Once = std::sync::Once::new();
    WATCHED.call_once(|| {
        // A signal ignored when the run started (`nohup`, a background job
        // of a script) stays ignored, as the convention wants.
        let ignored = ignored_signals();
        let watched = [SIGHUP, SIGINT, SIGTERM]
            .into_iter()
            .filter(|&signal| !is_in(ignored, signal));
        let Ok(mut signals) = signal_hook::iterator::Signals::new(watched) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("interruptions".to_owned())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held to the end: no rename starts after this.
                    let live = lock(&LIVE);
                    for path in live.iter() {
                        let _ = fs::remove_file(path);
                    }
                    // Ended by the signal, so that a shell sees 130 or 143
                    // and a script running clientele stops as well.
                    let _ = emulate_default_handler(signal);
                    exit(128 + signal);
                }
            });
    });
}

#[cfg(not(unix))]
fn watch_interruptions() {}

/// The mask of the signals this process ignores, as Linux shows it in
/// `/proc/self/status` (bit `n - 1` for signal `n`); elsewhere, none.
#[cfg(unix)]
fn ignored_signals() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .unwrap_or(0)
}

/// Whether `signal` is in the signal mask `mask`.
#[cfg(unix)]
fn is_in(mask: u64, signal: i32) -> bool {
    u32::try_from(signal - 1)
        .ok()
        .and_then(|bit| 1u64.checked_shl(bit))
        .is_some_and(|flag| mask & flag != 0)
}

/// Remove the stale temporary files of `folder`, once per run.
fn sweep_once(folder: &Path) {
    {
        if !lock(&SWEPT).insert(folder.to_path_buf()) {
            return;
        }
    }
    sweep(folder);
}

/// Remove the temporary files in `folder` that a run of clientele left
/// when it was killed: named as clientele names them, regular files, and
/// locked by no one. Anything else is left alone, and nothing here stops
/// the replacement.
fn sweep(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(pid_of) else {
            continue;
        };
        let path = entry.path();
        if pid != own && is_stale(&path, pid) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// The pid in the name of one of clientele's temporary files; `None` for
/// any other name.
fn pid_of(name: &str) -> Option<u32> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (pid, random) = middle.split_once('-')?;
    let is_pid = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    let is_random = random.len() == RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric());
    if is_pid && is_random {
        pid.parse().ok()
    } else {
        None
    }
}

/// Whether the temporary file at `path`, of process `pid`, is one no live
/// run uses: it can be locked (a live run holds its lock), and the process
/// is gone or, the pid having been reused, the file is old.
#[cfg(unix)]
fn is_stale(path: &Path, pid: u32) -> bool {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    // Never through a link, and never waiting on a pipe.
    let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK;
    let Ok(file) = File::options()
        .read(true)
        .custom_flags(i32::try_from(flags.bits()).unwrap_or(0))
        .open(path)
    else {
        return false;
    };
    let Ok(metadata) = file.metadata() else {
        return false;
    };
    if !metadata.is_file() || file.try_lock().is_err() {
        return false;
    }
    let old = metadata
        .modified()
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_some_and(|age| age >= STALE_AGE);
    old || !process_lives(pid)
}

#[cfg(not(unix))]
fn is_stale(_path: &Path, _pid: u32) -> bool {
    false
}

/// Whether a process `pid` exists (one of another user counts).
#[cfg(unix)]
fn process_lives(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    match i32::try_from(pid).ok().and_then(Pid::from_raw) {
        Some(pid) => !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_clientele_temporaries_have_a_pid() {
        assert_eq!(pid_of(".clientele-123-aB3dE9.tmp"), Some(123));
        for name in [
            ".clientele-aB3dE9.tmp",
            ".clientele--aB3dE9.tmp",
            ".clientele-123-aB3dE.tmp",
            ".clientele-123-aB3dE99.tmp",
            ".clientele-123-aB3d_9.tmp",
            ".clientele-12x-aB3dE9.tmp",
            ".clientele-123-aB3dE9.tmp.bak",
            "clientele-123-aB3dE9.tmp",
            ".clientele-99999999999999999999-aB3dE9.tmp",
        ] {
            assert_eq!(pid_of(name), None, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_signal_mask_is_read_bit_by_signal() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // SIGHUP (1) and SIGTERM (15) ignored, as `nohup` and a shell could leave them.
        let mask = 0x4001;
        assert!(is_in(mask, SIGHUP));
        assert!(is_in(mask, SIGTERM));
        assert!(!is_in(mask, SIGINT));
        assert!(!is_in(mask, 0));
        assert!(!is_in(mask, 99));
    }

    #[test]
    fn a_temporary_is_listed_while_it_lives_and_removed_when_dropped() {
        let folder = tempfile::tempdir().unwrap();
        let temporary = Temporary::new_in(folder.path(), 0o600).unwrap();
        let path = temporary.path.clone();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        assert_eq!(pid_of(&name), Some(std::process::id()));
        assert!(lock(&LIVE).contains(&path));
        // Locked: another handle cannot take the lock.
        let other = File::open(&path).unwrap();
        assert!(other.try_lock().is_err());
        drop(temporary);
        assert!(!path.exists());
        assert!(!lock(&LIVE).contains(&path));
    }
}
