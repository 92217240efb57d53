//! Chinese words: whether a term found inside a run of Han characters is a
//! word there, part of a longer word, or two halves of two other words.
//!
//! Chinese writes no spaces, so `照顾客户` ("take care of clients") holds
//! the characters of `顾客` across the boundary of `照顾` and `客户`. A
//! dictionary segmenter (jieba) splits the run of Han characters around a
//! term into words, and the term counts only where it does not cut a word
//! in two.
//!
//! jieba's whole dictionary takes some 80 ms to load, more than a run on
//! one file takes in all. The segmenter knows the part of it that decides
//! how the text around a term splits (`zh-words.txt`, written by
//! `scripts/zh-words.py`: the words that share a character with a term, the
//! words inside those, and the words that can cross their edges, with the
//! frequencies of the rest summed so that every word weighs what it
//! weighs in the whole): a seventh of the words, splitting the corpus's
//! 21,067 terms with Han characters beside them as the whole dictionary
//! does but for one. The build script lays those words out in the program
//! and [`dictionary`] splits text with them as jieba does, so nothing is
//! loaded at run time (loading them into jieba took about 10 ms). It is
//! asked only where one of its words could cross a term's edge (see
//! [`PAIRS_IN_WORDS`]).

mod dictionary;

use std::ops::Range;
use std::sync::LazyLock;

use self::dictionary::Dictionary;

use super::is_cjk;

/// The words the segmenter knows: `word frequency tag` lines after a
/// header of `#` lines. The build script lays them out for the program;
/// the tests read them as written.
#[cfg(test)]
const WORDS: &str = include_str!("zh-words.txt");

/// The `word frequency tag` lines of [`WORDS`], without the header.
#[cfg(test)]
fn word_lines() -> &'static str {
    let start = WORDS
        .lines()
        .take_while(|line| line.starts_with('#'))
        .map(|line| line.len() + 1)
        .sum::<usize>();
    WORDS.get(start..).unwrap_or_default()
}

/// Every two characters that stand side by side inside a word the
/// segmenter knows. A word can only cut a term, or hold it, by crossing
/// one of its edges, so where neither edge of a term is such a pair (`的`
/// before `客户` and `。` after it), every split keeps the term whole, and
/// the segmenter is not asked: most terms need no segmenting, and a run
/// whose terms all sit between such characters never loads the segmenter.
///
/// Worked out by the build script from `zh-words.txt`: each pair is a
/// little-endian `u32` of two 16-bit characters, in ascending order.
static PAIRS_IN_WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh-pairs.bin"));

/// Two characters as one sortable number, if both fit in 16 bits as every
/// character of the segmenter's words does.
fn pair(before: char, after: char) -> Option<u32> {
    let before = u16::try_from(u32::from(before)).ok()?;
    let after = u16::try_from(u32::from(after)).ok()?;
    Some(u32::from(before) << 16 | u32::from(after))
}

/// Whether a word of the segmenter's could hold `before` and `after` side
/// by side.
fn may_join(before: Option<char>, after: Option<char>) -> bool {
    before
        .zip(after)
        .and_then(|(a, b)| pair(a, b))
        .is_some_and(|key| dictionary::sorted_u32s_hold(PAIRS_IN_WORDS, key))
}

/// The segmenter's words, read in place where the build script laid
/// them out.
static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(Dictionary::builtin);

/// How far a run of Han characters is read on each side of a term, in
/// bytes: eight characters, so that a paragraph written without
/// punctuation does not make every term segment the whole of it. On the
/// 21,067 terms with Han characters beside them in a corpus of Chinese
/// documentation, reading four characters or sixteen gives the same words
/// at the term's edges as eight.
const REACH: usize = 24;

/// What a term's characters are in the words of their sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fit {
    /// A word of its own (or a run of whole words, as `订阅` + `者`).
    Word,
    /// Part of the longer word at this range of the folded bytes, such as
    /// `老客户` or `客户群`: the term is there, as the word's head or as
    /// what modifies it.
    Compound(Range<usize>),
    /// The characters belong to two other words (`照顾|客户` for `顾客`):
    /// not the term at all.
    Across,
    /// A word of its own in the segmenter's split, but the words beside it
    /// can claim both of its ends.
    ///
    /// The segmenter picks the likeliest split of the whole run, and in
    /// `不顾客服` or `提醒游客户外` the likeliest is not the right one: it
    /// makes `顾客` and `客户` words and leaves `不`, `服`, `游` and `外`
    /// alone. Where a dictionary word starting at a word boundary ends on
    /// the term's first character (`不顾`, `游客`) and another starting on
    /// its last character ends at a word boundary (`客服`, `户外`), the
    /// text reads at least as well without the term as with it. In
    /// `所有用户数据` the words that could claim `用户` (`有用`, `户数`)
    /// would cut `所有` and `数据`, so `用户` is a word.
    Claimed,
}

/// The words of the Han runs around the terms of one piece of prose. The
/// terms come in text order, and a phrase is looked at right after the
/// term it holds, so only the last run segmented is kept for the next.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// The last run (its range in the folded bytes) and where its words end.
    last: Option<((usize, usize), Vec<usize>)>,
}

