//! The TOML format of a term pack, as written in `rules/*.toml` and in user
//! packs.
//!
//! These types only mirror the file; [`super::LexiconBuilder`] checks what
//! they say and turns it into the lexicon. Unknown keys are rejected so that
//! a typo in a pack is an error, not a silently ignored line.
//!
//! The build script compiles this file too, to read the built-in packs
//! ahead of time (see [`Spanned`]): it may use only the standard library,
//! serde and toml.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One pack file: a language's terms and phrases, business types, or both.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PackFile {
    /// Language code (`en`, `ru`, `zh`); required when the pack has terms or phrases.
    pub(crate) lang: Option<Spanned<String>>,
    /// Human name of the language.
    pub(crate) name: Option<String>,
    /// Names of the grammatical form slots, in the order every term lists its forms.
    pub(crate) slots: Option<Spanned<Vec<String>>>,
    /// Whether a term must stand as a whole word (false for scripts without spaces).
    pub(crate) word_boundaries: Option<bool>,
    /// The word segmenter that tells where words end in a script written
    /// without spaces.
    pub(crate) segmenter: Option<Segmenter>,
    /// The Traditional Chinese spelling of each form a fix may write, so
    /// that a fix in Traditional text stays in Traditional script.
    #[serde(default)]
    pub(crate) traditional: BTreeMap<String, Spanned<String>>,
    /// Preferred lemma of each role in this language.
    #[serde(default)]
    pub(crate) preferred: BTreeMap<String, Spanned<String>>,
    /// The terms.
    #[serde(default)]
    pub(crate) term: Vec<TermEntry>,
    /// Collocations in which a term has its technical (software) sense.
    #[serde(default)]
    pub(crate) technical: Vec<PhraseGroup>,
    /// Fixed phrases, normal in any business.
    #[serde(default)]
    pub(crate) fixed: Vec<PhraseGroup>,
    /// Business types.
    #[serde(default)]
    pub(crate) business: Vec<BusinessEntry>,
    /// Connectors that set two words against each other (rule `self-contrast`).
    pub(crate) contrast: Option<ContrastSection>,
    /// Cues that tell a term's technical sense from its business sense.
    pub(crate) sense: Option<SenseSection>,
    /// Words that show what kind of business a text describes.
    #[serde(default)]
    pub(crate) business_cues: Vec<BusinessCueGroup>,
    /// Product names and labels, matched exactly as written: a term
    /// inside one is part of the name, not a use of the term.
    #[serde(default)]
    pub(crate) names: Vec<Spanned<String>>,
    /// The grammar a fix keeps in agreement around the word it replaces.
    pub(crate) agreement: Option<AgreementSection>,
    /// Texts with the findings and fix the pack should give them, which
    /// `clientele check-pack` runs; loading a pack only checks their keys.
    #[serde(default)]
    pub(crate) examples: Vec<ExampleEntry>,
}

/// One example of a pack: a text, and what checking and fixing it gives.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ExampleEntry {
    /// The Markdown text.
    pub(crate) text: Spanned<String>,
    /// The business type it is checked under; none: consistency only.
    pub(crate) business: Option<Spanned<String>>,
    /// The findings, in order, each as `rule: matched text`, optionally
    /// followed by ` (line N)`.
    #[serde(default)]
    pub(crate) findings: Vec<Spanned<String>>,
    /// The text after `--fix`; omitted, the fix must leave it unchanged.
    pub(crate) fixed: Option<String>,
}

/// Only the examples of a pack, for reading them again once the pack has
/// loaded: every other key was checked then.
#[derive(Debug, Deserialize)]
pub(crate) struct PackExamples {
    /// The examples.
    #[serde(default)]
    pub(crate) examples: Vec<ExampleEntry>,
}

