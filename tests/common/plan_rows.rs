//! A task read from a plan, as the import tests compare it: title,
//! dimension, lead, support, deadline wording and date.

use chrono::NaiveDate;
use papi_board::transfer::import::Prepared;

pub type Row = (
    String,
    u8,
    String,
    Vec<String>,
    Option<String>,
    Option<NaiveDate>,
);

/// The tasks an import prepared, as rows.
pub fn rows(p: &Prepared) -> Vec<Row> {
    p.tasks
        .iter()
        .map(|t| {
            (
                t.title.clone(),
                t.area.get(),
                t.lead.to_string(),
                t.support.iter().map(|c| c.to_string()).collect(),
                t.due.text.clone(),
                t.due.date,
            )
        })
        .collect()
}

/// The row a test expects; `due` is the deadline's wording (or `None`).
pub fn row<'a>(
    title: &str,
    area: u8,
    lead: &str,
    support: &[&str],
    due: impl Into<Option<&'a str>>,
    date: Option<(i32, u32, u32)>,
) -> Row {
    (
        title.to_string(),
        area,
        lead.to_string(),
        support.iter().map(|s| s.to_string()).collect(),
        due.into().map(str::to_string),
        date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
    )
}
