//! The assignment part of a plan (TỔ CHỨC THỰC HIỆN). Its items name
//! units — as a heading ("1. Công chức Văn phòng - Thống kê xã") or before
//! a colon ("- Công an xã: chủ trì …") — and each duty below a unit is a
//! task that unit leads. A duty that only assigns items of the content part
//! by number ("chủ trì thực hiện các nội dung 1.1, 1.3 và 2.2; phối hợp
//! thực hiện nội dung 2.1") is no task: it says who leads those items.

use crate::domain::area::AreaId;
use crate::domain::task::Due;
use crate::domain::text::fold;

use super::super::outline::Mark;
use super::super::rules::{Rule, matching_units};
use super::super::units::{UnitBook, looks_like_unit};
use super::duty::{due_of, duty_line, inline};
use super::lead::{Ref, dedup, resolve};
use super::tree::{Node, Tree};
use super::{PlanTask, PlanWarning, title_of, without_duty_brackets};

/// What the assignment part says.
#[derive(Debug, Clone, Default)]
pub struct Organised {
    pub refs: Vec<Ref>,
    pub tasks: Vec<PlanTask>,
}

struct Reader<'a> {
    tree: &'a Tree,
    rules: &'a [Rule],
    year: Option<i32>,
}

/// Read one assignment part.
pub fn read(
    tree: &Tree,
    book: &mut UnitBook,
    rules: &[Rule],
    year: Option<i32>,
    org: &mut Organised,
    warn: &mut Vec<PlanWarning>,
) {
    let r = Reader { tree, rules, year };
    for &id in &tree.roots {
        r.visit(id, None, "III", book, org, warn);
    }
}

/// "Văn phòng HĐND và UBND xã: Tham mưu …" → the unit's name before the
/// colon, if it reads as a unit.
fn named_before_colon(text: &str) -> Option<&str> {
    let (head, _) = text.split_once(':')?;
    let words = head.split_whitespace().count();
    (words <= 14 && looks_like_unit(head)).then_some(head.trim())
}

/// A heading that is only a unit's name (no full stop, a few words).
fn heading_name(node: &Node) -> Option<&str> {
    let t = node.text.trim().trim_end_matches(':').trim();
    let short = t.split_whitespace().count() <= 16 && !t.ends_with(['.', ';']) && !t.contains(':');
    (short && !node.mark.is_bullet()).then_some(t)
}

