//! Lexicons for configs with user packs (`packs = [...]`): the built-in
//! packs plus the user's, built once per distinct list of packs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::Result;
use crate::lexicon::{Lexicon, LexiconBuilder};

/// Why a user pack could not be used.
#[derive(Debug)]
pub(crate) enum PackFailure {
    /// The pack at this index of the list could not be read.
    Unreadable { index: usize, reason: String },
    /// A pack is malformed (the error points into it).
    Invalid(crate::error::Error),
}

/// The built-in lexicon and the lexicons built with user packs so far.
#[derive(Debug)]
pub struct Lexicons {
    cwd: PathBuf,
    builtin: Arc<Lexicon>,
    with_packs: HashMap<Vec<PathBuf>, Arc<Lexicon>>,
}

impl Lexicons {
    /// The built-in lexicon; pack paths in errors are shown relative to `cwd`.
    pub fn new(cwd: PathBuf) -> Result<Self> {
        Ok(Self::with_builtin(cwd, Arc::new(Lexicon::builtin()?)))
    }

    /// The same, reusing an already built `builtin` lexicon.
    pub fn with_builtin(cwd: PathBuf, builtin: Arc<Lexicon>) -> Self {
        Self {
            cwd,
            builtin,
            with_packs: HashMap::new(),
        }
    }

    /// The lexicon of the built-in packs.
    pub fn builtin(&self) -> &Arc<Lexicon> {
        &self.builtin
    }

    /// The built-in packs plus `packs` (absolute paths), in that order.
    pub(crate) fn with_packs(&mut self, packs: &[PathBuf]) -> Result<Arc<Lexicon>, PackFailure> {
        if packs.is_empty() {
            return Ok(Arc::clone(&self.builtin));
        }
        if let Some(lexicon) = self.with_packs.get(packs) {
            return Ok(Arc::clone(lexicon));
        }
        let mut builder = LexiconBuilder::default();
        builder.add_builtin_packs().map_err(PackFailure::Invalid)?;
        for (index, path) in packs.iter().enumerate() {
            let text =
                read_pack(path).map_err(|reason| PackFailure::Unreadable { index, reason })?;
            builder
                .add_pack(shown(&self.cwd, path), &text)
                .map_err(PackFailure::Invalid)?;
        }
        let lexicon = Arc::new(builder.build().map_err(PackFailure::Invalid)?);
        self.with_packs.insert(packs.to_vec(), Arc::clone(&lexicon));
        Ok(lexicon)
    }
}

/// The text of the pack at `path`, or why it cannot be had.
fn read_pack(path: &Path) -> Result<String, String> {
    // A pipe or a device could be read forever.
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err(if metadata.is_dir() {
            "it is a folder".to_owned()
        } else {
            "it is not a regular file".to_owned()
        });
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// `path` relative to `cwd` when it is inside it.
pub(crate) fn shown(cwd: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(cwd).unwrap_or(path).to_path_buf()
}
