//! What users write in `clientele.toml`: the serde mirror of the file.
//!
//! Unknown keys are errors. Values that depend on the loaded term packs
//! (business type names, rule names) are checked when the options are
//! resolved into [`super::Settings`], with the span kept here.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The contents of one `clientele.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// What kind of business the documents describe: `transactional`
    /// (customers), `relationship` (clients), `membership` (members) or
    /// `mixed` (both exist; each document must be consistent). Unset: only
    /// consistency is checked.
    pub business: Option<Spanned<String>>,
    /// The lowest severity that makes the run fail (exit 1): `error`,
    /// `warning` or `never`.
    pub fail_on: Option<FailOn>,
    /// Files and folders not to check, as gitignore patterns relative to
    /// this file's folder.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Severity per rule: `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, RuleLevel>,
    /// Text that is never flagged.
    #[serde(default)]
    pub allow: AllowOptions,
}

/// The `[allow]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AllowOptions {
    /// Phrases (matched case-insensitively, as whole words) whose terms are
    /// never flagged, such as `customer success team`.
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    /// Fail on errors only.
    #[default]
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Never fail because of findings.
    Never,
}

/// A rule's severity as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleLevel {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Off,
}
