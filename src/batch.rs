//! Many profiles at once: classification records and the two-way matrix, on every core with the `rayon`
//! feature (sequentially without it, with the same results). From [`Prepared::PAYS_AFTER`] profiles on, the
//! policy is prepared first ([`Policy::prepare`]); fewer are classified as [`Policy::classify`] does.
//!
//! ```
//! use talent_matrix::batch;
//! use talent_matrix::{Policy, Post, Profile};
//!
//! let people = vec![
//!     Profile::builder("1", Post::Community).build()?,
//!     Profile::builder("2", Post::Other).build()?,
//! ];
//! let policy = Policy::shizhong_2011();
//! let matrix = batch::matrix(&policy, &people);
//! assert_eq!((matrix.talents(), matrix.not_talent()), (1, 1));
//! # Ok::<(), talent_matrix::ProfileError>(())
//! ```

use crate::classify::{Classification, Prepared};
use crate::matrix::Matrix;
use crate::policy::Policy;
use crate::profile::Profile;

/// The policy, prepared when there are enough profiles for the table to pay for itself.
fn prepared_for(policy: &Policy, profiles: usize) -> Prepared<'_> {
    if profiles >= Prepared::PAYS_AFTER {
        policy.prepare()
    } else {
        Prepared::unprepared(policy)
    }
}

/// Profiles per piece of parallel work: enough that splitting and merging cost little next to classifying.
#[cfg(feature = "rayon")]
const CHUNK: usize = 4096;

/// Classifies every profile; the classifications are in the profiles' order.
///
/// ```
/// use talent_matrix::{batch, Policy, Post, Profile, Stream};
/// let people = vec![Profile::builder("1", Post::PartyGovernment).build()?];
/// let policy = Policy::shizhong_2011();
/// assert_eq!(batch::classify_all(&policy, &people)[0].stream(), Some(Stream::PartyGovernment));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
pub fn classify_all<'a>(policy: &'a Policy, profiles: &'a [Profile]) -> Vec<Classification<'a>> {
    let prepared = prepared_for(policy, profiles.len());
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        profiles.par_iter().map(|p| prepared.classify(p)).collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        profiles.iter().map(|p| prepared.classify(p)).collect()
    }
}

/// The two-way matrix of the profiles: with `rayon`, partial matrices built on every core and merged in the
/// profiles' order (so the missing-fact ids keep it).
///
/// ```
/// use talent_matrix::{batch, classify, Matrix, Policy, Post, Profile};
/// let people: Vec<Profile> = (0..100)
///     .map(|i| Profile::builder(i.to_string(), if i % 2 == 0 { Post::Rural } else { Post::Community }).build())
///     .collect::<Result<_, _>>()?;
/// let sequential: Matrix = people.iter().map(classify).collect();
/// assert_eq!(batch::matrix(&talent_matrix::Policy::shizhong_2011(), &people), sequential);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
pub fn matrix(policy: &Policy, profiles: &[Profile]) -> Matrix {
    let prepared = prepared_for(policy, profiles.len());
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        // Chunks of profiles, each counted into its own matrix in place: folding item by item would move the
        // matrix (over a kilobyte of counters) once per profile, which costs more than classifying it.
        profiles
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut m = Matrix::new();
                for p in chunk {
                    m.add(&prepared.classify(p));
                }
                m
            })
            .reduce(Matrix::new, |mut a, b| {
                a.merge(b);
                a
            })
    }
    #[cfg(not(feature = "rayon"))]
    {
        profiles.iter().map(|p| prepared.classify(p)).collect()
    }
}

/// Every profile's §6 record as one line of JSON (feature `json`), in the profiles' order.
///
/// ```
/// use talent_matrix::{batch, Policy, Post, Profile};
/// let people = vec![Profile::builder("1", Post::Other).build()?];
/// let lines = batch::records(&Policy::shizhong_2011(), &people);
/// assert!(lines[0].starts_with(r#"{"id":"1","stream":null"#));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[cfg(feature = "json")]
pub fn records(policy: &Policy, profiles: &[Profile]) -> Vec<String> {
    let prepared = prepared_for(policy, profiles.len());
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        profiles
            .par_iter()
            .map(|p| prepared.classify(p).to_json())
            .collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        profiles
            .iter()
            .map(|p| prepared.classify(p).to_json())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batch functions prepare from `PAYS_AFTER` profiles on, and only then (what they decide is the same
    /// either way: the engine's tests compare the prepared policy with the rows and the clauses).
    #[test]
    fn the_policy_is_prepared_for_long_batches_only() {
        let policy = Policy::shizhong_2011();
        assert!(prepared_for(&policy, Prepared::PAYS_AFTER).is_tabled());
        assert!(!prepared_for(&policy, Prepared::PAYS_AFTER - 1).is_tabled());
        assert!(!prepared_for(&policy, 0).is_tabled());
    }
}
