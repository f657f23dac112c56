//! DOMAIN.md §4's procedure, written once: the stream, the specialty, the tier, the departments, the
//! entitlements and services, and the missing facts of one person, read from a compiled policy through an
//! [`Evaluator`] (clause by clause, or all conditions at once from rows: the same answers).

use super::TierChecks;
use super::eval::Evaluator;
use super::{Decided, ManagedBy};
use crate::codes::{CodeSet, Department, Post};
use crate::facts::Fact;
use crate::facts::condition::AnyOf;
use crate::policy::Policy;

/// The state of a decided fact: 0 for none, else the value's index plus one.
#[inline]
fn state<T: crate::codes::Closed>(v: Option<T>) -> usize {
    v.map_or(0, |v| v.index() + 1)
}

/// Decides for a person with this post under a policy (DOMAIN.md §4.1 to §4.7), reading every condition
/// through `e`, which holds the person's other facts. The services of §4.6 follow from the introduction level
/// alone and are the caller's.
#[inline]
pub(super) fn decide<E: Evaluator>(policy: &Policy, post: Post, mut e: E) -> Decided<'_> {
    let c = policy.compiled();

    // §4.1, §4.2: the post's own stream if it qualifies, else the first qualifying in canonical order.
    let mut qualifies = CodeSet::new();
    let mut first = None;
    for s in &c.streams {
        if e.any(&s.eligible) {
            qualifies.insert(s.stream);
            first = first.or(Some(s));
        }
    }
    let own = c.own_stream(post);
    let chosen = match own.filter(|&s| qualifies.contains(s)) {
        Some(own) => c.stream(own),
        None => first,
    };
    let stream = chosen.map(|s| s.stream);
    let mut also = qualifies;
    if let Some(s) = stream {
        also.remove(s);
    }
    e.decided(Fact::Stream, state(stream));

    // §4.3: the first specialty of the stream whose condition holds.
    let specialty = stream.and_then(|s| {
        c.specialties
            .iter()
            .find(|sp| sp.parent == s && e.any(&sp.when))
    });
    e.decided(
        Fact::Specialty,
        c.slots.specialty_state(specialty.map(|sp| sp.specialty)),
    );

    // §4.4: the highest tier whose condition is true; a tier the ladder does not have is false.
    let ladder = stream.map_or(&[][..], |s| c.ladder(s));
    let mut checks = TierChecks::default();
    let mut reached = None;
    for (i, t) in ladder.iter().enumerate() {
        let value = e.eval_any(&t.when);
        checks.set(i, value);
        if reached.is_none() && value == Some(true) {
            reached = Some(t);
        }
    }
    let tier = reached.map(|t| t.tier);
    e.decided(Fact::Tier, c.slots.tier_state(tier));

    // §4.5 departments: the tier's list and then the specialty's lead, else the lead alone.
    let specialty_lead = specialty.map(|sp| sp.lead);
    let lead = specialty_lead.or(chosen.map(|s| s.lead));
    let list: &[Department] = reached.map_or(&[], |t| &t.managed_by);
    let extra = if tier.is_some() {
        specialty_lead.filter(|d| !list.contains(d))
    } else {
        lead
    };

    // §4.6 entitlements (of talent only); the services are the caller's.
    // Bit `i` for the policy's `i`-th entitlement (at most 64, `Compiled::compile_with`).
    let mut entitlements = 0u64;
    if stream.is_some() {
        for (i, (_, when)) in c.entitlements.iter().enumerate() {
            if e.any(when) {
                entitlements |= 1 << (i % 64);
            }
        }
    }

    // §4.7 missing facts, derived from the conditions.
    let mut missing = CodeSet::new();
    if let Some(own) = own
        .filter(|&s| !qualifies.contains(s))
        .and_then(|s| c.stream(s))
    {
        // The post's own stream does not apply: which absent facts could make one of its conditions hold.
        for m in &own.eligible {
            missing.extend(e.repairable(m));
        }
    }
    if let Some(s) = stream.filter(|_| specialty.is_none()) {
        for sp in c.specialties.iter().filter(|sp| sp.parent == s) {
            for c in &sp.when {
                missing.extend(e.repairable(c));
            }
        }
    }
    // The tiers above the one reached that are open: what could raise the tier.
    for (i, t) in ladder
        .iter()
        .enumerate()
        .take_while(|(_, t)| Some(t.tier) != tier)
    {
        if checks.get(i).is_none() {
            // No alternative holds and some are open: what leaves those open.
            for c in t.when.iter().filter(|c| e.eval(c).is_none()) {
                missing.extend(e.open_facts(c));
            }
        }
    }

    Decided {
        stream,
        also,
        specialty: specialty.map(|sp| sp.specialty),
        tier,
        checks: (!ladder.is_empty()).then_some(checks),
        lead,
        managed_by: ManagedBy { list, extra },
        entitlements,
        missing,
    }
}

/// The indicators whose absent numbers leave open an eligibility condition, a specialty condition of the
/// person's stream, a condition of a tier above the one reached, or an entitlement's condition (DOMAIN.md §9.3),
/// bit `i` for the policy's `i`-th indicator: asked of a classification, never computed while classifying (so
/// the procedure above, for every policy, stays as it was).
pub(super) fn open_indicators(
    policy: &Policy,
    p: &crate::profile::Profile,
    enterprise: &crate::enterprise::EnterpriseFacts,
    decided: &Decided<'_>,
) -> u32 {
    let c = policy.compiled();
    if c.slots.slots.is_empty() {
        return 0;
    }
    let mut e = super::eval::ByClause::new(p, enterprise, &c.slots);
    let (stream, tier) = (decided.stream(), decided.tier());
    e.decided(Fact::Stream, state(stream));
    e.decided(
        Fact::Specialty,
        c.slots.specialty_state(decided.specialty()),
    );
    e.decided(Fact::Tier, c.slots.tier_state(tier));
    let mut indicators = 0u32;
    let mut open = |conds: &AnyOf| {
        for cond in conds.iter().filter(|cond| e.eval(cond).is_none()) {
            indicators |= e.open_indicators(cond);
        }
    };
    for s in &c.streams {
        open(&s.eligible);
    }
    for sp in c.specialties.iter().filter(|sp| Some(sp.parent) == stream) {
        open(&sp.when);
    }
    let ladder = stream.map_or(&[][..], |s| c.ladder(s));
    for t in ladder.iter().take_while(|t| Some(t.tier) != tier) {
        open(&t.when);
    }
    if stream.is_some() {
        for (_, when) in &c.entitlements {
            open(when);
        }
    }
    indicators
}
