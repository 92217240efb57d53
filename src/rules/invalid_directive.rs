//! `invalid-directive`: an HTML comment that starts with `clientele-` but
//! is not a directive clientele knows, or names a rule that does not exist.
//! A suppression that silently does nothing is worse than none.

use super::{Context, RuleId};
use crate::diagnostic::Diagnostic;

/// What `clientele explain invalid-directive` prints.
pub(crate) const EXPLANATION: &str = r#"# invalid-directive

## What it does
Checks the inline directives, the HTML comments that switch rules off for
part of a document:

- `<!-- clientele-disable -->` … `<!-- clientele-enable -->`
- `<!-- clientele-disable wrong-term, mixed-terms -->` … `<!-- clientele-enable wrong-term -->`
- `<!-- clientele-disable-next-line [rules] -->`

It flags a comment that starts with `clientele-` but is none of these
(`<!-- clientele-disabel -->`), and every rule name in a directive that is
not a rule (`<!-- clientele-disable wrong-terms -->`), with the closest
valid name when there is one.

## What it does not flag
Other HTML comments, and directives inside code blocks or inline code
(they are text, not comments, and do nothing). A rule named in a valid
directive is still switched off even when another name in the same list is
unknown.

## Why it matters
A misspelt directive switches nothing off: the writer believes a quotation
is exempt while the linter still checks it, or the other way round. Like
Vale and ruff, clientele reports the directive instead of ignoring it.

## Example
```markdown
<!-- clientele-disable wrong-terms -->
The old brochure said: "Our customers are family."
<!-- clientele-enabel -->
```

## Use instead
```markdown
<!-- clientele-disable wrong-term -->
The old brochure said: "Our customers are family."
<!-- clientele-enable -->
```

## Configuration
On by default as an error; `[rules] invalid-directive = "warning"` (or
`"off"`) in `clientele.toml`, an `[[overrides]]` entry or front matter
changes that. Directives cannot switch this rule off.

## Fix safety
Not fixable: only the writer knows which rule was meant.
"#;

/// One diagnostic per problem the document's directives have.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    ctx.directives
        .problems()
        .iter()
        .map(|problem| Diagnostic {
            rule: RuleId::InvalidDirective,
            severity: RuleId::InvalidDirective.meta().default_severity,
            span: problem.span,
            message: problem.message.clone(),
            label: "not a clientele directive or rule".to_owned(),
            lang: String::new(),
            role: String::new(),
            term: String::new(),
            matched: problem.span.slice(ctx.text).unwrap_or_default().to_owned(),
            suggestion: None,
            fixable: false,
            help: problem.help.clone(),
            related: Vec::new(),
            sense: None,
        })
        .collect()
}
