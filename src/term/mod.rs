//! Terminal drivers: the only code that touches stdin, stdout or signals.
//! The local driver reads crossterm events and draws with a crossterm
//! backend; it redraws only after an event (no ticking), so an idle board
//! uses no CPU and sends no bytes.

pub mod input;

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
    loop {
        let board = Repo::board(store);
        terminal.draw(|f| crate::ui::draw(f, app, board, theme))?;
        // Block until something happens; then apply every event already
        // waiting, in order, before drawing once.
        let mut next = event::read()?;
        loop {
            if let Some(ev) = translate(next) {
                if let Event::Resize(..) = ev {
                    terminal.autoresize()?;
                }
                let _guard = APPLYING.lock();
                if app.update(ev, store) == Effect::Quit {
                    return Ok(());
                }
            }
            if !event::poll(std::time::Duration::ZERO)? {
                break;
            }
            next = event::read()?;
        }
    }
}
