//! Which files to check: the files named on the command line, and the
//! Markdown files found by walking the folders named there, honouring
//! `.gitignore` and `.ignore` files.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::WalkBuilder;

use crate::error::Error;

/// File extensions a folder walk picks up.
pub(crate) const MARKDOWN_EXTENSIONS: [&str; 3] = ["md", "markdown", "mdx"];

/// A document to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Input {
    /// The path as the user sees it: as given, or relative to the current
    /// folder when found by walking.
    pub(crate) path: PathBuf,
}

/// A document's path, in the three ways a run needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocPath {
    /// As given or found: where to read the document.
    pub(crate) path: PathBuf,
    /// As output shows it (see [`display_path`]).
    pub(crate) shown: String,
    /// Absolute, for matching `exclude` and `[[overrides]]` and for
    /// telling documents apart.
    pub(crate) absolute: PathBuf,
}

impl DocPath {
    /// The document at `path`, relative to `cwd` when it is relative.
    pub(crate) fn new(cwd: &Path, path: PathBuf) -> Self {
        Self {
            shown: display_path(&path),
            absolute: absolute(cwd, &path),
            path,
        }
    }
}

/// `path` as output shows it: without a leading `./`, with `/` separators
/// on Windows, and each byte that is not UTF-8 written `\xNN`, so that
/// two names that differ only there stay apart (on Unix, a backslash is
/// part of a name, not a separator, and stays). Control characters stay
/// too: the line formats escape them, JSON and SARIF encode them.
pub(crate) fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    let shown = if shown.as_os_str().is_empty() {
        path
    } else {
        shown
    };
    name_text(shown)
}

/// The bytes of a Unix name: UTF-8 as it is, other bytes as `\xNN`.
#[cfg(unix)]
fn name_text(path: &Path) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(text, "\\x{byte:02x}");
        }
    }
    text
}

/// A Windows name, which is UTF-16: with `/` separators.
#[cfg(not(unix))]
fn name_text(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The documents `paths` stand for, sorted and each once, and the errors
/// met while walking. A file named several ways (`a.md`, `./a.md`, a link
/// to it, its absolute path, a hard link) is one document, under the
/// first name it was given: checking it twice would report its findings
/// twice, and fixing it twice at once could lose a fix.
pub(crate) fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |path: PathBuf| {
        if seen.insert(Identity::of(&path)) {
            found.push(Input { path });
        }
    };
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            // Named files are read as Markdown whatever their extension;
            // a missing one is reported when it is read.
            add(path.clone());
            continue;
        }
        if let Some(error) = fs::canonicalize(path)
            .ok()
            .and_then(|folder| folder.ancestors().find_map(unreadable_ignore_file))
        {
            errors.push(error);
            continue;
        }
        let refused = Arc::new(Mutex::new(Vec::new()));
        let refuse = Arc::clone(&refused);
        // .gitignore is honoured in a tree that is not (yet) a git checkout too.
        let walk = WalkBuilder::new(path)
            .require_git(false)
            .filter_entry(move |entry| {
                let error = entry
                    .file_type()
                    .is_some_and(|t| t.is_dir())
                    .then(|| unreadable_ignore_file(entry.path()))
                    .flatten();
                let keep = error.is_none();
                refuse
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .extend(error);
                keep
            })
            .build();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    if is_markdown(entry.path()) {
                        add(without_dot_prefix(entry.into_path()));
                    }
                }
                Ok(_) => {}
                Err(error) => errors.push(Error::Walk {
                    path: path.clone(),
                    message: error.to_string(),
                }),
            }
        }
        errors.append(&mut refused.lock().unwrap_or_else(PoisonError::into_inner));
    }
    found.sort();
    (found, errors)
}

/// The ignore files the walker reads in a folder.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".git/info/exclude"];

/// Why the walker must not enter `folder`: an ignore file there that is a
/// pipe (the walk would wait for ever), a device or a link to one
/// (`/dev/zero` would fill memory), or is over the size limit. The walker
/// reads ignore files itself, outside clientele's reading gate, and such a
/// file can be committed to a repository, so each folder's are looked at
/// before it is entered. Its documents are left unchecked, as what the
/// file ignores cannot be known.
fn unreadable_ignore_file(folder: &Path) -> Option<Error> {
    let folder = without_dot_prefix(folder.to_path_buf());
    IGNORE_FILES.iter().find_map(|name| {
        let path = folder.join(name);
        let metadata = fs::metadata(&path).ok()?;
        let reason = if metadata.is_dir() || metadata.is_file() {
            if metadata.len() <= crate::read::max_file_size() {
                return None;
            }
            "it is larger than the size limit (--max-file-size)"
        } else {
            "it is not a regular file"
        };
        Some(Error::Walk {
            message: format!(
                "an ignore file that cannot be read: {reason}; the documents of {} are not checked",
                display_path(&folder)
            ),
            path,
        })
    })
}

/// What makes two names one file.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Identity {
    /// The device and inode of the file the name leads to, links followed.
    #[cfg(unix)]
    Inode(u64, u64),
    /// The name itself, or its canonical form, when the file cannot be
    /// looked at (it is missing, or on a system without inodes).
    Path(PathBuf),
}

impl Identity {
    fn of(path: &Path) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let Ok(meta) = std::fs::metadata(path) {
                return Identity::Inode(meta.dev(), meta.ino());
            }
        }
        #[cfg(not(unix))]
        if let Ok(real) = std::fs::canonicalize(path) {
            return Identity::Path(real);
        }
        Identity::Path(path.to_path_buf())
    }
}

/// A walked path without the `./` that walking `.` puts in front of it, so
/// that output and errors show paths relative to the current folder.
fn without_dot_prefix(path: PathBuf) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path,
    }
}

/// Whether a walked file is Markdown by its extension.
fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        MARKDOWN_EXTENSIONS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(e))
    })
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved
/// lexically (symlinks are not followed, so the result names the path the
/// user meant).
pub(crate) fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_resolves_dots_lexically() {
        assert_eq!(
            absolute(
                Path::new("/work/main"),
                Path::new("../shared/./seeds/a.txt")
            ),
            PathBuf::from("/work/shared/seeds/a.txt")
        );
    }

    #[test]
    fn display_drops_a_leading_dot() {
        assert_eq!(display_path(Path::new("./docs/a.md")), "docs/a.md");
        assert_eq!(display_path(Path::new(".")), ".");
        assert_eq!(display_path(Path::new("../x.md")), "../x.md");
    }

    #[cfg(unix)]
    #[test]
    fn display_keeps_what_identifies_a_unix_name() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"./lat\xe9in\\x\x1b.md");
        assert_eq!(display_path(Path::new(name)), "lat\\xe9in\\x\u{1b}.md");
        assert_eq!(display_path(Path::new("док/客户.md")), "док/客户.md");
    }
}
