//! A look at a text's raw bytes for every spelling of every term form, so
//! that neither the text nor most of its prose need be folded.
//!
//! Matching folds case, white space and Traditional Chinese before it
//! searches (see [`super::fold`]). Folding a whole document costs more
//! than searching it, and most prose holds no term at all. [`RawForms`]
//! searches the unfolded bytes with one regular expression that accepts
//! every spelling folding would turn into a form: either case of each
//! letter, each Traditional character beside its Simplified one, any space
//! for a space. What it finds says where forms may stand; the folded
//! search then runs only on the prose around them.
//!
//! The look never misses a form, and may see one where folding would not
//! (a Kelvin sign matches `k` without case, not when folded). A place it
//! cannot judge, a match that does not fold to a form or an invisible
//! character inside a word, sends the whole text to the folded search.

use regex::bytes::{Regex, RegexBuilder};

use super::han;
use crate::span::Span;

/// Above this many forms the expression is not built: a user pack of tens
/// of thousands of terms would take longer to compile than it could save.
const MAX_FORMS: usize = 4_000;

/// The characters folding drops inside a word: any of them in a text sends
/// it to the folded search. Kept in step with
/// [`is_invisible`](super::fold::is_invisible), which a test checks.
const INVISIBLE_CLASS: &str = r"[\x{AD}\x{200B}-\x{200D}\x{2060}\x{FEFF}]";

/// Every character folding reads as a space.
const SPACE_CLASS: &str = r"[\s\x{A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]";

/// Where term forms may stand in a text, from the look at its raw bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Look {
    /// No form stands anywhere in the text.
    Nowhere,
    /// Forms may stand anywhere: every piece of prose is searched.
    Anywhere,
    /// Forms stand only where these sorted, disjoint spans overlap, and at
    /// least one does.
    Within(Vec<Span>),
}

impl Look {
    /// Whether any form stands in the text.
    pub(crate) fn any(&self) -> bool {
        !matches!(self, Self::Nowhere)
    }

    /// Whether a form may stand inside `span`.
    pub(crate) fn may_hold(&self, span: Span) -> bool {
        match self {
            Self::Nowhere => false,
            Self::Anywhere => true,
            Self::Within(regions) => {
                let next = regions.partition_point(|r| r.end <= span.start);
                regions.get(next).is_some_and(|r| r.start < span.end)
            }
        }
    }
}

/// The regular expression over every raw spelling of the folded forms.
#[derive(Debug)]
pub(crate) struct RawForms {
    regex: Regex,
}

impl RawForms {
    /// The expression for `forms`, each already folded; `None` when there
    /// are too many forms, or the expression cannot be built.
    pub(crate) fn new(forms: &[String]) -> Option<Self> {
        if forms.is_empty() || forms.len() > MAX_FORMS {
            return None;
        }
        let regex = RegexBuilder::new(&pattern(forms))
            .case_insensitive(true)
            .size_limit(64 << 20)
            .dfa_size_limit(16 << 20)
            .build()
            .ok()?;
        Some(Self { regex })
    }

    /// Where forms may stand in `text`. `is_form` tells whether a match,
    /// folded, is a form: a match that is not sends `text` to the folded
    /// search (`fallback`), which answers whether any form stands in it.
    pub(crate) fn look(
        &self,
        text: &str,
        mut is_form: impl FnMut(&str) -> bool,
        fallback: impl FnOnce() -> bool,
    ) -> Look {
        let mut regions = Vec::new();
        for m in self.regex.find_iter(text.as_bytes()) {
            let Some(matched) = text.get(m.range()) else {
                return whole(fallback);
            };
            if !is_form(matched) {
                return whole(fallback);
            }
            regions.push(Span::new(m.start(), m.end()));
        }
        if regions.is_empty() {
            Look::Nowhere
        } else {
            Look::Within(regions)
        }
    }
}

/// The look that searches all of a text, when it holds any form at all.
fn whole(holds_a_form: impl FnOnce() -> bool) -> Look {
    if holds_a_form() {
        Look::Anywhere
    } else {
        Look::Nowhere
    }
}

/// One alternative per form, each character a class of the characters that
/// fold to it; then the invisible characters, each a match of its own.
fn pattern(forms: &[String]) -> String {
    let traditional = traditional_spellings(forms);
    let mut pattern = String::new();
    for form in forms {
        if !pattern.is_empty() {
            pattern.push('|');
        }
        for c in form.chars() {
            if c == ' ' {
                pattern.push_str(SPACE_CLASS);
            } else if let Some(others) = traditional.get(&c) {
                pattern.push('[');
                pattern.push(c);
                pattern.extend(others);
                pattern.push(']');
            } else {
                pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
            }
        }
    }
    pattern.push('|');
    pattern.push_str(INVISIBLE_CLASS);
    pattern
}

