//! View 2, Tổng quan: one row per dimension and per lead unit with the
//! four report classes, a progress gauge and the recorded PAPI score, an
//! overall gauge, and the most overdue tasks. Figures come from the cached
//! aggregation (`app::views::Cache`), the same one `status` prints.
//!
//! The table gives up columns, not names, as the screen narrows: first the
//! gauge, then the four classes for "done" and "overdue" alone, so that at
//! 45 columns every row still says which dimension or unit it counts.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::views::{Cache, OVERVIEW_HEAD, OvRow, area_label, follow};
use crate::domain::Lang;
use crate::domain::area::AREAS;
use crate::domain::board::Board;
use crate::domain::report::{Counts, ReportClass, Summary};
use crate::domain::score::{self, Centi, format_score};
use crate::domain::text::{sanitize, truncate, width};
use crate::i18n::S;

use super::deadlines::task_line;
use super::paint::put;
use super::theme::{Role, Theme};

/// A bar of `w` cells filled to `pct` percent: (filled, empty).
pub(super) fn gauge(pct: u8, w: usize, theme: &Theme) -> (String, String) {
    let filled = (pct as usize * w + 50) / 100;
    let (on, off) = if theme.ascii {
        ("#", ".")
    } else {
        ("█", "░")
    };
    (on.repeat(filled.min(w)), off.repeat(w - filled.min(w)))
}

/// A column of the table, right of the names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Total,
    Class(ReportClass),
    /// Done, on time or late (narrow screens).
    Done,
    Bar,
    Pct,
    Score,
}

impl Col {
    /// The two header lines ("HT", "đúng hạn").
    fn header(self, lang: Lang) -> (&'static str, &'static str) {
        let s = match self {
            Col::Total => S::Total,
            Col::Class(ReportClass::DoneOnTime) => S::HdrDoneOnTime,
            Col::Class(ReportClass::DoneLate) => S::HdrDoneLate,
            Col::Class(ReportClass::OpenOnTime) => S::HdrOpenOnTime,
            Col::Class(ReportClass::OpenOverdue) => S::HdrOpenOverdue,
            Col::Done => S::HdrDone,
            Col::Bar => S::Progress,
            Col::Pct => S::HdrProgress,
            Col::Score => return ("PAPI", ""),
        };
        let text = s.t(lang);
        text.split_once('\n').unwrap_or(("", text))
    }
}

const PCT_W: usize = 5; // " 100%"
const SCORE_W: usize = 6; // " 10,00"
const BAR_MAX: usize = 40;

/// The names' width and the columns at a screen width.
struct Table {
    name: usize,
    full_names: bool,
    cols: Vec<(Col, usize)>,
}

impl Table {
    /// The widest set of columns that leaves the names room for their
    /// short forms; the names take what is left (full names when they fit).
    fn new(s: &Summary, screen_w: usize, lang: Lang, scored: bool) -> Table {
        use ReportClass::*;
        let classes = [DoneOnTime, DoneLate, OpenOnTime, OpenOverdue].map(Col::Class);
        let score: &[Col] = if scored { &[Col::Score] } else { &[] };
        let sets: [Vec<Col>; 3] = [
            [&[Col::Total][..], &classes, &[Col::Bar, Col::Pct], score].concat(),
            [&[Col::Total][..], &classes, &[Col::Pct], score].concat(),
            [
                &[Col::Total, Col::Done, Col::Class(OpenOverdue), Col::Pct][..],
                score,
            ]
            .concat(),
        ];
        let longest = |full: bool| {
            let areas = AREAS.iter().map(|a| width(&area_label(a.id, full, lang)));
            areas.max().unwrap_or(10)
        };
        let short = longest(false).min(24);
        let digits = s.all.total.to_string().len();
        let col_w = |c: &Col| match c {
            Col::Bar => 4 + 2,
            Col::Pct => {
                let (a, b) = c.header(lang);
                PCT_W.max(1 + width(a).max(width(b)))
            }
            Col::Score => SCORE_W,
            _ => {
                let (a, b) = c.header(lang);
                1 + width(a).max(width(b)).max(digits)
            }
        };
        let fits = |set: &Vec<Col>| 1 + short + set.iter().map(col_w).sum::<usize>() <= screen_w;
        let set = sets.iter().find(|s| fits(s)).unwrap_or(&sets[2]);
        let fixed: usize = 1 + set.iter().map(col_w).sum::<usize>();
        let avail = screen_w.saturating_sub(fixed);
        let full_names = avail >= longest(true) + 8;
        let label = longest(full_names);
        let extra = avail.saturating_sub(label).min(BAR_MAX - 4);
        let has_bar = set.contains(&Col::Bar);
        let cols = set
            .iter()
            .map(|c| match c {
                Col::Bar => (*c, col_w(c) + extra),
                _ => (*c, col_w(c)),
            })
            .collect();
        // The names take what their longest needs; a wide screen's rest
        // stays empty on the right rather than part the names from their
        // figures.
        let name = if has_bar { avail - extra } else { avail };
        let name = name.min(label + 2);
        Table {
            name,
            full_names,
            cols,
        }
    }
}

pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let owned;
    let cache = match app.views.cache() {
        Some(c) => c,
        None => {
            owned = Cache::build(board, app.today);
            &owned
        }
    };
    let s = &cache.summary;
    let buf = f.buffer_mut();
    let year = score::latest_year(&board.scores);
    let table = Table::new(s, area.width as usize, app.lang, year.is_some());
    headline(buf, app, theme, s, year.is_some(), area);
    if area.height < 3 {
        return;
    }
    header(buf, app, theme, &table, year, area);
    let scores = year.map(|y| score::of_year(&board.scores, y));
    let ctx = RowCtx {
        app,
        board,
        theme,
        table: &table,
        summary: s,
        scores: scores.as_ref(),
    };
    let view = (area.height as usize).saturating_sub(OVERVIEW_HEAD);
    let cur = app.views.overview;
    let first = follow(cur.sel, cur.scroll, view);
    for (i, row) in cache.overview.iter().enumerate().skip(first).take(view) {
        let line = Rect {
            y: area.y + (OVERVIEW_HEAD + i - first) as u16,
            height: 1,
            ..area
        };
        draw_row(buf, &ctx, *row, line, i == cur.sel);
    }
}

/// What every row needs to be drawn.
struct RowCtx<'a> {
    app: &'a App,
    board: &'a Board,
    theme: &'a Theme,
    table: &'a Table,
    summary: &'a Summary,
    scores: Option<&'a [Option<Centi>; 9]>,
}

fn draw_row(buf: &mut Buffer, c: &RowCtx, row: OvRow, line: Rect, selected: bool) {
    let (app, theme, s) = (c.app, c.theme, c.summary);
    let mut heading = |text: String, role: Role| {
        put(
            buf,
            line.x,
            line.y,
            &text,
            line.width as usize,
            theme.style(role),
        )
    };
    match row {
        OvRow::Area(_) | OvRow::Total | OvRow::Unit(_) => counts_row(buf, c, row, line, selected),
        OvRow::UnitHeading => heading(format!(" {}", app.t(S::LeadUnits)), Role::Lane),
        OvRow::OverdueHeading => heading(
            format!(" {} ({})", app.t(S::MostOverdue), s.overdue.len()),
            Role::Lane,
        ),
        OvRow::Task(id) => task_line(buf, app, c.board, theme, id, line, selected),
        OvRow::More(n) => heading(format!("   … +{n} {}", app.t(S::MoreOverdue)), Role::Muted),
        OvRow::NoneItem => heading(format!("   {}", app.t(S::NoneItem)), Role::Muted),
        OvRow::Blank => {}
    }
}

/// What a counting row shows: its name, counts, score (and whether it is
/// the weakest), and the role of its name.
fn row_figures<'a>(c: &RowCtx<'a>, row: OvRow) -> (String, &'a Counts, Option<Centi>, bool, Role) {
    let s = c.summary;
    match row {
        OvRow::Area(a) => {
            let sc = c.scores.and_then(|x| x[a.index()]);
            let weakest = sc.is_some() && sc == c.scores.and_then(score::weakest);
            let label = area_label(a, c.table.full_names, c.app.lang);
            (label, &s.by_area[a.index()], sc, weakest, Role::Card)
        }
        OvRow::Unit(u) => {
            let (code, counts) = &s.by_unit[u];
            let name = c
                .board
                .unit(code)
                .map_or(String::new(), |x| sanitize(&x.name).into());
            (
                format!("{:<5}{name}", sanitize(code)),
                counts,
                None,
                false,
                Role::Card,
            )
        }
        _ => (
            c.app.t(S::Sum).to_string(),
            &s.all,
            None,
            false,
            Role::Header,
        ),
    }
}

