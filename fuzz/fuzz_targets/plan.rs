//! The plan importer's parser (the text of a .txt/.md/.docx plan) on any
//! text: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::domain::unit::plan_preset;
use papi_board::transfer::plan::parse_plan;
use papi_board::transfer::rules::default_rules;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_plan(text, &plan_preset(), &default_rules());
});
