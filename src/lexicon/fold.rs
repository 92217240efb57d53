//! Case folding that keeps every byte offset where it was, and the folded
//! prose the matcher searches.
//!
//! The matcher searches a folded copy of the text and reports offsets into
//! the original, so [`fold`] never changes a character's UTF-8 length.
//! Letters whose lower case has another length (rare outside Latin and
//! Cyrillic) are left as they are; ASCII white space becomes a plain space
//! so that a phrase also matches across a line break; Traditional Chinese
//! characters become Simplified ones (see [`super::han`]).
//!
//! Prose as writers type it also holds characters that change length when
//! folded: typography tools put no-break spaces inside phrases
//! (`на\u{a0}стороне клиента`) and soft hyphens inside words. [`Folded`]
//! reads every Unicode space as a plain space and drops the invisible
//! characters, keeping where each folded byte came from.

use super::han;

/// The folded form of one character, of the same UTF-8 length.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        _ if c.is_ascii() => {
            if c.is_ascii_whitespace() {
                ' '
            } else {
                c.to_ascii_lowercase()
            }
        }
        // The scripts of the built-in packs, without a table lookup: Cyrillic
        // capitals (two bytes, like their small letters), small Cyrillic,
        // and kana and Han, which have no case.
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(u32::from(c) + 0x50).unwrap_or(c),
        'а'..='џ' | '\u{3000}'..='\u{33FF}' => c,
        '\u{3400}'..='\u{9FFF}' => han::simplified(c),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        }
    }
}

/// `text` folded character by character; the result has the same length
/// and the same character boundaries.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    folded.extend(text.chars().map(fold_char));
    folded
}

/// Each ASCII byte folded: lower case, and white space a plain space.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_whitespace() {
            b' '
        } else {
            byte.to_ascii_lowercase()
        };
        b += 1;
    }
    table
};

/// The bytes of [`fold`]`(text)` into `out`, replacing what it held: for a
/// buffer reused from one piece of text to the next. Byte by byte for
/// ASCII, Cyrillic and Han, which is most of what is folded, and no slower
/// than [`fold`] for the rest.
///
/// Stops and returns `false` at the first wide space or invisible
/// character, which [`Folded`] folds with a map instead; `out` then holds
/// part of the text.
pub(crate) fn fold_into(text: &str, out: &mut Vec<u8>) -> bool {
    // Folding keeps every length here: copy the text, then change in place
    // the few bytes that fold to others.
    let bytes = text.as_bytes();
    out.clear();
    out.extend_from_slice(bytes);
    let mut table = None;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        // Runs of ASCII, eight bytes at a time.
        if let Some(block) = bytes.get(i..i + 8)
            && block.iter().all(u8::is_ascii)
        {
            for (to, &b) in out[i..i + 8].iter_mut().zip(block) {
                *to = ASCII_FOLD[usize::from(b)];
            }
            i += 8;
            continue;
        }
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        match (lead, second) {
            (0x00..=0x7F, _) => {
                out[i] = ASCII_FOLD[usize::from(lead)];
                i += 1;
            }
            // Ѐ–Џ → ѐ–џ, А–П → а–п, Р–Я → р–я; small letters as they are.
            (0xD0, 0x80..=0x8F) => {
                out[i..i + 2].copy_from_slice(&[0xD1, second + 0x10]);
                i += 2;
            }
            (0xD0, 0x90..=0x9F) => {
                out[i + 1] = second + 0x20;
                i += 2;
            }
            (0xD0, 0xA0..=0xAF) => {
                out[i..i + 2].copy_from_slice(&[0xD1, second - 0x20]);
                i += 2;
            }
            (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x9F) => i += 2,
            // U+3000, the ideographic space.
            (0xE3, 0x80) if bytes.get(i + 2) == Some(&0x80) => return false,
            // U+3001–U+33FF: punctuation and kana, without case.
            (0xE3, 0x80..=0x8F) => i += 3,
            // U+3400–U+9FFF: Han, Traditional folded to Simplified.
            (0xE3..=0xE9, _) if i + 3 <= bytes.len() => {
                let code = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(second & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                let to = table.get_or_insert_with(han::table).simplified_code(code);
                if to != code {
                    // Every code point of the table takes three bytes.
                    out[i] = 0xE0 | (to >> 12) as u8;
                    out[i + 1] = 0x80 | ((to >> 6) & 0x3F) as u8;
                    out[i + 2] = 0x80 | (to & 0x3F) as u8;
                }
                i += 3;
            }
            _ => {
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if is_wide_space(c) || is_invisible(c) {
                    return false;
                }
                let folded = fold_char(c);
                if folded != c {
                    folded.encode_utf8(&mut out[i..i + c.len_utf8()]);
                }
                i += c.len_utf8();
            }
        }
    }
    true
}

