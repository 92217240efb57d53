//! `wrong-term`: a business-sense term whose role the declared business
//! type discourages, with the preferred term in the same form as a fix.

use super::{Context, RuleId, about};
use crate::diagnostic::Diagnostic;
use crate::lexicon::Sense;

/// What `clientele explain wrong-term` prints.
pub(crate) const EXPLANATION: &str = r#"# wrong-term

## What it does
Flags a term, in its business sense, whose role the declared business type
discourages: `customer` (and `покупатель`, `заказчик`, `顾客`) in a
`relationship` business, `client` (`клиент`, `客户`) in a `transactional`
one, both in a `membership` one. It suggests the business's preferred term
in the same grammatical form and capitalisation: `Customers` → `Clients`,
`заказчиками` → `клиентами`, `顾客` → `客户`.

Technical senses (`HTTP client`, `client-side`, `на стороне клиента`,
`客户端`) and fixed phrases (`customer service`, `обслуживание клиентов`,
`客户服务`) are never flagged.

## Why it matters
A customer buys once, for price and convenience; a client relies on
ongoing, tailored service built on trust. Calling a law firm's clients
"customers" tells them they are a transaction; calling a shop's customers
"clients" promises a relationship the shop does not offer. The word is the
first thing a reader learns about the business.

## Example
With `business = "relationship"` in `clientele.toml`:

```markdown
Our customers get a dedicated account manager.
Наши заказчики получают персонального менеджера.
```

## Use instead
```markdown
Our clients get a dedicated account manager.
Наши клиенты получают персонального менеджера.
```

## Fix safety
The suggestion keeps case, number, possessive and gender, taken from the
aligned paradigms of the term packs. When the matched form could be several
forms that the preferred term spells differently, no suggestion is made and
the diagnostic says why.
"#;

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
            Some(target) => match ctx.lexicon.replacement(occurrence, &d.matched, target) {
                Ok(replacement) => {
                    d.label = format!("say `{replacement}`");
                    d.suggestion = Some(replacement);
                }
                Err(why) => {
                    d.label = format!("{} term", term.role);
                    d.help = Some(format!("no safe replacement: {why}"));
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
