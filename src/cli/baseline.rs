//! `clientele baseline [PATHS]`: record the findings of the files checked in
//! a baseline file (replacing what it recorded for them), or with
//! `--prune`, only forget the recorded findings that no longer occur.

use std::io::{self, Write};
use std::path::PathBuf;

use super::args::{BaselineArgs, ColorChoice, ExitStatus};
use super::console::{self, Problems, stderr_is_terminal};
use crate::atomic::write_file;
use crate::baseline::{Baseline, DEFAULT_FILE, Matcher, key};
use crate::error::Error;
use crate::lint::FileOutcome;
use crate::render::{not_written, written};
use crate::run::{self, Inputs, Mode, Run};
use crate::walk::display_path;

pub(super) fn run(args: &BaselineArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(ColorChoice::Auto.enabled(stderr_is_terminal()));
    let cwd = std::env::current_dir()?;
    let mut run = match Run::new(cwd.clone(), args.config.as_deref()) {
        Ok(run) => run,
        Err(error) => {
            problems.error(&error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let path = run
        .baseline_path(args.baseline.as_deref())
        .unwrap_or_else(|| cwd.join(DEFAULT_FILE));
    let shown = display_path(path.strip_prefix(&cwd).unwrap_or(&path));
    let (mut jobs, errors) = run.jobs(&Inputs::files(&args.paths));
    problems.errors(&errors)?;
    let (_, errors) = run.pair(&mut jobs);
    problems.errors(&errors)?;
    let old = if path.exists() {
        match run.load_baseline(&path) {
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
    run::check_in_order(&jobs, None, Mode::Check, |job, outcome, errors| {
        problems.errors(&errors)?;
        match outcome {
            FileOutcome::Checked(checked) => {
                let absolute = &job.doc.absolute;
                matcher.checked(absolute);
                let text = checked.source.text();
                for d in &checked.diagnostics {
                    matcher.take(absolute, text, d);
                    fresh.add(key(&root, absolute, text, d));
                }
                Ok(())
            }
            FileOutcome::Skipped { reason } => problems.skipped(&job.doc.shown, &reason),
            FileOutcome::Failed(error) => problems.error(&error),
        }
    })?;
    if problems.any_error() {
        // A file that could not be checked would lose its records.
        write!(console::stderr(), "{}", not_written(&shown))?;
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
    let said = written(&shown, new.len(), new.files().len(), gone);
    write!(console::stdout(), "{said}")?;
    Ok(ExitStatus::Success)
}
