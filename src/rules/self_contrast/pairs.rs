//! A contrast or a choice with the same word on both sides: `client vs
//! client`, `между клиентом и клиентом`, `客户与客户`.

use super::{diagnostic, model, same_word, word_of};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::{Occurrence, within_contrast_reach};
use crate::rules::Context;

/// Flag the second side of every self-contrast.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let occurrences = ctx.occurrences;
    let mut out = Vec::new();
    // A connector fills the whole gap: the next occurrence is the other
    // side, or the one after it where another word stands between, as a
    // term may say which group a side is (`把签约企业称为“客户”，把零售买家
    // 称为“客户”`). That word must stand apart from both sides, words
    // between: glued to one (`顾客客户与顾客客户`) it makes a compound the
    // sides share, and a list of two words said over and over
    // (`клиентами и заказчиками, клиентами…`) sets nothing apart.
    let next = occurrences.iter().zip(occurrences.iter().skip(1));
    let past_other = occurrences
        .iter()
        .zip(occurrences.iter().skip(1))
        .zip(occurrences.iter().skip(2))
        .filter(|((first, middle), second)| {
            !same_word(ctx, first, middle)
                && has_letters(ctx.text, first.phrase.end, middle.phrase.start, 1)
                && has_letters(ctx.text, middle.phrase.end, second.phrase.start, 2)
        })
        .map(|((first, _), second)| (first, second));
    for (first, second) in next.chain(past_other) {
        if !within_contrast_reach(first, second) || !same_word(ctx, first, second) {
            continue;
        }
        let lang = ctx.lexicon.language(ctx.lexicon.term(first.term).lang);
        if lang.contrasts(ctx.text, first.phrase, second.phrase) {
            out.push(flag(ctx, first, second));
        }
    }
    out
}

/// Flag the second side of every Chinese pair the learned model reads as
/// a collapse, unless one of `found` is there already.
pub(super) fn check_learned(ctx: &Context<'_>, found: &[Diagnostic]) -> Vec<Diagnostic> {
    // Sorted, so that a page dense with findings is not read once per pair.
    let mut taken: Vec<(usize, usize)> = found.iter().map(|d| (d.span.start, d.span.end)).collect();
    taken.sort_unstable();
    learned(ctx)
        .into_iter()
        .filter(|(_, second)| {
            let at = (second.phrase.start, second.phrase.end);
            taken.binary_search(&at).is_err()
        })
        .map(|(first, second)| flag(ctx, first, second))
        .collect()
}

/// The Chinese pairs the learned model reads as collapses: each role word
/// with the nearest same word after it in its sentence, role words inside
/// technical or fixed phrases (`客户端`) left out.
fn learned<'a>(ctx: &Context<'a>) -> Vec<(&'a Occurrence, &'a Occurrence)> {
    let Some(chinese) = ctx.lexicon.find_language("zh") else {
        return Vec::new();
    };
    let plain: Vec<&Occurrence> = ctx
        .occurrences
        .iter()
        .filter(|o| o.phrase == o.span && ctx.lexicon.term(o.term).lang == chinese)
        .collect();
    if plain.len() < 2 {
        return Vec::new();
    }
    // Read on first use: a run that meets no two Chinese words never reads it.
    let Some(model) = model::chinese() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, first) in plain.iter().enumerate() {
        let reach = model::sentence_reach(ctx.text, first.phrase.end);
        let Some(second) = plain[i + 1..]
            .iter()
            .take_while(|o| o.phrase.start <= reach)
            .find(|o| same_word(ctx, first, o))
        else {
            continue;
        };
        let (a, b) = (first.phrase, second.phrase);
        if model.collapses(ctx.text, (a.start, a.end), (b.start, b.end)) {
            out.push((*first, *second));
        }
    }
    out
}

/// The diagnostic for `second`, set against `first`.
fn flag(ctx: &Context<'_>, first: &Occurrence, second: &Occurrence) -> Diagnostic {
    let word = word_of(ctx, first);
    let first_text = first.phrase.slice(ctx.text).unwrap_or_default();
    let related = Related::here(first.phrase, format!("first side: `{first_text}`"));
    let mut d = diagnostic(ctx, second, second.phrase, related);
    d.message = format!("`{word}` is contrasted with itself");
    d.label = "the same term on the other side".to_owned();
    d
}

/// Whether `text` holds at least `least` letters (Han characters
/// included) from `start` to `end`. It stops at the last one it needs:
/// two terms may stand a page apart.
fn has_letters(text: &str, start: usize, end: usize, least: usize) -> bool {
    text.get(start..end).is_some_and(|between| {
        between
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(least)
            .count()
            == least
    })
}
