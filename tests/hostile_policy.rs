//! Hostile policy documents (issue 10): bounded loading, repeated entries refused, a real `effective` date, and
//! the built-in's name kept for the built-in's content.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use talent_matrix::Policy;
#[cfg(feature = "toml")]
use talent_matrix::policy::ProblemKind;
use talent_matrix::policy::{Allowed, ClauseValue, Condition, Limits, PolicyDoc, TierDoc};

fn renamed() -> PolicyDoc {
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "hostile".into();
    doc
}

fn not(fact: &str, value: &str) -> (String, Allowed) {
    (
        fact.to_owned(),
        Allowed::Not {
            not: vec![ClauseValue::from(value)],
        },
    )
}

/// Facts the enterprise ladder may test without touching eligibility or monotonicity, with their values
/// (`none` for absent where the fact is optional).
const FREE_FACTS: [(&str, &[&str]); 6] = [
    (
        "industry",
        &[
            "none",
            "agriculture",
            "industry",
            "construction",
            "wholesale",
            "retail",
            "transport",
        ],
    ),
    (
        "professional_title",
        &[
            "none",
            "junior",
            "intermediate",
            "associate_senior",
            "senior",
        ],
    ),
    (
        "skill_level",
        &[
            "none",
            "junior_worker",
            "intermediate_worker",
            "senior_worker",
            "technician",
        ],
    ),
    (
        "social_work_certificate",
        &[
            "none",
            "assistant_social_worker",
            "social_worker",
            "senior_social_worker",
        ],
    ),
    (
        "rural_role",
        &["none", "production", "business", "craft", "skilled_service"],
    ),
    (
        "introduction_level",
        &["none", "hundred", "thousand", "ten_thousand"],
    ),
];

/// A ladder of `n` tiers, all `leader`.
fn many_tiers(n: usize) -> PolicyDoc {
    let mut doc = renamed();
    let template = doc.ladders[0].tiers[0].clone();
    doc.ladders[0].tiers = vec![template; n];
    doc
}

#[test]
fn a_shadowed_tier_under_two_higher_tiers_over_thirteen_facts_is_refused_by_the_proof() {
    // The probe's shape: an elite tier constraining many facts, shadowed by two higher tiers that together
    // allow everything it allows.
    let mut doc = renamed();
    let elite: Condition = FREE_FACTS
        .iter()
        .map(|(fact, values)| not(fact, values[1]))
        .chain([
            (
                "performance".to_owned(),
                Allowed::Only(vec!["outstanding".into()]),
            ),
            (
                "contribution".to_owned(),
                Allowed::Only(vec!["major".into()]),
            ),
        ])
        .collect();
    let mut high_end = elite.clone();
    high_end.insert(
        "industry".into(),
        Allowed::Only(vec!["industry".into(), "construction".into()]),
    );
    let mut leader = elite.clone();
    leader.insert(
        "industry".into(),
        Allowed::Not {
            not: vec![
                "industry".into(),
                "construction".into(),
                "agriculture".into(),
            ],
        },
    );
    doc.ladders[0].tiers[0].when = vec![leader];
    doc.ladders[0].tiers[1].when = vec![high_end];
    doc.ladders[0].tiers[2].when = vec![elite];
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            r#"ladders[0].tiers[2]: tier "elite" can never fire: wherever it holds, a higher tier (leader, high_end) holds too"#
        ]
    );
    // Allowing one more industry to elite only lets it fire there.
    doc.ladders[0].tiers[2].when[0].remove("industry");
    let policy = Policy::from_doc(&doc).unwrap();
    assert_eq!(
        policy
            .tiers(talent_matrix::Stream::EnterpriseManagement)
            .len(),
        3
    );
}

