//! One batch run: the documents named on the command line or piped in,
//! each with the config that governs it and, for a translation, its
//! source; checked in parallel a chunk at a time and handed back in path
//! order; narrowed by a baseline and by `--since`.
//!
//! Nothing here prints. The CLI parses its arguments, asks a [`Run`] for
//! the documents, and hands what [`check_in_order`] gives it to the
//! printers.

mod fix_file;
mod narrow;
mod sources;
mod survey;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::config::{Config, Resolver};
use crate::error::Error;
use crate::lint::{FileOutcome, check_bytes, check_file};
use crate::walk::{self, DocPath};
pub(crate) use fix_file::fix_file;
pub(crate) use narrow::Narrowing;
pub(crate) use sources::PairedSource;
use sources::SourceOnDemand;
pub(crate) use survey::Surveyed;

/// Files linted in parallel before their outcomes are handed on in order:
/// bounds memory to one chunk of sources, whatever the size of the tree.
const CHUNK: usize = 256;

/// From how many files on a run pays for the faster matcher.
const MANY_FILES: usize = 64;

/// The path that stands for standard input.
pub(crate) const STDIN: &str = "-";

/// What a run does with the findings it can fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Report them.
    Check,
    /// Fix them in place (`--fix`).
    Fix,
    /// Work out the fixes without writing them (`--diff`).
    Diff,
}

/// The documents a run was asked to check.
#[derive(Debug)]
pub(crate) struct Inputs {
    /// Files and folders.
    pub(crate) paths: Vec<PathBuf>,
    /// The text read from standard input, when it was asked for.
    pub(crate) stdin: Option<Vec<u8>>,
    /// The path standard input is checked as: `--stdin-filename`, or `-`.
    pub(crate) stdin_name: PathBuf,
}

impl Inputs {
    /// Files and folders only: `paths`, or the current folder when there
    /// are none.
    pub(crate) fn files(paths: &[PathBuf]) -> Self {
        Self {
            paths: if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths.to_vec()
            },
            stdin: None,
            stdin_name: PathBuf::from(STDIN),
        }
    }

    /// `paths`, where `-` stands for standard input, which is also read
    /// when `stdin_name` is given; the current folder when there is
    /// nothing else to check.
    pub(crate) fn read(paths: &[PathBuf], stdin_name: Option<&Path>) -> Result<Self, Error> {
        let (dashes, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
            paths.iter().partition(|p| p.as_os_str() == STDIN);
        let read_stdin = !dashes.is_empty() || stdin_name.is_some();
        if !read_stdin {
            let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
            return Ok(Self::files(&paths));
        }
        let stdin = crate::read::read_stream(io::stdin().lock()).map_err(|source| Error::Io {
            path: PathBuf::from(STDIN),
            source,
        })?;
        Ok(Self {
            paths: paths.into_iter().cloned().collect(),
            stdin: Some(stdin),
            stdin_name: stdin_name.map_or_else(|| PathBuf::from(STDIN), Path::to_path_buf),
        })
    }
}

/// One document to check.
#[derive(Debug)]
pub(crate) struct Job {
    /// Its path; for standard input, the name it is checked as.
    pub(crate) doc: DocPath,
    /// The config that applies to it.
    pub(crate) config: Arc<Config>,
    /// Whether the text comes from standard input rather than the file.
    pub(crate) stdin: bool,
    /// For a translation, its source.
    pub(crate) source: Option<Arc<PairedSource>>,
}

/// What a run met besides findings, in the order met.
#[derive(Debug)]
pub(crate) enum Problem {
    /// A document, config or baseline that could not be read or used.
    Error(Error),
    /// A document passed over, for a reason worth a note.
    Skipped {
        /// The document, as shown.
        shown: String,
        /// Why.
        reason: String,
    },
}

/// A run from one folder: which config governs each document, and the
/// errors met finding out.
#[derive(Debug)]
pub(crate) struct Run {
    cwd: PathBuf,
    resolver: Resolver,
}

impl Run {
    /// A run from `cwd` that discovers each document's config, or uses
    /// the one at `config` for every document.
    pub(crate) fn new(cwd: PathBuf, config: Option<&Path>) -> Result<Self, Error> {
        let resolver = Resolver::new(cwd.clone(), config)?;
        Ok(Self { cwd, resolver })
    }

    /// The folder the run is from.
    pub(crate) fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The config that governs the current folder, unless it is broken.
    pub(crate) fn config_here(&mut self) -> Option<Arc<Config>> {
        self.resolver.config_for_folder(&self.cwd)
    }

