//! A source text and the one place where byte offsets become lines and
//! columns.
//!
//! Lines are 1-based. Columns are 1-based and count Unicode scalar values
//! (SPEC §6); [`LineIndex::utf16_column`] serves editors that count UTF-16
//! code units. A line ends at `\n`, `\r\n` or a lone `\r`, as in CommonMark.
//! A byte-order mark is part of the text (byte offsets index the file as
//! read) but is not counted as a column.

use std::sync::OnceLock;

/// The byte-order mark a UTF-8 file may start with.
const BOM: &str = "\u{feff}";

/// A line and column, both 1-based; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct LineColumn {
    /// 1-based line number.
    pub(crate) line: usize,
    /// 1-based column in Unicode scalar values.
    pub(crate) column: usize,
}

/// How far apart, in bytes, the column checkpoints of a long line are.
const CHECKPOINT_BYTES: usize = 4096;

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
    bom_len: usize,
    /// Every [`CHECKPOINT_BYTES`] along each line longer than that, in text
    /// order: a column on a line of megabytes is counted from the nearest
    /// checkpoint, not from the line's start, or a line with thousands of
    /// findings would be counted over thousands of times.
    checkpoints: Vec<Checkpoint>,
}

/// A character boundary on a long line, and how far it is from the line's
/// start.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    chars: usize,
    utf16: usize,
}

impl LineIndex {
    /// Index the lines of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        // A large document has millions of lines: keep no spare room.
        line_starts.shrink_to_fit();
        let bom_len = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let mut index = Self {
            line_starts,
            bom_len,
            checkpoints: Vec::new(),
        };
        index.checkpoints = index.long_line_checkpoints(text);
        index
    }

    fn long_line_checkpoints(&self, text: &str) -> Vec<Checkpoint> {
        let mut checkpoints = Vec::new();
        for line in 1..=self.line_count() {
            let start = self.line_start(line).unwrap_or(0);
            let end = self.line_start(line + 1).unwrap_or(text.len());
            let (mut at, mut chars, mut utf16) = (start, 0, 0);
            while end.saturating_sub(at) > CHECKPOINT_BYTES {
                let next = ceil_char_boundary(text, at + CHECKPOINT_BYTES);
                let stretch = text.get(at..next).unwrap_or_default();
                chars += stretch.chars().count();
                utf16 += stretch.chars().map(char::len_utf16).sum::<usize>();
                checkpoints.push(Checkpoint {
                    offset: next,
                    chars,
                    utf16,
                });
                at = next;
            }
        }
        checkpoints
    }

    /// Number of lines (a text with no line break has one).
    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Byte offset where 1-based `line` starts, past a BOM on the first line.
    pub(crate) fn line_start(&self, line: usize) -> Option<usize> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        Some(if line == 1 {
            start + self.bom_len
        } else {
            start
        })
    }

    /// Line and column of `offset` in `text`, the text this index was built
    /// from. Offsets past the end or inside a character are clamped back to
    /// the nearest character boundary.
    pub(crate) fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let (line, from, rest) = self.line_and_rest(text, offset);
        LineColumn {
            line,
            column: from.map_or(0, |c| c.chars) + rest.chars().count() + 1,
        }
    }

    /// Byte offset of 1-based `line` and `column` (counted in characters,
    /// as [`LineIndex::line_column`] counts them) in `text`, the text this
    /// index was built from. A column past the end of its line is clamped
    /// to the end of the text of that line.
    pub(crate) fn offset(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        let start = self.line_start(line)?;
        let end = self.line_start(line + 1).unwrap_or(text.len());
        let rest = text.get(start..end)?;
        let within = rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.trim_end_matches(['\r', '\n']).len(), |(i, _)| i);
        Some(start + within)
    }

    /// 0-based column of `offset` in UTF-16 code units, for editors.
    pub(crate) fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let (_, from, rest) = self.line_and_rest(text, offset);
        from.map_or(0, |c| c.utf16) + rest.chars().map(char::len_utf16).sum::<usize>()
    }

    /// The 1-based line of `offset` (clamped to a character boundary), the
    /// last checkpoint of that line before it, if any, and the text from
    /// there (or from the line's start) to it.
    fn line_and_rest<'t>(
        &self,
        text: &'t str,
        offset: usize,
    ) -> (usize, Option<Checkpoint>, &'t str) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset) + 1;
        let start = self.line_start(line).unwrap_or(0).min(offset);
        let passed = self.checkpoints.partition_point(|c| c.offset <= offset);
        let checkpoint = passed
            .checked_sub(1)
            .map(|i| self.checkpoints[i])
            .filter(|c| c.offset > start);
        let from = checkpoint.map_or(start, |c| c.offset);
        (line, checkpoint, text.get(from..offset).unwrap_or_default())
    }
}

