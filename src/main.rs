//! The `clientele` command: arguments in, exit status out.

use std::process::ExitCode;

fn main() -> ExitCode {
    clientele::cli::run(std::env::args_os()).into()
}
