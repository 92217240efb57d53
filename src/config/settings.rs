//! Resolved configuration: what one `clientele.toml` means once checked
//! against the lexicon and the rule registry. No `Option`s left to guess at.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use toml::Spanned;

use super::options::{FailOn, Options, RuleLevel};
use crate::diagnostic::Severity;
use crate::error::{Error, LocatedError, Result};
use crate::lexicon::{BusinessId, Lexicon};
use crate::rules::{RULES, RuleId};
use crate::sense::AllowList;
use crate::span::Span;

/// The settings that apply to one document.
#[derive(Debug, Clone)]
pub struct Settings {
    business: Option<BusinessId>,
    fail_on: FailOn,
    severities: Vec<Option<Severity>>,
    allow: AllowList,
    exclude: Gitignore,
    path: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            business: None,
            fail_on: FailOn::default(),
            severities: RULES.iter().map(|r| Some(r.default_severity)).collect(),
            allow: AllowList::default(),
            exclude: Gitignore::empty(),
            path: None,
        }
    }
}

impl Settings {
    /// Parse and resolve the config file at `path` whose contents are `text`.
    pub fn from_toml(path: &Path, text: &str, lexicon: &Lexicon) -> Result<Self> {
        let error = |span: Option<Span>, message: String| {
            Error::Config(Box::new(LocatedError {
                path: path.to_path_buf(),
                text: text.to_owned(),
                span,
                message,
            }))
        };
        let options: Options = toml::from_str(text)
            .map_err(|e| error(e.span().map(Span::from), e.message().trim().to_owned()))?;
        let mut settings = Settings {
            path: Some(path.to_path_buf()),
            ..Settings::default()
        };
        if let Some(name) = &options.business {
            settings.business = Some(lexicon.find_business(name.get_ref()).ok_or_else(|| {
                let known: Vec<String> = lexicon
                    .business_types()
                    .map(|b| format!("`{}`", b.name))
                    .collect();
                error(
                    Some(name.span().into()),
                    format!(
                        "unknown business type `{}`; expected one of {}",
                        name.get_ref(),
                        known.join(", ")
                    ),
                )
            })?);
        }
        settings.fail_on = options.fail_on.unwrap_or_default();
        for (name, level) in &options.rules {
            let rule =
                rule_named(name).map_err(|message| error(Some(name.span().into()), message))?;
            settings.severities[rule as usize] = match level {
                RuleLevel::Error => Some(Severity::Error),
                RuleLevel::Warning => Some(Severity::Warning),
                RuleLevel::Info => Some(Severity::Info),
                RuleLevel::Off => None,
            };
        }
        settings.allow = AllowList::new(&options.allow.phrases).map_err(|m| error(None, m))?;
        let root = path.parent().unwrap_or(Path::new("."));
        let mut exclude = GitignoreBuilder::new(root);
        for pattern in &options.exclude {
            exclude.add_line(None, pattern.get_ref()).map_err(|e| {
                error(
                    Some(pattern.span().into()),
                    format!("invalid exclude pattern: {e}"),
                )
            })?;
        }
        settings.exclude = exclude
            .build()
            .map_err(|e| error(None, format!("invalid exclude patterns: {e}")))?;
        Ok(settings)
    }

    /// The declared business type, if any.
    pub fn business(&self) -> Option<BusinessId> {
        self.business
    }

    /// The lowest severity that fails the run.
    pub fn fail_on(&self) -> FailOn {
        self.fail_on
    }

    /// The severity `rule` reports at, or `None` when it is off.
    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        self.severities.get(rule as usize).copied().flatten()
    }

    /// The allowed phrases.
    pub fn allow(&self) -> &AllowList {
        &self.allow
    }

    /// The config file these settings come from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether `path` (absolute) is excluded by this config.
    pub fn is_excluded(&self, path: &Path) -> bool {
        path.starts_with(self.exclude.path())
            && self
                .exclude
                .matched_path_or_any_parents(path, false)
                .is_ignore()
    }
}

/// The rule a `[rules]` key names.
fn rule_named(name: &Spanned<String>) -> Result<RuleId, String> {
    RuleId::from_name(name.get_ref()).ok_or_else(|| {
        let known: Vec<String> = RULES.iter().map(|r| format!("`{}`", r.name)).collect();
        format!(
            "unknown rule `{}`; expected one of {}",
            name.get_ref(),
            known.join(", ")
        )
    })
}
