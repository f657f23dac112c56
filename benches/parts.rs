//! The parts of the work, each on its own: `classify` by path (each stream, each tier, open facts), size
//! derivation, label parsing over every code, label and alias of every code list, and, beside the JSON Lines
//! reader, a serde_json parse-only baseline over the same lines (the ratio says what the profile checks cost).
//! Run with `cargo bench --bench parts`.
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

use talent_matrix::{
    Coded, Contribution, Department, EnterpriseSize, Entitlement, Field, Industry,
    IntroductionLevel, Lang, MissingFact, Ownership, Performance, Policy, Post, ProfessionalTitle,
    Profile, Role, RuralRole, Service, SkillLevel, SocialWorkCertificate, Specialty, Stream, Tier,
    Wan, classify,
};

fn paths() -> Vec<(&'static str, Profile)> {
    let b = |post| Profile::builder("B", post);
    vec![
        (
            "party_government",
            b(Post::PartyGovernment).build().unwrap(),
        ),
        (
            "professional_technical",
            b(Post::ProfessionalTechnical)
                .professional_title(ProfessionalTitle::Senior)
                .build()
                .unwrap(),
        ),
        (
            "high_skilled",
            b(Post::SkilledTrade)
                .skill_level(SkillLevel::Technician)
                .build()
                .unwrap(),
        ),
        ("community_worker", b(Post::Community).build().unwrap()),
        ("not_talent", b(Post::Other).build().unwrap()),
        (
            "leader",
            b(Post::Enterprise)
                .role(Role::Principal)
                .industry(Industry::Finance)
                .performance(Performance::Outstanding)
                .contribution(Contribution::Major)
                .build()
                .unwrap(),
        ),
        (
            "high_end_derived",
            b(Post::Enterprise)
                .role(Role::MiddleManager)
                .industry(Industry::Industry)
                .employees(350)
                .revenue_wan(Wan::from_wan(2500))
                .build()
                .unwrap(),
        ),
        (
            "elite",
            b(Post::Enterprise)
                .role(Role::Owner)
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Small)
                .potential(true)
                .above_designated_size(false)
                .build()
                .unwrap(),
        ),
        (
            "open_facts",
            b(Post::Enterprise)
                .role(Role::Owner)
                .potential(true)
                .build()
                .unwrap(),
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("classify_path");
    for (name, p) in paths() {
        let expected = classify(&p).tier();
        group.bench_function(name, |b| b.iter(|| black_box(classify(black_box(&p)))));
        assert_eq!(classify(&p).tier(), expected);
    }
    assert_eq!(classify(&paths()[5].1).tier(), Some(Tier::Leader));
    assert_eq!(
        classify(&paths()[0].1).stream(),
        Some(Stream::PartyGovernment)
    );
    group.finish();

    let sized = Profile::builder("S", Post::Enterprise)
        .industry(Industry::Wholesale)
        .employees(60)
        .revenue_wan(Wan::from_wan(2000))
        .build()
        .unwrap();
    let policy = Policy::default();
    c.bench_function("size_derivation", |b| {
        b.iter(|| black_box(policy.enterprise_facts(black_box(&sized))))
    });

    // Every code (in capitals, as a spreadsheet might have it), label and alias of every code list, each parsed
    // as its own list: what a roster's cells and a policy's values go through.
    type List = (Vec<String>, fn(&[String]) -> usize);
    fn list<T: Coded>() -> List {
        let mut labels = Vec::new();
        for &v in T::ALL {
            labels.push(v.code().to_ascii_uppercase());
            for &l in Lang::ALL {
                labels.push(v.label(l).to_owned());
            }
            labels.extend(v.aliases().iter().map(|a| (*a).to_owned()));
        }
        fn parse_all<T: Coded>(labels: &[String]) -> usize {
            labels.iter().filter(|l| l.parse::<T>().is_ok()).count()
        }
        (labels, parse_all::<T>)
    }
    let lists = [
        list::<Stream>(),
        list::<Specialty>(),
        list::<Tier>(),
        list::<Department>(),
        list::<Post>(),
        list::<Role>(),
        list::<Industry>(),
        list::<EnterpriseSize>(),
        list::<Ownership>(),
        list::<Performance>(),
        list::<Contribution>(),
        list::<ProfessionalTitle>(),
        list::<SkillLevel>(),
        list::<SocialWorkCertificate>(),
        list::<RuralRole>(),
        list::<IntroductionLevel>(),
        list::<Field>(),
        list::<Entitlement>(),
        list::<Service>(),
        list::<MissingFact>(),
    ];
    let total: usize = lists.iter().map(|(labels, _)| labels.len()).sum();
    let mut group = c.benchmark_group("labels");
    group.throughput(Throughput::Elements(total as u64));
    group.bench_function("parse_every_label", |b| {
        b.iter(|| {
            let parsed: usize = lists
                .iter()
                .map(|(labels, parse)| parse(black_box(labels)))
                .sum();
            assert_eq!(parsed, total);
        })
    });
    group.finish();

    let mut g = generator::Generator::new(8);
    let lines: Vec<String> = (0..10_000)
        .map(|_| generator::to_json_line(&g.record()))
        .collect();
    let mut group = c.benchmark_group("json_lines");
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.sample_size(20);
    group.bench_function("serde_json_parse_only", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(serde_json::from_str::<serde_json::Value>(l).unwrap());
            }
        })
    });
    group.bench_function("profile_from_json", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(Profile::from_json(l).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
