//! The limits a policy document must keep to load, so that loading any document takes bounded time and memory.
//!
//! A policy may come from a user (an office uploading its own rules to a service), so every part of loading is
//! bounded: the text by its size, every list by a count, and the one proof whose cost can grow faster than the
//! document (that a tier is not shadowed by the tiers above it) by a number of steps. The defaults are far above
//! what any real scheme needs (the built-in policy has 6 streams, 2 specialties, one ladder of 3 tiers and
//! 2 entitlements) and each can be raised where a user needs more. A document past a limit is refused with a
//! problem that names the limit, its value and the option that raises it.
//!
//! ```
//! use talent_matrix::policy::{Limits, PolicyDoc};
//! use talent_matrix::Policy;
//!
//! let limits = Limits::default().max_entitlements(1);
//! let mut doc = PolicyDoc::shizhong_2011();
//! doc.name = "two-rewards".into();
//! let err = Policy::from_doc_with(&doc, &limits).unwrap_err();
//! assert_eq!(
//!     err.problems(),
//!     ["entitlements: 2 entries, more than the limit of 1 (Limits::max_entitlements)"]
//! );
//! ```

use super::problem::{Problem, ProblemKind};

/// Limits on a policy document, so that loading any document takes bounded time and memory. [`Default`]
/// gives the documented defaults.
///
/// A policy may come from a user (an office uploading its own rules to a service), so every part of loading is
/// bounded: the text by its size, every list by a count, and the one proof whose cost can grow faster than the
/// document (that a tier is not shadowed by the tiers above it) by a number of steps. That proof splits the
/// tier's condition on one higher tier's condition at a time (what a condition leaves of another is, per fact
/// it tests, the values it excludes), so its depth is the number of tiers above and its breadth the facts one
/// condition tests: a few dozen steps for a real ladder. Whether some conditions together cover another is
/// co-NP-hard in general (the tautology problem of disjunctive normal forms), hence a budget of steps rather
/// than a promise of polynomial time. Past any limit the document is refused with a problem naming the limit,
/// its value and the option that raises it.
///
/// ```
/// use talent_matrix::policy::Limits;
/// let limits = Limits::default();
/// assert_eq!(limits.document_bytes(), 1 << 20);
/// assert_eq!(limits.proof_steps(), 100_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    document_bytes: usize,
    conditions: usize,
    specialties: usize,
    tiers: usize,
    entitlements: usize,
    fields: usize,
    proof_steps: u64,
    problems: usize,
}

impl Default for Limits {
    /// 1 MiB of text; 16 eligibility conditions per stream; 64 specialties; 16 tiers per ladder;
    /// 64 entitlements; 64 facts, 64 indicators and 64 evaluations of a policy's own; 100,000 proof steps;
    /// 100 problems reported.
    fn default() -> Self {
        Limits {
            document_bytes: 1 << 20,
            conditions: 16,
            specialties: 64,
            tiers: 16,
            entitlements: 64,
            fields: 64,
            proof_steps: 100_000,
            problems: 100,
        }
    }
}

macro_rules! limit {
    ($(#[$doc:meta])* $field:ident, $setter:ident, $ty:ty) => {
        $(#[$doc])*
        ///
        /// ```
        /// use talent_matrix::policy::Limits;
        #[doc = concat!("let l = Limits::default().", stringify!($setter), "(7);")]
        #[doc = concat!("assert_eq!(l.", stringify!($field), "(), 7);")]
        /// ```
        pub fn $field(&self) -> $ty {
            self.$field
        }

        #[doc = concat!("Sets [`", stringify!($field), "`](Self::", stringify!($field), ").")]
        ///
        /// ```
        /// use talent_matrix::policy::Limits;
        #[doc = concat!("assert_eq!(Limits::default().", stringify!($setter), "(3).", stringify!($field), "(), 3);")]
        /// ```
        #[must_use]
        pub fn $setter(mut self, value: $ty) -> Self {
            self.$field = value;
            self
        }
    };
}

impl Limits {
    limit!(
        /// The largest document text read, in bytes (default 1 MiB).
        document_bytes,
        max_document_bytes,
        usize
    );
    limit!(
        /// The most eligibility conditions of one stream (default 16).
        conditions,
        max_conditions,
        usize
    );
    limit!(
        /// The most specialties (default 64).
        specialties,
        max_specialties,
        usize
    );
    limit!(
        /// The most tiers in one ladder (default 16).
        tiers,
        max_tiers,
        usize
    );
    limit!(
        /// The most entitlements (default 64).
        entitlements,
        max_entitlements,
        usize
    );
    limit!(
        /// The most facts, the most indicators and the most evaluations a policy may define, each
        /// (DOMAIN.md §9.2, §9.3; default 64). Of its facts and the indicators it compares directly, at most 12
        /// can be tested by conditions, whatever this limit.
        fields,
        max_fields,
        usize
    );
    limit!(
        /// The most steps the shadowing proof may take over the whole document (default 100,000; a ladder of
        /// the built-in's shape takes a few dozen).
        proof_steps,
        max_proof_steps,
        u64
    );
    limit!(
        /// The most problems reported; past it one last problem says how many more there were (default 100).
        problems,
        max_problems,
        usize
    );

    /// The problem for a list longer than its limit, if it is.
    pub(crate) fn check_count(
        at: &str,
        count: usize,
        limit: usize,
        option: &str,
    ) -> Option<Problem> {
        (count > limit).then(|| {
            Problem::new(
                ProblemKind::Limit,
                at,
                format!("{count} entries, more than the limit of {limit} (Limits::{option})"),
            )
        })
    }

    /// Refuses a document text longer than the limit, with the problem that says so.
    #[cfg_attr(not(any(feature = "toml", feature = "json")), allow(dead_code))]
    pub(crate) fn check_text(&self, text: &str) -> Result<(), Problem> {
        if text.len() > self.document_bytes {
            return Err(Problem::new(
                ProblemKind::Limit,
                "",
                format!(
                    "the document is {} bytes, more than the limit of {} (Limits::max_document_bytes)",
                    text.len(),
                    self.document_bytes
                ),
            ));
        }
        Ok(())
    }

    /// Cuts a list of problems to the limit, saying how many were left out.
    pub(crate) fn cap(&self, problems: &mut Vec<Problem>) {
        if problems.len() > self.problems {
            let more = problems.len() - self.problems;
            problems.truncate(self.problems);
            problems.push(Problem::new(
                ProblemKind::More,
                "",
                format!("… and {more} more problem(s) (Limits::max_problems)"),
            ));
        }
    }
}
