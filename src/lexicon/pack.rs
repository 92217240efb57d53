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
