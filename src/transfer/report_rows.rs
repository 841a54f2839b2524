//! One task as a row of the report: its deadline, its class and status,
//! and what the commune writes about it — the output with the results
//! dated in the period, the difficulties it met in the period, the
//! proposal.

use chrono::NaiveDate;

use crate::domain::Lang;
use crate::domain::board::Board;
use crate::domain::period::Period;
use crate::domain::report::{ReportClass, classify};
use crate::domain::task::{Status, Task, date_of};
use crate::i18n::S;

use super::report_table::{DueCell, ReportRow};

/// What a row covers: the day its class is counted on, and the period its
/// results and difficulties are taken from (none: every result so far and
/// the difficulty open now).
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub day: NaiveDate,
    pub period: Option<Period>,
}

impl Span {
    fn holds(&self, d: NaiveDate) -> bool {
        self.period.is_none_or(|p| p.contains(d) && d <= self.day)
    }
}

fn class_text(c: ReportClass, lang: Lang) -> &'static str {
    match c {
        ReportClass::DoneOnTime => S::RpDoneOnTime,
        ReportClass::DoneLate => S::RpDoneLate,
        ReportClass::OpenOnTime => S::RpOpenOnTime,
        ReportClass::OpenOverdue => S::RpOpenOverdue,
    }
    .t(lang)
}

/// The deadline cell: a real date, the words of an ongoing task, or nothing.
pub fn due_cell(t: &Task, lang: Lang) -> DueCell {
    if t.due.is_ongoing() {
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
    }
}

/// "Kết quả thực hiện / Sản phẩm": the output (with its evidence and, while
/// open, the progress), then each result dated in the span, one a line.
fn results_text(t: &Task, span: &Span, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !t.output.is_empty() {
        parts.push(t.output.clone());
    }
    if let Some(e) = &t.evidence {
        parts.push(format!("{}: {e}", S::FEvidence.t(lang)));
    }
    let mut out = parts.join("; ");
    if t.status != Status::Done && t.progress > 0 {
        let p = format!("({} {}%)", S::RpProgressWord.t(lang), t.progress);
        out = if out.is_empty() {
            p
        } else {
            format!("{out} {p}")
        };
    }
    let mut lines: Vec<String> = (!out.is_empty()).then_some(out).into_iter().collect();
    for n in t.results().filter(|n| span.holds(date_of(n.at))) {
        lines.push(format!("{}: {}", date_of(n.at).format("%d/%m/%Y"), n.text));
    }
    lines.join("\n")
}

/// "Khó khăn, vướng mắc": the difficulties met in the period (or the one
/// open on the day), one a line; one left unsaid reads "(không ghi rõ)".
fn problems_text(t: &Task, span: &Span, lang: Lang) -> String {
    let met = |since, until: Option<i64>| match span.period {
        Some(p) => p.meets(since, until) && date_of(since) <= span.day,
        None => until.is_none(),
    };
    t.problems
        .iter()
        .filter(|p| met(p.since, p.until))
        .map(|p| match p.text.trim() {
            "" => S::RsNotStated.t(lang).to_string(),
            text => text.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The row of a task (as it stood on `span.day`), numbered `stt`.
pub fn row_of(t: &Task, stt: usize, board: &Board, span: &Span, lang: Lang) -> ReportRow {
    let name = |code: &str| {
        board
            .unit(code)
            .map_or(code.to_string(), |u| u.name.clone())
    };
    let mut status = class_text(classify(t, span.day), lang).to_string();
    if t.status == Status::Blocked {
        status = format!("{status}; {}", S::StBlocked.t(lang));
    }
    ReportRow {
        id: t.id,
        stt,
        task: if t.description.trim().is_empty() {
            t.title.clone()
        } else {
            t.description.clone()
        },
        title: t.title.clone(),
        lead: name(&t.lead),
        support: t
            .support
            .iter()
            .map(|c| name(c))
            .collect::<Vec<_>>()
            .join(", "),
        due: due_cell(t, lang),
        output: results_text(t, span, lang),
        status,
        problems: problems_text(t, span, lang),
        proposals: t.proposal.clone(),
    }
}
