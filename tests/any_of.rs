//! Conditions that list alternatives (DOMAIN.md §9.2 "Any of"): every `when` may be one clause table or an array
//! of them, any of which will do, three-valued (true if one is true, false if all are false, else open). Read
//! and written back, proven on load, decided, explained (the alternative that held; the closest one a higher tier
//! needs) and offered in progression (the alternative needing the fewest changes).
#![cfg(all(feature = "toml", feature = "json"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use talent_matrix::policy::{Allowed, ClauseValue, Condition, PolicyDoc, ProblemKind};
use talent_matrix::progression::progression;
use talent_matrix::{
    Contribution, EnterpriseSize, Entitlement, Industry, MissingFact, Performance, Policy, Post,
    Profile, Role, Rule, Tier,
};

fn only(fact: &str, values: &[&str]) -> (String, Allowed) {
    (
        fact.to_owned(),
        Allowed::Only(values.iter().map(|&v| ClauseValue::from(v)).collect()),
    )
}

fn clauses(list: &[(String, Allowed)]) -> Condition {
    list.iter().cloned().collect()
}

/// The built-in policy with an elite tier reached by either of two alternatives: the seed's (an owner of a firm
/// that is not large, with potential), or a senior manager with outstanding performance; and an annual reward
/// granted to finance and commerce talent of major contribution, or to any leader.
fn policy_with_alternatives() -> PolicyDoc {
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "any-of".into();
    let seed = doc.ladders[0].tiers[2].when[0].clone();
    doc.ladders[0].tiers[2].when = vec![
        seed,
        clauses(&[
            only("role", &["senior_manager"]),
            only("performance", &["outstanding"]),
        ]),
    ];
    let reward = doc.entitlements[0].when[0].clone();
    doc.entitlements[0].when = vec![reward, clauses(&[only("tier", &["leader"])])];
    doc
}

#[test]
fn alternatives_are_read_and_written_as_an_array_and_one_stays_a_table() {
    let doc = policy_with_alternatives();
    let toml = doc.to_toml();
    assert!(toml.contains("[[ladders.tiers.when]]"), "{toml}");
    let again = PolicyDoc::from_toml(&toml).unwrap();
    assert_eq!(again, doc);
    assert_eq!(again.ladders[0].tiers[2].when.len(), 2);
    assert_eq!(PolicyDoc::from_json(&doc.to_json()).unwrap(), doc);
    // A single alternative is written as the table every policy had before, so its hash is unchanged.
    let built_in = PolicyDoc::shizhong_2011();
    assert!(!built_in.to_toml().contains(".when]]"));
    assert_eq!(
        Policy::from_doc(&built_in).unwrap().hash(),
        Policy::shizhong_2011().hash()
    );
}

#[test]
fn an_empty_list_of_alternatives_is_refused() {
    let mut json: serde_json::Value =
        serde_json::from_str(&PolicyDoc::shizhong_2011().to_json()).unwrap();
    json["ladders"][0]["tiers"][2]["when"] = serde_json::json!([]);
    let err = PolicyDoc::from_json(&json.to_string()).unwrap_err();
    let empty =
        "ladders[0].tiers[2].when: expected a table of clauses or a non-empty list of them, got []";
    assert!(err.problems().iter().any(|p| *p == empty), "{err}");
    // Built in code, the same refusal when the policy loads.
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "empty-when".into();
    doc.ladders[0].tiers[2].when.clear();
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "ladders[0].tiers[2].when: expected a table of clauses or a non-empty list of them, got []"
    );
}

#[test]
fn a_repeated_alternative_is_refused_as_every_repeat_is() {
    // 10,000 copies of one alternative once loaded and made progression 780 times slower.
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "repeats".into();
    let seed = doc.ladders[0].tiers[2].when[0].clone();
    doc.ladders[0].tiers[2].when = vec![seed; 10_000];
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "ladders[0].tiers[2].when[1]: this alternative allows what alternative 0 allows: give it once"
    );
    // The same values in another order are the same alternative.
    let mut doc = policy_with_alternatives();
    doc.ladders[0].tiers[2].when[1] = clauses(&[
        only("role", &["senior_manager", "principal"]),
        only("performance", &["outstanding"]),
    ]);
    doc.ladders[0].tiers[2].when.push(clauses(&[
        only("performance", &["outstanding"]),
        only("role", &["principal", "senior_manager"]),
    ]));
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "ladders[0].tiers[2].when[2]: this alternative allows what alternative 1 allows: give it once"
    );
}

