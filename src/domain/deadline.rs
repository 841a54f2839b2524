//! Deadline parsing for PAPI plan items.
//!
//! Vietnamese government plans write deadlines in many ways: "Thường xuyên",
//! "Quý II/2025", "trước ngày 20.7.2025", "6 tháng đầu năm 2025", … This module
//! turns such wording into a [`ParsedDue`] (a [`DueKind`] plus, for dated kinds,
//! the LAST day the named period covers) and back into canonical wording with
//! [`canonical_text`]. Dates are day-first. It is pure: no I/O and no clock; the
//! caller passes the plan's year for wordings that omit it.

use chrono::{Datelike, Months, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// What kind of deadline a wording expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DueKind {
    /// "Thường xuyên", "tx": never overdue, no date.
    Ongoing,
    /// "Hằng năm", "hn": recurring, no date (callers treat it as ongoing).
    Annual,
    /// "15/12/2025", "ngày 15.12.2025", "2025-12-15".
    Date,
    /// "Trước 30/6/2025", "chậm nhất ngày 30/6/2025".
    Before,
    /// "Tháng 11/2025", "t11/2025": the last day of the month.
    Month,
    /// "Quý II/2025", "q2/2025": the last day of the quarter.
    Quarter,
    /// "6 tháng đầu năm 2025" (30/6) or "6 tháng cuối năm 2025" (31/12).
    HalfYear,
    /// "Năm 2025", "cuối năm 2025": 31/12 of that year.
    Year,
}

/// A parsed deadline. `date` is `None` exactly for [`DueKind::Ongoing`] and [`DueKind::Annual`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedDue {
    pub kind: DueKind,
    pub date: Option<NaiveDate>,
}

/// Why a deadline wording could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueError {
    /// The input is blank.
    Empty,
    /// It looks like a date but is impossible (31/2/2025, Quý V/2025, 30/6/125, …).
    BadDate { text: String },
    /// The wording omits the year and no default year was given.
    NoYear { text: String },
    /// Not a deadline wording this module knows.
    Unrecognized { text: String },
}

impl DueError {
    /// A plain Vietnamese message for the user, e.g. "Ngày không hợp lệ: 31/2/2025".
    pub fn message_vi(&self) -> String {
        match self {
            Self::Empty => "Thời hạn trống".to_owned(),
            Self::BadDate { text } => format!("Ngày không hợp lệ: {text}"),
            Self::NoYear { text } => format!("Thời hạn thiếu năm: {text}"),
            Self::Unrecognized { text } => format!("Không hiểu thời hạn: {text}"),
        }
    }
}

impl DueError {
    /// The message in the interface language: [`Self::message_vi`] or the
    /// English of [`std::fmt::Display`].
    pub fn message(&self, lang: super::Lang) -> String {
        if lang.is_vi() {
            self.message_vi()
        } else {
            self.to_string()
        }
    }
}

impl std::fmt::Display for DueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str("empty deadline"),
            Self::BadDate { text } => write!(f, "invalid date: {text}"),
            Self::NoYear { text } => write!(f, "deadline has no year: {text}"),
            Self::Unrecognized { text } => write!(f, "unrecognized deadline: {text}"),
        }
    }
}

impl std::error::Error for DueError {}

const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// Parses a deadline wording such as "Quý II/2025" or "trước ngày 20.7.2025".
///
/// `default_year`: the plan's year, used when the wording omits the year ("30/6",
/// "Quý II", "6 tháng đầu năm", "t11"). When several periods are named, the one
/// that ends last wins (on a tie, the one written later).
pub fn parse_due(text: &str, default_year: Option<i32>) -> Result<ParsedDue, DueError> {
    let raw = text.trim();
    if raw.is_empty() {
        return Err(DueError::Empty);
    }
    let err = |fail: Fail| {
        let text = raw.to_owned();
        match fail {
            Fail::Bad => DueError::BadDate { text },
            Fail::NoYear => DueError::NoYear { text },
            Fail::Unrecognized => DueError::Unrecognized { text },
        }
    };
    let folded = fold(raw);
    let body = strip_prefixes(folded.trim_end_matches([' ', '.', ',', ';']));
    for (kind, words) in [
        (DueKind::Ongoing, ["tx", "thuong xuyen"]),
        (DueKind::Annual, ["hn", "hang nam"]),
    ] {
        if words.iter().any(|w| strip_word(body, w).is_some()) {
            return Ok(due(kind, None));
        }
    }
    let mut cands = scan(&tokenize(body)).map_err(err)?;
    fill_years(&mut cands, default_year).map_err(err)?;
    let dated = cands
        .iter()
        .map(|c| c.resolve().map(|date| (date, c.kind)).ok_or(Fail::Bad))
        .collect::<Result<Vec<_>, _>>()
        .map_err(err)?;
    // The period that ends last wins; `max_by_key` keeps the later one on a tie.
    let (date, kind) = dated
        .into_iter()
        .max_by_key(|&(date, _)| date)
        .ok_or_else(|| err(Fail::Unrecognized))?;
    Ok(due(kind, Some(date)))
}

