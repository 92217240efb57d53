//! Baselines: today's findings, recorded so that only new ones are
//! reported (`clientele baseline`, `--baseline`, the `baseline` key).
//!
//! A finding is recorded by its file (relative to the baseline's folder),
//! its rule, the text it matched, and a fingerprint of the sentence around
//! it, so that editing other parts of the file, or moving the sentence,
//! keeps it recorded; rewording the sentence makes it a new finding.
//!
//! The file is JSON, one finding per line, sorted, so that it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path": "docs/guide.md", "rule": "wrong-term", "matched": "customers", "sentence": "5b1e…", "count": 1}
//!   ]
//! }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::source::floor_char_boundary;

/// The file name `clientele baseline` writes when not told otherwise.
pub(crate) const DEFAULT_FILE: &str = "clientele-baseline.json";

/// Version of the file format.
const VERSION: u32 = 1;

/// How far a sentence is looked for on each side of a finding, in bytes.
const SENTENCE_REACH: usize = 400;

/// What identifies a recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    /// The file, relative to the baseline's folder, with `/` separators.
    pub(crate) path: String,
    /// The rule's name.
    pub(crate) rule: String,
    /// The exact text the finding is about.
    pub(crate) matched: String,
    /// A hash of the normalised sentence around the finding.
    pub(crate) sentence: String,
}

/// One line of the file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    matched: String,
    sentence: String,
    count: usize,
}

impl Entry {
    fn new(key: &Key, count: usize) -> Self {
        Self {
            path: key.path.clone(),
            rule: key.rule.clone(),
            matched: key.matched.clone(),
            sentence: key.sentence.clone(),
            count,
        }
    }

    fn key(self) -> Key {
        Key {
            path: self.path,
            rule: self.rule,
            matched: self.matched,
            sentence: self.sentence,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// Recorded findings, each with how many times it occurs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Baseline {
    entries: BTreeMap<Key, usize>,
}

impl Baseline {
    /// Read the baseline at `path`.
    pub(crate) fn load(path: &Path) -> Result<Self> {
        let invalid = |message: String| Error::Baseline {
            path: path.to_path_buf(),
            message,
        };
        let bytes = crate::read::read_file(path).map_err(|e| {
            invalid(if e.kind() == std::io::ErrorKind::NotFound {
                "the file does not exist; write it with `clientele baseline`".to_owned()
            } else {
                e.to_string()
            })
        })?;
        let text = String::from_utf8(bytes).map_err(|e| invalid(e.to_string()))?;
        let file: File = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        if file.version != VERSION {
            return Err(invalid(format!(
                "version {} is not one this clientele reads ({VERSION})",
                file.version
            )));
        }
        let mut baseline = Self::default();
        for entry in file.findings {
            let count = entry.count;
            *baseline.entries.entry(entry.key()).or_default() += count;
        }
        Ok(baseline)
    }

    /// The file's text: one finding per line, sorted.
    pub(crate) fn to_json(&self) -> String {
        let lines: Vec<String> = self
            .entries
            .iter()
            .map(|(key, &count)| {
                // Serialising plain strings and numbers cannot fail.
                serde_json::to_string(&Entry::new(key, count)).unwrap_or_default()
            })
            .collect();
        let findings = if lines.is_empty() {
            "[]".to_owned()
        } else {
            format!("[\n    {}\n  ]", lines.join(",\n    "))
        };
        format!("{{\n  \"version\": {VERSION},\n  \"findings\": {findings}\n}}\n")
    }

    /// Record one finding.
    pub(crate) fn add(&mut self, key: Key) {
        *self.entries.entry(key).or_default() += 1;
    }

    /// How many findings are recorded.
    pub(crate) fn len(&self) -> usize {
        self.entries.values().sum()
    }

    /// The files with recorded findings.
    pub(crate) fn files(&self) -> BTreeSet<&str> {
        self.entries.keys().map(|k| k.path.as_str()).collect()
    }

    /// Forget the records `stale` names (as many of each as it says).
    pub(crate) fn remove(&mut self, stale: &[Stale]) {
        for entry in stale {
            if let Some(count) = self.entries.get_mut(&entry.key) {
                *count = count.saturating_sub(entry.count);
            }
        }
        self.entries.retain(|_, count| *count > 0);
    }

    /// This baseline with the records of the files `replaced` says yes to
    /// taken out, and the records of `fresh` put in.
    pub(crate) fn replace_files(
        &self,
        fresh: Baseline,
        replaced: impl Fn(&str) -> bool,
    ) -> Baseline {
        let mut entries: BTreeMap<Key, usize> = self
            .entries
            .iter()
            .filter(|(key, _)| !replaced(&key.path))
            .map(|(key, &count)| (key.clone(), count))
            .collect();
        for (key, count) in fresh.entries {
            *entries.entry(key).or_default() += count;
        }
        Baseline { entries }
    }
}

/// A baseline being matched against a run's findings.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// The baseline file.
    pub(crate) path: PathBuf,
    /// The folder its paths are relative to.
    root: PathBuf,
    left: BTreeMap<Key, usize>,
    /// The files checked in this run, relative to `root`.
    seen: BTreeSet<String>,
}

/// A recorded finding that no longer happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stale {
    /// What was recorded.
    pub(crate) key: Key,
    /// How many of it are gone.
    pub(crate) count: usize,
}