/// The largest character boundary at or before `offset` (clamped to the
/// text's length).
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The nearest char boundary of `text` at or after `offset`.
pub(crate) fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// A document being linted: its text and its line index.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    text: String,
    /// Built when first asked for: a file without findings never needs it.
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    /// Wrap `text`; its lines are indexed on first use.
    pub(crate) fn new(text: String) -> Self {
        Self {
            text,
            lines: OnceLock::new(),
        }
    }

    /// The whole text, BOM included.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The line index.
    pub(crate) fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Line and column of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> LineColumn {
        self.lines().line_column(&self.text, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_position(text: &str, offset: usize, line: usize, column: usize) {
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, offset),
            LineColumn { line, column },
            "offset {offset} in {text:?}"
        );
    }

    #[test]
    fn columns_count_scalar_values_not_bytes() {
        assert_position("клиент и customer", 16, 1, 10);
        assert_position("客户与客户", 9, 1, 4);
    }

    #[test]
    fn every_line_ending_starts_a_line() {
        let text = "a\nb\r\nc\rd";
        assert_position(text, 2, 2, 1);
        assert_position(text, 5, 3, 1);
        assert_position(text, 7, 4, 1);
        assert_eq!(LineIndex::new(text).line_count(), 4);
    }

    #[test]
    fn crlf_counts_as_one_line_break() {
        assert_position("one\r\ntwo", 3, 1, 4);
        assert_position("one\r\ntwo", 5, 2, 1);
    }

    #[test]
    fn a_bom_is_not_a_column() {
        assert_position("\u{feff}client", 3, 1, 1);
        assert_position("\u{feff}client", 9, 1, 7);
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        assert_position("客户", 1, 1, 1);
        assert_position("ab", 99, 1, 3);
    }

    #[test]
    fn offset_inverts_line_column() {
        let text = "ab\r\nклиент\rcd";
        let index = LineIndex::new(text);
        for offset in [0, 1, 2, 4, 6, 14, 16, 17, text.len()] {
            let at = index.line_column(text, offset);
            assert_eq!(
                index.offset(text, at.line, at.column),
                Some(offset),
                "{offset}"
            );
        }
        assert_eq!(index.offset(text, 1, 9), Some(2));
        assert_eq!(index.offset(text, 4, 1), None);
    }

    proptest::proptest! {
        #[test]
        fn columns_on_long_lines_match_counting_from_the_line_start(
            pieces in proptest::collection::vec(
                proptest::sample::select(&["a", "клиент", "客户", "😀", "\n", "\r\n", "\r", "\u{feff}"][..]),
                0..400,
            ),
            repeat in 1..40usize,
        ) {
            // Runs long enough to cross several checkpoints.
            let text: String = pieces.iter().map(|p| if p.starts_with('\r') || p.starts_with('\n') { (*p).to_owned() } else { p.repeat(repeat * 8) }).collect();
            let index = LineIndex::new(&text);
            let mut offset = 0;
            loop {
                let at = index.line_column(&text, offset);
                let start = index.line_start(at.line).unwrap().min(offset);
                let before = &text[start..offset];
                proptest::prop_assert_eq!(at.column, before.chars().count() + 1, "{}", offset);
                proptest::prop_assert_eq!(index.utf16_column(&text, offset), before.encode_utf16().count());
                if offset == text.len() {
                    break;
                }
                offset = ceil_char_boundary(&text, offset + 997);
            }
        }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "😀 client";
        assert_eq!(LineIndex::new(text).utf16_column(text, 5), 3);
    }
}