#[test]
fn any_alternative_decides_three_valued() {
    let policy = Policy::from_doc(&policy_with_alternatives()).unwrap();
    // The second alternative holds: elite, and the reason names that alternative.
    let manager = Profile::builder("M-1", Post::Enterprise)
        .role(Role::SeniorManager)
        .performance(Performance::Outstanding)
        .above_designated_size(false)
        .build()
        .unwrap();
    let c = policy.classify(&manager);
    assert_eq!(c.tier(), Some(Tier::Elite));
    let reason = c
        .reasons()
        .find(|r| r.rule() == Rule::Tier(Some(Tier::Elite)))
        .unwrap();
    assert!(
        reason
            .en()
            .to_string()
            .starts_with("role Senior manager and performance Outstanding"),
        "{}",
        reason.en()
    );
    // Neither alternative holds: false (an owner of a large firm, without potential, ordinary performance).
    let owner = Profile::builder("O-1", Post::Enterprise)
        .role(Role::Owner)
        .enterprise_size(EnterpriseSize::Large)
        .above_designated_size(false)
        .build()
        .unwrap();
    let c = policy.classify(&owner);
    assert_eq!(c.tier_condition(Tier::Elite), Some(false));
    assert_eq!(c.tier(), None);
    // One alternative open and the other false: open, and the fact that leaves it open is missing.
    let open = Profile::builder("O-2", Post::Enterprise)
        .role(Role::Owner)
        .potential(true)
        .above_designated_size(false)
        .build()
        .unwrap();
    let c = policy.classify(&open);
    assert_eq!(c.tier_condition(Tier::Elite), None);
    assert!(c.missing_facts().contains(MissingFact::EnterpriseSize));
    // The entitlement's second alternative: a leader who is not finance and commerce talent gets the reward.
    let leader = Profile::builder("L-1", Post::Enterprise)
        .role(Role::Principal)
        .industry(Industry::Industry)
        .performance(Performance::Outstanding)
        .contribution(Contribution::Major)
        .build()
        .unwrap();
    let c = policy.classify(&leader);
    assert_eq!(c.tier(), Some(Tier::Leader));
    assert!(c.entitlements().contains(Entitlement::AnnualReward));
    assert!(
        !Policy::shizhong_2011()
            .classify(&leader)
            .entitlements()
            .contains(Entitlement::AnnualReward)
    );
    // A prepared policy decides the same.
    let prepared = policy.prepare();
    for p in [&manager, &owner, &open, &leader] {
        assert_eq!(prepared.classify(p), policy.classify(p));
    }
}

#[test]
fn a_higher_tier_is_explained_and_offered_by_its_closest_alternative() {
    let policy = Policy::from_doc(&policy_with_alternatives()).unwrap();
    // A senior manager with ordinary performance: elite's second alternative lacks one clause, the first two.
    let p = Profile::builder("M-2", Post::Enterprise)
        .role(Role::SeniorManager)
        .above_designated_size(false)
        .build()
        .unwrap();
    let c = policy.classify(&p);
    assert_eq!(c.tier(), None);
    let reason = c.reasons().find(|r| r.rule() == Rule::Tier(None)).unwrap();
    assert!(
        reason
            .en()
            .to_string()
            .contains("Enterprise elite needs performance Outstanding (is Ordinary)"),
        "{}",
        reason.en()
    );
    let path = progression(&policy, &p);
    let elite = path
        .steps()
        .iter()
        .find(|s| s.tier() == Tier::Elite)
        .unwrap();
    let changes: Vec<&str> = elite.requirements().iter().map(|r| r.en()).collect();
    assert_eq!(changes, ["performance assessed Outstanding (now Ordinary)"]);
    assert_eq!(
        policy.classify(&elite.applied_to(&p).unwrap()).tier(),
        Some(Tier::Elite)
    );
}

#[test]
fn alternatives_are_proven_one_by_one_and_named_by_index() {
    // An unknown value in the second alternative: named at its index, and nothing is proven about the tier.
    let mut doc = policy_with_alternatives();
    doc.ladders[0].tiers[2].when[1].insert(
        "role".into(),
        Allowed::Only(vec![ClauseValue::from("chairman")]),
    );
    let err = Policy::from_doc(&doc).unwrap_err();
    let found: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(r#"ladders[0].tiers[2].when[1]: role cannot be "chairman""#),
        "{found:?}"
    );
    // An alternative that raising performance would leave: not monotone, at its index.
    let mut doc = policy_with_alternatives();
    doc.ladders[0].tiers[2].when[1] = clauses(&[
        only("role", &["senior_manager"]),
        only("performance", &["ordinary"]),
    ]);
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems()
            .iter()
            .map(|p| (p.at(), p.kind()))
            .collect::<Vec<_>>(),
        [("ladders[0].tiers[2].when[1]", ProblemKind::NotMonotone)]
    );
    // A tier whose every alternative a higher tier covers is shadowed; one that escapes is enough to fire.
    let mut doc = policy_with_alternatives();
    doc.ladders[0].tiers[2].when = vec![clauses(&[
        only("role", &["principal"]),
        only("performance", &["outstanding"]),
        only("contribution", &["major"]),
    ])];
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::Shadowed);
    doc.ladders[0].tiers[2].when.push(clauses(&[
        only("role", &["senior_manager"]),
        only("performance", &["outstanding"]),
    ]));
    Policy::from_doc(&doc).unwrap();
}

/// When the alternative needing the fewest changes would pass the tier by, the next that lands on it is offered
/// (DOMAIN.md §9.2 with issue 12's "each step must land exactly on its tier").
#[test]
fn progression_offers_the_fewest_changes_that_land_on_the_tier() {
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "elite-alternatives".into();
    doc.ladders[0].tiers[2].when = vec![
        clauses(&[only("role", &["owner"])]),
        clauses(&[
            only("role", &["senior_manager"]),
            ("potential".to_owned(), Allowed::Only(vec![true.into()])),
        ]),
    ];
    let policy = Policy::from_doc(&doc).unwrap();
    // A senior manager with outstanding performance and major contribution: becoming the owner (one change,
    // the first alternative) would make them leader; assessed potential (one change, the second) makes elite.
    let p = Profile::builder("M-3", Post::Enterprise)
        .role(Role::SeniorManager)
        .performance(Performance::Outstanding)
        .contribution(Contribution::Major)
        .above_designated_size(false)
        .build()
        .unwrap();
    let path = progression(&policy, &p);
    let elite = path
        .steps()
        .iter()
        .find(|s| s.tier() == Tier::Elite)
        .expect("elite is offered");
    let changes: Vec<&str> = elite.requirements().iter().map(|r| r.en()).collect();
    assert_eq!(changes, ["development potential assessed"]);
    assert_eq!(
        policy.classify(&elite.applied_to(&p).unwrap()).tier(),
        Some(Tier::Elite)
    );
    assert!(path.passed_over().is_empty());
}
