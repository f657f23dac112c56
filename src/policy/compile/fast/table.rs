//! The decisions of every combination of the discrete facts, looked up instead of evaluated.
//!
//! Two states of a fact are alike when every condition of the policy treats them alike: the same conditions
//! false, open and beyond repair (their [`Row`]s and `hard` bits agree), and for the post the same own
//! stream. Alike states give alike decisions, so the facts' classes of alike states span every decision the
//! policy can take: for the built-in policy 8 posts × 5 roles × 2 ownerships × 3 industries × …, each
//! combination decided once by [`Fast::outcome`] and kept as the number of one of the few hundred distinct
//! outcomes (DESIGN.md has the count). Classifying is then one table read per fact and one lookup.
//!
//! Building the table costs one evaluation per combination, so a policy builds it only after it has
//! classified twice that many profiles (a roster of a million people does; a test of a few thousand does
//! not), on the call that crosses the mark; a policy with more than [`MAX_KEYS`] combinations or 65,536
//! outcomes never does. Either way the decisions are the same (tested).

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Compiled, Fast, INPUTS, Outcome, Row, STATES, states};
use crate::hash::BuildKeyHasher;
use crate::policy::compile::Fact;

/// The most combinations a table may have (2 bytes each).
const MAX_KEYS: usize = 1 << 21;

/// The classes of every fact's states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Classes {
    /// Per input fact and state: the state's class times the fact's stride.
    offsets: [[u32; STATES]; INPUTS],
    /// Per input fact: one state of each class, by class.
    representatives: [Vec<usize>; INPUTS],
    /// Per input fact: its stride (the product of the class counts of the facts before it).
    strides: [usize; INPUTS],
    /// The number of combinations, when it is at most [`MAX_KEYS`].
    keys: Option<usize>,
}

impl Classes {
    /// No classes (a placeholder while the rows are computed).
    pub(super) fn empty() -> Classes {
        Classes {
            offsets: [[0; STATES]; INPUTS],
            representatives: Default::default(),
            strides: [0; INPUTS],
            keys: None,
        }
    }

    pub(super) fn new(fast: &Fast, c: &Compiled) -> Classes {
        let mut offsets = [[0u32; STATES]; INPUTS];
        let mut representatives: [Vec<usize>; INPUTS] = Default::default();
        let mut strides = [0usize; INPUTS];
        let mut keys = Some(1usize);
        for (f, fact) in Fact::ALL.iter().copied().take(INPUTS).enumerate() {
            type Signature = (Row, u64, Option<crate::Stream>);
            let mut seen: Vec<Signature> = Vec::new();
            let stride = keys.unwrap_or(0);
            for state in 0..states(fact).len() {
                let signature = (
                    fast.row(f, state),
                    fast.hard
                        .get(f)
                        .and_then(|h| h.get(state))
                        .copied()
                        .unwrap_or(0),
                    if fact == Fact::Post {
                        c.post_stream.get(state).copied().flatten()
                    } else {
                        None
                    },
                );
                let class = match seen.iter().position(|s| *s == signature) {
                    Some(class) => class,
                    None => {
                        seen.push(signature);
                        if let Some(r) = representatives.get_mut(f) {
                            r.push(state);
                        }
                        seen.len() - 1
                    }
                };
                let offset = class
                    .checked_mul(stride)
                    .and_then(|o| u32::try_from(o).ok());
                if let (Some(slot), Some(offset)) =
                    (offsets.get_mut(f).and_then(|o| o.get_mut(state)), offset)
                {
                    *slot = offset;
                }
            }
            if let Some(slot) = strides.get_mut(f) {
                *slot = stride;
            }
            keys = keys
                .and_then(|k| k.checked_mul(seen.len()))
                .filter(|&k| k <= MAX_KEYS);
        }
        Classes {
            offsets,
            representatives,
            strides,
            keys,
        }
    }

