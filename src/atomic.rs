//! Replacing a file's contents so that a crash, a full disk or a failed
//! write never leaves it half written: the new contents go to a temporary
//! file in the same folder, are flushed to disk, and the temporary file is
//! renamed over the original in one step.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::error::Error;

/// Replace the contents of the file at `path` with `contents`, keeping its
/// permissions. A symbolic link stays a link: the file it points to is
/// replaced. A read-only file is refused. On any error the file is as it
/// was, and no temporary file is left behind.
pub fn replace_contents(path: &Path, contents: &[u8]) -> Result<(), Error> {
    write(path, contents).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Write `contents` to the file at `path`, replacing it as
/// [`replace_contents`] does when it exists, or creating it in one step.
pub fn write_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    if path.exists() {
        write(path, contents)
    } else {
        create(path, contents)
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

fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    // Renaming over a file needs only the folder to be writable; a file the
    // user made read-only is one they do not want changed.
    if permissions.readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let temporary = synced_temporary(folder, contents)?;
    fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(&target).map_err(|e| e.error)?;
    sync_folder(folder);
    Ok(())
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
        replace_contents(&path, b"client\r\n").unwrap();
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
        let error = replace_contents(&path, b"client").unwrap_err();
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
        replace_contents(&link, b"client").unwrap();
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
}