/// Parses the short marker written after `!` in quick-add, e.g. "30/6/2025",
/// "30/6", "q2/2025", "q2", "t11/2025", "t11", "tx", "hn", "2025-06-30".
/// A leading `!` is tolerated.
pub fn parse_due_marker(text: &str, default_year: Option<i32>) -> Result<ParsedDue, DueError> {
    parse_due(text.trim().trim_start_matches('!'), default_year)
}

/// The canonical Vietnamese wording for a parsed value, e.g. "30/06/2025",
/// "Trước 30/06/2025", "Tháng 11/2025", "Quý II/2025", "6 tháng đầu năm 2025",
/// "Năm 2025", "Thường xuyên", "Hằng năm". A dated kind without a date (never
/// produced by [`parse_due`]) renders as an empty string.
pub fn canonical_text(p: &ParsedDue) -> String {
    let dated = |render: fn(NaiveDate) -> String| p.date.map_or_else(String::new, render);
    match p.kind {
        DueKind::Ongoing => "Thường xuyên".to_owned(),
        DueKind::Annual => "Hằng năm".to_owned(),
        DueKind::Date => dated(|d| d.format("%d/%m/%Y").to_string()),
        DueKind::Before => dated(|d| d.format("Trước %d/%m/%Y").to_string()),
        DueKind::Month => dated(|d| format!("Tháng {}/{}", d.month(), d.year())),
        DueKind::Quarter => {
            dated(|d| format!("Quý {}/{}", ROMAN[d.month0() as usize / 3], d.year()))
        }
        DueKind::HalfYear => dated(|d| {
            let half = if d.month() <= 6 { "đầu" } else { "cuối" };
            format!("6 tháng {half} năm {}", d.year())
        }),
        DueKind::Year => dated(|d| format!("Năm {}", d.year())),
    }
}

/// The canonical wording in the interface language: Vietnamese as
/// [`canonical_text`], English "Ongoing", "Yearly", "By 30/06/2025",
/// "November 2025", "Q2 2025", "First half of 2025", "Year 2025".
pub fn canonical_text_in(p: &ParsedDue, lang: super::Lang) -> String {
    if lang.is_vi() {
        return canonical_text(p);
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let dated = |render: &dyn Fn(NaiveDate) -> String| p.date.map_or_else(String::new, render);
    match p.kind {
        DueKind::Ongoing => "Ongoing".to_owned(),
        DueKind::Annual => "Yearly".to_owned(),
        DueKind::Date => dated(&|d| d.format("%d/%m/%Y").to_string()),
        DueKind::Before => dated(&|d| d.format("By %d/%m/%Y").to_string()),
        DueKind::Month => dated(&|d| format!("{} {}", MONTHS[d.month0() as usize], d.year())),
        DueKind::Quarter => dated(&|d| format!("Q{} {}", d.month0() / 3 + 1, d.year())),
        DueKind::HalfYear => dated(&|d| {
            let half = if d.month() <= 6 { "First" } else { "Second" };
            format!("{half} half of {}", d.year())
        }),
        DueKind::Year => dated(&|d| format!("Year {}", d.year())),
    }
}

const fn due(kind: DueKind, date: Option<NaiveDate>) -> ParsedDue {
    ParsedDue { kind, date }
}

/// Internal failure, turned into a [`DueError`] carrying the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fail {
    Bad,
    NoYear,
    Unrecognized,
}

