//! One document through the pipeline: prose spans → occurrences → senses →
//! rules. Also reading a file from disk into a [`SourceFile`].
//!
//! Nothing here prints or decides exit codes; the CLI and (later) the
//! language server both call [`lint_text`].

use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lexicon::{Lexicon, Occurrence, fold};
use crate::markdown::{outline, prose_spans};
use crate::rules::{self, Context};
use crate::source::SourceFile;
use crate::span::Span;

/// How many leading bytes are searched for a NUL to tell a binary file.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Every term occurrence in the prose of a Markdown text, with its sense
/// after the configured allow list.
pub fn occurrences(text: &str, lexicon: &Lexicon, settings: &Settings) -> Vec<Occurrence> {
    find_occurrences(text, &prose_spans(text), lexicon, settings)
}

fn find_occurrences(
    text: &str,
    prose: &[Span],
    lexicon: &Lexicon,
    settings: &Settings,
) -> Vec<Occurrence> {
    let folded = fold(text);
    let mut found = lexicon.matcher().find(text, &folded, prose);
    settings.allow().mark(text, &folded, &mut found);
    found
}

/// The diagnostics for a Markdown text, sorted by position.
pub fn lint_text(text: &str, lexicon: &Lexicon, settings: &Settings) -> Vec<Diagnostic> {
    let outline = outline(text);
    let found = find_occurrences(text, &outline.prose, lexicon, settings);
    let ctx = Context {
        text,
        lexicon,
        settings,
        outline: &outline,
        occurrences: &found,
    };
    let mut diagnostics = rules::run(&ctx);
    diagnostics.sort_by_key(|d| (d.span, d.rule));
    diagnostics
}

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// The file was checked.
    Checked {
        /// Its text.
        source: SourceFile,
        /// What the rules found, sorted by position.
        diagnostics: Vec<Diagnostic>,
    },
    /// The file was passed over, for a reason worth a note.
    Skipped {
        /// Why.
        reason: String,
    },
    /// The file could not be checked.
    Failed(Error),
}

/// Read the file at `path` and lint it.
pub fn check_file(path: &Path, lexicon: &Lexicon, settings: &Settings) -> FileOutcome {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(source) => {
            return FileOutcome::Failed(Error::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return FileOutcome::Skipped {
            reason: "binary file (it contains NUL bytes)".to_owned(),
        };
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            return FileOutcome::Failed(Error::NotUtf8 {
                path: path.to_path_buf(),
                offset: error.utf8_error().valid_up_to(),
            });
        }
    };
    let diagnostics = lint_text(&text, lexicon, settings);
    FileOutcome::Checked {
        source: SourceFile::new(text),
        diagnostics,
    }
}
