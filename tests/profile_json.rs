//! Reading the profile record (DOMAIN.md §3): accepted forms, every error kind with its exact message, and the
//! order in which a record reports its first error.
#![cfg(feature = "json")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests and benches may panic on a broken fixture

use talent_matrix::{
    Contribution, EnterpriseSize, Industry, Performance, Post, Profile, ProfileError, Role, Wan,
};

fn err(json: &str) -> String {
    Profile::from_json(json).unwrap_err().to_string()
}

fn ok(json: &str) -> Profile {
    Profile::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn value_fields_accept_codes_and_every_label() {
    let by_code = ok(
        r#"{"id":"1","post":"enterprise","role":"middle_manager","industry":"software_it","performance":"good","contribution":"notable"}"#,
    );
    let by_hans = ok(
        r#"{"id":"1","post":"企业","role":"中层管理人员","industry":"软件和信息技术服务业","performance":"良好","contribution":"贡献较大"}"#,
    );
    let by_hant = ok(
        r#"{"id":"1","post":"企業","role":"中層管理人員","industry":"軟件和信息技術服務業","performance":"良好","contribution":"貢獻較大"}"#,
    );
    let by_en = ok(
        r#"{"id":"1","post":"ENTERPRISE","role":"Middle Manager","industry":" software and it services ","performance":"Good","contribution":"notable"}"#,
    );
    assert_eq!(by_code, by_hans);
    assert_eq!(by_code, by_hant);
    assert_eq!(by_code, by_en);
    assert_eq!(by_code.role(), Some(Role::MiddleManager));
    assert_eq!(by_code.industry(), Some(Industry::SoftwareIt));
    assert_eq!(by_code.performance(), Performance::Good);
    assert_eq!(by_code.contribution(), Contribution::Notable);
}

#[test]
fn absent_null_and_blank_optional_fields_are_absent() {
    let p = ok(
        r#"{"id":"1","post":"enterprise","role":null,"industry":"","employees":"  ","revenue_wan":null,
        "above_designated_size":"","potential":null,"performance":" ","name":"\t"}"#,
    );
    assert_eq!(p, Profile::builder("1", Post::Enterprise).build().unwrap());
    assert_eq!(p.performance(), Performance::Ordinary);
    assert!(!p.potential());
    assert_eq!(p.name(), None);
}

