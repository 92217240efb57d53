//! `--format concise`: `path:line:col: severity[rule] message`, one finding
//! per line, the shape editors' quickfix lists and grep expect, then the
//! closing lines.

use std::io::{self, Write};

use super::{Printer, escape_name};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Prints one line per finding, and the summary lines at the end.
pub struct ConcisePrinter;

impl Printer for ConcisePrinter {
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let path = escape_name(path);
        for d in diagnostics {
            let at = source.line_column(d.span.start);
            // A finding is one line whatever its message holds.
            let message = d.message.replace(['\r', '\n'], " ");
            writeln!(
                out,
                "{path}:{}:{}: {}[{}] {message}",
                at.line,
                at.column,
                d.severity.as_str(),
                d.rule.name()
            )?;
        }
        Ok(())
    }
}
