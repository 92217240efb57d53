//! Traditional and Simplified Chinese: one character table, both ways a
//! term is written.
//!
//! Matching folds every Traditional character to its Simplified
//! counterpart, so `客戶`, `顧客` and `客戶端` are found by the same forms,
//! phrases and cues as `客户`, `顾客` and `客户端`. The table holds only
//! pairs that are both three bytes in UTF-8, so folding keeps every byte
//! offset where it was.

use std::borrow::Cow;
use std::sync::LazyLock;

/// The pairs, one a line: a Traditional character, then its Simplified one.
const PAIRS: &str = include_str!("han-simplified.txt");

/// The first and last code points the table can map.
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// The code points from [`FIRST`] to [`LAST`] and their Simplified
/// counterparts.
pub(crate) struct Table {
    /// One bit per code point, set where it has a counterpart: a tenth of
    /// them do, and the bits fit in the fastest cache, so the look at a
    /// Simplified character rarely touches `to`.
    mapped: Box<[u64]>,
    /// Per code point, its counterpart, or 0 where it has none.
    to: Box<[u16]>,
}

static SIMPLIFIED: LazyLock<Table> = LazyLock::new(|| {
    let len = (LAST - FIRST + 1) as usize;
    let mut table = Table {
        mapped: vec![0; len.div_ceil(64)].into_boxed_slice(),
        to: vec![0; len].into_boxed_slice(),
    };
    for line in PAIRS.lines().filter(|l| !l.starts_with('#')) {
        let mut chars = line.chars();
        if let (Some(from), Some(to)) = (chars.next(), chars.next())
            && let Some(slot) = slot(u32::from(from))
            && to.len_utf8() == 3
            && let Ok(to) = u16::try_from(u32::from(to))
        {
            table.to[slot] = to;
            table.mapped[slot / 64] |= 1 << (slot % 64);
        }
    }
    table
});

/// The place of the code point `code` in the table, if it has one.
fn slot(code: u32) -> Option<usize> {
    (FIRST..=LAST)
        .contains(&code)
        .then(|| (code - FIRST) as usize)
}

/// The table, for a caller that looks up many characters in a row.
pub(crate) fn table() -> &'static Table {
    &SIMPLIFIED
}

impl Table {
    /// The Simplified counterpart of the code point `code`, or `code`
    /// itself: for a caller that decodes UTF-8 itself.
    pub(crate) fn simplified_code(&self, code: u32) -> u32 {
        let Some(slot) = slot(code) else {
            return code;
        };
        match self.mapped.get(slot / 64) {
            Some(bits) if bits & (1 << (slot % 64)) != 0 => {
                self.to.get(slot).map_or(code, |&to| u32::from(to))
            }
            _ => code,
        }
    }
}

/// The Simplified counterpart of `c`, or `c` itself.
pub(crate) fn simplified(c: char) -> char {
    char::from_u32(SIMPLIFIED.simplified_code(u32::from(c))).unwrap_or(c)
}

/// `text` with every Traditional character Simplified: the same length,
/// borrowed when nothing changes.
pub(crate) fn simplify(text: &str) -> Cow<'_, str> {
    if !has_traditional(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(simplified).collect())
}

/// Whether `text` holds a Traditional character: a fix of it writes the
/// replacement in Traditional script.
pub(crate) fn has_traditional(text: &str) -> bool {
    // Han characters of the table start with these bytes: most text has
    // none, and is not decoded at all.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &lead)| {
        (0xE3..=0xE9).contains(&lead)
            && text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| simplified(c) != c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_of_the_terms_are_simplified() {
        assert_eq!(
            simplify("客戶、顧客、會員、訂閱者、買家、購物者、用戶、消費者"),
            "客户、顾客、会员、订阅者、买家、购物者、用户、消费者"
        );
        assert_eq!(simplify("客戶端與伺服器"), "客户端与伺服器");
    }

    #[test]
    fn simplified_and_other_text_is_borrowed_unchanged() {
        for text in ["客户与顾客", "clients", "клиенты", "乾坤 著名", ""] {
            assert!(matches!(simplify(text), Cow::Borrowed(_)), "{text}");
            assert!(!has_traditional(text), "{text}");
        }
    }

    #[test]
    fn every_pair_keeps_the_byte_length() {
        let mut pairs = 0;
        for line in PAIRS.lines().filter(|l| !l.starts_with('#')) {
            let mut chars = line.chars();
            let (Some(from), Some(to), None) = (chars.next(), chars.next(), chars.next()) else {
                panic!("not a pair: {line:?}");
            };
            assert_eq!(from.len_utf8(), 3, "{line}");
            assert_eq!(to.len_utf8(), 3, "{line}");
            assert_eq!(simplified(from), to, "{line}");
            pairs += 1;
        }
        assert!(pairs > 2000, "{pairs} pairs");
    }
}
