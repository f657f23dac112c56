//! Any bytes as a JSON profile record: a profile (which then classifies and renders) or an error. The one-pass
//! reader behind `Profile::from_json` must read what serde (through the general reader) reads, and the record
//! written directly must be the record serde writes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talent_matrix::Profile;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let general = serde_json::from_str::<Profile>(text);
        match Profile::from_json(text) {
            Ok(p) => {
                assert_eq!(general.as_ref().ok(), Some(&p), "{text:?}");
                let c = talent_matrix::classify(&p);
                assert_eq!(c.to_json(), serde_json::to_string(&c).unwrap());
                let _ = talent_matrix::progression::progression(c.policy(), &p);
            }
            Err(e) => {
                assert!(general.is_err(), "{text:?}: {e}");
                assert!(!e.to_string().is_empty());
            }
        }
    }
});
