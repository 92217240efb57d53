//! `mixed-terms`: with no business type declared (or `mixed`), one
//! document must not call the same people clients in one place and
//! customers in another. The minority role is flagged, per language.

use super::agreement::widen;
use super::{CLIENT_AND_CUSTOMER as ROLES, Context, about, replacement};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::{LangId, Occurrence, Sense, TermId};
use crate::registry::RuleId;

/// Flag the minority role's occurrences in each language of the document.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let declared = ctx.settings.business().map(|id| ctx.lexicon.business(id));
    if declared.is_some_and(|b| b.prefer.is_some()) {
        return Vec::new();
    }
    let mut languages: Vec<LangId> = Vec::new();
    for occurrence in ctx.occurrences {
        let lang = ctx.lexicon.term(occurrence.term).lang;
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    languages
        .into_iter()
        .flat_map(|lang| check_language(ctx, lang))
        .collect()
}

fn check_language(ctx: &Context<'_>, lang: LangId) -> Vec<Diagnostic> {
    // Per role: its business-sense occurrences in this language, in order.
    let by_role: Vec<Vec<&Occurrence>> = ROLES
        .iter()
        .map(|role| {
            ctx.occurrences
                .iter()
                .filter(|o| o.sense == Sense::Business)
                .filter(|o| {
                    let term = ctx.lexicon.term(o.term);
                    term.lang == lang && term.role == *role
                })
                .collect()
        })
        .collect();
    let [clients, customers] = [&by_role[0], &by_role[1]];
    let (Some(first_client), Some(first_customer)) = (clients.first(), customers.first()) else {
        return Vec::new();
    };
    let client_wins = clients.len() > customers.len()
        || (clients.len() == customers.len() && first_client.span < first_customer.span);
    let (majority, minority, majority_role) = if client_wins {
        (clients, customers, ROLES[0])
    } else {
        (customers, clients, ROLES[1])
    };
    let total = majority.len() + minority.len();
    let dominant = dominant_term(ctx, majority);
    let dominant_lemma = &ctx.lexicon.term(dominant).lemma;
    let first = majority[0];
    let related = Related::here(
        first.span,
        format!(
            "`{}` ({majority_role}) is used {} of {total} times, first here",
            dominant_lemma,
            majority.len()
        ),
    );
    minority
        .iter()
        .map(|occurrence| {
            let mut d = about(ctx, RuleId::MixedTerms, occurrence);
            d.message = format!(
                "`{}` ({}) in a document that mostly says `{dominant_lemma}` ({majority_role})",
                d.matched, d.role
            );
            d.label = format!("{} term, {} of {total} uses", d.role, minority.len());
            let target = ctx.lexicon.counterpart(dominant, occurrence.term);
            match replacement(ctx, occurrence, &d.matched, target) {
                Ok(replacement) => {
                    let replacement = widen(ctx, occurrence, &mut d, replacement);
                    d.help = Some(format!(
                        "say `{replacement}` as the rest of the document does, or declare `business` in clientele.toml"
                    ));
                    d.suggestion = Some(replacement);
                    d.fixable = ctx.settings.fix_mixed_terms();
                }
                Err(help) => d.help = Some(help),
            }
            d.related.push(related.clone());
            d
        })
        .collect()
}

/// The term the majority uses most (feminine forms counted with their
/// masculine counterpart); on a tie, the one used first.
fn dominant_term(ctx: &Context<'_>, majority: &[&Occurrence]) -> TermId {
    let mut counts: Vec<(TermId, usize)> = Vec::new();
    for occurrence in majority {
        let base = ctx.lexicon.base_term(occurrence.term);
        match counts.iter_mut().find(|(id, _)| *id == base) {
            Some((_, n)) => *n += 1,
            None => counts.push((base, 1)),
        }
    }
    // `max_by_key` keeps the last of equals; scanning in reverse keeps the first.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map_or(majority[0].term, |(id, _)| *id)
}