/// Case- and accent-insensitive form: NFD, combining marks dropped, đ → d,
/// lowercase, whitespace collapsed to single spaces.
fn fold(s: &str) -> String {
    let folded: String = s
        .nfd()
        .flat_map(char::to_lowercase)
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` without the leading word(s) `w`, if `w` is followed by a non-alphanumeric or the end.
fn strip_word<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(w)?;
    (!rest.starts_with(char::is_alphanumeric)).then_some(rest)
}

/// Drops leading "Hoàn thành", "Thời hạn:", "Hạn:" (already folded).
fn strip_prefixes(s: &str) -> &str {
    ["hoan thanh", "thoi han", "han"]
        .iter()
        .fold(s, |s, prefix| {
            strip_word(s, prefix).map_or(s, |rest| rest.trim_start_matches([':', ' ']))
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Num(&'a str),
    Sep(char),
    Other,
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let run = |keep: fn(&char) -> bool| rest.find(|c| !keep(&c)).unwrap_or(rest.len());
        let (tok, len) = if c.is_ascii_digit() {
            let n = run(char::is_ascii_digit);
            (Some(Tok::Num(&rest[..n])), n)
        } else if c.is_alphabetic() {
            let n = run(|c| c.is_alphabetic());
            (Some(Tok::Word(&rest[..n])), n)
        } else if matches!(c, '/' | '.' | '-') {
            (Some(Tok::Sep(c)), 1)
        } else if c.is_whitespace() {
            (None, c.len_utf8())
        } else {
            (Some(Tok::Other), c.len_utf8())
        };
        out.extend(tok);
        rest = &rest[len..];
    }
    out
}

/// One period named in the text; `day: None` means the last day of `month`.
#[derive(Debug, Clone, Copy)]
struct Cand {
    kind: DueKind,
    day: Option<u32>,
    month: u32,
    year: Option<i32>,
}

/// A found period, ready to be returned from a scanner step.
const fn cand(kind: DueKind, day: Option<u32>, month: u32, year: Option<i32>) -> Option<Cand> {
    Some(Cand {
        kind,
        day,
        month,
        year,
    })
}

impl Cand {
    fn resolve(&self) -> Option<NaiveDate> {
        let year = self.year.filter(|y| YEARS.contains(y))?;
        match self.day {
            Some(day) => NaiveDate::from_ymd_opt(year, self.month, day),
            None => NaiveDate::from_ymd_opt(year, self.month, 1)?
                .checked_add_months(Months::new(1))?
                .pred_opt(),
        }
    }
}

fn in_range(s: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, Fail> {
    let n: u32 = s.parse().map_err(|_| Fail::Bad)?;
    range.contains(&n).then_some(n).ok_or(Fail::Bad)
}

/// A written year: exactly four digits, within [`YEARS`].
fn year(s: &str) -> Result<i32, Fail> {
    let y = s.parse::<i32>().map_err(|_| Fail::Bad)?;
    (s.len() == 4 && YEARS.contains(&y))
        .then_some(y)
        .ok_or(Fail::Bad)
}

/// The year closing a day-first date: four digits, or two as people type
/// them ("30/9/25" is 2025: a day and a month before it leave no doubt).
fn full_year(s: &str) -> Result<i32, Fail> {
    match s.len() {
        2 => s.parse::<i32>().map(|y| 2000 + y).map_err(|_| Fail::Bad),
        _ => year(s),
    }
}

/// An optional "/2025", ".2025" or "năm 2025" at `j`; returns the year and the next
/// index. A short number after "-" or "." is a range ("tháng 11-12/2025"), not a year.
fn year_after(t: &[Tok], j: usize) -> Result<(Option<i32>, usize), Fail> {
    match (t.get(j), t.get(j + 1)) {
        (Some(Tok::Sep('-' | '.')), Some(Tok::Num(y))) if y.len() < 4 => Ok((None, j)),
        (Some(Tok::Sep(_) | Tok::Word("nam")), Some(Tok::Num(y))) => Ok((Some(year(y)?), j + 2)),
        _ => Ok((None, j)),
    }
}

/// The quarter number after "quý"/"q": `None` if the token is no quarter at all.
fn quarter(tok: Tok) -> Result<Option<u32>, Fail> {
    match tok {
        Tok::Num(n) => in_range(n, 1..=4).map(Some),
        Tok::Word(w) => match ROMAN.iter().position(|r| r.eq_ignore_ascii_case(w)) {
            Some(i) => Ok(Some(i as u32 + 1)),
            None if w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) => Err(Fail::Bad),
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

/// Finds every period named in the tokens, in order.
fn scan(t: &[Tok]) -> Result<Vec<Cand>, Fail> {
    let mut out = Vec::new();
    let mut before = false;
    let mut i = 0;
    while i < t.len() {
        let (found, next) = match (t[i], t.get(i + 1).copied()) {
            (Tok::Word("truoc"), _) | (Tok::Word("cham"), Some(Tok::Word("nhat"))) => {
                before = true;
                (None, i + 1)
            }
            (Tok::Word("quy" | "q"), Some(tok)) => match quarter(tok)? {
                Some(mut q) => {
                    let mut j = i + 2;
                    // "Quý I, II/2025", "quý III và IV": keep the last quarter listed.
                    while let (Some(Tok::Other | Tok::Sep('-') | Tok::Word("va")), Some(w)) = (
                        t.get(j),
                        t.get(j + 1).copied().filter(|w| matches!(w, Tok::Word(_))),
                    ) {
                        let Ok(Some(later)) = quarter(w) else { break };
                        (q, j) = (later, j + 2);
                    }
                    let (y, next) = year_after(t, j)?;
                    (cand(DueKind::Quarter, None, q * 3, y), next)
                }
                None => (None, i + 1),
            },
            (Tok::Word("thang" | "t"), Some(Tok::Num(m))) => {
                let m = in_range(m, 1..=12)?;
                let (y, next) = year_after(t, i + 2)?;
                (cand(DueKind::Month, None, m, y), next)
            }
            (Tok::Word("nam"), Some(Tok::Num(y))) => {
                (cand(DueKind::Year, None, 12, Some(year(y)?)), i + 2)
            }
            (Tok::Num(n), _) => numeric(t, i, n)?,
            _ => (None, i + 1),
        };
        if let Some(mut c) = found {
            if std::mem::take(&mut before) && c.kind == DueKind::Date {
                c.kind = DueKind::Before;
            }
            out.push(c);
        }
        i = next;
    }
    Ok(out)
}

/// Patterns starting with the number `first` at index `i`: "6 tháng đầu năm",
/// "15 tháng 12 năm 2025", "15/12/2025", "2025-12-15", "30/6", "11/2025".
fn numeric(t: &[Tok], i: usize, first: &str) -> Result<(Option<Cand>, usize), Fail> {
    use Tok::{Num, Sep, Word};
    let at = |k: usize| t.get(k).copied();
    match (at(i + 1), at(i + 2), at(i + 3)) {
        (Some(Word("thang")), Some(Word(half @ ("dau" | "cuoi"))), Some(Word("nam"))) => {
            // "9 tháng đầu năm" and the like are not half-years.
            in_range(first, 6..=6).map_err(|_| Fail::Unrecognized)?;
            let month = if half == "dau" { 6 } else { 12 };
            let (y, next) = match at(i + 4) {
                Some(Num(y)) => (Some(year(y)?), i + 5),
                _ => (None, i + 4),
            };
            Ok((cand(DueKind::HalfYear, None, month, y), next))
        }
        (Some(Word("thang")), Some(Num(m)), _) => {
            let (day, month) = (in_range(first, 1..=31)?, in_range(m, 1..=12)?);
            let (y, next) = year_after(t, i + 3)?;
            Ok((cand(DueKind::Date, Some(day), month, y), next))
        }
        (Some(Sep(s1)), Some(Num(second)), _) => match (at(i + 3), at(i + 4)) {
            (Some(Sep(s2)), Some(Num(third))) => {
                if s1 != s2 {
                    return Err(Fail::Bad);
                }
                let (y, m, d) = if first.len() == 4 {
                    (first, second, third)
                } else {
                    (third, second, first)
                };
                let (day, month) = (in_range(d, 1..=31)?, in_range(m, 1..=12)?);
                let y = if first.len() == 4 {
                    year(y)?
                } else {
                    full_year(y)?
                };
                Ok((cand(DueKind::Date, Some(day), month, Some(y)), i + 5))
            }
            _ if second.len() == 4 => {
                let (month, y) = (in_range(first, 1..=12)?, year(second)?);
                Ok((cand(DueKind::Month, None, month, Some(y)), i + 3))
            }
            _ => {
                let (day, month) = (in_range(first, 1..=31)?, in_range(second, 1..=12)?);
                Ok((cand(DueKind::Date, Some(day), month, None), i + 3))
            }
        },
        _ => Ok((None, i + 1)),
    }
}

/// Gives each yearless period the nearest following written year, else the
/// nearest preceding one, else `default_year`.
fn fill_years(cands: &mut [Cand], default_year: Option<i32>) -> Result<(), Fail> {
    let written: Vec<Option<i32>> = cands.iter().map(|c| c.year).collect();
    for (k, c) in cands.iter_mut().enumerate() {
        if c.year.is_none() {
            let near = written[k + 1..]
                .iter()
                .chain(written[..k].iter().rev())
                .find_map(|y| *y);
            c.year = Some(near.or(default_year).ok_or(Fail::NoYear)?);
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "deadline_tests.rs"]
mod tests;
