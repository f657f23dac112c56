//! How the procedure reads a condition: clause by clause over a profile's facts ([`ByClause`]), or every
//! condition at once from the policy's rows ([`ByRow`]). Both give the same answers (the tests below compare
//! them on every combination of the discrete facts the built-in rules read); the rows are the fast path,
//! the clauses what a policy with more than 64 conditions uses.

use crate::codes::{CodeSet, MissingFact};
use crate::enterprise::EnterpriseFacts;
use crate::facts::condition::{AnyOf, Cond};
use crate::facts::rows::{Row, Rows};
use crate::facts::{Fact, Facts, States, input_states, missing_fact};
use crate::profile::Profile;

/// What DOMAIN.md §4's procedure asks of a condition, as the facts stand: the input facts and the stream,
/// specialty and tier decided so far.
pub(crate) trait Evaluator {
    /// The three-valued truth of a condition (DOMAIN.md §4.4): `None` when open.
    fn eval(&self, c: &Cond) -> Option<bool>;

    /// Whether a condition is true.
    #[inline]
    fn holds(&self, c: &Cond) -> bool {
        self.eval(c) == Some(true)
    }

    /// Whether some condition of a list is true.
    #[inline]
    fn any(&self, conds: &AnyOf) -> bool {
        conds.iter().any(|c| self.holds(c))
    }

    /// The three-valued truth of a list of alternatives (DOMAIN.md §9.2): true if one is true, false if all
    /// are false, else open.
    #[inline]
    fn eval_any(&self, conds: &AnyOf) -> Option<bool> {
        alternatives(self, conds)
    }

    /// Records a decided fact (the stream, the specialty or the tier) as its state: 0 for none, else the
    /// value's index plus one.
    fn decided(&mut self, fact: Fact, state: usize);

    /// For a false condition: the facts of §4.7 whose absence alone makes it false (giving them could make it
    /// hold); empty when something else makes it false, or when it is not false.
    fn repairable(&self, c: &Cond) -> CodeSet<MissingFact>;

    /// For an open condition: the facts of §4.7 that leave it open.
    fn open_facts(&self, c: &Cond) -> CodeSet<MissingFact>;

    /// For an open condition: the policy's indicators whose absent numbers leave it open (DOMAIN.md §9.3), bit
    /// `i` for the policy's `i`-th indicator. None where the policy has no facts of its own.
    fn open_indicators(&self, _c: &Cond) -> u32 {
        0
    }
}

/// The three-valued truth of alternatives, each read through `e`: true if one is true, false if all are false,
/// else open.
fn alternatives<E: Evaluator + ?Sized>(e: &E, conds: &AnyOf) -> Option<bool> {
    let mut open = false;
    for c in conds {
        match e.eval(c) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => open = true,
        }
    }
    if open { None } else { Some(false) }
}

/// Conditions read clause by clause ([`crate::facts::Mask::eval`]) over the profile's possible values.
pub(crate) struct ByClause {
    facts: Facts,
    /// Per slot, the indicator whose absent number can leave it open (its place among the policy's
    /// indicators).
    indicator_of: [Option<u8>; crate::facts::slots::SLOTS],
}

impl ByClause {
    pub(crate) fn new(
        p: &Profile,
        enterprise: &EnterpriseFacts,
        slots: &crate::facts::slots::Slots,
    ) -> ByClause {
        ByClause {
            facts: Facts::of(p, enterprise, slots),
            indicator_of: slots.indicator_of,
        }
    }
}

impl Evaluator for ByClause {
    #[inline]
    fn eval(&self, c: &Cond) -> Option<bool> {
        c.mask.eval(&self.facts)
    }

    #[inline]
    fn decided(&mut self, fact: Fact, state: usize) {
        self.facts = self.facts.with(fact, 1 << state);
    }

    fn repairable(&self, c: &Cond) -> CodeSet<MissingFact> {
        c.mask.fixable_absent(&self.facts)
    }

