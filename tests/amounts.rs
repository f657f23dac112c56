//! What entitlements are worth (DOMAIN.md §9.1 "Amounts"): `amount_yuan` and `per` on an entitlement, read and
//! written back, refused out of range, and totalled by the matrix (people × amount, per period) in its JSON and
//! its table. Amounts are left out of a policy's hash (they decide no classification); the built-in policy's
//! annual reward carries the seed's 6 万元 a year; a policy without amounts writes and reports as before.
#![cfg(all(feature = "toml", feature = "json"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use talent_matrix::policy::{Amount, Per, PolicyDoc};
use talent_matrix::{
    Contribution, Entitlement, Industry, Lang, Matrix, Policy, Post, Profile, Role,
};

fn with_amounts() -> PolicyDoc {
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "with-amounts".into();
    doc.entitlements[0].amount = None;
    doc.entitlements[0].amount = Some(Amount {
        yuan: 60_000,
        per: Per::Year,
    });
    doc
}

fn finance_talent(id: &str) -> Profile {
    Profile::builder(id, Post::Enterprise)
        .role(Role::SeniorManager)
        .industry(Industry::Finance)
        .contribution(Contribution::Major)
        .build()
        .unwrap()
}

#[test]
fn amounts_are_read_and_written_back() {
    let doc = with_amounts();
    let toml = doc.to_toml();
    assert!(toml.contains("amount_yuan = 60000"), "{toml}");
    assert!(toml.contains(r#"per = "year""#), "{toml}");
    assert_eq!(PolicyDoc::from_toml(&toml).unwrap(), doc);
    assert_eq!(PolicyDoc::from_json(&doc.to_json()).unwrap(), doc);
    // The amount decides nothing, so it is left out of the hash the records carry; the rest is in it.
    let priced = Policy::from_doc(&doc).unwrap();
    let mut plain = doc.clone();
    plain.entitlements[0].amount = None;
    assert_eq!(priced.hash(), Policy::from_doc(&plain).unwrap().hash());
    plain.entitlements[0].source.push('.');
    assert_ne!(priced.hash(), Policy::from_doc(&plain).unwrap().hash());
    // The built-in annual reward: 6 万元 a year ([seed] 每年6萬元), and the built-in hash is the one its records
    // have always carried.
    assert_eq!(
        PolicyDoc::shizhong_2011().entitlements[0].amount,
        Some(Amount {
            yuan: 60_000,
            per: Per::Year
        })
    );
    assert_eq!(
        Policy::shizhong_2011().hash(),
        "sha256:eea5ec089bd7f434ae3cddd32490a47b0ba1757be4879a43f6d1ef90eb54a5e3"
    );
    assert!(PolicyDoc::shizhong_2011().entitlements[1].amount.is_none());
}

#[test]
fn bad_amounts_are_refused_naming_the_field() {
    let toml = with_amounts().to_toml();
    let cases = [
        (
            toml.replace(r#"per = "year""#, r#"per = "weekly""#),
            r#"entitlements[0].per: per must be year, month or once, got "weekly""#,
        ),
        (
            toml.replace(r#"per = "year""#, ""),
            "entitlements[0]: give amount_yuan and per together, or neither",
        ),
        (
            toml.replace("amount_yuan = 60000", "amount_yuan = -5"),
            "entitlements[0].amount_yuan: expected a whole number of at least 0, got -5",
        ),
    ];
    for (text, expected) in cases {
        let err = PolicyDoc::from_toml(&text).unwrap_err();
        assert_eq!(err.problems()[0].to_string(), expected, "{err}");
    }
    for yuan in [0, Amount::MAX_YUAN + 1] {
        let mut doc = with_amounts();
        doc.entitlements[0].amount = Some(Amount {
            yuan,
            per: Per::Once,
        });
        let err = Policy::from_doc(&doc).unwrap_err();
        assert_eq!(
            err.problems()[0].to_string(),
            format!(
                "entitlements[0].amount_yuan: amount_yuan must be a whole number of yuan from 1 to 100000000, got {yuan}"
            )
        );
    }
}

#[test]
fn the_matrix_totals_what_the_entitlements_cost() {
    let policy = Policy::from_doc(&with_amounts()).unwrap();
    assert_eq!(
        policy.entitlement_amount(Entitlement::AnnualReward),
        Some(Amount {
            yuan: 60_000,
            per: Per::Year
        })
    );
    let people: Vec<Profile> = (0..3).map(|i| finance_talent(&format!("F-{i}"))).collect();
    let mut left = Matrix::new();
    left.add(&policy.classify(&people[0]));
    let mut right = Matrix::new();
    for p in &people[1..] {
        right.add(&policy.classify(p));
    }
    // Merged, the amount is kept and the total counts everyone.
    left.merge(right);
    assert_eq!(
        left.entitlement_total(Entitlement::AnnualReward),
        Some((180_000, Per::Year))
    );
    assert_eq!(
        left.entitlement_total(Entitlement::FinanceApartmentPreference),
        None
    );
    let json = serde_json::to_value(&left).unwrap();
    assert_eq!(
        json["entitlement_amounts"],
        serde_json::json!({
            "annual_reward": { "people": 3, "amount_yuan": 60000, "per": "year", "total_yuan": 180000 }
        })
    );
    let en = left.to_table(Lang::En);
    let reward = Entitlement::AnnualReward.label(Lang::En);
    assert!(
        en.contains(&format!(
            "Entitlement amounts: {reward} 3 × 60000 yuan per year = 180000 yuan per year"
        )),
        "{en}"
    );
    let zh = left.to_table(Lang::ZhHans);
    let reward = Entitlement::AnnualReward.label(Lang::ZhHans);
    assert!(
        zh.contains(&format!(
            "待遇金额：{reward} 3人 × 每年60000元 = 每年180000元"
        )),
        "{zh}"
    );
    // The built-in policy totals its reward too.
    let mut built_in = Matrix::new();
    built_in.add(&Policy::shizhong_2011().classify(&people[0]));
    assert_eq!(
        built_in.entitlement_total(Entitlement::AnnualReward),
        Some((60_000, Per::Year))
    );
    // Without amounts, no such key and no such line.
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "no-amounts".into();
    doc.entitlements[0].amount = None;
    let no_amounts = Policy::from_doc(&doc).unwrap();
    let mut plain = Matrix::new();
    plain.add(&no_amounts.classify(&people[0]));
    assert!(
        serde_json::to_value(&plain)
            .unwrap()
            .get("entitlement_amounts")
            .is_none()
    );
    assert!(!plain.to_table(Lang::En).contains("Entitlement amounts"));
}
