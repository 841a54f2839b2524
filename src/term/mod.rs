//! Terminal drivers: the only code that touches stdin, stdout, signals,
//! SSH channels or the local socket. A board is always a session of the
//! database's owner (`hub`): over SSH (`ssh`), or relayed to this terminal
//! by a local client (`local`), which redraws only when the owner sends a
//! frame (no ticking), so an idle board uses no CPU and sends no bytes.
//! What is left here is the terminal's side of a local client: giving the
//! terminal back and running the user's editor.

pub mod hub;
pub mod input;
pub mod local;
pub mod ssh;

use std::io::Write;

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Put the terminal back as it was: main screen, cursor shown, no raw mode.
pub fn restore_terminal() {
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restore the terminal before a panic report is printed.
pub fn install_panic_restore() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// The editor to run: `$VISUAL`, `$EDITOR`, then nano, then vi.
fn editor_command() -> Vec<String> {
    for var in ["VISUAL", "EDITOR"] {
        if let Ok(v) = std::env::var(var) {
            let parts: Vec<String> = v.split_whitespace().map(str::to_string).collect();
            if !parts.is_empty() {
                return parts;
            }
        }
    }
    let found = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
    };
    vec![if found("nano") { "nano" } else { "vi" }.to_string()]
}

/// Leave the board's screen, edit `text` in the user's editor, come back.
pub fn edit_externally(text: &str, id: u64) -> Result<String, String> {
    let path = std::env::temp_dir().join(format!("papi-board-{}-{id}.txt", std::process::id()));
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    restore_terminal();
    let cmd = editor_command();
    let status = std::process::Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(&path)
        .status();
    let back = enable_raw_mode().and_then(|_| {
        execute!(
            std::io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste
        )
    });
    let result = match status {
        Ok(s) if s.success() => std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "UTF-8?".to_string())),
        Ok(s) => Err(format!("{} → {s}", cmd.join(" "))),
        Err(e) => Err(format!("{}: {e}", cmd.join(" "))),
    };
    let _ = std::fs::remove_file(&path);
    back.map_err(|e| e.to_string())?;
    result
}