/// The grammar a fix keeps around a replaced term.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct AgreementSection {
    /// The slots in which the words agreeing with a term (adjectives,
    /// participles, past-tense verbs) show its gender.
    #[serde(default)]
    pub(crate) gendered_slots: Vec<Spanned<String>>,
    /// Prepositions spelled after the sound the next word starts with.
    #[serde(default)]
    pub(crate) preposition: Vec<PrepositionEntry>,
}

/// A preposition with one spelling before a consonant and another before
/// a vowel (`о клиенте`, `об участнике`).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PrepositionEntry {
    /// The spelling before a word that starts with a consonant.
    pub(crate) before_consonant: Spanned<String>,
    /// The spelling before a word that starts with one of `vowels`.
    pub(crate) before_vowel: Spanned<String>,
    /// The letters that call for `before_vowel`.
    pub(crate) vowels: Spanned<String>,
    /// The slots the preposition governs: only a term in one of them is
    /// read as its object.
    pub(crate) slots: Vec<Spanned<String>>,
}

/// A word segmenter for a script written without spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Segmenter {
    /// Chinese words, from a dictionary segmenter (jieba).
    Chinese,
}

/// Words that point to one business type.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BusinessCueGroup {
    /// The business type's name.
    pub(crate) business: Spanned<String>,
    /// Words or phrases, matched case-insensitively as whole words; a
    /// trailing `*` allows any ending (`discount*`).
    pub(crate) words: Vec<Spanned<String>>,
}

/// Which terms have their sense read from the words around them, and the
/// words that tell.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct SenseSection {
    /// The roles whose terms are classified (`client`).
    #[serde(default)]
    pub(crate) roles: Vec<Spanned<String>>,
    /// The cues, in groups of one sense and weight.
    #[serde(default)]
    pub(crate) cues: Vec<CueGroup>,
}

/// Cue words of one sense and one weight.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CueGroup {
    /// The sense the words point to.
    pub(crate) sense: CueSense,
    /// How strongly, from 1 to 9.
    pub(crate) weight: Spanned<u8>,
    /// Words or phrases, matched case-insensitively as whole words; a
    /// trailing `*` allows any ending (`request*`).
    pub(crate) words: Vec<Spanned<String>>,
}

/// The sense a cue points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CueSense {
    /// Software.
    Technical,
    /// The people a business serves.
    Business,
}

/// The words that join the two sides of a contrast or a choice.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ContrastSection {
    /// Regexes for short words that may stand between a connector and a
    /// term: articles, possessives, a repeated preposition.
    #[serde(default)]
    pub(crate) particles: Vec<Spanned<String>>,
    /// Regexes for the words that may follow the second term of a contrast
    /// (besides punctuation and the end of the line): what ends its phrase.
    #[serde(default)]
    pub(crate) ends: Vec<Spanned<String>>,
    /// Regexes for words that, right before the first term, make it a kind
    /// of its own (`перспективный клиент или клиент` is no collapse).
    #[serde(default)]
    pub(crate) qualifiers: Vec<Spanned<String>>,
    /// Regexes (case-sensitive) for words that, right after the second term
    /// of a clause contrast, make it a kind of its own (`клиенты B2B`).
    #[serde(default)]
    pub(crate) modifiers: Vec<Spanned<String>>,
    /// Regexes (case-sensitive) for the modifiers that may follow the
    /// second term past a comma, as a language sets some off by one
    /// (`клиенты, делающие заказ`); past a comma nothing else is one.
    #[serde(default)]
    pub(crate) comma_modifiers: Vec<Spanned<String>>,
    /// Regexes for a modifier that may end the gap before the second of
    /// two different terms set against each other (`a shop's`, `网店的`).
    #[serde(default)]
    pub(crate) side_modifiers: Vec<Spanned<String>>,
    /// Regexes for the words that start a predicate right after the second
    /// term of an open contrast, for a language without spaces
    /// (`通常`, `可以`).
    #[serde(default)]
    pub(crate) clause_starts: Vec<Spanned<String>>,
    /// The connectors.
    #[serde(default)]
    pub(crate) connector: Vec<ConnectorEntry>,
}

