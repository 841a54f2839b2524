//! The outline of a plan document, line by line: part headings ("II. NỘI
//! DUNG", "3. TỔ CHỨC THỰC HIỆN"), numbered or lettered headings ("1.1.",
//! "1.1)", "a)"), and bullets ("-", "–", "+", "•", …). Plans are copied from
//! template to template and their numbering drifts; these functions accept
//! the variants seen in real plans and nothing that reads as body text.

use crate::domain::area::area_from_heading;
use crate::domain::text::fold;

/// The part of a plan a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Preamble,
    /// "II. NỘI DUNG" (tasks per dimension, general tasks).
    Content,
    /// "III. TỔ CHỨC THỰC HIỆN" (duties per unit).
    Organisation,
    /// Any other section (purpose, funding, reporting).
    Other,
    /// After the closing paragraph ("Trên đây là…", "Nơi nhận").
    End,
}

/// How a heading is numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    /// "1.", "1.1.", "1.1)", "2)": the numbers.
    Digits(Vec<u32>),
    /// "a)", "b.", "đ)".
    Letter(char),
}

impl Number {
    /// How deep the heading sits: letters below any numbers.
    pub fn depth(&self) -> usize {
        match self {
            Number::Digits(v) => v.len(),
            Number::Letter(_) => 10,
        }
    }

    /// As written in a section label: "1.1", "a".
    pub fn label(&self) -> String {
        match self {
            Number::Digits(v) => v.iter().map(u32::to_string).collect::<Vec<_>>().join("."),
            Number::Letter(c) => c.to_string(),
        }
    }
}

/// "II. NỘI DUNG" → (2, "NỘI DUNG").
pub fn roman_heading(line: &str) -> Option<(u32, &str)> {
    let (head, rest) = line.split_once(['.', ')'])?;
    let n = match head.trim() {
        "I" => 1,
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        "V" => 5,
        "VI" => 6,
        "VII" => 7,
        "VIII" => 8,
        "IX" => 9,
        "X" => 10,
        _ => return None,
    };
    Some((n, rest.trim()))
}

/// "1.1. Nội dung …" → ([1, 1], "Nội dung …"); "3. Công tác …" → ([3], …).
pub fn numbered_heading(line: &str) -> Option<(Vec<u32>, &str)> {
    let end = line.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ')'))?;
    let (head, rest) = line.split_at(end);
    if !rest.starts_with([' ', '\t', '\u{a0}']) || !head.ends_with(['.', ')']) {
        return None;
    }
    let nums: Option<Vec<u32>> = head
        .split(['.', ')'])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect();
    let nums = nums?;
    (!nums.is_empty() && nums.len() <= 3).then_some((nums, rest.trim()))
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

/// A numbered or lettered heading (not a Roman one).
pub fn heading(line: &str) -> Option<(Number, &str)> {
    if let Some((nums, rest)) = numbered_heading(line) {
        return Some((Number::Digits(nums), rest));
    }
    letter_heading(line).map(|(c, rest)| (Number::Letter(c), rest))
}

/// Bullet marks plans use, including Word's symbol-font bullets.
const MARKS: &[char] = &[
    '-', '–', '—', '+', '•', '*', '·', '●', '○', '◦', '▪', '■', '□', '➢', '❖', '✓', '\u{f0b7}',
    '\u{f0a7}', '\u{f0d8}', '\u{f076}',
];

/// "- text" (also "–", "+", "•", "*", …) → "text". The mark must be
/// followed by a space: "-Việc" is not a bullet.
pub fn bullet(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let mark = chars.next()?;
    let rest = chars.as_str();
    (MARKS.contains(&mark) && rest.starts_with([' ', '\t', '\u{a0}'])).then(|| rest.trim_start())
}

/// Which part a section heading opens, from its words.
fn part_of(words: &str) -> Option<Part> {
    let f = fold(words);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    if f.starts_with("to chuc thuc hien") {
        Some(Part::Organisation)
    } else if f.starts_with("noi dung") || f.starts_with("nhiem vu") {
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

/// The part a line opens, if it is a part heading: any Roman heading
/// ("II. NỘI DUNG", "IV. KINH PHÍ"), or an upper-case line, unnumbered or
/// with one number ("2. NỘI DUNG", "TỔ CHỨC THỰC HIỆN"), that names a part.
/// A line that names a PAPI dimension is never a part heading.
pub fn part_heading(line: &str) -> Option<Part> {
    if let Some((_, rest)) = roman_heading(line) {
        if area_from_heading(rest).is_some() {
            return None;
        }
        return Some(part_of(rest).unwrap_or(Part::Other));
    }
    let rest = match numbered_heading(line) {
        Some((nums, rest)) if nums.len() == 1 => rest,
        Some(_) => return None,
        None => line,
    };
    if !all_caps(rest) || area_from_heading(rest).is_some() {
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

    #[test]
    fn numbering_variants() {
        assert_eq!(
            heading("1.1) Nội dung"),
            Some((Number::Digits(vec![1, 1]), "Nội dung"))
        );
        assert_eq!(
            heading("a) Nội dung"),
            Some((Number::Letter('a'), "Nội dung"))
        );
        assert_eq!(heading("đ. Việc"), Some((Number::Letter('đ'), "Việc")));
        assert_eq!(heading("ab) x"), None);
        assert_eq!(heading("A) x"), None);
        assert_eq!(heading("x)y"), None);
        assert_eq!(roman_heading("VIII. KHÁC"), Some((8, "KHÁC")));
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
        assert_eq!(bullet("Việc - khác"), None);
    }

    #[test]
    fn part_headings_roman_or_not() {
        assert_eq!(part_heading("II. NỘI DUNG"), Some(Part::Content));
        assert_eq!(part_heading("II. Nhiệm vụ, giải pháp"), Some(Part::Content));
        assert_eq!(part_heading("2. NỘI DUNG"), Some(Part::Content));
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
