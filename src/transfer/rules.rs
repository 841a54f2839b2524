//! Keyword rules that pick the lead and supporting units of a plan's task.
//! The default rules live in `assets/unit-rules.txt`, written for people.

/// One rule: any of these words → this unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub words: Vec<String>,
    pub unit: String,
}

/// The rules shipped with the program.
pub const DEFAULT_RULES: &str = include_str!("../../assets/unit-rules.txt");

/// The unit that leads when no rule matches.
pub const FALLBACK_UNIT: &str = "vp";

/// Parse the rules text; a malformed line gives its number.
pub fn parse_rules(text: &str) -> Result<Vec<Rule>, usize> {
    let mut rules = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (words, unit) = line.split_once("=>").ok_or(i + 1)?;
        let words: Vec<String> = words
            .split('|')
            .map(|w| crate::domain::text::nfc(w.trim()).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let unit = unit.trim().to_string();
        if words.is_empty() || !crate::domain::unit::valid_code(&unit) {
            return Err(i + 1);
        }
        rules.push(Rule { words, unit });
    }
    Ok(rules)
}

/// The default rules, parsed.
pub fn default_rules() -> Vec<Rule> {
    parse_rules(DEFAULT_RULES).expect("the shipped rules parse")
}

/// True if `word` occurs in `text` as whole words ("các thôn" is not in
/// "các thông tin").
fn contains_words(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(p) = text[from..].find(word) {
        let start = from + p;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Units whose rules match the text, in rule order (first = lead), each once.
pub fn matching_units(rules: &[Rule], text: &str) -> Vec<String> {
    let lower = crate::domain::text::nfc(text).to_lowercase();
    let mut hits: Vec<String> = Vec::new();
    for r in rules {
        if !hits.contains(&r.unit) && r.words.iter().any(|w| contains_words(&lower, w)) {
            hits.push(r.unit.clone());
        }
    }
    hits
}

/// Lead unit and supporting units for a text (the fallback unit leads when
/// no rule matches).
pub fn assign(rules: &[Rule], text: &str) -> (String, Vec<String>) {
    let mut hits = matching_units(rules, text);
    if hits.is_empty() {
        return (FALLBACK_UNIT.to_string(), Vec::new());
    }
    let lead = hits.remove(0);
    (lead, hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_parse_and_name_known_units() {
        let units = crate::domain::unit::plan_preset();
        for r in default_rules() {
            assert!(units.iter().any(|u| u.code == r.unit), "{}", r.unit);
        }
    }

    #[test]
    fn keywords_pick_units_with_accents() {
        let rules = default_rules();
        assert_eq!(assign(&rules, "Công khai danh sách hộ nghèo").0, "vhxh");
        assert_eq!(assign(&rules, "Công khai ngân sách").0, "tckt");
        assert_eq!(assign(&rules, "Quản lý đất đai").0, "dc");
        assert_eq!(assign(&rules, "Thu gom rác thải").0, "dc");
        assert_eq!(assign(&rules, "Giải quyết khiếu nại").0, "tp");
        assert_eq!(assign(&rules, "Bộ phận một cửa").0, "vp");
        // "đạt" (achieve) is not "đất" (land); "các thông tin" is not "các thôn".
        assert_eq!(assign(&rules, "các thông tin").0, "vp");
        assert_eq!(assign(&rules, "đạt chỉ tiêu"), ("vp".to_string(), vec![]));
        let (lead, support) = assign(
            &rules,
            "Giải quyết khiếu nại về đất đai, phối hợp đài truyền thanh",
        );
        assert_eq!(lead, "tp");
        assert_eq!(support, vec!["dc", "dtt"]);
    }

    #[test]
    fn malformed_rules_give_the_line() {
        assert_eq!(parse_rules("# c\nabc => vp\nno arrow here"), Err(3));
        assert_eq!(parse_rules("x => NOT A CODE"), Err(1));
    }
}
