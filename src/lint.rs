//! One document through the pipeline: front matter → prose spans →
//! occurrences → senses → rules → inline directives. Also reading a file
//! from disk into a [`SourceFile`].
//!
//! Nothing here prints or decides exit codes; the CLI and (later) the
//! language server both call [`lint_document`].

use std::path::Path;

use crate::config::front_matter::document_layer;
use crate::config::{Config, FailOn, Settings};
use crate::diagnostic::Diagnostic;
use crate::directives::Directives;
use crate::error::Error;
use crate::lexicon::{Lexicon, Occurrence, fold};
use crate::markdown::{Outline, outline, prose_spans};
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

/// The diagnostics for a Markdown text under `settings` as they are,
/// sorted by position. Inline directives apply; the `clientele` entry of
/// the front matter does not (see [`lint_document`]).
pub fn lint_text(text: &str, lexicon: &Lexicon, settings: &Settings) -> Vec<Diagnostic> {
    lint_outlined(text, &outline(text), lexicon, settings)
}

/// The diagnostics for the document at `path` whose contents are `text`,
/// under `settings` with the document's front matter on top, sorted by
/// position. A bad `clientele` entry in the front matter is an error
/// pointing into the document.
pub fn lint_document(
    path: &Path,
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
) -> Result<Vec<Diagnostic>, Error> {
    let outline = outline(text);
    let layer = document_layer(text, outline.front_matter.as_ref(), lexicon)
        .map_err(|e| Error::FrontMatter(Box::new(e.locate(path, text))))?;
    match layer {
        Some(layer) => {
            let mut settings = settings.clone();
            settings.apply(&layer);
            Ok(lint_outlined(text, &outline, lexicon, &settings))
        }
        None => Ok(lint_outlined(text, &outline, lexicon, settings)),
    }
}

fn lint_outlined(
    text: &str,
    outline: &Outline,
    lexicon: &Lexicon,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let found = find_occurrences(text, &outline.prose, lexicon, settings);
    let directives = Directives::parse(text, &outline.html);
    let ctx = Context {
        text,
        lexicon,
        settings,
        outline,
        occurrences: &found,
        directives: &directives,
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
        /// The lowest severity that fails the run for this file.
        fail_on: FailOn,
    },
    /// The file was passed over, for a reason worth a note.
    Skipped {
        /// Why.
        reason: String,
    },
    /// The file could not be checked.
    Failed(Error),
}

/// Read the file at `path` and lint it under `config`'s settings for
/// `absolute` (the same file, for matching `[[overrides]]`).
pub fn check_file(path: &Path, absolute: &Path, config: &Config) -> FileOutcome {
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
    let settings = config.settings_for(absolute);
    match lint_document(path, &text, config.lexicon(), &settings) {
        Ok(diagnostics) => FileOutcome::Checked {
            source: SourceFile::new(text),
            diagnostics,
            fail_on: settings.fail_on(),
        },
        Err(error) => FileOutcome::Failed(error),
    }
}
