//! The deadline parser ("Quý II/2025", "30/6", "Thường xuyên"…) on any text:
//! no panic, and what it parses prints as text that parses to the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::domain::deadline::{canonical_text, parse_due, parse_due_marker};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for year in [None, Some(2025)] {
        if let Ok(p) = parse_due(text, year) {
            let again = parse_due(&canonical_text(&p), year);
            assert_eq!(again.ok(), Some(p), "canonical text of {text:?}");
        }
        let _ = parse_due_marker(text, year);
    }
});
