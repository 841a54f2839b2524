//! Which unit a plan or a task table means by what it writes: a code ("dc"),
//! the unit's name with or without accents ("Địa chính", "Công chức Địa
//! chính xã"), a common abbreviation ("VP HĐND-UBND", "Phòng KT", "TT
//! PVHCC", "UBND xã"), part of a name ("Văn phòng", "MTTQ"), or several in
//! one cell ("Văn phòng; Tư pháp"). A name no unit answers to becomes a new
//! unit, with a code from its initials, and is listed for the summary —
//! never a second unit for one the board already has under another name.

use std::collections::HashMap;

use crate::domain::text::fold;
use crate::domain::unit::{Unit, commune_2025_preset, plan_preset};

/// Abbreviations written in unit names, and what they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("vp", "van phong"),
    ("hdnd", "hoi dong nhan dan"),
    ("ubnd", "uy ban nhan dan"),
    ("ub", "uy ban"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttq", "mat tran to quoc"),
    ("tt", "trung tam"),
    ("pvhcc", "phuc vu hanh chinh cong"),
    ("hcc", "hanh chinh cong"),
    ("kt", "kinh te"),
    ("vhxh", "van hoa xa hoi"),
    ("vh", "van hoa"),
    ("xh", "xa hoi"),
    ("tckt", "tai chinh ke toan"),
    ("tc", "tai chinh"),
    ("tp", "tu phap"),
    ("tpht", "tu phap ho tich"),
    ("ht", "ho tich"),
    ("dc", "dia chinh"),
    ("dcxd", "dia chinh xay dung"),
    ("xd", "xay dung"),
    ("tnmt", "tai nguyen moi truong"),
    ("ca", "cong an"),
    ("qs", "quan su"),
    ("bchqs", "ban chi huy quan su"),
    ("chqs", "chi huy quan su"),
    ("dtn", "doan thanh nien"),
    ("dtncs", "doan thanh nien cong san"),
    ("hlhpn", "hoi lien hiep phu nu"),
    ("hpn", "hoi phu nu"),
    ("lhpn", "lien hiep phu nu"),
    ("hnd", "hoi nong dan"),
    ("hccb", "hoi cuu chien binh"),
    ("ccb", "cuu chien binh"),
    ("dtt", "dai truyen thanh"),
    ("ttyt", "trung tam y te"),
    ("yt", "y te"),
    ("gd", "giao duc"),
    ("nv", "noi vu"),
    ("ldtbxh", "lao dong thuong binh xa hoi"),
    ("cc", "cong chuc"),
];

/// Words that say nothing about which unit is meant ("Công chức", "Bộ
/// phận", "Đối với" go as pairs).
const GENERIC: &[&str] = &["cac", "va", "xa", "cua"];
const GENERIC_PAIRS: &[(&str, &str)] = &[("cong", "chuc"), ("bo", "phan"), ("doi", "voi")];

/// Words a unit's name starts with: what tells a unit from other words.
const ORG_WORDS: &[&str] = &[
    "phong",
    "van phong",
    "ban",
    "trung tam",
    "hoi",
    "doan",
    "cong an",
    "tram",
    "truong",
    "dai",
    "uy ban",
    "so",
    "bo phan",
    "to cong tac",
    "cong chuc",
    "chi hoi",
    "chi doan",
    "thon",
    "cac thon",
    "mat tran",
    "hop tac xa",
    "kho bac",
    "chi cuc",
    "cuc",
    "bao hiem",
    "ngan hang",
    "dien luc",
    "buu dien",
    "luc luong",
    "quan su",
    "cac truong",
    "dang uy",
    "chi bo",
    "thuong truc",
    "cac co so",
    "co so thon",
    "nha van hoa",
    "hoi dong",
    "benh vien",
    "cong ty",
    "tu phap",
    "dia chinh",
    "tai chinh",
    "van hoa",
    "chu tich",
    "pho chu tich",
    "cac doan the",
    "doan the",
    "khoi",
    "to dan pho",
    "khu pho",
    "ap",
    "ban quan ly",
];

/// A name as its words: folded, abbreviations spelled out.
fn words(s: &str) -> Vec<String> {
    let f = fold(s);
    let mut out = Vec::new();
    for w in f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, long)) => out.extend(long.split(' ').map(str::to_string)),
            None => out.push(w.to_string()),
        }
    }
    out
}

/// The sample plan's units whose work a commune organised in 2025 gives
/// to another unit (land, building and finance to Phòng Kinh tế; the
/// radio to Văn hóa - Xã hội).
const SUCCESSORS: &[(&str, &str)] = &[("dc", "kt"), ("tckt", "kt"), ("dtt", "vhxh")];

