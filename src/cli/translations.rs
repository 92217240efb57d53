//! Translations in a run: pairing each with its source for
//! `translation-collapse`, and `clientele translations`, which lists the
//! pairs and the documents left unpaired.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::check::{Inputs, Job, Problems, jobs};
use super::{ExitStatus, TranslationsArgs, TranslationsFormat, stderr_is_terminal};
use crate::config::{Config, Resolver};
use crate::error::Error;
use crate::lint::{Checked, may_have_findings};
use crate::render::plural;
use crate::translation::Original;
use crate::translation::pairing::{Candidate, Counterpart, Missing, Pairing, pair};
use crate::walk::display_path;

/// Version of the JSON that `clientele translations --format json` prints.
const VERSION: u32 = 1;

/// The source of a translation in a run.
#[derive(Debug)]
pub(super) struct PairedSource {
    /// Where to read it.
    path: PathBuf,
    /// Its path as shown.
    shown: String,
    /// Its absolute path, for its settings.
    absolute: PathBuf,
    /// The config that applies to it.
    config: Arc<Config>,
    /// Its language.
    language: String,
    /// The translation's language, when its path names one.
    translation_language: Option<String>,
}

/// Pair the documents of `jobs`, giving each translation its source; a
/// config found for a source on disk that cannot be read goes to
/// `problems`.
pub(super) fn attach_sources(
    jobs: &mut [Job],
    cwd: &Path,
    resolver: &mut Resolver,
    problems: &mut Problems,
) -> io::Result<Pairing> {
    let pairing = pairing(jobs);
    for pair in &pairing.pairs {
        let (path, shown, absolute, config) = match &pair.source {
            Counterpart::InRun(i) => {
                let source = &jobs[*i];
                (
                    source.input.path.clone(),
                    source.input.display(),
                    source.absolute.clone(),
                    Arc::clone(&source.config),
                )
            }
            Counterpart::OnDisk(absolute) => {
                let relative = absolute.strip_prefix(cwd).unwrap_or(absolute);
                let Some(config) = resolver.config_for(relative) else {
                    continue;
                };
                (
                    relative.to_path_buf(),
                    display_path(relative),
                    absolute.clone(),
                    config,
                )
            }
        };
        jobs[pair.translation].source = Some(Arc::new(PairedSource {
            path,
            shown,
            absolute,
            config,
            language: pair.source_language.clone(),
            translation_language: pair.language.clone(),
        }));
    }
    for error in resolver.take_errors() {
        problems.error(&error)?;
    }
    Ok(pairing)
}

/// The pairs among `jobs`; standard input is nobody's translation.
fn pairing(jobs: &[Job]) -> Pairing {
    let candidates: Vec<Candidate<'_>> = jobs
        .iter()
        .map(|job| Candidate {
            absolute: &job.absolute,
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

/// Add to `checked`, the translation `job` as checked, what comparing it
/// with its source finds; the error, when the source cannot be read.
pub(super) fn compare_with_source(job: &Job, checked: &mut Checked) -> Option<Error> {
    let source = job.source.as_deref()?;
    // Most documents hold no term: their sources need not be read.
    if !may_have_findings(checked.source.text(), job.config.lexicon()) {
        return None;
    }
    let original = Original::read(
        &source.path,
        source.shown.clone(),
        &source.absolute,
        &source.config,
        &source.language,
    );
    let original = match original {
        Ok(Some(original)) => original,
        Ok(None) => return None,
        Err(error) => return Some(error),
    };
    let settings = job.config.settings_for(&job.absolute);
    let found = original.compare(
        &job.input.path,
        checked.source.text(),
        source.translation_language.as_deref(),
        job.config.lexicon(),
        &settings,
    );
    match found {
        Ok(found) if found.is_empty() => None,
        Ok(found) => {
            checked.diagnostics.extend(found);
            checked.diagnostics.sort_by_key(|d| (d.span, d.rule));
            None
        }
        Err(error) => Some(error),
    }
}

/// One pair, as `--format json` prints it.
#[derive(Serialize)]
struct JsonPair {
    source: String,
    translation: String,
    source_language: String,
    language: Option<String>,
    by: &'static str,
}

/// One unpaired document, as `--format json` prints it.
#[derive(Serialize)]
struct JsonUnpaired {
    path: String,
    language: String,
    missing: &'static str,
    /// What the human listing says it lacks.
    #[serde(skip)]
    why: &'static str,
}

#[derive(Serialize)]
struct JsonListing {
    version: u32,
    pairs: Vec<JsonPair>,
    unpaired: Vec<JsonUnpaired>,
}

/// `clientele translations [PATHS]`.
pub(super) fn run(args: &TranslationsArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(args.color.enabled(stderr_is_terminal()));
    let cwd = std::env::current_dir()?;
    let mut resolver = match Resolver::new(cwd.clone(), args.config.as_deref()) {
        Ok(resolver) => resolver,
        Err(error) => {
            problems.error(&error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let inputs = Inputs::files(&args.paths);
    let mut jobs = jobs(None, &cwd, &inputs, &mut resolver, &mut problems)?;
    let pairing = attach_sources(&mut jobs, &cwd, &mut resolver, &mut problems)?;
    let listing = JsonListing {
        version: VERSION,
        pairs: pairing
            .pairs
            .iter()
            .filter_map(|p| {
                let source = jobs[p.translation].source.as_deref()?;
                Some(JsonPair {
                    source: source.shown.clone(),
                    translation: jobs[p.translation].input.display(),
                    source_language: p.source_language.clone(),
                    language: p.language.clone(),
                    by: p.by.as_str(),
                })
            })
            .collect(),
        unpaired: pairing
            .unpaired
            .iter()
            .map(|u| JsonUnpaired {
                path: jobs[u.index].input.display(),
                language: u.language.clone(),
                missing: match u.missing {
                    Missing::Source => "source",
                    Missing::Translation => "translation",
                },
                why: match u.missing {
                    Missing::Source => "no source found",
                    Missing::Translation => "no translation among the files checked",
                },
            })
            .collect(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        TranslationsFormat::Human => write_human(&mut out, &listing)?,
        TranslationsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &listing).map_err(io::Error::other)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if problems.any_error() {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}

fn write_human(out: &mut dyn Write, listing: &JsonListing) -> io::Result<()> {
    if !listing.pairs.is_empty() {
        writeln!(out, "Translations (source → translation, paired by):")?;
        for p in &listing.pairs {
            writeln!(out, "  {} → {}  ({})", p.source, p.translation, p.by)?;
        }
    }
    if !listing.unpaired.is_empty() {
        writeln!(out, "Unpaired:")?;
        for u in &listing.unpaired {
            writeln!(out, "  {}  ({}: {})", u.path, u.language, u.why)?;
        }
    }
    writeln!(
        out,
        "{} and {}.",
        plural(listing.pairs.len(), "pair"),
        plural(listing.unpaired.len(), "unpaired document")
    )
}
