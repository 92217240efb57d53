//! The command line: parsing arguments (`args`) and choosing the exit
//! status. Each subcommand has its own file, which imports no other
//! subcommand's; what they share is in `args`, `console` (the terminal)
//! and `survey`.

mod args;
mod baseline;
mod check;
mod check_pack;
mod console;
mod explain;
mod init;
mod report;
mod survey;
mod translations;

use std::ffi::OsString;
use std::io::{self, Write};

use clap::Parser;

pub use args::ExitStatus;
use args::{Cli, Command};

/// Run the command line `args` (program name first) and say how it ended.
pub fn run<I, T>(args: I) -> ExitStatus
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` come through here too, and succeed.
            let _ = error.print();
            return if error.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            };
        }
    };
    if let Some(limit) = cli.max_file_size {
        crate::read::set_max_file_size(limit);
    }
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Explain { rule }) => explain::run(rule.as_deref()),
        Some(Command::Init { path, force }) => init::run(&path, force),
        Some(Command::Schema) => writeln!(
            console::stdout(),
            "{}",
            crate::config::schema::json_schema()
        )
        .map(|()| ExitStatus::Success),
        Some(Command::Baseline(args)) => baseline::run(&args),
        Some(Command::Report(args)) => report::run_report(&args),
        Some(Command::Suggest(args)) => report::run_suggest(&args),
        Some(Command::Translations(args)) => translations::run(&args),
        Some(Command::CheckPack { pack, color }) => check_pack::run(&pack, color),
        Some(Command::Lsp) => crate::lsp::run().map(|orderly| {
            if orderly {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            }
        }),
        None => check::run(&cli.check),
    };
    match result {
        Ok(status) => status,
        // The reader went away (`clientele report | head`) from a command
        // whose status does not hang on what it writes. `check` writes
        // through [`console::Output`] and decides its status whatever the reader.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(error) => {
            let _ = writeln!(console::stderr(), "error: {error}");
            ExitStatus::Error
        }
    }
}
