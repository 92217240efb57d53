//! Sense cues: the words around a term that tell its technical sense (a
//! program, `the client sends a request to the server`) from its business
//! sense (a person, `the client signed the contract`), with their weights.
//!
//! They come from the `[sense]` sections of the term packs; the context
//! they are looked for in is chosen by [`crate::sense`].

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, BuildError, MatchKind};
use foldhash::{HashMap, HashMapExt};

use super::{Folded, LangId, Sense, TermId, at_word_boundaries, fold, is_word_char};

/// Index of a cue in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct CueId(u32);

/// Where the cues that decided a sense were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Scope {
    /// The sentence of the term.
    Sentence,
    /// The paragraph, table or list around it.
    Paragraph,
    /// The heading of its section.
    Heading,
    /// The section under the heading that holds the term, for a term in a
    /// heading.
    Section,
}

/// Why a term was read in its sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum Reason {
    /// Nothing around it said otherwise: the business sense.
    #[default]
    Default,
    /// A technical or fixed phrase of a pack holds it (`HTTP client`).
    Phrase,
    /// It is part of a code name or a file name (`Nav.Client.Chart`).
    Identifier,
    /// The cues of `scope` outweigh those of the other sense; `cue` is the
    /// strongest on the winning side, nearest the term.
    Cue {
        /// The deciding cue.
        cue: CueId,
        /// Where it was found.
        scope: Scope,
    },
    /// Nothing around it told, and more of the document's uses of its
    /// roles that cues or code names decided were technical than business.
    Document,
    /// An allowed phrase of the configuration holds it.
    Allowed,
    /// A connector sets it against another term (`clients, not
    /// customers`): the text is about the two words.
    Contrast,
    /// It is part of a name: a product, a UI label or a party a contract
    /// defines (`Customer Identity Cloud`, `«Клиент-Банк»`, `Заказчик`).
    Name,
    /// It is quoted after a noun for a word (`the word "customer"`,
    /// `слово «заказчик»`): the text is about the word.
    Mention,
}

/// One cue word or phrase.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    /// As the pack writes it, without the trailing `*`.
    pub(crate) word: String,
    /// The sense it points to: [`Sense::Technical`] or [`Sense::Business`].
    pub(crate) sense: Sense,
    /// How strongly it points there.
    pub(crate) weight: u8,
}

/// A cue found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueHit {
    /// Which cue.
    pub(crate) cue: CueId,
    /// Where its first byte is in the text.
    pub(crate) at: usize,
    /// Where it ends in the text.
    pub(crate) end: usize,
}

/// Every cue of every language, and the terms they classify.
#[derive(Debug, Default)]
pub(crate) struct Cues {
    cues: Vec<Cue>,
    words: WordSet,
    /// Per term: whether its sense is read from its context.
    classified: Vec<bool>,
}

/// A cue as a pack declares it, before the automaton is built.
#[derive(Debug, Clone)]
pub(super) struct CueSource {
    pub(crate) word: String,
    pub(crate) lang: LangId,
    pub(crate) sense: Sense,
    pub(crate) weight: u8,
}

impl Cues {
    /// The cues of `sources` for `languages` languages; `classified` says
    /// per term whether its role is one a pack's `[sense] roles` lists. A
    /// word listed twice in one language keeps its last sense and weight,
    /// so that a user pack can weigh a built-in cue anew. Each language's
    /// words are compiled when first looked for.
    pub(super) fn new(sources: Vec<CueSource>, classified: Vec<bool>, languages: usize) -> Self {
        let words = WordSet::new(sources.iter().map(|s| (s.lang, s.word.as_str())), languages);
        let cues: Vec<Cue> = sources
            .into_iter()
            .map(|s| Cue {
                word: split_prefix(&s.word).0,
                sense: s.sense,
                weight: s.weight,
            })
            .collect();
        Self {
            cues,
            words,
            classified,
        }
    }

    /// Compile every language's cues now, to report a failure at load.
    pub(super) fn compile_now(&self) -> Result<(), String> {
        self.words
            .compile_now()
            .map_err(|e| format!("cannot compile the sense cues: {e}"))
    }

