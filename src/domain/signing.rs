//! The parts of a report sent up that are the same every time (Nghị định
//! 30/2020/NĐ-CP, Phụ lục I): the issuing body at the top left, the
//! authority and the signer's name at the bottom right, and "Nơi nhận".
//! The officer sets them once (`plan set --signer … --recipients …`); a
//! part left empty has a default made from the commune's name.

use serde::{Deserialize, Serialize};

/// Set once with `plan set`; kept with the plan's details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signing {
    /// The issuing body, one line each, the parent body first:
    /// ["ỦY BAN NHÂN DÂN", "XÃ HÒA PHONG"].
    pub issuer: Vec<String>,
    /// The authority above the signature, one line each:
    /// ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].
    pub title: Vec<String>,
    /// The signer's full name.
    pub signer: String,
    /// Nơi nhận, one recipient each, without the leading "- " and the
    /// closing ";" or ".": ["Như trên", "UBND huyện Hòa Vang", "Lưu: VT"].
    pub recipients: Vec<String>,
}

/// Most lines any list of `Signing` holds, and the longest line.
pub const MAX_LINES: usize = 30;
pub const MAX_LINE: usize = 300;

impl Signing {
    /// The issuing body's lines: as set, else "ỦY BAN NHÂN DÂN" and "XÃ "
    /// with the commune's name in capitals.
    pub fn issuer_lines(&self, commune: &str) -> Vec<String> {
        if !self.issuer.is_empty() {
            return self.issuer.clone();
        }
        let mut lines = vec!["ỦY BAN NHÂN DÂN".to_string()];
        if !commune.trim().is_empty() {
            lines.push(format!("XÃ {}", commune.trim().to_uppercase()));
        }
        lines
    }

    /// The authority's lines: as set, else the chairperson for the committee.
    pub fn title_lines(&self) -> Vec<String> {
        if !self.title.is_empty() {
            return self.title.clone();
        }
        vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()]
    }

    /// "Nơi nhận" as printed: "- Như trên;" … "- Lưu: VT." (the last one
    /// ends with a full stop); "Lưu: VT" added when not set.
    pub fn recipient_lines(&self) -> Vec<String> {
        let mut names = self.recipients.clone();
        if names.is_empty() {
            names.push("Như trên".into());
        }
        if !names.iter().any(|n| n.trim_start().starts_with("Lưu")) {
            names.push("Lưu: VT".into());
        }
        let last = names.len() - 1;
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("- {}{}", n, if i == last { "." } else { ";" }))
            .collect()
    }
}

/// A list typed on one line, "UBND huyện; Đảng ủy xã; Lưu: VT" (also one
/// per line), as `Signing` keeps it: trimmed, without leading dashes or
/// closing punctuation, empty items dropped.
pub fn split_list(typed: &str) -> Vec<String> {
    typed
        .split([';', '\n'])
        .map(|s| {
            s.trim()
                .trim_start_matches(['-', '+', '•'])
                .trim()
                .trim_end_matches(['.', ';', ','])
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_commune_and_lists_read_as_typed() {
        let s = Signing::default();
        assert_eq!(
            s.issuer_lines("Hòa Phong"),
            ["ỦY BAN NHÂN DÂN", "XÃ HÒA PHONG"]
        );
        assert_eq!(s.title_lines(), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        assert_eq!(s.recipient_lines(), ["- Như trên;", "- Lưu: VT."]);
        let typed = "- UBND huyện Hòa Vang;  Đảng ủy xã ; ; Lưu: VT, VP.";
        let s = Signing {
            recipients: split_list(typed),
            ..Signing::default()
        };
        assert_eq!(
            s.recipients,
            ["UBND huyện Hòa Vang", "Đảng ủy xã", "Lưu: VT, VP"]
        );
        assert_eq!(
            s.recipient_lines(),
            ["- UBND huyện Hòa Vang;", "- Đảng ủy xã;", "- Lưu: VT, VP."]
        );
    }
}
