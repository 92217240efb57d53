//! Translations in a run: pairing each with its source, and reading the
//! source when the translation is checked.

use std::cell::{Cell, OnceCell};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Job, Run};
use crate::config::{Config, Resolver};
use crate::error::Error;
use crate::lint::{Unreadable, decode, outline_and_occurrences};
use crate::rules::{Paired, SourceDocument, business_terms};
use crate::source::SourceFile;
use crate::translation::pairing::{Candidate, Counterpart, Pairing, pair};
use crate::walk::{DocPath, display_path};

/// The source of a translation in a run.
#[derive(Debug)]
pub(crate) struct PairedSource {
    /// Its path.
    pub(crate) doc: DocPath,
    /// The config that applies to it.
    pub(crate) config: Arc<Config>,
    /// Its language.
    pub(crate) language: String,
    /// The translation's language, when its path names one.
    pub(crate) translation_language: Option<String>,
}

impl Run {
    /// Pair the documents of `jobs`, giving each translation its source;
    /// the pairs, and the errors of configs found for sources on disk.
    pub(crate) fn pair(&mut self, jobs: &mut [Job]) -> (Pairing, Vec<Error>) {
        let pairing = pairing(jobs);
        for pair in &pairing.pairs {
            let (doc, config) = match &pair.source {
                Counterpart::InRun(i) => (jobs[*i].doc.clone(), Arc::clone(&jobs[*i].config)),
                Counterpart::OnDisk(absolute) => {
                    match on_disk(&self.cwd, absolute, &mut self.resolver) {
                        Some(found) => found,
                        None => continue,
                    }
                }
            };
            jobs[pair.translation].source = Some(Arc::new(PairedSource {
                doc,
                config,
                language: pair.source_language.clone(),
                translation_language: pair.language.clone(),
            }));
        }
        (pairing, self.resolver.take_errors())
    }
}

/// A source that is not among the documents checked: its path, shown
/// relative to `cwd`, and its config, unless that is broken.
fn on_disk(cwd: &Path, absolute: &Path, resolver: &mut Resolver) -> Option<(DocPath, Arc<Config>)> {
    let relative = absolute.strip_prefix(cwd).unwrap_or(absolute);
    let config = resolver.config_for(relative)?;
    let doc = DocPath {
        path: relative.to_path_buf(),
        shown: display_path(relative),
        absolute: absolute.to_path_buf(),
    };
    Some((doc, config))
}

/// The pairs among `jobs`; standard input is nobody's translation.
fn pairing(jobs: &[Job]) -> Pairing {
    let candidates: Vec<Candidate<'_>> = jobs
        .iter()
        .map(|job| Candidate {
            absolute: &job.doc.absolute,
            source_language: &job.config.translations().source,
        })
        .collect();
    let mut explicit: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut seen: Vec<&Arc<Config>> = Vec::new();
    for job in jobs {
        if !seen.iter().any(|c| Arc::ptr_eq(c, &job.config)) {
            seen.push(&job.config);
            explicit.extend(job.config.translations().pairs.iter().cloned());
        }
    }
    let languages: Vec<String> = jobs
        .first()
        .map(|job| {
            job.config
                .lexicon()
                .languages()
                .map(|l| l.code.clone())
                .collect()
        })
        .unwrap_or_default();
    let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
    let mut pairing = pair(&candidates, &explicit, &languages);
    pairing.pairs.retain(|p| !jobs[p.translation].stdin);
    pairing
}

/// A translation's source, read the first time it is asked for: most
/// documents hold no term, and their sources need not be read; a fix that
/// lints again reads it once.
pub(super) struct SourceOnDemand<'a> {
    source: Option<&'a PairedSource>,
    read: OnceCell<Option<Paired>>,
    error: Cell<Option<Error>>,
}

impl<'a> SourceOnDemand<'a> {
    /// The source `source`, not read yet; `None` for a document that is no
    /// translation.
    pub(super) fn new(source: Option<&'a PairedSource>) -> Self {
        Self {
            source,
            read: OnceCell::new(),
            error: Cell::new(None),
        }
    }

    /// The source, read; `None` when there is none, or it cannot be read
    /// (see [`SourceOnDemand::error`]).
    pub(super) fn get(&self) -> Option<&Paired> {
        self.read
            .get_or_init(|| match read(self.source?) {
                Ok(paired) => paired,
                Err(error) => {
                    self.error.set(Some(error));
                    None
                }
            })
            .as_ref()
    }

    /// Why the source could not be read, when it was asked for and could
    /// not be.
    pub(super) fn error(self) -> Option<Error> {
        self.error.into_inner()
    }
}

/// Read `source` and find its business-sense terms. `Ok(None)`: a binary
/// file, or a language clientele has no pack for.
fn read(source: &PairedSource) -> Result<Option<Paired>, Error> {
    let config = &source.config;
    let lexicon = config.lexicon();
    let Some(language) = lexicon.find_language(&source.language) else {
        return Ok(None);
    };
    let path = &source.doc.path;
    let bytes = crate::read::read_file(path).map_err(|error| Error::Io {
        path: path.clone(),
        source: error,
    })?;
    let text = match decode(path, bytes) {
        Ok(text) => text,
        Err(Unreadable::Skipped(_)) => return Ok(None),
        Err(Unreadable::Failed(error)) => return Err(error),
    };
    let settings = config.settings_for(&source.doc.absolute);
    let (outline, found) = outline_and_occurrences(&text, lexicon, &settings);
    let terms = business_terms(lexicon, &found, language);
    Ok(Some(Paired {
        source: SourceDocument {
            path: source.doc.shown.clone(),
            file: SourceFile::new(text),
            outline,
            language,
            terms,
        },
        language: source.translation_language.clone(),
    }))
}