/// Whose office a name says a unit is ("HĐND", "UBND" in "VP HĐND-UBND"):
/// words that tell nothing apart once the unit's own words are there.
const OWNERS: &[&[&str]] = &[
    &["hoi", "dong", "nhan", "dan"],
    &["uy", "ban", "nhan", "dan"],
];

/// A name's key without the owner words, when other words remain ("VP
/// HĐND-UBND" → "văn phòng"); None when there are none to drop.
fn core_key(s: &str) -> Option<Vec<String>> {
    let all = words(s);
    let mut rest: Vec<String> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let owner = OWNERS.iter().find(|o| {
            all.len() - i >= o.len() && all[i..].iter().zip(o.iter()).all(|(a, b)| a == b)
        });
        match owner {
            Some(o) => i += o.len(),
            None => {
                rest.push(all[i].clone());
                i += 1;
            }
        }
    }
    let k = key_of(rest);
    (k.len() < key(s).len() && !k.is_empty()).then_some(k)
}

fn core_or_key(s: &str) -> Vec<String> {
    core_key(s).unwrap_or_else(|| key(s))
}

/// The words that tell one unit from another, as a sorted set.
fn key(s: &str) -> Vec<String> {
    key_of(words(s))
}

fn key_of(all: Vec<String>) -> Vec<String> {
    let mut w: Vec<String> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let pair = all
            .get(i + 1)
            .is_some_and(|next| GENERIC_PAIRS.iter().any(|(a, b)| all[i] == *a && next == b));
        if pair {
            i += 2;
            continue;
        }
        if !GENERIC.contains(&all[i].as_str()) {
            w.push(all[i].clone());
        }
        i += 1;
    }
    w.sort();
    w.dedup();
    w
}

fn subset(small: &[String], big: &[String]) -> bool {
    !small.is_empty() && small.iter().all(|w| big.contains(w))
}

/// True if a name reads as a unit's (it starts with "Phòng", "Ban",
/// "Trung tâm", "Hội", an abbreviation such as "VP", …), so that a new unit
/// may be made of it.
pub fn looks_like_unit(name: &str) -> bool {
    let f = fold(name);
    let f = f.trim_start_matches("doi voi ").trim();
    let first = f.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    ABBREVIATIONS.iter().any(|(a, _)| *a == first)
        || ORG_WORDS.iter().any(|w| {
            f.strip_prefix(w).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric())
            })
        })
}

/// The board's units and the ones an import adds.
pub struct UnitBook {
    units: Vec<Unit>,
    /// Units this import creates, in the order first met.
    pub new: Vec<Unit>,
    cache: HashMap<String, Vec<String>>,
    /// Each unit's key words and code, board first (made once: names are
    /// looked up for every task).
    keys: Vec<(Vec<String>, String)>,
    /// The same without owner words ("Văn phòng HĐND và UBND" → "văn
    /// phòng"), for names that differ only in those.
    cores: Vec<(Vec<String>, String)>,
}

impl UnitBook {
    pub fn new(units: &[Unit]) -> UnitBook {
        UnitBook {
            units: units.to_vec(),
            new: Vec::new(),
            cache: HashMap::new(),
            keys: units
                .iter()
                .map(|u| (key(&u.name), u.code.to_string()))
                .collect(),
            cores: units
                .iter()
                .map(|u| (core_or_key(&u.name), u.code.to_string()))
                .collect(),
        }
    }

    fn add(&mut self, u: Unit) -> String {
        let code = u.code.to_string();
        self.keys.push((key(&u.name), code.clone()));
        self.cores.push((core_or_key(&u.name), code.clone()));
        self.new.push(u);
        code
    }

    fn all(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().chain(&self.new)
    }

    /// True if the code is on the board or among the new units.
    pub fn has(&self, code: &str) -> bool {
        self.all().any(|u| u.code == code)
    }

