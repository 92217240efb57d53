//! `clientele translations`: the pairs found and the documents left
//! unpaired, as lines or as one JSON document.

use std::io::{self, Write};

use serde::Serialize;

use super::plural;

/// Version of the JSON that `clientele translations --format json` prints.
const VERSION: u32 = 1;

/// One pair.
#[derive(Debug, Serialize)]
pub(crate) struct ListedPair {
    /// The source, as shown.
    pub(crate) source: String,
    /// The translation, as shown.
    pub(crate) translation: String,
    /// The source's language.
    pub(crate) source_language: String,
    /// The translation's language, when its path names one.
    pub(crate) language: Option<String>,
    /// What paired them: `folder`, `suffix` or `config`.
    pub(crate) by: &'static str,
}

/// One document left unpaired.
#[derive(Debug, Serialize)]
pub(crate) struct Unpaired {
    /// The document, as shown.
    pub(crate) path: String,
    /// Its language.
    pub(crate) language: String,
    /// What it lacks: `source` or `translation`.
    pub(crate) missing: &'static str,
    /// What the human listing says it lacks.
    #[serde(skip)]
    pub(crate) why: &'static str,
}

/// The listing `clientele translations` prints.
#[derive(Debug, Serialize)]
pub(crate) struct Listing {
    version: u32,
    pairs: Vec<ListedPair>,
    unpaired: Vec<Unpaired>,
}

impl Listing {
    /// The listing of `pairs` and `unpaired`.
    pub(crate) fn new(pairs: Vec<ListedPair>, unpaired: Vec<Unpaired>) -> Self {
        Self {
            version: VERSION,
            pairs,
            unpaired,
        }
    }

    /// One line per pair and per unpaired document, then a count.
    pub(crate) fn write_human(&self, out: &mut dyn Write) -> io::Result<()> {
        if !self.pairs.is_empty() {
            writeln!(out, "Translations (source → translation, paired by):")?;
            for p in &self.pairs {
                writeln!(out, "  {} → {}  ({})", p.source, p.translation, p.by)?;
            }
        }
        if !self.unpaired.is_empty() {
            writeln!(out, "Unpaired:")?;
            for u in &self.unpaired {
                writeln!(out, "  {}  ({}: {})", u.path, u.language, u.why)?;
            }
        }
        writeln!(
            out,
            "{} and {}.",
            plural(self.pairs.len(), "pair"),
            plural(self.unpaired.len(), "unpaired document")
        )
    }

    /// One pretty JSON document and a newline.
    pub(crate) fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self).map_err(io::Error::other)?;
        writeln!(out)
    }
}
