//! The ten invariants of DOMAIN.md §7, as property tests (and, where the space is finite, exhaustive loops).
//!
//! The profile generator reaches every post, role, industry and value of every list, and draws numbers from
//! the thresholds of DOMAIN.md §5 (value − 1, value, value + 1) as well as from the whole allowed range.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests and benches may panic on a broken fixture

use std::collections::HashSet;

use proptest::prelude::*;
use proptest::sample::select;
use talent_matrix::enterprise::{AboveSizeRule, Bound, Indicator};
use talent_matrix::{
    Classification, Coded, Contribution, Department, EnterpriseSize, Entitlement, Field, Industry,
    IntroductionLevel, Lang, Matrix, MatrixRow, MissingFact, Ownership, Performance, Policy, Post,
    ProfessionalTitle, Profile, ProfileBuilder, Role, RuralRole, Service, SkillLevel,
    SocialWorkCertificate, Specialty, Stream, Tier, Wan, classify,
};

fn one_of<T: Coded>() -> impl Strategy<Value = T> {
    select(T::ALL)
}

fn maybe<T: Coded>() -> impl Strategy<Value = Option<T>> {
    proptest::option::of(one_of::<T>())
}

/// Every bound of the built-in policy's size standard.
fn size_bounds() -> Vec<Bound> {
    let policy = Policy::default();
    Industry::ALL
        .iter()
        .filter_map(|&i| policy.size_classes(i))
        .flat_map(|classes| classes.into_iter().flatten().copied())
        .collect()
}

/// The industries whose size the built-in policy derives.
fn sized_industries() -> Vec<Industry> {
    let policy = Policy::default();
    Industry::ALL
        .iter()
        .copied()
        .filter(|&i| policy.size_classes(i).is_some())
        .collect()
}

/// Employee counts: every threshold of the size standard ± 1, small numbers, and the whole range.
fn employees() -> impl Strategy<Value = Option<u32>> {
    let mut edges: Vec<u32> = vec![0, 1, 10_000_000];
    {
        {
            for b in size_bounds()
                .iter()
                .filter(|b| b.indicator() == Indicator::Employees)
            {
                let m = u32::try_from(b.min()).unwrap();
                edges.extend([m - 1, m, m + 1]);
            }
        }
    }
    proptest::option::of(prop_oneof![select(edges), 0u32..=3000, 0u32..=10_000_000])
}

/// Amounts: every money threshold of §5 ± 1 yuan, and the whole range.
fn money() -> impl Strategy<Value = Option<Wan>> {
    let mut edges: Vec<u64> = vec![0, 1, 100_000_000_000_000];
    {
        {
            for b in size_bounds()
                .iter()
                .filter(|b| b.indicator() != Indicator::Employees)
            {
                edges.extend([b.min() - 1, b.min(), b.min() + 1]);
            }
        }
    }
    for &industry in Industry::ALL {
        if let AboveSizeRule::Revenue(w) = Policy::default().above_rule(industry) {
            edges.extend([w.yuan() - 1, w.yuan(), w.yuan() + 1]);
        }
    }
    let yuan = prop_oneof![
        select(edges),
        0u64..=3_000_000_000,
        0u64..=100_000_000_000_000
    ];
    proptest::option::of(yuan.prop_map(Wan::from_yuan))
}

