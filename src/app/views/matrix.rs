//! The matrix's geometry, shared by drawing and by the keys that scroll
//! it: how wide the names and each unit's column are at a screen width,
//! and which columns fit from a first one.

use super::MATRIX_HEAD;
use crate::domain::Lang;
use crate::domain::area::{AREAS, AreaId};
use crate::domain::report::{Counts, Summary};
use crate::domain::text::width;
use crate::i18n::S;

/// Rows under the matrix (blank, the selected cell's names and figures,
/// two lines of legend), when the body has room for them.
pub const MATRIX_FOOT: usize = 5;

/// Scrolled rows of the matrix in a body of `body` rows: less its header
/// (and its footer when there is room for one).
pub fn matrix_rows(body: usize) -> usize {
    let body = body.saturating_sub(MATRIX_HEAD);
    if body >= 10 + MATRIX_FOOT {
        body - MATRIX_FOOT
    } else {
        body
    }
}

/// Where the matrix's columns go at a given width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixGeom {
    /// Width of the area names on the left.
    pub label_w: usize,
    /// Full area names (else the short ones).
    pub full_names: bool,
    /// Width of each column (units, then the totals), one leading space included.
    pub cols: Vec<usize>,
}

/// "done/total" of a cell, or "·" when empty.
pub fn cell_text(c: &Counts) -> String {
    if c.total == 0 {
        "·".to_string()
    } else {
        format!("{}/{}", c.done(), c.total)
    }
}

impl MatrixGeom {
    pub fn new(s: &Summary, screen_w: u16, lang: Lang) -> MatrixGeom {
        let n = s.by_unit.len();
        let mut cols: Vec<usize> = Vec::with_capacity(n + 1);
        for (u, (code, total)) in s.by_unit.iter().enumerate() {
            let widest = s.cells[u]
                .iter()
                .map(|c| width(&cell_text(c)))
                .chain([width(code), width(&cell_text(total))])
                .max()
                .unwrap_or(1);
            cols.push(widest + 1 + 1); // a leading space, and room for the "!" of NO_COLOR
        }
        let total_w = s
            .by_area
            .iter()
            .chain([&s.all])
            .map(|c| width(&cell_text(c)))
            .chain([width(S::Sum.t(lang))])
            .max()
            .unwrap_or(1);
        cols.push(total_w + 2);
        let w = screen_w as usize;
        let label = |full: bool| {
            AREAS
                .iter()
                .map(|a| width(&area_label(a.id, full, lang)))
                .chain([width(S::Sum.t(lang))])
                .max()
                .unwrap_or(8)
        };
        let all_cols: usize = cols.iter().sum();
        let full_names = w > label(true) + all_cols + 1;
        // Short names whole as long as two columns still fit beside them
        // (the columns scroll instead), never less than 12 cells.
        let want = label(full_names) + 1;
        let two_cols = cols.iter().take(2).sum::<usize>() + 1;
        let label_w = if full_names {
            want
        } else {
            want.min(w.saturating_sub(two_cols).max(12))
        };
        MatrixGeom {
            label_w,
            full_names,
            cols,
        }
    }

    /// The columns shown from `first` at `screen_w` (at least one).
    pub fn visible(&self, first: usize, screen_w: u16) -> std::ops::Range<usize> {
        // One cell is kept at the right for the "more columns" arrow.
        let room = (screen_w as usize).saturating_sub(self.label_w + 1);
        let mut used = 0;
        let mut end = first;
        while end < self.cols.len() && (end == first || used + self.cols[end] <= room) {
            used += self.cols[end];
            end += 1;
        }
        first.min(self.cols.len())..end
    }

    /// The first column to show so that `col` is in view.
    pub fn follow(&self, col: usize, first: usize, screen_w: u16) -> usize {
        let mut first = first.min(col);
        while !self.visible(first, screen_w).contains(&col) && first < col {
            first += 1;
        }
        first
    }
}

/// "1. Tham gia" or "1. Tham gia của người dân ở cấp cơ sở".
pub fn area_label(id: AreaId, full: bool, lang: Lang) -> String {
    let a = crate::domain::area::area(id).expect("area in the catalog");
    let name = match (full, lang) {
        (true, Lang::Vi) => a.vi,
        (true, Lang::En) => a.en,
        (false, Lang::Vi) => a.short_vi,
        (false, Lang::En) => a.short_en,
    };
    format!("{id}. {name}")
}
