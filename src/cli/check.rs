//! `clientele check [PATHS]` (also the default command): walk, lint (and
//! fix) in parallel, print in path order, decide the exit status.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::baseline::{baseline_path, load_baseline};
use super::translations::{PairedSource, attach_sources, compare_with_source};
use super::{CheckArgs, ExitStatus, Output, stderr_is_terminal, stdout_is_terminal};
use crate::baseline::{DEFAULT_FILE, Matcher, Stale};
use crate::changes::Changes;
use crate::config::{Config, Resolver};
use crate::error::Error;
use crate::lint::{Checked, FileOutcome, check_bytes, check_file};
use crate::render::{self, Notice, Summary, escape_name, plural, render_error, unified_diff};
use crate::walk::{self, Input, absolute, display_path};

/// Files linted in parallel before their output is printed in order: bounds
/// memory to one chunk of sources, whatever the size of the tree.
pub(super) const CHUNK: usize = 256;

/// From how many files on a run pays for the faster matcher.
const MANY_FILES: usize = 64;

/// The path that stands for standard input.
const STDIN: &str = "-";

/// What a run does with the findings it can fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Report them.
    Check,
    /// Fix them in place (`--fix`).
    Fix,
    /// Print the fixes as a diff (`--diff`).
    Diff,
}

/// One document to check.
pub(super) struct Job {
    /// Its path as shown; for standard input, `--stdin-filename` or `-`.
    pub(super) input: Input,
    /// The same path, absolute, for matching `[[overrides]]`.
    pub(super) absolute: PathBuf,
    /// The config that applies to it.
    pub(super) config: Arc<Config>,
    /// Whether the text comes from standard input rather than the file.
    pub(super) stdin: bool,
    /// For a translation, its source.
    pub(super) source: Option<Arc<PairedSource>>,
}

/// Writes errors and notes to stderr and keeps them for the report (SARIF
/// lists them; the summary says files were not checked).
pub(super) struct Problems {
    color: bool,
    notices: Vec<Notice>,
    /// Whether to keep them without writing them.
    quiet: bool,
}

impl Problems {
    pub(super) fn new(color: bool) -> Self {
        Self {
            color,
            notices: Vec::new(),
            quiet: false,
        }
    }

    /// Problems that are kept, not written: for a look at the documents
    /// that is not what the user asked for.
    pub(super) fn quiet() -> Self {
        Self {
            quiet: true,
            ..Self::new(false)
        }
    }

    pub(super) fn error(&mut self, error: &Error) -> io::Result<()> {
        self.notices.push(Notice::error(error));
        if self.quiet {
            return Ok(());
        }
        writeln!(
            Output::new(io::stderr().lock()),
            "{}",
            render_error(error, self.color)
        )
    }

    pub(super) fn note(&mut self, message: &str) -> io::Result<()> {
        self.notices.push(Notice::note(message));
        if self.quiet {
            return Ok(());
        }
        writeln!(
            Output::new(io::stderr().lock()),
            "note: {}",
            escape_name(message)
        )
    }

    pub(super) fn any_error(&self) -> bool {
        self.notices.iter().any(|n| n.is_error)
    }
}

/// The documents a run was asked to check.
pub(super) struct Inputs {
    /// Files and folders.
    pub(super) paths: Vec<PathBuf>,
    /// The text read from standard input, when `-` was given.
    pub(super) stdin: Option<Vec<u8>>,
}

impl Inputs {
    /// Files and folders only: `paths`, or the current folder when there
    /// are none.
    pub(super) fn files(paths: &[PathBuf]) -> Self {
        Self {
            paths: if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths.to_vec()
            },
            stdin: None,
        }
    }
}

