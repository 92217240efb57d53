//! `--since REF`: the lines added or changed since a git revision, asked of
//! git itself.
//!
//! As `git diff REF...` does, the comparison starts at the merge base of
//! REF and `HEAD`, and it ends at the working tree, so uncommitted edits
//! count. Renames are followed (a file moved untouched has no new lines),
//! and untracked files are new throughout.
//!
//! Git's output is read as bytes, and the options that a user's git
//! config could change (prefixes, quoting, colour, external diff tools,
//! text conversion, submodule logs) are set on the command line, so that
//! any file name, UTF-8 or not, comes back exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};

/// What changed in a working tree since a revision.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Changes {
    /// Changed 1-based lines of each changed file (absolute path).
    lines: BTreeMap<PathBuf, Vec<RangeInclusive<usize>>>,
    /// Files new since the revision, untracked ones included.
    new_files: BTreeSet<PathBuf>,
}

/// `git diff` options that make its output the same whatever the user's
/// config says: `a/` and `b/` prefixes (not `diff.noprefix` or
/// `diff.mnemonicPrefix`), every unusual byte of a name quoted (not
/// `core.quotePath=false`), no colour, no external diff or textconv
/// driver, every file read as text (not `binary` or `-diff` by an
/// attribute), no hunks merged across unchanged lines, and a submodule as
/// one line rather than its log.
const DIFF: &[&str] = &[
    "-c",
    "core.quotePath=true",
    "-c",
    "diff.noprefix=false",
    "-c",
    "diff.mnemonicPrefix=false",
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--text",
    "--find-renames",
    "--unified=0",
    "--inter-hunk-context=0",
    "--submodule=short",
    "--src-prefix=a/",
    "--dst-prefix=b/",
];

impl Changes {
    /// What changed in the repository holding `dir` since `revision`.
    pub(crate) fn since(revision: &str, dir: &Path) -> Result<Self> {
        let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|message| Error::Git {
            message: format!("{} is not in a git repository ({message})", dir.display()),
        })?;
        let top = path_from_bytes(top.strip_suffix(b"\n").unwrap_or(&top));
        let commit = verify(revision, &top)?;
        let base = git(&top, &["merge-base", &commit, "HEAD"]).map_err(|message| Error::Git {
            message: format!(
                "no common ancestor of `{revision}` and HEAD ({message}); in a shallow clone, \
                 fetch more history (actions/checkout: `fetch-depth: 0`)"
            ),
        })?;
        let base = String::from_utf8_lossy(&base).trim().to_owned();
        let mut args = DIFF.to_vec();
        args.extend([base.as_str(), "--"]);
        let diff = git(&top, &args).map_err(|message| Error::Git { message })?;
        let untracked = git(&top, &["ls-files", "-z", "--others", "--exclude-standard"])
            .map_err(|message| Error::Git { message })?;
        let mut changes = parse_diff(&top, &diff);
        changes.new_files.extend(
            untracked
                .split(|&b| b == 0)
                .filter(|p| !p.is_empty())
                .map(|p| top.join(path_from_bytes(p))),
        );
        Ok(changes)
    }

    /// Whether any of lines `first..=last` of the file at `path` (absolute)
    /// is new or changed.
    pub(crate) fn touches(&self, path: &Path, first: usize, last: usize) -> bool {
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

/// The commit `revision` names, as a full object name, which no later
/// git command can take for an option. A revision that starts with `-`
/// is refused before git sees it: git would read it as an option
/// (`--output=FILE`), and no branch, tag or object name starts so.
fn verify(revision: &str, top: &Path) -> Result<String> {
    let not_a_commit = |why: &str| Error::Git {
        message: format!("`{revision}` is not a commit of this repository{why}"),
    };
    if revision.is_empty() || revision.starts_with('-') {
        return Err(not_a_commit(" (a revision cannot start with `-`)"));
    }
    // `REV^{commit}` starts as REV does, so it is not an option either.
    let peeled = format!("{revision}^{{commit}}");
    let commit =
        git(top, &["rev-parse", "--verify", "--quiet", &peeled]).map_err(|_| not_a_commit(""))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    if commit.is_empty() || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_a_commit(""));
    }
    Ok(commit)
}