    /// A cue by id.
    pub(crate) fn cue(&self, id: CueId) -> &Cue {
        &self.cues[id.0 as usize]
    }

    /// Whether the sense of `term` is read from its context.
    pub(crate) fn classifies(&self, term: TermId) -> bool {
        self.classified
            .get(term.0 as usize)
            .copied()
            .unwrap_or(false)
    }

    /// Whether any term is classified at all.
    pub(crate) fn any(&self) -> bool {
        self.words.any() && self.classified.contains(&true)
    }

    /// The cues of `lang` in `text[from..]`, whose folded bytes are
    /// `folded`, that lie outside link targets and URLs and, where the
    /// language has `words` (its [`super::Language::word_boundaries`]),
    /// stand as words; in order, into `out`.
    pub(crate) fn find(
        &self,
        text: &str,
        from: usize,
        folded: &Folded,
        lang: LangId,
        words: bool,
        out: &mut Vec<CueHit>,
    ) {
        self.words
            .find(text, from, folded, lang, words, |i, at, end| {
                out.push(CueHit {
                    cue: CueId(i as u32),
                    at,
                    end,
                });
            });
    }
}

/// The word of a cue as a pack writes it, without its `*`, and whether it
/// had one.
pub(super) fn split_prefix(word: &str) -> (String, bool) {
    let word = word.trim();
    (
        word.trim_end_matches('*').trim().to_owned(),
        word.ends_with('*'),
    )
}

/// Per language, one automaton over a list of words (each whole, or a
/// prefix of any ending), which tells the index in the list of each word
/// it finds. A language's automaton is built the first time a text of
/// that language is searched: a run over English files never builds the
/// Russian one, which is most of what one small file's start-up would
/// otherwise spend on cues.
#[derive(Debug, Default)]
pub(super) struct WordSet {
    /// Per language: its words, and their automaton once built.
    languages: Vec<LanguageWords>,
    /// Per list index: whether any ending may follow.
    prefix: Vec<bool>,
}

/// The words of one language, with their automaton once built.
#[derive(Debug, Default)]
struct LanguageWords {
    /// Each word's index in the list, and the word without its `*`.
    words: Vec<(usize, String)>,
    /// The automaton over the folded words, leftmost-longest, and the list
    /// index each pattern is. One per language, so that `API` in two
    /// packs is found for both.
    compiled: OnceLock<Result<(AhoCorasick, Vec<usize>), BuildError>>,
}

impl LanguageWords {
    /// The automaton, built on first use; `prefix` says per list index
    /// whether a word had its `*`.
    fn compiled(&self, prefix: &[bool]) -> &Result<(AhoCorasick, Vec<usize>), BuildError> {
        self.compiled.get_or_init(|| {
            // The last of the words that fold alike, with the same kind
            // of ending, wins.
            let mut last: HashMap<(String, bool), usize> = HashMap::with_capacity(self.words.len());
            for (position, (index, word)) in self.words.iter().enumerate() {
                last.insert((fold(word), prefix[*index]), position);
            }
            let mut kept: Vec<((String, bool), usize)> = last.into_iter().collect();
            kept.sort_unstable_by_key(|&(_, position)| position);
            let automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(kept.iter().map(|((word, _), _)| word))?;
            let ids = kept
                .iter()
                .map(|&(_, position)| self.words[position].0)
                .collect();
            Ok((automaton, ids))
        })
    }
}

impl WordSet {
    /// Take `words`, `(language, word)` as a pack writes them (a trailing
    /// `*` allows any ending), for `languages` languages. Nothing is
    /// compiled yet: see [`WordSet::compile_now`].
    pub(super) fn new<'a>(
        words: impl IntoIterator<Item = (LangId, &'a str)>,
        languages: usize,
    ) -> Self {
        let mut by_language: Vec<LanguageWords> =
            (0..languages).map(|_| LanguageWords::default()).collect();
        let mut prefix = Vec::new();
        for (index, (lang, word)) in words.into_iter().enumerate() {
            let (word, any_ending) = split_prefix(word);
            prefix.push(any_ending);
            if let Some(language) = by_language.get_mut(usize::from(lang.0)) {
                language.words.push((index, word));
            }
        }
        Self {
            languages: by_language,
            prefix,
        }
    }

