//! Case folding that keeps every byte offset where it was.
//!
//! The matcher searches a folded copy of the text and reports offsets into
//! the original, so folding must never change a character's UTF-8 length.
//! Letters whose lower case has another length (rare outside Latin and
//! Cyrillic) are left as they are; ASCII white space becomes a plain space
//! so that a phrase also matches across a line break.

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
        'а'..='џ' | '\u{3000}'..='\u{9FFF}' => c,
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
pub fn fold(text: &str) -> String {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    folded
}

/// [`fold`] into `out`, replacing what it held: for a buffer reused from
/// one piece of text to the next.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    out.extend(text.chars().map(fold_char));
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
        for c in ('\u{400}'..='\u{45F}').chain('\u{3000}'..='\u{9FFF}') {
            assert_eq!(fold_char(c), general(c), "{c:?}");
        }
    }

    #[test]
    fn white_space_folds_to_a_space() {
        assert_eq!(fold("customer\nservice\tdesk"), "customer service desk");
    }

    #[test]
    fn han_is_not_a_word_character() {
        assert!(!is_word_char('客'));
        assert!(is_word_char('к'));
        assert!(is_word_char('7'));
        assert!(!is_word_char('-'));
    }
}
