//! The facts, indicators and evaluations a policy adds (DOMAIN.md §9.2, §9.3), through the public API.
#![cfg(all(feature = "toml", feature = "json"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use talent_matrix::policy::PolicyDoc;
use talent_matrix::{Policy, Profile};

fn policy() -> Policy {
    let doc = PolicyDoc::from_toml(include_str!("data/facts-policy.toml")).unwrap();
    Policy::from_doc(&doc).unwrap()
}

fn read(policy: &Policy, json: &str) -> Profile {
    policy.profile_from_json(json).unwrap()
}

#[test]
fn scratch() {
    let policy = policy();
    for json in [
        r#"{"id":"1","post":"enterprise","role":"principal","industry":"finance","district_contribution_wan":620}"#,
        r#"{"id":"2","post":"enterprise","role":"principal","industry":"finance","district_contribution_wan":50}"#,
        r#"{"id":"3","post":"enterprise","role":"principal","industry":"finance"}"#,
        r#"{"id":"4","post":"professional_technical","honour":["泰山学者"]}"#,
        r#"{"id":"5","post":"professional_technical","professional_title":"senior","papers":12}"#,
        r#"{"id":"6","post":"professional_technical","professional_title":"senior"}"#,
    ] {
        let p = read(&policy, json);
        let c = policy.classify(&p);
        println!("{}", c.to_json());
    }
}

#[test]
fn scratch_broken() {
    let doc = PolicyDoc::from_toml(&std::fs::read_to_string("/tmp/broken-facts.toml").unwrap()).unwrap();
    let err = Policy::from_doc(&doc).unwrap_err();
    for p in err.problems() {
        println!("{:?} | {}", p.kind(), p);
    }
}

#[test]
fn scratch_builtin() {
    let mut text = include_str!("data/facts-policy.toml").to_owned();
    text.push_str(
        r#"
[[evaluations]]
fact = "contribution"
from = "district_contribution_wan"
grades = [{ value = "major", at_least = 500 }]
otherwise = "ordinary"
source = "illustration"
"#,
    );
    let policy = Policy::from_doc(&PolicyDoc::from_toml(&text).unwrap()).unwrap();
    for json in [
        r#"{"id":"1","post":"enterprise","role":"owner","industry":"finance","performance":"outstanding","district_contribution_wan":620}"#,
        r#"{"id":"2","post":"enterprise","role":"owner","industry":"finance","performance":"outstanding","contribution":"ordinary","district_contribution_wan":620}"#,
        r#"{"id":"3","post":"enterprise","role":"owner","industry":"finance","performance":"outstanding"}"#,
    ] {
        let p = policy.profile_from_json(json).unwrap();
        println!("{}", policy.classify(&p).to_json());
    }
}
