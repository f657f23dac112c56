//! Policies as data: the built-in policy loads from its document, every validation problem is reported, and a
//! policy that loads keeps the invariants of DOMAIN.md §7 (2, 3, 5, 8, 9) on randomly mutated policies.
#![cfg(all(feature = "toml", feature = "json"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use proptest::prelude::*;
use talent_matrix::policy::{Allowed, ClauseValue, PolicyDoc, ProblemKind};
use talent_matrix::{
    Coded, Contribution, EnterpriseSize, Industry, Performance, Policy, Post, ProfessionalTitle,
    Profile, Role, SkillLevel, Stream, Tier, Wan,
};

#[test]
fn the_built_in_policy_is_its_document() {
    let policy = Policy::shizhong_2011();
    assert_eq!(policy.doc(), &PolicyDoc::shizhong_2011());
    assert_eq!(Policy::from_doc(policy.doc()).unwrap(), policy);
    // Data → Policy → data, unchanged.
    let again = PolicyDoc::from_toml(&policy.doc().to_toml()).unwrap();
    assert_eq!(&again, policy.doc());
    assert_eq!(Policy::from_doc(&again).unwrap().hash(), policy.hash());
}

#[test]
fn a_broken_policy_reports_every_problem_at_once() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/broken-policy.toml"
    ))
    .unwrap();
    let doc = PolicyDoc::from_toml(&text).unwrap();
    // Every problem at once (DOMAIN.md §9.4): the codes and shape (an unknown value in one alternative, an
    // amount out of range among them), then the proofs on what could be read. The stream left out (its lead
    // unknown) and the one repeated are not proven about; everything else is.
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            r#"streams[0].lead: unknown department "mayors_office""#,
            r#"streams[1]: stream "party_government" is listed twice"#,
            r#"entitlements[0].when[1]: role cannot be "chairman" (expected none, principal, owner, senior_manager, middle_manager, staff)"#,
            "entitlements[0].amount_yuan: amount_yuan must be a whole number of yuan from 1 to 100000000, got 0",
            r#"services[0]: unknown service "free_lunch""#,
            r#"streams[3]: no post or qualification reaches stream "rural_practical": it has no condition that can hold"#,
            "streams[4].eligible[0]: enterprise_size cannot be tested here (only tiers and entitlements test enterprise facts, which may be open)",
            r#"specialties[0]: specialty "community_worker" refines stream "rural_practical", which cannot occur"#,
            r#"specialties[1]: specialty "finance_commerce" can never apply: its condition never holds for a talent of "enterprise_management""#,
            r#"ladders[0].tiers[0]: tier "leader" has no department to manage it"#,
            r#"ladders[0].tiers[1]: tier "high_end" can never fire: wherever it holds, a higher tier (leader) holds too"#,
            "ladders[0].tiers[1].when: performance allows Ordinary but not Good: raising it would lower the tier",
            r#"ladders[0].tiers[2]: tier "elite" can never fire: its condition never holds for a talent of "enterprise_management""#,
            "size_standard[0]: employees of large (1000) must be above that of medium (3000): thresholds must rise from small to large",
            "size_standard[0]: revenue_wan bounds medium but not small: every class must bound the same numbers",
        ]
    );
    // With the codes fixed, the proofs alone: the same problems as the proofs found above, at the paths of the
    // streams that moved up by one (the repeated entry is gone). Fixing the codes reveals nothing new.
    let proofs: Vec<String> = err.problems()[5..]
        .iter()
        .map(|p| {
            p.to_string()
                .replace("streams[3]", "streams[2]")
                .replace("streams[4]", "streams[3]")
        })
        .collect();
    let mut doc = doc;
    doc.streams[0].lead = "organization_department".into();
    doc.streams.remove(1);
    doc.services.clear();
    doc.entitlements.clear();
    let err = Policy::from_doc(&doc).unwrap_err();
    let fixed: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(fixed, proofs);
    // Each problem typed, so that a program can act on it.
    let kinds: Vec<(&str, ProblemKind)> =
        err.problems().iter().map(|p| (p.at(), p.kind())).collect();
    assert_eq!(
        kinds,
        [
            ("streams[2]", ProblemKind::Unreachable),
            ("streams[3].eligible[0]", ProblemKind::NotTestable),
            ("specialties[0]", ProblemKind::Unreachable),
            ("specialties[1]", ProblemKind::Unreachable),
            ("ladders[0].tiers[0]", ProblemKind::NoDepartment),
            ("ladders[0].tiers[1]", ProblemKind::Shadowed),
            ("ladders[0].tiers[1].when", ProblemKind::NotMonotone),
            ("ladders[0].tiers[2]", ProblemKind::Unreachable),
            ("size_standard[0]", ProblemKind::Thresholds),
            ("size_standard[0]", ProblemKind::Thresholds),
        ]
    );
}

