//! Report periods (kỳ báo cáo): the quarter, the first six or nine months,
//! the year, or any span of days, as communes report them; and a task as
//! it stood on a past day, so a period's report counts the classes as of
//! the period's last day.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::Lang;
use super::task::{Millis, Status, Task, board_offset, date_of};

/// Which span a period is, for naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// Quarter 1–4 of a year.
    Quarter(i32, u8),
    /// The first (1) or last (2) six months of a year.
    Half(i32, u8),
    /// The first nine months of a year.
    NineMonths(i32),
    Year(i32),
    /// Any span of days.
    Days,
}

/// A report period: every day from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The last day of a month.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

/// A day as written on the command line: `2025-06-30` or `30/6/2025`
/// (also with `.` or `-` between day, month and year).
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let y: i32 = y.parse().ok()?;
    (1000..=9999)
        .contains(&y)
        .then(|| ymd(y, m.parse().ok()?, d.parse().ok()?))?
}

/// Noon (in Viet Nam) of a day: the time given to a note dated by hand.
pub fn noon_of(day: NaiveDate) -> Millis {
    day.and_hms_opt(12, 0, 0)
        .and_then(|t| t.and_local_timezone(board_offset()).single())
        .map_or(0, |t| t.timestamp_millis())
}

impl Period {
    fn of(kind: PeriodKind) -> Option<Period> {
        let (from, to) = match kind {
            PeriodKind::Quarter(y, q) => {
                let m = 3 * q as u32;
                (ymd(y, m - 2, 1)?, month_end(y, m)?)
            }
            PeriodKind::Half(y, h) => {
                let m = 6 * h as u32;
                (ymd(y, m - 5, 1)?, month_end(y, m)?)
            }
            PeriodKind::NineMonths(y) => (ymd(y, 1, 1)?, ymd(y, 9, 30)?),
            PeriodKind::Year(y) => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
            PeriodKind::Days => return None,
        };
        Some(Period { kind, from, to })
    }

