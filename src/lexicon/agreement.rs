//! The grammar a fix keeps in agreement around the word it replaces: a
//! preposition spelled after the next word's first sound (`о клиенте`,
//! `об участнике`), and the gender the words agreeing with a term show.
//!
//! Packs give the rules (`[agreement]` in `rules/ru.toml`); a language
//! without them gets none of these checks.

use super::inflect::Capitalisation;
use super::{Gender, SlotSet, at_word_boundaries};
use crate::span::Span;

/// What a language's packs say about agreement.
#[derive(Debug, Clone, Default)]
pub(crate) struct Agreement {
    /// The slots in which adjectives, participles and past-tense verbs
    /// agreeing with a term show its gender.
    pub(crate) gendered: SlotSet,
    /// Prepositions spelled after the next word's first sound.
    pub(crate) prepositions: Vec<Preposition>,
}

/// A preposition spelled one way before a consonant, another before a vowel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Preposition {
    /// The spelling before a consonant, in lower case.
    pub(crate) before_consonant: String,
    /// The spelling before a vowel, in lower case.
    pub(crate) before_vowel: String,
    /// The first letters, in lower case, that call for `before_vowel`.
    pub(crate) vowels: Vec<char>,
    /// The slots it governs.
    pub(crate) slots: SlotSet,
}

impl Agreement {
    /// Whether a term of gender `from` in `slots`, replaced by one of
    /// gender `to`, would leave the words agreeing with it in the old
    /// gender. Unknown genders are taken to agree.
    pub(crate) fn changes_gender(
        &self,
        slots: SlotSet,
        from: Option<Gender>,
        to: Option<Gender>,
    ) -> bool {
        matches!((from, to), (Some(from), Some(to)) if from != to)
            && slots.intersects(self.gendered)
    }

