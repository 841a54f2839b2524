//! Vietnamese text in the encodings old offices still have, turned into
//! Unicode (NFC): TCVN3 (the "ABC" fonts .VnTime, .VnArial …, TCVN
//! 5712:1993), VNI (the VNI-Times fonts: a letter followed by a byte for
//! its marks) and Windows-1258 (letters followed by combining tone marks).
//!
//! None of the three says what it is, so `detect` decodes the bytes each
//! way and keeps the reading whose words look most like Vietnamese
//! syllables: letters of the Vietnamese alphabet, at most one tone mark,
//! no capital inside a word.

use unicode_normalization::UnicodeNormalization;

/// A legacy encoding, named in the import's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Windows1258,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
            Legacy::Windows1258 => "Windows-1258",
        }
    }

    /// Decode bytes in this encoding; the result is NFC.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Legacy::Tcvn3 => bytes.iter().map(|&b| tcvn3_char(b)).collect::<String>(),
            Legacy::Vni => vni(bytes),
            Legacy::Windows1258 => encoding_rs::WINDOWS_1258
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
        .nfc()
        .collect()
    }
}

/// TCVN 5712:1993 bytes 0x80–0xFF (the lower-case letters and the seven
/// capitals Ă Â Ê Ô Ơ Ư Đ of the ABC fonts at 0xA1–0xAE, the capitals
/// with tones of the full standard below 0xA0), as published with the
/// standard and in the C library's TCVN5712-1 converter.
const TCVN_HIGH: [u16; 128] = [
    0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0, 0x1eb6, 0x1eac, 0x00c8, // 0x80
    0x1eba, 0x1ebc, 0x00c9, 0x1eb8, 0x1ec6, 0x00cc, 0x1ec8, 0x0128, // 0x88
    0x00cd, 0x1eca, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc, 0x1ed8, // 0x90
    0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2, 0x00d9, 0x1ee6, 0x0168, // 0x98
    0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, // 0xA0
    0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0, // 0xA8
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, // 0xB0
    0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4, // 0xB8
    0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, // 0xC0
    0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd, // 0xC8
    0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, // 0xD0
    0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2, // 0xD8
    0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, // 0xE0
    0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9, // 0xE8
    0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, // 0xF0
    0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0, // 0xF8
];

/// The capitals the full standard puts among the control bytes (never
/// tab, line feed or carriage return).
fn tcvn3_char(b: u8) -> char {
    let code = match b {
        0x01 => 0x00da,
        0x02 => 0x1ee4,
        0x04 => 0x1eea,
        0x05 => 0x1eec,
        0x06 => 0x1eee,
        0x11 => 0x1ee8,
        0x12 => 0x1ef0,
        0x13 => 0x1ef2,
        0x14 => 0x1ef6,
        0x15 => 0x1ef8,
        0x16 => 0x00dd,
        0x17 => 0x1ef4,
        0x80.. => u32::from(TCVN_HIGH[usize::from(b - 0x80)]),
        _ => u32::from(b),
    };
    char::from_u32(code).unwrap_or('\u{fffd}')
}

/// What a VNI byte means after a vowel: (circumflex or breve, tone).
fn vni_mark(b: u8) -> Option<(Option<char>, Option<char>)> {
    const CIRC: char = '\u{302}';
    const BREVE: char = '\u{306}';
    let tone = |t: char| Some(t);
    // Lower-case and capital marks differ by 0x20, like the letters.
    Some(match b | 0x20 {
        0xf9 => (None, tone('\u{301}')),
        0xf8 => (None, tone('\u{300}')),
        0xfb => (None, tone('\u{309}')),
        0xf5 => (None, tone('\u{303}')),
        0xef => (None, tone('\u{323}')),
        0xe2 => (Some(CIRC), None),
        0xe1 => (Some(CIRC), tone('\u{301}')),
        0xe0 => (Some(CIRC), tone('\u{300}')),
        0xe5 => (Some(CIRC), tone('\u{309}')),
        0xe3 => (Some(CIRC), tone('\u{303}')),
        0xe4 => (Some(CIRC), tone('\u{323}')),
        0xea => (Some(BREVE), None),
        0xe9 => (Some(BREVE), tone('\u{301}')),
        0xe8 => (Some(BREVE), tone('\u{300}')),
        0xfa => (Some(BREVE), tone('\u{309}')),
        0xfc => (Some(BREVE), tone('\u{303}')),
        0xeb => (Some(BREVE), tone('\u{323}')),
        _ => return None,
    })
}