    fn open_indicators(&self, c: &Cond) -> u32 {
        let mut open = 0u32;
        for (fact, of) in Fact::ALL[crate::facts::BUILT_IN..]
            .iter()
            .zip(&self.indicator_of)
        {
            let (allowed, possible) = (c.mask.allowed(*fact), self.facts.get(*fact));
            if let Some(i) = of.filter(|_| possible & !allowed != 0 && allowed & possible != 0) {
                open |= 1 << (i & 31);
            }
        }
        open
    }

    fn open_facts(&self, c: &Cond) -> CodeSet<MissingFact> {
        let mut open = CodeSet::new();
        for fact in c.mask.constrained() {
            let (allowed, possible) = (c.mask.allowed(fact), self.facts.get(fact));
            if possible & !allowed != 0 && allowed & possible != 0 {
                open.extend(missing_fact(fact));
            }
        }
        open
    }
}

/// Conditions read from the policy's rows: one OR per fact, then a bit test per condition.
pub(crate) struct ByRow<'r> {
    rows: &'r Rows,
    states: States,
    /// The rows of the facts known so far, OR-ed.
    at: Row,
}

impl<'r> ByRow<'r> {
    #[inline]
    pub(crate) fn new(rows: &'r Rows, p: &Profile, enterprise: &EnterpriseFacts) -> ByRow<'r> {
        ByRow::of_states(rows, input_states(p, enterprise))
    }

    /// The rows' answers for input facts in these states.
    #[inline]
    pub(crate) fn of_states(rows: &'r Rows, states: States) -> ByRow<'r> {
        ByRow {
            rows,
            at: rows.base(&states),
            states,
        }
    }
}

impl Evaluator for ByRow<'_> {
    #[inline]
    fn eval(&self, c: &Cond) -> Option<bool> {
        self.at.eval(c.id)
    }

    #[inline]
    fn any(&self, conds: &AnyOf) -> bool {
        self.at.holding() & conds.row_bits() != 0
    }

    #[inline]
    fn eval_any(&self, conds: &AnyOf) -> Option<bool> {
        self.at.eval_bits(conds.row_bits())
    }

    #[inline]
    fn decided(&mut self, fact: Fact, state: usize) {
        self.at = self.at | self.rows.row(fact, state);
    }

    fn repairable(&self, c: &Cond) -> CodeSet<MissingFact> {
        // Stream and specialty conditions (the only ones asked) test no decided fact (the policy's proofs
        // refuse it), so the input facts' rows answer.
        if self.at.eval(c.id) != Some(false) || self.rows.beyond_repair(&self.states, c.id) {
            return CodeSet::new();
        }
        self.rows.nameable(&self.states, c.id, false)
    }

    fn open_facts(&self, c: &Cond) -> CodeSet<MissingFact> {
        self.rows.nameable(&self.states, c.id, true)
    }
}

#[cfg(test)]
#[allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use crate::classify::{Classification, Prepared, classify_with};
    use crate::codes::{
        Contribution, EnterpriseSize, Industry, IntroductionLevel, Ownership, Performance, Post,
        ProfessionalTitle, Role, RuralRole, SkillLevel, SocialWorkCertificate,
    };
    #[cfg(feature = "toml")]
    use crate::codes::{Stream, Tier};
    use crate::policy::{Policy, PolicyDoc};

    fn built_in() -> Policy {
        Policy::shizhong_2011()
    }

    /// The public path: rows where the policy has them.
    fn by_row<'a>(policy: &'a Policy, p: &'a Profile) -> Classification<'a> {
        classify_with(policy, p)
    }

    /// The same procedure, every condition read clause by clause.
    fn by_clause<'a>(policy: &'a Policy, p: &'a Profile) -> Classification<'a> {
        let enterprise = policy.compiled().enterprise_facts(p);
        let decided = super::super::procedure::decide(
            policy,
            p.post(),
            ByClause::new(p, &enterprise, &policy.compiled().slots),
        );
        Classification::new(policy, p, enterprise, decided)
    }

