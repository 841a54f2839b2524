//! `s` on a dimension's row of the overview: its PAPI score for the plan's
//! year. Digits and one decimal comma are typed; Enter saves, Del clears
//! the recorded score, Esc leaves at once: a few digits are not text worth
//! a question (drawn by `ui/overlay/score.rs`, on the overview's last row).

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::{Action, Scope};
use crate::domain::area::AreaId;
use crate::domain::command::Command;
use crate::domain::score::parse_score;
use crate::i18n::S;

/// Longest score input ("10,00").
const INPUT_MAX: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub year: i32,
    pub area: AreaId,
    pub input: String,
}

impl Score {
    pub fn new(year: i32, area: AreaId) -> Score {
        Score {
            year,
            area,
            input: String::new(),
        }
    }

    /// Save (`Some`) or clear (`None`) the score; the prompt stays open
    /// when the board refuses.
    fn set(&self, score: Option<u16>, cx: &mut Cx<'_>) -> Next {
        let cmd = Command::SetScore {
            year: self.year,
            area: self.area,
            score,
        };
        match cx.app.apply(cmd, cx.repo) {
            true => Next::Close,
            false => Next::Stay,
        }
    }

    /// Digits, the decimal comma and Backspace edit the input.
    fn edit(&mut self, code: KeyCode, ctrl: bool) {
        match code {
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Char('h') if ctrl => {
                self.input.pop();
            }
            KeyCode::Char(c @ ('0'..='9' | ',' | '.'))
                if !ctrl && self.input.chars().count() < INPUT_MAX =>
            {
                self.input.push(c)
            }
            _ => {}
        }
    }
}

impl Layer for Score {
    fn scope(&self) -> Scope {
        Scope::Score
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match input.action {
            Some(Action::Cancel) => Next::Close,
            Some(Action::Submit) if self.input.is_empty() => Next::Close,
            Some(Action::Submit) => match parse_score(&self.input) {
                Some(score) => self.set(Some(score), cx),
                None => {
                    cx.app.error(cx.app.t(S::ScoreInvalid));
                    Next::Stay
                }
            },
            Some(Action::ClearScore) => {
                let recorded = cx.repo.board().scores.contains_key(&(self.year, self.area));
                match recorded {
                    true => self.set(None, cx),
                    false => Next::Close,
                }
            }
            _ => {
                let ctrl = input.event.modifiers.contains(KeyModifiers::CONTROL);
                self.edit(input.event.code, ctrl);
                Next::Stay
            }
        }
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::Submit], S::HintSave),
            (&[Action::ClearScore], S::HintClearScore),
            (&[Action::Cancel], S::HintCancel),
        ]
    }
}
