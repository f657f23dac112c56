//! Comparing two policies on the same people: who changes cell, and the rule that made the difference.

use std::collections::BTreeMap;

use crate::classify::Classification;
use crate::codes::{Specialty, Stream, Tier};
use crate::policy::Policy;
use crate::profile::Profile;
use crate::reason::Rule;

/// A cell of the two-way matrix: stream (or not talent), specialty and tier.
///
/// ```
/// use talent_matrix::diff::Cell;
/// use talent_matrix::{Stream, Tier};
/// let cell = Cell { stream: Some(Stream::EnterpriseManagement), specialty: None, tier: Some(Tier::HighEnd) };
/// assert_eq!(cell.to_string(), "enterprise_management/-/high_end");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// The primary stream, `None` when not talent.
    pub stream: Option<Stream>,
    /// The specialty, if any.
    pub specialty: Option<Specialty>,
    /// The tier, if any.
    pub tier: Option<Tier>,
}

impl Cell {
    /// The cell of a classification.
    ///
    /// ```
    /// use talent_matrix::diff::Cell;
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert_eq!(Cell::of(&classify(&p)).stream, None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn of(c: &Classification<'_>) -> Cell {
        Cell {
            stream: c.stream(),
            specialty: c.specialty(),
            tier: c.tier(),
        }
    }
}

impl core::fmt::Display for Cell {
    /// `stream/specialty/tier` with codes, `-` for none.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let code = |c: Option<&'static str>| c.unwrap_or("-");
        write!(
            f,
            "{}/{}/{}",
            code(self.stream.map(Stream::code)),
            code(self.specialty.map(Specialty::code)),
            code(self.tier.map(Tier::code))
        )
    }
}

/// One person whose cell differs between two policies.
///
/// ```
/// use talent_matrix::diff::compare;
/// use talent_matrix::policy::PolicyDoc;
/// use talent_matrix::{Policy, Post, Profile};
///
/// let mut doc = PolicyDoc::shizhong_2011();
/// doc.name = "professional-first".into();
/// doc.streams.swap(0, 2); // professional-technical talent now comes first in canonical order
/// let changed = Policy::from_doc(&doc)?;
/// let p = Profile::builder("X", Post::Other)
///     .professional_title(talent_matrix::ProfessionalTitle::Junior)
///     .social_work_certificate(talent_matrix::SocialWorkCertificate::SocialWorker)
///     .build()?;
/// assert!(compare(&Policy::shizhong_2011(), &changed, &p).is_none()); // still professional-technical
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The person's id.
    pub id: String,
    /// The cell under the first policy.
    pub before: Cell,
    /// The cell under the second policy.
    pub after: Cell,
    /// The first decision that differs (stream, then specialty, then tier), as decided by the second policy.
    pub rule: Rule,
    /// Why, under the second policy, in zh-Hans.
    pub zh: String,
    /// Why, under the second policy, in English.
    pub en: String,
}

/// Classifies a profile under two policies; `Some` when the cell differs.
///
/// ```
/// use talent_matrix::diff::compare;
/// use talent_matrix::{Policy, Post, Profile};
/// let p = Profile::builder("1", Post::Community).build()?;
/// assert_eq!(compare(&Policy::shizhong_2011(), &Policy::shizhong_2011(), &p), None);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
pub fn compare(before: &Policy, after: &Policy, profile: &Profile) -> Option<Change> {
    let (a, b) = (before.classify(profile), after.classify(profile));
    let (ca, cb) = (Cell::of(&a), Cell::of(&b));
    if ca == cb {
        return None;
    }
    let wanted = if ca.stream != cb.stream {
        |r: &Rule| matches!(r, Rule::Stream(_))
    } else if ca.specialty != cb.specialty {
        |r: &Rule| matches!(r, Rule::Specialty(_) | Rule::Stream(_))
    } else {
        |r: &Rule| matches!(r, Rule::Tier(_))
    };
    // A lost specialty has no reason of its own under the second policy: its stream's reason stands for it.
    let reason = b.reasons().filter(|r| wanted(&r.rule())).last();
    let (rule, zh, en) = match reason {
        Some(r) => (r.rule(), r.zh().to_string(), r.en().to_string()),
        None => (Rule::Tier(cb.tier), String::new(), String::new()),
    };
    Some(Change {
        id: profile.id().to_owned(),
        before: ca,
        after: cb,
        rule,
        zh,
        en,
    })
}

/// How many people moved from each cell to each other cell.
///
/// ```
/// use talent_matrix::diff::Moves;
/// let moves = Moves::default();
/// assert_eq!(moves.total(), 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moves {
    counts: BTreeMap<(Cell, Cell), u64>,
}

impl Moves {
    /// Counts one change.
    ///
    /// ```
    /// use talent_matrix::diff::{compare, Moves};
    /// let moves = Moves::default();
    /// assert!(moves.iter().next().is_none());
    /// ```
    pub fn add(&mut self, change: &Change) {
        *self
            .counts
            .entry((change.before, change.after))
            .or_insert(0) += 1;
    }

    /// Each (before, after) pair with its count, in cell order.
    ///
    /// ```
    /// assert_eq!(talent_matrix::diff::Moves::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (Cell, Cell, u64)> + '_ {
        self.counts.iter().map(|(&(a, b), &n)| (a, b, n))
    }

    /// Everyone who moved.
    ///
    /// ```
    /// assert_eq!(talent_matrix::diff::Moves::default().total(), 0);
    /// ```
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}
