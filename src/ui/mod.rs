//! Drawing: `draw` reads the app state and the board and fills a frame.
//! It changes nothing, reads no database and writes to no terminal. Task
//! text always passes through `text::sanitize` before it reaches a cell.

mod board;
mod compare;
mod deadlines;
mod form;
mod matrix;
mod overlay;
mod overview;
mod prompt;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, Mode, MsgKind, View};
use crate::domain::board::Board;
use crate::domain::text::{truncate, width};
use crate::i18n::S;
use theme::{Role, Theme};

/// Smallest terminal the board is drawn in.
pub const MIN_W: u16 = 40;
pub const MIN_H: u16 = 10;

/// Draw the whole screen.
pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme) {
    let area = f.area();
    if area.width < MIN_W || area.height < MIN_H {
        too_small(f, app, theme);
        return;
    }
    title_bar(f, app, board, theme, Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    match app.view {
        View::Board => board::draw(f, app, board, theme, body),
        View::Overview => match (&app.compare, app.views.cache()) {
            (Some((year, prev)), Some(cache)) => {
                compare::draw(f, app, board, theme, body, &cache.summary, (*year, prev))
            }
            _ => overview::draw(f, app, board, theme, body),
        },
        View::Matrix => matrix::draw(f, app, board, theme, body),
        View::Deadlines => deadlines::draw(f, app, board, theme, body),
    }
    status_bar(
        f,
        app,
        theme,
        Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        },
    );
    match &app.mode {
        Mode::Details { id, scroll } => overlay::details(f, app, board, theme, *id, *scroll),
        Mode::Help { scroll } => overlay::help(f, app, theme, *scroll),
        Mode::PickUnit { query, sel } => overlay::unit_picker(f, app, board, theme, query, *sel),
        Mode::PickBoard { boards, sel } => overlay::board_picker(f, app, theme, boards, *sel),
        Mode::Form(form) => form::draw(f, app, board, theme, form),
        Mode::Search
        | Mode::Export { .. }
        | Mode::QuickAdd { .. }
        | Mode::Note { .. }
        | Mode::ConfirmDelete { .. }
        | Mode::Checklist { .. } => prompt::draw(f, app, board, theme, body),
        Mode::PickArea | Mode::Normal => {}
    }
}

fn too_small(f: &mut Frame, app: &App, theme: &Theme) {
    let area = f.area();
    let msg = format!("{} ({}×{})", app.t(S::TooSmall), MIN_W, MIN_H);
    let line = truncate(&msg, area.width as usize);
    let y = area.y + area.height / 2;
    if area.height > 0 {
        f.buffer_mut().set_stringn(
            area.x,
            y,
            &line,
            area.width as usize,
            theme.style(Role::Error),
        );
    }
}

fn title_bar(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let m = &board.meta;
    use crate::app::keys::{Action, Scope};
    let views = [
        (View::Board, Action::ViewBoard, S::ViewBoard),
        (View::Overview, Action::ViewOverview, S::ViewOverview),
        (View::Matrix, Action::ViewMatrix, S::ViewMatrix),
        (View::Deadlines, Action::ViewDeadlines, S::ViewDeadlines),
    ];
    // Each tab is labelled with its key from the key table (remappable).
    let labels: Vec<(View, String)> = views
        .iter()
        .map(|(v, a, s)| {
            let k = app.keys.first_key(&[Scope::Views], *a);
            (*v, format!("{k} {} ", app.t(*s)))
        })
        .collect();
    let date = format!("{} ", app.today.format("%d/%m/%Y"));
    let tabs: usize = labels.iter().map(|(_, l)| width(l)).sum();
    // The plan's name, longest form that leaves room for the tabs and date.
    let commune = crate::domain::text::sanitize(&m.commune);
    let number = crate::domain::text::sanitize(&m.number);
    let room = (area.width as usize).saturating_sub(tabs + width(&date) + 2);
    // The longest form that fits; parts the plan does not have are left out.
    let join = |parts: &[&str]| {
        let mut s = format!(" PAPI {}", m.year);
        for p in parts.iter().filter(|p| !p.is_empty()) {
            s.push_str(" · ");
            s.push_str(p);
        }
        s
    };
    let left = [join(&[&commune, &number]), join(&[&commune]), join(&[])]
        .into_iter()
        .find(|l| width(l) <= room)
        .unwrap_or_default();
    let mut spans = vec![
        Span::styled(left.clone(), theme.style(Role::Title)),
        Span::raw("  "),
    ];
    let mut used = width(&left) + 2 + width(&date);
    for (v, label) in labels {
        if used + width(&label) > area.width as usize {
            break;
        }
        used += width(&label);
        let style = if v == app.view {
            theme.style(Role::Selected)
        } else {
            theme.style(Role::Muted)
        };
        spans.push(Span::styled(label, style));
    }
    let pad = (area.width as usize).saturating_sub(used);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(date, theme.style(Role::Header)));
    f.render_widget(Line::from(spans), area);
}

