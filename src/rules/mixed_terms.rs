//! `mixed-terms`: with no business type declared (or `mixed`), one
//! document must not call the same people clients in one place and
//! customers in another. The minority role is flagged, per language.

use super::agreement::widen;
use super::{CLIENT_AND_CUSTOMER as ROLES, Context, RuleId, about, replacement};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::{LangId, Occurrence, Sense, TermId};

/// What `clientele explain mixed-terms` prints.
pub(crate) const EXPLANATION: &str = r#"# mixed-terms

## What it does
When the business type is not declared, or is `mixed`, checks that each
document uses one role for the people it serves, per language: client-role
terms (`client`, `клиент`, `客户`) or customer-role terms (`customer`,
`покупатель`, `заказчик`, `顾客`), not both. The role used less often is
flagged at each occurrence, with a note at the first occurrence of the
majority role and the counts. When both are used equally often, the role
the document used first counts as the majority.

## What it does not flag
- Technical senses and fixed phrases, which are not counted: `HTTP client`,
  `client-side`, `на стороне клиента`, `客户端`, a client whose sentence is
  about servers and requests, `customer service`, `обслуживание клиентов`,
  `客户服务`. Nor are phrases in `[allow] phrases`, nor names
  (`Customer Identity Cloud`, `«Клиент-Банк»`, a contract's `Заказчик`,
  `[allow] names`; see `explain wrong-term`).
- Other roles: `member`, `user`, `buyer` and the rest are not counted, so
  "clients" and "users" in one document are fine.
- Two languages: each is counted on its own, so an English `client` and a
  Chinese `顾客` in one document are not a mix.
- Text that is not prose: code, HTML, URLs, front matter.

## Why it matters
A reader takes two words for two things. A page that says "clients" in one
paragraph and "customers" in the next makes the reader wonder whether they
are different people, and who is who.

## Example
With no `business` declared, or `business = "mixed"`:

```markdown
Every client gets a monthly report. Customers can also ask for a call.
Каждый клиент получает отчёт. Покупатели могут заказать звонок.
每位客户都会收到月报。顾客也可以预约电话。
```

## Use instead
```markdown
Every client gets a monthly report. Clients can also ask for a call.
Каждый клиент получает отчёт. Клиенты могут заказать звонок.
每位客户都会收到月报。客户也可以预约电话。
```

When a page compares clients with customers on purpose, turn the rule off
for that page (see Configuration).

## Configuration
The rule runs only when `business` is not declared or is `mixed`. A
`business` that prefers a role (`relationship`, `transactional`,
`membership`) turns it off, and `wrong-term` flags the other role instead.
Default level: `warning`.

```toml
business = "mixed"          # transactional | relationship | membership | mixed
[rules]
mixed-terms = "info"        # error | warning | info | off
[[overrides]]
paths = ["docs/shop/**"]
business = "transactional"
[allow]
phrases = ["Customer Advisory Board"]
```

Per document: YAML front matter
`clientele: { business: transactional, rules: { mixed-terms: off } }`, or
the same keys in a TOML front matter `[clientele]` table. For a passage:
`<!-- clientele-disable mixed-terms -->` …
`<!-- clientele-enable mixed-terms -->`; for one line,
`<!-- clientele-disable-next-line mixed-terms -->` above it. The README
has the full reference.

## Fix safety
The suggestion is the majority's most frequent term in the same form and
capitalisation. `clientele --fix` applies it only when the config sets
`fix-mixed-terms = true`: which role is the minority is a count, not a
decision. There is no suggestion where the form is ambiguous, and a term
set against another (`clients, not customers`) is no minority use at all.
Declaring a `business` that prefers a role turns this rule's question
into `wrong-term`'s answer, and `wrong-term`'s fixes are always applied.
"#;

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
