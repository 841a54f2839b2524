//! Where the board's parts go on a screen of a given size: the status
//! columns (sized by what they hold; one at a time on a narrow screen),
//! the height of a card, and the strip that shows the selected task in
//! full. Shared by drawing and by the app (scrolling, mouse hits), so the
//! two never disagree.

/// Rows a card takes: two lines of title, then unit · deadline · progress.
pub const CARD_H: usize = 3;
/// Lines of title on a card.
pub const TITLE_LINES: usize = 2;

/// Below this width the board shows one status column at a time, at full
/// width (a phone held upright is about 45 columns).
pub const SINGLE_BELOW: u16 = 60;

/// The width an empty column keeps: enough for a short header with its
/// count ("Vướng 0", "Blocked 0").
pub const EMPTY_COL_W: u16 = 9;

/// Where the four status columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// (x offset, width) of each column; width 0 when it is not shown.
    pub spans: [(u16, u16); 4],
    /// On a narrow screen only this column is shown.
    pub single: Option<usize>,
}

impl Columns {
    /// The columns for a screen `width` wide, given how many cards each
    /// column holds and which column is selected. Empty columns are narrow,
    /// the others share the rest; below [`SINGLE_BELOW`] only the selected
    /// column is shown.
    pub fn new(width: u16, counts: &[usize; 4], current: usize) -> Columns {
        let current = current.min(3);
        if width < SINGLE_BELOW {
            let mut spans = [(0, 0); 4];
            spans[current] = (0, width);
            return Columns {
                spans,
                single: Some(current),
            };
        }
        let usable = width.saturating_sub(3);
        let full = counts.iter().filter(|n| **n > 0).count() as u16;
        let empty = 4 - full;
        let widths: [u16; 4] = if full == 0 || full == 4 {
            even(usable, [true; 4])
        } else {
            let narrow = EMPTY_COL_W.min(usable / 4);
            let rest = usable - narrow * empty;
            let shared = even(rest, counts.map(|n| n > 0));
            std::array::from_fn(|i| if counts[i] > 0 { shared[i] } else { narrow })
        };
        let mut spans = [(0, 0); 4];
        let mut x = 0;
        for (i, w) in widths.into_iter().enumerate() {
            spans[i] = (x, w);
            x += w + 1;
        }
        Columns {
            spans,
            single: None,
        }
    }

    /// Whether column `i` is drawn.
    pub fn shows(&self, i: usize) -> bool {
        self.spans[i].1 > 0
    }

    /// The column an x position falls in (its separator counts as its own).
    pub fn at(&self, x: u16) -> usize {
        if let Some(c) = self.single {
            return c;
        }
        (0..4)
            .find(|&i| {
                let (cx, cw) = self.spans[i];
                x < cx + cw + 1
            })
            .unwrap_or(3)
    }
}

/// `total` cells shared evenly among the columns marked `on` (the first
/// ones get the remainder); the others get 0.
fn even(total: u16, on: [bool; 4]) -> [u16; 4] {
    let n = on.iter().filter(|b| **b).count().max(1) as u16;
    let (base, mut extra) = (total / n, total % n);
    on.map(|b| {
        if !b {
            return 0;
        }
        let w = base + u16::from(extra > 0);
        extra = extra.saturating_sub(1);
        w
    })
}

/// Rows of the strip under the lanes that shows the selected task: one
/// line for its unit, deadline and class, then its title on as many lines
/// as the width needs for a plan's usual titles (fixed per screen size,
/// so that the lanes do not jump as the selection moves).
pub fn strip_rows(width: u16, height: u16) -> u16 {
    let title = if height < 16 || width >= 150 {
        1
    } else if width >= 70 {
        2
    } else {
        3
    };
    1 + title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_tile_the_width_and_hits_land_in_them() {
        for counts in [[5, 0, 0, 0], [5, 2, 1, 3], [0; 4], [0, 0, 7, 0]] {
            for w in [60u16, 79, 80, 81, 160, 300] {
                let c = Columns::new(w, &counts, 0);
                let (x3, w3) = c.spans[3];
                assert_eq!(x3 + w3, w, "width {w} {counts:?}");
                for i in 0..4 {
                    let (x, cw) = c.spans[i];
                    assert!(cw > 0);
                    assert_eq!(c.at(x), i);
                    assert_eq!(c.at(x + cw - 1), i);
                }
            }
        }
    }

    #[test]
    fn empty_columns_are_narrow_and_the_others_share_the_rest() {
        let c = Columns::new(80, &[50, 0, 0, 0], 0);
        assert_eq!(c.spans[1].1, EMPTY_COL_W);
        assert_eq!(c.spans[0].1, 80 - 3 - 3 * EMPTY_COL_W);
        let c = Columns::new(80, &[40, 6, 0, 4], 0);
        assert_eq!(c.spans[2].1, EMPTY_COL_W);
        let shared = [c.spans[0].1, c.spans[1].1, c.spans[3].1];
        assert!(shared.iter().all(|w| (22..=23).contains(w)), "{shared:?}");
    }

    #[test]
    fn a_narrow_screen_shows_the_selected_column_at_full_width() {
        let c = Columns::new(45, &[50, 3, 0, 0], 1);
        assert_eq!(c.single, Some(1));
        assert_eq!(c.spans[1], (0, 45));
        assert!(!c.shows(0) && !c.shows(2) && !c.shows(3));
        assert_eq!(c.at(0), 1);
        assert_eq!(c.at(44), 1);
    }
}
