//! The default format: rustc-style annotated snippets and a summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use super::{Printer, escape_name};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, ceil_char_boundary, floor_char_boundary};
use crate::span::Span;

/// A related place this many lines or fewer away is shown in the same
/// snippet; a farther one becomes a note with its position.
const NEAR_LINES: usize = 3;

/// Lines longer than this (in characters) get the suggestion as a sentence
/// instead of a before/after patch, which would repeat the whole line.
const PATCH_MAX_LINE: usize = 120;

/// Lines longer than this (in bytes) are cut around the finding before
/// they are rendered: the renderer measures every character of the lines
/// it is given, so a finding on a long line costs the whole line, and a
/// long line full of findings would take a time that grows with its square.
const LONG_LINE: usize = 4096;

/// How much of a long line is kept on either side of a finding, in bytes:
/// more than the renderer shows, so that the cut never shows.
const KEPT: usize = 1024;

/// Prints each finding as it comes, and a summary at the end.
pub(crate) struct HumanPrinter {
    renderer: Renderer,
}

impl HumanPrinter {
    /// A printer with or without colour.
    pub(crate) fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Self { renderer }
    }

    /// One finding as text, without a trailing newline.
    pub(crate) fn render(&self, path: &str, source: &SourceFile, d: &Diagnostic) -> String {
        let path = escape_name(path);
        let path = path.as_ref();
        let text = source.text();
        let at = source.line_column(d.span.start);
        // A fix may replace a word before the term too: the patch shows it.
        let fix = d.fix_span();
        let fix_line = source.line_column(fix.start).line;
        let end_line = source.line_column(d.span.end).line;
        let lines = line_window(source, fix_line, end_line);
        let cut = cut_long_line(text, lines, fix);
        let mut first = fix_line;
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
            let near_here = match cut {
                Some(cut) => cut.start <= related.span.start && related.span.end <= cut.end,
                None => {
                    position.line + NEAR_LINES >= at.line && position.line <= end_line + NEAR_LINES
                }
            };
            if near_here {
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
        let window = cut.unwrap_or_else(|| line_window(source, first, last));
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
                        .patch(Patch::new(relative(fix), replacement)),
                ),
            ],
            (Some(help), None) => vec![main.element(Level::HELP.message(help))],
            (None, _) => vec![main],
        };
        let rendered = self.renderer.render(&report);
        match cut {
            // The renderer counts the column from the cut; the header says
            // where the finding is on the whole line.
            Some(cut) if cut.start > lines.start => {
                let (line, column) = (at.line, at.column);
                let shown = text[cut.start..d.span.start].chars().count() + 1;
                rendered.replacen(
                    &format!("{path}:{line}:{shown}"),
                    &format!("{path}:{line}:{column}"),
                    1,
                )
            }
            _ => rendered,
        }
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

/// The part of `lines` (the lines a finding at `span` of `text` is on)
/// that is rendered, when they are longer than [`LONG_LINE`]: [`KEPT`]
/// bytes on either side of the finding, on character boundaries.
fn cut_long_line(text: &str, lines: Span, span: Span) -> Option<Span> {
    (lines.len() > LONG_LINE).then(|| {
        Span::new(
            floor_char_boundary(text, span.start.saturating_sub(KEPT)).max(lines.start),
            ceil_char_boundary(text, span.end.saturating_add(KEPT)).min(lines.end),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_rendered_whole() {
        let text = "Our customers pay.\n";
        let lines = Span::new(0, text.len() - 1);
        assert_eq!(cut_long_line(text, lines, Span::new(4, 13)), None);
    }

    #[test]
    fn a_long_line_is_cut_around_the_finding_on_character_boundaries() {
        // Two-byte letters, so that KEPT bytes away from the finding falls
        // inside a character on either side.
        let side = "ё".repeat(LONG_LINE);
        let text = format!("{side} customers {side}");
        let start = side.len() + 1;
        let span = Span::new(start, start + "customers".len());
        let lines = Span::new(0, text.len());
        let cut = cut_long_line(&text, lines, span).unwrap();
        assert!(cut.start <= span.start && span.end <= cut.end);
        assert!(cut.len() <= span.len() + 2 * KEPT + 2, "{cut:?}");
        assert!(cut.slice(&text).is_some(), "{cut:?} splits a character");
        // Near the start of the line the cut starts with the line.
        let early = Span::new(0, 2);
        assert_eq!(cut_long_line(&text, lines, early).unwrap().start, 0);
    }
}
