//! `clientele check-pack`: a pack's `[[examples]]` run through the linter
//! with the pack loaded, and compared with the findings and the fixed text
//! each example expects.
//!
//! Nothing here prints; [`crate::render::pack_check`] shows the outcome.
//! An example's own mistakes (a finding that is not `rule: text`, an
//! unknown rule or business type) are errors pointing into the pack, as
//! any other malformed pack is.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::config::layer::{Layer, LayerSpec, Named, rule_named};
use crate::error::{Error, LocatedError, Result};
use crate::lexicon::{ExampleEntry, Lexicon, LexiconBuilder, PackExamples};
use crate::lint::{fix_document, lint_document};
use crate::registry::RuleId;
use crate::source::LineIndex;
use crate::span::Span;

/// One finding as an example states it, or as the linter reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The rule.
    pub(crate) rule: RuleId,
    /// The text it is about, as written in the example.
    pub(crate) text: String,
    /// The 1-based line in the example's text; an expected finding may
    /// leave it out.
    pub(crate) line: Option<usize>,
}

impl Finding {
    /// Whether the found finding `found` is the one this expected finding
    /// states (the line counts only when it is stated).
    fn matches(&self, found: &Finding) -> bool {
        self.rule == found.rule
            && self.text == found.text
            && self.line.is_none_or(|line| found.line == Some(line))
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule.name(), self.text)?;
        match self.line {
            Some(line) => write!(f, " (line {line})"),
            None => Ok(()),
        }
    }
}

/// What one example gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExampleOutcome {
    /// The example's 1-based place among the pack's examples.
    pub(crate) number: usize,
    /// The line of the pack its `text` starts on.
    pub(crate) line: usize,
    /// The findings it expects, in order.
    pub(crate) expected: Vec<Finding>,
    /// The findings the linter reported, in order, with their lines.
    pub(crate) found: Vec<Finding>,
    /// The text it expects `--fix` to give.
    pub(crate) expected_fixed: String,
    /// The text `--fix` gave.
    pub(crate) fixed: String,
}

impl ExampleOutcome {
    /// Whether the findings are the expected ones, in order.
    pub(crate) fn findings_match(&self) -> bool {
        self.expected.len() == self.found.len()
            && self
                .expected
                .iter()
                .zip(&self.found)
                .all(|(expected, found)| expected.matches(found))
    }

    /// Whether `--fix` gave the expected text.
    pub(crate) fn fixed_matches(&self) -> bool {
        self.expected_fixed == self.fixed
    }

    /// Whether the example passes.
    pub(crate) fn passed(&self) -> bool {
        self.findings_match() && self.fixed_matches()
    }
}

/// What a pack's examples gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackOutcome {
    /// The pack, as shown.
    pub(crate) path: PathBuf,
    /// Every example, in the pack's order.
    pub(crate) examples: Vec<ExampleOutcome>,
}

impl PackOutcome {
    /// Whether every example passes.
    pub(crate) fn passed(&self) -> bool {
        self.examples.iter().all(ExampleOutcome::passed)
    }
}

/// Load the pack at `path` (shown so) whose contents are `text` on top of
/// the built-in packs, and run its examples.
pub(crate) fn check_pack(path: &Path, text: &str) -> Result<PackOutcome> {
    let mut builder = LexiconBuilder::default();
    builder.add_builtin_packs()?;
    builder.add_pack(path, text)?;
    let lexicon = builder.build()?;
    check_examples(&lexicon, path, text)
}

/// Run the examples of the pack at `path` whose contents are `text`, under
/// `lexicon`, which must have the pack loaded.
pub(crate) fn check_examples(lexicon: &Lexicon, path: &Path, text: &str) -> Result<PackOutcome> {
    let pack_error = |span: Option<Span>, message: String| {
        Error::Pack(Box::new(LocatedError::new(
            path.to_path_buf(),
            text,
            span,
            message,
        )))
    };
    let pack: PackExamples = toml::from_str(text)
        .map_err(|e| pack_error(e.span().map(Span::from), e.message().trim().to_owned()))?;
    let lines = LineIndex::new(text);
    let mut examples = Vec::with_capacity(pack.examples.len());
    for (index, example) in pack.examples.iter().enumerate() {
        let expected = example
            .findings
            .iter()
            .map(|finding| parse_finding(finding, path, text))
            .collect::<Result<Vec<_>>>()?;
        let settings = settings(example, lexicon, path, text)?;
        let (found, fixed) = run(example.text.get_ref(), path, lexicon, &settings)?;
        examples.push(ExampleOutcome {
            number: index + 1,
            line: lines.line_column(text, example.text.span().start).line,
            expected,
            found,
            expected_fixed: example
                .fixed
                .clone()
                .unwrap_or_else(|| example.text.get_ref().clone()),
            fixed,
        });
    }
    Ok(PackOutcome {
        path: path.to_path_buf(),
        examples,
    })
}

/// The settings an example is checked under: the defaults, with its
/// business type.
fn settings(
    example: &ExampleEntry,
    lexicon: &Lexicon,
    path: &Path,
    text: &str,
) -> Result<Settings> {
    let business = example
        .business
        .as_ref()
        .map(|name| toml::Spanned::new(name.span(), name.get_ref().clone()));
    let spec = LayerSpec::from_toml(business.as_ref(), [], 0);
    let layer =
        Layer::resolve(&spec, lexicon).map_err(|e| Error::Pack(Box::new(e.locate(path, text))))?;
    let mut settings = Settings::default();
    settings.apply(&layer);
    Ok(settings)
}

