//! A policy prepared for long runs ([`Prepared`]): every decision its conditions can reach, decided once and then
//! looked up by the classes of a person's facts.
//!
//! Two states of an input fact are *alike* when the policy's rows cannot tell them apart (the same conditions
//! false, open, and false beyond repair; for the post also the same own stream): DOMAIN.md §4 then decides the
//! same for either. Each fact's states fall into classes of alike states. One representative of every class of
//! every fact, in every combination, is decided once by the procedure [`classify`](crate::classify) runs
//! (`procedure::decide` over the rows), and the table keeps each distinct decision once. A profile's key is
//! the sum of its states' offsets (class times the fact's stride), so looking up costs one add per fact and two
//! loads.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::eval::{ByRow, Evaluator};
use super::{Classification, Decided, classify_with, procedure};
use crate::codes::{CodeSet, MissingFact, Post, Specialty, Stream, Tier};
use crate::facts::condition::{AnyOf, Cond};
use crate::facts::rows::{Rows, STATES, per_state};
use crate::facts::{Fact, INPUTS, States, input_states, state_count};
use crate::hash::BuildKeyHasher;
use crate::policy::Policy;
use crate::profile::Profile;

/// The most keys a table is built for (about 2 MiB of keys). Past it the policy's conditions tell too many
/// combinations apart for a table to pay for its building, and [`Prepared`] classifies from the rows.
const MAX_KEYS: usize = 1 << 20;

/// A policy prepared for classifying many profiles: the same answers as [`Policy::classify`], looked up in a
/// table of every decision the policy's conditions can reach instead of decided again.
///
/// Preparing is explicit and costs a fraction of a second at most (the built-in policy's table: see
/// `DESIGN.md`); [`Policy::classify`] never builds or consults a table. The batch functions
/// ([`crate::batch`]) prepare the policy they are given from [`Prepared::PAYS_AFTER`] profiles on; prepare once
/// and keep the value when classifying a long roster row by row. A policy whose conditions cannot be numbered as rows (more than 64 conditions) or tell too
/// many combinations apart gets no table, and [`Prepared::classify`] is then [`Policy::classify`].
///
/// ```
/// use talent_matrix::{Policy, Post, Profile, Role, Stream};
///
/// let policy = Policy::shizhong_2011();
/// let prepared = policy.prepare();
/// let p = Profile::builder("E-1", Post::Enterprise).role(Role::Principal).build()?;
/// assert_eq!(prepared.classify(&p), policy.classify(&p));
/// assert_eq!(prepared.classify(&p).stream(), Some(Stream::EnterpriseManagement));
/// assert!(prepared.is_tabled());
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Clone)]
pub struct Prepared<'p> {
    policy: &'p Policy,
    table: Option<Table<'p>>,
}

impl core::fmt::Debug for Prepared<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Prepared")
            .field("policy", &self.policy.name())
            .field("keys", &self.table.as_ref().map_or(0, |t| t.keys.len()))
            .field(
                "decisions",
                &self.table.as_ref().map_or(0, |t| t.decided.len()),
            )
            .finish()
    }
}

/// Preparing is the engine's, like classifying.
impl Policy {
    /// Prepares this policy for classifying many profiles (see [`Prepared`]).
    ///
    /// ```
    /// use talent_matrix::{Policy, Post, Profile};
    /// let policy = Policy::default();
    /// let prepared = policy.prepare();
    /// let p = Profile::builder("1", Post::Community).build()?;
    /// assert_eq!(prepared.classify(&p), policy.classify(&p));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn prepare(&self) -> Prepared<'_> {
        Prepared {
            policy: self,
            table: self
                .compiled()
                .rows
                .as_ref()
                .and_then(|rows| Table::new(self, rows)),
        }
    }
}

impl<'p> Prepared<'p> {
    /// About how many profiles a long run classifies before preparing has paid for itself: building the built-in
    /// policy's table takes about as long as the table then saves on this many classifications (a round figure
    /// from the measurements in `DESIGN.md`). The [`batch`](crate::batch) functions prepare from this many
    /// profiles on; a roster read row by row can prepare once it has read this many (as the `classify` and
    /// `report` examples do).
    pub const PAYS_AFTER: usize = 1_000_000;

