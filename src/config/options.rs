//! What users write in `clientele.toml` and in a document's TOML front
//! matter: the serde mirror of the files, and the source of the JSON Schema
//! that `clientele schema` prints.
//!
//! Unknown keys are errors. Values that depend on the loaded term packs
//! (business type names, rule names) are checked when the options are
//! resolved, with the span kept here.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer};
use toml::Spanned;

use crate::diagnostic::Severity;

/// The contents of one `clientele.toml`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "clientele.toml")]
pub(crate) struct Options {
    /// What kind of business the documents describe: `transactional`
    /// (customers), `relationship` (clients), `membership` (members) or
    /// `mixed` (both exist; each document must be consistent); user packs
    /// may add more. Unset: only consistency is checked.
    #[serde(default)]
    #[schemars(with = "String", transform = crate::config::schema::business_types)]
    pub(crate) business: Option<Spanned<String>>,
    /// The lowest severity that makes the run fail (exit 1): `error`,
    /// `warning` or `never`.
    #[serde(default)]
    #[schemars(with = "FailOn", transform = crate::config::schema::no_default)]
    pub(crate) fail_on: Option<FailOn>,
    /// Whether `--fix` also rewrites `mixed-terms` findings, replacing the
    /// document's minority role with its majority's term. Off by default:
    /// which role is the minority is a count, not a decision.
    #[serde(default)]
    #[schemars(with = "bool", transform = crate::config::schema::no_default)]
    pub(crate) fix_mixed_terms: Option<bool>,
    /// The baseline file (written by `clientele baseline`), relative to this
    /// file's folder: findings recorded in it are not reported. Read from
    /// the config that governs the folder clientele runs in.
    #[serde(default)]
    #[schemars(with = "String", transform = crate::config::schema::no_default)]
    pub(crate) baseline: Option<String>,
    /// Files and folders not to check, as gitignore patterns relative to
    /// this file's folder.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(crate) exclude: Vec<Spanned<String>>,
    /// Extra term packs (TOML, in the format of the built-in `rules/*.toml`),
    /// relative to this file's folder.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(crate) packs: Vec<Spanned<String>>,
    /// Severity per rule: `error`, `warning`, `info` or `off`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleLevel>", transform = crate::config::schema::rule_names)]
    pub(crate) rules: BTreeMap<Spanned<String>, RuleLevel>,
    /// Text that is never flagged.
    #[serde(default)]
    pub(crate) allow: AllowOptions,
    /// Settings for some of the files: each `[[overrides]]` entry applies to
    /// the files its `paths` match; a later entry wins over an earlier one.
    #[serde(default)]
    pub(crate) overrides: Vec<OverrideOptions>,
    /// How translations are paired with their sources, for the
    /// `translation-collapse` rule.
    #[serde(default)]
    pub(crate) translations: TranslationOptions,
}

/// The `[translations]` table.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TranslationOptions {
    /// The language the documents are written in first and translated
    /// from: `en`, `ru` or `zh` (or a language a pack adds). Default `en`.
    #[serde(default)]
    #[schemars(with = "String", extend("examples" = ["en", "ru", "zh"]), transform = crate::config::schema::no_default)]
    pub(crate) source: Option<Spanned<String>>,
    /// Pairs that the file names do not tell, as `[source, translation]`,
    /// relative to this file's folder: `[["README.md", "README-RU.md"]]`.
    #[serde(default)]
    #[schemars(with = "Vec<[String; 2]>")]
    pub(crate) pairs: Vec<Spanned<[String; 2]>>,
}

/// The `[allow]` table.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct AllowOptions {
    /// Phrases (matched case-insensitively, as whole words) whose terms are
    /// never flagged, such as `customer success team`.
    #[serde(default)]
    pub(crate) phrases: Vec<String>,
    /// Product names and UI labels (matched exactly as written, case
    /// included), such as `Customer Identity Cloud`: a term inside one is
    /// part of the name and is never flagged or fixed.
    #[serde(default)]
    pub(crate) names: Vec<String>,
}

/// One `[[overrides]]` entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct OverrideOptions {
    /// Glob patterns, relative to this file's folder, of the files the entry
    /// applies to: `docs/shop/**`, `*.ru.md`. A pattern without `/` matches
    /// a file or folder name at any depth; a folder stands for everything in
    /// it.
    #[schemars(with = "Vec<String>", length(min = 1))]
    pub(crate) paths: Spanned<Vec<Spanned<String>>>,
    /// The business type of the matched files.
    #[serde(default)]
    #[schemars(with = "String", transform = crate::config::schema::business_types)]
    pub(crate) business: Option<Spanned<String>>,
    /// Severity per rule for the matched files.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleLevel>", transform = crate::config::schema::rule_names)]
    pub(crate) rules: BTreeMap<Spanned<String>, RuleLevel>,
}

/// The `[clientele]` table of a document's TOML front matter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct DocumentOptions {
    /// The business type of this document.
    pub(crate) business: Option<Spanned<String>>,
    /// Severity per rule in this document.
    #[serde(default)]
    pub(crate) rules: BTreeMap<Spanned<String>, RuleLevel>,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema, Default, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FailOn {
    /// Fail on errors only.
    #[default]
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub(crate) fn is_failed_by(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

/// A rule's severity as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RuleLevel {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Off,
}

impl<'de> Deserialize<'de> for FailOn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        one_of(
            deserializer,
            &["error", "warning", "never"],
            &[FailOn::Error, FailOn::Warning, FailOn::Never],
        )
    }
}

impl<'de> Deserialize<'de> for RuleLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        one_of(
            deserializer,
            &["error", "warning", "info", "off"],
            &[
                RuleLevel::Error,
                RuleLevel::Warning,
                RuleLevel::Info,
                RuleLevel::Off,
            ],
        )
    }
}

/// Reads a string, and says which names are expected when it is not one.
struct Name(&'static [&'static str]);

impl de::Visitor<'_> for Name {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self.0.iter().map(|n| format!("`{n}`")).collect();
        write!(f, "one of {}", names.join(", "))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }
}

/// The value of `values` whose name in `names` (same order) is the string
/// being deserialized. Read as a string first, so that a number or a table
/// is "expected one of …", not a deserializer's own words about enums.
fn one_of<'de, D: Deserializer<'de>, T: Copy>(
    deserializer: D,
    names: &'static [&'static str],
    values: &[T],
) -> Result<T, D::Error> {
    let name = deserializer.deserialize_str(Name(names))?;
    names
        .iter()
        .position(|n| *n == name)
        .and_then(|i| values.get(i).copied())
        .ok_or_else(|| de::Error::unknown_variant(&name, names))
}
