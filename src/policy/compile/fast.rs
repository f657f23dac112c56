//! The classification hot path: every condition of a policy evaluated at once, as bits.
//!
//! [`Mask::eval`] walks the clauses of one condition. Here each condition gets a number (up to 64 of them), and
//! for every fact and every set of possible values that fact can have (its *state*), a [`Row`] records which
//! conditions that state alone makes false, which it leaves open, and which it makes false beyond what giving an
//! absent fact could repair. A profile's rows, OR-ed together, answer every condition of the policy in one go:
//! a condition is false when some fact makes it false, open when none does and some fact leaves it open, true
//! otherwise: the same three-valued logic as [`Mask::eval`], which stays the reference (the tests compare the
//! two over every combination of the discrete facts).
//!
//! The rows are computed when the policy loads; a policy with more than 64 conditions is evaluated by the
//! reference path instead.

mod table;

use super::{Compiled, Decision, FACTS, Fact, Kind, Mask, missing_fact};
use crate::codes::{
    CodeSet, Coded, Department, Entitlement, MissingFact, Service, Specialty, Stream, Tier,
};
use crate::enterprise::EnterpriseFacts;
use crate::profile::Profile;

/// The states a fact can be in: at most this many (a fact's values are bits of a `u32`).
const STATES: usize = 32;

/// What one state of one fact does to every condition of the policy, by condition number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Row {
    /// Conditions this state makes false: none of the possible values is allowed.
    no: u64,
    /// Conditions this state leaves open: some possible values are allowed and some are not.
    open: u64,
}

impl core::ops::BitOr for Row {
    type Output = Row;

    fn bitor(self, other: Row) -> Row {
        Row {
            no: self.no | other.no,
            open: self.open | other.open,
        }
    }
}

impl Row {
    /// The three-valued truth of condition `id`.
    fn eval(self, id: u8) -> Option<bool> {
        let bit = 1u64 << (id & 63);
        if self.no & bit != 0 {
            Some(false)
        } else if self.open & bit != 0 {
            None
        } else {
            Some(true)
        }
    }

    fn holds(self, id: u8) -> bool {
        self.eval(id) == Some(true)
    }
}

/// The possible-value sets of a fact, by state: one value for most facts; for the derived facts also the open
/// sets [`Facts::of`](super::Facts) gives them (a size known only to be not large, or not known; an
/// above-designated-size status not known).
fn states(fact: Fact) -> Vec<u32> {
    match fact {
        Fact::EnterpriseSize => vec![0b0001, 0b0010, 0b0100, 0b1000, 0b0111, 0b1111],
        Fact::AboveDesignatedSize => vec![0b01, 0b10, 0b11],
        _ => {
            let values = 32 - fact.universe().leading_zeros();
            (0..values).map(|i| 1 << i).collect()
        }
    }
}

/// The state of an optional fact: 0 when absent, else the value's index plus one (its bit, as in `Facts`).
fn optional<T: Coded>(v: Option<T>) -> usize {
    v.map_or(0, |v| v.index() + 1)
}

/// The input facts of a profile, as states, in the order of [`Fact::ALL`] (the three decided facts excluded).
const INPUTS: usize = FACTS - 3;

#[inline]
fn input_states(p: &Profile, enterprise: &EnterpriseFacts) -> [usize; INPUTS] {
    let size = match (enterprise.size(), enterprise.is_large()) {
        (Some(s), _) => s.index(),
        (None, Some(false)) => 4,
        _ => 5,
    };
    let above = enterprise.above_designated_size().map_or(2, usize::from);
    [
        p.post().index(),
        optional(p.role()),
        optional(p.ownership()),
        optional(p.industry()),
        size,
        above,
        p.performance().index(),
        p.contribution().index(),
        usize::from(p.potential()),
        optional(p.professional_title()),
        optional(p.skill_level()),
        optional(p.social_work_certificate()),
        optional(p.rural_role()),
        optional(p.introduction_level()),
    ]
}

/// The facts §4.7 can name, with their position among the input facts.
const NAMEABLE: [(usize, MissingFact); 6] = [
    (Fact::Role as usize, MissingFact::Role),
    (Fact::Industry as usize, MissingFact::Industry),
    (Fact::EnterpriseSize as usize, MissingFact::EnterpriseSize),
    (
        Fact::AboveDesignatedSize as usize,
        MissingFact::AboveDesignatedSize,
    ),
    (Fact::SkillLevel as usize, MissingFact::SkillLevel),
    (Fact::RuralRole as usize, MissingFact::RuralRole),
];

