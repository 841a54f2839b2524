//! papi-board: parse the command line, set up error reporting, dispatch.

use std::process::ExitCode;

use clap::Parser;

fn main() -> color_eyre::Result<ExitCode> {
    // Like other command-line tools, stop quietly when the reader of our
    // output goes away (`papi-board list | head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    color_eyre::install()?;
    let cli = papi_board::cli::Cli::parse();
    papi_board::cli::run(cli)
}