prop_compose! {
    fn profile()(
        (post, role, industry, employees, revenue, assets) in
            (one_of::<Post>(), maybe::<Role>(), maybe::<Industry>(), employees(), money(), money()),
        (size, above, ownership, performance, contribution, potential) in (
            maybe::<EnterpriseSize>(),
            proptest::option::of(any::<bool>()),
            maybe::<Ownership>(),
            one_of::<Performance>(),
            one_of::<Contribution>(),
            any::<bool>(),
        ),
        (title, skill, certificate, rural, level) in (
            maybe::<ProfessionalTitle>(),
            maybe::<SkillLevel>(),
            maybe::<SocialWorkCertificate>(),
            maybe::<RuralRole>(),
            maybe::<IntroductionLevel>(),
        ),
        // Bias towards enterprise posts with a management role, where most of the rules are.
        enterprise in any::<bool>(),
    ) -> Profile {
        let (post, role) = if enterprise && post != Post::Enterprise {
            (Post::Enterprise, role.or(Some(Role::Owner)))
        } else {
            (post, role)
        };
        Profile::builder("G-1", post)
            .role(role)
            .industry(industry)
            .employees(employees)
            .revenue_wan(revenue)
            .assets_wan(assets)
            .enterprise_size(size)
            .above_designated_size(above)
            .ownership(ownership)
            .performance(performance)
            .contribution(contribution)
            .potential(potential)
            .professional_title(title)
            .skill_level(skill)
            .social_work_certificate(certificate)
            .rural_role(rural)
            .introduction_level(level)
            .build()
            .unwrap()
    }
}

fn tier_of(p: &Profile) -> Option<Tier> {
    classify(p).tier()
}

/// Invariants 2, 3, 4 and 8 for one classification.
fn check_structure(c: &Classification<'_>) {
    let policy = c.policy();
    // 2. specialty belongs to stream; tier only on a ladder.
    if let Some(s) = c.specialty() {
        assert_eq!(Some(s.parent()), c.stream());
    }
    if c.tier().is_some() {
        assert!(c.stream().is_some_and(|s| policy.has_ladder(s)));
    }
    // 3. stream null ⇔ lead null ⇔ managed_by empty; else non-empty without duplicates.
    assert_eq!(c.stream().is_none(), c.lead().is_none());
    assert_eq!(c.stream().is_none(), c.managed_by().is_empty());
    let managers = c.managed_by().to_vec();
    assert_eq!(
        managers.iter().collect::<HashSet<_>>().len(),
        managers.len(),
        "{managers:?}"
    );
    assert_eq!(managers.len(), c.managed_by().len());
    // 4. stream ∉ also_qualifies; no duplicates; canonical order.
    let also: Vec<Stream> = c.also_qualifies().iter().collect();
    if let Some(s) = c.stream() {
        assert!(!also.contains(&s));
    }
    assert!(
        also.windows(2).all(|w| w[0].index() < w[1].index()),
        "{also:?}"
    );
}

