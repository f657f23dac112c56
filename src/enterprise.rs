//! Enterprise size and above-designated-size: the two derived facts of DOMAIN.md §5. The thresholds are the
//! policy's (`size_standard` and `above_designated_size` of `policies/shizhong-2011.toml` for the built-in one:
//! one source); this module derives the facts from them.
//!
//! **Size** follows 中小企业划型标准规定 (工信部联企业〔2011〕300号) \[national\]: for each industry row, the
//! bounds of the large, medium and small classes on X = employees (从业人员), Y = revenue (营业收入, 万元) and
//! Z = assets (资产总额, 万元). **Above designated size** (规模以上 / 限额以上) follows the National Bureau of
//! Statistics revenue thresholds \[national\].
//!
//! Both derivations are three-valued: a bound on an absent number is *open*. A class holds when all its bounds
//! hold and fails when any bound fails, else it is open. The size is the first class from large down that holds,
//! provided every class above it fails; micro when large, medium and small all fail; unknown otherwise. "Not
//! large" is known as soon as the large class fails, even when the exact size is not. A stated
//! `enterprise_size` or `above_designated_size` wins and is never cross-checked; the two are independent.
//!
//! ```
//! use talent_matrix::enterprise::Basis;
//! use talent_matrix::{EnterpriseSize, Industry, Policy, Post, Profile, Wan};
//!
//! let p = Profile::builder("E-1", Post::Enterprise)
//!     .industry(Industry::Industry)
//!     .employees(350)
//!     .revenue_wan(Wan::from_wan(2500))
//!     .build()?;
//! let facts = Policy::default().enterprise_facts(&p);
//! assert_eq!(facts.size(), Some(EnterpriseSize::Medium));
//! assert_eq!(facts.above_designated_size(), Some(true));
//! assert_eq!(facts.size_basis(), Some(Basis::Derived));
//! # Ok::<(), talent_matrix::ProfileError>(())
//! ```

use core::fmt;

use crate::codes::EnterpriseSize;
use crate::money::Wan;
use crate::profile::Profile;

/// One of the three numbers the size standard bounds.
///
/// ```
/// use talent_matrix::enterprise::Indicator;
/// assert_eq!(Indicator::Revenue.to_string(), "Y");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Indicator {
    /// X: employees (从业人员), a head count.
    Employees,
    /// Y: revenue (营业收入), in 万元.
    Revenue,
    /// Z: total assets (资产总额), in 万元.
    Assets,
}

impl fmt::Display for Indicator {
    /// The letter the standard uses: X, Y or Z.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Indicator::Employees => "X",
            Indicator::Revenue => "Y",
            Indicator::Assets => "Z",
        })
    }
}

/// A lower bound on one indicator: the indicator must be at least `min`.
///
/// `min` is a head count for employees and a whole number of yuan for revenue and assets.
///
/// ```
/// use talent_matrix::enterprise::{Bound, Indicator};
/// let b = Bound::wan(Indicator::Revenue, 2000);
/// assert_eq!(b.min(), 20_000_000);
/// assert_eq!(b.to_string(), "Y≥2000");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bound {
    indicator: Indicator,
    min: u64,
}

impl Bound {
    /// A bound on employees: at least `count` people.
    ///
    /// ```
    /// use talent_matrix::enterprise::Bound;
    /// assert_eq!(Bound::employees(300).min(), 300);
    /// ```
    pub const fn employees(count: u64) -> Bound {
        Bound {
            indicator: Indicator::Employees,
            min: count,
        }
    }

    /// A bound on revenue or assets: at least `wan` 万元.
    ///
    /// ```
    /// use talent_matrix::enterprise::{Bound, Indicator};
    /// assert_eq!(Bound::wan(Indicator::Assets, 5).min(), 50_000);
    /// ```
    pub const fn wan(indicator: Indicator, wan: u64) -> Bound {
        Bound {
            indicator,
            min: Wan::from_wan(wan).yuan(),
        }
    }

    /// A bound on revenue or assets of at least `yuan` whole yuan.
    pub(crate) const fn from_yuan(indicator: Indicator, yuan: u64) -> Bound {
        Bound {
            indicator,
            min: yuan,
        }
    }

    /// The indicator bounded.
    ///
    /// ```
    /// use talent_matrix::enterprise::{Bound, Indicator};
    /// assert_eq!(Bound::employees(1).indicator(), Indicator::Employees);
    /// ```
    pub const fn indicator(self) -> Indicator {
        self.indicator
    }

