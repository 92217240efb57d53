//! `clientele check [PATHS]` (also the default command): walk, lint (and
//! fix) in parallel, print in path order, decide the exit status.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{CheckArgs, ExitStatus, stderr_is_terminal, stdout_is_terminal};
use crate::atomic::replace_contents;
use crate::config::{Config, FailOn, Resolver};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lint::{Checked, FileOutcome, check_bytes, check_file};
use crate::render::{self, Notice, Summary, plural, render_error, unified_diff};
use crate::walk::{self, Input, absolute};

/// Files linted in parallel before their output is printed in order: bounds
/// memory to one chunk of sources, whatever the size of the tree.
const CHUNK: usize = 256;

/// The path that stands for standard input.
const STDIN: &str = "-";

/// What a run does with the findings it can fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Report them.
    Check,
    /// Fix them in place (`--fix`).
    Fix,
    /// Print the fixes as a diff (`--diff`).
    Diff,
}

/// One document to check.
struct Job {
    /// Its path as shown; for standard input, `--stdin-filename` or `-`.
    input: Input,
    /// The same path, absolute, for matching `[[overrides]]`.
    absolute: PathBuf,
    config: Arc<Config>,
    /// Whether the text comes from standard input rather than the file.
    stdin: bool,
}

/// Writes errors and notes to stderr and keeps them for the report (SARIF
/// lists them; the summary says files were not checked).
struct Problems {
    color: bool,
    notices: Vec<Notice>,
}

impl Problems {
    fn error(&mut self, error: &Error) -> io::Result<()> {
        self.notices.push(Notice {
            is_error: true,
            message: error.to_string(),
        });
        writeln!(io::stderr().lock(), "{}", render_error(error, self.color))
    }

    fn note(&mut self, message: &str) -> io::Result<()> {
        self.notices.push(Notice {
            is_error: false,
            message: message.to_owned(),
        });
        writeln!(io::stderr().lock(), "note: {message}")
    }

