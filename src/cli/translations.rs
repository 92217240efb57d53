//! `clientele translations [PATHS]`: the pairs of translation and source
//! that `translation-collapse` compares, and the documents left unpaired.

use std::io::{self, BufWriter, Write};

use super::args::{ExitStatus, TranslationsArgs, TranslationsFormat};
use super::console::{self, Problems, stderr_is_terminal};
use crate::render::{ListedPair, Listing, Unpaired};
use crate::run::{Inputs, Run};
use crate::translation::pairing::Missing;

pub(super) fn run(args: &TranslationsArgs) -> io::Result<ExitStatus> {
    let mut problems = Problems::new(args.color.enabled(stderr_is_terminal()));
    let cwd = std::env::current_dir()?;
    let mut run = match Run::new(cwd, args.config.as_deref()) {
        Ok(run) => run,
        Err(error) => {
            problems.error(&error)?;
            return Ok(ExitStatus::Error);
        }
    };
    let (mut jobs, errors) = run.jobs(&Inputs::files(&args.paths));
    problems.errors(&errors)?;
    let (pairing, errors) = run.pair(&mut jobs);
    problems.errors(&errors)?;
    let pairs = pairing
        .pairs
        .iter()
        .filter_map(|p| {
            let source = jobs[p.translation].source.as_deref()?;
            Some(ListedPair {
                source: source.doc.shown.clone(),
                translation: jobs[p.translation].doc.shown.clone(),
                source_language: p.source_language.clone(),
                language: p.language.clone(),
                by: p.by.as_str(),
            })
        })
        .collect();
    let unpaired = pairing
        .unpaired
        .iter()
        .map(|u| Unpaired {
            path: jobs[u.index].doc.shown.clone(),
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
        .collect();
    let listing = Listing::new(pairs, unpaired);
    let mut out = BufWriter::new(console::stdout());
    match args.format {
        TranslationsFormat::Human => listing.write_human(&mut out)?,
        TranslationsFormat::Json => listing.write_json(&mut out)?,
    }
    out.flush()?;
    Ok(problems.status(false))
}