/// Whether `c` is a space of another width than ASCII's (no-break, thin,
/// em, ideographic…): inside a phrase it is a space like any other.
pub(crate) fn is_wide_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Whether `c` is invisible inside a word: a soft hyphen, a zero-width
/// space, joiner or non-joiner, a word joiner, or a stray byte-order mark.
/// Matching reads a word as if it were not there.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Whether `c` is an invisible character that keeps the letters on both
/// sides in one word: all but the zero-width space, which marks where a
/// line may break between words.
pub(crate) fn joins_words(c: char) -> bool {
    is_invisible(c) && c != '\u{200B}'
}

/// A piece of prose folded for matching: the bytes searched, and where
/// each came from in the piece.
///
/// Most prose folds byte for byte ([`fold_into`]) and needs no map. Where
/// it holds wide spaces or invisible characters, each wide space becomes a
/// plain space and each invisible character is dropped, so that the
/// folded bytes are shorter than the piece; `before` and `after` then map
/// every folded byte back.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    bytes: Vec<u8>,
    /// Per folded byte, the piece's offset where it starts; empty when the
    /// folding kept every offset.
    before: Vec<u32>,
    /// Per folded byte, the piece's offset where the character it belongs
    /// to ends.
    after: Vec<u32>,
    /// The piece's length.
    len: usize,
}

impl Folded {
    /// Fold `piece`, replacing what was held; the buffers are reused.
    pub(crate) fn fold(&mut self, piece: &str) {
        self.before.clear();
        self.after.clear();
        self.len = piece.len();
        if fold_into(piece, &mut self.bytes) {
            return;
        }
        self.bytes.clear();
        let mut encoded = [0; 4];
        for (at, c) in piece.char_indices() {
            let end = (at + c.len_utf8()) as u32;
            if is_invisible(c) {
                continue;
            }
            if is_wide_space(c) {
                self.bytes.push(b' ');
                self.before.push(at as u32);
                self.after.push(end);
                continue;
            }
            // A folded character is as long as the character: its bytes
            // map one to one.
            let folded = fold_char(c).encode_utf8(&mut encoded).as_bytes();
            for (k, &byte) in folded.iter().enumerate() {
                self.bytes.push(byte);
                self.before.push((at + k) as u32);
                self.after.push((at + k + 1) as u32);
            }
        }
    }

    /// The folded bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The piece's offset of a match starting at folded byte `i`.
    pub(crate) fn start(&self, i: usize) -> usize {
        if self.before.is_empty() {
            return i;
        }
        self.before.get(i).map_or(self.len, |&at| at as usize)
    }

    /// The piece's offset of a match ending at folded byte `i`.
    pub(crate) fn end(&self, i: usize) -> usize {
        if self.before.is_empty() {
            return i;
        }
        match i.checked_sub(1) {
            Some(last) => self.after.get(last).map_or(self.len, |&at| at as usize),
            None => self.start(0),
        }
    }
}

/// Whether `c` continues a word of a spaced script (Latin, Cyrillic…), so
/// that a term touching it is part of a longer word. Han, kana and hangul
/// are not: Latin words sit right next to them in Chinese text.
pub(crate) fn is_word_char(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !is_cjk(c))
}

