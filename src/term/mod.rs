//! Terminal drivers: the only code that touches stdin, stdout or signals.
//! The local driver reads crossterm events and draws with a crossterm
//! backend; it redraws only after an event (no ticking), so an idle board
//! uses no CPU and sends no bytes.

pub mod hub;
pub mod input;
pub mod ssh;

use std::io::{BufWriter, Write};
use std::sync::Mutex;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{App, Effect, Event, Repo};
use crate::store::Store;
use crate::ui::theme::Theme;

/// Held while an event is being applied: a signal handler waits for it, so
/// a change is never cut off between applying and flushing.
static APPLYING: Mutex<()> = Mutex::new(());

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

/// Restore the terminal before the panic report is printed.
fn install_panic_restore() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// SIGTERM and SIGHUP (an SSH connection dropping) restore the terminal and
/// exit once the change in progress, if any, is on disk.
fn install_signal_restore() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _guard = APPLYING.lock();
            restore_terminal();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

fn translate(ev: event::Event) -> Option<Event> {
    Some(match ev {
        event::Event::Key(k) => Event::Key(k),
        event::Event::Paste(s) => Event::Paste(s),
        event::Event::Resize(w, h) => Event::Resize(w, h),
        event::Event::Mouse(m) => Event::Mouse(m),
        _ => return None,
    })
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
fn edit_externally(text: &str, id: u64) -> Result<String, String> {
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

/// Run the board in this terminal until the user quits.
pub fn run_local(store: &mut Store, mut app: App, theme: Theme) -> std::io::Result<()> {
    install_panic_restore();
    install_signal_restore()?;
    enable_raw_mode()?;
    let mut out = BufWriter::with_capacity(64 * 1024, std::io::stdout());
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if app.mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let result = event_loop(store, &mut app, &theme, out);
    restore_terminal();
    result
}

fn event_loop<W: Write>(
    store: &mut Store,
    app: &mut App,
    theme: &Theme,
    out: W,
) -> std::io::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let size = terminal.size()?;
    app.update(Event::Resize(size.width, size.height), store);
    // Test hook (docs/reliability.md), read once: panic after the first
    // frame, to check that a panic gives the terminal back.
    let test_panic = std::env::var("PAPI_BOARD_TEST_PANIC").is_ok_and(|v| v == "after-first-frame");
    let mut first = true;
    loop {
        let board = Repo::board(store);
        terminal.draw(|f| crate::ui::draw(f, app, board, theme))?;
        if std::mem::take(&mut first) {
            // The first frame is on screen: today's backup, if due, is
            // written beside the board from now (store::autobackup).
            store.start_daily_backup();
        }
        if test_panic {
            panic!(
                "PAPI_BOARD_TEST_PANIC: a panic on purpose, to test that the terminal is restored"
            );
        }
        // Block until something happens; then apply every event already
        // waiting, in order, before drawing once.
        let mut next = event::read()?;
        loop {
            if let Some(ev) = translate(next) {
                if let Event::Resize(..) = ev {
                    terminal.autoresize()?;
                }
                let effect = {
                    let _guard = APPLYING.lock();
                    app.update(ev, store)
                };
                match effect {
                    Effect::None => {}
                    Effect::Quit => return Ok(()),
                    Effect::EditExternal { id, text } => {
                        let result = edit_externally(&text, id);
                        terminal.clear()?;
                        let _guard = APPLYING.lock();
                        app.external_edit_done(id, result, store);
                    }
                    Effect::SwitchBoard(id) => {
                        let _guard = APPLYING.lock();
                        let result = store.switch_board(id).map_err(|e| e.message(app.lang));
                        app.board_switched(result, store);
                    }
                    Effect::Rollover(year) => {
                        let _guard = APPLYING.lock();
                        let ctx = crate::domain::board::Ctx {
                            now: app.clock.now(),
                            author: app.author.clone(),
                        };
                        let result = store
                            .rollover(year, &ctx, false)
                            .map(|_| ())
                            .map_err(|e| e.message(app.lang));
                        app.board_switched(result, store);
                    }
                    Effect::Export {
                        path,
                        area,
                        unit,
                        period,
                        overwrite,
                    } => {
                        if !overwrite && std::path::Path::new(&path).exists() {
                            let asked = crate::app::overlay::export_period::ReportAsked {
                                path,
                                area,
                                unit,
                                period,
                            };
                            app.export_exists(asked);
                        } else {
                            let filter =
                                crate::transfer::report_table::ReportFilter { area, unit, period };
                            let result = crate::transfer::export::export_to_path(
                                store.board(),
                                std::path::Path::new(&path),
                                None,
                                &filter,
                                app.today,
                                app.lang,
                            )
                            .map(|_| path)
                            .map_err(|e| e.message(app.lang));
                            app.export_done(result);
                        }
                    }
                    Effect::Import { path } => {
                        let bytes = std::fs::read(&path).map_err(|e| e.to_string());
                        let _guard = APPLYING.lock();
                        app.import_read(&path, bytes, store);
                    }
                }
            }
            if !event::poll(std::time::Duration::ZERO)? {
                break;
            }
            next = event::read()?;
        }
    }
}
