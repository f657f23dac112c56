//! The facts, indicators and evaluations a policy adds (DOMAIN.md §9.2, §9.3), through the public API: reading
//! them, classifying with them, the sentences, the missing numbers, the refusals of §9.4, and the invariants of
//! §7 under a policy that has them.
#![cfg(all(feature = "toml", feature = "json", feature = "roster"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/invariants.rs"]
mod support;

use proptest::prelude::*;
use proptest::sample::select;
use support::{built_in, check_structure, give, matrix_counts, maybe, monotone, spoil, with};
use talent_matrix::policy::{PolicyDoc, ProblemKind};
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{
    Classification, Contribution, Matrix, Measure, Performance, PolicyValue, Post,
    ProfessionalTitle, Profile, Role, Tier,
};
use talent_matrix::{Industry, Policy};

const FACTS: &str = include_str!("../examples/data/policy-facts.toml");

/// The test policy: honours (many-valued), a contribution grade evaluated from district contribution, papers
/// compared directly.
fn policy() -> Policy {
    Policy::from_doc(&PolicyDoc::from_toml(FACTS).unwrap()).unwrap()
}

/// The test policy, evaluating the §3 fact `contribution` as well.
fn evaluating_contribution() -> Policy {
    let text = format!(
        "{FACTS}\n[[evaluations]]\nfact = \"contribution\"\nfrom = \"district_contribution_wan\"\n\
         grades = [{{ value = \"major\", at_least = 500 }}]\notherwise = \"ordinary\"\nsource = \"test\"\n"
    );
    Policy::from_doc(&PolicyDoc::from_toml(&text).unwrap()).unwrap()
}

fn read(policy: &Policy, json: &str) -> Profile {
    policy.profile_from_json(json).unwrap()
}

fn reasons(c: &Classification<'_>) -> Vec<(String, String, String)> {
    c.reasons()
        .map(|r| (r.rule().to_string(), r.zh().to_string(), r.en().to_string()))
        .collect()
}

fn missing(c: &Classification<'_>) -> Vec<String> {
    let mut names: Vec<String> = c
        .missing_facts()
        .iter()
        .map(|m| m.code().to_owned())
        .collect();
    names.extend(c.missing_indicators().map(str::to_owned));
    names
}

const FINANCE: &str = r#""post":"enterprise","role":"principal","industry":"finance""#;

