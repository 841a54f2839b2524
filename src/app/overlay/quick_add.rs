//! `a`: quick-add. One line per task with its markers (`@unit +unit #area
//! !deadline`); what the line does not say comes from where the cursor is
//! (the lane's area or unit, the column's status, the filter). Enter adds
//! the task and leaves the line open and empty for the next one of the
//! meeting. Drawn, with the live preview of what Enter makes, by
//! `ui/overlay/quick_add.rs`.

use super::discard::close_or_ask;
use super::line::{LineKey, LinePrompt};
use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::Scope;
use crate::app::layout::{Grouping, LaneKey};
use crate::app::{App, column_status};
use crate::domain::area::AreaId;
use crate::domain::board::Board;
use crate::domain::command::Command;
use crate::domain::deadline::canonical_text;
use crate::domain::quickadd::{QuickAdd as Parsed, parse_quick_add};
use crate::domain::task::{Due, Status, Task};
use crate::domain::unit::UnitCode;
use crate::i18n::S;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickAdd {
    pub line: LinePrompt,
}

/// The longest quick-add line, in bytes: a title (500 characters) and its
/// markers fit many times over, and the preview, parsed at every frame,
/// stays cheap.
pub const MAX_LINE_BYTES: usize = 4096;

impl Default for QuickAdd {
    fn default() -> Self {
        QuickAdd {
            line: LinePrompt::limited(MAX_LINE_BYTES),
        }
    }
}

/// What Enter would add: the line as parsed, and where the task goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub parsed: Parsed,
    pub area: AreaId,
    pub lead: UnitCode,
    pub status: Status,
}

impl Draft {
    /// The line as it stands, completed from where the cursor is on the
    /// board: the lane's area (lanes by area) or unit (lanes by unit), the
    /// filter's, else area 0 and the board's first active unit; the
    /// column's status.
    pub fn of(text: &str, app: &App, board: &Board) -> Draft {
        let year = (board.meta.year > 0).then_some(board.meta.year);
        let parsed = parse_quick_add(text, &board.units, year);
        let lane = app.layout.lanes.get(app.sel.lane).map(|l| &l.key);
        let area = parsed
            .area
            .or(match lane {
                Some(LaneKey::Area(a)) if app.grouping == Grouping::Area => Some(*a),
                _ => None,
            })
            .or(app.filter.area)
            .unwrap_or(AreaId::GENERAL);
        let lead = parsed
            .lead
            .clone()
            .or(match lane {
                Some(LaneKey::Unit(u)) => Some(u.clone()),
                _ => None,
            })
            .or_else(|| app.filter.unit.clone())
            .or_else(|| {
                board
                    .units
                    .iter()
                    .find(|u| u.active)
                    .map(|u| u.code.clone())
            })
            .unwrap_or_default();
        Draft {
            parsed,
            area,
            lead,
            status: column_status(app.sel.col),
        }
    }

    /// The task to add, or why not (in the user's language).
    fn task(self, app: &App) -> Result<Task, String> {
        if let Some(p) = self.parsed.problems.first() {
            return Err(format!("{}: {}", app.t(S::MsgRefused), p.message(app.lang)));
        }
        if self.parsed.title.is_empty() {
            return Err(app.t(S::ErrTitleEmpty).to_string());
        }
        let mut t = Task::new(&self.parsed.title, self.area, &self.lead);
        t.support = self.parsed.support;
        t.status = self.status;
        if let Some((p, _)) = self.parsed.due {
            t.due = Due::from_parsed(p, Some(canonical_text(&p)));
        }
        Ok(t)
    }
}

impl QuickAdd {
    fn submit(&mut self, text: &str, cx: &mut Cx<'_>) {
        match Draft::of(text, cx.app, cx.repo.board()).task(cx.app) {
            Err(why) => cx.app.error(why),
            Ok(t) => {
                if cx.app.apply(Command::AddTask(t), cx.repo) {
                    self.line.clear();
                }
            }
        }
    }
}

impl Layer for QuickAdd {
    fn scope(&self) -> Scope {
        Scope::Prompt
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match self.line.key(input, cx.app.telex) {
            LineKey::Submit(text) => self.submit(&text, cx),
            LineKey::Cancel => return close_or_ask(self.unsaved()),
            LineKey::Typed => {}
        }
        Next::Stay
    }

    fn paste(&mut self, text: &str, _cx: &mut Cx<'_>) -> Next {
        self.line.paste(text);
        Next::Stay
    }

    fn unsaved(&self) -> bool {
        self.line.unsaved()
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Hint] {
        super::line::HINTS
    }
}