pub(super) fn run(args: &CheckArgs) -> io::Result<ExitStatus> {
    let mode = if args.diff {
        Mode::Diff
    } else if args.fix {
        Mode::Fix
    } else {
        Mode::Check
    };
    let mut problems = Problems::new(args.color.enabled(stderr_is_terminal()));
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
        let mut out = Output::new(io::stdout().lock());
        out.write_all(fixed_stdin.as_deref().unwrap_or(original))?;
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
        let bytes = crate::read::read_stream(io::stdin().lock()).map_err(|source| Error::Io {
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
pub(super) fn jobs(
    stdin_filename: Option<&Path>,
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
                source: None,
            });
        }
    }
    if inputs.stdin.is_some() {
        let path = stdin_filename.map_or_else(|| PathBuf::from(STDIN), Path::to_path_buf);
        // Text piped in is checked even where `exclude` would skip the file:
        // it was asked for by name.
        if let Some(config) = resolver.config_for(&path) {
            jobs.push(Job {
                absolute: absolute(cwd, &path),
                input: Input { path },
                config,
                stdin: true,
                source: None,
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
) -> io::Result<(ExitStatus, Option<Vec<u8>>)> {
    let mut resolver = match Resolver::new(cwd.to_path_buf(), args.config.as_deref()) {
        Ok(resolver) => resolver,
        Err(error) => {
            problems.error(&error)?;
            return Ok((ExitStatus::Error, None));
        }
    };
    let baseline = baseline_path(args.baseline.as_deref(), cwd, &mut resolver);
    let mut jobs = jobs(
        args.stdin_filename.as_deref(),
        cwd,
        inputs,
        &mut resolver,
        problems,
    )?;
    attach_sources(&mut jobs, cwd, &mut resolver, problems)?;
    let loaded = baseline
        .map(|path| load_baseline(&path, cwd).map(|b| Matcher::new(path, b)))
        .transpose();
    let mut matcher = match loaded {
        Ok(matcher) => matcher,
        Err(error) => {
            problems.error(&error)?;
            return Ok((ExitStatus::Error, None));
        }
    };
    if args.check_baseline && matcher.is_none() {
        problems.error(&Error::Baseline {
            path: PathBuf::from(DEFAULT_FILE),
            message: "--check-baseline needs a baseline: pass --baseline FILE or set `baseline` in clientele.toml".to_owned(),
        })?;
        return Ok((ExitStatus::Error, None));
    }
    let changes = match args
        .since
        .as_deref()
        .map(|revision| Changes::since(revision, cwd))
        .transpose()
    {
        Ok(changes) => changes,
        Err(error) => {
            problems.error(&error)?;
            return Ok((ExitStatus::Error, None));
        }
    };

    // With `--fix -` the report goes to stderr: stdout carries the text.
    let (mut out, color): (Box<dyn Write>, bool) = if mode == Mode::Fix && inputs.stdin.is_some() {
        (
            Box::new(Output::new(io::stderr().lock())),
            stderr_is_terminal(),
        )
    } else {
        (
            Box::new(BufWriter::new(Output::new(io::stdout().lock()))),
            stdout_is_terminal(),
        )
    };
    if jobs.len() >= MANY_FILES {
        for job in &jobs {
            job.config.lexicon().matcher().prepare_for_many();
        }
    }
    let mut printer = render::printer(args.format, args.color.enabled(color));
    let mut summary = Summary::default();
    let mut failed = false;
    let mut fixed_stdin = None;
    for chunk in jobs.chunks(CHUNK) {
        let run = |job: &Job| run_job(job, inputs.stdin.as_deref(), mode);
        // One file, as a pre-commit hook or an editor often asks for, is
        // checked without starting the thread pool.
        let reports: Vec<(FileOutcome, Vec<Error>)> = if chunk.len() == 1 {
            chunk.iter().map(run).collect()
        } else {
            chunk.par_iter().map(run).collect()
        };
        for (job, (outcome, errors)) in chunk.iter().zip(reports) {
            for error in &errors {
                problems.error(error)?;
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
            let checked = narrow(checked, job, &mut matcher, changes.as_ref(), &mut summary);
            summary.add(&checked.diagnostics);
            let fail_on = args.fail_on.unwrap_or(checked.fail_on);
            failed |= checked
                .diagnostics
                .iter()
                .any(|d| fail_on.is_failed_by(d.severity));
            let text = checked.source.text();
            if let Some(fixes) = &checked.fixes {
                summary.add_fixes(fixes.count);
                match mode {
                    Mode::Diff => write!(out, "{}", unified_diff(&shown, &fixes.original, text))?,
                    Mode::Fix if job.stdin => fixed_stdin = Some(fixes.encoding.encode(text)),
                    Mode::Fix | Mode::Check => {}
                }
            }
            if mode != Mode::Diff {
                printer.set_fail_on(fail_on);
                printer.file(&mut out, &shown, &checked.source, &checked.diagnostics)?;
            }
        }
    }
    if args.check_baseline
        && let Some(matcher) = &matcher
    {
        let stale = matcher.stale();
        report_stale(
            matcher.path.strip_prefix(cwd).unwrap_or(&matcher.path),
            &stale,
        )?;
        failed |= !stale.is_empty();
    }
    if mode == Mode::Diff {
        out.flush()?;
        writeln!(Output::new(io::stderr().lock()), "{}", would_fix(&summary))?;
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

/// Check (and fix) one document, and compare a translation with its
/// source; with `--fix`, write the fixed file. When the write fails, the
/// file is unchanged, and the outcome is that of the file as it is, with
/// the write error beside it.
pub(super) fn run_job(job: &Job, stdin: Option<&[u8]>, mode: Mode) -> (FileOutcome, Vec<Error>) {
    let (mut outcome, write_error) = check_job(job, stdin, mode);
    let mut errors: Vec<Error> = write_error.into_iter().collect();
    if let FileOutcome::Checked(checked) = &mut outcome {
        errors.extend(compare_with_source(job, checked));
    }
    (outcome, errors)
}

/// [`run_job`] but for the comparison with the source.
fn check_job(job: &Job, stdin: Option<&[u8]>, mode: Mode) -> (FileOutcome, Option<Error>) {
    let fix = mode != Mode::Check;
    let path = &job.input.path;
    if let Some(bytes) = stdin.filter(|_| job.stdin) {
        let outcome = check_bytes(path, &job.absolute, bytes.to_vec(), &job.config, fix);
        return (outcome, None);
    }
    if mode != Mode::Fix {
        return (check_file(path, &job.absolute, &job.config, fix), None);
    }
    crate::fix_file::fix_file(path, &job.absolute, &job.config)
}

/// `checked` without the findings its baseline records and, with
/// `--since`, without those on lines that did not change; `summary` counts
/// what was left out.
fn narrow(
    mut checked: Checked,
    job: &Job,
    matcher: &mut Option<Matcher>,
    changes: Option<&Changes>,
    summary: &mut Summary,
) -> Checked {
    let text = checked.source.text();
    if let Some(matcher) = matcher {
        matcher.checked(&job.absolute);
        let before = checked.diagnostics.len();
        checked
            .diagnostics
            .retain(|d| !matcher.take(&job.absolute, text, d));
        summary.baselined += before - checked.diagnostics.len();
    }
    if let Some(changes) = changes {
        // git names files by their real path.
        let real = std::fs::canonicalize(&job.absolute).unwrap_or_else(|_| job.absolute.clone());
        let before = checked.diagnostics.len();
        let source = &checked.source;
        checked.diagnostics.retain(|d| {
            let first = source.line_column(d.span.start).line;
            let last = source.line_column(d.span.end).line;
            changes.touches(&real, first, last)
        });
        summary.unchanged += before - checked.diagnostics.len();
    }
    checked
}

/// Tell, on stderr, which findings of the baseline at `path` no longer
/// occur.
fn report_stale(path: &Path, stale: &[Stale]) -> io::Result<()> {
    let mut err = Output::new(io::stderr().lock());
    let shown = display_path(path);
    for entry in stale {
        let times = if entry.count > 1 {
            format!(" ×{}", entry.count)
        } else {
            String::new()
        };
        writeln!(
            err,
            "{shown}: stale: {}: {} `{}`{times} is no longer found",
            entry.key.path, entry.key.rule, entry.key.matched
        )?;
    }
    if !stale.is_empty() {
        writeln!(
            err,
            "{} of {shown} no longer found; `clientele baseline --prune` removes them.",
            plural(stale.iter().map(|s| s.count).sum(), "finding")
        )?;
    }
    Ok(())
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
