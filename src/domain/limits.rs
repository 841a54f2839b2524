//! Limits at the boundaries: the longest text each field takes, how many
//! items a list holds, and the range of dates and years. `Board::apply`
//! refuses a change beyond them with a message, so nothing oversized or
//! absurd is stored, whichever way it came in (keyboard, command line,
//! import, SSH). Title, description, output and notes are checked in
//! `Board::validate` (`task::MAX_TITLE`, `task::MAX_TEXT`).

use chrono::{Datelike, NaiveDate};

use super::board::{BoardMeta, Refusal};
use super::task::{MAX_EVIDENCE, Task};
use super::unit::Unit;

/// Sub-dimension (nội dung thành phần) name.
pub const MAX_SUB: usize = 300;
/// A deadline as written ("Quý II/2025", "Thường xuyên, báo cáo hằng quý…").
pub const MAX_DUE_TEXT: usize = 500;
/// Supporting units of one task.
pub const MAX_SUPPORT: usize = 40;
/// The author name stamped on a note.
pub const MAX_AUTHOR: usize = 64;
/// Checklist items of one task (each at most `board::MAX_ITEM` chars).
pub const MAX_CHECKLIST: usize = 300;
/// Notes on one task: a year of weekly notes is about 50.
pub const MAX_NOTES: usize = 5_000;
/// A unit's name.
pub const MAX_UNIT_NAME: usize = 200;
/// Plan details: number, date as written, commune, title, target.
pub const MAX_PLAN_NUMBER: usize = 100;
pub const MAX_PLAN_DATE: usize = 50;
pub const MAX_COMMUNE: usize = 200;
pub const MAX_PLAN_TITLE: usize = 1_000;
pub const MAX_TARGET: usize = 5_000;
/// Deadlines and plan years lie in these years.
pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2100;

fn too_long(field: &'static str, text: &str, max: usize) -> Result<(), Refusal> {
    if text.chars().count() > max {
        return Err(Refusal::TooLong(field, max));
    }
    Ok(())
}

fn too_many(field: &'static str, n: usize, max: usize) -> Result<(), Refusal> {
    if n > max {
        return Err(Refusal::TooMany(field, max));
    }
    Ok(())
}

/// A date a deadline may have.
pub fn sane_date(d: NaiveDate) -> Result<(), Refusal> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) {
        Ok(())
    } else {
        Err(Refusal::DateOutOfRange(d))
    }
}

/// The fields `Board::validate` does not check itself.
pub fn check_task(t: &Task) -> Result<(), Refusal> {
    too_long("sub", t.sub.as_deref().unwrap_or(""), MAX_SUB)?;
    too_long(
        "evidence",
        t.evidence.as_deref().unwrap_or(""),
        MAX_EVIDENCE,
    )?;
    too_long("due", t.due.text.as_deref().unwrap_or(""), MAX_DUE_TEXT)?;
    if let Some(d) = t.due.date {
        sane_date(d)?;
    }
    too_many("support", t.support.len(), MAX_SUPPORT)?;
    too_many("checklist", t.checklist.len(), MAX_CHECKLIST)?;
    for item in &t.checklist {
        too_long("checklist", &item.text, super::board::MAX_ITEM)?;
    }
    too_many("notes", t.notes.len(), MAX_NOTES)?;
    for n in &t.notes {
        too_long("author", &n.author, MAX_AUTHOR)?;
    }
    Ok(())
}

/// A unit's name (its code is checked by `unit_ops::valid_code`).
pub fn check_unit(u: &Unit) -> Result<(), Refusal> {
    if u.name.trim().is_empty() {
        return Err(Refusal::EmptyUnitName);
    }
    too_long("name", &u.name, MAX_UNIT_NAME)
}

