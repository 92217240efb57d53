//! Reading the files a user names — documents, configs, term packs,
//! baselines — so that none of them can hang the run or exhaust memory.
//!
//! A path may be a regular file or a pipe (`clientele <(cmd)`); anything
//! else (a terminal, `/dev/zero`, a socket) is refused before a byte is
//! read. Every read stops at a size limit, [`max_file_size`], with a clear
//! error instead of growing without end.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The size limit unless the user sets another: four times the largest
/// Markdown file known to be checked whole.
pub(crate) const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// The most bytes read from one file or stream.
pub(crate) fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Set the size limit for the rest of the process (`--max-file-size`).
pub(crate) fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// The whole contents of the file at `path`, unless it is neither a
/// regular file nor a pipe, or is larger than [`max_file_size`].
pub(crate) fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    // Refused before opening: opening a device can itself block or act.
    refuse_special(&fs::metadata(path)?)?;
    let file = open_without_blocking(path)?;
    // The path may have been replaced between the two looks.
    let metadata = file.metadata()?;
    refuse_special(&metadata)?;
    let expected = if metadata.is_file() {
        metadata.len()
    } else {
        0
    };
    read_limited(file, expected, max_file_size())
}

/// Everything `reader` gives (standard input), up to [`max_file_size`].
pub(crate) fn read_stream(reader: impl Read) -> io::Result<Vec<u8>> {
    read_limited(reader, 0, max_file_size())
}

/// What `reader` gives, `expected` bytes long if known (0 if not), or an
/// error past `limit` bytes.
fn read_limited(reader: impl Read, expected: u64, limit: u64) -> io::Result<Vec<u8>> {
    if expected > limit {
        return Err(too_large(limit));
    }
    let capacity = usize::try_from(expected.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // One byte past the limit tells a stream at the limit from a longer one.
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "larger than {}, the most clientele reads from one file (raise it with --max-file-size)",
            human_size(limit)
        ),
    )
}

/// `bytes` as a size a reader takes in at a glance: `256 MiB`, `1 KiB`,
/// `100 bytes`.
pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{} {name}", bytes / unit);
        }
    }
    format!("{bytes} bytes")
}

/// An error unless `metadata` is that of a regular file, a pipe or a
/// folder (a folder fails on reading with the system's own message).
fn refuse_special(metadata: &Metadata) -> io::Result<()> {
    match special_kind(metadata) {
        Some(kind) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file ({kind}); clientele reads only files and pipes"),
        )),
        None => Ok(()),
    }
}

#[cfg(unix)]
fn special_kind(metadata: &Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_char_device() {
        Some("a character device")
    } else if kind.is_block_device() {
        Some("a block device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_kind(metadata: &Metadata) -> Option<&'static str> {
    (!metadata.is_file() && !metadata.is_dir()).then_some("not a file")
}

/// `path` opened for reading. A pipe nobody writes to would block
/// `open` for ever, so it is opened without blocking and switched back to
/// blocking reads once open: a read then ends at once when no one writes.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let nonblocking = i32::try_from(OFlags::NONBLOCK.bits()).unwrap_or(0);
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblocking)
        .open(path)?;
    let flags = rustix::fs::fcntl_getfl(&file)?;
    rustix::fs::fcntl_setfl(&file, flags - OFlags::NONBLOCK)?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_shown_in_the_largest_whole_unit() {
        assert_eq!(human_size(DEFAULT_MAX_FILE_SIZE), "256 MiB");
        assert_eq!(human_size(1024), "1 KiB");
        assert_eq!(human_size(1500), "1500 bytes");
        assert_eq!(human_size(3 << 30), "3 GiB");
    }

    #[test]
    fn a_stream_at_the_limit_is_read_and_one_byte_more_is_refused() {
        let limit = 10;
        let at = read_limited(&[b'a'; 10][..], 0, 10);
        let over = read_limited(&[b'a'; 11][..], 0, 10);
        assert_eq!(at.map(|b| b.len()).ok(), Some(limit));
        let error = over.err().map(|e| e.kind());
        assert_eq!(error, Some(io::ErrorKind::FileTooLarge));
    }
}
