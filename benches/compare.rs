//! This year against last year (issue 13): classifying two rosters of about 100,000 synthetic people each into
//! their matrices, against classifying them and comparing them person by person (`compare`). This year keeps
//! nine in ten of last year's people as they were, gives one in ten a new profile under the same id, and then
//! 5,000 new people join; one in 33 of last year's leaves.
//!
//! `rosters/*` read both rosters from JSON Lines text, as `report --since` does (the target: `since`
//! within 2× of `classify_both`); `profiles/*` start from profiles already read, so they show the comparison's
//! own cost beside classifying from the prepared table alone. Run with `cargo bench --bench compare`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // benches may panic

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use talent_matrix::compare::LastYear;
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{Matrix, Policy, Profile};

const ROWS: usize = 100_000;

/// Last year's and this year's profiles.
fn years() -> (Vec<Profile>, Vec<Profile>) {
    let last = generator::profiles(ROWS, 7);
    let other = generator::profiles(ROWS + 5_000, 8);
    let renamed = |p: &Profile, prefix: &str| {
        let json = serde_json::to_string(p)
            .unwrap()
            .replacen("\"G8-", prefix, 1);
        Profile::from_json(&json).unwrap()
    };
    let mut this: Vec<Profile> = last
        .iter()
        .zip(&other)
        .enumerate()
        .filter(|(i, _)| (i + 1) % 33 != 0)
        .map(|(i, (l, o))| {
            if i % 10 == 9 {
                renamed(o, "\"G7-")
            } else {
                l.clone()
            }
        })
        .collect();
    this.extend(other[ROWS..].iter().map(|o| renamed(o, "\"G9-")));
    (last, this)
}

fn bench(c: &mut Criterion) {
    let (last, this) = years();
    let policy = Policy::shizhong_2011();
    let prepared = policy.prepare();
    let mut group = c.benchmark_group("compare");
    group.throughput(Throughput::Elements((last.len() + this.len()) as u64));
    group.sample_size(10);
    let text = |people: &[Profile]| -> String {
        people
            .iter()
            .map(|p| serde_json::to_string(p).unwrap() + "\n")
            .collect()
    };
    // Leaked for the benchmark's life, so a roster over them is `Roster<'static>`.
    let (last_text, this_text): (&'static str, &'static str) =
        (text(&last).leak(), text(&this).leak());
    let options = RosterOptions::default();
    let roster =
        |t: &'static str| Roster::from_reader(t.as_bytes(), Format::JsonLines, &options).unwrap();
    group.bench_function("rosters/classify_both", |b| {
        b.iter(|| {
            let mut m = (Matrix::new(), Matrix::new());
            for row in roster(last_text) {
                m.0.add(&prepared.classify(row.unwrap().profile()));
            }
            for row in roster(this_text) {
                m.1.add(&prepared.classify(row.unwrap().profile()));
            }
            black_box(m)
        });
    });
    group.bench_function("rosters/since", |b| {
        b.iter(|| {
            let mut year = LastYear::new();
            for row in roster(last_text) {
                year.add(&prepared.classify(row.unwrap().profile()), None)
                    .unwrap();
            }
            let mut year = year.then();
            for row in roster(this_text) {
                year.add(&prepared.classify(row.unwrap().profile()), None)
                    .unwrap();
            }
            black_box(year.finish())
        });
    });
    group.bench_function("profiles/classify_both", |b| {
        b.iter(|| {
            let a: Matrix = last.iter().map(|p| prepared.classify(p)).collect();
            let b: Matrix = this.iter().map(|p| prepared.classify(p)).collect();
            black_box((a, b))
        });
    });
    group.bench_function("profiles/since", |b| {
        b.iter(|| {
            let mut year = LastYear::new();
            for p in &last {
                year.add(&prepared.classify(p), None).unwrap();
            }
            let mut year = year.then();
            for p in &this {
                year.add(&prepared.classify(p), None).unwrap();
            }
            black_box(year.finish())
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
