//! View 2, Tổng quan: one row per dimension and per lead unit with the
//! four report classes, a progress gauge and the recorded PAPI score, an
//! overall gauge, and the most overdue tasks. Figures come from the cached
//! aggregation (`app::views::Cache`), the same one `status` prints.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::app::views::{Cache, OVERVIEW_HEAD, OvRow, area_label, follow};
use crate::domain::Lang;
use crate::domain::area::AREAS;
use crate::domain::board::Board;
use crate::domain::report::{Counts, Summary};
use crate::domain::score::{self, Centi, format_score};
use crate::domain::text::{fit, sanitize, truncate, width};
use crate::i18n::S;

use super::deadlines::task_line;
use super::theme::{Role, Theme};

/// Write `text` at (x, y), cut or padded to `w` cells.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, w: usize, style: Style) {
    if w == 0 {
        return;
    }
    buf.set_stringn(x, y, fit(&truncate(text, w), w), w, style);
}

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

/// The class numbers' columns: the board's total, then the four classes.
const HEADERS: [S; 5] = [
    S::Total,
    S::HdrDoneOnTime,
    S::HdrDoneLate,
    S::HdrOpenOnTime,
    S::HdrOpenOverdue,
];

/// Column widths of the table at a screen width.
struct Columns {
    name: usize,
    full_names: bool,
    nums: [usize; 5],
    bar: usize,
}

const PCT_W: usize = 5; // " 100%"
const SCORE_W: usize = 5; // "10,00"

