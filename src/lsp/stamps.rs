//! Whether the files the configs were read from changed on disk since:
//! the server's own look, for editors that do not watch files for it
//! (Neovim on Linux offers no `didChangeWatchedFiles`).
//!
//! Each file read (or looked for and absent) gets a stamp: its size, times
//! and inode, and a hash of its contents. A later look at the metadata
//! alone is a few `stat` calls. Metadata cannot tell apart two writes of
//! the same size within one tick of the file system's clock (a second or
//! two on some), so while a file's modification time is that close to the
//! moment it was stamped, its contents are hashed again and compared, as
//! git does for its "racily clean" entries.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The coarsest modification-time granularity allowed for: FAT's two
/// seconds. A file modified less than this before it was stamped may
/// change again without its metadata showing it.
const RACY: Duration = Duration::from_secs(2);

/// What the metadata says of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meta {
    len: u64,
    modified: Option<SystemTime>,
    /// Inode and status-change time (seconds, nanoseconds): a file
    /// replaced by a rename, or rewritten with its old modification time
    /// put back, shows here.
    identity: (u64, i64, i64),
    is_file: bool,
}

impl Meta {
    fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            identity: identity(&metadata),
            is_file: metadata.is_file(),
        })
    }
}

#[cfg(unix)]
fn identity(metadata: &std::fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.ino(), metadata.ctime(), metadata.ctime_nsec())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> (u64, i64, i64) {
    (0, 0, 0)
}

/// One file as it was when a config was read from it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    /// `None` when there was no file.
    meta: Option<Meta>,
    /// A hash of the contents of a regular file.
    hash: Option<u64>,
    /// When the contents were last seen to match.
    checked: SystemTime,
}

impl Stamp {
    fn take(path: &Path, now: SystemTime) -> Self {
        let meta = Meta::of(path);
        Self {
            meta,
            hash: meta.filter(|m| m.is_file).and_then(|_| hash_of(path)),
            checked: now,
        }
    }

    /// Whether the file differs from its stamp, given its metadata now and
    /// a way to hash its contents; a stamp found unchanged by its contents
    /// is dated `now`, so that the hashing stops once the file is old.
    fn differs(
        &mut self,
        meta: Option<Meta>,
        hash: impl FnOnce() -> Option<u64>,
        now: SystemTime,
        always_hash: bool,
    ) -> bool {
        if meta != self.meta {
            return true;
        }
        let Some(meta) = meta.filter(|m| m.is_file) else {
            return false;
        };
        let racy = meta
            .modified
            .is_none_or(|modified| modified + RACY > self.checked);
        if !(racy || always_hash) {
            return false;
        }
        if hash() != self.hash {
            return true;
        }
        self.checked = now;
        false
    }
}

/// A hash of the contents of the regular file at `path`.
fn hash_of(path: &Path) -> Option<u64> {
    let bytes = crate::read::read_file(path).ok()?;
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(hasher.finish())
}

/// The stamps of every file the cached configs depend on.
#[derive(Debug, Default)]
pub(crate) struct Stamps {
    files: HashMap<PathBuf, Stamp>,
}

impl Stamps {
    /// Stamp `path` unless it is stamped already: a stamp stays as it was
    /// when the cached config was first read, so that a change since is seen.
    pub(crate) fn watch(&mut self, path: &Path) {
        if !self.files.contains_key(path) {
            let stamp = Stamp::take(path, SystemTime::now());
            self.files.insert(path.to_path_buf(), stamp);
        }
    }

    /// Whether any stamped file changed.
    pub(crate) fn any_changed(&mut self) -> bool {
        let now = SystemTime::now();
        self.files
            .iter_mut()
            .any(|(path, stamp)| stamp.differs(Meta::of(path), || hash_of(path), now, false))
    }

    /// Whether any of `paths` that is stamped changed, comparing contents
    /// whatever the metadata says: the editor said they changed.
    pub(crate) fn any_of_changed(&mut self, paths: &[PathBuf]) -> bool {
        let now = SystemTime::now();
        paths.iter().any(|path| {
            self.files
                .get_mut(path)
                .is_some_and(|stamp| stamp.differs(Meta::of(path), || hash_of(path), now, true))
        })
    }

    /// Forget every stamp, as the configs are read afresh.
    pub(crate) fn clear(&mut self) {
        self.files.clear();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods, reason = "the tests write the files")]

    use super::*;

    fn meta(len: u64, modified: SystemTime) -> Meta {
        Meta {
            len,
            modified: Some(modified),
            identity: (7, 0, 0),
            is_file: true,
        }
    }

    #[test]
    fn equal_metadata_in_the_same_tick_is_checked_by_contents() {
        let second = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut stamp = Stamp {
            meta: Some(meta(25, second)),
            hash: Some(1),
            checked: second + Duration::from_millis(300),
        };
        let later = second + Duration::from_millis(600);
        // Same size, same time, same inode: only the contents tell.
        assert!(
            stamp
                .clone()
                .differs(Some(meta(25, second)), || Some(2), later, false)
        );
        assert!(!stamp.differs(Some(meta(25, second)), || Some(1), later, false));
        assert_eq!(stamp.checked, later, "seen unchanged then");

        // Once the file is old, its metadata is trusted.
        let old = second + RACY + Duration::from_secs(1);
        let mut old_stamp = Stamp {
            checked: old,
            ..stamp.clone()
        };
        let hashed = std::cell::Cell::new(false);
        let hash = || {
            hashed.set(true);
            Some(2)
        };
        assert!(!old_stamp.differs(Some(meta(25, second)), hash, old, false));
        assert!(!hashed.get(), "an old file is not read");
        // Unless the editor says it changed.
        assert!(old_stamp.differs(Some(meta(25, second)), || Some(2), old, true));
    }

    #[test]
    fn a_change_of_size_time_or_presence_is_seen() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let stamp = Stamp {
            meta: Some(meta(25, t)),
            hash: Some(1),
            checked: t + RACY + RACY,
        };
        let never = || -> Option<u64> { unreachable!("metadata is enough") };
        assert!(stamp.clone().differs(Some(meta(26, t)), never, t, false));
        let later = t + Duration::from_secs(1);
        assert!(
            stamp
                .clone()
                .differs(Some(meta(25, later)), never, t, false)
        );
        assert!(stamp.clone().differs(None, never, t, false));
        let absent = Stamp {
            meta: None,
            hash: None,
            checked: t,
        };
        assert!(absent.clone().differs(Some(meta(1, t)), never, t, false));
        assert!(!absent.clone().differs(None, never, t, false));
    }

    #[test]
    fn a_rewrite_of_the_same_size_at_once_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clientele.toml");
        let missing = dir.path().join(".clientele.toml");
        std::fs::write(&file, "business = \"relationship\"\n").unwrap();
        let mut stamps = Stamps::default();
        stamps.watch(&file);
        stamps.watch(&missing);
        assert!(!stamps.any_changed());
        let before = std::fs::metadata(&file).unwrap().modified().unwrap();
        // Same length, written at once: within the same second.
        std::fs::write(&file, "business = \"membership\"  \n").unwrap();
        let file_handle = std::fs::File::options().write(true).open(&file).unwrap();
        file_handle.set_modified(before).unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().len(), 26);
        assert!(stamps.any_changed());

        let mut stamps = Stamps::default();
        stamps.watch(&missing);
        std::fs::write(&missing, "").unwrap();
        assert!(stamps.any_changed(), "a config that appears");
    }
}
