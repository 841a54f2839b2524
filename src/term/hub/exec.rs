//! One non-interactive command (`ssh host status`), run for its actor on a
//! blocking thread. Its output is never held whole: it goes out in chunks
//! of [`CHUNK`] bytes through a queue of [`CHUNKS_AHEAD`], so a command
//! writing faster than its client reads waits for it, and one whose client
//! left (or whose user was removed) fails its next write. At most
//! `COMMANDS_AT_ONCE` commands run at once.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::{mpsc, watch};

use super::{Actor, Shared};
use crate::i18n::S;

/// Output goes out in pieces of this size…
pub const CHUNK: usize = 32 * 1024;
/// …with at most this many waiting for the client.
pub const CHUNKS_AHEAD: usize = 4;

/// Which of the command's outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Where a command's output goes.
pub trait Sink: Send {
    /// Send with the transport's flow control; false when the client is gone.
    fn send(&mut self, stream: Stream, bytes: Vec<u8>) -> impl Future<Output = bool> + Send;
}

/// A writer for a command on a blocking thread: full chunks are handed to
/// the session's task, waiting while the queue is full.
pub struct ChunkWriter {
    tx: mpsc::Sender<(Stream, Vec<u8>)>,
    stream: Stream,
    buf: Vec<u8>,
    broken: bool,
}

impl ChunkWriter {
    pub fn new(tx: mpsc::Sender<(Stream, Vec<u8>)>, stream: Stream) -> ChunkWriter {
        ChunkWriter {
            tx,
            stream,
            buf: Vec::new(),
            broken: false,
        }
    }

    fn hand_over(&mut self) -> std::io::Result<()> {
        if self.broken {
            self.buf.clear();
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.buf);
        if self.tx.blocking_send((self.stream, chunk)).is_err() {
            self.broken = true;
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        Ok(())
    }
}

impl std::io::Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.broken {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.hand_over()?;
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.hand_over()
    }
}

impl Drop for ChunkWriter {
    fn drop(&mut self) {
        let _ = self.hand_over();
    }
}

/// Run `words` for `actor`, streaming the output into `out`. Returns the
/// exit status, or `None` when the client is gone.
pub async fn run<T: Sink>(
    shared: Arc<Shared>,
    actor: Actor,
    words: Vec<String>,
    out: &mut T,
    mut shutdown: watch::Receiver<bool>,
) -> Option<u32> {
    let lang = shared.settings.lang;
    let turn = tokio::select! {
        turn = shared.command_turn() => turn,
        _ = shutdown.changed() => return Some(1),
    };
    let (tx, mut rx) = mpsc::channel(CHUNKS_AHEAD);
    let job = {
        let (shared, actor) = (shared.clone(), actor.clone());
        tokio::task::spawn_blocking(move || {
            // The turn is held for as long as the command runs, even when
            // its client has gone.
            let _turn = turn;
            let mut stdout = ChunkWriter::new(tx.clone(), Stream::Stdout);
            let mut stderr = ChunkWriter::new(tx, Stream::Stderr);
            let exec = shared.settings.exec.clone();
            exec(&words, &actor, &shared, &mut stdout, &mut stderr)
        })
    };
    let mut users = shared.watch_users();
    loop {
        tokio::select! {
            chunk = rx.recv() => match chunk {
                Some((stream, bytes)) => {
                    if !out.send(stream, bytes).await {
                        return None;
                    }
                }
                None => break,
            },
            _ = users.changed() => {
                if !shared.admits(&actor) {
                    drop(rx);
                    let why = format!("papi-board: {}\n", S::SrvRevoked.t(lang));
                    out.send(Stream::Stderr, why.into_bytes()).await;
                    return Some(1);
                }
            }
            _ = shutdown.changed() => return Some(1),
        }
    }
    Some(job.await.unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn output_goes_out_in_chunks_and_a_gone_client_breaks_the_writer() {
        let (tx, mut rx) = mpsc::channel(CHUNKS_AHEAD);
        let writer = std::thread::spawn(move || {
            let mut w = ChunkWriter::new(tx, Stream::Stdout);
            let line = [b'x'; 1000];
            let mut written = 0usize;
            while w.write_all(&line).is_ok() {
                written += line.len();
            }
            written
        });
        // Take ten chunks, then leave.
        for _ in 0..10 {
            let (stream, bytes) = rx.blocking_recv().unwrap();
            assert_eq!(stream, Stream::Stdout);
            assert!(bytes.len() >= CHUNK && bytes.len() < CHUNK + 1000);
        }
        drop(rx);
        let written = writer.join().unwrap();
        // What was written is what was taken plus what the queue held: the
        // writer waited for the reader instead of running ahead.
        assert!(
            written <= (10 + CHUNKS_AHEAD + 2) * (CHUNK + 1000),
            "{written}"
        );
    }
}
