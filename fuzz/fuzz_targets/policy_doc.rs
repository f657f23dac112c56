//! Any bytes as a TOML or JSON policy document: a policy (which then classifies) or every problem listed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talent_matrix::policy::PolicyDoc;
use talent_matrix::{Policy, Post, Profile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for doc in [PolicyDoc::from_toml(text), PolicyDoc::from_json(text)] {
        match doc {
            Ok(doc) => match Policy::from_doc(&doc) {
                Ok(policy) => {
                    for post in Post::ALL {
                        let p = Profile::builder("F", *post).build().unwrap();
                        let _ = policy.classify(&p).to_json();
                    }
                }
                Err(e) => assert!(!e.problems().is_empty()),
            },
            Err(e) => assert!(!e.problems().is_empty()),
        }
    }
});
