//! The proofs a compiled policy must pass before it classifies anyone (DOMAIN.md §7, invariants 2, 3, 5, 8
//! and 9): streams reachable, specialties and tiers able to apply, no tier shadowed by the tiers above it,
//! tiers monotone in the ordered facts, size thresholds nested. They are decided over every value of every
//! fact, without sampling, within [`Limits`]' step budget.

use super::compile::{Compiled, Unread};
use super::doc::{BoundsDoc, PolicyDoc};
use super::limits::Limits;
use super::problem::{Problem, ProblemKind};
use crate::codes::Stream;
use crate::facts::Fact;
use crate::facts::condition::{Cond, Mask};
use crate::money::Wan;

/// The path of alternative `k` of `n` of the `when` of the entry at `at`: the `when` itself when it is the
/// only one (as every policy's paths were before alternatives).
fn when_at(at: &str, k: usize, n: usize) -> String {
    if n == 1 {
        format!("{at}.when")
    } else {
        format!("{at}.when[{k}]")
    }
}

impl Compiled {
    /// The proofs a policy must pass to load (DOMAIN.md §7, invariants 2, 3, 5, 8 and 9): every problem.
    ///
    /// Conditions are conjunctions of independent clauses, one per fact, so two conditions can hold together
    /// exactly when every fact has a value both allow; a condition is monotone in a fact exactly when the values
    /// it allows are closed upwards. Both are decided over every value of every fact, without sampling.
    ///
    /// What the compiler could not read (`unread`: an entry left out for an unknown code, a condition with a
    /// problem of its own) skips exactly the proofs that would stand on it, so that the problems found here
    /// are reported with those of the codes (DOMAIN.md §9.4) and none of them is an echo of another.
    pub(super) fn check(
        &self,
        doc: &PolicyDoc,
        limits: &Limits,
        unread: &Unread,
        problems: &mut Vec<Problem>,
    ) {
        let mut budget = limits.proof_steps();
        const DERIVED: [Fact; 2] = [Fact::EnterpriseSize, Fact::AboveDesignatedSize];
        const DECIDED: [Fact; 3] = [Fact::Stream, Fact::Specialty, Fact::Tier];
        let forbid =
            |m: &Cond, facts: &[Fact], at: &str, why: &str, problems: &mut Vec<Problem>| {
                for (fact, _) in m.mask.clauses() {
                    if facts.contains(&fact) {
                        problems.push(Problem::new(
                            ProblemKind::NotTestable,
                            at,
                            format!("{} cannot be tested here ({why})", fact.name()),
                        ));
                    }
                }
            };
        // Streams: tested only on a person's own facts, and reachable.
        for s in &self.streams {
            let at = format!("streams[{}]", s.at);
            for (j, m) in s.eligible.iter().enumerate() {
                let at = format!("{at}.eligible[{j}]");
                forbid(
                    m,
                    &DECIDED,
                    &at,
                    "a stream is decided before specialties and tiers",
                    problems,
                );
                forbid(
                    m,
                    &DERIVED,
                    &at,
                    "only tiers and entitlements test enterprise facts, which may be open",
                    problems,
                );
            }
            if s.eligible.iter().all(|c| unread.read(c))
                && !s.eligible.iter().any(|c| c.mask.satisfiable())
            {
                problems.push(Problem::new(ProblemKind::Unreachable, &at, format!("no post or qualification reaches stream {:?}: it has no condition that can hold",
                    s.stream.code()
                )));
            }
        }
        let eligible = |stream: Stream| -> &[Cond] {
            self.streams
                .iter()
                .find(|s| s.stream == stream)
                .map_or(&[], |s| &s.eligible[..])
        };
        // Specialties: of a stream that occurs, and able to apply to it.
        for sp in &self.specialties {
            let at = format!("specialties[{}]", sp.at);
            for (k, c) in sp.when.iter().enumerate() {
                let at = when_at(&at, k, sp.when.len());
                forbid(
                    c,
                    &DECIDED,
                    &at,
                    "a specialty is decided before tiers",
                    problems,
                );
                forbid(
                    c,
                    &DERIVED,
                    &at,
                    "only tiers and entitlements test enterprise facts",
                    problems,
                );
            }
            let parent = eligible(sp.parent);
            if unread.stream_unread(self, sp.parent) || !unread.read_all(&sp.when) {
                // Its stream or its own condition is not as written: nothing to prove about it.
            } else if !parent.iter().any(|c| c.mask.satisfiable()) {
                problems.push(Problem::new(
                    ProblemKind::Unreachable,
                    &at,
                    format!(
                        "specialty {:?} refines stream {:?}, which cannot occur",
                        sp.specialty.code(),
                        sp.parent.code()
                    ),
                ));
            } else if !parent
                .iter()
                .any(|m| sp.when.iter().any(|w| m.mask.and(&w.mask).satisfiable()))
            {
                problems.push(Problem::new(ProblemKind::Unreachable, &at, format!("specialty {:?} can never apply: its condition never holds for a talent of {:?}",
                    sp.specialty.code(),
                    sp.parent.code()
                )));
            }
        }
        // Ladders: of a stream that occurs; every tier with departments, able to fire, not shadowed, monotone.
        for (l, ladder_doc) in doc.ladders.iter().enumerate() {
            let Some(stream) = Stream::ALL
                .iter()
                .copied()
                .find(|s| s.code() == ladder_doc.stream)
            else {
                continue;
            };
            let at = format!("ladders[{l}]");
            let ladder = self.ladder(stream);
            let parent = eligible(stream);
            // Whether the stream's conditions are as written: else nothing that rests on them is proven.
            let parent_read = !unread.stream_unread(self, stream);
            if parent_read && !parent.iter().any(|c| c.mask.satisfiable()) {
                problems.push(Problem::new(
                    ProblemKind::Unreachable,
                    &at,
                    format!("stream {:?} has a ladder but cannot occur", stream.code()),
                ));
                continue;
            }
            if ladder.is_empty() && !unread.ladders.contains(stream) {
                problems.push(Problem::new(
                    ProblemKind::Missing,
                    &at,
                    format!("the ladder of {:?} has no tiers", stream.code()),
                ));
            }
            for (t, tier) in ladder.iter().enumerate() {
                let at = format!("{at}.tiers[{}]", tier.at);
                for (k, c) in tier.when.iter().enumerate() {
                    forbid(
                        c,
                        &[Fact::Tier],
                        &when_at(&at, k, tier.when.len()),
                        "a tier cannot depend on the tier",
                        problems,
                    );
                }
                if tier.managed_by.is_empty() && !unread.departments.contains(&(stream, tier.tier))
                {
                    problems.push(Problem::new(
                        ProblemKind::NoDepartment,
                        &at,
                        format!("tier {:?} has no department to manage it", tier.tier.code()),
                    ));
                }
                // This tier's condition and those above it as written, on a stream as written.
                let proven = parent_read
                    && ladder
                        .get(..=t)
                        .is_some_and(|h| h.iter().all(|h| unread.read_all(&h.when)));
                // Where it can hold: a parent's condition with one of its alternatives.
                // Within the values a profile can have (a policy's own facts number fewer than their bits).
                let real = self.real();
                let reachable: Vec<Mask> = parent
                    .iter()
                    .flat_map(|m| tier.when.iter().map(|w| m.mask.and(&w.mask).and(&real)))
                    .filter(Mask::satisfiable)
                    .collect();
                if !proven {
                    // Not as written: nothing to prove about firing or shadowing.
                } else if reachable.is_empty() {
                    problems.push(Problem::new(ProblemKind::Unreachable, &at, format!("tier {:?} can never fire: its condition never holds for a talent of {:?}",
                        tier.tier.code(),
                        stream.code()
                    )));
                } else if let Some(higher) = ladder.get(..t).filter(|h| !h.is_empty()) {
                    // Shadowed: wherever this tier holds, a higher one holds too.
                    let higher_masks: Vec<Mask> = higher
                        .iter()
                        .flat_map(|h| h.when.iter().map(|w| w.mask))
                        .collect();
                    let mut fires = Ok(false);
                    for region in &reachable {
                        fires = region.escapes(&higher_masks, &mut budget);
                        if fires != Ok(false) {
                            break;
                        }
                    }
                    if fires.is_err() {
                        problems.push(Problem::new(ProblemKind::Limit, &at, format!("proving that tier {:?} can fire below the {} tier(s) above it takes more than \
                             the limit of {} steps (Limits::max_proof_steps): simplify the ladder or raise the limit",
                            tier.tier.code(),
                            higher.len(),
                            limits.proof_steps()
                        )));
                    } else if fires == Ok(false) {
                        problems.push(Problem::new(ProblemKind::Shadowed, &at, format!("tier {:?} can never fire: wherever it holds, a higher tier ({}) holds too",
                            tier.tier.code(),
                            higher.iter().map(|h| h.tier.code()).collect::<Vec<_>>().join(", ")
                        )));
                    }
                }
                // Each alternative monotone (which makes their disjunction monotone too).
                for (k, c) in tier.when.iter().enumerate() {
                    for fact in [
                        Fact::Performance,
                        Fact::Contribution,
                        Fact::Potential,
                        Fact::AboveDesignatedSize,
                    ]
                    .into_iter()
                    .filter(|_| unread.read(c))
                    {
                        let Some((low, high)) = c.mask.not_upward_closed(fact) else {
                            continue;
                        };
                        // A fact the policy evaluates is tested in its slot, never here.
                        problems.push(Problem::new(
                            ProblemKind::NotMonotone,
                            when_at(&at, k, tier.when.len()),
                            format!(
                                "{} allows {} but not {}: raising it would lower the tier",
                                fact.name(),
                                fact.value_label(low, false).unwrap_or("?"),
                                fact.value_label(high, false).unwrap_or("?")
                            ),
                        ));
                    }
                    // The same for performance, contribution and potential where the policy evaluates them.
                    for slot in Fact::ALL[crate::facts::BUILT_IN..]
                        .iter()
                        .copied()
                        .filter(|&f| self.slots.built_in(f).is_some())
                        .filter(|_| unread.read(c))
                    {
                        let Some((low, high)) = c
                            .mask
                            .and(&real)
                            .not_upward_closed_within(slot, self.slots.real(slot))
                        else {
                            continue;
                        };
                        let name = self.slots.name(slot);
                        let mut labels = [String::new(), String::new()];
                        for (label, bit) in labels.iter_mut().zip([low, high]) {
                            let _ = self.slots.write_value(label, slot, bit, false);
                        }
                        problems.push(Problem::new(
                            ProblemKind::NotMonotone,
                            when_at(&at, k, tier.when.len()),
                            format!(
                                "{name} allows {} but not {}: raising it would lower the tier",
                                labels[0], labels[1]
                            ),
                        ));
                    }
                }
            }
        }
        // Departments: every cell that can occur has some (streams and specialties have leads by construction;
        // tiers are checked above). Thresholds: nested, so that size only grows with the numbers and every class
        // can be reached.
        for (i, row) in doc.size_standard.iter().enumerate() {
            let at = format!("size_standard[{i}]");
            let classes = [
                ("large", &row.large),
                ("medium", &row.medium),
                ("small", &row.small),
            ];
            for pair in classes.windows(2) {
                let [(upper_name, upper), (lower_name, lower)] = pair else {
                    continue;
                };
                let indicators = [
                    (
                        "employees",
                        upper.employees.map(Wan::from_wan),
                        lower.employees.map(Wan::from_wan),
                    ),
                    ("revenue_wan", upper.revenue_wan, lower.revenue_wan),
                    ("assets_wan", upper.assets_wan, lower.assets_wan),
                ];
                for (name, up, low) in indicators {
                    match (up, low) {
                        (Some(u), Some(l)) if u <= l => problems.push(Problem::new(ProblemKind::Thresholds, &at, format!("{name} of {upper_name} ({u}) must be above that of {lower_name} ({l}): \
                             thresholds must rise from small to large"
                        ))),
                        (Some(_), None) | (None, Some(_)) => problems.push(Problem::new(ProblemKind::Thresholds, &at, format!("{name} bounds {} but not {}: every class must bound the same numbers",
                            if up.is_some() { upper_name } else { lower_name },
                            if up.is_some() { lower_name } else { upper_name }
                        ))),
                        _ => {}
                    }
                }
            }
            if row.large == BoundsDoc::default() {
                problems.push(Problem::new(
                    ProblemKind::Thresholds,
                    &at,
                    "the classes bound nothing: give at least one number".to_string(),
                ));
            }
        }
    }
}
