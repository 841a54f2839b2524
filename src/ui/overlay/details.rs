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
use crate::domain::task::date_of;
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
        let (app, board, theme) = (c.app, c.board, c.theme);
        let (id, scroll) = (self.id, self.scroll);
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
        if !self.history.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::from(key(S::FHistory)));
            for e in &self.history {
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
}