    /// The key of a combination of states.
    #[inline]
    fn key(&self, states: &[usize; INPUTS]) -> usize {
        let mut key = 0;
        for (offsets, &state) in self.offsets.iter().zip(states) {
            key += offsets.get(state).copied().unwrap_or(0) as usize;
        }
        key
    }
}

/// Every combination's outcome, by key.
#[derive(Debug)]
pub(super) struct Table {
    classes: Classes,
    /// Per key: the number of its outcome.
    index: Vec<u16>,
    outcomes: Vec<Outcome>,
}

impl Table {
    fn new(fast: &Fast, c: &Compiled) -> Option<Table> {
        let classes = fast.classes.clone();
        let keys = classes.keys?;
        let mut index = Vec::with_capacity(keys);
        let mut outcomes = Vec::new();
        let mut numbers: HashMap<Outcome, u16, BuildKeyHasher> = HashMap::default();
        let mut states = [0usize; INPUTS];
        for key in 0..keys {
            for ((state, representatives), &stride) in states
                .iter_mut()
                .zip(&classes.representatives)
                .zip(&classes.strides)
            {
                let class = (key / stride.max(1)) % representatives.len().max(1);
                *state = representatives.get(class).copied().unwrap_or(0);
            }
            let outcome = fast.outcome(c, &states);
            let number = match numbers.get(&outcome) {
                Some(&n) => n,
                None => {
                    let n = u16::try_from(outcomes.len()).ok()?;
                    outcomes.push(outcome);
                    numbers.insert(outcome, n);
                    n
                }
            };
            index.push(number);
        }
        Some(Table {
            classes,
            index,
            outcomes,
        })
    }

    /// The outcome of a profile's states.
    #[inline]
    pub(super) fn outcome(&self, states: &[usize; INPUTS]) -> Option<Outcome> {
        let number = *self.index.get(self.classes.key(states))?;
        self.outcomes.get(usize::from(number)).copied()
    }
}

/// The table of a policy, built on the call that crosses the mark.
pub(super) struct Lazy {
    table: OnceLock<Option<Table>>,
    calls: AtomicU64,
    /// Twice the number of combinations; `u64::MAX` when there is to be no table.
    mark: u64,
}

impl Lazy {
    /// No table, ever (a placeholder while the classes are computed).
    pub(super) fn never() -> Lazy {
        Lazy {
            table: OnceLock::new(),
            calls: AtomicU64::new(0),
            mark: u64::MAX,
        }
    }

    pub(super) fn new(classes: &Classes) -> Lazy {
        Lazy {
            table: OnceLock::new(),
            calls: AtomicU64::new(0),
            mark: classes
                .keys
                .and_then(|k| u64::try_from(k).ok())
                .map_or(u64::MAX, |k| k.saturating_mul(2)),
        }
    }

    /// The table, if built; builds it once this policy has classified enough profiles.
    #[inline]
    pub(super) fn get(&self, fast: &Fast, c: &Compiled) -> Option<&Table> {
        if let Some(table) = self.table.get() {
            return table.as_ref();
        }
        if self.mark == u64::MAX || self.calls.fetch_add(1, Ordering::Relaxed) < self.mark {
            return None;
        }
        self.now(fast, c)
    }

    /// Whether the table has been built.
    #[cfg(test)]
    pub(super) fn is_built(&self) -> bool {
        matches!(self.table.get(), Some(Some(_)))
    }

    /// The table, built now if it is not yet.
    pub(super) fn now(&self, fast: &Fast, c: &Compiled) -> Option<&Table> {
        self.table.get_or_init(|| Table::new(fast, c)).as_ref()
    }
}

impl Clone for Lazy {
    /// A clone starts without a table (it is rebuilt on demand).
    fn clone(&self) -> Lazy {
        Lazy {
            table: OnceLock::new(),
            calls: AtomicU64::new(0),
            mark: self.mark,
        }
    }
}

impl PartialEq for Lazy {
    /// A cache: equal whatever it holds.
    fn eq(&self, _: &Lazy) -> bool {
        true
    }
}

impl Eq for Lazy {}
