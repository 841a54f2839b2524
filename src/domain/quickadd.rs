//! Quick-add: one line that makes a task, with inline markers.
//!
//! `@CODE` lead unit (a code, or the start of a unit's name without
//! accents: `@dc`, `@dia`), `+CODE` a supporting unit, `#N` area 0–8,
//! `!WHEN` a deadline in any wording the deadline parser reads, written
//! without spaces (`!30/6/2025`, `!30/6`, `!q2/2025`, `!t11/2025`, `!tx`).
//! Everything else is the title. The same parser serves the board's `a` and
//! `papi-board add`.

use super::area::AreaId;
use super::deadline::{DueError, ParsedDue, parse_due_marker};
use super::text::nfc;
use super::unit::{Unit, UnitCode, candidates};

/// What a quick-add line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuickAdd {
    pub title: String,
    pub lead: Option<UnitCode>,
    pub support: Vec<UnitCode>,
    pub area: Option<AreaId>,
    /// The parsed deadline and the marker as typed (without `!`).
    pub due: Option<(ParsedDue, String)>,
    /// Markers that could not be understood, in order.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownUnit(String),
    /// The text starts the names of several units: these are the choices.
    AmbiguousUnit(String, Vec<UnitCode>),
    BadArea(String),
    BadDue(String, DueError),
}

impl Problem {
    pub fn message(&self, lang: super::Lang) -> String {
        match (self, lang) {
            (Problem::AmbiguousUnit(u, codes), super::Lang::Vi) => {
                format!("“{u}” là {}?", codes.join(" hay "))
            }
            (Problem::AmbiguousUnit(u, codes), super::Lang::En) => {
                format!("“{u}” is {}?", codes.join(" or "))
            }
            (Problem::UnknownUnit(u), super::Lang::Vi) => format!("không rõ đơn vị “{u}”"),
            (Problem::UnknownUnit(u), super::Lang::En) => format!("unknown unit “{u}”"),
            (Problem::BadArea(a), super::Lang::Vi) => format!("lĩnh vực “{a}” phải từ 0 đến 8"),
            (Problem::BadArea(a), super::Lang::En) => format!("area “{a}” must be 0 to 8"),
            (Problem::BadDue(t, why), super::Lang::Vi) => {
                format!("thời hạn “{t}”: {}", why.message_vi())
            }
            (Problem::BadDue(t, why), super::Lang::En) => format!("deadline “{t}”: {why}"),
        }
    }
}

/// Is this token a marker (and of which kind)?
fn marker(token: &str) -> Option<(char, &str)> {
    let mut chars = token.chars();
    let m = chars.next()?;
    let rest = chars.as_str();
    let first = rest.chars().next()?;
    match m {
        '@' | '+' if first.is_alphabetic() => Some((m, rest)),
        '#' if first.is_ascii_digit() => Some((m, rest)),
        '!' if first.is_alphanumeric() => Some((m, rest)),
        _ => None,
    }
}

