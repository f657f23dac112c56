//! The values a policy defines for the five outcome lists, and its tier order (DOMAIN.md §9.1), through the
//! public API and the worked policy of another place (`examples/data/policy-other-place.toml` and its roster):
//! parsing, printing, serde, records, the matrix and its renderings, progression, policy diffs, every refusal
//! of §9.4 that belongs to §9.1, and the invariants of §7 under that policy with random facts and indicators.
#![cfg(all(feature = "toml", feature = "json", feature = "roster"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/invariants.rs"]
mod support;

use proptest::prelude::*;
use proptest::sample::select;
use support::{
    built_in, check_structure, give, height, matrix_counts, maybe, monotone, spoil, with,
};
use talent_matrix::policy::{Per, PolicyDoc};
use talent_matrix::progression::progression;
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{
    Contribution, Department, Entitlement, Industry, IntroductionLevel, Lang, Matrix, Measure,
    Open, Performance, Policy, PolicyValue, Post, ProfessionalTitle, Profile, Role, Rule, Service,
    Specialty, Stream, Tier,
};

const OTHER: &str = include_str!("../examples/data/policy-other-place.toml");
const ROSTER: &str = include_str!("../examples/data/roster-other-place.csv");

fn policy() -> Policy {
    Policy::from_doc(&PolicyDoc::from_toml(OTHER).unwrap()).unwrap()
}

/// The worked roster, read with the policy: every row must read.
fn roster(policy: &Policy) -> Vec<Profile> {
    let options = RosterOptions::default().policy(policy.clone());
    Roster::from_reader(ROSTER.as_bytes(), Format::Csv, &options)
        .unwrap()
        .map(|r| r.unwrap().profile().clone())
        .collect()
}

fn person<'a>(people: &'a [Profile], id: &str) -> &'a Profile {
    people.iter().find(|p| p.id() == id).unwrap()
}

/// Checks one defined value of a list: every name parses to it under the policy and nowhere else, it prints
/// its labels and code, serializes as its code, and is a defined value of the policy.
fn round_trips<T: Open + serde::Serialize + serde::de::DeserializeOwned>(
    policy: &Policy,
    code: &str,
    labels: [&str; 3],
    aliases: &[&str],
) {
    let v: T = policy.parse(code).unwrap();
    assert!(v.defined().is_some(), "{code}");
    assert_eq!(v.code(), code);
    for (lang, label) in [Lang::ZhHans, Lang::ZhHant, Lang::En]
        .into_iter()
        .zip(labels)
    {
        assert_eq!(v.label(lang), label);
        assert_eq!(policy.parse::<T>(label).unwrap(), v, "{label}");
    }
    assert_eq!(policy.parse::<T>(&labels[2].to_uppercase()).unwrap(), v);
    assert_eq!(
        policy
            .parse::<T>(&format!(" {} ", code.to_uppercase()))
            .unwrap(),
        v
    );
    for alias in aliases {
        assert_eq!(policy.parse::<T>(alias).unwrap(), v, "{alias}");
    }
    assert_eq!(format!("{v}"), labels[2]);
    assert_eq!(format!("{v:#}"), code);
    assert_eq!(format!("{v:>40}").trim_start(), labels[2]);
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(json, format!("\"{code}\""));
    let back = serde::de::DeserializeSeed::deserialize(
        policy.seed::<T>(),
        &mut serde_json::Deserializer::from_str(&json),
    )
    .unwrap();
    assert_eq!(back, v);
    // Only where the policy is in force: not by `FromStr`, serde, or the built-in policy.
    let err = code.parse::<T>().unwrap_err();
    assert_eq!(err.kind(), T::KIND);
    assert!(serde_json::from_str::<T>(&format!("\"{code}\"")).is_err());
    assert!(Policy::default().parse::<T>(code).is_err());
    assert!(policy.values::<T>().contains(&v));
    assert_eq!(policy.values::<T>()[..T::ALL.len()], *T::ALL);
    // Its index comes after the built-in values'.
    assert!(v.index() >= T::ALL.len());
}