    /// The unit one name means, if some unit answers to it: its code; the
    /// same words; the name's words all in one unit's name ("Văn phòng");
    /// or one unit's words all in the name ("Công chức Địa chính - Xây
    /// dựng"), the unit with the most words winning.
    pub fn find(&self, name: &str) -> Option<String> {
        let name = name.trim();
        let lower = fold(name);
        if let Some(u) = self.all().find(|u| u.code == lower) {
            return Some(u.code.to_string());
        }
        let mine = key(name);
        if mine.is_empty() {
            return None;
        }
        let keyed = &self.keys;
        if let Some((_, c)) = keyed.iter().find(|(k, _)| *k == mine) {
            return Some(c.clone());
        }
        let inside: Vec<&String> = keyed
            .iter()
            .filter(|(k, _)| subset(&mine, k))
            .map(|(_, c)| c)
            .collect();
        if let [one] = inside.as_slice() {
            return Some((*one).clone());
        }
        keyed
            .iter()
            .filter(|(k, _)| k.len() >= 2 && subset(k, &mine))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, c)| c.clone())
            .or_else(|| self.find_core(name))
    }

    /// The one unit a name means once the owner words are dropped from
    /// both ("VP HĐND-UBND" is the board's "Văn phòng - Thống kê").
    fn find_core(&self, name: &str) -> Option<String> {
        let mine = core_key(name)?;
        let hits: Vec<&String> = self
            .cores
            .iter()
            .filter(|(k, _)| subset(&mine, k))
            .map(|(_, c)| c)
            .collect();
        match hits.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// The unit a name means when its words are the unit's or a part of
    /// them (never a name with more words than the unit's): for reading a
    /// unit's name out of running text word by word.
    pub fn find_strict(&self, name: &str) -> Option<String> {
        let lower = fold(name.trim());
        if let Some(u) = self.all().find(|u| u.code == lower) {
            return Some(u.code.to_string());
        }
        let mine = key(name);
        let hits: Vec<&String> = self
            .keys
            .iter()
            .filter(|(k, _)| subset(&mine, k))
            .map(|(_, c)| c)
            .collect();
        match hits.as_slice() {
            [one] => Some((*one).clone()),
            [] => self.find_core(name),
            _ => self
                .keys
                .iter()
                .find(|(k, _)| *k == mine)
                .map(|(_, c)| c.clone()),
        }
    }

    /// The unit a heading names ("1. Công chức Văn phòng - Thống kê xã"),
    /// also when only most of the unit's words are there.
    pub fn find_heading(&self, heading: &str) -> Option<String> {
        if let Some(c) = self.find(heading) {
            return Some(c);
        }
        let mine = key(heading);
        let mut best: Option<(usize, &Unit)> = None;
        for u in self.all() {
            let theirs = key(&u.name);
            let hits = theirs.iter().filter(|w| mine.contains(w)).count();
            if hits * 2 > theirs.len() && best.is_none_or(|(b, _)| hits > b) {
                best = Some((hits, u));
            }
        }
        best.map(|(_, u)| u.code.to_string())
    }

    /// The unit a name means, made when the board has none (the name as
    /// the document writes it, a code from its initials).
    pub fn find_or_make(&mut self, name: &str) -> String {
        if let Some(c) = self.find(name) {
            return c;
        }
        let u = new_unit(&self.units, &self.new, name);
        self.add(u)
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
            } else {
                vec![self.find_or_make(piece)]
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

    /// The board's unit for a code the keyword rules chose: that code when
    /// the board has it; else the board's unit under the preset's name, or
    /// the one that took over its work in the 2025 organisation ("dc" →
    /// "kt"). The rules never add a unit to a board that has some; an
    /// empty board gets the preset's.
    pub fn keyword(&mut self, code: &str) -> Option<String> {
        if self.has(code) {
            return Some(code.to_string());
        }
        let preset = plan_preset().into_iter().find(|u| u.code == code);
        if self.all().next().is_none() {
            return Some(self.add(preset.unwrap_or_else(|| Unit::new(code, code))));
        }
        if let Some(c) = preset.and_then(|u| self.find(&u.name)) {
            return Some(c);
        }
        SUCCESSORS
            .iter()
            .filter(|(old, _)| *old == code)
            .map(|(_, new)| new.to_string())
            .find(|c| self.has(c))
    }

    /// The lead for a code the keyword rules chose ([`Self::keyword`]),
    /// else the office, else the board's first unit.
    pub fn keyword_lead(&mut self, code: &str) -> String {
        self.keyword(code)
            .or_else(|| self.keyword(super::rules::FALLBACK_UNIT))
            .or_else(|| self.all().next().map(|u| u.code.to_string()))
            .unwrap_or_else(|| code.to_string())
    }
}

/// A new unit for a name no unit answers to: the name without "Công chức"
/// and a trailing "xã"; the code of the preset unit the name means
/// ("Phòng Kinh tế" → "kt", "TT PVHCC" → "hcc"), else one from its
/// initials with abbreviations kept whole ("Ban Chỉ huy Quân sự" →
/// "bchqs"; "Hội LHPN" → "hlhpn"), numbered when taken.
pub fn new_unit(units: &[Unit], extra: &[Unit], name: &str) -> Unit {
    let name = name
        .trim()
        .trim_start_matches("Đối với ")
        .trim_start_matches("Công chức ")
        .trim_end_matches(" xã")
        .trim()
        .to_string();
    let taken = |c: &str| units.iter().chain(extra).any(|u| u.code == c);
    let base = UnitBook::new(&presets())
        .find(&name)
        .filter(|c| !taken(c))
        .unwrap_or_else(|| initials(&name));
    let code = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}{n}")))
        .find(|c| !taken(c))
        .expect("some code is free");
    Unit::new(&code, &name)
}