    /// The least value that meets the bound: a head count, or whole yuan.
    ///
    /// ```
    /// use talent_matrix::enterprise::{Bound, Indicator};
    /// assert_eq!(Bound::wan(Indicator::Revenue, 1).min(), 10_000);
    /// ```
    pub const fn min(self) -> u64 {
        self.min
    }

    /// Whether the bound holds for the profile's numbers: `None` when the number is absent (open).
    ///
    /// ```
    /// use talent_matrix::enterprise::Bound;
    /// use talent_matrix::{Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).employees(299).build()?;
    /// assert_eq!(Bound::employees(300).holds(&p), Some(false));
    /// assert_eq!(Bound::employees(299).holds(&p), Some(true));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn holds(self, profile: &Profile) -> Option<bool> {
        value(profile, self.indicator).map(|v| v >= self.min)
    }
}

impl fmt::Display for Bound {
    /// `X≥300`, `Y≥2000` (万元).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.indicator {
            Indicator::Employees => write!(f, "X≥{}", self.min),
            _ => write!(f, "{}≥{}", self.indicator, Wan::from_yuan(self.min)),
        }
    }
}

/// The profile's value of an indicator: employees as a count, money as whole yuan.
pub(crate) fn value(profile: &Profile, indicator: Indicator) -> Option<u64> {
    match indicator {
        Indicator::Employees => profile.employees().map(u64::from),
        Indicator::Revenue => profile.revenue_wan().map(Wan::yuan),
        Indicator::Assets => profile.assets_wan().map(Wan::yuan),
    }
}

/// How an industry's above-designated-size status is decided.
///
/// ```
/// use talent_matrix::enterprise::AboveSizeRule;
/// use talent_matrix::{Industry, Policy, Wan};
/// let policy = Policy::default();
/// assert_eq!(policy.above_rule(Industry::Retail), AboveSizeRule::Revenue(Wan::from_wan(500)));
/// assert_eq!(policy.above_rule(Industry::RealEstateDevelopment), AboveSizeRule::Always);
/// assert_eq!(policy.above_rule(Industry::Construction), AboveSizeRule::MustBeStated);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AboveSizeRule {
    /// Above designated size when revenue is at least this amount.
    Revenue(Wan),
    /// Always above designated size (real estate development: every enterprise is surveyed).
    Always,
    /// Not derivable from the profile's numbers: the status must be stated.
    MustBeStated,
}

/// Three-valued AND: `Some(false)` if any is false, `Some(true)` if all are true, else `None` (open).
pub(crate) fn all3(values: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut open = false;
    for v in values {
        match v {
            Some(false) => return Some(false),
            None => open = true,
            Some(true) => {}
        }
    }
    if open { None } else { Some(true) }
}

/// The size derived from the bounds of the large, medium and small classes (a policy's size standard row) and
/// a profile's numbers, and whether "not large" is known.
pub(crate) fn derive_classes(
    [large, medium, small]: [&[Bound]; 3],
    profile: &Profile,
) -> (Option<EnterpriseSize>, Option<bool>) {
    let holds = |bounds: &[Bound]| all3(bounds.iter().map(|b| b.holds(profile)));
    let is_large = holds(large);
    // The size is the first class from large down that holds, provided every class above it fails.
    match is_large {
        Some(true) => return (Some(EnterpriseSize::Large), is_large),
        Some(false) => {}
        None => return (None, None),
    }
    for (class, bounds) in [
        (EnterpriseSize::Medium, medium),
        (EnterpriseSize::Small, small),
    ] {
        match holds(bounds) {
            Some(true) => return (Some(class), is_large),
            Some(false) => {}
            None => return (None, is_large),
        }
    }
    (Some(EnterpriseSize::Micro), is_large)
}

/// Where a known enterprise fact comes from.
///
/// ```
/// use talent_matrix::enterprise::Basis;
/// assert_eq!(Basis::Stated.code(), "stated");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// Given in the profile; wins over any derivation.
    Stated,
    /// Derived from the industry and the numbers (DOMAIN.md §5).
    Derived,
}

impl Basis {
    /// `stated` or `derived`, as in the rule ids `enterprise_size.stated` and `above_designated_size.derived`.
    ///
    /// ```
    /// assert_eq!(talent_matrix::enterprise::Basis::Derived.code(), "derived");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Derived => "derived",
        }
    }
}

