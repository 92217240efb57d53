//! The TOML format of a term pack, as written in `rules/*.toml` and in user
//! packs.
//!
//! These types only mirror the file; [`super::LexiconBuilder`] checks what
//! they say and turns it into the lexicon. Unknown keys are rejected so that
//! a typo in a pack is an error, not a silently ignored line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One pack file: a language's terms and phrases, business types, or both.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PackFile {
    /// Language code (`en`, `ru`, `zh`); required when the pack has terms or phrases.
    pub lang: Option<Spanned<String>>,
    /// Human name of the language.
    pub name: Option<String>,
    /// Names of the grammatical form slots, in the order every term lists its forms.
    pub slots: Option<Spanned<Vec<String>>>,
    /// Whether a term must stand as a whole word (false for scripts without spaces).
    pub word_boundaries: Option<bool>,
    /// The word segmenter that tells where words end in a script written
    /// without spaces.
    pub segmenter: Option<Segmenter>,
    /// The Traditional Chinese spelling of each form a fix may write, so
    /// that a fix in Traditional text stays in Traditional script.
    #[serde(default)]
    pub traditional: BTreeMap<String, Spanned<String>>,
    /// Preferred lemma of each role in this language.
    #[serde(default)]
    pub preferred: BTreeMap<String, Spanned<String>>,
    /// The terms.
    #[serde(default)]
    pub term: Vec<TermEntry>,
    /// Collocations in which a term has its technical (software) sense.
    #[serde(default)]
    pub technical: Vec<PhraseGroup>,
    /// Fixed phrases, normal in any business.
    #[serde(default)]
    pub fixed: Vec<PhraseGroup>,
    /// Business types.
    #[serde(default)]
    pub business: Vec<BusinessEntry>,
    /// Connectors that set two words against each other (rule `self-contrast`).
    pub contrast: Option<ContrastSection>,
    /// Cues that tell a term's technical sense from its business sense.
    pub sense: Option<SenseSection>,
    /// Words that show what kind of business a text describes.
    #[serde(default)]
    pub business_cues: Vec<BusinessCueGroup>,
    /// Product names and labels, matched exactly as written: a term
    /// inside one is part of the name, not a use of the term.
    #[serde(default)]
    pub names: Vec<Spanned<String>>,
    /// The grammar a fix keeps in agreement around the word it replaces.
    pub agreement: Option<AgreementSection>,
    /// Texts with the findings and fix the pack should give them, which
    /// `clientele check-pack` runs; loading a pack only checks their keys.
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "read again by `pack_check`; here only their keys are checked"
    )]
    pub examples: Vec<ExampleEntry>,
}

/// One example of a pack: a text, and what checking and fixing it gives.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ExampleEntry {
    /// The Markdown text.
    pub text: Spanned<String>,
    /// The business type it is checked under; none: consistency only.
    pub business: Option<Spanned<String>>,
    /// The findings, in order, each as `rule: matched text`, optionally
    /// followed by ` (line N)`.
    #[serde(default)]
    pub findings: Vec<Spanned<String>>,
    /// The text after `--fix`; omitted, the fix must leave it unchanged.
    pub fixed: Option<String>,
}

/// Only the examples of a pack, for reading them again once the pack has
/// loaded: every other key was checked then.
#[derive(Debug, Deserialize)]
pub(crate) struct PackExamples {
    /// The examples.
    #[serde(default)]
    pub examples: Vec<ExampleEntry>,
}

/// The grammar a fix keeps around a replaced term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct AgreementSection {
    /// The slots in which the words agreeing with a term (adjectives,
    /// participles, past-tense verbs) show its gender.
    #[serde(default)]
    pub gendered_slots: Vec<Spanned<String>>,
    /// Prepositions spelled after the sound the next word starts with.
    #[serde(default)]
    pub preposition: Vec<PrepositionEntry>,
}

/// A preposition with one spelling before a consonant and another before
/// a vowel (`о клиенте`, `об участнике`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PrepositionEntry {
    /// The spelling before a word that starts with a consonant.
    pub before_consonant: Spanned<String>,
    /// The spelling before a word that starts with one of `vowels`.
    pub before_vowel: Spanned<String>,
    /// The letters that call for `before_vowel`.
    pub vowels: Spanned<String>,
    /// The slots the preposition governs: only a term in one of them is
    /// read as its object.
    pub slots: Vec<Spanned<String>>,
}

/// A word segmenter for a script written without spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Segmenter {
    /// Chinese words, from a dictionary segmenter (jieba).
    Chinese,
}

/// Words that point to one business type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BusinessCueGroup {
    /// The business type's name.
    pub business: Spanned<String>,
    /// Words or phrases, matched case-insensitively as whole words; a
    /// trailing `*` allows any ending (`discount*`).
    pub words: Vec<Spanned<String>>,
}

