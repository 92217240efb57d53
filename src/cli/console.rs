//! The command line's one way to the terminal: standard output and
//! standard error, and the errors and notes a run meets on the way. No
//! other module of the command line, and no module of the library, takes
//! hold of either stream; the printers in [`crate::render`] write to what
//! they are given.

use std::io::{self, IsTerminal, Write};

use super::args::ExitStatus;
use crate::error::Error;
use crate::render::{Notice, escape_name, render_error};
use crate::run::Problem;

/// A stream whose reader may stop early (`clientele docs/ | head -1`):
/// from the first broken pipe on, what is written is dropped, so that the
/// run goes on and ends with the status its findings decide, as if the
/// output had all been read. Other write errors are errors.
pub(super) struct Output<W> {
    inner: W,
    /// Whether the reader has gone.
    gone: bool,
}

impl<W: Write> Output<W> {
    pub(super) fn new(inner: W) -> Self {
        Self { inner, gone: false }
    }

    /// `result` of writing, with a broken pipe marking the stream gone.
    fn unless_gone<T>(&mut self, result: io::Result<T>, gone: T) -> io::Result<T> {
        match result {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(gone)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.unless_gone(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.unless_gone(flushed, ())
    }
}

/// Standard output, locked.
pub(super) fn stdout() -> io::StdoutLock<'static> {
    io::stdout().lock()
}

/// Standard error, locked.
pub(super) fn stderr() -> io::StderrLock<'static> {
    io::stderr().lock()
}

/// Whether standard output is a terminal.
pub(super) fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Whether standard error is a terminal.
pub(super) fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
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
    /// Problems written to stderr, coloured when `color`.
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

    /// Keep `error`, and write it.
    pub(super) fn error(&mut self, error: &Error) -> io::Result<()> {
        self.notices.push(Notice::error(error));
        if self.quiet {
            return Ok(());
        }
        writeln!(Output::new(stderr()), "{}", render_error(error, self.color))
    }

    /// Keep each of `errors`, and write them.
    pub(super) fn errors(&mut self, errors: &[Error]) -> io::Result<()> {
        errors.iter().try_for_each(|error| self.error(error))
    }

    /// Keep a note, and write it.
    pub(super) fn note(&mut self, message: &str) -> io::Result<()> {
        self.notices.push(Notice::note(message));
        if self.quiet {
            return Ok(());
        }
        writeln!(Output::new(stderr()), "note: {}", escape_name(message))
    }

    /// Keep what a run met, and write it.
    pub(super) fn met(&mut self, problems: &[Problem]) -> io::Result<()> {
        problems.iter().try_for_each(|problem| match problem {
            Problem::Error(error) => self.error(error),
            Problem::Skipped { shown, reason } => self.skipped(shown, reason),
        })
    }

    /// Note that the document shown as `shown` was passed over, and why.
    pub(super) fn skipped(&mut self, shown: &str, reason: &str) -> io::Result<()> {
        self.note(&format!("{shown}: skipped: {reason}"))
    }

    /// Whether an error was met.
    pub(super) fn any_error(&self) -> bool {
        self.notices.iter().any(|n| n.is_error)
    }

    /// How a run ends that met these problems and, with `failed`, findings
    /// at or above `fail-on`: an error outweighs findings.
    pub(super) fn status(&self, failed: bool) -> ExitStatus {
        if self.any_error() {
            ExitStatus::Error
        } else if failed {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }

    /// Everything kept, in order.
    pub(super) fn notices(&self) -> &[Notice] {
        &self.notices
    }
}
