//! Editing from the keyboard: what the editing keys start on a task (the
//! selected card, or the task of the details panel), the overlays the
//! views' keys open, and what the driver reports back afterwards (an
//! external edit, a written report, another plan opened). Every change is
//! a `Command` applied through the `Repo`, so it is saved at once,
//! undoable and recorded with its author.

use crate::domain::command::Command;
use crate::domain::task::{Status, TaskId};
use crate::i18n::S;

use super::keys::Action;
use super::overlay::checklist::Checklist;
use super::overlay::delete::Delete;
use super::overlay::details::Details;
use super::overlay::export::Export;
use super::overlay::form::Form;
use super::overlay::note::Note;
use super::overlay::pick_board::PickBoard;
use super::overlay::quick_add::QuickAdd;
use super::overlay::search::SearchBox;
use super::{App, Effect, Overlay, Repo, Selection};

/// What an editing key on a task starts.
#[derive(Debug)]
pub enum Started {
    /// Nothing more: it is done (or there was nothing to do).
    Done,
    /// An overlay opens (the form, a note, a question, the checklist).
    Open(Overlay),
    /// The driver does something (the external editor).
    Effect(Effect),
}

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

    /// What an editing key does to task `id`.
    pub(crate) fn task_action(
        &mut self,
        action: Action,
        id: TaskId,
        repo: &mut dyn Repo,
    ) -> Started {
        let Some(t) = repo.board().task(id) else {
            return Started::Done;
        };
        let open = |o| Started::Open(o);
        match action {
            Action::EditForm => {
                let year = repo.board().meta.year;
                open(Overlay::Form(Box::new(Form::new(
                    t,
                    (year > 0).then_some(year),
                ))))
            }
            Action::EditExternal => Started::Effect(Effect::EditExternal {
                id,
                text: t.description.clone(),
            }),
            Action::AddNote => open(Overlay::Note(Note::new(id))),
            Action::Delete => open(Overlay::Delete(Delete { id })),
            Action::Checklist => open(Overlay::Checklist(Checklist::new(id))),
            Action::ProgressUp | Action::ProgressDown => {
                let up = action == Action::ProgressUp;
                let progress = match up {
                    true => (t.progress / 10 * 10).saturating_add(10).min(100),
                    false => t.progress.div_ceil(10).saturating_sub(1) * 10,
                };
                self.apply(Command::SetProgress { id, progress }, repo);
                Started::Done
            }
            Action::ToggleDone => {
                let to = match t.status {
                    Status::Done => Status::Doing,
                    _ => Status::Done,
                };
                self.move_to(id, to, repo);
                Started::Done
            }
            Action::MoveCardLeft | Action::MoveCardRight => {
                let to = match action {
                    Action::MoveCardRight => t.status.next(),
                    _ => t.status.prev(),
                };
                if let Some(to) = to {
                    self.move_to(id, to, repo);
                }
                Started::Done
            }
            _ => Started::Done,
        }
    }

    /// Move a task to another column, and the selection with it.
    fn move_to(&mut self, id: TaskId, status: Status, repo: &mut dyn Repo) {
        if self.apply(Command::Move { id, status }, repo) {
            self.refresh(repo);
            if let Some((lane, col, row)) = self.layout.find(id) {
                self.sel = Selection { lane, col, row };
            }
            self.ensure_visible();
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
