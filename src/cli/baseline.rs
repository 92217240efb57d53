//! `clientele baseline [PATHS]`: record the findings of the files checked in
//! a baseline file (replacing what it recorded for them), or with
//! `--prune`, only forget the recorded findings that no longer occur.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::check::{CHUNK, Inputs, Mode, Problems, jobs, run_job};
use super::translations::attach_sources;
use super::{BaselineArgs, ExitStatus, stderr_is_terminal};
use crate::atomic::write_file;
use crate::baseline::{Baseline, DEFAULT_FILE, Matcher, key};
use crate::config::Resolver;
use crate::error::Error;
use crate::lint::FileOutcome;
use crate::render::plural;
use crate::walk::{absolute, display_path};

/// A file name no document has, to ask which config governs a folder.
pub(super) const PROBE: &str = ".clientele-probe.md";

/// The baseline a run uses: `flag`, else the `baseline` key of the config
/// that governs `cwd`.
pub(super) fn baseline_path(
    flag: Option<&Path>,
    cwd: &Path,
    resolver: &mut Resolver,
) -> Option<PathBuf> {
    match flag {
        Some(path) => Some(absolute(cwd, path)),
        None => resolver
            .config_for(&cwd.join(PROBE))?
            .baseline()
            .map(Path::to_path_buf),
    }
}

/// Read the baseline at `path`; errors show the path relative to `cwd`.
pub(super) fn load_baseline(path: &Path, cwd: &Path) -> Result<Baseline, Error> {
    Baseline::load(path).map_err(|error| match error {
        Error::Baseline { path, message } => Error::Baseline {
            path: path
                .strip_prefix(cwd)
                .map(Path::to_path_buf)
                .unwrap_or(path),
            message,
        },
        other => other,
    })
}

pub(super) fn run(args: &BaselineArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(super::ColorChoice::Auto.enabled(stderr_is_terminal()));
    let cwd = std::env::current_dir()?;
    let mut resolver = match Resolver::new(cwd.clone(), args.config.as_deref()) {
        Ok(resolver) => resolver,
        Err(error) => {
            problems.error(&error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let path = baseline_path(args.baseline.as_deref(), &cwd, &mut resolver)
        .unwrap_or_else(|| cwd.join(DEFAULT_FILE));
    let shown = display_path(path.strip_prefix(&cwd).unwrap_or(&path));
    let inputs = Inputs::files(&args.paths);
    let mut jobs = jobs(None, &cwd, &inputs, &mut resolver, &mut problems)?;
    attach_sources(&mut jobs, &cwd, &mut resolver, &mut problems)?;
    let old = if path.exists() {
        match load_baseline(&path, &cwd) {
            Ok(old) => old,
            Err(error) => {
                problems.error(&error)?;
                return Ok(ExitStatus::Error);
            }
        }
    } else if args.prune {
        problems.error(&Error::Baseline {
            path: PathBuf::from(&shown),
            message: "the file does not exist; write it with `clientele baseline`".to_owned(),
        })?;
        return Ok(ExitStatus::Error);
    } else {
        Baseline::default()
    };

    // Match today's findings against the old records: the matcher knows
    // which files were checked and which records are stale.
    let mut matcher = Matcher::new(path.clone(), old.clone());
    let root = path.parent().unwrap_or(&cwd).to_path_buf();
    let mut fresh = Baseline::default();
    for chunk in jobs.chunks(CHUNK) {
        let outcomes: Vec<(FileOutcome, Vec<Error>)> = chunk
            .par_iter()
            .map(|job| run_job(job, None, Mode::Check))
            .collect();
        for (job, (outcome, errors)) in chunk.iter().zip(outcomes) {
            for error in &errors {
                problems.error(error)?;
            }
            match outcome {
                FileOutcome::Checked(checked) => {
                    matcher.checked(&job.absolute);
                    let text = checked.source.text();
                    for d in &checked.diagnostics {
                        matcher.take(&job.absolute, text, d);
                        fresh.add(key(&root, &job.absolute, text, d));
                    }
                }
                FileOutcome::Skipped { reason } => {
                    problems.note(&format!("{}: skipped: {reason}", job.input.display()))?;
                }
                FileOutcome::Failed(error) => problems.error(&error)?,
            }
        }
    }
    if problems.any_error() {
        // A file that could not be checked would lose its records.
        writeln!(
            io::stderr(),
            "{shown}: not written, because of the errors above"
        )?;
        return Ok(ExitStatus::Error);
    }

    let stale = matcher.stale();
    let new = if args.prune {
        let mut kept = old.clone();
        kept.remove(&stale);
        kept
    } else {
        old.replace_files(fresh, |file| matcher.covers(file))
    };
    if let Err(source) = write_file(&path, new.to_json().as_bytes()) {
        problems.error(&Error::Baseline {
            path: PathBuf::from(&shown),
            message: format!("cannot write it: {source}"),
        })?;
        return Ok(ExitStatus::Error);
    }
    let gone: usize = stale.iter().map(|s| s.count).sum();
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Wrote {} in {} to {shown}{}.",
        plural(new.len(), "finding"),
        plural(new.files().len(), "file"),
        if gone > 0 {
            format!(" ({} no longer found, removed)", plural(gone, "finding"))
        } else {
            String::new()
        }
    )?;
    Ok(ExitStatus::Success)
}
