//! Who leads, who supports and by when, as a plan states it in words:
//!
//! - labels, on a line of their own or inside a task's text: "Đơn vị chủ
//!   trì: …", "Cơ quan phối hợp: …", "Thời gian thực hiện: Quý II/2026",
//!   "(Cơ quan chủ trì: Sở Nội vụ; thời gian: Quý II/2025)";
//! - sentences: "Giao Phòng Kinh tế chủ trì …", "Văn phòng chủ trì, phối
//!   hợp với các thôn …", "(Công an xã chủ trì, Đoàn Thanh niên phối hợp)";
//! - deadlines in running text: "trước ngày 30/6/2026", "trong quý
//!   III/2026", "chậm nhất ngày 15.12.2026".
//!
//! Names are returned as written; `units.rs` says which unit they mean.

use crate::domain::deadline::parse_due;
use crate::domain::task::Due;
use crate::domain::text::{fold, fold_aligned};

use super::super::units::{UnitBook, looks_like_unit};

/// What a text states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duty {
    /// Lead units' names as written (the first leads; others support).
    pub lead: Vec<String>,
    /// Supporting units' names, stated by a label or a "… phối hợp".
    pub support: Vec<String>,
    /// Supporting units met in running text ("phối hợp với đài truyền
    /// thanh xã viết bài …"): a hint, not a statement.
    pub loose_support: Vec<String>,
    /// The deadline wording as written.
    pub due: Option<String>,
    pub output: Option<String>,
}

impl Duty {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.support.is_empty()
            && self.due.is_none()
            && self.output.is_none()
    }

    /// Fill what this one leaves unsaid from `other`.
    pub fn or(mut self, other: &Duty) -> Duty {
        if self.lead.is_empty() {
            self.lead = other.lead.clone();
        }
        if self.support.is_empty() {
            self.support = other.support.clone();
        }
        if self.due.is_none() {
            self.due = other.due.clone();
        }
        if self.output.is_none() {
            self.output = other.output.clone();
        }
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Support,
    Due,
    Output,
}

/// Labels, longest first (folded; a ":" follows them).
const LABELS: &[(&str, Role)] = &[
    ("don vi chu tri thuc hien", Role::Lead),
    ("co quan chu tri thuc hien", Role::Lead),
    ("don vi chu tri", Role::Lead),
    ("co quan chu tri", Role::Lead),
    ("bo phan chu tri", Role::Lead),
    ("chu tri thuc hien", Role::Lead),
    ("chu tri tham muu", Role::Lead),
    ("chu tri", Role::Lead),
    ("don vi thuc hien", Role::Lead),
    ("co quan thuc hien", Role::Lead),
    ("bo phan thuc hien", Role::Lead),
    ("don vi phu trach", Role::Lead),
    ("co quan tham muu", Role::Lead),
    ("don vi tham muu", Role::Lead),
    ("phu trach", Role::Lead),
    ("trach nhiem thuc hien", Role::Lead),
    ("don vi phoi hop thuc hien", Role::Support),
    ("don vi phoi hop", Role::Support),
    ("co quan phoi hop", Role::Support),
    ("bo phan phoi hop", Role::Support),
    ("phoi hop thuc hien", Role::Support),
    ("phoi hop", Role::Support),
    ("thoi gian thuc hien", Role::Due),
    ("thoi gian hoan thanh", Role::Due),
    ("thoi han hoan thanh", Role::Due),
    ("thoi han thuc hien", Role::Due),
    ("tien do thuc hien", Role::Due),
    ("tien do hoan thanh", Role::Due),
    ("han hoan thanh", Role::Due),
    ("thoi gian", Role::Due),
    ("thoi han", Role::Due),
    ("tien do", Role::Due),
    ("hoan thanh", Role::Due),
    ("san pham dau ra", Role::Output),
    ("ket qua dau ra", Role::Output),
    ("san pham", Role::Output),
];

/// A text and its accent-free, lower-case twin, char for char.
struct Twin {
    orig: Vec<char>,
    fold: Vec<char>,
}

impl Twin {
    fn new(s: &str) -> Twin {
        Twin {
            orig: s.chars().collect(),
            fold: fold_aligned(s).chars().collect(),
        }
    }

    fn len(&self) -> usize {
        self.fold.len()
    }