    /// `2025-Q2`, `2025-H1`, `2025-H2`, `2025-9M`, `2025`, or
    /// `FROM..TO` (days as `parse_day` reads them). None when not one.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim().to_ascii_uppercase();
        if let Some((a, b)) = s.split_once("..") {
            let (from, to) = (parse_day(a)?, parse_day(b)?);
            return (from <= to).then_some(Period {
                kind: PeriodKind::Days,
                from,
                to,
            });
        }
        let (year, rest) = s.split_once('-').unwrap_or((&s, ""));
        let y: i32 = year.parse().ok().filter(|y| (1990..=2100).contains(y))?;
        let kind = match rest {
            "" => PeriodKind::Year(y),
            "Q1" | "Q2" | "Q3" | "Q4" => PeriodKind::Quarter(y, rest[1..].parse().ok()?),
            "H1" | "H2" => PeriodKind::Half(y, rest[1..].parse().ok()?),
            "9M" => PeriodKind::NineMonths(y),
            _ => return None,
        };
        Period::of(kind)
    }

    /// The day classes are counted on: the period's last day, or `today`
    /// if that comes first (a quarter reported before it ends).
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.to.min(today)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// Does a span of time (open-ended when `until` is None) meet the period?
    pub fn meets(&self, since: Millis, until: Option<Millis>) -> bool {
        date_of(since) <= self.to && until.is_none_or(|u| date_of(u) >= self.from)
    }

    /// The period after this one, for "nhiệm vụ kỳ tới": the next quarter,
    /// the second half after the first, the fourth quarter after nine
    /// months, the next year; a span of days is followed by one as long.
    pub fn next(&self) -> Period {
        let after = |kind| Period::of(kind).unwrap_or(*self);
        match self.kind {
            PeriodKind::Quarter(y, 4) => after(PeriodKind::Quarter(y + 1, 1)),
            PeriodKind::Quarter(y, q) => after(PeriodKind::Quarter(y, q + 1)),
            PeriodKind::Half(y, 1) => after(PeriodKind::Half(y, 2)),
            PeriodKind::Half(y, _) => after(PeriodKind::Half(y + 1, 1)),
            PeriodKind::NineMonths(y) => after(PeriodKind::Quarter(y, 4)),
            PeriodKind::Year(y) => after(PeriodKind::Year(y + 1)),
            PeriodKind::Days => {
                let len = self.to - self.from;
                let from = self.to.succ_opt().unwrap_or(self.to);
                Period {
                    kind: PeriodKind::Days,
                    from,
                    to: from + len,
                }
            }
        }
    }

    /// The period as a report names it: "quý II năm 2025", "6 tháng đầu
    /// năm 2025", "từ ngày 01/04/2025 đến ngày 15/05/2025"; in English
    /// "the second quarter of 2025", ….
    pub fn name(&self, lang: Lang) -> String {
        let day = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
        match (self.kind, lang) {
            (PeriodKind::Quarter(y, q), Lang::Vi) => {
                format!("quý {} năm {y}", ROMAN[q as usize - 1])
            }
            (PeriodKind::Half(y, 1), Lang::Vi) => format!("6 tháng đầu năm {y}"),
            (PeriodKind::Half(y, _), Lang::Vi) => format!("6 tháng cuối năm {y}"),
            (PeriodKind::NineMonths(y), Lang::Vi) => format!("9 tháng đầu năm {y}"),
            (PeriodKind::Year(y), Lang::Vi) => format!("năm {y}"),
            (PeriodKind::Days, Lang::Vi) => {
                format!("từ ngày {} đến ngày {}", day(self.from), day(self.to))
            }
            (PeriodKind::Quarter(y, q), Lang::En) => {
                let nth = ["first", "second", "third", "fourth"][q as usize - 1];
                format!("the {nth} quarter of {y}")
            }
            (PeriodKind::Half(y, 1), Lang::En) => format!("the first half of {y}"),
            (PeriodKind::Half(y, _), Lang::En) => format!("the second half of {y}"),
            (PeriodKind::NineMonths(y), Lang::En) => format!("the first nine months of {y}"),
            (PeriodKind::Year(y), Lang::En) => format!("the year {y}"),
            (PeriodKind::Days, Lang::En) => format!("{} to {}", day(self.from), day(self.to)),
        }
    }

    /// The short code `parse` reads back: "2025-Q2", "2025-H1", "2025".
    pub fn code(&self) -> String {
        let d = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        match self.kind {
            PeriodKind::Quarter(y, q) => format!("{y}-Q{q}"),
            PeriodKind::Half(y, h) => format!("{y}-H{h}"),
            PeriodKind::NineMonths(y) => format!("{y}-9M"),
            PeriodKind::Year(y) => format!("{y}"),
            PeriodKind::Days => format!("{}..{}", d(self.from), d(self.to)),
        }
    }

    /// The quarter a day falls in.
    pub fn quarter_of(d: NaiveDate) -> Period {
        let q = d.month0() / 3 + 1;
        Period::of(PeriodKind::Quarter(d.year(), q as u8)).expect("a quarter of a real day")
    }
}