    /// The three ways to decide agree: the rows, the clauses, and the prepared policy's table.
    fn agree(policy: &Policy, prepared: &Prepared<'_>, p: &Profile) {
        let d = by_row(policy, p);
        assert_eq!(d, by_clause(policy, p), "{}: {p:?}", policy.name());
        assert_eq!(d, prepared.classify(p), "{} prepared: {p:?}", policy.name());
    }

    /// The rows decide as the clauses do, and the prepared table as both, on every combination of the discrete
    /// facts the built-in rules read (`tests/oracle.rs` checks the same combinations against the hand-written
    /// policy, through the public API).
    #[test]
    fn the_rows_decide_as_the_clauses_do_on_every_combination() {
        let policy = built_in();
        let prepared = policy.prepare();
        assert!(prepared.is_tabled());
        fn opt<T: Copy>(all: &[T]) -> Vec<Option<T>> {
            std::iter::once(None)
                .chain(all.iter().copied().map(Some))
                .collect()
        }
        let roles = opt(Role::ALL);
        let sizes = opt(EnterpriseSize::ALL);
        let industries = [
            None,
            Some(Industry::Finance),
            Some(Industry::LeasingBusinessServices),
            Some(Industry::Retail),
        ];
        let aboves = [None, Some(false), Some(true)];
        let ownerships = [None, Some(Ownership::Individual), Some(Ownership::Private)];
        let titles = [None, Some(ProfessionalTitle::Junior)];
        let skills = [
            None,
            Some(SkillLevel::JuniorWorker),
            Some(SkillLevel::Technician),
        ];
        let certs = [None, Some(SocialWorkCertificate::SocialWorker)];
        let rurals = [None, Some(RuralRole::Craft)];
        let radices = [
            Post::ALL.len(),
            roles.len(),
            industries.len(),
            sizes.len(),
            aboves.len(),
            ownerships.len(),
            Performance::ALL.len(),
            Contribution::ALL.len(),
            2,
            titles.len(),
            skills.len(),
            certs.len(),
            rurals.len(),
        ];
        let combinations: usize = radices.iter().product();
        assert_eq!(
            combinations,
            8 * 6 * 4 * 5 * 3 * 3 * 3 * 3 * 2 * 2 * 3 * 2 * 2
        );
        // Each combination is a number in mixed radix, one digit per fact.
        for n in 0..combinations {
            let mut digits = radices.iter().scan(n, |rest, &radix| {
                let digit = *rest % radix;
                *rest /= radix;
                Some(digit)
            });
            let mut next = || digits.next().unwrap();
            let post = Post::ALL[next()];
            // Services depend on the level alone: one level, varied with the post, covers them.
            let level = IntroductionLevel::ALL.get(post.index() % 4).copied();
            let p = Profile::builder("X", post)
                .role(roles[next()])
                .industry(industries[next()])
                .enterprise_size(sizes[next()])
                .above_designated_size(aboves[next()])
                .ownership(ownerships[next()])
                .performance(Performance::ALL[next()])
                .contribution(Contribution::ALL[next()])
                .potential(next() == 1)
                .professional_title(titles[next()])
                .skill_level(skills[next()])
                .social_work_certificate(certs[next()])
                .rural_role(rurals[next()])
                .introduction_level(level)
                .build()
                .unwrap();
            agree(&policy, &prepared, &p);
        }
    }

