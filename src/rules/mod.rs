//! The rules: one file per rule, and [`run`], which runs the enabled ones
//! over a document.
//!
//! Which rules there are is [`crate::registry`]'s to say. Adding a rule
//! means a [`RuleId`] variant and a row in the registry, its explanation
//! in `rules/explain/`, its file here, and its arm in [`run`].

mod agreement;
mod invalid_directive;
mod mixed_terms;
mod self_contrast;
mod translation_collapse;
mod wrong_term;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::directives::Directives;
use crate::lexicon::{Lexicon, Occurrence, TermId};
use crate::markdown::Outline;
use crate::registry::{RULES, RuleId};
pub(crate) use translation_collapse::business_terms;
pub(crate) use translation_collapse::{Paired, SourceDocument};

/// The two roles a text must keep apart: `mixed-terms` checks that a
/// document uses one of them, `translation-collapse` that a translation
/// keeps the two its source has.
pub(crate) const CLIENT_AND_CUSTOMER: [&str; 2] = ["client", "customer"];

/// What every rule sees of one document.
pub(crate) struct Context<'a> {
    pub(crate) text: &'a str,
    pub(crate) lexicon: &'a Lexicon,
    pub(crate) settings: &'a Settings,
    pub(crate) outline: &'a Outline,
    pub(crate) occurrences: &'a [Occurrence],
    pub(crate) directives: &'a Directives,
    /// For a translation, its source.
    pub(crate) paired: Option<&'a Paired>,
}

/// Run every enabled rule over one document.
///
/// Where directives switch a rule off, the rule does not see the
/// occurrences there (so a quotation does not count towards mixed-terms'
/// majority) and nothing it reports there is kept.
pub(crate) fn run(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        let Some(severity) = ctx.settings.severity(rule.id) else {
            continue;
        };
        let visible: Vec<Occurrence>;
        let ctx = if ctx.directives.touches(rule.id) {
            visible = ctx
                .occurrences
                .iter()
                .filter(|o| !ctx.directives.suppresses(rule.id, o.span.start))
                .cloned()
                .collect();
            &Context {
                occurrences: &visible,
                ..*ctx
            }
        } else {
            ctx
        };
        let found = match rule.id {
            RuleId::WrongTerm => wrong_term::check(ctx),
            RuleId::MixedTerms => mixed_terms::check(ctx),
            RuleId::SelfContrast => self_contrast::check(ctx),
            RuleId::InvalidDirective => invalid_directive::check(ctx),
            RuleId::TranslationCollapse => translation_collapse::check(ctx),
        };
        out.extend(
            found
                .into_iter()
                .filter(|d| !ctx.directives.suppresses(d.rule, d.span.start))
                .map(|mut d| {
                    d.severity = severity;
                    d
                }),
        );
    }
    out
}

/// A diagnostic about one occurrence, with the term fields filled in; the
/// rule adds its message, label and advice.
pub(crate) fn about(ctx: &Context<'_>, rule: RuleId, occurrence: &Occurrence) -> Diagnostic {
    let term = ctx.lexicon.term(occurrence.term);
    Diagnostic {
        rule,
        severity: rule.meta().default_severity,
        span: occurrence.span,
        message: String::new(),
        label: String::new(),
        lang: ctx.lexicon.language(term.lang).code.clone(),
        role: term.role.clone(),
        term: term.lemma.clone(),
        matched: occurrence
            .span
            .slice(ctx.text)
            .unwrap_or_default()
            .to_owned(),
        suggestion: None,
        widened: None,
        fixable: false,
        help: None,
        related: Vec::new(),
        sense: Some(crate::sense::note(ctx.lexicon, occurrence)),
    }
}

/// The form of `target` that replaces `occurrence` (whose text is
/// `matched`), or the help saying why there is none to offer.
///
/// A term inside a longer word gets none (the Chinese `客户经理`, "account
/// manager"): `顾客经理` is no word. A term set against another is no
/// finding at all (see `crate::sense::contrasted`).
pub(crate) fn replacement(
    ctx: &Context<'_>,
    occurrence: &Occurrence,
    matched: &str,
    target: TermId,
) -> Result<String, String> {
    if let Some(word) = occurrence.compound {
        let word = word.slice(ctx.text).unwrap_or_default();
        return Err(format!(
            "no safe replacement: it is part of the word `{word}`, and replacing it alone could make a word nobody writes; rewrite it by hand"
        ));
    }
    ctx.lexicon
        .replacement(occurrence, matched, target)
        .map_err(|why| format!("no safe replacement: {why}"))
}

#[cfg(test)]
mod tests;
