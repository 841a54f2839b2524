//! The record decoder (store::codec) on any bytes: no panic, no huge
//! allocation, and a record that decodes encodes back to one that decodes
//! to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papi_board::store::codec;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = codec::decode_task(data) {
        assert_eq!(codec::decode_task(&codec::encode_task(&t)).unwrap(), t);
    }
    if let Ok(h) = codec::decode_history(data) {
        assert_eq!(codec::decode_history(&codec::encode_history(&h)).unwrap(), h);
    }
    if let Ok(u) = codec::decode_unit(data) {
        assert_eq!(codec::decode_unit(&codec::encode_unit(&u)).unwrap(), u);
    }
    let _ = codec::decode_user(data);
    let _ = codec::decode_meta(data);
    let _ = codec::decode_ids(data);
    let _ = codec::decode_score(data);
    let _ = codec::score_of_key(data);
});