    /// The policy without a table: [`classify`](Self::classify) is then [`Policy::classify`].
    pub(crate) fn unprepared(policy: &'p Policy) -> Prepared<'p> {
        Prepared {
            policy,
            table: None,
        }
    }

    /// Classifies a profile: the same [`Classification`] as [`Policy::classify`].
    ///
    /// ```
    /// use talent_matrix::{Industry, Policy, Post, Profile, Role, Tier};
    /// let policy = Policy::shizhong_2011();
    /// let prepared = policy.prepare();
    /// let p = Profile::builder("E-1", Post::Enterprise)
    ///     .role(Role::MiddleManager)
    ///     .industry(Industry::Finance)
    ///     .above_designated_size(true)
    ///     .build()?;
    /// assert_eq!(prepared.classify(&p).tier(), Some(Tier::HighEnd));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    #[inline]
    pub fn classify<'a>(&self, profile: &'a Profile) -> Classification<'a>
    where
        'p: 'a,
    {
        let Some(table) = &self.table else {
            return classify_with(self.policy, profile);
        };
        let enterprise = self.policy.compiled().enterprise_facts(profile);
        let states = input_states(profile, &enterprise);
        // Every key of a profile's states is in the table (its offsets are built with the table); should one
        // not be, the rows decide, which is the same answer.
        let decided = match table.get(&states) {
            Some(decided) => *decided,
            None => table.decide(self.policy, profile.post(), states),
        };
        Classification::new(self.policy, profile, enterprise, decided)
    }

    /// The policy this prepares.
    ///
    /// ```
    /// use talent_matrix::Policy;
    /// let policy = Policy::default();
    /// assert_eq!(policy.prepare().policy().name(), "shizhong-2011");
    /// ```
    pub fn policy(&self) -> &'p Policy {
        self.policy
    }

    /// Whether a table was built (else [`classify`](Self::classify) decides from the policy's rows or clauses
    /// as [`Policy::classify`] does).
    ///
    /// ```
    /// use talent_matrix::Policy;
    /// assert!(Policy::default().prepare().is_tabled());
    /// ```
    pub fn is_tabled(&self) -> bool {
        self.table.is_some()
    }
}

/// A disjoint cell of the matrix: stream (none: not talent), specialty, tier.
pub(crate) type Cell = (Option<Stream>, Option<Specialty>, Option<Tier>);

impl Prepared<'_> {
    /// Every cell (stream, specialty, tier) a decision of the table puts someone in; `None` without a table.
    /// The table holds every decision the policy's conditions can reach, so no profile lands elsewhere.
    pub(crate) fn places(&self) -> Option<Vec<Cell>> {
        self.table.as_ref().map(|t| {
            t.decided
                .iter()
                .map(|d| (d.stream(), d.specialty(), d.tier()))
                .collect()
        })
    }
}

/// Every decision of a policy, by the classes of the input facts' states.
#[derive(Clone)]
struct Table<'p> {
    rows: &'p Rows,
    /// Per input fact and state: the state's class times the fact's stride. A profile's key is their sum.
    offsets: [[u32; STATES]; INPUTS],
    /// Per key: where its decision is in `decided`.
    keys: Vec<u16>,
    /// Each distinct decision once.
    decided: Vec<Decided<'p>>,
}