impl Columns {
    fn new(s: &Summary, screen_w: usize, lang: Lang) -> Columns {
        let digits = s.all.total.to_string().len();
        let nums = HEADERS.map(|h| {
            h.t(lang)
                .split('\n')
                .map(width)
                .max()
                .unwrap_or(1)
                .max(digits)
        });
        let fixed = 1 + nums.iter().map(|w| w + 1).sum::<usize>() + 2 + PCT_W + 1 + SCORE_W + 1;
        let avail = screen_w.saturating_sub(fixed);
        let longest = |full: bool| {
            AREAS
                .iter()
                .map(|a| width(&area_label(a.id, full, lang)))
                .max()
                .unwrap_or(10)
        };
        let full_names = avail >= longest(true) + 12;
        let (name, bar) = if full_names {
            let bar = (avail - longest(true)).min(40);
            (avail - bar, bar)
        } else {
            let bar = avail.saturating_sub(longest(false)).clamp(4, 30);
            (avail.saturating_sub(bar), bar)
        };
        Columns {
            name,
            full_names,
            nums,
            bar,
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
    let cols = Columns::new(s, area.width as usize, app.lang);
    let year = score::latest_year(&board.scores);
    let scores = year.map(|y| score::of_year(&board.scores, y));
    let weakest = scores.as_ref().and_then(score::weakest);
    headline(buf, app, theme, s, year.is_some(), area);
    if area.height < 3 {
        return;
    }
    header(buf, app, theme, &cols, year, area);
    let view = (area.height as usize).saturating_sub(OVERVIEW_HEAD);
    let cur = app.views.overview;
    let first = follow(cur.sel, cur.scroll, view);
    for (i, row) in cache.overview.iter().enumerate().skip(first).take(view) {
        let y = area.y + (OVERVIEW_HEAD + i - first) as u16;
        let selected = i == cur.sel;
        let line = Rect {
            y,
            height: 1,
            ..area
        };
        match *row {
            OvRow::Area(a) => {
                let sc = scores.and_then(|x| x[a.index()]);
                let label = area_label(a, cols.full_names, app.lang);
                let red = sc.is_some() && sc == weakest;
                counts_row(
                    buf,
                    app,
                    theme,
                    &cols,
                    line,
                    &label,
                    &s.by_area[a.index()],
                    (sc, red),
                    selected,
                    Role::Card,
                );
            }
            OvRow::Total => counts_row(
                buf,
                app,
                theme,
                &cols,
                line,
                app.t(S::Sum),
                &s.all,
                (None, false),
                selected,
                Role::Header,
            ),
            OvRow::Unit(u) => {
                let (code, c) = &s.by_unit[u];
                let name = board
                    .unit(code)
                    .map_or(String::new(), |x| sanitize(&x.name).into());
                let label = format!("{:<5}{name}", sanitize(code));
                counts_row(
                    buf,
                    app,
                    theme,
                    &cols,
                    line,
                    &label,
                    c,
                    (None, false),
                    selected,
                    Role::Card,
                );
            }
            OvRow::UnitHeading => put(
                buf,
                area.x,
                y,
                &format!(" {}", app.t(S::LeadUnits)),
                area.width as usize,
                theme.style(Role::Lane),
            ),
            OvRow::OverdueHeading => put(
                buf,
                area.x,
                y,
                &format!(" {} ({})", app.t(S::MostOverdue), s.overdue.len()),
                area.width as usize,
                theme.style(Role::Lane),
            ),
            OvRow::Task(id) => task_line(buf, app, board, theme, id, line, selected),
            OvRow::More(n) => put(
                buf,
                area.x,
                y,
                &format!("   … +{n} {}", app.t(S::MoreOverdue)),
                area.width as usize,
                theme.style(Role::Muted),
            ),
            OvRow::NoneItem => put(
                buf,
                area.x,
                y,
                &format!("   {}", app.t(S::NoneItem)),
                area.width as usize,
                theme.style(Role::Muted),
            ),
            OvRow::Blank => {}
        }
    }
    if let Some(p) = &app.views.prompt {
        prompt(f, app, board, theme, p, area);
    }
}

/// " Toàn kế hoạch: 50 nhiệm vụ  ███░░ 23%  · Quá hạn: 5"
fn headline(buf: &mut Buffer, app: &App, theme: &Theme, s: &Summary, scored: bool, area: Rect) {
    let w = area.width as usize;
    let bar_w = if w >= 120 { 24 } else { 10 };
    let (on, off) = gauge(s.all.progress(), bar_w, theme);
    let mut spans: Vec<(String, Style)> = vec![
        (
            format!(
                " {}: {} {}  ",
                app.t(S::OverviewAll),
                s.all.total,
                app.t(S::TasksWord)
            ),
            theme.style(Role::Header),
        ),
        (on, theme.style(Role::Done)),
        (off, theme.style(Role::Muted)),
        (format!(" {}%", s.all.progress()), theme.style(Role::Header)),
        (
            format!("  · {}: ", app.t(S::ClOpenOverdue)),
            theme.style(Role::Card),
        ),
        (
            s.all.open_overdue.to_string(),
            theme.style(if s.all.open_overdue > 0 {
                Role::Overdue
            } else {
                Role::Card
            }),
        ),
    ];
    if !scored {
        spans.push((
            format!("  · {}: {}", app.t(S::PapiScore), app.t(S::NoScores)),
            theme.style(Role::Muted),
        ));
    }
    let mut x = area.x;
    for (text, style) in spans {
        let room = (area.right() - x) as usize;
        if room == 0 {
            break;
        }
        let t = truncate(&text, room);
        buf.set_stringn(x, area.y, &t, room, style);
        x += width(&t) as u16;
    }
}

/// The two-line column header under the headline.
fn header(buf: &mut Buffer, app: &App, theme: &Theme, c: &Columns, year: Option<i32>, area: Rect) {
    let style = theme.style(Role::Header);
    let (y1, y2) = (area.y + 1, area.y + 2);
    let mut x = area.x + 1;
    put(buf, x, y2, app.t(S::Area), c.name, style);
    x += c.name as u16;
    for (h, w) in HEADERS.iter().zip(c.nums) {
        let text = h.t(app.lang);
        let (top, bottom) = text.split_once('\n').unwrap_or(("", text));
        put(buf, x + 1, y1, &format!("{top:>w$}"), w, style);
        put(buf, x + 1, y2, &format!("{bottom:>w$}"), w, style);
        x += w as u16 + 1;
    }
    x += 2;
    put(buf, x, y2, app.t(S::Progress), c.bar + PCT_W, style);
    x += (c.bar + PCT_W + 1) as u16;
    put(buf, x, y1, &format!("{:>SCORE_W$}", "PAPI"), SCORE_W, style);
    if let Some(y) = year {
        put(buf, x, y2, &format!("{y:>SCORE_W$}"), SCORE_W, style);
    }
}

/// One table row: name, total, the four classes, gauge, score.
#[allow(clippy::too_many_arguments)]
fn counts_row(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    c: &Columns,
    line: Rect,
    label: &str,
    n: &Counts,
    (score, weakest): (Option<Centi>, bool),
    selected: bool,
    role: Role,
) {
    let pick = |r: Role| {
        if selected {
            theme.style(Role::Selected)
        } else {
            theme.style(r)
        }
    };
    let y = line.y;
    put(buf, line.x, y, "", line.width as usize, pick(Role::Card));
    let mut x = line.x;
    put(buf, x, y, &format!(" {label}"), c.name + 1, pick(role));
    x += c.name as u16 + 1;
    let values = [
        (n.total, role),
        (n.done_on_time, Role::Card),
        (n.done_late, Role::DueSoon),
        (n.open_on_time, Role::Card),
        (n.open_overdue, Role::Overdue),
    ];
    for ((v, r), w) in values.into_iter().zip(c.nums) {
        let r = if v == 0 { Role::Muted } else { r };
        put(buf, x, y, &format!(" {v:>w$}"), w + 1, pick(r));
        x += w as u16 + 1;
    }
    x += 2;
    let p = n.progress();
    let (on, off) = gauge(p, c.bar, theme);
    put(buf, x, y, &on, width(&on), pick(Role::Done));
    put(
        buf,
        x + width(&on) as u16,
        y,
        &off,
        width(&off),
        pick(Role::Muted),
    );
    x += c.bar as u16;
    put(buf, x, y, &format!("{p:>4}%"), PCT_W, pick(role));
    x += PCT_W as u16 + 1;
    let text = match score {
        Some(sc) => format_score(sc, app.lang),
        None => String::new(),
    };
    let r = if weakest {
        Role::Overdue
    } else {
        Role::Highlight
    };
    put(buf, x, y, &format!("{text:>SCORE_W$}"), SCORE_W, pick(r));
}

/// The score prompt, on the last row of the view, with the cursor after
/// what is typed.
fn prompt(
    f: &mut Frame,
    app: &App,
    board: &Board,
    theme: &Theme,
    p: &crate::app::views::ScorePrompt,
    area: Rect,
) {
    let y = area.bottom() - 1;
    let now = board
        .scores
        .get(&(p.year, p.area))
        .map(|s| format!(" ({} {})", app.t(S::ScoreNow), format_score(*s, app.lang)))
        .unwrap_or_default();
    let head = format!(
        " {} {} · {}{now}: ",
        app.t(S::ScorePrompt),
        p.year,
        area_label(p.area, false, app.lang)
    );
    let w = area.width as usize;
    let buf = f.buffer_mut();
    put(buf, area.x, y, "", w, theme.style(Role::Selected));
    put(buf, area.x, y, &head, w, theme.style(Role::Selected));
    let x = area.x + width(&head).min(w) as u16;
    let room = w.saturating_sub(width(&head));
    put(
        buf,
        x,
        y,
        &p.input,
        room,
        theme
            .style(Role::Highlight)
            .add_modifier(ratatui::style::Modifier::BOLD),
    );
    let keys = format!("  {}", app.t(S::ScorePromptKeys));
    let kx = x + (width(&p.input) + 1) as u16;
    if kx < area.right() {
        let room = (area.right() - kx) as usize;
        put(buf, kx, y, &keys, room, theme.style(Role::Selected));
    }
    let cx = x + width(&p.input) as u16;
    if cx < area.right() {
        f.set_cursor_position((cx, y));
    }
}
