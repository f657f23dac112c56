//! The process keeps at most 4,096 values that policies define (DOMAIN.md §9.1), so loading untrusted policies
//! cannot grow memory without bound. In its own test binary: it fills the process's table.
#![cfg(all(feature = "toml", feature = "json"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use talent_matrix::policy::{LabelsDoc, PolicyDoc, ValueDoc};
use talent_matrix::{Department, Policy};

/// The built-in policy's rules with `n` departments of its own, numbered from `first`.
fn with_departments(first: usize, n: usize) -> PolicyDoc {
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = format!("departments-{first}");
    for i in first..first + n {
        doc.values.push(ValueDoc {
            list: "department".into(),
            code: format!("office_{i}"),
            labels: LabelsDoc::new(
                &format!("办公室{i}"),
                &format!("辦公室{i}"),
                &format!("Office {i}"),
            ),
            aliases: Vec::new(),
            source: "test".into(),
        });
    }
    doc
}

#[test]
fn the_table_of_definitions_is_bounded_and_loading_again_reuses_it() {
    let first = Policy::from_doc(&with_departments(0, 60)).unwrap();
    let office: Department = first.parse("办公室7").unwrap();
    // Loading the same definitions again keeps nothing new.
    for _ in 0..10 {
        let again = Policy::from_doc(&with_departments(0, 60)).unwrap();
        assert_eq!(again.parse::<Department>("office_7").unwrap(), office);
    }
    // The worked policy's values now have numbers far past the built-in ones; its records read them right.
    let other = Policy::from_doc(
        &PolicyDoc::from_toml(include_str!("../examples/data/policy-other-place.toml")).unwrap(),
    )
    .unwrap();
    let top = other.parse::<talent_matrix::Tier>("top").unwrap();
    assert!(top.index() > 32, "{}", top.index());
    let p = other
        .profile_from_json(
            r#"{"id":"1","post":"professional_technical","professional_title":"senior","papers":31,"sector":"health"}"#,
        )
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&other.classify(&p).to_json()).unwrap();
    assert_eq!(json["tier"], "top");
    assert_eq!(json["specialty"], "health");
    assert_eq!(json["reasons"][3]["zh"], "层次为顶尖人才：市中英才工作津贴");
    // Below the top tier, the reason says what the top tier needs, from the person's facts with the decided
    // specialty and tier numbered by the policy.
    let p = other
        .profile_from_json(
            r#"{"id":"2","post":"professional_technical","professional_title":"senior","papers":12,"sector":"health"}"#,
        )
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&other.classify(&p).to_json()).unwrap();
    assert_eq!(
        json["reasons"][2]["zh"],
        "职称为正高级，论文数12（≥ 10）：领军人才；顶尖人才需荣誉称号为泰山学者（现为无）"
    );
    let path = talent_matrix::progression::progression(&other, &p);
    assert_eq!(path.steps()[0].tier(), top);

    // New definitions fill the table: 60 a policy, until one no longer fits.
    let mut at = 60;
    let refused = loop {
        match Policy::from_doc(&with_departments(at, 60)) {
            Ok(_) => at += 60,
            Err(e) => break e,
        }
        assert!(at <= 4096, "the table took more than 4,096 definitions");
    };
    // 60 and the worked policy's 8 were kept before: 60 × 67 + 8 = 4,028, and 60 more do not fit.
    assert_eq!(at, 4080);
    let problems: Vec<String> = refused.problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 60 - 8);
    assert_eq!(
        problems[0],
        r#"values[8]: this process already keeps 4096 values that policies defined, the most it keeps: department "office_4088" cannot be kept"#
    );
    // What was kept stays usable, and a policy whose definitions are all kept still loads.
    assert_eq!(office.to_string(), "Office 7");
    assert!(Policy::from_doc(&with_departments(0, 60)).is_ok());
}
