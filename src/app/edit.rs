//! Editing from the keyboard: quick-add, the form, notes, checklists,
//! delete with confirmation, progress steps and the external editor. Every
//! change is a `Command` applied through the `Repo`, so it is saved at once,
//! undoable and recorded with its author.

use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::area::AreaId;
use crate::domain::board::Board;
use crate::domain::command::{ChecklistOp, Command};
use crate::domain::deadline::canonical_text;
use crate::domain::quickadd::{QuickAdd, parse_quick_add};
use crate::domain::task::{Due, Note, Status, Task, TaskId};
use crate::domain::unit::UnitCode;
use crate::i18n::S;

use super::form::{Form, FormOutcome};
use super::keys::{Action, Key};
use super::layout::{Grouping, LaneKey};
use super::textfield::TextField;
use super::{App, Effect, Mode, Repo, column_status};

impl Mode {
    /// True while a text field has the keyboard.
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            Mode::Search
                | Mode::Export { .. }
                | Mode::QuickAdd { .. }
                | Mode::Note { .. }
                | Mode::Form(_)
                | Mode::Checklist {
                    adding: Some(_),
                    ..
                }
        )
    }
}

impl App {
    /// The task an editing key is about: the open details, else the selection.
    fn target(&self) -> Option<TaskId> {
        match self.mode {
            Mode::Details { id, .. } => Some(id),
            _ => self.selected_id(),
        }
    }

    /// The area, lead unit and status a quick-added task gets when the line
    /// does not say: the current lane and column, then the filter.
    pub fn quick_add_defaults(&self, board: &Board) -> (AreaId, UnitCode, Status) {
        let lane = self.layout.lanes.get(self.sel.lane).map(|l| &l.key);
        let area = match lane {
            Some(LaneKey::Area(a)) if self.grouping == Grouping::Area => Some(*a),
            _ => None,
        }
        .or(self.filter.area)
        .unwrap_or(AreaId::GENERAL);
        let lead = match lane {
            Some(LaneKey::Unit(u)) => Some(u.clone()),
            _ => None,
        }
        .or_else(|| self.filter.unit.clone())
        .or_else(|| board.unit("vp").map(|u| u.code.clone()))
        .or_else(|| board.units.first().map(|u| u.code.clone()))
        .unwrap_or_default();
        (area, lead, column_status(self.sel.col))
    }

    /// What the quick-add line currently says (for the live preview).
    pub fn quick_add_preview(&self, board: &Board) -> Option<(QuickAdd, AreaId, UnitCode, Status)> {
        let Mode::QuickAdd { field } = &self.mode else {
            return None;
        };
        let q = parse_quick_add(
            field.text(),
            &board.units,
            (board.meta.year > 0).then_some(board.meta.year),
        );
        let (area, lead, status) = self.quick_add_defaults(board);
        let area = q.area.unwrap_or(area);
        let lead = q.lead.clone().unwrap_or(lead);
        Some((q, area, lead, status))
    }

    pub(super) fn edit_action(&mut self, action: Action, repo: &mut dyn Repo) -> Effect {
        match action {
            Action::ToggleTelex => self.telex = !self.telex,
            Action::QuickAdd => {
                self.mode = Mode::QuickAdd {
                    field: TextField::new(false),
                }
            }
            Action::PickBoard => {
                let boards = repo.boards();
                let sel = boards
                    .iter()
                    .position(|b| b.meta.year == repo.board().meta.year)
                    .unwrap_or(0);
                self.mode = Mode::PickBoard { boards, sel };
            }
            Action::Export => {
                let name = crate::transfer::report_table::default_report_name(self.today);
                self.mode = Mode::Export {
                    field: TextField::with_text(&name, false),
                };
            }
            Action::EditForm => {
                if let Some(t) = self.target().and_then(|id| repo.board().task(id)) {
                    let year = repo.board().meta.year;
                    self.mode = Mode::Form(Box::new(Form::new(t, (year > 0).then_some(year))));
                }
            }
            Action::EditExternal => {
                if let Some(t) = self.target().and_then(|id| repo.board().task(id)) {
                    return Effect::EditExternal {
                        id: t.id,
                        text: t.description.clone(),
                    };
                }
            }
            Action::AddNote => {
                if let Some(id) = self.target() {
                    self.mode = Mode::Note {
                        id,
                        field: TextField::new(false),
                    };
                }
            }
            Action::Delete => {
                if let Some(id) = self.target() {
                    self.mode = Mode::ConfirmDelete { id };
                }
            }
            Action::Checklist => {
                if let Some(id) = self.target() {
                    self.mode = Mode::Checklist {
                        id,
                        sel: 0,
                        adding: None,
                    };
                }
            }
            Action::ProgressUp | Action::ProgressDown => {
                if let Some(t) = self.target().and_then(|id| repo.board().task(id)) {
                    let p = if action == Action::ProgressUp {
                        (t.progress / 10 * 10).saturating_add(10).min(100)
                    } else {
                        t.progress.div_ceil(10).saturating_sub(1) * 10
                    };
                    let id = t.id;
                    self.apply(Command::SetProgress { id, progress: p }, repo);
                }
            }
            _ => {}
        }
        Effect::None
    }

