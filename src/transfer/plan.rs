//! Reads a commune's PAPI plan written as text (the shape every commune
//! copies from its province's template) into tasks:
//!
//! - `II. NỘI DUNG`, `1.1.` … `1.8.`: each `- ` bullet is a task of the
//!   dimension the heading names;
//! - `II.3` and `II.4` (communication, inspection): general tasks (area 0);
//! - `III. TỔ CHỨC THỰC HIỆN`, `1.` … `8.`: each bullet is a task led by the
//!   unit the heading names.
//!
//! Lead units of section II come from keyword rules (`rules.rs`). The plan's
//! number, date, commune, year, title and target become board metadata.
//! The numbering and bullet variants other plans use (`2. NỘI DUNG`, `1.1)`,
//! `a)`, `•`, `+`, …) are recognised by `outline.rs`.

use crate::domain::area::{AreaId, area_from_heading};
use crate::domain::board::BoardMeta;
use crate::domain::deadline::parse_due;
use crate::domain::task::Due;
use crate::domain::text::{fold, nfc};
use crate::domain::unit::Unit;

use super::outline::{Number, Part, bullet, heading, is_end, part_heading, roman_heading};
use super::rules::{Rule, assign, matching_units};

/// One task found in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTask {
    /// Where it came from, e.g. "II.1.3" or "III.4".
    pub section: String,
    /// 1-based line number in the text.
    pub line: usize,
    pub title: String,
    pub description: String,
    pub area: AreaId,
    pub lead: String,
    pub support: Vec<String>,
    pub due: Due,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPlan {
    pub meta: BoardMeta,
    pub tasks: Vec<PlanTask>,
    /// Units the plan names that the given unit list lacks (section III).
    pub new_units: Vec<Unit>,
}

/// Why a text is not a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// No "II. NỘI DUNG"/"III. TỔ CHỨC THỰC HIỆN" section with bullets.
    NotAPlan,
}

/// Longest title shown on a card before the description takes over.
const TITLE_MAX: usize = 110;

/// The heading the next bullets belong to.
#[derive(Clone)]
struct Heading {
    /// "II.1.3", "III.4".
    section: String,
    area: AreaId,
    /// The unit of a section III heading.
    lead: Option<String>,
}

/// Parse a plan. `units` are the board's units (section III headings are
/// matched against their names); `rules` assign units to section II tasks.
///
/// Part headings may be Roman ("II. NỘI DUNG") or not ("2. NỘI DUNG");
/// headings below them may be numbered "1.1.", "1.1)" or lettered "a)";
/// bullets may be "-", "–", "+", "•" and the like (see `outline.rs`).
pub fn parse_plan(text: &str, units: &[Unit], rules: &[Rule]) -> Result<ParsedPlan, PlanError> {
    let text = nfc(text);
    let mut meta = BoardMeta::default();
    let mut tasks = Vec::new();
    let mut new_units: Vec<Unit> = Vec::new();
    let mut part = Part::Preamble;
    let mut heading: Option<Heading> = None;
    // Section III: the depth of the headings that name units.
    let mut unit_depth: Option<usize> = None;
    let lines: Vec<&str> = text.lines().collect();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let folded = fold(line);
        read_meta(&mut meta, line, &folded, &lines[i..]);
        if is_end(&folded) {
            part = Part::End;
        }
        if part == Part::End {
            continue;
        }
        if let Some(p) = part_heading(line) {
            part = p;
            heading = None;
            unit_depth = None;
            continue;
        }
        if let Some((number, rest)) = heading_of(line) {
            match part {
                Part::Content => heading = content_heading(&number, rest, heading.as_ref()),
                Part::Organisation => {
                    let depth = number.depth();
                    if unit_depth.is_some_and(|d| depth > d) && heading.is_some() {
                        // A sub-heading inside a unit's duties: same unit.
                        continue;
                    }
                    unit_depth = Some(depth);
                    let code = unit_for_heading(units, &new_units, rest).unwrap_or_else(|| {
                        let u = new_unit(units, &new_units, rest);
                        let code = u.code.to_string();
                        new_units.push(u);
                        code
                    });
                    heading = Some(Heading {
                        section: format!("III.{}", number.label()),
                        area: AreaId::GENERAL,
                        lead: Some(code),
                    });
                }
                _ => {}
            }
            continue;
        }
        let Some(body) = bullet(line) else { continue };
        let Some(h) = &heading else {
            continue;
        };
        if !matches!(part, Part::Content | Part::Organisation) {
            continue;
        }
        let body = body.trim();
        if body.is_empty() {
            continue;
        }
        let (lead, support) = match &h.lead {
            // Section III: the heading's unit leads; units the text names support.
            Some(l) => {
                let mut support = matching_units(rules, body);
                support.retain(|s| s != l);
                (l.clone(), support)
            }
            None => assign(rules, body),
        };
        tasks.push(PlanTask {
            section: h.section.clone(),
            line: i + 1,
            title: title_of(body),
            description: body.to_string(),
            area: h.area,
            lead,
            support,
            due: due_in(body, (meta.year != 0).then_some(meta.year)),
        });
    }
    if tasks.is_empty() {
        return Err(PlanError::NotAPlan);
    }
    Ok(ParsedPlan {
        meta,
        tasks,
        new_units,
    })
}

