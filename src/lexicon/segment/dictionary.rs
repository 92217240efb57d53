//! The segmenter's words and their frequencies, laid out by the build
//! script (`build.rs`) and read in place: nothing is loaded at run time.
//!
//! [`Dictionary::word_ends`] splits a run of text as jieba's `cut` without
//! its hidden Markov model does with the same words: every word of the
//! dictionary that starts at a character is a way on, weighing the
//! logarithm of its frequency over the total, and the heaviest route
//! through the run wins, the longer step on a tie. A test holds the two to
//! the same splits.

use std::ops::Range;

/// See `build.rs` for the layout.
static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh-dictionary.bin"));

/// Where the parts of fixed size of [`BYTES`] start.
const TOTAL: usize = 0;
const COUNT: usize = 8;
const LONGEST: usize = 12;
const FIRSTS: usize = 16;

/// The words and frequencies of one laid-out list.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dictionary {
    bytes: &'static [u8],
    count: usize,
    /// How many first characters the index of first characters holds.
    firsts: usize,
    /// Where the offsets of the words start.
    offsets: usize,
    /// Where the frequencies start.
    frequencies: usize,
    /// Where the words' text starts.
    text: usize,
    /// The longest word, in bytes: no longer text is looked up.
    longest: usize,
    /// The natural logarithm of the total of all frequencies.
    log_total: f64,
}

/// The step the best route takes from one character.
#[derive(Debug, Clone, Copy)]
struct Step {
    /// The logarithm of the route's weight from here to the end.
    weight: f64,
    /// The character index the step ends at.
    end: usize,
}

impl Dictionary {
    /// The words the build script laid out.
    pub(super) fn builtin() -> Self {
        Self::new(BYTES)
    }

    fn new(bytes: &'static [u8]) -> Self {
        let total = read_u64(bytes, TOTAL);
        let count = read_u32(bytes, COUNT) as usize;
        let firsts = read_u32(bytes, FIRSTS) as usize;
        let offsets = FIRSTS + 4 + 12 * firsts;
        let frequencies = offsets + 4 * (count + 1);
        Self {
            bytes,
            count,
            firsts,
            offsets,
            frequencies,
            text: frequencies + 4 * count,
            longest: read_u32(bytes, LONGEST) as usize,
            // As jieba reckons it: a float of the integer total.
            log_total: (total as f64).ln(),
        }
    }

    /// How many words there are.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.count
    }

    fn offset(&self, i: usize) -> usize {
        read_u32(self.bytes, self.offsets + 4 * i) as usize
    }

    fn word(&self, i: usize) -> &'static [u8] {
        let (start, end) = (self.offset(i), self.offset(i + 1));
        self.bytes
            .get(self.text + start..self.text + end)
            .unwrap_or_default()
    }

    fn frequency_at(&self, i: usize) -> u32 {
        read_u32(self.bytes, self.frequencies + 4 * i)
    }

    /// The words that start with `c`, from the index of first characters.
    fn starting_with_char(&self, c: char) -> Range<usize> {
        let entry = |i: usize| FIRSTS + 4 + 12 * i;
        let code = |i: usize| read_u32(self.bytes, entry(i));
        let at = first_not(0..self.firsts, |i| code(i) < u32::from(c));
        if at == self.firsts || code(at) != u32::from(c) {
            return 0..0;
        }
        let start = read_u32(self.bytes, entry(at) + 4) as usize;
        let end = read_u32(self.bytes, entry(at) + 8) as usize;
        start..end
    }

    /// The frequency of `word`, if the dictionary has it.
    pub(super) fn frequency(&self, word: &str) -> Option<u32> {
        if word.len() > self.longest {
            return None;
        }
        let at = first_not(0..self.count, |i| self.word(i) < word.as_bytes());
        (at < self.count && self.word(at) == word.as_bytes()).then(|| self.frequency_at(at))
    }

    /// The words of `within` (indices of the sorted list, all of which
    /// start with any shorter prefix of `prefix` looked for before) that
    /// start with `prefix`.
    fn starting_with(&self, within: Range<usize>, prefix: &[u8]) -> Range<usize> {
        let first = first_not(within.clone(), |i| self.word(i) < prefix);
        let end = first_not(first..within.end, |i| self.word(i).starts_with(prefix));
        first..end
    }

    /// Whether the dictionary has `word`.
    pub(super) fn has_word(&self, word: &str) -> bool {
        self.frequency(word).is_some()
    }

    /// Where each word of `text` ends, in bytes, in order.
    ///
    /// Characters jieba reads as Chinese (Han, ASCII letters and digits, and
    /// `+#&._%-`) are split along the best route; a run of ASCII letters and
    /// digits the route leaves one character at a time is one word; any
    /// other character is a word of its own, and so is `\r\n`.
    pub(super) fn word_ends(&self, text: &str) -> Vec<usize> {
        let mut ends = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
        let mut i = 0;
        while i < chars.len() {
            let is_block = is_han_default(chars[i].1);
            let mut j = i + 1;
            while j < chars.len() && is_han_default(chars[j].1) == is_block {
                j += 1;
            }
            if is_block {
                self.split_block(text, &chars[i..j], &mut ends);
            } else {
                let mut k = i;
                while k < j {
                    let pair = chars[k].1 == '\r' && k + 1 < j && chars[k + 1].1 == '\n';
                    k += if pair { 2 } else { 1 };
                    ends.push(byte_at(k));
                }
            }
            i = j;
        }
        ends
    }

    /// The ends of the words of `block` (characters of `text` that jieba
    /// reads as Chinese) along the best route.
    fn split_block(&self, text: &str, block: &[(usize, char)], ends: &mut Vec<usize>) {
        let n = block.len();
        let block_end = block.last().map_or(0, |&(at, c)| at + c.len_utf8());
        let byte_at = |i: usize| block.get(i).map_or(block_end, |&(at, _)| at);
        let mut route = vec![
            Step {
                weight: 0.0,
                end: n
            };
            n + 1
        ];
        for idx in (0..n).rev() {
            let mut best: Option<Step> = None;
            // The words that start with the text from `idx` to `end`, a
            // range of the sorted list that narrows as `end` moves on.
            let mut words = self.starting_with_char(block[idx].1);
            for (end, after) in route.iter().enumerate().skip(idx + 1) {
                let Some(prefix) = text.get(byte_at(idx)..byte_at(end)) else {
                    break;
                };
                if end > idx + 1 {
                    words = self.starting_with(words, prefix.as_bytes());
                }
                if words.is_empty() {
                    break;
                }
                // The shortest word of the range comes first.
                if self.word(words.start) != prefix.as_bytes() {
                    continue;
                }
                let frequency = self.frequency_at(words.start);
                let weight = f64::from(frequency).ln() - self.log_total + after.weight;
                if best.is_none_or(|b| weight > b.weight || (weight == b.weight && end > b.end)) {
                    best = Some(Step { weight, end });
                }
            }
            route[idx] = best.unwrap_or(Step {
                weight: -self.log_total + route[idx + 1].weight,
                end: idx + 1,
            });
        }
        let mut x = 0;
        let mut ascii_run = false;
        while x < n {
            let y = route[x].end;
            if y - x == 1 && block[x].1.is_ascii_alphanumeric() {
                ascii_run = true;
            } else {
                if ascii_run {
                    ends.push(byte_at(x));
                    ascii_run = false;
                }
                ends.push(byte_at(y));
            }
            x = y;
        }
        if ascii_run {
            ends.push(byte_at(n));
        }
    }
}

