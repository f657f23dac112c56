//! Batch classification gives the same results on every core as one profile at a time.
#![cfg(feature = "roster")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

#[path = "../examples/gen_roster/generator.rs"]
#[allow(dead_code)]
mod generator;

use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{Matrix, Policy, Profile, batch, classify};

#[test]
fn batch_results_equal_sequential_ones() {
    let mut g = generator::Generator::new(77);
    let text: String = (0..20_000)
        .map(|_| generator::to_json_line(&g.record()) + "\n")
        .collect();
    let people: Vec<Profile> = Roster::from_reader(
        text.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    )
    .unwrap()
    .map(|r| r.unwrap().into_profile())
    .collect();
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
