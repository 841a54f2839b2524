//! The four standard report classes and the one aggregation that feeds the
//! views, `status` and the exported reports.

use chrono::NaiveDate;
use serde::Serialize;

use super::area::{AREAS, AreaId};
use super::digest::{Digest, UnitIndex};
use super::task::{Status, Task, date_of};
use super::unit::{Unit, UnitCode};

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
    let done = task.status == Status::Done;
    class_of(done, deadline, task.completed_at.map(date_of), today)
}

/// The rule of `classify`, on a task's parts (also used on digests).
pub fn class_of(
    done: bool,
    deadline: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    today: NaiveDate,
) -> ReportClass {
    match (done, deadline) {
        (true, Some(d)) if completed.is_some_and(|c| c > d) => ReportClass::DoneLate,
        (true, _) => ReportClass::DoneOnTime,
        (false, Some(d)) if today > d => ReportClass::OpenOverdue,
        (false, _) => ReportClass::OpenOnTime,
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
    /// Tasks in Vướng mắc: counted beside the four classes, not as a fifth
    /// (a blocked task is also open on time or overdue).
    pub blocked: usize,
    /// Sum of progress percentages, for the average gauge.
    #[serde(skip)]
    pub progress_sum: u64,
}

impl Counts {
    pub fn add(&mut self, class: ReportClass, progress: u8, blocked: bool) {
        self.total += 1;
        self.blocked += blocked as usize;
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

    /// Add another group's counts to this one.
    pub fn merge(&mut self, o: &Counts) {
        self.total += o.total;
        self.done_on_time += o.done_on_time;
        self.done_late += o.done_late;
        self.open_on_time += o.open_on_time;
        self.open_overdue += o.open_overdue;
        self.blocked += o.blocked;
        self.progress_sum += o.progress_sum;
    }

    /// Average progress 0–100 (done tasks count as 100).
    pub fn progress(&self) -> u8 {
        (self.progress_sum / self.total.max(1) as u64).min(100) as u8
    }

    /// The worst class present, for colouring a cell: overdue, then done
    /// late, then open on time, then done on time. `None` when empty.
    pub fn worst(&self) -> Option<ReportClass> {
        [
            ReportClass::OpenOverdue,
            ReportClass::DoneLate,
            ReportClass::OpenOnTime,
            ReportClass::DoneOnTime,
        ]
        .into_iter()
        .find(|c| self.get(*c) > 0)
    }
}

/// How many days ahead an open task's deadline counts as "due soon": the
/// settings file's `due_soon_days`, read once and handed to `status`, the
/// card colours, the deadlines view and the JSON status. The aggregation
/// itself does not depend on it (`Summary::due_soon` reads `upcoming`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SoonWindow {
    days: i64,
}

impl SoonWindow {
    /// The window when the settings file does not set one: a week.
    pub const DEFAULT: SoonWindow = SoonWindow { days: 7 };

    pub const fn days(days: i64) -> SoonWindow {
        SoonWindow { days }
    }

    /// The window's length in days.
    pub const fn in_days(self) -> i64 {
        self.days
    }

    /// Whether a deadline `days_left` days away (0 = today) is due soon.
    pub const fn includes(self, days_left: i64) -> bool {
        days_left <= self.days
    }
}

impl Default for SoonWindow {
    fn default() -> Self {
        SoonWindow::DEFAULT
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
    pub by_unit: Vec<(UnitCode, Counts)>,
    /// Open overdue tasks, most overdue first (then by id).
    pub overdue: Vec<u64>,
    /// Per lead unit (same order as `by_unit`), per area id 0–8: the
    /// area × unit matrix.
    pub cells: Vec<[Counts; 9]>,
    /// Open tasks with a dated deadline on or after `today`, soonest first
    /// (then by id), with the deadline.
    pub upcoming: Vec<(NaiveDate, u64)>,
    /// Open "Thường xuyên" / yearly tasks, by id.
    pub ongoing: Vec<u64>,
    /// Open tasks without any deadline, by id.
    pub undated: Vec<u64>,
}

impl Summary {
    /// Open tasks with a dated deadline within `window`, soonest first.
    pub fn due_soon(&self, window: SoonWindow) -> Vec<u64> {
        self.upcoming
            .iter()
            .take_while(|(d, _)| window.includes((*d - self.today).num_days()))
            .map(|(_, id)| *id)
            .collect()
    }
}

/// Aggregate `tasks` as of `today`. Units not in `units` still get a row
/// (named by their code) so that per-unit totals always sum to the total.
pub fn summarize<'a>(
    tasks: impl IntoIterator<Item = &'a Task>,
    units: &[Unit],
    today: NaiveDate,
) -> Summary {
    let mut index = UnitIndex::new(units);
    let digests: Vec<Digest> = tasks
        .into_iter()
        .map(|t| Digest::of(t, &mut index))
        .collect();
    aggregate(&digests, index.codes(), today)
}

/// Count digests made with a `UnitIndex` whose codes are `codes`.
///
/// Each task is counted once, in its (lead unit, area) cell; the units'
/// rows, the areas' columns and the whole board are sums of the cells.
pub fn aggregate(digests: &[Digest], codes: &[UnitCode], today: NaiveDate) -> Summary {
    let mut cells: Vec<[Counts; 9]> = vec![Default::default(); codes.len()];
    // Tasks whose area is outside 0–8 (the board refuses them; counted anyway).
    let mut stray: Vec<Counts> = vec![Counts::default(); codes.len()];
    let mut overdue = Vec::new();
    let mut upcoming = Vec::with_capacity(digests.len() / 2);
    let mut ongoing = Vec::new();
    let mut undated = Vec::new();
    for t in digests {
        let class = class_of(t.done, t.deadline, t.completed, today);
        let u = t.unit as usize;
        match cells[u].get_mut(t.area.index()) {
            Some(c) => c.add(class, t.progress, t.blocked),
            None => stray[u].add(class, t.progress, t.blocked),
        }
        if t.done {
            continue;
        }
        match t.deadline {
            _ if t.ongoing => ongoing.push(t.id),
            None => undated.push(t.id),
            Some(d) if class == ReportClass::OpenOverdue => overdue.push((d, t.id)),
            Some(d) => upcoming.push((d, t.id)),
        }
    }
    let mut all = Counts::default();
    let mut by_area = vec![Counts::default(); AREAS.len()];
    let mut by_unit: Vec<(UnitCode, Counts)> = Vec::with_capacity(codes.len());
    for ((code, row), extra) in codes.iter().zip(&cells).zip(&stray) {
        let mut unit = extra.clone();
        for (a, c) in row.iter().enumerate() {
            unit.merge(c);
            if let Some(x) = by_area.get_mut(a) {
                x.merge(c);
            }
        }
        all.merge(&unit);
        by_unit.push((code.clone(), unit));
    }
    overdue.sort_unstable();
    upcoming.sort_unstable();
    ongoing.sort_unstable();
    undated.sort_unstable();
    Summary {
        today,
        all,
        by_area,
        by_unit,
        overdue: overdue.into_iter().map(|(_, id)| id).collect(),
        cells,
        upcoming,
        ongoing,
        undated,
    }
}

/// Areas in display order (1–8, then 0) with their counts.
pub fn area_rows(s: &Summary) -> impl Iterator<Item = (AreaId, &Counts)> {
    AREAS.iter().map(move |a| (a.id, &s.by_area[a.id.index()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::{Horizon, agenda, horizon};
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
        assert_eq!(s.all.blocked, 1, "the blocked task, also counted overdue");
        assert_eq!(s.due_soon(SoonWindow::DEFAULT), vec![5]);
        assert_eq!(s.by_area[1].total, 8);
        let unit_total: usize = s.by_unit.iter().map(|(_, c)| c.total).sum();
        assert_eq!(unit_total, 8);
    }

    #[test]
    fn matrix_and_agenda_on_a_hand_made_board() {
        // Tuesday 1 July 2025: the week ends on Sunday 6 July.
        let today = d(2025, 7, 1);
        let on = |id, area, lead: &str, status, due, done| {
            let mut t = task(id, status, due, done);
            t.area = AreaId::from(area);
            t.lead = lead.into();
            t
        };
        let tasks = [
            on(
                1,
                1,
                "vp",
                Status::Done,
                dated(d(2025, 6, 30)),
                Some(d(2025, 6, 2)),
            ),
            on(
                2,
                1,
                "vp",
                Status::Done,
                dated(d(2025, 6, 30)),
                Some(d(2025, 7, 1)),
            ),
            on(3, 2, "tp", Status::Doing, dated(d(2025, 6, 30)), None),
            on(4, 2, "vp", Status::Blocked, dated(d(2025, 6, 1)), None),
            on(5, 8, "dc", Status::Todo, dated(today), None),
            on(6, 0, "dc", Status::Doing, Due::ongoing(), None),
            on(7, 0, "vp", Status::Todo, Due::none(), None),
            on(8, 8, "dc", Status::Todo, dated(d(2025, 7, 6)), None),
            on(9, 8, "tp", Status::Blocked, dated(d(2025, 7, 7)), None),
            on(10, 5, "tp", Status::Todo, dated(d(2025, 8, 15)), None),
            on(11, 5, "tp", Status::Todo, dated(d(2026, 1, 10)), None),
            on(
                12,
                5,
                "dc",
                Status::Done,
                dated(d(2025, 8, 1)),
                Some(d(2025, 6, 1)),
            ),
        ];
        let s = summarize(&tasks, &crate::domain::unit::plan_preset(), today);
        let unit = |code: &str| s.by_unit.iter().position(|(c, _)| c == code).unwrap();
        let cell = |code: &str, area: usize| &s.cells[unit(code)][area];
        // vp leads 1 done on time and 1 done late in area 1, one blocked overdue in area 2.
        assert_eq!((cell("vp", 1).total, cell("vp", 1).done()), (2, 2));
        assert_eq!(cell("vp", 1).worst(), Some(ReportClass::DoneLate));
        assert_eq!(cell("vp", 2).worst(), Some(ReportClass::OpenOverdue));
        assert_eq!(cell("dc", 8).worst(), Some(ReportClass::OpenOnTime));
        assert_eq!(cell("dc", 5).worst(), Some(ReportClass::DoneOnTime));
        assert_eq!(cell("ca", 1).worst(), None);
        // Every task is in exactly one cell; rows and columns add up.
        for (u, (_, c)) in s.by_unit.iter().enumerate() {
            assert_eq!(s.cells[u].iter().map(|x| x.total).sum::<usize>(), c.total);
        }
        for a in 0..9 {
            let col: usize = s.cells.iter().map(|row| row[a].total).sum();
            assert_eq!(col, s.by_area[a].total, "area {a}");
        }
        assert_eq!(s.cells.iter().flatten().map(|c| c.total).sum::<usize>(), 12);
        // The deadlines view: open tasks only, each once, in order.
        let groups = agenda(&s);
        assert_eq!(
            groups,
            vec![
                (Horizon::Overdue, vec![4, 3]),
                (Horizon::ThisWeek, vec![5, 8]),
                (Horizon::ThisMonth, vec![9]),
                (Horizon::Month(2025, 8), vec![10]),
                (Horizon::Month(2026, 1), vec![11]),
                (Horizon::Undated, vec![7]),
                (Horizon::Ongoing, vec![6]),
            ]
        );
        let open = tasks.iter().filter(|t| t.status != Status::Done).count();
        assert_eq!(groups.iter().map(|(_, ids)| ids.len()).sum::<usize>(), open);
        assert_eq!(
            s.due_soon(SoonWindow::days(7)),
            vec![5, 8, 9],
            "within 7 days"
        );
        // A Sunday's week is that day only.
        assert_eq!(horizon(d(2025, 7, 6), d(2025, 7, 6)), Horizon::ThisWeek);
        assert_eq!(horizon(d(2025, 7, 7), d(2025, 7, 6)), Horizon::ThisMonth);
        // The end of the week can fall in the next month: still this week.
        assert_eq!(horizon(d(2025, 8, 2), d(2025, 7, 30)), Horizon::ThisWeek);
    }

    #[test]
    fn unknown_lead_units_still_get_a_row() {
        let mut t = task(1, Status::Todo, Due::none(), None);
        t.lead = "xyz".into();
        let mut stray = task(2, Status::Todo, Due::none(), None);
        stray.area = 12.into(); // refused by the board, but counted if given
        let s = summarize([&stray], &crate::domain::unit::plan_preset(), d(2025, 1, 1));
        assert_eq!((s.all.total, s.by_unit[0].1.total), (1, 1));
        assert_eq!(s.by_area.iter().map(|c| c.total).sum::<usize>(), 0);
        let s = summarize([&t], &[], d(2025, 1, 1));
        assert_eq!(
            s.by_unit,
            vec![(UnitCode::from("xyz"), {
                let mut c = Counts::default();
                c.add(ReportClass::OpenOnTime, 0, false);
                c
            })]
        );
    }
}