/// Run git in `dir`; its stdout, or what went wrong.
fn git(dir: &Path, args: &[&str]) -> std::result::Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("--no-pager")
        .args(args)
        .current_dir(dir)
        // It would set the context lines of every diff.
        .env_remove("GIT_DIFF_OPTS")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr.trim().to_owned())
    }
}

/// A path as git wrote it: bytes, UTF-8 or not, on Unix.
#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

/// A path as git wrote it: git for Windows writes names in UTF-8.
#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// The changed lines of a `--unified=0` diff whose paths are relative to
/// `top`. A hunk's lines are counted off its header, so that an added line
/// that reads `++ b/x` or `@@ -1 +1 @@` is not taken for a header.
fn parse_diff(top: &Path, diff: &[u8]) -> Changes {
    let mut changes = Changes::default();
    let mut file: Option<PathBuf> = None;
    let mut from_nothing = false;
    // Lines of the current hunk still to come: removed, added.
    let mut pending = (0_usize, 0_usize);
    for line in diff.split(|&b| b == b'\n') {
        if pending != (0, 0) {
            match line.first() {
                Some(b'-') => pending.0 = pending.0.saturating_sub(1),
                Some(b'+') => pending.1 = pending.1.saturating_sub(1),
                Some(b' ') => {
                    pending = (pending.0.saturating_sub(1), pending.1.saturating_sub(1));
                }
                // `\ No newline at end of file`.
                _ => {}
            }
            continue;
        }
        if line.starts_with(b"diff ") {
            file = None;
            from_nothing = false;
        } else if let Some(old) = line.strip_prefix(b"--- ") {
            from_nothing = name(old).is_none();
        } else if let Some(new) = line.strip_prefix(b"+++ ") {
            // A deleted file has no new lines.
            file = name(new).map(|path| top.join(path_from_bytes(&path)));
            if from_nothing && let Some(path) = &file {
                changes.new_files.insert(path.clone());
            }
        } else if let Some(hunk) = line.strip_prefix(b"@@ ")
            && let Some((removed, start, added)) = hunk_lines(hunk)
        {
            pending = (removed, added);
            if let Some(path) = &file
                && added > 0
            {
                let lines = start..=start + added - 1;
                changes.lines.entry(path.clone()).or_default().push(lines);
            }
        }
    }
    changes
}

/// The path relative to the top in a `--- a/…` or `+++ b/…` line, without
/// its prefix; `None` for `/dev/null`. Git quotes a name with a control
/// character, a quote, a backslash or a non-ASCII byte, and puts a tab
/// after a name with a space.
fn name(field: &[u8]) -> Option<Vec<u8>> {
    let field = field.strip_suffix(b"\t").unwrap_or(field);
    let name = if field.first() == Some(&b'"') {
        unquote(field)?
    } else if field == b"/dev/null" {
        return None;
    } else {
        field.to_vec()
    };
    match name.get(..2) {
        Some(b"a/" | b"b/") => Some(name[2..].to_vec()),
        _ => Some(name),
    }
}

/// The bytes of a C-style quoted name as git writes it (`"b/tab\there"`,
/// `"b/\303\251.md"`); `None` when it is not one.
fn unquote(text: &[u8]) -> Option<Vec<u8>> {
    let inner = text.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut bytes = Vec::with_capacity(inner.len());
    let mut rest = inner.iter().copied();
    while let Some(b) = rest.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        let escaped = rest.next()?;
        bytes.push(match escaped {
            b'a' => 0x07,
            b'b' => 0x08,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 0x0b,
            b'f' => 0x0c,
            b'r' => b'\r',
            b'0'..=b'3' => {
                // Three octal digits: one byte.
                let mut value = escaped - b'0';
                for _ in 0..2 {
                    let digit = rest.next()?;
                    if !(b'0'..=b'7').contains(&digit) {
                        return None;
                    }
                    value = value * 8 + (digit - b'0');
                }
                value
            }
            b'"' | b'\\' => escaped,
            _ => return None,
        });
    }
    Some(bytes)
}

