//! The sled store: one directory, one process. It keeps the board in memory,
//! applies every change through `Board::apply`, and writes the touched
//! records, the history entry and the undo/redo stacks in one sled
//! transaction, flushed to disk before it reports success.
//!
//! Trees: `tasks` (id → task), `units` (code → unit), `meta` (board
//! metadata, counters, undo and redo stacks, schema version), `history`
//! (seq → entry), `scores`, `users` (login name → user allowed over SSH).

pub mod autobackup;
pub mod backup;
mod backup_read;
pub mod backup_write;
pub mod boards;
pub mod changes;
pub mod check;
pub mod closed;
mod closed_tasks;
pub mod codec;
mod error;
mod load;
pub mod migrate;
pub mod private;
mod probe;
pub mod salvage;
#[cfg(test)]
mod seeded;
pub mod seen;
pub mod shapes;
pub mod undo;
mod watch;

pub use error::StoreError;

use std::path::{Path, PathBuf};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use crate::domain::board::{Applied, Board, BoardMeta, Ctx};
use crate::domain::command::{Command, Touched};
use crate::domain::unit::Unit;
pub use changes::ChangeLog;
use codec::{DecodeError, HistoryEntry, SCHEMA};

/// sled's cache. The board is held decoded in memory, so sled's cache only
/// serves writes and history reads; sled's default (1 GB) would keep every
/// record it read while loading, twice what the board needs (peak RSS,
/// docs/performance.md).
pub(crate) const SLED_CACHE: u64 = 1024 * 1024;

pub use undo::UNDO_DEPTH;
use undo::{Journal, Stacks, Step};

pub(crate) const K_SCHEMA: &[u8] = b"schema";
pub(crate) const K_BOARD: &[u8] = b"board";
pub(crate) const K_NEXT_ID: &[u8] = b"next_id";
pub(crate) const K_NEXT_SEQ: &[u8] = b"next_seq";
/// Each author's undo and redo stacks (`undo::Stacks`) in `meta`.
fn undo_key(author: &str) -> Vec<u8> {
    format!("undo:{author}").into_bytes()
}
fn redo_key(author: &str) -> Vec<u8> {
    format!("redo:{author}").into_bytes()
}

/// The open database and the board it holds.
pub struct Store {
    path: PathBuf,
    db: sled::Db,
    tasks: sled::Tree,
    units: sled::Tree,
    meta: sled::Tree,
    history: sled::Tree,
    /// (year, dimension) → published PAPI score, see `codec::score_key`.
    scores: sled::Tree,
    /// name → `User`, see `domain::user`.
    users: sled::Tree,
    /// Shared with the sessions drawing it (`board_snapshot`): a change
    /// copies the task map (not the tasks) only while one is held.
    board: std::sync::Arc<Board>,
    /// Bumped on every applied change; sessions redraw when it moves.
    revision: u64,
    /// The tasks each recent revision touched, so views can patch.
    recent: ChangeLog,
    /// Every task's digest, made as the tasks were decoded (`load`), for
    /// the first summary view.
    digests: Option<std::sync::Arc<crate::domain::digest::Digests>>,
    /// The day of the last daily backup, once daily backups are on
    /// (`autobackup`).
    daily: Option<chrono::NaiveDate>,
    /// Which board (plan) of the database is open; see `boards`.
    board_id: u32,
    /// The daily backup being written on its own thread (`autobackup`).
    backup_job: Option<autobackup::Job>,
    /// Why the last daily backup failed, until reported.
    backup_failed: Option<backup::BackupError>,
    /// The tasks as the last clean close left them, to load instead of
    /// walking the tree (`closed_tasks`); taken by the first load.
    closed: Option<closed_tasks::Closed>,
    /// The board in memory is known to equal the trees (set by a
    /// successful load, kept by every change): only then is it written
    /// out at close for the next open (`closed_tasks`).
    memory_is_disk: bool,
    /// Declared after the sled handles, so it is dropped after them: it
    /// finishes closing the database (see `Closing`).
    closing: Closing,
}

