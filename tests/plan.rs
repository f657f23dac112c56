//! Against the plan (issue 13, item 5): the targets file read and checked against the policy, and the report's
//! figures equal to the matrix's.
#![cfg(all(feature = "toml", feature = "roster"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic on a broken fixture

use proptest::prelude::*;
use proptest::sample::select;
use talent_matrix::plan::Plan;
use talent_matrix::policy::PolicyDoc;
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{
    Industry, Lang, Matrix, MatrixRow, Policy, Post, ProfessionalTitle, Profile, Role, SkillLevel,
    Specialty, Stream, Tier, classify,
};

const TARGETS: &str = include_str!("../examples/data/targets-2015.toml");

/// The second sample year's matrix.
fn sample() -> Matrix {
    let options = RosterOptions::default().ignore_unknown_columns(true);
    let people: Vec<Profile> = Roster::from_reader(
        include_str!("../examples/data/roster-2012.csv").as_bytes(),
        Format::Csv,
        &options,
    )
    .unwrap()
    .map(|r| r.unwrap().profile().clone())
    .collect();
    people.iter().map(classify).collect()
}

/// The problems of a plan that must be refused.
fn problems(text: &str) -> Vec<(String, String)> {
    Plan::from_toml(text, &Policy::default())
        .unwrap_err()
        .problems()
        .to_vec()
}

#[test]
fn the_sample_plan_reads_and_its_report_sums_equal_the_matrix() {
    let policy = Policy::default();
    let plan = Plan::from_toml(TARGETS, &policy).unwrap();
    assert_eq!(plan.year(), 2015);
    assert_eq!(plan.targets().count(), 10);
    // Labels and codes name the same cells.
    assert_eq!(
        plan.target(
            MatrixRow::Stream(Stream::EnterpriseManagement),
            Some(Some(Tier::HighEnd))
        ),
        Some(12)
    );
    assert_eq!(
        plan.target(MatrixRow::Specialty(Specialty::CommunityWorker), None),
        Some(6)
    );
    let m = sample();
    let report = plan.report(&m);
    for row in m.rows() {
        let mut across = 0;
        for t in m.tier_columns() {
            let a = report.get(row, Some(t));
            assert_eq!(a.actual, m.row_cell(row, t));
            across += a.actual;
        }
        assert_eq!(report.get(row, None).actual, m.row_total(row));
        assert_eq!(across, m.row_total(row));
    }
    let leaders = report.get(
        MatrixRow::Stream(Stream::EnterpriseManagement),
        Some(Some(Tier::Leader)),
    );
    assert_eq!(
        (leaders.actual, leaders.target, leaders.difference()),
        (4, Some(6), Some(-2))
    );
    // The CSV's actual column is the matrix, line for line; its talent and everyone totals too.
    let csv = report.to_csv(Lang::En);
    assert!(csv.starts_with("row,label,tier,actual,target,difference,percent\n"));
    assert!(
        csv.contains("\nenterprise_management,Enterprise management talent,leader,4,6,-2,66.7\n"),
        "{csv}"
    );
    assert!(
        csv.contains(&format!(
            "\ntalent_total,All talent,total,{},,,\n",
            m.talents()
        )),
        "{csv}"
    );
    assert!(
        csv.ends_with(&format!("everyone,Everyone,total,{},,,\n", m.total())),
        "{csv}"
    );
    let json = serde_json::to_value(report).unwrap();
    assert_eq!(json["year"], 2015);
    let cells = json["cells"].as_array().unwrap();
    assert_eq!(cells.len(), csv.lines().count() - 1);
    let actual: u64 = cells
        .iter()
        .filter(|c| c["row"] == "talent_total" && c["tier"] != "total")
        .map(|c| c["actual"].as_u64().unwrap())
        .sum();
    assert_eq!(actual, m.talents());
}

#[test]
fn an_unknown_code_is_one_clear_error() {
    assert_eq!(
        problems(
            "year = 2015\n[[targets]]\nstream = \"social_work\"\ntier = \"gold\"\ncount = 1\n"
        ),
        [(
            "targets[1].tier".to_owned(),
            r#"unknown tier "gold", expected one of elite, high_end, leader, or a label"#
                .to_owned()
        )]
    );
    let p = problems("year = 2015\n[[targets]]\nstream = \"stars\"\ncount = 1\n");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, "targets[1].stream");
    assert!(p[0].1.starts_with("unknown stream \"stars\""), "{p:?}");
}

