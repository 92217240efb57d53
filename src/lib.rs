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

pub(crate) mod atomic;
pub(crate) mod baseline;
pub(crate) mod changes;
pub mod cli;
pub mod config;
pub(crate) mod diagnostic;
pub(crate) mod directives;
pub(crate) mod error;
pub(crate) mod fix;
#[cfg(any(test, feature = "fuzzing"))]
pub mod invariants;
pub(crate) mod inventory;
pub mod lexicon;
pub mod lint;
pub mod lsp;
pub mod markdown;
pub(crate) mod pack_check;
pub(crate) mod read;
pub(crate) mod registry;
pub(crate) mod render;
pub(crate) mod rules;
pub(crate) mod run;
pub(crate) mod sense;
pub(crate) mod source;
pub(crate) mod span;
pub(crate) mod suggest;
pub(crate) mod text_encoding;
pub(crate) mod translation;
pub(crate) mod walk;

#[cfg(test)]
mod testing;

pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
pub use lexicon::Lexicon;
pub use lint::lint_text;
