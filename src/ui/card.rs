//! A card on the board: two lines of title, then lead unit · deadline ·
//! progress (right under a title that takes one line). Cards in view whose titles would read the same (a plan's
//! tasks often share their first words) show the end of their title on
//! the second line instead, so that no two cards look alike.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::App;
use crate::domain::board::Board;
use crate::domain::task::{Status, Task, TaskId};
use crate::domain::text::{fit, match_ranges, sanitize, truncate, width, wrap};

use super::theme::{ColorMode, Role, Theme};

/// A card in view: its task and where it goes (`row` in board rows).
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub id: TaskId,
    pub col: usize,
    pub x: u16,
    pub w: u16,
    pub row: usize,
}

/// The two title lines of a card `w` cells wide: the title wrapped, the
/// second line cut with "…" when the title is longer. The flag tells
/// whether anything was cut.
pub fn title_lines(title: &str, w: usize) -> ([String; 2], bool) {
    let mut lines = wrap(title, w).into_iter();
    let first = lines.next().unwrap_or_default();
    let rest: Vec<String> = lines.collect();
    let joined = rest.join(" ");
    let second = truncate(&joined, w);
    let cut = second != joined;
    ([first, second], cut)
}

/// The same, the second line showing the end of the title ("…bức xúc").
pub fn tail_lines(title: &str, w: usize) -> [String; 2] {
    let first = wrap(title, w).into_iter().next().unwrap_or_default();
    let rest = title
        .strip_prefix(first.as_str())
        .unwrap_or(title)
        .trim_start();
    let room = w.saturating_sub(1);
    // The longest ending that fits, starting at a word if one does.
    let mut start = rest.len();
    for (i, _) in rest.char_indices().rev() {
        if width(&rest[i..]) > room {
            break;
        }
        start = i;
    }
    let tail = &rest[start..];
    let tail = match tail.find(' ') {
        Some(sp) if start > 0 && sp + 1 < tail.len() => &tail[sp + 1..],
        _ => tail,
    };
    [first, format!("…{tail}")]
}

/// Titles of the cards in view, as drawn: when two cards of a column would
/// show the same cut title, both show their title's end instead.
fn titles(app: &App, board: &Board, theme: &Theme, cards: &[Placed]) -> Vec<[String; 2]> {
    let selected = app.selected_id();
    let text = |p: &Placed| {
        let t = board.task(p.id).map_or("", |t| t.title.as_str());
        let mark = match selected == Some(p.id) && theme.color == ColorMode::None {
            true => "▶",
            false => "",
        };
        format!("{mark}{}", sanitize(t))
    };
    let mut out: Vec<([String; 2], bool)> = cards
        .iter()
        .map(|p| title_lines(&text(p), p.w as usize))
        .collect();
    let mut seen: HashMap<(usize, &[String; 2]), usize> = HashMap::new();
    for (p, (lines, cut)) in cards.iter().zip(&out) {
        if *cut {
            *seen.entry((p.col, lines)).or_default() += 1;
        }
    }
    let alike: Vec<bool> = cards
        .iter()
        .zip(&out)
        .map(|(p, (l, cut))| *cut && seen.get(&(p.col, l)).is_some_and(|n| *n > 1))
        .collect();
    for (i, same) in alike.into_iter().enumerate() {
        if same {
            out[i].0 = tail_lines(&text(&cards[i]), cards[i].w as usize);
        }
    }
    out.into_iter().map(|(l, _)| l).collect()
}

/// Draw the placed cards; rows outside `first..last` are skipped.
#[allow(clippy::too_many_arguments)]
pub fn draw_all(
    buf: &mut Buffer,
    app: &App,
    board: &Board,
    theme: &Theme,
    cards: &[Placed],
    first: usize,
    last: usize,
    area: Rect,
) {
    let words = app
        .search
        .as_ref()
        .map(|s| s.highlight())
        .filter(|w| !w.is_empty());
    let selected = app.selected_id();
    for (p, lines) in cards.iter().zip(titles(app, board, theme, cards)) {
        let Some(task) = board.task(p.id) else {
            continue;
        };
        let look = Look {
            selected: selected == Some(p.id),
            highlight: words.as_deref(),
        };
        // A title on one line has its meta right under it.
        let shown = if lines[1].is_empty() { 1 } else { 2 };
        for (i, line) in lines.iter().take(shown).enumerate() {
            let row = p.row + i;
            if row >= first && row < last {
                let at = (area.x + p.x, area.y + (row - first) as u16);
                title_line(buf, theme, task, line, at, p.w, look);
            }
        }
        let row = p.row + shown;
        if row >= first && row < last {
            let at = (area.x + p.x, area.y + (row - first) as u16);
            meta_line(buf, app, theme, task, at, p.w, look.selected);
        }
    }
}