fn render(c: &Classification<'_>) -> Vec<(String, String, String)> {
    c.reasons()
        .map(|r| (r.rule().to_string(), r.zh().to_string(), r.en().to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Invariant 1: every profile that parses gets a classification; classification is deterministic, and so
    /// is everything rendered from it.
    #[test]
    fn inv1_total_and_deterministic(p in profile()) {
        let a = classify(&p);
        let b = classify(&p);
        prop_assert_eq!(a, b);
        let reasons = render(&a);
        prop_assert_eq!(&reasons, &render(&b));
        for (rule, zh, en) in &reasons {
            prop_assert!(!zh.is_empty() && !en.is_empty(), "{} has an empty sentence", rule);
            let back = rule.parse::<talent_matrix::Rule>().map(|r| r.to_string());
            prop_assert_eq!(back.as_ref(), Ok(rule));
        }
        #[cfg(feature = "json")]
        {
            prop_assert_eq!(a.to_json(), b.to_json());
            // The profile's own record reads back equal (DOMAIN.md §3).
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(Profile::from_json(&json).unwrap(), p.clone());
        }
    }

    /// Invariants 2, 3 and 4 on arbitrary profiles.
    #[test]
    fn inv2_3_4_structure(p in profile()) {
        check_structure(&classify(&p));
    }

    /// Invariant 5: raising performance, contribution or potential, or stating above-designated-size true,
    /// never lowers the tier.
    #[test]
    fn inv5_monotone_in_merit(p in profile(), perf in one_of::<Performance>(), contrib in one_of::<Contribution>()) {
        let before = tier_of(&p);
        let raise = |b: ProfileBuilder| b.build().unwrap();
        let higher_perf = raise(p.clone().into_builder().performance(perf.max(p.performance())));
        let higher_contrib = raise(p.clone().into_builder().contribution(contrib.max(p.contribution())));
        let potential = raise(p.clone().into_builder().potential(true));
        let above = raise(p.clone().into_builder().above_designated_size(true));
        for q in [higher_perf, higher_contrib, potential, above] {
            prop_assert!(tier_of(&q) >= before, "{:?} -> {:?}", before, tier_of(&q));
        }
    }

    /// Invariant 6: over any roster the two-way matrix (stream × tier, with "no tier") sums to the number of
    /// talents, each stream's row to the talents of that stream, and tiers appear only in rows with a ladder.
    #[test]
    fn inv6_matrix_counts(roster in proptest::collection::vec(profile(), 0..60)) {
        let policy = Policy::shizhong_2011();
        // cells[stream][0] = no tier, cells[stream][1 + tier] = that tier.
        let mut cells = [[0usize; 1 + Tier::ALL.len()]; Stream::ALL.len()];
        let mut not_talent = 0;
        for p in &roster {
            let c = classify(p);
            match c.stream() {
                None => not_talent += 1,
                Some(s) => cells[s.index()][c.tier().map_or(0, |t| 1 + t.index())] += 1,
            }
        }
        let talents = roster.iter().filter(|p| classify(p).is_talent()).count();
        prop_assert_eq!(cells.iter().flatten().sum::<usize>(), talents);
        // The crate's Matrix, built whole and from two merged halves, agrees with the count above.
        let matrix: Matrix = roster.iter().map(classify).collect();
        let (a, b) = roster.split_at(roster.len() / 2);
        let mut merged: Matrix = a.iter().map(classify).collect();
        merged.merge(b.iter().map(classify).collect());
        prop_assert_eq!(&merged, &matrix);
        prop_assert_eq!(matrix.talents() as usize, talents);
        prop_assert_eq!(matrix.total() as usize, roster.len());
        for &s in Stream::ALL {
            for (slot, &tier) in [None, Some(Tier::Elite), Some(Tier::HighEnd), Some(Tier::Leader)].iter().enumerate() {
                prop_assert_eq!(matrix.row_cell(MatrixRow::Stream(s), tier) as usize, cells[s.index()][slot]);
            }
        }
        prop_assert_eq!(talents + not_talent, roster.len());
        for &s in Stream::ALL {
            let direct = roster.iter().filter(|p| classify(p).stream() == Some(s)).count();
            prop_assert_eq!(cells[s.index()].iter().sum::<usize>(), direct);
            if !policy.has_ladder(s) {
                prop_assert_eq!(cells[s.index()][1..].iter().sum::<usize>(), 0);
            }
        }
    }

    /// Invariant 7: codes and labels round-trip through parsing, whatever the ASCII case and surrounding
    /// Unicode whitespace; serde round-trips (see also tests/codes.rs for the exhaustive checks).
    #[test]
    fn inv7_labels_round_trip(
        i in 0usize..1000,
        flips in proptest::collection::vec(any::<bool>(), 80),
        pad in select(vec!["", " ", "\t", "\u{3000}", "\u{a0}", "\n \u{2003}"]),
    ) {
        fn check<T: Coded>(i: usize, flips: &[bool], pad: &str) -> Result<(), TestCaseError> {
            let v = T::ALL[i % T::ALL.len()];
            let flip = |s: &str| -> String {
                s.chars().zip(flips.iter().cycle()).map(|(c, &f)| {
                    if f { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }
                }).collect()
            };
            for s in [flip(v.code()), flip(v.label(Lang::En)), v.label(Lang::ZhHans).to_owned(),
                      v.label(Lang::ZhHant).to_owned(), v.to_string(), format!("{v:#}")] {
                let padded = format!("{pad}{s}{pad}");
                prop_assert_eq!(padded.parse::<T>().ok(), Some(v), "{:?}", padded);
            }
            Ok(())
        }
        check::<Stream>(i, &flips, pad)?;
        check::<Specialty>(i, &flips, pad)?;
        check::<Tier>(i, &flips, pad)?;
        check::<Department>(i, &flips, pad)?;
        check::<Post>(i, &flips, pad)?;
        check::<Role>(i, &flips, pad)?;
        check::<Industry>(i, &flips, pad)?;
        check::<EnterpriseSize>(i, &flips, pad)?;
        check::<Ownership>(i, &flips, pad)?;
        check::<Performance>(i, &flips, pad)?;
        check::<Contribution>(i, &flips, pad)?;
        check::<ProfessionalTitle>(i, &flips, pad)?;
        check::<SkillLevel>(i, &flips, pad)?;
        check::<SocialWorkCertificate>(i, &flips, pad)?;
        check::<RuralRole>(i, &flips, pad)?;
        check::<IntroductionLevel>(i, &flips, pad)?;
        check::<Entitlement>(i, &flips, pad)?;
        check::<Service>(i, &flips, pad)?;
        check::<MissingFact>(i, &flips, pad)?;
        check::<Field>(i, &flips, pad)?;
    }

    /// Invariant 9: where every number the industry row needs is present, more employees, revenue or assets
    /// never give a smaller size.
    #[test]
    fn inv9_size_is_monotone(
        industry in select(sized_industries()),
        x in 0u32..=10_000_000, y in 0u64..=100_000_000_000_000, z in 0u64..=100_000_000_000_000,
        dx in 0u32..=5_000, dy in 0u64..=5_000_000_000, dz in 0u64..=5_000_000_000,
    ) {
        let size = |x: u32, y: u64, z: u64| {
            let p = Profile::builder("M-1", Post::Enterprise)
                .industry(industry)
                .employees(x.min(10_000_000))
                .revenue_wan(Wan::from_yuan(y.min(100_000_000_000_000)))
                .assets_wan(Wan::from_yuan(z.min(100_000_000_000_000)))
                .build()
                .unwrap();
            Policy::default().enterprise_facts(&p).size()
        };
        let base = size(x, y, z);
        prop_assert!(base.is_some(), "every number present: the size is known");
        prop_assert!(size(x + dx, y, z) >= base);
        prop_assert!(size(x, y + dy, z) >= base);
        prop_assert!(size(x, y, z + dz) >= base);
        prop_assert!(size(x + dx, y + dy, z + dz) >= base);
    }

    /// Invariant 10: stating a fact listed in `missing_facts` never lowers the tier, and raises it only to a
    /// tier whose condition was open.
    ///
    /// For `industry`, `enterprise_size` and `above_designated_size` both halves are checked. `role`,
    /// `skill_level` and `rural_role` are missing only where the person is not on the ladder at all (no
    /// enterprise management stream), so no tier condition was evaluated, open or not: stating them is checked
    /// never to lower the tier (DOMAIN.md §7.10 is silent on how "open" reads there).
    #[test]
    fn inv10_stating_a_missing_fact(p in profile()) {
        let before = classify(&p);
        let was_open = |t: Tier| before.has_ladder() && before.tier_condition(t).is_none();
        for fact in before.missing_facts() {
            let variants: Vec<Profile> = match fact {
                MissingFact::Role => Role::ALL.iter().map(|&r| p.clone().into_builder().role(r)).map(|b| b.build().unwrap()).collect(),
                MissingFact::SkillLevel => SkillLevel::ALL.iter().map(|&s| p.clone().into_builder().skill_level(s).build().unwrap()).collect(),
                MissingFact::RuralRole => RuralRole::ALL.iter().map(|&r| p.clone().into_builder().rural_role(r).build().unwrap()).collect(),
                MissingFact::Industry => Industry::ALL.iter().map(|&i| p.clone().into_builder().industry(i).build().unwrap()).collect(),
                MissingFact::EnterpriseSize => EnterpriseSize::ALL.iter().map(|&s| p.clone().into_builder().enterprise_size(s).build().unwrap()).collect(),
                MissingFact::AboveDesignatedSize => [true, false].iter().map(|&a| p.clone().into_builder().above_designated_size(a).build().unwrap()).collect(),
                _ => unreachable!("a new missing fact needs a case here"),
            };
            let checks_open = !matches!(fact, MissingFact::Role | MissingFact::SkillLevel | MissingFact::RuralRole);
            for q in &variants {
                let after = classify(q).tier();
                prop_assert!(after >= before.tier(), "{:?}: {:?} -> {:?}", fact, before.tier(), after);
                if checks_open && after > before.tier() {
                    let t = after.unwrap();
                    prop_assert!(was_open(t), "{:?} raised the tier to {:?}, whose condition was not open", fact, t);
                }
            }
        }
    }
}

/// Invariants 2, 3, 4 and 8, exhaustively over every combination of the discrete facts that the rules read
/// (with one representative industry per rule outcome and numbers left absent).
#[test]
fn inv8_every_reachable_cell_has_departments_exhaustive() {
    let industries = [
        None,
        Some(Industry::Finance),
        Some(Industry::LeasingBusinessServices),
        Some(Industry::Retail),
    ];
    let roles: Vec<Option<Role>> = std::iter::once(None)
        .chain(Role::ALL.iter().copied().map(Some))
        .collect();
    let sizes: Vec<Option<EnterpriseSize>> = std::iter::once(None)
        .chain(EnterpriseSize::ALL.iter().copied().map(Some))
        .collect();
    let mut cells: HashSet<(Option<Stream>, Option<Specialty>, Option<Tier>)> = HashSet::new();
    let mut count = 0usize;
    for &post in Post::ALL {
        for &role in &roles {
            for industry in industries {
                for &size in &sizes {
                    for above in [None, Some(false), Some(true)] {
                        for ownership in [None, Some(Ownership::Individual)] {
                            for &perf in Performance::ALL {
                                for &contrib in Contribution::ALL {
                                    for potential in [false, true] {
                                        for title in [None, Some(ProfessionalTitle::Junior)] {
                                            for skill in [
                                                None,
                                                Some(SkillLevel::JuniorWorker),
                                                Some(SkillLevel::Technician),
                                            ] {
                                                for cert in [
                                                    None,
                                                    Some(SocialWorkCertificate::SocialWorker),
                                                ] {
                                                    for rural in [None, Some(RuralRole::Craft)] {
                                                        let p = Profile::builder("X", post)
                                                            .role(role)
                                                            .industry(industry)
                                                            .enterprise_size(size)
                                                            .above_designated_size(above)
                                                            .ownership(ownership)
                                                            .performance(perf)
                                                            .contribution(contrib)
                                                            .potential(potential)
                                                            .professional_title(title)
                                                            .skill_level(skill)
                                                            .social_work_certificate(cert)
                                                            .rural_role(rural)
                                                            .build()
                                                            .unwrap();
                                                        let c = classify(&p);
                                                        check_structure(&c);
                                                        if c.is_talent() {
                                                            // 8. a reachable cell has a non-empty department list.
                                                            assert!(!c.managed_by().is_empty());
                                                        }
                                                        cells.insert((
                                                            c.stream(),
                                                            c.specialty(),
                                                            c.tier(),
                                                        ));
                                                        count += 1;
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(count, 8 * 6 * 4 * 5 * 3 * 2 * 3 * 3 * 2 * 2 * 3 * 2 * 2);
    // Every cell the policy defines is reached: 6 streams without specialty (enterprise management with its
    // four tier slots), 2 specialties (finance and commerce with four), and "not talent".
    let expected = 1 + (5 + 4) + (1 + 4);
    assert_eq!(cells.len(), expected, "{cells:?}");
}
