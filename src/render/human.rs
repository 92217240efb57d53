//! The default format: rustc-style annotated snippets and a summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use super::{Printer, escape_name};
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
        let path = escape_name(path);
        let path = path.as_ref();
        let text = source.text();
        let at = source.line_column(d.span.start);
        let end_line = source.line_column(d.span.end).line;
        let mut first = at.line;
        let mut last = end_line;
        let mut notes = Vec::new();
        let mut near = Vec::new();
        for related in &d.related {
            if let Some(elsewhere) = &related.elsewhere {
                notes.push(format!(
                    "{}:{}:{}: {}",
                    escape_name(&elsewhere.path),
                    elsewhere.start.line,
                    elsewhere.start.column,
                    related.message
                ));
                continue;
            }
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
        let help = d.advice();
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
}
