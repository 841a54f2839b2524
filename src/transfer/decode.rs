//! Bytes of a text file (.txt, .md, .csv) to a string, or a reason not to:
//! UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order
//! mark (Excel's "Unicode Text") are read; bytes that are not UTF-8 are
//! read as the legacy Vietnamese encoding (TCVN3, VNI, Windows-1258) that
//! makes Vietnamese of them (`legacy.rs`), and refused when none does,
//! rather than imported as mojibake.

use super::legacy::{Legacy, detect};

/// A decoded text and the legacy encoding it was in, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub legacy: Option<Legacy>,
}

/// Why the bytes are not text this program reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Not valid UTF-8 from this 1-based line on (Windows-1258, TCVN3, …).
    NotUtf8 { line: usize },
    /// UTF-16 without a byte-order mark (many zero bytes).
    Utf16NoBom,
    /// UTF-16 with a byte-order mark, but cut or with broken pairs.
    BrokenUtf16,
    /// Zero bytes that are not UTF-16: a binary file.
    Binary,
}

/// Decode a text file. The result has no byte-order mark and `\n` line ends
/// (a lone `\r` of old Mac files counts as a line end too).
pub fn decode_text(bytes: &[u8]) -> Result<String, TextError> {
    decode(bytes).map(|d| d.text)
}

/// Decode a text file, naming the legacy encoding it was in.
pub fn decode(bytes: &[u8]) -> Result<Decoded, TextError> {
    let mut legacy = None;
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        if bytes.contains(&0) {
            return Err(if looks_utf16(bytes) {
                TextError::Utf16NoBom
            } else {
                TextError::Binary
            });
        }
        match utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let (text, found) = detect(bytes).ok_or(e)?;
                legacy = Some(found);
                text
            }
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded { text, legacy })
}

fn utf8(bytes: &[u8]) -> Result<String, TextError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(TextError::NotUtf8 { line })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(TextError::BrokenUtf16);
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let text: String = char::decode_utf16(units)
        .collect::<Result<_, _>>()
        .map_err(|_| TextError::BrokenUtf16)?;
    if text.contains('\0') {
        return Err(TextError::Binary);
    }
    Ok(text)
}

/// Most of the zero bytes sit at even or at odd positions: UTF-16 text.
fn looks_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    half > 0 && zeros(0).max(zeros(1)) * 10 >= half * 3 && zeros(0).min(zeros(1)) * 10 < half
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            out.extend(u.to_le_bytes());
        }
        out
    }

    #[test]
    fn utf8_with_and_without_mark() {
        assert_eq!(
            decode_text("Kế hoạch\r\nSố".as_bytes()).unwrap(),
            "Kế hoạch\nSố"
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend("Quý I/2025".as_bytes());
        assert_eq!(decode_text(&b).unwrap(), "Quý I/2025");
    }

    #[test]
    fn utf16_with_a_mark_is_read_without_one_refused() {
        assert_eq!(
            decode_text(&utf16le("STT\tNội dung\n1\tHọp dân", true)).unwrap(),
            "STT\tNội dung\n1\tHọp dân"
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "Thường xuyên".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode_text(&be).unwrap(), "Thường xuyên");
        assert_eq!(
            decode_text(&utf16le("Kế hoạch số 05", false)),
            Err(TextError::Utf16NoBom)
        );
        assert_eq!(
            decode_text(&[0xFF, 0xFE, 0x41]),
            Err(TextError::BrokenUtf16)
        );
    }

    #[test]
    fn legacy_text_is_read_and_named_and_other_bytes_refused_with_their_line() {
        let bytes = b"Ke hoach\n\xD0\xE0i truy\xEA\xCCn thanh\n";
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Ke hoach\nĐài truyền thanh\n");
        assert_eq!(d.legacy, Some(Legacy::Windows1258));
        // Not text in any encoding: the first line that is not UTF-8.
        let bytes = b"Ke hoach\n\x81\x8d\x8f\x90 \x9d\x81\n";
        assert_eq!(decode_text(bytes), Err(TextError::NotUtf8 { line: 2 }));
        assert_eq!(
            decode_text(b"PK\x03\x04\x00\x00\x12"),
            Err(TextError::Binary)
        );
    }
}
