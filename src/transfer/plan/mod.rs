//! Reads a plan document — the text of a .txt, .md, .docx or .pdf, one
//! paragraph a line — into tasks, by the structure every Vietnamese
//! administrative plan shares rather than by one layout:
//!
//! - parts: the content part (`II. NỘI DUNG`, `NHIỆM VỤ, GIẢI PHÁP`) and
//!   the assignment part (`III. TỔ CHỨC THỰC HIỆN`); others are skipped,
//!   and the plan ends at "Trên đây là…" / "Nơi nhận";
//! - inside a part, an outline of numbered, lettered and bulleted items at
//!   any depth (`tree.rs`); a task is an item with no items below it, its
//!   dimension the one its headings name (`content.rs`);
//! - what is not a task: headings and labels that introduce items, lines
//!   that state who leads and by when (`duty.rs`: they apply to the items
//!   around them), the recipients and the signature;
//! - in the assignment part, each unit's duties are tasks it leads, and
//!   "chủ trì thực hiện các nội dung 1.1, 1.3" leads those items
//!   (`organise.rs`).
//!
//! Who leads comes from the document wherever it says so; the keyword
//! rules (`rules.rs`) only where it is silent.

pub mod content;
pub mod duty;
pub mod lead;
pub mod meta;
pub mod organise;
pub mod tree;

use crate::domain::area::{AreaId, area_from_heading};
use crate::domain::board::BoardMeta;
use crate::domain::task::Due;
use crate::domain::text::{fold, nfc};
use crate::domain::unit::Unit;

use super::outline::{Item, Mark, Part, is_end, item, part_heading};
use super::rules::Rule;
use super::units::UnitBook;
use tree::Tree;

/// One paragraph of the document: its text (with Word's numbering as it
/// shows) and where it is (1-based line or paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub line: usize,
    pub text: String,
    /// Inside a table: read for the plan's details only.
    pub in_table: bool,
}

/// One task found in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTask {
    /// Where it came from, e.g. "II.1.3" or "III.4".
    pub section: String,
    /// 1-based line (or paragraph) number.
    pub line: usize,
    pub title: String,
    pub description: String,
    pub area: AreaId,
    pub lead: String,
    pub support: Vec<String>,
    pub due: Due,
    /// The document names the lead (else the keyword rules chose it).
    pub lead_stated: bool,
}

/// Something doubtful, said in the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanWarning {
    /// A heading with no items under it.
    EmptyHeading { line: usize, heading: String },
    /// A deadline wording this program does not understand.
    Due { line: usize, text: String },
    /// A name given as a unit that reads as none.
    Unit { line: usize, name: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPlan {
    pub meta: BoardMeta,
    pub tasks: Vec<PlanTask>,
    /// Units the plan names that the given unit list lacks.
    pub new_units: Vec<Unit>,
    pub warnings: Vec<PlanWarning>,
}

/// What a document that gave no task was seen to hold, for the refusal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// The content part's heading, if there was one.
    pub content: Option<String>,
    pub organisation: Option<String>,
    /// Items (numbered, lettered, bulleted) in those parts.
    pub items: usize,
    /// Headings under which no task was found.
    pub empty: Vec<String>,
    /// The plan's details (a document whose tasks are all in a table).
    pub meta: BoardMeta,
}

/// Why a text is not a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// No task found; what was found instead.
    NotAPlan(Box<Seen>),
}

/// Longest title shown on a card before the description takes over.
const TITLE_MAX: usize = 110;

/// Parse a plan written as text, one paragraph a line, against `units`;
/// `rules` assign units where the plan names none.
pub fn parse_plan(text: &str, units: &[Unit], rules: &[Rule]) -> Result<ParsedPlan, PlanError> {
    let paras: Vec<Para> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Para {
            line: i + 1,
            text: l.to_string(),
            in_table: false,
        })
        .collect();
    let mut book = UnitBook::new(units);
    let mut plan = read_plan(&paras, &mut book, rules, None)?;
    plan.new_units = book.new;
    Ok(plan)
}

/// A part of the document as an outline.
pub struct PartTree {
    pub part: Part,
    pub tree: Tree,
}

/// Read the plan from its paragraphs. New units go into `book` (the
/// returned `new_units` is empty). `year` is for deadlines that omit it
/// when the plan does not say its own.
pub fn read_plan(
    paras: &[Para],
    book: &mut UnitBook,
    rules: &[Rule],
    year: Option<i32>,
) -> Result<ParsedPlan, PlanError> {
    let (meta, parts) = outline(paras);
    let year = (meta.year != 0).then_some(meta.year).or(year);
    let mut warnings = Vec::new();
    let mut org = organise::Organised::default();
    for p in parts.iter().filter(|p| p.part == Part::Organisation) {
        organise::read(&p.tree, book, rules, year, &mut org, &mut warnings);
    }
    let mut tasks = Vec::new();
    for p in parts.iter().filter(|p| p.part == Part::Content) {
        let ctx = content::Reader {
            tree: &p.tree,
            rules,
            refs: &org.refs,
            year,
        };
        ctx.read(book, &mut tasks, &mut warnings);
    }
    tasks.extend(org.tasks);
    // A numbered line with nothing after its number ("0) ") is no task:
    // the board refuses a task without a title.
    tasks.retain(|t| !t.title.trim().is_empty());
    if tasks.is_empty() {
        let mut seen = seen(paras, &parts, &warnings);
        seen.meta = meta;
        return Err(PlanError::NotAPlan(Box::new(seen)));
    }
    Ok(ParsedPlan {
        meta,
        tasks,
        new_units: Vec::new(),
        warnings,
    })
}