/// A random change to the built-in document: a clause, a department list, a threshold or a ladder.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the allowed values of a tier clause with a subset of the fact's values.
    TierClause {
        tier: usize,
        fact: &'static str,
        keep: Vec<bool>,
    },
    /// Drop the departments of a tier.
    NoDepartments { tier: usize },
    /// Swap two tiers of the ladder.
    SwapTiers { a: usize, b: usize },
    /// Change a size threshold.
    Threshold { row: usize, class: usize, wan: u64 },
    /// Give professional-technical talent a ladder by title.
    TitleLadder { keep: Vec<bool> },
}

fn values(fact: &str) -> Vec<ClauseValue> {
    let codes: &[&str] = match fact {
        "role" => Role::CODES,
        "performance" => Performance::CODES,
        "contribution" => Contribution::CODES,
        "enterprise_size" => EnterpriseSize::CODES,
        "professional_title" => ProfessionalTitle::CODES,
        _ => return vec![true.into(), false.into()],
    };
    codes.iter().map(|&c| ClauseValue::from(c)).collect()
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let facts = prop::sample::select(vec![
        "role",
        "performance",
        "contribution",
        "enterprise_size",
        "potential",
        "above_designated_size",
    ]);
    prop_oneof![
        (0usize..3, facts, prop::collection::vec(any::<bool>(), 5))
            .prop_map(|(tier, fact, keep)| Mutation::TierClause { tier, fact, keep }),
        (0usize..3).prop_map(|tier| Mutation::NoDepartments { tier }),
        (0usize..3, 0usize..3).prop_map(|(a, b)| Mutation::SwapTiers { a, b }),
        (0usize..16, 0usize..3, 1u64..300_000).prop_map(|(row, class, wan)| Mutation::Threshold {
            row,
            class,
            wan
        }),
        prop::collection::vec(any::<bool>(), 4).prop_map(|keep| Mutation::TitleLadder { keep }),
    ]
}