    /// The preposition right before `term` in `text`, when the term (in
    /// `slots`) replaced by `replacement` calls for its other spelling:
    /// its span and the new spelling, in its capitalisation.
    ///
    /// Only a whole word counts (the `о` ending `кино` is no preposition),
    /// separated from the term by white space alone, one line break
    /// included:
    /// markup between them (`*о* клиенте`) is left alone rather than
    /// guessed through. Only a term in a slot the preposition governs is
    /// its object: `О клиент!` is an interjection, which keeps its `О`.
    pub(crate) fn preposition(
        &self,
        text: &str,
        term: Span,
        slots: SlotSet,
        replacement: &str,
    ) -> Option<(Span, String)> {
        let before = text.get(..term.start)?;
        let end = before.trim_end_matches(char::is_whitespace).len();
        let gap = &before[end..];
        // A blank line ends the paragraph: what comes before it is another
        // block, perhaps code, and governs nothing after.
        let breaks = gap.matches('\n').count().max(gap.matches('\r').count());
        if gap.is_empty() || breaks > 1 {
            return None;
        }
        let start = before[..end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map(|(at, _)| at)?;
        if !at_word_boundaries(text, start, end) {
            return None;
        }
        let word = &before[start..end];
        let lower = word.to_lowercase();
        let preposition = self.prepositions.iter().find(|p| {
            slots.intersects(p.slots) && (lower == p.before_consonant || lower == p.before_vowel)
        })?;
        let first = replacement.chars().find(|c| c.is_alphabetic())?;
        let vowel = first
            .to_lowercase()
            .all(|c| preposition.vowels.contains(&c));
        let wanted = if vowel {
            &preposition.before_vowel
        } else {
            &preposition.before_consonant
        };
        if *wanted == lower {
            return None;
        }
        // A one-letter capital reads as title case, but before a term in
        // capitals it is part of a heading in capitals: `О КЛИЕНТАХ`.
        let case = match Capitalisation::of(word) {
            Capitalisation::Title
                if word.chars().count() == 1
                    && Capitalisation::of(replacement) == Capitalisation::Upper =>
            {
                Capitalisation::Upper
            }
            case => case,
        };
        Some((Span::new(start, end), case.apply(wanted)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Russian `о`/`об` over slots 0 (governed) and 1 (not).
    fn russian() -> Agreement {
        Agreement {
            gendered: SlotSet::single(0),
            prepositions: vec![Preposition {
                before_consonant: "о".to_owned(),
                before_vowel: "об".to_owned(),
                vowels: "аиоуыэ".chars().collect(),
                slots: SlotSet::single(0),
            }],
        }
    }

    /// The preposition change before the last word of `text`, replaced by
    /// `replacement`, in slot `slot`: the preposition and its new spelling.
    fn change(text: &str, slot: usize, replacement: &str) -> Option<(String, String)> {
        let start = text.rfind(' ').map_or(0, |at| at + 1);
        let term = Span::new(start, text.len());
        russian()
            .preposition(text, term, SlotSet::single(slot), replacement)
            .map(|(span, spelling)| (text[span.start..span.end].to_owned(), spelling))
    }

    fn changed(from: &str, to: &str) -> Option<(String, String)> {
        Some((from.to_owned(), to.to_owned()))
    }

    #[test]
    fn the_preposition_follows_the_new_first_sound() {
        assert_eq!(
            change("думаем о клиенте", 0, "участнике"),
            changed("о", "об")
        );
        assert_eq!(
            change("думаем об участнике", 0, "клиенте"),
            changed("об", "о")
        );
        assert_eq!(change("О клиентах", 0, "участниках"), changed("О", "Об"));
        assert_eq!(change("ОБ УЧАСТНИКАХ", 0, "КЛИЕНТАХ"), changed("ОБ", "О"));
        assert_eq!(change("О КЛИЕНТАХ", 0, "УЧАСТНИКАХ"), changed("О", "ОБ"));
    }

    #[test]
    fn a_line_break_or_a_no_break_space_may_part_the_preposition_and_the_term() {
        for text in [
            "думаем о\nклиенте",
            "думаем о\u{a0}клиенте",
            "думаем о \r\n клиенте",
        ] {
            let term = Span::new(text.find('к').unwrap(), text.len());
            let found = russian().preposition(text, term, SlotSet::single(0), "участнике");
            assert_eq!(
                found,
                Some((Span::new(13, 15), "об".to_owned())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn only_a_whole_preposition_before_a_governed_form_changes() {
        assert_eq!(
            change("думаем о клиенте", 0, "покупателе"),
            None,
            "already right"
        );
        assert_eq!(
            change("думаем об участнике", 0, "агенте"),
            None,
            "already right"
        );
        assert_eq!(change("кино клиенте", 0, "участнике"), None);
        assert_eq!(change("около клиента", 0, "участника"), None);
        assert_eq!(change("обо клиенте", 0, "участнике"), None);
        assert_eq!(change("О клиент", 1, "участник"), None, "not governed");
        assert_eq!(
            change("*о* клиенте", 0, "участнике"),
            None,
            "markup between"
        );
        assert_eq!(change("клиенте", 0, "участнике"), None, "nothing before");
        assert_eq!(change("о,клиенте", 0, "участнике"), None);
        for text in ["о\n\nклиенте", "о\r\n\r\nклиенте", "о\r\rклиенте"] {
            let term = Span::new(text.find('к').unwrap(), text.len());
            let found = russian().preposition(text, term, SlotSet::single(0), "участнике");
            assert_eq!(found, None, "a blank line between: {text:?}");
        }
    }

    #[test]
    fn a_change_of_gender_matters_only_where_agreement_shows_it() {
        let rules = russian();
        let (m, f) = (Some(Gender::Masculine), Some(Gender::Feminine));
        assert!(rules.changes_gender(SlotSet::single(0), f, m));
        assert!(rules.changes_gender(SlotSet::single(0).union(SlotSet::single(1)), m, f));
        assert!(!rules.changes_gender(SlotSet::single(1), f, m));
        assert!(!rules.changes_gender(SlotSet::single(0), f, f));
        assert!(!rules.changes_gender(SlotSet::single(0), None, m));
    }
}
