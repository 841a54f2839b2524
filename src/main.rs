//! papi-board: parse the command line, set up error reporting, dispatch.

use std::process::ExitCode;

use clap::FromArgMatches;

fn main() -> color_eyre::Result<ExitCode> {
    // Like other command-line tools, stop quietly when the reader of our
    // output goes away (`papi-board list | head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    color_eyre::install()?;
    // `--help` in the interface language, known before parsing.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = papi_board::cli::help::lang_of(&args);
    let matches = papi_board::cli::help::command(lang).get_matches_from(args);
    let cli = papi_board::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    papi_board::cli::run(cli)
}