/// The most lines a long message takes at the bottom of the screen.
const MSG_LINES: usize = 3;

fn status_bar(f: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    // Right: grouping, filter, count.
    let grouping = match app.grouping {
        crate::app::layout::Grouping::Area => S::GroupArea,
        crate::app::layout::Grouping::Unit => S::GroupUnit,
        crate::app::layout::Grouping::None => S::GroupNone,
    };
    let mut right = String::new();
    if app.telex {
        right.push_str(&format!("{} · ", app.t(S::TelexOn)));
    }
    right.push_str(&format!("{} · ", app.t(grouping)));
    match app.sort {
        crate::app::layout::Sort::Deadline => {}
        crate::app::layout::Sort::Title => right.push_str(&format!("{} · ", app.t(S::SortTitle))),
        crate::app::layout::Sort::Changed => {
            right.push_str(&format!("{} · ", app.t(S::SortChanged)))
        }
    }
    if let Some(s) = &app.search
        && app.mode != Mode::Search
        && !s.field.is_empty()
    {
        let text =
            crate::domain::text::truncate(&crate::domain::text::sanitize(s.field.text()), 16);
        right.push_str(&format!("{} “{text}” · ", app.t(S::SearchLabel)));
    }
    if let Some(a) = app.filter.area {
        right.push_str(&format!("{} {a} · ", app.t(S::FilterLabel)));
    }
    if let Some(u) = &app.filter.unit {
        let lead = if app.filter.lead_only {
            format!(" ({})", app.t(S::LeadOnly))
        } else {
            String::new()
        };
        right.push_str(&format!("{} {u}{lead} · ", app.t(S::FilterLabel)));
    }
    right.push_str(&format!("{} {} ", app.layout.total(), app.t(S::TasksWord)));
    if app.view != View::Board {
        // The summary views show the whole board, not the board's filter.
        let total = app.views.total().unwrap_or(0);
        right = format!("{total} {} ", app.t(S::TasksWord));
    }
    // Left: a message, or hints for the mode.
    let (text, role) = match (&app.message, &app.mode) {
        (_, Mode::PickArea) => (app.t(S::HintPickArea).to_string(), Role::Highlight),
        (Some((MsgKind::Error, m)), _) => (m.clone(), Role::Error),
        (Some((MsgKind::Info, m)), _) => (m.clone(), Role::Info),
        (None, m) if m.takes_text() => {
            // The Telex key comes from the key table (it may be remapped).
            use crate::app::keys::Action::ToggleTelex;
            let telex = app.keys.first_key(&[], ToggleTelex);
            let hint = format!("{} · {telex}: Telex", app.t(S::HintText));
            (hint, Role::Muted)
        }
        (None, _) => (hints(app), Role::Muted),
    };
    let full = area.width as usize;
    let room = full.saturating_sub(width(&right) + 1);
    if app.message.is_some() && app.mode != Mode::PickArea && width(&text) + 1 > room {
        // A message is read whole: it takes the line from the counts, and
        // when it is longer than the line it grows upwards over the bottom
        // of the view (at most MSG_LINES lines), instead of being cut.
        let lines = crate::domain::text::wrap(&text, full.saturating_sub(2).max(1));
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
        return;
    }
    let left = truncate(&format!(" {text}"), room);
    let pad = (area.width as usize).saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, theme.style(role)),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.style(Role::Muted)),
    ]);
    f.render_widget(line, area);
}

/// Hints for the current mode, from the key table.
fn hints(app: &App) -> String {
    use crate::app::keys::Action::*;
    let actions: &[(crate::app::keys::Action, S)] = match app.mode {
        Mode::Details { .. } => &[
            (Close, S::HintClose),
            (ToggleDone, S::HintDone),
            (Help, S::HintHelp),
        ],
        _ if app.view == View::Board => &[
            (Help, S::HintHelp),
            (MoveCardRight, S::HintMove),
            (Details, S::HintDetails),
            (Quit, S::HintQuit),
        ],
        _ if app.view == View::Overview => &[
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
    actions
        .iter()
        .map(|(a, s)| {
            let first = app.keys.first_key(app.scopes(), *a);
            format!("{first} {}", app.t(*s))
        })
        .collect::<Vec<_>>()
        .join("  ")
}
