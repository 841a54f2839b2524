//! The interface core: state and `update`, no I/O. It takes events (keys,
//! paste, resize, mouse, "data changed") and a `Repo`, and returns an
//! effect for the driver. It never reads the terminal or its size: the
//! driver tells it. Drawing is in `ui`, which only reads this state.

pub mod audit;
mod describe;
pub mod edit;
pub mod form;
pub mod geom;
pub mod keys;
pub mod layout;
pub mod memory;
mod nav;
mod pick;
pub mod remap;
pub mod search;
pub mod textfield;
pub mod views;

use std::collections::HashSet;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent};

use crate::domain::Lang;
use crate::domain::board::{Applied, Board, Ctx};
use crate::domain::command::Command;
use crate::domain::report::SoonWindow;
use crate::domain::task::{Millis, Status, TaskId};

use crate::i18n::S;
use crate::store::codec::HistoryEntry;
use crate::store::{Store, StoreError};
use keys::{Action, Key, Keymap, Scope};
use layout::{Filter, Grouping, LaneKey, Layout};
use textfield::TextField;

/// The small interface through which the interface reads and changes data.
pub trait Repo {
    fn board(&self) -> &Board;
    /// Moves whenever the data changes (here or in another session).
    fn revision(&self) -> u64;
    fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, StoreError>;
    fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError>;
    fn redo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError>;
    /// The plan of the year before, read only (comparing two years).
    fn previous_board(&self) -> Option<Board> {
        None
    }
    /// The plans in the database (the board picker); one when unknown.
    fn boards(&self) -> Vec<crate::store::boards::BoardInfo> {
        Vec::new()
    }
    /// The tasks changed since `revision`, if still known (lets a view patch
    /// its lanes instead of rebuilding them). `None`: rebuild.
    fn changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        let _ = revision;
        None
    }
    /// The tasks changed since `revision`, also across changes of units
    /// and other records, which change no task: the summary views patch
    /// their digests and remap the unit indexes themselves. `None`: reread.
    fn task_changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        self.changes_since(revision)
    }
    /// Every task's digest, made when the board was loaded (as of the
    /// revision they carry), for the first summary view. `None`: the
    /// views read every task.
    fn digests(&self) -> Option<std::sync::Arc<crate::domain::digest::Digests>> {
        None
    }
    /// The stored changes of one task, newest first (the details panel's
    /// "Lịch sử"). Repos without a history return none.
    fn task_history(&self, id: TaskId) -> Vec<HistoryEntry> {
        let _ = id;
        Vec::new()
    }
}

impl Repo for Store {
    fn board(&self) -> &Board {
        Store::board(self)
    }
    fn revision(&self) -> u64 {
        Store::revision(self)
    }
    fn changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        Store::changes_since(self, revision)
    }
    fn task_changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        Store::task_changes_since(self, revision)
    }
    fn digests(&self) -> Option<std::sync::Arc<crate::domain::digest::Digests>> {
        Store::digests(self)
    }
    fn boards(&self) -> Vec<crate::store::boards::BoardInfo> {
        Store::boards(self).unwrap_or_default()
    }
    fn previous_board(&self) -> Option<Board> {
        Store::previous_board(self).ok().flatten()
    }
    fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, StoreError> {
        Store::apply(self, cmd, ctx)
    }
    fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        Store::undo(self, ctx)
    }
    fn redo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        Store::redo(self, ctx)
    }
    fn task_history(&self, id: TaskId) -> Vec<HistoryEntry> {
        Store::task_history(self, id, HISTORY_SHOWN)
    }
}

/// How many changes the details panel lists.
pub const HISTORY_SHOWN: usize = 100;

/// What comes in.
#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    Mouse(MouseEvent),
    /// Another session changed the data.
    DataChanged,
}

/// What the driver must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Edit a task's description in the user's $EDITOR; the driver calls
    /// `App::external_edit_done` afterwards.
    EditExternal {
        id: TaskId,
        text: String,
    },
    /// Open another plan (board) of the database; the driver calls
    /// `App::board_switched` afterwards.
    SwitchBoard(u32),
    /// Make next year's plan from this one, then open it.
    Rollover(i32),
    /// Write the report of the current view to a file; the driver calls
    /// `App::export_done` afterwards.
    Export {
        path: String,
        area: Option<crate::domain::area::AreaId>,
        unit: Option<crate::domain::unit::UnitCode>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Overview,
    Matrix,
    Deadlines,
}

