//! The quick-add parser ("Họp dân @vp +thon #2 !30/9") on any text: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::domain::quickadd::parse_quick_add;
use papi_board::domain::unit::plan_preset;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let units = plan_preset();
    let _ = parse_quick_add(text, &units, Some(2025));
    let _ = parse_quick_add(text, &units, None);
});
