//! What a replacement must keep of the file it replaces, and the files it
//! must leave alone: a new file renamed into place has the owner, group
//! and attributes of whoever created it unless they are copied over, and
//! a rename needs only the folder to be writable, not the file.

use std::fs::{File, Metadata};
use std::io;
use std::path::Path;

/// The file at `target`, opened for writing (never truncated) to learn
/// whether this user may write it, and its metadata. A file the user
/// cannot write, made read-only, or known under more than one name is
/// refused.
pub(super) fn open_replaceable(target: &Path) -> io::Result<(File, Metadata)> {
    let metadata = std::fs::metadata(target)?;
    // Even root, who may write anything, leaves a file made read-only as it is.
    if metadata.permissions().readonly() {
        return Err(refusal("the file is read-only"));
    }
    // The permission bits alone do not tell: owner, groups, ACLs, the
    // file system and the process's privileges all decide.
    let original = match File::options().write(true).open(target) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            return Err(refusal("this user may not write to the file"));
        }
        Err(error) => return Err(error),
    };
    let metadata = original.metadata()?;
    let names = links(&metadata);
    if names > 1 {
        // Renamed over, one name would get the fix and the others not.
        return Err(refusal(&format!(
            "the file has {names} names (hard links), which a replacement would split"
        )));
    }
    Ok((original, metadata))
}

fn refusal(reason: &str) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, reason.to_owned())
}

#[cfg(unix)]
fn links(metadata: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink()
}

#[cfg(not(unix))]
fn links(_metadata: &Metadata) -> u64 {
    1
}

/// Give `temporary` the owner, group, extended attributes and permissions
/// of the original file (`original`, described by `metadata`). What cannot
/// be kept is an error that stops the replacement.
pub(super) fn attributes_of(
    original: &File,
    metadata: &Metadata,
    temporary: &File,
) -> io::Result<()> {
    owner(metadata, temporary)?;
    extended_attributes(original, temporary)?;
    // After the owner: a change of owner clears the set-user-ID and
    // set-group-ID bits.
    temporary.set_permissions(metadata.permissions())
}

/// Give `temporary` the owner and group `metadata` names. An unprivileged
/// user can give a file only to themself and to a group they are in: a
/// file of another user or group is refused rather than taken over.
#[cfg(unix)]
fn owner(metadata: &Metadata, temporary: &File) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let (uid, gid) = (metadata.uid(), metadata.gid());
    let now = temporary.metadata()?;
    // Nothing to do, on a file system without owners too.
    if (now.uid(), now.gid()) == (uid, gid) {
        return Ok(());
    }
    match std::os::unix::fs::fchown(temporary, Some(uid), Some(gid)) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => Err(refusal(&format!(
            "its owner and group ({uid}:{gid}) cannot be kept by this user"
        ))),
        Err(error) => Err(error),
    }
}

#[cfg(not(unix))]
fn owner(_metadata: &Metadata, _temporary: &File) -> io::Result<()> {
    Ok(())
}

/// Copy the extended attributes of `original` that this user can read
/// (access control lists among them) to `temporary`.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn extended_attributes(original: &File, temporary: &File) -> io::Result<()> {
    use rustix::fs::{XattrFlags, fsetxattr};
    use rustix::io::Errno;
    let names = match attribute_names(original) {
        Ok(names) => names,
        Err(Errno::NOTSUP) => return Ok(()),
        Err(error) => return Err(error.into()),
    };
    for name in names
        .split(|&byte| byte == 0)
        .filter(|name| !name.is_empty())
    {
        let value = match attribute(original, name) {
            Ok(value) => value,
            // Removed since it was listed.
            Err(Errno::NODATA) => continue,
            Err(error) => return Err(error.into()),
        };
        if let Err(error) = fsetxattr(temporary, name, &value, XattrFlags::empty()) {
            // A security label the new file was given already.
            if attribute(temporary, name).is_ok_and(|now| now == value) {
                continue;
            }
            return Err(refusal(&format!(
                "its extended attribute `{}` cannot be kept ({})",
                String::from_utf8_lossy(name),
                io::Error::from(error)
            )));
        }
    }
    Ok(())
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn extended_attributes(_original: &File, _temporary: &File) -> io::Result<()> {
    Ok(())
}

/// The list of attribute names of `file`, each ending with a NUL byte.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn attribute_names(file: &File) -> rustix::io::Result<Vec<u8>> {
    use rustix::fs::{flistxattr, flistxattr_query};
    grown(|| flistxattr_query(file), |buffer| flistxattr(file, buffer))
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn attribute(file: &File, name: &[u8]) -> rustix::io::Result<Vec<u8>> {
    use rustix::fs::{fgetxattr, fgetxattr_query};
    grown(
        || fgetxattr_query(file, name),
        |buffer| fgetxattr(file, name, buffer),
    )
}

/// Read a value whose size is asked first; it may grow between the two
/// calls, and then both are made again.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn grown(
    size: impl Fn() -> rustix::io::Result<usize>,
    read: impl Fn(&mut [u8]) -> rustix::io::Result<usize>,
) -> rustix::io::Result<Vec<u8>> {
    let mut tries = 0;
    loop {
        let mut buffer = vec![0; size()?];
        if buffer.is_empty() {
            return Ok(buffer);
        }
        match read(&mut buffer) {
            Ok(length) => {
                buffer.truncate(length);
                return Ok(buffer);
            }
            Err(rustix::io::Errno::RANGE) if tries < 3 => tries += 1,
            Err(error) => return Err(error),
        }
    }
}
