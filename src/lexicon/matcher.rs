//! One automaton over every term form of every language, and the phrases
//! around the forms.
//!
//! The matcher is built once per run. It searches case-folded prose (same
//! byte offsets, see [`super::fold`]), keeps only hits that stand as whole
//! words in spaced scripts, looks for the phrases that hold each hit, then
//! resolves overlaps leftmost-longest: so `HTTP client`, `client-side`,
//! `на стороне клиента`, `客户端` and `customer service` win over the bare
//! term they contain.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use foldhash::{HashMap, HashMapExt};

use super::look::{Look, RawForms};
use super::phrases::PhraseTable;
use super::segment::{Fit, Words};
use super::{
    Folded, LangId, Language, Reason, SlotSet, Term, TermId, at_word_boundaries_where, fold,
    is_word_char,
};
use crate::source::{ceil_char_boundary, floor_char_boundary};
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
    pub(crate) span: Span,
    /// The whole phrase the term was found in (equal to `span` for a bare term).
    pub phrase: Span,
    /// Which term.
    pub term: TermId,
    /// Which grammatical forms the matched text can be.
    pub slots: SlotSet,
    /// In which sense it is used here.
    pub sense: Sense,
    /// Why it was read in that sense.
    pub(crate) reason: Reason,
    /// The longer word the term modifies, where a segmenter reads one (the
    /// Chinese `客户群`, `用户名`): the term is there, but replacing it alone
    /// could make a word nobody writes.
    pub(crate) compound: Option<Span>,
}

/// What one automaton pattern, a folded term form, stands for.
#[derive(Debug, Clone)]
struct Form {
    term: TermId,
    slots: SlotSet,
    lang: LangId,
}

/// How many bytes of a text are folded at a time when looking for any form:
/// small, since a text with a term usually has one early, and the rest need
/// not be folded for the look.
const SCAN_CHUNK: usize = 4 * 1024;

/// From this many bytes, a text is worth building the look at raw bytes
/// for, even in a run over one file: it takes about 4 ms to build, and
/// spares a megabyte of prose its folding in about as long.
const LARGE_TEXT: usize = 1 << 20;

/// After this many bytes looked at in all, a run builds the look at raw
/// bytes: a run over a few small files would spend more building it than
/// it saves.
const RAW_AFTER: usize = 4 << 20;

/// The automaton over all term forms, and the phrases around them.
///
/// Only forms go into the automaton: every phrase holds a form, so a phrase
/// is looked for where its form was found. The built-in packs have some 160
/// forms and 3,900 phrases once their templates are expanded, and building
/// an automaton over all of them took most of a small run's start-up.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Quick to build: a run on a few files never waits for more.
    automaton: AhoCorasick,
    /// The same automaton as a DFA, built by [`Matcher::prepare_for_many`]:
    /// half a millisecond more to build, a sixth faster to search.
    dfa: OnceLock<Option<AhoCorasick>>,
    /// The look at raw bytes, built by [`Matcher::prepare_for_many`] or
    /// once enough text has been looked at: about 4 ms to build, and it
    /// spares most prose its folding.
    raw: OnceLock<Option<RawForms>>,
    /// How many bytes have been looked at, by every thread.
    looked: AtomicUsize,
    /// The folded forms, for building the DFA.
    texts: Vec<String>,
    forms: Vec<Form>,
    /// Each folded form's index.
    form_index: HashMap<String, usize>,
    word_boundaries: Vec<bool>,
    /// Per language, whether its terms are checked against a word
    /// segmenter's words.
    segmented: Vec<bool>,
    /// The longest form, in bytes.
    longest: usize,
}

/// A term, or a phrase around one, found in the text.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    span: Span,
    /// Where it starts in the folded bytes.
    folded_start: usize,
    /// The longer word it is part of, if any.
    compound: Option<Span>,
    /// The phrase, or `None` for the bare form.
    phrase: Option<u32>,
    form: usize,
}

