//! `--since REF`: the lines added or changed since a git revision, asked of
//! git itself.
//!
//! As `git diff REF...` does, the comparison starts at the merge base of
//! REF and `HEAD`, and it ends at the working tree, so uncommitted edits
//! count. Renames are followed (a file moved untouched has no new lines),
//! and untracked files are new throughout.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};

/// What changed in a working tree since a revision.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Changed 1-based lines of each changed file (absolute path).
    lines: BTreeMap<PathBuf, Vec<RangeInclusive<usize>>>,
    /// Files new since the revision, untracked ones included.
    new_files: BTreeSet<PathBuf>,
}

impl Changes {
    /// What changed in the repository holding `dir` since `revision`.
    pub fn since(revision: &str, dir: &Path) -> Result<Self> {
        let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|message| Error::Git {
            message: format!("{} is not in a git repository ({message})", dir.display()),
        })?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let base = git(&top, &["merge-base", revision, "HEAD"]).map_err(|message| Error::Git {
            message: format!(
                "no common ancestor of `{revision}` and HEAD ({message}); in a shallow clone, \
                 fetch more history (actions/checkout: `fetch-depth: 0`)"
            ),
        })?;
        let base = base.trim();
        let diff = git(
            &top,
            &[
                "-c",
                "core.quotePath=false",
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--find-renames",
                "--unified=0",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                base,
                "--",
            ],
        )
        .map_err(|message| Error::Git { message })?;
        let untracked = git(
            &top,
            &[
                "-c",
                "core.quotePath=false",
                "ls-files",
                "-z",
                "--others",
                "--exclude-standard",
            ],
        )
        .map_err(|message| Error::Git { message })?;
        let mut changes = parse_diff(&top, &diff);
        changes.new_files.extend(
            untracked
                .split('\0')
                .filter(|p| !p.is_empty())
                .map(|p| top.join(p)),
        );
        Ok(changes)
    }

    /// Whether any of lines `first..=last` of the file at `path` (absolute)
    /// is new or changed.
    pub fn touches(&self, path: &Path, first: usize, last: usize) -> bool {
        if self.new_files.contains(path) {
            return true;
        }
        self.lines.get(path).is_some_and(|ranges| {
            ranges
                .iter()
                .any(|r| *r.start() <= last && first <= *r.end())
        })
    }
}

/// Run git in `dir`; its stdout, or what went wrong.
fn git(dir: &Path, args: &[&str]) -> std::result::Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr.trim().to_owned())
    }
}

/// The changed lines of a `--unified=0` diff whose paths are relative to
/// `top`.
fn parse_diff(top: &Path, diff: &str) -> Changes {
    let mut changes = Changes::default();
    let mut file: Option<PathBuf> = None;
    let mut from_nothing = false;
    for line in diff.lines() {
        if let Some(old) = line.strip_prefix("--- ") {
            from_nothing = old == "/dev/null";
        } else if let Some(new) = line.strip_prefix("+++ ") {
            // A deleted file has no new lines.
            file = (new != "/dev/null").then(|| top.join(path_of(new)));
            if from_nothing && let Some(path) = &file {
                changes.new_files.insert(path.clone());
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ")
            && let Some(path) = &file
            && let Some(range) = added_lines(hunk)
        {
            changes.lines.entry(path.clone()).or_default().push(range);
        }
    }
    changes
}

/// The path in a `+++ b/…` line, unquoted when git quoted it.
fn path_of(new: &str) -> String {
    let unquoted = unquote(new).unwrap_or_else(|| new.to_owned());
    unquoted.strip_prefix("b/").unwrap_or(&unquoted).to_owned()
}

/// A C-style quoted path as git writes names with unusual characters
/// (`"b/tab\there.md"`); `None` when `text` is not quoted.
fn unquote(text: &str) -> Option<String> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next()? {
            b'n' => bytes.push(b'\n'),
            b't' => bytes.push(b'\t'),
            b'r' => bytes.push(b'\r'),
            b'"' => bytes.push(b'"'),
            b'\\' => bytes.push(b'\\'),
            digit @ b'0'..=b'7' => {
                // Three octal digits: one byte of a UTF-8 sequence.
                let mut value = u32::from(digit - b'0');
                for _ in 0..2 {
                    value = value * 8 + u32::from(chars.next()?.checked_sub(b'0')?);
                }
                bytes.push(u8::try_from(value).ok()?);
            }
            other => bytes.push(other),
        }
    }
    String::from_utf8(bytes).ok()
}

/// The new-side lines of a hunk header `-a,b +c,d @@ …`; `None` for a hunk
/// that only deletes.
fn added_lines(hunk: &str) -> Option<RangeInclusive<usize>> {
    let new = hunk.split_whitespace().find(|part| part.starts_with('+'))?;
    let new = new.trim_start_matches('+');
    let (start, count) = match new.split_once(',') {
        Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
        None => (new.parse().ok()?, 1),
    };
    (count > 0).then(|| start..=start + count - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_the_new_lines() {
        assert_eq!(added_lines("-3,0 +4,2 @@ heading"), Some(4..=5));
        assert_eq!(added_lines("-3 +3 @@"), Some(3..=3));
        assert_eq!(added_lines("-3,2 +2,0 @@"), None);
    }

    #[test]
    fn a_diff_gives_changed_lines_and_new_files() {
        let diff = "\
diff --git a/docs/a.md b/docs/a.md
--- a/docs/a.md
+++ b/docs/a.md
@@ -2,0 +3,2 @@ Title
+one
+two
@@ -9 +11 @@
-old
+new
diff --git a/new.md b/new.md
new file mode 100644
--- /dev/null
+++ b/new.md
@@ -0,0 +1 @@
+hello
diff --git a/gone.md b/gone.md
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git \"a/\\320\\264\\320\\276\\320\\272.md\" \"b/\\320\\264\\320\\276\\320\\272.md\"
--- \"a/\\320\\264\\320\\276\\320\\272.md\"
+++ \"b/\\320\\264\\320\\276\\320\\272.md\"
@@ -1 +1 @@
-x
+y
";
        let top = Path::new("/repo");
        let changes = parse_diff(top, diff);
        let a = top.join("docs/a.md");
        assert!(changes.touches(&a, 3, 3));
        assert!(changes.touches(&a, 1, 4));
        assert!(changes.touches(&a, 11, 11));
        assert!(!changes.touches(&a, 5, 10));
        assert!(changes.touches(&top.join("new.md"), 40, 40));
        assert!(!changes.touches(&top.join("gone.md"), 1, 1));
        assert!(changes.touches(&top.join("док.md"), 1, 1));
    }
}
