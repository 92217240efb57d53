//! The rules: one registry table, one file per rule.
//!
//! [`RULES`] is the only list of rules. Configuration, `clientele explain`
//! and the output formats read it; adding a rule means a [`RuleId`]
//! variant, a row here, its file, and its arm in `run`.

mod agreement;
mod invalid_directive;
mod mixed_terms;
mod self_contrast;
pub(crate) mod translation_collapse;
mod wrong_term;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::directives::Directives;
use crate::lexicon::{Lexicon, MAX_CONTRAST_GAP, Occurrence, TermId};
use crate::markdown::Outline;

/// The two roles a text must keep apart: `mixed-terms` checks that a
/// document uses one of them, `translation-collapse` that a translation
/// keeps the two its source has.
pub(crate) const CLIENT_AND_CUSTOMER: [&str; 2] = ["client", "customer"];

/// Identifies a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// A term whose role the business type discourages.
    WrongTerm,
    /// Client-role and customer-role terms in one document.
    MixedTerms,
    /// A term contrasted with itself.
    SelfContrast,
    /// An inline directive that is not one, or names an unknown rule.
    InvalidDirective,
    /// A translation that lost its source's distinction between roles.
    TranslationCollapse,
}

/// What clientele knows about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// The rule.
    pub id: RuleId,
    /// Kebab-case name used in config and output.
    pub name: &'static str,
    /// Severity when the config does not say otherwise.
    pub default_severity: Severity,
    /// One line on what it catches.
    pub summary: &'static str,
    /// The full explanation `clientele explain` prints, in Markdown.
    pub explanation: &'static str,
}

/// Every rule, in the order they are documented.
pub const RULES: &[RuleMeta] = &[
    RuleMeta {
        id: RuleId::WrongTerm,
        name: "wrong-term",
        default_severity: Severity::Error,
        summary: "a term whose role the declared business type discourages",
        explanation: wrong_term::EXPLANATION,
    },
    RuleMeta {
        id: RuleId::MixedTerms,
        name: "mixed-terms",
        default_severity: Severity::Warning,
        summary: "client-role and customer-role terms mixed in one document",
        explanation: mixed_terms::EXPLANATION,
    },
    RuleMeta {
        id: RuleId::SelfContrast,
        name: "self-contrast",
        default_severity: Severity::Error,
        summary: "a term contrasted with itself: two concepts collapsed into one word",
        explanation: self_contrast::EXPLANATION,
    },
    RuleMeta {
        id: RuleId::InvalidDirective,
        name: "invalid-directive",
        default_severity: Severity::Error,
        summary: "a `<!-- clientele-… -->` comment that is not a directive or names an unknown rule",
        explanation: invalid_directive::EXPLANATION,
    },
    RuleMeta {
        id: RuleId::TranslationCollapse,
        name: "translation-collapse",
        default_severity: Severity::Warning,
        summary: "a translation that uses one role where its source tells clients and customers apart",
        explanation: translation_collapse::EXPLANATION,
    },
];

impl RuleId {
    /// The rule's registry entry.
    pub fn meta(self) -> &'static RuleMeta {
        // The table lists every variant in declaration order (a test checks).
        &RULES[self as usize]
    }

    /// Kebab-case name.
    pub fn name(self) -> &'static str {
        self.meta().name
    }

    /// The rule called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        RULES.iter().find(|r| r.name == name).map(|r| r.id)
    }
}

/// What every rule sees of one document.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub lexicon: &'a Lexicon,
    pub settings: &'a Settings,
    pub outline: &'a Outline,
    pub occurrences: &'a [Occurrence],
    pub directives: &'a Directives,
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
            // Compares a document with its source: `crate::translation`
            // runs it on the pairs of a run.
            RuleId::TranslationCollapse => Vec::new(),
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

/// Whether `second` (later in the text) is close enough to `first` for a
/// contrast connector to join them; scans over occurrences stop here.
pub(crate) fn within_contrast_reach(first: &Occurrence, second: &Occurrence) -> bool {
    second.phrase.start.saturating_sub(first.phrase.end) <= MAX_CONTRAST_GAP
}

#[cfg(test)]
mod tests;
