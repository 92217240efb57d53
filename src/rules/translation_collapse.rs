//! `translation-collapse`: a translation that lost the source's
//! distinction between clients and customers, found by comparing each
//! aligned stretch of the translation with its source.

use std::collections::BTreeMap;

use super::{CLIENT_AND_CUSTOMER as ROLES, Context};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Elsewhere, Related};
use crate::lexicon::{LangId, Lexicon, Occurrence, Sense};
use crate::markdown::Outline;
use crate::registry::RuleId;
use crate::source::SourceFile;
use crate::span::Span;
use crate::translation::align::{Alignment, Structure, UnitPair, align};

/// How many of a finding's terms are marked, the first among them; the
/// counts name them all.
const MARKED_TERMS: usize = 6;

/// The source of a translation, read and its terms found: what the rule
/// compares the translation with.
#[derive(Debug)]
pub(crate) struct SourceDocument {
    /// Its path as shown.
    pub(crate) path: String,
    /// Its text.
    pub(crate) file: SourceFile,
    /// Its structure, which the translation's is aligned with.
    pub(crate) outline: Outline,
    /// Its language.
    pub(crate) language: LangId,
    /// Its business-sense terms in its own language, in order.
    pub(crate) terms: Vec<Occurrence>,
}

/// What a translation is compared with.
#[derive(Debug)]
pub(crate) struct Paired {
    /// Its source.
    pub(crate) source: SourceDocument,
    /// The translation's language, when its path names one.
    pub(crate) language: Option<String>,
}

/// The source of a translation, as one stretch is compared.
struct Source<'a> {
    /// Its path as shown.
    path: &'a str,
    /// Its text.
    file: &'a SourceFile,
    /// Its business-sense terms in its own language, in order.
    terms: &'a [Occurrence],
}

/// A translation, as one stretch is compared.
struct Translation<'a> {
    /// Its text.
    text: &'a str,
    /// Its business-sense terms in its own language, in order.
    terms: &'a [Occurrence],
    /// Its language.
    language: LangId,
}

/// What went wrong in one aligned stretch.
#[derive(Debug, PartialEq, Eq)]
enum Loss {
    /// Every term of the translation has this role.
    Collapse(String),
    /// The translation uses client terms for the source's customer terms
    /// and customer terms for its client terms.
    Swap,
}

/// The findings of the translation in `ctx` compared with its source,
/// when it has one.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let Some(paired) = ctx.paired else {
        return Vec::new();
    };
    let (lexicon, source) = (ctx.lexicon, &paired.source);
    // Without both roles the source has no distinction to lose.
    let tells_roles_apart = ROLES
        .iter()
        .all(|r| source.terms.iter().any(|o| lexicon.term(o.term).role == *r));
    if !tells_roles_apart {
        return Vec::new();
    }
    let Some(language) = paired
        .language
        .as_deref()
        .and_then(|code| lexicon.find_language(code))
        .or_else(|| main_language(lexicon, ctx.occurrences, source.language))
    else {
        return Vec::new();
    };
    let terms = business_terms(lexicon, ctx.occurrences, language);
    let alignment = align(
        Structure {
            len: source.file.text().len(),
            outline: &source.outline,
        },
        Structure {
            len: ctx.text.len(),
            outline: ctx.outline,
        },
    );
    let source = Source {
        path: &source.path,
        file: &source.file,
        terms: &source.terms,
    };
    let translation = Translation {
        text: ctx.text,
        terms: &terms,
        language,
    };
    compare(lexicon, ctx.settings, &alignment, &source, &translation)
}

