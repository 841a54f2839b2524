//! Reading every task when a board is opened, on two threads: this one
//! walks sled's tree while a second decodes each record, digests it for the
//! summary views (`digest::Loading`, while the task is fresh in the
//! processor's cache) and files it by id. Walking and decoding cost about
//! the same, so on two cores the tasks load in a little over half the time
//! (docs/performance.md). On one core it costs what a single loop
//! would.

use crate::domain::digest::Loading;
use crate::domain::task_map::TaskMap;
use crate::domain::unit::Unit;

use super::codec::{self, DecodeError};

/// Why the tasks could not be read.
pub(super) enum Failed {
    Sled(String),
    Decode(DecodeError),
}

/// Records handed to the decoder at a time.
const BATCH: usize = 256;

/// Every task of `tree`, by id, with their digests.
pub(super) fn tasks(tree: &sled::Tree, units: &[Unit]) -> Result<(TaskMap, Loading), Failed> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<sled::IVec>>(8);
    std::thread::scope(|s| {
        let decoder = s.spawn(move || {
            let mut tasks = TaskMap::new();
            let mut digests = Loading::new(units);
            for batch in rx {
                for v in batch {
                    let t = codec::decode_task(&v).map_err(Failed::Decode)?;
                    digests.add(&t);
                    tasks.insert(t.id, std::sync::Arc::new(t));
                }
            }
            Ok((tasks, digests))
        });
        let mut walked = Ok(());
        let mut batch = Vec::with_capacity(BATCH);
        for kv in tree.iter() {
            match kv {
                Ok((_, v)) => batch.push(v),
                Err(e) => {
                    walked = Err(Failed::Sled(e.to_string()));
                    break;
                }
            }
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if tx.send(full).is_err() {
                    break; // the decoder stopped at a bad record: its error says which
                }
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        let decoded = match decoder.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // A record that did not decode comes before where the walk stopped.
        let loaded = decoded?;
        walked.map(|()| loaded)
    })
}
