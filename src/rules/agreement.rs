//! The words beside a replaced term that a fix changes with it.

use super::Context;
use crate::diagnostic::{Diagnostic, Widened};
use crate::lexicon::Occurrence;
use crate::span::Span;

/// The suggestion of `d`, about `occurrence`, whose term becomes
/// `replacement`; when the preposition before the term must change with it
/// (`о клиенте` → `об участнике`), `d` is widened to the preposition, so
/// that a fix writes over both and keeps what lies between them, while the
/// finding itself stays on the term.
pub(super) fn widen(
    ctx: &Context<'_>,
    occurrence: &Occurrence,
    d: &mut Diagnostic,
    replacement: String,
) -> String {
    let language = ctx.lexicon.language(ctx.lexicon.term(occurrence.term).lang);
    let Some((preposition, spelling)) =
        language.preposition_change(ctx.text, d.span, occurrence.slots, &replacement)
    else {
        return replacement;
    };
    // Code or markup before the term is no preposition of its sentence.
    if !ctx.outline.prose.covers(preposition) {
        return replacement;
    }
    let (Some(between), Some(matched)) = (
        ctx.text.get(preposition.end..d.span.start),
        ctx.text.get(preposition.start..d.span.end),
    ) else {
        return replacement;
    };
    let suggestion = format!("{spelling}{between}{replacement}");
    d.widened = Some(Widened {
        span: Span::new(preposition.start, d.span.end),
        text: matched.to_owned(),
    });
    suggestion
}