impl Words {
    /// How the term at `range` of the folded prose `bytes` fits the words
    /// around it.
    pub(crate) fn fit(&mut self, bytes: &[u8], range: Range<usize>) -> Fit {
        let Some((window, from, run, ends)) = self.words(bytes, range.clone()) else {
            return Fit::Word;
        };
        match fit_in(ends, run.start, range.clone()) {
            Fit::Word if claimed_from_both_sides(window, from, run.start, ends, range) => {
                Fit::Claimed
            }
            fit => fit,
        }
    }

    /// The text in reach of `range` and where it starts in `bytes`, the
    /// run of Han characters around `range` and where its words end (both
    /// in `bytes`), or `None` when `range` has no Han character beside it.
    fn words<'b>(
        &mut self,
        bytes: &'b [u8],
        range: Range<usize>,
    ) -> Option<(&'b str, usize, Range<usize>, &[usize])> {
        // Only the bytes in reach are decoded, so that a long paragraph is
        // not decoded once per term.
        let is_start = |at: usize| bytes.get(at).is_none_or(|b| b & 0xC0 != 0x80);
        let mut from = range.start.saturating_sub(REACH + 4);
        while !is_start(from) {
            from += 1;
        }
        let mut to = (range.end + REACH + 4).min(bytes.len());
        while !is_start(to) {
            to -= 1;
        }
        let window = std::str::from_utf8(bytes.get(from..to)?).ok()?;
        let local = han_run(window, range.start - from..range.end - from);
        let run = from + local.start..from + local.end;
        if run == range {
            // Nothing but punctuation, spaces or other scripts around it.
            return None;
        }
        let term = window.get(range.start - from..range.end - from)?;
        let before = window
            .get(local.start..range.start - from)?
            .chars()
            .next_back();
        let after = window.get(range.end - from..local.end)?.chars().next();
        if !may_join(before, term.chars().next()) && !may_join(term.chars().next_back(), after) {
            return None;
        }
        let run_text = window.get(local)?;
        let key = (run.start, run.end);
        if self.last.as_ref().is_none_or(|(known, _)| *known != key) {
            let ends = DICTIONARY
                .word_ends(run_text)
                .into_iter()
                .map(|end| run.start + end)
                .collect();
            self.last = Some((key, ends));
        }
        let ends = self.last.as_ref().map(|(_, ends)| ends.as_slice())?;
        Some((window, from, run, ends))
    }
}

/// The run of Han characters that holds `range` of `text`, at most
/// [`REACH`] bytes either side of it, on character boundaries.
fn han_run(text: &str, range: Range<usize>) -> Range<usize> {
    let is_han = |c: char| is_cjk(c) && !('\u{3040}'..='\u{30FF}').contains(&c);
    let mut start = range.start;
    let before = text.get(..range.start).unwrap_or_default();
    for (at, c) in before.char_indices().rev() {
        if !is_han(c) || range.start - at > REACH {
            break;
        }
        start = at;
    }
    let mut end = range.end;
    for c in text.get(range.end..).unwrap_or_default().chars() {
        if !is_han(c) || end - range.end > REACH {
            break;
        }
        end += c.len_utf8();
    }
    start..end
}

/// The longest word, in characters, looked for across a term's ends.
const LONGEST_OVERLAP: usize = 4;

/// Whether a dictionary word that starts at a word boundary of the run
/// (which starts at `run_start` and whose words end at `ends`) ends on the
/// first character of the term at `range`, and another that starts on its
/// last character ends at a word boundary. Offsets are in the folded
/// bytes, of which `window` is the part starting at `from`.
fn claimed_from_both_sides(
    window: &str,
    from: usize,
    run_start: usize,
    ends: &[usize],
    range: Range<usize>,
) -> bool {
    let text = |at: Range<usize>| {
        window
            .get(at.start - from..at.end - from)
            .unwrap_or_default()
    };
    let boundary = |at: usize| at == run_start || ends.binary_search(&at).is_ok();
    let term = text(range.clone());
    let (Some(first), Some(last)) = (term.chars().next(), term.chars().next_back()) else {
        return false;
    };
    let first_end = range.start + first.len_utf8();
    let last_start = range.end - last.len_utf8();
    let from_left = text(run_start..range.start)
        .char_indices()
        .rev()
        .take(LONGEST_OVERLAP - 1)
        .map(|(i, _)| run_start + i)
        .any(|start| boundary(start) && DICTIONARY.has_word(text(start..first_end)));
    let run_end = ends.last().copied().unwrap_or(range.end).max(range.end);
    from_left
        && text(range.end..run_end)
            .char_indices()
            .take(LONGEST_OVERLAP - 1)
            .map(|(i, c)| range.end + i + c.len_utf8())
            .any(|end| boundary(end) && DICTIONARY.has_word(text(last_start..end)))
}

