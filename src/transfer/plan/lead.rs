//! Who leads and supports, once the document has said it: the units a
//! stated name means (made when the board has none and the name reads as
//! a unit), and the assignment part's "unit leads item 1.1" read by the
//! content part.

use crate::domain::text::fold;

use super::super::units::{UnitBook, looks_like_unit};
use super::PlanWarning;

/// "Unit leads (or supports) the content item with this number."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// "1.1", as the content part numbers it.
    pub label: String,
    pub unit: String,
    pub lead: bool,
}

/// Keep the first of each code.
pub fn dedup(codes: &mut Vec<String>) {
    let mut seen = Vec::new();
    codes.retain(|c| {
        let fresh = !seen.contains(c);
        seen.push(c.clone());
        fresh
    });
}

/// The units stated names mean: codes as they are, names found on the
/// board, names that read as a unit made into one; others warned about.
pub fn resolve(
    names: &[String],
    book: &mut UnitBook,
    line: usize,
    warn: &mut Vec<PlanWarning>,
) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        if let Some(c) = book.find(name) {
            out.push(c);
            continue;
        }
        // "Phòng Kinh tế và Công an xã": two units joined by "và".
        let parts: Vec<&str> = name.split(" và ").collect();
        let each: Vec<Option<String>> = parts.iter().map(|p| book.find(p)).collect();
        if parts.len() > 1 && each.iter().all(Option::is_some) {
            out.extend(each.into_iter().flatten());
        } else if looks_like_unit(name) {
            out.push(book.find_or_make(name));
        } else if !fold(name).starts_with("cac ") {
            warn.push(PlanWarning::Unit {
                line,
                name: name.clone(),
            });
        }
    }
    dedup(&mut out);
    out
}