#[test]
fn a_proof_past_its_step_limit_is_refused_naming_the_limit() {
    let mut doc = renamed();
    let template = doc.ladders[0].tiers[0].clone();
    // Leader and high_end each exclude one value of every free fact; together they cover all but the points
    // that take both excluded values of some fact, so elite, restricted to exactly those, is shadowed only
    // if it takes none of them. Elite allowing everything fires; the proof's search is what is measured.
    let covering = |k: usize| -> Condition {
        FREE_FACTS
            .iter()
            .map(|(fact, values)| not(fact, values[k % values.len()]))
            .collect()
    };
    doc.ladders[0].tiers = vec![
        TierDoc {
            tier: "leader".into(),
            when: vec![covering(1)],
            ..template.clone()
        },
        TierDoc {
            tier: "high_end".into(),
            when: vec![covering(2)],
            ..template.clone()
        },
        TierDoc {
            tier: "elite".into(),
            when: vec![Condition::new()],
            ..template.clone()
        },
    ];
    // Elite fires (where a fact takes leader's excluded value and another takes high_end's), found in a few
    // steps: loads under the default limit.
    Policy::from_doc(&doc).unwrap();
    // With a limit of one step, the same proof is refused, naming the limit and how to raise it.
    let err = Policy::from_doc_with(&doc, &Limits::default().max_proof_steps(1)).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            r#"ladders[0].tiers[1]: proving that tier "high_end" can fire below the 1 tier(s) above it takes more than the limit of 1 steps (Limits::max_proof_steps): simplify the ladder or raise the limit"#,
            r#"ladders[0].tiers[2]: proving that tier "elite" can fire below the 2 tier(s) above it takes more than the limit of 1 steps (Limits::max_proof_steps): simplify the ladder or raise the limit"#,
        ]
    );
}

#[test]
fn a_ladder_of_many_tiers_is_refused_by_the_tier_limit_before_any_proof() {
    let doc = many_tiers(17);
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        ["ladders[0].tiers: 17 entries, more than the limit of 16 (Limits::max_tiers)"]
    );
}

#[test]
fn lists_past_their_limits_are_refused() {
    let mut doc = renamed();
    let e = doc.entitlements[0].clone();
    doc.entitlements = vec![e; 65];
    let c = doc.streams[0].eligible[0].clone();
    doc.streams[0].eligible = vec![c; 17];
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            "entitlements: 65 entries, more than the limit of 64 (Limits::max_entitlements)",
            "streams[0].eligible: 17 entries, more than the limit of 16 (Limits::max_conditions)",
        ]
    );
}

#[cfg(feature = "toml")]
#[test]
fn a_document_past_the_size_limit_is_refused_unread() {
    let text = PolicyDoc::shizhong_2011().to_toml();
    let padded = format!("{text}\n# {}\n", "x".repeat(1 << 20));
    let err = PolicyDoc::from_toml(&padded).unwrap_err();
    assert_eq!(
        err.problems(),
        [format!(
            "the document is {} bytes, more than the limit of 1048576 (Limits::max_document_bytes)",
            padded.len()
        )]
    );
    // Raised, it reads.
    let limits = Limits::default().max_document_bytes(4 << 20);
    assert_eq!(
        PolicyDoc::from_toml_with(&padded, &limits).unwrap(),
        PolicyDoc::shizhong_2011()
    );
}

#[cfg(feature = "toml")]
#[test]
fn a_megabyte_of_repeated_entitlements_is_refused_with_a_bounded_list_of_problems() {
    let mut text = renamed().to_toml();
    let entry = "\n[[entitlements]]\nentitlement = \"annual_reward\"\nwhen = {}\nsource = \"x\"\n";
    while text.len() + entry.len() < 1 << 20 {
        text.push_str(entry);
    }
    let doc = PolicyDoc::from_toml(&text).unwrap();
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert_eq!(
        (err.problems()[0].at(), err.problems()[0].kind()),
        ("entitlements", ProblemKind::Limit),
        "{err}"
    );
    // With the list limit raised, every repeat is a problem, and the report stops at the problem limit.
    let limits = Limits::default().max_entitlements(usize::MAX);
    let err = Policy::from_doc_with(&doc, &limits).unwrap_err();
    assert_eq!(err.problems().len(), 101);
    assert_eq!(
        err.problems()[0],
        r#"entitlements[2]: entitlement "annual_reward" is listed twice"#
    );
    assert_eq!(err.problems()[100].kind(), ProblemKind::More);
    assert!(
        err.problems()[100]
            .message()
            .ends_with("more problem(s) (Limits::max_problems)")
    );
}