/// A hunk header `-a,b +c,d @@ …`: how many lines it removes, the first
/// line it adds and how many it adds.
fn hunk_lines(hunk: &[u8]) -> Option<(usize, usize, usize)> {
    let ranges = hunk.split(|&b| b == b'@').next()?;
    let mut parts = std::str::from_utf8(ranges).ok()?.split_whitespace();
    let (_, removed) = range(parts.next()?.strip_prefix('-')?)?;
    let (start, added) = range(parts.next()?.strip_prefix('+')?)?;
    Some((removed, start, added))
}

/// `start,count` or `start` (one line) of a hunk header.
fn range(text: &str) -> Option<(usize, usize)> {
    match text.split_once(',') {
        Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
        None => Some((text.parse().ok()?, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_the_lines_removed_and_added() {
        assert_eq!(hunk_lines(b"-3,0 +4,2 @@ heading"), Some((0, 4, 2)));
        assert_eq!(hunk_lines(b"-3 +3 @@"), Some((1, 3, 1)));
        assert_eq!(hunk_lines(b"-3,2 +2,0 @@"), Some((2, 2, 0)));
    }

    #[test]
    fn names_come_back_byte_for_byte() {
        assert_eq!(
            name(b"b/User Guide/a.md\t"),
            Some(b"User Guide/a.md".to_vec())
        );
        assert_eq!(
            name(b"\"b/tab\\there \\\"q\\\".md\"\t"),
            Some(b"tab\there \"q\".md".to_vec())
        );
        assert_eq!(
            name(b"\"b/lat\\351in\\n.md\""),
            Some(b"lat\xe9in\n.md".to_vec())
        );
        assert_eq!(
            name(b"\"b/back\\\\slash.md\""),
            Some(b"back\\slash.md".to_vec())
        );
        assert_eq!(name(b"/dev/null"), None);
        assert_eq!(name(b"/dev/null\t"), None);
        assert_eq!(unquote(b"\"b/bad\\9\""), None);
    }

    #[test]
    fn a_diff_gives_changed_lines_and_new_files() {
        let diff = b"\
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
diff --git a/gone one.md b/gone one.md
--- a/gone one.md\t
+++ /dev/null\t
@@ -1 +0,0 @@
-bye
diff --git a/User Guide/start.md b/User Guide/start.md
--- a/User Guide/start.md\t
+++ b/User Guide/start.md\t
@@ -1,0 +2,3 @@
+++ b/decoy.md
+@@ -1 +40,2 @@
+-- a/x
diff --git \"a/\\320\\264\\320\\276\\320\\272 \\351.md\" \"b/\\320\\264\\320\\276\\320\\272 \\351.md\"
--- \"a/\\320\\264\\320\\276\\320\\272 \\351.md\"\t
+++ \"b/\\320\\264\\320\\276\\320\\272 \\351.md\"\t
@@ -1 +1 @@
-x
\\ No newline at end of file
+y
\\ No newline at end of file
";
        let top = Path::new("/repo");
        let changes = parse_diff(top, diff);
        let a = top.join("docs/a.md");
        assert!(changes.touches(&a, 3, 3));
        assert!(changes.touches(&a, 1, 4));
        assert!(changes.touches(&a, 11, 11));
        assert!(!changes.touches(&a, 5, 10));
        assert!(changes.touches(&top.join("new.md"), 40, 40));
        assert!(!changes.touches(&top.join("gone one.md"), 1, 1));
        let guide = top.join("User Guide/start.md");
        assert!(changes.touches(&guide, 2, 4));
        assert!(
            !changes.touches(&guide, 40, 41),
            "an added line is not a header"
        );
        assert!(!changes.touches(&top.join("decoy.md"), 1, 1));
        let odd = top.join(path_from_bytes("док \u{e9}".as_bytes()));
        assert!(!changes.touches(&odd, 1, 1), "the name is not UTF-8");
        let odd = top.join(path_from_bytes(b"\xd0\xb4\xd0\xbe\xd0\xba \xe9.md"));
        assert!(changes.touches(&odd, 1, 1));
        assert_eq!(changes.lines.len(), 4);
    }
}