impl Matcher {
    /// Match findings against `baseline`, read from `path`.
    pub(crate) fn new(path: PathBuf, baseline: Baseline) -> Self {
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Self {
            path,
            root,
            left: baseline.entries,
            seen: BTreeSet::new(),
        }
    }

    /// The key of a finding in the file at `absolute` whose text is `text`.
    pub(crate) fn key(&self, absolute: &Path, text: &str, d: &Diagnostic) -> Key {
        key(&self.root, absolute, text, d)
    }

    /// Whether the finding is recorded; each record matches one finding.
    /// The file is marked as checked by [`Matcher::checked`], not here.
    pub(crate) fn take(&mut self, absolute: &Path, text: &str, d: &Diagnostic) -> bool {
        let key = self.key(absolute, text, d);
        match self.left.get_mut(&key) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }

    /// Note that the file at `absolute` was checked (its unmatched records
    /// are stale even when it has no finding left).
    pub(crate) fn checked(&mut self, absolute: &Path) {
        self.seen.insert(relative(&self.root, absolute));
    }

    /// Whether the file at `path` (relative to the baseline's folder) was
    /// checked in this run, or no longer exists: its records are then the
    /// findings it has now.
    pub(crate) fn covers(&self, path: &str) -> bool {
        self.seen.contains(path) || !self.root.join(path).exists()
    }

    /// Records of files checked in this run, or of files that no longer
    /// exist, that matched no finding.
    pub(crate) fn stale(&self) -> Vec<Stale> {
        self.left
            .iter()
            .filter(|(_, count)| **count > 0)
            .filter(|(key, _)| self.covers(&key.path))
            .map(|(key, &count)| Stale {
                key: key.clone(),
                count,
            })
            .collect()
    }
}

/// The key of `d`, found in the file at `absolute` whose text is `text`, for
/// a baseline whose folder is `root`.
pub(crate) fn key(root: &Path, absolute: &Path, text: &str, d: &Diagnostic) -> Key {
    Key {
        path: relative(root, absolute),
        rule: d.rule.name().to_owned(),
        matched: d.matched.clone(),
        sentence: sentence_fingerprint(text, d),
    }
}

/// The fingerprint of the sentence around `d` in `text`: the same after
/// edits elsewhere in the file, different when the sentence is reworded.
pub(crate) fn sentence_fingerprint(text: &str, d: &Diagnostic) -> String {
    fingerprint(sentence_around(text, d.span.start, d.span.end))
}

/// A fingerprint of the finding `d` in the file shown as `path`, for tools
/// that track findings across commits (SARIF's `partialFingerprints`).
pub(crate) fn finding_fingerprint(path: &str, text: &str, d: &Diagnostic) -> String {
    let sentence = sentence_fingerprint(text, d);
    fingerprint(&[path, d.rule.name(), &d.matched, &sentence].join("\u{0}"))
}

