//! `--format concise`: `path:line:col: severity[rule] message`, one finding
//! per line, the shape editors' quickfix lists and grep expect. The column
//! counts bytes, as Vim's and Neovim's `%c`, grep, ripgrep and rustc do, so
//! that the cursor lands on the term whatever comes before it on its line.
//! The closing lines follow; they match no `path:line:col:` pattern, and
//! README's `errorformat` for Vim leaves them out of the quickfix list.

use std::io::{self, Write};

use super::{Printer, escape_name};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Prints one line per finding, and the summary lines at the end.
pub(crate) struct ConcisePrinter;

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
            let line = source.line_column(d.span.start).line;
            // A finding is one line whatever its message holds.
            let message = d.message.replace(['\r', '\n'], " ");
            writeln!(
                out,
                "{path}:{line}:{}: {}[{}] {message}",
                byte_column(source, line, d.span.start),
                d.severity.as_str(),
                d.rule.name()
            )?;
        }
        Ok(())
    }
}

/// The 1-based byte column of `offset` on `line` (1-based); a byte-order
/// mark is not counted, as editors do not show it.
fn byte_column(source: &SourceFile, line: usize, offset: usize) -> usize {
    let start = source.lines().line_start(line).unwrap_or(0);
    offset.saturating_sub(start) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_bytes_and_not_the_byte_order_mark() {
        let source = SourceFile::new("\u{feff}Клиент 客户 🙂 our customers.\nab\n".to_owned());
        let offset = source.text().find("customers").unwrap();
        let line = source.line_column(offset).line;
        assert_eq!(line, 1);
        // 12 + 1 + 6 + 1 + 4 + 1 + 4 bytes before the term, 16 characters.
        assert_eq!(byte_column(&source, line, offset), 30);
        assert_eq!(source.line_column(offset).column, 17);
        let b = source.text().rfind('b').unwrap();
        assert_eq!(byte_column(&source, 2, b), 2);
    }
}
