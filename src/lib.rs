//! clientele: a linter that keeps a business's client / customer vocabulary
//! right for what the business is, in English, Russian and Chinese Markdown.
//!
//! The pipeline, for each document:
//!
//! 1. [`config`] finds the settings that apply (nearest `clientele.toml`);
//! 2. [`walk`] lists the documents, [`lint::check_file`] reads one;
//! 3. [`markdown`] cuts the prose out of the Markdown, as byte spans;
//! 4. the [`lexicon`]'s matcher finds every term form in the prose (case,
//!    Traditional Chinese and typography folded away; a Chinese term only
//!    where a word segmenter does not cut a word in two), in the technical
//!    or fixed sense of a phrase around it, or else the business sense;
//!    [`sense`] reads the bare client terms' sense from their context and
//!    applies the allow list;
//! 5. [`rules`] turn occurrences into [`diagnostic::Diagnostic`]s;
//! 6. [`render`] prints them, sorted by path and position.
//!
//! With `--fix`, [`fix`] puts the suggestions of fixable diagnostics in
//! place of their spans and lints again; [`atomic`] writes the result.
//!
//! Positions are byte [`span::Span`]s everywhere; [`source`] is the only
//! place that turns them into lines and columns. The library never prints:
//! printing belongs to [`render`], and exit codes to [`cli`].

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod baseline;
pub mod changes;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod directives;
pub mod error;
pub mod fix;
#[cfg(any(test, feature = "fuzzing"))]
pub mod invariants;
pub mod inventory;
pub mod lexicon;
pub mod lint;
pub mod lsp;
pub mod markdown;
pub mod pack_check;
pub mod read;
pub mod registry;
pub mod render;
pub mod rules;
pub mod run;
pub mod sense;
pub mod source;
pub mod span;
pub mod suggest;
pub mod text_encoding;
pub mod translation;
pub mod walk;

#[cfg(test)]
mod testing;

pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
pub use lexicon::Lexicon;
pub use lint::lint_text;
