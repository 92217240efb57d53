//! What a regex can match, read from its syntax without compiling it: the
//! longest match, the characters a match can hold, and text every match
//! holds. A check that must match a whole gap can be ruled out by these
//! for most gaps, and compiling a regex costs far more than reading text.
//!
//! Reading the syntax costs too: a class such as `[^.!?]` under `(?i)` is
//! case-folded over all of Unicode. So the reach of every pattern the
//! bundled packs give is worked out ahead of time into [`table`], which a
//! test keeps in step with the packs; any other pattern is read at run time.

mod table;

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// What a pattern can match; each part `None` where it is not known.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Reach {
    /// The longest match in bytes.
    pub(crate) longest: Option<usize>,
    /// Every character a match can hold.
    pub(crate) alphabet: Option<Alphabet>,
    /// Text of which every match holds one, case-folded (see [`fold_case`]).
    pub(crate) required: Option<Vec<String>>,
    /// Text with which every match starts, case-folded.
    pub(crate) leading: Option<Vec<String>>,
}

impl Reach {
    /// What `pattern` can match: from the table worked out ahead of time
    /// when the pattern is there, else read from its syntax.
    pub(crate) fn of(pattern: &str) -> Self {
        match table::TABLE.binary_search_by(|entry| entry.pattern.cmp(pattern)) {
            Ok(at) => table::TABLE[at].reach(),
            Err(_) => Self::read(pattern),
        }
    }

    /// What `pattern` can match, read from its syntax; nothing is known of
    /// one that does not parse.
    pub(crate) fn read(pattern: &str) -> Self {
        let Ok(hir) = regex_syntax::parse(pattern) else {
            return Self::default();
        };
        Self {
            longest: hir.properties().maximum_len(),
            alphabet: Alphabet::of(&hir),
            required: required(&hir),
            leading: leading(&hir).and_then(telling),
        }
    }
}

/// A pattern's [`Reach`], worked out ahead of time (see [`table`]).
struct Prebuilt {
    pattern: &'static str,
    longest: Option<usize>,
    /// The alphabet's ranges, in order and apart.
    alphabet: Option<&'static [(char, char)]>,
    required: Option<&'static [&'static str]>,
    leading: Option<&'static [&'static str]>,
}

impl Prebuilt {
    fn reach(&self) -> Reach {
        let texts = |texts: &[&str]| texts.iter().map(|&t| t.to_owned()).collect();
        Reach {
            longest: self.longest,
            alphabet: self.alphabet.map(|ranges| {
                Alphabet::from_class(ClassUnicode::new(
                    ranges
                        .iter()
                        .map(|&(start, end)| ClassUnicodeRange::new(start, end)),
                ))
            }),
            required: self.required.map(texts),
            leading: self.leading.map(texts),
        }
    }
}

/// The source of [`table`] for `patterns`: each pattern's reach as read
/// from its syntax, in the order [`Reach::of`] looks them up.
#[cfg(test)]
pub(crate) fn table_source(patterns: impl IntoIterator<Item = String>) -> String {
    use std::fmt::Write as _;

    let mut patterns: Vec<String> = patterns.into_iter().collect();
    patterns.sort();
    patterns.dedup();
    let mut out = String::from(TABLE_HEADER);
    out.push_str("#[rustfmt::skip]\npub(super) static TABLE: &[Prebuilt] = &[\n");
    let texts = |texts: &Option<Vec<String>>| match texts {
        Some(texts) => format!("Some(&{texts:?})"),
        None => "None".to_owned(),
    };
    for pattern in patterns {
        let reach = Reach::read(&pattern);
        let alphabet = match &reach.alphabet {
            Some(alphabet) => {
                let ranges: Vec<(char, char)> = alphabet
                    .class
                    .ranges()
                    .iter()
                    .map(|r| (r.start(), r.end()))
                    .collect();
                format!("Some(&{ranges:?})")
            }
            None => "None".to_owned(),
        };
        let _ = writeln!(
            out,
            "    Prebuilt {{\n        pattern: {pattern:?},\n        longest: {:?},\n        \
             alphabet: {alphabet},\n        required: {},\n        leading: {},\n    }},",
            reach.longest,
            texts(&reach.required),
            texts(&reach.leading),
        );
    }
    out.push_str("];\n");
    out
}

/// What heads the generated [`table`].
#[cfg(test)]
const TABLE_HEADER: &str = "\
//! Generated from the bundled packs' contrast patterns by the test
//! `lexicon::tests::the_reach_table_is_up_to_date`; do not edit. After a
//! change to a `[contrast]` section, run
//! `CLIENTELE_BLESS=1 cargo test --lib the_reach_table_is_up_to_date`.

use super::Prebuilt;

";

