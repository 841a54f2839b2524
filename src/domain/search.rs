//! Search that ignores accents, shared by the board's `/` and `papi-board
//! list --search`: every word must occur in the task's folded text (title,
//! description, notes, output, unit names), and the markers of quick-add
//! narrow further: `@CODE` unit (lead or supporting), `#N` area,
//! `status:doing` (or the Vietnamese words: `status:dang`, `tt:vuong`),
//! `!overdue` / `!quahan`, `!week` / `!tuan` (due within 7 days).

use chrono::NaiveDate;

use super::area::AreaId;
use super::board::Board;
use super::report::{ReportClass, classify};
use super::task::{Status, Task};
use super::text::fold;
use super::unit::{UnitCode, resolve};

/// What `!week` covers: today and the next seven days. It names a week,
/// so it stays a week whatever the settings' due-soon window is.
const WEEK_DAYS: i64 = 7;

/// A parsed search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words; all must occur.
    pub words: Vec<String>,
    pub unit: Option<UnitCode>,
    pub area: Option<AreaId>,
    pub status: Option<Status>,
    pub overdue: bool,
    pub week: bool,
    /// Markers that meant nothing (shown to the user, ignored).
    pub unknown: Vec<String>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.unit.is_none()
            && self.area.is_none()
            && self.status.is_none()
            && !self.overdue
            && !self.week
    }

    /// True if every match of `self` is also a match of `prev` (so a search
    /// can narrow the previous results instead of scanning everything).
    pub fn narrows(&self, prev: &Query) -> bool {
        prev.words
            .iter()
            .all(|w| self.words.iter().any(|x| x.contains(w.as_str())))
            && (prev.unit.is_none() || prev.unit == self.unit)
            && (prev.area.is_none() || prev.area == self.area)
            && (prev.status.is_none() || prev.status == self.status)
            && (!prev.overdue || self.overdue)
            && (!prev.week || self.week)
    }
}

fn status_word(w: &str) -> Option<Status> {
    Some(match w {
        "todo" | "chua" | "chuathuchien" => Status::Todo,
        "doing" | "dang" | "dangthuchien" => Status::Doing,
        "blocked" | "vuong" | "vuongmac" => Status::Blocked,
        "done" | "xong" | "hoanthanh" => Status::Done,
        _ => return None,
    })
}

/// Parse what was typed in the search box.
pub fn parse_query(input: &str, board: &Board) -> Query {
    let mut q = Query::default();
    for token in input.split_whitespace() {
        let f = fold(token);
        if let Some(rest) = token.strip_prefix('@').filter(|r| !r.is_empty()) {
            match resolve(&board.units, rest) {
                Some(u) => q.unit = Some(u.code.clone()),
                None => q.unknown.push(token.to_string()),
            }
        } else if let Some(rest) = f.strip_prefix('#').filter(|r| r.parse::<u8>().is_ok()) {
            match AreaId::parse(rest) {
                Some(a) => q.area = Some(a),
                None => q.unknown.push(token.to_string()),
            }
        } else if let Some(rest) = f
            .strip_prefix("status:")
            .or_else(|| f.strip_prefix("tt:"))
            .or_else(|| f.strip_prefix("tinhtrang:"))
        {
            match status_word(&rest.replace(['_', '-'], "")) {
                Some(s) => q.status = Some(s),
                None => q.unknown.push(token.to_string()),
            }
        } else if let Some(rest) = f.strip_prefix('!').filter(|r| !r.is_empty()) {
            match rest {
                "overdue" | "quahan" => q.overdue = true,
                "week" | "tuan" => q.week = true,
                _ => q.unknown.push(token.to_string()),
            }
        } else if !f.is_empty() {
            q.words.push(f);
        }
    }
    q
}

/// The text a task is searched in, folded once: title, description,
/// notes, output, and the names and codes of its units.
pub fn haystack(t: &Task, board: &Board) -> String {
    let mut s = String::with_capacity(t.title.len() + t.description.len() + 64);
    s.push_str(&t.title);
    s.push('\n');
    s.push_str(&t.description);
    for n in &t.notes {
        s.push('\n');
        s.push_str(&n.text);
    }
    s.push('\n');
    s.push_str(&t.output);
    for code in std::iter::once(&t.lead).chain(t.support.iter()) {
        s.push('\n');
        s.push_str(code);
        if let Some(u) = board.unit(code) {
            s.push(' ');
            s.push_str(&u.name);
        }
    }
    fold(&s)
}

