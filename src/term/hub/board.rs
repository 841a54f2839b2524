//! A board session, whatever carries it: bytes in, frames out.
//!
//! [`BoardSession`] is the core: the client's bytes are kept raw and parsed
//! a slice at a time; a step applies at most [`EVENTS_PER_STEP`] events and
//! draws (when the input is drained, or at most every [`FRAME_EVERY`] while
//! it keeps coming). Keys, text and drawing work on a snapshot of the board;
//! the store is locked only for a change (`repo`). The screen is at most
//! [`MAX_WIDTH`]×[`MAX_HEIGHT`], the input read ahead at most
//! [`READ_AHEAD`] bytes, a paste at most `input::MAX_PASTE`: a session's
//! memory is bounded whatever its client sends.
//!
//! [`run`] is the loop around it over any [`Transport`]: it waits on the
//! client, news of changes, the users (a removed user or a replaced key
//! ends the session with a message), the Esc pause and shutdown. A step
//! runs on a blocking thread; between steps the client is listened to
//! again, so a client that leaves stops its session at once.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use tokio::sync::watch;

use super::backend::SshBackend;
use super::repo::SharedRepo;
use super::{Actor, Look, Shared};
use crate::app::{App, Clock, Effect, Event, Options};
use crate::i18n::S;
use crate::term::input::InputParser;
use crate::ui::theme::Theme;

/// The largest screen drawn: more than any real terminal shows.
pub const MAX_WIDTH: u16 = 500;
pub const MAX_HEIGHT: u16 = 200;
/// Events applied in one step; the client is listened to between steps.
pub const EVENTS_PER_STEP: usize = 256;
/// Client bytes held before they are applied; beyond this the client
/// waits (its transport's flow control).
pub const READ_AHEAD: usize = 256 * 1024;
/// While a frame goes out, what the client sends is still read (a
/// transport may deliver input and output in one stream, and stalls both
/// if either is left waiting); past this much, it is dropped — no person
/// types that far ahead of their screen.
pub const READ_AHEAD_MAX: usize = 2 * 1024 * 1024;
/// While input keeps coming, a frame at most this often.
pub const FRAME_EVERY: Duration = Duration::from_millis(40);
/// A lone ESC followed by nothing for this long is the Esc key.
const ESC_PAUSE: Duration = Duration::from_millis(30);
/// Bytes parsed at a time (a step parses only what it applies).
const PARSE_SLICE: usize = 512;

/// Alternate screen, hidden cursor, bracketed paste.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[?25l\x1b[2J";
/// Back to the main screen with the cursor shown.
pub const LEAVE: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// What a client sent.
#[derive(Debug)]
pub enum Input {
    Bytes(Vec<u8>),
    /// The client's window, in columns and rows (0×0: not known).
    Resize(u32, u32),
    /// The client is gone, or closed the session.
    Closed,
}

/// What became of an effect the transport carried out for an owner's
/// session (a local client's: its editor, its files, the one plan open).
#[derive(Debug)]
pub enum EffectDone {
    Edited {
        id: crate::domain::task::TaskId,
        result: Result<String, String>,
    },
    /// The report was written (its path), or why not.
    Exported(Result<String, String>),
    /// The report's file is there already: the board asks to write over it.
    ExportExists(crate::app::overlay::export_period::ReportAsked),
    /// Another plan is open now, or why not.
    Switched(Result<(), String>),
    /// The bytes of a file to import, or why they could not be read.
    Imported {
        path: String,
        bytes: Result<Vec<u8>, String>,
    },
}

