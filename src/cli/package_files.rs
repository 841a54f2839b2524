//! `papi-board package-files DIR` (hidden): the manual pages and the bash
//! completion, written from the very clap definition the program parses
//! with, for the Debian package (`scripts/build-deb.sh`).
//!
//! - `DIR/man/papi-board.1`, with the server's files, and one page per
//!   subcommand (`papi-board-serve.1`, `papi-board-user-add.1`, …);
//! - `DIR/bash-completion/papi-board`.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::{Cli, Fail};

/// Write every file; the paths written, one a line, to standard output.
pub fn run(dir: &Path) -> Result<(), Fail> {
    let io = |e: std::io::Error| Fail(format!("{}: {e}", dir.display()));
    let man = dir.join("man");
    let completion = dir.join("bash-completion");
    std::fs::create_dir_all(&man).map_err(io)?;
    std::fs::create_dir_all(&completion).map_err(io)?;
    let mut written = Vec::new();

    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        sub_pages(sub, &man, &mut written).map_err(io)?;
    }
    let main = man.join("papi-board.1");
    let mut page = Vec::new();
    Man::new(cmd.clone()).render(&mut page).map_err(io)?;
    page.extend_from_slice(server_sections().to_roff().as_bytes());
    std::fs::write(&main, page).map_err(io)?;
    written.push(main);

    let bash = completion.join("papi-board");
    std::fs::write(&bash, bash_completion(visible(Cli::command()))).map_err(io)?;
    written.push(bash);

    let mut out = std::io::stdout().lock();
    for path in written {
        writeln!(out, "{}", path.display()).ok();
    }
    Ok(())
}

/// The bash completion script. clap_complete (4.6) spells the state of a
/// subcommand of a hyphenated program two ways — `papi__board__subcmd__serve`
/// where it is set, `papi__subcmd__board__subcmd__serve` where it is
/// matched — so nothing after a subcommand would complete; the second
/// spelling is rewritten to the first.
fn bash_completion(mut cmd: clap::Command) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::Bash,
        &mut cmd,
        "papi-board",
        &mut script,
    );
    String::from_utf8_lossy(&script)
        .replace("papi__subcmd__board__subcmd__", "papi__board__subcmd__")
        .into_bytes()
}

/// The command line without its hidden commands, which clap_complete would
/// otherwise offer. `cmd` is not built yet, so its arguments are the
/// definition's own (help and version are added again when it is built).
fn visible(cmd: clap::Command) -> clap::Command {
    let subcommands: Vec<clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    clap::Command::new("papi-board")
        .version(super::VERSION)
        .args(cmd.get_arguments().cloned())
        .subcommands(subcommands)
}

/// One page for this subcommand and one for each of its own.
fn sub_pages(
    cmd: &clap::Command,
    dir: &Path,
    written: &mut Vec<std::path::PathBuf>,
) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        sub_pages(sub, dir, written)?;
    }
    let man = Man::new(cmd.clone()).source(format!("papi-board {}", super::VERSION));
    written.push(man.generate_to(dir)?);
    Ok(())
}

/// FILES and SEE ALSO of the main page: where the packaged server keeps
/// its settings and data, and where the guides are.
fn server_sections() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["FILES"]);
    let files = [
        (
            "/etc/default/papi-board",
            "The service's listen address and options (Debian package).",
        ),
        (
            "/var/lib/papi-board/db",
            "The service's database, owned by the papi-board system user; \
             db.backups beside it holds the automatic backups.",
        ),
        (
            "DB/ssh_host_ed25519_key",
            "The SSH server's host key, made on the first serve (mode 0600).",
        ),
        (
            "~/.local/share/papi-board/db",
            "The database when neither --db nor PAPI_BOARD_DB says another.",
        ),
        (
            "~/.config/papi-board/config.toml",
            "The settings file (papi-board config init writes a commented one).",
        ),
    ];
    for (path, what) in files {
        roff.control("TP", []);
        roff.text([bold(path)]);
        roff.text([roman(what)]);
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(
        "The user guides, /usr/share/doc/papi-board/guide.md (English) and \
         huong-dan.md (Vietnamese), and the key reference, keys.en.md and keys.md.",
    )]);
    roff
}
