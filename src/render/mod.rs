//! Printers: the only code that turns findings into text. One printer per
//! format; each gets the files in output order and writes a closing part
//! in `finish` (the summary line, or the one JSON or SARIF document).

mod baseline;
mod concise;
mod diff;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod pack_check;
mod problem;
pub(crate) mod report;
pub(crate) mod report_html;
mod sarif;
mod translations;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::config::FailOn;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::source::SourceFile;
use crate::walk::display_path;

pub(crate) use baseline::{not_written, stale_report, written};
pub(crate) use concise::ConcisePrinter;
pub(crate) use diff::{unified_diff, would_fix};
pub(crate) use github::GithubPrinter;
pub(crate) use gitlab::GitlabPrinter;
pub(crate) use human::HumanPrinter;
pub(crate) use json::JsonPrinter;
pub(crate) use junit::JunitPrinter;
pub(crate) use pack_check::pack_report;
pub(crate) use problem::render_error;
pub(crate) use sarif::SarifPrinter;
pub(crate) use translations::{ListedPair, Listing, Unpaired};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Annotated snippets, as rustc shows them, and a summary line.
    Human,
    /// One JSON document (see README: the JSON contract).
    Json,
    /// One SARIF 2.1.0 log, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands, which annotate a pull request.
    Github,
    /// `path:line:col: severity[rule] message`, one finding per line.
    Concise,
    /// A GitLab Code Quality report, for the merge request widget.
    Gitlab,
    /// One JUnit XML test suite: a test case per file, a failure per
    /// finding that fails the run.
    Junit,
}

/// What a run said on stderr besides the findings: an error that kept a
/// file from being checked or fixed, or a note about a skipped file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notice {
    /// Whether it made the run fail (exit 2).
    pub(crate) is_error: bool,
    /// The message, on one line, naming the file it concerns.
    pub(crate) message: String,
    /// The file it concerns, as output shows paths, when there is one.
    pub(crate) path: Option<String>,
    /// The line of that file it points at, when it points at one.
    pub(crate) line: Option<usize>,
    /// The column of that line it points at, counted as findings' columns
    /// are, when it points at one.
    pub(crate) column: Option<usize>,
}

impl Notice {
    /// An error that kept a file (or the run) from being checked or fixed.
    pub(crate) fn error(error: &Error) -> Self {
        let position = error.located().and_then(|l| l.line_column());
        Self {
            is_error: true,
            message: error.to_string(),
            path: error.path().map(display_path),
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
        }
    }

    /// A note, such as a skipped file, that does not fail the run.
    pub(crate) fn note(message: &str) -> Self {
        Self {
            is_error: false,
            message: message.to_owned(),
            path: None,
            line: None,
            column: None,
        }
    }
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Documents checked.
    pub(crate) files: usize,
    /// Findings at error severity.
    pub(crate) errors: usize,
    /// Findings at warning severity.
    pub(crate) warnings: usize,
    /// Findings at info severity.
    pub(crate) infos: usize,
    /// Findings `--fix` would correct.
    pub(crate) fixable: usize,
    /// Fixes `--fix` applied.
    pub(crate) fixed: usize,
    /// Files `--fix` changed.
    pub(crate) fixed_files: usize,
    /// Findings left out because the baseline records them.
    pub(crate) baselined: usize,
    /// Findings left out because `--since` found their lines unchanged.
    pub(crate) unchanged: usize,
}

impl Summary {
    /// Count one checked file and its findings.
    pub(crate) fn add(&mut self, diagnostics: &[Diagnostic]) {
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
    pub(crate) fn add_fixes(&mut self, count: usize) {
        self.fixed += count;
        self.fixed_files += 1;
    }
}

/// A file name for a line of text output, its control characters escaped
/// (`\t`, `\n`, `\r`, `\x1b`, `\u{85}`), and the characters that reorder
/// text (`\u{202e}`) too: a name must not colour the terminal, move its
/// cursor, fake a line of output or show other than it is.
pub(crate) fn escape_name(name: &str) -> Cow<'_, str> {
    escape(name, false)
}

/// A message for stderr that may hold file names, escaped as
/// [`escape_name`] does but for its line breaks, which git's own messages
/// have.
pub(crate) fn escape_message(message: &str) -> Cow<'_, str> {
    escape(message, true)
}

fn escape(text: &str, keep_line_breaks: bool) -> Cow<'_, str> {
    let escaped = |c: char| needs_escape(c) && !(keep_line_breaks && c == '\n');
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_line_breaks => out.push(c),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            // One byte of the name, as the bytes that are not UTF-8 show.
            '\0'..='\x1f' | '\x7f' => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters (C0, DEL, C1) and bidirectional formatting ones.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
pub(crate) trait Printer {
    /// Print (or collect) the findings of one checked document.
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()>;

    /// The severity from which the findings of the files that follow fail
    /// the run, told before each file since `[[overrides]]` and front
    /// matter can change it per file. Only the formats that tell a failing
    /// file from a passing one (JUnit) need it.
    fn set_fail_on(&mut self, _fail_on: FailOn) {}

    /// Print what comes after the last document; `notices` are what the
    /// run already said on stderr. The line-oriented formats end with the
    /// closing lines.
    fn finish(
        &mut self,
        out: &mut dyn Write,
        summary: &Summary,
        notices: &[Notice],
    ) -> io::Result<()> {
        write_closing_lines(out, summary, notices)
    }
}