/// What carries a board session's bytes.
pub trait Transport: Send {
    /// The next thing the client sent. Must be cancel-safe (it is raced
    /// against other news).
    fn recv(&mut self) -> impl Future<Output = Input> + Send;
    /// Send with the transport's flow control (a client that does not read
    /// slows only its own session); false when the client is gone.
    fn send(&mut self, bytes: Vec<u8>) -> impl Future<Output = bool> + Send;
    /// [`Transport::send`], handing what the client sends meanwhile to
    /// `take`: for a transport that stalls its input while its output
    /// waits (an SSH connection delivers to its channels one by one). By
    /// default input waits until the frame is out.
    fn send_reading(
        &mut self,
        bytes: Vec<u8>,
        take: &mut (dyn FnMut(Input) + Send),
    ) -> impl Future<Output = bool> + Send {
        let _ = take;
        self.send(bytes)
    }
    /// Is the client known to be gone, even before what it sent last has
    /// been read? Asked before every step, so input still waiting is
    /// dropped rather than worked through for no one.
    fn gone(&self) -> bool {
        false
    }
    /// Carry out what the board asks of its driver (an owner's session
    /// only): `None` when this transport cannot, and the session says the
    /// action is for the local board (an SSH client has no editor or file
    /// of the server, and shares one plan with everyone).
    fn effect(&mut self, _effect: Effect) -> impl Future<Output = Option<EffectDone>> + Send {
        std::future::ready(None)
    }
}

/// The client's window within what is drawn; 0×0 means "not known" (a
/// client without a terminal of its own), taken as 80×24.
pub fn clamp_size(w: u32, h: u32) -> (u16, u16) {
    if w == 0 || h == 0 {
        return (80, 24);
    }
    (
        w.min(u32::from(MAX_WIDTH)) as u16,
        h.min(u32::from(MAX_HEIGHT)) as u16,
    )
}

/// One board: its own view state, screen and input.
pub struct BoardSession {
    app: App,
    term: Terminal<SshBackend>,
    theme: Theme,
    actor: Actor,
    parser: InputParser,
    /// Client bytes not parsed yet.
    raw: Vec<u8>,
    /// Parsed, not applied yet (at most a slice's worth).
    events: Vec<Event>,
    /// A resize or news of changes to apply, or the first frame to draw.
    dirty: bool,
    last_frame: Option<Instant>,
}

/// What one step produced.
pub struct Frame {
    pub bytes: Vec<u8>,
    pub quit: bool,
    /// The data revision the frame shows, when one was drawn.
    pub revision: Option<u64>,
    /// What the board asks of its driver; the step stopped at it, and
    /// `effect_done` takes its result.
    pub effect: Option<Effect>,
}

impl BoardSession {
    pub fn new(actor: Actor, look: Look, (w, h): (u16, u16)) -> std::io::Result<Self> {
        let mut app = App::new(Options {
            lang: look.lang,
            today: look.today,
            author: actor.name().to_string(),
            clock: Clock::System,
            mouse: look.mouse,
            keymap: look.prefs.keymap.clone(),
        });
        look.prefs.apply(&mut app);
        let (w, h) = clamp_size(w.into(), h.into());
        let mut backend = SshBackend::new(w, h);
        backend.push(ENTER);
        Ok(BoardSession {
            app,
            term: Terminal::new(backend)?,
            theme: look.theme,
            actor,
            parser: InputParser::new(),
            raw: Vec::new(),
            events: vec![Event::Resize(w, h)],
            dirty: true,
            last_frame: None,
        })
    }