#[test]
fn a_negative_or_fractional_count_is_one_clear_error() {
    assert_eq!(
        problems("year = 2015\n[[targets]]\nstream = \"social_work\"\ncount = -3\n"),
        [(
            "targets[1].count".to_owned(),
            "-3 is negative; expected a whole number of people, 0 or more".to_owned()
        )]
    );
    assert_eq!(
        problems("year = 2015\n[[targets]]\nstream = \"social_work\"\ncount = 2.5\n"),
        [(
            "targets[1].count".to_owned(),
            "2.5 is not a whole number; expected a number of people, 0 or more".to_owned()
        )]
    );
}

#[test]
fn a_cell_the_policy_can_never_produce_is_an_error_naming_it() {
    let err = Plan::from_toml(
        "year = 2015\n[[targets]]\nstream = \"social_work\"\ntier = \"leader\"\ncount = 1\n",
        &Policy::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the plan has 1 problem:\n  targets[1]: social_work leader: the policy can never produce this cell: stream \
         social_work has no tier in policy shizhong-2011"
    );
    assert_eq!(
        problems(
            "year = 2015\n[[targets]]\nstream = \"social_work\"\nspecialty = \"finance_commerce\"\ncount = 1\n"
        ),
        [(
            "targets[1].specialty".to_owned(),
            "finance_commerce is a specialty of enterprise_management, not of social_work"
                .to_owned()
        )]
    );
}

#[test]
fn every_problem_of_a_plan_is_named_at_once() {
    let text = "yaer = 2015\n[[targets]]\nstream = \"social_work\"\ncount = 1\nwho = 2\n\
                [[targets]]\nstream = \"rural_practical\"\ncount = 4\n\
                [[targets]]\nstream = \"农村实用人才\"\ncount = 5\n[[targets]]\ncount = 1\n";
    let p = problems(text);
    let at: Vec<&str> = p.iter().map(|(at, _)| at.as_str()).collect();
    assert_eq!(
        at,
        [
            "year",
            "yaer",
            "targets[1].who",
            "targets[3]",
            "targets[4].stream"
        ],
        "{p:?}"
    );
    assert_eq!(
        p[3].1,
        "rural_practical total: this cell already has a target"
    );
    assert_eq!(
        problems("year = 1800\n")[0].1,
        "1800 is not a plan's year; expected a year from 1949 to 2200"
    );
    let long = format!(
        "year = 2015\n#{}\n",
        "x".repeat(talent_matrix::plan::MAX_BYTES)
    );
    assert_eq!(
        problems(&long),
        [(
            "file".to_owned(),
            format!(
                "the plan is {} bytes, more than the limit of 1048576",
                long.len()
            )
        )]
    );
    let syntax = problems("year = \n");
    assert_eq!(syntax.len(), 1);
    assert_eq!(syntax[0].0, "file");
}

#[test]
fn a_tier_a_policy_defines_can_be_a_target_and_the_plan_names_its_labels() {
    let policy = Policy::from_doc(
        &PolicyDoc::from_toml(include_str!("../examples/data/policy-other-place.toml")).unwrap(),
    )
    .unwrap();
    let top: Tier = policy.parse("顶尖人才").unwrap();
    let health: Specialty = policy.parse("卫生人才").unwrap();
    let plan = Plan::from_toml(
        "year = 2015\n[[targets]]\nstream = \"企业经营管理人才\"\ntier = \"顶尖人才\"\ncount = 2\n\
         [[targets]]\nstream = \"professional_technical\"\nspecialty = \"卫生人才\"\ncount = 9\n",
        &policy,
    )
    .unwrap();
    assert_eq!(
        plan.target(
            MatrixRow::Stream(Stream::EnterpriseManagement),
            Some(Some(top))
        ),
        Some(2)
    );
    assert_eq!(plan.target(MatrixRow::Specialty(health), None), Some(9));
}