/// The letters VNI writes as one byte: ơ ư đ and i, y with their tones.
fn vni_letter(b: u8) -> Option<char> {
    Some(match b {
        0xf4 => 'ơ',
        0xd4 => 'Ơ',
        0xf6 => 'ư',
        0xd6 => 'Ư',
        0xf1 => 'đ',
        0xd1 => 'Đ',
        0xed => 'í',
        0xcd => 'Í',
        0xec => 'ì',
        0xcc => 'Ì',
        0xe6 => 'ỉ',
        0xc6 => 'Ỉ',
        0xf3 => 'ĩ',
        0xd3 => 'Ĩ',
        0xf2 => 'ị',
        0xd2 => 'Ị',
        0xee => 'ỵ',
        0xce => 'Ỵ',
        _ => return None,
    })
}

/// VNI: a vowel, then at most one byte for its marks.
fn vni(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let base = vni_letter(b).or_else(|| b.is_ascii().then_some(b as char));
        let vowel = base.is_some_and(|c| "aeiouyAEIOUYơưƠƯ".contains(c));
        if let (Some(c), true, Some((shape, tone))) =
            (base, vowel, bytes.get(i + 1).and_then(|&n| vni_mark(n)))
        {
            let fits = match shape {
                Some('\u{306}') => matches!(c, 'a' | 'A'),
                Some(_) => "aeoAEO".contains(c),
                None => true,
            };
            if fits {
                out.push(c);
                out.extend(shape);
                out.extend(tone);
                i += 2;
                continue;
            }
        }
        match base {
            Some(c) => out.push(c),
            None => out.extend(
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(&[b])
                    .0
                    .chars(),
            ),
        }
        i += 1;
    }
    out
}

/// Letters of the Vietnamese alphabet (base letters without marks).
fn vietnamese_base(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'đ' | 'Đ')
}

/// True if a word reads as Vietnamese: its letters (after taking the marks
/// apart) are Vietnamese, it has at most one tone mark, the marks are
/// Vietnamese ones, and no capital stands after a small letter.
fn plausible(word: &str) -> bool {
    let mut tones = 0;
    let mut seen_lower = false;
    for c in word.nfd() {
        match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones += 1,
            '\u{302}' | '\u{306}' | '\u{31b}' => {}
            c if vietnamese_base(c) => {
                if c.is_uppercase() && seen_lower {
                    return false;
                }
                seen_lower |= c.is_lowercase();
            }
            _ => return false,
        }
    }
    tones <= 1
}

/// How Vietnamese a decoded text looks: words with marks that read as
/// syllables, less three for each that does not.
pub fn score(text: &str) -> i64 {
    let mut score = 0i64;
    for word in text.split(|c: char| !(c.is_alphanumeric() || is_mark_char(c))) {
        if word.is_ascii() || word.is_empty() {
            continue;
        }
        score += if plausible(word) { 1 } else { -3 };
    }
    score
}

