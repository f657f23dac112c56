//! Policy documents: the built-in policy ships as
//! `policies/shizhong-2011.toml` and round-trips through TOML and JSON unchanged.
#![cfg(all(feature = "toml", feature = "json"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use talent_matrix::policy::{Allowed, ClauseValue, PolicyDoc, ProblemKind};

#[test]
fn the_built_in_document_round_trips_through_toml_and_json() {
    let doc = PolicyDoc::shizhong_2011();
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/shizhong-2011.toml"
    ))
    .unwrap();
    assert_eq!(PolicyDoc::from_toml(&file).unwrap(), doc);
    assert_eq!(PolicyDoc::from_toml(&doc.to_toml()).unwrap(), doc);
    assert_eq!(PolicyDoc::from_json(&doc.to_json()).unwrap(), doc);
    // Written again, the TOML is stable.
    let again = PolicyDoc::from_toml(&doc.to_toml()).unwrap().to_toml();
    assert_eq!(again, doc.to_toml());
}

#[test]
fn the_built_in_document_says_what_domain_md_section_4_says() {
    let doc = PolicyDoc::shizhong_2011();
    let streams: Vec<&str> = doc.streams.iter().map(|s| s.stream.as_str()).collect();
    assert_eq!(
        streams,
        [
            "party_government",
            "enterprise_management",
            "professional_technical",
            "high_skilled",
            "social_work",
            "rural_practical"
        ]
    );
    let em = &doc.streams[1].eligible[0];
    assert_eq!(
        em["ownership"],
        Allowed::Not {
            not: vec![ClauseValue::from("individual")]
        }
    );
    let elite = &doc.ladders[0].tiers[2];
    assert_eq!(
        elite.when[0]["enterprise_size"],
        Allowed::Only(vec!["micro".into(), "small".into(), "medium".into()])
    );
    assert_eq!(elite.when[0]["potential"], Allowed::Only(vec![true.into()]));
    assert!(doc.streams.iter().all(|s| !s.source.is_empty()));
    assert_eq!(doc.size_standard.len(), 16);
    assert_eq!(doc.above_designated_size.len(), 17);
}

#[test]
fn documents_with_unknown_keys_or_wrong_types_are_refused() {
    let doc = PolicyDoc::shizhong_2011().to_toml();
    let err = PolicyDoc::from_toml(&format!("colour = \"red\"\n{doc}")).unwrap_err();
    assert_eq!(err.problems().len(), 1);
    let problem = &err.problems()[0];
    assert_eq!(
        (problem.at(), problem.kind()),
        ("colour", ProblemKind::UnknownKey)
    );
    assert!(
        problem
            .message()
            .starts_with("unknown key (expected name, version, "),
        "{err}"
    );
    let err =
        PolicyDoc::from_toml(&doc.replacen("version = \"1.0.0\"", "version = 1", 1)).unwrap_err();
    assert_eq!(err.problems(), ["version: expected a string, got 1"]);
    let err = PolicyDoc::from_toml("name = ").unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::Syntax);
    assert!(
        err.problems()[0].to_string().starts_with("TOML syntax: "),
        "{err}"
    );
    // Every problem at once, each with where it is.
    let bad = PolicyDoc::shizhong_2011()
        .to_json()
        .replacen("\"lead\": \"organization_department\"", "\"lead\": 7", 1)
        .replacen(
            "\"posts\": [\n        \"enterprise\"\n      ]",
            "\"posts\": \"enterprise\"",
            1,
        )
        .replacen("\"managed_by\"", "\"managers\"", 1);
    let err = PolicyDoc::from_json(&bad).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            "streams[0].lead: expected a string, got 7",
            "streams[1].posts: expected a list of strings, got \"enterprise\"",
            "ladders[0].tiers[0].managers: unknown key (expected tier, when, managed_by, source)",
            "ladders[0].tiers[0].managed_by: missing",
        ]
    );
}