    /// Build every language's automaton now, so that words no automaton
    /// can hold are reported when the packs load.
    pub(super) fn compile_now(&self) -> Result<(), BuildError> {
        for language in &self.languages {
            if let Err(e) = language.compiled(&self.prefix) {
                return Err(e.clone());
            }
        }
        Ok(())
    }

    /// Whether any language has a word.
    pub(super) fn any(&self) -> bool {
        self.languages.iter().any(|l| !l.words.is_empty())
    }

    /// Call `found(index, start, end)` for each word of `lang` in `text[from..]`,
    /// whose folded bytes are `folded`, that lies outside link targets and
    /// URLs and, where `words` says the language spaces its words, stands
    /// as a word (a prefix word: starts one); in order.
    pub(super) fn find(
        &self,
        text: &str,
        from: usize,
        folded: &Folded,
        lang: LangId,
        words: bool,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        // Only words no automaton can hold fail to build, and packs with
        // such words are refused when they load (`compile_now`).
        let Some(Ok((automaton, ids))) = self
            .languages
            .get(usize::from(lang.0))
            .filter(|l| !l.words.is_empty())
            .map(|language| language.compiled(&self.prefix))
        else {
            return;
        };
        for m in automaton.find_iter(folded.bytes()) {
            let i = ids[m.pattern().as_usize()];
            let (start, end) = (from + folded.start(m.start()), from + folded.end(m.end()));
            let stands = !words
                || if self.prefix[i] {
                    !text[..start].chars().next_back().is_some_and(is_word_char)
                } else {
                    at_word_boundaries(text, start, end)
                };
            if stands && !in_address(text, start) {
                found(i, start, end);
            }
        }
    }
}

/// The longest run of ASCII characters without spaces that can be a word:
/// anything longer is an address, a path or a code name, and the cap keeps
/// the look short.
const LONGEST_TOKEN: usize = 256;

/// Whether `at` is inside a link target or a URL: in a run of ASCII
/// characters without spaces that has a `](` before `at`, holds `://` or
/// starts with a path (`../includes/server.md`). Words there are
/// addresses, not what the sentence says. Addresses are ASCII, so any other
/// character ends the run: Chinese prose, which has no spaces, is no run.
fn in_address(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let token = |b: &u8| b.is_ascii_graphic();
    let from = at.saturating_sub(LONGEST_TOKEN);
    let start = match bytes[from..at].iter().rposition(|b| !token(b)) {
        Some(i) => from + i + 1,
        None if from > 0 => return true,
        None => 0,
    };
    let to = (at + LONGEST_TOKEN).min(bytes.len());
    let end = bytes[at..to]
        .iter()
        .position(|b| !token(b))
        .map_or(to, |i| at + i);
    let head = &bytes[start..at];
    let whole = &bytes[start..end];
    head.windows(2).any(|w| w == b"](")
        || whole.windows(3).any(|w| w == b"://")
        || head.starts_with(b"/")
        || head.starts_with(b"./")
        || head.starts_with(b"../")
}

#[cfg(test)]
mod tests {
    use super::in_address;

    #[test]
    fn words_in_link_targets_and_urls_are_addresses() {
        let text =
            "the [!INCLUDE[server](includes/server.md)] and https://x.org/api ../api/a 服务器";
        let at = |word: &str, nth: usize| text.match_indices(word).nth(nth).unwrap().0;
        assert!(!in_address(text, at("server", 0)));
        assert!(in_address(text, at("server", 1)));
        assert!(in_address(text, at("api", 0)));
        assert!(in_address(text, at("api", 1)));
        assert!(!in_address(text, at("the", 0)));
        assert!(!in_address(text, at("服务器", 0)));
        let long = format!("{}服务器", "字".repeat(500));
        assert!(!in_address(&long, long.len() - "服务器".len()));
        let long = format!("{}server", "x".repeat(500));
        assert!(in_address(&long, 500));
    }
}