/// Which terms have their sense read from the words around them, and the
/// words that tell.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct SenseSection {
    /// The roles whose terms are classified (`client`).
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    /// The cues, in groups of one sense and weight.
    #[serde(default)]
    pub cues: Vec<CueGroup>,
}

/// Cue words of one sense and one weight.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CueGroup {
    /// The sense the words point to.
    pub sense: CueSense,
    /// How strongly, from 1 to 9.
    pub weight: Spanned<u8>,
    /// Words or phrases, matched case-insensitively as whole words; a
    /// trailing `*` allows any ending (`request*`).
    pub words: Vec<Spanned<String>>,
}

/// The sense a cue points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CueSense {
    /// Software.
    Technical,
    /// The people a business serves.
    Business,
}

/// The words that join the two sides of a contrast or a choice.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ContrastSection {
    /// Regexes for short words that may stand between a connector and a
    /// term: articles, possessives, a repeated preposition.
    #[serde(default)]
    pub particles: Vec<Spanned<String>>,
    /// Regexes for the words that may follow the second term of a contrast
    /// (besides punctuation and the end of the line): what ends its phrase.
    #[serde(default)]
    pub ends: Vec<Spanned<String>>,
    /// Regexes for words that, right before the first term, make it a kind
    /// of its own (`перспективный клиент или клиент` is no collapse).
    #[serde(default)]
    pub qualifiers: Vec<Spanned<String>>,
    /// Regexes (case-sensitive) for words that, right after the second term
    /// of a clause contrast, make it a kind of its own (`клиенты B2B`).
    #[serde(default)]
    pub modifiers: Vec<Spanned<String>>,
    /// Regexes (case-sensitive) for the modifiers that may follow the
    /// second term past a comma, as a language sets some off by one
    /// (`клиенты, делающие заказ`); past a comma nothing else is one.
    #[serde(default)]
    pub comma_modifiers: Vec<Spanned<String>>,
    /// Regexes for a modifier that may end the gap before the second of
    /// two different terms set against each other (`a shop's`, `网店的`).
    #[serde(default)]
    pub side_modifiers: Vec<Spanned<String>>,
    /// Regexes for the words that start a predicate right after the second
    /// term of an open contrast, for a language without spaces
    /// (`通常`, `可以`).
    #[serde(default)]
    pub clause_starts: Vec<Spanned<String>>,
    /// The connectors.
    #[serde(default)]
    pub connector: Vec<ConnectorEntry>,
}

/// One connector: regex alternatives for the text before, between and
/// after the two terms.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ConnectorEntry {
    /// Text that must end right before the first term (`between`, `между`).
    #[serde(default)]
    pub before: Vec<Spanned<String>>,
    /// The whole text between the two terms, quotes and emphasis aside.
    pub between: Vec<Spanned<String>>,
    /// Text that must follow the second term (replaces the phrase-end check).
    #[serde(default)]
    pub after: Vec<Spanned<String>>,
    /// Whether both terms must be in quotes: `«клиент» и «клиент»` talks
    /// about two words, `клиент и клиент` may not.
    #[serde(default)]
    pub quoted: bool,
    /// Whether the connector joins two clauses, so that the second term
    /// starts a clause and may be followed by anything but a modifier.
    #[serde(default)]
    pub clause: bool,
    /// Whether the connector alone makes the contrast plain (`не …, а`,
    /// `unlike …,`, `不是…，而是`), so that the second term, like a
    /// clause's, may be followed by anything but a modifier.
    #[serde(default)]
    pub open: bool,
}

/// One term with its whole paradigm.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TermEntry {
    /// Dictionary form, also the term's identity in placeholders.
    pub lemma: Spanned<String>,
    /// Role the term names (`client`, `customer`, `member`, …).
    pub role: Spanned<String>,
    /// Grammatical gender, where the language has one.
    pub gender: Option<Gender>,
    /// For a feminine term: the lemma of its masculine counterpart.
    pub masculine: Option<Spanned<String>>,
    /// One form per slot; `|` separates spelling variants of one slot.
    pub forms: Spanned<Vec<String>>,
}

/// Grammatical gender of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Gender {
    /// Masculine (also the common gender of Russian role nouns).
    Masculine,
    /// Feminine.
    Feminine,
}

/// A list of phrase templates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PhraseGroup {
    /// Templates: `{lemma}` is any form of a term, `(a|b)` alternatives.
    pub phrases: Vec<Spanned<String>>,
}

/// A business type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BusinessEntry {
    /// Name used in `business = "…"`.
    pub name: Spanned<String>,
    /// The role this business calls the people it serves, if it has one.
    pub prefer: Option<Spanned<String>>,
    /// Roles that are wrong for this business.
    #[serde(default)]
    pub discourage: Vec<Spanned<String>>,
    /// One line on what kind of business this is.
    pub summary: String,
}
