//! The progress report a commune sends up, as a table every writer (.xlsx,
//! .csv, .md) lays out: the nine columns of the report (STT · Nhiệm vụ ·
//! Đơn vị chủ trì · Đơn vị phối hợp · Thời hạn · Kết quả thực hiện / Sản
//! phẩm · Tình trạng · Khó khăn, vướng mắc · Đề xuất, kiến nghị), one row
//! per task, grouped by dimension; then the counts of the four classes per
//! dimension and per lead unit, from `domain::report::summarize`, the one
//! aggregation.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::domain::Lang;
use crate::domain::area::{AREAS, AreaId, area_name};
use crate::domain::board::{Board, BoardMeta};
use crate::domain::period::{Period, as_of};
use crate::domain::report::{Counts, ReportClass, Summary, area_rows, summarize};
use crate::domain::task::{Status, Task};
use crate::domain::text::inert;
use crate::domain::unit::UnitCode;
use crate::i18n::S;

use super::report_rows::{Span, row_of};

/// Which tasks the report covers (the same meaning as `list`: a unit's
/// tasks are those it leads or supports), and for which period (none: as
/// of today).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub area: Option<AreaId>,
    pub unit: Option<UnitCode>,
    pub period: Option<Period>,
}

impl ReportFilter {
    pub fn keeps(&self, t: &Task) -> bool {
        self.area.is_none_or(|a| t.area == a) && self.unit.as_deref().is_none_or(|u| t.involves(u))
    }

    /// A refusal message when the filter names no area or unit.
    pub fn check(&self, board: &Board, lang: Lang) -> Result<(), String> {
        if let Some(a) = self.area
            && !a.is_known()
        {
            return Err(format!("{}: {a}", S::UnknownArea.t(lang)));
        }
        if let Some(u) = &self.unit
            && board.unit(u).is_none()
        {
            return Err(format!("{}: {u}", S::UnknownUnit.t(lang)));
        }
        Ok(())
    }
}

/// A deadline cell: a real date, or words ("Thường xuyên"), or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueCell {
    Date(NaiveDate),
    Text(String),
    Empty,
}

impl DueCell {
    /// As text: dates as dd/mm/yyyy.
    pub fn text(&self) -> String {
        match self {
            DueCell::Date(d) => d.format("%d/%m/%Y").to_string(),
            DueCell::Text(t) => t.clone(),
            DueCell::Empty => String::new(),
        }
    }
}

/// One task row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub id: u64,
    /// Number within its dimension: 1, 2, 3, …
    pub stt: usize,
    /// The task as the table shows it: its description, else its title.
    pub task: String,
    /// Its short title, for the report's running text.
    pub title: String,
    pub lead: String,
    pub support: String,
    pub due: DueCell,
    pub output: String,
    pub status: String,
    pub problems: String,
    pub proposals: String,
}

impl ReportRow {
    /// The nine cells as text.
    pub fn cells(&self) -> [String; 9] {
        [
            self.stt.to_string(),
            self.task.clone(),
            self.lead.clone(),
            self.support.clone(),
            self.due.text(),
            self.output.clone(),
            self.status.clone(),
            self.problems.clone(),
            self.proposals.clone(),
        ]
    }
}

/// The tasks of one dimension: "I. Tham gia của người dân ở cấp cơ sở".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub area: AreaId,
    /// Roman number of the group: "I", "II", …
    pub mark: String,
    pub name: String,
    pub rows: Vec<ReportRow>,
}

/// A row of the summary: a dimension or a unit and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    pub name: String,
    pub counts: Counts,
}