#[test]
fn a_repeated_entitlement_is_refused_instead_of_granted_twice() {
    let mut doc = renamed();
    let mut again = doc.entitlements[0].clone();
    again.when = vec![Condition::new()];
    doc.entitlements.push(again);
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [r#"entitlements[2]: entitlement "annual_reward" is listed twice"#]
    );
}

#[test]
fn every_repeat_is_reported_with_the_problems_the_proofs_find() {
    let mut doc = renamed();
    let first = doc.ladders[0].tiers[0].managed_by[0].clone();
    doc.ladders[0].tiers[0].managed_by.push(first);
    let service = doc.services[0].services[0].clone();
    doc.services[0].services.push(service);
    let level = doc.services[0].clone();
    doc.services.push(level);
    let row = doc.size_standard[0].clone();
    doc.size_standard.push(row);
    let above = doc.above_designated_size[0].clone();
    doc.above_designated_size.push(above);
    let stream = doc.streams[0].clone();
    doc.streams.push(stream);
    let specialty = doc.specialties[0].clone();
    doc.specialties.push(specialty);
    let tier = doc.ladders[0].tiers[2].clone();
    doc.ladders[0].tiers.push(tier);
    // And a problem only a proof finds: a tier without departments.
    doc.ladders[0].tiers[1].managed_by.clear();
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            r#"streams[6].posts: post "party_government" is already the post of stream "party_government""#,
            r#"streams[6]: stream "party_government" is listed twice"#,
            r#"specialties[2]: specialty "finance_commerce" is listed twice"#,
            r#"ladders[0].tiers[0].managed_by: department "finance_bureau" is listed twice"#,
            r#"ladders[0].tiers[3]: tier "elite" is listed twice"#,
            r#"services[0]: service "regular_contact" is listed twice"#,
            r#"services[3]: service "regular_contact" is listed twice"#,
            r#"services[3]: level "hundred" is listed twice"#,
            r#"size_standard[16]: industry "agriculture" has two rows"#,
            r#"above_designated_size[17]: industry "agriculture" is listed twice"#,
            r#"ladders[0].tiers[1]: tier "high_end" has no department to manage it"#,
        ]
    );
}

#[test]
fn effective_must_be_a_calendar_date() {
    for bad in [
        "2011-02-30",
        "2011-13-01",
        "2011-7-13",
        "13 July 2011",
        "",
        "2011-07-13T00:00",
    ] {
        let mut doc = renamed();
        doc.effective = bad.into();
        let err = Policy::from_doc(&doc).unwrap_err();
        assert_eq!(
            err.problems(),
            [format!(
                "effective: expected a calendar date YYYY-MM-DD, got {bad:?}"
            )]
        );
    }
    for good in ["2012-02-29", "2000-02-29", "2011-12-31"] {
        let mut doc = renamed();
        doc.effective = good.into();
        Policy::from_doc(&doc).unwrap();
    }
    let mut doc = renamed();
    doc.effective = "1900-02-29".into();
    assert!(Policy::from_doc(&doc).is_err());
}

#[test]
fn only_the_built_in_content_may_take_the_built_in_name() {
    assert!(Policy::from_doc(&PolicyDoc::shizhong_2011()).is_ok());
    let mut doc = PolicyDoc::shizhong_2011();
    doc.ladders[0].tiers[0].managed_by.pop();
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            r#"name: "shizhong-2011" is the built-in policy's name, but these rules differ from it: give the policy a name of its own"#
        ]
    );
}
