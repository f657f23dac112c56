//! Enterprise size and above-designated-size: the two derived facts of DOMAIN.md §5, as const data.
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
//! use talent_matrix::enterprise::{Basis, EnterpriseFacts};
//! use talent_matrix::{EnterpriseSize, Industry, Post, Profile, Wan};
//!
//! let p = Profile::builder("E-1", Post::Enterprise)
//!     .industry(Industry::Industry)
//!     .employees(350)
//!     .revenue_wan(Wan::from_wan(2500))
//!     .build()?;
//! let facts = EnterpriseFacts::of(&p);
//! assert_eq!(facts.size(), Some(EnterpriseSize::Medium));
//! assert_eq!(facts.above_designated_size(), Some(true));
//! assert_eq!(facts.size_basis(), Some(Basis::Derived));
//! # Ok::<(), talent_matrix::ProfileError>(())
//! ```

use core::fmt;

use crate::codes::{EnterpriseSize, Industry};
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

/// The bounds of one industry row of the 2011 standard: large, medium and small, each met only when all its
/// bounds are met (NBS wording: "must meet both bounds, else the class drops").
///
/// ```
/// use talent_matrix::enterprise::size_row;
/// use talent_matrix::Industry;
///
/// let row = size_row(Industry::Retail).expect("retail has a row");
/// assert_eq!(row.large().iter().map(|b| b.to_string()).collect::<Vec<_>>(), ["X≥300", "Y≥20000"]);
/// assert!(size_row(Industry::Finance).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeRow {
    industry: Industry,
    large: &'static [Bound],
    medium: &'static [Bound],
    small: &'static [Bound],
}

impl SizeRow {
    /// The industry of the row.
    ///
    /// ```
    /// use talent_matrix::{enterprise::size_row, Industry};
    /// assert_eq!(size_row(Industry::Other).map(|r| r.industry()), Some(Industry::Other));
    /// ```
    pub const fn industry(&self) -> Industry {
        self.industry
    }

    /// The bounds of the large class (the SME ceilings of the standard).
    ///
    /// ```
    /// use talent_matrix::{enterprise::size_row, Industry};
    /// assert_eq!(size_row(Industry::Other).map(|r| r.large().len()), Some(1));
    /// ```
    pub const fn large(&self) -> &'static [Bound] {
        self.large
    }

    /// The bounds of the medium class.
    ///
    /// ```
    /// use talent_matrix::{enterprise::size_row, Industry};
    /// assert_eq!(size_row(Industry::Industry).map(|r| r.medium().len()), Some(2));
    /// ```
    pub const fn medium(&self) -> &'static [Bound] {
        self.medium
    }

    /// The bounds of the small class.
    ///
    /// ```
    /// use talent_matrix::{enterprise::size_row, Industry};
    /// assert_eq!(size_row(Industry::Agriculture).map(|r| r.small().len()), Some(1));
    /// ```
    pub const fn small(&self) -> &'static [Bound] {
        self.small
    }

    /// The bounds of a class; micro has none of its own (it is what is left when small fails).
    ///
    /// ```
    /// use talent_matrix::{enterprise::size_row, EnterpriseSize, Industry};
    /// let row = size_row(Industry::Wholesale).expect("wholesale has a row");
    /// assert_eq!(row.bounds(EnterpriseSize::Small), row.small());
    /// assert!(row.bounds(EnterpriseSize::Micro).is_empty());
    /// ```
    pub const fn bounds(&self, class: EnterpriseSize) -> &'static [Bound] {
        match class {
            EnterpriseSize::Large => self.large,
            EnterpriseSize::Medium => self.medium,
            EnterpriseSize::Small => self.small,
            EnterpriseSize::Micro => &[],
        }
    }
}

const fn x(n: u64) -> Bound {
    Bound::employees(n)
}
const fn y(wan: u64) -> Bound {
    Bound::wan(Indicator::Revenue, wan)
}
const fn z(wan: u64) -> Bound {
    Bound::wan(Indicator::Assets, wan)
}
const fn row(
    industry: Industry,
    large: &'static [Bound],
    medium: &'static [Bound],
    small: &'static [Bound],
) -> SizeRow {
    SizeRow {
        industry,
        large,
        medium,
        small,
    }
}

