//! Any bytes as a JSON profile record: a profile (which then classifies and renders) or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match talent_matrix::Profile::from_json(text) {
            Ok(p) => {
                let c = talent_matrix::classify(&p);
                assert!(c.to_json().starts_with("{\"id\":"));
                let _ = talent_matrix::progression::progression(c.policy(), &p);
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
});
