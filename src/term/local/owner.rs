//! The owner's side of the socket: every client is checked (same OS user),
//! says what it wants (`proto::Hello`), and gets a board session — the
//! `hub` core SSH sessions use, over this socket — or one command, run on
//! a blocking thread with its output and files going through the client.
//!
//! A background owner ends with its last client (`close_when_alone`);
//! `serve` ends on a signal. Either way the database is closed before the
//! owner lets go of `start.lock` (see the module comment of `local`).

use std::collections::VecDeque;
use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::net::UnixStream;
use tokio::net::unix::OwnedWriteHalf;
use tokio::sync::{mpsc, watch};

use super::files::{ClientFiles, MsgWriter, Remote};
use super::proto::{self, Hello, Msg, Tag};
use super::{SOCKET, StartLock};
use crate::app::Effect;
use crate::app::overlay::export_period::ReportAsked;
use crate::term::hub::board::{self, EffectDone, Input, Transport};
use crate::term::hub::{Actor, Look, Shared};

/// A client must say what it wants within this time.
const HELLO_DEADLINE: Duration = Duration::from_secs(30);
/// Messages read ahead of a board session.
const READ_AHEAD: usize = 64;

/// Where a command run for a client writes, and the client's files.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub files: &'a mut dyn ClientFiles,
}

/// One command for a client; returns its exit status.
pub type CommandFn = Box<dyn FnOnce(&Arc<Shared>, &mut Io) -> u32 + Send>;

/// What a client gets, decided by the command-line layer from its hello.
pub enum Start {
    Board {
        actor: Actor,
        look: Look,
    },
    Command(CommandFn),
    /// Not served: one plain line in the client's language.
    Refuse(String),
}

/// Whether the client is the only one (then it may, say, switch plans).
#[derive(Debug, Clone, Copy)]
pub struct Company {
    pub alone: bool,
}

pub type Admit = Arc<dyn Fn(&Hello, &Arc<Shared>, Company) -> Start + Send + Sync>;
/// The message for a client when the database could not be opened.
pub type Refusal = Arc<dyn Fn(&Hello) -> String + Send + Sync>;

/// An owner: the database (or why it could not be opened) and how clients
/// are served.
pub struct Owner {
    pub db: PathBuf,
    pub opened: Result<Arc<Shared>, Refusal>,
    pub admit: Admit,
    /// The OS user every client must be.
    pub uid: u32,
}

/// How many clients are connected, and whether the owner is closing (then
/// no one more is let in).
struct Gate {
    state: std::sync::Mutex<(usize, bool)>,
    count: watch::Sender<usize>,
}

impl Gate {
    fn new() -> Gate {
        Gate {
            state: std::sync::Mutex::new((0, false)),
            count: watch::channel(0).0,
        }
    }
    fn enter(&self) -> bool {
        let mut s = self.state.lock().expect("the gate's lock");
        if s.1 {
            return false;
        }
        s.0 += 1;
        self.count.send_replace(s.0);
        true
    }
    fn leave(&self) {
        let mut s = self.state.lock().expect("the gate's lock");
        s.0 -= 1;
        self.count.send_replace(s.0);
    }
    fn clients(&self) -> usize {
        self.state.lock().expect("the gate's lock").0
    }
    /// Close if no client is connected.
    fn close(&self) -> bool {
        let mut s = self.state.lock().expect("the gate's lock");
        s.1 = s.0 == 0;
        s.1
    }
    async fn empty(&self) {
        let mut rx = self.count.subscribe();
        let _ = rx.wait_for(|n| *n == 0).await;
    }
}

/// When the owner ends.
pub enum Ends<F> {
    /// With its last client (a background owner); or on `F`, after its
    /// clients have been told.
    WithLastClient(F),
    /// On `F` only (`serve`).
    On(F),
}

