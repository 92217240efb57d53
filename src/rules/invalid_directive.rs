//! `invalid-directive`: an HTML comment that starts with `clientele-` but
//! is not a directive clientele knows, or names a rule that does not exist.
//! A suppression that silently does nothing is worse than none.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;

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
            widened: None,
            fixable: false,
            help: problem.help.clone(),
            related: Vec::new(),
            sense: None,
        })
        .collect()
}