/// One connector: regex alternatives for the text before, between and
/// after the two terms.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ConnectorEntry {
    /// Text that must end right before the first term (`between`, `между`).
    #[serde(default)]
    pub(crate) before: Vec<Spanned<String>>,
    /// The whole text between the two terms, quotes and emphasis aside.
    pub(crate) between: Vec<Spanned<String>>,
    /// Text that must follow the second term (replaces the phrase-end check).
    #[serde(default)]
    pub(crate) after: Vec<Spanned<String>>,
    /// Whether both terms must be in quotes: `«клиент» и «клиент»` talks
    /// about two words, `клиент и клиент` may not.
    #[serde(default)]
    pub(crate) quoted: bool,
    /// Whether the connector joins two clauses, so that the second term
    /// starts a clause and may be followed by anything but a modifier.
    #[serde(default)]
    pub(crate) clause: bool,
    /// Whether the connector alone makes the contrast plain (`не …, а`,
    /// `unlike …,`, `不是…，而是`), so that the second term, like a
    /// clause's, may be followed by anything but a modifier.
    #[serde(default)]
    pub(crate) open: bool,
    /// Whether the connector sets only two different words against each
    /// other: its gap may qualify the first side (`unlike customers of a
    /// shop, clients …`), which would make one word twice two kinds.
    #[serde(default)]
    pub(crate) roles_only: bool,
    /// Whether `between` is matched against the gap without the frame the
    /// two sides share: the words said before both terms, or after both
    /// ("the firm serves the client, while the shop serves the client").
    /// Such a frame must be there.
    #[serde(default)]
    pub(crate) framed: bool,
}

/// One term with its whole paradigm.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TermEntry {
    /// Dictionary form, also the term's identity in placeholders.
    pub(crate) lemma: Spanned<String>,
    /// Role the term names (`client`, `customer`, `member`, …).
    pub(crate) role: Spanned<String>,
    /// Grammatical gender, where the language has one.
    pub(crate) gender: Option<Gender>,
    /// For a feminine term: the lemma of its masculine counterpart.
    pub(crate) masculine: Option<Spanned<String>>,
    /// One form per slot; `|` separates spelling variants of one slot.
    pub(crate) forms: Spanned<Vec<String>>,
}

/// Grammatical gender of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Gender {
    /// Masculine (also the common gender of Russian role nouns).
    Masculine,
    /// Feminine.
    Feminine,
}

/// A list of phrase templates.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PhraseGroup {
    /// Templates: `{lemma}` is any form of a term, `(a|b)` alternatives.
    pub(crate) phrases: Vec<Spanned<String>>,
}

/// A business type.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BusinessEntry {
    /// Name used in `business = "…"`.
    pub(crate) name: Spanned<String>,
    /// The role this business calls the people it serves, if it has one.
    pub(crate) prefer: Option<Spanned<String>>,
    /// Roles that are wrong for this business.
    #[serde(default)]
    pub(crate) discourage: Vec<Spanned<String>>,
    /// One line on what kind of business this is.
    pub(crate) summary: String,
}

/// A value of a pack and where it is written in the pack's text.
///
/// Read from TOML it has its position, for errors to point at. The
/// built-in packs are also laid out ahead of time, by the build script, in
/// a binary format (postcard) that is quicker to read than their TOML:
/// read from there, a value has no position. Which of the two a value
/// comes from is told by whether the format is human-readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spanned<T> {
    span: Range<usize>,
    value: T,
}

impl<T> Spanned<T> {
    /// Where the value is written (empty when read from the binary form).
    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The value.
    pub(crate) fn get_ref(&self) -> &T {
        &self.value
    }

    /// The value, taken out.
    pub(crate) fn into_inner(self) -> T {
        self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
            Ok(Self {
                span: spanned.span(),
                value: spanned.into_inner(),
            })
        } else {
            Ok(Self {
                span: 0..0,
                value: T::deserialize(deserializer)?,
            })
        }
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}