    /// True if the folded text has `word` at char `at`.
    fn has(&self, at: usize, word: &str) -> bool {
        (at..)
            .zip(word.chars())
            .all(|(i, w)| self.fold.get(i) == Some(&w))
    }

    /// True if `word` stands at `i` as a whole word.
    fn word_at(&self, i: usize, word: &str) -> bool {
        let n = word.chars().count();
        self.has(i, word)
            && (i == 0 || !self.fold[i - 1].is_alphanumeric())
            && self.fold.get(i + n).is_none_or(|c| !c.is_alphanumeric())
    }

    /// Where `word` starts at or after `from`, as a whole word.
    fn find(&self, word: &str, from: usize) -> Option<usize> {
        let n = word.chars().count();
        (from..self.len().saturating_sub(n - 1)).find(|&i| self.word_at(i, word))
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.orig[from.min(to)..to.min(self.orig.len())]
            .iter()
            .collect()
    }
}

/// True if a label may start at `i`: the text's start, or after a
/// bracket, a semicolon, a full stop, a comma, a colon or a dash.
fn clause_start(t: &Twin, i: usize) -> bool {
    match t.fold[..i].iter().rev().find(|c| !c.is_whitespace()) {
        None => true,
        Some(c) => matches!(c, '(' | ';' | '.' | ',' | ':' | '-' | '–' | '['),
    }
}

/// The labelled statements of a text: (role, value, where the label began).
fn labelled(t: &Twin) -> Vec<(Role, String, usize)> {
    let mut found: Vec<(Role, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let hit = LABELS.iter().find(|(label, _)| {
            t.word_at(i, label) && clause_start(t, i) && {
                let after = i + label.chars().count();
                let rest: String = t.fold[after..].iter().take(4).collect();
                rest.trim_start().starts_with(':')
            }
        });
        match hit {
            Some((label, role)) => {
                let colon = i + t.fold[i..].iter().position(|c| *c == ':').unwrap_or(0);
                found.push((*role, i, colon + 1));
                i += label.chars().count();
            }
            None => i += 1,
        }
    }
    let mut out = Vec::new();
    for (k, (role, start, from)) in found.iter().enumerate() {
        let limit = found.get(k + 1).map_or(t.len(), |f| f.1);
        let end = (*from..limit)
            .find(|&j| matches!(t.orig[j], ';' | ')' | '\n') || full_stop(t, j))
            .unwrap_or(limit);
        let value = t.text(*from, end);
        let value = value.trim().trim_end_matches([',', '.', ';']).trim();
        if !value.is_empty() {
            out.push((*role, value.to_string(), *start));
        }
    }
    out
}

/// A full stop that ends a sentence ("…, Quý II/2026. Cơ quan …").
fn full_stop(t: &Twin, j: usize) -> bool {
    t.orig[j] == '.'
        && t.orig.get(j + 1) == Some(&' ')
        && t.orig.get(j + 2).is_some_and(|c| c.is_uppercase())
}

/// A line that only states responsibilities or a deadline ("- Đơn vị chủ
/// trì: Văn phòng", "Thời gian thực hiện: Quý II/2026"): what it states.
pub fn duty_line(text: &str) -> Option<Duty> {
    let t = Twin::new(text.trim());
    let found = labelled(&t);
    if found.first().is_none_or(|(_, _, start)| *start > 1) {
        return None;
    }
    let mut d = Duty::default();
    for (role, value, _) in found {
        d.set(role, &value);
    }
    Some(d)
}

impl Duty {
    fn set(&mut self, role: Role, value: &str) {
        match role {
            Role::Lead => self.lead.extend(names(value)),
            Role::Support => self.support.extend(names(value)),
            Role::Due if self.due.is_none() => self.due = Some(value.to_string()),
            Role::Output if self.output.is_none() => self.output = Some(value.to_string()),
            _ => {}
        }
    }
}

/// The unit names of a value: "Văn phòng, Tư pháp và các thôn" → three.
/// Phrases that name no one ("các đơn vị liên quan") are dropped.
pub fn names(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in value.split([';', ',', '\n', '/']) {
        let piece = piece.trim().trim_end_matches('.').trim();
        let f = fold(piece);
        if piece.is_empty() || f.contains("lien quan") || f.starts_with("cac don vi") {
            continue;
        }
        out.push(piece.to_string());
    }
    out
}