/// `text` with the case of every character folded on its own, as
/// [`Reach::required`] is written: `ſ`, `s` and `S` are one, and a final
/// sigma is no letter of its own. Not [`super::fold::fold`], which keeps
/// every byte length and so leaves `ſ` and the Kelvin sign apart from `s`
/// and `k`, where a regex's `(?i)` joins them.
pub(crate) fn fold_case(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// The lowercase of `c`'s uppercase, where each is one character: the
/// same for every case form of a letter that regexes fold together.
fn fold_char(c: char) -> char {
    fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
        match (chars.next(), chars.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }
    let upper = single(c.to_uppercase()).unwrap_or(c);
    single(upper.to_lowercase()).unwrap_or(c)
}

/// A set of characters, with a bitmap for ASCII, where most text is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Alphabet {
    ascii: u128,
    class: ClassUnicode,
}

impl Alphabet {
    /// Every character `hir` can match, or none when it can match bytes
    /// that are not characters (a pattern with Unicode mode off).
    pub(crate) fn of(hir: &Hir) -> Option<Self> {
        let mut ranges = Vec::new();
        collect(hir, &mut ranges)?;
        // One sort for all the ranges: a union per class sorts the whole
        // set again each time.
        Some(Self::from_class(ClassUnicode::new(ranges)))
    }

    /// The characters of `self` and of `other`.
    pub(crate) fn union(&self, other: &Self) -> Self {
        let mut class = self.class.clone();
        class.union(&other.class);
        Self::from_class(class)
    }

    /// Whether every character of `text` is in the set.
    #[cfg(test)]
    pub(crate) fn covers(&self, text: &str) -> bool {
        self.covers_all(&Characters::of(text))
    }

    /// Whether every one of `characters` is in the set: one test for the
    /// ASCII ones, which most gaps between terms are made of.
    pub(crate) fn covers_all(&self, characters: &Characters) -> bool {
        characters.ascii & !self.ascii == 0 && characters.other.iter().all(|&c| self.contains(c))
    }

    fn contains(&self, c: char) -> bool {
        match u32::from(c) {
            code @ 0..128 => self.ascii & (1 << code) != 0,
            _ => {
                let ranges = self.class.ranges();
                let at = ranges.partition_point(|r| r.end() < c);
                ranges.get(at).is_some_and(|r| r.start() <= c)
            }
        }
    }

    fn from_class(class: ClassUnicode) -> Self {
        let mut ascii = 0u128;
        for range in class.ranges() {
            let start = u32::from(range.start());
            let end = u32::from(range.end()).min(127);
            for code in start..=end {
                ascii |= 1 << code;
            }
        }
        Self { ascii, class }
    }
}

/// The characters of a text, each once: a text tested against many
/// alphabets is read once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Characters {
    ascii: u128,
    /// The others, sorted, without repeats.
    other: Vec<char>,
}

impl Characters {
    /// The characters of `text`.
    pub(crate) fn of(text: &str) -> Self {
        let mut characters = Self::default();
        for c in text.chars() {
            match u32::from(c) {
                code @ 0..128 => characters.ascii |= 1 << code,
                _ => characters.other.push(c),
            }
        }
        characters.other.sort_unstable();
        characters.other.dedup();
        characters
    }
}

/// Adds ranges of the characters `hir` can match to `ranges`; `None` if
/// it can match a byte that is not a character.
fn collect(hir: &Hir, ranges: &mut Vec<ClassUnicodeRange>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(()),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            ranges.extend(text.chars().map(|c| ClassUnicodeRange::new(c, c)));
            Some(())
        }
        HirKind::Class(Class::Unicode(unicode)) => {
            ranges.extend_from_slice(unicode.ranges());
            Some(())
        }
        HirKind::Class(Class::Bytes(bytes)) => {
            ranges.extend_from_slice(bytes.to_unicode_class()?.ranges());
            Some(())
        }
        HirKind::Repetition(repetition) => collect(&repetition.sub, ranges),
        HirKind::Capture(capture) => collect(&capture.sub, ranges),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().try_for_each(|part| collect(part, ranges))
        }
    }
}

/// The most texts a set of alternatives is worked out to.
const FEW: usize = 16;

/// Texts (case-folded) of which every match of `hir` holds one, or `None`
/// when no such texts are found.
fn required(hir: &Hir) -> Option<Vec<String>> {
    texts_of(hir, required, concat_required).and_then(telling)
}

/// Texts for `hir` found by `own` for its parts and by `concat` for a
/// concatenation: what it matches whole where that is one of a few texts,
/// else the repeated or captured part's, or every branch's.
fn texts_of(
    hir: &Hir,
    own: fn(&Hir) -> Option<Vec<String>>,
    concat: fn(&[Hir]) -> Option<Vec<String>>,
) -> Option<Vec<String>> {
    if let Some(texts) = whole_texts(hir) {
        return Some(texts);
    }
    match hir.kind() {
        HirKind::Repetition(repetition) if repetition.min > 0 => own(&repetition.sub),
        HirKind::Capture(capture) => own(&capture.sub),
        HirKind::Alternation(branches) => {
            let mut texts = Vec::new();
            for branch in branches {
                texts.extend(own(branch)?);
            }
            Some(texts)
        }
        HirKind::Concat(parts) => concat(parts),
        _ => None,
    }
}