/// Parse a quick-add line. `year` completes deadlines without a year.
pub fn parse_quick_add(input: &str, units: &[Unit], year: Option<i32>) -> QuickAdd {
    let input = nfc(input);
    let mut q = QuickAdd::default();
    let mut title_parts: Vec<&str> = Vec::new();
    let mut any_marker = false;
    for token in input.split_whitespace() {
        let Some((m, rest)) = marker(token) else {
            title_parts.push(token);
            continue;
        };
        any_marker = true;
        match m {
            '@' | '+' => match candidates(units, rest).as_slice() {
                [u] if m == '@' => q.lead = Some(u.code.clone()),
                [u] => {
                    if !q.support.contains(&u.code) {
                        q.support.push(u.code.clone());
                    }
                }
                [] => q.problems.push(Problem::UnknownUnit(rest.to_string())),
                many => q.problems.push(Problem::AmbiguousUnit(
                    rest.to_string(),
                    many.iter().map(|u| u.code.clone()).collect(),
                )),
            },
            '#' => match AreaId::parse(rest) {
                Some(a) => q.area = Some(a),
                None => q.problems.push(Problem::BadArea(rest.to_string())),
            },
            _ => match parse_due_marker(rest, year) {
                Ok(p) => q.due = Some((p, rest.to_string())),
                Err(e) => q.problems.push(Problem::BadDue(rest.to_string(), e)),
            },
        }
    }
    // Without markers the title is the line itself, untouched but trimmed.
    q.title = if any_marker {
        title_parts.join(" ")
    } else {
        input.trim().to_string()
    };
    if let Some(lead) = &q.lead {
        q.support.retain(|s| s != lead);
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::DueKind;
    use crate::domain::unit::plan_preset;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn table() {
        let units = plan_preset();
        struct Case {
            input: &'static str,
            title: &'static str,
            lead: Option<&'static str>,
            support: &'static [&'static str],
            area: Option<u8>,
            due: Option<(DueKind, Option<NaiveDate>)>,
            problems: usize,
        }
        let cases = [
            Case {
                input: "Họp dân thôn Đông @thon #1 !30/6/2025",
                title: "Họp dân thôn Đông",
                lead: Some("thon"),
                support: &[],
                area: Some(1),
                due: Some((DueKind::Date, d(2025, 6, 30))),
                problems: 0,
            },
            Case {
                input: "Niêm yết giá đất @dia +tp +dtt #2 !30/6",
                title: "Niêm yết giá đất",
                lead: Some("dc"),
                support: &["tp", "dtt"],
                area: Some(2),
                due: Some((DueKind::Date, d(2025, 6, 30))),
                problems: 0,
            },
            Case {
                input: "Báo cáo quý !q2/2025 @vp",
                title: "Báo cáo quý",
                lead: Some("vp"),
                support: &[],
                area: None,
                due: Some((DueKind::Quarter, d(2025, 6, 30))),
                problems: 0,
            },
            Case {
                input: "Tổng kết !t11/2025",
                title: "Tổng kết",
                lead: None,
                support: &[],
                area: None,
                due: Some((DueKind::Month, d(2025, 11, 30))),
                problems: 0,
            },
            Case {
                input: "Tiếp dân định kỳ !tx @vp",
                title: "Tiếp dân định kỳ",
                lead: Some("vp"),
                support: &[],
                area: None,
                due: Some((DueKind::Ongoing, None)),
                problems: 0,
            },
            Case {
                input: "Việc @khongco #9 !31/2/2025",
                title: "Việc",
                lead: None,
                support: &[],
                area: None,
                due: None,
                problems: 3,
            },
            Case {
                input: "Gửi email a@b.vn, C# và 100% !",
                title: "Gửi email a@b.vn, C# và 100% !",
                lead: None,
                support: &[],
                area: None,
                due: None,
                problems: 0,
            },
            Case {
                input: "Lead is not support @tp +tp",
                title: "Lead is not support",
                lead: Some("tp"),
                support: &[],
                area: None,
                due: None,
                problems: 0,
            },
        ];
        for c in cases {
            let q = parse_quick_add(c.input, &units, Some(2025));
            assert_eq!(q.title, c.title, "{}", c.input);
            assert_eq!(q.lead.as_deref(), c.lead, "{}", c.input);
            assert_eq!(
                q.support,
                c.support
                    .iter()
                    .map(|s| UnitCode::from(*s))
                    .collect::<Vec<_>>(),
                "{}",
                c.input
            );
            assert_eq!(q.area, c.area.map(AreaId::from), "{}", c.input);
            assert_eq!(q.due.map(|(p, _)| (p.kind, p.date)), c.due, "{}", c.input);
            assert_eq!(
                q.problems.len(),
                c.problems,
                "{}: {:?}",
                c.input,
                q.problems
            );
        }
    }

    #[test]
    fn a_unit_prefix_of_several_units_offers_them() {
        let q = parse_quick_add("Họp dân +văn", &plan_preset(), Some(2025));
        assert_eq!(q.support, Vec::<UnitCode>::new());
        let vp_vhxh = vec![UnitCode::from("vp"), UnitCode::from("vhxh")];
        assert_eq!(
            q.problems,
            vec![Problem::AmbiguousUnit("văn".into(), vp_vhxh)]
        );
        assert_eq!(
            q.problems[0].message(crate::domain::Lang::Vi),
            "“văn” là vp hay vhxh?"
        );
        assert_eq!(
            q.problems[0].message(crate::domain::Lang::En),
            "“văn” is vp or vhxh?"
        );
        let q = parse_quick_add("Họp !30/2/25", &plan_preset(), Some(2025));
        assert_eq!(
            q.problems[0].message(crate::domain::Lang::En),
            "deadline “30/2/25”: invalid date: 30/2/25"
        );
    }

    #[test]
    fn decomposed_input_comes_out_composed() {
        let nfd = "Ho\u{0323}p da\u{0302}n";
        let q = parse_quick_add(nfd, &plan_preset(), None);
        assert_eq!(q.title, "Họp dân");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_quick_add(&s, &plan_preset(), Some(2025));
        }

        #[test]
        fn without_markers_the_title_comes_back_unchanged(s in "[a-zA-Zàáạảãăắằẳẵặâấầẩẫậđèéẹẻẽêếềểễệòóọỏõôốồổỗộơớờởỡợùúụủũưứừửữự0-9 ,.;:()/-]{0,80}") {
            let q = parse_quick_add(&s, &plan_preset(), Some(2025));
            prop_assert_eq!(q.title, s.trim());
            prop_assert!(q.lead.is_none() && q.area.is_none() && q.due.is_none() && q.problems.is_empty());
        }
    }
}
