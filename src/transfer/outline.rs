//! The outline of a plan document, line by line: part headings ("II. NỘI
//! DUNG", "3. TỔ CHỨC THỰC HIỆN"), numbered and lettered items at any
//! depth ("I.", "1.", "1.1.", "2.1.1.", "1.1)", "a)", "A.", "(1)", "1)"),
//! bullets ("-", "–", "+", "•", Word's symbol bullets), and the lines that
//! close a plan ("Trên đây là…", "Nơi nhận:"). Plans are copied from
//! template to template and their numbering drifts; these functions accept
//! the variants seen in real plans and nothing that reads as body text.

use crate::domain::area::area_from_heading;
use crate::domain::text::fold;

/// The part of a plan a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Preamble,
    /// "II. NỘI DUNG", "NHIỆM VỤ, GIẢI PHÁP" (tasks per dimension).
    Content,
    /// "III. TỔ CHỨC THỰC HIỆN" (duties per unit).
    Organisation,
    /// Any other section (purpose, funding, reporting).
    Other,
    /// After the closing paragraph ("Trên đây là…", "Nơi nhận").
    End,
}

/// The kind of mark an item carries: items with the same kind of mark are
/// siblings, a new kind below an item nests under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// "I.", "II." below the part level.
    Roman,
    /// "A.", "B)".
    Upper,
    /// "1.", "1.1.", "2.1.1." (the depth), also "1.1)".
    Digits(usize),
    /// "a)", "b.", "đ)".
    Letter,
    /// "(1)", "1)".
    Paren,
    /// "-", "–", "—".
    Dash,
    /// "+".
    Plus,
    /// "•", "*", "○", Word's symbol bullets.
    Dot,
    /// An unmarked line that names a dimension ("Chỉ số nội dung 3: …").
    Named,
}

impl Mark {
    /// Numbered headings never sit below a bullet or a letter: their rank
    /// orders them (lower is higher up); other marks nest as they come.
    pub fn rank(self) -> Option<usize> {
        match self {
            Mark::Roman => Some(0),
            Mark::Upper | Mark::Named => Some(1),
            Mark::Digits(d) => Some(1 + d),
            _ => None,
        }
    }

    pub fn is_bullet(self) -> bool {
        matches!(self, Mark::Dash | Mark::Plus | Mark::Dot)
    }
}

/// A numbered, lettered or bulleted line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    pub mark: Mark,
    /// The numbers of a "2.1.1." item, [n] of "(n)" and "n)".
    pub nums: Vec<u32>,
    /// As written without its punctuation: "2.1.1", "a", "(1)", "-".
    pub label: String,
    pub text: &'a str,
}

const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

fn spaced(rest: &str) -> bool {
    rest.starts_with([' ', '\t', '\u{a0}'])
}

/// "II. NỘI DUNG" → (2, "NỘI DUNG").
pub fn roman_heading(line: &str) -> Option<(u32, &str)> {
    let (head, rest) = line.split_once(['.', ')'])?;
    let n = ROMAN.iter().position(|r| *r == head.trim())? as u32 + 1;
    Some((n, rest.trim()))
}

/// "1.1. Nội dung …" → ([1, 1], "Nội dung …"); "3. Công tác …" → ([3], …);
/// "1.1 Nội dung" (two numbers or more need no closing dot); "1.1) …".
pub fn numbered_heading(line: &str) -> Option<(Vec<u32>, &str)> {
    let end = line.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ')'))?;
    let (head, rest) = line.split_at(end);
    if !spaced(rest) || head.starts_with('.') || head.contains("..") {
        return None;
    }
    let closed = head.ends_with(['.', ')']);
    let nums: Option<Vec<u32>> = head
        .split(['.', ')'])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect();
    let nums = nums?;
    let ok = !nums.is_empty() && nums.len() <= 5 && (closed || nums.len() >= 2);
    // "2025 là năm …", "30.6 …": a year or a date is not a number mark.
    (ok && nums.iter().all(|n| *n < 100)).then_some((nums, rest.trim()))
}

/// "a) Nội dung …" or "b. …" → ('a', "Nội dung …"): one lowercase letter.
pub fn letter_heading(line: &str) -> Option<(char, &str)> {
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    let (_, mark) = chars.next()?;
    let (i, space) = chars.next()?;
    let letter = c.is_lowercase() && fold(&c.to_string()).chars().all(|f| f.is_ascii_lowercase());
    (letter && matches!(mark, '.' | ')') && matches!(space, ' ' | '\t' | '\u{a0}'))
        .then(|| (c, line[i..].trim()))
}

