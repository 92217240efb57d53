//! Narrowing a run's findings: those a baseline records are left out, and
//! with `--since`, those on lines that did not change.

use crate::baseline::Matcher;
use crate::changes::Changes;
use crate::lint::Checked;

use super::Job;

/// What leaves findings out of a run.
#[derive(Debug, Default)]
pub(crate) struct Narrowing {
    /// The baseline, matched against the findings as they come.
    pub(crate) baseline: Option<Matcher>,
    /// With `--since`, the lines changed since the revision.
    pub(crate) changes: Option<Changes>,
}

/// How many findings of one document were left out, and why.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Narrowed {
    /// Recorded in the baseline.
    pub(crate) baselined: usize,
    /// On lines that did not change.
    pub(crate) unchanged: usize,
}

impl Narrowing {
    /// Leave out of `checked`, the outcome of `job`, the findings its
    /// baseline records and those on lines that did not change.
    pub(crate) fn narrow(&mut self, checked: &mut Checked, job: &Job) -> Narrowed {
        let mut narrowed = Narrowed::default();
        let absolute = &job.doc.absolute;
        if let Some(matcher) = &mut self.baseline {
            let text = checked.source.text();
            matcher.checked(absolute);
            let before = checked.diagnostics.len();
            checked
                .diagnostics
                .retain(|d| !matcher.take(absolute, text, d));
            narrowed.baselined = before - checked.diagnostics.len();
        }
        if let Some(changes) = &self.changes {
            // git names files by their real path.
            let real = std::fs::canonicalize(absolute).unwrap_or_else(|_| absolute.clone());
            let before = checked.diagnostics.len();
            let source = &checked.source;
            checked.diagnostics.retain(|d| {
                let first = source.line_column(d.span.start).line;
                let last = source.line_column(d.span.end).line;
                changes.touches(&real, first, last)
            });
            narrowed.unchanged = before - checked.diagnostics.len();
        }
        narrowed
    }
}
