//! The `rayon` feature: building the matrix and writing records for 50,000 synthetic profiles, on one core and
//! on all of them. Run with `cargo bench --features rayon --bench parallel`.
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
use talent_matrix::{Matrix, Policy, batch};

const ROWS: usize = 50_000;

fn bench(c: &mut Criterion) {
    let people = generator::profiles(ROWS, 9);
    let policy = Policy::shizhong_2011();
    let mut group = c.benchmark_group("parallel");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    group.bench_function("matrix_one_core", |b| {
        b.iter(|| {
            black_box(
                people
                    .iter()
                    .map(|p| policy.classify(p))
                    .collect::<Matrix>(),
            )
        })
    });
    group.bench_function("matrix_rayon", |b| {
        b.iter(|| black_box(batch::matrix(&policy, &people)))
    });
    group.bench_function("records_one_core", |b| {
        b.iter(|| {
            black_box(
                people
                    .iter()
                    .map(|p| policy.classify(p).to_json())
                    .collect::<Vec<_>>(),
            )
        })
    });
    group.bench_function("records_rayon", |b| {
        b.iter(|| black_box(batch::records(&policy, &people)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
