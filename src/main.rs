//! The `portal` binary: parses the command line and maps the outcome to an exit code.

use clap::Parser;

/// mimalloc: the build allocates many small strings (templates, minifier) on every thread;
/// glibc malloc cost about a third of the minifier's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = portal::cli::Cli::parse();
    ExitCode::from(cli.run())
}