/// The business-sense terms of `language` among `found`, in order.
pub(crate) fn business_terms(
    lexicon: &Lexicon,
    found: &[Occurrence],
    language: LangId,
) -> Vec<Occurrence> {
    found
        .iter()
        .filter(|o| o.sense == Sense::Business && lexicon.term(o.term).lang == language)
        .cloned()
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

/// The findings of one translation compared with its source under
/// `settings` (the translation's), the smallest stretches first: a block
/// that lost the distinction is reported instead of its section, a section
/// instead of the document.
fn compare(
    lexicon: &Lexicon,
    settings: &Settings,
    alignment: &Alignment,
    source: &Source<'_>,
    translation: &Translation<'_>,
) -> Vec<Diagnostic> {
    // Only two paragraphs are close enough to read the translation's
    // words term for term against the source's.
    let compare = |unit: &UnitPair, paragraph: bool| {
        let source_terms = within(source.terms, unit.source);
        let translation_terms = within(translation.terms, unit.translation);
        let loss = loss(lexicon, source_terms, translation_terms)?;
        diagnostic(
            lexicon,
            settings,
            (source, source_terms, unit.source),
            (translation, translation_terms),
            &loss,
            paragraph,
        )
    };
    let mut found = Vec::new();
    for section in &alignment.sections {
        let before = found.len();
        found.extend(section.blocks.iter().filter_map(|b| compare(b, true)));
        if found.len() == before {
            found.extend(compare(&section.section, false));
        }
    }
    if found.is_empty() {
        found.extend(compare(&alignment.document, false));
    }
    found
}

/// The terms inside `span`.
fn within(terms: &[Occurrence], span: Span) -> &[Occurrence] {
    let start = terms.partition_point(|o| o.span.start < span.start);
    let end = terms.partition_point(|o| o.span.start < span.end);
    &terms[start..end.max(start)]
}

fn role<'a>(lexicon: &'a Lexicon, occurrence: &Occurrence) -> &'a str {
    &lexicon.term(occurrence.term).role
}

/// How many terms each role has.
fn role_counts<'a>(lexicon: &'a Lexicon, terms: &[Occurrence]) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for o in terms {
        *counts.entry(role(lexicon, o)).or_insert(0) += 1;
    }
    counts
}

/// What the translation lost of the source's distinction, if anything.
fn loss(lexicon: &Lexicon, source: &[Occurrence], translation: &[Occurrence]) -> Option<Loss> {
    let source_counts = role_counts(lexicon, source);
    if ROLES
        .iter()
        .any(|r| source_counts.get(r).copied().unwrap_or(0) == 0)
    {
        return None;
    }
    let translation_counts = role_counts(lexicon, translation);
    // The roles the translation gives the source's clients and customers:
    // its client and customer terms, and the terms of another role (a
    // `user`) beyond as many as the source has of that role.
    let standing_in: Vec<&str> = translation_counts
        .iter()
        .filter(|(role, count)| {
            ROLES.contains(role) || **count > source_counts.get(*role).copied().unwrap_or(0)
        })
        .map(|(role, _)| *role)
        .collect();
    match standing_in.as_slice() {
        [only] => return Some(Loss::Collapse((*only).to_owned())),
        [] => return None,
        _ => {}
    }
    let sequence = |terms: &[Occurrence]| -> Vec<usize> {
        terms
            .iter()
            .filter_map(|o| ROLES.iter().position(|r| *r == role(lexicon, o)))
            .collect()
    };
    let (source_roles, translation_roles) = (sequence(source), sequence(translation));
    let swapped = source_roles.len() == translation_roles.len()
        && translation_roles.contains(&0)
        && translation_roles.contains(&1)
        && source_roles
            .iter()
            .zip(&translation_roles)
            .all(|(s, t)| s != t);
    swapped.then_some(Loss::Swap)
}

