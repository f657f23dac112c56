//! A prepared policy (`Policy::prepare`) classifies as the policy does, through the public API. The engine's
//! own tests compare the two on every combination of the built-in policy's facts and on other policies.
#![cfg(feature = "json")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use talent_matrix::{Policy, Prepared, Profile};

fn sample() -> Vec<Profile> {
    include_str!("../examples/data/roster.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Profile::from_json(l).expect("the sample roster is valid"))
        .collect()
}

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
fn a_prepared_policy_is_shared_between_threads_and_says_what_it_holds() {
    fn shared<T: Send + Sync + Clone + std::fmt::Debug>() {}
    shared::<Prepared<'static>>();
    let policy = Policy::shizhong_2011();
    let prepared = policy.prepare();
    assert_eq!(prepared.policy(), &policy);
    assert_eq!(
        format!("{prepared:?}"),
        r#"Prepared { policy: "shizhong-2011", keys: 414720, decisions: 557 }"#
    );
}
