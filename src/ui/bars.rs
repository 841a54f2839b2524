//! The title bar (plan, view tabs, date) and the status bar (a message or
//! the keys that matter now, then grouping, filter and count). Both give
//! up whole parts, longest first, rather than cut words in the middle: at
//! 45 columns the current view's tab and the count are still there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::keys::{Action, Scope};
use crate::app::layout::{Grouping, Sort};
use crate::app::{App, MsgKind, Overlay, View};
use crate::domain::board::Board;
use crate::domain::text::{sanitize, truncate, width, wrap};
use crate::i18n::S;

use super::theme::{Role, Theme};

/// Below this width the status bar leaves out the grouping and the order.
const COMPACT_BELOW: u16 = 60;

const VIEWS: [(View, Action, S); 4] = [
    (View::Board, Action::ViewBoard, S::ViewBoard),
    (View::Overview, Action::ViewOverview, S::ViewOverview),
    (View::Matrix, Action::ViewMatrix, S::ViewMatrix),
    (View::Deadlines, Action::ViewDeadlines, S::ViewDeadlines),
];

/// The view tabs, labelled with their keys from the key table: every name
/// ("1 Bảng 2 Tổng quan …"), or only the current view's ("1 Bảng 2 3 4").
fn tabs(app: &App, names: bool) -> Vec<(View, String)> {
    VIEWS
        .iter()
        .map(|(v, a, s)| {
            let k = app.keys.first_key(&[Scope::Views], *a);
            match names || *v == app.view {
                true => (*v, format!("{k} {} ", app.t(*s))),
                false => (*v, format!("{k} ")),
            }
        })
        .collect()
}

/// The plan's name, the longest form that fits `room`: "PAPI 2025 · Hòa
/// Phong · 05/KH-UBND", "PAPI 2025 · Hòa Phong", "PAPI 2025".
fn plan_name(board: &Board, room: usize) -> String {
    let m = &board.meta;
    let commune = sanitize(&m.commune);
    let number = sanitize(&m.number);
    let join = |parts: &[&str]| {
        let mut s = format!(" PAPI {}", m.year);
        for p in parts.iter().filter(|p| !p.is_empty()) {
            s.push_str(" · ");
            s.push_str(p);
        }
        s
    };
    [join(&[&commune, &number]), join(&[&commune]), join(&[])]
        .into_iter()
        .find(|l| width(l) <= room)
        .unwrap_or_default()
}

pub fn title(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let w = area.width as usize;
    let long_date = format!("{} ", app.today.format("%d/%m/%Y"));
    let short_date = format!("{} ", app.today.format("%d/%m"));
    let tab_w = |t: &[(View, String)]| t.iter().map(|(_, l)| width(l)).sum::<usize>();
    // The tabs first (every view must stay reachable), then the date, then
    // as much of the plan's name as is left.
    let (tabs, date) = [
        (tabs(app, true), &long_date),
        (tabs(app, false), &long_date),
        (tabs(app, false), &short_date),
    ]
    .into_iter()
    .find(|(t, d)| tab_w(t) + width(d) < w)
    .unwrap_or((tabs(app, false), &short_date));
    let room = w.saturating_sub(tab_w(&tabs) + width(date) + 2);
    let left = plan_name(board, room);
    let mut spans = vec![
        Span::styled(left.clone(), theme.style(Role::Title)),
        Span::raw(if left.is_empty() { " " } else { "  " }),
    ];
    let mut used = width(&left) + if left.is_empty() { 1 } else { 2 } + width(date);
    for (v, label) in tabs {
        used += width(&label);
        let role = if v == app.view {
            Role::Selected
        } else {
            Role::Muted
        };
        spans.push(Span::styled(label, theme.style(role)));
    }
    spans.push(Span::raw(" ".repeat(w.saturating_sub(used))));
    spans.push(Span::styled(date.clone(), theme.style(Role::Header)));
    f.render_widget(Line::from(spans), area);
}

/// The most lines a long message takes at the bottom of the screen.
const MSG_LINES: usize = 3;

/// The right of the status bar: Telex, grouping, order, search, filter,
/// and the count of tasks shown.
fn right_part(app: &App, compact: bool) -> String {
    let count = |n: usize| format!("{n} {} ", app.t(S::TasksWord));
    let shown = match app.view {
        // The overview and the matrix count the whole plan.
        View::Overview | View::Matrix => return count(app.views.total().unwrap_or(0)),
        View::Deadlines => deadlines_shown(app),
        View::Board => app.layout.total(),
    };
    let mut parts: Vec<String> = Vec::new();
    if app.telex {
        parts.push(app.t(S::TelexOn).to_string());
    }
    if !compact && app.view == View::Board {
        parts.push(app.t(grouping_label(app.grouping)).to_string());
        match app.sort {
            Sort::Deadline => {}
            Sort::Title => parts.push(app.t(S::SortTitle).to_string()),
            Sort::Changed => parts.push(app.t(S::SortChanged).to_string()),
        }
    }
    if let Some(s) = &app.search
        && !matches!(app.overlay(), Some(Overlay::Search(_)))
        && !s.field.is_empty()
    {
        let text = truncate(&sanitize(s.field.text()), if compact { 8 } else { 16 });
        parts.push(format!("{} “{text}”", app.t(S::SearchLabel)));
    }
    if let Some(a) = app.filter.area {
        parts.push(format!("{} {a}", app.t(S::FilterLabel)));
    }
    if let Some(u) = &app.filter.unit {
        let lead = match app.filter.lead_only {
            true => format!(" ({})", app.t(S::LeadOnly)),
            false => String::new(),
        };
        parts.push(format!("{} {u}{lead}", app.t(S::FilterLabel)));
    }
    parts.push(count(shown));
    parts.join(" · ")
}