    /// The baseline the run uses: `flag`, else the `baseline` key of the
    /// config that governs the current folder.
    pub(crate) fn baseline_path(&mut self, flag: Option<&Path>) -> Option<PathBuf> {
        match flag {
            Some(path) => Some(walk::absolute(&self.cwd, path)),
            None => self.config_here()?.baseline().map(Path::to_path_buf),
        }
    }

    /// Read the baseline at `path`; errors show the path relative to the
    /// current folder.
    pub(crate) fn load_baseline(&self, path: &Path) -> Result<Baseline, Error> {
        Baseline::load(path).map_err(|error| match error {
            Error::Baseline { path, message } => Error::Baseline {
                path: path
                    .strip_prefix(&self.cwd)
                    .map(Path::to_path_buf)
                    .unwrap_or(path),
                message,
            },
            other => other,
        })
    }

    /// The jobs for `inputs`, each with its config, leaving out excluded
    /// files and those whose config is broken; and the errors met.
    pub(crate) fn jobs(&mut self, inputs: &Inputs) -> (Vec<Job>, Vec<Error>) {
        let (found, mut errors) = walk::collect(&inputs.paths);
        let mut jobs: Vec<Job> = Vec::with_capacity(found.len() + 1);
        for input in found {
            let Some(config) = self.resolver.config_for(&input.path) else {
                continue;
            };
            let doc = DocPath::new(&self.cwd, input.path);
            if !config.is_excluded(&doc.absolute) {
                jobs.push(Job {
                    doc,
                    config,
                    stdin: false,
                    source: None,
                });
            }
        }
        if inputs.stdin.is_some() {
            // Text piped in is checked even where `exclude` would skip the
            // file: it was asked for by name.
            if let Some(config) = self.resolver.config_for(&inputs.stdin_name) {
                jobs.push(Job {
                    doc: DocPath::new(&self.cwd, inputs.stdin_name.clone()),
                    config,
                    stdin: true,
                    source: None,
                });
            }
        }
        errors.extend(self.resolver.take_errors());
        (jobs, errors)
    }
}

/// Check `jobs` (with `stdin`, the text read from standard input) a chunk
/// at a time, in parallel within a chunk, and hand each outcome, with the
/// errors met beside it, to `each` in the order of `jobs`.
pub(crate) fn check_in_order<E>(
    jobs: &[Job],
    stdin: Option<&[u8]>,
    mode: Mode,
    mut each: impl FnMut(&Job, FileOutcome, Vec<Error>) -> Result<(), E>,
) -> Result<(), E> {
    if jobs.len() >= MANY_FILES {
        for job in jobs {
            job.config.lexicon().matcher().prepare_dfa();
        }
    }
    for chunk in jobs.chunks(CHUNK) {
        let check = |job: &Job| check_job(job, stdin, mode);
        // One file, as a pre-commit hook or an editor often asks for, is
        // checked without starting the thread pool.
        let outcomes: Vec<(FileOutcome, Vec<Error>)> = if chunk.len() == 1 {
            chunk.iter().map(check).collect()
        } else {
            chunk.par_iter().map(check).collect()
        };
        for (job, (outcome, errors)) in chunk.iter().zip(outcomes) {
            each(job, outcome, errors)?;
        }
    }
    Ok(())
}

/// Check (and with [`Mode::Fix`], fix and write) one document, comparing a
/// translation with its source. When the write fails, the file is
/// unchanged, and the outcome is that of the file as it is, with the
/// write error beside it; an error reading the source comes after it.
fn check_job(job: &Job, stdin: Option<&[u8]>, mode: Mode) -> (FileOutcome, Vec<Error>) {
    let source = SourceOnDemand::new(job.source.as_deref());
    let read_source = || source.get();
    let (path, absolute, config) = (&job.doc.path, &job.doc.absolute, &job.config);
    let fix = mode != Mode::Check;
    let (outcome, write_error) = match stdin.filter(|_| job.stdin) {
        Some(bytes) => (
            check_bytes(path, absolute, bytes.to_vec(), config, &read_source, fix),
            None,
        ),
        None if mode == Mode::Fix => fix_file(path, absolute, config, &read_source),
        None => (check_file(path, absolute, config, &read_source, fix), None),
    };
    let errors = write_error.into_iter().chain(source.error()).collect();
    (outcome, errors)
}
