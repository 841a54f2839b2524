//! After the report's file name: which period it covers — as of today, this
//! quarter, the last one, the first six or nine months, the year. Enter
//! hands it all to the driver (`Effect::Export`); a file already there is
//! asked about first (`ExportOverwrite`). Drawn by
//! `ui/overlay/export_period.rs`.

use chrono::{Datelike, NaiveDate};

use super::confirm::{Answer, answer};
use super::{Cx, Hint, Input, Layer, Next};
use crate::app::Effect;
use crate::app::keys::{Action, Scope};
use crate::domain::area::AreaId;
use crate::domain::period::Period;
use crate::domain::unit::UnitCode;
use crate::i18n::S;

/// What the report is of: where it goes, the board's filter, the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportAsked {
    pub path: String,
    pub area: Option<AreaId>,
    pub unit: Option<UnitCode>,
    pub period: Option<Period>,
}

impl ReportAsked {
    /// The driver's order to write it (over a file there only if `overwrite`).
    pub fn effect(&self, overwrite: bool) -> Effect {
        Effect::Export {
            path: self.path.clone(),
            area: self.area,
            unit: self.unit.clone(),
            period: self.period,
            overwrite,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPeriod {
    pub asked: ReportAsked,
    /// None: as of today.
    pub choices: Vec<Option<Period>>,
    pub sel: usize,
}

/// The periods offered on `today`: as of today, this quarter, the one
/// before, the first six and nine months, and the whole year.
pub fn choices(today: NaiveDate) -> Vec<Option<Period>> {
    let quarter = Period::quarter_of(today);
    let before = Period::quarter_of(quarter.from.pred_opt().unwrap_or(quarter.from));
    let y = today.year();
    let mut out = vec![None, Some(quarter), Some(before)];
    for code in [format!("{y}-H1"), format!("{y}-9M"), format!("{y}")] {
        out.push(Period::parse(&code));
    }
    out
}

impl ExportPeriod {
    pub fn new(asked: ReportAsked, today: NaiveDate) -> ExportPeriod {
        ExportPeriod {
            asked,
            choices: choices(today),
            sel: 0,
        }
    }
}

impl Layer for ExportPeriod {
    fn scope(&self) -> Scope {
        Scope::BoardPicker
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        let last = self.choices.len() - 1;
        match input.action {
            Some(Action::Cancel) => return Next::Close,
            Some(Action::PickDown) => self.sel = (self.sel + 1).min(last),
            Some(Action::PickUp) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Choose) => {
                self.asked.period = self.choices[self.sel];
                cx.effect = self.asked.effect(false);
                return Next::Close;
            }
            _ => {}
        }
        Next::Stay
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::Choose], S::HintSave),
            (&[Action::Cancel], S::HintCancel),
        ]
    }
}

/// "Tệp … đã có. Ghi đè? (y/n)": `y` writes over it, any other key keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOverwrite {
    pub asked: ReportAsked,
}

impl Layer for ExportOverwrite {
    fn scope(&self) -> Scope {
        Scope::Confirm
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match answer(input) {
            Answer::Yes => cx.effect = self.asked.effect(true),
            Answer::No | Answer::Other => cx.app.info(cx.app.t(S::MsgNotOverwritten)),
        }
        Next::Close
    }
}
