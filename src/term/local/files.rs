//! Files named on a command line are the client's: the client opens them,
//! in its own working directory, with its own view of the file system (an
//! owner started by systemd may have a private /tmp, or none of the
//! user's home), and the owner never touches a path a client typed. A
//! command run by the owner reads and writes them through [`ClientFiles`]:
//! [`Remote`] asks the client over the socket; [`Here`] is the same for a
//! program working on its own files (and for the client's side of it).

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};

use super::proto::{self, CHUNK, Msg, Tag, WriteFile};

/// The largest file a command reads through a client (a plan, a table, a
/// key, a backup): more than any of them is.
pub const MAX_READ: usize = 512 << 20;

/// The files of the user who ran the command.
pub trait ClientFiles {
    /// The whole file.
    fn read(&mut self, path: &Path) -> std::io::Result<Vec<u8>>;
    /// Write `path` whole or not at all, `fill` giving its content;
    /// `private`: readable by the user only. An error of `fill` is
    /// returned as it is, and nothing is left behind.
    fn write(
        &mut self,
        path: &Path,
        private: bool,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()>;
}

/// A file being written beside its final path, renamed over it when
/// complete; removed if dropped before.
pub struct Pending {
    tmp: PathBuf,
    path: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
    private: bool,
}

impl Pending {
    pub fn create(path: &Path, private: bool) -> std::io::Result<Pending> {
        let name = path
            .file_name()
            .ok_or_else(|| std::io::Error::other("not a file name"))?
            .to_string_lossy()
            .into_owned();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = if private {
            crate::store::private::create(&tmp)?
        } else {
            std::fs::File::create(&tmp)?
        };
        Ok(Pending {
            tmp,
            path: path.to_path_buf(),
            file: Some(std::io::BufWriter::with_capacity(CHUNK, file)),
            private,
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.file
            .as_mut()
            .expect("open until done")
            .write_all(bytes)
    }

    /// Complete: flushed (synced, for a private file such as a backup)
    /// and renamed over the path.
    pub fn done(mut self) -> std::io::Result<()> {
        let file = self.file.take().expect("open until done");
        let file = file.into_inner().map_err(|e| e.into_error())?;
        if self.private {
            file.sync_all()?;
        }
        drop(file);
        std::fs::rename(&self.tmp, &self.path)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.file = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// This process's own files.
pub struct Here;

impl ClientFiles for Here {
    fn read(&mut self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }
    fn write(
        &mut self,
        path: &Path,
        private: bool,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut p = Pending::create(path, private)?;
        fill(p.file.as_mut().expect("just opened"))?;
        p.done()
    }
}

/// Messages of one kind (`Out`, `Err`, `WriteChunk`) written as they come,
/// in pieces of at most `CHUNK`.
pub struct MsgWriter<'a> {
    stream: &'a UnixStream,
    tag: Tag,
    buf: Vec<u8>,
}

impl<'a> MsgWriter<'a> {
    pub fn new(stream: &'a UnixStream, tag: Tag) -> MsgWriter<'a> {
        MsgWriter {
            stream,
            tag,
            buf: Vec::new(),
        }
    }
}

impl Write for MsgWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let body = std::mem::take(&mut self.buf);
        proto::write(&mut self.stream, &Msg::new(self.tag, body))
    }
}

impl Drop for MsgWriter<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// The client's files, asked for over its connection (the owner's side).
pub struct Remote<'a> {
    pub stream: &'a UnixStream,
}

impl Remote<'_> {
    /// The client's answer to a file request; anything else ends the
    /// conversation (the client is not speaking the protocol).
    fn answer(&mut self) -> std::io::Result<Msg> {
        proto::read(&mut self.stream)?.ok_or_else(|| std::io::ErrorKind::UnexpectedEof.into())
    }
}

impl ClientFiles for Remote<'_> {
    fn read(&mut self, path: &Path) -> std::io::Result<Vec<u8>> {
        let ask = Msg::new(Tag::ReadFile, path.as_os_str().as_encoded_bytes());
        proto::write(&mut self.stream, &ask)?;
        let mut out = Vec::new();
        loop {
            let m = self.answer()?;
            match m.tag {
                Tag::FileChunk if out.len() + m.body.len() <= MAX_READ => {
                    out.extend_from_slice(&m.body)
                }
                Tag::FileChunk => return Err(std::io::Error::other("file too large")),
                Tag::FileEnd => {
                    return m.as_outcome().map(|_| out).map_err(std::io::Error::other);
                }
                t => return Err(std::io::Error::other(format!("unexpected {t:?}"))),
            }
        }
    }