/// The findings in `example` and its text after `--fix`, as `clientele
/// check --fix` would have them.
fn run(
    example: &str,
    path: &Path,
    lexicon: &Lexicon,
    settings: &Settings,
) -> Result<(Vec<Finding>, String)> {
    let diagnostics = lint_document(path, example, lexicon, settings)?;
    let lines = LineIndex::new(example);
    let found = diagnostics
        .iter()
        .map(|d| Finding {
            rule: d.rule,
            text: d.span.slice(example).unwrap_or_default().to_owned(),
            line: Some(lines.line_column(example, d.span.start).line),
        })
        .collect();
    let fixed = if diagnostics.iter().any(|d| d.fixable) {
        fix_document(path, example, lexicon, settings, diagnostics)?.text
    } else {
        example.to_owned()
    };
    Ok((found, fixed))
}

/// An expected finding written `rule: text` or `rule: text (line N)`.
fn parse_finding(
    finding: &crate::lexicon::Spanned<String>,
    path: &Path,
    text: &str,
) -> Result<Finding> {
    let span = Span::from(finding.span());
    let error = |message: String| {
        Error::Pack(Box::new(LocatedError::new(
            path.to_path_buf(),
            text,
            Some(span),
            message,
        )))
    };
    let written = finding.get_ref();
    let Some((rule, rest)) = written.split_once(": ") else {
        return Err(error(format!(
            "a finding is written `rule: text`, such as `wrong-term: customers`; `{written}` has no `: `"
        )));
    };
    let named = Named {
        value: rule.trim().to_owned(),
        span: Some(span),
    };
    let rule = rule_named(&named).map_err(|e| Error::Pack(Box::new(e.locate(path, text))))?;
    let (found_text, line) = split_line(rest);
    if found_text.is_empty() {
        return Err(error(format!(
            "the finding `{written}` names no text after its rule"
        )));
    }
    Ok(Finding {
        rule,
        text: found_text.to_owned(),
        line,
    })
}

/// `text (line N)` as `text` and `N`; other text as it is.
fn split_line(written: &str) -> (&str, Option<usize>) {
    let parsed = written.strip_suffix(')').and_then(|head| {
        let (text, number) = head.rsplit_once(" (line ")?;
        Some((text, number.parse().ok()?))
    });
    match parsed {
        Some((text, line)) => (text, Some(line)),
        None => (written, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::BUILTIN_PACKS;
    use crate::testing::LEXICON;

    #[test]
    fn every_built_in_pack_passes_its_examples() {
        for (path, text) in BUILTIN_PACKS {
            let outcome = check_examples(&LEXICON, Path::new(path), text).unwrap();
            assert!(outcome.passed(), "{}", crate::render::pack_report(&outcome));
            if path != "rules/business.toml" {
                assert!(
                    outcome.examples.len() >= 3,
                    "{path} should show what it does in a few examples"
                );
            }
        }
    }

    #[test]
    fn a_changed_pack_fails_its_examples() {
        let text = BUILTIN_PACKS[0]
            .1
            .replace("fixed = \"Our clients get", "fixed = \"Our patrons get");
        let outcome = check_examples(&LEXICON, Path::new("rules/en.toml"), &text).unwrap();
        let failed: Vec<usize> = outcome
            .examples
            .iter()
            .filter(|e| !e.passed())
            .map(|e| e.number)
            .collect();
        assert_eq!(failed, [1]);
        assert!(outcome.examples[0].findings_match());
        assert!(!outcome.examples[0].fixed_matches());
    }

    #[test]
    fn a_finding_may_name_its_line() {
        assert_eq!(split_line("customers (line 12)"), ("customers", Some(12)));
        assert_eq!(
            split_line("customers (line x)"),
            ("customers (line x)", None)
        );
        assert_eq!(split_line("customers"), ("customers", None));
        let expected = Finding {
            rule: RuleId::WrongTerm,
            text: "customers".to_owned(),
            line: None,
        };
        let found = Finding {
            line: Some(3),
            ..expected.clone()
        };
        assert!(expected.matches(&found));
        assert!(
            !Finding {
                line: Some(2),
                ..expected
            }
            .matches(&found)
        );
    }

    #[test]
    fn a_finding_without_its_rule_is_an_error_in_the_pack() {
        let text = "[[examples]]\ntext = \"Our customers.\"\nfindings = [\"customers\"]\n";
        let error = check_examples(&LEXICON, Path::new("p.toml"), text).unwrap_err();
        let located = error.located().unwrap();
        assert_eq!(located.line_column(), Some((3, 13)));
        assert!(
            located.message.contains("`rule: text`"),
            "{}",
            located.message
        );
    }

    #[test]
    fn an_unknown_rule_in_a_finding_is_an_error_with_a_guess() {
        let text =
            "[[examples]]\ntext = \"Our customers.\"\nfindings = [\"wrong-trm: customers\"]\n";
        let error = check_examples(&LEXICON, Path::new("p.toml"), text).unwrap_err();
        let located = error.located().unwrap();
        assert_eq!(located.line_column(), Some((3, 13)));
        assert!(located.message.contains("unknown rule `wrong-trm`"));
        assert_eq!(located.help.as_deref(), Some("did you mean `wrong-term`?"));
    }

    #[test]
    fn an_unknown_business_type_in_an_example_is_an_error_in_the_pack() {
        let text = "[[examples]]\ntext = \"Our customers.\"\nbusiness = \"shopp\"\n";
        let error = check_examples(&LEXICON, Path::new("p.toml"), text).unwrap_err();
        let located = error.located().unwrap();
        assert_eq!(located.line_column(), Some((3, 12)));
        assert!(located.message.contains("unknown business type `shopp`"));
    }
}