#[test]
fn whole_numbers_and_money() {
    for employees in ["300", "300.0", "3e2", "3E2", "300.000"] {
        let p = ok(&format!(
            r#"{{"id":"1","post":"enterprise","employees":{employees}}}"#
        ));
        assert_eq!(p.employees(), Some(300), "{employees}");
    }
    assert_eq!(
        ok(r#"{"id":"1","post":"enterprise","employees":-0}"#).employees(),
        Some(0)
    );
    assert_eq!(
        ok(r#"{"id":"1","post":"enterprise","employees":-0.0}"#).employees(),
        Some(0)
    );
    assert_eq!(
        ok(r#"{"id":"1","post":"enterprise","employees":10000000}"#).employees(),
        Some(10_000_000)
    );
    let money = |v: &str| {
        ok(&format!(
            r#"{{"id":"1","post":"enterprise","revenue_wan":{v}}}"#
        ))
        .revenue_wan()
    };
    assert_eq!(money("2500"), Some(Wan::from_wan(2500)));
    assert_eq!(money("2500.5"), Some(Wan::from_yuan(25_005_000)));
    assert_eq!(money("1.50000"), Some(Wan::from_yuan(15_000)));
    assert_eq!(money("0.0001"), Some(Wan::from_yuan(1)));
    assert_eq!(money("-0"), Some(Wan::ZERO));
    assert_eq!(money("2.5e3"), Some(Wan::from_wan(2500)));
    assert_eq!(money("10000000000"), Some(Wan::from_wan(10_000_000_000)));
    assert_eq!(
        money("9999999999.9999"),
        Some(Wan::from_yuan(99_999_999_999_999))
    );
}

#[test]
fn number_errors_name_field_value_and_range() {
    let e = |field: &str, v: &str| {
        err(&format!(
            r#"{{"id":"1","post":"enterprise","{field}":{v}}}"#
        ))
    };
    assert_eq!(
        e("employees", "-5"),
        "employees must be a whole number from 0 to 10000000, got -5"
    );
    assert_eq!(
        e("employees", "2.5"),
        "employees must be a whole number from 0 to 10000000, got 2.5"
    );
    assert_eq!(
        e("employees", "10000001"),
        "employees must be a whole number from 0 to 10000000, got 10000001"
    );
    assert_eq!(
        e("employees", "1e20"),
        "employees must be a whole number from 0 to 10000000, got 1e20"
    );
    assert_eq!(
        e("employees", r#""300""#),
        r#"employees must be a whole number from 0 to 10000000, got "300""#
    );
    assert_eq!(
        e("employees", "true"),
        "employees must be a whole number from 0 to 10000000, got true"
    );
    assert_eq!(
        e("employees", "[1]"),
        "employees must be a whole number from 0 to 10000000, got [1]"
    );
    let money = "must be a number from 0 to 10000000000 with at most 4 decimal places";
    assert_eq!(
        e("revenue_wan", "-1"),
        format!("revenue_wan {money}, got -1")
    );
    assert_eq!(
        e("revenue_wan", "-0.5"),
        format!("revenue_wan {money}, got -0.5")
    );
    assert_eq!(
        e("revenue_wan", "1.23456"),
        format!("revenue_wan {money}, got 1.23456")
    );
    assert_eq!(
        e("assets_wan", "10000000000.0001"),
        format!("assets_wan {money}, got 10000000000.0001")
    );
    assert_eq!(
        e("assets_wan", "18446744073709551615"),
        format!("assets_wan {money}, got 18446744073709551615")
    );
    assert_eq!(
        e("assets_wan", r#""2500""#),
        format!(r#"assets_wan {money}, got "2500""#)
    );
    assert_eq!(
        e("assets_wan", r#"{"a":1}"#),
        format!(r#"assets_wan {money}, got {{"a":1}}"#)
    );
}

#[test]
fn bool_and_value_errors() {
    let e = |field: &str, v: &str| {
        err(&format!(
            r#"{{"id":"1","post":"enterprise","{field}":{v}}}"#
        ))
    };
    assert_eq!(
        e("potential", r#""true""#),
        r#"potential must be true or false, got "true""#
    );
    assert_eq!(
        e("potential", "1"),
        "potential must be true or false, got 1"
    );
    assert_eq!(
        e("above_designated_size", r#""是""#),
        r#"above_designated_size must be true or false, got "是""#
    );
    assert_eq!(
        e("enterprise_size", r#""huge""#),
        r#"enterprise_size must be one of micro, small, medium, large, or a label, got "huge""#
    );
    assert_eq!(
        e("performance", "3"),
        "performance must be one of ordinary, good, outstanding, or a label, got 3"
    );
    assert_eq!(
        e("introduction_level", r#""百""#),
        r#"introduction_level must be one of hundred, thousand, ten_thousand, or a label, got "百""#
    );
    // Fields a rule ignores are still validated (role on a non-enterprise post).
    assert_eq!(
        err(r#"{"id":"1","post":"rural","role":"boss"}"#),
        r#"role must be one of principal, owner, senior_manager, middle_manager, staff, or a label, got "boss""#
    );
    assert_eq!(
        err(r#"{"id":"1","post":"other","name":5}"#),
        "name must be a string, got 5"
    );
}

#[test]
fn id_and_post_are_required() {
    assert_eq!(
        err(r#"{"post":"other"}"#),
        "missing field id, expected a string of 1 to 64 characters"
    );
    assert_eq!(
        err(r#"{"id":null,"post":"other"}"#),
        "missing field id, expected a string of 1 to 64 characters"
    );
    assert_eq!(
        err(r#"{"id":"  ","post":"other"}"#),
        r#"id must be a string of 1 to 64 characters, got "  ""#
    );
    assert_eq!(
        err(r#"{"id":123,"post":"other"}"#),
        "id must be a string of 1 to 64 characters, got 123"
    );
    let long = "x".repeat(65);
    assert_eq!(
        err(&format!(r#"{{"id":"{long}","post":"other"}}"#)),
        format!(r#"id must be a string of 1 to 64 characters, got "{long}""#)
    );
    let post = "one of party_government, enterprise, professional_technical, skilled_trade, social_work, \
                community, rural, other, or a label";
    assert_eq!(
        err(r#"{"id":"1"}"#),
        format!("missing field post, expected {post}")
    );
    assert_eq!(
        err(r#"{"id":"1","post":null}"#),
        format!("missing field post, expected {post}")
    );
    assert_eq!(
        err(r#"{"id":"1","post":""}"#),
        format!(r#"post must be {post}, got """#)
    );
    // The id is trimmed and counted in characters.
    assert_eq!(
        ok(&format!(
            r#"{{"id":" {} ","post":"other"}}"#,
            "號".repeat(64)
        ))
        .id()
        .chars()
        .count(),
        64
    );
}

#[test]
fn unknown_and_duplicate_fields() {
    assert_eq!(
        err(r#"{"id":"1","post":"other","industy":"retail"}"#),
        "unknown field industy, expected a profile field (did you mean industry?)"
    );
    assert_eq!(
        err(r#"{"id":"1","post":"other","Revenue":1}"#),
        "unknown field Revenue, expected a profile field (did you mean revenue_wan?)"
    );
    assert_eq!(
        err(r#"{"id":"1","post":"other","post":"rural"}"#),
        "duplicate field post"
    );
    // Even a duplicate with the same value, and a duplicate null, are duplicates.
    assert_eq!(
        err(r#"{"id":"1","post":"other","role":null,"role":null}"#),
        "duplicate field role"
    );
    let e = Profile::from_json(r#"{"id":"1","post":"other","emploees":1}"#).unwrap_err();
    assert_eq!(e.field(), Some("emploees"));
    assert_eq!(e.value(), None);
}

#[test]
fn syntax_and_shape_errors() {
    assert!(matches!(
        Profile::from_json("{"),
        Err(ProfileError::Syntax { .. })
    ));
    assert!(matches!(
        Profile::from_json(r#"{"id":"1","post":"other"} x"#),
        Err(ProfileError::Syntax { .. })
    ));
    assert!(matches!(
        Profile::from_json(""),
        Err(ProfileError::Syntax { .. })
    ));
    // Described by type and length, never quoted (issue 10: a record that is not an object was echoed whole).
    assert_eq!(
        err("null"),
        "a profile must be a JSON object, got null (4 bytes)"
    );
    assert_eq!(
        err(r#""P-1""#),
        "a profile must be a JSON object, got a string (5 bytes)"
    );
    assert_eq!(
        err("[1,2]"),
        "a profile must be a JSON object, got an array (5 bytes)"
    );
    assert_eq!(
        err("2.5"),
        "a profile must be a JSON object, got a number (3 bytes)"
    );
    assert_eq!(
        err("true"),
        "a profile must be a JSON object, got a boolean (4 bytes)"
    );
    assert_eq!(Profile::from_json("[1,2]").unwrap_err().value(), None);
}

#[test]
fn first_error_follows_the_documented_order() {
    // Syntax beats everything.
    assert!(err(r#"{"zzz":1,"id":"#).starts_with("invalid JSON: "));
    // Unknown and duplicate fields come before any value, in the order they appear.
    assert_eq!(
        err(r#"{"employees":-5,"zzz":1,"post":"other","post":"x"}"#),
        "unknown field zzz, expected a profile field (did you mean id?)"
    );
    assert_eq!(
        err(r#"{"employees":-5,"post":1,"post":2,"zzz":1}"#),
        "duplicate field post"
    );
    // Then values in the order of the §3 table, whatever the order of the keys.
    assert_eq!(
        err(r#"{"potential":"x","employees":-5,"post":"enterprise","id":"1"}"#),
        "employees must be a whole number from 0 to 10000000, got -5"
    );
    assert_eq!(
        err(r#"{"employees":-5,"post":"nope","id":"  "}"#),
        r#"id must be a string of 1 to 64 characters, got "  ""#
    );
    assert!(err(r#"{"employees":-5,"post":"nope","id":"1"}"#).starts_with("post must be"));
    assert!(
        err(r#"{"introduction_level":"x","ownership":"y","id":"1","post":"other"}"#)
            .starts_with("ownership")
    );
}

#[test]
fn error_accessors_give_the_roster_forms() {
    let e = Profile::from_json(r#"{"id":"P-007","post":"enterprise","employees":-5}"#).unwrap_err();
    assert_eq!(
        (e.field(), e.value().as_deref()),
        (Some("employees"), Some("-5"))
    );
    let e = Profile::from_json(r#"{"id":"P-007","post":"ceo"}"#).unwrap_err();
    assert_eq!(
        (e.field(), e.value().as_deref()),
        (Some("post"), Some("ceo"))
    );
    let e = Profile::from_json(r#"{"id":"1","post":"other","rural_role":["a"]}"#).unwrap_err();
    assert_eq!(e.value().as_deref(), Some(r#"["a"]"#));
}

#[test]
fn serde_round_trip_and_deserialize_through_any_serde_entry_point() {
    let p = ok(
        r#"{"id":"R-1","name":"赵强","post":"enterprise","role":"owner","industry":"retail","employees":40,
        "revenue_wan":380.25,"assets_wan":0.0001,"enterprise_size":"small","above_designated_size":false,
        "ownership":"private","performance":"good","contribution":"major","potential":true,
        "professional_title":"junior","skill_level":"technician","social_work_certificate":"social_worker",
        "rural_role":"craft","introduction_level":"thousand"}"#,
    );
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(Profile::from_json(&json).unwrap(), p);
    assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), p);
    assert!(json.contains(r#""revenue_wan":380.25"#), "{json}");
    assert_eq!(p.enterprise_size(), Some(EnterpriseSize::Small));
    // Through serde_json's own entry point the message is the same, with serde_json's position appended.
    let e = serde_json::from_str::<Profile>(r#"{"id":"1","post":"enterprise","employees":-5}"#)
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("employees must be a whole number from 0 to 10000000, got -5"),
        "{e}"
    );
    // A minimal profile serializes without absent fields: a field with a default is written only when it was
    // stated, so that a stated value (which wins over one a policy evaluates, DOMAIN.md §9.3) reads back stated.
    let minimal = Profile::builder("M", Post::Other).build().unwrap();
    assert_eq!(
        serde_json::to_string(&minimal).unwrap(),
        r#"{"id":"M","post":"other"}"#
    );
    let stated = Profile::builder("M", Post::Other)
        .performance(talent_matrix::Performance::Ordinary)
        .potential(false)
        .build()
        .unwrap();
    let text = serde_json::to_string(&stated).unwrap();
    assert_eq!(
        text,
        r#"{"id":"M","post":"other","performance":"ordinary","potential":false}"#
    );
    assert_eq!(Profile::from_json(&text).unwrap(), stated);
    assert_ne!(stated, minimal);
}

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

/// Generated roster lines (clean ones, and each with one field spelled as a label or given a wrong value) read
/// the same through `Profile::from_json`, whose fast paths take most of them, and through serde, which takes
/// the general path.
#[cfg(feature = "serde")]
#[test]
fn the_fast_readers_read_generated_lines_as_serde_does() {
    let mut g = generator::Generator::new(31);
    let mut rng = generator::Rng::new(32);
    let spoilers = [
        (r#""post":"enterprise""#, r#""post":"企业""#),
        (r#""role":"staff""#, r#""role":"普通员工""#),
        (r#""performance":"good""#, r#""performance":"GOOD""#),
        (r#""employees":"#, r#""employees":-"#),
        (r#""potential":true"#, r#""potential":"true""#),
        (r#""industry":"finance""#, r#""industry":" finance ""#),
    ];
    let mut changed = 0;
    for _ in 0..20_000 {
        let mut line = generator::to_json_line(&g.record());
        if rng.chance(0.5) {
            let (from, to) = spoilers[rng.pick(&[0, 1, 2, 3, 4, 5])];
            if line.contains(from) {
                line = line.replacen(from, to, 1);
                changed += 1;
            }
        }
        let ours = Profile::from_json(&line);
        let general = serde_json::from_str::<Profile>(&line);
        match (&ours, &general) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{line}"),
            (Err(a), Err(b)) => assert!(
                b.to_string().starts_with(&a.to_string()),
                "{line}\n{a}\n{b}"
            ),
            _ => panic!("{line}\n{ours:?}\n{general:?}"),
        }
    }
    assert!(changed > 1000, "{changed}");
}
