//! Word's numbering definitions (numbering.xml, styles.xml) and the
//! counters that render them, on any text: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::transfer::numbering::{Counters, Numbering};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (numbering, styles) = text.split_at(text.len() / 2);
    let n = Numbering::parse(Some(numbering), Some(styles));
    let mut c = Counters::default();
    for (i, b) in data.iter().take(64).enumerate() {
        let num = (b % 8).to_string();
        if let Some((num, lvl)) = n.list_of(Some(&num), Some(i % 10), Some("a")) {
            let _ = n.render(&mut c, &num, lvl);
        }
    }
});
