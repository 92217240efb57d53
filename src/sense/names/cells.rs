//! Names in table cells. A table of reports lists the pages or visuals of
//! each in a cell (`| Обзор | <ul><li>Клиенты с превышением кредитного
//! лимита</li>…</ul> |` under a column headed `Визуализация`), and a table
//! of data entities names each with its version (`| Клиенты V3 |`):
//!
//! 1. a short item of a table body cell (an HTML list's `<li>`, a line
//!    parted by `<br>`) or a short whole cell, under a column whose header
//!    names UI things or names (a UI noun or a word for a name: `Report`,
//!    `Страница отчета`, `Отображаемое имя`, `页面名称`): the header says
//!    what the items are, and one under `Сегмент` or `Кто` stays a use. A
//!    whole cell under such a header is read the same way when it is a
//!    few words with no sentence punctuation (`| Код НДС клиента |` under
//!    `Поле`); a cell that holds a sentence is a description;
//! 2. a term followed by a version token (`V3`, `v2.1`), capitalised where
//!    the script has case: versions are given to entities and APIs, not to
//!    people.

use crate::sense::labels::{
    MAX_CHARS, MAX_TITLE_WORDS, names_ui_thing, short_within, starts_capitalised,
};
use crate::source::{ceil_char_boundary, floor_char_boundary};
use crate::span::Span;

/// How far a table row is read on either side of a term, in bytes: rows
/// of report tables run to several thousand.
const ROW_REACH: usize = 8000;

/// The most words a whole table cell that is a name holds.
const MAX_CELL_WORDS: usize = 8;

/// How many rows above a term its table's header is looked for.
const MAX_ROWS: usize = 200;

/// Whether the term at `span` of `text`, in language `lang`, is part of a
/// name a table cell gives (see the module doc).
pub(in crate::sense) fn in_table_name(text: &str, lang: &str, span: Span) -> bool {
    versioned(text, span) || listed_under_ui_header(text, lang, span)
}

/// Whether the term at `span` is followed by a version token and is
/// capitalised or has no case.
pub(super) fn versioned(text: &str, span: Span) -> bool {
    if !starts_capitalised(&text[span.start..span.end]) {
        return false;
    }
    let Some(rest) = text[span.end..].strip_prefix(' ') else {
        return false;
    };
    let Some(rest) = rest.strip_prefix(['V', 'v']) else {
        return false;
    };
    let digits = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let version = rest[..digits].trim_end_matches('.');
    let next = rest[digits..].chars().next();
    version.starts_with(|c: char| c.is_ascii_digit()) && !next.is_some_and(char::is_alphanumeric)
}

/// The table row that holds `span`, if its line starts with `|` within
/// [`ROW_REACH`] bytes.
fn row_of(text: &str, span: Span) -> Option<Span> {
    let from = floor_char_boundary(text, span.start.saturating_sub(ROW_REACH));
    let to = ceil_char_boundary(text, (span.end + ROW_REACH).min(text.len()));
    let start = from + text[from..span.start].rfind('\n')? + 1;
    let end = text[span.end..to].find('\n').map_or(to, |i| span.end + i);
    text[start..end]
        .trim_start()
        .starts_with('|')
        .then_some(Span::new(start, end))
}

/// Whether the term at `span` is in a short item of a table body cell
/// (an `<li>` item, a line of a cell parted by `<br>`, or the whole cell)
/// whose column header names UI things or names.
pub(super) fn listed_under_ui_header(text: &str, lang: &str, span: Span) -> bool {
    let Some(row) = row_of(text, span) else {
        return false;
    };
    let before = &text[row.start..span.start];
    let after = &text[span.end..row.end];
    // (where, whether it is the cell's own edge)
    let open = ["|", "<li>", "<br>", "<br/>", "<br />"]
        .iter()
        .filter_map(|m| before.rfind(m).map(|i| (i + m.len(), *m == "|")))
        .max();
    let close = ["|", "</li>", "<br"]
        .iter()
        .filter_map(|m| after.find(m).map(|i| (i, *m == "|")))
        .min();
    let (Some((open, open_edge)), Some((close, close_edge))) = (open, close) else {
        return false;
    };
    let item = &text[row.start + open..span.end + close];
    // A whole cell is read more strictly than one item among others (a
    // list of names): a few words, no sentence punctuation; a cell with a
    // sentence in it is a description.
    let (max_words, max_chars) = if open_edge && close_edge {
        (MAX_CELL_WORDS, MAX_CHARS)
    } else {
        (MAX_TITLE_WORDS, MAX_CHARS * 2)
    };
    if !short_within(item, max_words, max_chars) || !starts_capitalised(item.trim()) {
        return false;
    }
    let column = cell_index(before);
    header_cell(text, row, column).is_some_and(|header| names_ui_thing(header, lang))
}

/// The index of the cell that `before`, a row's text up to a point, ends
/// in: the count of unescaped `|` in it, less the leading one.
fn cell_index(before: &str) -> usize {
    let mut count: usize = 0;
    let mut escaped = false;
    for c in before.chars() {
        if c == '|' && !escaped {
            count += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    count.saturating_sub(1)
}

/// The text of cell `column` of the header of the table `row` is in: the
/// row above the table's delimiter row.
fn header_cell(text: &str, row: Span, column: usize) -> Option<&str> {
    let mut lines = text[..row.start].lines().rev();
    for _ in 0..MAX_ROWS {
        let line = lines.next()?.trim();
        if !line.starts_with('|') {
            return None;
        }
        if is_delimiter(line) {
            let header = lines.next()?.trim();
            return header
                .trim_start_matches('|')
                .split('|')
                .nth(column)
                .map(str::trim);
        }
    }
    None
}

/// Whether `line` is a table's delimiter row (`| --- | :-: |`).
fn is_delimiter(line: &str) -> bool {
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}