/// Does the task match? `folded` is its `haystack`.
pub fn matches(q: &Query, t: &Task, folded: &str, today: NaiveDate) -> bool {
    if q.area.is_some_and(|a| t.area != a)
        || q.status.is_some_and(|s| t.status != s)
        || q.unit.as_deref().is_some_and(|u| !t.involves(u))
    {
        return false;
    }
    if q.overdue && classify(t, today) != ReportClass::OpenOverdue {
        return false;
    }
    if q.week {
        let soon = t.status != Status::Done
            && !t.due.is_ongoing()
            && t.due
                .date
                .is_some_and(|d| (0..=WEEK_DAYS).contains(&(d - today).num_days()));
        if !soon {
            return false;
        }
    }
    q.words.iter().all(|w| folded.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::BoardMeta;
    use crate::domain::deadline::DueKind;
    use crate::domain::task::Due;
    use crate::domain::unit::plan_preset;

    fn board() -> Board {
        let mut b = Board::new(BoardMeta::default(), plan_preset());
        let mut add = |id: u64,
                       title: &str,
                       area: u8,
                       lead: &str,
                       status: Status,
                       due: Option<(u32, u32)>| {
            let mut t = Task::new(title, area, lead);
            t.id = id;
            t.status = status;
            if let Some((d, m)) = due {
                t.due = Due {
                    kind: Some(DueKind::Date),
                    date: NaiveDate::from_ymd_opt(2025, m, d),
                    text: None,
                };
            }
            b.tasks.insert(id, std::sync::Arc::new(t));
        };
        add(
            1,
            "Tuyên truyền pháp luật về đất đai",
            3,
            "tp",
            Status::Doing,
            Some((30, 6)),
        );
        add(
            2,
            "Đăng ký hộ tịch trực tuyến",
            8,
            "tp",
            Status::Todo,
            Some((5, 7)),
        );
        add(
            3,
            "Công khai danh sách hộ nghèo",
            2,
            "vhxh",
            Status::Todo,
            None,
        );
        add(
            4,
            "Thu gom rac thai",
            7,
            "dc",
            Status::Blocked,
            Some((1, 12)),
        );
        b
    }

    fn find(b: &Board, input: &str) -> Vec<u64> {
        let q = parse_query(input, b);
        let today = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        b.tasks
            .values()
            .filter(|t| matches(&q, t, &haystack(t, b), today))
            .map(|t| t.id)
            .collect()
    }

    #[test]
    fn accents_and_case_are_ignored_on_both_sides() {
        let b = board();
        assert_eq!(find(&b, "tuyen truyen"), vec![1]);
        assert_eq!(find(&b, "dat dai"), vec![1]);
        assert_eq!(find(&b, "DANG KY"), vec![2]);
        assert_eq!(find(&b, "ho ngheo"), vec![3]);
        // Typed with accents, stored without.
        assert_eq!(find(&b, "rác thải"), vec![4]);
        // A decomposed (NFD) query finds composed text.
        assert_eq!(find(&b, "Tuye\u{0302}n truye\u{0302}\u{0300}n"), vec![1]);
        // Every word must match, in any order.
        assert_eq!(find(&b, "phap luat dai"), vec![1]);
        assert_eq!(find(&b, "phap luat ngheo"), Vec::<u64>::new());
        // Unit names are searched too.
        assert_eq!(find(&b, "dia chinh"), vec![4]);
    }

    #[test]
    fn markers_narrow_and_combine_with_words() {
        let b = board();
        assert_eq!(find(&b, "@tp"), vec![1, 2]);
        assert_eq!(find(&b, "@tu truc tuyen"), vec![2]);
        assert_eq!(find(&b, "#7"), vec![4]);
        assert_eq!(find(&b, "status:doing"), vec![1]);
        assert_eq!(find(&b, "tt:vuong"), vec![4]);
        assert_eq!(find(&b, "status:dang"), vec![1]);
        assert_eq!(find(&b, "!overdue"), vec![1]);
        assert_eq!(find(&b, "!quahan @tp"), vec![1]);
        assert_eq!(find(&b, "!tuan"), vec![2]);
        assert_eq!(find(&b, "!week dang ky"), vec![2]);
        let q = parse_query("#12 @khongco status:xyz !later", &b);
        assert_eq!(q.unknown.len(), 4);
    }

    #[test]
    fn narrowing_is_detected() {
        let b = board();
        let a = parse_query("tuyen", &b);
        let c = parse_query("tuyen truyen", &b);
        let d = parse_query("tuyen @tp", &b);
        assert!(c.narrows(&a) && d.narrows(&a));
        assert!(!a.narrows(&c));
        assert!(parse_query("tuyenx", &b).narrows(&a));
    }
}
