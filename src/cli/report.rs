//! `clientele report [PATHS]` and `clientele suggest [PATHS]`: count the
//! roles the documents name and the business cues they hold, then print
//! the counts, or the business type they point to.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::baseline::PROBE;
use super::check::{Inputs, Problems, jobs};
use super::{ExitStatus, ReportArgs, ReportFormat, SuggestArgs, SuggestFormat, stderr_is_terminal};
use crate::config::{Config, Resolver};
use crate::error::Error;
use crate::inventory::infer::{Suggestion, infer};
use crate::inventory::{Inventory, Survey, html, table};
use crate::lexicon::Lexicon;
use crate::lint::{Unreadable, decode, vocabulary};

/// What surveying a tree gave.
pub(super) struct Surveyed {
    /// The counts.
    pub(super) inventory: Inventory,
    /// The lexicon of the config that governs the current folder: its
    /// business types are the ones a suggestion chooses from.
    pub(super) lexicon: Arc<Lexicon>,
    /// Whether a file or a config could not be read.
    pub(super) failed: bool,
}

/// Count the documents under `paths` (the current folder when empty),
/// each under the config that governs it, or under `config` when given.
/// Errors go to `problems`; `None` when no config could be loaded.
pub(super) fn survey(
    paths: &[PathBuf],
    config: Option<&Path>,
    problems: &mut Problems,
) -> io::Result<Option<Surveyed>> {
    let cwd = std::env::current_dir()?;
    let mut resolver = match Resolver::new(cwd.clone(), config) {
        Ok(resolver) => resolver,
        Err(error) => {
            problems.error(&error)?;
            return Ok(None);
        }
    };
    let inputs = Inputs::files(paths);
    let jobs = jobs(None, &cwd, &inputs, &mut resolver, problems)?;
    let surveys: Vec<Result<Survey, Unreadable>> = jobs
        .par_iter()
        .map(|job| survey_file(&job.input.path, &job.absolute, &job.config))
        .collect();
    let mut inventory = Inventory::default();
    for (job, survey) in jobs.iter().zip(surveys) {
        match survey {
            Ok(survey) => inventory.add(survey),
            Err(Unreadable::Skipped(reason)) => {
                problems.note(&format!("{}: skipped: {reason}", job.input.display()))?;
            }
            Err(Unreadable::Failed(error)) => problems.error(&error)?,
        }
    }
    inventory.finish();
    let lexicon = match resolver.config_for(&cwd.join(PROBE)) {
        Some(config) => Arc::clone(config.lexicon()),
        None => match Lexicon::builtin() {
            Ok(lexicon) => Arc::new(lexicon),
            Err(error) => {
                problems.error(&error)?;
                return Ok(None);
            }
        },
    };
    for error in resolver.take_errors() {
        problems.error(&error)?;
    }
    Ok(Some(Surveyed {
        inventory,
        lexicon,
        failed: problems.any_error(),
    }))
}

/// The terms and cues of the file at `path` (`absolute` for matching
/// `[[overrides]]`), or what became of a file that could not be read.
fn survey_file(path: &Path, absolute: &Path, config: &Config) -> Result<Survey, Unreadable> {
    let bytes = crate::read::read_file(path).map_err(|source| {
        Unreadable::Failed(Error::Io {
            path: path.to_path_buf(),
            source,
        })
    })?;
    let text = decode(path, bytes)?;
    let lexicon = config.lexicon();
    let settings = config.settings_for(absolute);
    let found = vocabulary(&text, lexicon, &settings);
    Ok(Survey::new(path, &text, &found, lexicon))
}

fn status(surveyed: &Surveyed) -> ExitStatus {
    if surveyed.failed {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    }
}

pub(super) fn run_report(args: &ReportArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(args.color.enabled(stderr_is_terminal()));
    let Some(surveyed) = survey(&args.paths, args.config.as_deref(), &mut problems)? else {
        return Ok(ExitStatus::Error);
    };
    let inventory = &surveyed.inventory;
    let out = match args.format {
        ReportFormat::Human => table::report(inventory),
        ReportFormat::Json => json(inventory)?,
        ReportFormat::Html => html::page(inventory),
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(status(&surveyed))
}

pub(super) fn run_suggest(args: &SuggestArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(args.color.enabled(stderr_is_terminal()));
    let Some(surveyed) = survey(&args.paths, args.config.as_deref(), &mut problems)? else {
        return Ok(ExitStatus::Error);
    };
    let suggestion = infer(&surveyed.inventory, &surveyed.lexicon);
    let out = match args.format {
        SuggestFormat::Human => table::suggestion(&suggestion),
        SuggestFormat::Json => json(&suggestion)?,
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(status(&surveyed))
}

/// What `clientele init` writes for `business`: the suggestion for the
/// documents under `folder`, when there is one.
pub(super) fn suggest_for(
    folder: &Path,
    problems: &mut Problems,
) -> io::Result<Option<Suggestion>> {
    let Some(surveyed) = survey(&[folder.to_path_buf()], None, problems)? else {
        return Ok(None);
    };
    Ok(Some(infer(&surveyed.inventory, &surveyed.lexicon)))
}

/// The version of the JSON that `report` and `suggest` print; it changes
/// only when a field changes meaning or goes away.
const JSON_VERSION: u32 = 1;

/// A JSON document with its version first.
#[derive(serde::Serialize)]
struct Versioned<'a, T> {
    version: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// `value` as pretty JSON, with its version, and a final newline.
fn json(value: &impl serde::Serialize) -> io::Result<String> {
    let versioned = Versioned {
        version: JSON_VERSION,
        body: value,
    };
    let mut text = serde_json::to_string_pretty(&versioned).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}