/// Both presets' units, each code once (the 2025 organisation first).
fn presets() -> Vec<Unit> {
    let mut all = commune_2025_preset();
    for u in plan_preset() {
        if !all.iter().any(|a| a.code == u.code) {
            all.push(u);
        }
    }
    all
}

/// A code from a name's initials; a word written in capitals is an
/// abbreviation and is kept whole; a one-word name is kept (8 letters).
fn initials(name: &str) -> String {
    let parts: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let code: String = match parts.as_slice() {
        [one] => fold(one).chars().take(8).collect(),
        _ => parts
            .iter()
            .map(|w| {
                let f = fold(w);
                let caps = w.chars().count() >= 2 && !w.chars().any(char::is_lowercase);
                if caps { f } else { f.chars().take(1).collect() }
            })
            .collect::<String>()
            .chars()
            .take(8)
            .collect(),
    };
    let code: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    if code.is_empty() {
        "dv".to_string()
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::commune_2025_preset;

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
            ("Công chức Kế toán - Tài chính", "tckt"),
            ("Công chức Địa chính - Xây dựng xã", "dc"),
        ] {
            assert_eq!(book.codes(cell), vec![want.to_string()], "{cell}");
        }
        assert!(book.new.is_empty());
    }

    #[test]
    fn abbreviations_of_the_new_communes() {
        let book = UnitBook::new(&commune_2025_preset());
        for (name, want) in [
            ("VP HĐND-UBND", "vp"),
            ("Văn phòng HĐND - UBND xã", "vp"),
            ("UBND xã", "vp"),
            ("Phòng KT", "kt"),
            ("phòng kinh tế", "kt"),
            ("TT PVHCC", "hcc"),
            ("Trung tâm Phục vụ hành chính công xã", "hcc"),
            ("Phòng VH-XH", "vhxh"),
            ("Ủy ban MTTQ Việt Nam xã", "mttq"),
            ("Công an xã", "ca"),
        ] {
            assert_eq!(book.find(name).as_deref(), Some(want), "{name}");
        }
        assert_eq!(book.find("Hội Nông dân"), None);
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

    #[test]
    fn abbreviated_names_of_units_the_board_has_or_a_preset_knows() {
        let mut book = UnitBook::new(&plan_preset());
        for name in ["VP HĐND-UBND", "Văn phòng HĐND và UBND xã", "VP UBND xã"] {
            assert_eq!(book.codes(name), ["vp"], "{name}");
        }
        assert_eq!(book.codes("TT PVHCC"), ["hcc"]);
        assert_eq!(book.codes("Trung tâm Phục vụ hành chính công xã"), ["hcc"]);
        assert_eq!(book.codes("Phòng Kinh tế"), ["kt"]);
        assert_eq!(book.codes("Phòng KT"), ["kt"]);
        assert_eq!(book.codes("Hội LHPN xã"), ["hlhpn"]);
        let made: Vec<(&str, &str)> = book
            .new
            .iter()
            .map(|u| (u.code.as_str(), u.name.as_str()))
            .collect();
        assert_eq!(
            made,
            [
                ("hcc", "TT PVHCC"),
                ("kt", "Phòng Kinh tế"),
                ("hlhpn", "Hội LHPN")
            ]
        );
    }

    #[test]
    fn keyword_rules_choose_among_the_boards_units() {
        let mut book = UnitBook::new(&commune_2025_preset());
        // Land and finance belong to Phòng Kinh tế since 2025.
        assert_eq!(book.keyword_lead("dc"), "kt");
        assert_eq!(book.keyword_lead("tckt"), "kt");
        assert_eq!(book.keyword("dtt").as_deref(), Some("vhxh"));
        // No successor on the board: the office leads, nothing is made.
        assert_eq!(book.keyword_lead("tp"), "vp");
        assert_eq!(book.keyword("tp"), None);
        assert_eq!(book.keyword_lead("ca"), "ca");
        assert!(book.new.is_empty(), "{:?}", book.new);
        // A board with no unit at all takes the sample plan's.
        let mut empty = UnitBook::new(&[]);
        assert_eq!(empty.keyword_lead("dc"), "dc");
        assert_eq!(empty.new, [Unit::new("dc", "Địa chính")]);
    }

    #[test]
    fn what_reads_as_a_unit() {
        for yes in [
            "Phòng Kinh tế",
            "Ban Chỉ huy Quân sự xã",
            "VP HĐND-UBND",
            "Hội Nông dân",
            "Các thôn",
        ] {
            assert!(looks_like_unit(yes), "{yes}");
        }
        for no in [
            "các đơn vị liên quan",
            "người dân",
            "Tổ chức hội nghị",
            "năm 2025",
        ] {
            assert!(!looks_like_unit(no), "{no}");
        }
    }
}
