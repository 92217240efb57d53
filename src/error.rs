//! Everything that can go wrong outside the rules' own findings.
//!
//! Each variant names the file it concerns; errors inside a config or a term
//! pack also carry the text and the byte span they point at, so that they
//! can be shown as an annotated snippet.

use std::io;
use std::path::PathBuf;

use crate::source::LineIndex;
use crate::span::Span;

/// A message about a place in a config file or a term pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    /// The file, as the user named it (or `rules/<lang>.toml` for a built-in pack).
    pub(crate) path: PathBuf,
    /// The file's whole text, for the snippet.
    pub(crate) text: String,
    /// The bytes the message is about, when known.
    pub(crate) span: Option<Span>,
    /// What is wrong and what is expected.
    pub(crate) message: String,
    /// A hint on how to fix it, such as "did you mean `business`?".
    pub(crate) help: Option<String>,
}

impl LocatedError {
    /// An error at `span` of the file at `path` whose contents are `text`;
    /// the help is the "did you mean" of an unknown-key message, if any.
    pub(crate) fn new(path: PathBuf, text: &str, span: Option<Span>, message: String) -> Self {
        Self {
            path,
            text: text.to_owned(),
            span,
            help: crate::suggest::for_serde_message(&message),
            message,
        }
    }

    /// The same error with `help` as its hint.
    pub(crate) fn with_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// 1-based line and column of the span's start, when there is a span.
    pub(crate) fn line_column(&self) -> Option<(usize, usize)> {
        let span = self.span?;
        let position = LineIndex::new(&self.text).line_column(&self.text, span.start);
        Some((position.line, position.column))
    }
}

impl std::fmt::Display for LocatedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match self.line_column() {
            Some((line, column)) => write!(f, "{path}:{line}:{column}: {}", self.message)?,
            None => write!(f, "{path}: {}", self.message)?,
        }
        match &self.help {
            Some(help) => write!(f, " ({help})"),
            None => Ok(()),
        }
    }
}

/// An error that stops one file (or one config, or the run) from being
/// checked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A file is not UTF-8 text; it is skipped.
    #[error("{}: not valid UTF-8 (first invalid byte at offset {offset}); file skipped", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A file marked as UTF-16 is not valid UTF-16; it is skipped.
    #[error("{}: not valid {encoding} (first invalid byte at offset {offset}); file skipped", path.display())]
    NotUtf16 {
        /// The file.
        path: PathBuf,
        /// `UTF-16LE` or `UTF-16BE`, as its byte order mark says.
        encoding: &'static str,
        /// Byte offset of the first unit that is not part of a character.
        offset: usize,
    },
    /// A fixed file could not be written; it is unchanged.
    #[error("{}: not fixed: {source}; the file is unchanged", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// A file changed on disk between being read and being fixed; it is
    /// left as the other writer made it.
    #[error("{}: not fixed: the file changed while it was being fixed; it is unchanged", path.display())]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// A configuration file is malformed or holds a value clientele does not accept.
    #[error("invalid configuration: {0}")]
    Config(Box<LocatedError>),
    /// A term pack is malformed.
    #[error("invalid term pack: {0}")]
    Pack(Box<LocatedError>),
    /// The `clientele` entry of a document's front matter is malformed; the
    /// document is skipped.
    #[error("invalid front matter: {0}")]
    FrontMatter(Box<LocatedError>),
    /// A baseline file is missing, unreadable or malformed.
    #[error("{}: invalid baseline: {message}", path.display())]
    Baseline {
        /// The baseline file.
        path: PathBuf,
        /// What is wrong, and what to do.
        message: String,
    },
    /// `--since` could not learn from git which lines changed.
    #[error("--since: {message}")]
    Git {
        /// What git said, or why it could not be asked.
        message: String,
    },
    /// Walking a folder failed.
    #[error("{}: {message}", path.display())]
    Walk {
        /// Where the walk failed.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// The located error behind a config or pack error, for snippet rendering.
    pub(crate) fn located(&self) -> Option<&LocatedError> {
        match self {
            Error::Config(located) | Error::Pack(located) | Error::FrontMatter(located) => {
                Some(located)
            }
            _ => None,
        }
    }

    /// The file or folder the error concerns, when it concerns one.
    pub(crate) fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. }
            | Error::NotUtf8 { path, .. }
            | Error::NotUtf16 { path, .. }
            | Error::Write { path, .. }
            | Error::Changed { path }
            | Error::Baseline { path, .. }
            | Error::Walk { path, .. } => Some(path),
            Error::Config(located) | Error::Pack(located) | Error::FrontMatter(located) => {
                Some(&located.path)
            }
            Error::Git { .. } => None,
        }
    }
}

/// Result with clientele's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
