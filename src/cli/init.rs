//! `clientele init`: write a commented `clientele.toml`, with `business`
//! set when the documents beside it say clearly what kind of business
//! they describe.

use std::io::{self, Write};
use std::path::Path;

use super::args::ExitStatus;
use super::console::{self, Problems};
use super::survey::survey;
use crate::atomic::{create_file, write_file};
use crate::inventory::infer::{Level, Suggestion, infer};

/// The file `init` writes: every key with its default, and what it means.
pub(crate) const TEMPLATE: &str = include_str!("clientele.init.toml");

/// The line of the template that `business` is set in.
const BUSINESS_LINE: &str = "# business = \"relationship\"\n";

/// The template with `business` set as `suggestion` says, when it says so
/// with at least medium confidence; and what to tell the user about it.
fn prefilled(suggestion: Option<&Suggestion>) -> (String, String) {
    match suggestion {
        Some(Suggestion {
            business: Some(business),
            line: Some(line),
            level,
            confidence,
            ..
        }) if *level >= Level::Medium => {
            let set = format!(
                "# Suggested by `clientele suggest` from the documents here \
                 (confidence {}, {confidence:.2}):\n{line}\n",
                level.as_str()
            );
            (
                TEMPLATE.replacen(BUSINESS_LINE, &set, 1),
                format!("business = \"{business}\", as the documents here suggest (confidence {})", level.as_str()),
            )
        }
        Some(Suggestion {
            business: Some(business),
            level,
            ..
        }) => (
            TEMPLATE.to_owned(),
            format!(
                "business left unset: the documents here point to `{business}` with {} confidence only; `clientele suggest` shows the evidence",
                level.as_str()
            ),
        ),
        _ => (
            TEMPLATE.to_owned(),
            "business left unset: the documents here do not tell what kind of business they describe".to_owned(),
        ),
    }
}

/// Write the template to `path`, `business` prefilled from the documents
/// in its folder; an existing file is kept unless `force`. Either way the
/// file is written whole or not at all (see [`crate::atomic`]): a run cut
/// short never leaves a config cut short.
pub(super) fn run(path: &Path, force: bool) -> io::Result<ExitStatus> {
    let shown = path.display();
    if path.exists() && !force {
        return already_exists(&shown);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let suggestion = if folder.is_dir() {
        survey(&[folder.to_path_buf()], None, &mut Problems::quiet())?
            .map(|surveyed| infer(&surveyed.inventory, &surveyed.lexicon))
    } else {
        None
    };
    let (text, said) = prefilled(suggestion.as_ref());
    let written = if force {
        write_file(path, text.as_bytes())
    } else {
        // Fails when a file appeared meanwhile, rather than replace it.
        create_file(path, text.as_bytes())
    };
    match written {
        Ok(()) => {
            writeln!(console::stdout(), "wrote {shown}: {said}")?;
            Ok(ExitStatus::Success)
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => already_exists(&shown),
        Err(error) => {
            writeln!(console::stderr(), "error: cannot write {shown}: {error}")?;
            Ok(ExitStatus::Error)
        }
    }
}

fn already_exists(shown: &impl std::fmt::Display) -> io::Result<ExitStatus> {
    writeln!(
        console::stderr(),
        "error: {shown} already exists; pass --force to overwrite it"
    )?;
    Ok(ExitStatus::Error)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{BUSINESS_LINE, TEMPLATE, prefilled};
    use crate::config::Config;
    use crate::config::packs::Lexicons;
    use crate::inventory::infer::{Level, Suggestion};
    use crate::registry::RULES;

    fn suggestion(level: Level) -> Suggestion {
        Suggestion {
            business: Some("transactional".to_owned()),
            confidence: 0.5,
            level,
            line: Some("business = \"transactional\"".to_owned()),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn a_confident_suggestion_sets_business_and_a_weak_one_does_not() {
        assert_eq!(TEMPLATE.matches(BUSINESS_LINE).count(), 1);
        let (text, said) = prefilled(Some(&suggestion(Level::Medium)));
        assert!(text.contains("\nbusiness = \"transactional\"\n"), "{text}");
        assert!(!text.contains(BUSINESS_LINE));
        assert!(said.contains("confidence medium"), "{said}");
        let mut lexicons = Lexicons::new("/".into()).unwrap();
        let path = Path::new("/project/clientele.toml");
        let config = Config::from_toml(path, path, &text, &mut lexicons).unwrap();
        let settings = config.settings_for(Path::new("/project/a.md"));
        assert!(settings.business().is_some());
        let (text, said) = prefilled(Some(&suggestion(Level::Low)));
        assert_eq!(text, TEMPLATE);
        assert!(said.contains("low confidence only"), "{said}");
        assert_eq!(prefilled(None).0, TEMPLATE);
    }

    #[test]
    fn the_template_is_a_valid_config_that_lists_every_rule() {
        let mut lexicons = Lexicons::new("/".into()).unwrap();
        let path = Path::new("/project/clientele.toml");
        Config::from_toml(path, path, TEMPLATE, &mut lexicons).unwrap();
        for rule in RULES {
            let line = format!("\n{} = \"{}\"\n", rule.name, rule.default_severity.as_str());
            assert!(TEMPLATE.contains(&line), "{line:?}");
        }
    }

    #[test]
    fn the_commented_out_examples_are_valid_too() {
        let uncommented: String = TEMPLATE
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with("business =")
                        || rest.starts_with("[[overrides]]")
                        || rest.starts_with("paths =")
                        || rest.starts_with("rules =") =>
                {
                    rest
                }
                _ => line,
            })
            .map(|line| format!("{line}\n"))
            .collect();
        assert!(uncommented.contains("\nbusiness = \"relationship\"\n"));
        let mut lexicons = Lexicons::new("/".into()).unwrap();
        let path = Path::new("/project/clientele.toml");
        Config::from_toml(path, path, &uncommented, &mut lexicons).unwrap();
    }
}