/// Of a concatenation, the longest run of parts that each match one of a
/// few texts, or else the most telling of its parts' own required texts.
fn concat_required(parts: &[Hir]) -> Option<Vec<String>> {
    let mut best: Option<Vec<String>> = None;
    let mut consider = |texts: Option<Vec<String>>| {
        let shortest = |t: &[String]| t.iter().map(String::len).min().unwrap_or(0);
        if let Some(texts) = texts.and_then(telling)
            && best.as_ref().is_none_or(|b| shortest(&texts) > shortest(b))
        {
            best = Some(texts);
        }
    };
    let mut run = vec![String::new()];
    for part in parts {
        match whole_texts(part) {
            Some(texts) => match product(&run, &texts) {
                Some(longer) => run = longer,
                None => consider(Some(std::mem::replace(&mut run, texts))),
            },
            None => {
                consider(Some(std::mem::replace(&mut run, vec![String::new()])));
                consider(required(part));
            }
        }
    }
    consider(Some(run));
    best
}

/// Every text of `heads` followed by every text of `tails`, if there are
/// only a few.
fn product(heads: &[String], tails: &[String]) -> Option<Vec<String>> {
    if heads.len() * tails.len() > FEW {
        return None;
    }
    Some(
        heads
            .iter()
            .flat_map(|head| tails.iter().map(move |tail| format!("{head}{tail}")))
            .collect(),
    )
}

/// Case-folded texts with one of which every match of `hir` starts, or
/// `None` when no such texts are found.
fn leading(hir: &Hir) -> Option<Vec<String>> {
    texts_of(hir, leading, concat_leading)
}

/// Of a concatenation, the run of leading parts that each match one of a
/// few texts, and what the part after them starts with.
fn concat_leading(parts: &[Hir]) -> Option<Vec<String>> {
    let mut run = vec![String::new()];
    for part in parts {
        let Some(next) = whole_texts(part) else {
            // What the part starts with ends what is known.
            return leading(part)
                .and_then(|texts| product(&run, &texts))
                .or(Some(run));
        };
        match product(&run, &next) {
            Some(longer) => run = longer,
            None => break,
        }
    }
    Some(run)
}

/// `texts`, sorted and without repeats, unless one is empty (every text
/// holds it, so it tells nothing).
fn telling(mut texts: Vec<String>) -> Option<Vec<String>> {
    if texts.is_empty() || texts.iter().any(String::is_empty) {
        return None;
    }
    texts.sort();
    texts.dedup();
    Some(texts)
}

/// The case-folded texts `hir` matches, if it matches only a few.
fn whole_texts(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![String::new()]),
        HirKind::Literal(literal) => std::str::from_utf8(&literal.0)
            .ok()
            .map(|text| vec![fold_case(text)]),
        HirKind::Class(Class::Unicode(class)) => few_chars(class),
        HirKind::Class(Class::Bytes(_)) | HirKind::Repetition(_) => None,
        HirKind::Capture(capture) => whole_texts(&capture.sub),
        HirKind::Alternation(branches) => {
            let mut texts = Vec::new();
            for branch in branches {
                texts.extend(whole_texts(branch)?);
                if texts.len() > FEW {
                    return None;
                }
            }
            texts.sort();
            texts.dedup();
            Some(texts)
        }
        HirKind::Concat(parts) => parts.iter().try_fold(vec![String::new()], |run, part| {
            product(&run, &whole_texts(part)?)
        }),
    }
}

