//! Any bytes as a TOML or JSON policy document: a policy (which then classifies) or every problem listed,
//! at most `Limits::problems` of them plus one line saying how many more; loading finishes within its limits
//! (under a second for any document libFuzzer makes, far under the 1 MiB the limits allow).
#![no_main]

use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;
use talent_matrix::policy::{Limits, PolicyDoc};
use talent_matrix::{Policy, Post, Profile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limits = Limits::default();
    for read in [PolicyDoc::from_toml, PolicyDoc::from_json] {
        let start = Instant::now();
        let doc = read(text);
        let loaded = doc.as_ref().map(Policy::from_doc);
        assert!(start.elapsed() < Duration::from_secs(1), "{:?}", start.elapsed());
        match (doc.as_ref(), loaded) {
            (Ok(_), Ok(Ok(policy))) => {
                for post in Post::ALL {
                    let p = Profile::builder("F", *post).build().unwrap();
                    let _ = policy.classify(&p).to_json();
                }
                // The name that goes into every record is safe to show.
                assert!(!policy.name().chars().any(char::is_control));
            }
            (Ok(_), Ok(Err(e))) => {
                assert!(!e.problems().is_empty());
                assert!(e.problems().len() <= limits.problems() + 1);
            }
            (Err(e), _) => assert!(!e.problems().is_empty()),
            (Ok(_), Err(_)) => unreachable!(),
        }
    }
});