/// Plan details. Year 0 means "not set yet" (a board being made).
pub fn check_meta(m: &BoardMeta) -> Result<(), Refusal> {
    too_long("number", &m.number, MAX_PLAN_NUMBER)?;
    too_long("date", &m.date, MAX_PLAN_DATE)?;
    too_long("commune", &m.commune, MAX_COMMUNE)?;
    too_long("title", &m.title, MAX_PLAN_TITLE)?;
    too_long("target", &m.target, MAX_TARGET)?;
    if m.year != 0 && !(FIRST_YEAR..=LAST_YEAR).contains(&m.year) {
        return Err(Refusal::YearOutOfRange(m.year));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::{CheckItem, Note};

    #[test]
    fn every_limit_refuses_one_past_it_and_takes_it_exactly() {
        let ok = Task::new("Việc", 1, "vp");
        assert_eq!(check_task(&ok), Ok(()));
        let at = |n: usize| "ư".repeat(n);
        type Set<'a> = Box<dyn Fn(&mut Task, usize) + 'a>;
        let cases: Vec<(Set<'_>, usize, &str)> = vec![
            (Box::new(|t, n| t.sub = Some(at(n))), MAX_SUB, "sub"),
            (
                Box::new(|t, n| t.evidence = Some(at(n))),
                MAX_EVIDENCE,
                "evidence",
            ),
            (
                Box::new(|t, n| t.due.text = Some(at(n))),
                MAX_DUE_TEXT,
                "due",
            ),
            (
                Box::new(|t, n| {
                    t.notes = vec![Note {
                        at: 0,
                        author: at(n),
                        text: String::new(),
                    }]
                }),
                MAX_AUTHOR,
                "author",
            ),
            (
                Box::new(|t, n| {
                    t.checklist = vec![CheckItem {
                        text: at(n),
                        done: false,
                    }]
                }),
                crate::domain::board::MAX_ITEM,
                "checklist",
            ),
        ];
        for (set, max, field) in cases {
            let mut t = ok.clone();
            set(&mut t, max);
            assert_eq!(check_task(&t), Ok(()), "{field} at its limit");
            set(&mut t, max + 1);
            assert_eq!(check_task(&t), Err(Refusal::TooLong(field, max)), "{field}");
        }
        let mut t = ok.clone();
        t.support = vec!["vp".into(); MAX_SUPPORT + 1];
        assert_eq!(
            check_task(&t),
            Err(Refusal::TooMany("support", MAX_SUPPORT))
        );
        t = ok.clone();
        t.checklist = vec![
            CheckItem {
                text: "x".into(),
                done: false
            };
            MAX_CHECKLIST + 1
        ];
        assert_eq!(
            check_task(&t),
            Err(Refusal::TooMany("checklist", MAX_CHECKLIST))
        );
    }

    #[test]
    fn dates_and_years_stay_in_range() {
        let d = |y| NaiveDate::from_ymd_opt(y, 6, 30).unwrap();
        let mut t = Task::new("Việc", 1, "vp");
        for (y, ok) in [
            (1989, false),
            (1990, true),
            (2025, true),
            (2100, true),
            (2101, false),
        ] {
            t.due.date = Some(d(y));
            assert_eq!(check_task(&t).is_ok(), ok, "{y}");
        }
        t.due.date = Some(d(9999));
        assert_eq!(check_task(&t), Err(Refusal::DateOutOfRange(d(9999))));
        let mut m = BoardMeta::default();
        assert_eq!(check_meta(&m), Ok(()), "year not set yet");
        m.year = 2025;
        assert_eq!(check_meta(&m), Ok(()));
        m.year = 20250;
        assert_eq!(check_meta(&m), Err(Refusal::YearOutOfRange(20250)));
    }

    #[test]
    fn units_need_a_name_of_sane_length() {
        assert_eq!(check_unit(&Unit::new("dc", "Địa chính")), Ok(()));
        assert_eq!(
            check_unit(&Unit::new("dc", "  ")),
            Err(Refusal::EmptyUnitName)
        );
        assert_eq!(
            check_unit(&Unit::new("dc", &"a".repeat(MAX_UNIT_NAME + 1))),
            Err(Refusal::TooLong("name", MAX_UNIT_NAME))
        );
    }
}