/// The case-folded members of `class`, if it has only a few.
fn few_chars(class: &ClassUnicode) -> Option<Vec<String>> {
    let mut folded = Vec::new();
    for range in class.ranges() {
        if folded.len() + range.len() > FEW {
            return None;
        }
        for c in range.start()..=range.end() {
            let text = String::from(fold_char(c));
            if !folded.contains(&text) {
                folded.push(text);
            }
        }
    }
    (!folded.is_empty()).then_some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alphabet(pattern: &str) -> Alphabet {
        let hir = regex_syntax::parse(pattern).expect("the test pattern parses");
        Alphabet::of(&hir).expect("the test pattern matches characters")
    }

    fn required(pattern: &str) -> Option<Vec<String>> {
        Reach::read(pattern).required
    }

    fn texts(texts: &[&str]) -> Option<Vec<String>> {
        Some(texts.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn the_alphabet_holds_the_letters_of_literals_in_both_cases_under_i() {
        let set = alphabet("(?i:vs|пока)");
        assert!(set.covers("VSvsПоКа"));
        assert!(set.covers("svSV"));
        assert!(!set.covers("vs "));
        assert!(!set.covers("versus"));
    }

    #[test]
    fn the_alphabet_holds_classes_and_their_complements() {
        let set = alphabet(r"[^.!?\n]+,| ");
        assert!(set.covers("не то, что,\t客户"));
        assert!(!set.covers("one. two"));
        assert!(!set.covers("a\nb"));
    }

    #[test]
    fn looks_match_no_character_and_alphabets_join() {
        let set = alphabet(r"\b{start-half}or\b").union(&alphabet("而是"));
        assert!(set.covers("or而是"));
        assert!(!set.covers("or "));
    }

    #[test]
    fn bytes_beyond_ascii_have_no_alphabet() {
        let hir = regex_syntax::ParserBuilder::new()
            .utf8(false)
            .unicode(false)
            .build()
            .parse(r"[\x80-\xFF]")
            .expect("the test pattern parses");
        assert!(Alphabet::of(&hir).is_none());
    }

    #[test]
    fn required_text_is_the_longest_literal_run_case_folded() {
        assert_eq!(
            required(r"(?i:(is|are)\s[^.,]{1,60},\s?(and\s)?NOT)"),
            texts(&["not"])
        );
        assert_eq!(required(r"(?i:[^.]+?,)"), texts(&[","]));
        assert_eq!(required(r"(?i:,?\s?instead of)"), texts(&["instead of"]));
        assert_eq!(required("(?i:Не столько)"), texts(&["не столько"]));
    }

    #[test]
    fn every_branch_of_an_alternation_must_require_something() {
        assert_eq!(
            required("(?i:vs|versus|or)"),
            texts(&["or", "versus", "vs"])
        );
        assert_eq!(
            required("(?i:(one|the other) (for|to))"),
            texts(&["one for", "one to", "the other for", "the other to"])
        );
        assert_eq!(required("vs|[a-z]+"), None);
        assert_eq!(required("(?:x)?y*"), None);
        assert_eq!(required("而是|而非"), texts(&["而是", "而非"]));
    }

    proptest::proptest! {
        /// Whatever a pattern matches whole is no longer than its longest
        /// match, holds only its alphabet, and holds one of its required
        /// texts.
        #[test]
        fn a_whole_match_keeps_within_the_reach(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "vs", "VS", "versus", "ſ", "\u{212A}", "k", "or", "Or", " ", ",", "not", "NOT",
                "Не", "столько", "one", "the other", "for", "x", ".", "\n", "而是", "ΟΣ", "ος",
            ]), 0..8),
        ) {
            let text: String = pieces.concat();
            let folded = fold_case(&text);
            for pattern in [
                "(?i:vs|versus|or)",
                r"(?i:(is|or)\s[^.,]{1,20},\s?(and\s)?not)",
                r"(?i:,?\s?(one|the other) (for|or))",
                r"(?i:не\s+столько|[^.!?\n]+?,)",
                r"(?i:\bok\b|\w+s)",
                "(?i:ΟΣ|x)+",
                r"而是|[^,]{2}",
            ] {
                let whole = regex::Regex::new(&format!("^(?:{pattern})$")).unwrap();
                if whole.is_match(&text) {
                    let reach = Reach::read(pattern);
                    proptest::prop_assert!(reach.longest.is_none_or(|l| text.len() <= l));
                    proptest::prop_assert!(reach.alphabet.is_some_and(|a| a.covers(&text)));
                    proptest::prop_assert!(
                        reach.required.is_none_or(|r| r.iter().any(|t| folded.contains(t.as_str()))),
                        "{pattern} on {text:?}"
                    );
                    proptest::prop_assert!(
                        reach.leading.is_none_or(|r| r.iter().any(|t| folded.starts_with(t.as_str()))),
                        "{pattern} on {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn leading_text_is_what_every_match_starts_with() {
        let leading = |pattern: &str| Reach::read(pattern).leading;
        assert_eq!(
            leading(r"(?i:(who|That)\s[^.]{1,80}?,?\s?or)"),
            texts(&["that", "who"])
        );
        assert_eq!(leading(r"(?i:,|,\s?whereas)"), texts(&[","]));
        assert_eq!(leading(r"(?i:[^.]+?,)"), None);
        assert_eq!(leading(r"(?i:,?\s?unlike)"), None);
        assert_eq!(leading("不是|并非"), texts(&["不是", "并非"]));
    }

    #[test]
    fn case_folds_character_by_character() {
        assert_eq!(fold_case("ΟΔΟΣ οδος Клиент ſ"), "οδοσ οδοσ клиент s");
    }
}