/// How `range` fits the words of a run starting at `run_start` whose words
/// end at `ends`.
fn fit_in(ends: &[usize], run_start: usize, range: Range<usize>) -> Fit {
    // The word holding the term's first byte, and the one holding its last.
    let word_at = |at: usize| {
        let i = ends.partition_point(|&end| end <= at);
        let start = if i == 0 { run_start } else { ends[i - 1] };
        start..ends.get(i).copied().unwrap_or(start)
    };
    let first = word_at(range.start);
    let last = word_at(range.end - 1);
    let cut_at_start = first.start < range.start && first.end < range.end;
    let cut_at_end = last.end > range.end && last.start > range.start;
    if cut_at_start || cut_at_end {
        Fit::Across
    } else if first == last && first != range {
        Fit::Compound(first)
    } else {
        Fit::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_pairs_are_every_pair_inside_a_word() {
        let mut expected: Vec<u32> = Vec::new();
        for line in word_lines().lines() {
            let word: Vec<char> = line.split(' ').next().unwrap_or_default().chars().collect();
            expected.extend(word.windows(2).map(|p| pair(p[0], p[1]).unwrap()));
        }
        expected.sort_unstable();
        expected.dedup();
        let built: Vec<u32> = PAIRS_IN_WORDS
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
            .collect();
        assert!(built.len() > 30_000, "{} pairs", built.len());
        assert_eq!(built, expected);
        for &(before, after) in &[('照', '顾'), ('顾', '客'), ('客', '户')] {
            assert!(may_join(Some(before), Some(after)), "{before}{after}");
        }
        assert!(!may_join(Some('的'), Some('客')));
        assert!(!may_join(Some('户'), Some('。')));
        assert!(!may_join(None, Some('客')));
        assert!(!may_join(Some('客'), Some('😀')));
    }

    /// How `term` (its first occurrence) fits the words of `text`.
    fn fit(text: &str, term: &str) -> Fit {
        let at = text.find(term).unwrap_or_default();
        Words::default().fit(text.as_bytes(), at..at + term.len())
    }

    #[test]
    fn a_term_across_two_words_is_no_term() {
        for (text, term) in [
            ("照顾客户是我们的责任", "顾客"),
            ("回顾客户的需求", "顾客"),
            ("游客户外活动", "客户"),
            ("旅客户籍登记", "客户"),
            ("这位乘客户口本", "客户"),
        ] {
            assert_eq!(fit(text, term), Fit::Across, "{term} in {text}");
        }
    }

    #[test]
    fn a_term_whose_ends_belong_to_the_words_beside_it_is_no_term() {
        for (text, term) in [
            ("他不顾客服的劝阻执意退票", "顾客"),
            ("景区提醒游客户外活动注意防晒", "客户"),
        ] {
            let at = text.find(term).unwrap_or_default();
            let fit = Words::default().fit(text.as_bytes(), at..at + term.len());
            assert!(
                matches!(fit, Fit::Across | Fit::Claimed),
                "{term} in {text}: {fit:?}"
            );
        }
        for (text, term) in [
            ("我们照顾客户", "客户"),
            ("照顾顾客们", "顾客"),
            ("所有用户数据使用输入语言存储", "用户"),
        ] {
            let at = text.find(term).unwrap_or_default();
            let fit = Words::default().fit(text.as_bytes(), at..at + term.len());
            assert_eq!(fit, Fit::Word, "{term} in {text}");
        }
    }

    #[test]
    fn a_term_that_is_a_word_counts() {
        for (text, term) in [
            ("照顾客户是我们的责任", "客户"),
            ("顾客们都来了", "顾客"),
            ("使用户满意", "用户"),
            ("客户与客户", "客户"),
            ("（客户）", "客户"),
            ("客户", "客户"),
        ] {
            assert_eq!(fit(text, term), Fit::Word, "{term} in {text}");
        }
    }

    #[test]
    fn a_term_inside_a_longer_word_is_a_compound() {
        let text = "我们的老客户";
        let at = text.find("老客户").unwrap_or_default();
        assert_eq!(fit(text, "客户"), Fit::Compound(at..text.len()));
    }

    #[test]
    fn the_built_in_words_are_there() {
        for word in ["客户", "顾客", "照顾", "户外", "数组", "其他"] {
            assert!(DICTIONARY.has_word(word), "{word}");
        }
        assert!(!DICTIONARY.has_word("顾客户"));
        assert!(!DICTIONARY.has_word(""));
    }

    #[test]
    fn fits_from_word_ends() {
        // `ab|cd|ef`, bytes 0..6.
        let ends = [2, 4, 6];
        assert_eq!(fit_in(&ends, 0, 2..4), Fit::Word);
        assert_eq!(fit_in(&ends, 0, 1..3), Fit::Across);
        assert_eq!(fit_in(&ends, 0, 2..6), Fit::Word);
        assert_eq!(fit_in(&ends, 0, 2..3), Fit::Compound(2..4));
        assert_eq!(fit_in(&ends, 0, 3..4), Fit::Compound(2..4));
        assert_eq!(fit_in(&[6], 0, 2..4), Fit::Compound(0..6));
    }
}