    /// Keys while an editing mode is open.
    pub(super) fn edit_key(&mut self, k: KeyEvent, key: Key, repo: &mut dyn Repo) -> Effect {
        if self.keys.action(&[], key) == Some(Action::ToggleTelex) {
            self.telex = !self.telex;
            return Effect::None;
        }
        let telex = self.telex;
        let lang = self.lang;
        match &mut self.mode {
            Mode::PickBoard { boards, sel } => {
                // The boards, then "next year's plan".
                let n = boards.len() + 1;
                match k.code {
                    KeyCode::Esc | KeyCode::Char('q') => self.mode = Mode::Normal,
                    KeyCode::Down | KeyCode::Char('j') => *sel = (*sel + 1).min(n - 1),
                    KeyCode::Up | KeyCode::Char('k') => *sel = sel.saturating_sub(1),
                    KeyCode::Enter => {
                        let effect = match boards.get(*sel) {
                            Some(b) => Effect::SwitchBoard(b.id),
                            None => Effect::Rollover(
                                boards.iter().map(|b| b.meta.year).max().unwrap_or(0) + 1,
                            ),
                        };
                        self.mode = Mode::Normal;
                        return effect;
                    }
                    _ => {}
                }
            }
            Mode::Export { field } => match k.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Enter => {
                    let path = field.text().trim().to_string();
                    self.mode = Mode::Normal;
                    if !path.is_empty() {
                        return Effect::Export {
                            path,
                            area: self.filter.area,
                            unit: self.filter.unit.clone(),
                        };
                    }
                }
                _ => {
                    field.key(&k, telex);
                }
            },
            Mode::Search => match k.code {
                KeyCode::Esc => {
                    self.mode = Mode::Normal;
                    self.search = None;
                    self.search_changed(repo);
                }
                KeyCode::Enter => {
                    self.mode = Mode::Normal;
                    if self.search.as_ref().is_some_and(|s| s.field.is_empty()) {
                        self.search = None;
                        self.search_changed(repo);
                    } else if self.selected_id().is_none() {
                        self.select_match(0);
                    }
                }
                // ↓/↑ step through the matches while typing.
                KeyCode::Down => self.select_match(1),
                KeyCode::Up => self.select_match(-1),
                _ => {
                    if let Some(s) = &mut self.search
                        && s.field.key(&k, telex) == super::textfield::Outcome::Changed
                    {
                        self.search_changed(repo);
                    }
                }
            },
            Mode::QuickAdd { field } => match k.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Enter => self.submit_quick_add(repo),
                _ => {
                    field.key(&k, telex);
                }
            },
            Mode::Note { id, field } => match k.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Enter => {
                    let (id, text) = (*id, crate::domain::text::one_line(field.text()));
                    self.mode = Mode::Normal;
                    if !text.is_empty() {
                        let note = Note {
                            at: self.clock.now(),
                            author: self.author.clone(),
                            text,
                        };
                        self.apply(Command::AddNote { id, note }, repo);
                    }
                }
                _ => {
                    field.key(&k, telex);
                }
            },
            Mode::ConfirmDelete { id } => {
                let id = *id;
                self.mode = Mode::Normal;
                if matches!(k.code, KeyCode::Char('y' | 'Y')) {
                    self.apply(Command::DeleteTask(id), repo);
                } else {
                    self.info(self.t(S::MsgNotDeleted));
                }
            }
            Mode::Checklist { id, sel, adding } => {
                let (id, cur) = (*id, *sel);
                if let Some(field) = adding {
                    match k.code {
                        KeyCode::Esc => *adding = None,
                        KeyCode::Enter => {
                            let text = field.text().to_string();
                            field.clear();
                            if !text.trim().is_empty() {
                                self.apply(
                                    Command::Checklist {
                                        id,
                                        op: ChecklistOp::Add(text),
                                    },
                                    repo,
                                );
                            }
                        }
                        _ => {
                            field.key(&k, telex);
                        }
                    }
                    return Effect::None;
                }
                let len = repo.board().task(id).map_or(0, |t| t.checklist.len());
                let mut next = cur;
                let op = match k.code {
                    KeyCode::Esc | KeyCode::Char('q') => {
                        self.mode = Mode::Normal;
                        return Effect::None;
                    }
                    KeyCode::Down | KeyCode::Char('j') => {
                        next = (cur + 1).min(len.saturating_sub(1));
                        None
                    }
                    KeyCode::Up | KeyCode::Char('k') => {
                        next = cur.saturating_sub(1);
                        None
                    }
                    KeyCode::Char('a' | 'c') => {
                        *adding = Some(TextField::new(false));
                        None
                    }
                    KeyCode::Char(' ' | 'x') | KeyCode::Enter if cur < len => {
                        Some(ChecklistOp::Toggle(cur))
                    }
                    KeyCode::Char('d') | KeyCode::Delete if cur < len => {
                        next = cur.min(len.saturating_sub(2));
                        Some(ChecklistOp::Remove(cur))
                    }
                    KeyCode::Char('J') if cur + 1 < len => {
                        next = cur + 1;
                        Some(ChecklistOp::Move {
                            from: cur,
                            to: cur + 1,
                        })
                    }
                    KeyCode::Char('K') if cur > 0 && cur < len => {
                        next = cur - 1;
                        Some(ChecklistOp::Move {
                            from: cur,
                            to: cur - 1,
                        })
                    }
                    _ => None,
                };
                *sel = next;
                if let Some(op) = op {
                    self.apply(Command::Checklist { id, op }, repo);
                }
            }
            Mode::Form(form) => match form.key(&k, telex, repo.board(), lang) {
                FormOutcome::Continue => {}
                FormOutcome::Cancel => self.mode = Mode::Normal,
                FormOutcome::Save => match form.build(repo.board(), lang) {
                    Ok(task) => {
                        let changed = task != form.original;
                        self.mode = Mode::Normal;
                        if changed {
                            self.apply(Command::Edit(task), repo);
                        } else {
                            self.info(self.t(S::MsgNoChange));
                        }
                    }
                    Err((field, msg)) => {
                        form.focus = field;
                        self.error(format!("{}: {msg}", field.label().t(lang)));
                    }
                },
            },
            _ => {}
        }
        Effect::None
    }

    fn submit_quick_add(&mut self, repo: &mut dyn Repo) {
        let Some((q, area, lead, status)) = self.quick_add_preview(repo.board()) else {
            return;
        };
        if let Some(p) = q.problems.first() {
            self.error(format!(
                "{}: {}",
                self.t(S::MsgRefused),
                p.message(self.lang)
            ));
            return;
        }
        if q.title.is_empty() {
            self.error(self.t(S::ErrTitleEmpty));
            return;
        }
        let mut t = Task::new(&q.title, area, &lead);
        t.support = q.support.clone();
        t.status = status;
        if let Some((p, _)) = q.due {
            t.due = Due::from_parsed(p, Some(canonical_text(&p)));
        }
        if self.apply(Command::AddTask(t), repo) {
            // Stay open and empty for the next task of the meeting.
            if let Mode::QuickAdd { field } = &mut self.mode {
                field.clear();
            }
        }
    }

    /// A bracketed paste goes to the text field that has the keyboard.
    pub(super) fn paste(&mut self, s: &str, repo: &mut dyn Repo) {
        if self.mode == Mode::Search
            && let Some(search) = &mut self.search
        {
            search.field.paste(s);
            self.search_changed(repo);
            return;
        }
        match &mut self.mode {
            Mode::QuickAdd { field } | Mode::Note { field, .. } | Mode::Export { field } => {
                field.paste(s)
            }
            Mode::Checklist {
                adding: Some(field),
                ..
            } => field.paste(s),
            Mode::Form(form) => {
                if let Some(f) = form.text_mut() {
                    f.paste(s);
                }
            }
            _ => {}
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
                self.sel = super::Selection::default();
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
