//! A part of a plan as a tree of items. Items with the same kind of mark
//! are siblings; an item with a new kind of mark nests under the one
//! before it ("a)" under "1.1.", "+" under "-"); numbered headings never
//! nest under bullets or letters, and "1.1." sits below "1." wherever it
//! appears. Unmarked paragraphs are the body of the item before them.

use super::super::outline::{Item, Mark};

/// One item of the outline.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where it starts (1-based line or paragraph).
    pub line: usize,
    pub mark: Mark,
    pub nums: Vec<u32>,
    pub label: String,
    pub text: String,
    /// Unmarked paragraphs after it, before the next item: (line, text).
    pub body: Vec<(usize, String)>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
}

/// The items of one part, in document order; `roots` are the top ones.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    /// Paragraphs before the first item (the part's introduction).
    pub intro: Vec<(usize, String)>,
}

impl Tree {
    /// Add an item, placing it by its mark among the open ones.
    pub fn push(&mut self, line: usize, item: &Item<'_>, open: &mut Vec<usize>) {
        let mark = item.mark;
        if let Some(pos) = open.iter().position(|&n| self.nodes[n].mark == mark) {
            open.truncate(pos);
        } else if !mark.is_bullet() {
            // Numbers and letters never sit below a bullet; a numbered
            // heading also closes letters and every heading numbered as
            // deep or deeper.
            while let Some(&top) = open.last() {
                let t = self.nodes[top].mark;
                let close = t.is_bullet()
                    || match (mark.rank(), t.rank()) {
                        (Some(r), Some(tr)) => tr >= r,
                        (Some(_), None) => true,
                        (None, _) => false,
                    };
                if !close {
                    break;
                }
                open.pop();
            }
        }
        let parent = open.last().copied();
        let id = self.nodes.len();
        self.nodes.push(Node {
            line,
            mark,
            nums: item.nums.clone(),
            label: item.label.clone(),
            text: item.text.trim().to_string(),
            body: Vec::new(),
            children: Vec::new(),
            parent,
        });
        match parent {
            Some(p) => self.nodes[p].children.push(id),
            None => self.roots.push(id),
        }
        open.push(id);
    }

    /// Add an unmarked paragraph to the body of the item before it.
    pub fn push_body(&mut self, line: usize, text: &str, open: &[usize]) {
        match open.last() {
            Some(&n) => self.nodes[n].body.push((line, text.to_string())),
            None => self.intro.push((line, text.to_string())),
        }
    }

    /// The numbered items from the top down to this one, itself included.
    pub fn path(&self, mut id: usize) -> Vec<usize> {
        let mut out = vec![id];
        while let Some(p) = self.nodes[id].parent {
            out.push(p);
            id = p;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::outline::item;

    fn build(lines: &[&str]) -> Tree {
        let mut t = Tree::default();
        let mut open = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            match item(l) {
                Some(it) => t.push(i + 1, &it, &mut open),
                None => t.push_body(i + 1, l, &open),
            }
        }
        t
    }

    fn shape(t: &Tree, id: usize) -> String {
        let n = &t.nodes[id];
        let kids: Vec<String> = n.children.iter().map(|&c| shape(t, c)).collect();
        if kids.is_empty() {
            n.label.clone()
        } else {
            format!("{}[{}]", n.label, kids.join(" "))
        }
    }

    #[test]
    fn marks_nest_as_they_come_and_numbers_by_depth() {
        let t = build(&[
            "Mở đầu",
            "1. Một",
            "1.1. Một một",
            "a) Chữ",
            "- Gạch",
            "+ Cộng",
            "+ Cộng",
            "- Gạch",
            "b) Chữ",
            "1.2. Một hai",
            "- Gạch",
            "2. Hai",
            "2.1.1. Sâu",
            "(1) Ngoặc",
            "(2) Ngoặc",
        ]);
        let roots: Vec<String> = t.roots.iter().map(|&r| shape(&t, r)).collect();
        assert_eq!(roots, ["1[1.1[a[-[+ +] -] b] 1.2[-]]", "2[2.1.1[(1) (2)]]"]);
        assert_eq!(t.intro, [(1, "Mở đầu".to_string())]);
    }
}