/// What a task's own text states: labels (in brackets or not), "Giao X
/// chủ trì", "X chủ trì, Y phối hợp", "phối hợp với X", a deadline.
pub fn inline(text: &str, book: &UnitBook) -> Duty {
    let t = Twin::new(text);
    let mut d = Duty::default();
    for (role, value, _) in labelled(&t) {
        d.set(role, &value);
    }
    if d.lead.is_empty() {
        d.lead.extend(giao(&t, book));
    }
    if d.lead.is_empty() {
        d.lead.extend(subject(&t, "chu tri", book));
    }
    if d.support.is_empty() {
        d.support.extend(subject(&t, "phoi hop", book));
    }
    d.loose_support = after_word(&t, "phoi hop voi", book);
    if d.due.is_none() {
        d.due = due_phrase(text).or_else(|| bracket_due(text));
    }
    d
}

/// "(Văn phòng chủ trì, Công an xã phối hợp; Tháng 9/2026)": a deadline
/// standing alone among the statements in brackets.
fn bracket_due(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map_or(rest.len(), |c| open + c);
        let inner = &rest[open + 1..close];
        let f = fold(inner);
        if f.contains("chu tri") || f.contains("phoi hop") {
            let due = inner
                .split([';', ','])
                .map(str::trim)
                .find(|s| parse_due(s, Some(2000)).is_ok());
            if let Some(d) = due {
                return Some(d.to_string());
            }
        }
        rest = &rest[close.min(rest.len())..];
        if rest.len() <= 1 {
            break;
        }
        rest = &rest[1..];
    }
    None
}

/// The longest run of words from `from` that names a unit on the board,
/// or, when `new` allows, that reads as a unit's name (up to `to`).
fn unit_at(t: &Twin, from: usize, to: usize, book: &UnitBook, new: bool) -> Option<String> {
    let span = t.text(from, to.min(from + 160));
    let words: Vec<&str> = span.split_whitespace().take(12).collect();
    for n in (1..=words.len()).rev() {
        let name = words[..n].join(" ");
        let name = name.trim_end_matches([',', '.', ';', ':']);
        if book.find_strict(name).is_some() {
            return Some(name.to_string());
        }
    }
    let name = span.trim().trim_end_matches([',', '.', ';', ':']).trim();
    (new && words.len() <= 10 && looks_like_unit(name)).then(|| name.to_string())
}

/// "Giao (cho) Phòng Kinh tế chủ trì …", "UBND xã giao Văn phòng tham mưu …".
fn giao(t: &Twin, book: &UnitBook) -> Vec<String> {
    let mut from = 0;
    while let Some(i) = t.find("giao", from) {
        from = i + 4;
        let before: String = t.fold[i.saturating_sub(8)..i].iter().collect();
        let before = before.trim_end();
        if !(clause_start(t, i) || before.ends_with(" xa") || before.ends_with("ubnd")) {
            continue;
        }
        let mut start = i + 5;
        if t.has(start, "cho ") {
            start += 4;
        }
        let end = [
            "chu tri",
            "thuc hien",
            "tham muu",
            "phu trach",
            "trien khai",
            "theo doi",
        ]
        .iter()
        .filter_map(|w| t.find(w, start))
        .min();
        if let Some(end) = end.filter(|e| *e > start)
            && let Some(name) = unit_at(t, start, end, book, true)
        {
            return names(&name);
        }
    }
    Vec::new()
}

/// "Văn phòng chủ trì", "(Công an xã chủ trì, Đoàn Thanh niên phối hợp)":
/// the names before `word` back to the clause's start.
fn subject(t: &Twin, word: &str, book: &UnitBook) -> Vec<String> {
    let mut from = 0;
    while let Some(i) = t.find(word, from) {
        from = i + 1;
        let start = (i.saturating_sub(160)..i)
            .rev()
            .find(|&j| matches!(t.orig[j], '(' | ';' | ',' | ':' | '.' | '\n'))
            .map_or(i.saturating_sub(160), |j| j + 1);
        let span = t.text(start, i);
        let span = span.trim();
        let giao = fold(span);
        let span = match giao.strip_prefix("giao ") {
            Some(_) => span.split_once(' ').map_or("", |(_, r)| r),
            None => span,
        };
        if span.is_empty() || span.split_whitespace().count() > 12 {
            continue;
        }
        if book.find(span).is_some() || looks_like_unit(span) {
            return names(span);
        }
    }
    Vec::new()
}

