//! The messages between a client and the owner: each is a 4-byte
//! big-endian length, a 1-byte tag, then the body (raw bytes, a UTF-8
//! text, or JSON for the few structured ones). Both ends bound a
//! message's size, so a broken peer cannot make the other allocate
//! without end.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

/// Bumped when a message changes meaning; a client and an owner of
/// different versions refuse each other plainly.
pub const VERSION: u32 = 1;

/// The largest message body; file contents go in pieces of `CHUNK`.
pub const MAX_BODY: usize = 1 << 20;
pub const CHUNK: usize = 64 * 1024;

/// What a client sends first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hello {
    pub version: u32,
    /// The OS user name, for the audit (the owner has checked the uid).
    pub user: String,
    /// The terminal's size, for a board.
    pub size: (u16, u16),
    /// What to run, as the command-line layer wrote it (`cli::local`).
    pub request: serde_json::Value,
}

/// Message tags. Client → owner below 100, owner → client from 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Tag {
    Hello = 1,
    /// Keys (raw terminal bytes) for a board.
    Input = 2,
    /// The terminal's new size: 4 bytes, columns then rows (u16 BE).
    Resize = 3,
    /// A piece of a file the owner asked to read.
    FileChunk = 4,
    /// The end of a file read or write: 0 = done, else 1 and the reason.
    FileEnd = 5,
    /// The edited text (0 + text) or why not (1 + reason).
    Edited = 6,
    /// Accepted: what was asked for starts.
    Welcome = 101,
    /// Not served: one plain line, in the client's language.
    Refused = 102,
    /// Bytes for the client's standard output (or terminal).
    Out = 103,
    /// Bytes for the client's standard error.
    Err = 104,
    /// The end, with the exit status (u32 BE).
    Exit = 105,
    /// Read a file of the client's: its path.
    ReadFile = 106,
    /// Write a file of the client's, whole or not at all: JSON `WriteFile`.
    WriteOpen = 107,
    WriteChunk = 108,
    /// All of it was sent: write it and answer `FileEnd`.
    WriteClose = 109,
    /// Edit a text in the client's editor: JSON `EditText`.
    Edit = 111,
}

impl Tag {
    fn of(b: u8) -> Option<Tag> {
        use Tag::*;
        Some(match b {
            1 => Hello,
            2 => Input,
            3 => Resize,
            4 => FileChunk,
            5 => FileEnd,
            6 => Edited,
            101 => Welcome,
            102 => Refused,
            103 => Out,
            104 => Err,
            105 => Exit,
            106 => ReadFile,
            107 => WriteOpen,
            108 => WriteChunk,
            109 => WriteClose,
            111 => Edit,
            _ => return None,
        })
    }
}

/// A file the owner writes through the client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WriteFile {
    pub path: std::path::PathBuf,
    /// Readable by the user only (a backup), or as the user's files are.
    pub private: bool,
    /// An existing file is left as it is: the write ends with `EXISTS`.
    #[serde(default)]
    pub keep: bool,
}

/// The error of a write refused because the file is there (`keep`).
pub const EXISTS: &str = "file exists";

/// A text to edit in the client's editor (the board's `E`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EditText {
    pub id: u64,
    pub text: String,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub tag: Tag,
    pub body: Vec<u8>,
}

impl Msg {
    pub fn new(tag: Tag, body: impl Into<Vec<u8>>) -> Msg {
        Msg {
            tag,
            body: body.into(),
        }
    }

    pub fn json<T: Serialize>(tag: Tag, v: &T) -> Msg {
        Msg::new(tag, serde_json::to_vec(v).expect("a message serialises"))
    }

    pub fn parse<T: for<'a> Deserialize<'a>>(&self) -> std::io::Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| invalid(e.to_string()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A result as sent in `FileEnd` and `Edited`: 0 and the payload, or 1
    /// and the reason.
    pub fn outcome(tag: Tag, r: Result<&[u8], &str>) -> Msg {
        let mut body = Vec::new();
        match r {
            Ok(b) => {
                body.push(0);
                body.extend_from_slice(b);
            }
            Err(e) => {
                body.push(1);
                body.extend_from_slice(e.as_bytes());
            }
        }
        Msg::new(tag, body)
    }

    /// The result carried by `outcome`.
    pub fn as_outcome(&self) -> Result<&[u8], String> {
        match self.body.split_first() {
            Some((0, rest)) => Ok(rest),
            Some((_, why)) => Err(String::from_utf8_lossy(why).into_owned()),
            None => Err("empty answer".into()),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(5 + self.body.len());
        out.extend_from_slice(&((self.body.len() + 1) as u32).to_be_bytes());
        out.push(self.tag as u8);
        out.extend_from_slice(&self.body);
        out
    }
}

fn invalid(e: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e)
}

/// The length and tag at the head of a message.
pub fn head(h: [u8; 5]) -> std::io::Result<(usize, Tag)> {
    let len = u32::from_be_bytes([h[0], h[1], h[2], h[3]]) as usize;
    if len == 0 || len - 1 > MAX_BODY {
        return Err(invalid(format!("a message of {len} bytes")));
    }
    let tag = Tag::of(h[4]).ok_or_else(|| invalid(format!("unknown message {}", h[4])))?;
    Ok((len - 1, tag))
}

/// Read one message; `None` at a clean end of the stream.
pub fn read(r: &mut impl Read) -> std::io::Result<Option<Msg>> {
    let mut h = [0u8; 5];
    match r.read_exact(&mut h[..1]) {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
        Ok(()) => {}
    }
    r.read_exact(&mut h[1..])?;
    let (len, tag) = head(h)?;
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok(Some(Msg { tag, body }))
}

pub fn write(w: &mut impl Write, m: &Msg) -> std::io::Result<()> {
    w.write_all(&m.encode())?;
    w.flush()
}

/// Read one message from an async stream; `None` at a clean end.
pub async fn read_async(
    r: &mut (impl tokio::io::AsyncRead + Unpin),
) -> std::io::Result<Option<Msg>> {
    use tokio::io::AsyncReadExt;
    let mut h = [0u8; 5];
    match r.read_exact(&mut h[..1]).await {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    r.read_exact(&mut h[1..]).await?;
    let (len, tag) = head(h)?;
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).await?;
    Ok(Some(Msg { tag, body }))
}

pub async fn write_async(
    w: &mut (impl tokio::io::AsyncWrite + Unpin),
    m: &Msg,
) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    w.write_all(&m.encode()).await?;
    w.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_go_and_come_back_and_garbage_is_refused() {
        let mut wire = Vec::new();
        let sent = [
            Msg::new(Tag::Input, "jjk"),
            Msg::outcome(Tag::FileEnd, Err("không đọc được")),
            Msg::new(Tag::Exit, 2u32.to_be_bytes()),
        ];
        for m in &sent {
            write(&mut wire, m).unwrap();
        }
        let mut r = &wire[..];
        for m in &sent {
            assert_eq!(read(&mut r).unwrap().as_ref(), Some(m));
        }
        assert_eq!(read(&mut r).unwrap(), None, "a clean end");
        assert_eq!(
            sent[1].as_outcome(),
            Err("không đọc được".to_string()),
            "the reason comes back whole"
        );
        // A length beyond the bound, an unknown tag, a cut message.
        let huge = [0xff, 0xff, 0xff, 0xff, 2];
        assert!(read(&mut &huge[..]).is_err());
        let unknown = [0, 0, 0, 1, 77];
        assert!(read(&mut &unknown[..]).is_err());
        let cut = &Msg::new(Tag::Out, "abcdef").encode()[..7];
        assert!(read(&mut &cut[..]).is_err());
    }
}