/// Characters that are not letters but belong inside a legacy word (the
/// symbols TCVN3 and VNI text shows as when read as Windows-1252).
fn is_mark_char(c: char) -> bool {
    ('\u{80}'..='\u{ff}').contains(&c) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// The legacy encoding that reads the bytes as the most Vietnamese text, if
/// any reads them as Vietnamese at all.
pub fn detect(bytes: &[u8]) -> Option<(String, Legacy)> {
    [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258]
        .into_iter()
        .map(|l| {
            let text = l.decode(bytes);
            (score(&text), text, l)
        })
        .filter(|(s, ..)| *s > 0)
        .max_by_key(|(s, ..)| *s)
        .map(|(_, text, l)| (text, l))
}

/// Text that came through as Unicode but was typed in a legacy font (a
/// .docx run in ".VnTime" or "VNI-Times"): its characters are the
/// Windows-1252 readings of the legacy bytes. `None` when a character has
/// no such byte (then it was not legacy text).
pub fn from_font_text(text: &str, legacy: Legacy) -> Option<String> {
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    (!bad).then(|| legacy.decode(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every lower-case letter with a mark, in TCVN3 as the ABC fonts
    /// write it (a, ă, â, e, ê, o, ô, ơ, u, ư, i, y; each with á à ả ã ạ).
    #[rustfmt::skip]
    const TCVN3_LOWER: &[(u8, char)] = &[
        (0xb8, 'á'), (0xb5, 'à'), (0xb6, 'ả'), (0xb7, 'ã'), (0xb9, 'ạ'),
        (0xa8, 'ă'), (0xbe, 'ắ'), (0xbb, 'ằ'), (0xbc, 'ẳ'), (0xbd, 'ẵ'), (0xc6, 'ặ'),
        (0xa9, 'â'), (0xca, 'ấ'), (0xc7, 'ầ'), (0xc8, 'ẩ'), (0xc9, 'ẫ'), (0xcb, 'ậ'),
        (0xd0, 'é'), (0xcc, 'è'), (0xce, 'ẻ'), (0xcf, 'ẽ'), (0xd1, 'ẹ'),
        (0xaa, 'ê'), (0xd5, 'ế'), (0xd2, 'ề'), (0xd3, 'ể'), (0xd4, 'ễ'), (0xd6, 'ệ'),
        (0xe3, 'ó'), (0xdf, 'ò'), (0xe1, 'ỏ'), (0xe2, 'õ'), (0xe4, 'ọ'),
        (0xab, 'ô'), (0xe8, 'ố'), (0xe5, 'ồ'), (0xe6, 'ổ'), (0xe7, 'ỗ'), (0xe9, 'ộ'),
        (0xac, 'ơ'), (0xed, 'ớ'), (0xea, 'ờ'), (0xeb, 'ở'), (0xec, 'ỡ'), (0xee, 'ợ'),
        (0xf3, 'ú'), (0xef, 'ù'), (0xf1, 'ủ'), (0xf2, 'ũ'), (0xf4, 'ụ'),
        (0xad, 'ư'), (0xf8, 'ứ'), (0xf5, 'ừ'), (0xf6, 'ử'), (0xf7, 'ữ'), (0xf9, 'ự'),
        (0xdd, 'í'), (0xd7, 'ì'), (0xd8, 'ỉ'), (0xdc, 'ĩ'), (0xde, 'ị'),
        (0xfd, 'ý'), (0xfa, 'ỳ'), (0xfb, 'ỷ'), (0xfc, 'ỹ'), (0xfe, 'ỵ'),
        (0xae, 'đ'),
        (0xa1, 'Ă'), (0xa2, 'Â'), (0xa3, 'Ê'), (0xa4, 'Ô'), (0xa5, 'Ơ'), (0xa6, 'Ư'), (0xa7, 'Đ'),
    ];

    #[test]
    fn tcvn3_every_letter() {
        for &(b, c) in TCVN3_LOWER {
            assert_eq!(Legacy::Tcvn3.decode(&[b]), c.to_string(), "0x{b:02x}");
        }
        // "Hµ Néi", "KÕ ho¹ch": how TCVN3 text looks in a Unicode editor.
        assert_eq!(Legacy::Tcvn3.decode(b"H\xb5 N\xe9i"), "Hà Nội");
        assert_eq!(Legacy::Tcvn3.decode(b"K\xd5 ho\xb9ch"), "Kế hoạch");
        assert_eq!(Legacy::Tcvn3.decode(b"M\xad\xeang"), "Mường");
    }

    /// Every letter with a mark in VNI: the base letter, then one byte.
    #[test]
    fn vni_every_letter() {
        let cases: &[(&[u8], &str)] = &[
            (b"a\xf9a\xf8a\xfba\xf5a\xef", "áàảãạ"),
            (b"a\xe2a\xe1a\xe0a\xe5a\xe3a\xe4", "âấầẩẫậ"),
            (b"a\xeaa\xe9a\xe8a\xfaa\xfca\xeb", "ăắằẳẵặ"),
            (b"e\xf9e\xf8e\xfbe\xf5e\xef", "éèẻẽẹ"),
            (b"e\xe2e\xe1e\xe0e\xe5e\xe3e\xe4", "êếềểễệ"),
            (b"o\xf9o\xf8o\xfbo\xf5o\xef", "óòỏõọ"),
            (b"o\xe2o\xe1o\xe0o\xe5o\xe3o\xe4", "ôốồổỗộ"),
            (b"\xf4\xf4\xf9\xf4\xf8\xf4\xfb\xf4\xf5\xf4\xef", "ơớờởỡợ"),
            (b"u\xf9u\xf8u\xfbu\xf5u\xef", "úùủũụ"),
            (b"\xf6\xf6\xf9\xf6\xf8\xf6\xfb\xf6\xf5\xf6\xef", "ưứừửữự"),
            (b"\xed\xec\xe6\xf3\xf2", "íìỉĩị"),
            (b"y\xf9y\xf8y\xfby\xf5\xee", "ýỳỷỹỵ"),
            (b"\xf1\xd1", "đĐ"),
            (b"A\xd9A\xd8A\xdbA\xd5A\xcf", "ÁÀẢÃẠ"),
            (b"A\xc2A\xc1A\xc0A\xc5A\xc3A\xc4", "ÂẤẦẨẪẬ"),
            (b"A\xcaA\xc9A\xc8A\xdaA\xdcA\xcb", "ĂẮẰẲẴẶ"),
            (
                b"E\xc2E\xc1O\xc2O\xe0\xd4\xd6\xcd\xcc\xc6\xd3\xd2\xce",
                "ÊẾÔỒƠƯÍÌỈĨỊỴ",
            ),
        ];
        for (bytes, want) in cases {
            assert_eq!(Legacy::Vni.decode(bytes), *want, "{bytes:x?}");
        }
        assert_eq!(Legacy::Vni.decode(b"Ke\xe1 hoa\xefch"), "Kế hoạch");
        assert_eq!(Legacy::Vni.decode(b"ng\xf6\xf4\xf8i d\xe2n"), "người dân");
    }

    #[test]
    fn windows_1258_combines_its_tone_marks() {
        // "Đài truyền thanh": Đ = 0xD0, à = 0xE0, ê + grave (0xCC).
        assert_eq!(
            Legacy::Windows1258.decode(b"\xd0\xe0i truy\xea\xccn thanh"),
            "Đài truyền thanh"
        );
        assert_eq!(Legacy::Windows1258.decode(b"quy\xec II"), "quý II");
    }

    #[test]
    fn detection_picks_the_encoding_that_reads_as_vietnamese() {
        let tcvn = b"K\xd5 ho\xb9ch n\xa9ng cao ch\xd8 s\xe8 hi\xd6u qu\xb6 qu\xb6n tr\xdf";
        assert_eq!(detect(tcvn).unwrap().1, Legacy::Tcvn3);
        let vni = b"Ke\xe1 hoa\xefch na\xe2ng cao ch\xe6 so\xe1 hie\xe4u qua\xfb";
        assert_eq!(detect(vni).unwrap().1, Legacy::Vni);
        let cp = b"K\xea\xec ho\x61\xf2ch n\xe2ng cao chi\xde s\xf4\xec hi\xea\xf2u qua\xde";
        let (text, l) = detect(cp).unwrap();
        assert_eq!(l, Legacy::Windows1258, "{text}");
        assert!(detect(b"\x00\x01\x02 plain").is_none());
    }
}
