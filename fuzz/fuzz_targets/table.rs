//! The whole import path on any bytes, as a .csv, .xlsx, .xls, .ods, .txt,
//! .md or .docx file (the first byte picks which): no panic, and what it
//! would import passes the board's own checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::domain::board::{Board, BoardMeta};
use papi_board::domain::unit::plan_preset;
use papi_board::transfer::import::prepare;

const NAMES: [&str; 7] = ["a.csv", "a.xlsx", "a.xls", "a.ods", "a.txt", "a.md", "a.docx"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let board = Board::new(
        BoardMeta {
            year: 2025,
            ..BoardMeta::default()
        },
        plan_preset(),
    );
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(p) = prepare(name, bytes, &board, today)
        && let Some(cmd) = p.command()
    {
        let mut b = board.clone();
        let ctx = papi_board::domain::board::Ctx {
            now: 0,
            author: "fuzz".into(),
        };
        let _ = b.apply(cmd, &ctx);
    }
});
