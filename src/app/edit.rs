//! Editing from the keyboard on the views: the overlays their keys open,
//! the editing keys on the selected card (`overlay::task_keys` says what
//! each does), and what the driver reports back afterwards (an external
//! edit, a written report, another plan opened). Every change is a
//! `Command` applied through the `Repo`, so it is saved at once, undoable
//! and recorded with its author.

use crate::domain::command::Command;
use crate::domain::task::TaskId;
use crate::i18n::S;

use super::keys::Action;
use super::overlay::details::Details;
use super::overlay::export::Export;
use super::overlay::pick_board::PickBoard;
use super::overlay::quick_add::QuickAdd;
use super::overlay::search::SearchBox;
use super::overlay::task_keys::Started;
use super::{App, Effect, Overlay, Repo, Selection};

impl App {
    /// Open the overlay of a view's key.
    pub(super) fn open_for(&mut self, action: Action, repo: &mut dyn Repo) {
        let o = match action {
            Action::Help => Overlay::Help(Default::default()),
            Action::Details => match self.selected_id() {
                Some(id) => Overlay::Details(Details::new(id)),
                None => return,
            },
            Action::FilterArea => Overlay::PickArea(Default::default()),
            Action::FilterUnit => Overlay::PickUnit(Default::default()),
            Action::Search => {
                if self.search.is_none() {
                    self.search = Some(super::search::Search::new(""));
                }
                Overlay::Search(SearchBox)
            }
            Action::QuickAdd => Overlay::QuickAdd(QuickAdd::default()),
            Action::Export => {
                let name = crate::transfer::report_table::default_report_name(self.today);
                Overlay::Export(Export::new(&name))
            }
            Action::Import => Overlay::ImportFile(Default::default()),
            Action::PickBoard => {
                Overlay::PickBoard(PickBoard::new(repo.boards(), repo.board().meta.year))
            }
            _ => return,
        };
        self.open(o);
    }

    /// An editing key on the board: on the selected card, if there is one.
    pub(super) fn on_selected(&mut self, action: Action, repo: &mut dyn Repo) -> Effect {
        let Some(id) = self.selected_id() else {
            return Effect::None;
        };
        match self.task_action(action, id, repo) {
            Started::Done => Effect::None,
            Started::Open(o) => {
                self.open(o);
                Effect::None
            }
            Started::Effect(e) => e,
        }
    }

    /// The driver opened another board (or failed to): start afresh on it.
    pub fn board_switched(&mut self, result: Result<(), String>, repo: &dyn Repo) {
        match result {
            Err(e) => self.error(e),
            Ok(()) => {
                // Ids of another board mean other tasks: forget the old
                // layout so the selection is not "kept" on a stranger.
                self.layout = super::layout::Layout::default();
                self.base = super::layout::Layout::default();
                self.base_built = None;
                self.shown_built = None;
                self.search = None;
                self.index = super::search::SearchIndex::default();
                self.folded.clear();
                self.sel = Selection::default();
                self.scroll = 0;
                self.filter = super::layout::Filter::default();
                self.refresh(repo);
                let year = repo.board().meta.year;
                self.info(format!("{} {year}", self.t(S::MsgBoardOpened)));
            }
        }
    }

    /// The driver wrote (or failed to write) the report.
    pub fn export_done(&mut self, result: Result<String, String>) {
        match result {
            Ok(path) => self.info(format!("{}: {path}", self.t(S::MsgExported))),
            Err(e) => self.error(e),
        }
    }

    /// The report's file is there already: ask before writing over it.
    pub fn export_exists(&mut self, asked: super::overlay::export_period::ReportAsked) {
        use super::overlay::export_period::ExportOverwrite;
        self.open(Overlay::ExportOverwrite(ExportOverwrite { asked }));
    }

    /// The driver cannot do this here (a file or an editor over SSH).
    pub fn local_only(&mut self) {
        self.error(self.t(S::MsgLocalOnly));
    }

    /// The external editor returned: save the new description (None: the
    /// editor failed; say why).
    pub fn external_edit_done(
        &mut self,
        id: TaskId,
        result: Result<String, String>,
        repo: &mut dyn Repo,
    ) {
        match result {
            Err(e) => self.error(format!("{}: {e}", self.t(S::MsgEditorFailed))),
            Ok(text) => {
                let text = crate::domain::text::nfc(text.trim_end());
                let Some(mut t) = repo.board().task(id).cloned() else {
                    return;
                };
                if t.description == text {
                    self.info(self.t(S::MsgNoChange));
                    return;
                }
                t.description = text;
                self.apply(Command::Edit(t), repo);
            }
        }
    }
}
