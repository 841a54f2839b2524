//! One SSH session channel, in one task: it waits for the request that
//! chooses what it is — `shell` (after an optional `pty-req`) starts a
//! board, `exec` runs one command, a subsystem (`sftp`) is refused with a
//! message — and then serves it through `term::hub`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use russh::server::Msg;
use russh::{ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::sync::watch;

use crate::i18n::S;
use crate::term::hub::board::{self, Input, Transport};
use crate::term::hub::exec::{self, Sink, Stream};
use crate::term::hub::{Actor, Shared};

/// A client that accepts no output for this long is dropped.
const SEND_TIMEOUT: Duration = Duration::from_secs(60);
/// A channel must say what it is for within this time.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(20);

/// The two halves of a channel, as a `hub` transport.
struct Io {
    read: ChannelReadHalf,
    write: ChannelWriteHalf<Msg>,
    /// Set when the connection has ended (see `server`).
    gone: Arc<AtomicBool>,
}

impl Io {
    async fn send_on(&self, stream: Stream, bytes: Vec<u8>) -> bool {
        Io::send_on_half(&self.write, stream, bytes).await
    }

    async fn send_on_half(write: &ChannelWriteHalf<Msg>, stream: Stream, bytes: Vec<u8>) -> bool {
        if bytes.is_empty() {
            return true;
        }
        let sent = match stream {
            Stream::Stdout => tokio::time::timeout(SEND_TIMEOUT, write.data_bytes(bytes)).await,
            Stream::Stderr => {
                tokio::time::timeout(SEND_TIMEOUT, write.extended_data_bytes(1, bytes)).await
            }
        };
        matches!(sent, Ok(Ok(())))
    }
}

/// What a channel message means to a board, if anything.
fn input(msg: Option<ChannelMsg>) -> Option<Input> {
    match msg {
        None | Some(ChannelMsg::Eof) | Some(ChannelMsg::Close) => Some(Input::Closed),
        Some(ChannelMsg::Data { data }) => Some(Input::Bytes(data.to_vec())),
        Some(ChannelMsg::WindowChange {
            col_width,
            row_height,
            ..
        }) => Some(Input::Resize(col_width, row_height)),
        Some(_) => None,
    }
}

impl Transport for Io {
    async fn recv(&mut self) -> Input {
        loop {
            if let Some(input) = input(self.read.wait().await) {
                return input;
            }
        }
    }
    async fn send(&mut self, bytes: Vec<u8>) -> bool {
        self.send_on(Stream::Stdout, bytes).await
    }
    /// russh hands a connection's incoming messages to its channels one by
    /// one and waits while a channel's queue is full: the channel is read
    /// while its frame goes out, or the two would wait for each other.
    async fn send_reading(&mut self, bytes: Vec<u8>, take: &mut (dyn FnMut(Input) + Send)) -> bool {
        let Io { read, write, .. } = self;
        let sending = Io::send_on_half(write, Stream::Stdout, bytes);
        tokio::pin!(sending);
        let mut open = true;
        loop {
            tokio::select! {
                sent = &mut sending => return sent,
                msg = read.wait(), if open => {
                    if let Some(i) = input(msg) {
                        open = !matches!(i, Input::Closed);
                        take(i);
                    }
                }
            }
        }
    }
    fn gone(&self) -> bool {
        self.gone.load(Ordering::Relaxed)
    }
}

impl Sink for Io {
    /// While a chunk goes out, what the client sends is read and dropped
    /// (a command reads no input), so the connection never stalls on it;
    /// its leaving ends the command.
    async fn send(&mut self, stream: Stream, bytes: Vec<u8>) -> bool {
        let Io { read, write, .. } = self;
        let io = Io::send_on_half(write, stream, bytes);
        tokio::pin!(io);
        loop {
            tokio::select! {
                sent = &mut io => return sent,
                msg = read.wait() => {
                    if matches!(msg, None | Some(ChannelMsg::Close)) {
                        return false;
                    }
                }
            }
        }
    }
}

/// What the channel was asked to be.
enum Request {
    Board((u32, u32)),
    Command(Vec<String>),
    Subsystem(String),
}

/// The request that chooses what the channel is, or `None` when the
/// client leaves, says nothing in time, or the server stops first.
async fn request(
    read: &mut ChannelReadHalf,
    shutdown: &mut watch::Receiver<bool>,
) -> Option<Request> {
    let mut size = (0, 0);
    let deadline = tokio::time::sleep(REQUEST_DEADLINE);
    tokio::pin!(deadline);
    loop {
        let msg = tokio::select! {
            msg = read.wait() => msg,
            _ = &mut deadline => return None,
            _ = shutdown.changed() => return None,
        };
        match msg {
            None | Some(ChannelMsg::Eof) | Some(ChannelMsg::Close) => return None,
            Some(ChannelMsg::RequestPty {
                col_width,
                row_height,
                ..
            })
            | Some(ChannelMsg::WindowChange {
                col_width,
                row_height,
                ..
            }) => size = (col_width, row_height),
            Some(ChannelMsg::RequestShell { .. }) => return Some(Request::Board(size)),
            Some(ChannelMsg::Exec { command, .. }) => {
                let line = String::from_utf8_lossy(&command);
                return Some(Request::Command(split_words(&line)));
            }
            Some(ChannelMsg::RequestSubsystem { name, .. }) => {
                return Some(Request::Subsystem(name));
            }
            Some(_) => {}
        }
    }
}

/// Serve one channel until the client leaves, quits, or the server stops.
/// `gone` is set when the connection has ended.
pub async fn run(
    shared: Arc<Shared>,
    actor: Actor,
    channel: russh::Channel<Msg>,
    gone: Arc<AtomicBool>,
    mut shutdown: watch::Receiver<bool>,
) {
    let (read, write) = channel.split();
    let mut io = Io { read, write, gone };
    let Some(request) = request(&mut io.read, &mut shutdown).await else {
        let _ = io.write.close().await;
        return;
    };
    let status = match request {
        Request::Board(size) => {
            let look = shared.look();
            board::run(shared, actor, look, &mut io, size, shutdown).await
        }
        Request::Command(words) => exec::run(shared, actor, words, &mut io, shutdown).await,
        Request::Subsystem(name) => {
            let lang = shared.settings.lang;
            let why = format!("papi-board: {}: {name}\n", S::SrvNoSubsystem.t(lang));
            io.send_on(Stream::Stderr, why.into_bytes()).await;
            Some(1)
        }
    };
    if let Some(code) = status {
        let _ = io.write.exit_status(code).await;
        let _ = io.write.eof().await;
    }
    let _ = io.write.close().await;
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
