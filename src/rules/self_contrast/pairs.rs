//! A contrast or a choice with the same word on both sides: `client vs
//! client`, `между клиентом и клиентом`, `客户与客户`.

use super::{diagnostic, same_word, word_of};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::within_contrast_reach;
use crate::rules::Context;

/// Flag the second side of every self-contrast.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let occurrences = ctx.occurrences;
    let mut out = Vec::new();
    // A connector fills the whole gap and holds no term: only the next
    // occurrence can be the other side.
    for (first, second) in occurrences.iter().zip(occurrences.iter().skip(1)) {
        if !within_contrast_reach(first, second) || !same_word(ctx, first, second) {
            continue;
        }
        let lang = ctx.lexicon.language(ctx.lexicon.term(first.term).lang);
        if !lang.contrasts(ctx.text, first.phrase, second.phrase) {
            continue;
        }
        let word = word_of(ctx, first);
        let first_text = first.phrase.slice(ctx.text).unwrap_or_default();
        let related = Related::here(first.phrase, format!("first side: `{first_text}`"));
        let mut d = diagnostic(ctx, second, second.phrase, related);
        d.message = format!("`{word}` is contrasted with itself");
        d.label = "the same term on the other side".to_owned();
        out.push(d);
    }
    out
}
