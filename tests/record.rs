//! The §6 record written directly (`to_json`, `write_json`) is the record serde writes, byte for byte, for
//! every profile, whether its sentences were rendered or kept from an earlier person, and whether the policy
//! decided or a prepared policy looked the decision up.
#![cfg(feature = "json")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use proptest::prelude::*;
use talent_matrix::{Policy, Profile};

fn same_as_serde(policy: &Policy, people: &[Profile]) {
    // Twice: the first pass renders the sentences, the second finds most of them kept.
    for _ in 0..2 {
        for p in people {
            let c = policy.classify(p);
            let direct = c.to_json();
            assert_eq!(direct, talent_matrix::safety::to_json(&c).unwrap(), "{p:?}");
            let mut written = Vec::new();
            c.write_json(&mut written).unwrap();
            assert_eq!(written, direct.as_bytes());
        }
    }
}

fn sample() -> Vec<Profile> {
    include_str!("../examples/data/roster.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Profile::from_json(l).unwrap())
        .collect()
}

#[test]
fn the_sample_roster_writes_as_serde_does() {
    same_as_serde(&Policy::shizhong_2011(), &sample());
}

/// A prepared policy (`Policy::prepare`) gives the same classifications and records as the policy (the
/// engine's own tests compare the two on every combination of the built-in policy's facts).
#[test]
fn the_sample_roster_gives_the_same_records_prepared() {
    let policy = Policy::shizhong_2011();
    let prepared = policy.prepare();
    assert!(prepared.is_tabled());
    let people = sample();
    assert!(people.len() > 50);
    for p in &people {
        let (a, b) = (prepared.classify(p), policy.classify(p));
        assert_eq!(a, b, "{}", p.id());
        assert_eq!(a.to_json(), b.to_json(), "{}", p.id());
    }
}

#[test]
fn generated_rosters_write_as_serde_does() {
    same_as_serde(&Policy::shizhong_2011(), &generator::profiles(20_000, 11));
}

/// Sentences kept for one policy are never written for another. The variant of the built-in policy drops the
/// contribution from the leader's condition, so the same person, leader under both, has the same rule and facts
/// but a different sentence; the records alternate between the two policies.
#[cfg(feature = "toml")]
#[test]
fn kept_sentences_belong_to_their_policy() {
    use talent_matrix::policy::PolicyDoc;

    let leader = r#"when = { role = ["principal", "owner"], performance = ["outstanding"], contribution = ["major"] }"#;
    let text = include_str!("../policies/shizhong-2011.toml");
    assert!(text.contains(leader));
    let variant = text
        .replace(
            leader,
            r#"when = { role = ["principal", "owner"], performance = ["outstanding"] }"#,
        )
        .replace(
            r#"name = "shizhong-2011""#,
            r#"name = "shizhong-2011-variant""#,
        );
    let variant = Policy::from_doc(&PolicyDoc::from_toml(&variant).unwrap()).unwrap();
    let built_in = Policy::shizhong_2011();
    let mut differ = 0;
    for p in &generator::profiles(5_000, 5) {
        let records = [&built_in, &variant].map(|policy| {
            let c = policy.classify(p);
            let direct = c.to_json();
            assert_eq!(direct, talent_matrix::safety::to_json(&c).unwrap(), "{p:?}");
            (c.tier(), direct)
        });
        let [(tier_a, a), (tier_b, b)] = records;
        if tier_a == Some(talent_matrix::Tier::Leader) && tier_b == tier_a && a != b {
            differ += 1;
        }
    }
    assert!(
        differ > 0,
        "no leader was worded differently: the test shows nothing"
    );
}

proptest! {
    /// Ids with quotes, backslashes and any Unicode an id may hold are escaped as serde_json escapes them
    /// (control and format characters are refused in ids since issue 10).
    #[test]
    fn ids_are_escaped_as_serde_escapes_them(id in "[ -~\u{a0}-\u{10ffff}\\\\\"]{1,40}") {
        prop_assume!(!id.trim().is_empty());
        let p = Profile::builder(id, talent_matrix::Post::Other).build();
        prop_assume!(p.is_ok());
        let p = p.unwrap();
        let c = talent_matrix::classify(&p);
        prop_assert_eq!(c.to_json(), talent_matrix::safety::to_json(&c).unwrap());
    }
}
