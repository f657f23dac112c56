//! `classify` over a realistic mix: the 63 people of the bundled sample roster (every stream, specialty and
//! tier, some open facts), pre-parsed. Run with `cargo bench --bench classify`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests and benches may panic on a broken fixture

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use talent_matrix::{Policy, Profile, classify};

fn sample() -> Vec<Profile> {
    include_str!("../examples/data/roster.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Profile::from_json(l).expect("the sample roster is valid"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let people = sample();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(people.len() as u64));
    group.bench_function("sample_mix", |b| {
        b.iter(|| {
            for p in &people {
                black_box(classify(black_box(p)));
            }
        })
    });
    let policy = Policy::shizhong_2011();
    let prepared = policy.prepare();
    group.bench_function("sample_mix_prepared", |b| {
        b.iter(|| {
            for p in &people {
                black_box(prepared.classify(black_box(p)));
            }
        })
    });
    group.bench_function("sample_mix_to_json", |b| {
        b.iter(|| {
            for p in &people {
                black_box(classify(black_box(p)).to_json());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("prepare");
    group.sample_size(10);
    group.bench_function("built_in", |b| b.iter(|| black_box(policy.prepare())));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
