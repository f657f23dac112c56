//! `classify` over a realistic mix: the 63 people of the bundled sample roster (every stream, specialty and
//! tier, some open facts), pre-parsed; and the same people under a policy with facts, indicators and an
//! evaluation of its own (`examples/data/policy-facts.toml`), each given some of them; and the worked policy of
//! another place (`examples/data/policy-other-place.toml`) on its own 64-person roster. Run with
//! `cargo bench --bench classify`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests and benches may panic on a broken fixture

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use talent_matrix::policy::PolicyDoc;
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{Measure, Policy, PolicyValue, Profile, classify};

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
    // A policy with facts of its own (DOMAIN.md §9.2, §9.3): read clause by clause. Every other person holds
    // an honour, every third a contribution number (some graded major), every fourth a number of papers.
    let facts = Policy::from_doc(
        &PolicyDoc::from_toml(include_str!("../examples/data/policy-facts.toml")).unwrap(),
    )
    .unwrap();
    let own: Vec<Profile> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut b = p.clone().into_builder();
            if i % 2 == 0 {
                b = b.policy_value("honour", PolicyValue::Many(vec!["shizhong_talent".into()]));
            }
            if i % 3 == 0 {
                let wan = Measure::from_whole((i as i64 * 37) % 900);
                b = b.policy_value("district_contribution_wan", PolicyValue::Number(wan));
            }
            if i % 4 == 0 {
                b = b.policy_value(
                    "papers",
                    PolicyValue::Number(Measure::from_whole(i as i64 % 15)),
                );
            }
            b.build().unwrap()
        })
        .collect();
    group.bench_function("sample_mix_policy_facts", |b| {
        b.iter(|| {
            for p in &own {
                black_box(facts.classify(black_box(p)));
            }
        })
    });
    group.bench_function("sample_mix_policy_facts_to_json", |b| {
        b.iter(|| {
            for p in &own {
                black_box(facts.classify(black_box(p)).to_json());
            }
        })
    });
    group.finish();

    // The worked policy of another place (DOMAIN.md §9.1 to §9.3): its own departments, specialties, a tier
    // above leader, an allowance, honours, an evaluated contribution, on its 64-person roster.
    let other = Policy::from_doc(
        &PolicyDoc::from_toml(include_str!("../examples/data/policy-other-place.toml")).unwrap(),
    )
    .unwrap();
    let options = RosterOptions::default().policy(other.clone());
    let roster: Vec<Profile> = Roster::from_reader(
        include_str!("../examples/data/roster-other-place.csv").as_bytes(),
        Format::Csv,
        &options,
    )
    .unwrap()
    .map(|r| r.expect("the worked roster is valid").profile().clone())
    .collect();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(roster.len() as u64));
    group.bench_function("other_place", |b| {
        b.iter(|| {
            for p in &roster {
                black_box(other.classify(black_box(p)));
            }
        })
    });
    group.bench_function("other_place_to_json", |b| {
        b.iter(|| {
            for p in &roster {
                black_box(other.classify(black_box(p)).to_json());
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
