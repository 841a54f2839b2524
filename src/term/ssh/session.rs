//! One SSH channel, in one task: either a board session (after `shell`) or
//! one non-interactive command (after `exec`).
//!
//! A board session waits on three things at once: bytes and window changes
//! from the client, news that the shared data changed, and server shutdown.
//! Each step — applying the events that arrived, then drawing once — runs on
//! a blocking thread with the store locked, so the network tasks never wait
//! on the disk; the frame's bytes are then sent with the channel's flow
//! control (a client that does not read slows only its own session).

use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use russh::ChannelMsg;
use russh::server::Msg;
use tokio::sync::watch;

use super::backend::SshBackend;
use super::{SessionRepo, Shared};
use crate::app::{App, Clock, Effect, Event, Options};
use crate::term::input::InputParser;
use crate::ui::theme::Theme;

/// A lone ESC followed by nothing for this long is the Esc key.
const ESC_PAUSE: Duration = Duration::from_millis(30);
/// Events applied per hold of the store lock; others get their turn between.
const EVENTS_PER_LOCK: usize = 16;
/// A client that accepts no output for this long is dropped.
const SEND_TIMEOUT: Duration = Duration::from_secs(60);
/// Largest window accepted (a bigger request is clamped).
const MAX_SIDE: u32 = 1000;

/// Alternate screen, hidden cursor, bracketed paste.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[?25l\x1b[2J";
/// Back to the main screen with the cursor shown.
pub const LEAVE: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// The board of one session: its own view state and its own screen.
struct Screen {
    app: App,
    term: Terminal<SshBackend>,
    theme: Theme,
    user: String,
}

/// What one step produced.
struct Drawn {
    bytes: Vec<u8>,
    quit: bool,
    /// The data revision the frame shows.
    revision: u64,
}

impl Screen {
    fn new(shared: &Shared, user: &str, (w, h): (u16, u16)) -> std::io::Result<Screen> {
        let mut app = App::new(Options {
            lang: shared.settings.lang,
            today: shared.today(),
            author: user.to_string(),
            clock: Clock::System,
            mouse: false,
            keymap: shared.settings.prefs.keymap.clone(),
        });
        let prefs = &shared.settings.prefs;
        prefs.apply(&mut app);
        let mut backend = SshBackend::new(w, h);
        backend.push(ENTER);
        Ok(Screen {
            app,
            term: Terminal::new(backend)?,
            // NO_COLOR is the client's to say, and it does not reach here.
            theme: prefs.theme(None, None, shared.settings.ascii),
            user: user.to_string(),
        })
    }

    /// Apply the events in order, then draw once.
    fn step(&mut self, shared: &Shared, mut events: Vec<Event>) -> Drawn {
        let mut quit = false;
        while !events.is_empty() && !quit {
            let rest = events.split_off(events.len().min(EVENTS_PER_LOCK));
            shared.with(|store| {
                let mut repo = SessionRepo {
                    store,
                    user: &self.user,
                };
                for ev in events.drain(..) {
                    if let Event::Resize(w, h) = ev {
                        self.term.backend_mut().set_size(w, h);
                    }
                    match self.app.update(ev, &mut repo) {
                        Effect::Quit => {
                            quit = true;
                            break;
                        }
                        // No editor, no file of the server and one shared board
                        // for a remote user: say so.
                        Effect::EditExternal { .. }
                        | Effect::Export { .. }
                        | Effect::SwitchBoard(_)
                        | Effect::Rollover(_) => self.app.local_only(),
                        Effect::None => {}
                    }
                }
            });
            events = rest;
        }
        if quit {
            let backend = self.term.backend_mut();
            backend.push(LEAVE);
            return Drawn {
                bytes: backend.take(),
                quit,
                revision: 0,
            };
        }
        let (app, term, theme) = (&mut self.app, &mut self.term, &self.theme);
        let (revision, drawn) = shared.with(|store| {
            app.sync(store.board(), store.revision());
            let drawn = term.draw(|f| crate::ui::draw(f, app, store.board(), theme));
            (store.revision(), drawn.map(|_| ()))
        });
        let mut bytes = self.term.backend_mut().take();
        if drawn.is_err() {
            bytes.extend_from_slice(LEAVE);
            quit = true;
        }
        Drawn {
            bytes,
            quit,
            revision,
        }
    }
}

/// Run `step` on a blocking thread (it locks the store and may write to disk).
async fn step(
    shared: &Arc<Shared>,
    screen: Box<Screen>,
    events: Vec<Event>,
) -> (Box<Screen>, Drawn) {
    let shared = shared.clone();
    tokio::task::spawn_blocking(move || {
        let mut screen = screen;
        let drawn = screen.step(&shared, events);
        (screen, drawn)
    })
    .await
    .expect("a session step does not panic")
}

