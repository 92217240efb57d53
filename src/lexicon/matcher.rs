//! One automaton over every term form and phrase of every language.
//!
//! The matcher is built once per run. It searches a case-folded copy of the
//! text (same byte offsets, see [`super::fold`]), keeps only hits that lie
//! inside prose and, in spaced scripts, stand as whole words, then resolves
//! overlaps leftmost-longest: so `HTTP client`, `client-side`,
//! `на стороне клиента`, `客户端` and `customer service` win over the bare
//! term they contain.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{LangId, Language, Phrase, SlotSet, Term, TermId, at_word_boundaries, fold};
use crate::span::Span;

/// In which sense a term is used at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sense {
    /// About the people a business serves: the rules apply.
    Business,
    /// Software (`HTTP client`, `客户端`): never flagged as vocabulary.
    Technical,
    /// A fixed phrase such as `customer service`: normal in any business.
    Fixed,
    /// Inside a phrase the configuration allows.
    Allowed,
}

/// A term found in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The term's own bytes.
    pub span: Span,
    /// The whole phrase the term was found in (equal to `span` for a bare term).
    pub phrase: Span,
    /// Which term.
    pub term: TermId,
    /// Which grammatical forms the matched text can be.
    pub slots: SlotSet,
    /// In which sense it is used here.
    pub sense: Sense,
}

/// What one automaton pattern stands for.
#[derive(Debug, Clone)]
struct Pattern {
    term: TermId,
    slots: SlotSet,
    sense: Sense,
    lang: LangId,
    /// Where the term sits inside the pattern.
    inner: (usize, usize),
}

/// The automaton over all forms and phrases, and what each pattern means.
#[derive(Debug)]
pub struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    word_boundaries: Vec<bool>,
}

impl Matcher {
    pub(super) fn new(
        languages: &[Language],
        terms: &[Term],
        phrases: &[Phrase],
    ) -> Result<Self, String> {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (i, term) in terms.iter().enumerate() {
            let id = TermId(i as u32);
            for (slot, form) in term.all_forms() {
                let folded = fold(form);
                match index.get(&folded) {
                    // The builder lets no form belong to two terms, so a
                    // repeated spelling is the same term in another slot.
                    Some(&p) => {
                        patterns[p].slots = patterns[p].slots.union(SlotSet::single(slot));
                    }
                    None => {
                        index.insert(folded.clone(), patterns.len());
                        texts.push(folded);
                        patterns.push(Pattern {
                            term: id,
                            slots: SlotSet::single(slot),
                            sense: Sense::Business,
                            lang: term.lang,
                            inner: (0, form.len()),
                        });
                    }
                }
            }
        }
        for phrase in phrases {
            let folded = fold(&phrase.text);
            let pattern = Pattern {
                term: phrase.term,
                slots: phrase.slots,
                sense: phrase.sense,
                lang: terms[phrase.term.0 as usize].lang,
                inner: (phrase.inner.start, phrase.inner.end),
            };
            match index.get(&folded) {
                // A phrase spelled like a bare form makes that form always
                // technical or fixed: the pack author asked for exactly that.
                Some(&p) if patterns[p].sense == Sense::Business => patterns[p] = pattern,
                Some(&p) if patterns[p].term == phrase.term => {
                    patterns[p].slots = patterns[p].slots.union(phrase.slots);
                }
                Some(_) => {}
                None => {
                    index.insert(folded.clone(), patterns.len());
                    texts.push(folded);
                    patterns.push(pattern);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .map_err(|e| format!("cannot build the term matcher: {e}"))?;
        Ok(Self {
            automaton,
            patterns,
            word_boundaries: languages.iter().map(|l| l.word_boundaries).collect(),
        })
    }

    /// Every term occurrence in `text` that lies inside one of the `prose`
    /// spans (sorted, non-overlapping), in text order. `folded` is
    /// [`fold`]`(text)`, computed once by the caller and shared with the
    /// allow list.
    pub fn find(&self, text: &str, folded: &str, prose: &[Span]) -> Vec<Occurrence> {
        if prose.is_empty() {
            return Vec::new();
        }
        let mut candidates: Vec<(Span, usize)> = self
            .automaton
            .find_overlapping_iter(folded)
            .filter_map(|m| {
                let span = Span::new(m.start(), m.end());
                let pattern = &self.patterns[m.pattern().as_usize()];
                let whole_word = !self.word_boundaries[usize::from(pattern.lang.0)]
                    || at_word_boundaries(text, span.start, span.end);
                (whole_word && inside_prose(prose, span)).then_some((span, m.pattern().as_usize()))
            })
            .collect();
        candidates.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
        let mut found = Vec::new();
        let mut taken_until = 0;
        for (span, p) in candidates {
            if span.start < taken_until {
                continue;
            }
            taken_until = span.end;
            let pattern = &self.patterns[p];
            found.push(Occurrence {
                span: Span::new(span.start + pattern.inner.0, span.start + pattern.inner.1),
                phrase: span,
                term: pattern.term,
                slots: pattern.slots,
                sense: pattern.sense,
            });
        }
        found
    }
}

/// Whether `span` lies inside one of the sorted, non-overlapping `prose` spans.
fn inside_prose(prose: &[Span], span: Span) -> bool {
    let i = prose.partition_point(|p| p.end < span.end);
    prose.get(i).is_some_and(|p| p.contains(span))
}