/// The printer for `format`.
pub(crate) fn printer(format: Format, color: bool) -> Box<dyn Printer> {
    match format {
        Format::Human => Box::new(HumanPrinter::new(color)),
        Format::Json => Box::new(JsonPrinter::default()),
        Format::Sarif => Box::new(SarifPrinter::default()),
        Format::Github => Box::new(GithubPrinter),
        Format::Concise => Box::new(ConcisePrinter),
        Format::Gitlab => Box::new(GitlabPrinter::in_current_dir()),
        Format::Junit => Box::new(JunitPrinter::default()),
    }
}

/// How many of `notices` are errors.
pub(crate) fn error_count(notices: &[Notice]) -> usize {
    notices.iter().filter(|n| n.is_error).count()
}

/// The closing lines of the line-oriented formats: what `--fix` did, the
/// summary, how many findings `--fix` would correct, and the errors above.
pub(crate) fn write_closing_lines(
    out: &mut dyn Write,
    summary: &Summary,
    notices: &[Notice],
) -> io::Result<()> {
    let errors = error_count(notices);
    if summary.files == 0 && errors > 0 {
        let which = if errors == 1 { "error" } else { "errors" };
        return writeln!(out, "No files checked: see the {which} above.");
    }
    if summary.fixed > 0 {
        writeln!(
            out,
            "Fixed {} in {}.",
            plural(summary.fixed, "problem"),
            plural(summary.fixed_files, "file")
        )?;
    }
    writeln!(out, "{}", summary_line(summary))?;
    if summary.fixable > 0 {
        writeln!(out, "{} fixable with `clientele --fix`.", summary.fixable)?;
    }
    if summary.baselined > 0 {
        writeln!(
            out,
            "{} in the baseline not shown.",
            plural(summary.baselined, "finding")
        )?;
    }
    if summary.unchanged > 0 {
        writeln!(
            out,
            "{} on lines unchanged since the --since revision not shown.",
            plural(summary.unchanged, "finding")
        )?;
    }
    if errors > 0 {
        writeln!(
            out,
            "{} above: not everything was checked or fixed.",
            plural(errors, "error")
        )?;
    }
    Ok(())
}

/// `Found 2 errors and 1 warning in 10 files.`, or that nothing was found.
fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file");
    let counts: Vec<String> = [
        (summary.errors, "error"),
        (summary.warnings, "warning"),
        (summary.infos, "info"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| plural(n, what))
    .collect();
    match counts.as_slice() {
        [] if summary.fixed > 0 => format!("No problems remain in {files}."),
        [] => format!("No problems found in {files}."),
        [one] => format!("Found {one} in {files}."),
        [init @ .., last] => format!("Found {} and {last} in {files}.", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closing(summary: Summary, notices: &[Notice]) -> String {
        let mut out = Vec::new();
        write_closing_lines(&mut out, &summary, notices).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn error(message: &str) -> Notice {
        Notice {
            is_error: true,
            message: message.to_owned(),
            path: None,
            line: None,
            column: None,
        }
    }

    #[test]
    fn names_cannot_drive_the_terminal() {
        assert_eq!(escape_name("docs/a b.md"), "docs/a b.md");
        assert_eq!(escape_name("док\\x.md"), "док\\x.md");
        assert_eq!(
            escape_name("e\u{1b}[31m\r\n\t\x7f\u{85}\u{202e}.md"),
            "e\\x1b[31m\\r\\n\\t\\x7f\\u{85}\\u{202e}.md"
        );
    }

    #[test]
    fn messages_keep_their_line_breaks() {
        assert_eq!(
            escape_message("fatal: x\nhint: e\u{1b}.md"),
            "fatal: x\nhint: e\\x1b.md"
        );
    }

    #[test]
    fn summary_lines_read_naturally() {
        let mut s = Summary {
            files: 1,
            ..Summary::default()
        };
        assert_eq!(summary_line(&s), "No problems found in 1 file.");
        s.errors = 2;
        assert_eq!(summary_line(&s), "Found 2 errors in 1 file.");
        s.warnings = 1;
        s.infos = 3;
        s.files = 4;
        assert_eq!(
            summary_line(&s),
            "Found 2 errors, 1 warning and 3 infos in 4 files."
        );
    }

    #[test]
    fn the_closing_lines_tell_what_was_and_can_be_fixed() {
        let fixable = Summary {
            files: 2,
            errors: 3,
            fixable: 2,
            ..Summary::default()
        };
        assert_eq!(
            closing(fixable, &[]),
            "Found 3 errors in 2 files.\n2 fixable with `clientele --fix`.\n"
        );
        let fixed = Summary {
            files: 2,
            fixed: 3,
            fixed_files: 1,
            ..Summary::default()
        };
        assert_eq!(
            closing(fixed, &[]),
            "Fixed 3 problems in 1 file.\nNo problems remain in 2 files.\n"
        );
    }

    #[test]
    fn errors_that_stopped_files_are_not_a_clean_bill() {
        let note = Notice::note("a.md: skipped: not UTF-8");
        assert_eq!(
            closing(Summary::default(), &[error("clientele.toml: bad"), note]),
            "No files checked: see the error above.\n"
        );
        let one = Summary {
            files: 1,
            ..Summary::default()
        };
        assert_eq!(
            closing(one, &[error("a.md: denied"), error("b.md: denied")]),
            "No problems found in 1 file.\n2 errors above: not everything was checked or fixed.\n"
        );
    }
}
