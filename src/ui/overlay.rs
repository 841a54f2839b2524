//! Panels drawn over the view: task details, the help generated from the
//! key table, and the unit picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::keys::Scope;
use crate::app::{App, status_label};
use crate::domain::area::area_name;
use crate::domain::board::Board;
use crate::domain::report::{ReportClass, classify};
use crate::domain::task::{TaskId, date_of};
use crate::domain::text::{sanitize, truncate};
use crate::i18n::S;

use super::theme::{Role, Theme};

/// A centred rectangle of at most `w`×`h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .title(Span::styled(format!(" {title} "), theme.style(Role::Title)))
}

fn class_label(c: ReportClass) -> S {
    match c {
        ReportClass::DoneOnTime => S::ClDoneOnTime,
        ReportClass::DoneLate => S::ClDoneLate,
        ReportClass::OpenOnTime => S::ClOpenOnTime,
        ReportClass::OpenOverdue => S::ClOpenOverdue,
    }
}

pub fn details(f: &mut Frame, app: &App, board: &Board, theme: &Theme, id: TaskId, scroll: u16) {
    let Some(t) = board.task(id) else { return };
    let area = f.area();
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2),
    );
    let l = app.lang;
    let unit = |c: &str| {
        board
            .unit(c)
            .map_or(c.to_string(), |u| format!("{} ({c})", sanitize(&u.name)))
    };
    let mut lines: Vec<Line> = Vec::new();
    let key = |s: S| Span::styled(format!("{}: ", s.t(l)), theme.style(Role::Header));
    let field = |s: S, v: String| Line::from(vec![key(s), Span::raw(v)]);
    lines.push(field(
        S::FArea,
        format!("{}. {}", t.area, area_name(t.area, l.is_vi())),
    ));
    if let Some(sub) = &t.sub {
        lines.push(field(S::FSub, sanitize(sub).into_owned()));
    }
    lines.push(field(S::FLead, unit(&t.lead)));
    if !t.support.is_empty() {
        lines.push(field(
            S::FSupport,
            t.support
                .iter()
                .map(|c| unit(c))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    lines.push(field(S::FStatus, status_label(t.status).t(l).to_string()));
    let due = match (t.due.is_ongoing(), t.due.date) {
        (true, _) => t.due.label().unwrap_or_default(),
        (false, Some(d)) => match &t.due.text {
            Some(text) => format!("{} ({})", sanitize(text), d.format("%d/%m/%Y")),
            None => d.format("%d/%m/%Y").to_string(),
        },
        (false, None) => S::NoDeadline.t(l).to_string(),
    };
    lines.push(field(S::FDue, due));
    let class = classify(t, app.today);
    let class_role = if class == ReportClass::OpenOverdue {
        Role::Overdue
    } else {
        Role::Card
    };
    lines.push(Line::from(vec![
        key(S::FClass),
        Span::styled(class_label(class).t(l), theme.style(class_role)),
    ]));
    lines.push(field(S::FProgress, format!("{}%", t.progress)));
    if !t.output.is_empty() {
        lines.push(field(S::FOutput, sanitize(&t.output).into_owned()));
    }
    if let Some(e) = &t.evidence {
        lines.push(field(S::FEvidence, sanitize(e).into_owned()));
    }
    let when = |ms: i64| date_of(ms).format("%d/%m/%Y").to_string();
    lines.push(field(S::FCreated, when(t.created_at)));
    lines.push(field(S::FUpdated, when(t.updated_at)));
    if let Some(c) = t.completed_at {
        lines.push(field(S::FCompleted, when(c)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(key(S::FDescription)));
    for para in t.description.split('\n') {
        lines.push(Line::raw(sanitize(para).into_owned()));
    }
    if !t.checklist.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(key(S::FChecklist)));
        for c in &t.checklist {
            lines.push(Line::raw(format!(
                "[{}] {}",
                if c.done { "x" } else { " " },
                sanitize(&c.text)
            )));
        }
    }
    if !t.notes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(key(S::FNotes)));
        for n in t.notes.iter().rev() {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} {}: ", when(n.at), sanitize(&n.author)),
                    theme.style(Role::Muted),
                ),
                Span::raw(sanitize(&n.text).into_owned()),
            ]));
        }
    }
    if !app.history.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(key(S::FHistory)));
        for e in &app.history {
            lines.push(Line::styled(
                crate::app::audit::line(e, l, false),
                theme.style(Role::Muted),
            ));
        }
    }
    let title = truncate(
        &format!("#{} {}", t.id, sanitize(&t.title)),
        rect.width.saturating_sub(6) as usize,
    );
    f.render_widget(Clear, rect);
    let p = Paragraph::new(lines)
        .block(block(title, theme))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    f.render_widget(p, rect);
}

