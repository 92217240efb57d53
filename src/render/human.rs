//! The default format: rustc-style annotated snippets and a summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use super::{Printer, Summary, plural};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::span::Span;

/// A related place this many lines or fewer away is shown in the same
/// snippet; a farther one becomes a note with its position.
const NEAR_LINES: usize = 3;

/// Lines longer than this (in characters) get the suggestion as a sentence
/// instead of a before/after patch, which would repeat the whole line.
const PATCH_MAX_LINE: usize = 120;

/// Prints each finding as it comes, and a summary at the end.
pub struct HumanPrinter {
    renderer: Renderer,
}

impl HumanPrinter {
    /// A printer with or without colour.
    pub fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Self { renderer }
    }

    /// One finding as text, without a trailing newline.
    pub fn render(&self, path: &str, source: &SourceFile, d: &Diagnostic) -> String {
        let text = source.text();
        let at = source.line_column(d.span.start);
        let end_line = source.line_column(d.span.end).line;
        let mut first = at.line;
        let mut last = end_line;
        let mut notes = Vec::new();
        let mut near = Vec::new();
        for related in &d.related {
            let position = source.line_column(related.span.start);
            if position.line + NEAR_LINES >= at.line && position.line <= end_line + NEAR_LINES {
                first = first.min(position.line);
                last = last.max(position.line);
                near.push(related);
            } else {
                notes.push(format!(
                    "{path}:{}:{}: {}",
                    position.line, position.column, related.message
                ));
            }
        }
        let window = line_window(source, first, last);
        let excerpt = window.slice(text).unwrap_or_default();
        let relative = |span: Span| {
            let start = span.start.clamp(window.start, window.end) - window.start;
            let end = span.end.clamp(window.start, window.end) - window.start;
            start..end
        };
        let annotated = Snippet::source(excerpt)
            .line_start(first)
            .path(path)
            .annotation(
                AnnotationKind::Primary
                    .span(relative(d.span))
                    .label(&d.label),
            );
        let annotated = near.iter().fold(annotated, |s, r| {
            s.annotation(
                AnnotationKind::Context
                    .span(relative(r.span))
                    .label(r.message.as_str()),
            )
        });
        let mut main: Group<'_> = level(d.severity)
            .primary_title(d.message.as_str())
            .id(d.rule.name())
            .element(annotated);
        for note in &notes {
            main = main.element(Level::NOTE.message(note.as_str()));
        }
        // The help says why there is no suggestion, or how to settle the
        // finding; failing that, what to replace. A suggestion on short
        // lines is also shown as a before/after patch.
        let help = d.help.clone().or_else(|| {
            d.suggestion
                .as_ref()
                .map(|replacement| format!("replace `{}` with `{replacement}`", d.matched))
        });
        let short_lines = excerpt.lines().all(|l| l.chars().count() <= PATCH_MAX_LINE);
        let patch = d.suggestion.as_deref().filter(|_| short_lines);
        let report = match (help, patch) {
            (Some(help), Some(replacement)) => vec![
                main,
                Level::HELP.secondary_title(help).element(
                    Snippet::source(excerpt)
                        .line_start(first)
                        .path(path)
                        .patch(Patch::new(relative(d.span), replacement)),
                ),
            ],
            (Some(help), None) => vec![main.element(Level::HELP.message(help))],
            (None, _) => vec![main],
        };
        self.renderer.render(&report)
    }
}

/// The bytes of lines `first..=last`, without the final line break and
/// without a BOM.
fn line_window(source: &SourceFile, first: usize, last: usize) -> Span {
    let lines = source.lines();
    let start = lines.line_start(first).unwrap_or(0);
    let end = lines
        .line_start(last + 1)
        .unwrap_or(source.text().len())
        .max(start);
    let text = &source.text()[start..end];
    let trimmed = text.trim_end_matches(['\n', '\r']);
    Span::new(start, start + trimmed.len())
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

impl Printer for HumanPrinter {
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            writeln!(out, "{}\n", self.render(path, source, d))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
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
        Ok(())
    }
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
        let finish = |summary: Summary| {
            let mut out = Vec::new();
            HumanPrinter::new(false).finish(&mut out, &summary).unwrap();
            String::from_utf8(out).unwrap()
        };
        let fixable = Summary {
            files: 2,
            errors: 3,
            fixable: 2,
            ..Summary::default()
        };
        assert_eq!(
            finish(fixable),
            "Found 3 errors in 2 files.\n2 fixable with `clientele --fix`.\n"
        );
        let fixed = Summary {
            files: 2,
            fixed: 3,
            fixed_files: 1,
            ..Summary::default()
        };
        assert_eq!(
            finish(fixed),
            "Fixed 3 problems in 1 file.\nNo problems remain in 2 files.\n"
        );
    }
}