    /// Bytes from the client, applied by the next steps.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
    }

    /// May more client bytes be read now?
    pub fn has_room(&self) -> bool {
        self.raw.len() < READ_AHEAD
    }

    /// What the client sent while a frame went out: kept up to
    /// [`READ_AHEAD_MAX`], dropped beyond.
    fn take(&mut self, input: Input) -> bool {
        match input {
            Input::Closed => return false,
            Input::Bytes(b) if self.raw.len() + b.len() <= READ_AHEAD_MAX => self.feed(&b),
            Input::Bytes(_) => {}
            Input::Resize(w, h) => self.resize(w, h),
        }
        true
    }

    /// The client's window changed.
    pub fn resize(&mut self, w: u32, h: u32) {
        let (w, h) = clamp_size(w, h);
        self.events.push(Event::Resize(w, h));
        self.dirty = true;
    }

    /// Another session changed the data.
    pub fn data_changed(&mut self) {
        self.events.push(Event::DataChanged);
        self.dirty = true;
    }

    /// Is an escape sequence waiting for its rest?
    pub fn waiting_esc(&self) -> bool {
        self.raw.is_empty() && self.parser.pending()
    }

    /// No more bytes came after a lone ESC: it is the Esc key.
    pub fn esc_pause(&mut self) {
        let events = self.parser.flush();
        self.dirty |= !events.is_empty();
        self.events.extend(events);
    }

    /// Is there something to apply or draw?
    pub fn busy(&self) -> bool {
        self.dirty || !self.raw.is_empty() || !self.events.is_empty()
    }

    /// Parse client bytes until a step's worth of events is waiting.
    fn parse(&mut self) {
        while self.events.len() < EVENTS_PER_STEP && !self.raw.is_empty() {
            let n = self.raw.len().min(PARSE_SLICE);
            let events = self.parser.feed(&self.raw[..n]);
            self.raw.drain(..n);
            self.events.extend(events);
        }
    }

    /// Apply up to a step's worth of events, then draw if the input is
    /// drained or a frame is due.
    pub fn step(&mut self, shared: &Shared) -> Frame {
        self.parse();
        let take = self.events.len().min(EVENTS_PER_STEP);
        let mut events: std::collections::VecDeque<Event> = self.events.drain(..take).collect();
        let mut repo = SharedRepo::new(shared, &self.actor);
        while let Some(ev) = events.pop_front() {
            if let Event::Resize(w, h) = ev {
                self.term.backend_mut().set_size(w, h);
            }
            match self.app.update(ev, &mut repo) {
                Effect::Quit => return self.leave(None),
                Effect::None => {}
                // An owner's driver may carry it out: stop here, the rest
                // of the events wait for its result.
                effect if matches!(self.actor, Actor::Owner { .. }) => {
                    self.events.splice(0..0, events);
                    return Frame {
                        bytes: self.term.backend_mut().take(),
                        quit: false,
                        revision: None,
                        effect: Some(effect),
                    };
                }
                // No editor, no file of the server and one shared board
                // for a served session: say so.
                _ => self.app.local_only(),
            }
        }
        let drained = self.raw.is_empty() && self.events.is_empty();
        let due = self.last_frame.is_none_or(|t| t.elapsed() >= FRAME_EVERY);
        if !(drained || due) {
            return Frame {
                bytes: Vec::new(),
                quit: false,
                revision: None,
                effect: None,
            };
        }
        self.dirty = false;
        self.last_frame = Some(Instant::now());
        let snap = repo.snapshot().clone();
        drop(repo);
        let (app, theme) = (&mut self.app, &self.theme);
        app.sync(&snap.board, snap.revision);
        let drawn = self
            .term
            .draw(|f| crate::ui::draw(f, app, &snap.board, theme));
        if drawn.is_err() {
            return self.leave(None);
        }
        Frame {
            bytes: self.term.backend_mut().take(),
            quit: false,
            revision: Some(snap.revision),
            effect: None,
        }
    }

    /// The driver carried out an effect (or could not: `None`). After the
    /// client's editor the whole screen is drawn again.
    pub fn effect_done(&mut self, done: Option<EffectDone>, shared: &Shared) {
        let mut repo = SharedRepo::new(shared, &self.actor);
        match done {
            None => self.app.local_only(),
            Some(EffectDone::Edited { id, result }) => {
                self.app.external_edit_done(id, result, &mut repo);
                let _ = self.term.clear();
            }
            Some(EffectDone::Exported(result)) => self.app.export_done(result),
            Some(EffectDone::ExportExists(asked)) => self.app.export_exists(asked),
            Some(EffectDone::Switched(result)) => self.app.board_switched(result, &repo),
            Some(EffectDone::Imported { path, bytes }) => self.app.import_read(&path, bytes, &repo),
        }
        self.dirty = true;
    }

    /// The last bytes: the client's terminal as it was, and a line saying
    /// why, if there is one.
    pub fn leave(&mut self, why: Option<&str>) -> Frame {
        let mut bytes = self.term.backend_mut().take();
        bytes.extend_from_slice(LEAVE);
        if let Some(why) = why {
            bytes.extend_from_slice(format!("papi-board: {why}\r\n").as_bytes());
        }
        Frame {
            bytes,
            quit: true,
            revision: None,
            effect: None,
        }
    }
}

