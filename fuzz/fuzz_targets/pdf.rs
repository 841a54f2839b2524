//! A PDF's text, on any bytes (and on bytes after a PDF header): no panic
//! reaches the caller, and no panic message is printed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::transfer::pdf::read_pdf;

fuzz_target!(|data: &[u8]| {
    let _ = read_pdf(data);
    let mut with_header = b"%PDF-1.4\n".to_vec();
    with_header.extend_from_slice(data);
    let _ = read_pdf(&with_header);
});