/// A numbered or lettered heading; a Roman one below the part level
/// ("I. Tham gia của người dân …" inside II) counts as numbered.
fn heading_of(line: &str) -> Option<(Number, &str)> {
    heading(line).or_else(|| roman_heading(line).map(|(n, rest)| (Number::Digits(vec![n]), rest)))
}

/// The heading bullets of section II fall under: the dimension the heading
/// names; else, below a dimension, that dimension; else by numbering
/// (`1.n` = dimension n, as the template has it; `1`, `2` hold no bullets;
/// anything else is general, area 0).
fn content_heading(number: &Number, rest: &str, current: Option<&Heading>) -> Option<Heading> {
    let section = match (number, current) {
        (Number::Letter(c), Some(h)) => format!("{}.{c}", h.section),
        _ => format!("II.{}", number.label()),
    };
    let make = |area| {
        Some(Heading {
            section: section.clone(),
            area,
            lead: None,
        })
    };
    if let Some(area) = area_from_heading(rest) {
        return make(area);
    }
    let nested = matches!(number, Number::Letter(_)) || number.depth() >= 3;
    if let (true, Some(h)) = (nested, current) {
        return make(h.area);
    }
    match number {
        Number::Digits(v) => match v.as_slice() {
            [1, sub] => make(AreaId::from((*sub).clamp(1, 8) as u8)),
            [1] | [2] => None,
            _ => make(AreaId::GENERAL),
        },
        Number::Letter(_) => make(AreaId::GENERAL),
    }
}