impl Matcher {
    /// The automaton over the forms of `terms`.
    pub(super) fn new(languages: &[Language], terms: &[Term]) -> Result<Self, String> {
        let mut texts: Vec<String> = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut form_index: HashMap<String, usize> = HashMap::new();
        for (i, term) in terms.iter().enumerate() {
            let id = TermId(i as u32);
            for (slot, form) in term.all_forms() {
                let folded = fold(form);
                match form_index.get(&folded) {
                    // The builder lets no form belong to two terms, so a
                    // repeated spelling is the same term in another slot.
                    Some(&f) => forms[f].slots = forms[f].slots.union(SlotSet::single(slot)),
                    None => {
                        form_index.insert(folded.clone(), forms.len());
                        texts.push(folded);
                        forms.push(Form {
                            term: id,
                            slots: SlotSet::single(slot),
                            lang: term.lang,
                        });
                    }
                }
            }
        }
        Ok(Self {
            automaton: automaton(&texts, None)?,
            dfa: OnceLock::new(),
            raw: OnceLock::new(),
            looked: AtomicUsize::new(0),
            forms,
            form_index,
            word_boundaries: languages.iter().map(|l| l.word_boundaries).collect(),
            segmented: languages.iter().map(|l| l.segmenter.is_some()).collect(),
            longest: texts.iter().map(String::len).max().unwrap_or(0),
            texts,
        })
    }

    /// How many forms the automaton holds.
    pub(super) fn forms(&self) -> usize {
        self.forms.len()
    }

    /// The form spelled `folded`, if there is one.
    pub(super) fn form_of(&self, folded: &str) -> Option<usize> {
        self.form_index.get(folded).copied()
    }

    /// The term a form is of.
    pub(super) fn form_term(&self, form: usize) -> TermId {
        self.forms[form].term
    }

    /// The slots a form can fill.
    pub(super) fn form_slots(&self, form: usize) -> SlotSet {
        self.forms[form].slots
    }

    /// The first, longest form of a term of `lang` that stands as a whole
    /// word (where `lang` has words) in `folded`, a phrase already folded:
    /// its term, slots and place. Folding keeps letters letters, so the
    /// folded phrase has the word boundaries of the phrase as written.
    pub(super) fn inner_term(
        &self,
        lang: LangId,
        folded: &str,
    ) -> Option<(TermId, SlotSet, Range<usize>)> {
        self.automaton
            .find_overlapping_iter(folded)
            .filter(|m| {
                self.forms[m.pattern().as_usize()].lang == lang
                    && self.stands_alone_in(
                        folded,
                        Span::new(0, folded.len()),
                        lang,
                        Span::new(m.start(), m.end()),
                    )
            })
            .min_by_key(|m| (m.start(), std::cmp::Reverse(m.end())))
            .map(|m| {
                let form = &self.forms[m.pattern().as_usize()];
                (form.term, form.slots, m.range())
            })
    }
}

/// The automaton over `texts`, of `kind` (the crate's choice when `None`).
fn automaton(texts: &[String], kind: Option<AhoCorasickKind>) -> Result<AhoCorasick, String> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(kind)
        // The prefilter looks for the first byte of a form; in Cyrillic text
        // every other byte is one, and it slows the search down.
        .prefilter(false)
        .build(texts)
        .map_err(|e| format!("cannot build the term matcher: {e}"))
}

impl Matcher {
    /// Build the faster automaton now, for a run over many files. The same
    /// patterns in the same order: every search finds the same matches.
    pub(crate) fn prepare_for_many(&self) {
        self.prepare_dfa();
        self.prepare_raw();
    }

    /// Build the form automaton as a DFA now: half a millisecond.
    pub(crate) fn prepare_dfa(&self) {
        self.dfa
            .get_or_init(|| automaton(&self.texts, Some(AhoCorasickKind::DFA)).ok());
    }

    /// Build the look at raw bytes now.
    fn prepare_raw(&self) {
        self.raw.get_or_init(|| RawForms::new(&self.texts));
    }

    /// Where term forms may stand in `text`, prose or not. With the look at
    /// raw bytes prepared, the places it found; without, whether any form
    /// stands anywhere, from folding the text until one is found.
    pub(crate) fn look(&self, text: &str) -> Look {
        let looked = self.looked.fetch_add(text.len(), Ordering::Relaxed) + text.len();
        if text.len() >= LARGE_TEXT || looked >= RAW_AFTER {
            self.prepare_raw();
        }
        let mut buffer = Folded::default();
        let Some(raw) = self.raw.get().and_then(Option::as_ref) else {
            return if self.occurs_in(text, &mut buffer) {
                Look::Anywhere
            } else {
                Look::Nowhere
            };
        };
        let mut folded = Folded::default();
        let is_form = |matched: &str| {
            folded.fold(matched);
            std::str::from_utf8(folded.bytes()).is_ok_and(|form| self.form_index.contains_key(form))
        };
        raw.look(text, is_form, || self.occurs_in(text, &mut buffer))
    }