/// Serve clients on `listener` until the owner ends. Returns `start.lock`
/// held when the owner closes for want of clients: the caller closes the
/// database, then lets go of it.
pub async fn run<F: Future<Output = ()>>(
    owner: Arc<Owner>,
    listener: tokio::net::UnixListener,
    ends: Ends<F>,
    shutdown: watch::Sender<bool>,
) -> Option<StartLock> {
    let gate = Arc::new(Gate::new());
    let mut clients = tokio::task::JoinSet::new();
    let (stop, last) = match ends {
        Ends::WithLastClient(stop) => (stop, true),
        Ends::On(stop) => (stop, false),
    };
    tokio::pin!(stop);
    let closer = close_when_alone(owner.clone(), gate.clone());
    tokio::pin!(closer);
    let mut stopped = false;
    let lock = loop {
        tokio::select! {
            lock = &mut closer, if last => break lock,
            _ = &mut stop, if !stopped => {
                // Every session says goodbye; a background owner then
                // closes as its clients leave.
                stopped = true;
                let _ = shutdown.send(true);
                if !last {
                    break None;
                }
            }
            Some(_) = clients.join_next(), if !clients.is_empty() => {}
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                if !gate.enter() {
                    continue;
                }
                let (owner, gate, shutdown) = (owner.clone(), gate.clone(), shutdown.subscribe());
                clients.spawn(async move {
                    serve_client(&owner, stream, gate.clone(), shutdown).await;
                    gate.leave();
                });
            }
        }
    };
    drop(listener);
    if lock.is_some() {
        let _ = std::fs::remove_file(owner.db.join(SOCKET));
    }
    while clients.join_next().await.is_some() {}
    lock
}

/// Wait until no client is left and no daily backup is being written, then
/// take `start.lock` and close the gate; if a client came meanwhile, wait
/// again.
async fn close_when_alone(owner: Arc<Owner>, gate: Arc<Gate>) -> Option<StartLock> {
    loop {
        gate.empty().await;
        if let Ok(shared) = &owner.opened
            && let Some(done) = shared.with(|s| s.backup_done())
        {
            let _ = tokio::task::spawn_blocking(move || done.wait()).await;
            continue;
        }
        let db = owner.db.clone();
        let lock = tokio::task::spawn_blocking(move || StartLock::acquire(&db))
            .await
            .ok()?
            .ok()?;
        if gate.close() {
            return Some(lock);
        }
    }
}

/// One client, from its hello to its end.
async fn serve_client(
    owner: &Owner,
    mut stream: UnixStream,
    gate: Arc<Gate>,
    shutdown: watch::Receiver<bool>,
) {
    let refuse = |m: String| Msg::new(Tag::Refused, m);
    if !stream.peer_cred().is_ok_and(|c| c.uid() == owner.uid) {
        let m = crate::i18n::S::LocalOtherUser;
        let line = format!(
            "{} / {}",
            m.t(crate::domain::Lang::Vi),
            m.t(crate::domain::Lang::En)
        );
        let _ = proto::write_async(&mut stream, &refuse(line)).await;
        return;
    }
    let hello = match tokio::time::timeout(HELLO_DEADLINE, proto::read_async(&mut stream)).await {
        Ok(Ok(Some(m))) if m.tag == Tag::Hello => m.parse::<Hello>(),
        _ => return,
    };
    let Ok(hello) = hello else { return };
    if hello.version != proto::VERSION {
        let line = format!(
            "papi-board: protocol {} ≠ {}",
            hello.version,
            proto::VERSION
        );
        let _ = proto::write_async(&mut stream, &refuse(line)).await;
        return;
    }
    let shared = match &owner.opened {
        Ok(s) => s.clone(),
        Err(why) => {
            let _ = proto::write_async(&mut stream, &refuse(why(&hello))).await;
            return;
        }
    };
    let company = Company {
        alone: gate.clients() == 1,
    };
    match (owner.admit)(&hello, &shared, company) {
        Start::Refuse(m) => {
            let _ = proto::write_async(&mut stream, &refuse(m)).await;
        }
        Start::Board { actor, look } => {
            if proto::write_async(&mut stream, &Msg::new(Tag::Welcome, Vec::new()))
                .await
                .is_ok()
            {
                let session = Session {
                    actor,
                    look,
                    size: hello.size,
                    gate,
                };
                run_board(shared, session, stream, shutdown).await;
            }
        }
        Start::Command(f) => {
            if proto::write_async(&mut stream, &Msg::new(Tag::Welcome, Vec::new()))
                .await
                .is_ok()
            {
                run_command(shared, f, stream).await;
            }
        }
    }
}

/// A command on a blocking thread, speaking to the client directly.
async fn run_command(shared: Arc<Shared>, f: CommandFn, stream: UnixStream) {
    let Ok(stream) = stream.into_std() else {
        return;
    };
    let _ = tokio::task::spawn_blocking(move || {
        if stream.set_nonblocking(false).is_err() {
            return;
        }
        let code = {
            let mut out = MsgWriter::new(&stream, Tag::Out);
            let mut err = MsgWriter::new(&stream, Tag::Err);
            let mut files = Remote { stream: &stream };
            let mut io = Io {
                out: &mut out,
                err: &mut err,
                files: &mut files,
            };
            f(&shared, &mut io)
        };
        let _ = proto::write(&mut &stream, &Msg::new(Tag::Exit, code.to_be_bytes()));
        // The answer is out: today's backup, if due, now (store::autobackup).
        shared.with(|s| s.start_daily_backup());
    })
    .await;
}

