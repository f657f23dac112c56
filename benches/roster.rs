//! Rosters end to end: read a synthetic roster (JSON Lines or CSV), classify every row and write the §6 records
//! to a sink, or count them into a matrix. Run with `cargo bench --bench roster`.
//!
//! The policy is prepared once ([`Policy::prepare`]), as a long run does; the `_unprepared` benches classify
//! with [`classify`] instead, deciding every row from the policy's rows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // benches may panic

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use std::hint::black_box;
use std::io::Write;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{Classification, Matrix, Policy, Prepared, Profile, classify};

const ROWS: usize = 20_000;

fn rosters() -> (String, String) {
    let mut g = generator::Generator::new(42);
    let records: Vec<_> = (0..ROWS).map(|_| g.record()).collect();
    let jsonl = records
        .iter()
        .map(|r| generator::to_json_line(r) + "\n")
        .collect();
    let csv = generator::ZH_HEADERS.join(",")
        + "\n"
        + &records
            .iter()
            .map(|r| generator::to_csv_line(r) + "\n")
            .collect::<String>();
    (jsonl, csv)
}

/// How a bench decides a row: with the prepared policy, or with [`classify`].
trait Decide {
    fn decide<'a>(&'a self, p: &'a Profile) -> Classification<'a>;
}

impl Decide for Prepared<'_> {
    fn decide<'a>(&'a self, p: &'a Profile) -> Classification<'a> {
        self.classify(p)
    }
}

struct Unprepared;

impl Decide for Unprepared {
    fn decide<'a>(&'a self, p: &'a Profile) -> Classification<'a> {
        classify(p)
    }
}

fn end_to_end(text: &str, format: Format, d: &impl Decide) {
    let mut sink = std::io::sink();
    for row in Roster::from_reader(text.as_bytes(), format, &RosterOptions::default()).unwrap() {
        let row = row.unwrap();
        d.decide(row.profile()).write_json(&mut sink).unwrap();
        sink.write_all(b"\n").unwrap();
    }
}

fn to_matrix(text: &str, d: &impl Decide) -> Matrix {
    let roster = Roster::from_reader(
        text.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    )
    .unwrap();
    let mut m = Matrix::new();
    for row in roster {
        m.add(&d.decide(row.unwrap().profile()));
    }
    m
}

fn bench(c: &mut Criterion) {
    let (jsonl, csv) = rosters();
    let policy = Policy::shizhong_2011();
    let prepared = policy.prepare();
    let mut group = c.benchmark_group("roster");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    group.bench_function("jsonl_to_records", |b| {
        b.iter(|| end_to_end(black_box(&jsonl), Format::JsonLines, &prepared))
    });
    group.bench_function("csv_to_records", |b| {
        b.iter(|| end_to_end(black_box(&csv), Format::Csv, &prepared))
    });
    group.bench_function("jsonl_to_matrix", |b| {
        b.iter(|| black_box(to_matrix(black_box(&jsonl), &prepared)))
    });
    group.bench_function("jsonl_to_records_unprepared", |b| {
        b.iter(|| end_to_end(black_box(&jsonl), Format::JsonLines, &Unprepared))
    });
    group.bench_function("jsonl_to_matrix_unprepared", |b| {
        b.iter(|| black_box(to_matrix(black_box(&jsonl), &Unprepared)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
