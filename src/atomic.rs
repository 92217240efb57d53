//! Replacing a file's contents so that a crash, a full disk or a failed
//! write never leaves it half written: the new contents go to a temporary
//! file in the same folder, are flushed to disk, and the temporary file is
//! renamed over the original in one step, once it has the original's
//! owner, group, permissions and extended attributes and the original is
//! known to hold what was read from it.

mod keep;
mod temporary;

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::error::Error;
use temporary::Temporary;

/// Replace the contents of the file at `path` with `contents`, keeping its
/// owner, group, permissions and extended attributes, provided it still
/// holds `expected`, the bytes read from it before fixing. A symbolic link
/// stays a link: the file it points to is replaced. A file that is
/// read-only, that this user may not write, whose owner or attributes
/// cannot be kept, or that has more than one name (hard links) is refused.
/// On any error the file is as it was, and no temporary file is left
/// behind.
pub(crate) fn replace_contents(path: &Path, contents: &[u8], expected: &[u8]) -> Result<(), Error> {
    write(path, contents, Some(expected)).map_err(|failure| match failure {
        Failure::Changed => Error::Changed {
            path: path.to_path_buf(),
        },
        Failure::Io(source) => Error::Write {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// Write `contents` to the file at `path`, replacing it as
/// [`replace_contents`] does when it exists (whatever it holds), or
/// creating it as [`create_file`] does.
pub(crate) fn write_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    if path.exists() {
        write(path, contents, None).map_err(|failure| match failure {
            Failure::Io(error) => error,
            // Not reached: nothing is expected of the file.
            Failure::Changed => io::Error::other("the file changed while it was being written"),
        })
    } else {
        create_file(path, contents)
    }
}

/// Create the file at `path` holding `contents`, in one step: it appears
/// whole or not at all. A file already there is kept, and the error is
/// [`io::ErrorKind::AlreadyExists`].
pub(crate) fn create_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    // The mode any new file gets, less the umask.
    let temporary = filled_temporary(folder, contents, 0o666)?;
    temporary.file()?.sync_all()?;
    // Not over a file that appeared meanwhile.
    temporary.persist_noclobber(path)?;
    sync_folder(folder);
    Ok(())
}

/// Why a replacement did not happen.
enum Failure {
    /// The file no longer holds what was read from it.
    Changed,
    /// The operating system refused a step, or the file cannot be replaced.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

fn write(path: &Path, contents: &[u8], expected: Option<&[u8]>) -> Result<(), Failure> {
    let target = fs::canonicalize(path)?;
    let (original, before) = keep::open_replaceable(&target)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    // Readable by its creator alone until it has the original's permissions.
    let temporary = filled_temporary(folder, contents, 0o600)?;
    keep::attributes_of(&original, &before, temporary.file()?)?;
    temporary.file()?.sync_all()?;
    pause_for_tests();
    // As late as can be: another writer (an editor, a formatter) may have
    // saved the file since it was read, and its work must not be lost.
    // Dropped here, the temporary file is removed.
    if let Some(expected) = expected
        && !still_holds(&target, &before, expected)?
    {
        return Err(Failure::Changed);
    }
    temporary.persist(&target)?;
    sync_folder(folder);
    Ok(())
}

/// Whether the file at `target` is still the one `before` described and
/// holds exactly `expected`. Reads at most one byte more than `expected`,
/// enough to tell that it grew.
fn still_holds(target: &Path, before: &fs::Metadata, expected: &[u8]) -> io::Result<bool> {
    let file = match fs::File::open(target) {
        Ok(file) => file,
        // Removed or renamed away since: changed.
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(error),
    };
    if !same_file(before, &file.metadata()?) {
        return Ok(false);
    }
    let cap = u64::try_from(expected.len())
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut now = Vec::with_capacity(expected.len().saturating_add(1));
    file.take(cap).read_to_end(&mut now)?;
    Ok(now == expected)
}

/// Whether two stats are of one file: a file renamed into place since the
/// first has another owner, mode, or history than the one checked.
fn same_file(before: &fs::Metadata, now: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        before.dev() == now.dev() && before.ino() == now.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (before, now);
        true
    }
}

/// A temporary file in `folder`, created with `mode`, holding `contents`:
/// what is renamed into place. Dropped without a rename, it is removed.
fn filled_temporary(folder: &Path, contents: &[u8], mode: u32) -> io::Result<Temporary> {
    let temporary = Temporary::new_in(folder, mode).map_err(without_temporary_path)?;
    // The file's own writer: `tempfile`'s would add its path to errors.
    let mut file = temporary.file()?;
    file.write_all(contents)?;
    Ok(temporary)
}

/// Test hook of debug builds: `CLIENTELE_TEST_PAUSE_BEFORE_RENAME=<ms>`
/// holds each replacement that long once its temporary file is written in
/// full, so that the tests can interrupt a run there. Release builds do
/// not read it.
fn pause_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(millis) = std::env::var("CLIENTELE_TEST_PAUSE_BEFORE_RENAME")
        .ok()
        .and_then(|value| value.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(millis));
    }
}

