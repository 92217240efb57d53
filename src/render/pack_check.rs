//! The outcome of `clientele check-pack` as text: each failing example
//! with its expected and found findings and a diff of its fixed text, then
//! one summary line.

use std::fmt::Write as _;

use similar::TextDiff;

use super::plural;
use crate::pack_check::{ExampleOutcome, PackOutcome};
use crate::walk::display_path;

/// The report of `outcome`, ending in a newline.
pub(crate) fn pack_report(outcome: &PackOutcome) -> String {
    let path = display_path(&outcome.path);
    let mut out = String::new();
    for example in outcome.examples.iter().filter(|e| !e.passed()) {
        failed_example(&mut out, &path, example);
    }
    let total = outcome.examples.len();
    let failed = outcome.examples.iter().filter(|e| !e.passed()).count();
    let _ = match (total, failed) {
        (0, _) => writeln!(out, "{path}: the pack loads; it has no examples to check"),
        (1, 0) => writeln!(out, "{path}: 1 example passes"),
        (_, 0) => writeln!(out, "{path}: {total} examples pass"),
        _ => writeln!(
            out,
            "{path}: {failed} of {} failed",
            plural(total, "example")
        ),
    };
    out
}

/// One failing example: what differs, and how.
fn failed_example(out: &mut String, path: &str, example: &ExampleOutcome) {
    let _ = writeln!(
        out,
        "{path}:{}: example {} failed",
        example.line, example.number
    );
    if !example.findings_match() {
        let _ = writeln!(out, "  expected findings:");
        findings(out, &example.expected);
        let _ = writeln!(out, "  found:");
        findings(out, &example.found);
    }
    if !example.fixed_matches() {
        // The marker only helps when the texts differ in their last newline.
        let hint = example.expected_fixed.ends_with('\n') != example.fixed.ends_with('\n');
        let diff = TextDiff::from_lines(&example.expected_fixed, &example.fixed)
            .unified_diff()
            .missing_newline_hint(hint)
            .header("expected fixed text", "fixed text")
            .to_string();
        let _ = writeln!(out, "  the fixed text differs:");
        for line in diff.lines() {
            // An empty line of context is left empty, not indented spaces.
            if line.trim().is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out.push('\n');
}

/// A list of findings, one per line, or `(none)`.
fn findings(out: &mut String, list: &[crate::pack_check::Finding]) {
    if list.is_empty() {
        let _ = writeln!(out, "    (none)");
    }
    for finding in list {
        let _ = writeln!(out, "    {finding}");
    }
}
