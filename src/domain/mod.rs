//! Pure types and rules of the PAPI plan: no I/O, no clock, no terminal.

pub mod access;
pub mod agenda;
pub mod area;
pub mod board;
pub mod collate;
pub mod command;
pub mod deadline;
pub mod digest;
pub mod limits;
pub mod meta;
pub mod period;
pub mod quickadd;
mod records;
pub mod refusal;
pub mod report;
pub mod score;
pub mod search;
pub mod signing;
pub mod task;
pub mod task_map;
pub mod text;
pub mod unit;
pub mod unit_ops;
pub mod user;
pub mod validate;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vie" => Some(Lang::Vi),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn is_vi(self) -> bool {
        self == Lang::Vi
    }
}