    fn any_error(&self) -> bool {
        self.notices.iter().any(|n| n.is_error)
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

/// The documents a run was asked to check.
struct Inputs {
    /// Files and folders.
    paths: Vec<PathBuf>,
    /// The text read from standard input, when `-` was given.
    stdin: Option<Vec<u8>>,
}

pub(super) fn run(args: &CheckArgs) -> io::Result<ExitStatus> {
    let mode = if args.diff {
        Mode::Diff
    } else if args.fix {
        Mode::Fix
    } else {
        Mode::Check
    };
    let mut problems = Problems {
        color: args.color.enabled(stderr_is_terminal()),
        notices: Vec::new(),
    };
    let cwd = std::env::current_dir()?;
    let inputs = match inputs(args) {
        Ok(inputs) => inputs,
        Err(error) => {
            problems.error(&error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let (status, fixed_stdin) = check(args, mode, &cwd, &inputs, &mut problems)?;
    if mode == Mode::Fix
        && let Some(original) = &inputs.stdin
    {
        // Standard output carries the text whatever happened, fixed or
        // not: an editor replaces its buffer with it.
        let mut out = io::stdout().lock();
        out.write_all(fixed_stdin.as_ref().map_or(original, String::as_bytes))?;
        out.flush()?;
    }
    Ok(status)
}

/// The paths of the command line, and standard input, read when `-` is
/// among them or `--stdin-filename` is given.
fn inputs(args: &CheckArgs) -> Result<Inputs, Error> {
    let (dashes, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        args.paths.iter().partition(|p| p.as_os_str() == STDIN);
    let mut paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let read_stdin = !dashes.is_empty() || args.stdin_filename.is_some();
    if paths.is_empty() && !read_stdin {
        paths.push(PathBuf::from("."));
    }
    let stdin = if read_stdin {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: PathBuf::from(STDIN),
                source,
            })?;
        Some(bytes)
    } else {
        None
    };
    Ok(Inputs { paths, stdin })
}

/// The jobs for `inputs`, each with its config, leaving out excluded files.
fn jobs(
    args: &CheckArgs,
    cwd: &Path,
    inputs: &Inputs,
    resolver: &mut Resolver,
    problems: &mut Problems,
) -> io::Result<Vec<Job>> {
    let (found, walk_errors) = walk::collect(&inputs.paths);
    for error in &walk_errors {
        problems.error(error)?;
    }
    let mut jobs: Vec<Job> = Vec::with_capacity(found.len() + 1);
    for input in found {
        let Some(config) = resolver.config_for(&input.path) else {
            continue;
        };
        let absolute = absolute(cwd, &input.path);
        if !config.is_excluded(&absolute) {
            jobs.push(Job {
                input,
                absolute,
                config,
                stdin: false,
            });
        }
    }
    if inputs.stdin.is_some() {
        let path = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from(STDIN));
        // Text piped in is checked even where `exclude` would skip the file:
        // it was asked for by name.
        if let Some(config) = resolver.config_for(&path) {
            jobs.push(Job {
                absolute: absolute(cwd, &path),
                input: Input { path },
                config,
                stdin: true,
            });
        }
    }
    for error in resolver.take_errors() {
        problems.error(&error)?;
    }
    Ok(jobs)
}

/// Check every input and print the report; also the fixed text of
/// standard input, when `--fix` changed it.
fn check(
    args: &CheckArgs,
    mode: Mode,
    cwd: &Path,
    inputs: &Inputs,
    problems: &mut Problems,
) -> io::Result<(ExitStatus, Option<String>)> {
    let mut resolver = match Resolver::new(cwd.to_path_buf(), args.config.as_deref()) {
        Ok(resolver) => resolver,
        Err(error) => {
            problems.error(&error)?;
            return Ok((ExitStatus::Error, None));
        }
    };
    let jobs = jobs(args, cwd, inputs, &mut resolver, problems)?;

    // With `--fix -` the report goes to stderr: stdout carries the text.
    let (mut out, color): (Box<dyn Write>, bool) = if mode == Mode::Fix && inputs.stdin.is_some() {
        (Box::new(io::stderr().lock()), stderr_is_terminal())
    } else {
        (
            Box::new(BufWriter::new(io::stdout().lock())),
            stdout_is_terminal(),
        )
    };
    let mut printer = render::printer(args.format, args.color.enabled(color));
    let mut summary = Summary::default();
    let mut failed = false;
    let mut fixed_stdin = None;
    for chunk in jobs.chunks(CHUNK) {
        let reports: Vec<(FileOutcome, Option<Error>)> = chunk
            .par_iter()
            .map(|job| run_job(job, inputs.stdin.as_deref(), mode))
            .collect();
        for (job, (outcome, write_error)) in chunk.iter().zip(reports) {
            if let Some(error) = write_error {
                problems.error(&error)?;
            }
            let shown = job.input.display();
            let checked = match outcome {
                FileOutcome::Checked(checked) => checked,
                FileOutcome::Skipped { reason } => {
                    problems.note(&format!("{shown}: skipped: {reason}"))?;
                    continue;
                }
                FileOutcome::Failed(error) => {
                    problems.error(&error)?;
                    continue;
                }
            };
            summary.add(&checked.diagnostics);
            let fail_on = args.fail_on.unwrap_or(checked.fail_on);
            failed |= checked
                .diagnostics
                .iter()
                .any(|d| fails(d.severity, fail_on));
            let text = checked.source.text();
            if let Some(fixes) = &checked.fixes {
                summary.add_fixes(fixes.count);
                match mode {
                    Mode::Diff => write!(out, "{}", unified_diff(&shown, &fixes.original, text))?,
                    Mode::Fix if job.stdin => fixed_stdin = Some(text.to_owned()),
                    Mode::Fix | Mode::Check => {}
                }
            }
            if mode != Mode::Diff {
                printer.file(&mut out, &shown, &checked.source, &checked.diagnostics)?;
            }
        }
    }
    if mode == Mode::Diff {
        out.flush()?;
        writeln!(io::stderr().lock(), "{}", would_fix(&summary))?;
        failed = summary.fixed > 0;
    } else {
        printer.finish(&mut out, &summary, &problems.notices)?;
    }
    out.flush()?;
    let status = if problems.any_error() {
        ExitStatus::Error
    } else if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };
    Ok((status, fixed_stdin))
}

/// Check (and fix) one document; with `--fix`, write the fixed file. When
/// the write fails, the file is unchanged, and the outcome is that of the
/// file as it is, with the write error beside it.
fn run_job(job: &Job, stdin: Option<&[u8]>, mode: Mode) -> (FileOutcome, Option<Error>) {
    let fix = mode != Mode::Check;
    let path = &job.input.path;
    let outcome = match stdin.filter(|_| job.stdin) {
        Some(bytes) => check_bytes(path, &job.absolute, bytes.to_vec(), &job.config, fix),
        None => check_file(path, &job.absolute, &job.config, fix),
    };
    let written = match &outcome {
        FileOutcome::Checked(Checked {
            source,
            fixes: Some(_),
            ..
        }) if mode == Mode::Fix && !job.stdin => replace_contents(path, source.text().as_bytes()),
        _ => Ok(()),
    };
    match written {
        Ok(()) => (outcome, None),
        Err(error) => (
            check_file(path, &job.absolute, &job.config, false),
            Some(error),
        ),
    }
}

/// The closing line of `--diff`, for stderr.
fn would_fix(summary: &Summary) -> String {
    if summary.fixed == 0 {
        format!("Nothing to fix in {}.", plural(summary.files, "file"))
    } else {
        format!(
            "Would fix {} in {}.",
            plural(summary.fixed, "problem"),
            plural(summary.fixed_files, "file")
        )
    }
}