impl CountRow {
    /// Total, the four classes in report order, then the blocked tasks
    /// (counted in their class too).
    pub fn numbers(&self) -> [usize; 6] {
        let c = &self.counts;
        [
            c.total,
            c.get(ReportClass::DoneOnTime),
            c.get(ReportClass::DoneLate),
            c.get(ReportClass::OpenOnTime),
            c.get(ReportClass::OpenOverdue),
            c.blocked,
        ]
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub lang: Lang,
    /// The day the classes are counted on: today, or the period's last day.
    pub today: NaiveDate,
    /// The day the report is written (its date line).
    pub written: NaiveDate,
    pub period: Option<Period>,
    pub meta: BoardMeta,
    pub groups: Vec<Group>,
    /// Per dimension, then the grand total last.
    pub by_area: Vec<CountRow>,
    /// Per lead unit, then the grand total last.
    pub by_unit: Vec<CountRow>,
    /// The summary every count comes from.
    pub summary: Summary,
    /// The open tasks due in the next period ("nhiệm vụ kỳ tới").
    pub coming: Vec<ReportRow>,
}

/// The nine column headers.
pub fn headers(lang: Lang) -> [&'static str; 9] {
    [
        S::RpStt,
        S::RpTask,
        S::RpLead,
        S::RpSupport,
        S::RpDue,
        S::RpOutput,
        S::RpStatus,
        S::RpProblems,
        S::RpProposals,
    ]
    .map(|s| s.t(lang))
}

/// The headers of the summary tables: what is counted, total, four
/// classes, blocked.
pub fn count_headers(first: S, lang: Lang) -> [&'static str; 7] {
    [
        first,
        S::RpCount,
        S::RpDoneOnTime,
        S::RpDoneLate,
        S::RpOpenOnTime,
        S::RpOpenOverdue,
        S::StBlocked,
    ]
    .map(|s| s.t(lang))
}

/// The report's title block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Titles {
    /// "ỦY BAN NHÂN DÂN XÃ HÒA PHONG", when the commune is known.
    pub committee: Option<String>,
    /// "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 05/KH-UBND QUÝ II NĂM 2025".
    pub title: String,
    /// The plan's own title, when known.
    pub plan: Option<String>,
    /// "Tính đến ngày 30/06/2025", after the period when there is one.
    pub as_of: String,
}

impl Titles {
    /// The lines in the order a report prints them.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.committee.iter().cloned().collect();
        out.push(self.title.clone());
        out.extend(self.plan.iter().cloned());
        out.push(self.as_of.clone());
        out
    }
}

/// The report's title block: committee, report title, plan title, date.
pub fn titles(r: &Report) -> Titles {
    let l = r.lang;
    Titles {
        committee: (!r.meta.commune.is_empty())
            .then(|| format!("{} {}", S::RpCommittee.t(l), r.meta.commune.to_uppercase())),
        title: match &r.period {
            Some(p) if l.is_vi() => format!("{} {} {}", S::RpTitle.t(l), r.meta.number, p.name(l)),
            Some(p) => format!("{} {}, {}", S::RpTitle.t(l), r.meta.number, p.name(l)),
            None => format!("{} {}", S::RpTitle.t(l), r.meta.number),
        }
        .trim()
        .to_uppercase(),
        plan: (!r.meta.title.is_empty()).then(|| r.meta.title.clone()),
        as_of: match &r.period {
            Some(p) => format!(
                "{}: {} ({} {})",
                S::RpPeriod.t(l),
                p.name(l),
                S::RpAsOf.t(l).to_lowercase(),
                r.today.format("%d/%m/%Y")
            ),
            None => format!("{} {}", S::RpAsOf.t(l), r.today.format("%d/%m/%Y")),
        },
    }
}

const ROMAN: [&str; 9] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];

/// The tasks the report covers, as they stood on the day it counts on.
/// Every task of the plan is covered, whenever it was typed in (a plan is
/// often entered months after it was issued).
fn covered<'a>(board: &'a Board, filter: &ReportFilter, day: NaiveDate) -> Vec<Cow<'a, Task>> {
    board
        .tasks
        .values()
        .map(|t| &**t)
        .filter(|t| filter.keeps(t))
        .map(|t| match filter.period {
            Some(_) => as_of(t, day),
            None => Cow::Borrowed(t),
        })
        .collect()
}

/// One group per dimension with tasks, numbered I, II, …; the general
/// tasks last, headed "Nhiệm vụ chung" and not numbered.
fn groups(tasks: &[&Task], board: &Board, span: &Span, lang: Lang) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut numbered = 0;
    for area in AREAS.iter() {
        let rows: Vec<ReportRow> = tasks
            .iter()
            .filter(|t| t.area == area.id)
            .enumerate()
            .map(|(i, t)| row_of(t, i + 1, board, span, lang))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let general = area.id == AreaId::GENERAL;
        let (mark, name) = if general {
            (String::new(), S::RpGeneral.t(lang).to_string())
        } else {
            numbered += 1;
            let name = area_name(area.id, lang.is_vi()).to_string();
            (ROMAN[numbered - 1].to_string(), name)
        };
        groups.push(Group {
            area: area.id,
            mark,
            name,
            rows,
        });
    }
    groups
}

