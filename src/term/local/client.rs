//! The client's side: find the owner of a database or start one (see the
//! module comment of `local` for why this cannot race), say what is
//! wanted, then either relay this terminal to a board session or print a
//! command's output — serving, meanwhile, the owner's requests for this
//! user's files and editor.

use std::io::Write;
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::files;
use super::proto::{self, EditText, Hello, Msg, Tag};
use super::{LOG, StartLock, socket_address};

/// A connection the owner has accepted.
pub struct Conn {
    pub stream: UnixStream,
    /// The owner this program started, if it did.
    pub started: Option<Child>,
}

/// What the owner answered.
pub enum Attached {
    Served(Conn),
    /// Not served, and why (one line, in the user's language).
    Refused(String),
}

/// Connect to the owner of `db` and say hello; `None` when no owner
/// answers (none runs, or it is closing).
fn try_hello(db: &Path, hello: &Hello) -> std::io::Result<Option<Attached>> {
    let address = match socket_address(db) {
        Ok(a) => a,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut stream = match UnixStream::connect(&address.path) {
        Ok(s) => s,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    // A refusal may come before the hello is read (another user's
    // program is refused at once, and the owner hangs up): it is read
    // even when the hello could not be written.
    let _ = proto::write(&mut stream, &Msg::json(Tag::Hello, hello));
    Ok(match proto::read(&mut stream) {
        Ok(Some(m)) if m.tag == Tag::Welcome => Some(Attached::Served(Conn {
            stream,
            started: None,
        })),
        Ok(Some(m)) if m.tag == Tag::Refused => Some(Attached::Refused(m.text())),
        // Dropped unanswered: the owner is closing.
        _ => None,
    })
}

/// Be served by the owner of `db`, starting it if none runs.
pub fn attach(db: &Path, hello: &Hello) -> std::io::Result<Attached> {
    let fresh = !db.exists();
    if let Some(a) = try_hello(db, hello)? {
        return Ok(a);
    }
    // One program at a time from here; a closing owner holds the lock
    // until it has gone.
    let _lock = StartLock::acquire(db)?;
    if let Some(a) = try_hello(db, hello)? {
        return Ok(a);
    }
    let started = start_owner(db, fresh)?;
    match try_hello(db, hello)? {
        Some(Attached::Served(mut conn)) => {
            conn.started = Some(started);
            Ok(Attached::Served(conn))
        }
        Some(refused) => Ok(refused),
        None => Err(std::io::Error::other(format!(
            "the owner did not start; see {}",
            db.join(LOG).display()
        ))),
    }
}

/// Start the owner of `db` in the background, listening on a new socket
/// (a dead owner's is replaced): this program binds it and hands it over
/// as the owner's standard input, so it accepts connections from now on.
fn start_owner(db: &Path, fresh: bool) -> std::io::Result<Child> {
    let listener = super::bind(db)?;
    let log = crate::store::private::create(&db.join(LOG))?;
    let mut cmd = Command::new(std::env::current_exe()?);
    // The owner's options are these alone: the clients bring their own.
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("PAPI_BOARD_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("--db").arg(db).arg("own");
    if fresh {
        cmd.arg("--fresh");
    }
    use std::os::unix::process::CommandExt;
    cmd.stdin(Stdio::from(OwnedFd::from(listener)))
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        // Its own process group: closing this terminal does not reach it.
        .process_group(0);
    cmd.spawn()
}

/// The owner is gone without a word (killed): what to say.
pub struct Lost;

/// Run a command: print what the owner sends, serve its file requests,
/// and return the exit status (`Err(Lost)` if the owner went away).
pub fn command(conn: Conn) -> Result<u32, Lost> {
    let mut stream = &conn.stream;
    let mut writing: files::Writing = None;
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
    loop {
        let m = match proto::read(&mut stream) {
            Ok(Some(m)) => m,
            _ => return Err(Lost),
        };
        match m.tag {
            Tag::Out => {
                // A reader that went away (`list | head`) ends us here.
                let _ = out.write_all(&m.body);
            }
            Tag::Err => {
                let _ = out.flush();
                let _ = err.write_all(&m.body);
            }
            Tag::Exit => {
                let _ = out.flush();
                let code = m
                    .body
                    .get(..4)
                    .map_or(1, |b| u32::from_be_bytes(b.try_into().expect("four bytes")));
                reap(conn.started);
                return Ok(code);
            }
            _ => {
                let mut send = |a: Msg| proto::write(&mut stream, &a);
                if files::serve(&m, &mut writing, &mut send).is_err() {
                    return Err(Lost);
                }
            }
        }
    }
}

/// The owner this program started lives on; if it has already ended, its
/// exit is collected.
fn reap(started: Option<Child>) {
    if let Some(mut c) = started {
        let _ = c.try_wait();
    }
}

/// Relay this terminal to a board session until it ends; returns the exit
/// status (`Err(Lost)` if the owner went away).
pub fn board(conn: Conn) -> Result<u32, Lost> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|_| Lost)?;
    crate::term::install_panic_restore();
    let started = conn.started;
    let end = runtime.block_on(relay(conn.stream));
    drop(runtime);
    reap(started);
    match end {
        // The owner's last frame gave the terminal back already.
        End::Exit(code) => {
            let _ = crossterm::terminal::disable_raw_mode();
            Ok(code)
        }
        End::Signal(code) => {
            crate::term::restore_terminal();
            Ok(code)
        }
        End::Lost => {
            crate::term::restore_terminal();
            Err(Lost)
        }
    }
}

fn lost<E>(_: E) -> End {
    End::Lost
}

/// How a relay ended.
enum End {
    /// The owner said the session is over.
    Exit(u32),
    /// This program was told to stop (the terminal closed).
    Signal(u32),
    Lost,
}

/// The relay itself: keys and window changes to the owner, frames to the
/// terminal, the editor and files when the owner asks.
async fn relay(stream: UnixStream) -> End {
    match relay_until(stream).await {
        Ok(end) | Err(end) => end,
    }
}

/// One message of the owner's during a board session: frames to the
/// terminal, the session's end, the editor or a file to serve.
async fn from_owner(
    m: Msg,
    write: &mut tokio::net::unix::OwnedWriteHalf,
    writing: &mut files::Writing,
    test_panic: bool,
) -> Result<Option<End>, End> {
    match m.tag {
        Tag::Out => {
            let mut out = std::io::stdout();
            let _ = out.write_all(&m.body);
            let _ = out.flush();
            if test_panic {
                panic!(
                    "PAPI_BOARD_TEST_PANIC: a panic on purpose, to test that the terminal is restored"
                );
            }
        }
        Tag::Exit => {
            return Ok(Some(End::Exit(m.body.get(..4).map_or(1, |b| {
                u32::from_be_bytes(b.try_into().expect("four bytes"))
            }))));
        }
        Tag::Edit => {
            let answer = edit(&m);
            proto::write_async(write, &answer).await.map_err(lost)?;
        }
        _ => {
            let mut answers = Vec::new();
            let _ = files::serve(&m, writing, &mut |a| {
                answers.push(a);
                Ok(())
            });
            for a in answers {
                proto::write_async(write, &a).await.map_err(lost)?;
            }
        }
    }
    Ok(None)
}

async fn relay_until(stream: UnixStream) -> Result<End, End> {
    use std::os::fd::AsFd;
    use tokio::signal::unix::{SignalKind, signal};
    stream.set_nonblocking(true).map_err(lost)?;
    let stream = tokio::net::UnixStream::from_std(stream).map_err(lost)?;
    let (mut read, mut write) = stream.into_split();
    // The terminal, read without a buffer in between: what readiness says
    // is there is read at once, and nothing is kept back from the editor.
    let tty = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map_err(lost)?;
    // SAFETY: the AsyncFd owns the duplicated descriptor (a File): it is
    // neither closed nor replaced while registered.
    let stdin =
        unsafe { tokio::io::unix::AsyncFd::register(std::fs::File::from(tty)) }.map_err(lost)?;
    crossterm::terminal::enable_raw_mode().map_err(lost)?;
    let (Ok(mut winch), Ok(mut term), Ok(mut hup)) = (
        signal(SignalKind::window_change()),
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        return Err(End::Lost);
    };
    let mut writing: files::Writing = None;
    let mut buf = vec![0u8; 4096];
    // Test hook (docs/reliability.md), read once: panic after the first
    // frame, to check that a panic gives the terminal back.
    let test_panic = std::env::var("PAPI_BOARD_TEST_PANIC").is_ok_and(|v| v == "after-first-frame");
    loop {
        tokio::select! {
            m = proto::read_async(&mut read) => {
                let Ok(Some(m)) = m else { return Err(End::Lost) };
                if let Some(end) = from_owner(m, &mut write, &mut writing, test_panic).await? {
                    return Ok(end);
                }
            }
            ready = stdin.readable() => {
                let Ok(mut ready) = ready else { return Err(End::Lost) };
                // Ready: one read returns what the terminal has, at once.
                let n = match std::io::Read::read(&mut ready.get_inner(), &mut buf) {
                    Ok(0) | Err(_) => return Err(End::Lost),
                    Ok(n) => n,
                };
                ready.clear_ready();
                let m = Msg::new(Tag::Input, buf[..n].to_vec());
                proto::write_async(&mut write, &m).await.map_err(lost)?;
            }
            _ = winch.recv() => {
                if let Ok((w, h)) = crossterm::terminal::size() {
                    let mut body = w.to_be_bytes().to_vec();
                    body.extend_from_slice(&h.to_be_bytes());
                    let m = Msg::new(Tag::Resize, body);
                    proto::write_async(&mut write, &m).await.map_err(lost)?;
                }
            }
            _ = term.recv() => return Ok(End::Signal(143)),
            _ = hup.recv() => return Ok(End::Signal(129)),
        }
    }
}

/// The owner asks for a text to be edited in this user's editor: leave
/// the board's screen, run the editor, come back.
fn edit(m: &Msg) -> Msg {
    let result = m
        .parse::<EditText>()
        .map_err(|e| e.to_string())
        .and_then(|e| crate::term::edit_externally(&e.text, e.id));
    match &result {
        Ok(text) => Msg::outcome(Tag::Edited, Ok(text.as_bytes())),
        Err(e) => Msg::outcome(Tag::Edited, Err(e)),
    }
}