/// Who a board session is for and how it looks.
struct Session {
    actor: Actor,
    look: Look,
    size: (u16, u16),
    gate: Arc<Gate>,
}

/// A board session over the socket.
async fn run_board(
    shared: Arc<Shared>,
    s: Session,
    stream: UnixStream,
    shutdown: watch::Receiver<bool>,
) {
    let (mut read, write) = stream.into_split();
    let (tx, rx) = mpsc::channel(READ_AHEAD);
    let gone = Arc::new(AtomicBool::new(false));
    let reader = {
        let gone = gone.clone();
        tokio::spawn(async move {
            while let Ok(Some(m)) = proto::read_async(&mut read).await {
                if tx.send(m).await.is_err() {
                    break;
                }
            }
            gone.store(true, Ordering::Relaxed);
        })
    };
    let mut sock = Sock {
        rx,
        write,
        stash: VecDeque::new(),
        gone,
        shared: shared.clone(),
        first: true,
        gate: s.gate,
        author: s.actor.name().to_string(),
        lang: s.look.lang,
        today: s.look.today,
    };
    let size = (u32::from(s.size.0), u32::from(s.size.1));
    let code = board::run(shared, s.actor, s.look, &mut sock, size, shutdown).await;
    if let Some(code) = code {
        let _ = proto::write_async(&mut sock.write, &Msg::new(Tag::Exit, code.to_be_bytes())).await;
    }
    reader.abort();
}

/// A board session's side of the socket.
struct Sock {
    rx: mpsc::Receiver<Msg>,
    write: OwnedWriteHalf,
    /// Messages read while waiting for an answer, for later.
    stash: VecDeque<Msg>,
    gone: Arc<AtomicBool>,
    shared: Arc<Shared>,
    /// The first frame is yet to be sent.
    first: bool,
    gate: Arc<Gate>,
    author: String,
    lang: crate::domain::Lang,
    today: chrono::NaiveDate,
}

impl Sock {
    /// The next message the client sends that is an answer (`tag`);
    /// keys and window changes meanwhile are kept for the session.
    async fn answer(&mut self, tag: Tag) -> Option<Msg> {
        self.answer_of(&[tag]).await
    }

    /// `answer`, for any of `tags`.
    async fn answer_of(&mut self, tags: &[Tag]) -> Option<Msg> {
        loop {
            let m = self.rx.recv().await?;
            if tags.contains(&m.tag) {
                return Some(m);
            }
            self.stash.push_back(m);
        }
    }

    /// A plan or table to import from the board, read by the client where
    /// it is (`None`: the client is gone).
    async fn import(&mut self, path: String) -> Option<EffectDone> {
        let ask = Msg::new(Tag::ReadFile, path.as_bytes());
        if !self.send_msg(&ask).await {
            return None;
        }
        let (mut bytes, mut too_big) = (Vec::new(), false);
        loop {
            let m = self.answer_of(&[Tag::FileChunk, Tag::FileEnd]).await?;
            if m.tag == Tag::FileEnd {
                let read = match m.as_outcome() {
                    Ok(_) if too_big => {
                        Err(std::io::Error::from(std::io::ErrorKind::FileTooLarge).to_string())
                    }
                    Ok(_) => Ok(bytes),
                    Err(e) => Err(e),
                };
                return Some(EffectDone::Imported { path, bytes: read });
            }
            // What is over the limit is read to its end and dropped.
            too_big |= bytes.len() + m.body.len() > super::files::MAX_READ;
            if !too_big {
                bytes.extend_from_slice(&m.body);
            }
        }
    }

    async fn send_msg(&mut self, m: &Msg) -> bool {
        proto::write_async(&mut self.write, m).await.is_ok()
    }

    /// The client's editor, on the client's terminal.
    async fn edit(&mut self, id: u64, text: String) -> Option<EffectDone> {
        let ask = Msg::json(Tag::Edit, &proto::EditText { id, text });
        if !self.send_msg(&ask).await {
            return None;
        }
        let m = self.answer(Tag::Edited).await?;
        let result = m
            .as_outcome()
            .map(|t| String::from_utf8_lossy(t).into_owned());
        Some(EffectDone::Edited { id, result })
    }