impl<'p> Table<'p> {
    /// The table of a policy with rows; `None` when its classes make more than [`MAX_KEYS`] keys or more
    /// distinct decisions than a `u16` numbers.
    fn new(policy: &'p Policy, rows: &'p Rows) -> Option<Table<'p>> {
        let c = policy.compiled();
        let own = |state: usize| Post::ALL.get(state).map(|&p| c.own_stream(p));
        // Per input fact: the class of each state, and the representative state of each class (its first).
        let mut class_of = [[0u32; STATES]; INPUTS];
        let mut classes: Vec<Vec<u8>> = Vec::with_capacity(INPUTS);
        for (fact, class_of) in Fact::ALL.into_iter().zip(class_of.iter_mut()) {
            let mut reps: Vec<u8> = Vec::new();
            for (state, class_of) in (0..state_count(fact)).zip(class_of.iter_mut()) {
                let alike = |rep: &u8| {
                    let rep = usize::from(*rep);
                    rows.alike(fact, rep, state) && (fact != Fact::Post || own(rep) == own(state))
                };
                let class = match reps.iter().position(alike) {
                    Some(class) => class,
                    None => {
                        reps.push(u8::try_from(state).ok()?);
                        reps.len() - 1
                    }
                };
                *class_of = u32::try_from(class).ok()?;
            }
            classes.push(reps);
        }
        // The strides, the last fact's the smallest: the last facts (the qualifications, which decide little
        // for most posts) count fastest, so neighbouring keys often share a decision. States past a fact's
        // count (which no profile has) keep offset 0.
        let mut offsets = class_of;
        let mut stride = 1usize;
        for (offsets, reps) in offsets.iter_mut().zip(&classes).rev() {
            let step = u32::try_from(stride).ok()?;
            for offset in offsets.iter_mut() {
                *offset = offset.checked_mul(step)?;
            }
            stride = stride.checked_mul(reps.len())?;
            if stride > MAX_KEYS {
                return None;
            }
        }

        // Every combination of classes, in the order of the keys.
        let mut table = Table {
            rows,
            offsets,
            keys: Vec::with_capacity(stride),
            decided: Vec::new(),
        };
        let mut seen: HashMap<Decided<'p>, u16, BuildKeyHasher> = HashMap::default();
        let mut last: Option<(Decided<'p>, u16)> = None;
        let mut counter = [0usize; INPUTS];
        for _ in 0..stride {
            let mut states: States = [0; INPUTS];
            for ((state, &class), reps) in states.iter_mut().zip(&counter).zip(&classes) {
                *state = *reps.get(class)?;
            }
            let post = *Post::ALL.get(usize::from(*states.get(Fact::Post as usize)?))?;
            let decided = table.decide(policy, post, states);
            let id = match last {
                Some((d, id)) if d == decided => id,
                _ => match seen.entry(decided) {
                    Entry::Occupied(e) => *e.get(),
                    Entry::Vacant(e) => {
                        let id = u16::try_from(table.decided.len()).ok()?;
                        table.decided.push(decided);
                        *e.insert(id)
                    }
                },
            };
            last = Some((decided, id));
            table.keys.push(id);
            for (class, reps) in counter.iter_mut().zip(&classes).rev() {
                *class += 1;
                if *class < reps.len() {
                    break;
                }
                *class = 0;
            }
        }
        Some(table)
    }

    /// The decision for input facts in these states, looked up.
    #[inline]
    fn get(&self, states: &States) -> Option<&Decided<'p>> {
        let key: u32 = self
            .offsets
            .iter()
            .zip(states)
            .map(|(offsets, &state)| *per_state(offsets, usize::from(state)))
            .sum();
        let id = self.keys.get(usize::try_from(key).ok()?)?;
        self.decided.get(usize::from(*id))
    }

    /// The decision for input facts in these states, decided from the rows (when building; never on the
    /// lookup's path, hence cold).
    #[cold]
    fn decide(&self, policy: &'p Policy, post: Post, states: States) -> Decided<'p> {
        procedure::decide(policy, post, Building(ByRow::of_states(self.rows, states)))
    }
}

/// The rows, read while building a table. A type of its own so that the procedure is compiled apart for the
/// table and for [`Policy::classify`], whose copy then has one caller and is inlined into it (otherwise
/// `classify` pays for a call and a copy of its result: 27 more instructions of 616, measured with callgrind).
struct Building<'r>(ByRow<'r>);

impl Evaluator for Building<'_> {
    fn eval(&self, c: &Cond) -> Option<bool> {
        self.0.eval(c)
    }

    fn any(&self, conds: &AnyOf) -> bool {
        self.0.any(conds)
    }

    fn eval_any(&self, conds: &AnyOf) -> Option<bool> {
        self.0.eval_any(conds)
    }

    fn decided(&mut self, fact: Fact, state: usize) {
        self.0.decided(fact, state);
    }

    fn repairable(&self, c: &Cond) -> CodeSet<MissingFact> {
        self.0.repairable(c)
    }

    fn open_facts(&self, c: &Cond) -> CodeSet<MissingFact> {
        self.0.open_facts(c)
    }
}
