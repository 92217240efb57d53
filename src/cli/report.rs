//! `clientele report [PATHS]` and `clientele suggest [PATHS]`: count the
//! roles the documents name and the business cues they hold, then print
//! the counts, or the business type they point to.

use std::io::{self, Write};

use super::args::{ExitStatus, ReportArgs, ReportFormat, SuggestArgs, SuggestFormat};
use super::console::{self, Problems, stderr_is_terminal};
use super::survey::survey;
use crate::inventory::infer::infer;
use crate::render::{report, report_html};

pub(super) fn run_report(args: &ReportArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(args.color.enabled(stderr_is_terminal()));
    let Some(surveyed) = survey(&args.paths, args.config.as_deref(), &mut problems)? else {
        return Ok(ExitStatus::Error);
    };
    let inventory = &surveyed.inventory;
    let out = match args.format {
        ReportFormat::Human => report::report(inventory),
        ReportFormat::Json => report::json(inventory).map_err(io::Error::other)?,
        ReportFormat::Html => report_html::page(inventory),
    };
    print(&out)?;
    Ok(problems.status(false))
}

pub(super) fn run_suggest(args: &SuggestArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(args.color.enabled(stderr_is_terminal()));
    let Some(surveyed) = survey(&args.paths, args.config.as_deref(), &mut problems)? else {
        return Ok(ExitStatus::Error);
    };
    let suggestion = infer(&surveyed.inventory, &surveyed.lexicon);
    let out = match args.format {
        SuggestFormat::Human => report::suggestion(&suggestion),
        SuggestFormat::Json => report::json(&suggestion).map_err(io::Error::other)?,
    };
    print(&out)?;
    Ok(problems.status(false))
}

/// Write `text` to standard output.
fn print(text: &str) -> io::Result<()> {
    let mut stdout = console::stdout();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}