fn apply(doc: &mut PolicyDoc, m: &Mutation) {
    match m {
        Mutation::TierClause { tier, fact, keep } => {
            let kept: Vec<ClauseValue> = values(fact)
                .into_iter()
                .zip(keep.iter().cycle())
                .filter(|(_, k)| **k)
                .map(|(v, _)| v)
                .collect();
            doc.ladders[0].tiers[*tier].when[0].insert((*fact).to_owned(), Allowed::Only(kept));
        }
        Mutation::NoDepartments { tier } => doc.ladders[0].tiers[*tier].managed_by.clear(),
        Mutation::SwapTiers { a, b } => doc.ladders[0].tiers.swap(*a, *b),
        Mutation::Threshold { row, class, wan } => {
            let r = &mut doc.size_standard[*row];
            let bounds = [&mut r.large, &mut r.medium, &mut r.small];
            let b = bounds.into_iter().nth(*class).unwrap();
            if b.employees.is_some() {
                b.employees = Some(*wan / 10);
            } else if b.revenue_wan.is_some() {
                b.revenue_wan = Some(Wan::from_wan(*wan));
            }
        }
        Mutation::TitleLadder { keep } => {
            let kept: Vec<ClauseValue> = values("professional_title")
                .into_iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(v, _)| v)
                .collect();
            let mut ladder = doc.ladders[0].clone();
            ladder.stream = "professional_technical".into();
            ladder.tiers.truncate(1);
            ladder.tiers[0].when = vec![
                [("professional_title".to_owned(), Allowed::Only(kept))]
                    .into_iter()
                    .collect(),
            ];
            ladder.tiers[0].managed_by = vec!["human_resources_bureau".into()];
            doc.ladders.push(ladder);
        }
    }
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        prop::sample::select(Post::ALL),
        prop::option::of(prop::sample::select(Role::ALL)),
        prop::option::of(prop::sample::select(Industry::ALL)),
        prop::option::of(0u32..3000),
        prop::option::of(0u64..500_000),
        prop::option::of(prop::sample::select(EnterpriseSize::ALL)),
        prop::option::of(any::<bool>()),
        (
            prop::sample::select(Performance::ALL),
            prop::sample::select(Contribution::ALL),
            any::<bool>(),
        ),
        prop::option::of(prop::sample::select(ProfessionalTitle::ALL)),
        prop::option::of(prop::sample::select(SkillLevel::ALL)),
    )
        .prop_map(
            |(
                post,
                role,
                industry,
                employees,
                revenue,
                size,
                above,
                (perf, contrib, potential),
                title,
                skill,
            )| {
                Profile::builder("M", post)
                    .role(role)
                    .industry(industry)
                    .employees(employees)
                    .revenue_wan(revenue.map(Wan::from_wan))
                    .enterprise_size(size)
                    .above_designated_size(above)
                    .performance(perf)
                    .contribution(contrib)
                    .potential(potential)
                    .professional_title(title)
                    .skill_level(skill)
                    .build()
                    .unwrap()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A mutated policy either fails to load, or keeps invariants 2, 3, 5, 8 and 9 on random profiles.
    #[test]
    fn a_policy_that_loads_keeps_the_invariants(
        mutations in prop::collection::vec(mutation(), 1..4),
        people in prop::collection::vec(profile(), 16),
    ) {
        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "mutated".into();
        for m in &mutations {
            apply(&mut doc, m);
        }
        let loaded = Policy::from_doc(&doc);
        // Only policies that load count as cases (too many rejections fail the test).
        prop_assume!(loaded.is_ok());
        let policy = loaded.unwrap();
        for p in &people {
            let c = policy.classify(p);
            // 2: the specialty refines the stream; a tier only on a ladder.
            if let Some(sp) = c.specialty() {
                prop_assert_eq!(Some(sp.parent()), c.stream());
            }
            if c.tier().is_some() {
                prop_assert!(c.stream().is_some_and(|s| policy.has_ladder(s)));
            }
            // 3 and 8: talent has a lead and departments, without duplicates.
            prop_assert_eq!(c.stream().is_none(), c.lead().is_none());
            prop_assert_eq!(c.stream().is_none(), c.managed_by().is_empty());
            let m = c.managed_by().to_vec();
            prop_assert_eq!(m.iter().collect::<std::collections::HashSet<_>>().len(), m.len());
            // 5: raising performance, contribution, potential or stating above size never lowers the tier.
            let rank = |t: Option<Tier>, s: Option<Stream>| -> Option<usize> {
                let tiers = s.map(|s| policy.tiers(s)).unwrap_or_default();
                t.map(|t| tiers.len() - tiers.iter().position(|&x| x == t).unwrap_or(0))
            };
            let before = rank(c.tier(), c.stream());
            for q in [
                p.clone().into_builder().performance(Performance::Outstanding).build().unwrap(),
                p.clone().into_builder().contribution(Contribution::Major).build().unwrap(),
                p.clone().into_builder().potential(true).build().unwrap(),
                p.clone().into_builder().above_designated_size(true).build().unwrap(),
            ] {
                let after = policy.classify(&q);
                prop_assert!(rank(after.tier(), after.stream()) >= before, "{:?} -> {:?}", c.tier(), after.tier());
            }
            // 9: more employees or revenue never give a smaller size.
            if let (Some(size), Some(_)) = (c.enterprise_size(), p.industry())
                && p.enterprise_size().is_none() {
                    let more = p.clone().into_builder()
                        .employees(p.employees().map(|e| e + 500))
                        .revenue_wan(p.revenue_wan().map(|r| Wan::from_yuan(r.yuan() + 50_000_000)))
                        .build().unwrap();
                    let after = policy.classify(&more).enterprise_size();
                    prop_assert!(after.is_none_or(|a| a >= size), "{size:?} -> {after:?}");
                }
        }
    }
}

fn example_policy() -> Policy {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/policy-example.toml"
    ))
    .unwrap();
    assert!(text.starts_with("# AN ILLUSTRATION, NOT PART OF THE SEED'S SCHEME."));
    Policy::from_doc(&PolicyDoc::from_toml(&text).unwrap()).unwrap()
}

