//! Figures by unit at scale (issue 22): `ByUnit` taking classifications whose units are all different, at
//! 100,000 and 1,000,000 (time per row should stay flat: a lookup, not a scan), and the report workbook with a
//! sheet per unit for 10,000 units sharing their first 31 characters (sheet names from a set, each name's next
//! number kept). Run with `cargo bench --bench units`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // benches may panic

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use talent_matrix::matrix::ByUnit;
use talent_matrix::report_xlsx::Sheets;
use talent_matrix::{Classification, Lang, Matrix, Policy, Profile};

fn by_unit(c: &mut Criterion) {
    let policy = Policy::shizhong_2011();
    let people: Vec<Profile> = generator::profiles(1_000_000, 7);
    let classified: Vec<Classification<'_>> = people.iter().map(|p| policy.classify(p)).collect();
    let units: Vec<String> = (0..people.len()).map(|i| format!("单位{i:07}")).collect();
    let mut group = c.benchmark_group("by_unit");
    group.sample_size(10);
    for n in [100_000usize, 1_000_000] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("unique_units/{n}"), |b| {
            b.iter(|| {
                let mut by = ByUnit::new();
                for (c, u) in classified.iter().zip(&units).take(n) {
                    by.add(Some(u), c);
                }
                black_box(by.len())
            })
        });
    }
    group.finish();
}

fn shared_prefix_sheets(c: &mut Criterion) {
    let policy = Policy::shizhong_2011();
    let people: Vec<Profile> = generator::profiles(10_000, 7);
    let prefix = "市中区人力资源和社会保障局人才服务中心第一分中心高层次人才引";
    let mut by = ByUnit::new();
    for (i, p) in people.iter().enumerate() {
        by.add(Some(&format!("{prefix}{i:05}")), &policy.classify(p));
    }
    let units = by.into_units();
    let total: Matrix = people.iter().map(|p| policy.classify(p)).collect();
    let mut group = c.benchmark_group("xlsx");
    group.sample_size(10);
    group.bench_function("units_sharing_31_characters/10000", |b| {
        b.iter_batched(
            || (),
            |()| {
                black_box(
                    total
                        .to_xlsx_with(Lang::ZhHans, &Sheets::new().units(&units))
                        .unwrap()
                        .len(),
                )
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, by_unit, shared_prefix_sheets);
criterion_main!(benches);
