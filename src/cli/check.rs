//! `clientele check [PATHS]` (also the default command): walk, lint in
//! parallel, print in path order, decide the exit status.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::{CheckArgs, ExitStatus, stderr_is_terminal, stdout_is_terminal};
use crate::config::{Config, FailOn, Resolver};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lint::{FileOutcome, check_file};
use crate::render::{self, Summary, render_error};
use crate::walk::{self, Input, absolute};

/// Files linted in parallel before their output is printed in order: bounds
/// memory to one chunk of sources, whatever the size of the tree.
const CHUNK: usize = 256;

/// Writes errors and notes to stderr and remembers that an error happened.
struct Problems {
    color: bool,
    any_error: bool,
}

impl Problems {
    fn error(&mut self, error: &Error) -> io::Result<()> {
        self.any_error = true;
        writeln!(io::stderr().lock(), "{}", render_error(error, self.color))
    }

    fn note(&mut self, message: &str) -> io::Result<()> {
        writeln!(io::stderr().lock(), "note: {message}")
    }
}

/// Whether a finding of `severity` fails the run under `fail_on`.
fn fails(severity: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Error => severity >= Severity::Error,
        FailOn::Warning => severity >= Severity::Warning,
        FailOn::Never => false,
    }
}

pub(super) fn run(args: &CheckArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems {
        color: args.color.enabled(stderr_is_terminal()),
        any_error: false,
    };
    let cwd = std::env::current_dir()?;
    let mut resolver = match Resolver::new(cwd.clone(), args.config.as_deref()) {
        Ok(resolver) => resolver,
        Err(error) => {
            problems.error(&error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let (inputs, walk_errors) = walk::collect(&args.paths);
    for error in &walk_errors {
        problems.error(error)?;
    }
    let mut jobs: Vec<(Input, PathBuf, Arc<Config>)> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let Some(config) = resolver.config_for(&input.path) else {
            continue;
        };
        let absolute = absolute(&cwd, &input.path);
        if !config.is_excluded(&absolute) {
            jobs.push((input, absolute, config));
        }
    }
    for error in resolver.take_errors() {
        problems.error(&error)?;
    }

    let mut out = BufWriter::new(io::stdout().lock());
    let mut printer = render::printer(args.format, args.color.enabled(stdout_is_terminal()));
    let mut summary = Summary::default();
    let mut failed = false;
    for chunk in jobs.chunks(CHUNK) {
        let outcomes: Vec<FileOutcome> = chunk
            .par_iter()
            .map(|(input, absolute, config)| check_file(&input.path, absolute, config))
            .collect();
        for ((input, _, _), outcome) in chunk.iter().zip(outcomes) {
            match outcome {
                FileOutcome::Checked {
                    source,
                    diagnostics,
                    fail_on,
                } => {
                    summary.add(&diagnostics);
                    let fail_on = args.fail_on.unwrap_or(fail_on);
                    failed |= diagnostics.iter().any(|d| fails(d.severity, fail_on));
                    printer.file(&mut out, &input.display(), &source, &diagnostics)?;
                }
                FileOutcome::Skipped { reason } => {
                    problems.note(&format!("{}: skipped: {reason}", input.display()))?;
                }
                FileOutcome::Failed(error) => problems.error(&error)?,
            }
        }
    }
    printer.finish(&mut out, &summary)?;
    out.flush()?;
    Ok(if problems.any_error {
        ExitStatus::Error
    } else if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
