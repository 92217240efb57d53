//! Which config applies to an open document: the nearest `clientele.toml`
//! above it, as on the command line, resolved from the workspace folder
//! that holds the document (paths in errors are shown relative to it).
//!
//! Configs are read once and cached until [`Workspace::reload`]. The files
//! they were read from are stamped ([`stamps`](super::stamps)), so that a
//! change on disk is seen whether or not the editor watches files. A
//! document whose config breaks keeps the last config that worked for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::stamps::Stamps;
use crate::config::{CONFIG_NAMES, Config, Resolver};
use crate::error::Error;

/// The configs of the open documents.
pub(crate) struct Workspace {
    /// Workspace folders, deepest first, so that a nested folder wins.
    folders: Vec<PathBuf>,
    /// Where documents outside every folder are resolved from.
    fallback: PathBuf,
    resolvers: HashMap<PathBuf, Resolver>,
    last_good: HashMap<PathBuf, Arc<Config>>,
    /// The files the cached configs depend on, as they were read.
    stamps: Stamps,
}

/// The config of one document.
pub(crate) struct Resolved {
    /// The config to lint with; `None` when it is broken and none worked
    /// before.
    pub(crate) config: Option<Arc<Config>>,
    /// Errors met loading it (each reported once until a reload).
    pub(crate) errors: Vec<Error>,
    /// The folder the errors' paths are relative to.
    pub(crate) root: PathBuf,
}

impl Workspace {
    /// A workspace of `folders`; documents outside them resolve from
    /// `fallback`.
    pub(crate) fn new(folders: Vec<PathBuf>, fallback: PathBuf) -> Self {
        let mut workspace = Self {
            folders: Vec::new(),
            fallback,
            resolvers: HashMap::new(),
            last_good: HashMap::new(),
            stamps: Stamps::default(),
        };
        workspace.set_folders(folders);
        workspace
    }

    /// Replace the workspace folders.
    pub(crate) fn set_folders(&mut self, mut folders: Vec<PathBuf>) {
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        self.folders = folders;
        self.reload();
    }

    /// Take `removed` out of the workspace folders and put `added` in.
    pub(crate) fn change_folders(&mut self, removed: &[PathBuf], added: Vec<PathBuf>) {
        let mut folders: Vec<PathBuf> = self
            .folders
            .iter()
            .filter(|f| !removed.contains(f))
            .cloned()
            .collect();
        folders.extend(added);
        self.set_folders(folders);
    }

    /// Forget every config read, so that the next lint reads them afresh.
    pub(crate) fn reload(&mut self) {
        self.resolvers.clear();
        self.stamps.clear();
    }

    /// Whether a file a cached config was read from (a config, a pack, or
    /// a config's place where none was) changed on disk since.
    pub(crate) fn changed_on_disk(&mut self) -> bool {
        self.stamps.any_changed()
    }

    /// Whether any of `paths`, which the editor says changed, is one a
    /// cached config was read from and now holds something else.
    pub(crate) fn changed_among(&mut self, paths: &[PathBuf]) -> bool {
        self.stamps.any_of_changed(paths)
    }

    /// The config of the document at `path` (absolute).
    pub(crate) fn config_for(&mut self, path: &Path) -> Resolved {
        let root = self
            .folders
            .iter()
            .find(|folder| path.starts_with(folder))
            .unwrap_or(&self.fallback)
            .clone();
        // Stamped before they are read: a change after is then seen.
        self.watch_config_files(path);
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

    /// Stamp the files the config of the document at `path` is read from:
    /// the places a config may be, from its folder up to the first that
    /// holds one, and the packs that config names.
    fn watch_config_files(&mut self, path: &Path) {
        for dir in path.ancestors().skip(1) {
            let candidates = CONFIG_NAMES.map(|name| dir.join(name));
            for candidate in &candidates {
                self.stamps.watch(candidate);
            }
            if let Some(config) = candidates.iter().find(|c| c.symlink_metadata().is_ok()) {
                for pack in packs_named(config) {
                    self.stamps.watch(&dir.join(pack));
                }
                return;
            }
        }
    }

    /// Forget the document at `path`.
    pub(crate) fn close(&mut self, path: &Path) {
        self.last_good.remove(path);
    }
}

/// The `packs` a config names, as far as its text can be read; a config
/// that cannot is an error the resolver reports, and its own change is
/// what mends it.
fn packs_named(config: &Path) -> Vec<String> {
    #[derive(Deserialize)]
    struct Packs {
        #[serde(default)]
        packs: Vec<String>,
    }
    if !std::fs::metadata(config).is_ok_and(|m| m.is_file()) {
        return Vec::new();
    }
    crate::read::read_file(config)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| toml::from_str::<Packs>(&text).ok())
        .map(|p| p.packs)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::disallowed_methods,
        reason = "the tests write their own configs"
    )]

    use super::*;

    #[test]
    fn a_broken_config_keeps_the_last_good_one_and_says_why_once() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("clientele.toml");
        let doc = dir.path().join("guide.md");
        std::fs::write(&config, "business = \"relationship\"\n").unwrap();
        let mut workspace = Workspace::new(vec![dir.path().to_path_buf()], PathBuf::from("/"));
        let good = workspace.config_for(&doc);
        assert!(good.errors.is_empty());
        let good = good.config.unwrap();

        std::fs::write(&config, "business = \"relationshp\"\n").unwrap();
        // Cached until a reload.
        assert!(workspace.config_for(&doc).errors.is_empty());
        workspace.reload();
        let broken = workspace.config_for(&doc);
        assert_eq!(broken.errors.len(), 1);
        assert!(Arc::ptr_eq(&broken.config.unwrap(), &good));
        assert_eq!(broken.root, dir.path());
        assert!(
            workspace.config_for(&doc).errors.is_empty(),
            "reported once"
        );
    }

    #[test]
    fn the_deepest_workspace_folder_holds_a_document() {
        let outer = PathBuf::from("/srv/docs");
        let inner = PathBuf::from("/srv/docs/handbook");
        let mut workspace = Workspace::new(vec![outer.clone(), inner.clone()], PathBuf::from("/"));
        let root = workspace.config_for(&inner.join("a.md")).root;
        assert_eq!(root, inner);
        workspace.change_folders(std::slice::from_ref(&inner), Vec::new());
        assert_eq!(workspace.config_for(&inner.join("a.md")).root, outer);
    }
}
