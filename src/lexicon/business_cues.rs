//! Business cues: the words that show what kind of business a text
//! describes, such as `checkout` and `discount` for a shop, `retainer` and
//! `account manager` for a firm with clients, `dues` and `meetup` for a
//! community. `clientele suggest` counts them.
//!
//! They come from the `[[business-cues]]` groups of the term packs.

use super::cues::{WordSet, split_prefix};
use super::fold::is_word_char;
use super::{BusinessId, Folded, LangId};
use crate::span::Span;

/// Index of a business cue in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct BusinessCueId(u32);

/// A business cue found in a text, and where it stands.
pub(crate) type BusinessCueHit = (BusinessCueId, Span);

/// One business cue.
#[derive(Debug, Clone)]
pub(crate) struct BusinessCue {
    /// As the pack writes it, without the trailing `*`.
    pub(crate) word: String,
    /// Language of the cue.
    pub(crate) lang: LangId,
    /// The business type it points to.
    pub(crate) business: BusinessId,
}

/// Every business cue of every language.
#[derive(Debug, Default)]
pub(crate) struct BusinessCues {
    cues: Vec<BusinessCue>,
    words: WordSet,
}

/// A business cue as a pack declares it, before the automaton is built.
#[derive(Debug)]
pub(super) struct BusinessCueSource {
    pub(crate) word: String,
    pub(crate) lang: LangId,
    pub(crate) business: BusinessId,
}

impl BusinessCues {
    /// The cues of `sources` for `languages` languages. A word listed twice
    /// in one language keeps its last business type, so that a user pack
    /// can move a built-in cue. Each language's words are compiled when
    /// first looked for.
    pub(super) fn new(sources: Vec<BusinessCueSource>, languages: usize) -> Self {
        let words = WordSet::new(sources.iter().map(|s| (s.lang, s.word.as_str())), languages);
        let cues = sources
            .into_iter()
            .map(|s| BusinessCue {
                word: split_prefix(&s.word).0,
                lang: s.lang,
                business: s.business,
            })
            .collect();
        Self { cues, words }
    }

    /// Compile every language's cues now, to report a failure at load.
    pub(super) fn compile_now(&self) -> Result<(), String> {
        self.words
            .compile_now()
            .map_err(|e| format!("cannot compile the business cues: {e}"))
    }

    /// A cue by id.
    pub(crate) fn cue(&self, id: BusinessCueId) -> &BusinessCue {
        &self.cues[id.0 as usize]
    }

    /// The cues of `lang` in `text[from..]`, whose folded bytes are
    /// `folded`, that stand as words (where the language spaces its words,
    /// as `words` says) outside link targets and URLs; in order, with
    /// where each stands, into `out`. A stem's span runs to the end of the
    /// word it starts (`доставки` for `доставк*`).
    pub(crate) fn find(
        &self,
        text: &str,
        from: usize,
        folded: &Folded,
        lang: LangId,
        words: bool,
        out: &mut Vec<BusinessCueHit>,
    ) {
        self.words
            .find(text, from, folded, lang, words, |i, at, end| {
                let rest: usize = text[end..]
                    .chars()
                    .take_while(|&c| is_word_char(c))
                    .map(char::len_utf8)
                    .sum();
                out.push((BusinessCueId(i as u32), Span::new(at, end + rest)));
            });
    }
}