pub fn help(f: &mut Frame, app: &App, theme: &Theme, scroll: u16) {
    let area = f.area();
    let rect = centered(area, 76, area.height.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    for (scope, title) in [
        (Scope::Board, S::HelpBoard),
        (Scope::Views, S::HelpViews),
        (Scope::Summary, S::HelpSummary),
        (Scope::DetailsPanel, S::HelpDetails),
        (Scope::Global, S::HelpGlobal),
    ] {
        lines.push(Line::from(Span::styled(
            app.t(title),
            theme.style(Role::Lane),
        )));
        let mut seen = Vec::new();
        for b in app.keys.bindings.iter().filter(|b| b.scope == scope) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let keys: Vec<String> = app
                .keys
                .bindings
                .iter()
                .filter(|x| x.scope == scope && x.action == b.action)
                .map(|x| x.key.label())
                .collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<14}", keys.join(" ")),
                    theme.style(Role::Highlight),
                ),
                Span::raw(b.action.describe(app.lang)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(Span::styled(
        app.t(S::HelpFooter),
        theme.style(Role::Muted),
    )));
    f.render_widget(Clear, rect);
    let p = Paragraph::new(lines)
        .block(block(app.t(S::HelpTitle).to_string(), theme))
        .scroll((scroll, 0));
    f.render_widget(p, rect);
}

pub fn unit_picker(
    f: &mut Frame,
    app: &App,
    board: &Board,
    theme: &Theme,
    query: &str,
    sel: usize,
) {
    let choices = app.unit_choices(board, query);
    let area = f.area();
    let rect = centered(
        area,
        60,
        (choices.len() as u16 + 4).min(area.height.saturating_sub(2)),
    );
    let mut lines = vec![Line::from(vec![
        Span::raw("> "),
        Span::styled(sanitize(query).into_owned(), theme.style(Role::Highlight)),
    ])];
    let room = rect.height.saturating_sub(3) as usize;
    let skip = sel.saturating_sub(room.saturating_sub(1));
    for (i, u) in choices.iter().enumerate().skip(skip).take(room) {
        let style = if i == sel {
            theme.style(Role::Selected)
        } else {
            theme.style(Role::Card)
        };
        lines.push(Line::from(Span::styled(
            format!("{:<6}{}", u.code, sanitize(&u.name)),
            style,
        )));
    }
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).block(block(app.t(S::PickUnitTitle).to_string(), theme)),
        rect,
    );
    // The terminal cursor sits at the end of the query (input methods draw there).
    let x = rect.x + 3 + crate::domain::text::width(query) as u16;
    if x < rect.right() {
        f.set_cursor_position((x, rect.y + 1));
    }
}

/// The plans of the database, and "start next year's plan".
pub fn board_picker(
    f: &mut Frame,
    app: &App,
    theme: &Theme,
    boards: &[crate::store::boards::BoardInfo],
    sel: usize,
) {
    let area = f.area();
    let rect = centered(
        area,
        64,
        (boards.len() as u16 + 4).min(area.height.saturating_sub(2)),
    );
    let mut lines = Vec::new();
    for (i, b) in boards.iter().enumerate() {
        let closed = if b.readonly {
            format!(" · {}", S::BoardClosed.t(app.lang))
        } else {
            String::new()
        };
        let text = format!(
            "{}  {:<12} {:>5} {}{closed}",
            b.meta.year,
            sanitize(&b.meta.number),
            b.tasks,
            app.t(S::TasksWord)
        );
        let style = if i == sel {
            theme.style(Role::Selected)
        } else {
            theme.style(Role::Card)
        };
        lines.push(Line::from(Span::styled(
            truncate(&text, rect.width.saturating_sub(2) as usize),
            style,
        )));
    }
    let next = boards.iter().map(|b| b.meta.year).max().unwrap_or(0) + 1;
    let text = format!(
        "+ {} {next} ({})",
        app.t(S::PickBoardNew),
        app.t(S::PickBoardNewHint)
    );
    let style = if sel >= boards.len() {
        theme.style(Role::Selected)
    } else {
        theme.style(Role::Highlight)
    };
    lines.push(Line::from(Span::styled(
        truncate(&text, rect.width.saturating_sub(2) as usize),
        style,
    )));
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).block(block(app.t(S::PickBoardTitle).to_string(), theme)),
        rect,
    );
}
