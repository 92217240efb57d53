//! A table that sets the same term against itself:
//!
//! - a header row with two cells that hold nothing but one term (`| 客户 |
//!   客户 |`): the columns compare two things side by side;
//! - a glossary table, its second column headed as a meaning or a
//!   description (`| Term | Meaning |`, `| Роль | Описание |`), whose
//!   first column holds nothing but one term in two rows: the same term
//!   defined twice.
//!
//! Only tables whose rows start with `|` are read, the way documentation
//! writes them; a row's cells are parted by `|` not escaped with `\`.

use std::collections::HashMap;

use super::glossary::{LineStarts, Word};
use super::{diagnostic, word_of};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::Occurrence;
use crate::rules::Context;
use crate::span::Span;

/// Headers of a glossary's second column, in lower case, per language: a
/// table so headed defines the terms of its first column.
const MEANING_HEADERS: &[&str] = &[
    "meaning",
    "description",
    "definition",
    "explanation",
    "what it means",
    "описание",
    "значение",
    "определение",
    "пояснение",
    "смысл",
    "что означает",
    "说明",
    "含义",
    "定义",
    "描述",
    "解释",
    "释义",
    "意义",
    "說明",
    "含義",
    "釋義",
];

/// Marks a cell may hold around a term that stands alone in it.
const CELL_WRAPPERS: &[char] = &['*', '_', '"', '\'', '“', '”', '«', '»', '「', '」', '`'];

/// Where in its table a term stands alone in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    /// A cell of the header row.
    Header,
    /// The first cell of a body row of a glossary table.
    Defined,
}

/// Flag the second header cell, or the second defined row, that holds the
/// same term alone in one table.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let text = ctx.text;
    let mut lines = LineStarts::default();
    let mut rows: Option<Rows> = None;
    // The row of the term before: a long row holding many terms is read
    // to its end once.
    let mut row = Span::new(0, 0);
    let mut first_of: HashMap<(usize, Place, Word), &Occurrence> = HashMap::new();
    let mut out = Vec::new();
    for occurrence in ctx.occurrences {
        let at = occurrence.phrase;
        // Most terms are not in a table: the start of their line says so
        // before the line's end is looked for.
        let line_start = lines.before(text, at.start);
        if !is_row(&text[line_start..at.start]) {
            continue;
        }
        if !rows.as_ref().is_some_and(|r| r.span.contains(at)) {
            row = line_at(text, line_start);
            rows = Some(Rows::around(text, row));
        }
        let Some(table) = &rows else {
            continue;
        };
        let Some(header) = table.header else {
            continue;
        };
        if row.start != line_start {
            row = line_at(text, line_start);
        }
        let Some((column, cell)) = cells(text, row)
            .enumerate()
            .find(|(_, cell)| cell.contains(at))
        else {
            continue;
        };
        if text[cell.start..cell.end].trim_matches(is_cell_padding) != &text[at.start..at.end] {
            continue;
        }
        let place = if row == header {
            Place::Header
        } else if column == 0 && table.glossary && row.start > header.end {
            Place::Defined
        } else {
            continue;
        };
        let key = (table.span.start, place, Word::of(ctx, occurrence));
        let Some(first) = first_of.get(&key) else {
            first_of.insert(key, occurrence);
            continue;
        };
        let word = word_of(ctx, occurrence);
        let (message, note, label) = match place {
            Place::Header => (
                format!("`{word}` heads two columns of one table"),
                format!("first column headed `{word}`"),
                "the same term heads this column",
            ),
            Place::Defined => (
                format!("`{word}` is defined twice in one table"),
                format!("first definition of `{word}`"),
                "second definition",
            ),
        };
        let related = Related::here(first.phrase, note);
        let mut d = diagnostic(ctx, occurrence, at, related);
        d.message = message;
        d.label = label.to_owned();
        out.push(d);
    }
    out
}

/// A run of lines that start with `|`: a table if its second line is a
/// delimiter row, and then a glossary or not (see the module doc). Kept
/// when it is no table too, so that its lines are read once.
struct Rows {
    span: Span,
    /// The header row, if the run is a table.
    header: Option<Span>,
    glossary: bool,
}

impl Rows {
    /// The run of rows that holds the row `row`.
    fn around(text: &str, row: Span) -> Self {
        let mut start = row.start;
        while let Some(previous) = previous_line(text, start) {
            if !is_row(&text[previous.start..previous.end]) {
                break;
            }
            start = previous.start;
        }
        let mut end = row.end;
        while let Some(next) = next_line(text, end) {
            if !is_row(&text[next.start..next.end]) {
                break;
            }
            end = next.end;
        }
        let first = line_at(text, start);
        let header = next_line(text, first.end)
            .filter(|d| d.end <= end && is_delimiter(&text[d.start..d.end]))
            .map(|_| first);
        let glossary = header.is_some_and(|header| {
            cells(text, header).nth(1).is_some_and(|cell| {
                let title = text[cell.start..cell.end]
                    .trim_matches(is_cell_padding)
                    .to_lowercase();
                MEANING_HEADERS.contains(&title.as_str())
            })
        });
        Self {
            span: Span::new(start, end),
            header,
            glossary,
        }
    }
}

/// The cells of a row, between its `|` marks: the text before the first
/// mark is not a cell, nor is what follows the last one.
fn cells(text: &str, row: Span) -> impl Iterator<Item = Span> {
    let bytes = &text.as_bytes()[row.start..row.end];
    let marks: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .map(|i| row.start + i)
        .collect();
    let spans: Vec<Span> = marks
        .windows(2)
        .map(|w| Span::new(w[0] + 1, w[1]))
        .collect();
    spans.into_iter()
}

/// Whether `line` (or the start of one) is a table row: it starts with
/// `|` after at most three spaces.
fn is_row(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3 && trimmed.starts_with('|')
}

/// Whether `line` is a delimiter row: `|`, `-`, `:` and spaces, with at
/// least one `-`.
fn is_delimiter(line: &str) -> bool {
    line.contains('-')
        && line
            .trim_end()
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Whether `c` may stand around a term alone in a cell.
fn is_cell_padding(c: char) -> bool {
    c.is_whitespace() || CELL_WRAPPERS.contains(&c)
}

/// The line holding byte `at`, without its line break.
fn line_at(text: &str, at: usize) -> Span {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    Span::new(start, end)
}

/// The line before the one starting at `start`, if any.
fn previous_line(text: &str, start: usize) -> Option<Span> {
    start.checked_sub(1).map(|end| line_at(text, end))
}

/// The line after the one ending at `end`, if any.
fn next_line(text: &str, end: usize) -> Option<Span> {
    (end < text.len()).then(|| line_at(text, end + 1))
}
