//! Every condition of a policy evaluated at once, as bits.
//!
//! [`Mask::eval`] walks the clauses of one condition. Here each condition has a number (up to 64 of them), and
//! for every fact and every set of possible values that fact can have (its *state*), a [`Row`] records which
//! conditions that state alone makes false, which it leaves open, and which it makes false beyond what giving an
//! absent fact could repair. A profile's rows, OR-ed together, answer every condition of the policy in one go:
//! a condition is false when some fact makes it false, open when none does and some fact leaves it open, true
//! otherwise: the same three-valued logic as [`Mask::eval`] (the engine's tests compare the two over every
//! combination of the discrete facts).
//!
//! The rows are computed when a policy loads; a policy with more than 64 conditions has none, and the engine
//! walks its clauses instead.

use super::condition::{Cond, Mask};
use super::{BUILT_IN, FACTS, Fact, INPUTS, Kind, States, missing_fact, state_bits, state_count};
use crate::codes::{CodeSet, MissingFact};

/// The states a fact can be in: at most this many (a fact's values are bits of a `u32`).
pub(crate) const STATES: usize = 32;

/// The most conditions the rows can number (the bits of a `u64`).
const MAX_CONDITIONS: usize = 64;

/// What one state of one fact (or of all of a profile's facts, OR-ed) does to every condition, by number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Row {
    /// Conditions this state makes false: none of the possible values is allowed.
    no: u64,
    /// Conditions this state leaves open: some possible values are allowed and some are not.
    open: u64,
}

impl core::ops::BitOr for Row {
    type Output = Row;

    #[inline]
    fn bitor(self, other: Row) -> Row {
        Row {
            no: self.no | other.no,
            open: self.open | other.open,
        }
    }
}

/// The bit of condition `id` (conditions with rows are numbered below 64).
#[inline]
fn bit(id: u16) -> u64 {
    1u64 << (id & 63)
}

impl Row {
    /// The conditions that are true, as bits.
    #[inline]
    pub(crate) fn holding(self) -> u64 {
        !(self.no | self.open)
    }

    /// The three-valued truth of a list of alternatives, given as the bits of their numbers: true if one is
    /// true, false if all are false, else open.
    #[inline]
    pub(crate) fn eval_bits(self, bits: u64) -> Option<bool> {
        if self.holding() & bits != 0 {
            Some(true)
        } else if self.no & bits == bits {
            Some(false)
        } else {
            None
        }
    }

    /// The three-valued truth of condition `id`.
    #[inline]
    pub(crate) fn eval(self, id: u16) -> Option<bool> {
        let bit = bit(id);
        if self.no & bit != 0 {
            Some(false)
        } else if self.open & bit != 0 {
            None
        } else {
            Some(true)
        }
    }
}

// Every fact's states fit a row table, whose length is a power of two. Evaluated while compiling.
#[allow(clippy::indexing_slicing)]
const _: () = {
    assert!(STATES.is_power_of_two());
    let mut i = 0;
    while i < Fact::ALL.len() {
        assert!(state_count(Fact::ALL[i]) <= STATES);
        i += 1;
    }
};

/// The entry of a state in a table of every state of a fact. A state is below [`STATES`] by construction
/// ([`input_states`](super::input_states) numbers a fact's values, of which there are at most 32: they are the bits of
/// a `u32`), so keeping the index's low bits changes nothing and the lookup cannot fail.
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: masked to the table's power-of-two length
pub(crate) fn per_state<T>(table: &[T; STATES], state: usize) -> &T {
    &table[state & (STATES - 1)]
}

/// The entry of a built-in fact in a table of the built-in facts. Rows are asked only of the facts they were
/// built for (a policy with facts of its own has none); were a slot ever asked, it would read a built-in
/// fact's entry rather than fail (the index keeps its low bits, the table's length rounded up).
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: see above, and the assertion below
fn per_built_in<T>(table: &[T; BUILT_IN], fact: Fact) -> &T {
    &table[(fact as usize) % BUILT_IN]
}

/// The state of a nameable fact among a profile's input states.
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: every nameable fact is an input fact (asserted at compile time)
fn per_input(states: &States, fact: Nameable) -> usize {
    usize::from(states[fact.0 as usize])
}

/// An input fact §4.7 can name.
#[derive(Clone, Copy)]
struct Nameable(Fact);

/// The input facts §4.7 can name (those with a [`missing_fact`] name), in the order of [`MissingFact`].
#[allow(clippy::indexing_slicing)] // evaluated while compiling
const NAMEABLE: [(Nameable, MissingFact); MissingFact::ALL.len()] = {
    let mut nameable = [(Nameable(Fact::Post), MissingFact::Role); MissingFact::ALL.len()];
    let mut found = 0;
    let mut f = 0;
    while f < FACTS {
        let fact = Fact::ALL[f];
        if let Some(m) = missing_fact(fact) {
            nameable[m as usize] = (Nameable(fact), m);
            found += 1;
        }
        f += 1;
    }
    // Every missing fact names one fact.
    assert!(found == MissingFact::ALL.len());
    nameable
};

