//! The survey `report`, `suggest` and `init` share.

use std::io;
use std::path::{Path, PathBuf};

use super::console::Problems;
use crate::run::{Inputs, Run, Surveyed};

/// Survey the documents under `paths` (the current folder when empty),
/// each under the config that governs it, or under `config` when given,
/// for `report`, `suggest` and `init`. Errors and notes go to `problems`;
/// `None` when no config or lexicon could be loaded.
pub(super) fn survey(
    paths: &[PathBuf],
    config: Option<&Path>,
    problems: &mut Problems,
) -> io::Result<Option<Surveyed>> {
    let mut run = match Run::new(std::env::current_dir()?, config) {
        Ok(run) => run,
        Err(error) => {
            problems.error(&error)?;
            return Ok(None);
        }
    };
    let mut met = Vec::new();
    let surveyed = run.survey(&Inputs::files(paths), &mut met);
    problems.met(&met)?;
    match surveyed {
        Ok(surveyed) => Ok(Some(surveyed)),
        Err(error) => {
            problems.error(&error)?;
            Ok(None)
        }
    }
}