fn sample_roster() -> Vec<Profile> {
    include_str!("../examples/data/roster.jsonl")
        .lines()
        .map(|l| Profile::from_json(l).unwrap())
        .collect()
}

#[test]
fn the_example_policy_adds_a_professional_ladder() {
    let policy = example_policy();
    assert_eq!(
        policy.tiers(Stream::ProfessionalTechnical),
        [Tier::Leader, Tier::HighEnd]
    );
    let senior = |perf| {
        Profile::builder("T", Post::ProfessionalTechnical)
            .professional_title(ProfessionalTitle::Senior)
            .performance(perf)
            .build()
            .unwrap()
    };
    assert_eq!(
        policy.classify(&senior(Performance::Outstanding)).tier(),
        Some(Tier::Leader)
    );
    assert_eq!(
        policy.classify(&senior(Performance::Good)).tier(),
        Some(Tier::HighEnd)
    );
    let junior = Profile::builder("T", Post::ProfessionalTechnical)
        .professional_title(ProfessionalTitle::Junior)
        .build()
        .unwrap();
    let c = policy.classify(&junior);
    assert_eq!(c.tier(), None);
    assert_eq!(
        c.managed_by().to_vec(),
        [talent_matrix::Department::HumanResourcesBureau]
    );
    // The rest of the scheme is the built-in one.
    let built_in = Policy::shizhong_2011();
    for p in sample_roster() {
        let (a, b) = (built_in.classify(&p), policy.classify(&p));
        if a.stream() != Some(Stream::ProfessionalTechnical) {
            assert_eq!(
                a.to_json().replace(Policy::shizhong_2011().hash(), ""),
                b.to_json()
                    .replace(policy.hash(), "")
                    .replace("example-professional-ladder", "shizhong-2011")
            );
        }
    }
}

#[test]
fn comparing_policies_lists_exactly_the_people_whose_cell_changes() {
    use talent_matrix::diff::{Cell, Moves, compare};
    let (before, after) = (Policy::shizhong_2011(), example_policy());
    let roster = sample_roster();
    let changes: Vec<_> = roster
        .iter()
        .filter_map(|p| compare(&before, &after, p))
        .collect();
    let direct: Vec<&str> = roster
        .iter()
        .filter(|p| Cell::of(&before.classify(p)) != Cell::of(&after.classify(p)))
        .map(|p| p.id())
        .collect();
    let ids: Vec<&str> = changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, direct);
    assert_eq!(ids, ["SZ-0201", "SZ-0202", "SZ-0207"]);
    assert_eq!(changes[2].before.to_string(), "professional_technical/-/-");
    assert_eq!(
        changes[2].after.to_string(),
        "professional_technical/-/leader"
    );
    assert_eq!(changes[2].rule.to_string(), "tier.leader");
    assert_eq!(
        changes[2].en,
        "performance Outstanding and professional title Senior: Leading talent"
    );
    let mut moves = Moves::default();
    changes.iter().for_each(|c| moves.add(c));
    assert_eq!(moves.total(), 3);
    assert_eq!(moves.iter().map(|(_, _, n)| n).collect::<Vec<_>>(), [2, 1]);
}

#[test]
fn every_record_names_its_policy_by_hash() {
    let p = Profile::builder("A", Post::Community).build().unwrap();
    let policy = example_policy();
    let json = policy.classify(&p).to_json();
    assert!(
        json.ends_with(&format!(
            r#""policy":"example-professional-ladder","policy_hash":"{}"}}"#,
            policy.hash()
        )),
        "{json}"
    );
    assert_ne!(policy.hash(), Policy::shizhong_2011().hash());
    // The hash is of the content: the same document loaded twice has the same hash.
    assert_eq!(
        Policy::from_doc(policy.doc()).unwrap().hash(),
        policy.hash()
    );
    assert_eq!(policy.hash().len(), 71);
}
