//! A learned reading of Chinese collapses. The connectors of the Chinese
//! pack describe the constructions one by one, and every new writer brings
//! ones they lack; this model scores any pair of one role word in one
//! sentence by the characters between and around the two, learned from
//! hand-written collapses and look-alikes and from the pairs of real
//! documentation. `scripts/fit-self-contrast.py` fits it and writes
//! `zh-model.tsv`; the features here are the ones it computes, which the
//! file's `check` lines hold the two to.

use std::sync::OnceLock;

/// The fitted model, as the script writes it.
const ZH_MODEL: &str = include_str!("zh-model.tsv");
/// Its weights as a hash table (see `build.rs`).
const ZH_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh-model.bin"));

include!("model_layout.rs");

/// How far before the first word and after the second the edges are read.
const WINDOW: usize = 12;
/// How many characters of each edge count.
const EDGE: usize = 4;
/// The most characters between the two words of a pair.
const MAX_GAP: usize = 80;
/// Characters that end a sentence: a pair never spans one.
const STOPS: [char; 6] = ['。', '！', '？', '!', '?', '\n'];
/// What the script strips from both ends of the gap.
const PAD: [char; 6] = [' ', '\t', '\n', '\r', '\u{3000}', '\u{a0}'];

/// A logistic regression over presence features of a pair.
#[derive(Debug)]
pub(super) struct Model {
    /// The role words, longest first, each read as `T`.
    mask: Vec<&'static str>,
    /// The characters they start with.
    mask_firsts: Vec<char>,
    bias: f64,
    /// The least score reported as a collapse.
    threshold: f64,
}

/// The Chinese model, read on first use; `None` if the file does not read,
/// which a test rules out.
pub(super) fn chinese() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::read(ZH_MODEL)).as_ref()
}

impl Model {
    fn read(text: &'static str) -> Option<Self> {
        let mut model = Model {
            mask: Vec::new(),
            mask_firsts: Vec::new(),
            bias: 0.0,
            threshold: f64::INFINITY,
        };
        // The script writes the header lines first, then only weights,
        // which are looked up in the table the build script makes of them
        // (reading them here took longer than checking a small file).
        for line in text
            .lines()
            .take_while(|l| l.starts_with('#') || is_header(l))
        {
            if line.starts_with('#') {
                continue;
            }
            let fields: Vec<&'static str> = line.split('\t').collect();
            match fields.as_slice() {
                ["mask", words] => model.mask = words.split(' ').collect(),
                ["bias", value] => model.bias = value.parse().ok()?,
                ["threshold", value] => model.threshold = value.parse().ok()?,
                // Pairs the script scored, for the tests to score again.
                ["check", ..] => {}
                _ => return None,
            }
        }
        model
            .mask
            .sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        model.mask_firsts = model.mask.iter().filter_map(|w| w.chars().next()).collect();
        Some(model)
    }

    /// Whether the pair of words at `first` and `second` (byte ranges of
    /// `text`, the first before the second) reads as a collapse. Words must
    /// stand between the two.
    pub(super) fn collapses(
        &self,
        text: &str,
        first: (usize, usize),
        second: (usize, usize),
    ) -> bool {
        let (Some(head), Some(gap), Some(tail)) = (
            text.get(..first.0),
            text.get(first.1..second.0),
            text.get(second.1..),
        ) else {
            return false;
        };
        // Words between are what the model reads: two words parted by
        // punctuation alone are a list or a word said again.
        if !within_a_sentence(text, first.1, second.0) || !gap.chars().any(char::is_alphabetic) {
            return false;
        }
        let before: String = {
            let mut last: Vec<char> = head.chars().rev().take(WINDOW).collect();
            last.reverse();
            last.into_iter().collect()
        };
        let after: String = tail.chars().take(WINDOW).collect();
        self.score(&before, gap, &after) >= self.threshold
    }

    fn score(&self, before: &str, gap: &str, after: &str) -> f64 {
        let mut hashes = Vec::with_capacity(4 * gap.len() + 32);
        self.each_feature(before, gap, after, |prefix, chars| {
            let mut hash = feature_hash_over(FEATURE_HASH_START, prefix.as_bytes());
            let mut buffer = [0; 4];
            for c in chars {
                hash = feature_hash_over(hash, c.encode_utf8(&mut buffer).as_bytes());
            }
            hashes.push(feature_hash_done(hash));
        });
        // Features are present or not: one said twice counts once.
        hashes.sort_unstable();
        hashes.dedup();
        self.bias + hashes.iter().filter_map(|&h| weight(h)).sum::<f64>()
    }