// Evaluated while compiling: an index out of range fails the build, never a run.
#[allow(clippy::indexing_slicing)]
const _: () = {
    let mut i = 0;
    while i < NAMEABLE.len() {
        assert!((NAMEABLE[i].0.0 as usize) < INPUTS);
        i += 1;
    }
};

/// A policy's conditions, numbered, with the rows of every fact's states.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Rows {
    rows: [[Row; STATES]; BUILT_IN],
    /// Per fact and state: the conditions it makes false other than by being absent where a present value
    /// would do (needed only to name missing facts, so kept apart from the rows).
    hard: [[u64; STATES]; BUILT_IN],
}

impl core::fmt::Debug for Rows {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Rows").finish_non_exhaustive()
    }
}

impl Rows {
    /// The rows of a policy's conditions, which must be numbered 0, 1, 2, …; `None` past 64 conditions or
    /// when they are not so numbered.
    pub(crate) fn new<'c>(conditions: impl IntoIterator<Item = &'c Cond>) -> Option<Rows> {
        let mut conditions: Vec<&Cond> = conditions.into_iter().collect();
        conditions.sort_by_key(|c| c.id);
        let mut masks: Vec<&Mask> = Vec::new();
        for c in conditions {
            if usize::from(c.id) != masks.len() || masks.len() >= MAX_CONDITIONS {
                return None;
            }
            masks.push(&c.mask);
        }
        // Rows read the built-in facts only: a policy whose conditions test its own facts has no rows.
        if masks.iter().any(|m| {
            Fact::ALL[BUILT_IN..]
                .iter()
                .any(|&f| m.used() & 1 << (f as u32) != 0)
        }) {
            return None;
        }
        let mut rows = [[Row::default(); STATES]; BUILT_IN];
        let mut hard = [[0u64; STATES]; BUILT_IN];
        for ((fact, fact_rows), fact_hard) in Fact::built_in()
            .iter()
            .copied()
            .zip(rows.iter_mut())
            .zip(hard.iter_mut())
        {
            let nameable = matches!(fact.kind(), Kind::Optional(_)) && missing_fact(fact).is_some();
            let present = fact.universe() & !1;
            for ((possible, row), hard) in (0..state_count(fact))
                .map(|state| state_bits(fact, state))
                .zip(fact_rows.iter_mut())
                .zip(fact_hard.iter_mut())
            {
                for (id, m) in masks.iter().enumerate() {
                    let allowed = m.allowed(fact);
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
        Some(Rows { rows, hard })
    }

    /// The row of one state of one fact; a state past the fact's states (which no profile has) makes nothing
    /// false or open.
    #[inline]
    pub(crate) fn row(&self, fact: Fact, state: usize) -> Row {
        *per_state(per_built_in(&self.rows, fact), state)
    }

    /// Whether two states of a fact do the same to every condition: the same row, and the same conditions made
    /// false beyond repair. Every answer of the rows (truth, [`nameable`](Self::nameable),
    /// [`beyond_repair`](Self::beyond_repair)) is then the same for either state.
    pub(crate) fn alike(&self, fact: Fact, a: usize, b: usize) -> bool {
        let hard = per_built_in(&self.hard, fact);
        self.row(fact, a) == self.row(fact, b) && per_state(hard, a) == per_state(hard, b)
    }

    /// The input facts' rows OR-ed: every condition as far as the input facts decide it.
    #[inline]
    pub(crate) fn base(&self, states: &States) -> Row {
        let mut base = Row::default();
        for (rows, &state) in self.rows.iter().zip(states) {
            base = base | *per_state(rows, usize::from(state));
        }
        base
    }

    /// The nameable facts that make condition `id` false (`open == false`) or leave it open (`open`).
    pub(crate) fn nameable(&self, states: &States, id: u16, open: bool) -> CodeSet<MissingFact> {
        let mut found = CodeSet::new();
        for (fact, name) in NAMEABLE {
            let row = self.row(fact.0, per_input(states, fact));
            if (if open { row.open } else { row.no }) & bit(id) != 0 {
                found.insert(name);
            }
        }
        found
    }

    /// Whether some input fact makes condition `id` false beyond what giving an absent fact could repair.
    pub(crate) fn beyond_repair(&self, states: &States, id: u16) -> bool {
        self.hard
            .iter()
            .zip(states)
            .any(|(h, &state)| per_state(h, usize::from(state)) & bit(id) != 0)
    }
}
