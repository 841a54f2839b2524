//! Keyword rules that pick the PAPI dimension of a task-table row that says
//! neither in a column nor in a section row above it. The rules live in
//! `assets/area-rules.txt`, written for people, in the unit rules' format.

use crate::domain::area::AreaId;

use super::rules::{Rule, matching_units, parse_rules};

/// The rules shipped with the program.
pub const DEFAULT_AREA_RULES: &str = include_str!("../../assets/area-rules.txt");

/// The shipped rules, parsed.
pub fn default_area_rules() -> Vec<Rule> {
    parse_rules(DEFAULT_AREA_RULES).expect("the shipped area rules parse")
}

/// The dimension the text's words point to, if a rule matches.
pub fn area_by_keywords(rules: &[Rule], text: &str) -> Option<AreaId> {
    matching_units(rules, text)
        .first()
        .and_then(|a| AreaId::parse(a))
        .filter(|a| a.is_dimension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_name_dimensions() {
        let rules = default_area_rules();
        for r in &rules {
            let a = AreaId::parse(&r.unit).unwrap();
            assert!(a.is_dimension(), "{}", r.unit);
        }
        let area = |t| area_by_keywords(&rules, t);
        assert_eq!(area("Công khai danh sách hộ nghèo"), Some(2.into()));
        assert_eq!(
            area("Niêm yết công khai thủ tục hành chính"),
            Some(5.into())
        );
        assert_eq!(area("Tổ chức đối thoại với nhân dân"), Some(3.into()));
        assert_eq!(area("Thu gom rác thải sinh hoạt"), Some(7.into()));
        assert_eq!(area("Hướng dẫn nộp hồ sơ trực tuyến"), Some(8.into()));
        assert_eq!(area("Tổ chức bầu cử trưởng thôn"), Some(1.into()));
        assert_eq!(area("Họp giao ban tháng"), None);
    }
}
