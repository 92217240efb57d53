//! `self-contrast`: a term set against itself. The text meant two things
//! and says one word for both, so the reader cannot follow it: the mark of
//! a translation that collapsed two terms into one. Five shapes, one file
//! each: a contrast or choice with the same term on both sides, a heading
//! repeated in one section, a list defining the same term twice, a list
//! offering it twice as a choice, and a table heading two columns with it
//! or defining it twice. Chinese pairs no connector describes are then
//! scored by a learned model (`model.rs`).

mod choices;
mod glossary;
mod headings;
mod model;
mod pairs;
mod tables;

use super::{Context, about};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::{Occurrence, TermId, fold};
use crate::registry::RuleId;
use crate::span::Span;

/// Run the five checks, then the learned one.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    if ctx.occurrences.len() < 2 {
        return Vec::new();
    }
    let mut out = pairs::check(ctx);
    out.extend(headings::check(ctx));
    out.extend(glossary::check(ctx));
    out.extend(choices::check(ctx));
    out.extend(tables::check(ctx));
    let learned = pairs::check_learned(ctx, &out);
    out.extend(learned);
    out
}

/// Whether two occurrences are the same word: forms of one lemma, or the
/// same technical or fixed phrase (`客户端` and `客户端`, but not `customer
/// service` and `customer success`). A feminine form and its masculine are
/// not the same word here: `клиент или клиентка`, `клиентов и клиенток`
/// name both genders on purpose.
fn same_word(ctx: &Context<'_>, a: &Occurrence, b: &Occurrence) -> bool {
    match (a.phrase == a.span, b.phrase == b.span) {
        (true, true) => {
            let feminine = |o: &Occurrence| ctx.lexicon.term(o.term).masculine.is_some();
            ctx.lexicon.base_term(a.term) == ctx.lexicon.base_term(b.term)
                && feminine(a) == feminine(b)
        }
        (false, false) => {
            let (Some(x), Some(y)) = (a.phrase.slice(ctx.text), b.phrase.slice(ctx.text)) else {
                return false;
            };
            x.len() == y.len() && fold(x) == fold(y)
        }
        _ => false,
    }
}

/// The word two occurrences share, as the message names it: the lemma, or
/// the phrase as first written.
fn word_of(ctx: &Context<'_>, occurrence: &Occurrence) -> String {
    if occurrence.phrase == occurrence.span {
        ctx.lexicon
            .term(ctx.lexicon.base_term(occurrence.term))
            .lemma
            .clone()
    } else {
        occurrence
            .phrase
            .slice(ctx.text)
            .unwrap_or_default()
            .to_owned()
    }
}

/// The innermost block of `blocks` (in order of their start, an outer one
/// before those in it) that holds `at`.
fn innermost(blocks: &[Span], at: Span) -> Option<Span> {
    let starting_before = blocks.partition_point(|b| b.start <= at.start);
    blocks[..starting_before]
        .iter()
        .rev()
        .find(|b| b.contains(at))
        .copied()
}

/// How to settle a collapse, with the language's own client and customer
/// terms, in the gender of `term`, as the example of two distinct words.
fn advice(ctx: &Context<'_>, term: TermId) -> String {
    let lang = ctx.lexicon.term(term).lang;
    let lemma = |role: &str| {
        ctx.lexicon
            .preferred(lang, role, term)
            .map(|id| ctx.lexicon.term(id).lemma.clone())
    };
    match (lemma("client"), lemma("customer")) {
        (Some(client), Some(customer)) => format!(
            "the translation collapsed two terms into one: check the source and use two distinct terms, e.g. `{client}` / `{customer}`"
        ),
        _ => "the translation collapsed two terms into one: check the source and use two distinct terms".to_owned(),
    }
}

/// A self-contrast diagnostic on `span` (the second place), with the term
/// fields of `occurrence` and a note at `first`.
fn diagnostic(
    ctx: &Context<'_>,
    occurrence: &Occurrence,
    span: Span,
    first: Related,
) -> Diagnostic {
    let mut d = about(ctx, RuleId::SelfContrast, occurrence);
    d.span = span;
    d.matched = span.slice(ctx.text).unwrap_or_default().to_owned();
    d.help = Some(advice(ctx, occurrence.term));
    d.related.push(first);
    d
}

#[cfg(test)]
mod tests;
