//! `X`: where to write the report of what the board shows (its area and
//! unit filter), proposed as a dated file name (`.docx` writes the
//! official report); Enter asks the period next (`export_period.rs`)
//! (drawn by `ui/overlay/export.rs`).

use super::discard::close_or_ask;
use super::export_period::{ExportPeriod, ReportAsked};
use super::line::{HINTS, LineKey, LinePrompt};
use super::{Cx, Hint, Input, Layer, Next};
use crate::app::Overlay;
use crate::app::keys::Scope;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub line: LinePrompt,
}

impl Export {
    /// The prompt, holding the proposed file name.
    pub fn new(name: &str) -> Export {
        Export {
            line: LinePrompt::with_text(name),
        }
    }
}

impl Layer for Export {
    fn scope(&self) -> Scope {
        Scope::Prompt
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match self.line.key(input, cx.app.telex) {
            LineKey::Submit(text) => {
                let path = text.trim().to_string();
                if path.is_empty() {
                    return Next::Close;
                }
                let asked = ReportAsked {
                    path,
                    area: cx.app.filter.area,
                    unit: cx.app.filter.unit.clone(),
                    period: None,
                };
                Next::Replace(Overlay::ExportPeriod(ExportPeriod::new(
                    asked,
                    cx.app.today,
                )))
            }
            LineKey::Cancel => close_or_ask(self.unsaved()),
            LineKey::Typed => Next::Stay,
        }
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
        HINTS
    }
}