/// The end of a store's life, run once every sled handle has been dropped
/// (fields drop in declaration order, after `Drop for Store`).
///
/// sled closes its data file — and with it releases its lock on the
/// database — when the last reference to the file goes. Its background
/// writer thread holds one while it finishes the last write, which can be
/// a moment after every handle is gone: without waiting for it, this
/// process could not open the database again right away. So the store
/// takes the same lock itself, blocking until sled has let go; then the
/// files are fingerprinted (`closed`), with nothing writing to them any
/// more. No other program can take sled's lock in between: the directory
/// lock (`dir`), taken before sled opened, is released last.
///
/// Both locks this code takes are released by an explicit unlock, not by
/// closing the file: a program started meanwhile by another thread of this
/// process holds a copy of every open descriptor until it has started, and
/// a lock goes with its descriptor's last copy, not its first.
struct Closing {
    path: PathBuf,
    /// Set by `Drop for Store` after a successful flush.
    flushed: bool,
    /// The lock on the database directory, held for the store's life.
    dir: std::fs::File,
}

impl Drop for Closing {
    fn drop(&mut self) {
        if let Ok(data) = std::fs::File::open(self.path.join("db")) {
            // Blocks until sled's last reference to its file is gone.
            if data.lock().is_ok() {
                let _ = data.unlock();
            }
        }
        private::tighten(&self.path);
        if self.flushed {
            closed::record(&self.path);
        }
        let _ = self.dir.unlock();
    }
}

/// Take the lock of the database directory: one store at a time, in any
/// process, from before sled opens the files until after it has closed
/// them (`Closing`).
fn lock_dir(path: &Path) -> Result<std::fs::File, StoreError> {
    let dir = std::fs::File::open(path).map_err(|e| StoreError::Io(path.into(), e.to_string()))?;
    match dir.try_lock() {
        Ok(()) => Ok(dir),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked(path.into())),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::Io(path.into(), e.to_string())),
    }
}

fn is_lock_error(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}

fn u64_of(b: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(b.try_into().ok()?))
}

impl Drop for Store {
    /// Flush; then the sled handles drop, and `Closing` waits for sled to
    /// close its files and records their fingerprint, so the next open can
    /// skip checking a copy (`closed`). Only after a successful flush:
    /// otherwise the next open checks the files as after a crash.
    fn drop(&mut self) {
        // The daily backup's thread reads the database: let it finish.
        self.finish_backup();
        self.closing.flushed = self.db.flush().is_ok();
        // The tasks for the next open, fingerprinted with sled's files.
        if self.closing.flushed && self.memory_is_disk && !self.is_new() {
            let tree = boards::tree_name(self.board_id, "tasks");
            closed_tasks::write(&self.path, &self.board, &tree, SCHEMA);
        }
    }
}

/// Open sled's files in `path`. sled writes to the files it opens, damaged
/// or not: a copy is checked first, so a damaged database is refused and
/// left as it was — unless the files are byte for byte those this program
/// closed cleanly (`closed`), which were checked when they were opened.
fn open_sled(path: &Path) -> Result<(sled::Db, bool), StoreError> {
    let corrupt = |e: String| StoreError::Corrupt(path.to_path_buf(), e);
    let mut clean = false;
    if path.join("db").exists() {
        clean = closed::matches(path) && closed::consume(path);
        if !clean {
            check::probe_before_open(path)?;
            closed::consume(path);
        }
    }
    // The copy opened without them (`probe::is_snapshot`), or the files
    // are those of a clean close, which leaves none.
    probe::remove_unfinished_snapshots(path);
    // sled panics on some damaged files instead of returning an error.
    let opened = std::panic::catch_unwind(|| {
        sled::Config::new()
            .path(path)
            .cache_capacity(SLED_CACHE)
            .flush_every_ms(None)
            .open()
    });
    match opened {
        Ok(Ok(db)) => Ok((db, clean)),
        Ok(Err(e)) if is_lock_error(&e) => Err(StoreError::Locked(path.to_path_buf())),
        Ok(Err(sled::Error::Corruption { .. })) => Err(corrupt("sled corruption".into())),
        Ok(Err(e)) => Err(corrupt(e.to_string())),
        Err(_) => Err(corrupt("unreadable files".into())),
    }
}