    /// Each feature of a pair, as a prefix and characters, perhaps more
    /// than once: the character 1- to 3-grams of the gap (trimmed, framed
    /// by `^` and `$`), the 1- and 2-grams of the last four characters
    /// before and the first four after, and the gap's length in steps of
    /// five; role words read as `T` throughout.
    fn each_feature(
        &self,
        before: &str,
        gap: &str,
        after: &str,
        mut emit: impl FnMut(&str, &[char]),
    ) {
        let gap = self.masked(gap);
        let gap: Vec<char> = gap.trim_matches(PAD).chars().collect();
        let framed: Vec<char> = std::iter::once('^')
            .chain(gap.iter().copied())
            .chain(std::iter::once('$'))
            .collect();
        grams("g:", &framed, 3, &mut emit);
        let before: Vec<char> = self.masked(before).chars().collect();
        grams(
            "b:",
            &before[before.len().saturating_sub(EDGE)..],
            2,
            &mut emit,
        );
        let after: Vec<char> = self.masked(after).chars().take(EDGE).collect();
        grams("a:", &after, 2, &mut emit);
        let length: Vec<char> = (gap.len() / 5).min(8).to_string().chars().collect();
        emit("len:", &length);
    }

    /// `text` with each role word as `T` (the longest at each place) and
    /// tabs and line breaks as spaces.
    fn masked(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let word = self
                .mask_firsts
                .contains(&c)
                .then(|| self.mask.iter().find(|w| rest.starts_with(**w)))
                .flatten();
            if let Some(word) = word {
                out.push('T');
                rest = &rest[word.len()..];
                continue;
            }
            out.push(if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            });
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

/// Whether `text` from `start` to `end` is short enough for a pair and
/// ends no sentence.
fn within_a_sentence(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= sentence_reach(text, start)
}

/// How far from `start` of `text` the second word of a pair may start:
/// to the first sentence end, or [`MAX_GAP`] characters on.
pub(super) fn sentence_reach(text: &str, start: usize) -> usize {
    let Some(rest) = text.get(start..) else {
        return start;
    };
    for (count, (at, c)) in rest.char_indices().enumerate() {
        if count == MAX_GAP || STOPS.contains(&c) {
            return start + at;
        }
    }
    text.len()
}

/// Whether `line` is one of the model's header lines rather than a weight.
fn is_header(line: &str) -> bool {
    MODEL_HEADERS.iter().any(|p| line.starts_with(p))
}

/// The weight of the feature whose hash is `hash`, if the model gives it
/// one: looked up in the hash table the build script laid out from the
/// model's lines.
fn weight(hash: u64) -> Option<f64> {
    let slots = ZH_TABLE.get(8..)?;
    let size = u64::from_le_bytes(ZH_TABLE.get(..8)?.try_into().ok()?);
    let size = usize::try_from(size)
        .ok()
        .filter(|&n| n > 0 && slots.len() == n * SLOT_BYTES)?;
    let mut at = usize::try_from(hash % size as u64).ok()?;
    // At most half the slots are full, so an empty one ends the probe.
    loop {
        let slot = slots.get(at * SLOT_BYTES..(at + 1) * SLOT_BYTES)?;
        let found = u64::from_le_bytes(slot.get(..8)?.try_into().ok()?);
        if found == 0 {
            return None;
        }
        if found == hash {
            return Some(f64::from(f32::from_le_bytes(
                slot.get(8..)?.try_into().ok()?,
            )));
        }
        at = (at + 1) % size;
    }
}

/// Every run of one to `longest` characters of `chars`, after `prefix`.
fn grams(prefix: &str, chars: &[char], longest: usize, emit: &mut impl FnMut(&str, &[char])) {
    for n in 1..=longest {
        for window in chars.windows(n) {
            emit(prefix, window);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `feature<TAB>weight` lines of the model, in order.
    fn weight_lines() -> impl Iterator<Item = &'static str> {
        ZH_MODEL
            .lines()
            .filter(|l| !l.starts_with('#') && !is_header(l))
    }

    /// A `check` field as the script escapes it.
    fn unescape(field: &str) -> String {
        let mut out = String::with_capacity(field.len());
        let mut chars = field.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    }

    /// The `(before, gap, after, score)` pairs the script scored.
    fn checks() -> Vec<(String, String, String, f64)> {
        ZH_MODEL
            .lines()
            .filter_map(|l| l.strip_prefix("check\t"))
            .map(|l| {
                let fields: Vec<&str> = l.split('\t').collect();
                let [before, gap, after, score] = fields[..] else {
                    panic!("a check line holds four fields: {l:?}");
                };
                let score = score.parse().expect("a check's score is a number");
                (unescape(before), unescape(gap), unescape(after), score)
            })
            .collect()
    }

    /// The distinct features of a pair, written out.
    fn features(model: &Model, before: &str, gap: &str, after: &str) -> Vec<String> {
        let mut out = Vec::new();
        model.each_feature(before, gap, after, |prefix, chars| {
            out.push(prefix.chars().chain(chars.iter().copied()).collect());
        });
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The feature a `feature<TAB>weight` line is about.
    fn feature_of(line: &str) -> &str {
        line.split_once('\t').map_or(line, |(feature, _)| feature)
    }

    #[test]
    fn the_model_reads_and_scores_its_checks_as_the_script_did() {
        let model = chinese().expect("the bundled model reads");
        let keys: Vec<&str> = weight_lines().map(feature_of).collect();
        assert!(keys.len() > 1000, "{} weights", keys.len());
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "features sorted, each once"
        );
        for line in weight_lines() {
            let written = line.split_once('\t').map(|(_, w)| w.parse::<f64>());
            assert!(
                matches!(written, Some(Ok(_))),
                "{line:?} is no feature and weight"
            );
            let found = weight(feature_hash(feature_of(line).as_bytes())).unwrap_or(f64::NAN);
            let written = written.and_then(Result::ok).unwrap_or_default();
            assert!((found - written).abs() < 1e-6, "{line:?}: {found}");
        }
        assert_eq!(weight(feature_hash(b"g:no such feature")), None);
        assert_eq!(weight(feature_hash(b"")), None);
        let checks = checks();
        assert!(checks.len() >= 5);
        for (before, gap, after, expected) in &checks {
            let score = model.score(before, gap, after);
            assert!(
                (score - expected).abs() < 1e-3,
                "{before:?} {gap:?} {after:?}: {score} against the script's {expected}"
            );
        }
    }

    #[test]
    fn role_words_read_as_one_mark_and_line_breaks_as_spaces() {
        let model = chinese().expect("the bundled model reads");
        assert_eq!(model.masked("顾客\t与顧客之间\n消费者们"), "T 与T之间 T们");
    }

    #[test]
    fn features_frame_the_trimmed_gap_and_take_four_characters_of_each_edge() {
        let model = chinese().expect("the bundled model reads");
        let features = features(model, "一二三四五六", " 而非 ", "甲乙丙丁戊");
        for expected in [
            "g:^而",
            "g:非$",
            "g:^而非",
            "b:三四",
            "b:六",
            "a:甲",
            "a:丙丁",
            "len:0",
        ] {
            assert!(
                features.iter().any(|f| f == expected),
                "{expected} in {features:?}"
            );
        }
        for unexpected in ["b:二", "a:戊", "g: "] {
            assert!(
                !features.iter().any(|f| f == unexpected),
                "{unexpected} in {features:?}"
            );
        }
    }

    #[test]
    fn a_pair_across_a_sentence_end_or_too_far_apart_is_never_scored() {
        let model = chinese().expect("the bundled model reads");
        let text = "服务面向客户。而不是客户。";
        let first = text.find("客户").unwrap();
        let second = text.rfind("客户").unwrap();
        assert!(!model.collapses(text, (first, first + 6), (second, second + 6)));
        let far = format!("面向客户，{}而不是客户。", "很".repeat(MAX_GAP));
        let first = far.find("客户").unwrap();
        let second = far.rfind("客户").unwrap();
        assert!(!model.collapses(&far, (first, first + 6), (second, second + 6)));
    }
}
