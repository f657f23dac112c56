//! Conditions over the facts: a compiled condition as a bit mask per fact ([`Mask`]), with its number in the
//! policy ([`Cond`]), a list of which any one will do ([`AnyOf`]), and the algebra the policy's proofs and the
//! engine use on them (three-valued evaluation, intersection, covering, the facts a failing clause lacks).

use super::{FACTS, Fact, Facts, Kind, missing_fact, per_fact, per_fact_mut};
use crate::codes::{CodeSet, MissingFact};

/// A condition of a policy with its number: the mask to walk clause by clause, and the number by which
/// [`rows`] answers it among all the policy's conditions at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Cond {
    /// The condition's number, in the order the policy compiled its conditions.
    pub(crate) id: u16,
    pub(crate) mask: Mask,
}

/// Conditions of which any one will do (a stream's eligibility, any `when`: DOMAIN.md §9.2), with their numbers
/// as bits, so that rows can answer them with one test.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct AnyOf {
    conds: Vec<Cond>,
    /// The bits of the numbers below 64. Every number of a policy with rows is below 64 ([`Rows::new`] refuses
    /// more), and only such a policy is read by rows, so there these bits are all of them.
    ///
    /// [`Rows::new`]: super::rows::Rows::new
    bits: u64,
}

impl AnyOf {
    /// The numbers of the conditions as bits, for a policy with rows (whose numbers are all below 64: see the
    /// field's note).
    #[inline]
    pub(crate) fn row_bits(&self) -> u64 {
        self.bits
    }

    /// The facts some alternative tests, as bits (the record writer's sentence keys, feature `json`).
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    pub(crate) fn used(&self) -> u32 {
        self.conds.iter().fold(0, |used, c| used | c.mask.used())
    }
}

impl FromIterator<Cond> for AnyOf {
    fn from_iter<I: IntoIterator<Item = Cond>>(iter: I) -> AnyOf {
        let conds: Vec<Cond> = iter.into_iter().collect();
        let bits = conds
            .iter()
            .filter(|c| c.id < 64)
            .fold(0u64, |bits, c| bits | 1 << c.id);
        AnyOf { conds, bits }
    }
}

impl<'a> IntoIterator for &'a AnyOf {
    type Item = &'a Cond;
    type IntoIter = core::slice::Iter<'a, Cond>;

    fn into_iter(self) -> Self::IntoIter {
        self.conds.iter()
    }
}

impl core::ops::Deref for AnyOf {
    type Target = [Cond];

    fn deref(&self) -> &[Cond] {
        &self.conds
    }
}

/// A compiled condition: per fact, the bit set of the values it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Mask([u32; FACTS], u32);

impl Mask {
    /// The condition that always holds.
    /// The second field has bit `i` set for each fact `i` a clause constrains, so that evaluation looks at
    /// those facts only.
    pub(crate) const ANY: Mask = Mask([u32::MAX; FACTS], 0);

    /// The condition narrowed to the values `allowed` of one fact (a clause).
    pub(crate) fn restrict(&mut self, fact: Fact, allowed: u32) {
        *per_fact_mut(&mut self.0, fact) = allowed;
        self.1 |= 1 << (fact as usize);
    }

    /// The facts a clause constrains, in the order of [`Fact::ALL`]: a condition tests a few of them, and
    /// every other allows every value (so a walk over the facts may skip them).
    pub(crate) fn constrained(&self) -> impl Iterator<Item = Fact> + use<> {
        let mut used = self.1;
        core::iter::from_fn(move || {
            let i = used.trailing_zeros() as usize;
            used &= used.wrapping_sub(1);
            Fact::ALL.get(i).copied()
        })
    }

    /// The facts a clause constrains: bit `i` for `Fact::ALL[i]`.
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    pub(crate) fn used(&self) -> u32 {
        self.1
    }

    /// The values of a fact the condition allows, as bits (every bit for a fact it does not constrain).
    pub(crate) fn allowed(&self, fact: Fact) -> u32 {
        *per_fact(&self.0, fact)
    }