/// `client ×3, customer ×5`: how often each name occurs, in the order
/// given.
fn tally<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for name in names {
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    counts
        .iter()
        .map(|(name, count)| format!("{name} ×{count}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn diagnostic(
    lexicon: &Lexicon,
    settings: &Settings,
    (source, source_terms, source_unit): (&Source<'_>, &[Occurrence], Span),
    (translation, translation_terms): (&Translation<'_>, &[Occurrence]),
    loss: &Loss,
    paragraph: bool,
) -> Option<Diagnostic> {
    let lemma = |o: &Occurrence| lexicon.term(lexicon.base_term(o.term)).lemma.as_str();
    // The source's roles in a fixed order, the translation's words in the
    // order they come.
    let source_tally = tally(
        ROLES
            .iter()
            .flat_map(|r| source_terms.iter().filter(move |o| role(lexicon, o) == *r))
            .map(|o| role(lexicon, o)),
    );
    let translation_tally = tally(translation_terms.iter().map(lemma));
    let marked: Vec<&Occurrence> = translation_terms
        .iter()
        .filter(|o| match loss {
            Loss::Collapse(kept) => role(lexicon, o) == kept,
            Loss::Swap => ROLES.contains(&role(lexicon, o)),
        })
        .collect();
    let (first, rest) = marked.split_first()?;
    let text = translation.text;
    let source_text = source.file.text();
    // Term for term, when the two stretches have as many: which source
    // word each translation word stands for.
    let counterparts: Vec<&Occurrence> = source_terms
        .iter()
        .filter(|o| ROLES.contains(&role(lexicon, o)))
        .collect();
    let counterpart = |i: usize| {
        let o = counterparts
            .get(i)
            .filter(|_| paragraph && counterparts.len() == marked.len())?;
        Some(format!("the source's `{}`", o.span.slice(source_text)?))
    };
    let (message, label) = match loss {
        Loss::Collapse(_) => {
            let mut words: Vec<String> = Vec::new();
            for o in &marked {
                let word = format!("`{}`", lemma(o));
                if !words.contains(&word) {
                    words.push(word);
                }
            }
            (
                format!(
                    "the translation has one role where its source has two: {translation_tally} for {source_tally}"
                ),
                format!("{} stands for both client and customer", words.join(", ")),
            )
        }
        Loss::Swap => {
            let became = |r: &str| {
                let word = counterparts
                    .iter()
                    .zip(&marked)
                    .find(|(s, _)| role(lexicon, s) == r)
                    .map_or("", |(_, t)| lemma(t));
                format!("`{word}`")
            };
            (
                format!(
                    "the translation swaps client and customer: the source's client is {} here, its customer {}",
                    became(ROLES[0]),
                    became(ROLES[1])
                ),
                counterpart(0).unwrap_or_else(|| "the source has the other role here".to_owned()),
            )
        }
    };
    let source_span = source_terms
        .first()
        .map_or(source_unit, |o| Span::new(o.span.start, source_unit.end));
    let elsewhere = Elsewhere {
        path: source.path.to_owned(),
        start: source.file.line_column(source_span.start),
        end: source.file.line_column(source_span.end),
    };
    let mut related = vec![Related {
        span: source_span,
        message: format!("source: {source_tally}; translation: {translation_tally}"),
        elsewhere: Some(elsewhere),
    }];
    related.extend(
        rest.iter()
            .enumerate()
            .take(MARKED_TERMS - 1)
            .map(|(i, o)| {
                let message = counterpart(i + 1).unwrap_or_else(|| "and here".to_owned());
                Related::here(o.span, message)
            }),
    );
    let term = lexicon.term(first.term);
    Some(Diagnostic {
        rule: RuleId::TranslationCollapse,
        severity: RuleId::TranslationCollapse.meta().default_severity,
        span: first.span,
        message,
        label,
        lang: lexicon.language(translation.language).code.clone(),
        role: term.role.clone(),
        term: term.lemma.clone(),
        matched: first.span.slice(text).unwrap_or_default().to_owned(),
        suggestion: None,
        widened: None,
        fixable: false,
        help: Some(advice(lexicon, settings, translation.language, first)),
        related,
        sense: Some(crate::sense::note(lexicon, first)),
    })
}

/// Which terms of `language` the business type gives each role, said as
/// advice.
fn advice(lexicon: &Lexicon, settings: &Settings, language: LangId, like: &Occurrence) -> String {
    let business = settings.business().map(|id| lexicon.business(id));
    let target = |role: &str| {
        let role = match business {
            Some(b) if b.discourage.iter().any(|d| d == role) => b.prefer.as_deref(),
            _ => Some(role),
        }?;
        let term = lexicon.preferred(language, role, like.term)?;
        Some(lexicon.term(term).lemma.clone())
    };
    let [client, customer] = ROLES.map(target);
    let named = |role: &str, term: &Option<String>| match term {
        Some(term) => format!("{role} → `{term}`"),
        None => format!("{role} → (no term; the business type discourages it)"),
    };
    match business {
        Some(b) if client == customer => format!(
            "business type `{}` calls both roles {}: the source goes against it too (see `wrong-term`); settle the source, then the translation",
            b.name,
            client.map_or_else(|| "by another name".to_owned(), |t| format!("`{t}`"))
        ),
        Some(b) => format!(
            "keep the roles apart as the source does; business type `{}` uses {}, {}",
            b.name,
            named("client", &client),
            named("customer", &customer)
        ),
        None => format!(
            "keep the roles apart as the source does: {}, {}",
            named("client", &client),
            named("customer", &customer)
        ),
    }
}
