//! The details panel (`app/overlay/details.rs`): every field of the task,
//! its description, checklist, notes and history, scrolled.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Canvas, Draw, block, centered};
use crate::app::overlay::details::Details;
use crate::app::status_label;
use crate::domain::area::area_name;
use crate::domain::report::{ReportClass, classify};
use crate::domain::task::{Task, date_of};
use crate::domain::text::{sanitize, truncate};
use crate::i18n::S;
use crate::ui::theme::Role;

fn class_label(c: ReportClass) -> S {
    match c {
        ReportClass::DoneOnTime => S::ClDoneOnTime,
        ReportClass::DoneLate => S::ClDoneLate,
        ReportClass::OpenOnTime => S::ClOpenOnTime,
        ReportClass::OpenOverdue => S::ClOpenOverdue,
    }
}

impl Draw for Details {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let Some(t) = c.board.task(self.id) else {
            return;
        };
        let area = f.area();
        let rect = centered(
            area,
            area.width.saturating_sub(4).max(20),
            area.height.saturating_sub(2),
        );
        let mut lines = fields(c, t);
        lines.extend(texts(c, t));
        if !self.history.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::from(key(c, S::FHistory)));
            for e in &self.history {
                lines.push(Line::styled(
                    crate::app::audit::line(e, c.app.lang, false),
                    c.theme.style(Role::Muted),
                ));
            }
        }
        let title = truncate(
            &format!("#{} {}", t.id, sanitize(&t.title)),
            rect.width.saturating_sub(6) as usize,
        );
        f.render_widget(Clear, rect);
        let p = Paragraph::new(lines)
            .block(block(title, c.theme))
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0));
        f.render_widget(p, rect);
    }
}

/// "Đơn vị chủ trì: ", as a field's name is written.
fn key<'a>(c: &Canvas, s: S) -> Span<'a> {
    Span::styled(
        format!("{}: ", s.t(c.app.lang)),
        c.theme.style(Role::Header),
    )
}

fn field<'a>(c: &Canvas, s: S, v: String) -> Line<'a> {
    Line::from(vec![key(c, s), Span::raw(v)])
}

fn when(ms: i64) -> String {
    date_of(ms).format("%d/%m/%Y").to_string()
}

/// One line per field: area, units, status, deadline, class, progress…
fn fields<'a>(c: &Canvas, t: &Task) -> Vec<Line<'a>> {
    let l = c.app.lang;
    let unit = |code: &str| {
        c.board.unit(code).map_or(code.to_string(), |u| {
            format!("{} ({code})", sanitize(&u.name))
        })
    };
    let mut lines = vec![field(
        c,
        S::FArea,
        format!("{}. {}", t.area, area_name(t.area, l.is_vi())),
    )];
    if let Some(sub) = &t.sub {
        lines.push(field(c, S::FSub, sanitize(sub).into_owned()));
    }
    lines.push(field(c, S::FLead, unit(&t.lead)));
    if !t.support.is_empty() {
        let support: Vec<String> = t.support.iter().map(|u| unit(u)).collect();
        lines.push(field(c, S::FSupport, support.join(", ")));
    }
    lines.push(field(
        c,
        S::FStatus,
        status_label(t.status).t(l).to_string(),
    ));
    lines.push(field(c, S::FDue, due(c, t)));
    let class = classify(t, c.app.today);
    let class_role = match class {
        ReportClass::OpenOverdue => Role::Overdue,
        _ => Role::Card,
    };
    lines.push(Line::from(vec![
        key(c, S::FClass),
        Span::styled(class_label(class).t(l), c.theme.style(class_role)),
    ]));
    lines.push(field(c, S::FProgress, format!("{}%", t.progress)));
    if !t.output.is_empty() {
        lines.push(field(c, S::FOutput, sanitize(&t.output).into_owned()));
    }
    if let Some(e) = &t.evidence {
        lines.push(field(c, S::FEvidence, sanitize(e).into_owned()));
    }
    lines.push(field(c, S::FCreated, when(t.created_at)));
    lines.push(field(c, S::FUpdated, when(t.updated_at)));
    if let Some(done) = t.completed_at {
        lines.push(field(c, S::FCompleted, when(done)));
    }
    lines
}

/// The deadline as written (in English, in English words), with its date.
fn due(c: &Canvas, t: &Task) -> String {
    let label = t.due.label_in(c.app.lang);
    match (t.due.is_ongoing(), t.due.date) {
        (true, _) => label.unwrap_or_default(),
        (false, Some(d)) => match &label {
            Some(text) => format!("{} ({})", sanitize(text), d.format("%d/%m/%Y")),
            None => d.format("%d/%m/%Y").to_string(),
        },
        (false, None) => S::NoDeadline.t(c.app.lang).to_string(),
    }
}

/// The description, the checklist and the notes (newest first).
fn texts<'a>(c: &Canvas, t: &Task) -> Vec<Line<'a>> {
    let mut lines = vec![Line::raw(""), Line::from(key(c, S::FDescription))];
    for para in t.description.split('\n') {
        lines.push(Line::raw(sanitize(para).into_owned()));
    }
    if !t.checklist.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(key(c, S::FChecklist)));
        for item in &t.checklist {
            let mark = if item.done { "x" } else { " " };
            lines.push(Line::raw(format!("[{mark}] {}", sanitize(&item.text))));
        }
    }
    if !t.notes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(key(c, S::FNotes)));
        for n in t.notes.iter().rev() {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} {}: ", when(n.at), sanitize(&n.author)),
                    c.theme.style(Role::Muted),
                ),
                Span::raw(sanitize(&n.text).into_owned()),
            ]));
        }
    }
    lines
}