/// "phối hợp với Đài truyền thanh xã viết bài …": the units named after
/// the words, up to the first word that is not part of a known unit.
fn after_word(t: &Twin, word: &str, book: &UnitBook) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = t.find(word, from) {
        from = i + 1;
        let mut at = i + word.chars().count();
        // "… với Văn phòng, Tư pháp và các thôn …": one after another.
        loop {
            while at < t.len() && t.orig[at] == ' ' {
                at += 1;
            }
            // A unit's name is a few words: look no further than that.
            let limit = (at + 160).min(t.len());
            let end = (at..limit)
                .find(|&j| matches!(t.orig[j], ';' | ')' | '(' | '.' | '\n'))
                .unwrap_or(limit);
            let Some(name) = unit_at(t, at, end, book, false) else {
                break;
            };
            at += name.chars().count();
            out.push(name);
            let rest: String = t.fold[at..].iter().take(5).collect();
            if let Some(skip) = [", ", " va ", " , "].iter().find(|s| rest.starts_with(**s)) {
                at += skip.chars().count();
            } else {
                break;
            }
        }
    }
    out
}

/// Words that start a deadline in running text.
const DUE_LEADS: &[&str] = &[
    "truoc ngay",
    "truoc",
    "cham nhat ngay",
    "cham nhat la ngay",
    "cham nhat",
    "trong quy",
    "trong thang",
    "hoan thanh trong",
    "xong truoc",
];

/// A dated deadline stated in running text ("trước ngày 30/6/2026",
/// "trong quý III/2026"): the words as written, from the lead word to the
/// date, and only when what follows the lead word is itself a date
/// ("trước sắp xếp, trong quý IV/2025" gives "trong quý IV/2025").
pub fn due_phrase(text: &str) -> Option<String> {
    let t = Twin::new(text);
    let mut best: Option<(usize, String)> = None;
    for lead in DUE_LEADS {
        let mut from = 0;
        while let Some(i) = t.find(lead, from) {
            from = i + 1;
            let tail = t.text(i, (i + 80).min(t.len()));
            let words: Vec<&str> = tail.split_whitespace().take(7).collect();
            let lead_words = lead.split(' ').count();
            for n in (lead_words + 1..=words.len()).rev() {
                let phrase = words[..n].join(" ");
                let phrase = phrase.trim_end_matches([',', ';', '.', ')', ':']);
                let next = fold(words[lead_words]);
                let dateish = next.starts_with(|c: char| c.is_ascii_digit())
                    || ["ngay", "quy", "thang", "nam", "6 thang"]
                        .iter()
                        .any(|w| next.starts_with(w))
                    || lead.starts_with("trong ");
                if !dateish || !phrase.ends_with(|c: char| c.is_ascii_digit() || c.is_uppercase()) {
                    continue;
                }
                if parse_due(phrase, Some(2000)).is_ok_and(|p| p.date.is_some())
                    && best.as_ref().is_none_or(|(at, _)| i < *at)
                {
                    best = Some((i, phrase.to_string()));
                    break;
                }
            }
        }
    }
    best.map(|(_, p)| p)
}

/// Words of work done again and again ("Định kỳ hằng tháng", "Hàng
/// quý", "Liên tục"): ongoing work, with no one deadline.
const RECURRING: &[&str] = &[
    "dinh ky",
    "hang ngay",
    "hang tuan",
    "hang thang",
    "hang quy",
    "moi thang",
    "moi quy",
    "lien tuc",
    "thuong xuyen",
];

fn recurring(wording: &str) -> bool {
    let f = fold(wording);
    RECURRING
        .iter()
        .any(|r| f.starts_with(r) || f.contains(&format!(" {r}")))
}