/// The client's window; 0×0 means "not known" (a client without a
/// terminal of its own), taken as 80×24.
fn clamp_size(w: u32, h: u32) -> (u16, u16) {
    if w == 0 || h == 0 {
        return (80, 24);
    }
    (w.min(MAX_SIDE) as u16, h.min(MAX_SIDE) as u16)
}

/// Serve one channel until the client leaves, quits, or the server stops.
pub async fn run(
    shared: Arc<Shared>,
    user: String,
    mut channel: russh::Channel<Msg>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut size = (80, 24);
    let mut screen: Option<Box<Screen>> = None;
    let mut parser = InputParser::new();
    let mut news = shared.subscribe();
    let exit_status = loop {
        let mut events = Vec::new();
        let waiting_esc = parser.pending();
        tokio::select! {
            msg = channel.wait() => match msg {
                // The connection is gone (clean or not): free the session.
                None | Some(ChannelMsg::Eof) | Some(ChannelMsg::Close) => break None,
                Some(ChannelMsg::RequestPty { col_width, row_height, .. }) => {
                    size = clamp_size(col_width, row_height);
                    continue;
                }
                Some(ChannelMsg::RequestShell { .. }) if screen.is_none() => {
                    match Screen::new(&shared, &user, size) {
                        Ok(s) => screen = Some(Box::new(s)),
                        Err(_) => break Some(1),
                    }
                    events.push(Event::Resize(size.0, size.1));
                }
                Some(ChannelMsg::Exec { command, .. }) if screen.is_none() => {
                    let status = exec(&shared, &user, &command, &channel).await;
                    break Some(status);
                }
                Some(ChannelMsg::Data { data }) => events = parser.feed(&data),
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    size = clamp_size(col_width, row_height);
                    events.push(Event::Resize(size.0, size.1));
                }
                Some(_) => continue,
            },
            changed = news.changed(), if screen.is_some() => {
                if changed.is_err() {
                    continue;
                }
                events.push(Event::DataChanged);
            }
            _ = tokio::time::sleep(ESC_PAUSE), if waiting_esc => events = parser.flush(),
            _ = shutdown.changed() => {
                if let Some(s) = screen.as_mut() {
                    let mut bye = s.term.backend_mut().take();
                    bye.extend_from_slice(LEAVE);
                    let _ = send(&channel, bye).await;
                }
                break Some(0);
            }
        }
        let Some(s) = screen.take() else { continue };
        if events.is_empty() {
            screen = Some(s);
            continue;
        }
        // Take the news now: a change after this point wakes us again.
        news.borrow_and_update();
        let (s, drawn) = step(&shared, s, events).await;
        screen = Some(s);
        let shown_revision = drawn.revision;
        if !send(&channel, drawn.bytes).await {
            break None;
        }
        if drawn.quit {
            break Some(0);
        }
        // Our own change was drawn already; one that landed after the
        // draw brings another round.
        if *news.borrow_and_update() != shown_revision {
            news.mark_changed();
        }
    };
    if let Some(code) = exit_status {
        let _ = channel.exit_status(code).await;
        let _ = channel.eof().await;
        let _ = channel.close().await;
    }
}

/// Send bytes with the channel's flow control; false when the client is gone.
async fn send(channel: &russh::Channel<Msg>, bytes: Vec<u8>) -> bool {
    if bytes.is_empty() {
        return true;
    }
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, channel.data_bytes(bytes)).await,
        Ok(Ok(()))
    )
}

/// Split a command line into words: spaces separate, quotes group.
pub fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Run one command for the user; its output goes down the channel.
async fn exec(
    shared: &Arc<Shared>,
    user: &str,
    command: &[u8],
    channel: &russh::Channel<Msg>,
) -> u32 {
    let words = split_words(&String::from_utf8_lossy(command));
    let shared2 = shared.clone();
    let name = user.to_string();
    let out = tokio::task::spawn_blocking(move || {
        let Some(user) = shared2.user(&name) else {
            return super::ExecOutput {
                status: 1,
                ..Default::default()
            };
        };
        let exec = shared2.settings.exec.clone();
        shared2.with(|store| exec(&words, &user, store))
    })
    .await
    .unwrap_or_default();
    // A pty turns "\n" into "\r\n" on the client; without one, bytes as is.
    if !send(channel, out.stdout).await {
        return out.status;
    }
    if !out.stderr.is_empty() {
        let _ =
            tokio::time::timeout(SEND_TIMEOUT, channel.extended_data_bytes(1, out.stderr)).await;
    }
    out.status
}

#[cfg(test)]
mod tests {
    use super::split_words;

    #[test]
    fn command_lines_split_like_a_shell_would() {
        assert_eq!(split_words("list --json"), ["list", "--json"]);
        assert_eq!(split_words("  show   12 "), ["show", "12"]);
        assert_eq!(
            split_words("history --user 'lan anh' --since \"2026-11-01\""),
            ["history", "--user", "lan anh", "--since", "2026-11-01"]
        );
        assert_eq!(split_words("export ''"), ["export", ""]);
        assert!(split_words("").is_empty());
    }
}
