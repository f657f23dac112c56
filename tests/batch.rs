//! Batch classification gives the same results on every core as one profile at a time.
#![cfg(feature = "roster")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use talent_matrix::{Matrix, Policy, Profile, batch, classify};

#[test]
fn batch_results_equal_sequential_ones() {
    let people: Vec<Profile> = generator::profiles(20_000, 77);
    let policy = Policy::shizhong_2011();
    let sequential: Matrix = people.iter().map(classify).collect();
    assert_eq!(batch::matrix(&policy, &people), sequential);
    let all = batch::classify_all(&policy, &people);
    assert!(all.iter().zip(&people).all(|(c, p)| *c == classify(p)));
    let records = batch::records(&policy, &people);
    assert!(
        records
            .iter()
            .zip(&people)
            .all(|(r, p)| *r == classify(p).to_json())
    );
}
