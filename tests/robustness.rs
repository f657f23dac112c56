//! No input makes the crate panic: arbitrary JSON values as profiles and policies, arbitrary bytes as CSV and
//! JSON Lines rosters, arbitrary strings to every `FromStr`; each gives a value or a clear error. And a roster
//! damaged by truncation, corruption and interleaved garbage still accounts for every row with its line.
#![cfg(all(feature = "roster", feature = "toml"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use proptest::prelude::*;
use talent_matrix::lifecycle::Date;
use talent_matrix::policy::PolicyDoc;
use talent_matrix::roster::{Encoding, Format, Roster, RosterOptions};
use talent_matrix::{
    Contribution, Department, EnterpriseSize, Entitlement, Field, Industry, IntroductionLevel,
    Lang, MissingFact, Ownership, Performance, Policy, Post, ProfessionalTitle, Profile, Role,
    Rule, RuralRole, Service, SkillLevel, SocialWorkCertificate, Specialty, Stream, Tier, Wan,
    classify,
};

/// Arbitrary JSON: random keys (often profile fields), types, nesting, huge and negative numbers, long strings.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let key = prop_oneof![
        prop::sample::select(
            Field::ALL
                .iter()
                .map(|f| f.code().to_owned())
                .collect::<Vec<_>>()
        ),
        "[a-z_]{0,12}",
        ".{0,8}",
    ];
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "enterprise",
            "owner",
            "大型",
            "  ",
            "",
            "finance",
            "true",
            "1,000",
            "3e2"
        ])
        .prop_map(serde_json::Value::from),
        ".{0,300}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((key.clone(), inner), 0..12)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn check_every_from_str(s: &str) {
    fn one<T: core::str::FromStr>(s: &str) -> bool
    where
        T::Err: std::fmt::Display,
    {
        match s.parse::<T>() {
            Ok(_) => true,
            Err(e) => !e.to_string().is_empty(),
        }
    }
    assert!(one::<Stream>(s) && one::<Specialty>(s) && one::<Tier>(s) && one::<Department>(s));
    assert!(one::<Post>(s) && one::<Role>(s) && one::<Industry>(s) && one::<EnterpriseSize>(s));
    assert!(
        one::<Ownership>(s)
            && one::<Performance>(s)
            && one::<Contribution>(s)
            && one::<ProfessionalTitle>(s)
    );
    assert!(one::<SkillLevel>(s) && one::<SocialWorkCertificate>(s) && one::<RuralRole>(s));
    assert!(
        one::<IntroductionLevel>(s)
            && one::<Entitlement>(s)
            && one::<Service>(s)
            && one::<MissingFact>(s)
    );
    assert!(one::<Field>(s) && one::<Lang>(s) && one::<Wan>(s) && one::<Rule>(s) && one::<Date>(s));
    assert!(one::<Format>(s) && one::<Encoding>(s));
}

/// Reads a whole roster and checks the accounting.
fn account(bytes: &[u8], format: Format) {
    match Roster::from_reader(bytes, format, &RosterOptions::default()) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(mut roster) => {
            let mut last_line = 0;
            let mut n = 0u64;
            for item in roster.by_ref() {
                n += 1;
                let line = match &item {
                    Ok(row) => {
                        let _ = classify(row.profile()).to_json();
                        row.line()
                    }
                    Err(e) => {
                        assert!(!e.error().is_empty());
                        e.line()
                    }
                };
                assert!(
                    line >= 1 && line >= last_line,
                    "lines go forward: {last_line} then {line}"
                );
                last_line = line;
            }
            let s = roster.summary();
            assert_eq!(s.read(), n);
            assert_eq!(s.read(), s.accepted() + s.rejected());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_json_is_a_profile_or_a_clear_error(v in json_value()) {
        let text = v.to_string();
        match Profile::from_json(&text) {
            Ok(p) => {
                let c = classify(&p);
                let json = c.to_json();
                prop_assert!(json.starts_with(r#"{"id":"#), "{}", json);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn arbitrary_json_is_a_policy_or_a_clear_error(v in json_value()) {
        match PolicyDoc::from_json(&v.to_string()) {
            Ok(doc) => {
                if let Err(e) = Policy::from_doc(&doc) {
                    prop_assert!(!e.problems().is_empty());
                }
            }
            Err(e) => prop_assert!(!e.problems().is_empty()),
        }
    }

    #[test]
    fn arbitrary_strings_parse_or_fail_clearly(s in ".{0,40}", ascii in "[ -~]{0,20}") {
        check_every_from_str(&s);
        check_every_from_str(&ascii);
        let _ = PolicyDoc::from_toml(&s);
        let _ = Profile::from_json(&s);
    }

    #[test]
    fn arbitrary_bytes_are_rows_or_errors(
        bytes in prop::collection::vec(
            prop_oneof![any::<u8>(), Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'{'), Just(b'}')],
            0..400,
        ),
        header in prop::sample::select(vec!["id,post\n", "编号,岗位,职务\n", "id,post,employees,potential\n", ""]),
    ) {
        let mut csv = header.as_bytes().to_vec();
        csv.extend(&bytes);
        account(&csv, Format::Csv);
        account(&bytes, Format::JsonLines);
    }
}

#[test]
fn a_damaged_roster_still_accounts_for_every_row() {
    let good = include_str!("../examples/data/roster.jsonl");
    let lines: Vec<&str> = good.lines().collect();
    let mut damaged = String::new();
    let mut expected_rows = 0u64;
    for (i, line) in lines.iter().enumerate() {
        match i % 7 {
            // Truncated in the middle.
            0 => damaged.push_str(&line[..line.len() / 2]),
            // Garbage interleaved.
            3 => {
                damaged.push_str("%%% not json at all\n");
                expected_rows += 1;
                damaged.push_str(line);
            }
            // A corrupted value.
            5 => damaged.push_str(&line.replacen("\"post\":\"", "\"post\":\"x", 1)),
            _ => damaged.push_str(line),
        }
        damaged.push('\n');
        expected_rows += 1;
    }
    // And the file ends in the middle of a record, without a newline.
    damaged.push_str("{\"id\":\"LAST\",\"po");
    expected_rows += 1;
    let mut roster = Roster::from_reader(
        damaged.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    )
    .unwrap();
    let mut rejected_lines = Vec::new();
    for item in roster.by_ref() {
        if let Err(e) = item {
            rejected_lines.push(e.line());
        }
    }
    let s = roster.summary();
    assert_eq!(s.read(), expected_rows);
    assert_eq!(s.read(), s.accepted() + s.rejected());
    // Every truncated line (every 7th record), every garbage line, every corrupted post, and the last line.
    let truncated = lines.len().div_ceil(7);
    let garbage = (0..lines.len()).filter(|i| i % 7 == 3).count();
    let corrupted = (0..lines.len()).filter(|i| i % 7 == 5).count();
    assert_eq!(s.rejected() as usize, truncated + garbage + corrupted + 1);
    assert_eq!(
        rejected_lines.last(),
        Some(&(lines.len() as u64 + garbage as u64 + 1))
    );
    assert!(rejected_lines.windows(2).all(|w| w[0] < w[1]));
}
