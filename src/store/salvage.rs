//! `papi-board check --salvage NEW`: every record of a damaged database
//! that can be read, written into a new database, with what could not be
//! read listed. The damaged database is only ever read, through a copy
//! (`check::Probe`).

use std::collections::BTreeSet;
use std::path::Path;

use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use crate::domain::unit::Unit;

use super::check::{Found, Probe, Problem, Report, read_marks, verify_copy};
use super::codec::{self, SCHEMA};
use super::{K_BOARD, K_NEXT_ID, K_NEXT_SEQ, K_SCHEMA, StoreError};

/// Records of one tree: (key, value).
type Records = Vec<(Vec<u8>, Vec<u8>)>;

/// What `salvage` wrote.
#[derive(Debug)]
pub struct Salvaged {
    /// The check of the damaged database (its problems are what was lost).
    pub report: Report,
    /// Units that tasks name but that could not be read, made again with
    /// their code as name.
    pub remade_units: Vec<String>,
}

/// Copy every readable record of `db` into the new database `to`, which
/// must not exist yet. The old database is only read (through a copy).
pub fn salvage(db: &Path, to: &Path) -> Result<Salvaged, StoreError> {
    let io = |e: String| StoreError::Io(to.to_path_buf(), e);
    if to.exists()
        && std::fs::read_dir(to)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(io("exists / đã tồn tại".into()));
    }
    let probe = Probe::copy(db)?;
    let report =
        verify_copy(probe, read_marks(db)).map_err(|e| StoreError::Corrupt(db.to_path_buf(), e))?;
    if let Some(v) = report.problems.iter().find_map(|p| match p {
        Problem::Newer(v) => Some(*v),
        _ => None,
    }) {
        return Err(StoreError::Newer(db.to_path_buf(), v));
    }
    let mut new = super::Store::open(to)?;
    // Written below straight into the trees, not through the board in
    // memory: nothing of it may be written out for the next open.
    new.memory_is_disk = false;
    let mut remade = Vec::new();
    // Every record goes in one batch per tree, all trees in one
    // transaction: the new database is whole or absent.
    let mut writes: Vec<(String, Records)> = Vec::new();
    for (prefix, f) in &report.boards {
        writes.extend(board_records(prefix, f, &mut remade));
    }
    let trees = writes
        .iter()
        .map(|(name, _)| new.db.open_tree(name))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| io(e.to_string()))?;
    trees
        .as_slice()
        .transaction(|txs| {
            for (tx, (_, recs)) in txs.iter().zip(&writes) {
                for (k, v) in recs {
                    tx.insert(k.as_slice(), v.as_slice())?;
                }
            }
            Ok::<(), ConflictableTransactionError<()>>(())
        })
        .map_err(|e| io(format!("{e:?}")))?;
    new.db.flush().map_err(|e| io(e.to_string()))?;
    Ok(Salvaged {
        report,
        remade_units: remade,
    })
}

/// The records of one board (tree prefix `prefix`) as they are written to
/// the new database, by tree. Units its tasks name but that could not be
/// read are made again, and listed in `remade`.
fn board_records(prefix: &str, f: &Found, remade: &mut Vec<String>) -> Vec<(String, Records)> {
    let mut writes: Vec<(String, Records)> = Vec::new();
    let known: BTreeSet<&str> = f.units.iter().map(|u| u.code.as_str()).collect();
    let mut units = f.units.clone();
    for t in &f.tasks {
        for code in std::iter::once(&t.lead).chain(&t.support) {
            if !known.contains(code.as_str()) && !units.iter().any(|u| &u.code == code) {
                units.push(Unit::new(code, code));
                remade.push(format!("{prefix}{code}"));
            }
        }
    }
    let seqs: BTreeSet<u64> = f.history.iter().map(|h| h.seq).collect();
    let tree = |base: &str| format!("{prefix}{base}");
    writes.push((
        tree("tasks"),
        f.tasks
            .iter()
            .map(|t| (t.id.to_be_bytes().to_vec(), codec::encode_task(t)))
            .collect(),
    ));
    writes.push((
        tree("units"),
        units
            .iter()
            .map(|u| (u.code.as_bytes().to_vec(), codec::encode_unit(u)))
            .collect(),
    ));
    writes.push((
        tree("history"),
        f.history
            .iter()
            .map(|h| (h.seq.to_be_bytes().to_vec(), codec::encode_history(h)))
            .collect(),
    ));
    writes.push((
        tree("scores"),
        f.scores
            .iter()
            .map(|((y, a), s)| (codec::score_key(*y, *a).to_vec(), codec::encode_score(*s)))
            .collect(),
    ));
    if prefix.is_empty() {
        writes.push((
            "users".into(),
            f.users
                .iter()
                .map(|u| (u.name.as_bytes().to_vec(), codec::encode_user(u)))
                .collect(),
        ));
    }
    writes.push((tree("meta"), meta_records(f, &seqs)));
    writes
}

/// A board's `meta` records: what was read, the undo stacks without the
/// entries that were lost, counters past every id and entry kept, and the
/// schema marker.
fn meta_records(f: &Found, seqs: &BTreeSet<u64>) -> Records {
    let max_id = f.tasks.iter().map(|t| t.id).max().unwrap_or(0);
    let max_seq = seqs.last().copied().unwrap_or(0);
    let mut meta = f.other_meta.clone();
    if let Some(m) = &f.meta {
        meta.push((K_BOARD.to_vec(), codec::encode_meta(m)));
    }
    for (stack, ids) in &f.stacks {
        let ids: Vec<u64> = ids.iter().copied().filter(|s| seqs.contains(s)).collect();
        meta.push((stack.as_bytes().to_vec(), codec::encode_ids(&ids)));
    }
    let next_id = f.next_id.unwrap_or(1).max(max_id + 1);
    let next_seq = f.next_seq.unwrap_or(1).max(max_seq + 1);
    meta.push((K_NEXT_ID.to_vec(), next_id.to_be_bytes().to_vec()));
    meta.push((K_NEXT_SEQ.to_vec(), next_seq.to_be_bytes().to_vec()));
    // Every board is marked, or a later board would look new when opened.
    meta.push((K_SCHEMA.to_vec(), vec![SCHEMA]));
    meta
}
