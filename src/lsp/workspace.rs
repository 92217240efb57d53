//! Which config applies to an open document: the nearest `clientele.toml`
//! above it, as on the command line, resolved from the workspace folder
//! that holds the document (paths in errors are shown relative to it).
//!
//! Configs are read once and cached until [`Workspace::reload`]. A
//! document whose config breaks keeps the last config that worked for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, Resolver};
use crate::error::Error;

/// The configs of the open documents.
pub struct Workspace {
    /// Workspace folders, deepest first, so that a nested folder wins.
    folders: Vec<PathBuf>,
    /// Where documents outside every folder are resolved from.
    fallback: PathBuf,
    resolvers: HashMap<PathBuf, Resolver>,
    last_good: HashMap<PathBuf, Arc<Config>>,
}

/// The config of one document.
pub struct Resolved {
    /// The config to lint with; `None` when it is broken and none worked
    /// before.
    pub config: Option<Arc<Config>>,
    /// Errors met loading it (each reported once until a reload).
    pub errors: Vec<Error>,
    /// The folder the errors' paths are relative to.
    pub root: PathBuf,
}

impl Workspace {
    /// A workspace of `folders`; documents outside them resolve from
    /// `fallback`.
    pub fn new(folders: Vec<PathBuf>, fallback: PathBuf) -> Self {
        let mut workspace = Self {
            folders: Vec::new(),
            fallback,
            resolvers: HashMap::new(),
            last_good: HashMap::new(),
        };
        workspace.set_folders(folders);
        workspace
    }

    /// Replace the workspace folders.
    pub fn set_folders(&mut self, mut folders: Vec<PathBuf>) {
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        self.folders = folders;
        self.resolvers.clear();
    }

    /// The workspace folders.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Forget every config read, so that the next lint reads them afresh.
    pub fn reload(&mut self) {
        self.resolvers.clear();
    }

    /// The config of the document at `path` (absolute).
    pub fn config_for(&mut self, path: &Path) -> Resolved {
        let root = self
            .folders
            .iter()
            .find(|folder| path.starts_with(folder))
            .unwrap_or(&self.fallback)
            .clone();
        let resolver = match self.resolvers.get_mut(&root) {
            Some(resolver) => resolver,
            None => match Resolver::new(root.clone(), None) {
                Ok(resolver) => self.resolvers.entry(root.clone()).or_insert(resolver),
                Err(error) => {
                    return Resolved {
                        config: self.last_good.get(path).cloned(),
                        errors: vec![error],
                        root,
                    };
                }
            },
        };
        let config = resolver.config_for(path);
        let errors = resolver.take_errors();
        let config = match config {
            Some(config) => {
                self.last_good
                    .insert(path.to_path_buf(), Arc::clone(&config));
                Some(config)
            }
            None => self.last_good.get(path).cloned(),
        };
        Resolved {
            config,
            errors,
            root,
        }
    }

    /// Forget the document at `path`.
    pub fn close(&mut self, path: &Path) {
        self.last_good.remove(path);
    }
}
