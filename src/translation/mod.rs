//! Translations and their sources: which documents pair up
//! ([`pairing`]), which stretches of them correspond ([`align`]), and the
//! `translation-collapse` rule run on a pair.

pub mod align;
pub mod pairing;

use std::borrow::Cow;
use std::path::Path;

use crate::config::{Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::directives::Directives;
use crate::error::Error;
use crate::lexicon::{LangId, Lexicon, Occurrence, Sense};
use crate::lint::{
    Unreadable, decode, may_have_findings, outline_and_occurrences, with_front_matter,
};
use crate::markdown::Outline;
use crate::registry::RuleId;
use crate::rules::CLIENT_AND_CUSTOMER;
use crate::rules::translation_collapse::{self, Source, Translation};
use crate::source::SourceFile;
use align::{Structure, align};

/// The source of a translation, read and its terms found.
#[derive(Debug)]
pub struct Original {
    path: String,
    file: SourceFile,
    outline: Outline,
    language: LangId,
    /// Its business-sense terms in its own language, in order.
    terms: Vec<Occurrence>,
}

impl Original {
    /// Read the source at `path`, shown as `shown`, whose language is
    /// `language`, under `config`'s settings for `absolute`. `Ok(None)`: a
    /// binary file, or a language clientele has no pack for.
    pub fn read(
        path: &Path,
        shown: String,
        absolute: &Path,
        config: &Config,
        language: &str,
    ) -> Result<Option<Self>, Error> {
        let lexicon = config.lexicon();
        let Some(language) = lexicon.find_language(language) else {
            return Ok(None);
        };
        let bytes = crate::read::read_file(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = match decode(path, bytes) {
            Ok(text) => text,
            Err(Unreadable::Skipped(_)) => return Ok(None),
            Err(Unreadable::Failed(error)) => return Err(error),
        };
        let settings = config.settings_for(absolute);
        let (outline, found) = outline_and_occurrences(&text, lexicon, &settings);
        let terms = business_terms(lexicon, found, language, |_| true);
        Ok(Some(Self {
            path: shown,
            file: SourceFile::new(text),
            outline,
            language,
            terms,
        }))
    }

    /// Whether the source has both client and customer terms: without
    /// them it has no distinction for a translation to lose.
    pub fn tells_roles_apart(&self, lexicon: &Lexicon) -> bool {
        CLIENT_AND_CUSTOMER.iter().all(|role| {
            self.terms
                .iter()
                .any(|o| lexicon.term(o.term).role == *role)
        })
    }

    /// The `translation-collapse` findings of the translation at `path`,
    /// whose text is `text` and whose path names its language as
    /// `language` (when it does), under `settings`, sorted by position.
    pub fn compare(
        &self,
        path: &Path,
        text: &str,
        language: Option<&str>,
        lexicon: &Lexicon,
        settings: &Settings,
    ) -> Result<Vec<Diagnostic>, Error> {
        if !self.tells_roles_apart(lexicon) || !may_have_findings(text, lexicon) {
            return Ok(Vec::new());
        }
        let (outline, found) = outline_and_occurrences(text, lexicon, settings);
        let settings = match with_front_matter(path, text, &outline, lexicon, settings)? {
            Some(settings) => Cow::Owned(settings),
            None => Cow::Borrowed(settings),
        };
        let rule = RuleId::TranslationCollapse;
        let Some(severity) = settings.severity(rule) else {
            return Ok(Vec::new());
        };
        let Some(language) = language
            .and_then(|code| lexicon.find_language(code))
            .or_else(|| main_language(lexicon, &found, self.language))
        else {
            return Ok(Vec::new());
        };
        let directives = Directives::parse(text, &outline.html);
        let terms = business_terms(lexicon, found, language, |o| {
            !directives.suppresses(rule, o.span.start)
        });
        let alignment = align(
            Structure {
                len: self.file.text().len(),
                outline: &self.outline,
            },
            Structure {
                len: text.len(),
                outline: &outline,
            },
        );
        let source = Source {
            path: &self.path,
            file: &self.file,
            terms: &self.terms,
        };
        let translation = Translation {
            text,
            terms: &terms,
            language,
        };
        let mut found =
            translation_collapse::check(lexicon, &settings, &alignment, &source, &translation);
        for d in &mut found {
            d.severity = severity;
        }
        found.sort_by_key(|d| d.span);
        Ok(found)
    }
}

/// The business-sense terms of `language` among `found` that `keep`
/// keeps, in order.
fn business_terms(
    lexicon: &Lexicon,
    found: Vec<Occurrence>,
    language: LangId,
    keep: impl Fn(&Occurrence) -> bool,
) -> Vec<Occurrence> {
    found
        .into_iter()
        .filter(|o| o.sense == Sense::Business && lexicon.term(o.term).lang == language && keep(o))
        .collect()
}

/// The language, other than the source's, with the most business-sense
/// terms in a translation whose path names none.
fn main_language(lexicon: &Lexicon, found: &[Occurrence], source: LangId) -> Option<LangId> {
    let mut counts: Vec<(LangId, usize)> = Vec::new();
    for o in found.iter().filter(|o| o.sense == Sense::Business) {
        let lang = lexicon.term(o.term).lang;
        if lang == source {
            continue;
        }
        match counts.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, count)) => *count += 1,
            None => counts.push((lang, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, count)| *count)
        .map(|(l, _)| l)
}