/// The enterprise facts of a profile, stated or derived (DOMAIN.md §5), three-valued.
///
/// ```
/// use talent_matrix::enterprise::Basis;
/// use talent_matrix::{EnterpriseSize, Industry, Policy, Post, Profile};
///
/// // A stated size wins and is never cross-checked against the numbers.
/// let p = Profile::builder("1", Post::Enterprise)
///     .industry(Industry::Other)
///     .employees(5000)
///     .enterprise_size(EnterpriseSize::Small)
///     .build()?;
/// let f = Policy::default().enterprise_facts(&p);
/// assert_eq!(f.size(), Some(EnterpriseSize::Small));
/// assert_eq!(f.is_large(), Some(false));
/// assert_eq!(f.size_basis(), Some(Basis::Stated));
/// assert_eq!(f.above_designated_size(), None); // "other" must be stated
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnterpriseFacts {
    size: Option<EnterpriseSize>,
    large: Option<bool>,
    size_basis: Option<Basis>,
    above: Option<bool>,
    above_basis: Option<Basis>,
}

impl EnterpriseFacts {
    /// The facts of a profile under given rules for its industry: the bounds of its size classes (large,
    /// medium, small; `None`: not derivable) and its above-designated-size rule (`None`: no industry).
    #[inline]
    pub(crate) fn with_rules(
        profile: &Profile,
        size_classes: Option<[&[Bound]; 3]>,
        above_rule: Option<AboveSizeRule>,
    ) -> EnterpriseFacts {
        let (size, large, size_basis) = match profile.enterprise_size() {
            Some(s) => (
                Some(s),
                Some(s == EnterpriseSize::Large),
                Some(Basis::Stated),
            ),
            None => match size_classes {
                Some(classes) => {
                    let (size, large) = derive_classes(classes, profile);
                    let known = size.is_some() || large.is_some();
                    (size, large, known.then_some(Basis::Derived))
                }
                None => (None, None, None),
            },
        };
        let (above, above_basis) = match profile.above_designated_size() {
            Some(b) => (Some(b), Some(Basis::Stated)),
            None => {
                let derived = above_rule.and_then(|rule| match rule {
                    AboveSizeRule::Revenue(min) => profile.revenue_wan().map(|r| r >= min),
                    AboveSizeRule::Always => Some(true),
                    AboveSizeRule::MustBeStated => None,
                });
                (derived, derived.map(|_| Basis::Derived))
            }
        };
        EnterpriseFacts {
            size,
            large,
            size_basis,
            above,
            above_basis,
        }
    }

    /// The size class, when known.
    ///
    /// ```
    /// use talent_matrix::{EnterpriseSize, Industry, Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).industry(Industry::Other).employees(9).build()?;
    /// assert_eq!(Policy::default().enterprise_facts(&p).size(), Some(EnterpriseSize::Micro));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn size(&self) -> Option<EnterpriseSize> {
        self.size
    }

    /// Whether the enterprise is large: known as soon as the large class fails, even when the size is not.
    ///
    /// ```
    /// use talent_matrix::{Industry, Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).industry(Industry::Retail).employees(40).build()?;
    /// assert_eq!(Policy::default().enterprise_facts(&p).is_large(), Some(false));
    /// assert_eq!(Policy::default().enterprise_facts(&p).size(), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn is_large(&self) -> Option<bool> {
        self.large
    }

    /// Whether the size (or at least "not large") is stated or derived; `None` when nothing is known.
    ///
    /// ```
    /// use talent_matrix::enterprise::Basis;
    /// use talent_matrix::{EnterpriseSize, Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).enterprise_size(EnterpriseSize::Large).build()?;
    /// assert_eq!(Policy::default().enterprise_facts(&p).size_basis(), Some(Basis::Stated));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn size_basis(&self) -> Option<Basis> {
        self.size_basis
    }

    /// Whether the enterprise is above designated size (规模以上), when known.
    ///
    /// ```
    /// use talent_matrix::{Industry, Policy, Post, Profile, Wan};
    /// let p = Profile::builder("1", Post::Enterprise)
    ///     .industry(Industry::Retail)
    ///     .revenue_wan(Wan::from_wan(499))
    ///     .build()?;
    /// assert_eq!(Policy::default().enterprise_facts(&p).above_designated_size(), Some(false));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn above_designated_size(&self) -> Option<bool> {
        self.above
    }

    /// Whether the above-designated-size status is stated or derived; `None` when unknown.
    ///
    /// ```
    /// use talent_matrix::enterprise::Basis;
    /// use talent_matrix::{Industry, Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).industry(Industry::RealEstateDevelopment).build()?;
    /// assert_eq!(Policy::default().enterprise_facts(&p).above_basis(), Some(Basis::Derived));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn above_basis(&self) -> Option<Basis> {
        self.above_basis
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_valued_and() {
        assert_eq!(all3([]), Some(true));
        assert_eq!(all3([Some(true), None]), None);
        assert_eq!(all3([None, Some(false)]), Some(false));
        assert_eq!(all3([Some(true), Some(true)]), Some(true));
    }
}