/// The size standard: 中小企业划型标准规定 (工信部联企业〔2011〕300号, 第四条), as DOMAIN.md §5 tabulates it.
///
/// Large's bounds are the SME ceilings of the standard ("SME if X or Y is below"). 金融业 is not in this
/// standard (it has its own), so [`Industry::Finance`] has no row and its size must be stated.
///
/// ```
/// use talent_matrix::enterprise::SME_STANDARD_2011;
/// assert_eq!(SME_STANDARD_2011.len(), 16);
/// ```
pub const SME_STANDARD_2011: &[SizeRow] = &[
    row(Industry::Agriculture, &[y(20000)], &[y(500)], &[y(50)]),
    row(
        Industry::Industry,
        &[x(1000), y(40000)],
        &[x(300), y(2000)],
        &[x(20), y(300)],
    ),
    row(
        Industry::Construction,
        &[y(80000), z(80000)],
        &[y(6000), z(5000)],
        &[y(300), z(300)],
    ),
    row(
        Industry::Wholesale,
        &[x(200), y(40000)],
        &[x(20), y(5000)],
        &[x(5), y(1000)],
    ),
    row(
        Industry::Retail,
        &[x(300), y(20000)],
        &[x(50), y(500)],
        &[x(10), y(100)],
    ),
    row(
        Industry::Transport,
        &[x(1000), y(30000)],
        &[x(300), y(3000)],
        &[x(20), y(200)],
    ),
    row(
        Industry::Warehousing,
        &[x(200), y(30000)],
        &[x(100), y(1000)],
        &[x(20), y(100)],
    ),
    row(
        Industry::Postal,
        &[x(1000), y(30000)],
        &[x(300), y(2000)],
        &[x(20), y(100)],
    ),
    row(
        Industry::Accommodation,
        &[x(300), y(10000)],
        &[x(100), y(2000)],
        &[x(10), y(100)],
    ),
    row(
        Industry::Catering,
        &[x(300), y(10000)],
        &[x(100), y(2000)],
        &[x(10), y(100)],
    ),
    row(
        Industry::InformationTransmission,
        &[x(2000), y(100000)],
        &[x(100), y(1000)],
        &[x(10), y(100)],
    ),
    row(
        Industry::SoftwareIt,
        &[x(300), y(10000)],
        &[x(100), y(1000)],
        &[x(10), y(50)],
    ),
    row(
        Industry::RealEstateDevelopment,
        &[y(200000), z(10000)],
        &[y(1000), z(5000)],
        &[y(100), z(2000)],
    ),
    row(
        Industry::PropertyManagement,
        &[x(1000), y(5000)],
        &[x(300), y(1000)],
        &[x(100), y(500)],
    ),
    row(
        Industry::LeasingBusinessServices,
        &[x(300), z(120000)],
        &[x(100), z(8000)],
        &[x(10), z(100)],
    ),
    row(Industry::Other, &[x(300)], &[x(100)], &[x(10)]),
];

/// The row of the size standard for an industry; `None` for [`Industry::Finance`].
///
/// ```
/// use talent_matrix::{enterprise::size_row, Industry};
/// assert!(size_row(Industry::Catering).is_some());
/// ```
pub fn size_row(industry: Industry) -> Option<&'static SizeRow> {
    SME_STANDARD_2011.iter().find(|r| r.industry == industry)
}

/// How an industry's above-designated-size status is decided.
///
/// ```
/// use talent_matrix::enterprise::{above_size_rule, AboveSizeRule};
/// use talent_matrix::{Industry, Wan};
/// assert_eq!(above_size_rule(Industry::Retail), AboveSizeRule::Revenue(Wan::from_wan(500)));
/// assert_eq!(above_size_rule(Industry::RealEstateDevelopment), AboveSizeRule::Always);
/// assert_eq!(above_size_rule(Industry::Construction), AboveSizeRule::MustBeStated);
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

/// The NBS above-designated-size thresholds (规模以上 / 限额以上) on revenue, as DOMAIN.md §5 tabulates them.
///
/// \[national\] The NBS uses 主营业务收入 for industry, taken here as revenue. Property management and leasing and
/// business services use the current services threshold (revenue 1000 万元 only, since a 2019 revision; before
/// it, most services counted at 1000 万元 revenue or 50 employees). Agriculture, construction (which depends on
/// 资质), finance and other industries must be stated.
///
/// ```
/// use talent_matrix::enterprise::ABOVE_DESIGNATED_SIZE;
/// assert_eq!(ABOVE_DESIGNATED_SIZE.len(), talent_matrix::Industry::ALL.len());
/// ```
pub const ABOVE_DESIGNATED_SIZE: &[(Industry, AboveSizeRule)] = &[
    (Industry::Agriculture, AboveSizeRule::MustBeStated),
    (
        Industry::Industry,
        AboveSizeRule::Revenue(Wan::from_wan(2000)),
    ),
    (Industry::Construction, AboveSizeRule::MustBeStated),
    (
        Industry::Wholesale,
        AboveSizeRule::Revenue(Wan::from_wan(2000)),
    ),
    (Industry::Retail, AboveSizeRule::Revenue(Wan::from_wan(500))),
    (
        Industry::Transport,
        AboveSizeRule::Revenue(Wan::from_wan(2000)),
    ),
    (
        Industry::Warehousing,
        AboveSizeRule::Revenue(Wan::from_wan(2000)),
    ),
    (
        Industry::Postal,
        AboveSizeRule::Revenue(Wan::from_wan(2000)),
    ),
    (
        Industry::Accommodation,
        AboveSizeRule::Revenue(Wan::from_wan(200)),
    ),
    (
        Industry::Catering,
        AboveSizeRule::Revenue(Wan::from_wan(200)),
    ),
    (
        Industry::InformationTransmission,
        AboveSizeRule::Revenue(Wan::from_wan(2000)),
    ),
    (
        Industry::SoftwareIt,
        AboveSizeRule::Revenue(Wan::from_wan(2000)),
    ),
    (Industry::RealEstateDevelopment, AboveSizeRule::Always),
    (
        Industry::PropertyManagement,
        AboveSizeRule::Revenue(Wan::from_wan(1000)),
    ),
    (
        Industry::LeasingBusinessServices,
        AboveSizeRule::Revenue(Wan::from_wan(1000)),
    ),
    (Industry::Finance, AboveSizeRule::MustBeStated),
    (Industry::Other, AboveSizeRule::MustBeStated),
];

