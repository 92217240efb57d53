//! Lexicons for configs with user packs (`packs = [...]`): the built-in
//! packs plus the user's, built once per distinct list of packs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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
pub(crate) struct Lexicons {
    cwd: PathBuf,
    builtin: Arc<Lexicon>,
    with_packs: HashMap<Vec<PathBuf>, Arc<Lexicon>>,
}

impl Lexicons {
    /// The built-in lexicon; pack paths in errors are shown relative to `cwd`.
    pub(crate) fn new(cwd: PathBuf) -> Result<Self> {
        Ok(Self::with_builtin(cwd, shared_builtin()?))
    }

    /// The same, reusing an already built `builtin` lexicon.
    pub(crate) fn with_builtin(cwd: PathBuf, builtin: Arc<Lexicon>) -> Self {
        Self {
            cwd,
            builtin,
            with_packs: HashMap::new(),
        }
    }

    /// The folder pack paths in errors are shown relative to.
    pub(crate) fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The lexicon of the built-in packs.
    pub(crate) fn builtin(&self) -> &Arc<Lexicon> {
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

/// The built-in lexicon, built once per process. The built-in packs are
/// part of the binary, so every build of it is the same; a language server
/// reloading its configs, or a fuzzer starting a server per input, need
/// not pay for it again.
fn shared_builtin() -> Result<Arc<Lexicon>> {
    static BUILTIN: OnceLock<Arc<Lexicon>> = OnceLock::new();
    if let Some(lexicon) = BUILTIN.get() {
        return Ok(Arc::clone(lexicon));
    }
    let built = Arc::new(Lexicon::builtin()?);
    Ok(Arc::clone(BUILTIN.get_or_init(|| built)))
}

/// The text of the pack at `path`, or why it cannot be had.
pub(crate) fn read_pack(path: &Path) -> Result<String, String> {
    // A pipe or a device could be read forever.
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err(if metadata.is_dir() {
            "it is a folder".to_owned()
        } else {
            "it is not a regular file".to_owned()
        });
    }
    let bytes = crate::read::read_file(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Why the pack at `pack` may not be read for the config in `folder`: a
/// pack lives in the repository the config belongs to (the nearest folder
/// above it with `.git`; outside a repository, the current folder when it
/// holds the config, else the config's own folder), so that a config
/// cannot have the contents of `/proc/self/environ` or a home folder shown
/// in a CI log as a pack's error snippet.
pub(crate) fn outside_repository(pack: &Path, folder: &Path, cwd: &Path) -> Option<String> {
    // A pack that does not exist is reported as such when it is read.
    let pack = std::fs::canonicalize(pack).ok()?;
    let folder = std::fs::canonicalize(folder).ok()?;
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| folder.clone());
    let root = match folder.ancestors().find(|dir| dir.join(".git").exists()) {
        Some(repository) => repository,
        None if folder.starts_with(&cwd) => &cwd,
        None => &folder,
    };
    (!pack.starts_with(root)).then(|| {
        format!(
            "it is outside `{}`, the repository of this config; a pack must be inside it",
            root.display()
        )
    })
}

/// `path` relative to `cwd` when it is inside it.
pub(crate) fn shown(cwd: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(cwd).unwrap_or(path).to_path_buf()
}
