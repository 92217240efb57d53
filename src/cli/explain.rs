//! `clientele explain [RULE]`: a rule's documentation, or the list of rules.

use std::io::{self, Write};

use super::args::ExitStatus;
use super::console;
use crate::registry::{RULES, RuleId};
use crate::suggest::did_you_mean;

/// Print the explanation of `rule`, or list every rule.
pub(super) fn run(rule: Option<&str>) -> io::Result<ExitStatus> {
    let mut out = console::stdout();
    let Some(name) = rule else {
        let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
        for rule in RULES {
            writeln!(
                out,
                "{:<width$} {:<8} {}",
                rule.name,
                rule.default_severity.as_str(),
                rule.summary
            )?;
        }
        return Ok(ExitStatus::Success);
    };
    match RuleId::from_name(name) {
        Some(id) => {
            write!(out, "{}", id.meta().explanation)?;
            Ok(ExitStatus::Success)
        }
        None => {
            let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
            let help = did_you_mean(name, names.iter().copied())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            writeln!(
                console::stderr(),
                "error: unknown rule `{name}`{help}; the rules are: {}",
                names.join(", ")
            )?;
            Ok(ExitStatus::Error)
        }
    }
}
