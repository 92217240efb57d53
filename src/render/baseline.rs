//! What `clientele baseline` and `--check-baseline` say about a baseline
//! file.

use std::fmt::Write as _;

use super::plural;
use crate::baseline::Stale;

/// The lines, for stderr, that tell which findings of the baseline shown
/// as `shown` no longer occur; empty when none is stale.
pub(crate) fn stale_report(shown: &str, stale: &[Stale]) -> String {
    let mut out = String::new();
    for entry in stale {
        let times = if entry.count > 1 {
            format!(" ×{}", entry.count)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{shown}: stale: {}: {} `{}`{times} is no longer found",
            entry.key.path, entry.key.rule, entry.key.matched
        );
    }
    if !stale.is_empty() {
        let _ = writeln!(
            out,
            "{} of {shown} no longer found; `clientele baseline --prune` removes them.",
            plural(stale.iter().map(|s| s.count).sum(), "finding")
        );
    }
    out
}

/// The line that says what `clientele baseline` wrote to the file shown
/// as `shown`: `findings` in `files`, of which `gone` were removed as no
/// longer found.
pub(crate) fn written(shown: &str, findings: usize, files: usize, gone: usize) -> String {
    let removed = if gone > 0 {
        format!(" ({} no longer found, removed)", plural(gone, "finding"))
    } else {
        String::new()
    };
    format!(
        "Wrote {} in {} to {shown}{removed}.\n",
        plural(findings, "finding"),
        plural(files, "file")
    )
}

/// The line that says the baseline shown as `shown` was left as it was,
/// because documents could not be checked.
pub(crate) fn not_written(shown: &str) -> String {
    format!("{shown}: not written, because of the errors above\n")
}
