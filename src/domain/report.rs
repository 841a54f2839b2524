//! The four standard report classes and the one aggregation that feeds the
//! views, `status` and the exported reports.

use chrono::NaiveDate;
use serde::Serialize;

use super::area::{AREAS, AreaId};
use super::task::{Status, Task, date_of};
use super::unit::Unit;

/// How the Government Office's reports count every task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportClass {
    DoneOnTime,
    DoneLate,
    OpenOnTime,
    OpenOverdue,
}

impl ReportClass {
    pub const ALL: [ReportClass; 4] = [
        ReportClass::DoneOnTime,
        ReportClass::DoneLate,
        ReportClass::OpenOnTime,
        ReportClass::OpenOverdue,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportClass::DoneOnTime => "done_on_time",
            ReportClass::DoneLate => "done_late",
            ReportClass::OpenOnTime => "open_on_time",
            ReportClass::OpenOverdue => "open_overdue",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The class of a task as of `today`.
///
/// - done, with a dated deadline: on time if completed (in Viet Nam time) on
///   or before the deadline, else late; done without a date: on time;
/// - open: overdue only if it has a dated deadline before `today`; ongoing
///   ("Thường xuyên") and undated tasks are never overdue.
pub fn classify(task: &Task, today: NaiveDate) -> ReportClass {
    let deadline = if task.due.is_ongoing() {
        None
    } else {
        task.due.date
    };
    if task.status == Status::Done {
        match (deadline, task.completed_at) {
            (Some(d), Some(at)) if date_of(at) > d => ReportClass::DoneLate,
            _ => ReportClass::DoneOnTime,
        }
    } else {
        match deadline {
            Some(d) if today > d => ReportClass::OpenOverdue,
            _ => ReportClass::OpenOnTime,
        }
    }
}

/// Counts of one group (an area, a unit, or the whole board).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub done_on_time: usize,
    pub done_late: usize,
    pub open_on_time: usize,
    pub open_overdue: usize,
    /// Sum of progress percentages, for the average gauge.
    #[serde(skip)]
    pub progress_sum: u64,
}

impl Counts {
    pub fn add(&mut self, class: ReportClass, progress: u8) {
        self.total += 1;
        self.progress_sum += progress as u64;
        match class {
            ReportClass::DoneOnTime => self.done_on_time += 1,
            ReportClass::DoneLate => self.done_late += 1,
            ReportClass::OpenOnTime => self.open_on_time += 1,
            ReportClass::OpenOverdue => self.open_overdue += 1,
        }
    }

    pub fn get(&self, class: ReportClass) -> usize {
        match class {
            ReportClass::DoneOnTime => self.done_on_time,
            ReportClass::DoneLate => self.done_late,
            ReportClass::OpenOnTime => self.open_on_time,
            ReportClass::OpenOverdue => self.open_overdue,
        }
    }

    pub fn done(&self) -> usize {
        self.done_on_time + self.done_late
    }

    /// Average progress 0–100 (done tasks count as 100).
    pub fn progress(&self) -> u8 {
        (self.progress_sum / self.total.max(1) as u64).min(100) as u8
    }
}

/// The summary of a set of tasks as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub today: NaiveDate,
    pub all: Counts,
    /// Indexed by area id 0–8.
    pub by_area: Vec<Counts>,
    /// In the order of the unit list given, lead unit only.
    pub by_unit: Vec<(String, Counts)>,
    /// Open overdue tasks, most overdue first (then by id).
    pub overdue: Vec<u64>,
    /// Open tasks with a dated deadline within the next `soon_days` days, soonest first.
    pub due_soon: Vec<u64>,
}

/// Aggregate `tasks` as of `today`. Units not in `units` still get a row
/// (named by their code) so that per-unit totals always sum to the total.
pub fn summarize<'a>(
    tasks: impl IntoIterator<Item = &'a Task>,
    units: &[Unit],
    today: NaiveDate,
    soon_days: i64,
) -> Summary {
    let mut all = Counts::default();
    let mut by_area = vec![Counts::default(); AREAS.len()];
    let mut by_unit: Vec<(String, Counts)> = units
        .iter()
        .map(|u| (u.code.clone(), Counts::default()))
        .collect();
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    for t in tasks {
        let class = classify(t, today);
        let progress = if t.status == Status::Done {
            100
        } else {
            t.progress
        };
        all.add(class, progress);
        if let Some(c) = by_area.get_mut(t.area as usize) {
            c.add(class, progress);
        }
        match by_unit.iter_mut().find(|(code, _)| *code == t.lead) {
            Some((_, c)) => c.add(class, progress),
            None => {
                let mut c = Counts::default();
                c.add(class, progress);
                by_unit.push((t.lead.clone(), c));
            }
        }
        if t.status != Status::Done
            && !t.due.is_ongoing()
            && let Some(d) = t.due.date
        {
            if class == ReportClass::OpenOverdue {
                overdue.push((d, t.id));
            } else if (d - today).num_days() <= soon_days {
                due_soon.push((d, t.id));
            }
        }
    }
    overdue.sort();
    due_soon.sort();
    Summary {
        today,
        all,
        by_area,
        by_unit,
        overdue: overdue.into_iter().map(|(_, id)| id).collect(),
        due_soon: due_soon.into_iter().map(|(_, id)| id).collect(),
    }
}

