//! One layer of settings: what a config file, an `[[overrides]]` entry or a
//! document's front matter says about the business type and the rules'
//! severities. Layers stack: defaults < config < overrides < front matter.
//!
//! Every source of a layer (TOML with `toml::Spanned`, YAML with
//! `serde_saphyr::Spanned`) first becomes a [`LayerSpec`] of names with
//! their spans, so that checking the names is written once.

use std::path::Path;

use super::options::RuleLevel;
use crate::diagnostic::Severity;
use crate::error::LocatedError;
use crate::lexicon::{BusinessId, Lexicon};
use crate::registry::{RULES, RuleId};
use crate::span::Span;
use crate::suggest::did_you_mean;

/// A name as written, and where (when the format tells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub(crate) value: String,
    pub(crate) span: Option<Span>,
}

impl Named {
    /// A TOML string whose spans count from byte `offset` of the file.
    fn from_toml(spanned: &toml::Spanned<String>, offset: usize) -> Self {
        Self {
            value: spanned.get_ref().clone(),
            span: Some(Span::from(spanned.span()).shift(offset)),
        }
    }
}

/// A layer as written: names not yet checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct LayerSpec {
    pub(crate) business: Option<Named>,
    pub(crate) rules: Vec<(Named, RuleLevel)>,
}

impl LayerSpec {
    /// The layer of TOML `business` and `rules` keys parsed from a text that
    /// starts at byte `offset` of its file (front matter starts after `+++`).
    pub(crate) fn from_toml<'a>(
        business: Option<&toml::Spanned<String>>,
        rules: impl IntoIterator<Item = (&'a toml::Spanned<String>, &'a RuleLevel)>,
        offset: usize,
    ) -> Self {
        Self {
            business: business.map(|name| Named::from_toml(name, offset)),
            rules: rules
                .into_iter()
                .map(|(name, level)| (Named::from_toml(name, offset), *level))
                .collect(),
        }
    }
}

/// What is wrong with a layer, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LayerError {
    pub(crate) span: Option<Span>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl LayerError {
    /// The error as one about the file at `path` whose contents are `text`.
    pub(crate) fn locate(self, path: &Path, text: &str) -> LocatedError {
        LocatedError::new(path.to_path_buf(), text, self.span, self.message).with_help(self.help)
    }
}

/// A checked layer: the business type it sets, if any, and the rules it
/// re-levels (`None`: off).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layer {
    pub(crate) business: Option<BusinessId>,
    pub(crate) severities: Vec<(RuleId, Option<Severity>)>,
}

impl Layer {
    /// Check the names of `spec` against the lexicon's business types and
    /// the rule registry.
    pub(crate) fn resolve(spec: &LayerSpec, lexicon: &Lexicon) -> Result<Self, LayerError> {
        let business = match &spec.business {
            Some(name) => Some(business_named(name, lexicon)?),
            None => None,
        };
        let severities = spec
            .rules
            .iter()
            .map(|(name, level)| Ok((rule_named(name)?, severity(*level))))
            .collect::<Result<_, LayerError>>()?;
        Ok(Self {
            business,
            severities,
        })
    }
}

/// The severity a configured level stands for; `None` is off.
fn severity(level: RuleLevel) -> Option<Severity> {
    match level {
        RuleLevel::Error => Some(Severity::Error),
        RuleLevel::Warning => Some(Severity::Warning),
        RuleLevel::Info => Some(Severity::Info),
        RuleLevel::Off => None,
    }
}

/// The business type `name` names, or an error listing the known ones.
pub(crate) fn business_named(name: &Named, lexicon: &Lexicon) -> Result<BusinessId, LayerError> {
    lexicon.find_business(&name.value).ok_or_else(|| {
        let known: Vec<&str> = lexicon.business_types().map(|b| b.name.as_str()).collect();
        LayerError {
            span: name.span,
            message: format!(
                "unknown business type `{}`; expected one of {}",
                name.value,
                quoted_list(&known)
            ),
            help: did_you_mean(&name.value, known.iter().copied()),
        }
    })
}

/// The rule `name` names, or an error listing the rules.
pub(crate) fn rule_named(name: &Named) -> Result<RuleId, LayerError> {
    RuleId::from_name(&name.value).ok_or_else(|| {
        let known: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        LayerError {
            span: name.span,
            message: format!(
                "unknown rule `{}`; expected one of {}",
                name.value,
                quoted_list(&known)
            ),
            help: did_you_mean(&name.value, known.iter().copied()),
        }
    })
}

/// "`a`, `b`, `c`".
pub(crate) fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