/// " Toàn kế hoạch: 50 nhiệm vụ  ███░░ 23%  · Quá hạn: 5  · Vướng: 1", giving up the
/// score hint, then the gauge, then "Toàn kế hoạch:" when the screen is
/// narrow; the count, the progress and the overdue figure always stay.
fn headline(buf: &mut Buffer, app: &App, theme: &Theme, s: &Summary, scored: bool, area: Rect) {
    let w = area.width as usize;
    let n = &s.all;
    let count = format!("{} {}", n.total, app.t(S::TasksWord));
    let overdue_role = if n.open_overdue > 0 {
        Role::Overdue
    } else {
        Role::Card
    };
    let variant = |prefix: bool, bar_w: usize, hint: bool| {
        let (on, off) = gauge(n.progress(), bar_w, theme);
        let head = match prefix {
            true => format!(" {}: {count}  ", app.t(S::OverviewAll)),
            false => format!(" {count}  "),
        };
        let mut v: Vec<(String, Role)> = vec![(head, Role::Header)];
        if bar_w > 0 {
            v.extend([
                (on, Role::Done),
                (off, Role::Muted),
                (" ".into(), Role::Card),
            ]);
        }
        v.push((format!("{}%", n.progress()), Role::Header));
        v.push((format!("  · {}: ", app.t(S::ClOpenOverdue)), Role::Card));
        v.push((n.open_overdue.to_string(), overdue_role));
        v.push((format!("  · {}: ", app.t(S::StBlockedShort)), Role::Card));
        v.push((n.blocked.to_string(), Role::Card));
        if hint && !scored {
            let text = format!("  · {}: {}", app.t(S::PapiScore), app.t(S::NoScores));
            v.push((text, Role::Muted));
        }
        v
    };
    let bar = if w >= 120 { 24 } else { 10 };
    let tries = [
        (true, bar, true),
        (true, bar, false),
        (true, 0, false),
        (false, 0, false),
    ];
    let total = |v: &Vec<(String, Role)>| v.iter().map(|(t, _)| width(t)).sum::<usize>();
    let parts = tries
        .iter()
        .map(|(p, b, h)| variant(*p, *b, *h))
        .find(|v| total(v) <= w)
        .unwrap_or_else(|| variant(false, 0, false));
    let mut x = area.x;
    for (text, role) in parts {
        let room = area.right().saturating_sub(x) as usize;
        let t = truncate(&text, room);
        buf.set_stringn(x, area.y, &t, room, theme.style(role));
        x += width(&t) as u16;
    }
}

/// The two-line column header under the headline.
fn header(buf: &mut Buffer, app: &App, theme: &Theme, t: &Table, year: Option<i32>, area: Rect) {
    let style = theme.style(Role::Header);
    let (y1, y2) = (area.y + 1, area.y + 2);
    let mut x = area.x + 1;
    put(buf, x, y2, app.t(S::Area), t.name, style);
    x += t.name as u16;
    let has_bar = t.cols.iter().any(|(c, _)| *c == Col::Bar);
    for (c, w) in &t.cols {
        let (top, bottom) = c.header(app.lang);
        let (top, bottom) = match (c, year) {
            (Col::Score, Some(y)) => (top.to_string(), y.to_string()),
            (Col::Bar, _) => (String::new(), format!("  {bottom}")),
            _ => (top.to_string(), bottom.to_string()),
        };
        match (c, has_bar) {
            (Col::Bar, _) => {
                // Over the gauge and its percentage.
                let pct = t
                    .cols
                    .iter()
                    .find(|(c, _)| *c == Col::Pct)
                    .map_or(0, |p| p.1);
                put(buf, x, y2, &bottom, w + pct, style);
            }
            (Col::Pct, true) => {}
            _ => {
                put(buf, x, y1, &format!("{top:>w$}"), *w, style);
                put(buf, x, y2, &format!("{bottom:>w$}"), *w, style);
            }
        }
        x += *w as u16;
    }
}

/// One table row: name, then each column's figure.
fn counts_row(buf: &mut Buffer, c: &RowCtx, row: OvRow, line: Rect, selected: bool) {
    let (label, n, score, weakest, role) = row_figures(c, row);
    let theme = c.theme;
    let pick = |r: Role| match selected {
        true => theme.style(Role::Selected),
        false => theme.style(r),
    };
    let y = line.y;
    put(buf, line.x, y, "", line.width as usize, pick(Role::Card));
    put(
        buf,
        line.x,
        y,
        &format!(" {label}"),
        c.table.name + 1,
        pick(role),
    );
    let mut x = line.x + c.table.name as u16 + 1;
    for (col, w) in &c.table.cols {
        let w = *w;
        let (text, r) = match col {
            Col::Total => (n.total.to_string(), role),
            Col::Done => (n.done().to_string(), Role::Done),
            Col::Class(k) => (n.get(*k).to_string(), class_role(*k)),
            Col::Pct => (format!("{}%", n.progress()), role),
            Col::Score => {
                let text = score.map_or(String::new(), |s| format_score(s, c.app.lang));
                (
                    text,
                    if weakest {
                        Role::Overdue
                    } else {
                        Role::Highlight
                    },
                )
            }
            Col::Bar => {
                let (on, off) = gauge(n.progress(), w - 2, theme);
                put(buf, x + 2, y, &on, width(&on), pick(Role::Done));
                let x2 = x + 2 + width(&on) as u16;
                put(buf, x2, y, &off, width(&off), pick(Role::Muted));
                x += w as u16;
                continue;
            }
        };
        let r = if text == "0" { Role::Muted } else { r };
        put(buf, x, y, &format!("{text:>w$}"), w, pick(r));
        x += w as u16;
    }
}

fn class_role(k: ReportClass) -> Role {
    match k {
        ReportClass::DoneLate => Role::DueSoon,
        ReportClass::OpenOverdue => Role::Overdue,
        _ => Role::Card,
    }
}