impl Reader<'_> {
    #[allow(clippy::too_many_arguments)]
    fn visit(
        &self,
        id: usize,
        inherited: Option<&str>,
        section: &str,
        book: &mut UnitBook,
        org: &mut Organised,
        warn: &mut Vec<PlanWarning>,
    ) {
        let node = &self.tree.nodes[id];
        let section = match (node.parent, node.mark) {
            (None, m) if !m.is_bullet() => format!("III.{}", node.label.trim_matches(['(', ')'])),
            _ => section.to_string(),
        };
        let heading_unit = heading_name(node).and_then(|h| {
            book.find_heading(h)
                .or_else(|| looks_like_unit(h).then(|| book.find_or_make(h)))
        });
        let colon_unit = named_before_colon(&node.text).map(|n| book.find_or_make(n));
        let unit = colon_unit
            .clone()
            .or(heading_unit.clone())
            .or(inherited.map(str::to_string));
        let only_refs = take_refs(&node.text, colon_unit.is_some(), unit.as_deref(), org);
        let kids: Vec<usize> = node
            .children
            .iter()
            .copied()
            .filter(|&k| duty_line(&self.tree.nodes[k].text).is_none())
            .collect();
        if !kids.is_empty() {
            for k in kids {
                self.visit(k, unit.as_deref(), &section, book, org, warn);
            }
            return;
        }
        if heading_unit.is_some() && colon_unit.is_none() && node.mark != Mark::Dash {
            // A unit's heading with its duties as paragraphs.
            let body: Vec<&(usize, String)> = node
                .body
                .iter()
                .filter(|(_, t)| duty_line(t).is_none())
                .collect();
            if body.is_empty() {
                warn.push(PlanWarning::EmptyHeading {
                    line: node.line,
                    heading: node.text.clone(),
                });
            }
            for (line, text) in body {
                self.task(*line, text, unit.as_deref(), &section, book, org, warn);
            }
            return;
        }
        if only_refs {
            return;
        }
        self.task(
            node.line,
            &node.text,
            unit.as_deref(),
            &section,
            book,
            org,
            warn,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn task(
        &self,
        line: usize,
        text: &str,
        unit: Option<&str>,
        section: &str,
        book: &mut UnitBook,
        org: &mut Organised,
        warn: &mut Vec<PlanWarning>,
    ) {
        let d = inline(text, book);
        let mut leads = resolve(&d.lead, book, line, warn);
        let stated_lead = !leads.is_empty();
        let lead = match (stated_lead, unit) {
            (true, _) => leads.remove(0),
            (false, Some(u)) => u.to_string(),
            // A directive to everyone ("Các cơ quan, đơn vị căn cứ …"): no task.
            (false, None) => return,
        };
        let mut support = leads;
        if d.support.is_empty() {
            // The document is silent on who supports: the keyword rules.
            support.extend(
                matching_units(self.rules, text)
                    .into_iter()
                    .filter(|c| book.has(c)),
            );
        }
        support.extend(resolve(&d.support, book, line, warn));
        support.extend(d.loose_support.iter().filter_map(|n| book.find(n)));
        support.retain(|c| *c != lead);
        dedup(&mut support);
        let due = match &d.due {
            Some(w) => {
                let (due, ok) = due_of(w, self.year);
                if !ok {
                    warn.push(PlanWarning::Due {
                        line,
                        text: w.clone(),
                    });
                }
                due
            }
            None => Due::ongoing(),
        };
        org.tasks.push(PlanTask {
            section: section.to_string(),
            line,
            title: title_of(&without_duty_brackets(text)),
            description: text.to_string(),
            area: AreaId::GENERAL,
            lead,
            support,
            due,
            lead_stated: true,
        });
    }
}

/// Record what an item says of content items by number; true when that
/// is all it says (so it is no task).
fn take_refs(text: &str, after_colon: bool, unit: Option<&str>, org: &mut Organised) -> bool {
    // The words after "Unit:" are the duties.
    let duties = match after_colon {
        true => text.split_once(':').map_or("", |(_, d)| d),
        false => text,
    };
    let (refs, rest_words) = refs_in(duties);
    if let Some(u) = unit {
        for (lead, labels) in &refs {
            org.refs.extend(labels.iter().map(|l| Ref {
                label: l.clone(),
                unit: u.to_string(),
                lead: *lead,
            }));
        }
    }
    !refs.is_empty() && rest_words < 6
}

/// A content item's number as an assignment writes it: "1.1", "II.1.1",
/// "2.2." → "1.1", "1.1", "2.2".
fn item_label(word: &str) -> Option<String> {
    let w = word.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | ':'));
    let w = w.trim_end_matches('.');
    let w = match w.split_once('.') {
        Some((roman, rest)) if !roman.is_empty() && roman.chars().all(|c| "ivxIVX".contains(c)) => {
            rest
        }
        _ => w,
    };
    let ok = !w.is_empty()
        && w.split('.')
            .all(|n| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| w.to_string())
}

/// The items an assignment names: ("chủ trì" or not, ["1.1", "1.3"]), and
/// how many words are left once those clauses are taken out.
pub fn refs_in(text: &str) -> (Vec<(bool, Vec<String>)>, usize) {
    let f = fold(text);
    let words: Vec<&str> = f.split_whitespace().collect();
    let mut out = Vec::new();
    let mut used = 0;
    let mut i = 0;
    while i + 1 < words.len() {
        let lead = words[i] == "chu" && words[i + 1].starts_with("tri");
        let support = words[i] == "phoi" && words[i + 1].starts_with("hop");
        if !(lead || support) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 2;
        let mut labels = Vec::new();
        // Up to six words before the numbers ("thực hiện các nội dung tại mục").
        while j < words.len() && (j < start + 9 || !labels.is_empty()) {
            match item_label(words[j]) {
                Some(l) => labels.push(l),
                None if !labels.is_empty() && words[j] != "va" => break,
                None => {}
            }
            j += 1;
        }
        if labels.is_empty() {
            i += 2;
            continue;
        }
        used += j - start;
        out.push((lead, labels));
        i = j;
    }
    (out, words.len() - used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_in_assignments() {
        let (refs, rest) = refs_in(
            "Chủ trì thực hiện các nội dung 1.1, 1.3 và 2.2; phối hợp thực hiện nội dung 2.1.",
        );
        assert_eq!(
            refs,
            [
                (true, vec!["1.1".to_string(), "1.3".into(), "2.2".into()]),
                (false, vec!["2.1".to_string()])
            ]
        );
        assert!(rest < 6, "{rest}");
        let (refs, rest) = refs_in(
            "Chủ trì tổ chức hội nghị đối thoại với nhân dân về công tác cải cách hành chính",
        );
        assert!(refs.is_empty() && rest > 6);
        assert_eq!(item_label("II.1.3,"), Some("1.3".into()));
        assert_eq!(item_label("2025"), None);
    }
}