impl Store {
    /// Open (or create, empty) the database in `path`. A new database gets
    /// the schema version but no board yet: see `is_new` and `seed`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_board(path, None)
    }

    /// Open the database and the board asked for (a year or an id), or the
    /// newest plan.
    pub fn open_board(path: &Path, sel: Option<boards::BoardSel>) -> Result<Store, StoreError> {
        let path = path.to_path_buf();
        let corrupt = |e: String| StoreError::Corrupt(path.clone(), e);
        if let Err(e) = private::dir(&path) {
            return Err(StoreError::Io(path.clone(), e.to_string()));
        }
        let dir_lock = lock_dir(&path)?;
        let (db, clean) = open_sled(&path)?;
        let closed = closed_tasks::take(&path, clean);
        // sled made its files with the umask; this database is ours alone.
        private::tighten(&path);
        let board_id = match boards::choose(&db, sel).map_err(corrupt)? {
            Some(id) => id,
            None if sel.is_none() => 1,
            None => {
                let asked = match sel {
                    Some(boards::BoardSel::Year(y)) => y.to_string(),
                    Some(boards::BoardSel::Id(i)) => format!("#{i}"),
                    None => String::new(),
                };
                return Err(StoreError::NoBoard(asked));
            }
        };
        let tree = |name: &str| {
            let shared = name == "users" || name == "scores";
            let name = if shared {
                name.to_string()
            } else {
                boards::tree_name(board_id, name)
            };
            db.open_tree(name).map_err(|e| corrupt(e.to_string()))
        };
        let mut store = Store {
            tasks: tree("tasks")?,
            units: tree("units")?,
            meta: tree("meta")?,
            history: tree("history")?,
            scores: tree("scores")?,
            users: tree("users")?,
            db,
            path: path.clone(),
            board: Default::default(),
            revision: 0,
            recent: ChangeLog::default(),
            digests: None,
            daily: None,
            board_id,
            backup_job: None,
            backup_failed: None,
            closed,
            memory_is_disk: false,
            closing: Closing {
                path: path.clone(),
                flushed: false,
                dir: dir_lock,
            },
        };
        store.migrate()?;
        store.load()?;
        Ok(store)
    }

    fn load(&mut self) -> Result<(), StoreError> {
        self.memory_is_disk = false;
        let path = self.path.clone();
        let corrupt = |e: String| StoreError::Corrupt(path.clone(), e);
        let dec = |e: DecodeError| match e {
            DecodeError::Newer(v) => StoreError::Newer(path.clone(), v),
            e => StoreError::Corrupt(path.clone(), e.to_string()),
        };
        match self
            .meta
            .get(K_SCHEMA)
            .map_err(|e| corrupt(e.to_string()))?
        {
            None => {
                // A board not yet given its plan (a new database, next
                // year's board being made): its digests are those of the
                // board as it is, never those of the board loaded before.
                let none_yet = crate::domain::digest::Digests::full(&self.board, self.revision);
                self.digests = Some(std::sync::Arc::new(none_yet));
                self.memory_is_disk = self.board.tasks.is_empty() && self.tasks.is_empty();
                return Ok(());
            }
            Some(v) if v.as_ref() == [SCHEMA] => {}
            Some(v) if v.len() == 1 && v[0] > SCHEMA => return Err(StoreError::Newer(path, v[0])),
            Some(v) if v.len() == 1 && v[0] < SCHEMA => {
                return Err(corrupt(format!("schema {} was not migrated", v[0])));
            }
            Some(_) => return Err(corrupt("bad schema marker".into())),
        }
        let mut board = Board::default();
        if let Some(m) = self.meta.get(K_BOARD).map_err(|e| corrupt(e.to_string()))? {
            board.meta = codec::decode_meta(&m).map_err(dec)?;
        }
        for kv in self.scores.iter() {
            let (k, v) = kv.map_err(|e| corrupt(e.to_string()))?;
            let key = codec::score_of_key(&k).ok_or_else(|| corrupt("bad score key".into()))?;
            board
                .scores
                .insert(key, codec::decode_score(&v).map_err(dec)?);
        }
        for kv in self.users.iter() {
            let (_, v) = kv.map_err(|e| corrupt(e.to_string()))?;
            let u = codec::decode_user(&v).map_err(dec)?;
            board.users.insert(u.name.clone(), u);
        }
        for kv in self.units.iter() {
            let (_, v) = kv.map_err(|e| corrupt(e.to_string()))?;
            board.units.push(codec::decode_unit(&v).map_err(dec)?);
        }
        self.digests = None;
        let (tasks, digests) = self.load_tasks(&board.units)?;
        board.tasks = tasks;
        let next = self
            .meta
            .get(K_NEXT_ID)
            .map_err(|e| corrupt(e.to_string()))?;
        let max_id = board.tasks.keys().next_back().copied().unwrap_or(0);
        board.next_id = next.and_then(|b| u64_of(&b)).unwrap_or(1).max(max_id + 1);
        self.board = std::sync::Arc::new(board);
        self.digests = digests.finish(self.revision).map(std::sync::Arc::new);
        self.memory_is_disk = true;
        Ok(())
    }

    /// Every task of the open board with its digest, made while each task
    /// is fresh from decoding (reading them all again at the first summary
    /// view costs more): after a clean close from the file it left, else
    /// (or if that file is not whole) from the tree.
    fn load_tasks(
        &mut self,
        units: &[Unit],
    ) -> Result<
        (
            crate::domain::task_map::TaskMap,
            crate::domain::digest::Loading,
        ),
        StoreError,
    > {
        let tree = boards::tree_name(self.board_id, "tasks");
        let closed = self.closed.take().filter(|c| c.is_of(&tree, SCHEMA));
        let from_file = closed
            .and_then(|c| c.tasks(units))
            .filter(|(tasks, _)| closed_tasks::ends_agree(tasks, &self.tasks));
        if let Some(loaded) = from_file {
            return Ok(loaded);
        }
        load::tasks(&self.tasks, units).map_err(|e| match e {
            load::Failed::Sled(e) => StoreError::Corrupt(self.path.clone(), e),
            load::Failed::Decode(DecodeError::Newer(v)) => StoreError::Newer(self.path.clone(), v),
            load::Failed::Decode(e) => StoreError::Corrupt(self.path.clone(), e.to_string()),
        })
    }

    /// True until the database has been given a board.
    pub fn is_new(&self) -> bool {
        !self.meta.contains_key(K_SCHEMA).unwrap_or(false)
    }

    /// Give a new database its board: metadata, units and the first tasks,
    /// recorded in the history but not undoable (undo cannot empty the plan).
    pub fn seed(
        &mut self,
        meta: BoardMeta,
        units: Vec<Unit>,
        tasks: Vec<Command>,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        let mut cmds = vec![Command::SetMeta(meta)];
        cmds.extend(units.into_iter().map(Command::PutUnit));
        self.record(Command::Batch(cmds), ctx, Step::Seed)?;
        // Large synthetic boards go in slices so no history record is huge.
        let mut tasks = tasks.into_iter().peekable();
        while tasks.peek().is_some() {
            let chunk: Vec<Command> = tasks.by_ref().take(1000).collect();
            self.record(Command::Batch(chunk), ctx, Step::Seed)?;
        }
        Ok(())
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    /// The board as it is now, to read without holding the store: later
    /// changes do not reach this copy (tasks are shared, not copied).
    pub fn board_snapshot(&self) -> std::sync::Arc<Board> {
        self.board.clone()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The tasks changed since `revision`, while still remembered. A
    /// revision whose change was not recorded empties the log, so a gap can
    /// never be mistaken for "nothing changed".
    pub fn changes_since(&self, revision: u64) -> Option<Vec<u64>> {
        self.recent.since(revision, self.revision)
    }

    /// The tasks changed since `revision`, also across changes of units
    /// and other records (see `ChangeLog::tasks_since`).
    pub fn task_changes_since(&self, revision: u64) -> Option<Vec<u64>> {
        self.recent.tasks_since(revision, self.revision)
    }

    /// The digests made when the board was loaded, as of the revision they
    /// carry (the views patch them with `task_changes_since`).
    pub fn digests(&self) -> Option<std::sync::Arc<crate::domain::digest::Digests>> {
        self.digests.clone()
    }

    /// Apply a change, persist it, and make it undoable.
    pub fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, StoreError> {
        self.record(cmd, ctx, Step::Do)
    }

    /// Undo the author's last change; returns the entry that was undone.
    /// Undoing a rollover takes the whole new board away.
    pub fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        if let Some(entry) = undo::next_undo(self, &ctx.author)?
            && let Some(source) = self.rollover_source(entry.seq)
        {
            self.drop_board(source)?;
            return Ok(entry);
        }
        undo::undo(self, ctx)
    }

    /// Redo the author's last undone change.
    pub fn redo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        undo::redo(self, ctx)
    }

    /// The entry `undo` would reverse for this author, without undoing it.
    pub fn peek_undo(&self, author: &str) -> Result<Option<HistoryEntry>, StoreError> {
        undo::next_undo(self, author)
    }

    /// The entry `redo` would apply again for this author.
    pub fn peek_redo(&self, author: &str) -> Result<Option<HistoryEntry>, StoreError> {
        undo::next_redo(self, author)
    }

    pub fn can_undo(&self, author: &str) -> bool {
        self.stack(&undo_key(author)).is_ok_and(|s| !s.is_empty())
    }

    /// The whole history, oldest first.
    pub fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut out = Vec::new();
        for kv in self.history.iter() {
            let (_, v) = kv.map_err(|e| StoreError::Corrupt(self.path.clone(), e.to_string()))?;
            out.push(
                codec::decode_history(&v)
                    .map_err(|e| StoreError::Corrupt(self.path.clone(), e.to_string()))?,
            );
        }
        Ok(out)
    }

    /// Verify the database as `check::check` does, while this store has it
    /// open: flushed, then copied with nothing writing to it (the caller
    /// holds the store).
    pub fn check_open(&self) -> Result<check::Report, StoreError> {
        self.flush()?;
        check::check_held(&self.path)
    }

    /// Which board `sel` names (`None`: the newest plan).
    pub fn resolve_board(&self, sel: Option<boards::BoardSel>) -> Result<u32, StoreError> {
        let corrupt = |e: String| StoreError::Corrupt(self.path.clone(), e);
        match boards::choose(&self.db, sel).map_err(corrupt)? {
            Some(id) => Ok(id),
            None if sel.is_none() => Ok(1),
            None => Err(StoreError::NoBoard(match sel {
                Some(boards::BoardSel::Year(y)) => y.to_string(),
                Some(boards::BoardSel::Id(i)) => format!("#{i}"),
                None => String::new(),
            })),
        }
    }

    /// Write everything to disk (every change already is; this is for
    /// shutting down).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db
            .flush()
            .map(|_| ())
            .map_err(|e| StoreError::Io(self.path.clone(), e.to_string()))
    }

    /// The changes made at or after `since` (ms), newest first: read from
    /// the end of the history, so the morning check does not decode it all.
    pub fn history_since(&self, since: crate::domain::task::Millis) -> Vec<HistoryEntry> {
        self.history
            .iter()
            .rev()
            .filter_map(|kv| codec::decode_history(&kv.ok()?.1).ok())
            .take_while(|e| e.at >= since)
            .collect()
    }

    /// The changes of one task, newest first, at most `limit`.
    pub fn task_history(&self, id: crate::domain::task::TaskId, limit: usize) -> Vec<HistoryEntry> {
        self.history
            .iter()
            .rev()
            .filter_map(|kv| codec::decode_history(&kv.ok()?.1).ok())
            .filter(|e| e.cmd.touches_task(id) || e.inverse.touches_task(id))
            .take(limit)
            .collect()
    }

    fn entry(&self, seq: u64) -> Result<HistoryEntry, StoreError> {
        let corrupt = |e: String| StoreError::Corrupt(self.path.clone(), e);
        let v = self
            .history
            .get(seq.to_be_bytes())
            .map_err(|e| corrupt(e.to_string()))?
            .ok_or_else(|| corrupt(format!("history entry {seq} missing")))?;
        codec::decode_history(&v).map_err(|e| corrupt(e.to_string()))
    }

    fn stack(&self, key: &[u8]) -> Result<Vec<u64>, StoreError> {
        match self.meta.get(key) {
            Ok(Some(v)) => codec::decode_ids(&v)
                .map_err(|e| StoreError::Corrupt(self.path.clone(), e.to_string())),
            Ok(None) => Ok(Vec::new()),
            Err(e) => Err(StoreError::Corrupt(self.path.clone(), e.to_string())),
        }
    }

    /// Apply a command to the board in memory, then write what it touched,
    /// its history entry and the author's stacks in one transaction,
    /// flushed; if the write fails, the board in memory is put back.
    fn record(&mut self, cmd: Command, ctx: &Ctx, step: Step) -> Result<Applied, StoreError> {
        // The first change of a new day starts its backup, on a thread of
        // its own: the change does not wait for it (`autobackup`). Not in
        // the middle of a seed, which would back up half a board.
        if !matches!(step, Step::Seed) {
            self.start_daily_backup();
        }
        if !matches!(step, Step::Seed) && self.is_readonly() {
            return Err(StoreError::ReadOnly(self.board.meta.year));
        }
        // Apply in memory first; a refusal leaves board and disk untouched.
        let applied = std::sync::Arc::make_mut(&mut self.board).apply(cmd.clone(), ctx)?;
        let seq = self.next_seq()?;
        let mut stacks = self.stacks(&ctx.author)?;
        stacks.record(step, seq);
        let entry = undo::entry_of(seq, cmd, &applied, ctx, step);
        if let Err(e) = self.write(&applied.touched, &entry, &stacks) {
            // Keep memory equal to disk: undo the in-memory change.
            let _ = std::sync::Arc::make_mut(&mut self.board).apply(applied.inverse.clone(), ctx);
            return Err(e);
        }
        // After the flush: the mark that makes a cut-off file a refusal
        // instead of a silent loss (check::MARK). Failing to write it loses
        // nothing; the next change writes it again.
        let meta_name = String::from_utf8_lossy(&self.meta.name()).into_owned();
        let _ = check::write_mark(&self.path, &meta_name, seq + 1);
        self.revision += 1;
        // Units or other records changed: the log says so; lanes may change
        // and rebuild (`changes_since`), views remap their digests' units
        // (`task_changes_since`).
        self.recent.record(self.revision, &applied.touched);
        Ok(applied)
    }

    /// One transaction: the touched records, the counters, the author's
    /// stacks and the history entry; then a flush.
    fn write(
        &self,
        touched: &[Touched],
        entry: &HistoryEntry,
        stacks: &Stacks,
    ) -> Result<(), StoreError> {
        let board = &self.board;
        let (undo_k, redo_k) = (undo_key(&entry.author), redo_key(&entry.author));
        let trees = (
            &self.tasks,
            &self.units,
            &self.meta,
            &self.history,
            &self.scores,
            &self.users,
        );
        let result: Result<(), TransactionError<()>> = trees.transaction(|(t, u, m, h, sc, us)| {
            for touched in touched {
                put_touched(board, touched, [t, u, m, sc, us])?;
            }
            m.insert(K_NEXT_ID, &board.next_id.to_be_bytes())?;
            m.insert(K_NEXT_SEQ, &(entry.seq + 1).to_be_bytes())?;
            m.insert(undo_k.as_slice(), codec::encode_ids(&stacks.undo))?;
            m.insert(redo_k.as_slice(), codec::encode_ids(&stacks.redo))?;
            m.insert(K_SCHEMA, &[SCHEMA])?;
            h.insert(&entry.seq.to_be_bytes(), codec::encode_history(entry))?;
            Ok::<(), ConflictableTransactionError<()>>(())
        });
        result
            .map_err(|e| format!("{e:?}"))
            .and_then(|_| self.db.flush().map(|_| ()).map_err(|e| e.to_string()))
            .map_err(|e| StoreError::Io(self.path.clone(), e))
    }
}

