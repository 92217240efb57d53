//! `--fix` on a file where it lies: read it, fix its text, and put the
//! fixed text in its place (in the file's own encoding) only if the file
//! still holds what was read, so that an edit made meanwhile is never
//! lost.

use std::path::Path;

use crate::atomic::replace_contents;
use crate::config::Config;
use crate::error::Error;
use crate::lint::{Checked, FileOutcome, SourceOf, check_bytes, check_file};

/// Check the file at `path` (`absolute` for matching `[[overrides]]`)
/// under `config` with fixes, comparing it with its `source` when it is a
/// translation, and write the fixed text back. When the
/// write fails, the file is unchanged: the outcome is that of the file as
/// it now is, and the write error comes beside it.
pub(crate) fn fix_file(
    path: &Path,
    absolute: &Path,
    config: &Config,
    source: SourceOf<'_>,
) -> (FileOutcome, Option<Error>) {
    let read = match crate::read::read_file(path) {
        Ok(bytes) => bytes,
        Err(source) => {
            let path = path.to_path_buf();
            return (FileOutcome::Failed(Error::Io { path, source }), None);
        }
    };
    // The bytes read are kept to compare with the file just before the
    // fixed text takes its place.
    let outcome = check_bytes(path, absolute, read.clone(), config, source, true);
    let written = match &outcome {
        FileOutcome::Checked(Checked {
            source,
            fixes: Some(fixes),
            ..
        }) if is_file(path) => replace_contents(path, &fixes.encoding.encode(source.text()), &read),
        // A pipe (`--fix <(cmd)`) has nowhere to put the fixed text; its
        // findings are still what it held.
        FileOutcome::Checked(Checked { fixes: Some(_), .. }) => {
            let error = Error::Write {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "it is a pipe, not a file; use --diff, or --fix - for standard input",
                ),
            };
            return (
                check_bytes(path, absolute, read, config, source, false),
                Some(error),
            );
        }
        _ => Ok(()),
    };
    match written {
        Ok(()) => (outcome, None),
        Err(error) => (
            check_file(path, absolute, config, source, false),
            Some(error),
        ),
    }
}

/// Whether `path` leads to a regular file, which a fix can replace.
fn is_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file())
}
