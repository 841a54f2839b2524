//! Schema migration: the step that rewrites a database of an older schema
//! in the current one. The record shapes of past schemas are frozen in
//! `shapes` (`TaskV1`, `TaskV2`, `CommandV2`, …), each with its conversion.
//!
//! A database of an older schema is migrated when it is opened: first an
//! automatic backup (see `autobackup`), then every record of every tree is
//! rewritten in the current schema and the schema marker set, all in one
//! sled transaction, flushed before the board is used. A crash before the
//! flush leaves the old database as it was; after it, the new one.

use super::autobackup::Reason;
use super::codec::{self, DecodeError, SCHEMA};
use super::{K_BOARD, K_SCHEMA, Store, StoreError};

/// How one tree's records are read (in any schema) and written again (in
/// the current one).
type Rewrite = fn(&[u8], &[u8]) -> Result<Vec<u8>, DecodeError>;

fn rewrite_meta(key: &[u8], v: &[u8]) -> Result<Vec<u8>, DecodeError> {
    if key == K_BOARD {
        codec::decode_meta(v).map(|m| codec::encode_meta(&m))
    } else if key.starts_with(b"undo:") || key.starts_with(b"redo:") {
        codec::decode_ids(v).map(|ids| codec::encode_ids(&ids))
    } else if key == K_SCHEMA {
        // Every board's `meta` carries the marker its records are read by
        // (one board a year, each switched to and loaded on its own).
        Ok(vec![SCHEMA])
    } else {
        // Counters and the schema marker are plain bytes, not records.
        Ok(v.to_vec())
    }
}

/// How records of each kind of tree are rewritten.
fn rewrite_for(base: &str) -> Rewrite {
    match base {
        "tasks" => |_, v| codec::decode_task(v).map(|t| codec::encode_task(&t)),
        "units" => |_, v| codec::decode_unit(v).map(|u| codec::encode_unit(&u)),
        "users" => |_, v| codec::decode_user(v).map(|u| codec::encode_user(&u)),
        "history" => |_, v| codec::decode_history(v).map(|h| codec::encode_history(&h)),
        "scores" => |_, v| codec::decode_score(v).map(codec::encode_score),
        _ => rewrite_meta,
    }
}

impl Store {
    /// Bring a database of an older schema to the current one (see the
    /// module comment). Nothing happens for a new or current database.
    pub(super) fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let corrupt = |e: String| StoreError::Corrupt(path.clone(), e);
        let from = match self
            .meta
            .get(K_SCHEMA)
            .map_err(|e| corrupt(e.to_string()))?
        {
            Some(v) if v.len() == 1 && (1..SCHEMA).contains(&v[0]) => v[0],
            _ => return Ok(()),
        };
        self.auto_backup(Reason::Migration).map_err(|e| {
            StoreError::Io(
                path.clone(),
                format!(
                    "no migration from schema {from} without a backup first: {}",
                    e.message(
                        &super::autobackup::dir_for(&path).display().to_string(),
                        crate::domain::Lang::En
                    )
                ),
            )
        })?;
        let mut trees = Vec::new();
        let mut records = Vec::new();
        // Every tree of every board; the first board's `meta` last, as it
        // holds the schema marker.
        let mut names: Vec<(String, &str)> = self
            .db
            .tree_names()
            .iter()
            .filter_map(|n| {
                let n = String::from_utf8_lossy(n).into_owned();
                let (_, base) = super::check::split_tree(&n)?;
                Some((n, base))
            })
            .filter(|(n, _)| n != "meta")
            .collect();
        names.push(("meta".into(), "meta"));
        for (name, base) in &names {
            let rewrite = rewrite_for(base);
            let tree = self
                .db
                .open_tree(name)
                .map_err(|e| corrupt(e.to_string()))?;
            let mut recs = Vec::new();
            for kv in tree.iter() {
                let (k, v) = kv.map_err(|e| corrupt(e.to_string()))?;
                let new = rewrite(&k, &v).map_err(|e| match e {
                    DecodeError::Newer(v) => StoreError::Newer(path.clone(), v),
                    e => corrupt(format!("{name}: {e}")),
                })?;
                recs.push((k.to_vec(), new));
            }
            trees.push(tree);
            records.push(recs);
        }
        use sled::Transactional;
        use sled::transaction::ConflictableTransactionError;
        trees
            .as_slice()
            .transaction(|txs| {
                for (tx, recs) in txs.iter().zip(&records) {
                    for (k, v) in recs {
                        tx.insert(k.as_slice(), v.as_slice())?;
                    }
                }
                // The first board's `meta` is last.
                txs[txs.len() - 1].insert(K_SCHEMA, &[SCHEMA])?;
                Ok::<(), ConflictableTransactionError<()>>(())
            })
            .map_err(|e| StoreError::Io(path.clone(), format!("{e:?}")))?;
        self.db
            .flush()
            .map_err(|e| StoreError::Io(path.clone(), e.to_string()))?;
        Ok(())
    }
}
