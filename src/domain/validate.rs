//! Checking a change against the limits (`limits`) before it is applied:
//! every refusal names its field in the user's language (`refusal::Field`).

use chrono::{Datelike, NaiveDate};

use super::limits::*;
use super::meta::BoardMeta;
use super::refusal::{Field, Refusal};
use super::task::{MAX_EVIDENCE, MAX_TEXT, MAX_TITLE, Task};
use super::unit::Unit;

fn too_long(field: Field, text: &str, max: usize) -> Result<(), Refusal> {
    if text.chars().count() > max {
        return Err(Refusal::TooLong(field, max));
    }
    Ok(())
}

fn too_many(field: Field, n: usize, max: usize) -> Result<(), Refusal> {
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

/// The title, the long texts and the numbers of a task, checked first.
fn check_texts(t: &Task) -> Result<(), Refusal> {
    if t.title.trim().is_empty() {
        return Err(Refusal::EmptyTitle);
    }
    too_long(Field::Title, &t.title, MAX_TITLE)?;
    too_long(Field::Description, &t.description, MAX_TEXT)?;
    too_long(Field::Output, &t.output, MAX_TEXT)?;
    for n in &t.notes {
        too_long(Field::Note, &n.text, MAX_TEXT)?;
    }
    too_long(Field::Proposal, &t.proposal, MAX_TEXT)?;
    for p in &t.problems {
        too_long(Field::Problem, &p.text, MAX_TEXT)?;
        too_long(Field::Author, &p.author, MAX_AUTHOR)?;
    }
    if !t.area.is_known() {
        return Err(Refusal::BadArea(t.area));
    }
    if t.progress > 100 {
        return Err(Refusal::BadProgress(t.progress));
    }
    Ok(())
}

/// The fields of a task that need no board to check (its units do).
pub fn check_task(t: &Task) -> Result<(), Refusal> {
    check_texts(t)?;
    too_long(Field::Sub, t.sub.as_deref().unwrap_or(""), MAX_SUB)?;
    too_long(
        Field::Evidence,
        t.evidence.as_deref().unwrap_or(""),
        MAX_EVIDENCE,
    )?;
    too_long(
        Field::Due,
        t.due.text.as_deref().unwrap_or(""),
        MAX_DUE_TEXT,
    )?;
    if let Some(d) = t.due.date {
        sane_date(d)?;
    }
    too_many(Field::Support, t.support.len(), MAX_SUPPORT)?;
    too_many(Field::Checklist, t.checklist.len(), MAX_CHECKLIST)?;
    for item in &t.checklist {
        too_long(Field::Checklist, &item.text, MAX_ITEM)?;
    }
    too_many(Field::Notes, t.notes.len(), MAX_NOTES)?;
    too_many(Field::Problem, t.problems.len(), MAX_NOTES)?;
    for n in &t.notes {
        too_long(Field::Author, &n.author, MAX_AUTHOR)?;
    }
    Ok(())
}

/// A unit's name (its code is checked by `unit::valid_code`).
pub fn check_unit(u: &Unit) -> Result<(), Refusal> {
    if u.name.trim().is_empty() {
        return Err(Refusal::EmptyUnitName);
    }
    too_long(Field::UnitName, &u.name, MAX_UNIT_NAME)
}

/// Plan details. Year 0 means "not set yet" (a board being made).
pub fn check_meta(m: &BoardMeta) -> Result<(), Refusal> {
    too_long(Field::PlanNumber, &m.number, MAX_PLAN_NUMBER)?;
    too_long(Field::PlanDate, &m.date, MAX_PLAN_DATE)?;
    too_long(Field::Commune, &m.commune, MAX_COMMUNE)?;
    too_long(Field::PlanTitle, &m.title, MAX_PLAN_TITLE)?;
    too_long(Field::Target, &m.target, MAX_TARGET)?;
    let s = &m.signing;
    too_long(Field::Signer, &s.signer, super::signing::MAX_LINE)?;
    for (field, lines) in [
        (Field::Issuer, &s.issuer),
        (Field::SignerTitle, &s.title),
        (Field::Recipients, &s.recipients),
    ] {
        too_many(field, lines.len(), super::signing::MAX_LINES)?;
        for line in lines {
            too_long(field, line, super::signing::MAX_LINE)?;
        }
    }
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
        let cases: Vec<(Set<'_>, usize, Field)> = vec![
            (Box::new(|t, n| t.sub = Some(at(n))), MAX_SUB, Field::Sub),
            (
                Box::new(|t, n| t.evidence = Some(at(n))),
                MAX_EVIDENCE,
                Field::Evidence,
            ),
            (
                Box::new(|t, n| t.due.text = Some(at(n))),
                MAX_DUE_TEXT,
                Field::Due,
            ),
            (
                Box::new(|t, n| t.notes = vec![Note::new(0, &at(n), "")]),
                MAX_AUTHOR,
                Field::Author,
            ),
            (
                Box::new(|t, n| {
                    t.checklist = vec![CheckItem {
                        text: at(n),
                        done: false,
                    }]
                }),
                MAX_ITEM,
                Field::Checklist,
            ),
        ];
        for (set, max, field) in cases {
            let mut t = ok.clone();
            set(&mut t, max);
            assert_eq!(check_task(&t), Ok(()), "{field:?} at its limit");
            set(&mut t, max + 1);
            assert_eq!(
                check_task(&t),
                Err(Refusal::TooLong(field, max)),
                "{field:?}"
            );
        }
        let mut t = ok.clone();
        t.support = vec!["vp".into(); MAX_SUPPORT + 1];
        assert_eq!(
            check_task(&t),
            Err(Refusal::TooMany(Field::Support, MAX_SUPPORT))
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
            Err(Refusal::TooMany(Field::Checklist, MAX_CHECKLIST))
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
            Err(Refusal::TooLong(Field::UnitName, MAX_UNIT_NAME))
        );
    }
}