/// Overlays and prompts on top of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Details {
        id: TaskId,
        scroll: u16,
    },
    Help {
        scroll: u16,
    },
    /// After `f`: waiting for a digit.
    PickArea,
    /// Typing in the search box (`/`); the text lives in `App::search`.
    Search,
    /// `b`: the plans of the database, and "next year's plan".
    PickBoard {
        boards: Vec<crate::store::boards::BoardInfo>,
        sel: usize,
    },
    /// `X`: where to write the report.
    Export {
        field: TextField,
    },
    /// Quick-add line (`a`): stays open for the next task after Enter.
    QuickAdd {
        field: TextField,
    },
    /// A progress note for a task (`n`).
    Note {
        id: TaskId,
        field: TextField,
    },
    /// `d` asks before deleting.
    ConfirmDelete {
        id: TaskId,
    },
    /// The checklist of a task (`c`).
    Checklist {
        id: TaskId,
        sel: usize,
        adding: Option<TextField>,
    },
    /// The full form (`e`).
    Form(Box<form::Form>),
    /// After `F`: a unit list filtered by what is typed.
    PickUnit {
        query: String,
        sel: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgKind {
    Info,
    Error,
}

/// Where "now" comes from: the system clock, or fixed (tests).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(Millis),
}

impl Clock {
    pub fn now(self) -> Millis {
        match self {
            Clock::System => chrono::Utc::now().timestamp_millis(),
            Clock::Fixed(ms) => ms,
        }
    }
}

/// Settings the driver gives the app at start.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub today: NaiveDate,
    pub author: String,
    pub clock: Clock,
    pub mouse: bool,
    pub keymap: Keymap,
}

/// The selected card, by position and by id (the id survives rebuilds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub lane: usize,
    pub col: usize,
    pub row: usize,
}

pub struct App {
    pub lang: Lang,
    pub today: NaiveDate,
    pub author: String,
    pub clock: Clock,
    pub mouse: bool,
    pub keys: Keymap,
    /// The "due soon" window (the config file's `due_soon_days`).
    pub due_soon: SoonWindow,
    pub view: View,
    pub grouping: Grouping,
    pub filter: Filter,
    pub hide_empty: bool,
    pub folded: HashSet<LaneKey>,
    pub mode: Mode,
    pub sel: Selection,
    /// First board row shown (in lane rows).
    pub scroll: usize,
    pub message: Option<(MsgKind, String)>,
    /// Built-in Telex in text fields (Ctrl+T / F2).
    pub telex: bool,
    /// The overview compares with this earlier year (`c`): its year and counts.
    pub compare: Option<(i32, crate::domain::report::Summary)>,
    pub width: u16,
    pub height: u16,
    pub layout: Layout,
    /// The summary views (2–4): their aggregation, cursors and score prompt.
    pub views: views::Views,
    /// Order of the cards in a column.
    pub sort: layout::Sort,
    /// The board's search (`/`), if one is active.
    pub search: Option<search::Search>,
    /// Folded search text per task, computed once per change.
    index: search::SearchIndex,
    /// Bumped whenever the search text changes.
    search_gen: u64,
    /// Every lane of the grouping, sorted, for the tasks the filter keeps.
    base: Layout,
    /// The revision and settings `base` was built from.
    base_built: Option<(u64, (layout::Spec, Filter))>,
    /// What the shown `layout` was derived from.
    shown_built: Option<(u64, bool, Option<usize>, u64)>,
    /// The open details panel's task history, newest first, and the task
    /// and revision it was read at (it follows changes made elsewhere).
    pub history: Vec<HistoryEntry>,
    history_of: Option<(TaskId, u64)>,
}

/// Rows above the lanes (title bar, column headers) and below (status bar).
pub const TOP_ROWS: u16 = 2;
pub const BOTTOM_ROWS: u16 = 1;

impl App {
    pub fn new(opts: Options) -> App {
        App {
            lang: opts.lang,
            today: opts.today,
            author: opts.author,
            clock: opts.clock,
            mouse: opts.mouse,
            keys: opts.keymap,
            due_soon: SoonWindow::default(),
            view: View::Board,
            grouping: Grouping::Area,
            filter: Filter::default(),
            hide_empty: true,
            folded: HashSet::new(),
            mode: Mode::Normal,
            sel: Selection::default(),
            scroll: 0,
            message: None,
            telex: false,
            compare: None,
            width: 80,
            height: 24,
            layout: Layout::default(),
            views: views::Views::default(),
            sort: layout::Sort::Deadline,
            search: None,
            index: search::SearchIndex::default(),
            search_gen: 0,
            base: Layout::default(),
            base_built: None,
            shown_built: None,
            history: Vec::new(),
            history_of: None,
        }
    }

    fn ctx(&self) -> Ctx {
        Ctx {
            now: self.clock.now(),
            author: self.author.clone(),
        }
    }

