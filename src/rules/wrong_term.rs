//! `wrong-term`: a business-sense term whose role the declared business
//! type discourages, with the preferred term in the same form as a fix.

use super::agreement::widen;
use super::{Context, about, replacement};
use crate::diagnostic::Diagnostic;
use crate::lexicon::Sense;
use crate::registry::RuleId;

/// Flag every business-sense term of a discouraged role.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let Some(business) = ctx.settings.business().map(|id| ctx.lexicon.business(id)) else {
        return Vec::new();
    };
    let Some(prefer) = business.prefer.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for occurrence in ctx
        .occurrences
        .iter()
        .filter(|o| o.sense == Sense::Business)
    {
        let term = ctx.lexicon.term(occurrence.term);
        if !business.discourage.contains(&term.role) {
            continue;
        }
        let mut d = about(ctx, RuleId::WrongTerm, occurrence);
        d.message = format!(
            "`{}` is a {} term, but a {} business has {prefer}s",
            d.matched, term.role, business.name
        );
        match ctx.lexicon.preferred(term.lang, prefer, occurrence.term) {
            Some(target) => match replacement(ctx, occurrence, &d.matched, target) {
                Ok(replacement) => {
                    let replacement = widen(ctx, occurrence, &mut d, replacement);
                    // A line break the fix keeps would break the label's line.
                    let said = replacement.split_whitespace().collect::<Vec<_>>().join(" ");
                    d.label = format!("say `{said}`");
                    d.suggestion = Some(replacement);
                    d.fixable = true;
                }
                Err(help) => {
                    d.label = format!("{} term", term.role);
                    d.help = Some(help);
                }
            },
            None => {
                d.label = format!("{} term", term.role);
                d.help = Some(format!(
                    "the {} term pack names no preferred {prefer} term; rewrite it by hand",
                    ctx.lexicon.language(term.lang).name
                ));
            }
        }
        out.push(d);
    }
    out
}