    /// Profiles with every fact drawn at random (a fixed-seed linear congruential generator), numbers included so
    /// that sizes and above-size statuses are derived, stated and open.
    fn random_profiles(n: usize) -> impl Iterator<Item = Profile> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |k: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % k
        };
        (0..n).map(move |_| {
            fn pick<T: Copy>(all: &[T], i: usize) -> Option<T> {
                i.checked_sub(1).and_then(|i| all.get(i).copied())
            }
            let post = Post::ALL[next(Post::ALL.len())];
            Profile::builder("R", post)
                .role(pick(Role::ALL, next(Role::ALL.len() + 1)))
                .industry(pick(Industry::ALL, next(Industry::ALL.len() + 1)))
                .employees((next(3) > 0).then(|| next(3000) as u32))
                .revenue_wan((next(3) > 0).then(|| crate::Wan::from_wan(next(50_000) as u64)))
                .assets_wan((next(3) > 0).then(|| crate::Wan::from_wan(next(90_000) as u64)))
                .enterprise_size(pick(
                    EnterpriseSize::ALL,
                    next(EnterpriseSize::ALL.len() + 4),
                ))
                .above_designated_size([None, None, Some(false), Some(true)][next(4)])
                .ownership(pick(Ownership::ALL, next(Ownership::ALL.len() + 1)))
                .performance(Performance::ALL[next(Performance::ALL.len())])
                .contribution(Contribution::ALL[next(Contribution::ALL.len())])
                .potential(next(2) == 1)
                .professional_title(pick(
                    ProfessionalTitle::ALL,
                    next(ProfessionalTitle::ALL.len() + 1),
                ))
                .skill_level(pick(SkillLevel::ALL, next(SkillLevel::ALL.len() + 1)))
                .social_work_certificate(pick(
                    SocialWorkCertificate::ALL,
                    next(SocialWorkCertificate::ALL.len() + 1),
                ))
                .rural_role(pick(RuralRole::ALL, next(RuralRole::ALL.len() + 1)))
                .introduction_level(pick(
                    IntroductionLevel::ALL,
                    next(IntroductionLevel::ALL.len() + 1),
                ))
                .build()
                .unwrap()
        })
    }

    /// The rows decide as the clauses do on another policy: the example's professional ladder tests
    /// titles, which the built-in policy's tiers never do.
    #[cfg(feature = "toml")]
    #[test]
    fn the_rows_decide_as_the_clauses_do_on_the_example_policy() {
        let doc =
            PolicyDoc::from_toml(include_str!("../../examples/data/policy-example.toml")).unwrap();
        let policy = Policy::from_doc(&doc).unwrap();
        assert!(policy.compiled().rows.is_some());
        let prepared = policy.prepare();
        assert!(prepared.is_tabled());
        let mut tiers = std::collections::BTreeSet::<Tier>::new();
        for p in random_profiles(200_000) {
            agree(&policy, &prepared, &p);
            let d = by_row(&policy, &p);
            if d.stream() == Some(Stream::ProfessionalTechnical) {
                tiers.extend(d.tier());
            }
        }
        // The sample reached the professional ladder's tiers, so the comparison covered them.
        assert!(tiers.len() >= 2, "{tiers:?}");
    }

    /// And on the built-in policy with the numbers: derived and open sizes and above-size statuses.
    #[test]
    fn the_rows_decide_as_the_clauses_do_with_derived_sizes() {
        let policy = built_in();
        let prepared = policy.prepare();
        for p in random_profiles(200_000) {
            agree(&policy, &prepared, &p);
        }
    }

    /// The rows decide as the clauses do, and the prepared policy as both, for policies built differently from
    /// the built-in one: tiers on other facts, a ladder testing the specialty, an entitlement on the tier, a
    /// specialty on the role and an introduction level in a condition (which then splits that fact into classes
    /// of its own).
    #[test]
    fn the_rows_decide_as_the_clauses_do_for_other_policies() {
        use crate::policy::{Allowed, ClauseValue};
        let only =
            |values: &[&str]| Allowed::Only(values.iter().map(|&v| ClauseValue::from(v)).collect());
        let mut variants = Vec::new();

        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "leader-without-contribution".into();
        doc.ladders[0].tiers[0].when[0].remove("contribution");
        variants.push(doc);

        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "elite-by-industry-and-level".into();
        let elite = &mut doc.ladders[0].tiers[2].when[0];
        elite.insert(
            "industry".into(),
            only(&["retail", "wholesale", "catering"]),
        );
        elite.insert(
            "introduction_level".into(),
            Allowed::Not {
                not: vec![ClauseValue::from("none")],
            },
        );
        doc.ladders[0].tiers[1].when[0].insert("specialty".into(), only(&["none"]));
        doc.entitlements[1].when = vec![
            [("tier".to_owned(), only(&["leader"]))]
                .into_iter()
                .collect(),
        ];
        doc.specialties[0].when[0].insert(
            "role".into(),
            only(&["principal", "owner", "senior_manager"]),
        );
        variants.push(doc);

        // Alternatives (DOMAIN.md §9.2): elite by either of two conditions, finance and commerce talent by
        // industry or by a principal's role in wholesale, the annual reward also to any leader.
        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "alternatives".into();
        doc.ladders[0].tiers[2].when.push(
            [
                ("role".to_owned(), only(&["senior_manager"])),
                ("performance".to_owned(), only(&["outstanding"])),
            ]
            .into_iter()
            .collect(),
        );
        doc.specialties[0].when.push(
            [
                ("role".to_owned(), only(&["principal"])),
                ("industry".to_owned(), only(&["wholesale"])),
            ]
            .into_iter()
            .collect(),
        );
        doc.entitlements[0].when.push(
            [("tier".to_owned(), only(&["leader"]))]
                .into_iter()
                .collect(),
        );
        variants.push(doc);

        // The level alone splits into two classes: twice the built-in policy's keys, still a table.
        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "elite-by-level".into();
        doc.ladders[0].tiers[2].when[0].insert(
            "introduction_level".into(),
            Allowed::Not {
                not: vec![ClauseValue::from("none")],
            },
        );
        variants.push(doc);

        for doc in variants {
            let policy = Policy::from_doc(&doc).unwrap_or_else(|e| panic!("{}: {e}", doc.name));
            assert!(policy.compiled().rows.is_some());
            let prepared = policy.prepare();
            // The second policy tells apart more combinations (industries and levels) than a table is built
            // for: the prepared policy then decides from the rows.
            assert_eq!(
                prepared.is_tabled(),
                doc.name != "elite-by-industry-and-level",
                "{}",
                doc.name
            );
            for p in random_profiles(50_000) {
                agree(&policy, &prepared, &p);
            }
        }
    }

    /// A policy with more conditions than the rows can number still classifies, clause by clause.
    #[test]
    fn a_policy_with_many_conditions_is_read_clause_by_clause() {
        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "many-conditions".into();
        // Eleven more copies of each stream's first condition: 66 more in all, within the limit per stream.
        for stream in &mut doc.streams {
            let extra = stream.eligible.first().unwrap().clone();
            stream.eligible.extend(std::iter::repeat_n(extra, 11));
        }
        let many = Policy::from_doc(&doc).unwrap();
        assert!(many.compiled().rows.is_none());
        let prepared = many.prepare();
        assert!(!prepared.is_tabled());
        let built_in = built_in();
        assert!(built_in.compiled().rows.is_some());
        for p in random_profiles(20_000) {
            let (a, b) = (many.classify(&p), built_in.classify(&p));
            assert_eq!(a, prepared.classify(&p), "{p:?}");
            // The same decisions; only the policy (and so the record's name and hash) differs.
            assert_eq!(
                (
                    a.stream(),
                    a.also_qualifies(),
                    a.specialty(),
                    a.tier(),
                    a.lead()
                ),
                (
                    b.stream(),
                    b.also_qualifies(),
                    b.specialty(),
                    b.tier(),
                    b.lead()
                ),
                "{p:?}"
            );
            assert_eq!(a.managed_by().to_vec(), b.managed_by().to_vec(), "{p:?}");
            assert_eq!(
                (a.entitlements(), a.services(), a.missing_facts()),
                (b.entitlements(), b.services(), b.missing_facts()),
                "{p:?}"
            );
        }
    }
}