/// The open tasks due in the period after `span`'s (after the quarter of
/// its day when it has none), by dimension.
fn coming(tasks: &[&Task], board: &Board, span: &Span, lang: Lang) -> Vec<ReportRow> {
    let next = span
        .period
        .unwrap_or_else(|| Period::quarter_of(span.day))
        .next();
    let mut rows = Vec::new();
    for area in AREAS.iter() {
        let due_next = |t: &&&Task| {
            t.area == area.id
                && t.status != Status::Done
                && !t.due.is_ongoing()
                && t.due.date.is_some_and(|d| next.contains(d))
        };
        for t in tasks.iter().filter(due_next) {
            rows.push(row_of(t, rows.len() + 1, board, span, lang));
        }
    }
    rows
}

/// Build the report of the board's tasks the filter keeps: as of `today`,
/// or for the filter's period (classes as of its last day, or today if
/// that comes first).
pub fn build(board: &Board, filter: &ReportFilter, today: NaiveDate, lang: Lang) -> Report {
    let span = Span {
        day: filter.period.map_or(today, |p| p.as_of(today)),
        period: filter.period,
    };
    let owned = covered(board, filter, span.day);
    let tasks: Vec<&Task> = owned.iter().map(|t| t.as_ref()).collect();
    let summary = summarize(tasks.iter().copied(), &board.units, span.day);
    let vi = lang.is_vi();
    let total = CountRow {
        name: S::RpGrandTotal.t(lang).to_string(),
        counts: summary.all.clone(),
    };
    let mut by_area: Vec<CountRow> = area_rows(&summary)
        .filter(|(id, c)| c.total > 0 || filter.area.is_none_or(|a| a == *id))
        .map(|(id, c)| CountRow {
            name: if id == AreaId::GENERAL {
                S::RpGeneral.t(lang).to_string()
            } else {
                format!("{id}. {}", area_name(id, vi))
            },
            counts: c.clone(),
        })
        .collect();
    by_area.push(total.clone());
    let mut by_unit: Vec<CountRow> = summary
        .by_unit
        .iter()
        .filter(|(_, c)| c.total > 0)
        .map(|(code, c)| CountRow {
            name: board
                .unit(code)
                .map_or(code.to_string(), |u| u.name.clone()),
            counts: c.clone(),
        })
        .collect();
    by_unit.push(total);
    let mut report = Report {
        lang,
        today: span.day,
        written: today,
        period: filter.period,
        meta: board.meta.clone(),
        groups: groups(&tasks, board, &span, lang),
        by_area,
        by_unit,
        summary,
        coming: coming(&tasks, board, &span, lang),
    };
    make_inert(&mut report);
    report
}

/// Every text of the report as written, but inert (`text::inert`: control
/// characters shown as symbols, bidirectional overrides and zero-width
/// characters dropped), so that no report — printed in a terminal, opened
/// in a spreadsheet or an editor — can act on its reader's screen.
fn make_inert(r: &mut Report) {
    fn fix(s: &mut String) {
        if let std::borrow::Cow::Owned(clean) = inert(s) {
            *s = clean;
        }
    }
    let m = &mut r.meta;
    for s in [
        &mut m.number,
        &mut m.date,
        &mut m.commune,
        &mut m.title,
        &mut m.target,
        &mut m.signing.signer,
    ] {
        fix(s);
    }
    let g = &mut m.signing;
    for s in g
        .issuer
        .iter_mut()
        .chain(&mut g.title)
        .chain(&mut g.recipients)
    {
        fix(s);
    }
    let coming = r.coming.iter_mut();
    for g in &mut r.groups {
        fix(&mut g.name);
    }
    for row in r
        .groups
        .iter_mut()
        .flat_map(|g| g.rows.iter_mut())
        .chain(coming)
    {
        for s in [
            &mut row.task,
            &mut row.title,
            &mut row.lead,
            &mut row.support,
            &mut row.output,
            &mut row.status,
            &mut row.problems,
            &mut row.proposals,
        ] {
            fix(s);
        }
        if let DueCell::Text(t) = &mut row.due {
            fix(t);
        }
    }
    for c in r.by_area.iter_mut().chain(r.by_unit.iter_mut()) {
        fix(&mut c.name);
    }
}

/// `bao-cao-papi-2025-06-30.xlsx`: the name offered for a report.
pub fn default_report_name(today: NaiveDate) -> String {
    format!("bao-cao-papi-{}.xlsx", today.format("%Y-%m-%d"))
}
