//! Replacing a file's contents so that a crash, a full disk or a failed
//! write never leaves it half written: the new contents go to a temporary
//! file in the same folder, are flushed to disk, and the temporary file is
//! renamed over the original in one step.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::error::Error;

/// Replace the contents of the file at `path` with `contents`, keeping its
/// permissions, provided it still holds `expected`, the bytes read from it
/// before fixing. A symbolic link stays a link: the file it points to is
/// replaced. A read-only file is refused. On any error the file is as it
/// was, and no temporary file is left behind.
pub fn replace_contents(path: &Path, contents: &[u8], expected: &[u8]) -> Result<(), Error> {
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
/// creating it in one step.
pub fn write_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    if path.exists() {
        write(path, contents, None).map_err(|failure| match failure {
            Failure::Io(error) => error,
            // Not reached: nothing is expected of the file.
            Failure::Changed => io::Error::other("the file changed while it was being written"),
        })
    } else {
        create(path, contents)
    }
}

/// Why a replacement did not happen.
enum Failure {
    /// The file no longer holds what was read from it.
    Changed,
    /// The operating system refused a step.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

fn create(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let temporary = synced_temporary(folder, contents)?;
    // Not over a file that appeared meanwhile.
    temporary.persist_noclobber(path).map_err(|e| e.error)?;
    sync_folder(folder);
    Ok(())
}

fn write(path: &Path, contents: &[u8], expected: Option<&[u8]>) -> Result<(), Failure> {
    let target = fs::canonicalize(path)?;
    let before = fs::metadata(&target)?;
    let permissions = before.permissions();
    // Renaming over a file needs only the folder to be writable; a file the
    // user made read-only is one they do not want changed.
    if permissions.readonly() {
        return Err(
            io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only").into(),
        );
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let temporary = synced_temporary(folder, contents)?;
    fs::set_permissions(temporary.path(), permissions)?;
    // As late as can be: another writer (an editor, a formatter) may have
    // saved the file since it was read, and its work must not be lost.
    // Dropped here, the temporary is removed.
    if let Some(expected) = expected
        && !still_holds(&target, &before, expected)?
    {
        return Err(Failure::Changed);
    }
    temporary.persist(&target).map_err(|e| e.error)?;
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

/// A temporary file in `folder` holding `contents`, flushed to disk: what
/// is renamed into place. Dropped without a rename, it is removed.
fn synced_temporary(folder: &Path, contents: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut temporary = tempfile::Builder::new()
        .prefix(".clientele-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(without_temporary_path)?;
    // The file's own writer: `tempfile`'s would add its path to errors.
    temporary.as_file_mut().write_all(contents)?;
    temporary.as_file().sync_all()?;
    Ok(temporary)
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
