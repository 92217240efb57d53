//! Byte offsets to LSP positions and back, in the encoding the client
//! and server agreed on: UTF-16 code units (the LSP default), UTF-8 bytes or
//! UTF-32 code points. A Cyrillic letter is 2 bytes and 1 UTF-16 unit; a
//! Han character is 3 bytes and 1 unit; an emoji is 4 bytes and 2 units.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{SourceFile, floor_char_boundary};
use crate::span::Span;

/// The unit an LSP `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units.
    Utf16,
    /// Unicode code points.
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's preferences, in its order of
    /// preference; UTF-16 when it states none or none we know.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    /// The name the protocol gives it.
    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// The LSP position of byte `offset` in `source` (0-based line; character
/// in `encoding` units from the start of the line).
pub(crate) fn position(source: &SourceFile, offset: usize, encoding: Encoding) -> Position {
    let text = source.text();
    let at = source.line_column(offset);
    let start = line_start(source, at.line);
    let character = match encoding {
        Encoding::Utf8 => floor_char_boundary(text, offset.max(start)) - start,
        // Counted by the line index, from its nearest checkpoint on a long line.
        Encoding::Utf16 => source.lines().utf16_column(text, offset),
        Encoding::Utf32 => at.column - 1,
    };
    Position {
        line: to_u32(at.line - 1),
        character: to_u32(character),
    }
}

/// The LSP range of `span` in `source`.
pub(crate) fn range(source: &SourceFile, span: Span, encoding: Encoding) -> Range {
    Range {
        start: position(source, span.start, encoding),
        end: position(source, span.end, encoding),
    }
}

/// The byte offset of an LSP `position` in `source`. A line past the end is
/// the end of the text; a character past the end of its line is the end of
/// that line; a character inside a code point is the start of it.
pub(crate) fn offset(source: &SourceFile, position: Position, encoding: Encoding) -> usize {
    let text = source.text();
    let line = usize::try_from(position.line)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let Some(start) = source.lines().line_start(line) else {
        return text.len();
    };
    let end = source.lines().line_start(line + 1).unwrap_or(text.len());
    let content = text[start..end].trim_end_matches(['\r', '\n']);
    let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
    let mut units = 0;
    for (at, c) in content.char_indices() {
        let width = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        };
        if units + width > wanted {
            return start + at;
        }
        units += width;
    }
    start + content.len()
}

/// Where 1-based `line` starts (past a BOM on the first line).
fn line_start(source: &SourceFile, line: usize) -> usize {
    source.lines().line_start(line).unwrap_or(0)
}

/// LSP counts in `u32`; a longer document saturates instead of wrapping.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const LINE: &str = "Клиент 客户 🙂 customer";

    fn at(text: &str, needle: &str, encoding: Encoding) -> Position {
        let source = SourceFile::new(text.to_owned());
        position(&source, text.find(needle).unwrap(), encoding)
    }

    #[test]
    fn characters_count_in_the_negotiated_unit() {
        let text = format!("# Title\n{LINE}\n");
        // "Клиент " is 7 code points, 13 bytes; "客户 " 3 and 7; "🙂 " 2 and 5.
        let expected = [
            (Encoding::Utf16, 13),
            (Encoding::Utf8, 25),
            (Encoding::Utf32, 12),
        ];
        for (encoding, character) in expected {
            assert_eq!(
                at(&text, "customer", encoding),
                Position { line: 1, character },
                "{encoding:?}"
            );
        }
    }

    #[test]
    fn utf16_is_the_default_and_the_client_order_decides() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [
            PositionEncodingKind::new("utf-7"),
            PositionEncodingKind::UTF8,
        ];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf16);
    }

    #[test]
    fn crlf_lines_and_a_bom_do_not_shift_characters() {
        let text = "\u{feff}client\r\nклиент\r\n";
        assert_eq!(
            at(text, "client", Encoding::Utf16),
            Position {
                line: 0,
                character: 0
            }
        );
        assert_eq!(
            at(text, "клиент", Encoding::Utf16),
            Position {
                line: 1,
                character: 0
            }
        );
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let source = SourceFile::new("ab\ncd".to_owned());
        let far = Position {
            line: 0,
            character: 99,
        };
        assert_eq!(offset(&source, far, Encoding::Utf16), 2);
        let below = Position {
            line: 9,
            character: 0,
        };
        assert_eq!(offset(&source, below, Encoding::Utf16), 5);
        // Inside the surrogate pair of an emoji: the emoji's start.
        let source = SourceFile::new("🙂x".to_owned());
        let inside = Position {
            line: 0,
            character: 1,
        };
        assert_eq!(offset(&source, inside, Encoding::Utf16), 0);
    }

    proptest! {
        #[test]
        fn offset_inverts_position(
            lines in prop::collection::vec("[a-zКлиент客户🙂 ]{0,12}", 1..5),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            let source = SourceFile::new(text.clone());
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                for (at, _) in text.char_indices().filter(|(_, c)| *c != '\n' && *c != '\r') {
                    let p = position(&source, at, encoding);
                    prop_assert_eq!(offset(&source, p, encoding), at, "{:?} {:?}", encoding, p);
                }
            }
        }
    }
}
