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
  `client vs client`, `between a client and a client`, `клиент против
  клиента`, `между клиентом и клиентом`, `клиентов или клиентов`,
  `客户与客户`, `客户VS。 客户`, `客户端与客户端`;
- a heading that holds a term and appears twice, word for word, in one
  section: "Что такое клиент в бизнесе?" … "Что такое клиент в бизнесе?";
- a list that defines the same term twice: "• Покупатель — …" …
  "• Покупатель — …".

The second place is underlined and the first is shown beside it. The
connectors (`vs`, `or`, `between … and`, `против`, `или`, `между … и`,
`与`, `和`, `或` and more) are data in the language packs. Two different
terms are what a correct text says and are never flagged: "clients or
customers", "между клиентом и покупателем", "客户和顾客".

## Why it matters
This is the most damaging error a translated business text can make. The
English original distinguished a client from a customer, a buyer from a
shopper; the translation used one word for both, so every sentence that
compares them now compares a word with itself, and the article's whole
point is gone. No spell checker sees it: every word is spelled right.

## Example
```markdown
## Клиент против клиента

В чем разница между клиентом и клиентом?

- Покупатель — тот, кто совершает покупку.
- Покупатель — тот, кто сравнивает варианты перед покупкой.
```

## Use instead
```markdown
## Клиент против покупателя

В чем разница между клиентом и покупателем?

- Покупатель — тот, кто совершает покупку.
- Посетитель — тот, кто сравнивает варианты перед покупкой.
```

Go back to the source text, find the two terms it distinguished, and give
each its own word.

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

/// Whether two occurrences are the same word: forms of one lemma (a
/// feminine form counts as its masculine), or the same technical or fixed
/// phrase (`客户端` and `客户端`, but not `customer service` and
/// `customer success`).
fn same_word(ctx: &Context<'_>, a: &Occurrence, b: &Occurrence) -> bool {
    match (a.phrase == a.span, b.phrase == b.span) {
        (true, true) => ctx.lexicon.base_term(a.term) == ctx.lexicon.base_term(b.term),
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
