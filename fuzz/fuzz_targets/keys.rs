//! The raw terminal input parser (bytes from an SSH client) on any bytes,
//! fed whole and in pieces cut where the first byte says: no panic. (An
//! open bracketed paste stays open across `flush`, by design; its size is
//! capped by `MAX_PASTE`, past which it is dropped up to its end marker.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::term::input::InputParser;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, bytes)) = data.split_first() else {
        return;
    };
    let mut whole = InputParser::new();
    let mut a = whole.feed(bytes);
    a.extend(whole.flush());
    let mut pieces = InputParser::new();
    let step = (cut as usize % 7) + 1;
    let mut b = Vec::new();
    for chunk in bytes.chunks(step) {
        b.extend(pieces.feed(chunk));
    }
    b.extend(pieces.flush());
    let _ = (a, b);
});