/// The above-designated-size rule of an industry.
///
/// ```
/// use talent_matrix::enterprise::{above_size_rule, AboveSizeRule};
/// use talent_matrix::{Industry, Wan};
/// assert_eq!(above_size_rule(Industry::SoftwareIt), AboveSizeRule::Revenue(Wan::from_wan(2000)));
/// ```
pub fn above_size_rule(industry: Industry) -> AboveSizeRule {
    ABOVE_DESIGNATED_SIZE
        .iter()
        .find(|(i, _)| *i == industry)
        .map_or(AboveSizeRule::MustBeStated, |&(_, rule)| rule)
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

/// Whether a class of a row holds for a profile's numbers (three-valued).
///
/// ```
/// use talent_matrix::enterprise::{class_holds, size_row};
/// use talent_matrix::{EnterpriseSize, Industry, Post, Profile};
/// let p = Profile::builder("1", Post::Enterprise).employees(150).build()?;
/// let row = size_row(Industry::Other).expect("row");
/// assert_eq!(class_holds(row, EnterpriseSize::Medium, &p), Some(true));
/// assert_eq!(class_holds(row, EnterpriseSize::Large, &p), Some(false));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
pub fn class_holds(row: &SizeRow, class: EnterpriseSize, profile: &Profile) -> Option<bool> {
    all3(row.bounds(class).iter().map(|b| b.holds(profile)))
}

/// The size derived from a row and a profile's numbers, and whether "not large" is known.
///
/// ```
/// use talent_matrix::enterprise::{derive_size, size_row};
/// use talent_matrix::{EnterpriseSize, Industry, Post, Profile};
///
/// let row = size_row(Industry::Industry).expect("row");
/// // 50 employees: not large, but medium or small depends on revenue, which is absent.
/// let p = Profile::builder("1", Post::Enterprise).employees(50).build()?;
/// assert_eq!(derive_size(row, &p), (None, Some(false)));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
pub fn derive_size(row: &SizeRow, profile: &Profile) -> (Option<EnterpriseSize>, Option<bool>) {
    derive_classes([row.large(), row.medium(), row.small()], profile)
}

/// [`derive_size`] over the bounds of the large, medium and small classes, wherever they come from.
pub(crate) fn derive_classes(
    [large, medium, small]: [&[Bound]; 3],
    profile: &Profile,
) -> (Option<EnterpriseSize>, Option<bool>) {
    let holds = |bounds: &[Bound]| all3(bounds.iter().map(|b| b.holds(profile)));
    let is_large = holds(large);
    let mut above_all_fail = true;
    for (class, bounds) in [
        (EnterpriseSize::Large, large),
        (EnterpriseSize::Medium, medium),
        (EnterpriseSize::Small, small),
    ] {
        match holds(bounds) {
            Some(true) if above_all_fail => return (Some(class), is_large),
            Some(false) => {}
            _ => above_all_fail = false,
        }
    }
    let size = above_all_fail.then_some(EnterpriseSize::Micro);
    (size, is_large)
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
/// use talent_matrix::enterprise::{Basis, EnterpriseFacts};
/// use talent_matrix::{EnterpriseSize, Industry, Post, Profile};
///
/// // A stated size wins and is never cross-checked against the numbers.
/// let p = Profile::builder("1", Post::Enterprise)
///     .industry(Industry::Other)
///     .employees(5000)
///     .enterprise_size(EnterpriseSize::Small)
///     .build()?;
/// let f = EnterpriseFacts::of(&p);
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
    /// The facts of a profile: stated values win; otherwise derived from `industry` and the numbers.
    ///
    /// ```
    /// use talent_matrix::enterprise::EnterpriseFacts;
    /// use talent_matrix::{Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).employees(10).build()?;
    /// // Without an industry neither fact is derivable.
    /// assert_eq!(EnterpriseFacts::of(&p).size(), None);
    /// assert_eq!(EnterpriseFacts::of(&p).is_large(), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn of(profile: &Profile) -> EnterpriseFacts {
        let industry = profile.industry();
        let row = industry
            .and_then(size_row)
            .map(|r| [r.large(), r.medium(), r.small()]);
        EnterpriseFacts::with_rules(profile, row, industry.map(above_size_rule))
    }

    /// The facts of a profile under given rules for its industry: the bounds of its size classes (large,
    /// medium, small; `None`: not derivable) and its above-designated-size rule (`None`: no industry).
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
    /// use talent_matrix::enterprise::EnterpriseFacts;
    /// use talent_matrix::{EnterpriseSize, Industry, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).industry(Industry::Other).employees(9).build()?;
    /// assert_eq!(EnterpriseFacts::of(&p).size(), Some(EnterpriseSize::Micro));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn size(&self) -> Option<EnterpriseSize> {
        self.size
    }

    /// Whether the enterprise is large: known as soon as the large class fails, even when the size is not.
    ///
    /// ```
    /// use talent_matrix::enterprise::EnterpriseFacts;
    /// use talent_matrix::{Industry, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).industry(Industry::Retail).employees(40).build()?;
    /// assert_eq!(EnterpriseFacts::of(&p).is_large(), Some(false));
    /// assert_eq!(EnterpriseFacts::of(&p).size(), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn is_large(&self) -> Option<bool> {
        self.large
    }

    /// Whether the size (or at least "not large") is stated or derived; `None` when nothing is known.
    ///
    /// ```
    /// use talent_matrix::enterprise::{Basis, EnterpriseFacts};
    /// use talent_matrix::{EnterpriseSize, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).enterprise_size(EnterpriseSize::Large).build()?;
    /// assert_eq!(EnterpriseFacts::of(&p).size_basis(), Some(Basis::Stated));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn size_basis(&self) -> Option<Basis> {
        self.size_basis
    }

    /// Whether the enterprise is above designated size (规模以上), when known.
    ///
    /// ```
    /// use talent_matrix::enterprise::EnterpriseFacts;
    /// use talent_matrix::{Industry, Post, Profile, Wan};
    /// let p = Profile::builder("1", Post::Enterprise)
    ///     .industry(Industry::Retail)
    ///     .revenue_wan(Wan::from_wan(499))
    ///     .build()?;
    /// assert_eq!(EnterpriseFacts::of(&p).above_designated_size(), Some(false));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub const fn above_designated_size(&self) -> Option<bool> {
        self.above
    }

    /// Whether the above-designated-size status is stated or derived; `None` when unknown.
    ///
    /// ```
    /// use talent_matrix::enterprise::{Basis, EnterpriseFacts};
    /// use talent_matrix::{Industry, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).industry(Industry::RealEstateDevelopment).build()?;
    /// assert_eq!(EnterpriseFacts::of(&p).above_basis(), Some(Basis::Derived));
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
    fn every_industry_but_finance_has_one_size_row() {
        for &i in Industry::ALL {
            let rows = SME_STANDARD_2011.iter().filter(|r| r.industry == i).count();
            assert_eq!(rows, usize::from(i != Industry::Finance), "{i:#}");
        }
    }

    #[test]
    fn every_industry_has_one_above_size_rule() {
        for &i in Industry::ALL {
            assert_eq!(
                ABOVE_DESIGNATED_SIZE
                    .iter()
                    .filter(|(j, _)| *j == i)
                    .count(),
                1,
                "{i:#}"
            );
        }
    }

    #[test]
    fn bounds_rise_from_small_to_large_on_every_indicator() {
        // What makes size derivation monotone (DOMAIN.md §7, invariant 9).
        for r in SME_STANDARD_2011 {
            for pair in [(r.small, r.medium), (r.medium, r.large)] {
                for lower in pair.0 {
                    let upper = pair.1.iter().find(|b| b.indicator == lower.indicator);
                    assert!(
                        upper.is_some_and(|u| u.min > lower.min),
                        "{:#} {lower}",
                        r.industry
                    );
                }
                assert_eq!(pair.0.len(), pair.1.len());
            }
        }
    }

    #[test]
    fn three_valued_and() {
        assert_eq!(all3([]), Some(true));
        assert_eq!(all3([Some(true), None]), None);
        assert_eq!(all3([None, Some(false)]), Some(false));
        assert_eq!(all3([Some(true), Some(true)]), Some(true));
    }
}
