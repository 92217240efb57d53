//! Which config applies to a document: `--config`, or the nearest
//! `clientele.toml` / `.clientele.toml` in its folder or a folder above.
//!
//! Each folder is looked up once and each config file loaded once; a broken
//! config is reported once and the documents under it are skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Settings;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::walk::absolute;

/// File names a config may have, in order of precedence within one folder.
pub const CONFIG_NAMES: [&str; 2] = ["clientele.toml", ".clientele.toml"];

/// Finds and caches the settings for each document.
#[derive(Debug)]
pub struct Resolver<'a> {
    lexicon: &'a Lexicon,
    cwd: PathBuf,
    explicit: Option<Arc<Settings>>,
    default: Arc<Settings>,
    config_in_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Option<Arc<Settings>>>,
    errors: Vec<Error>,
}

impl<'a> Resolver<'a> {
    /// A resolver that discovers configs relative to `cwd`, or uses the one
    /// at `explicit` for everything.
    pub fn new(lexicon: &'a Lexicon, cwd: PathBuf, explicit: Option<&Path>) -> Result<Self> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(load(lexicon, &cwd, path)?)),
            None => None,
        };
        Ok(Self {
            lexicon,
            cwd,
            explicit,
            default: Arc::new(Settings::default()),
            config_in_dir: HashMap::new(),
            loaded: HashMap::new(),
            errors: Vec::new(),
        })
    }

    /// The settings for the document at `path`, or `None` when its config
    /// is broken (the error is kept for [`Resolver::take_errors`]).
    pub fn settings_for(&mut self, path: &Path) -> Option<Arc<Settings>> {
        if let Some(explicit) = &self.explicit {
            return Some(Arc::clone(explicit));
        }
        let absolute = absolute(&self.cwd, path);
        let dir = absolute.parent().unwrap_or(&absolute).to_path_buf();
        let Some(config) = self.config_in(&dir) else {
            return Some(Arc::clone(&self.default));
        };
        if let Some(settings) = self.loaded.get(&config) {
            return settings.clone();
        }
        let settings = match load(self.lexicon, &self.cwd, &config) {
            Ok(settings) => Some(Arc::new(settings)),
            Err(error) => {
                self.errors.push(error);
                None
            }
        };
        self.loaded.insert(config, settings.clone());
        settings
    }

    /// The config file that governs `dir`, looking upwards.
    fn config_in(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.config_in_dir.get(dir) {
            return found.clone();
        }
        let found = CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
            .or_else(|| dir.parent().and_then(|parent| self.config_in(parent)));
        self.config_in_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// Errors met so far, each config reported once.
    pub fn take_errors(&mut self) -> Vec<Error> {
        std::mem::take(&mut self.errors)
    }
}

/// Read and resolve one config file; paths in errors are shown relative to `cwd`.
fn load(lexicon: &Lexicon, cwd: &Path, path: &Path) -> Result<Settings> {
    let absolute = absolute(cwd, path);
    let shown = absolute
        .strip_prefix(cwd)
        .unwrap_or(&absolute)
        .to_path_buf();
    let bytes = std::fs::read(&absolute).map_err(|source| Error::Io {
        path: shown.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: shown.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Settings::from_toml(&absolute, &text, lexicon).map_err(|error| match error {
        Error::Config(mut located) => {
            located.path = shown;
            Error::Config(located)
        }
        other => other,
    })
}