/// Fill metadata from the lines that carry it.
fn read_meta(meta: &mut BoardMeta, line: &str, folded: &str, rest: &[&str]) {
    // A line copied from a two-column header holds several fields,
    // separated by tabs or runs of spaces: read each on its own.
    let segments = || {
        line.split('\t')
            .flat_map(|s| s.split("   "))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if meta.number.is_empty()
        && folded.starts_with("so")
        && let Some(seg) = segments().next()
        && let Some((head, number)) = seg.split_once(':')
        && matches!(fold(head).trim(), "so" | "so hieu")
    {
        meta.number = number.trim().to_string();
    }
    // "Hòa Phong, ngày 07 tháng 01 năm 2025"
    if meta.date.is_empty()
        && folded.contains(", ngay ")
        && folded.contains(" thang ")
        && let Some(seg) = segments().find(|s| {
            let f = fold(s);
            f.contains(", ngay ") && f.contains(" thang ")
        })
    {
        let (place, date) = seg.split_once(',').unwrap_or(("", seg));
        let nums: Vec<u32> = date
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|s| s.parse().ok())
            .collect();
        if let [d, m, y] = nums[..] {
            meta.date = format!("{d:02}/{m:02}/{y}");
            meta.year = y as i32;
            meta.commune = place
                .trim()
                .trim_start_matches("xã ")
                .trim_start_matches("Xã ")
                .to_string();
        }
    }
    if meta.title.is_empty() && folded == "ke hoach" {
        let title: Vec<&str> = rest
            .iter()
            .skip(1)
            .map(|l| l.trim())
            .take_while(|l| !l.is_empty())
            // A Word file has no blank line between the title and the body:
            // the title is at most three short lines, and no "Thực hiện …".
            .take_while(|l| {
                let f = fold(l);
                l.chars().count() <= 150
                    && !f.starts_with("thuc hien")
                    && !f.starts_with("can cu")
                    && roman_heading(l).is_none()
                    && heading(l).is_none()
                    && bullet(l).is_none()
            })
            .take(3)
            .collect();
        meta.title = title.join(" ");
        if let Some(y) = meta
            .title
            .rsplit(|c: char| !c.is_ascii_digit())
            .find_map(|s| s.parse::<i32>().ok().filter(|y| (1990..2200).contains(y)))
            && meta.year == 0
        {
            meta.year = y;
        }
    }
    if meta.target.is_empty()
        && let Some(p) = line.find("tăng bậc")
    {
        let t = &line[p..];
        let end = t.find(['.', ';']).unwrap_or(t.len());
        meta.target = t[..end].trim().to_string();
    }
}

/// The unit a section III heading names, by the words of the unit's name.
pub(crate) fn unit_for_heading(units: &[Unit], extra: &[Unit], heading: &str) -> Option<String> {
    const GENERIC: &[&str] = &["cac", "xa", "va", "cong", "chuc", "ban", "so", "co"];
    let h: Vec<String> = fold(heading)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut best: Option<(usize, &Unit)> = None;
    for u in units.iter().chain(extra) {
        let words: Vec<String> = fold(&u.name)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !GENERIC.contains(w))
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            continue;
        }
        let hits = words.iter().filter(|w| h.contains(w)).count();
        // Most of the name's distinctive words must be in the heading.
        if hits * 2 > words.len() && best.is_none_or(|(b, _)| hits > b) {
            best = Some((hits, u));
        }
    }
    best.map(|(_, u)| u.code.to_string())
}

/// A new unit for a heading no unit matches: code from the initials.
pub(crate) fn new_unit(units: &[Unit], extra: &[Unit], heading: &str) -> Unit {
    let name = heading
        .trim_start_matches("Công chức ")
        .trim_end_matches(" xã")
        .trim()
        .to_string();
    let folded = fold(&name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "UBND" → "ubnd"; "Ban Chỉ huy Quân sự" → "bchqs".
    let initials: String = match words.as_slice() {
        [one] => one.chars().take(8).collect(),
        _ => words
            .iter()
            .filter_map(|w| w.chars().next())
            .take(8)
            .collect(),
    };
    let base = if initials.is_empty() {
        "dv".to_string()
    } else {
        initials
    };
    let taken = |c: &str| units.iter().chain(extra).any(|u| u.code == c);
    let code = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}{n}")))
        .find(|c| !taken(c))
        .expect("some code is free");
    Unit::new(&code, &name)
}

/// A card title: the first sentence or clause, shortened at a word.
pub fn title_of(body: &str) -> String {
    let mut end = body.len();
    for (i, c) in body.char_indices() {
        if c == ';' {
            end = i;
            break;
        }
        if c == '.' {
            let next = body[i + 1..].chars().next();
            let after = body[i + 1..].trim_start().chars().next();
            if next.is_none() || (next == Some(' ') && after.is_some_and(char::is_uppercase)) {
                end = i;
                break;
            }
        }
    }
    let mut first = body[..end].trim().trim_end_matches(['.', ',', ':']);
    if first.trim().is_empty() {
        // "• :" or "- ; …": no first clause; the text itself is the title.
        first = body.trim();
    }
    if first.chars().count() <= TITLE_MAX {
        return first.to_string();
    }
    let mut out = String::new();
    for w in first.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > TITLE_MAX - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_end_matches([',', ';', ':']).to_string() + "…"
}

