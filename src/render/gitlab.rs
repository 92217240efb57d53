//! `--format gitlab`: a GitLab Code Quality report, the one report a merge
//! request's Code Quality widget reads: a JSON array of issues in the
//! CodeClimate format's subset GitLab documents (`type`, `check_name`,
//! `description`, `categories`, `location.path`, `location.lines.begin`,
//! `severity`, `fingerprint`).
//!
//! GitLab links an issue to a file by its path from the repository's root,
//! and matches issues of two pipelines by their fingerprint: a new
//! fingerprint is a new issue in the widget. So paths are made relative to
//! the folder clientele runs in (the repository's root, in CI), and the
//! fingerprint is the one a baseline and SARIF use, which does not change
//! when lines above the finding move.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Notice, Printer, Summary};
use crate::baseline::finding_fingerprint;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::walk::display_path;

#[derive(Serialize)]
struct Issue {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: String,
    description: String,
    categories: [&'static str; 1],
    location: Location,
    severity: &'static str,
    fingerprint: String,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The `check_name` of an error that kept a file from being checked: no
/// rule has that name.
const ERROR_CHECK: &str = "error";

/// Collects every finding and writes one report at the end.
pub(crate) struct GitlabPrinter {
    /// The folder paths are made relative to, as output shows paths; `None`
    /// when the current folder could not be learnt.
    root: Option<String>,
    issues: Vec<Issue>,
    /// How many issues so far had each fingerprint, to tell apart two
    /// findings of one rule on the same text in one sentence.
    seen: HashMap<String, usize>,
}

impl GitlabPrinter {
    /// A printer whose paths are relative to `root` (as output shows
    /// paths), or left as they are when `root` is `None`.
    pub(crate) fn new(root: Option<String>) -> Self {
        Self {
            root,
            issues: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// A printer whose paths are relative to the current folder.
    pub(crate) fn in_current_dir() -> Self {
        Self::new(std::env::current_dir().ok().map(|dir| display_path(&dir)))
    }

    /// `path` relative to the root when it is an absolute path inside it;
    /// any other path is left as it is (GitLab then shows the issue without
    /// a link to the file).
    fn relative(&self, path: &str) -> String {
        let Some(root) = &self.root else {
            return path.to_owned();
        };
        match path.strip_prefix(root.trim_end_matches('/')) {
            Some(rest) if rest.starts_with('/') && rest.len() > 1 => rest[1..].to_owned(),
            _ => path.to_owned(),
        }
    }

    /// `fingerprint`, or, when an issue already has it, `fingerprint-N`
    /// for its Nth holder: unique in the report, and stable as long as
    /// the findings of one sentence keep their order.
    fn unique(&mut self, fingerprint: String) -> String {
        let count = self.seen.entry(fingerprint.clone()).or_default();
        *count += 1;
        if *count == 1 {
            fingerprint
        } else {
            format!("{fingerprint}-{count}")
        }
    }
}

impl Printer for GitlabPrinter {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let path = self.relative(path);
        for d in diagnostics {
            let fingerprint = self.unique(finding_fingerprint(&path, source.text(), d));
            self.issues.push(Issue {
                kind: "issue",
                check_name: d.rule.name().to_owned(),
                // The widget shows one line per issue.
                description: match d.advice() {
                    Some(advice) => format!("{} ({advice})", d.message),
                    None => d.message.clone(),
                },
                categories: ["Clarity"],
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: source.line_column(d.span.start).line,
                    },
                },
                severity: severity(d.severity),
                fingerprint,
            });
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _summary: &Summary,
        notices: &[Notice],
    ) -> io::Result<()> {
        // An error that stopped a file is an issue on that file, so that
        // the widget does not show a clean merge request when a file was
        // not checked; an error without a file (git, for `--since`) has no
        // place in the report and is on stderr only, as are notes.
        for notice in notices.iter().filter(|n| n.is_error) {
            let Some(path) = &notice.path else {
                continue;
            };
            let path = self.relative(path);
            let fingerprint = self.unique(error_fingerprint(&path, &notice.message));
            self.issues.push(Issue {
                kind: "issue",
                check_name: ERROR_CHECK.to_owned(),
                description: notice.message.clone(),
                categories: ["Bug Risk"],
                location: Location {
                    path,
                    lines: Lines {
                        begin: notice.line.unwrap_or(1),
                    },
                },
                severity: "critical",
                fingerprint,
            });
        }
        serde_json::to_writer_pretty(&mut *out, &self.issues)?;
        writeln!(out)
    }
}

/// A fingerprint for an error about the file at `path`: the same as long
/// as the error says the same.
fn error_fingerprint(path: &str, message: &str) -> String {
    let digest = Sha256::digest([ERROR_CHECK, path, message].join("\u{0}").as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// GitLab's severity for a finding: a wrong term is a real defect of the
/// text but not a broken build, so errors are `major`, leaving `critical`
/// for an error that kept a whole file from being checked (and `blocker`,
/// which GitLab keeps for what must stop a merge, unused); warnings are
/// `minor`; infos are `info`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_inside_the_root_become_relative() {
        let printer = GitlabPrinter::new(Some("/srv/repo".to_owned()));
        assert_eq!(printer.relative("/srv/repo/docs/a.md"), "docs/a.md");
        assert_eq!(printer.relative("docs/a.md"), "docs/a.md");
        // Not inside: a sibling folder whose name starts the same.
        assert_eq!(printer.relative("/srv/repo2/a.md"), "/srv/repo2/a.md");
        assert_eq!(printer.relative("/srv/other/a.md"), "/srv/other/a.md");
        let root = GitlabPrinter::new(Some("/".to_owned()));
        assert_eq!(root.relative("/a.md"), "a.md");
    }

    #[test]
    fn a_repeated_fingerprint_gets_a_counter() {
        let mut printer = GitlabPrinter::new(None);
        assert_eq!(printer.unique("ab".to_owned()), "ab");
        assert_eq!(printer.unique("cd".to_owned()), "cd");
        assert_eq!(printer.unique("ab".to_owned()), "ab-2");
        assert_eq!(printer.unique("ab".to_owned()), "ab-3");
    }
}
