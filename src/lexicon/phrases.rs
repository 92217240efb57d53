//! The phrases around term forms (`HTTP client`, `на стороне клиента`,
//! `customer service`), one table per language, expanded from the packs'
//! templates.
//!
//! The built-in packs expand to some 5,000 phrases, 3,600 of them Russian,
//! and expanding them was most of what one small file's run spent before
//! looking at the file. A language's table is built the first time one of
//! its forms is found, so a run over English files never expands the
//! Russian templates. The tables of user packs are built when the packs
//! load, so that an error in a template points into its pack.

use foldhash::{HashMap, HashMapExt};

use super::matcher::Matcher;
use super::template::Template;
use super::{LangId, Sense, SlotSet, Term, TermId, fold};
use crate::span::Span;

/// How many bytes either side of its form a phrase is keyed by.
const CONTEXT: usize = 2;

/// How many context shapes there are: `0..=CONTEXT` bytes before the form
/// times `0..=CONTEXT` after it.
const SHAPES: usize = (CONTEXT + 1) * (CONTEXT + 1);

/// The shape of a context of `before` bytes before a form and `after`
/// after it.
fn shape(before: usize, after: usize) -> usize {
    before * (CONTEXT + 1) + after
}

/// A phrase's key: the bytes it holds right before its form and right
/// after it, at most [`CONTEXT`] each side, and their shape. A form found
/// in a text can be in a phrase only if the text has the same bytes there.
fn context_key(before: &[u8], after: &[u8]) -> u64 {
    let bytes = before
        .iter()
        .chain(after)
        .enumerate()
        .fold(0u64, |key, (i, &b)| key | u64::from(b) << (8 * i));
    (shape(before.len(), after.len()) as u64) << 56 | bytes
}

/// A phrase template as a pack writes it.
#[derive(Debug)]
pub(super) struct PhraseSource {
    /// The template (`(HTTP|web) {client}`).
    pub(super) text: String,
    /// The sense of every phrase it stands for.
    pub(super) sense: Sense,
    /// Which pack declares it, and where, for errors.
    pub(super) pack: usize,
    /// Where in the pack it is written.
    pub(super) span: Span,
}

/// Why a template could not be expanded: the index of its source, and
/// what is wrong.
#[derive(Debug)]
pub(super) struct PhraseError {
    pub(super) source: usize,
    pub(super) message: String,
}

/// A phrase, folded, found around an occurrence of the form it holds.
#[derive(Debug)]
pub(super) struct FoldedPhrase {
    pub(super) text: String,
    pub(super) term: TermId,
    pub(super) slots: SlotSet,
    pub(super) sense: Sense,
    /// Where the term sits inside the phrase.
    pub(super) inner: (usize, usize),
}

/// The phrases of one language, by the form each holds.
#[derive(Debug, Default)]
pub(super) struct PhraseTable {
    phrases: Vec<FoldedPhrase>,
    /// Per matcher form: the phrases it is the inner term of, each with
    /// its [`context_key`], sorted (indexed by form, not hashed: it is
    /// read at every form found).
    by_form: Vec<Vec<(u64, u32)>>,
    /// Per matcher form: which context shapes its phrases have, bit
    /// `shape` set for each (see [`context_key`]).
    shapes: Vec<u16>,
    /// Per matcher form that a phrase spells exactly: the sense and slots
    /// the pack gives it (a phrase spelled like a bare form makes that
    /// form always technical or fixed).
    bare: Vec<Option<(Sense, SlotSet)>>,
}

