//! Loading policies, hostile ones included: every document of up to 1 MiB loads or is refused well under a
//! second (issue 10). Run with `cargo bench --bench policy`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // benches may panic

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use talent_matrix::Policy;
use talent_matrix::policy::{Allowed, ClauseValue, Condition, PolicyDoc};

/// The built-in document renamed, as a user's policy would be.
fn renamed() -> PolicyDoc {
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "bench".into();
    doc
}

/// A ladder whose tiers each constrain every fact the enterprise ladder may test freely, the lowest shadowed by
/// the two above it: the probe's 25-second shape.
fn shadowed_ladder() -> PolicyDoc {
    const FACTS: [(&str, &[&str]); 6] = [
        (
            "industry",
            &["none", "agriculture", "industry", "construction"],
        ),
        ("professional_title", &["none", "junior", "intermediate"]),
        (
            "skill_level",
            &["none", "junior_worker", "intermediate_worker"],
        ),
        (
            "social_work_certificate",
            &["none", "assistant_social_worker"],
        ),
        ("rural_role", &["none", "production", "business"]),
        ("introduction_level", &["none", "hundred", "thousand"]),
    ];
    let not = |fact: &str, value: &str| {
        (
            fact.to_owned(),
            Allowed::Not {
                not: vec![ClauseValue::from(value)],
            },
        )
    };
    let elite: Condition = FACTS.iter().map(|(f, v)| not(f, v[1])).collect();
    let mut high_end = elite.clone();
    high_end.insert("industry".into(), Allowed::Only(vec!["industry".into()]));
    let mut leader = elite.clone();
    leader.insert(
        "industry".into(),
        Allowed::Not {
            not: vec!["industry".into(), "agriculture".into()],
        },
    );
    let mut doc = renamed();
    doc.ladders[0].tiers[0].when = vec![leader];
    doc.ladders[0].tiers[1].when = vec![high_end];
    doc.ladders[0].tiers[2].when = vec![elite];
    doc
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("policy");
    group.sample_size(10);
    let builtin = PolicyDoc::shizhong_2011().to_toml();
    group.bench_function("load_builtin_toml", |b| {
        b.iter(|| Policy::from_doc(&PolicyDoc::from_toml(black_box(&builtin)).unwrap()).unwrap())
    });
    let shadowed = shadowed_ladder();
    group.bench_function("refuse_shadowed_ladder", |b| {
        b.iter(|| Policy::from_doc(black_box(&shadowed)).unwrap_err())
    });
    // 1 MiB of repeated entitlements (the probe's 50 MB document took 7.2 s and 1.48 GB).
    let mut megabyte = renamed().to_toml();
    let entry = "\n[[entitlements]]\nentitlement = \"annual_reward\"\nwhen = {}\nsource = \"x\"\n";
    while megabyte.len() + entry.len() < 1 << 20 {
        megabyte.push_str(entry);
    }
    group.bench_function("refuse_1mib_of_repeated_entitlements", |b| {
        b.iter(|| match PolicyDoc::from_toml(black_box(&megabyte)) {
            Ok(doc) => Policy::from_doc(&doc).unwrap_err(),
            Err(e) => panic!("{e}"),
        })
    });
    // 1 MiB of one clause listing a value again and again.
    let mut values = renamed().to_toml();
    values.push_str(
        "\n[[entitlements]]\nentitlement = \"annual_reward\"\nsource = \"x\"\nwhen = { role = [",
    );
    while values.len() < (1 << 20) - 20 {
        values.push_str("\"owner\",");
    }
    values.push_str("] }\n");
    group.bench_function("refuse_1mib_clause", |b| {
        b.iter(|| match PolicyDoc::from_toml(black_box(&values)) {
            Ok(doc) => Policy::from_doc(&doc).unwrap_err(),
            Err(e) => panic!("{e}"),
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
