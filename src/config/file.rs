//! One loaded `clientele.toml` (or the built-in defaults): its lexicon, its
//! base settings, its `[[overrides]]` and its `exclude` patterns.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use toml::Spanned;

use super::layer::{Layer, LayerError, LayerSpec};
use super::options::Options;
use super::packs::{Lexicons, PackFailure, outside_repository};
use super::settings::Settings;
use crate::error::{Error, LocatedError, Result};
use crate::lexicon::Lexicon;
use crate::sense::AllowList;
use crate::span::Span;

/// A config file, checked and ready to give each document its settings.
#[derive(Debug)]
pub(crate) struct Config {
    lexicon: Arc<Lexicon>,
    base: Settings,
    overrides: Vec<Override>,
    exclude: Gitignore,
    /// The folder paths in the config are relative to.
    root: PathBuf,
    /// The `baseline` key, resolved against `root`.
    baseline: Option<PathBuf>,
    translations: Translations,
}

/// The `[translations]` table, checked, with its paths made absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Translations {
    /// The code of the language sources are written in.
    pub(crate) source: String,
    /// The pairs named in the config, `(source, translation)`.
    pub(crate) pairs: Vec<(PathBuf, PathBuf)>,
}

impl Default for Translations {
    fn default() -> Self {
        Self {
            source: DEFAULT_SOURCE_LANGUAGE.to_owned(),
            pairs: Vec::new(),
        }
    }
}

/// The language sources are written in, unless `[translations] source`
/// says otherwise.
const DEFAULT_SOURCE_LANGUAGE: &str = "en";

/// One `[[overrides]]` entry.
#[derive(Debug)]
struct Override {
    paths: GlobSet,
    layer: Layer,
}

impl Config {
    /// The built-in defaults, with no config file.
    pub(crate) fn defaults(lexicon: Arc<Lexicon>) -> Self {
        Self {
            lexicon,
            base: Settings::default(),
            overrides: Vec::new(),
            exclude: Gitignore::empty(),
            root: PathBuf::new(),
            baseline: None,
            translations: Translations::default(),
        }
    }

    /// Parse and check the config at `path` (absolute) whose contents are
    /// `text`; errors name the file as `shown`.
    pub(crate) fn from_toml(
        path: &Path,
        shown: &Path,
        text: &str,
        lexicons: &mut Lexicons,
    ) -> Result<Self> {
        let error = |span: Option<Span>, message: String| {
            Error::Config(Box::new(LocatedError::new(
                shown.to_path_buf(),
                text,
                span,
                message,
            )))
        };
        let layer_error = |e: LayerError| Error::Config(Box::new(e.locate(shown, text)));
        let options: Options = toml::from_str(text)
            .map_err(|e| error(e.span().map(Span::from), e.message().trim().to_owned()))?;
        let root = path.parent().unwrap_or(Path::new("/")).to_path_buf();

        let packs: Vec<PathBuf> = options
            .packs
            .iter()
            .map(|p| root.join(p.get_ref()))
            .collect();
        let cannot_read = |index: usize, reason: String| {
            let entry = &options.packs[index];
            error(
                Some(entry.span().into()),
                format!("cannot read the pack `{}`: {reason}", entry.get_ref()),
            )
        };
        for (index, pack) in packs.iter().enumerate() {
            if let Some(reason) = outside_repository(pack, &root, lexicons.cwd()) {
                return Err(cannot_read(index, reason));
            }
        }
        let lexicon = lexicons
            .with_packs(&packs)
            .map_err(|failure| match failure {
                PackFailure::Unreadable { index, reason } => cannot_read(index, reason),
                PackFailure::Invalid(e) => e,
            })?;

        let allow = AllowList::new(&options.allow.phrases, &options.allow.names)
            .map_err(|m| error(None, m))?;
        let mut base = Settings::new(
            options.fail_on.unwrap_or_default(),
            options.fix_mixed_terms.unwrap_or_default(),
            allow,
        );
        let spec = LayerSpec::from_toml(options.business.as_ref(), &options.rules, 0);
        base.apply(&Layer::resolve(&spec, &lexicon).map_err(layer_error)?);

        let mut overrides = Vec::with_capacity(options.overrides.len());
        for entry in &options.overrides {
            if entry.paths.get_ref().is_empty() {
                return Err(error(
                    Some(entry.paths.span().into()),
                    "an override needs at least one pattern in `paths`".to_owned(),
                ));
            }
            let patterns = entry.paths.get_ref();
            let paths =
                glob_set(patterns.iter().map(Spanned::get_ref)).map_err(|(i, message)| {
                    let span = i.map_or(entry.paths.span(), |i| patterns[i].span());
                    error(Some(span.into()), message)
                })?;
            let spec = LayerSpec::from_toml(entry.business.as_ref(), &entry.rules, 0);
            let layer = Layer::resolve(&spec, &lexicon).map_err(layer_error)?;
            overrides.push(Override { paths, layer });
        }

        let mut exclude = GitignoreBuilder::new(&root);
        for pattern in &options.exclude {
            exclude.add_line(None, pattern.get_ref()).map_err(|e| {
                error(
                    Some(pattern.span().into()),
                    format!("invalid exclude pattern: {e}"),
                )
            })?;
        }
        let exclude = exclude
            .build()
            .map_err(|e| error(None, format!("invalid exclude patterns: {e}")))?;
        let source = match &options.translations.source {
            Some(code) if !lexicon.languages().any(|l| l.code == *code.get_ref()) => {
                let known: Vec<&str> = lexicon.languages().map(|l| l.code.as_str()).collect();
                return Err(error(
                    Some(code.span().into()),
                    format!(
                        "unknown language `{}`; expected one of: {}",
                        code.get_ref(),
                        known.join(", ")
                    ),
                ));
            }
            Some(code) => code.get_ref().clone(),
            None => DEFAULT_SOURCE_LANGUAGE.to_owned(),
        };
        let translations = Translations {
            source,
            pairs: options
                .translations
                .pairs
                .iter()
                .map(|pair| {
                    let [source, translation] = pair.get_ref();
                    (root.join(source), root.join(translation))
                })
                .collect(),
        };
        Ok(Self {
            lexicon,
            base,
            translations,
            overrides,
            exclude,
            baseline: options.baseline.as_ref().map(|b| root.join(b)),
            root,
        })
    }