/// "A. …", "B) …": one ASCII capital (not "I", "V", "X": Roman numbers).
fn upper_heading(line: &str) -> Option<(char, &str)> {
    let b = line.as_bytes();
    (b.len() > 3
        && b[0].is_ascii_uppercase()
        && !matches!(b[0], b'I' | b'V' | b'X')
        && matches!(b[1], b'.' | b')')
        && spaced(&line[2..]))
    .then(|| (b[0] as char, line[2..].trim()))
}

/// "(1) …", "1) …" → (1, "…").
fn paren_heading(line: &str) -> Option<(u32, &str)> {
    let (inner, rest) = match line.strip_prefix('(') {
        Some(l) => l.split_once(')')?,
        None => line.split_once(')')?,
    };
    let n: u32 = inner.trim().parse().ok().filter(|n| *n < 100)?;
    (spaced(rest) || rest.is_empty()).then(|| (n, rest.trim()))
}

/// Bullet marks plans use, including Word's symbol-font bullets.
const DOTS: &[char] = &[
    '•', '*', '·', '●', '○', '◦', '▪', '■', '□', '➢', '❖', '✓', '►', '\u{f0b7}', '\u{f0a7}',
    '\u{f0d8}', '\u{f076}', '\u{f0fc}', '\u{f0a8}',
];

/// "- text" (also "–", "+", "•", "*", …) → (mark, "text"). The mark must
/// be followed by a space: "-Việc" is not a bullet.
fn bullet_item(line: &str) -> Option<(Mark, &str)> {
    let mut chars = line.chars();
    let c = chars.next()?;
    let rest = chars.as_str();
    let mark = match c {
        '-' | '–' | '—' | '\u{2012}' | '\u{2212}' => Mark::Dash,
        '+' => Mark::Plus,
        c if DOTS.contains(&c) => Mark::Dot,
        _ => return None,
    };
    spaced(rest).then(|| (mark, rest.trim_start()))
}

/// "- text" → "text", for callers that only need to know it is a bullet.
pub fn bullet(line: &str) -> Option<&str> {
    bullet_item(line).map(|(_, rest)| rest)
}

/// The item a line is, if it carries a number, letter or bullet.
pub fn item(line: &str) -> Option<Item<'_>> {
    let make = |mark, nums: Vec<u32>, label: String, text| {
        Some(Item {
            mark,
            nums,
            label,
            text,
        })
    };
    if let Some((n, rest)) = roman_heading(line) {
        return make(
            Mark::Roman,
            vec![n],
            ROMAN[n as usize - 1].to_string(),
            rest,
        );
    }
    if let Some((nums, rest)) = numbered_heading(line) {
        let label = nums
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        // "1) …" is its own kind of mark; "1.1) …" reads as "1.1.".
        if nums.len() == 1
            && line
                .trim_start()
                .split_once(')')
                .is_some_and(|(h, _)| !h.contains('.'))
        {
            return make(Mark::Paren, nums, label, rest);
        }
        return make(Mark::Digits(nums.len()), nums, label, rest);
    }
    if let Some((n, rest)) = paren_heading(line) {
        return make(Mark::Paren, vec![n], format!("({n})"), rest);
    }
    if let Some((c, rest)) = letter_heading(line) {
        return make(Mark::Letter, vec![], c.to_string(), rest);
    }
    if let Some((c, rest)) = upper_heading(line) {
        return make(Mark::Upper, vec![], c.to_string(), rest);
    }
    let (mark, rest) = bullet_item(line)?;
    let c = line.chars().next().unwrap_or('-');
    make(mark, vec![], c.to_string(), rest)
}

/// Which part a section heading opens, from its words.
fn part_of(words: &str) -> Option<Part> {
    let f = fold(words);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    if f.starts_with("to chuc thuc hien") || f.starts_with("trach nhiem thuc hien") {
        Some(Part::Organisation)
    } else if [
        "noi dung",
        "nhiem vu",
        "cac nhiem vu",
        "giai phap",
        "cac giai phap",
        "nhung nhiem vu",
    ]
    .iter()
    .any(|w| f.starts_with(w))
    {
        Some(Part::Content)
    } else if [
        "muc dich",
        "muc tieu",
        "yeu cau",
        "kinh phi",
        "che do bao cao",
        "can cu",
        "danh gia",
        "ket qua",
        "tinh hinh",
        "thuc trang",
        "chi tieu",
        "pham vi",
    ]
    .iter()
    .any(|w| f.starts_with(w))
    {
        Some(Part::Other)
    } else {
        None
    }
}

