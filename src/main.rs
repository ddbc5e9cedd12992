//! The `portal` binary: parses the command line and maps the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = portal::cli::Cli::parse();
    ExitCode::from(cli.run())
}