    /// The lexicon: the built-in packs plus this config's `packs`.
    pub(crate) fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lexicon
    }

    /// The settings of the document at `path` (absolute): the config's
    /// own, then every override whose `paths` match, in order.
    pub(crate) fn settings_for(&self, path: &Path) -> Settings {
        let mut settings = self.base.clone();
        if let Ok(relative) = path.strip_prefix(&self.root) {
            for entry in &self.overrides {
                if entry.paths.is_match(relative) {
                    settings.apply(&entry.layer);
                }
            }
        }
        settings
    }

    /// How translations are paired with their sources.
    pub(crate) fn translations(&self) -> &Translations {
        &self.translations
    }

    /// The baseline file this config names, as an absolute path.
    pub(crate) fn baseline(&self) -> Option<&Path> {
        self.baseline.as_deref()
    }

    /// Whether `path` (absolute) is excluded by this config.
    pub(crate) fn is_excluded(&self, path: &Path) -> bool {
        path.starts_with(self.exclude.path())
            && self
                .exclude
                .matched_path_or_any_parents(path, false)
                .is_ignore()
    }
}

/// The glob set of an override's `paths`, or what is wrong with it and the
/// index of the pattern at fault (`None`: the set as a whole).
fn glob_set<'a>(
    patterns: impl IntoIterator<Item = &'a String>,
) -> Result<GlobSet, (Option<usize>, String)> {
    let mut globs = GlobSetBuilder::new();
    for (i, pattern) in patterns.into_iter().enumerate() {
        if pattern.trim().trim_matches(['.', '/']).is_empty() {
            return Err((
                Some(i),
                "an empty pattern matches nothing; name files or folders, such as `docs/**`"
                    .to_owned(),
            ));
        }
        for glob in expand(pattern) {
            let glob = GlobBuilder::new(&glob)
                .literal_separator(true)
                .build()
                .map_err(|e| (Some(i), format!("invalid glob `{pattern}`: {}", e.kind())))?;
            globs.add(glob);
        }
    }
    globs
        .build()
        .map_err(|e| (None, format!("invalid globs: {e}")))
}

/// The globs an override pattern stands for: itself and everything inside
/// it (a folder), at any depth when it has no `/` (a name, as in
/// `.gitignore`).
fn expand(pattern: &str) -> Vec<String> {
    let pattern = pattern
        .trim()
        .trim_start_matches("./")
        .trim_end_matches('/');
    let mut globs = vec![pattern.to_owned(), format!("{pattern}/**")];
    if !pattern.contains('/') {
        globs.push(format!("**/{pattern}"));
        globs.push(format!("**/{pattern}/**"));
    }
    globs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_matches_at_any_depth_and_a_folder_matches_its_contents() {
        let set = |pattern: &str| {
            let mut b = GlobSetBuilder::new();
            for g in expand(pattern) {
                b.add(
                    GlobBuilder::new(&g)
                        .literal_separator(true)
                        .build()
                        .unwrap(),
                );
            }
            b.build().unwrap()
        };
        let shop = set("docs/shop");
        assert!(shop.is_match("docs/shop/a.md"));
        assert!(shop.is_match("docs/shop/deep/b.md"));
        assert!(!shop.is_match("docs/shopping/a.md"));
        assert!(!shop.is_match("other/docs/shop/a.md"));
        let changelog = set("CHANGELOG.md");
        assert!(changelog.is_match("CHANGELOG.md"));
        assert!(changelog.is_match("sub/CHANGELOG.md"));
        let star = set("docs/*.md");
        assert!(star.is_match("docs/a.md"));
        assert!(!star.is_match("docs/sub/a.md"));
    }
}
