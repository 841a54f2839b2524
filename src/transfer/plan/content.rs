//! The content part of a plan (NỘI DUNG; NHIỆM VỤ, GIẢI PHÁP) into tasks.
//! Each item with no items below it is a task of the dimension its
//! headings name; an item that only introduces others (a heading, a label
//! ending in ":") is not. Lines stating who leads and by when apply to the
//! item they sit under — or, when each task has its own, to the task just
//! before them. Who leads: what the task says, else what the assignment
//! part says of its number, else what its headings say, else the keyword
//! rules.

use std::collections::HashMap;

use crate::domain::area::AreaId;

use super::super::outline::Mark;
use super::super::rules::{Rule, assign, matching_units};
use super::super::units::UnitBook;
use super::duty::{Duty, duty_line, inline};
use super::lead::{Ref, dedup, resolve};
use super::tree::{Node, Tree};
use super::{
    PlanTask, PlanWarning, dimension_heading, heading_area, title_of, without_duty_brackets,
};

/// Reads one content part.
pub struct Reader<'a> {
    pub tree: &'a Tree,
    pub rules: &'a [Rule],
    pub refs: &'a [Ref],
    pub year: Option<i32>,
}

/// What an item inherits from the items above it.
#[derive(Clone)]
struct Ctx {
    area: AreaId,
    section: String,
    duty: Duty,
    /// The labels of the numbered items above ("1", "1.1").
    labels: Vec<String>,
    /// The texts of the items above, nearest last: what the keyword
    /// rules read when a task's own words name no unit.
    above: Vec<String>,
}

/// An item's own statements and its sub-items, statements taken out.
struct Split {
    duty: Duty,
    items: Vec<usize>,
    /// Statements that belong to one sub-item (the one before them).
    per_item: HashMap<usize, Duty>,
    /// Body paragraphs that are not statements.
    body: Vec<(usize, String)>,
}

/// True if an item introduces others: it ends with ":" or is a heading
/// that names a dimension.
fn is_label(node: &Node) -> bool {
    let t = node.text.trim_end();
    t.ends_with(':') || node.mark == Mark::Named || dimension_heading(t).is_some()
}

/// Merge statements, the first one's winning where both speak.
fn merge(into: &mut Duty, d: Duty) {
    let took = std::mem::take(into);
    *into = took.or(&d);
}

