//! The legacy Vietnamese decoders (TCVN3, VNI, Windows-1258) and the
//! detection between them, on any bytes: no panic, and NFC text out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::transfer::legacy::{Legacy, detect, from_font_text};

fuzz_target!(|data: &[u8]| {
    for l in [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258] {
        let _ = l.decode(data);
        if let Ok(s) = std::str::from_utf8(data) {
            let _ = from_font_text(s, l);
        }
    }
    let _ = detect(data);
});