/// A compiled policy's conditions, numbered, with the rows of every fact's states.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Fast {
    rows: [[Row; STATES]; FACTS],
    /// Per fact and state: the conditions it makes false other than by being absent where a present value
    /// would do (needed only to name missing facts, so kept apart from the rows).
    hard: [[u64; STATES]; FACTS],
    /// Per stream (parallel to `Compiled::streams`): the numbers of its eligibility conditions, as bits.
    streams: Vec<u64>,
    /// Per specialty (parallel to `Compiled::specialties`): its condition's number.
    specialties: Vec<u8>,
    /// Per stream index, per tier (parallel to `Compiled::ladders`): the condition's number.
    ladders: [Vec<u8>; Stream::ALL.len()],
    /// Per entitlement (parallel to `Compiled::entitlements`): the condition's number.
    entitlements: Vec<u8>,
    /// The services of each state of the introduction level (none for state 0, absent).
    services: [CodeSet<Service>; STATES],
    /// The classes of alike states of every fact, and the lookup table built from them.
    classes: table::Classes,
    table: table::Lazy,
}

impl core::fmt::Debug for Fast {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Fast").finish_non_exhaustive()
    }
}

impl Fast {
    /// Numbers the conditions of a compiled policy and computes the rows; `None` past 64 conditions.
    pub(crate) fn new<'c>(c: &'c Compiled) -> Option<Fast> {
        let mut masks: Vec<&Mask> = Vec::new();
        let mut number = |m: &'c Mask| -> Option<u8> {
            let id = u8::try_from(masks.len()).ok().filter(|&id| id < 64)?;
            masks.push(m);
            Some(id)
        };
        let mut streams = Vec::with_capacity(c.streams.len());
        for s in &c.streams {
            let mut bits = 0u64;
            for m in &s.eligible {
                bits |= 1 << number(m)?;
            }
            streams.push(bits);
        }
        let mut specialties = Vec::with_capacity(c.specialties.len());
        for sp in &c.specialties {
            specialties.push(number(&sp.when)?);
        }
        let mut ladders: [Vec<u8>; Stream::ALL.len()] = Default::default();
        for (ids, ladder) in ladders.iter_mut().zip(&c.ladders) {
            for t in ladder {
                ids.push(number(&t.when)?);
            }
        }
        let mut entitlements = Vec::with_capacity(c.entitlements.len());
        for (_, when) in &c.entitlements {
            entitlements.push(number(when)?);
        }

        let mut rows = [[Row::default(); STATES]; FACTS];
        let mut hard = [[0u64; STATES]; FACTS];
        for ((fact, fact_rows), fact_hard) in Fact::ALL
            .iter()
            .copied()
            .zip(rows.iter_mut())
            .zip(hard.iter_mut())
        {
            let nameable = matches!(fact.kind(), Kind::Optional(_)) && missing_fact(fact).is_some();
            let present = fact.universe() & !1;
            for ((possible, row), hard) in states(fact)
                .into_iter()
                .zip(fact_rows.iter_mut())
                .zip(fact_hard.iter_mut())
            {
                for (id, m) in masks.iter().enumerate() {
                    let allowed = m.0.get(fact as usize).copied().unwrap_or(u32::MAX);
                    let bit = 1u64 << id;
                    if allowed & possible == 0 {
                        row.no |= bit;
                        // Absent, and some present value would be allowed: giving the fact could repair it.
                        let repairable = nameable && possible == 1 && allowed & present != 0;
                        if !repairable {
                            *hard |= bit;
                        }
                    } else if possible & !allowed != 0 {
                        row.open |= bit;
                    }
                }
            }
        }
        let mut services = [CodeSet::new(); STATES];
        for (slot, list) in services.iter_mut().skip(1).zip(&c.services) {
            *slot = list.iter().copied().collect();
        }
        let mut fast = Fast {
            services,
            rows,
            hard,
            streams,
            specialties,
            ladders,
            entitlements,
            classes: table::Classes::empty(),
            table: table::Lazy::never(),
        };
        fast.classes = table::Classes::new(&fast, c);
        fast.table = table::Lazy::new(&fast.classes);
        Some(fast)
    }

    /// Builds the lookup table now, whatever the number of profiles classified (for tests and benches).
    #[cfg(test)]
    pub(crate) fn build_table(&self, c: &Compiled) -> bool {
        self.table.now(self, c).is_some()
    }

    /// Whether the lookup table has been built.
    #[cfg(test)]
    pub(crate) fn has_table(&self) -> bool {
        self.table.is_built()
    }

    fn row(&self, fact: usize, state: usize) -> Row {
        self.rows
            .get(fact)
            .and_then(|r| r.get(state % STATES))
            .copied()
            .unwrap_or_default()
    }

    /// The facts §4.7 names that make condition `id` false (when it is false only because they are absent),
    /// or leave it open (`open`).
    fn nameable(&self, states: &[usize; INPUTS], id: u8, open: bool) -> CodeSet<MissingFact> {
        let bit = 1u64 << (id & 63);
        let mut found = CodeSet::new();
        for (fact, name) in NAMEABLE {
            let state = states.get(fact).copied().unwrap_or(0);
            let row = self.row(fact, state);
            if (if open { row.open } else { row.no }) & bit != 0 {
                found.insert(name);
            }
        }
        found
    }

    /// The facts that could make a false stream or specialty condition hold by being given, when that is all
    /// it lacks. Those conditions test none of the decided facts, so the input facts' rows answer.
    fn repairable(&self, states: &[usize; INPUTS], at: Row, id: u8) -> CodeSet<MissingFact> {
        let bit = 1u64 << (id & 63);
        let hard = self.hard.iter().zip(states).fold(0, |hard, (h, &state)| {
            hard | h.get(state).copied().unwrap_or(0)
        });
        if at.no & bit == 0 || hard & bit != 0 {
            return CodeSet::new();
        }
        self.nameable(states, id, false)
    }

    /// Classifies a profile: the same decisions as [`Compiled::decide_reference`], from the lookup table once
    /// it is built (see [`table`]), else from the rows.
    #[inline(always)]
    pub(crate) fn decide<'c>(&self, c: &'c Compiled, p: &Profile) -> Decision<'c> {
        let enterprise = c.enterprise_facts(p);
        let states = input_states(p, &enterprise);
        let outcome = self
            .table
            .get(self, c)
            .and_then(|table| table.outcome(&states))
            .unwrap_or_else(|| self.outcome(c, &states));
        let level = states
            .get(Fact::IntroductionLevel as usize)
            .copied()
            .unwrap_or(0);
        let services = self.services.get(level).copied().unwrap_or_default();
        outcome.decision(c, enterprise, services)
    }

    /// The decisions for a profile's input facts, from the rows.
    ///
    /// A policy that loaded has passed [`Compiled::check`], so stream and specialty conditions test none of the
    /// decided facts (stream, specialty, tier) and tier conditions do not test the tier: each condition can be
    /// read from the rows of the facts known when it is evaluated.
    fn outcome(&self, c: &Compiled, states: &[usize; INPUTS]) -> Outcome {
        let mut base = Row::default();
        for (rows, &state) in self.rows.iter().zip(states) {
            if let Some(row) = rows.get(state) {
                base = base | *row;
            }
        }

        // §4.1, §4.2: the post's own stream if it qualifies, else the first qualifying in canonical order.
        let holding = !base.no & !base.open;
        let mut qualifies = CodeSet::new();
        let mut first = None;
        for (s, bits) in c.streams.iter().zip(&self.streams) {
            if holding & bits != 0 {
                qualifies.insert(s.stream);
                first = first.or(Some(s.stream));
            }
        }
        let post = states.get(Fact::Post as usize).copied().unwrap_or(0);
        let own = c.post_stream.get(post).copied().flatten();
        let stream = own.filter(|&s| qualifies.contains(s)).or(first);
        let mut also = qualifies;
        if let Some(s) = stream {
            also.remove(s);
        }

        // §4.3: the first specialty of the stream whose condition holds.
        let mut specialty = None;
        let mut specialty_lead = None;
        if let Some(s) = stream {
            for (sp, &id) in c.specialties.iter().zip(&self.specialties) {
                if sp.parent == s && holding & (1 << (id & 63)) != 0 {
                    specialty = Some(sp.specialty);
                    specialty_lead = Some(sp.lead);
                    break;
                }
            }
        }

        // §4.4: the highest tier whose condition is true.
        let at = base
            | self.row(Fact::Stream as usize, optional(stream))
            | self.row(Fact::Specialty as usize, optional(specialty));
        let ladder = stream
            .and_then(|s| Some((c.ladders.get(s.index())?, self.ladders.get(s.index())?)))
            .filter(|(l, _)| !l.is_empty());
        let mut checks = [Some(false); Tier::ALL.len()];
        let mut tier = None;
        let mut tier_at = None;
        if let Some((ladder, ids)) = ladder {
            for (k, (t, &id)) in ladder.iter().zip(ids).enumerate() {
                let value = at.eval(id);
                if let Some(slot) = checks.get_mut(t.tier.index()) {
                    *slot = value;
                }
                if tier.is_none() && value == Some(true) {
                    tier = Some(t.tier);
                    tier_at = Some(k);
                }
            }
        }
        let at = at | self.row(Fact::Tier as usize, optional(tier));

        // §4.5 departments: the tier's list and then the specialty's lead, else the lead alone.
        let lead = specialty_lead.or_else(|| {
            let s = stream?;
            c.streams.iter().find(|cs| cs.stream == s).map(|cs| cs.lead)
        });
        let tier_list = match (ladder, tier_at) {
            (Some((ladder, _)), Some(k)) => ladder.get(k).map_or(&[][..], |t| &t.managed_by),
            _ => &[],
        };
        let extra = if tier.is_some() {
            specialty_lead.filter(|d| !tier_list.contains(d))
        } else {
            lead
        };

        // §4.6 entitlements (services depend on the introduction level alone: see `decide`).
        let mut entitlements = CodeSet::new();
        if stream.is_some() {
            for ((e, _), &id) in c.entitlements.iter().zip(&self.entitlements) {
                if at.holds(id) {
                    entitlements.insert(*e);
                }
            }
        }

        // §4.7 missing facts, derived from the conditions.
        let mut missing = CodeSet::new();
        if let Some(own) = own.filter(|&s| !qualifies.contains(s)) {
            // The post's own stream does not apply: which absent facts could make one of its conditions hold.
            let own_bits = c
                .streams
                .iter()
                .zip(&self.streams)
                .find(|(cs, _)| cs.stream == own)
                .map_or(0, |(_, bits)| *bits);
            let mut bits = own_bits;
            while bits != 0 {
                let id = bits.trailing_zeros() as u8;
                bits &= bits - 1;
                missing.extend(self.repairable(states, at, id));
            }
        }
        if let Some(s) = stream.filter(|_| specialty.is_none()) {
            for (sp, &id) in c.specialties.iter().zip(&self.specialties) {
                if sp.parent == s {
                    missing.extend(self.repairable(states, at, id));
                }
            }
        }
        if let Some((ladder, ids)) = ladder {
            for (t, &id) in ladder.iter().zip(ids) {
                if Some(t.tier) == tier {
                    break;
                }
                if at.eval(id).is_none() {
                    missing.extend(self.nameable(states, id, true));
                }
            }
        }
        Outcome {
            stream,
            also,
            specialty,
            tier,
            checks: ladder.map(|_| checks),
            lead,
            tier_at: tier_at.and_then(|k| u8::try_from(k).ok()),
            extra,
            entitlements,
            missing,
        }
    }
}

