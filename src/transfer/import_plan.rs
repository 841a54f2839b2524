//! A plan document into tasks: the plan reader on its paragraphs, then
//! every task table it holds (an appendix after the signature included).
//! A document with neither is refused with what was found in it.

use crate::domain::board::BoardMeta;
use crate::domain::task::{MAX_TEXT, Task};
use crate::domain::unit::UnitCode;

use super::document::Document;
use super::import_msg::{ErrorKind, Found, Warning};
use super::import_table::{from_table, word_table};
use super::plan::{PlanError, PlanWarning, read_plan};
use super::rules::default_rules;
use super::table::find_header;
use super::units::UnitBook;

/// The tasks of a plan document and its details.
pub fn from_document(
    doc: &Document,
    book: &mut UnitBook,
    year: i32,
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<Found>, BoardMeta), ErrorKind> {
    let rules = default_rules();
    let mut found = Vec::new();
    let (meta, seen) = match read_plan(&doc.paras, book, &rules, Some(year)) {
        Ok(plan) => {
            let mut keyword = 0;
            for w in plan.warnings {
                warnings.push(warning(doc, w));
            }
            for p in plan.tasks {
                if p.description.chars().count() > MAX_TEXT {
                    return Err(ErrorKind::TooLong(doc.place(p.line)));
                }
                keyword += usize::from(!p.lead_stated);
                let mut t = Task::new(&p.title, p.area, &p.lead);
                t.description = p.description;
                t.support = p.support.into_iter().map(UnitCode::from).collect();
                t.due = p.due;
                found.push(Found {
                    task: t,
                    place: doc.place(p.line),
                    section: p.section,
                    lead_stated: p.lead_stated,
                });
            }
            if keyword > 0 {
                warnings.push(Warning::KeywordLeads(keyword));
            }
            (plan.meta, None)
        }
        Err(PlanError::NotAPlan(seen)) => (seen.meta.clone(), Some(seen)),
    };
    for (n, t) in doc.tables.iter().enumerate() {
        let grid = word_table(n + 1, &t.rows);
        if let Some(header) = find_header(&grid) {
            match from_table(&grid, &header, book, year, warnings) {
                Ok(tasks) => found.extend(tasks),
                Err(ErrorKind::NoRows) => {}
                Err(e) => return Err(e),
            }
        }
    }
    match seen {
        Some(seen) if found.is_empty() => Err(ErrorKind::NotAPlan(seen)),
        _ => Ok((found, meta)),
    }
}

fn warning(doc: &Document, w: PlanWarning) -> Warning {
    match w {
        PlanWarning::EmptyHeading { line, heading } => {
            Warning::EmptyHeading(doc.place(line), heading)
        }
        PlanWarning::Due { line, text } => Warning::Due(doc.place(line), text),
        PlanWarning::Unit { line, name } => Warning::Unit(doc.place(line), name),
    }
}
