//! The interface core: state and `update`, no I/O. It takes events (keys,
//! paste, resize, mouse, "data changed") and a `Repo`, and returns an
//! effect for the driver. It never reads the terminal or its size: the
//! driver tells it. Drawing is in `ui`, which only reads this state.

pub mod audit;
mod describe;
pub mod edit;
pub mod geom;
pub mod keys;
pub mod layout;
mod marks;
pub mod memory;
mod nav;
pub mod overlay;
pub mod remap;
pub mod search;
pub mod textfield;
pub mod views;

use std::collections::HashSet;

use chrono::NaiveDate;
use crossterm::event::{KeyEvent, KeyEventKind, MouseEvent};

use crate::domain::Lang;
use crate::domain::board::{Applied, Board, Ctx};
use crate::domain::command::Command;
use crate::domain::report::SoonWindow;
use crate::domain::task::{Millis, TaskId};

use crate::i18n::S;
use crate::store::codec::HistoryEntry;
use crate::store::{Store, StoreError};
use keys::{Action, Key, Keymap, Scope};
use layout::{Filter, Grouping, LaneKey, Layout};
pub use overlay::Overlay;

/// The small interface through which the interface reads and changes data.
pub trait Repo {
    fn board(&self) -> &Board;
    /// Moves whenever the data changes (here or in another session).
    fn revision(&self) -> u64;
    fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, StoreError>;
    fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError>;
    /// Whether this session may make `cmd` now, asked before a dialog
    /// that would lead to it (a viewer is told at once, not after typing).
    /// `apply` checks again under the lock; a local store may do anything.
    fn may(&self, cmd: &Command) -> Result<(), StoreError> {
        let _ = cmd;
        Ok(())
    }
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
    /// The cards someone other than `user` changed that `user` has not
    /// looked at yet (kept per user in the database). Repos without such a
    /// record mark nothing.
    fn unseen(&mut self, user: &str) -> std::collections::BTreeSet<TaskId> {
        let _ = user;
        Default::default()
    }
    /// `user` has looked at card `id`.
    fn looked_at(&mut self, user: &str, id: TaskId) {
        let _ = (user, id);
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
    // A mark that cannot be read or kept is only a mark: the board works on.
    fn unseen(&mut self, user: &str) -> std::collections::BTreeSet<TaskId> {
        Store::unseen(self, user).unwrap_or_default()
    }
    fn looked_at(&mut self, user: &str, id: TaskId) {
        let _ = Store::looked_at(self, user, id);
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
        /// None: as of today.
        period: Option<crate::domain::period::Period>,
        /// Write over a file already there (asked first: `App::export_exists`).
        overwrite: bool,
    },
    /// Read a plan or task table to import; the driver calls
    /// `App::import_read` with its bytes.
    Import {
        path: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Overview,
    Matrix,
    Deadlines,
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

/// The selected card, by position: lane, column, row. A rebuild of the
/// lanes keeps the same task selected by looking its id up again
/// (`selected_id`, then `Layout::find`).
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
    /// What is open over the view, bottom first; the last has the keys.
    overlays: Vec<Overlay>,
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
    /// What `base` was built from.
    base_built: Option<nav::BaseKey>,
    /// What the shown `layout` was derived from.
    shown_built: Option<nav::ShownKey>,
    /// The cards changed by someone else since this user looked (`marks`).
    marks: marks::Marks,
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
            overlays: Vec::new(),
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
            marks: marks::Marks::default(),
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
            Event::Paste(s) => match self.overlays.pop() {
                Some(top) => self.overlay_paste(top, &s, repo),
                None => Effect::None,
            },
            Event::Mouse(m) => {
                self.mouse_event(m);
                Effect::None
            }
            Event::Key(k) if k.kind == KeyEventKind::Release => Effect::None,
            Event::Key(k) => self.key(k, repo),
        };
        self.refresh(repo);
        self.follow_marks(repo);
        if let Some(Overlay::Details(d)) = self.overlays.last_mut() {
            d.refresh(repo);
        }
        effect
    }

