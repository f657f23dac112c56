//! This year against last year (issue 13, item 4): the comparison's counts add up on random pairs of rosters.
//!
//! Each year is a roster of up to 60 people drawn from 40 ids (so some stay, some join, some leave), with
//! profiles spread over every stream and tier and a unit from three (or none). The comparison is checked
//! against what the two rosters say when counted by hand: each year's matrix, each cell's people, who joined,
//! who left and who moved; and its flows add up in every cell, row, column and unit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic on a broken fixture

use std::collections::{BTreeMap, HashMap, HashSet};

use proptest::prelude::*;
use proptest::sample::select;
use talent_matrix::compare::{Comparison, Figures, LastYear, Place};
use talent_matrix::{
    Coded, Industry, IntroductionLevel, Lang, Matrix, Post, ProfessionalTitle, Profile, Role,
    SkillLevel, SocialWorkCertificate, classify,
};

/// One person of a year: id number, profile and unit.
type Person = (u8, Profile, Option<&'static str>);

fn maybe<T: Coded>() -> impl Strategy<Value = Option<T>> {
    proptest::option::of(select(T::ALL))
}

prop_compose! {
    fn person()(
        id in 0u8..40,
        post in select(Post::ALL),
        role in maybe::<Role>(),
        industry in maybe::<Industry>(),
        above in proptest::option::of(any::<bool>()),
        title in maybe::<ProfessionalTitle>(),
        skill in maybe::<SkillLevel>(),
        certificate in maybe::<SocialWorkCertificate>(),
        level in maybe::<IntroductionLevel>(),
        unit in proptest::option::of(select(&["区教育局", "大观园街道", "经济开发区"][..])),
    ) -> Person {
        let p = Profile::builder(format!("P-{id}"), post)
            .role(role)
            .industry(industry)
            .above_designated_size(above)
            .professional_title(title)
            .skill_level(skill)
            .social_work_certificate(certificate)
            .introduction_level(level)
            .build()
            .unwrap();
        (id, p, unit)
    }
}

/// A year's roster: each id once.
fn year() -> impl Strategy<Value = Vec<Person>> {
    proptest::collection::vec(person(), 0..60).prop_map(|people| {
        let mut seen = HashSet::new();
        people
            .into_iter()
            .filter(|(id, _, _)| seen.insert(*id))
            .collect()
    })
}

fn compare(last: &[Person], this: &[Person]) -> Comparison {
    let mut year = LastYear::new();
    for (_, p, unit) in last {
        year.add(&classify(p), *unit).unwrap();
    }
    let mut year = year.then();
    for (_, p, unit) in this {
        year.add(&classify(p), *unit).unwrap();
    }
    year.finish()
}

/// Every flow of the figures adds up, and the grid's rows and columns sum their cells.
fn adds_up(figures: &Figures) -> Result<(), TestCaseError> {
    for (place, flow) in figures.cells() {
        prop_assert!(flow.adds_up(), "{place}: {flow:?}");
    }
    let m = figures.this();
    for row in m.rows() {
        for t in m.tier_columns() {
            let f = figures.row_cell(row, t);
            prop_assert!(f.adds_up());
            prop_assert_eq!(f.this, figures.this().row_cell(row, t), "{:?} {:?}", row, t);
            prop_assert_eq!(f.last, figures.last().row_cell(row, t), "{:?} {:?}", row, t);
        }
        prop_assert!(figures.row_total(row).adds_up());
        prop_assert_eq!(figures.row_total(row).this, m.row_total(row));
    }
    for t in m.tier_columns() {
        prop_assert_eq!(figures.column_total(t).this, m.column_total(t));
        prop_assert_eq!(figures.column_total(t).last, figures.last().column_total(t));
    }
    let (all, talents, not) = (figures.everyone(), figures.talents(), figures.not_talent());
    prop_assert!(all.adds_up() && talents.adds_up() && not.adds_up());
    prop_assert_eq!(
        (all.last, all.this),
        (figures.last().total(), figures.this().total())
    );
    prop_assert_eq!(talents.this, m.talents());
    prop_assert_eq!(not.this, m.not_talent());
    Ok(())
}

/// People per place, counted by hand.
fn by_place(people: &[Person]) -> BTreeMap<Place, u64> {
    let mut counts = BTreeMap::new();
    for (_, p, _) in people {
        *counts.entry(Place::of(&classify(p))).or_insert(0) += 1;
    }
    counts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn counts_add_up_on_random_pairs_of_rosters(last in year(), this in year()) {
        let cmp = compare(&last, &this);
        let total = cmp.total();
        adds_up(total)?;

        // Each year's matrix is the matrix of its roster.
        let matrix = |people: &[Person]| -> Matrix { people.iter().map(|(_, p, _)| classify(p)).collect() };
        prop_assert_eq!(total.last(), &matrix(&last));
        prop_assert_eq!(total.this(), &matrix(&this));

        // Each cell holds the people the rosters put there.
        let (before, after) = (by_place(&last), by_place(&this));
        for (place, flow) in total.cells() {
            prop_assert_eq!(flow.last, before.get(&place).copied().unwrap_or(0));
            prop_assert_eq!(flow.this, after.get(&place).copied().unwrap_or(0));
        }
        prop_assert_eq!(total.cells().count(), before.keys().chain(after.keys()).collect::<HashSet<_>>().len());

        // Joined, left and moved, as the ids say.
        let ids = |people: &[Person]| -> HashMap<String, (Place, Option<&'static str>)> {
            people.iter().map(|(_, p, u)| (p.id().to_owned(), (Place::of(&classify(p)), *u))).collect()
        };
        let (was, is) = (ids(&last), ids(&this));
        let joined: HashSet<&str> = cmp.joined().iter().map(|e| e.id()).collect();
        let left: HashSet<&str> = cmp.left().iter().map(|e| e.id()).collect();
        prop_assert_eq!(joined, is.keys().filter(|k| !was.contains_key(*k)).map(String::as_str).collect::<HashSet<_>>());
        prop_assert_eq!(left, was.keys().filter(|k| !is.contains_key(*k)).map(String::as_str).collect::<HashSet<_>>());
        let moved: HashSet<&str> = cmp.moved().iter().map(|m| m.id()).collect();
        let expected: HashSet<&str> = is
            .iter()
            .filter(|(k, now)| was.get(*k).is_some_and(|then| then != *now))
            .map(|(k, _)| k.as_str())
            .collect();
        prop_assert_eq!(moved, expected);
        for m in cmp.moved() {
            prop_assert_eq!(Some(&(m.from(), m.from_unit())), was.get(m.id()));
            prop_assert_eq!(Some(&(m.to(), m.to_unit())), is.get(m.id()));
            prop_assert!(!m.why(Lang::ZhHans).is_empty() && !m.why(Lang::En).is_empty(), "{:?}", m);
        }
        let everyone = total.everyone();
        let cell_moves = cmp.moved().iter().filter(|m| m.changed_cell()).count() as u64;
        prop_assert_eq!((everyone.joined, everyone.left), (cmp.joined().len() as u64, cmp.left().len() as u64));
        prop_assert_eq!((everyone.moved_in, everyone.moved_out), (cell_moves, cell_moves));

        // Every unit's figures add up on their own, and the units' years sum to the total's.
        let (mut last_sum, mut this_sum) = (0, 0);
        for (unit, figures) in cmp.units() {
            adds_up(figures)?;
            let of = |people: &[Person]| people.iter().filter(|(_, _, u)| *u == unit).count() as u64;
            prop_assert_eq!(figures.everyone().last, of(&last));
            prop_assert_eq!(figures.everyone().this, of(&this));
            last_sum += figures.everyone().last;
            this_sum += figures.everyone().this;
        }
        prop_assert_eq!((last_sum, this_sum), (last.len() as u64, this.len() as u64));
    }
}

#[test]
fn the_same_id_twice_in_a_year_is_refused() {
    let p = Profile::builder("P-1", Post::Community).build().unwrap();
    let mut year = LastYear::new();
    year.add(&classify(&p), None).unwrap();
    assert_eq!(year.add(&classify(&p), None).unwrap_err().id(), "P-1");
    let mut year = year.then();
    year.add(&classify(&p), None).unwrap();
    assert!(year.add(&classify(&p), Some("A")).is_err());
    let cmp = year.finish();
    assert_eq!(cmp.total().everyone().stayed, 1);
    assert!(cmp.moved().is_empty());
}

/// With the `roster` feature ids are matched as the roster reader compares them: `Ｐ-1` is `P-1`.
#[cfg(feature = "roster")]
#[test]
fn an_id_twice_in_a_year_is_refused_and_changes_nothing() {
    let p = Profile::builder("Ｐ-1", Post::Community).build().unwrap();
    let q = Profile::builder("P-1", Post::Other).build().unwrap();
    let mut year = LastYear::new();
    year.add(&classify(&p), None).unwrap();
    let err = year.add(&classify(&q), None).unwrap_err();
    assert_eq!(err.id(), "P-1");
    assert_eq!(year.len(), 1);
    let mut year = year.then();
    year.add(&classify(&q), Some("A")).unwrap();
    let err = year.add(&classify(&p), Some("A")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "id \"Ｐ-1\" is given twice in this year's roster"
    );
    let cmp = year.finish();
    // Ｐ-1 and P-1 are one person: they moved from social work to not talent, and changed unit.
    assert_eq!(cmp.moved().len(), 1);
    assert!(cmp.joined().is_empty() && cmp.left().is_empty());
    assert_eq!(cmp.moved()[0].rule().to_string(), "stream.none");
    assert_eq!(
        (cmp.moved()[0].from_unit(), cmp.moved()[0].to_unit()),
        (None, Some("A"))
    );
    assert_eq!(cmp.total().everyone().this, 1);
}

#[test]
fn the_tables_and_csv_show_both_years_and_the_people() {
    let p = |id: &str, post| Profile::builder(id, post).build().unwrap();
    let last = [
        (0, p("A", Post::Community), Some("街道")),
        (1, p("B", Post::Other), None),
    ];
    let this = [
        (0, p("A", Post::Other), Some("街道")),
        (2, p("C", Post::Community), Some("=1+1")),
    ];
    let cmp = compare(&last, &this);
    let table = cmp.to_table(Lang::ZhHans);
    assert!(table.contains("1 → 1 (0)"), "{table}");
    assert!(
        table.contains(
            "变动 (1)\n  A [街道]: 社会工作人才 · 社区专职工作者 → 不计入人才  (stream.none: "
        ),
        "{table}"
    );
    assert!(
        table.contains("新增 (1)\n  C [=1+1]: 社会工作人才 · 社区专职工作者"),
        "{table}"
    );
    assert!(table.contains("减少 (1)\n  B: 不计入人才"), "{table}");
    let csv = cmp.people_csv(Lang::En);
    assert!(csv.starts_with("change,id,from_unit,from,to_unit,to,rule,why\nmoved,A,街道,social_work/community_worker/-,街道,none,stream.none,"), "{csv}");
    // A unit that looks like a formula is neutralised.
    assert!(
        csv.contains("\njoined,C,,,'=1+1,social_work/community_worker/-,,\n"),
        "{csv}"
    );
    assert!(csv.ends_with("left,B,,none,,,,\n"), "{csv}");
    let figures = cmp.total().to_csv(Lang::En);
    assert!(
        figures.contains("\nsocial_work,Social work talent,total,1,1,0,0,1,0,0,1\n"),
        "{figures}"
    );
    assert!(
        figures.ends_with("everyone,Everyone,total,2,2,0,0,1,1,1,1\n"),
        "{figures}"
    );
}

/// Two years classified under different policies cannot be compared: the second policy's classification is
/// refused, naming both hashes, and the comparison is as it was.
#[cfg(feature = "toml")]
#[test]
fn classifications_under_another_policy_are_refused_naming_both_policies() {
    use talent_matrix::Policy;
    use talent_matrix::compare::CompareError;
    use talent_matrix::policy::PolicyDoc;
    let other = Policy::from_doc(
        &PolicyDoc::from_toml(include_str!("../examples/data/policy-other-place.toml")).unwrap(),
    )
    .unwrap();
    let built_in = Policy::shizhong_2011();
    let a = Profile::builder("A", Post::Other).build().unwrap();
    let b = Profile::builder("B", Post::Other).build().unwrap();
    let mut last = LastYear::new();
    last.add(&built_in.classify(&a), None).unwrap();
    let err = last.add(&other.classify(&b), None).unwrap_err();
    assert_eq!(
        err,
        CompareError::OtherPolicy {
            id: "B".into(),
            first: built_in.hash().to_owned(),
            this: other.hash().to_owned(),
        }
    );
    assert!(err.to_string().starts_with(&format!(
        "\"B\" was classified under the policy {}, but the comparison began under {}",
        other.hash(),
        built_in.hash()
    )));
    assert_eq!(last.len(), 1);
    let mut this = last.then();
    assert!(matches!(
        this.add(&other.classify(&a), None),
        Err(CompareError::OtherPolicy { .. })
    ));
    this.add(&built_in.classify(&a), None).unwrap();
    assert_eq!(this.finish().total().everyone().stayed, 1);
}