/// The operating system's error without the path of the temporary file
/// that `tempfile` appends to it (" at path …"): that file never came to
/// be, and the message names the user's file instead.
fn without_temporary_path(error: io::Error) -> io::Error {
    let message = error.to_string();
    match message.split_once(" at path ") {
        Some((reason, _)) => io::Error::new(error.kind(), reason.to_owned()),
        None => error,
    }
}

/// Flush the folder entry of the rename to disk, where the platform allows
/// it; the rename has happened either way, so a failure here is not one.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "the tests write the files they replace"
)]
mod tests {
    use super::*;

    fn entries(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn contents_are_replaced_and_nothing_is_left_behind() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        fs::write(&path, "customer\r\n").unwrap();
        replace_contents(&path, b"client\r\n", b"customer\r\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"client\r\n");
        assert_eq!(entries(folder.path()), ["a.md"]);
    }

    #[test]
    fn a_read_only_file_is_refused_and_unchanged() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        fs::write(&path, "customer").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        let error = replace_contents(&path, b"client", b"customer").unwrap_err();
        assert!(error.to_string().contains("read-only"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"customer");
        assert_eq!(entries(folder.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_a_link_stays_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        fs::write(&path, "customer").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let link = folder.path().join("link.md");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        replace_contents(&link, b"client", b"customer").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&path).unwrap(), b"client");
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_as_the_other_writer_made_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        // Read as "customer", then saved by an editor before the fix lands.
        fs::write(&path, "customer, edited").unwrap();
        let error = replace_contents(&path, b"client", b"customer").unwrap_err();
        assert!(matches!(error, Error::Changed { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!(
                "{}: not fixed: the file changed while it was being fixed; it is unchanged",
                path.display()
            )
        );
        assert_eq!(fs::read(&path).unwrap(), b"customer, edited");
        assert_eq!(entries(folder.path()), ["a.md"]);
    }

    #[test]
    fn a_file_cut_short_or_grown_by_one_byte_is_changed_too() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        for now in ["custome", "customer!", ""] {
            fs::write(&path, now).unwrap();
            let error = replace_contents(&path, b"client", b"customer").unwrap_err();
            assert!(matches!(error, Error::Changed { .. }), "{now:?}: {error:?}");
            assert_eq!(fs::read(&path).unwrap(), now.as_bytes());
        }
        assert_eq!(entries(folder.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_replaced_by_another_with_the_same_bytes_is_changed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        fs::write(&path, "customer").unwrap();
        let before = fs::metadata(&path).unwrap();
        let other = folder.path().join("b.md");
        fs::write(&other, "customer").unwrap();
        fs::rename(&other, &path).unwrap();
        assert!(!still_holds(&path, &before, b"customer").unwrap());
        assert!(still_holds(&path, &fs::metadata(&path).unwrap(), b"customer").unwrap());
    }
}