/// The task as it stood at the end of `day`, as far as the board knows:
/// done only if it was completed by then; in Vướng mắc if a difficulty
/// was open then. Other fields are today's (the board keeps no earlier
/// progress or wording). Unchanged tasks are borrowed, not copied.
pub fn as_of(t: &Task, day: NaiveDate) -> Cow<'_, Task> {
    let done = t.status == Status::Done && t.completed_at.is_none_or(|c| date_of(c) <= day);
    // In Vướng mắc then: a difficulty was open that day; or the task is in
    // Vướng mắc without a dated one (restored exactly as an older build had
    // it), which is taken as blocked all along.
    let blocked_then = |t: &Task| {
        t.problems
            .iter()
            .any(|p| date_of(p.since) <= day && p.until.is_none_or(|u| date_of(u) > day))
            || (t.status == Status::Blocked && t.problem().is_none())
    };
    let status = if done {
        Status::Done
    } else if blocked_then(t) {
        Status::Blocked
    } else if matches!(t.status, Status::Done | Status::Blocked) {
        Status::Doing
    } else {
        t.status
    };
    if status == t.status {
        return Cow::Borrowed(t);
    }
    let mut then = t.clone();
    then.status = status;
    if !done {
        then.completed_at = None;
    }
    Cow::Owned(then)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::Problem;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day).unwrap()
    }

    #[test]
    fn periods_parse_name_and_follow_each_other() {
        let cases = [
            ("2025-Q2", d(2025, 4, 1), d(2025, 6, 30), "quý II năm 2025"),
            (
                "2025-q4",
                d(2025, 10, 1),
                d(2025, 12, 31),
                "quý IV năm 2025",
            ),
            (
                "2025-H1",
                d(2025, 1, 1),
                d(2025, 6, 30),
                "6 tháng đầu năm 2025",
            ),
            (
                "2025-H2",
                d(2025, 7, 1),
                d(2025, 12, 31),
                "6 tháng cuối năm 2025",
            ),
            (
                "2025-9M",
                d(2025, 1, 1),
                d(2025, 9, 30),
                "9 tháng đầu năm 2025",
            ),
            ("2025", d(2025, 1, 1), d(2025, 12, 31), "năm 2025"),
            (
                "2025-04-01..15/5/2025",
                d(2025, 4, 1),
                d(2025, 5, 15),
                "từ ngày 01/04/2025 đến ngày 15/05/2025",
            ),
        ];
        for (code, from, to, name) in cases {
            let p = Period::parse(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!((p.from, p.to, p.name(Lang::Vi).as_str()), (from, to, name));
            assert_eq!(Period::parse(&p.code()), Some(p), "{code} reads back");
        }
        for bad in [
            "2025-Q5",
            "2025-Q0",
            "Q2",
            "2025-H3",
            "25",
            "2025-06-30..2025-01-01",
            "",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let q2 = Period::parse("2025-Q2").unwrap();
        assert_eq!(q2.next().name(Lang::Vi), "quý III năm 2025");
        assert_eq!(Period::parse("2025-Q4").unwrap().next().code(), "2026-Q1");
        assert_eq!(Period::parse("2025-H1").unwrap().next().code(), "2025-H2");
        assert_eq!(Period::parse("2025-9M").unwrap().next().code(), "2025-Q4");
        assert_eq!(q2.name(Lang::En), "the second quarter of 2025");
        // Reported before it ends: classes as of today.
        assert_eq!(q2.as_of(d(2025, 6, 20)), d(2025, 6, 20));
        assert_eq!(q2.as_of(d(2025, 7, 5)), d(2025, 6, 30));
        assert_eq!(Period::quarter_of(d(2025, 8, 31)).code(), "2025-Q3");
    }

    #[test]
    fn days_read_both_ways_and_noon_is_that_day_in_viet_nam() {
        assert_eq!(parse_day("2025-06-30"), Some(d(2025, 6, 30)));
        assert_eq!(parse_day("5/7/2025"), Some(d(2025, 7, 5)));
        assert_eq!(parse_day("05.07.2025"), Some(d(2025, 7, 5)));
        assert_eq!(parse_day("31/6/2025"), None);
        assert_eq!(parse_day("5/7/25"), None);
        assert_eq!(date_of(noon_of(d(2025, 6, 30))), d(2025, 6, 30));
    }

    #[test]
    fn a_task_as_it_stood_on_a_past_day() {
        let at = |y, m, day| noon_of(d(y, m, day));
        let mut t = Task::new("Niêm yết", 2, "vhxh");
        t.status = Status::Done;
        t.completed_at = Some(at(2025, 7, 10));
        assert_eq!(as_of(&t, d(2025, 6, 30)).status, Status::Doing);
        assert_eq!(as_of(&t, d(2025, 6, 30)).completed_at, None);
        assert!(matches!(as_of(&t, d(2025, 7, 10)), Cow::Borrowed(_)));
        // Blocked from 1/6 to 5/7, now in progress: blocked on 30/6.
        t.status = Status::Doing;
        t.completed_at = None;
        t.problems = vec![Problem {
            text: "Thiếu kinh phí".into(),
            author: "lan".into(),
            since: at(2025, 6, 1),
            until: Some(at(2025, 7, 5)),
        }];
        assert_eq!(as_of(&t, d(2025, 6, 30)).status, Status::Blocked);
        assert_eq!(as_of(&t, d(2025, 5, 31)).status, Status::Doing);
        assert_eq!(as_of(&t, d(2025, 7, 5)).status, Status::Doing);
        // Blocked since 2/7: not yet on 30/6.
        t.status = Status::Blocked;
        t.problems[0].until = None;
        t.problems[0].since = at(2025, 7, 2);
        assert_eq!(as_of(&t, d(2025, 6, 30)).status, Status::Doing);
        let q2 = Period::parse("2025-Q2").unwrap();
        assert!(!q2.meets(at(2025, 7, 2), None));
        assert!(q2.meets(at(2025, 6, 2), Some(at(2025, 7, 2))));
        assert!(!q2.meets(at(2025, 1, 2), Some(at(2025, 3, 31))));
    }
}
