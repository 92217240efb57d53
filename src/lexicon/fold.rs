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
    text.chars().map(fold_char).collect()
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
pub(crate) fn fold_into(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    out.clear();
    out.reserve(bytes.len());
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        // Runs of ASCII, eight bytes at a time.
        if let Some(block) = bytes.get(i..i + 8)
            && block.iter().all(u8::is_ascii)
        {
            out.extend(block.iter().map(|&b| ASCII_FOLD[usize::from(b)]));
            i += 8;
            continue;
        }
        match (lead, bytes.get(i + 1).copied().unwrap_or(0)) {
            (0x00..=0x7F, _) => {
                out.push(ASCII_FOLD[usize::from(lead)]);
                i += 1;
            }
            // Ѐ–Џ → ѐ–џ, А–П → а–п, Р–Я → р–я; small letters as they are.
            (0xD0, second @ 0x80..=0x8F) => {
                out.extend_from_slice(&[0xD1, second + 0x10]);
                i += 2;
            }
            (0xD0, second @ 0x90..=0x9F) => {
                out.extend_from_slice(&[0xD0, second + 0x20]);
                i += 2;
            }
            (0xD0, second @ 0xA0..=0xAF) => {
                out.extend_from_slice(&[0xD1, second - 0x20]);
                i += 2;
            }
            (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x9F) => {
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
            }
            // U+3000–U+9FFF: kana and Han, without case.
            (0xE3..=0xE9, _) => {
                out.extend_from_slice(&bytes[i..i + 3]);
                i += 3;
            }
            _ => {
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                let mut encoded = [0; 4];
                out.extend_from_slice(fold_char(c).encode_utf8(&mut encoded).as_bytes());
                i += c.len_utf8();
            }
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
        for c in ('\u{400}'..='\u{45F}').chain('\u{3000}'..='\u{9FFF}') {
            assert_eq!(fold_char(c), general(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_bytes_agrees_with_folding_chars(text in "(\\PC|[\\sЀ-ӿ])*") {
            let mut bytes = Vec::new();
            fold_into(&text, &mut bytes);
            proptest::prop_assert_eq!(bytes, fold(&text).into_bytes());
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