/// A deadline the text states ("trước ngày 30/6/2025", "trong quý II/2025");
/// ongoing ("Thường xuyên") when it states none.
fn due_in(body: &str, year: Option<i32>) -> Due {
    let folded = fold(body);
    for lead in [
        "truoc ngay ",
        "truoc ",
        "cham nhat ngay ",
        "trong quy ",
        "trong thang ",
    ] {
        let mut from = 0;
        while let Some(p) = folded[from..].find(lead) {
            let start = from + p;
            from = start + lead.len();
            // Try the longest run of up to 5 words after the lead word.
            let tail: Vec<&str> = folded[start..].split_whitespace().take(6).collect();
            for n in (2..=tail.len()).rev() {
                let phrase = tail[..n].join(" ");
                let phrase = phrase.trim_end_matches([',', ';', '.']);
                // The phrase must end on its date or number, not on the words after it.
                if !phrase.ends_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                if let Ok(p) = parse_due(phrase, year)
                    && p.date.is_some()
                {
                    let orig: String = body
                        .chars()
                        .skip(folded[..start].chars().count())
                        .take(phrase.chars().count())
                        .collect();
                    return Due::from_parsed(p, Some(orig));
                }
            }
        }
    }
    Due::ongoing()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::plan_preset;
    use crate::transfer::outline::numbered_heading;
    use crate::transfer::rules::default_rules;

    const SAMPLE: &str = include_str!("../../assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt");

    #[test]
    fn headings_and_bullets_are_recognised() {
        assert_eq!(
            numbered_heading("1.1. Nội dung"),
            Some((vec![1, 1], "Nội dung"))
        );
        assert_eq!(numbered_heading("3. Công tác"), Some((vec![3], "Công tác")));
        assert_eq!(
            numbered_heading("1.1) Nội dung"),
            Some((vec![1, 1], "Nội dung"))
        );
        assert_eq!(numbered_heading("2025 là năm"), None);
        assert_eq!(
            roman_heading("III. TỔ CHỨC THỰC HIỆN"),
            Some((3, "TỔ CHỨC THỰC HIỆN"))
        );
        assert_eq!(roman_heading("Ia. x"), None);
        assert_eq!(bullet("• Việc"), Some("Việc"));
        assert_eq!(bullet("-Việc"), None);
    }

    #[test]
    fn sample_plan_metadata() {
        let p = parse_plan(SAMPLE, &plan_preset(), &default_rules()).unwrap();
        assert_eq!(p.meta.number, "05/KH-UBND");
        assert_eq!(p.meta.date, "07/01/2025");
        assert_eq!(p.meta.year, 2025);
        assert_eq!(p.meta.commune, "Hòa Phong");
        assert!(
            p.meta.title.starts_with("Nâng cao Chỉ số hiệu quả"),
            "{}",
            p.meta.title
        );
        assert_eq!(p.meta.target, "tăng bậc so với năm 2024");
        assert!(p.new_units.is_empty(), "{:?}", p.new_units);
    }

    #[test]
    fn section_three_headings_name_their_units() {
        let p = parse_plan(SAMPLE, &plan_preset(), &default_rules()).unwrap();
        let leads: Vec<(String, String)> = p
            .tasks
            .iter()
            .filter(|t| t.section.starts_with("III."))
            .map(|t| (t.section.clone(), t.lead.clone()))
            .collect();
        let want = [
            ("III.1", "vp"),
            ("III.2", "vhxh"),
            ("III.3", "tp"),
            ("III.4", "dc"),
            ("III.5", "tckt"),
            ("III.6", "thon"),
            ("III.7", "mttq"),
            ("III.8", "dtt"),
        ];
        for (sec, unit) in want {
            assert!(
                leads.iter().any(|(s, u)| s == sec && u == unit),
                "{sec} → {unit}: {leads:?}"
            );
            assert!(
                leads
                    .iter()
                    .filter(|(s, _)| s == sec)
                    .all(|(_, u)| u == unit)
            );
        }
    }

    #[test]
    fn titles_are_first_clauses() {
        assert_eq!(title_of("Làm A; làm B."), "Làm A");
        assert_eq!(title_of("Làm A. Làm B."), "Làm A");
        assert_eq!(title_of(":"), ":");
        assert_eq!(title_of("; còn lại"), "; còn lại");
        assert_eq!(
            title_of("Làm nông thôn mới... đảm bảo"),
            "Làm nông thôn mới... đảm bảo"
        );
        let long = "từ ".repeat(80);
        let t = title_of(&long);
        assert!(t.chars().count() <= TITLE_MAX && t.ends_with('…'));
    }

    #[test]
    fn stated_deadlines_are_found_and_others_are_ongoing() {
        let d = due_in("Hoàn thành báo cáo trước ngày 30/6/2025 để gửi", Some(2025));
        assert_eq!(d.date, chrono::NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(d.text.as_deref(), Some("trước ngày 30/6/2025"));
        let d = due_in("Theo Nghị định 42/2022/NĐ-CP ngày 24/6/2022", Some(2025));
        assert!(d.is_ongoing());
    }

    #[test]
    fn other_numbering_and_bullets_are_read_alike() {
        let text = "Số: 12/KH-UBND\t\tXã Yên Sơn, ngày 15 tháng 02 năm 2025\n\
            KẾ HOẠCH\nNâng cao chỉ số PAPI năm 2025\n\
            1. MỤC ĐÍCH, YÊU CẦU\n- Không phải nhiệm vụ\n\
            2. NỘI DUNG\n\
            2.1) Tham gia của người dân ở cơ sở\n• Tổ chức hội nghị lấy ý kiến nhân dân\n\
            a) Về bầu cử\n+ Niêm yết danh sách cử tri trước ngày 10/3/2025\n\
            2.2) Quản trị điện tử\n– Hướng dẫn dịch vụ công trực tuyến\n\
            3. TỔ CHỨC THỰC HIỆN\n\
            a) Công chức Tư pháp - Hộ tịch\n- Tuyên truyền pháp luật\n\
            b) Ban Chỉ huy Quân sự xã\n- Phối hợp giữ gìn an ninh\n\
            Nơi nhận:\n- Lưu: VT.\n";
        let p = parse_plan(text, &plan_preset(), &default_rules()).unwrap();
        assert_eq!(p.meta.number, "12/KH-UBND");
        assert_eq!(p.meta.date, "15/02/2025");
        assert_eq!(p.meta.commune, "Yên Sơn");
        assert_eq!(p.meta.year, 2025);
        assert_eq!(p.meta.title, "Nâng cao chỉ số PAPI năm 2025");
        let got: Vec<(&str, u8, &str)> = p
            .tasks
            .iter()
            .map(|t| (t.section.as_str(), t.area.get(), t.lead.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("II.2.1", 1, "vp"),
                ("II.2.1.a", 1, "vp"),
                ("II.2.2", 8, "vp"),
                ("III.a", 0, "tp"),
                ("III.b", 0, "bchqs"),
            ]
        );
        assert_eq!(
            p.tasks[1].due.date,
            chrono::NaiveDate::from_ymd_opt(2025, 3, 10)
        );
        assert_eq!(p.new_units, vec![Unit::new("bchqs", "Ban Chỉ huy Quân sự")]);
    }

    #[test]
    fn text_without_sections_is_not_a_plan() {
        assert_eq!(
            parse_plan("hello\n- a\n", &plan_preset(), &default_rules()),
            Err(PlanError::NotAPlan)
        );
    }
}