/// Run `step` on a blocking thread (it may wait for the store and write to
/// disk).
async fn step(shared: &Arc<Shared>, session: Box<BoardSession>) -> (Box<BoardSession>, Frame) {
    let shared = shared.clone();
    tokio::task::spawn_blocking(move || {
        let mut session = session;
        let frame = session.step(&shared);
        (session, frame)
    })
    .await
    .expect("a session step does not panic")
}

/// Take an effect's result on a blocking thread (it may change the store).
async fn effect_done(
    shared: &Arc<Shared>,
    session: Box<BoardSession>,
    done: Option<EffectDone>,
) -> Box<BoardSession> {
    let shared = shared.clone();
    tokio::task::spawn_blocking(move || {
        let mut session = session;
        session.effect_done(done, &shared);
        session
    })
    .await
    .expect("a session step does not panic")
}

/// Serve one board until the client leaves or quits, the user is let in no
/// more, or the server stops. Returns the exit status to give the client,
/// or `None` when it is gone.
pub async fn run<T: Transport>(
    shared: Arc<Shared>,
    actor: Actor,
    look: Look,
    io: &mut T,
    size: (u32, u32),
    mut shutdown: watch::Receiver<bool>,
) -> Option<u32> {
    let lang = look.lang;
    let (w, h) = clamp_size(size.0, size.1);
    let Ok(session) = BoardSession::new(actor.clone(), look, (w, h)) else {
        return Some(1);
    };
    let mut session = Box::new(session);
    let mut news = shared.subscribe();
    let mut users = shared.watch_users();
    loop {
        let (busy, room, esc) = (session.busy(), session.has_room(), session.waiting_esc());
        tokio::select! {
            biased;
            input = io.recv(), if room => match input {
                Input::Closed => return None,
                Input::Bytes(b) => session.feed(&b),
                Input::Resize(w, h) => session.resize(w, h),
            },
            _ = shutdown.changed() => {
                io.send(session.leave(None).bytes).await;
                return Some(0);
            }
            _ = users.changed() => {
                if !shared.admits(&actor) {
                    let bye = session.leave(Some(S::SrvRevoked.t(lang))).bytes;
                    io.send(bye).await;
                    return Some(1);
                }
            }
            changed = news.changed() => {
                if changed.is_ok() {
                    session.data_changed();
                }
            }
            _ = tokio::time::sleep(ESC_PAUSE), if esc && !busy => session.esc_pause(),
            _ = std::future::ready(()), if busy => {
                if io.gone() {
                    return None;
                }
                // Take the news now: a change after this point wakes us again.
                news.borrow_and_update();
                let (s, frame) = step(&shared, session).await;
                session = s;
                let mut here = true;
                let sent = io
                    .send_reading(frame.bytes, &mut |input| here &= session.take(input))
                    .await;
                if !(sent && here) {
                    return None;
                }
                if frame.quit {
                    return Some(0);
                }
                if let Some(effect) = frame.effect {
                    let done = io.effect(effect).await;
                    session = effect_done(&shared, session, done).await;
                    continue;
                }
                // A change that landed after the frame's snapshot brings
                // another round.
                if let Some(shown) = frame.revision
                    && *news.borrow_and_update() != shown
                {
                    session.data_changed();
                }
            }
        }
    }
}
