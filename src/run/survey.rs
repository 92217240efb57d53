//! Surveying a run's documents: the roles they name and the business
//! cues they hold, which `clientele report` and `clientele suggest` print.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Inputs, Problem, Run};
use crate::config::Config;
use crate::error::Error;
use crate::inventory::{Inventory, Survey};
use crate::lexicon::Lexicon;
use crate::lint::{Unreadable, decode, vocabulary};

/// What surveying a run's documents gave.
#[derive(Debug)]
pub(crate) struct Surveyed {
    /// The counts.
    pub(crate) inventory: Inventory,
    /// The lexicon of the config that governs the current folder: its
    /// business types are the ones a suggestion chooses from.
    pub(crate) lexicon: Arc<Lexicon>,
}

impl Run {
    /// Count the documents of `inputs`, each under the config that governs
    /// it; what could not be read goes to `problems`. An error when not
    /// even the built-in lexicon can be had.
    pub(crate) fn survey(
        &mut self,
        inputs: &Inputs,
        problems: &mut Vec<Problem>,
    ) -> Result<Surveyed, Error> {
        let (jobs, errors) = self.jobs(inputs);
        problems.extend(errors.into_iter().map(Problem::Error));
        let surveys: Vec<Result<Survey, Unreadable>> = jobs
            .par_iter()
            .map(|job| survey_file(&job.doc.path, &job.doc.absolute, &job.config))
            .collect();
        let mut inventory = Inventory::default();
        for (job, survey) in jobs.iter().zip(surveys) {
            match survey {
                Ok(survey) => inventory.add(survey),
                Err(Unreadable::Skipped(reason)) => problems.push(Problem::Skipped {
                    shown: job.doc.shown.clone(),
                    reason,
                }),
                Err(Unreadable::Failed(error)) => problems.push(Problem::Error(error)),
            }
        }
        inventory.finish();
        let lexicon = match self.config_here() {
            Some(config) => Arc::clone(config.lexicon()),
            None => Arc::new(Lexicon::builtin()?),
        };
        problems.extend(self.resolver.take_errors().into_iter().map(Problem::Error));
        Ok(Surveyed { inventory, lexicon })
    }
}

/// The terms and cues of the file at `path` (`absolute` for matching
/// `[[overrides]]`), or what became of a file that could not be read.
fn survey_file(path: &Path, absolute: &Path, config: &Config) -> Result<Survey, Unreadable> {
    let bytes = crate::read::read_file(path).map_err(|source| {
        Unreadable::Failed(Error::Io {
            path: path.to_path_buf(),
            source,
        })
    })?;
    let text = decode(path, bytes)?;
    let lexicon = config.lexicon();
    let settings = config.settings_for(absolute);
    let found = vocabulary(&text, lexicon, &settings);
    Ok(Survey::new(path, &text, &found, lexicon))
}