impl Reader<'_> {
    /// Read every task of the part into `out`.
    pub fn read(&self, book: &mut UnitBook, out: &mut Vec<PlanTask>, warn: &mut Vec<PlanWarning>) {
        let ctx = Ctx {
            area: AreaId::GENERAL,
            section: "II".to_string(),
            duty: Duty::default(),
            labels: Vec::new(),
            above: Vec::new(),
        };
        let split = Split {
            duty: Duty::default(),
            items: self.tree.roots.clone(),
            per_item: HashMap::new(),
            body: Vec::new(),
        };
        let split = self.sort_statements(split);
        for &id in &split.items {
            let extra = split.per_item.get(&id).cloned().unwrap_or_default();
            self.visit(id, &ctx, extra, book, out, warn);
        }
    }

    fn split(&self, node: &Node, book: &UnitBook) -> Split {
        let mut duty = inline(&node.text, book);
        let mut body = Vec::new();
        for (line, text) in &node.body {
            match duty_line(text) {
                Some(d) => merge(&mut duty, d),
                None => body.push((*line, text.clone())),
            }
        }
        let split = Split {
            duty,
            items: node.children.clone(),
            per_item: HashMap::new(),
            body,
        };
        self.sort_statements(split)
    }

    /// Statements among the sub-items go to the item above them; when
    /// several say who leads (or when), each goes to the task before it.
    fn sort_statements(&self, mut s: Split) -> Split {
        let kids = std::mem::take(&mut s.items);
        let stated: Vec<(usize, Option<Duty>)> = kids
            .iter()
            .map(|&k| (k, duty_line(&self.tree.nodes[k].text)))
            .collect();
        let leads = stated
            .iter()
            .filter(|(_, d)| d.as_ref().is_some_and(|d| !d.lead.is_empty()))
            .count();
        let dues = stated
            .iter()
            .filter(|(_, d)| d.as_ref().is_some_and(|d| d.due.is_some()))
            .count();
        let each = leads > 1 || dues > 1;
        let mut last: Option<usize> = None;
        for (k, d) in stated {
            match d {
                None => {
                    s.items.push(k);
                    last = Some(k);
                }
                Some(d) => match last {
                    Some(l) if each => merge(s.per_item.entry(l).or_default(), d),
                    _ => merge(&mut s.duty, d),
                },
            }
        }
        s
    }

    fn visit(
        &self,
        id: usize,
        ctx: &Ctx,
        extra: Duty,
        book: &mut UnitBook,
        out: &mut Vec<PlanTask>,
        warn: &mut Vec<PlanWarning>,
    ) {
        let node = &self.tree.nodes[id];
        let mut split = self.split(node, book);
        merge(&mut split.duty, extra);
        let heading = !split.items.is_empty() || is_label(node);
        let mut here = ctx.clone();
        if heading && let Some(a) = heading_area(&node.text) {
            here.area = a;
        }
        here.section = section(ctx, node);
        if matches!(node.mark, Mark::Digits(_)) {
            here.labels.push(node.label.clone());
        }
        here.duty = split.duty.clone().or(&ctx.duty);
        here.above.push(node.text.clone());
        if !split.items.is_empty() {
            for &k in &split.items {
                let extra = split.per_item.get(&k).cloned().unwrap_or_default();
                self.visit(k, &here, extra, book, out, warn);
            }
            return;
        }
        if is_label(node) {
            // A heading with paragraphs but no items: each paragraph a task.
            if split.body.is_empty() {
                warn.push(PlanWarning::EmptyHeading {
                    line: node.line,
                    heading: node.text.clone(),
                });
            }
            for (line, text) in &split.body {
                let d = inline(text, book).or(&here.duty);
                out.push(self.task(*line, text, &here, &d, book, warn));
            }
            return;
        }
        let own_words = split.duty.lead.is_empty() && split.duty.due.is_none();
        let short = node.text.chars().count() <= 100 && !node.text.ends_with(['.', ';']);
        if !node.mark.is_bullet() && !split.body.is_empty() && own_words && short {
            // "2. Nhiệm vụ, giải pháp cụ thể" and a paragraph about it.
            warn.push(PlanWarning::EmptyHeading {
                line: node.line,
                heading: node.text.clone(),
            });
            return;
        }
        let mut text = node.text.clone();
        for (_, b) in &split.body {
            text.push('\n');
            text.push_str(b);
        }
        let d = split.duty.or(&self.by_number(&here)).or(&ctx.duty);
        out.push(self.task(node.line, &text, &here, &d, book, warn));
    }

    /// What the assignment part says of this item's number or its headings'.
    fn by_number(&self, ctx: &Ctx) -> Duty {
        let mut d = Duty::default();
        for label in ctx.labels.iter().rev() {
            for r in self.refs.iter().filter(|r| &r.label == label) {
                if r.lead && d.lead.is_empty() {
                    d.lead.push(r.unit.clone());
                } else if !r.lead {
                    d.support.push(r.unit.clone());
                }
            }
        }
        d
    }

    fn task(
        &self,
        line: usize,
        text: &str,
        ctx: &Ctx,
        d: &Duty,
        book: &mut UnitBook,
        warn: &mut Vec<PlanWarning>,
    ) -> PlanTask {
        let mut lead_codes = resolve(&d.lead, book, line, warn);
        let stated = !lead_codes.is_empty();
        let (lead, mut support) = if stated {
            let lead = lead_codes.remove(0);
            (lead, lead_codes)
        } else {
            // The task's words, else those of the labels above it
            // ("Bảo đảm an ninh, trật tự khu dân cư:"), nearest first.
            let words = std::iter::once(text)
                .chain(
                    ctx.above
                        .iter()
                        .rev()
                        .skip(1)
                        .map(String::as_str)
                        .filter(|t| t.trim_end().ends_with(':')),
                )
                .find(|t| !matching_units(self.rules, t).is_empty())
                .unwrap_or(text);
            let (lead, support) = assign(self.rules, words);
            let lead = book.keyword_lead(&lead);
            let support = support.iter().filter_map(|c| book.keyword(c)).collect();
            (lead, support)
        };
        support.extend(resolve(&d.support, book, line, warn));
        support.extend(d.loose_support.iter().filter_map(|n| book.find(n)));
        support.retain(|c| *c != lead);
        dedup(&mut support);
        let (due, understood) = match &d.due {
            Some(w) => super::duty::due_of(w, self.year),
            None => (crate::domain::task::Due::ongoing(), true),
        };
        if !understood {
            warn.push(PlanWarning::Due {
                line,
                text: d.due.clone().unwrap_or_default(),
            });
        }
        let first = text.lines().next().unwrap_or("");
        PlanTask {
            section: ctx.section.clone(),
            line,
            title: title_of(&without_duty_brackets(first)),
            description: text.to_string(),
            area: ctx.area,
            lead,
            support,
            due,
            lead_stated: stated,
        }
    }
}

/// "II.1.1" for "1.1.", "II.1.1.a" for "a)" below it; bullets take their
/// heading's.
fn section(ctx: &Ctx, node: &Node) -> String {
    match node.mark {
        Mark::Digits(_) => format!("II.{}", node.label),
        m if m.is_bullet() || m == Mark::Named => ctx.section.clone(),
        _ => format!("{}.{}", ctx.section, node.label.trim_matches(['(', ')'])),
    }
}