/// True if every letter of the text is uppercase (and it has some).
fn all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// The part a line opens, if it is a part heading: a Roman heading
/// ("II. NỘI DUNG", "IV. KINH PHÍ"), or an upper-case line, unnumbered,
/// with one number or one capital ("2. NỘI DUNG", "B. TỔ CHỨC THỰC
/// HIỆN", "TỔ CHỨC THỰC HIỆN"), that names a part. A line that names a
/// PAPI dimension is never a part heading.
pub fn part_heading(line: &str) -> Option<Part> {
    if let Some((_, rest)) = roman_heading(line) {
        if area_from_heading(rest).is_some() {
            return None;
        }
        return Some(part_of(rest).unwrap_or(Part::Other));
    }
    let rest = match (numbered_heading(line), upper_heading(line)) {
        (Some((nums, rest)), _) if nums.len() == 1 => rest,
        (Some(_), _) => return None,
        (None, Some((_, rest))) => rest,
        (None, None) => line,
    };
    if !all_caps(rest) || area_from_heading(rest).is_some() || rest.chars().count() > 90 {
        return None;
    }
    part_of(rest)
}

/// True if the line closes the plan ("Trên đây là…", "Nơi nhận:").
pub fn is_end(folded: &str) -> bool {
    folded.starts_with("tren day la") || folded.starts_with("noi nhan")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(line: &str) -> Option<(Mark, String, &str)> {
        item(line).map(|i| (i.mark, i.label, i.text))
    }

    #[test]
    fn numbering_variants() {
        assert_eq!(
            mark("1.1) Nội dung"),
            Some((Mark::Digits(2), "1.1".into(), "Nội dung"))
        );
        assert_eq!(
            mark("1.1 Nội dung"),
            Some((Mark::Digits(2), "1.1".into(), "Nội dung"))
        );
        assert_eq!(
            mark("2.1.1. Tổ chức"),
            Some((Mark::Digits(3), "2.1.1".into(), "Tổ chức"))
        );
        assert_eq!(
            mark("3. Công tác"),
            Some((Mark::Digits(1), "3".into(), "Công tác"))
        );
        assert_eq!(
            mark("a) Nội dung"),
            Some((Mark::Letter, "a".into(), "Nội dung"))
        );
        assert_eq!(mark("đ. Việc"), Some((Mark::Letter, "đ".into(), "Việc")));
        assert_eq!(mark("(2) Việc"), Some((Mark::Paren, "(2)".into(), "Việc")));
        assert_eq!(mark("2) Việc"), Some((Mark::Paren, "2".into(), "Việc")));
        assert_eq!(
            mark("B. NỘI DUNG"),
            Some((Mark::Upper, "B".into(), "NỘI DUNG"))
        );
        assert_eq!(mark("IV. KHÁC"), Some((Mark::Roman, "IV".into(), "KHÁC")));
        assert_eq!(mark("+ Việc"), Some((Mark::Plus, "+".into(), "Việc")));
        assert_eq!(mark("– Việc"), Some((Mark::Dash, "–".into(), "Việc")));
        for not in [
            "ab) x",
            "x)y",
            "2025 là năm",
            "30.6.2025 họp",
            "1 Nội dung",
            "-Việc",
            "Việc - khác",
        ] {
            assert_eq!(item(not), None, "{not}");
        }
        assert_eq!(roman_heading("VIII. KHÁC"), Some((8, "KHÁC")));
        assert_eq!(roman_heading("Ia. x"), None);
    }

    #[test]
    fn bullet_variants() {
        for l in [
            "- Việc",
            "– Việc",
            "+ Việc",
            "• Việc",
            "* Việc",
            "—\tViệc",
            "\u{f0b7} Việc",
        ] {
            assert_eq!(bullet(l), Some("Việc"), "{l}");
        }
        assert_eq!(bullet("-Việc"), None);
    }

    #[test]
    fn part_headings_roman_or_not() {
        assert_eq!(part_heading("II. NỘI DUNG"), Some(Part::Content));
        assert_eq!(part_heading("II. Nhiệm vụ, giải pháp"), Some(Part::Content));
        assert_eq!(part_heading("2. NỘI DUNG"), Some(Part::Content));
        assert_eq!(part_heading("B. NHIỆM VỤ, GIẢI PHÁP"), Some(Part::Content));
        assert_eq!(part_heading("TỔ CHỨC THỰC HIỆN"), Some(Part::Organisation));
        assert_eq!(part_heading("IV. KINH PHÍ"), Some(Part::Other));
        assert_eq!(part_heading("1. MỤC ĐÍCH, YÊU CẦU"), Some(Part::Other));
        // Mixed case, two levels, or a dimension: not a part.
        assert_eq!(part_heading("2. Nhiệm vụ, giải pháp cụ thể"), None);
        assert_eq!(part_heading("2.1. NỘI DUNG"), None);
        assert_eq!(
            part_heading("1. NỘI DUNG “THAM GIA CỦA NGƯỜI DÂN Ở CƠ SỞ”"),
            None
        );
        assert_eq!(part_heading("KẾ HOẠCH"), None);
    }
}