/// How a card is drawn: selected, and what the search found.
#[derive(Clone, Copy)]
struct Look<'a> {
    selected: bool,
    highlight: Option<&'a str>,
}

fn base_style(theme: &Theme, t: &Task, selected: bool) -> Style {
    if selected {
        theme.style(Role::Selected)
    } else if t.status == Status::Done {
        theme.style(Role::Done)
    } else {
        theme.style(Role::Card)
    }
}

/// One title line, with what the search found highlighted.
fn title_line(
    buf: &mut Buffer,
    theme: &Theme,
    t: &Task,
    line: &str,
    (x, y): (u16, u16),
    w: u16,
    look: Look,
) {
    let base = base_style(theme, t, look.selected);
    let w_us = w as usize;
    buf.set_stringn(x, y, fit(line, w_us), w_us, base);
    let Some(words) = look.highlight else { return };
    let hl = match look.selected {
        true => base.add_modifier(Modifier::UNDERLINED),
        false => theme.style(Role::Highlight),
    };
    for r in match_ranges(line, words) {
        let before: String = line.chars().take(r.start).collect();
        let part: String = line.chars().skip(r.start).take(r.end - r.start).collect();
        let cx = x + width(&before) as u16;
        if cx < x + w {
            buf.set_stringn(cx, y, &part, (x + w - cx) as usize, hl);
        }
    }
}

/// " vp !30/06 40%": lead unit, deadline (marked when overdue or close),
/// progress, done; "●vp …" when someone else changed the card since you
/// looked at it.
fn meta_line(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    t: &Task,
    (x, y): (u16, u16),
    w: u16,
    selected: bool,
) {
    let base = base_style(theme, t, selected);
    let meta = if selected {
        base
    } else {
        theme.style(Role::Muted)
    };
    buf.set_stringn(x, y, " ".repeat(w as usize), w as usize, meta);
    let (mut cx, end) = (x, x + w);
    let mut put = |s: &str, style: Style| {
        if cx >= end {
            return;
        }
        let room = (end - cx) as usize;
        let s = truncate(s, room);
        buf.set_stringn(cx, y, &s, room, style);
        cx += width(&s) as u16;
    };
    if app.is_marked(t.id) {
        let changed = if selected {
            base
        } else {
            theme.style(Role::Highlight)
        };
        put(theme.changed_mark(), changed);
        put(&sanitize(&t.lead), meta);
    } else {
        put(&format!(" {}", sanitize(&t.lead)), meta);
    }
    if t.due.is_ongoing() {
        put(&format!(" {}", theme.ongoing_mark()), meta);
    } else if let Some(d) = t.due.date {
        let (role, mark) = due_role(app, theme, t, d);
        let style = if selected { base } else { theme.style(role) };
        put(&format!(" {mark}{}", d.format("%d/%m")), style);
    }
    if t.progress > 0 && t.status != Status::Done {
        put(&format!(" {}%", t.progress), meta);
    }
    if t.status == Status::Done {
        put(" ✓", meta);
    }
}

/// How a dated deadline is shown: overdue, due soon, or plain.
fn due_role(app: &App, theme: &Theme, t: &Task, d: chrono::NaiveDate) -> (Role, &'static str) {
    let days = (d - app.today).num_days();
    if t.status == Status::Done {
        (Role::Muted, "")
    } else if days < 0 {
        (Role::Overdue, theme.overdue_mark())
    } else if app.due_soon.includes(days) {
        (Role::DueSoon, theme.soon_mark())
    } else {
        (Role::Muted, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_takes_two_lines_and_is_cut_on_the_second() {
        let t = "Tổ chức đối thoại với tổ chức, cá nhân, cộng đồng dân cư khi phát sinh";
        let ([a, b], cut) = title_lines(t, 20);
        assert!(width(&a) <= 20 && width(&b) <= 20);
        assert!(cut && b.ends_with('…'));
        assert!(a.starts_with("Tổ chức đối thoại"));
        let ([_, b], cut) = title_lines("Họp dân thôn 3", 20);
        assert!(!cut && b.is_empty());
    }

    #[test]
    fn the_tail_form_shows_the_end_of_the_title() {
        let t = "Tổ chức đối thoại với người dân thôn Phú Sơn về quy hoạch đất";
        let [a, b] = tail_lines(t, 20);
        assert!(a.starts_with("Tổ chức"));
        assert!(b.starts_with('…') && b.ends_with("quy hoạch đất"), "{b}");
        assert!(width(&b) <= 20);
    }
}
