//! Which config applies to a document: `--config`, or the nearest
//! `clientele.toml` / `.clientele.toml` in its folder or a folder above.
//!
//! Each folder is looked up once and each config file loaded once; a broken
//! config is reported once and the documents under it are skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Config;
use super::packs::{Lexicons, shown};
use crate::error::{Error, LocatedError, Result};
use crate::span::Span;
use crate::walk::absolute;

/// File names a config may have, in order of precedence within one folder.
pub(crate) const CONFIG_NAMES: [&str; 2] = ["clientele.toml", ".clientele.toml"];

/// Finds and caches the config for each document.
#[derive(Debug)]
pub(crate) struct Resolver {
    lexicons: Lexicons,
    cwd: PathBuf,
    explicit: Option<Arc<Config>>,
    default: Arc<Config>,
    config_in_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Option<Arc<Config>>>,
    errors: Vec<Error>,
}

impl Resolver {
    /// A resolver that discovers configs relative to `cwd`, or uses the one
    /// at `explicit` for everything.
    pub(crate) fn new(cwd: PathBuf, explicit: Option<&Path>) -> Result<Self> {
        let mut lexicons = Lexicons::new(cwd.clone())?;
        let explicit = match explicit {
            Some(path) => Some(Arc::new(load(&mut lexicons, &cwd, path)?)),
            None => None,
        };
        let default = Arc::new(Config::defaults(Arc::clone(lexicons.builtin())));
        Ok(Self {
            lexicons,
            cwd,
            explicit,
            default,
            config_in_dir: HashMap::new(),
            loaded: HashMap::new(),
            errors: Vec::new(),
        })
    }

    /// The config of the document at `path`, or `None` when it is broken
    /// (the error is kept for [`Resolver::take_errors`]).
    pub(crate) fn config_for(&mut self, path: &Path) -> Option<Arc<Config>> {
        let absolute = absolute(&self.cwd, path);
        self.config_for_folder(absolute.parent().unwrap_or(&absolute))
    }

    /// The config that governs the folder `dir`: the one its documents
    /// get (see [`Resolver::config_for`]).
    pub(crate) fn config_for_folder(&mut self, dir: &Path) -> Option<Arc<Config>> {
        if let Some(explicit) = &self.explicit {
            return Some(Arc::clone(explicit));
        }
        let dir = absolute(&self.cwd, dir);
        let Some(file) = self.config_in(&dir) else {
            return Some(Arc::clone(&self.default));
        };
        if let Some(config) = self.loaded.get(&file) {
            return config.clone();
        }
        let config = match discovered_is_regular(&self.cwd, &file)
            .and_then(|()| load(&mut self.lexicons, &self.cwd, &file))
        {
            Ok(config) => Some(Arc::new(config)),
            Err(error) => {
                self.errors.push(error);
                None
            }
        };
        self.loaded.insert(file, config.clone());
        config
    }

    /// The config file that governs `dir`, looking upwards.
    fn config_in(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.config_in_dir.get(dir) {
            return found.clone();
        }
        let found = CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            // Whatever it is: a config that is a folder, a pipe or a broken
            // link is an error, not a folder without a config.
            .find(|candidate| candidate.symlink_metadata().is_ok())
            .or_else(|| dir.parent().and_then(|parent| self.config_in(parent)));
        self.config_in_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// Errors met so far, each config reported once.
    pub(crate) fn take_errors(&mut self) -> Vec<Error> {
        std::mem::take(&mut self.errors)
    }
}

/// An error unless the discovered config at `path` is a regular file (or a
/// link to one). A pipe found by name would be read as an empty config.
fn discovered_is_regular(cwd: &Path, path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Ok(()),
        Ok(_) => Err(Error::Io {
            path: shown(cwd, path),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file; a config found by its name must be one",
            ),
        }),
        Err(source) => Err(Error::Io {
            path: shown(cwd, path),
            source,
        }),
    }
}

/// Read and check one config file; paths in errors are shown relative to `cwd`.
fn load(lexicons: &mut Lexicons, cwd: &Path, path: &Path) -> Result<Config> {
    let absolute = absolute(cwd, path);
    let shown = shown(cwd, &absolute);
    let bytes = crate::read::read_file(&absolute).map_err(|source| Error::Io {
        path: shown.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // Shown with the bad bytes replaced, the first one underlined.
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes());
        let replacement = Span::new(offset, offset + char::REPLACEMENT_CHARACTER.len_utf8());
        Error::Config(Box::new(LocatedError::new(
            shown.clone(),
            &text,
            Some(replacement),
            "not valid UTF-8; a config must be UTF-8 text".to_owned(),
        )))
    })?;
    Config::from_toml(&absolute, &shown, &text, lexicons)
}