    /// The clauses of the condition: each constrained fact with the bit set it allows.
    pub(crate) fn clauses(&self) -> impl Iterator<Item = (Fact, u32)> + '_ {
        Fact::ALL.iter().zip(&self.0).filter_map(|(&f, &allowed)| {
            let all = f.universe();
            (allowed & all != all).then_some((f, allowed & all))
        })
    }

    /// Whether some combination of values satisfies the condition: every fact allows some value.
    pub(crate) fn satisfiable(&self) -> bool {
        Fact::ALL
            .iter()
            .zip(&self.0)
            .all(|(f, allowed)| allowed & f.universe() != 0)
    }

    /// Both conditions at once.
    pub(crate) fn and(&self, other: &Mask) -> Mask {
        let mut m = *self;
        for (a, b) in m.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
        m.1 |= other.1;
        m
    }

    /// Whether the condition contains the whole of another: every value `other` allows, this allows too.
    pub(crate) fn covers(&self, other: &Mask) -> bool {
        Fact::ALL
            .iter()
            .zip(self.0.iter().zip(&other.0))
            .all(|(f, (a, o))| o & f.universe() & !a == 0)
    }

    /// Whether some combination of values satisfies this condition but none of `cover`: `Ok(true)` when one
    /// does, `Ok(false)` when the cover holds wherever this condition does, `Err(())` when `budget` steps ran
    /// out first.
    ///
    /// The region is split on one covering condition at a time. What a condition `h` leaves of the region is
    /// the union, over the facts where the region allows a value `h` does not, of the region with that fact
    /// narrowed to those values; each piece is then tried against the rest of the cover. Conditions that
    /// cannot meet the region are dropped first, and a condition that covers the region ends the branch.
    /// The depth is at most the cover's length and the branching at most the facts one condition tests, so
    /// the few tiers of a real ladder take a few dozen steps; covering by a union of conditions is co-NP-hard
    /// in general (it is the tautology problem of disjunctive normal forms), so the steps are bounded rather
    /// than the search made polynomial.
    pub(crate) fn escapes(&self, cover: &[Mask], budget: &mut u64) -> Result<bool, ()> {
        *budget = budget.checked_sub(1).ok_or(())?;
        let Some(k) = cover.iter().position(|h| self.and(h).satisfiable()) else {
            return Ok(true);
        };
        let (Some(h), Some(rest)) = (cover.get(k), cover.get(k + 1..)) else {
            return Ok(true);
        };
        if h.covers(self) {
            return Ok(false);
        }
        for fact in Fact::ALL {
            let outside = self.allowed(fact) & fact.universe() & !h.allowed(fact);
            if outside == 0 {
                continue;
            }
            let mut piece = *self;
            *per_fact_mut(&mut piece.0, fact) = outside;
            if piece.escapes(rest, budget)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Values `low < high` of an ordered fact where the condition allows `low` but not `high`, if any.
    pub(crate) fn not_upward_closed(&self, fact: Fact) -> Option<(u32, u32)> {
        self.not_upward_closed_within(fact, fact.universe())
    }

    /// [`Mask::not_upward_closed`] among the values `universe` (a slot's values, DOMAIN.md §9.3).
    pub(crate) fn not_upward_closed_within(&self, fact: Fact, universe: u32) -> Option<(u32, u32)> {
        let allowed = self.allowed(fact) & universe;
        let bits = 32 - universe.leading_zeros();
        (0..bits).find_map(|low| {
            let high = (low + 1..bits).find(|&h| allowed & (1 << h) == 0)?;
            (allowed & (1 << low) != 0).then_some((low, high))
        })
    }

    /// Three-valued: `Some(true)` when every possible value of every fact is allowed, `Some(false)` when some
    /// fact has no allowed possible value, `None` (open) otherwise.
    pub(crate) fn eval(&self, facts: &Facts) -> Option<bool> {
        let mut open = false;
        for fact in self.constrained() {
            let (allowed, possible) = (self.allowed(fact), facts.get(fact));
            if allowed & possible == 0 {
                return Some(false);
            }
            if possible & !allowed != 0 {
                open = true;
            }
        }
        if open { None } else { Some(true) }
    }

    /// The facts of DOMAIN.md §4.7 whose clause fails only because the fact is absent, and would hold for some
    /// present value, when every other clause holds: what giving those facts could change. Empty when some
    /// clause fails for another reason (or none fails).
    pub(crate) fn fixable_absent(&self, facts: &Facts) -> CodeSet<MissingFact> {
        let mut fixable = CodeSet::new();
        for fact in self.constrained() {
            let (allowed, possible) = (self.allowed(fact), facts.get(fact));
            if allowed & possible != 0 {
                continue;
            }
            // Absent (bit 0 of an optional fact), and some present value would be allowed.
            let absent = matches!(fact.kind(), Kind::Optional(_)) && possible == 1;
            match missing_fact(fact) {
                Some(name) if absent && allowed & fact.universe() & !1 != 0 => {
                    fixable.insert(name);
                }
                _ => return CodeSet::new(),
            }
        }
        fixable
    }
}