#[test]
fn an_evaluated_fact_is_graded_and_says_so_in_both_languages() {
    let policy = policy();
    let major = read(
        &policy,
        &format!(r#"{{"id":"1",{FINANCE},"district_contribution_wan":620}}"#),
    );
    let c = policy.classify(&major);
    assert_eq!(c.specialty().map(|s| s.code()), Some("finance_commerce"));
    assert_eq!(
        c.entitlements()
            .iter()
            .map(|e| e.code())
            .collect::<Vec<_>>(),
        ["annual_reward"]
    );
    let r = reasons(&c);
    // Right after the stream's reason.
    assert_eq!(r[0].0, "stream.enterprise_management");
    assert_eq!(
        r[1],
        (
            "evaluation.contribution_grade".to_owned(),
            "区级经济贡献620万元 ≥ 500万元：贡献大".to_owned(),
            "District economic contribution 620 万元 ≥ 500 万元: Major".to_owned()
        )
    );
    // Below every grade: the lowest threshold missed.
    let ordinary = read(
        &policy,
        &format!(r#"{{"id":"2",{FINANCE},"district_contribution_wan":50}}"#),
    );
    let c = policy.classify(&ordinary);
    assert_eq!(c.specialty(), None);
    assert_eq!(
        reasons(&c)[1],
        (
            "evaluation.contribution_grade".to_owned(),
            "区级经济贡献50万元 < 100万元：一般".to_owned(),
            "District economic contribution 50 万元 < 100 万元: Ordinary".to_owned()
        )
    );
    // The middle grade, at its threshold exactly, and a decimal number.
    let notable = read(
        &policy,
        &format!(r#"{{"id":"3",{FINANCE},"district_contribution_wan":100}}"#),
    );
    assert_eq!(
        reasons(&policy.classify(&notable))[1].1,
        "区级经济贡献100万元 ≥ 100万元：贡献较大"
    );
    let just_below = read(
        &policy,
        &format!(r#"{{"id":"4",{FINANCE},"district_contribution_wan":499.9999}}"#),
    );
    assert_eq!(
        reasons(&policy.classify(&just_below))[1].1,
        "区级经济贡献499.9999万元 ≥ 100万元：贡献较大"
    );
}

#[test]
fn a_stated_value_wins_and_adds_no_evaluation() {
    let policy = policy();
    let stated = read(
        &policy,
        &format!(
            r#"{{"id":"1",{FINANCE},"contribution_grade":"一般","district_contribution_wan":620}}"#
        ),
    );
    let c = policy.classify(&stated);
    assert_eq!(c.specialty(), None);
    assert!(reasons(&c).iter().all(|r| !r.0.starts_with("evaluation.")));
    assert!(missing(&c).iter().all(|m| m != "district_contribution_wan"));
}

#[test]
fn an_absent_indicator_leaves_the_fact_open_and_is_missing() {
    let policy = policy();
    let open = read(&policy, &format!(r#"{{"id":"1",{FINANCE}}}"#));
    let c = policy.classify(&open);
    // An open specialty condition does not apply; the number to collect is named after the §4.7 names.
    assert_eq!(c.specialty(), None);
    assert_eq!(
        missing(&c),
        ["above_designated_size", "district_contribution_wan"]
    );
    assert!(reasons(&c).iter().all(|r| !r.0.starts_with("evaluation.")));
    let record: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert_eq!(
        record["missing_facts"],
        serde_json::json!(["above_designated_size", "district_contribution_wan"])
    );
    let serde_record = serde_json::to_value(c).unwrap();
    assert_eq!(serde_record["missing_facts"], record["missing_facts"]);
    // A direct clause whose number is absent: the higher tier is open, the lower one holds.
    let title = read(
        &policy,
        r#"{"id":"2","post":"professional_technical","professional_title":"senior"}"#,
    );
    let c = policy.classify(&title);
    assert_eq!(c.tier(), Some(Tier::HighEnd));
    assert_eq!(c.tier_condition(Tier::Leader), None);
    assert_eq!(missing(&c), ["papers"]);
    // The sentence explains the open alternative, not the false one: what is missing is what it names.
    let tier = c.reasons().last().unwrap();
    assert_eq!(
        tier.zh().to_string(),
        "职称为正高级：高端人才；领军人才需论文数（≥ 10，未填）"
    );
    assert_eq!(
        tier.en().to_string(),
        "professional title Senior: High-end talent; Leading talent needs papers (≥ 10, not given)"
    );
}

#[test]
fn direct_clauses_and_many_valued_facts_decide_tiers() {
    let policy = policy();
    let cases = [
        (
            r#"{"id":"1","post":"professional_technical","honour":["泰山学者"]}"#,
            Some(Tier::Leader),
            "荣誉称号为泰山学者：领军人才",
        ),
        (
            r#"{"id":"2","post":"professional_technical","honour":["shizhong_talent","taishan_scholar"]}"#,
            Some(Tier::Leader),
            "荣誉称号为市中英才、泰山学者：领军人才",
        ),
        (
            r#"{"id":"3","post":"professional_technical","professional_title":"senior","papers":12}"#,
            Some(Tier::Leader),
            "职称为正高级，论文数12（≥ 10）：领军人才",
        ),
        (
            r#"{"id":"4","post":"professional_technical","professional_title":"senior","papers":9}"#,
            Some(Tier::HighEnd),
            "职称为正高级：高端人才；领军人才需荣誉称号为泰山学者（现为无）",
        ),
        (
            r#"{"id":"5","post":"professional_technical","honour":["市中英才"]}"#,
            None,
            "",
        ),
    ];
    for (json, tier, zh) in cases {
        let p = read(&policy, json);
        let c = policy.classify(&p);
        assert_eq!(c.tier(), tier, "{json}");
        if tier.is_some() {
            assert_eq!(reasons(&c).last().unwrap().1, zh, "{json}");
        }
    }
    let senior = read(&policy, cases[2].0);
    let en = policy.classify(&senior);
    assert_eq!(
        reasons(&en).last().unwrap().2,
        "professional title Senior and papers 12 (≥ 10): Leading talent"
    );
    // `not = ["none"]`: any honour at all (the apartment needs one).
    let with = read(
        &policy,
        &format!(r#"{{"id":"6",{FINANCE},"district_contribution_wan":900,"honour":["市中英才"]}}"#),
    );
    let without = read(
        &policy,
        &format!(r#"{{"id":"7",{FINANCE},"district_contribution_wan":900}}"#),
    );
    let codes = |p: &Profile| {
        policy
            .classify(p)
            .entitlements()
            .iter()
            .map(|e| e.code())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&with),
        ["annual_reward", "finance_apartment_preference"]
    );
    assert_eq!(codes(&without), ["annual_reward"]);
}

#[test]
fn a_policy_may_evaluate_contribution_itself() {
    let policy = evaluating_contribution();
    let owner =
        r#""post":"enterprise","role":"owner","industry":"finance","performance":"outstanding""#;
    // Graded: major, so the leader tier holds.
    let graded = read(
        &policy,
        &format!(r#"{{"id":"1",{owner},"district_contribution_wan":620}}"#),
    );
    let c = policy.classify(&graded);
    assert_eq!(c.tier(), Some(Tier::Leader));
    let rules: Vec<String> = reasons(&c).into_iter().map(|r| r.0).collect();
    assert_eq!(
        rules[..3],
        [
            "stream.enterprise_management",
            "evaluation.contribution_grade",
            "evaluation.contribution"
        ]
    );
    assert_eq!(reasons(&c)[2].1, "区级经济贡献620万元 ≥ 500万元：贡献大");
    // Stated ordinary wins over the number.
    let stated = read(
        &policy,
        &format!(
            r#"{{"id":"2",{owner},"contribution":"ordinary","district_contribution_wan":620}}"#
        ),
    );
    assert_eq!(policy.classify(&stated).tier(), None);
    // Neither: open, not the §3 default; the number is what is missing.
    let open = read(&policy, &format!(r#"{{"id":"3",{owner}}}"#));
    let c = policy.classify(&open);
    assert_eq!(c.tier_condition(Tier::Leader), None);
    assert!(missing(&c).contains(&"district_contribution_wan".to_owned()));
    // The same profile under the built-in policy reads the default: ordinary, so no open condition.
    let built_in = Policy::shizhong_2011();
    assert_eq!(
        built_in.classify(&open).tier_condition(Tier::Leader),
        Some(false)
    );
    // The rule id parses back once a policy that defines it is loaded.
    assert_eq!(
        "evaluation.contribution"
            .parse::<talent_matrix::Rule>()
            .unwrap()
            .to_string(),
        "evaluation.contribution"
    );
    assert!(
        "evaluation.never_defined_anywhere"
            .parse::<talent_matrix::Rule>()
            .is_err()
    );
}

#[test]
fn json_fields_are_read_by_code_or_label_and_checked() {
    let policy = policy();
    let p = read(
        &policy,
        r#"{"id":"1","post":"professional_technical","honour":["泰山學者"," shizhong_talent "],"contribution_grade":"Major","papers":3,"district_contribution_wan":12.5}"#,
    );
    assert_eq!(
        p.policy_value("honour"),
        Some(&PolicyValue::Many(vec![
            "taishan_scholar".into(),
            "shizhong_talent".into()
        ]))
    );
    assert_eq!(
        p.policy_value("contribution_grade"),
        Some(&PolicyValue::One("major".into()))
    );
    assert_eq!(
        p.policy_value("district_contribution_wan"),
        Some(&PolicyValue::Number("12.5".parse().unwrap()))
    );
    // Null, an empty string and an empty list are absent.
    let empty = read(
        &policy,
        r#"{"id":"2","post":"other","honour":[],"contribution_grade":"","papers":null}"#,
    );
    assert_eq!(empty.policy_values().count(), 0);
    let errors = [
        (
            r#"{"id":"1","post":"other","honour":["泰山学者","泰山学者"]}"#,
            r#"honour takes each value once, got ["泰山学者","泰山学者"]"#,
        ),
        (
            r#"{"id":"1","post":"other","honour":["nobel"]}"#,
            r#"honour must be one of shizhong_talent, taishan_scholar (or their labels), got ["nobel"]"#,
        ),
        (
            r#"{"id":"1","post":"other","contribution_grade":["major"]}"#,
            r#"contribution_grade takes one value, got ["major"]"#,
        ),
        (
            r#"{"id":"1","post":"other","contribution_grade":"major；ordinary"}"#,
            "contribution_grade takes one value, got major；ordinary",
        ),
        (
            r#"{"id":"1","post":"other","papers":2.5}"#,
            "papers must be a whole number from 0 to 10000000, got 2.5",
        ),
        (
            r#"{"id":"1","post":"other","papers":"3"}"#,
            "papers must be a whole number from 0 to 10000000, got 3",
        ),
        (
            r#"{"id":"1","post":"other","district_contribution_wan":-1}"#,
            "district_contribution_wan must be an amount of 万元 from 0 to 10000000000 with at most 4 decimal places, got -1",
        ),
        (
            r#"{"id":"1","post":"other","district_contribution_wan":0.00001}"#,
            "district_contribution_wan must be an amount of 万元 from 0 to 10000000000 with at most 4 decimal places, got 1e-5",
        ),
    ];
    for (json, message) in errors {
        let err = policy.profile_from_json(json).unwrap_err();
        assert_eq!(err.to_string(), message, "{json}");
        assert!(err.field().is_some());
    }
    // The §3 fields are checked first, as ever; a key of no policy field is unknown.
    let err = policy
        .profile_from_json(r#"{"id":"1","post":"boss","honour":["nobel"]}"#)
        .unwrap_err();
    assert_eq!(err.field(), Some("post"));
    let err = policy
        .profile_from_json(r#"{"id":"1","post":"other","honours":[]}"#)
        .unwrap_err();
    assert!(
        err.to_string().starts_with("unknown field honours"),
        "{err}"
    );
    // Without the policy its fields are unknown fields.
    assert!(Profile::from_json(r#"{"id":"1","post":"other","honour":["泰山学者"]}"#).is_err());
}

#[test]
fn profiles_write_their_policy_fields_back() {
    let policy = policy();
    let p = read(
        &policy,
        r#"{"id":"1","post":"professional_technical","honour":["泰山学者"],"contribution_grade":"贡献大","papers":3,"district_contribution_wan":12.5}"#,
    );
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        r#"{"id":"1","post":"professional_technical","honour":["taishan_scholar"],"contribution_grade":"major","papers":3,"district_contribution_wan":12.5}"#
    );
    assert_eq!(read(&policy, &json), p);
    assert!(policy.check_profile(&p).is_ok());
    // Built in code: checked against the policy on request.
    let built = Profile::builder("2", Post::Other)
        .policy_value("honour", PolicyValue::Many(vec!["nobel".into()]))
        .build()
        .unwrap();
    assert_eq!(
        policy.check_profile(&built).unwrap_err().to_string(),
        "honour takes each of its values at most once: shizhong_talent, taishan_scholar, got nobel"
    );
    let foreign = Profile::builder("3", Post::Other)
        .policy_value("wealth", PolicyValue::Number(Measure::from_whole(1)))
        .build()
        .unwrap();
    assert_eq!(
        policy.check_profile(&foreign).unwrap_err().to_string(),
        "wealth is not a field of policy example-policy-facts, got 1"
    );
}

#[test]
fn csv_rosters_read_policy_columns_by_code_or_chinese_label() {
    let policy = policy();
    let csv = "编号,岗位,职称,荣誉称号,论文数,区级经济贡献\n\
               P-1,专业技术岗位,正高级,泰山学者；市中英才,12,\n\
               P-2,专业技术岗位,,泰山学者、泰山学者,,\n\
               P-3,企业,,,2.5,\n\
               P-4,企业,,,,-3\n\
               P-5,专业技术岗位,正高级,,,\n";
    let options = RosterOptions::default().policy(policy.clone());
    let rows: Vec<_> = Roster::from_reader(csv.as_bytes(), Format::Csv, &options)
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 5);
    let first = rows[0].as_ref().unwrap().profile();
    assert_eq!(
        first.policy_value("honour"),
        Some(&PolicyValue::Many(vec![
            "taishan_scholar".into(),
            "shizhong_talent".into()
        ]))
    );
    assert_eq!(policy.classify(first).tier(), Some(Tier::Leader));
    let errors: Vec<(u64, Option<&str>, Option<&str>, &str)> = rows[1..4]
        .iter()
        .map(|r| {
            let e = r.as_ref().unwrap_err();
            (e.line(), e.field(), e.value(), e.error())
        })
        .collect();
    assert_eq!(
        errors,
        [
            (
                3,
                Some("honour"),
                Some("泰山学者、泰山学者"),
                "honour takes each value once, got 泰山学者、泰山学者"
            ),
            (
                4,
                Some("papers"),
                Some("2.5"),
                "papers must be a whole number from 0 to 10000000, got 2.5"
            ),
            (
                5,
                Some("district_contribution_wan"),
                Some("-3"),
                "district_contribution_wan must be an amount of 万元 from 0 to 10000000000 with at most 4 decimal places, got -3"
            ),
        ]
    );
    let fifth = rows[4].as_ref().unwrap().profile();
    assert_eq!(missing(&policy.classify(fifth)), ["papers"]);
    // Without the policy the columns are unknown, as any other.
    let err =
        Roster::from_reader(csv.as_bytes(), Format::Csv, &RosterOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains(r#"unknown column "荣誉称号" (column 4)"#),
        "{err}"
    );
    // A policy field given by two columns is a header problem.
    let twice = "id,post,honour,荣誉称号\n";
    let err = Roster::from_reader(twice.as_bytes(), Format::Csv, &options).unwrap_err();
    assert!(
        err.to_string().contains("columns 3 and 4 both give honour"),
        "{err}"
    );
    // JSON Lines too, with the row's id in its error.
    let jsonl = "{\"id\":\"J-1\",\"post\":\"other\",\"honour\":[\"x\"]}\n";
    let row = Roster::from_reader(jsonl.as_bytes(), Format::JsonLines, &options)
        .unwrap()
        .next()
        .unwrap();
    let e = row.unwrap_err();
    assert_eq!(
        (e.line(), e.id(), e.field()),
        (1, Some("J-1"), Some("honour"))
    );
}

/// The document's problems, as `kind | path: message`.
fn problems(text: &str) -> Vec<String> {
    let doc = PolicyDoc::from_toml(text).unwrap();
    Policy::from_doc(&doc)
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| format!("{:?} | {p}", p.kind()))
        .collect()
}

/// The test policy's base: everything before its own facts.
fn base() -> &'static str {
    &FACTS[..FACTS.find("[[facts]]").unwrap()]
}

#[test]
fn every_problem_of_the_new_sections_is_reported_at_once() {
    let text = base()
        .replace(
            r#"when = [{ honour = ["taishan_scholar"] }, { professional_title = ["senior"], papers = { at_least = 10 } }]"#,
            r#"when = [{ honour = ["taishan_scholar", "nobel"] }, { professional_title = ["senior"], papers = { at_least = 10, below = 5 }, grade = ["x"] }]"#,
        )
        .replace(
            r#"contribution_grade = ["major", "notable"] }"#,
            r#"contribution_grade = ["major", "notable"], papers = ["many"], role = { at_least = 1 } }"#,
        )
        + include_str!("data/broken-facts.toml");
    assert_eq!(
        problems(&text),
        [
            r#"Repeated | facts[0].values[1].code: value code "shizhong_talent" is already taken"#,
            r#"Missing | facts[0].values[1].en: a label must not be empty"#,
            r#"Shape | facts[1].code: fact code "Contribution Grade" must be snake_case ASCII ([a-z][a-z0-9_]*, at most 48 bytes)"#,
            r#"Repeated | facts[1].zh_hans: label "贡献" is already taken"#,
            r#"Repeated | facts[2].code: fact code "honour" is already taken"#,
            r#"Repeated | facts[3].zh_hant: label "貢獻等級" is already taken"#,
            r#"Repeated | indicators[0].en: label "Contribution grade" is already taken"#,
            r#"Thresholds | evaluations[0].grades[1].at_least: grade thresholds must strictly decrease from the first grade to the last, got 500 after 100"#,
            r#"Unknown | evaluations[0].grades[1].value: contribution_grade cannot be "notable" (expected major, ordinary)"#,
            r#"Unknown | evaluations[0].otherwise: contribution_grade cannot be "poor" (expected major, ordinary)"#,
            r#"Repeated | evaluations[1].fact: contribution_grade has two evaluations"#,
            r#"Shape | evaluations[2].fact: honour is many-valued: only a one-valued fact can be evaluated"#,
            r#"Unknown | evaluations[3].fact: unknown fact "grade" (expected performance, contribution, potential or a one-valued fact of the policy: performance, contribution, potential, contribution_grade)"#,
            r#"Unknown | evaluations[3].from: unknown indicator "wealth" (expected one of papers, district_contribution_wan)"#,
            r#"Unknown | evaluations[4].grades[0].value: potential cannot be "yes" (expected true, false)"#,
            r#"Unknown | specialties[0].when: contribution_grade cannot be "notable" (expected none, major, ordinary)"#,
            r#"Shape | specialties[0].when: papers is an indicator: compare it as { at_least = n, below = n }"#,
            r#"Shape | specialties[0].when: role is not an indicator: list its values, or { not = [...] }"#,
            r#"Unknown | ladders[1].tiers[0].when[0]: honour cannot be "taishan_scholar" (expected none, shizhong_talent)"#,
            r#"Unknown | ladders[1].tiers[0].when[0]: honour cannot be "nobel" (expected none, shizhong_talent)"#,
            r#"Unknown | ladders[1].tiers[0].when[1]: unknown fact "grade" (expected one of post, role, ownership, industry, enterprise_size, above_designated_size, performance, contribution, potential, professional_title, skill_level, social_work_certificate, rural_role, introduction_level, stream, specialty, tier, honour, contribution_grade, papers, district_contribution_wan)"#,
            r#"Unreachable | ladders[1].tiers[0].when[1]: papers cannot be at least 10 and below 5"#,
        ]
    );
}

#[test]
fn the_proofs_see_a_policy_s_own_facts() {
    let ladder = |tiers: &str| {
        let start = base()
            .find("[[ladders]]\nstream = \"professional_technical\"")
            .unwrap();
        let end = base().find("[[entitlements]]").unwrap();
        format!(
            "{}[[ladders]]\nstream = \"professional_technical\"\n{tiers}\n{}{}",
            &base()[..start],
            &base()[end..],
            &FACTS[FACTS.find("[[facts]]").unwrap()..]
        )
    };
    // Any honour is above Taishan scholar: the lower tier never fires.
    let shadowed = ladder(
        "[[ladders.tiers]]\ntier = \"leader\"\nwhen = { honour = { not = [\"none\"] } }\nmanaged_by = [\"human_resources_bureau\"]\nsource = \"t\"\n\
         [[ladders.tiers]]\ntier = \"high_end\"\nwhen = { honour = [\"taishan_scholar\"] }\nmanaged_by = [\"human_resources_bureau\"]\nsource = \"t\"\n",
    );
    assert_eq!(
        problems(&shadowed),
        [
            r#"Shadowed | ladders[1].tiers[1]: tier "high_end" can never fire: wherever it holds, a higher tier (leader) holds too"#
        ]
    );
    // Ten papers or more above twenty or more: shadowed too; the other way round it is sound.
    let papers = |high: u32, low: u32| {
        ladder(&format!(
            "[[ladders.tiers]]\ntier = \"leader\"\nwhen = {{ papers = {{ at_least = {high} }} }}\nmanaged_by = [\"human_resources_bureau\"]\nsource = \"t\"\n\
             [[ladders.tiers]]\ntier = \"high_end\"\nwhen = {{ papers = {{ at_least = {low} }} }}\nmanaged_by = [\"human_resources_bureau\"]\nsource = \"t\"\n"
        ))
    };
    assert_eq!(
        problems(&papers(10, 20)),
        [
            r#"Shadowed | ladders[1].tiers[1]: tier "high_end" can never fire: wherever it holds, a higher tier (leader) holds too"#
        ]
    );
    assert!(Policy::from_doc(&PolicyDoc::from_toml(&papers(20, 10)).unwrap()).is_ok());
    // An evaluated contribution stays monotone in a tier.
    let text = format!(
        "{}\n[[evaluations]]\nfact = \"contribution\"\nfrom = \"district_contribution_wan\"\n\
         grades = [{{ value = \"major\", at_least = 500 }}]\notherwise = \"ordinary\"\nsource = \"test\"\n",
        ladder(
            "[[ladders.tiers]]\ntier = \"leader\"\nwhen = { contribution = [\"ordinary\"] }\nmanaged_by = [\"human_resources_bureau\"]\nsource = \"t\"\n"
        )
    );
    assert_eq!(
        problems(&text),
        [
            "NotMonotone | ladders[1].tiers[0].when: contribution allows Ordinary but not Notable: raising it would lower the tier"
        ]
    );
}

#[test]
fn the_built_in_policy_is_untouched() {
    // No slots: the built-in policy keeps its rows, and its records carry no policy field.
    let p = Profile::builder("1", Post::Enterprise)
        .role(Role::Principal)
        .industry(Industry::Finance)
        .performance(Performance::Outstanding)
        .contribution(Contribution::Major)
        .build()
        .unwrap();
    let c = talent_matrix::classify(&p);
    assert_eq!(c.missing_indicators().count(), 0);
    assert!(reasons(&c).iter().all(|r| !r.0.starts_with("evaluation.")));
    assert!(ProblemKind::Shadowed != ProblemKind::Unreachable);
}

// ---- §7's invariants under the test policy, with random facts and indicators ----

prop_compose! {
    fn profile()(
        post in select(Post::ALL.to_vec()),
        role in maybe::<Role>(),
        industry in maybe::<Industry>(),
        title in maybe::<ProfessionalTitle>(),
        performance in maybe::<Performance>(),
        contribution in maybe::<Contribution>(),
        above in proptest::option::of(any::<bool>()),
        honours in proptest::collection::btree_set(select(vec!["shizhong_talent", "taishan_scholar"]), 0..=2),
        grade in proptest::option::of(select(vec!["major", "notable", "ordinary"])),
        papers in proptest::option::of(0i64..30),
        wan in proptest::option::of(0i64..1_000),
    ) -> Profile {
        let mut b = built_in(post, role, industry, title, performance, contribution, above);
        if let Some(g) = grade {
            b = b.policy_value("contribution_grade", PolicyValue::One(g.to_owned()));
        }
        give(b, &honours, papers, wan).build().unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Invariants 1 to 4 and 8: total, deterministic, rule ids that parse back, sentences never empty, the
    /// profile's record reads back equal through the policy, and the structure of the record.
    #[test]
    fn invariants_1_to_4_and_8(p in profile()) {
        for policy in [policy(), evaluating_contribution()] {
            prop_assert!(policy.check_profile(&p).is_ok());
            let (a, b) = (policy.classify(&p), policy.classify(&p));
            prop_assert_eq!(a, b);
            prop_assert_eq!(a.to_json(), b.to_json());
            for (rule, zh, en) in reasons(&a) {
                prop_assert!(!zh.is_empty() && !en.is_empty() && !zh.contains('?'), "{}: {}", rule, zh);
                prop_assert_eq!(rule.parse::<talent_matrix::Rule>().map(|r| r.to_string()), Ok(rule.clone()));
            }
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(policy.profile_from_json(&json).unwrap(), p.clone());
            check_structure(&a)?;
        }
    }

    /// Invariant 5, and its reading for a policy's own numbers: raising performance or contribution, stating
    /// above-designated-size true, a larger indicator or one more honour never lowers the tier.
    #[test]
    fn invariant_5_monotone(p in profile(), more in 0i64..600) {
        for policy in [policy(), evaluating_contribution()] {
            monotone(&policy, &p, more)?;
        }
    }

    /// Invariant 6: the matrix counts every talent once, under the policy.
    #[test]
    fn invariant_6_matrix_counts(roster in proptest::collection::vec(profile(), 0..40)) {
        matrix_counts(&policy(), &roster)?;
    }

    /// Invariant 10, for the numbers a policy names: stating a missing indicator never lowers the tier, and
    /// raises it only to a tier whose condition was open.
    #[test]
    fn invariant_10_stating_a_missing_number(p in profile(), n in 0i64..1_000) {
        for policy in [policy(), evaluating_contribution()] {
            let before = policy.classify(&p);
            for code in before.missing_indicators() {
                let q = with(&p, code, PolicyValue::Number(Measure::from_whole(n)));
                let after = policy.classify(&q).tier();
                prop_assert!(after >= before.tier(), "{}: {:?} -> {:?}", code, before.tier(), after);
                if let Some(t) = after.filter(|_| after > before.tier()) {
                    prop_assert!(before.tier_condition(t).is_none(), "{} raised the tier to {:?}, which was not open", code, t);
                }
            }
        }
    }
}

#[test]
fn progression_states_the_thresholds_to_reach() {
    use talent_matrix::progression::progression;
    let policy = evaluating_contribution();
    let owner = read(
        &policy,
        r#"{"id":"1","post":"enterprise","role":"owner","industry":"finance","performance":"outstanding","district_contribution_wan":230}"#,
    );
    let path = progression(&policy, &owner);
    let leader = path
        .steps()
        .iter()
        .find(|s| s.tier() == Tier::Leader)
        .unwrap();
    let r = &leader.requirements()[0];
    assert_eq!(
        r.zh(),
        "区级经济贡献达到500万元（现为230万元）：贡献为贡献大"
    );
    assert_eq!(
        r.en(),
        "district economic contribution at least 500 万元 (now 230 万元): contribution Major"
    );
    // Applying it lands on the tier.
    let q = r.apply(owner.clone().into_builder()).build().unwrap();
    assert_eq!(policy.classify(&q).tier(), Some(Tier::Leader));
    // A direct clause: the threshold to reach, and a value to give; ties go to the first alternative.
    let papers_only = Policy::from_doc(
        &PolicyDoc::from_toml(&FACTS.replace(
            r#"when = [{ honour = ["taishan_scholar"] }, { professional_title = ["senior"], papers = { at_least = 10 } }]"#,
            r#"when = [{ professional_title = ["senior"], papers = { at_least = 10 } }, { honour = ["taishan_scholar"] }]"#,
        ))
        .unwrap(),
    )
    .unwrap();
    let scholar = read(
        &papers_only,
        r#"{"id":"2","post":"professional_technical","professional_title":"senior","papers":3}"#,
    );
    let path = progression(&papers_only, &scholar);
    let r = &path.steps()[0].requirements()[0];
    assert_eq!(
        (r.zh(), r.en()),
        ("论文数达到10（现为3）", "papers at least 10 (now 3)")
    );
    let q = r.apply(scholar.clone().into_builder()).build().unwrap();
    assert_eq!(papers_only.classify(&q).tier(), Some(Tier::Leader));
    let associate = read(
        &policy,
        r#"{"id":"3","post":"professional_technical","professional_title":"associate_senior"}"#,
    );
    let path = progression(&policy, &associate);
    let r = &path.steps()[0].requirements()[0];
    assert_eq!(
        (r.zh(), r.en()),
        (
            "荣誉称号为泰山学者（现为无）",
            "honour Taishan scholar (now none)"
        )
    );
    let q = r.apply(associate.clone().into_builder()).build().unwrap();
    assert_eq!(
        q.policy_value("honour"),
        Some(&PolicyValue::Many(vec!["taishan_scholar".into()]))
    );
    assert_eq!(policy.classify(&q).tier(), Some(Tier::Leader));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A document of policy facts spoiled at random (a line dropped or doubled, a value replaced by something
    /// else) loads or is refused with problems, never panics; one that loads classifies any profile.
    #[test]
    fn spoiled_documents_load_or_are_refused(
        line in 0usize..400,
        how in 0u8..3,
        with in select(vec!["-1", "1e400", "\"\"", "[]", "{}", "true", "0.00001", "\"none\"", "\"泰山学者\"",
                            "{ at_least = 5, below = 5 }", "[{}]", "99999999999999999999", "\"many\""]),
    ) {
        let text = spoil(FACTS, line, how, with);
        if let Ok(doc) = PolicyDoc::from_toml(&text) {
            match Policy::from_doc(&doc) {
                Ok(policy) => {
                    let p = Profile::builder("1", Post::ProfessionalTechnical)
                        .policy_value("papers", PolicyValue::Number(Measure::from_whole(3)))
                        .policy_value("honour", PolicyValue::Many(vec!["taishan_scholar".into()]))
                        .build()
                        .unwrap();
                    let c = policy.classify(&p);
                    let _ = c.to_json();
                    let _ = reasons(&c);
                }
                Err(e) => prop_assert!(!e.problems().is_empty()),
            }
        }
    }

    /// Any JSON value in a policy field is read or refused naming the field, never a panic.
    #[test]
    fn any_value_in_a_policy_field_is_read_or_refused(
        field in select(vec!["honour", "contribution_grade", "papers", "district_contribution_wan", "荣誉称号"]),
        value in select(vec!["null", "\"\"", "[]", "[null]", "[1]", "{}", "-0", "1e300", "-1e-9", "12.34567",
                             "\"泰山学者；\"", "\"、、\"", "[\"市中英才\",\"市中英才\"]", "\"\\u202e\"", "true",
                             "10000000001", "3", "\"3\"", "[\"泰山学者\"]", "\"major\""]),
    ) {
        let policy = policy();
        let json = format!(r#"{{"id":"1","post":"other","{field}":{value}}}"#);
        match policy.profile_from_json(&json) {
            Ok(p) => prop_assert!(policy.check_profile(&p).is_ok()),
            Err(e) => prop_assert!(e.field().is_some() || matches!(e, talent_matrix::ProfileError::UnknownField { .. }), "{}", e),
        }
    }
}

#[test]
fn json_keys_are_codes_and_csv_headers_may_be_labels() {
    let policy = policy();
    let err = policy
        .profile_from_json(r#"{"id":"1","post":"other","荣誉称号":["泰山学者"]}"#)
        .unwrap_err();
    assert!(
        err.to_string().starts_with("unknown field 荣誉称号"),
        "{err}"
    );
    assert!(policy.read_field("荣誉称号", "泰山学者").is_some());
    assert!(policy.read_field("榮譽稱號", "泰山學者").is_some());
    assert!(policy.read_field("Honour", "x").is_none());
}

#[test]
fn the_matrix_lists_who_misses_each_indicator_and_merges_them() {
    let policy = policy();
    let people: Vec<Profile> = [
        r#"{"id":"A","post":"professional_technical","professional_title":"senior"}"#,
        r#"{"id":"B","post":"enterprise","role":"principal","industry":"finance"}"#,
        r#"{"id":"C","post":"professional_technical","professional_title":"senior","papers":4}"#,
        r#"{"id":"D","post":"professional_technical","professional_title":"senior"}"#,
    ]
    .iter()
    .map(|l| read(&policy, l))
    .collect();
    let whole: Matrix = people.iter().map(|p| policy.classify(p)).collect();
    let listed = |m: &Matrix| -> Vec<(String, Vec<String>)> {
        m.missing_indicators()
            .map(|(k, ids)| (k.to_owned(), ids.iter().map(str::to_owned).collect()))
            .collect()
    };
    assert_eq!(
        listed(&whole),
        [
            ("papers".to_owned(), vec!["A".to_owned(), "D".to_owned()]),
            ("district_contribution_wan".to_owned(), vec!["B".to_owned()]),
        ]
    );
    let mut left: Matrix = people[..2].iter().map(|p| policy.classify(p)).collect();
    left.merge(people[2..].iter().map(|p| policy.classify(p)).collect());
    assert_eq!(listed(&left), listed(&whole));
    let table = whole.to_table(talent_matrix::Lang::ZhHans);
    assert!(table.contains("  论文数 (2): A D"), "{table}");
    assert!(table.contains("  区级经济贡献 (1): B"), "{table}");
    let json = serde_json::to_value(&whole).unwrap();
    assert_eq!(
        json["missing_facts"]["papers"],
        serde_json::json!(["A", "D"])
    );
    // The built-in policy's matrix has none.
    let built_in: Matrix = people.iter().map(talent_matrix::classify).collect();
    assert_eq!(built_in.missing_indicators().count(), 0);
}

#[test]
fn a_policy_s_own_fields_are_bounded() {
    let indicator = |i: usize| {
        format!(
            "\n[[indicators]]\ncode = \"n{i}\"\nzh_hans = \"指标{i}\"\nzh_hant = \"指標{i}\"\nen = \"Number {i}\"\nunit = \"count\"\nsource = \"t\"\n"
        )
    };
    // The test policy has two indicators: 63 more make 65.
    let many: String = (0..63).map(indicator).collect();
    assert_eq!(
        problems(&format!("{FACTS}{many}")),
        ["Limit | indicators: 65 entries, more than the limit of 64 (Limits::max_fields)"]
    );
    let limits = talent_matrix::policy::Limits::default().max_fields(70);
    let doc = PolicyDoc::from_toml(&format!("{FACTS}{many}")).unwrap();
    assert!(Policy::from_doc_with(&doc, &limits).is_ok());
    // More than twelve tested in conditions: more slots than there are.
    let fact = |i: usize| {
        format!(
            "\n[[facts]]\ncode = \"f{i}\"\nzh_hans = \"事实{i}\"\nzh_hant = \"事實{i}\"\nen = \"Fact {i}\"\nmany = false\n\
             values = [{{ code = \"yes\", zh_hans = \"是{i}\", zh_hant = \"是{i}\", en = \"Yes {i}\" }}]\nsource = \"t\"\n"
        )
    };
    // The test policy fills three slots (two facts, one indicator compared directly): ten more make 13.
    let thirteen: String = (0..10).map(fact).collect();
    assert_eq!(
        problems(&format!("{FACTS}{thirteen}")),
        [
            "Limit | the policy's facts and directly compared indicators need 13 slots (at most 12: 17 facts of the \
             profile are built in, 12 more a policy may add)",
            "Limit | ladders[1].tiers[0].when[1]: papers cannot be tested: the policy's facts and compared indicators \
             need more slots than there are",
        ]
    );
}

#[test]
fn a_fact_s_code_is_no_label_of_a_code_list() {
    let text = FACTS
        .replace(r#"code = "papers""#, r#"code = "finance""#)
        .replace("papers =", "finance =");
    assert_eq!(
        problems(&text),
        [
            r#"Repeated | indicators[1].code: indicator code "finance" is already the label "Finance" of a code list"#
        ]
    );
}

#[test]
fn policy_columns_of_hostile_rosters_are_row_errors() {
    let options = RosterOptions::default().policy(policy());
    // GB18030, as spreadsheet programs in Chinese locales write: headers and values read after decoding.
    let text = "编号,岗位,荣誉称号,论文数\nG-1,专业技术岗位,泰山学者,12\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let rows: Vec<_> = Roster::from_reader(&bytes[..], Format::Csv, &options)
        .unwrap()
        .collect();
    let p = rows[0].as_ref().unwrap().profile();
    assert_eq!(
        p.policy_value("papers"),
        Some(&PolicyValue::Number(Measure::from_whole(12)))
    );
    // A row that is not text in the file's encoding (the first non-ASCII row decided GB18030, so the UTF-8 row
    // after it is not either), a huge number and control characters: each one row's error at its line, and
    // the rows after them read.
    let mut csv = b"id,post,honour,papers\n".to_vec();
    csv.extend_from_slice(b"U-1,professional_technical,\xff\xfe,\n");
    csv.extend_from_slice("U-2,professional_technical,泰山学者,\n".as_bytes());
    csv.extend_from_slice(b"U-3,professional_technical,,1e999\n");
    csv.extend_from_slice(b"U-4,professional_technical,\x1b[31m,\n");
    csv.extend_from_slice(b"U-5,professional_technical,taishan_scholar,3\n");
    let rows: Vec<_> = Roster::from_reader(&csv[..], Format::Csv, &options)
        .unwrap()
        .collect();
    let errors: Vec<(u64, Option<&str>)> = rows
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| (e.line(), e.field()))
        .collect();
    assert_eq!(
        errors,
        [
            (2, None),
            (3, None),
            (4, Some("papers")),
            (5, Some("honour"))
        ]
    );
    assert_eq!(rows.last().unwrap().as_ref().unwrap().profile().id(), "U-5");
    // In UTF-8, a quoted cell over two lines is one cell: its values split on the separators, each trimmed
    // (the line break with the spaces around it); the next record starts at line 4.
    let utf8 = RosterOptions::default()
        .policy(policy())
        .encoding(talent_matrix::roster::Encoding::Utf8);
    let csv =
        "id,post,honour\nQ-1,professional_technical,\"泰山学者\n；市中英才\"\nQ-2,other,市中英才\n";
    let rows: Vec<_> = Roster::from_reader(csv.as_bytes(), Format::Csv, &utf8)
        .unwrap()
        .collect();
    let first = rows[0].as_ref().unwrap().profile();
    assert_eq!(
        first.policy_value("honour"),
        Some(&PolicyValue::Many(vec![
            "taishan_scholar".into(),
            "shizhong_talent".into()
        ]))
    );
    assert_eq!(rows[1].as_ref().unwrap().line(), 4);
    // What an error quotes cannot act on a terminal.
    for e in rows.iter().filter_map(|r| r.as_ref().err()) {
        assert!(!e.to_json().contains('\u{1b}'), "{}", e.to_json());
    }
}

#[test]
fn a_threshold_out_of_range_is_a_problem_never_dropped() {
    for huge in [
        "9223372036854775807",
        "-9223372036854775808",
        "100000000000000",
        "1e300",
    ] {
        let text = FACTS.replace(
            "papers = { at_least = 10 }",
            &format!("papers = {{ at_least = {huge} }}"),
        );
        let err = PolicyDoc::from_toml(&text).unwrap_err();
        let problems: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("ladders[1].tiers[0].when[1].papers.at_least: expected a number with at most 4 decimals"),
            "{problems:?}"
        );
    }
}

#[test]
fn an_evaluated_fact_is_never_none_even_when_open() {
    // The apartment needs any contribution grade at all: measuring can only give a grade, so the clause holds
    // while the grade is open too, and it leaves nothing to collect.
    let text = FACTS.replace(
        r#"when = { specialty = ["finance_commerce"], contribution_grade = ["major"], honour = { not = ["none"] } }"#,
        r#"when = { stream = ["enterprise_management"], contribution_grade = { not = ["none"] } }"#,
    );
    let policy = Policy::from_doc(&PolicyDoc::from_toml(&text).unwrap()).unwrap();
    let open = read(&policy, &format!(r#"{{"id":"1",{FINANCE}}}"#));
    let c = policy.classify(&open);
    assert_eq!(
        c.entitlements()
            .iter()
            .map(|e| e.code())
            .collect::<Vec<_>>(),
        ["finance_apartment_preference"]
    );
    // The number is still missing for the specialty, whose condition it leaves open.
    assert_eq!(
        missing(&c),
        ["above_designated_size", "district_contribution_wan"]
    );
    // "none" itself never holds for an evaluated fact: not stated, measured or open.
    let none = FACTS.replace(
        r#"when = { specialty = ["finance_commerce"], contribution_grade = ["major"], honour = { not = ["none"] } }"#,
        r#"when = { stream = ["enterprise_management"], contribution_grade = ["none"] }"#,
    );
    let policy = Policy::from_doc(&PolicyDoc::from_toml(&none).unwrap()).unwrap();
    for extra in [
        "",
        r#","district_contribution_wan":5"#,
        r#","contribution_grade":"ordinary""#,
    ] {
        let p = read(&policy, &format!(r#"{{"id":"1",{FINANCE}{extra}}}"#));
        assert!(policy.classify(&p).entitlements().is_empty(), "{extra}");
    }
}

#[test]
fn the_profile_fields_read_with_a_policy_read_exactly_as_without() {
    let policy = policy();
    for json in [
        r#"{"id":"1","post":"enterprise","industry":"retail","revenue_wan":1999.99999999999999}"#,
        r#"{"id":"1","post":"enterprise","industry":"retail","revenue_wan":2500.5,"employees":12}"#,
        r#"{"id":"1","post":"enterprise","employees":1e3}"#,
        r#"{"id":"1","post":"enterprise","revenue_wan":-0}"#,
    ] {
        assert_eq!(
            policy.profile_from_json(json).map_err(|e| e.to_string()),
            Profile::from_json(json).map_err(|e| e.to_string()),
            "{json}"
        );
        let with_own = json.replacen('{', r#"{"papers":3,"#, 1);
        let read = policy
            .profile_from_json(&with_own)
            .map_err(|e| e.to_string());
        let plain = Profile::from_json(json).map_err(|e| e.to_string());
        assert_eq!(
            read.as_ref().map(|p| p.revenue_wan()),
            plain.as_ref().map(|p| p.revenue_wan()),
            "{with_own}"
        );
        assert_eq!(read.err(), plain.err(), "{with_own}");
    }
}
