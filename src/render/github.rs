//! `--format github`: GitHub Actions workflow commands, which the runner
//! turns into annotations on the pull request's files.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
//! escaped as GitHub's toolkit escapes them: `%`, `\r` and `\n` everywhere,
//! and `:` and `,` too in property values.

use std::io::{self, Write};

use super::{Notice, Printer, Summary, write_closing_lines};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Prints one workflow command per finding, and one per error that kept a
/// file from being checked; then the summary lines, for the log.
pub(crate) struct GithubPrinter;

/// `text` escaped for the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `text` escaped for a property value of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The command that makes an annotation of `severity`.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The `file=…,line=…,col=…,` properties of an error without a finding, as
/// far as it points into a file, so that a broken config is annotated where
/// it breaks.
fn notice_location(notice: &Notice) -> String {
    let Some(path) = &notice.path else {
        return String::new();
    };
    let mut location = format!("file={},", escape_property(path));
    if let Some(line) = notice.line {
        location.push_str(&format!("line={line},"));
        if let Some(column) = notice.column {
            location.push_str(&format!("col={column},"));
        }
    }
    location
}

impl Printer for GithubPrinter {
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let start = source.line_column(d.span.start);
            let end = source.line_column(d.span.end);
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                escape_property(path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("clientele {}", d.rule.name())),
                escape_data(&d.message_with_advice())
            )?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        summary: &Summary,
        notices: &[Notice],
    ) -> io::Result<()> {
        // An error without a finding (a broken config, an unreadable file)
        // would otherwise be visible only in the log.
        for notice in notices.iter().filter(|n| n.is_error) {
            writeln!(
                out,
                "::error {}title=clientele::{}",
                notice_location(notice),
                escape_data(&notice.message)
            )?;
        }
        write_closing_lines(out, summary, notices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("100% a: b, c"), "100%25 a: b, c");
        assert_eq!(escape_data("one\r\ntwo\nthree"), "one%0D%0Atwo%0Athree");
    }

    #[test]
    fn properties_escape_colons_and_commas_too() {
        assert_eq!(escape_property("docs/a,b:c%.md"), "docs/a%2Cb%3Ac%25.md");
        assert_eq!(escape_property("line\nbreak"), "line%0Abreak");
    }

    #[test]
    fn an_escaped_percent_is_not_escaped_twice() {
        // `%0A` in the text is three characters, not a line break.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("%3A"), "%253A");
    }

    #[test]
    fn cyrillic_and_han_pass_through() {
        assert_eq!(escape_property("доки/客户.md"), "доки/客户.md");
    }
}
