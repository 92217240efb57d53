//! clientele: a linter that keeps a business's client / customer vocabulary
//! right for what the business is, in English, Russian and Chinese Markdown.
//!
//! A batch run (`run`):
//!
//! 1. `config` finds the settings that govern each document (nearest
//!    `clientele.toml`, or `--config`);
//! 2. `walk` lists the documents; `run` gives each its config and, for a
//!    translation, its source (paired by `translation::pairing`), then
//!    checks them in parallel a chunk at a time and hands the outcomes
//!    back in path order, narrowed by a baseline and by `--since`.
//!
//! One document ([`lint`]):
//!
//! 3. [`markdown`] cuts the prose out of the Markdown, as byte spans;
//! 4. the [`lexicon`]'s matcher finds every term form in the prose (case,
//!    Traditional Chinese and typography folded away; a Chinese term only
//!    where a word segmenter does not cut a word in two), in the technical
//!    or fixed sense of a phrase around it, or else the business sense;
//!    `sense` reads the bare client terms' sense from their context and
//!    applies the allow list;
//! 5. `rules` turn occurrences into [`Diagnostic`]s: each rule the
//!    `registry` lists, `translation-collapse` too when the document has a
//!    source; directives switch rules off and severities are set once,
//!    there;
//! 6. with `--fix`, `fix` puts the suggestions of fixable diagnostics in
//!    place of their spans and [`lint`] checks the result again; `atomic`
//!    writes it.
//!
//! Then the CLI ([`cli`]) hands the outcomes to `render`, whose printers
//! are the only code that turns findings into text.
//!
//! Positions are byte spans everywhere; `source` is the only place that
//! turns them into lines and columns. The library never prints: printing
//! belongs to `render`, and the terminal and exit codes to [`cli`].

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

pub use diagnostic::{Diagnostic, Severity, Widened};
pub use error::{Error, Result};
pub use lexicon::Lexicon;
pub use lint::lint_text;