    /// The report of the client's view, written where the client is.
    async fn export(&mut self, asked: ReportAsked, overwrite: bool) -> Option<EffectDone> {
        use crate::transfer::export::{ExportError, ExportFormat, render};
        let (lang, today) = (self.lang, self.today);
        let path = asked.path.clone();
        let file = std::path::PathBuf::from(&path);
        let Some(format) = ExportFormat::of_path(&file) else {
            let e = ExportError::UnknownFormat(file).message(lang);
            return Some(EffectDone::Exported(Err(e)));
        };
        let filter = crate::transfer::report_table::ReportFilter {
            area: asked.area,
            unit: asked.unit.clone(),
            period: asked.period,
        };
        let shared = self.shared.clone();
        let made = tokio::task::spawn_blocking(move || {
            render(&shared.snapshot().board, format, &filter, today, lang)
        })
        .await
        .ok()?;
        let bytes = match made {
            Ok(b) => b,
            Err(e) => return Some(EffectDone::Exported(Err(e.message(lang)))),
        };
        let open = proto::WriteFile {
            path: file.clone(),
            private: false,
            keep: !overwrite,
        };
        let mut ok = self.send_msg(&Msg::json(Tag::WriteOpen, &open)).await;
        for piece in bytes.chunks(proto::CHUNK) {
            ok = ok && self.send_msg(&Msg::new(Tag::WriteChunk, piece)).await;
        }
        if !(ok && self.send_msg(&Msg::new(Tag::WriteClose, Vec::new())).await) {
            return None;
        }
        let m = self.answer(Tag::FileEnd).await?;
        Some(match m.as_outcome() {
            Ok(_) => EffectDone::Exported(Ok(path)),
            // The file is there: the board asks whether to write over it.
            Err(e) if e == proto::EXISTS => EffectDone::ExportExists(asked),
            Err(e) => EffectDone::Exported(Err(ExportError::Io(file, e).message(lang))),
        })
    }

    /// Another plan (or next year's, made by rollover): only from the one
    /// window, since every window shows the owner's one open plan.
    async fn switch(&mut self, to: Effect) -> Option<EffectDone> {
        let lang = self.lang;
        if self.gate.clients() != 1 {
            let why = crate::i18n::S::LocalNotAlone.t(lang).to_string();
            return Some(EffectDone::Switched(Err(why)));
        }
        let (shared, author) = (self.shared.clone(), self.author.clone());
        let result = tokio::task::spawn_blocking(move || {
            shared.with(|s| match to {
                Effect::SwitchBoard(id) => s.switch_board(id),
                Effect::Rollover(year) => {
                    let ctx = crate::domain::board::Ctx {
                        now: chrono::Utc::now().timestamp_millis(),
                        author,
                    };
                    s.rollover(year, &ctx, false).map(|_| ())
                }
                _ => Ok(()),
            })
        })
        .await
        .ok()?;
        Some(EffectDone::Switched(result.map_err(|e| e.message(lang))))
    }
}

impl Transport for Sock {
    async fn recv(&mut self) -> Input {
        loop {
            let m = match self.stash.pop_front() {
                Some(m) => m,
                None => match self.rx.recv().await {
                    Some(m) => m,
                    None => return Input::Closed,
                },
            };
            match m.tag {
                Tag::Input => return Input::Bytes(m.body),
                Tag::Resize if m.body.len() == 4 => {
                    let w = u16::from_be_bytes([m.body[0], m.body[1]]);
                    let h = u16::from_be_bytes([m.body[2], m.body[3]]);
                    return Input::Resize(w.into(), h.into());
                }
                _ => {}
            }
        }
    }

    async fn send(&mut self, bytes: Vec<u8>) -> bool {
        let sent = proto::write_async(&mut self.write, &Msg::new(Tag::Out, bytes))
            .await
            .is_ok();
        if sent && std::mem::take(&mut self.first) {
            // The first frame is on the client's screen: today's backup,
            // if due, is written from now on (store::autobackup).
            let shared = self.shared.clone();
            tokio::task::spawn_blocking(move || shared.with(|s| s.start_daily_backup()));
        }
        sent
    }

    fn gone(&self) -> bool {
        self.gone.load(Ordering::Relaxed)
    }

    async fn effect(&mut self, effect: Effect) -> Option<EffectDone> {
        match effect {
            Effect::EditExternal { id, text } => self.edit(id, text).await,
            Effect::Export {
                path,
                area,
                unit,
                period,
                overwrite,
            } => {
                let asked = ReportAsked {
                    path,
                    area,
                    unit,
                    period,
                };
                self.export(asked, overwrite).await
            }
            to @ (Effect::SwitchBoard(_) | Effect::Rollover(_)) => self.switch(to).await,
            Effect::Import { path } => self.import(path).await,
            Effect::None | Effect::Quit => None,
        }
    }
}
