//! The settings that apply to one document once every layer is stacked:
//! no `Option`s left to guess at.

use super::Layer;
use super::options::FailOn;
use crate::diagnostic::Severity;
use crate::lexicon::BusinessId;
use crate::registry::{RULES, RuleId};
use crate::sense::AllowList;

/// The settings that apply to one document.
#[derive(Debug, Clone)]
pub struct Settings {
    business: Option<BusinessId>,
    fail_on: FailOn,
    fix_mixed_terms: bool,
    severities: Vec<Option<Severity>>,
    allow: AllowList,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            business: None,
            fail_on: FailOn::default(),
            fix_mixed_terms: false,
            severities: RULES.iter().map(|r| Some(r.default_severity)).collect(),
            allow: AllowList::default(),
        }
    }
}

impl Settings {
    /// Settings with the file-wide keys of a config file: `fail-on`,
    /// `fix-mixed-terms` and the allowed phrases.
    pub(crate) fn new(fail_on: FailOn, fix_mixed_terms: bool, allow: AllowList) -> Self {
        Self {
            fail_on,
            fix_mixed_terms,
            allow,
            ..Self::default()
        }
    }

    /// Stack `layer` on top: what it sets wins.
    pub(crate) fn apply(&mut self, layer: &Layer) {
        if let Some(business) = layer.business {
            self.business = Some(business);
        }
        for &(rule, severity) in &layer.severities {
            self.severities[rule as usize] = severity;
        }
    }

    /// The declared business type, if any.
    pub(crate) fn business(&self) -> Option<BusinessId> {
        self.business
    }

    /// The lowest severity that fails the run.
    pub(crate) fn fail_on(&self) -> FailOn {
        self.fail_on
    }

    /// Whether `--fix` rewrites `mixed-terms` findings too.
    pub(crate) fn fix_mixed_terms(&self) -> bool {
        self.fix_mixed_terms
    }

    /// The severity `rule` reports at, or `None` when it is off.
    pub(crate) fn severity(&self, rule: RuleId) -> Option<Severity> {
        self.severities.get(rule as usize).copied().flatten()
    }

    /// The allowed phrases.
    pub(crate) fn allow(&self) -> &AllowList {
        &self.allow
    }
}