    /// The key-table scopes in force now: the top overlay's, else the
    /// view's (hints show these keys).
    pub fn scopes(&self) -> &'static [Scope] {
        match (self.overlays.last(), self.view) {
            (Some(o), _) => o.scope().alone(),
            (None, View::Board) => &[Scope::Board, Scope::Views],
            (None, _) => &[Scope::Summary, Scope::Views],
        }
    }

    /// A key: the top overlay's, else the view's through the key table.
    fn key(&mut self, k: KeyEvent, repo: &mut dyn Repo) -> Effect {
        if let Some(top) = self.overlays.pop() {
            return self.overlay_key(top, &k, repo);
        }
        self.message = None;
        match self.keys.action(self.scopes(), Key::from_event(&k)) {
            Some(action) => self.act(action, repo),
            None => Effect::None,
        }
    }

    /// Perform an action of a view (from a key, or from a test). A
    /// dispatch only: each arm is one call. The overlays' own actions
    /// (pickers, prompts, the form…) do nothing here.
    pub fn act(&mut self, action: Action, repo: &mut dyn Repo) -> Effect {
        use Action::*;
        match action {
            Quit | ForceQuit => return Effect::Quit,
            ViewBoard | ViewOverview | ViewMatrix | ViewDeadlines => self.show(action),
            RowUp | RowDown | ColLeft | ColRight | PageUp | PageDown | Top | Bottom
            | OpenOnBoard | EnterScore => self.summary_act(action, repo),
            CompareYears => self.compare_years(repo),
            Left | Right | Up | Down | NextLane | PrevLane | First | Last | CycleGrouping
            | FoldLane | FoldAll | ToggleEmptyLanes | CycleSort | ClearFilter => {
                self.navigate(action)
            }
            // The overview and the matrix count the whole plan: no filter there.
            FilterArea | FilterUnit | Search
                if matches!(self.view, View::Overview | View::Matrix) => {}
            Help | Details | FilterArea | FilterUnit | Search | QuickAdd | Export | PickBoard
            | Import => self.open_for(action, repo),
            EditForm | EditExternal | AddNote | Delete | ProgressUp | ProgressDown | Checklist
            | ToggleDone | MoveCardLeft | MoveCardRight => return self.on_selected(action, repo),
            ToggleTelex => self.telex = !self.telex,
            Undo => self.undo(repo),
            Redo => self.redo(repo),
            _ => {}
        }
        Effect::None
    }

    fn show(&mut self, action: Action) {
        self.view = match action {
            Action::ViewOverview => View::Overview,
            Action::ViewMatrix => View::Matrix,
            Action::ViewDeadlines => View::Deadlines,
            _ => View::Board,
        };
    }

    /// The overview beside last year's figures, or back without them.
    fn compare_years(&mut self, repo: &mut dyn Repo) {
        if self.compare.take().is_some() {
            return;
        }
        match repo.previous_board() {
            Some(prev) => {
                let s = crate::domain::report::summarize(
                    prev.tasks.values().map(|t| &**t),
                    &prev.units,
                    self.today,
                );
                self.compare = Some((prev.meta.year, s));
            }
            None => self.info(self.t(S::NoEarlierPlan)),
        }
    }

    fn undo(&mut self, repo: &mut dyn Repo) {
        match repo.undo(&self.ctx()) {
            Ok(e) => {
                let what = describe(&e.cmd, repo.board(), self.lang);
                self.info(format!("{}: {what}", self.t(S::MsgUndone)))
            }
            Err(e) => self.error(e.message(self.lang)),
        }
    }

    fn redo(&mut self, repo: &mut dyn Repo) {
        match repo.redo(&self.ctx()) {
            Ok(e) => {
                let what = describe(&e.inverse, repo.board(), self.lang);
                self.info(format!("{}: {what}", self.t(S::MsgRedone)))
            }
            Err(e) => self.error(e.message(self.lang)),
        }
    }

    /// Whether the change may be made; says why not, as `apply` would.
    pub(crate) fn may(&mut self, cmd: &Command, repo: &dyn Repo) -> bool {
        match repo.may(cmd) {
            Ok(()) => true,
            Err(e) => {
                self.refused(&e.message(self.lang));
                false
            }
        }
    }

    /// Says that a change was not made, and why.
    fn refused(&mut self, why: &str) {
        self.error(format!("{}: {why}", self.t(S::MsgRefused)));
    }

    pub(crate) fn apply(&mut self, cmd: Command, repo: &mut dyn Repo) -> bool {
        let what = describe(&cmd, repo.board(), self.lang);
        match repo.apply(cmd, &self.ctx()) {
            Ok(_) => {
                self.info(format!("{}: {what}", self.t(S::MsgSaved)));
                true
            }
            Err(e) => {
                self.refused(&e.message(self.lang));
                false
            }
        }
    }
}

pub use describe::{column_status, describe, status_label};