/// Whether `c` belongs to a script written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'     // radicals
        | '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3100}'..='\u{312F}'   // bopomofo
        | '\u{3400}'..='\u{4DBF}'   // extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // hangul
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}' // extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_byte_length() {
        for text in [
            "Customer's CLIENTS",
            "КЛИЕНТАМИ Ёжик",
            "客户 İstanbul ẞ",
            "a\tb\r\nc",
        ] {
            let folded = fold(text);
            assert_eq!(folded.len(), text.len(), "{text}");
            for (i, _) in text.char_indices() {
                assert!(folded.is_char_boundary(i), "{text} at {i}");
            }
        }
    }

    #[test]
    fn folding_lowercases_latin_and_cyrillic() {
        assert_eq!(fold("CuStOmEr КЛИЕНТ Ё"), "customer клиент ё");
    }

    #[test]
    fn the_fast_paths_agree_with_unicode_lower_case() {
        let general = |c: char| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        };
        for c in ('\u{400}'..='\u{45F}').chain('\u{3000}'..='\u{33FF}') {
            assert_eq!(fold_char(c), general(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_bytes_agrees_with_folding_chars(text in "(\\PC|[\\sЀ-ӿ])*") {
            let mut bytes = Vec::new();
            if fold_into(&text, &mut bytes) {
                proptest::prop_assert_eq!(bytes, fold(&text).into_bytes());
            } else {
                proptest::prop_assert!(text.contains(|c| is_wide_space(c) || is_invisible(c)));
            }
        }
    }

    #[test]
    fn folding_keeps_word_characters_apart_from_the_rest() {
        // A phrase's term is looked for in the phrase folded, at the word
        // boundaries of the phrase as written.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let folded = fold_char(c);
            assert_eq!(is_word_char(folded), is_word_char(c), "{c:?}");
            assert_eq!(folded.is_alphanumeric(), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn white_space_folds_to_a_space() {
        assert_eq!(fold("customer\nservice\tdesk"), "customer service desk");
    }

    #[test]
    fn traditional_han_folds_to_simplified() {
        assert_eq!(fold("客戶端與顧客"), "客户端与顾客");
        let mut bytes = Vec::new();
        assert!(fold_into("照顧客戶。", &mut bytes));
        assert_eq!(String::from_utf8(bytes).unwrap(), "照顾客户。");
    }

    /// `piece` folded, with each match of `word` in it mapped back.
    fn mapped(piece: &str, word: &str) -> (String, Vec<String>) {
        let mut folded = Folded::default();
        folded.fold(piece);
        let bytes = folded.bytes().to_vec();
        let text = String::from_utf8(bytes).unwrap();
        let found = text
            .match_indices(word)
            .map(|(i, m)| piece[folded.start(i)..folded.end(i + m.len())].to_owned())
            .collect();
        (text, found)
    }

    #[test]
    fn wide_spaces_are_spaces_and_invisible_characters_are_dropped() {
        let (text, found) = mapped("на\u{a0}стороне КЛИЕНТА", "на стороне клиента");
        assert_eq!(text, "на стороне клиента");
        assert_eq!(found, ["на\u{a0}стороне КЛИЕНТА"]);
        let (text, found) = mapped(
            "our cli\u{ad}ents\u{200b} and customer\u{202f}support",
            "clients",
        );
        assert_eq!(text, "our clients and customer support");
        assert_eq!(found, ["cli\u{ad}ents"]);
        let (_, found) = mapped("\u{2060}клиент\u{ad}", "клиент");
        assert_eq!(found, ["клиент"]);
    }

    #[test]
    fn ordinary_prose_needs_no_map() {
        let mut folded = Folded::default();
        for piece in ["«Клиенты» — это", "客户、顾客。", "customer’s"] {
            folded.fold(piece);
            assert!(folded.before.is_empty(), "{piece}");
            assert_eq!(folded.bytes(), fold(piece).as_bytes());
        }
    }

    proptest::proptest! {
        #[test]
        fn a_mapped_match_is_on_character_boundaries(piece in "[a-z \u{a0}\u{ad}\u{200b}\u{3000}к客]{0,40}") {
            let mut folded = Folded::default();
            folded.fold(&piece);
            let text = std::str::from_utf8(folded.bytes()).unwrap();
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (n, &i) in boundaries.iter().enumerate() {
                for &j in &boundaries[n..] {
                    let (start, end) = (folded.start(i), folded.end(j));
                    proptest::prop_assert!(piece.is_char_boundary(start) && piece.is_char_boundary(end));
                    proptest::prop_assert!(start <= end || i == j);
                }
            }
        }
    }

    #[test]
    fn han_is_not_a_word_character() {
        assert!(!is_word_char('客'));
        assert!(is_word_char('к'));
        assert!(is_word_char('7'));
        assert!(!is_word_char('-'));
    }
}