prop_compose! {
    fn profile()(
        id in 0u32..1000,
        post in select(Post::ALL),
        role in proptest::option::of(select(Role::ALL)),
        industry in proptest::option::of(select(Industry::ALL)),
        above in proptest::option::of(any::<bool>()),
        title in proptest::option::of(select(ProfessionalTitle::ALL)),
        skill in proptest::option::of(select(SkillLevel::ALL)),
    ) -> Profile {
        Profile::builder(format!("P-{id}"), post)
            .role(role)
            .industry(industry)
            .above_designated_size(above)
            .professional_title(title)
            .skill_level(skill)
            .build()
            .unwrap()
    }
}

/// An empty plan under the built-in policy, built once: building decides the policy's table.
static BUILDER: std::sync::LazyLock<talent_matrix::plan::PlanBuilder> =
    std::sync::LazyLock::new(|| Plan::builder(2015, &Policy::default()).unwrap());

proptest! {
    #[test]
    fn the_plan_reports_the_matrix_and_only_the_targets_given(
        people in proptest::collection::vec(profile(), 0..80),
        counts in proptest::collection::vec(0u64..50, 4),
    ) {
        let m: Matrix = people.iter().map(classify).collect();
        let mut plan = BUILDER.clone();
        let cells = [
            (MatrixRow::Stream(Stream::EnterpriseManagement), Some(Some(Tier::Leader))),
            (MatrixRow::Specialty(Specialty::FinanceCommerce), Some(None)),
            (MatrixRow::Stream(Stream::HighSkilled), None),
            (MatrixRow::Stream(Stream::PartyGovernment), Some(None)),
        ];
        for (&(row, column), &n) in cells.iter().zip(&counts) {
            plan.add(row, column, n).unwrap();
        }
        let plan = plan.build();
        let report = plan.report(&m);
        for row in m.rows() {
            for column in m.tier_columns().into_iter().map(Some).chain([None]) {
                let a = report.get(row, column);
                let expected = column.map_or(m.row_total(row), |t| m.row_cell(row, t));
                prop_assert_eq!(a.actual, expected);
                let target = cells.iter().zip(&counts).find(|((r, c), _)| *r == row && *c == column).map(|(_, n)| *n);
                prop_assert_eq!(a.target, target);
                prop_assert_eq!(a.difference(), target.map(|t| i128::from(expected) - i128::from(t)));
            }
        }
    }
}

#[test]
fn a_cell_no_decision_reaches_is_refused_though_its_stream_has_the_tier() {
    // The built-in policy with leaders only in industry (工业): finance and commerce talent, selected by the
    // finance and leasing industries, can then never be leaders, though the stream's ladder has the tier.
    let text = include_str!("../policies/shizhong-2011.toml").replacen(
        r#"when = { role = ["principal", "owner"], performance = ["outstanding"], contribution = ["major"] }"#,
        r#"when = { role = ["principal", "owner"], performance = ["outstanding"], contribution = ["major"], industry = ["industry"] }"#,
        1,
    )
    .replacen(r#"name = "shizhong-2011""#, r#"name = "leaders-in-industry""#, 1);
    let policy = Policy::from_doc(&PolicyDoc::from_toml(&text).unwrap()).unwrap();
    assert!(policy.prepare().is_tabled());
    let mut plan = Plan::builder(2015, &policy).unwrap();
    plan.add(
        MatrixRow::Stream(Stream::EnterpriseManagement),
        Some(Some(Tier::Leader)),
        3,
    )
    .unwrap();
    plan.add(
        MatrixRow::Specialty(Specialty::FinanceCommerce),
        Some(Some(Tier::HighEnd)),
        3,
    )
    .unwrap();
    let err = plan
        .add(
            MatrixRow::Specialty(Specialty::FinanceCommerce),
            Some(Some(Tier::Leader)),
            1,
        )
        .unwrap_err();
    assert_eq!(
        err.problems(),
        [(
            "enterprise_management/finance_commerce leader".to_owned(),
            format!(
                "the policy can never produce this cell: no decision of policy {} puts anyone there",
                policy.name()
            )
        )]
    );
    assert_eq!(plan.build().targets().count(), 2);
}
