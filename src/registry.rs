//! The rule registry: which rules there are, their names, default
//! levels and explanations, and the levels a finding can have.
//!
//! [`RULES`] is the only list of rules. Configuration, directives,
//! `clientele explain` and the output formats read it; it reads nothing of
//! theirs, so that any module can name a rule without importing the rules
//! themselves. Each rule's explanation is Markdown under
//! `rules/explain/`, named after the rule.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless asked.
    Info,
    /// Likely wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The lowercase name used in config and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

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
pub(crate) struct RuleMeta {
    /// The rule.
    pub(crate) id: RuleId,
    /// Kebab-case name used in config and output.
    pub(crate) name: &'static str,
    /// Severity when the config does not say otherwise.
    pub(crate) default_severity: Severity,
    /// One line on what it catches.
    pub(crate) summary: &'static str,
    /// The full explanation `clientele explain` prints, in Markdown.
    pub(crate) explanation: &'static str,
}

/// Every rule, in the order they are documented.
pub(crate) const RULES: &[RuleMeta] = &[
    RuleMeta {
        id: RuleId::WrongTerm,
        name: "wrong-term",
        default_severity: Severity::Error,
        summary: "a term whose role the declared business type discourages",
        explanation: include_str!("../rules/explain/wrong-term.md"),
    },
    RuleMeta {
        id: RuleId::MixedTerms,
        name: "mixed-terms",
        default_severity: Severity::Warning,
        summary: "client-role and customer-role terms mixed in one document",
        explanation: include_str!("../rules/explain/mixed-terms.md"),
    },
    RuleMeta {
        id: RuleId::SelfContrast,
        name: "self-contrast",
        default_severity: Severity::Error,
        summary: "a term contrasted with itself: two concepts collapsed into one word",
        explanation: include_str!("../rules/explain/self-contrast.md"),
    },
    RuleMeta {
        id: RuleId::InvalidDirective,
        name: "invalid-directive",
        default_severity: Severity::Error,
        summary: "a `<!-- clientele-… -->` comment that is not a directive or names an unknown rule",
        explanation: include_str!("../rules/explain/invalid-directive.md"),
    },
    RuleMeta {
        id: RuleId::TranslationCollapse,
        name: "translation-collapse",
        default_severity: Severity::Warning,
        summary: "a translation that uses one role where its source tells clients and customers apart",
        explanation: include_str!("../rules/explain/translation-collapse.md"),
    },
];

impl RuleId {
    /// The rule's registry entry.
    pub(crate) fn meta(self) -> &'static RuleMeta {
        // The table lists every variant in declaration order (a test checks).
        &RULES[self as usize]
    }

    /// Kebab-case name.
    pub fn name(self) -> &'static str {
        self.meta().name
    }

    /// The rule called `name`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        RULES.iter().find(|r| r.name == name).map(|r| r.id)
    }
}
