//! Which unit a plan or a task table means by what it writes: a code ("dc"),
//! the unit's name with or without accents ("Địa chính", "Công chức Địa
//! chính xã"), part of it ("Văn phòng", "MTTQ"), or several in one cell
//! ("Văn phòng; Tư pháp"). A name no unit answers to becomes a new unit,
//! with a code from its initials, and is listed for the summary.

use std::collections::HashMap;

use crate::domain::text::fold;
use crate::domain::unit::{Unit, plan_preset};

use super::plan::{new_unit, unit_for_heading};

/// Words that say nothing about which unit is meant.
const GENERIC: &[&str] = &[
    "cac", "xa", "va", "cong", "chuc", "ban", "so", "co", "bo", "phan",
];

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A name without the words around it that vary: "Công chức Địa chính xã"
/// and "địa chính" are the same.
fn norm(s: &str) -> String {
    let w = words(s);
    let mut w: &[String] = &w;
    while let [first, rest @ ..] = w
        && ["cong", "chuc", "bo", "phan", "cc"].contains(&first.as_str())
    {
        w = rest;
    }
    if let [rest @ .., last] = w
        && last == "xa"
        && !rest.is_empty()
    {
        w = rest;
    }
    w.join(" ")
}

/// The board's units and the ones an import adds.
pub struct UnitBook {
    units: Vec<Unit>,
    /// Units this import creates, in the order first met.
    pub new: Vec<Unit>,
    cache: HashMap<String, Vec<String>>,
}

impl UnitBook {
    pub fn new(units: &[Unit]) -> UnitBook {
        UnitBook {
            units: units.to_vec(),
            new: Vec::new(),
            cache: HashMap::new(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().chain(&self.new)
    }

    /// True if the code is on the board or among the new units.
    pub fn has(&self, code: &str) -> bool {
        self.all().any(|u| u.code == code)
    }

    /// The unit one name means, if some unit answers to it.
    pub fn find(&self, name: &str) -> Option<String> {
        let name = name.trim();
        let lower = name.to_lowercase();
        if let Some(u) = self.all().find(|u| u.code == lower) {
            return Some(u.code.to_string());
        }
        let n = norm(name);
        if n.is_empty() {
            return None;
        }
        if let Some(u) = self.all().find(|u| norm(&u.name) == n) {
            return Some(u.code.to_string());
        }
        if let Some(code) = unit_for_heading(&self.units, &self.new, name) {
            return Some(code);
        }
        // Every distinctive word of the name is in one unit's name.
        let mine: Vec<String> = words(name)
            .into_iter()
            .filter(|w| !GENERIC.contains(&w.as_str()))
            .collect();
        if mine.is_empty() {
            return None;
        }
        let hits: Vec<&Unit> = self
            .all()
            .filter(|u| {
                let theirs = words(&u.name);
                mine.iter().all(|w| theirs.contains(w))
            })
            .collect();
        match hits.as_slice() {
            [one] => Some(one.code.to_string()),
            _ => None,
        }
    }

    /// The units a cell names, in order, each once; unknown names become
    /// new units. Names are separated by ";", "+" or line breaks, or by ","
    /// when every part is a known unit (a name may hold a comma itself).
    pub fn codes(&mut self, cell: &str) -> Vec<String> {
        if let Some(c) = self.cache.get(cell) {
            return c.clone();
        }
        let mut out: Vec<String> = Vec::new();
        for piece in cell.split([';', '\n', '+']) {
            let piece = piece
                .trim()
                .trim_start_matches(['-', '–', '•', '*'])
                .trim_end_matches(['.', ','])
                .trim();
            if piece.is_empty() {
                continue;
            }
            let parts: Vec<Option<String>> = piece
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .map(|p| self.find(p))
                .collect();
            let found: Vec<String> = if parts.len() > 1 && parts.iter().all(Option::is_some) {
                parts.into_iter().flatten().collect()
            } else if let Some(c) = self.find(piece) {
                vec![c]
            } else {
                let u = new_unit(&self.units, &self.new, piece);
                let code = u.code.to_string();
                self.new.push(u);
                vec![code]
            };
            for c in found {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        self.cache.insert(cell.to_string(), out.clone());
        out
    }

    /// Make sure a code the keyword rules chose exists: take it from the
    /// plan's preset when the board lacks it.
    pub fn ensure(&mut self, code: &str) {
        if self.has(code) {
            return;
        }
        let u = plan_preset()
            .into_iter()
            .find(|u| u.code == code)
            .unwrap_or_else(|| Unit::new(code, code));
        self.new.push(u);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_parts_of_names() {
        let mut book = UnitBook::new(&plan_preset());
        for (cell, want) in [
            ("dc", "dc"),
            ("Địa chính", "dc"),
            ("Công chức Địa chính xã", "dc"),
            ("dia chinh", "dc"),
            ("Văn phòng", "vp"),
            ("Văn phòng - Thống kê", "vp"),
            ("MTTQ", "mttq"),
            ("Các thôn", "thon"),
            ("Trạm Y tế", "yte"),
            ("Công an xã", "ca"),
            ("Tư pháp", "tp"),
            ("Văn hóa", "vhxh"),
        ] {
            assert_eq!(book.codes(cell), vec![want.to_string()], "{cell}");
        }
        assert!(book.new.is_empty());
    }

    #[test]
    fn several_names_and_unknown_ones() {
        let mut book = UnitBook::new(&plan_preset());
        assert_eq!(book.codes("Văn phòng; Tư pháp"), ["vp", "tp"]);
        assert_eq!(book.codes("Địa chính, Tài chính - Kế toán"), ["dc", "tckt"]);
        assert_eq!(book.codes("Hội Nông dân xã"), ["hnd"]);
        assert_eq!(
            book.codes("Hội Nông dân"),
            ["hnd"],
            "found again, not created twice"
        );
        assert_eq!(book.codes("UBND xã\nĐoàn Thanh niên"), ["ubnd", "dtn"]);
        let names: Vec<&str> = book.new.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Hội Nông dân", "UBND", "Đoàn Thanh niên"]);
    }
}