/// For each Han character of `forms`, the Traditional characters that fold
/// to it.
fn traditional_spellings(forms: &[String]) -> foldhash::HashMap<char, Vec<char>> {
    let mut spellings: foldhash::HashMap<char, Vec<char>> = forms
        .iter()
        .flat_map(|form| form.chars())
        .filter(|&c| han::simplified(c) == c && ('\u{3400}'..='\u{9FFF}').contains(&c))
        .map(|c| (c, Vec::new()))
        .collect();
    if spellings.is_empty() {
        return spellings;
    }
    let table = han::table();
    for code in 0x3400..=0x9FFF {
        let to = table.simplified_code(code);
        if to != code
            && let (Some(from), Some(to)) = (char::from_u32(code), char::from_u32(to))
            && let Some(list) = spellings.get_mut(&to)
        {
            list.push(from);
        }
    }
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Folded, fold};

    /// `text` as the matcher searches it.
    fn folded(text: &str) -> String {
        let mut folded = Folded::default();
        folded.fold(text);
        String::from_utf8(folded.bytes().to_vec()).unwrap()
    }

    fn look(forms: &[&str], text: &str) -> Look {
        let forms: Vec<String> = forms.iter().map(|f| fold(f)).collect();
        RawForms::new(&forms).unwrap().look(
            text,
            |m| forms.contains(&folded(m)),
            || forms.iter().any(|f| folded(text).contains(f.as_str())),
        )
    }

    #[test]
    fn every_case_and_script_of_a_form_is_seen_where_it_stands() {
        let forms = ["client", "клиентами", "客户", "customer base"];
        let text = "A CLIENT, КлиЕНТАМИ and 客戶; the Customer\u{a0}Base.";
        let Look::Within(regions) = look(&forms, text) else {
            panic!("{:?}", look(&forms, text));
        };
        let seen: Vec<&str> = regions.iter().map(|r| &text[r.start..r.end]).collect();
        assert_eq!(seen, ["CLIENT", "КлиЕНТАМИ", "客戶", "Customer\u{a0}Base"]);
    }

    #[test]
    fn a_text_without_forms_is_nowhere() {
        assert_eq!(
            look(&["client", "客户"], "Install the server. 服务器。"),
            Look::Nowhere
        );
    }

    #[test]
    fn what_folding_would_not_read_as_a_form_sends_the_text_to_folding() {
        // A Kelvin sign is `k` to a case-blind match, not to folding.
        assert_eq!(look(&["kit"], "a \u{212A}it here"), Look::Nowhere);
        assert_eq!(look(&["kit"], "a \u{212A}it and a kit"), Look::Anywhere);
        // An invisible character inside a word is dropped by folding.
        assert_eq!(look(&["client"], "our cli\u{ad}ents"), Look::Anywhere);
        assert_eq!(look(&["client"], "soft\u{ad}ware"), Look::Nowhere);
    }

    #[test]
    fn the_classes_hold_what_folding_drops_or_reads_as_a_space() {
        use crate::lexicon::fold::{is_invisible, is_wide_space};
        let invisible = Regex::new(&format!("^{INVISIBLE_CLASS}$")).unwrap();
        let space = Regex::new(&format!("^{SPACE_CLASS}$")).unwrap();
        for c in ('\0'..='\u{FFFF}').chain(['\u{1F600}']) {
            let text = c.to_string();
            assert_eq!(
                invisible.is_match(text.as_bytes()),
                is_invisible(c),
                "{c:?}"
            );
            if is_wide_space(c) || c.is_ascii_whitespace() {
                assert!(space.is_match(text.as_bytes()), "{c:?}");
            }
        }
    }

    #[test]
    fn a_span_may_hold_a_form_only_where_a_region_overlaps_it() {
        let within = Look::Within(vec![Span::new(10, 16), Span::new(40, 46)]);
        assert!(!within.may_hold(Span::new(0, 10)));
        assert!(within.may_hold(Span::new(0, 11)));
        assert!(within.may_hold(Span::new(15, 30)));
        assert!(!within.may_hold(Span::new(16, 40)));
        assert!(within.may_hold(Span::new(45, 50)));
        assert!(!within.may_hold(Span::new(46, 50)));
        assert!(Look::Anywhere.may_hold(Span::new(0, 1)));
        assert!(!Look::Nowhere.may_hold(Span::new(0, 1)));
    }
}