impl PhraseTable {
    /// Expand every template of `sources`, all of language `lang`, whose
    /// terms are among `terms` and whose forms `matcher` finds.
    pub(super) fn build(
        lang: LangId,
        sources: &[PhraseSource],
        terms: &[Term],
        matcher: &Matcher,
    ) -> Result<Self, PhraseError> {
        let lemmas: HashMap<&str, TermId> = terms
            .iter()
            .enumerate()
            .filter(|(_, term)| term.lang == lang)
            .map(|(i, term)| (term.lemma.as_str(), TermId(i as u32)))
            .collect();
        let mut table = Self {
            by_form: vec![Vec::new(); matcher.forms()],
            shapes: vec![0; matcher.forms()],
            bare: vec![None; matcher.forms()],
            ..Self::default()
        };
        let mut index: HashMap<String, u32> = HashMap::new();
        for (i, source) in sources.iter().enumerate() {
            let fail = |message: String| PhraseError { source: i, message };
            // Folding works character by character, so the pieces are
            // folded once instead of every phrase they make.
            let template = Template::parse(&source.text).map_err(fail)?.map_text(fold);
            let placeholder = match template.placeholder() {
                Some(lemma) => Some(
                    *lemmas
                        .get(lemma)
                        .ok_or_else(|| fail(format!("no term `{lemma}` in this language")))?,
                ),
                None => None,
            };
            let forms: Vec<(usize, &str)> = placeholder
                .map(|id| terms[id.0 as usize].all_forms().collect())
                .unwrap_or_default();
            let texts: Vec<String> = forms.iter().map(|&(_, form)| fold(form)).collect();
            for expansion in template.expand(&texts).map_err(fail)? {
                let found = match (placeholder, expansion.term) {
                    (Some(term), Some((inner, form))) => {
                        Some((term, SlotSet::single(forms[form].0), inner))
                    }
                    _ => matcher.inner_term(lang, &expansion.text),
                };
                let Some((term, slots, inner)) = found else {
                    return Err(fail(
                        "holds no term of this language; name one with `{lemma}` or remove the phrase"
                            .into(),
                    ));
                };
                let text = expansion.text;
                let Some(form) = text
                    .get(inner.clone())
                    .and_then(|inner| matcher.form_of(inner))
                else {
                    return Err(fail("the term inside it is not one of its forms".into()));
                };
                let phrase = FoldedPhrase {
                    text,
                    term,
                    slots,
                    sense: source.sense,
                    inner: (inner.start, inner.end),
                };
                table.add(form, phrase, matcher, &mut index);
            }
        }
        for phrases in &mut table.by_form {
            phrases.sort_unstable();
        }
        Ok(table)
    }

    /// Add `phrase`, whose inner term is the matcher's `form`. A phrase
    /// spelled like one already added is the same phrase: only its slots
    /// are added, and only when it names the same term.
    fn add(
        &mut self,
        form: usize,
        phrase: FoldedPhrase,
        matcher: &Matcher,
        index: &mut HashMap<String, u32>,
    ) {
        if phrase.inner == (0, phrase.text.len()) {
            let (sense, slots) =
                self.bare[form].unwrap_or((Sense::Business, matcher.form_slots(form)));
            let now = if sense == Sense::Business {
                (phrase.sense, phrase.slots)
            } else if matcher.form_term(form) == phrase.term {
                (sense, slots.union(phrase.slots))
            } else {
                (sense, slots)
            };
            self.bare[form] = Some(now);
            return;
        }
        if let Some(&known) = index.get(&phrase.text) {
            let known = &mut self.phrases[known as usize];
            if known.term == phrase.term {
                known.slots = known.slots.union(phrase.slots);
            }
            return;
        }
        let at = self.phrases.len() as u32;
        let text = phrase.text.as_bytes();
        let (start, end) = phrase.inner;
        let before = &text[start.saturating_sub(CONTEXT)..start];
        let after = &text[end..(end + CONTEXT).min(text.len())];
        self.by_form[form].push((context_key(before, after), at));
        self.shapes[form] |= 1 << shape(before.len(), after.len());
        index.insert(phrase.text.clone(), at);
        self.phrases.push(phrase);
    }

    /// The phrases the matcher's `form` is the inner term of that may stand
    /// around it where it was found at `start..end` of the folded `text`:
    /// those whose bytes next to the form are the text's. A form may have
    /// hundreds of phrases around it (one Russian form 730, one English
    /// form 258), and trying each at every form found took a twentieth of
    /// a run over the Russian corpus.
    pub(super) fn around<'t>(
        &'t self,
        form: usize,
        text: &'t [u8],
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = u32> + 't {
        let phrases = self.by_form.get(form).map_or(&[][..], Vec::as_slice);
        let shapes = self.shapes.get(form).copied().unwrap_or(0);
        (0..SHAPES)
            .filter(move |&s| shapes & (1 << s) != 0)
            .filter_map(move |s| {
                let (before, after) = (s / (CONTEXT + 1), s % (CONTEXT + 1));
                let key = context_key(
                    text.get(start.checked_sub(before)?..start)?,
                    text.get(end..end + after)?,
                );
                let from = phrases.partition_point(|&(k, _)| k < key);
                let to = from + phrases[from..].partition_point(|&(k, _)| k == key);
                Some(phrases[from..to].iter().map(|&(_, p)| p))
            })
            .flatten()
    }

    /// A phrase by index.
    pub(super) fn phrase(&self, at: u32) -> &FoldedPhrase {
        &self.phrases[at as usize]
    }

    /// The sense and slots a phrase spelled like the matcher's bare `form`
    /// gives it, if one does.
    pub(super) fn bare(&self, form: usize) -> Option<(Sense, SlotSet)> {
        self.bare.get(form).copied().flatten()
    }

    /// How many phrases the table holds.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.phrases.len()
    }
}