impl Journal for Store {
    fn stacks(&self, author: &str) -> Result<Stacks, StoreError> {
        Ok(Stacks {
            undo: self.stack(&undo_key(author))?,
            redo: self.stack(&redo_key(author))?,
        })
    }

    fn entry(&self, seq: u64) -> Result<HistoryEntry, StoreError> {
        Store::entry(self, seq)
    }

    fn commit(&mut self, cmd: Command, ctx: &Ctx, step: Step) -> Result<Applied, StoreError> {
        self.record(cmd, ctx, step)
    }
}

/// Write one touched record as the board now has it (or remove it), in
/// the transaction's tasks, units, meta, scores and users trees.
fn put_touched(
    board: &Board,
    touched: &Touched,
    [t, u, m, sc, us]: [&sled::transaction::TransactionalTree; 5],
) -> Result<(), ConflictableTransactionError<()>> {
    match touched {
        Touched::Task(id) => match board.task(*id) {
            Some(task) => t.insert(&id.to_be_bytes(), codec::encode_task(task)),
            None => t.remove(&id.to_be_bytes()),
        },
        Touched::Unit(code) => match board.unit(code) {
            Some(unit) => u.insert(code.as_bytes(), codec::encode_unit(unit)),
            None => u.remove(code.as_bytes()),
        },
        Touched::Meta => m.insert(K_BOARD, codec::encode_meta(&board.meta)),
        Touched::User(name) => match board.users.get(name) {
            Some(user) => us.insert(name.as_bytes(), codec::encode_user(user)),
            None => us.remove(name.as_bytes()),
        },
        Touched::Score(year, area) => {
            let key = codec::score_key(*year, *area);
            match board.scores.get(&(*year, *area)) {
                Some(s) => sc.insert(&key, codec::encode_score(*s)),
                None => sc.remove(&key),
            }
        }
    }?;
    Ok(())
}
