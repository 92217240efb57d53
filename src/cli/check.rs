//! `clientele check [PATHS]` (also the default command): run the check,
//! print the findings in path order, decide the exit status.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::args::{CheckArgs, ExitStatus};
use super::console::{self, Output, Problems, stderr_is_terminal, stdout_is_terminal};
use crate::baseline::{DEFAULT_FILE, Matcher};
use crate::changes::Changes;
use crate::error::Error;
use crate::lint::FileOutcome;
use crate::render::{self, Summary, stale_report, unified_diff, would_fix};
use crate::run::{self, Inputs, Mode, Narrowing, Run};
use crate::walk::display_path;

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
    let inputs = match Inputs::read(&args.paths, args.stdin_filename.as_deref()) {
        Ok(inputs) => inputs,
        Err(error) => {
            problems.error(&error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let (status, fixed_stdin) = check(args, mode, cwd, &inputs, &mut problems)?;
    if mode == Mode::Fix
        && let Some(original) = &inputs.stdin
    {
        // Standard output carries the text whatever happened, fixed or
        // not: an editor replaces its buffer with it.
        let mut out = Output::new(console::stdout());
        out.write_all(fixed_stdin.as_deref().unwrap_or(original))?;
        out.flush()?;
    }
    Ok(status)
}

/// The run's documents and what narrows their findings; `None` when an
/// error (written to `problems`) stops the run before any document is
/// checked.
fn set_up(
    args: &CheckArgs,
    cwd: PathBuf,
    inputs: &Inputs,
    problems: &mut Problems,
) -> io::Result<Option<(Vec<run::Job>, Narrowing)>> {
    let fatal = |problems: &mut Problems, error: &Error| problems.error(error).map(|()| None);
    let mut run = match Run::new(cwd, args.config.as_deref()) {
        Ok(run) => run,
        Err(error) => return fatal(problems, &error),
    };
    let baseline = run.baseline_path(args.baseline.as_deref());
    let (mut jobs, errors) = run.jobs(inputs);
    problems.errors(&errors)?;
    let (_, errors) = run.pair(&mut jobs);
    problems.errors(&errors)?;
    let matcher = baseline
        .map(|path| run.load_baseline(&path).map(|b| Matcher::new(path, b)))
        .transpose();
    let matcher = match matcher {
        Ok(matcher) => matcher,
        Err(error) => return fatal(problems, &error),
    };
    if args.check_baseline && matcher.is_none() {
        let error = Error::Baseline {
            path: PathBuf::from(DEFAULT_FILE),
            message: "--check-baseline needs a baseline: pass --baseline FILE or set `baseline` in clientele.toml".to_owned(),
        };
        return fatal(problems, &error);
    }
    let changes = args
        .since
        .as_deref()
        .map(|revision| Changes::since(revision, run.cwd()))
        .transpose();
    match changes {
        Ok(changes) => {
            let narrowing = Narrowing {
                baseline: matcher,
                changes,
            };
            Ok(Some((jobs, narrowing)))
        }
        Err(error) => fatal(problems, &error),
    }
}

/// Check every input and print the report; also the fixed text of
/// standard input, when `--fix` changed it.
fn check(
    args: &CheckArgs,
    mode: Mode,
    cwd: PathBuf,
    inputs: &Inputs,
    problems: &mut Problems,
) -> io::Result<(ExitStatus, Option<Vec<u8>>)> {
    let Some((jobs, mut narrowing)) = set_up(args, cwd.clone(), inputs, problems)? else {
        return Ok((ExitStatus::Error, None));
    };
    // With `--fix -` the report goes to stderr: stdout carries the text.
    let (mut out, color): (Box<dyn Write>, bool) = if mode == Mode::Fix && inputs.stdin.is_some() {
        (
            Box::new(Output::new(console::stderr())),
            stderr_is_terminal(),
        )
    } else {
        (
            Box::new(BufWriter::new(Output::new(console::stdout()))),
            stdout_is_terminal(),
        )
    };
    let mut printer = render::printer(args.format, args.color.enabled(color));
    let mut summary = Summary::default();
    let mut failed = false;
    let mut fixed_stdin = None;
    run::check_in_order(
        &jobs,
        inputs.stdin.as_deref(),
        mode,
        |job, outcome, errors| {
            problems.errors(&errors)?;
            let shown = &job.doc.shown;
            let mut checked = match outcome {
                FileOutcome::Checked(checked) => checked,
                FileOutcome::Skipped { reason } => return problems.skipped(shown, &reason),
                FileOutcome::Failed(error) => return problems.error(&error),
            };
            let narrowed = narrowing.narrow(&mut checked, job);
            summary.baselined += narrowed.baselined;
            summary.unchanged += narrowed.unchanged;
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
                    Mode::Diff => write!(out, "{}", unified_diff(shown, &fixes.original, text))?,
                    Mode::Fix if job.stdin => fixed_stdin = Some(fixes.encoding.encode(text)),
                    Mode::Fix | Mode::Check => {}
                }
            }
            if mode != Mode::Diff {
                printer.set_fail_on(fail_on);
                printer.file(&mut out, shown, &checked.source, &checked.diagnostics)?;
            }
            Ok::<(), io::Error>(())
        },
    )?;
    if args.check_baseline
        && let Some(matcher) = &narrowing.baseline
    {
        let stale = matcher.stale();
        let shown = display_path(matcher.path.strip_prefix(&cwd).unwrap_or(&matcher.path));
        write!(
            Output::new(console::stderr()),
            "{}",
            stale_report(&shown, &stale)
        )?;
        failed |= !stale.is_empty();
    }
    if mode == Mode::Diff {
        out.flush()?;
        writeln!(Output::new(console::stderr()), "{}", would_fix(&summary))?;
        failed = summary.fixed > 0;
    } else {
        printer.finish(&mut out, &summary, problems.notices())?;
    }
    out.flush()?;
    Ok((problems.status(failed), fixed_stdin))
}