/// Tasks in the deadlines view as narrowed: the sum of its groups.
fn deadlines_shown(app: &App) -> usize {
    use crate::app::views::AgRow;
    let rows = app.views.agenda();
    rows.iter()
        .map(|r| match r {
            AgRow::Heading(_, n) => *n,
            AgRow::Task(_) => 0,
        })
        .sum()
}

fn grouping_label(g: Grouping) -> S {
    match g {
        Grouping::Area => S::GroupArea,
        Grouping::Unit => S::GroupUnit,
        Grouping::None => S::GroupNone,
    }
}

pub fn status(f: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let right = right_part(app, area.width < COMPACT_BELOW);
    let full = area.width as usize;
    let room = full.saturating_sub(width(&right) + 1);
    let question = app.overlay().and_then(|o| o.status());
    let (text, role) = match (&app.message, question) {
        (_, Some(q)) => (app.t(q).to_string(), Role::Highlight),
        (Some((MsgKind::Error, m)), _) => (m.clone(), Role::Error),
        (Some((MsgKind::Info, m)), _) => (m.clone(), Role::Info),
        (None, None) => match app.overlay() {
            Some(o) if o.takes_text() => (text_hints(app, o, room), Role::Muted),
            Some(o) if !o.hints().is_empty() => (overlay_hints(app, o, room), Role::Muted),
            _ => (hints(app, room), Role::Muted),
        },
    };
    if app.message.is_some() && question.is_none() && width(&text) + 1 > room {
        return long_message(f, theme, &text, role, area);
    }
    let left = truncate(&format!(" {text}"), room);
    let pad = full.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, theme.style(role)),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.style(Role::Muted)),
    ]);
    f.render_widget(line, area);
}

/// A message is read whole: it takes the line from the counts, and when
/// it is longer than the line it grows upwards over the bottom of the
/// view (at most MSG_LINES lines), instead of being cut.
fn long_message(f: &mut Frame, theme: &Theme, text: &str, role: Role, area: Rect) {
    let full = area.width as usize;
    let lines = wrap(text, full.saturating_sub(2).max(1));
    let shown = lines.len().min(MSG_LINES).min(area.y as usize);
    for (i, l) in lines.iter().take(shown).enumerate() {
        let last = i + 1 == shown;
        let l = if last && lines.len() > shown {
            truncate(&format!("{l} {}", lines[shown..].join(" ")), full - 2)
        } else {
            l.clone()
        };
        let row = Rect {
            y: area.bottom() - (shown - i) as u16,
            height: 1,
            ..area
        };
        f.render_widget(ratatui::widgets::Clear, row);
        let pad = full.saturating_sub(width(&l) + 1);
        let line = Line::from(Span::styled(
            format!(" {l}{}", " ".repeat(pad)),
            theme.style(role),
        ));
        f.render_widget(line, row);
    }
}

/// As many whole hints as fit `room` cells, in order of importance.
fn fit_hints(items: Vec<String>, room: usize) -> String {
    let mut out = String::new();
    for item in items {
        let sep = if out.is_empty() { "" } else { "  " };
        if width(&out) + width(sep) + width(&item) + 1 > room {
            break;
        }
        out.push_str(sep);
        out.push_str(&item);
    }
    out
}

/// In a text field: its keys ("Enter: lưu"), and the Telex key (from the
/// key table, it may be remapped).
fn text_hints(app: &App, o: &Overlay, room: usize) -> String {
    let telex = app.keys.first_key(&[], Action::ToggleTelex);
    let items = crate::ui::overlay::hint_items(app, o.scope(), o.hints())
        .into_iter()
        .chain([format!("{telex}: Telex")])
        .collect();
    fit_hints(items, room)
}

/// An overlay's keys, as the views' hints are written ("Esc đóng").
fn overlay_hints(app: &App, o: &Overlay, room: usize) -> String {
    let items = crate::ui::overlay::hint_items(app, o.scope(), o.hints())
        .into_iter()
        .map(|h| h.replacen(": ", " ", 1))
        .collect();
    fit_hints(items, room)
}

/// Hints for the current mode, from the key table.
fn hints(app: &App, room: usize) -> String {
    use Action::*;
    let single = app.width < crate::app::geom::SINGLE_BELOW;
    let actions: &[(Action, S)] = match app.view {
        View::Board if single => &[
            (Help, S::HintHelp),
            (Right, S::HintColumn),
            (Details, S::HintDetails),
            (MoveCardRight, S::HintMove),
            (Quit, S::HintQuit),
        ],
        View::Board => &[
            (Help, S::HintHelp),
            (MoveCardRight, S::HintMove),
            (Details, S::HintDetails),
            (Quit, S::HintQuit),
        ],
        View::Overview => &[
            (OpenOnBoard, S::HintOpen),
            (EnterScore, S::HintScore),
            (CompareYears, S::HintCompare),
            (Help, S::HintHelp),
            (Quit, S::HintQuit),
        ],
        _ => &[
            (OpenOnBoard, S::HintOpen),
            (ViewBoard, S::ViewBoard),
            (Help, S::HintHelp),
            (Quit, S::HintQuit),
        ],
    };
    let key = |a: Action| app.keys.first_key(app.scopes(), a);
    let items = actions
        .iter()
        .map(|(a, s)| match a {
            Right => format!("{}/{} {}", key(Left), key(Right), app.t(*s)),
            _ => format!("{} {}", key(*a), app.t(*s)),
        })
        .collect();
    fit_hints(items, room)
}
