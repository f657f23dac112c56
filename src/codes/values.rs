//! [`Values`]: a set of values of an open list, in its policy's order.

use core::fmt;

use super::Open;

/// The values of an open list (DOMAIN.md §9.1) that a classification holds: its entitlements or its services,
/// in the order its policy gives them (DOMAIN.md §9.2 "Orders": the entitlements in the order of the policy's
/// `[[entitlements]]`, the services in the order of the level's list).
///
/// `Copy`, no allocation: a bit set over the policy's list, which it borrows. With the `serde` feature it
/// serializes as an array of codes.
///
/// ```
/// use talent_matrix::{classify, Entitlement, Industry, Performance, Contribution, Post, Profile, Role};
///
/// let p = Profile::builder("F-1", Post::Enterprise)
///     .role(Role::Principal)
///     .industry(Industry::Finance)
///     .performance(Performance::Outstanding)
///     .contribution(Contribution::Major)
///     .build()?;
/// let c = classify(&p);
/// let e = c.entitlements();
/// assert!(e.contains(Entitlement::AnnualReward));
/// assert_eq!(e.len(), 2);
/// assert_eq!(e.iter().next(), Some(Entitlement::AnnualReward));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Values<'a, T> {
    /// Bit `i` for `of[i]`.
    bits: u64,
    of: &'a [T],
}

impl<'a, T: Open> Values<'a, T> {
    /// The values `of[i]` for each bit `i` of `bits`.
    pub(crate) fn new(bits: u64, of: &'a [T]) -> Self {
        Values { bits, of }
    }

    /// Every value of `of`.
    pub(crate) fn all(of: &'a [T]) -> Self {
        Values {
            bits: kept(of.len()),
            of,
        }
    }

    /// No value.
    pub(crate) fn none() -> Self {
        Values { bits: 0, of: &[] }
    }

    /// The values, in the policy's order.
    ///
    /// ```
    /// # use talent_matrix::{classify, IntroductionLevel, Post, Profile, Service};
    /// let p = Profile::builder("B-1", Post::Other)
    ///     .introduction_level(IntroductionLevel::Hundred)
    ///     .build()?;
    /// assert_eq!(classify(&p).services().iter().collect::<Vec<_>>(), [Service::RegularContact]);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn iter(&self) -> ValuesIter<'a, T> {
        ValuesIter {
            bits: self.bits & kept(self.of.len()),
            of: self.of,
        }
    }

    /// Whether the set holds a value.
    ///
    /// ```
    /// # use talent_matrix::{classify, Post, Profile, Entitlement};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert!(!classify(&p).entitlements().contains(Entitlement::AnnualReward));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn contains(&self, value: T) -> bool {
        self.of
            .iter()
            .take(64)
            .position(|v| *v == value)
            .is_some_and(|i| self.bits & (1 << i) != 0)
    }

    /// The number of values.
    ///
    /// ```
    /// # use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert_eq!(classify(&p).services().len(), 0);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn len(&self) -> usize {
        (self.bits & kept(self.of.len())).count_ones() as usize
    }

    /// Whether there is no value.
    ///
    /// ```
    /// # use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert!(classify(&p).entitlements().is_empty());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values, in the policy's order, as a vector.
    ///
    /// ```
    /// # use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert!(classify(&p).services().to_vec().is_empty());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().collect()
    }
}

/// The bits of the first `n` values (at most 64).
fn kept(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// The iterator of a [`Values`], in the policy's order.
///
/// ```
/// # use talent_matrix::{classify, Post, Profile};
/// let p = Profile::builder("1", Post::Other).build()?;
/// assert_eq!(classify(&p).services().iter().len(), 0);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ValuesIter<'a, T> {
    /// The values not yet given, bit `i` for `of[i]`.
    bits: u64,
    of: &'a [T],
}

impl<T: Copy> Iterator for ValuesIter<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        while self.bits != 0 {
            let i = self.bits.trailing_zeros() as usize;
            self.bits &= self.bits - 1;
            if let Some(&v) = self.of.get(i) {
                return Some(v);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.bits.count_ones() as usize;
        (n, Some(n))
    }
}

impl<T: Copy> ExactSizeIterator for ValuesIter<'_, T> {}

impl<T: Open> fmt::Debug for Values<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a, T: Open> IntoIterator for Values<'a, T> {
    type Item = T;
    type IntoIter = ValuesIter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(feature = "serde")]
impl<T: Open + serde::Serialize> serde::Serialize for Values<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}
