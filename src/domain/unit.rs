//! Responsible units (đơn vị): data, not code. A commune adds, renames and
//! retires them; the two presets are the units of the sample plan and the
//! structure of a commune after the 2025 reorganisation.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// A unit's short code ("vp", "dc"): how tasks name their lead and
/// supporting units, and what quick-add's `@` and `+` take. Stored as the
/// bare string (bincode and JSON see a `String`). A code read from stored
/// data or typed by someone may not be valid (`is_valid`): commands that
/// create units check it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitCode(String);

impl UnitCode {
    pub fn new(code: impl Into<String>) -> UnitCode {
        UnitCode(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 1–12 ASCII lowercase letters or digits (`valid_code`).
    pub fn is_valid(&self) -> bool {
        valid_code(&self.0)
    }
}

impl Deref for UnitCode {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for UnitCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for UnitCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl From<&str> for UnitCode {
    fn from(s: &str) -> UnitCode {
        UnitCode(s.to_string())
    }
}

impl From<String> for UnitCode {
    fn from(s: String) -> UnitCode {
        UnitCode(s)
    }
}

impl From<UnitCode> for String {
    fn from(c: UnitCode) -> String {
        c.0
    }
}

impl PartialEq<str> for UnitCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for UnitCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for UnitCode {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<UnitCode> for str {
    fn eq(&self, other: &UnitCode) -> bool {
        self == other.0
    }
}

impl PartialEq<UnitCode> for &str {
    fn eq(&self, other: &UnitCode) -> bool {
        *self == other.0
    }
}

/// A responsible unit: a short ASCII code typed in quick-add, and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: UnitCode,
    pub name: String,
    /// Retired units keep their tasks but are not offered for new ones.
    pub active: bool,
}

impl Unit {
    pub fn new(code: &str, name: &str) -> Self {
        Unit {
            code: UnitCode::from(code),
            name: name.to_string(),
            active: true,
        }
    }
}

/// The units named by the sample plan (sections II and III).
pub fn plan_preset() -> Vec<Unit> {
    [
        ("vp", "Văn phòng - Thống kê"),
        ("vhxh", "Văn hóa - Xã hội"),
        ("tp", "Tư pháp - Hộ tịch"),
        ("dc", "Địa chính"),
        ("tckt", "Tài chính - Kế toán"),
        ("thon", "Các cơ sở thôn"),
        ("mttq", "Ủy ban MTTQ Việt Nam và các đoàn thể xã"),
        ("dtt", "Đài truyền thanh xã"),
        ("yte", "Trạm y tế"),
        ("gd", "Các trường học"),
        ("ca", "Công an xã"),
    ]
    .iter()
    .map(|(c, n)| Unit::new(c, n))
    .collect()
}

/// The organisation of a commune since 1 July 2025.
pub fn commune_2025_preset() -> Vec<Unit> {
    [
        ("vp", "Văn phòng HĐND và UBND"),
        ("kt", "Phòng Kinh tế"),
        ("vhxh", "Phòng Văn hóa - Xã hội"),
        ("hcc", "Trung tâm Phục vụ hành chính công"),
        ("thon", "Các thôn"),
        ("mttq", "Ủy ban MTTQ Việt Nam và các đoàn thể xã"),
        ("yte", "Trạm y tế"),
        ("gd", "Các trường học"),
        ("ca", "Công an xã"),
    ]
    .iter()
    .map(|(c, n)| Unit::new(c, n))
    .collect()
}

/// A unit code is 1–12 ASCII lowercase letters or digits.
pub fn valid_code(code: &str) -> bool {
    (1..=12).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Resolve what a user typed to a unit code: an exact code, or the start of
/// a unit's name without accents (`dia` → `dc`). Ambiguous or unknown → None.
pub fn resolve<'a>(units: &'a [Unit], typed: &str) -> Option<&'a Unit> {
    match candidates(units, typed).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The units `typed` may mean: the one whose code it is; else the active
/// units whose name starts with it (accents and case ignored), else those
/// with a word that starts with it. Several when the text is ambiguous
/// ("văn": vp "Văn phòng…" and vhxh "Văn hóa…"), so the caller can offer them.
pub fn candidates<'a>(units: &'a [Unit], typed: &str) -> Vec<&'a Unit> {
    let t = super::text::fold(typed.trim());
    if t.is_empty() {
        return Vec::new();
    }
    if let Some(u) = units.iter().find(|u| u.code == t) {
        return vec![u];
    }
    let hits: Vec<&Unit> = units
        .iter()
        .filter(|u| u.active)
        .filter(|u| {
            let name = super::text::fold(&u.name);
            name.starts_with(&t) || name.split_whitespace().any(|w| w.starts_with(&t))
        })
        .collect();
    // Prefer names that start with the text; otherwise every word match.
    let starts: Vec<&Unit> = hits
        .iter()
        .copied()
        .filter(|u| super::text::fold(&u.name).starts_with(&t))
        .collect();
    if starts.is_empty() { hits } else { starts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_valid_unique_codes() {
        for preset in [plan_preset(), commune_2025_preset()] {
            let mut codes: Vec<_> = preset.iter().map(|u| u.code.clone()).collect();
            assert!(codes.iter().all(|c| valid_code(c)));
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), preset.len());
        }
        assert_eq!(plan_preset().len(), 11);
    }

    #[test]
    fn resolve_by_code_or_name_start() {
        let units = plan_preset();
        assert_eq!(resolve(&units, "dc").unwrap().code, "dc");
        assert_eq!(resolve(&units, "dia").unwrap().code, "dc");
        assert_eq!(resolve(&units, "Địa").unwrap().code, "dc");
        assert_eq!(resolve(&units, "tram").unwrap().code, "yte");
        assert_eq!(resolve(&units, "tu").unwrap().code, "tp");
        assert!(resolve(&units, "zzz").is_none());
        assert!(resolve(&units, "").is_none());
        // "c" starts "Các cơ sở thôn", "Các trường học", "Công an xã": ambiguous.
        assert!(resolve(&units, "c").is_none());
        let codes = |t| {
            candidates(&units, t)
                .iter()
                .map(|u| u.code.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes("văn"), ["vp", "vhxh"]);
        assert_eq!(codes("vp"), ["vp"]);
        assert!(codes("zzz").is_empty());
    }
}
