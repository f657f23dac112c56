//! What the property tests of §7 under a policy with facts and values of its own share (DOMAIN.md §7, §9):
//! random optional values, a profile with one policy field changed, and the structure of one record.

use std::collections::HashSet;

use proptest::prelude::*;
use proptest::sample::select;
use talent_matrix::{Classification, Coded, PolicyValue, Profile, Stream};

/// Absent, or any value of a code list.
pub fn maybe<T: Coded>() -> impl Strategy<Value = Option<T>> {
    proptest::option::of(select(T::ALL.to_vec()))
}

/// The profile with one of its policy's fields set.
pub fn with(p: &Profile, code: &str, value: PolicyValue) -> Profile {
    p.clone()
        .into_builder()
        .policy_value(code, value)
        .build()
        .unwrap()
}

/// Invariants 2, 3, 4 and 8 for one classification: a specialty refines the stream, a tier is on a ladder of
/// the stream and in the policy's tier order, talent has a lead and departments (no repeats), no talent has no
/// entitlement, and the other streams qualifying are in canonical order without the stream.
pub fn check_structure(c: &Classification<'_>) -> Result<(), TestCaseError> {
    let policy = c.policy();
    if let Some(s) = c.specialty() {
        prop_assert_eq!(Some(s.parent()), c.stream());
    }
    if let Some(t) = c.tier() {
        prop_assert!(c.stream().is_some_and(|s| policy.has_ladder(s)));
        prop_assert!(policy.tier_rank(t).is_some());
    }
    prop_assert_eq!(c.stream().is_none(), c.lead().is_none());
    prop_assert_eq!(c.stream().is_none(), c.managed_by().is_empty());
    let managers = c.managed_by().to_vec();
    prop_assert_eq!(
        managers.iter().collect::<HashSet<_>>().len(),
        managers.len()
    );
    let also: Vec<Stream> = c.also_qualifies().iter().collect();
    if let Some(s) = c.stream() {
        prop_assert!(!also.contains(&s));
    }
    prop_assert!(also.windows(2).all(|w| w[0].index() < w[1].index()));
    if !c.is_talent() {
        prop_assert!(c.entitlements().is_empty());
    }
    Ok(())
}

/// The built-in facts both test policies read, as a builder.
#[allow(clippy::too_many_arguments)]
pub fn built_in(
    post: talent_matrix::Post,
    role: Option<talent_matrix::Role>,
    industry: Option<talent_matrix::Industry>,
    title: Option<talent_matrix::ProfessionalTitle>,
    performance: Option<talent_matrix::Performance>,
    contribution: Option<talent_matrix::Contribution>,
    above: Option<bool>,
) -> talent_matrix::ProfileBuilder {
    Profile::builder("G-1", post)
        .role(role)
        .industry(industry)
        .professional_title(title)
        .performance(performance)
        .contribution(contribution)
        .above_designated_size(above)
}

/// The fields both test policies define: honours, papers, district contribution (each absent when empty).
pub fn give(
    mut b: talent_matrix::ProfileBuilder,
    honours: &std::collections::BTreeSet<&str>,
    papers: Option<i64>,
    wan: Option<i64>,
) -> talent_matrix::ProfileBuilder {
    use talent_matrix::Measure;
    if !honours.is_empty() {
        let codes = honours.iter().map(|h| (*h).to_owned()).collect();
        b = b.policy_value("honour", PolicyValue::Many(codes));
    }
    if let Some(n) = papers {
        b = b.policy_value("papers", PolicyValue::Number(Measure::from_whole(n)));
    }
    if let Some(w) = wan {
        let wan = PolicyValue::Number(Measure::from_whole(w));
        b = b.policy_value("district_contribution_wan", wan);
    }
    b
}

/// The profile with one thing raised at a time (invariant 5): performance outstanding, contribution major,
/// above designated size, both honours, and papers and district contribution each `more` higher.
pub fn raised(p: &Profile, more: i64) -> Vec<Profile> {
    use talent_matrix::{Contribution, Measure, Performance};
    let mut raised = vec![
        p.clone()
            .into_builder()
            .performance(Performance::Outstanding)
            .build()
            .unwrap(),
        p.clone()
            .into_builder()
            .contribution(Contribution::Major)
            .build()
            .unwrap(),
        p.clone()
            .into_builder()
            .above_designated_size(true)
            .build()
            .unwrap(),
        with(
            p,
            "honour",
            PolicyValue::Many(vec!["shizhong_talent".into(), "taishan_scholar".into()]),
        ),
    ];
    for code in ["papers", "district_contribution_wan"] {
        let now = match p.policy_value(code) {
            Some(PolicyValue::Number(n)) => n.ten_thousandths() / 10_000,
            _ => 0,
        };
        raised.push(with(
            p,
            code,
            PolicyValue::Number(Measure::from_whole(now + more)),
        ));
    }
    raised
}

/// A tier's height under a policy, by its tier order: higher is more, no tier lowest.
pub fn height(policy: &talent_matrix::Policy, t: Option<talent_matrix::Tier>) -> usize {
    t.and_then(|t| policy.tier_rank(t))
        .map_or(0, |r| policy.tier_order().len() - r)
}

/// Invariant 5: raising any one thing ([`raised`]) never lowers the tier, in the policy's tier order.
pub fn monotone(
    policy: &talent_matrix::Policy,
    p: &Profile,
    more: i64,
) -> Result<(), TestCaseError> {
    let before = height(policy, policy.classify(p).tier());
    for q in &raised(p, more) {
        let after = height(policy, policy.classify(q).tier());
        prop_assert!(after >= before, "{} -> {} for {:?}", before, after, q);
    }
    Ok(())
}

/// Invariant 6: the matrix counts every talent once, and its columns and its stream rows each add up to them.
pub fn matrix_counts(
    policy: &talent_matrix::Policy,
    roster: &[Profile],
) -> Result<(), TestCaseError> {
    use talent_matrix::{Matrix, MatrixRow};
    let matrix: Matrix = roster.iter().map(|p| policy.classify(p)).collect();
    let talents = roster
        .iter()
        .filter(|p| policy.classify(p).is_talent())
        .count() as u64;
    prop_assert_eq!(matrix.talents(), talents);
    prop_assert_eq!(matrix.total(), roster.len() as u64);
    let by_columns: u64 = matrix
        .tier_columns()
        .into_iter()
        .map(|t| matrix.column_total(t))
        .sum();
    prop_assert_eq!(by_columns, talents);
    let by_streams: u64 = Stream::ALL
        .iter()
        .map(|&s| matrix.row_total(MatrixRow::Stream(s)))
        .sum();
    prop_assert_eq!(by_streams, talents);
    Ok(())
}

/// A policy document spoiled at one line: dropped (`how` 0), doubled (1), or its value replaced by `with`.
pub fn spoil(text: &str, line: usize, how: u8, with: &str) -> String {
    let mut spoiled: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = line % spoiled.len().max(1);
    match how {
        0 => {
            spoiled.remove(at);
        }
        1 => {
            let l = spoiled[at].clone();
            spoiled.insert(at, l);
        }
        _ => {
            if let Some((key, _)) = spoiled[at].split_once(" = ") {
                spoiled[at] = format!("{key} = {with}");
            }
        }
    }
    spoiled.join("\n")
}