    pub fn t(&self, s: S) -> &'static str {
        s.t(self.lang)
    }

    /// The selected task, if the board has one there.
    pub fn selected_id(&self) -> Option<TaskId> {
        let lane = self.layout.lanes.get(self.sel.lane)?;
        if self.folded.contains(&lane.key) {
            return None;
        }
        lane.cols.get(self.sel.col)?.get(self.sel.row).copied()
    }

    pub fn info(&mut self, m: impl Into<String>) {
        self.message = Some((MsgKind::Info, m.into()));
    }
    pub fn error(&mut self, m: impl Into<String>) {
        self.message = Some((MsgKind::Error, m.into()));
    }

    /// Handle one event. Keys are applied strictly in order, one at a time.
    pub fn update(&mut self, ev: Event, repo: &mut dyn Repo) -> Effect {
        self.refresh(repo);
        let effect = match ev {
            Event::Resize(w, h) => {
                self.width = w;
                self.height = h;
                self.ensure_visible();
                Effect::None
            }
            Event::DataChanged => Effect::None,
            Event::Paste(s) => {
                self.paste(&s, repo);
                Effect::None
            }
            Event::Mouse(m) => {
                self.mouse_event(m);
                Effect::None
            }
            Event::Key(k) if k.kind == KeyEventKind::Release => Effect::None,
            Event::Key(k) => self.key(k, repo),
        };
        self.refresh(repo);
        if let Mode::Details { id, .. } = self.mode
            && self.history_of != Some((id, repo.revision()))
        {
            self.history = repo.task_history(id);
            self.history_of = Some((id, repo.revision()));
        }
        effect
    }

    /// The key-table scopes in force now (hints show these keys).
    pub fn scopes(&self) -> &'static [Scope] {
        match (&self.mode, self.view) {
            (Mode::Details { .. }, _) => &[Scope::DetailsPanel],
            (_, View::Board) => &[Scope::Board, Scope::Views],
            _ => &[Scope::Summary, Scope::Views],
        }
    }

    fn key(&mut self, k: KeyEvent, repo: &mut dyn Repo) -> Effect {
        let key = Key::from_event(&k);
        if self.keys.action(&[], key) == Some(Action::ForceQuit) {
            return Effect::Quit;
        }
        // Text fields and editing prompts take keys before the table.
        if self.mode.takes_text()
            || matches!(
                self.mode,
                Mode::ConfirmDelete { .. } | Mode::Checklist { .. } | Mode::PickBoard { .. }
            )
        {
            return self.edit_key(k, key, repo);
        }
        // Prompts take keys before the table.
        if self.views.prompt.is_some() {
            self.score_prompt_key(k, repo);
            return Effect::None;
        }
        match self.mode.clone() {
            Mode::PickArea => {
                self.mode = Mode::Normal;
                if let KeyCode::Char(c) = k.code
                    && let Some(area) = crate::domain::area::AreaId::from_digit(c)
                {
                    self.filter.area = Some(area);
                    self.sel = Selection::default();
                    self.scroll = 0;
                }
                return Effect::None;
            }
            Mode::PickUnit { query, sel } => {
                self.pick_unit_key(k, query, sel, repo.board());
                return Effect::None;
            }
            Mode::Help { scroll } => {
                self.mode = match k.code {
                    KeyCode::Down | KeyCode::Char('j') => Mode::Help { scroll: scroll + 1 },
                    KeyCode::Up | KeyCode::Char('k') => Mode::Help {
                        scroll: scroll.saturating_sub(1),
                    },
                    _ => Mode::Normal,
                };
                return Effect::None;
            }
            _ => {}
        }
        self.message = None;
        let Some(action) = self.keys.action(self.scopes(), key) else {
            return Effect::None;
        };
        self.act(action, repo)
    }

    /// Perform an action (from a key, or from a test).
    pub fn act(&mut self, action: Action, repo: &mut dyn Repo) -> Effect {
        use Action::*;
        match action {
            Quit => return Effect::Quit,
            ForceQuit => return Effect::Quit,
            Help => self.mode = Mode::Help { scroll: 0 },
            Close => self.mode = Mode::Normal,
            ScrollDown | ScrollUp => {
                if let Mode::Details { id, scroll } = self.mode {
                    let scroll = if action == ScrollDown {
                        scroll + 1
                    } else {
                        scroll.saturating_sub(1)
                    };
                    self.mode = Mode::Details { id, scroll };
                }
            }
            ViewBoard => self.view = View::Board,
            ViewOverview => self.view = View::Overview,
            ViewMatrix => self.view = View::Matrix,
            ViewDeadlines => self.view = View::Deadlines,
            RowUp | RowDown | ColLeft | ColRight | PageUp | PageDown | Top | Bottom
            | OpenOnBoard | EnterScore => self.summary_act(action, repo),
            CompareYears => match self.compare.take() {
                Some(_) => {}
                None => match repo.previous_board() {
                    Some(prev) => {
                        let s = crate::domain::report::summarize(
                            prev.tasks.values().map(|t| &**t),
                            &prev.units,
                            self.today,
                        );
                        self.compare = Some((prev.meta.year, s));
                    }
                    None => self.info(self.t(S::NoEarlierPlan)),
                },
            },
            Left => self.move_col(-1),
            Right => self.move_col(1),
            Up => self.move_row(-1),
            Down => self.move_row(1),
            NextLane => self.move_lane(1),
            PrevLane => self.move_lane(-1),
            First => {
                self.sel.row = 0;
                self.ensure_visible();
            }
            Last => {
                self.sel.row = self.col_len(self.sel.lane, self.sel.col).saturating_sub(1);
                self.ensure_visible();
            }
            MoveCardLeft => self.move_card(-1, repo),
            MoveCardRight => self.move_card(1, repo),
            ToggleDone => self.toggle_done(repo),
            Details => {
                if let Some(id) = self.selected_id() {
                    self.mode = Mode::Details { id, scroll: 0 };
                }
            }
            CycleGrouping => {
                self.grouping = self.grouping.next();
                self.folded.clear();
                self.scroll = 0;
            }
            FoldLane => {
                if let Some(lane) = self.layout.lanes.get(self.sel.lane) {
                    let key = lane.key.clone();
                    if !self.folded.remove(&key) {
                        self.folded.insert(key);
                    }
                    self.ensure_visible();
                }
            }
            FoldAll => {
                if self.folded.is_empty() {
                    self.folded = self.layout.lanes.iter().map(|l| l.key.clone()).collect();
                } else {
                    self.folded.clear();
                }
                self.ensure_visible();
            }
            ToggleEmptyLanes => self.hide_empty = !self.hide_empty,
            QuickAdd | EditForm | EditExternal | AddNote | Delete | ProgressUp | ProgressDown
            | Checklist | ToggleTelex | Export | PickBoard => {
                return self.edit_action(action, repo);
            }
            FilterArea | FilterUnit | Search
                if matches!(self.view, View::Overview | View::Matrix) => {}
            FilterArea => self.mode = Mode::PickArea,
            FilterUnit => {
                self.mode = Mode::PickUnit {
                    query: String::new(),
                    sel: 0,
                }
            }
            ClearFilter => {
                self.filter = Filter::default();
                if self.search.take().is_some() {
                    self.search_gen += 1;
                }
            }
            Search => {
                if self.search.is_none() {
                    self.search = Some(search::Search::new(""));
                }
                self.mode = Mode::Search;
            }
            CycleSort => self.sort = self.sort.next(),
            Undo => match repo.undo(&self.ctx()) {
                Ok(e) => self.info(format!(
                    "{}: {}",
                    self.t(S::MsgUndone),
                    describe(&e.cmd, repo.board(), self.lang)
                )),
                Err(e) => self.error(e.message(self.lang)),
            },
            Redo => match repo.redo(&self.ctx()) {
                Ok(e) => self.info(format!(
                    "{}: {}",
                    self.t(S::MsgRedone),
                    describe(&e.inverse, repo.board(), self.lang)
                )),
                Err(e) => self.error(e.message(self.lang)),
            },
        }
        Effect::None
    }

    pub(crate) fn apply(&mut self, cmd: Command, repo: &mut dyn Repo) -> bool {
        let what = describe(&cmd, repo.board(), self.lang);
        match repo.apply(cmd, &self.ctx()) {
            Ok(_) => {
                self.info(format!("{}: {what}", self.t(S::MsgSaved)));
                true
            }
            Err(e) => {
                self.error(format!(
                    "{}: {}",
                    self.t(S::MsgRefused),
                    e.message(self.lang)
                ));
                false
            }
        }
    }

    fn move_card(&mut self, d: isize, repo: &mut dyn Repo) {
        let Some(id) = self.selected_id() else { return };
        let Some(status) = repo.board().task(id).map(|t| t.status) else {
            return;
        };
        let target = if d > 0 { status.next() } else { status.prev() };
        if let Some(target) = target {
            self.move_to(id, target, repo);
        }
    }

    fn move_to(&mut self, id: TaskId, status: Status, repo: &mut dyn Repo) {
        if self.apply(Command::Move { id, status }, repo) {
            // Follow the card to its new column.
            self.refresh(repo);
            if let Some((l, c, r)) = self.layout.find(id) {
                self.sel = Selection {
                    lane: l,
                    col: c,
                    row: r,
                };
            }
            self.ensure_visible();
        }
    }

    fn toggle_done(&mut self, repo: &mut dyn Repo) {
        let id = match self.mode {
            Mode::Details { id, .. } => Some(id),
            _ => self.selected_id(),
        };
        let Some(id) = id else { return };
        let Some(status) = repo.board().task(id).map(|t| t.status) else {
            return;
        };
        let target = if status == Status::Done {
            Status::Doing
        } else {
            Status::Done
        };
        self.move_to(id, target, repo);
    }
}

pub use describe::{column_status, describe, status_label};