/// What the discrete facts decide: a [`Decision`] without the enterprise facts and the services, and with the
/// tier's departments as the tier's place on the ladder (so that it can be kept in a table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Outcome {
    stream: Option<Stream>,
    also: CodeSet<Stream>,
    specialty: Option<Specialty>,
    tier: Option<Tier>,
    checks: Option<[Option<bool>; Tier::ALL.len()]>,
    lead: Option<Department>,
    /// The tier reached, as its place on the stream's ladder.
    tier_at: Option<u8>,
    /// The department after the tier's list (or alone, without a tier).
    extra: Option<Department>,
    entitlements: CodeSet<Entitlement>,
    missing: CodeSet<MissingFact>,
}

impl Outcome {
    #[inline]
    fn decision<'c>(
        self,
        c: &'c Compiled,
        enterprise: EnterpriseFacts,
        services: CodeSet<Service>,
    ) -> Decision<'c> {
        let tier_list = self
            .stream
            .zip(self.tier_at)
            .and_then(|(s, k)| c.ladders.get(s.index())?.get(usize::from(k)))
            .map_or(&[][..], |t| t.managed_by.as_slice());
        Decision {
            stream: self.stream,
            also: self.also,
            specialty: self.specialty,
            tier: self.tier,
            checks: self.checks,
            lead: self.lead,
            managed_by: (tier_list, self.extra),
            enterprise,
            entitlements: self.entitlements,
            services,
            missing: self.missing,
        }
    }
}
