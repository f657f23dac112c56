//! A prepared policy (`Policy::prepare`) is a value a program can keep and share: the engine's own tests
//! compare its decisions with the policy's (and `tests/record.rs` its records on the sample roster).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use talent_matrix::{Policy, Prepared};

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