    /// The automaton to search with.
    fn searcher(&self) -> &AhoCorasick {
        self.dfa
            .get()
            .and_then(Option::as_ref)
            .unwrap_or(&self.automaton)
    }

    /// Whether any term form occurs anywhere in `text`, prose or not: when
    /// none does, nothing in the text needs a closer look. `buffer` is
    /// scratch space, reused between calls.
    pub(crate) fn occurs_in(&self, text: &str, buffer: &mut Folded) -> bool {
        // Windows overlap by a form's length, so that no form is split.
        let overlap = self.longest.saturating_sub(1);
        let mut start = 0;
        while start < text.len() {
            let end = ceil_char_boundary(text, start + SCAN_CHUNK.max(overlap + 1));
            buffer.fold(&text[start..end]);
            if self.searcher().is_match(buffer.bytes()) {
                return true;
            }
            if end == text.len() {
                break;
            }
            start = floor_char_boundary(text, end - overlap).max(start + 1);
            start = ceil_char_boundary(text, start);
        }
        false
    }

    /// Append every term occurrence inside the prose span `span` of `text`
    /// to `found`, in text order. `folded` holds `text[span]` folded;
    /// `phrases` gives each language's phrases.
    pub(super) fn find_in<'p>(
        &self,
        text: &str,
        span: Span,
        folded: &Folded,
        phrases: impl Fn(LangId) -> &'p PhraseTable,
        found: &mut Vec<Occurrence>,
    ) {
        let mut candidates: Vec<Candidate> = Vec::new();
        let bytes = folded.bytes();
        let place = |start: usize, end: usize| {
            Span::new(
                span.start + folded.start(start),
                span.start + folded.end(end),
            )
        };
        let mut words = Words::default();
        for m in self.searcher().find_overlapping_iter(bytes) {
            let f = m.pattern().as_usize();
            let lang = self.forms[f].lang;
            let at = place(m.start(), m.end());
            let fit = if self.segmented[usize::from(lang.0)] {
                words.fit(bytes, m.range())
            } else {
                Fit::Word
            };
            // A term that ends its word is the word's head (`老客户`,
            // "regular client"), and is replaced like a word of its own
            // (`老顾客`); one that starts or sits inside it (`客户群`,
            // `用户名`) is not, and carries the word.
            let bare = match &fit {
                Fit::Word => Some(None),
                Fit::Compound(word) if word.end == m.end() => Some(None),
                Fit::Compound(word) => Some(Some(place(word.start, word.end))),
                Fit::Across | Fit::Claimed => None,
            };
            if self.stands_alone_in(text, span, lang, at)
                && let Some(compound) = bare
            {
                candidates.push(Candidate {
                    span: at,
                    folded_start: m.start(),
                    compound,
                    phrase: None,
                    form: f,
                });
            }
            let table = phrases(lang);
            for p in table.around(f, bytes, m.start(), m.end()) {
                let phrase = table.phrase(p);
                let Some(start) = m.start().checked_sub(phrase.inner.0) else {
                    continue;
                };
                let spelled = phrase.text.as_bytes();
                let end = start + spelled.len();
                if bytes.get(start..end) != Some(spelled) {
                    continue;
                }
                let whole = place(start, end);
                if self.stands_alone_in(text, span, lang, whole)
                    // The term inside must not cut two words; the phrase
                    // may end inside a longer one (`顾客服务中心`).
                    && fit != Fit::Across
                {
                    candidates.push(Candidate {
                        span: whole,
                        folded_start: start,
                        compound: None,
                        phrase: Some(p),
                        form: f,
                    });
                }
            }
        }
        // Leftmost-longest: a phrase wins over the bare term it holds.
        candidates.sort_by_key(|c| {
            (
                c.span.start,
                std::cmp::Reverse(c.span.end),
                c.phrase.is_none(),
            )
        });
        let mut taken_until = 0;
        for candidate in candidates {
            if candidate.span.start < taken_until {
                continue;
            }
            taken_until = candidate.span.end;
            let form = &self.forms[candidate.form];
            let table = phrases(form.lang);
            found.push(match candidate.phrase {
                Some(p) => {
                    let phrase = table.phrase(p);
                    let inner = candidate.folded_start;
                    Occurrence {
                        span: place(inner + phrase.inner.0, inner + phrase.inner.1),
                        phrase: candidate.span,
                        term: phrase.term,
                        slots: phrase.slots,
                        sense: phrase.sense,
                        reason: Reason::Phrase,
                        compound: None,
                    }
                }
                None => {
                    let (sense, slots) = table
                        .bare(candidate.form)
                        .unwrap_or((Sense::Business, form.slots));
                    Occurrence {
                        span: candidate.span,
                        phrase: candidate.span,
                        term: form.term,
                        slots,
                        sense,
                        reason: if sense == Sense::Business {
                            Reason::Default
                        } else {
                            Reason::Phrase
                        },
                        compound: candidate.compound,
                    }
                }
            });
        }
    }

    /// Whether `span` of `text` stands as a whole word, where `lang` has
    /// words, `span` being in the prose span `prose`: a character outside
    /// the prose is markup, so only a letter or digit there continues the
    /// word. `_client_` is emphasis around a word;
    /// `client_id` is one identifier.
    fn stands_alone_in(&self, text: &str, prose: Span, lang: LangId, span: Span) -> bool {
        !self.word_boundaries[usize::from(lang.0)]
            || at_word_boundaries_where(text, span.start, span.end, |at, c| {
                is_word_char(c) && (prose.start <= at && at < prose.end || c.is_alphanumeric())
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use crate::lexicon::Lexicon;
    use crate::lint::occurrences;

    #[test]
    fn a_form_across_a_chunk_boundary_is_found() {
        let lexicon = Lexicon::builtin().unwrap();
        let matcher = lexicon.matcher();
        let mut buffer = crate::lexicon::Folded::default();
        for filler in ["x", "ж", "字"] {
            for count in 1300..1400 {
                let text = format!("{}Клиенты", filler.repeat(count * 3 / filler.len()));
                assert!(matcher.occurs_in(&text, &mut buffer), "{filler} × {count}");
                let text = format!("{} Клиенты", filler.repeat(count * 3 / filler.len()));
                assert!(matcher.occurs_in(&text, &mut buffer), "{filler} × {count}");
            }
            let none = filler.repeat(20_000);
            assert!(!matcher.occurs_in(&none, &mut buffer), "{filler}");
        }
    }

    #[test]
    fn the_look_at_raw_bytes_is_built_once_a_run_has_looked_at_enough() {
        use crate::lexicon::Look;
        let lexicon = Lexicon::builtin().unwrap();
        let matcher = lexicon.matcher();
        let text = format!("{}our clients", "lorem ipsum ".repeat(50_000));
        let mut looks = Vec::new();
        for _ in 0..8 {
            looks.push(matches!(matcher.look(&text), Look::Within(_)));
        }
        // 600 KB a look: the seventh takes the run past 4 MiB. A text of
        // 1 MiB or more is worth it by itself.
        assert_eq!(
            looks,
            [false, false, false, false, false, false, true, true]
        );
        let large = "lorem ipsum ".repeat(100_000) + "our clients";
        let fresh = Lexicon::builtin().unwrap();
        assert!(matches!(fresh.matcher().look(&large), Look::Within(_)));
    }

    #[test]
    fn the_faster_automaton_finds_the_same_occurrences() {
        let lexicon = Lexicon::builtin().unwrap();
        let text = "Our clients, the HTTP client and client-side code. Клиентами и \
                    покупателям на стороне клиента. 客户端与客户、顾客。CUSTOMER service.";
        let before = occurrences(text, &lexicon, &Settings::default());
        assert!(lexicon.matcher().dfa.get().is_none());
        lexicon.matcher().prepare_for_many();
        assert!(lexicon.matcher().dfa.get().is_some_and(Option::is_some));
        let after = occurrences(text, &lexicon, &Settings::default());
        assert_eq!(before, after);
        assert!(before.len() >= 10, "{before:?}");
    }
}