#[test]
fn every_new_value_parses_prints_and_serializes_under_its_policy_only() {
    let policy = policy();
    round_trips::<Department>(
        &policy,
        "health_bureau",
        ["区卫生健康局", "區衛生健康局", "District Health Commission"],
        &["卫健局", "衛健局", "区卫健局", "區衛健局"],
    );
    round_trips::<Specialty>(
        &policy,
        "health",
        ["卫生人才", "衛生人才", "Health talent"],
        &[],
    );
    round_trips::<Tier>(&policy, "top", ["顶尖人才", "頂尖人才", "Top talent"], &[]);
    round_trips::<Entitlement>(
        &policy,
        "shizhong_allowance",
        [
            "市中英才工作津贴",
            "市中英才工作津貼",
            "Shizhong talent work allowance",
        ],
        &[],
    );
    round_trips::<Service>(
        &policy,
        "medical_green_channel",
        ["就医绿色通道", "就醫綠色通道", "Medical green channel"],
        &[],
    );
    // The same definition loaded again is the same value; the parent of a defined specialty is its entry's.
    let again = policy_again();
    assert_eq!(
        again.parse::<Tier>("top").unwrap(),
        policy.parse::<Tier>("top").unwrap()
    );
    assert_eq!(
        policy.parse::<Specialty>("教育人才").unwrap().parent(),
        Stream::ProfessionalTechnical
    );
    // An unknown name lists what the policy accepts.
    let err = policy.parse::<Tier>("gold").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown tier "gold", expected one of elite, high_end, leader, top, or a label"#
    );
    assert_eq!(
        policy.tier_order(),
        [
            policy.parse::<Tier>("top").unwrap(),
            Tier::Leader,
            Tier::HighEnd,
            Tier::Elite
        ]
    );
    assert_eq!(policy.tier_rank(Tier::Leader), Some(1));
}

fn policy_again() -> Policy {
    policy()
}

