//! Any bytes as a JSON profile record: a profile (which then classifies and renders) or an error. The one-pass
//! reader behind `Profile::from_json` must read what serde (through the general reader) reads, but for numbers,
//! which `from_json` reads from their decimal text and serde through an `f64`; the record written directly must
//! be the record serde writes; an error quotes little and escapes every control character.
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
                assert_eq!(c.to_json(), talent_matrix::safety::to_json(&c).unwrap());
                let _ = talent_matrix::progression::progression(c.policy(), &p);
                // What was accepted holds no character that acts on a terminal.
                assert!(!p.id().chars().any(char::is_control));
                assert!(!p.name().unwrap_or("").chars().any(char::is_control));
            }
            Err(e) => {
                let numeric = matches!(e.field(), Some("employees" | "revenue_wan" | "assets_wan"));
                assert!(general.is_err() || numeric, "{text:?}: {e}");
                let message = e.to_string();
                assert!(!message.is_empty());
                assert!(message.chars().count() < 1_500, "{}", message.len());
                assert!(!message.chars().any(|c| c.is_control()), "{message:?}");
            }
        }
    }
});