/// Whether jieba reads `c` as part of a Chinese block: CJK ideographs,
/// ASCII letters and digits, and `+#&._%-`.
fn is_han_default(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c,
            '+' | '#' | '&' | '.' | '_' | '%' | '-'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}'
        )
}

/// The first index of `range` that `holds` is false for, where it holds
/// for every index before that one and for none after: a binary search.
fn first_not(range: Range<usize>, holds: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (range.start, range.end);
    while low < high {
        let middle = low + (high - low) / 2;
        if holds(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// Whether `table`, little-endian `u32`s in ascending order, holds `key`.
pub(super) fn sorted_u32s_hold(table: &[u8], key: u32) -> bool {
    let len = table.len() / 4;
    let at = first_not(0..len, |i| read_u32(table, 4 * i) < key);
    at < len && read_u32(table, 4 * at) == key
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let word = bytes.get(at..at + 4).unwrap_or_default();
    u32::from_le_bytes(word.try_into().unwrap_or_default())
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    let word = bytes.get(at..at + 8).unwrap_or_default();
    u64::from_le_bytes(word.try_into().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use jieba_rs::Jieba;

    use super::*;
    use crate::lexicon::segment::word_lines;

    /// jieba with the same words.
    static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
        Jieba::with_dict(&mut word_lines().as_bytes()).expect("the word list loads into jieba")
    });

    fn jieba_ends(text: &str) -> Vec<usize> {
        JIEBA.cut(text, false).iter().map(|t| t.byte_end).collect()
    }

    #[test]
    fn every_word_of_the_list_is_there_with_its_frequency() {
        let dictionary = Dictionary::builtin();
        let mut words = 0;
        for line in word_lines().lines() {
            let mut fields = line.split_whitespace();
            let (Some(word), Some(frequency)) = (fields.next(), fields.next()) else {
                continue;
            };
            words += 1;
            assert_eq!(dictionary.frequency(word), frequency.parse().ok(), "{word}");
        }
        assert_eq!(dictionary.len(), words);
        assert!(words > 40_000);
    }

    #[test]
    fn splits_as_jieba_does() {
        let dictionary = Dictionary::builtin();
        for text in [
            "照顾客户",
            "不顾客服",
            "提醒游客户外",
            "所有用户数据",
            "我们的老客户群",
            "客户端与顾客",
            "用户ID和API密钥",
            "订阅者数量",
            "a\r\nb，客户。",
            "",
        ] {
            assert_eq!(dictionary.word_ends(text), jieba_ends(text), "{text}");
        }
    }

    proptest::proptest! {
        /// Text pieced from words of the list, their halves, single
        /// characters, ASCII and punctuation splits as jieba splits it.
        #[test]
        fn any_text_splits_as_jieba_does(
            pieces in proptest::collection::vec(proptest::sample::select(pieces()), 0..10),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(Dictionary::builtin().word_ends(&text), jieba_ends(&text), "{}", text);
        }
    }

    /// Every 97th word of the list, its first character and its last, and
    /// a few things that are not Han.
    fn pieces() -> Vec<String> {
        let mut pieces: Vec<String> = [
            "客户", "顾客", "用户", "买家", "会员", "a", "B2B", "7", "-", "，", " ", "\r\n", "の",
            "한",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        for line in word_lines().lines().step_by(97) {
            let word = line.split(' ').next().unwrap_or_default();
            pieces.push(word.to_owned());
            pieces.extend(word.chars().next().map(String::from));
            pieces.extend(word.chars().next_back().map(String::from));
        }
        pieces
    }
}