/// What the document holds, for a refusal that says so.
fn seen(paras: &[Para], parts: &[PartTree], warnings: &[PlanWarning]) -> Seen {
    let heading = |want: Part| {
        paras
            .iter()
            .map(|p| p.text.trim())
            .find(|l| part_heading(l) == Some(want))
            .map(str::to_string)
    };
    Seen {
        content: heading(Part::Content),
        organisation: heading(Part::Organisation),
        items: parts.iter().map(|p| p.tree.nodes.len()).sum(),
        empty: warnings
            .iter()
            .filter_map(|w| match w {
                PlanWarning::EmptyHeading { heading, .. } => Some(heading.clone()),
                _ => None,
            })
            .collect(),
        meta: BoardMeta::default(),
    }
}

/// A line that is no item but names a dimension as a heading does
/// ("Chỉ số nội dung 3: Trách nhiệm giải trình với người dân").
fn named_heading(line: &str) -> Option<Item<'_>> {
    let short = line.chars().count() <= 120 && !line.ends_with(['.', ';']);
    (short && dimension_heading(line).is_some()).then_some(Item {
        mark: Mark::Named,
        nums: Vec::new(),
        label: String::new(),
        text: line,
    })
}

/// The dimension a heading names, by name or by number ("Chỉ số nội dung
/// 3", "Nội dung 3:", "Lĩnh vực 3").
pub fn heading_area(text: &str) -> Option<AreaId> {
    if let Some(a) = area_from_heading(text) {
        return Some(a);
    }
    let f = fold(text);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    for lead in [
        "chi so noi dung",
        "noi dung",
        "chi so",
        "linh vuc",
        "truc noi dung",
    ] {
        if let Some(rest) = f.strip_prefix(lead) {
            let n: String = rest
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let after = rest.trim_start()[n.len()..].trim_start();
            if let Ok(n @ 1..=8) = n.parse::<u8>()
                && (after.is_empty() || after.starts_with([':', '.', '-', '–', ')', '(']))
            {
                return Some(AreaId::from(n));
            }
        }
    }
    None
}

/// Words a dimension's heading has around the dimension's name.
const HEADING_WORDS: &[&str] = &[
    "noi", "dung", "chi", "so", "thanh", "phan", "linh", "vuc", "ve", "nang", "cao", "cai",
    "thien", "truc", "papi", "nhom", "tieu", "cua", "va", "diem",
];

/// The dimension a line names when it is only that dimension's heading
/// ("1.5. Nội dung “Thủ tục hành chính”", "Chỉ số nội dung 3"), not a task
/// that mentions it ("Rà soát, công bố thủ tục hành chính").
pub fn dimension_heading(text: &str) -> Option<AreaId> {
    let area = heading_area(text)?;
    let mut f = fold(text);
    let a = crate::domain::area::area(area)?;
    for name in std::iter::once(&a.vi).chain(a.aliases.iter()) {
        f = f.replace(&fold(name), " ");
    }
    let other = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !HEADING_WORDS.contains(w))
        .count();
    (other <= 3).then_some(area)
}

/// Split the document into its parts' outlines, reading the plan's
/// details on the way.
fn outline(paras: &[Para]) -> (BoardMeta, Vec<PartTree>) {
    let mut meta = BoardMeta::default();
    let lines: Vec<String> = paras.iter().map(|p| nfc(p.text.trim())).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut parts: Vec<PartTree> = Vec::new();
    let mut part = Part::Preamble;
    let mut open: Vec<usize> = Vec::new();
    for (i, (p, line)) in paras.iter().zip(&lines).enumerate() {
        if line.is_empty() {
            continue;
        }
        let folded = fold(line);
        meta::read_meta(&mut meta, line, &folded, &refs[i..]);
        if p.in_table || part == Part::End {
            continue;
        }
        if is_end(&folded) {
            part = Part::End;
            continue;
        }
        if let Some(next) = part_heading(line) {
            part = next;
            open.clear();
            if matches!(part, Part::Content | Part::Organisation) {
                parts.push(PartTree {
                    part,
                    tree: Tree::default(),
                });
            }
            continue;
        }
        let it = item(line).or_else(|| named_heading(line));
        // A plan without a content heading: its first dimension opens it.
        if matches!(part, Part::Preamble | Part::Other)
            && it
                .as_ref()
                .is_some_and(|it| !it.mark.is_bullet() && dimension_heading(it.text).is_some())
        {
            part = Part::Content;
            open.clear();
            parts.push(PartTree {
                part,
                tree: Tree::default(),
            });
        }
        if !matches!(part, Part::Content | Part::Organisation) {
            continue;
        }
        let tree = &mut parts.last_mut().expect("a part is open").tree;
        match it {
            Some(it) => tree.push(p.line, &it, &mut open),
            None => tree.push_body(p.line, line, &open),
        }
    }
    (meta, parts)
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

/// A task's text without the brackets that only say who leads and by
/// when ("(Cơ quan chủ trì: …; thời gian: …)"): what a title shows.
pub fn without_duty_brackets(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = fold(&rest[open..close]);
        let duty = [
            "chu tri",
            "phoi hop",
            "thoi gian",
            "thoi han",
            "hoan thanh",
            "tien do",
        ]
        .iter()
        .any(|w| inner.contains(w));
        out.push_str(&rest[..open]);
        if !duty {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" .", ".")
}

#[cfg(test)]
mod tests;
