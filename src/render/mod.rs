//! Printers: the only code that turns findings into text. One printer per
//! format; each gets the files in output order and writes a closing part
//! in `finish` (the summary line, or the one JSON document).

mod diff;
mod human;
mod json;
mod problem;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

pub use diff::unified_diff;
pub use human::HumanPrinter;
pub use json::JsonPrinter;
pub use problem::render_error;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets, as rustc shows them, and a summary line.
    Human,
    /// One JSON document (see README: the JSON contract).
    Json,
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents checked.
    pub files: usize,
    /// Findings at error severity.
    pub errors: usize,
    /// Findings at warning severity.
    pub warnings: usize,
    /// Findings at info severity.
    pub infos: usize,
    /// Findings `--fix` would correct.
    pub fixable: usize,
    /// Fixes `--fix` applied.
    pub fixed: usize,
    /// Files `--fix` changed.
    pub fixed_files: usize,
}

impl Summary {
    /// Count one checked file and its findings.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            self.fixable += usize::from(d.fixable);
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

impl Summary {
    /// Count `count` fixes applied to one file.
    pub fn add_fixes(&mut self, count: usize) {
        self.fixed += count;
        self.fixed_files += 1;
    }
}

/// `1 file`, `2 files`.
pub(crate) fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A printer for one format.
pub trait Printer {
    /// Print (or collect) the findings of one checked document.
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()>;

    /// Print what comes after the last document.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The printer for `format`.
pub fn printer(format: Format, color: bool) -> Box<dyn Printer> {
    match format {
        Format::Human => Box::new(HumanPrinter::new(color)),
        Format::Json => Box::new(JsonPrinter::default()),
    }
}
