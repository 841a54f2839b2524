//! The progress report a commune sends up, as a table every writer (.xlsx,
//! .csv, .md) lays out: the nine columns of the report (STT · Nhiệm vụ ·
//! Đơn vị chủ trì · Đơn vị phối hợp · Thời hạn · Kết quả thực hiện / Sản
//! phẩm · Tình trạng · Khó khăn, vướng mắc · Đề xuất, kiến nghị), one row
//! per task, grouped by dimension; then the counts of the four classes per
//! dimension and per lead unit, from `domain::report::summarize`, the one
//! aggregation.

use chrono::NaiveDate;

use crate::domain::Lang;
use crate::domain::area::{AREAS, AreaId, area_name};
use crate::domain::board::{Board, BoardMeta};
use crate::domain::report::{Counts, ReportClass, Summary, area_rows, classify, summarize};
use crate::domain::task::{Status, Task};
use crate::domain::text::inert;
use crate::domain::unit::UnitCode;
use crate::i18n::S;

/// Which tasks the report covers (the same meaning as `list`: a unit's
/// tasks are those it leads or supports).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub area: Option<AreaId>,
    pub unit: Option<UnitCode>,
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
    pub task: String,
    pub lead: String,
    pub support: String,
    pub due: DueCell,
    pub output: String,
    pub status: String,
    pub problems: String,
    /// Left empty for the commune to write.
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
    /// Total, then the four classes in report order.
    pub fn numbers(&self) -> [usize; 5] {
        let c = &self.counts;
        [
            c.total,
            c.get(ReportClass::DoneOnTime),
            c.get(ReportClass::DoneLate),
            c.get(ReportClass::OpenOnTime),
            c.get(ReportClass::OpenOverdue),
        ]
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub lang: Lang,
    pub today: NaiveDate,
    pub meta: BoardMeta,
    pub groups: Vec<Group>,
    /// Per dimension, then the grand total last.
    pub by_area: Vec<CountRow>,
    /// Per lead unit, then the grand total last.
    pub by_unit: Vec<CountRow>,
    /// The summary every count comes from.
    pub summary: Summary,
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

/// The headers of the summary tables: what is counted, total, four classes.
pub fn count_headers(first: S, lang: Lang) -> [&'static str; 6] {
    [
        first,
        S::RpCount,
        S::RpDoneOnTime,
        S::RpDoneLate,
        S::RpOpenOnTime,
        S::RpOpenOverdue,
    ]
    .map(|s| s.t(lang))
}

/// The report's title block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Titles {
    /// "ỦY BAN NHÂN DÂN XÃ HÒA PHONG", when the commune is known.
    pub committee: Option<String>,
    /// "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 05/KH-UBND".
    pub title: String,
    /// The plan's own title, when known.
    pub plan: Option<String>,
    /// "Tính đến ngày 30/06/2025".
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
        title: format!("{} {}", S::RpTitle.t(l), r.meta.number)
            .trim()
            .to_string(),
        plan: (!r.meta.title.is_empty()).then(|| r.meta.title.clone()),
        as_of: format!("{} {}", S::RpAsOf.t(l), r.today.format("%d/%m/%Y")),
    }
}

const ROMAN: [&str; 9] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];

fn class_text(c: ReportClass, lang: Lang) -> &'static str {
    match c {
        ReportClass::DoneOnTime => S::RpDoneOnTime,
        ReportClass::DoneLate => S::RpDoneLate,
        ReportClass::OpenOnTime => S::RpOpenOnTime,
        ReportClass::OpenOverdue => S::RpOpenOverdue,
    }
    .t(lang)
}

fn row_of(t: &Task, stt: usize, board: &Board, today: NaiveDate, lang: Lang) -> ReportRow {
    let name = |code: &str| {
        board
            .unit(code)
            .map_or(code.to_string(), |u| u.name.clone())
    };
    let due = if t.due.is_ongoing() {
        DueCell::Text(
            t.due
                .label_in(lang)
                .unwrap_or_else(|| S::Ongoing.t(lang).to_string()),
        )
    } else if let Some(d) = t.due.date {
        DueCell::Date(d)
    } else if let Some(text) = &t.due.text {
        DueCell::Text(text.clone())
    } else {
        DueCell::Empty
    };
    let mut status = class_text(classify(t, today), lang).to_string();
    if t.status == Status::Blocked {
        status = format!("{status}; {}", S::StBlocked.t(lang));
    }
    let mut output = t.output.clone();
    if let Some(e) = &t.evidence {
        let e = format!("{}: {e}", S::FEvidence.t(lang));
        output = if output.is_empty() {
            e
        } else {
            format!("{output}; {e}")
        };
    }
    if t.status != Status::Done && t.progress > 0 {
        let p = format!("({} {}%)", S::RpProgressWord.t(lang), t.progress);
        output = if output.is_empty() {
            p
        } else {
            format!("{output} {p}")
        };
    }
    // A blocked task's latest note says what blocks it.
    let problems = match t.status {
        Status::Blocked => t.notes.last().map(|n| n.text.clone()).unwrap_or_default(),
        _ => String::new(),
    };
    ReportRow {
        id: t.id,
        stt,
        task: if t.description.trim().is_empty() {
            t.title.clone()
        } else {
            t.description.clone()
        },
        lead: name(&t.lead),
        support: t
            .support
            .iter()
            .map(|c| name(c))
            .collect::<Vec<_>>()
            .join(", "),
        due,
        output,
        status,
        problems,
        proposals: String::new(),
    }
}

/// Build the report of the board's tasks the filter keeps, as of `today`.
pub fn build(board: &Board, filter: &ReportFilter, today: NaiveDate, lang: Lang) -> Report {
    let tasks: Vec<&Task> = board
        .tasks
        .values()
        .map(|t| &**t)
        .filter(|t| filter.keeps(t))
        .collect();
    let summary = summarize(tasks.iter().copied(), &board.units, today);
    let vi = lang.is_vi();
    let mut groups = Vec::new();
    for area in AREAS.iter() {
        let rows: Vec<ReportRow> = tasks
            .iter()
            .filter(|t| t.area == area.id)
            .enumerate()
            .map(|(i, t)| row_of(t, i + 1, board, today, lang))
            .collect();
        if rows.is_empty() {
            continue;
        }
        groups.push(Group {
            area: area.id,
            mark: ROMAN[groups.len()].to_string(),
            name: area_name(area.id, vi).to_string(),
            rows,
        });
    }
    let total = CountRow {
        name: S::RpGrandTotal.t(lang).to_string(),
        counts: summary.all.clone(),
    };
    let mut by_area: Vec<CountRow> = area_rows(&summary)
        .filter(|(id, c)| c.total > 0 || filter.area.is_none_or(|a| a == *id))
        .map(|(id, c)| CountRow {
            name: format!("{id}. {}", area_name(id, vi)),
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
        today,
        meta: board.meta.clone(),
        groups,
        by_area,
        by_unit,
        summary,
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
    ] {
        fix(s);
    }
    for g in &mut r.groups {
        fix(&mut g.name);
        for row in &mut g.rows {
            for s in [
                &mut row.task,
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
    }
    for c in r.by_area.iter_mut().chain(r.by_unit.iter_mut()) {
        fix(&mut c.name);
    }
}

/// `bao-cao-papi-2025-06-30.xlsx`: the name offered for a report.
pub fn default_report_name(today: NaiveDate) -> String {
    format!("bao-cao-papi-{}.xlsx", today.format("%Y-%m-%d"))
}
