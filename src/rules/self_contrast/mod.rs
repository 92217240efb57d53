//! `self-contrast`: a term set against itself. The text meant two things
//! and says one word for both, so the reader cannot follow it: the mark of
//! a translation that collapsed two terms into one. Three shapes, one file
//! each: a contrast or choice with the same term on both sides, a heading
//! repeated in one section, and a list defining the same term twice.

mod glossary;
mod headings;
mod pairs;

use super::{Context, RuleId, about};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::{Occurrence, TermId, fold};
use crate::span::Span;

/// What `clientele explain self-contrast` prints.
pub(crate) const EXPLANATION: &str = r#"# self-contrast

## What it does
Flags a term set against itself, in any sense and any role:

- a contrast or a choice with forms of the same word on both sides:
  `client vs client`, `A client, rather than a client, signs off`,
  `Unlike a client, a client pays`, `Customers and customers alike`,
  `между клиентом и клиентом`, `Нам нужен не заказчик, а заказчик`,
  `Как покупатели, так и покупатели`, `Клиент, в отличие от клиента,
  платит`, `客户与客户`, `他们是顾客，不是顾客`, `不是客户，而是客户`,
  `顾客或者顾客都可以`, `客户端与客户端`;
- a heading that holds a term and appears twice, word for word, in one
  section: "Что такое клиент в бизнесе?" … "Что такое клиент в бизнесе?";
- a list that defines the same term twice: "• Покупатель — …" …
  "• Покупатель — …".

The second place is underlined and the first is shown beside it. The
connectors are data in the language packs, with or without a comma before
them. A strong connector (`rather than`, `unlike …,`, `both … and`, `не
…, а`, `как …, так и`, `в отличие от`, `不是…，而是`, `与其说…，不如说`)
makes the contrast plain, so a verb may follow the second term; after a
weak one (`or`, `vs`, `или`, `против`, `与`, `或`) the second term must end
its phrase.

## What it does not flag
- Two different terms, which is what a correct text says: "clients or
  customers", "не заказчик, а покупатель", "客户和顾客".
- Gender doublets, which name both genders on purpose: "клиент или
  клиентка", "клиентов и клиенток", "покупатель или покупательница".
- A term repeated without a contrast: "client after client", "клиент за
  клиентом", "一个客户又一个客户".
- A kind of the term set against the term: a qualifier before the first
  side ("new client or client", "перспективный клиент или клиент",
  "目标客户或客户"), or a longer phrase on the second ("user or user
  group", "both the client and client groups", "не клиенты, а клиенты
  банка", "客户或客户组", "不是客户，而是客户经理").
- A technical or fixed phrase set against the bare term or another
  phrase: "customer service or customer".
- The same heading in different sections (a "Customers" heading under each
  release), a heading repeated together with its neighbours (parallel
  sections), headings without a term, and lines of HTML or MDX markup
  (a `<ConsoleOutput>` shown twice).
- Numbered lists, which are steps, and items whose text after the dash is
  under five words, which are labels, not definitions.

## Why it matters
This is the most damaging error a translated business text can make. The
original distinguished a client from a customer, a buyer from a shopper;
the translation used one word for both, so every sentence that compares
them now compares a word with itself, and the text's whole point is gone.
No spell checker sees it: every word is spelled right.

## Example
Under any `business`, or none:

```markdown
What is the difference between a client and a client?
В чем разница между клиентом и клиентом?
客户与客户的区别是什么？
```

## Use instead
```markdown
What is the difference between a client and a customer?
В чем разница между клиентом и покупателем?
客户与顾客的区别是什么？
```

Go back to the source text, find the two terms it distinguished, and give
each its own word. A page that names both roles on purpose will then draw
`wrong-term` or `mixed-terms`; turn those off for that page.

## Configuration
The rule runs under every business type, and with none. It checks terms in
every sense, so `[allow] phrases` do not silence it. Default level:
`error`.

```toml
[rules]
self-contrast = "warning"   # error | warning | info | off
```

Per document: YAML front matter
`clientele: { rules: { self-contrast: off } }`, or the same keys in a TOML
front matter `[clientele]` table. For a passage:
`<!-- clientele-disable self-contrast -->` …
`<!-- clientele-enable self-contrast -->`; for one line,
`<!-- clientele-disable-next-line self-contrast -->` above it. The README
has the full reference.

## Fix safety
Not fixable: which of the two places needs the other word, and which word,
only the source text can tell.
"#;

/// Run the three checks.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    if ctx.occurrences.len() < 2 {
        return Vec::new();
    }
    let mut out = pairs::check(ctx);
    out.extend(headings::check(ctx));
    out.extend(glossary::check(ctx));
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