#[test]
fn records_name_the_new_values_and_their_rules_read_back() {
    let policy = policy();
    let people = roster(&policy);
    assert_eq!(people.len(), 64);
    let top = policy.parse::<Tier>("top").unwrap();
    let health = policy.parse::<Specialty>("health").unwrap();
    let bureau = policy.parse::<Department>("卫健局").unwrap();
    let association = policy.parse::<Department>("科协").unwrap();

    // A Taishan scholar in health: top talent, led by the health bureau, managed by the top tier's departments.
    let c = policy.classify(person(&people, "QT-0001"));
    assert_eq!(c.stream(), Some(Stream::ProfessionalTechnical));
    assert_eq!(c.specialty(), Some(health));
    assert_eq!(c.tier(), Some(top));
    assert_eq!(c.lead(), Some(bureau));
    assert_eq!(
        c.managed_by().to_vec(),
        [Department::OrganizationDepartment, association, bureau]
    );
    assert_eq!(c.tier_condition(top), Some(true));
    assert_eq!(c.tier_condition(Tier::Elite), Some(false));
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert_eq!(json["tier"], "top");
    assert_eq!(json["specialty"], "health");
    assert_eq!(json["lead"], "health_bureau");
    assert_eq!(
        json["managed_by"],
        serde_json::json!([
            "organization_department",
            "science_association",
            "health_bureau"
        ])
    );
    let rules: Vec<String> = c.reasons().map(|r| r.rule().to_string()).collect();
    assert_eq!(
        rules,
        [
            "stream.professional_technical",
            "specialty.health",
            "tier.top",
            "entitlement.shizhong_allowance"
        ]
    );
    // An entitlement whose condition names a defined tier says so.
    let allowance = c.reasons().last().unwrap();
    assert_eq!(
        allowance.zh().to_string(),
        "层次为顶尖人才：市中英才工作津贴"
    );
    assert_eq!(
        allowance.en().to_string(),
        "tier Top talent: Shizhong talent work allowance"
    );
    for r in c.reasons() {
        assert_eq!(r.rule().to_string().parse::<Rule>().unwrap(), r.rule());
    }
    let tier_reason = c.reasons().nth(2).unwrap();
    assert_eq!(tier_reason.zh().to_string(), "荣誉称号为泰山学者：顶尖人才");
    assert_eq!(
        tier_reason.en().to_string(),
        "honour Taishan scholar: Top talent"
    );
    // The CSV record prints the codes too.
    let cells = c.csv_cells();
    assert!(cells.iter().any(|c| c == "top"), "{cells:?}");
    assert!(
        cells.iter().any(|c| c.contains("health_bureau")),
        "{cells:?}"
    );

    // A 市中英才 with the allowance, in the policy's order of [[entitlements]], and a service of its own.
    let c = policy.classify(person(&people, "QT-0031"));
    assert_eq!(
        c.entitlements().to_vec(),
        [
            policy.parse::<Entitlement>("shizhong_allowance").unwrap(),
            Entitlement::AnnualReward,
            Entitlement::FinanceApartmentPreference
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert_eq!(
        json["entitlements"],
        serde_json::json!([
            "shizhong_allowance",
            "annual_reward",
            "finance_apartment_preference"
        ])
    );
    let c = policy.classify(person(&people, "QT-0008"));
    let channel = policy.parse::<Service>("就医绿色通道").unwrap();
    assert!(c.services().contains(channel));
    assert_eq!(
        c.services().to_vec(),
        [
            Service::DatabaseRegistration,
            Service::HukouHandling,
            channel
        ]
    );
    assert!(!c.services().contains(Service::FreeArchiveTransfer));
}

#[test]
fn the_matrix_follows_the_tier_order_and_totals_the_new_allowance() {
    let policy = policy();
    let people = roster(&policy);
    let matrix: Matrix = people.iter().map(|p| policy.classify(p)).collect();
    let top = policy.parse::<Tier>("top").unwrap();
    let health = policy.parse::<Specialty>("health").unwrap();
    let education = policy.parse::<Specialty>("education").unwrap();
    assert_eq!(
        matrix.tier_columns(),
        [
            Some(top),
            Some(Tier::Leader),
            Some(Tier::HighEnd),
            Some(Tier::Elite),
            None
        ]
    );
    use talent_matrix::MatrixRow;
    let rows: Vec<MatrixRow> = matrix.rows().collect();
    let pt = rows
        .iter()
        .position(|r| *r == MatrixRow::Stream(Stream::ProfessionalTechnical))
        .unwrap();
    assert_eq!(
        rows[pt + 1..pt + 3],
        [
            MatrixRow::Specialty(health),
            MatrixRow::Specialty(education)
        ]
    );
    // Counted by hand from the roster.
    assert_eq!(
        matrix.cell(Stream::ProfessionalTechnical, Some(health), Some(top)),
        2
    );
    assert_eq!(
        matrix.row_cell(MatrixRow::Stream(Stream::ProfessionalTechnical), Some(top)),
        4
    );
    assert_eq!(matrix.column_total(Some(top)), 7);
    assert_eq!(matrix.talents(), 55);
    let sum: u64 = matrix
        .tier_columns()
        .into_iter()
        .map(|t| matrix.column_total(t))
        .sum();
    assert_eq!(sum, matrix.talents());
    let bureau = policy.parse::<Department>("health_bureau").unwrap();
    assert_eq!(
        (matrix.lead_count(bureau), matrix.managed_by_count(bureau)),
        (12, 14)
    );
    assert!(matrix.departments().ends_with(&[
        bureau,
        policy.parse("education_bureau").unwrap(),
        policy.parse("science_association").unwrap()
    ]));
    let allowance = policy.parse::<Entitlement>("shizhong_allowance").unwrap();
    assert_eq!(matrix.entitlement_count(allowance), 10); // 市中英才 (4) or top talent (7), one person both
    assert_eq!(
        matrix.entitlement_total(allowance),
        Some((240_000, Per::Year))
    );
    assert_eq!(
        matrix.entitlement_total(Entitlement::AnnualReward),
        Some((240_000, Per::Year))
    );
    assert_eq!(matrix.entitlements()[0], allowance);
    let channel = policy.parse::<Service>("medical_green_channel").unwrap();
    assert_eq!(matrix.service_count(channel), 3);

    // Every rendering shows them.
    let csv = matrix.to_csv(Lang::ZhHans);
    assert!(
        csv.starts_with("row,label,top,leader,high_end,elite,no_tier,total\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nprofessional_technical/health,  其中：卫生人才,2,2,5,0,3,12\n"),
        "{csv}"
    );
    assert!(csv.contains("\nnot_talent,不计入人才,,,,,,9\n"), "{csv}");
    let table = matrix.to_table(Lang::ZhHant);
    assert!(
        table.contains("頂尖人才")
            && table.contains("區衛生健康局")
            && table.contains("市中英才工作津貼")
    );
    assert!(
        table.contains("市中英才工作津貼 10人 × 每年24000元 = 每年240000元"),
        "{table}"
    );
    let svg = matrix.to_svg(Lang::En);
    assert_eq!(svg.matches(r#"class="cell""#).count(), rows.len() * 5);
    assert!(svg.contains("Top talent") && svg.contains("Education talent"));
    let json: serde_json::Value = serde_json::to_value(&matrix).unwrap();
    let cell = json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["specialty"] == "education" && c["tier"] == "top")
        .unwrap();
    assert_eq!(cell["count"], 1);
    assert_eq!(json["entitlements"]["shizhong_allowance"], 10);
    assert_eq!(json["services"]["medical_green_channel"], 3);
    assert_eq!(
        json["entitlement_amounts"]["shizhong_allowance"]["total_yuan"],
        240_000
    );
    assert!(
        json["departments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["department"] == "health_bureau" && d["lead"] == 12)
    );

    // Merged halves are the whole, defined cells included.
    let (a, b) = people.split_at(30);
    let mut left: Matrix = a.iter().map(|p| policy.classify(p)).collect();
    let right: Matrix = b.iter().map(|p| policy.classify(p)).collect();
    left.merge(right);
    assert_eq!(left, matrix);
    // A matrix of the built-in policy merged with it still shows every defined cell.
    let shizhong = Policy::default();
    let mut built_in: Matrix = people.iter().map(|p| shizhong.classify(p)).collect();
    let before = built_in.talents();
    built_in.merge(matrix.clone());
    assert_eq!(built_in.talents(), matrix.talents() + before);
    assert!(built_in.tier_columns().contains(&Some(top)));
}

#[test]
fn progression_reaches_a_defined_tier_and_states_the_threshold() {
    let policy = policy();
    let people = roster(&policy);
    let top = policy.parse::<Tier>("top").unwrap();
    // A finance principal with 480 万元: leader needs the evaluated grade, stated as its threshold.
    let p = person(&people, "QT-0030");
    let path = progression(&policy, p);
    let step = &path.steps()[0];
    assert_eq!(step.tier(), Tier::Leader);
    let needs: Vec<&str> = step.requirements().iter().map(|r| r.en()).collect();
    assert_eq!(
        needs,
        ["district economic contribution at least 500 万元 (now 480 万元): contribution Major"]
    );
    assert_eq!(
        policy.classify(&step.applied_to(p).unwrap()).tier(),
        Some(Tier::Leader)
    );
    assert_eq!(path.steps().last().unwrap().tier(), top);
    // Every step of everyone lands on its tier.
    for p in &people {
        for step in progression(&policy, p).steps() {
            assert_eq!(
                policy.classify(&step.applied_to(p).unwrap()).tier(),
                Some(step.tier()),
                "{}",
                p.id()
            );
        }
    }
}

#[test]
fn a_policy_diff_names_the_new_cells() {
    let policy = policy();
    let people = roster(&policy);
    let change =
        talent_matrix::diff::compare(&Policy::default(), &policy, person(&people, "QT-0025"))
            .unwrap();
    assert_eq!(
        change.after.to_string(),
        "enterprise_management/finance_commerce/top"
    );
    assert_eq!(change.rule.to_string(), "tier.top");
}

// ---- §9.4: the refusals that belong to §9.1 ----

/// The problems of a document, as `kind | path: message`.
fn problems(text: &str) -> Vec<String> {
    let doc = PolicyDoc::from_toml(text).unwrap();
    Policy::from_doc(&doc)
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| format!("{:?} | {p}", p.kind()))
        .collect()
}

/// The worked policy with its `[[values]]` and `tier_order` replaced by `values`.
fn with_values(values: &str) -> String {
    let start = OTHER.find("tier_order = ").unwrap();
    let end = OTHER.find("[[facts]]").unwrap();
    format!("{}{values}\n{}", &OTHER[..start], &OTHER[end..])
}

/// The worked policy's `[[values]]` and `tier_order` as they are.
fn values_of_the_worked_policy() -> &'static str {
    let start = OTHER.find("tier_order = ").unwrap();
    let end = OTHER.find("[[facts]]").unwrap();
    &OTHER[start..end]
}

#[test]
fn the_worked_policy_loads_as_written() {
    let p = Policy::from_doc(
        &PolicyDoc::from_toml(&with_values(values_of_the_worked_policy())).unwrap(),
    );
    assert!(p.is_ok(), "{p:?}");
}

#[test]
fn each_refusal_of_new_values_names_its_problem() {
    let value = |list: &str, code: &str, hans: &str, hant: &str, en: &str| {
        format!(
            "[[values]]\nlist = \"{list}\"\ncode = \"{code}\"\nzh_hans = \"{hans}\"\nzh_hant = \"{hant}\"\nen = \"{en}\"\nsource = \"t\"\n"
        )
    };
    let all = values_of_the_worked_policy();
    let order = |new: &str| {
        all.replace(
            r#"tier_order = ["top", "leader", "high_end", "elite"]"#,
            new,
        )
    };
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            format!(
                "{all}{}",
                value("bureau", "x_office", "某办", "某辦", "X office")
            ),
            vec![
                r#"Unknown | values[8].list: unknown list "bureau", expected one of department, specialty, tier, entitlement, service"#,
            ],
        ),
        (
            format!(
                "{all}{}",
                value("department", "Health-Bureau", "某局", "某局", "Some bureau")
            ),
            vec![
                r#"Shape | values[8].code: department code "Health-Bureau" must be snake_case ASCII ([a-z][a-z0-9_]*, at most 48 bytes)"#,
            ],
        ),
        (
            format!(
                "{all}{}",
                value(
                    "department",
                    "finance_bureau",
                    "某局",
                    "某局",
                    "Some bureau"
                )
            ),
            vec![r#"Repeated | values[8].code: department code "finance_bureau" is already taken"#],
        ),
        (
            format!(
                "{all}{}",
                value("department", "health_bureau", "某局", "某局", "Some bureau")
            ),
            vec![r#"Repeated | values[8].code: department code "health_bureau" is already taken"#],
        ),
        (
            format!(
                "{all}{}",
                value(
                    "department",
                    "county_finance",
                    "区财政局",
                    "某局",
                    "Some bureau"
                )
            ),
            vec![
                r#"Repeated | values[8]: department "county_finance" answers to "财政局", as department "finance_bureau" already does"#,
            ],
        ),
        (
            format!(
                "{all}{}",
                value(
                    "department",
                    "another_health",
                    "某局",
                    "某局",
                    "district health commission"
                )
            ),
            vec![
                r#"Repeated | values[8]: department "another_health" answers to "district health commission", as department "health_bureau" already does"#,
            ],
        ),
        (
            format!(
                "{all}{}aliases = [\"卫健局\"]\n",
                value(
                    "department",
                    "health_office",
                    "卫生办",
                    "衛生辦",
                    "Health office"
                )
            ),
            vec![
                r#"Repeated | values[8]: department "health_office" answers to "卫健局", as department "health_bureau" already does"#,
            ],
        ),
        (
            format!("{all}{}", value("service", "tea", "", "奉茶", "Tea")),
            vec![r#"Missing | values[8].zh_hans: a label must not be empty"#],
        ),
        (
            format!("{all}{}", value("service", "tea", " 奉茶", "奉茶", "Tea")),
            vec![r#"Shape | values[8].zh_hans: label " 奉茶" has surrounding spaces"#],
        ),
        (
            format!(
                "{all}{}aliases = [\"\"]\n",
                value("service", "tea", "奉茶", "奉茶", "Tea")
            ),
            vec![
                r#"Shape | values[8].aliases[0]: alias "" must be non-empty, without surrounding spaces, control or bidi-control characters"#,
            ],
        ),
        (
            format!(
                "{all}{}aliases = [\"卫\\u202e局\"]\n",
                value("service", "tea", "奉茶", "奉\\u001b[31m茶", "Tea")
            ),
            vec![
                r#"Shape | values[8].zh_hant: label "奉\u{1b}[31m茶" holds '\u{1b}' at character 2: a label may not hold control or bidi-control characters"#,
                r#"Shape | values[8].aliases[0]: alias "卫\u{202e}局" must be non-empty, without surrounding spaces, control or bidi-control characters"#,
            ],
        ),
        (
            format!(
                "{all}{}",
                value(
                    "specialty",
                    "culture",
                    "宣传文化人才",
                    "宣傳文化人才",
                    "Culture talent"
                )
            ),
            vec![
                r#"Missing | values[8]: specialty "culture" is defined but no [[specialties]] entry gives its parent stream"#,
            ],
        ),
        (
            order(r#"tier_order = ["leader", "high_end", "elite"]"#),
            vec![r#"Missing | tier_order: tier "top" is defined but missing from tier_order"#],
        ),
        (
            order(r#"tier_order = ["top", "leader", "high_end", "leader", "elite"]"#),
            vec![r#"Repeated | tier_order[3]: tier "leader" is listed twice"#],
        ),
        (
            order(r#"tier_order = ["top", "leader", "high_end"]"#),
            vec![
                r#"Missing | ladders[0].tiers[3]: tier "elite" is used but missing from tier_order"#,
            ],
        ),
        (
            order(r#"tier_order = ["top", "leader", "high_end", "elite", "gold"]"#),
            vec![r#"Unknown | tier_order[4]: unknown tier "gold""#],
        ),
        (
            order(r#"tier_order = ["leader", "top", "high_end", "elite"]"#),
            vec![
                r#"Shape | ladders[0].tiers[1]: tier "leader" comes after "top" but ranks above it: a ladder lists its tiers in the tier order, highest first (leader > top > high_end > elite)"#,
                r#"Shape | ladders[1].tiers[1]: tier "leader" comes after "top" but ranks above it: a ladder lists its tiers in the tier order, highest first (leader > top > high_end > elite)"#,
            ],
        ),
        (
            order(""),
            vec![
                r#"Missing | tier_order: the policy defines tier "top": give tier_order, every tier it uses, highest first"#,
            ],
        ),
    ];
    for (values, expected) in cases {
        let got = problems(&with_values(&values));
        assert_eq!(got, expected, "{values}");
    }
}

/// The problems of `tests/data/broken-values.toml`, appended to the worked policy's own values.
const BROKEN_VALUES: [&str; 7] = [
    r#"Unknown | values[8].list: unknown list "bureau", expected one of department, specialty, tier, entitlement, service"#,
    r#"Shape | values[9].code: service code "Tea" must be snake_case ASCII ([a-z][a-z0-9_]*, at most 48 bytes)"#,
    r#"Repeated | values[10].code: department code "sasac" is already taken"#,
    r#"Missing | values[11].en: a label must not be empty"#,
    r#"Repeated | values[12]: department "county_health" answers to "卫健局", as department "health_bureau" already does"#,
    r#"Missing | values[13]: specialty "culture" is defined but no [[specialties]] entry gives its parent stream"#,
    r#"Missing | tier_order: tier "gold" is defined but missing from tier_order"#,
];

#[test]
fn a_document_with_one_problem_of_each_kind_is_refused_naming_them_all() {
    let text = with_values(&format!(
        "{}{}",
        values_of_the_worked_policy(),
        include_str!("data/broken-values.toml")
    ))
    .replace(r#"lead = "health_bureau""#, r#"lead = "health_buro""#)
    .replace(
        r#"entitlement = "shizhong_allowance""#,
        r#"entitlement = "tea""#,
    );
    assert_eq!(
        problems(&text),
        [
            BROKEN_VALUES.as_slice(),
            &[
                r#"Unknown | specialties[1].lead: unknown department "health_buro""#,
                r#"Unknown | entitlements[0]: unknown entitlement "tea""#,
            ],
        ]
        .concat()
    );
}

#[test]
fn a_policy_defines_at_most_twelve_tiers() {
    // The decided tier's values are 16 bits: none, the three built-in tiers and at most 12 a policy defines.
    let mut order = String::from(r#"tier_order = ["top", "#);
    let mut extra = String::new();
    for i in 0..12 {
        order.push_str(&format!("\"t{i}\", "));
        extra.push_str(&format!(
            "[[values]]\nlist = \"tier\"\ncode = \"t{i}\"\nzh_hans = \"层{i}\"\nzh_hant = \"層{i}\"\nen = \"T{i}\"\nsource = \"t\"\n"
        ));
    }
    let values = values_of_the_worked_policy().replace(r#"tier_order = ["top", "#, &order) + &extra;
    assert_eq!(
        problems(&with_values(&values)),
        [r#"Limit | values[19]: a policy defines at most 12 values of the tier list"#]
    );
}

// ---- §7's invariants under the worked policy, with random facts and indicators ----

prop_compose! {
    fn profile()(
        post in select(Post::ALL.to_vec()),
        role in maybe::<Role>(),
        industry in maybe::<Industry>(),
        title in maybe::<ProfessionalTitle>(),
        performance in maybe::<Performance>(),
        contribution in maybe::<Contribution>(),
        above in proptest::option::of(any::<bool>()),
        potential in any::<bool>(),
        level in maybe::<IntroductionLevel>(),
        honours in proptest::collection::btree_set(select(vec!["shizhong_talent", "taishan_scholar"]), 0..=2),
        sector in proptest::option::of(select(vec!["health", "education", "other"])),
        papers in proptest::option::of(0i64..40),
        wan in proptest::option::of(0i64..3_000),
    ) -> Profile {
        let mut b = built_in(post, role, industry, title, performance, contribution, above)
            .potential(potential)
            .introduction_level(level);
        if let Some(s) = sector {
            b = b.policy_value("sector", PolicyValue::One(s.to_owned()));
        }
        give(b, &honours, papers, wan).build().unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Invariants 1 to 4 and 8: total, deterministic, rule ids that read back, sentences never empty, the
    /// profile's record reads back equal through the policy, and the structure of the record.
    #[test]
    fn invariants_1_to_4_and_8(p in profile()) {
        let policy = policy();
        prop_assert!(policy.check_profile(&p).is_ok());
        let (a, b) = (policy.classify(&p), policy.classify(&p));
        prop_assert_eq!(a, b);
        prop_assert_eq!(a.to_json(), b.to_json());
        for r in a.reasons() {
            let (rule, zh, en) = (r.rule().to_string(), r.zh().to_string(), r.en().to_string());
            prop_assert!(!zh.is_empty() && !en.is_empty() && !zh.contains('?') && !en.contains('?'), "{}: {} / {}", rule, zh, en);
            prop_assert_eq!(rule.parse::<Rule>().map(|r| r.to_string()), Ok(rule.clone()));
        }
        let json = serde_json::to_string(&p).unwrap();
        prop_assert_eq!(policy.profile_from_json(&json).unwrap(), p.clone());
        check_structure(&a)?;
    }

    /// Invariant 5 in the policy's tier order: raising performance, contribution or an indicator, stating
    /// above-designated-size true, or one more honour never lowers the tier.
    #[test]
    fn invariant_5_monotone(p in profile(), more in 0i64..2_500) {
        let policy = policy();
        monotone(&policy, &p, more)?;
    }

    /// Invariant 6: the matrix counts every talent once, in one cell of its rows and columns.
    #[test]
    fn invariant_6_matrix_counts(roster in proptest::collection::vec(profile(), 0..40)) {
        matrix_counts(&policy(), &roster)?;
    }

    /// Invariant 10: stating a missing indicator never lowers the tier, and raises it only to a tier whose
    /// condition was open.
    #[test]
    fn invariant_10_stating_a_missing_number(p in profile(), n in 0i64..3_000) {
        let policy = policy();
        let before = policy.classify(&p);
        for code in before.missing_indicators() {
            let q = with(&p, code, PolicyValue::Number(Measure::from_whole(n)));
            let after = policy.classify(&q).tier();
            prop_assert!(height(&policy, after) >= height(&policy, before.tier()), "{}: {:?} -> {:?}", code, before.tier(), after);
            if let Some(t) = after.filter(|_| height(&policy, after) > height(&policy, before.tier())) {
                prop_assert!(before.tier_condition(t).is_none(), "{} raised the tier to {:?}, which was not open", code, t);
            }
        }
    }
}

#[test]
fn one_document_with_a_problem_of_every_kind_names_them_all_in_one_round() {
    // The worked policy with the §9.1 problems of `broken-values.toml`, a §9.2 and a §9.3 problem, and the
    // semantic problems the crate already proves: an unknown department, a tier without departments, size
    // thresholds that do not rise, a tier that can never fire.
    let text = with_values(&format!(
        "{}{}",
        values_of_the_worked_policy(),
        include_str!("data/broken-values.toml")
    ))
    .replace(
        r#"lead = "economy_information_bureau""#,
        r#"lead = "mayors_office""#,
    )
    .replacen(
        r#"managed_by = ["organization_department", "science_association"]"#,
        "managed_by = []",
        1,
    )
    .replace(
        "large = { employees = 1000, revenue_wan = 40000 }",
        "large = { employees = 100, revenue_wan = 40000 }",
    )
    .replace(
        r#"when = { professional_title = ["associate_senior", "senior"] }"#,
        r#"when = { professional_title = ["senior"], honour = ["shizhong_talent"] }"#,
    )
    .replace(
        r#"grades = [{ value = "major", at_least = 500 }, { value = "notable", at_least = 100 }]"#,
        r#"grades = [{ value = "major", at_least = 100 }, { value = "notable", at_least = 500 }]"#,
    )
    .replace(r#"zh_hans = "行业领域""#, r#"zh_hans = "行业""#);
    assert_eq!(
        problems(&text),
        [
            BROKEN_VALUES.as_slice(),
            &[
                r#"Repeated | facts[1].zh_hans: label "行业" is already taken"#,
                r#"Thresholds | evaluations[0].grades[1].at_least: grade thresholds must strictly decrease from the first grade to the last, got 500 after 100"#,
                r#"Unknown | streams[1].lead: unknown department "mayors_office""#,
                r#"NoDepartment | ladders[0].tiers[0]: tier "top" has no department to manage it"#,
                r#"Shadowed | ladders[1].tiers[2]: tier "high_end" can never fire: wherever it holds, a higher tier (top, leader) holds too"#,
                r#"Thresholds | size_standard[1]: employees of large (100) must be above that of medium (300): thresholds must rise from small to large"#,
            ],
        ]
        .concat()
    );
}

#[test]
fn the_worked_document_writes_and_reads_back_in_both_formats() {
    let doc = PolicyDoc::from_toml(OTHER).unwrap();
    assert_eq!(doc.values.len(), 8);
    assert_eq!(doc.tier_order, ["top", "leader", "high_end", "elite"]);
    assert_eq!(
        doc.values[0].aliases,
        ["卫健局", "衛健局", "卫生健康局", "衛生健康局"]
    );
    let toml = PolicyDoc::from_toml(&doc.to_toml()).unwrap();
    assert_eq!(toml, doc);
    let json = PolicyDoc::from_json(&doc.to_json()).unwrap();
    assert_eq!(json, doc);
    // The same content loads to the same policy, hash included.
    assert_eq!(
        Policy::from_doc(&json).unwrap().hash(),
        Policy::from_doc(&doc).unwrap().hash()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The worked document spoiled at random (a line dropped or doubled, a value replaced by something else)
    /// loads or is refused with problems, never panics; one that loads classifies its whole roster, records,
    /// matrix and progression included.
    #[test]
    fn spoiled_worked_documents_load_or_are_refused(
        line in 0usize..400,
        how in 0u8..3,
        with in select(vec!["-1", "\"\"", "[]", "{}", "true", "\"none\"", "\"top\"", "\"leader\"", "\"卫健局\"",
                            "[\"top\", \"top\"]", "[\"elite\", \"high_end\", \"leader\", \"top\"]", "\"tier\"",
                            "\"health_bureau\"", "\"\\u001b[2J\"", "[{}]", "\"department\""]),
    ) {
        let text = spoil(OTHER, line, how, with);
        if let Ok(doc) = PolicyDoc::from_toml(&text) {
            match Policy::from_doc(&doc) {
                Ok(policy) => {
                    // A spoiled policy may lack a column of the roster: read on without it.
                    let options = RosterOptions::default().policy(policy.clone()).ignore_unknown_columns(true);
                    let mut matrix = Matrix::new();
                    for row in Roster::from_reader(ROSTER.as_bytes(), Format::Csv, &options).into_iter().flatten().flatten() {
                        let c = policy.classify(row.profile());
                        let _ = c.to_json();
                        let _ = progression(&policy, row.profile());
                        matrix.add(&c);
                    }
                    let _ = (matrix.to_table(Lang::En), matrix.to_csv(Lang::ZhHans), matrix.to_svg(Lang::ZhHant));
                }
                Err(e) => prop_assert!(!e.problems().is_empty()),
            }
        }
    }
}
