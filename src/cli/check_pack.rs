//! `clientele check-pack PACK.toml`: run a term pack's examples.

use std::io::{self, Write};
use std::path::Path;

use super::args::{ColorChoice, ExitStatus};
use super::console::{self, Output, stderr_is_terminal};
use crate::config::packs::read_pack;
use crate::error::Error;
use crate::pack_check::check_pack;
use crate::render::{pack_report, render_error};

/// Load the pack at `path` on top of the built-in packs and run its
/// examples: success when all pass, failure when one does not, an error
/// when the pack cannot be read or loaded.
pub(super) fn run(path: &Path, color: ColorChoice) -> io::Result<ExitStatus> {
    let outcome = read_pack(path)
        .map_err(|reason| Error::Io {
            path: path.to_path_buf(),
            source: io::Error::other(reason),
        })
        .and_then(|text| check_pack(path, &text));
    match outcome {
        Ok(outcome) => {
            write!(Output::new(console::stdout()), "{}", pack_report(&outcome))?;
            Ok(if outcome.passed() {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            })
        }
        Err(error) => {
            let color = color.enabled(stderr_is_terminal());
            writeln!(console::stderr(), "{}", render_error(&error, color))?;
            Ok(ExitStatus::Error)
        }
    }
}