    fn write(
        &mut self,
        path: &Path,
        private: bool,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let open = WriteFile {
            path: path.to_path_buf(),
            private,
            keep: false,
        };
        proto::write(&mut self.stream, &Msg::json(Tag::WriteOpen, &open))?;
        let filled = {
            let mut w = MsgWriter::new(self.stream, Tag::WriteChunk);
            fill(&mut w).and_then(|()| w.flush())
        };
        // Given up: an end with an error makes the client drop what it
        // has, without an answer. Closed: the client answers once.
        let end = match &filled {
            Ok(()) => Msg::new(Tag::WriteClose, Vec::new()),
            Err(e) => Msg::outcome(Tag::FileEnd, Err(&e.to_string())),
        };
        proto::write(&mut self.stream, &end)?;
        filled?;
        let m = self.answer()?;
        match m.tag {
            Tag::FileEnd => m.as_outcome().map(|_| ()).map_err(std::io::Error::other),
            t => Err(std::io::Error::other(format!("unexpected {t:?}"))),
        }
    }
}

/// A write in progress on the client's side: the file, or why it cannot
/// be written (said once, when the owner closes the write).
pub type Writing = Option<Result<Pending, String>>;

/// The client's side: answer the owner's file requests through `send`. A
/// read is answered at once (its pieces, then its end); a write exactly
/// once, when the owner closes it, and not at all when the owner gives it
/// up. Errors are those of `send` (the connection).
pub fn serve(
    m: &Msg,
    writing: &mut Writing,
    send: &mut dyn FnMut(Msg) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match m.tag {
        Tag::ReadFile => return read_for_owner(Path::new(&m.text()), send),
        Tag::WriteOpen => {
            let opened = m.parse::<WriteFile>().and_then(|w| {
                if w.keep && w.path.exists() {
                    return Err(std::io::Error::other(proto::EXISTS));
                }
                Pending::create(&w.path, w.private)
            });
            *writing = Some(opened.map_err(|e| e.to_string()));
        }
        Tag::WriteChunk => {
            if let Some(Ok(p)) = writing
                && let Err(e) = p.write_all(&m.body)
            {
                *writing = Some(Err(e.to_string()));
            }
        }
        Tag::WriteClose => {
            let result = match writing.take() {
                Some(Ok(p)) => p.done().map_err(|e| e.to_string()),
                Some(Err(e)) => Err(e),
                None => Err("no file open".into()),
            };
            let answer = match &result {
                Ok(()) => Ok(&b""[..]),
                Err(e) => Err(e.as_str()),
            };
            return send(Msg::outcome(Tag::FileEnd, answer));
        }
        // The owner gave up on a write: drop what was written.
        Tag::FileEnd => *writing = None,
        _ => {}
    }
    Ok(())
}

/// A file read for the owner: its pieces, then the end.
fn read_for_owner(
    path: &Path,
    send: &mut dyn FnMut(Msg) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return send(Msg::outcome(Tag::FileEnd, Err(&e.to_string()))),
    };
    let mut buf = vec![0u8; CHUNK];
    loop {
        match f.read(&mut buf) {
            Ok(0) => return send(Msg::outcome(Tag::FileEnd, Ok(b""))),
            Ok(n) => send(Msg::new(Tag::FileChunk, buf[..n].to_vec()))?,
            Err(e) => return send(Msg::outcome(Tag::FileEnd, Err(&e.to_string()))),
        }
    }
}