/// `absolute` relative to `root` with `/` separators, or whole when it is
/// not inside `root`.
fn relative(root: &Path, absolute: &Path) -> String {
    let path = absolute.strip_prefix(root).unwrap_or(absolute);
    path.to_string_lossy().replace('\\', "/")
}

/// Whether `c` ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '；' | ';')
}

/// The sentence holding `start..end` in `text`: back to the previous
/// sentence end or blank line, forward to the next (within
/// [`SENTENCE_REACH`] bytes on each side).
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let floor = floor_char_boundary(text, start.saturating_sub(SENTENCE_REACH));
    let ceiling = floor_char_boundary(text, end.saturating_add(SENTENCE_REACH));
    let before = &text[floor..start];
    let mut from = floor;
    let mut previous = '\0';
    for (i, c) in before.char_indices().rev() {
        if ends_sentence(c) || (c == '\n' && previous == '\n') {
            from = floor + i + c.len_utf8();
            break;
        }
        if !c.is_whitespace() || c == '\n' {
            previous = c;
        }
    }
    let after = &text[end..ceiling];
    let mut to = ceiling;
    let mut previous = '\0';
    for (i, c) in after.char_indices() {
        if ends_sentence(c) {
            to = end + i + c.len_utf8();
            break;
        }
        if c == '\n' && previous == '\n' {
            to = end + i;
            break;
        }
        if !c.is_whitespace() || c == '\n' {
            previous = c;
        }
    }
    &text[from..to]
}

/// A short stable hash of `sentence` with its whitespace collapsed, so that
/// re-wrapping a paragraph does not change it.
fn fingerprint(sentence: &str) -> String {
    let normalised: Vec<&str> = sentence.split_whitespace().collect();
    let digest = Sha256::digest(normalised.join(" ").as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, needle: &str) -> String {
        let start = text.find(needle).unwrap();
        sentence_around(text, start, start + needle.len())
            .trim()
            .to_owned()
    }

    #[test]
    fn the_sentence_stops_at_sentence_ends_and_blank_lines() {
        let text = "# Title\n\nFirst one. Our customers\nwrite in. Last one.\n\nNext paragraph.";
        assert_eq!(around(text, "customers"), "Our customers\nwrite in.");
        assert_eq!(
            around("Наши заказчики довольны! Да.", "заказчики"),
            "Наши заказчики довольны!"
        );
        assert_eq!(
            around("第一句。我们的顾客很满意。第三句。", "顾客"),
            "我们的顾客很满意。"
        );
        assert_eq!(
            around("Title\n\ncustomers\n\nmore", "customers"),
            "customers"
        );
    }

    #[test]
    fn rewrapping_keeps_the_fingerprint_and_rewording_changes_it() {
        let a = fingerprint("Our customers\nwrite in.");
        assert_eq!(a, fingerprint("Our  customers write   in."));
        assert_ne!(a, fingerprint("Our customers wrote in."));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn the_file_is_sorted_one_finding_per_line_and_reads_back() {
        let mut baseline = Baseline::default();
        for (path, matched) in [("b.md", "customer"), ("a.md", "顾客"), ("a.md", "顾客")] {
            baseline.add(Key {
                path: path.to_owned(),
                rule: "wrong-term".to_owned(),
                matched: matched.to_owned(),
                sentence: "0011223344556677".to_owned(),
            });
        }
        let json = baseline.to_json();
        assert_eq!(
            json,
            "{\n  \"version\": 1,\n  \"findings\": [\n    \
             {\"path\":\"a.md\",\"rule\":\"wrong-term\",\"matched\":\"顾客\",\"sentence\":\"0011223344556677\",\"count\":2},\n    \
             {\"path\":\"b.md\",\"rule\":\"wrong-term\",\"matched\":\"customer\",\"sentence\":\"0011223344556677\",\"count\":1}\n  \
             ]\n}\n"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_FILE);
        #[allow(clippy::disallowed_methods, reason = "a test fixture")]
        std::fs::write(&path, &json).unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), baseline);
        assert_eq!(baseline.len(), 3);
    }

    #[test]
    fn an_empty_baseline_is_valid_json() {
        let json = Baseline::default().to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["findings"], serde_json::json!([]));
    }
}
