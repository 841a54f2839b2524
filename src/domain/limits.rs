//! Limits at the boundaries: the longest text each field takes, how many
//! items a list holds, and the range of dates and years. `validate` checks
//! against them, so nothing oversized or absurd is stored, whichever way
//! it came in (keyboard, command line, import, SSH). The title, text and
//! evidence limits are `task::MAX_TITLE`, `MAX_TEXT` and `MAX_EVIDENCE`.

/// Sub-dimension (nội dung thành phần) name.
pub const MAX_SUB: usize = 300;
/// A deadline as written ("Quý II/2025", "Thường xuyên, báo cáo hằng quý…").
pub const MAX_DUE_TEXT: usize = 500;
/// Supporting units of one task.
pub const MAX_SUPPORT: usize = 40;
/// The author name stamped on a note.
pub const MAX_AUTHOR: usize = 64;
/// Checklist items of one task (each at most `MAX_ITEM` chars).
pub const MAX_CHECKLIST: usize = 300;
/// Longest checklist item, in chars.
pub const MAX_ITEM: usize = 500;
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