/// A deadline wording read: the date when it is understood, the wording
/// kept either way (`None` when it names no deadline this program knows).
pub fn due_of(wording: &str, year: Option<i32>) -> (Due, bool) {
    let w = wording.trim().trim_end_matches(['.', ';', ',']).trim();
    match parse_due(w, year) {
        Ok(p) => (Due::from_parsed(p, Some(w.to_string())), true),
        Err(_) => match due_phrase(w) {
            Some(p) => due_of(&p, year),
            None if recurring(w) => (
                Due {
                    text: Some(w.to_string()),
                    ..Due::ongoing()
                },
                true,
            ),
            None => (
                Due {
                    kind: None,
                    date: None,
                    text: Some(w.to_string()),
                },
                false,
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::{commune_2025_preset, plan_preset};

    #[test]
    fn responsibility_lines() {
        let d = duty_line("Đơn vị chủ trì: Phòng Văn hóa - Xã hội").unwrap();
        assert_eq!(d.lead, ["Phòng Văn hóa - Xã hội"]);
        let d = duty_line("Thời gian thực hiện: Quý II/2026.").unwrap();
        assert_eq!(d.due.as_deref(), Some("Quý II/2026"));
        let d = duty_line(
            "Chủ trì: Văn phòng; phối hợp: Công an xã, các thôn; thời gian: Tháng 9/2026",
        )
        .unwrap();
        assert_eq!(d.lead, ["Văn phòng"]);
        assert_eq!(d.support, ["Công an xã", "các thôn"]);
        assert_eq!(d.due.as_deref(), Some("Tháng 9/2026"));
        assert_eq!(duty_line("Tổ chức hội nghị đối thoại với nhân dân"), None);
        assert_eq!(
            duty_line("Nội dung tuyên truyền cần tập trung: pháp luật"),
            None
        );
    }

    #[test]
    fn statements_inside_a_task() {
        let book = UnitBook::new(&commune_2025_preset());
        let d = inline(
            "Rà soát thủ tục hành chính (Cơ quan chủ trì: Sở Nội vụ; thời gian: Quý II/2025)",
            &book,
        );
        assert_eq!(
            (d.lead, d.due.as_deref()),
            (vec!["Sở Nội vụ".to_string()], Some("Quý II/2025"))
        );
        let d = inline(
            "Giao Phòng Kinh tế chủ trì công khai quyết toán ngân sách năm 2025",
            &book,
        );
        assert_eq!(d.lead, ["Phòng Kinh tế"]);
        let d = inline(
            "Tổ chức đối thoại với nhân dân (Văn phòng HĐND và UBND chủ trì, Công an xã phối hợp; hoàn thành trước ngày 30/9/2026)",
            &book,
        );
        assert_eq!(d.lead, ["Văn phòng HĐND và UBND"]);
        assert_eq!(d.support, ["Công an xã"]);
        assert_eq!(d.due.as_deref(), Some("trước ngày 30/9/2026"));
        let book = UnitBook::new(&plan_preset());
        let d = inline(
            "Phối hợp với đài truyền thanh xã viết các bài tuyên truyền",
            &book,
        );
        assert_eq!(d.loose_support, ["đài truyền thanh xã"]);
        assert!(d.lead.is_empty() && d.support.is_empty());
    }

    #[test]
    fn deadlines_in_running_text() {
        assert_eq!(
            due_phrase("Hoàn thành báo cáo trước ngày 30/6/2025 để gửi").as_deref(),
            Some("trước ngày 30/6/2025")
        );
        assert_eq!(
            due_phrase("Kiện toàn bộ phận một cửa trước sắp xếp, trong quý IV/2025").as_deref(),
            Some("trong quý IV/2025")
        );
        assert_eq!(
            due_phrase("Theo Nghị định 42/2022/NĐ-CP ngày 24/6/2022"),
            None
        );
        assert_eq!(
            due_phrase("(thời gian: trước ngày 15/8/2026)").as_deref(),
            Some("trước ngày 15/8/2026")
        );
        let (d, ok) = due_of("Hằng năm", Some(2026));
        assert!(ok && d.is_ongoing() && d.text.as_deref() == Some("Hằng năm"));
        let (d, ok) = due_of("Tháng 9/2026", None);
        assert!(ok && d.date == chrono::NaiveDate::from_ymd_opt(2026, 9, 30));
        for w in [
            "Định kỳ hằng tháng",
            "Hàng quý",
            "Thường xuyên, liên tục",
            "Liên tục",
        ] {
            let (d, ok) = due_of(w, Some(2026));
            assert!(ok && d.is_ongoing() && d.text.as_deref() == Some(w), "{w}");
        }
        let (d, ok) = due_of("Theo tiến độ dự án", Some(2026));
        assert!(!ok && d.date.is_none() && d.text.as_deref() == Some("Theo tiến độ dự án"));
    }
}