/// Areas in display order (1–8, then 0) with their counts.
pub fn area_rows(s: &Summary) -> impl Iterator<Item = (AreaId, &Counts)> {
    AREAS.iter().map(move |a| (a.id, &s.by_area[a.id as usize]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::DueKind;
    use crate::domain::task::{Due, Task};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ms(date: NaiveDate) -> i64 {
        // noon in Viet Nam
        date.and_hms_opt(5, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis()
    }

    fn task(id: u64, status: Status, due: Due, completed: Option<NaiveDate>) -> Task {
        let mut t = Task::new("t", 1, "vp");
        t.id = id;
        t.status = status;
        t.due = due;
        t.completed_at = completed.map(ms);
        t
    }

    fn dated(date: NaiveDate) -> Due {
        Due {
            kind: Some(DueKind::Date),
            date: Some(date),
            text: None,
        }
    }

    #[test]
    fn classes_on_a_hand_made_board() {
        let today = d(2025, 7, 1);
        let cases = [
            // done before its deadline
            (
                task(1, Status::Done, dated(d(2025, 6, 30)), Some(d(2025, 6, 30))),
                ReportClass::DoneOnTime,
            ),
            // done after its deadline
            (
                task(2, Status::Done, dated(d(2025, 6, 30)), Some(d(2025, 7, 1))),
                ReportClass::DoneLate,
            ),
            // open, deadline passed
            (
                task(3, Status::Doing, dated(d(2025, 6, 30)), None),
                ReportClass::OpenOverdue,
            ),
            // blocked counts as open
            (
                task(4, Status::Blocked, dated(d(2025, 6, 1)), None),
                ReportClass::OpenOverdue,
            ),
            // deadline is today: still on time
            (
                task(5, Status::Todo, dated(today), None),
                ReportClass::OpenOnTime,
            ),
            // ongoing never overdue even with a date
            (
                task(
                    6,
                    Status::Todo,
                    Due {
                        kind: Some(DueKind::Ongoing),
                        date: Some(d(2020, 1, 1)),
                        text: None,
                    },
                    None,
                ),
                ReportClass::OpenOnTime,
            ),
            // no deadline
            (
                task(7, Status::Todo, Due::none(), None),
                ReportClass::OpenOnTime,
            ),
            // done, ongoing: on time
            (
                task(8, Status::Done, Due::ongoing(), Some(d(2026, 1, 1))),
                ReportClass::DoneOnTime,
            ),
        ];
        for (t, want) in &cases {
            assert_eq!(classify(t, today), *want, "task {}", t.id);
        }
        let s = summarize(
            cases.iter().map(|(t, _)| t),
            &crate::domain::unit::plan_preset(),
            today,
            7,
        );
        assert_eq!(s.all.total, 8);
        assert_eq!(
            (
                s.all.done_on_time,
                s.all.done_late,
                s.all.open_on_time,
                s.all.open_overdue
            ),
            (2, 1, 3, 2)
        );
        assert_eq!(s.overdue, vec![4, 3], "most overdue first");
        assert_eq!(s.due_soon, vec![5]);
        assert_eq!(s.by_area[1].total, 8);
        let unit_total: usize = s.by_unit.iter().map(|(_, c)| c.total).sum();
        assert_eq!(unit_total, 8);
    }

    #[test]
    fn unknown_lead_units_still_get_a_row() {
        let mut t = task(1, Status::Todo, Due::none(), None);
        t.lead = "xyz".into();
        let s = summarize([&t], &[], d(2025, 1, 1), 7);
        assert_eq!(
            s.by_unit,
            vec![("xyz".to_string(), {
                let mut c = Counts::default();
                c.add(ReportClass::OpenOnTime, 0);
                c
            })]
        );
    }
}
