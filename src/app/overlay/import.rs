//! `I`: import a plan or a task table from a file named on the board.
//! First its path (`ImportFile`); the driver reads the file
//! (`Effect::Import`) and hands the bytes to [`App::import_read`], which
//! opens the preview (`ImportPreview`): exactly the lines of the dry run's
//! review (`transfer::review::review`). Enter imports it as one command
//! (one `u` undoes it all); Esc cancels and nothing changes. Drawn by
//! `ui/overlay/import.rs`.

use super::discard::close_or_ask;
use super::line::{HINTS, LineKey, LinePrompt};
use super::{Cx, Hint, Input, Layer, Next, Overlay};
use crate::app::keys::{Action, Scope};
use crate::app::{App, Effect, Repo};
use crate::domain::command::Command;
use crate::i18n::S;
use crate::transfer::import::prepare;
use crate::transfer::review::review;

/// The prompt for the file's path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportFile {
    pub line: LinePrompt,
}

impl Layer for ImportFile {
    fn scope(&self) -> Scope {
        Scope::Prompt
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match self.line.key(input, cx.app.telex) {
            LineKey::Submit(text) => {
                let path = text.trim().to_string();
                if !path.is_empty() {
                    cx.effect = Effect::Import { path };
                }
                Next::Close
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

/// What importing the file would do, and the one command that does it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// The review, line by line, as `import --dry-run` prints it.
    pub lines: Vec<String>,
    /// First line shown.
    pub scroll: u16,
    /// `None` when the file holds nothing new.
    command: Option<Command>,
    /// New tasks it makes.
    tasks: usize,
}

/// Lines a page key scrolls.
const PAGE: u16 = 10;

impl ImportPreview {
    /// Scroll, at most to where the last line shows at the top even when
    /// every line wraps at 40 columns.
    fn scroll_by(&mut self, down: bool, n: u16) {
        let rows: usize = self.lines.iter().map(|l| l.chars().count() / 40 + 1).sum();
        let last = u16::try_from(rows.saturating_sub(1)).unwrap_or(u16::MAX);
        self.scroll = match down {
            true => self.scroll.saturating_add(n).min(last),
            false => self.scroll.saturating_sub(n),
        };
    }

    /// Enter: the import, as one change.
    fn import(&mut self, cx: &mut Cx<'_>) {
        match self.command.take() {
            Some(cmd) => {
                if cx.app.apply(cmd, cx.repo) {
                    let done = cx
                        .app
                        .t(S::MsgImported)
                        .replace("{}", &self.tasks.to_string());
                    cx.app.info(done);
                }
            }
            None => {
                let nothing = cx.app.t(S::ImNothing);
                cx.app.info(nothing);
            }
        }
    }
}

impl Layer for ImportPreview {
    fn scope(&self) -> Scope {
        Scope::ImportPreview
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match input.action {
            Some(Action::ScrollDown) => self.scroll_by(true, 1),
            Some(Action::ScrollUp) => self.scroll_by(false, 1),
            Some(Action::PageDown) => self.scroll_by(true, PAGE),
            Some(Action::PageUp) => self.scroll_by(false, PAGE),
            Some(Action::Submit) => {
                self.import(cx);
                return Next::Close;
            }
            Some(Action::Cancel) => {
                let kept = cx.app.t(S::MsgImportCancelled);
                cx.app.info(kept);
                return Next::Close;
            }
            _ => {}
        }
        Next::Stay
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::Submit], S::HintImport),
            (&[Action::Cancel], S::HintCancelImport),
            (&[Action::ScrollUp, Action::ScrollDown], S::HintScroll),
        ]
    }
}

impl App {
    /// The driver read the file named in `ImportFile` (or could not):
    /// open its preview, or say what is wrong with it. A plan of another
    /// year is not mixed into this one.
    pub fn import_read(&mut self, path: &str, bytes: Result<Vec<u8>, String>, repo: &dyn Repo) {
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => return self.error(format!("{path}: {e}")),
        };
        let board = repo.board();
        let p = match prepare(path, &bytes, board, self.today) {
            Ok(p) => p,
            Err(e) => return self.error(e.message(self.lang)),
        };
        if let Some(year) = p.plan_year
            && !board.tasks.is_empty()
            && board.meta.year != year
        {
            let msg = self
                .t(S::MsgImportOtherYear)
                .replace("{}", &year.to_string());
            return self.error(msg);
        }
        let lines = review(&p, &board.units, self.lang);
        self.open(Overlay::ImportPreview(Box::new(ImportPreview {
            lines,
            scroll: 0,
            command: p.command(),
            tasks: p.tasks.len(),
        })));
    }
}
