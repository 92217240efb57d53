//! `wrong-term`: a business-sense term whose role the declared business
//! type discourages, with the preferred term in the same form as a fix.

use super::agreement::widen;
use super::{Context, RuleId, about, replacement};
use crate::diagnostic::Diagnostic;
use crate::lexicon::Sense;

/// What `clientele explain wrong-term` prints.
pub(crate) const EXPLANATION: &str = r#"# wrong-term

## What it does
Flags a term, in its business sense, whose role the declared business type
discourages: `customer` (`покупатель`, `заказчик`, `顾客`) in a
`relationship` business, `client` (`клиент`, `客户`) in a `transactional`
one, both in a `membership` one. It suggests the business's preferred term
in the same grammatical form and capitalisation: `Customers` → `Clients`,
`заказчиками` → `клиентами`, `顾客` → `客户`.

## What it does not flag
- Technical senses, where the word names software: `HTTP client`,
  `client-side`, `client ID`, `на стороне клиента`, `HTTP-клиент`,
  `客户端`, `客户机`, and a bare client term whose context says software
  ("the client sends a request to the server", "клиент подключается к
  серверу", "客户向服务器发送请求"). `--format json` shows how each term
  was read: its `sense` and the cue that decided.
- Fixed phrases, normal in any business: `customer service`,
  `customer support`, `обслуживание клиентов`, `客户服务`.
- Phrases listed in `[allow] phrases`.
- A term set against another term: "clients, not customers", "не
  клиенты, а покупатели", "不是客户，而是顾客", "Clients versus customers".
  A page that explains the difference is about the two words.
- Names: a product or label in quotes (`Click "Customers"`,
  `«Клиент-Банк»`, `「客户之声」`), a run of capitalised words
  (`Customer Identity Cloud`, `React DOM Client`), a party a contract
  defines, capitalised mid-sentence (`Исполнитель передаёт Заказчику`,
  `the Customer shall pay`), and the names listed in `[allow] names` or a
  pack's `names`. UI labels too: a menu path (`Go to Sales >
  Customers.`), and a short bold or linked label next to a UI word or a
  step verb (`the **Customers** page`, `в поле **Номер клиента**`,
  `选择 **客户帐户**`). A capitalised term at the start of a sentence or
  in a Title Case heading is checked; so is a lowercase quoted word (`the
  word "customer"`). To declare a product name the shapes miss, list it
  in `[allow] names`.
- Terms glued into code: `Customer.Name`, `Client#send`,
  `/api/customer-id/`.
- Other roles: `member`, `user`, `buyer`, `subscriber` and the rest, in
  any language. Only client and customer terms are ever discouraged.
- Words built on a term (`clientele`, `клиентский`), and text that is not
  prose: code, HTML, URLs, front matter.

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
每位顾客都有专属的顾问。
```

## Use instead
```markdown
Our clients get a dedicated account manager.
Наши клиенты получают персонального менеджера.
每位客户都有专属的顾问。
```

## Configuration
The rule runs only when `business` prefers a role: `relationship`,
`transactional` or `membership`. With `mixed` or no `business` it finds
nothing, and `mixed-terms` checks consistency instead. Default level:
`error`.

```toml
business = "relationship"   # transactional | relationship | membership | mixed
[rules]
wrong-term = "warning"      # error | warning | info | off
[[overrides]]
paths = ["docs/shop/**"]
business = "transactional"
[allow]
phrases = ["Customer Advisory Board"]   # any capitalisation
names = ["Customer Hub"]                # exactly as written: a product name
```

Per document: YAML front matter
`clientele: { business: transactional, rules: { wrong-term: off } }`, or
the same keys in a TOML front matter `[clientele]` table. For a passage:
`<!-- clientele-disable wrong-term -->` …
`<!-- clientele-enable wrong-term -->`; for one line,
`<!-- clientele-disable-next-line wrong-term -->` above it. The README has
the full reference.

## Fix safety
`clientele --fix` applies the suggestion. It keeps case, number,
possessive and gender, taken from the aligned paradigms of the term packs,
and capitalisation (`Customers` → `Clients`, `CUSTOMERS` → `CLIENTS`).
There is no suggestion, and the diagnostic says why, when the matched form
could be several forms that the preferred term spells differently. After
fixing, the document is checked again, and a replacement that would make a
finding that was not there (two headings fixed into the same words) is
not applied: the finding stays, saying why. In Russian the preposition `о`/`об` before the term follows the new
word's first sound (`о клиенте` → `об участнике`, the finding then
covering both words), and a replacement of another gender is not offered
in the singular, where the words agreeing with it would keep the old one.
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
