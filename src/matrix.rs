//! [`Matrix`]: the two-way matrix of a roster — streams and specialties down, tiers across — with the
//! workload of each department, the entitlements and services granted, and the records with missing facts.
//!
//! A matrix is built one classification at a time ([`Matrix::add`]) and partial matrices merge
//! ([`Matrix::merge`]), so a roster can be split across threads. Every talent is counted once, in the cell of
//! its primary stream, specialty and tier (DOMAIN.md §4.2, §7 invariant 6).
//!
//! ```
//! use talent_matrix::{classify, Matrix, MatrixRow, Post, Profile, Stream};
//!
//! let people = [
//!     Profile::builder("1", Post::Community).build()?,
//!     Profile::builder("2", Post::SocialWork).build()?,
//!     Profile::builder("3", Post::Other).build()?,
//! ];
//! let matrix: Matrix = people.iter().map(classify).collect();
//! assert_eq!(matrix.total(), 3);
//! assert_eq!(matrix.talents(), 2);
//! assert_eq!(matrix.row_total(MatrixRow::Stream(Stream::SocialWork)), 2);
//! # Ok::<(), talent_matrix::ProfileError>(())
//! ```

use std::collections::BTreeMap;

mod by_unit;
pub use by_unit::{ByUnit, all_units_label, unit_label};

use crate::classify::Classification;
use crate::codes::{
    Department, Entitlement, MissingFact, Open, Service, Specialty, Stream, Tier, per_code,
    per_code_mut,
};
use crate::lang::Lang;
use crate::policy::{Amount, Per};

/// Specialty slots per stream: 0 for none, 1 + index for each specialty.
const SPECIALTY_SLOTS: usize = 1 + Specialty::ALL.len();
/// Tier slots: 0 for no tier, 1 + index for each tier.
const TIER_SLOTS: usize = 1 + Tier::ALL.len();

/// A row of the matrix as it is shown: a stream (all its talents, with or without specialty) or a specialty
/// (a subset of its parent stream's row).
///
/// ```
/// use talent_matrix::{MatrixRow, Specialty, Stream};
/// let rows: Vec<MatrixRow> = MatrixRow::all().collect();
/// assert_eq!(rows[1], MatrixRow::Stream(Stream::EnterpriseManagement));
/// assert_eq!(rows[2], MatrixRow::Specialty(Specialty::FinanceCommerce));
/// assert_eq!(rows.len(), 8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatrixRow {
    /// Every talent of a stream.
    Stream(Stream),
    /// The talents of a specialty (also counted in its parent stream's row).
    Specialty(Specialty),
}

impl MatrixRow {
    /// Every row in display order: each stream in canonical order, followed by its specialties.
    ///
    /// ```
    /// use talent_matrix::MatrixRow;
    /// assert_eq!(MatrixRow::all().count(), 6 + 2);
    /// ```
    pub fn all() -> impl Iterator<Item = MatrixRow> {
        Stream::ALL.iter().flat_map(|&s| {
            core::iter::once(MatrixRow::Stream(s)).chain(
                Specialty::ALL
                    .iter()
                    .filter(move |sp| sp.parent() == s)
                    .map(|&sp| MatrixRow::Specialty(sp)),
            )
        })
    }

    /// The row's label in a language.
    ///
    /// ```
    /// use talent_matrix::{Lang, MatrixRow, Specialty};
    /// assert_eq!(MatrixRow::Specialty(Specialty::CommunityWorker).label(Lang::ZhHans), "社区专职工作者");
    /// ```
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MatrixRow::Stream(s) => s.label(lang),
            MatrixRow::Specialty(s) => s.label(lang),
        }
    }

    /// The row's code: the stream code, or `stream/specialty` for a specialty.
    ///
    /// ```
    /// use talent_matrix::{MatrixRow, Specialty};
    /// assert_eq!(MatrixRow::Specialty(Specialty::FinanceCommerce).code(), "enterprise_management/finance_commerce");
    /// ```
    pub fn code(self) -> String {
        match self {
            MatrixRow::Stream(s) => s.code().to_owned(),
            MatrixRow::Specialty(s) => format!("{}/{}", s.parent().code(), s.code()),
        }
    }
}

/// The tier columns in display order, highest first, then "no tier".
///
/// ```
/// use talent_matrix::{matrix::TIER_COLUMNS, Tier};
/// assert_eq!(TIER_COLUMNS, [Some(Tier::Leader), Some(Tier::HighEnd), Some(Tier::Elite), None]);
/// ```
pub const TIER_COLUMNS: [Option<Tier>; TIER_SLOTS] = [
    Some(Tier::Leader),
    Some(Tier::HighEnd),
    Some(Tier::Elite),
    None,
];

/// The two-way matrix of a roster. See the [module docs](self).
///
/// With the `serde` feature it serializes as a JSON object: `total`, `talents`, `not_talent`, `cells` (one per
/// stream × specialty-or-none × tier-or-none, disjoint, summing to `talents`), `departments` (lead and
/// managed-by counts), `entitlements`, `services` and `missing_facts` (the ids of the records, by fact).
///
/// ```
/// use talent_matrix::{classify, Matrix, MissingFact, Post, Profile};
///
/// let mut left = Matrix::new();
/// left.add(&classify(&Profile::builder("a", Post::SkilledTrade).build()?));
/// let mut right = Matrix::new();
/// right.add(&classify(&Profile::builder("b", Post::Rural).build()?));
/// left.merge(right);
/// assert_eq!(left.total(), 2);
/// assert_eq!(left.not_talent(), 2);
/// assert_eq!(left.missing(MissingFact::SkillLevel).iter().collect::<Vec<_>>(), ["a"]);
/// assert_eq!(left.missing(MissingFact::RuralRole).iter().collect::<Vec<_>>(), ["b"]);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// The cells of built-in specialties and tiers, by stream, specialty slot and tier slot.
    cells: [[[u64; TIER_SLOTS]; SPECIALTY_SLOTS]; Stream::ALL.len()],
    /// The cells with a specialty or tier a policy defines (DOMAIN.md §9.1).
    defined_cells: BTreeMap<(Stream, Option<Specialty>, Option<Tier>), u64>,
    not_talent: u64,
    /// The counts of each open list, by the value's [`Coded::index`] (a defined value's comes after the
    /// built-in ones).
    lead: Vec<u64>,
    managed_by: Vec<u64>,
    entitlements: Vec<u64>,
    /// What each entitlement is worth, as the policy of the classifications counted says (DOMAIN.md §9.1).
    amounts: Vec<Option<Amount>>,
    services: Vec<u64>,
    /// The tier order and the values defined by the policies of the classifications counted, in the order
    /// they give them (`None` until a classification is counted: the built-in order).
    order: Option<Box<Order>>,
    missing: [Ids; MissingFact::ALL.len()],
    /// The ids of the records missing each of a policy's indicators (DOMAIN.md §9.3), with the indicator's
    /// labels, in the order first met; empty under a policy without indicators.
    missing_indicators: Vec<(String, crate::lang::LabelsDoc, Ids)>,
}

/// Record ids, in the order they were added: one string of all of them and a length per id, about 12 bytes
/// an id where a `Vec<String>` takes about 50 (what keeps a matrix of ten million people small).
///
/// ```
/// use talent_matrix::{classify, Matrix, MissingFact, Post, Profile};
/// let mut m = Matrix::new();
/// m.add(&classify(&Profile::builder("R-1", Post::Rural).build()?));
/// m.add(&classify(&Profile::builder("R-2", Post::Rural).build()?));
/// let ids = m.missing(MissingFact::RuralRole);
/// assert_eq!(ids.len(), 2);
/// assert_eq!(ids.iter().collect::<Vec<_>>(), ["R-1", "R-2"]);
/// assert!(ids.contains("R-2"));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Ids {
    text: String,
    /// The byte length of each id (a profile's id has at most 64 characters, so at most 256 bytes).
    lens: Vec<u16>,
}

impl Ids {
    /// How many ids.
    ///
    /// ```
    /// assert_eq!(talent_matrix::matrix::Ids::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// assert!(talent_matrix::matrix::Ids::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// The ids, in the order they were added.
    ///
    /// ```
    /// assert_eq!(talent_matrix::matrix::Ids::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> IdsIter<'_> {
        IdsIter {
            text: &self.text,
            lens: self.lens.iter(),
        }
    }

    /// Whether `id` is among them (a scan: the list keeps the order of the roster, not an index).
    ///
    /// ```
    /// assert!(!talent_matrix::matrix::Ids::default().contains("x"));
    /// ```
    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|i| i == id)
    }

    fn push(&mut self, id: &str) {
        // Ids longer than `u16::MAX` bytes cannot come from a profile; they would be cut to that length at a
        // character boundary rather than lost.
        let start = self.text.len();
        match u16::try_from(id.len()) {
            Ok(len) => {
                self.text.push_str(id);
                self.lens.push(len);
            }
            Err(_) => {
                for c in id.chars() {
                    if self.text.len() - start + c.len_utf8() > usize::from(u16::MAX) {
                        break;
                    }
                    self.text.push(c);
                }
                let len = self.text.len() - start;
                self.lens.push(u16::try_from(len).unwrap_or(u16::MAX));
            }
        }
    }

    fn append(&mut self, other: Ids) {
        self.text.push_str(&other.text);
        self.lens.extend(other.lens);
    }
}

impl<'a> IntoIterator for &'a Ids {
    type Item = &'a str;
    type IntoIter = IdsIter<'a>;

    fn into_iter(self) -> IdsIter<'a> {
        self.iter()
    }
}

/// The iterator of [`Ids::iter`].
#[derive(Debug, Clone)]
pub struct IdsIter<'a> {
    text: &'a str,
    lens: core::slice::Iter<'a, u16>,
}

impl<'a> Iterator for IdsIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = usize::from(*self.lens.next()?);
        let (id, rest) = self.text.split_at_checked(len)?;
        self.text = rest;
        Some(id)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.lens.size_hint()
    }
}

impl ExactSizeIterator for IdsIter<'_> {}
impl core::iter::FusedIterator for IdsIter<'_> {}

#[cfg(feature = "serde")]
impl serde::Serialize for Ids {
    /// An array of strings.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The order of a matrix's rows and columns: the tier order of the first policy counted, its entitlements, and
/// the values the policies counted define (DOMAIN.md §9.1), each list in the order its policy gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Order {
    tiers: Vec<Tier>,
    specialties: Vec<Specialty>,
    departments: Vec<Department>,
    entitlements: Vec<Entitlement>,
    services: Vec<Service>,
}

impl Order {
    fn of(policy: &crate::policy::Policy) -> Order {
        let v = &policy.compiled().vocab;
        Order {
            tiers: v.tier_order.clone(),
            specialties: v.specialties.clone(),
            departments: v.departments.clone(),
            entitlements: policy.compiled().entitlement_list.clone(),
            services: v.services.clone(),
        }
    }

    /// Adds what another order has and this one lacks, after this one's.
    fn merge(&mut self, other: &Order) {
        fn union<T: PartialEq + Copy>(a: &mut Vec<T>, b: &[T]) {
            for v in b {
                if !a.contains(v) {
                    a.push(*v);
                }
            }
        }
        union(&mut self.tiers, &other.tiers);
        union(&mut self.specialties, &other.specialties);
        union(&mut self.departments, &other.departments);
        union(&mut self.entitlements, &other.entitlements);
        union(&mut self.services, &other.services);
    }
}

/// Adds one to the count of a value of an open list.
fn bump<T: Open>(counts: &mut Vec<u64>, v: T) {
    let i = v.index();
    if counts.len() <= i {
        counts.resize(i + 1, 0);
    }
    if let Some(n) = counts.get_mut(i) {
        *n += 1;
    }
}

/// The count of a value of an open list.
fn count_of<T: Open>(counts: &[u64], v: T) -> u64 {
    counts.get(v.index()).copied().unwrap_or(0)
}

/// Adds counts by index.
fn add_counts(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// The built-in values of a list, then the defined ones.
fn with_defined<T: Open>(defined: Option<&Vec<T>>) -> Vec<T> {
    T::ALL
        .iter()
        .chain(defined.into_iter().flatten())
        .copied()
        .collect()
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix::new()
    }
}

impl Matrix {
    /// An empty matrix.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Matrix::new().total(), 0);
    /// ```
    pub fn new() -> Matrix {
        Matrix {
            cells: [[[0; TIER_SLOTS]; SPECIALTY_SLOTS]; Stream::ALL.len()],
            defined_cells: BTreeMap::new(),
            not_talent: 0,
            lead: vec![0; Department::ALL.len()],
            managed_by: vec![0; Department::ALL.len()],
            entitlements: vec![0; Entitlement::ALL.len()],
            amounts: vec![None; Entitlement::ALL.len()],
            services: vec![0; Service::ALL.len()],
            order: None,
            missing: Default::default(),
            missing_indicators: Vec::new(),
        }
    }

    /// Counts one classification.
    ///
    /// ```
    /// use talent_matrix::{classify, Department, Matrix, Post, Profile};
    /// let mut m = Matrix::new();
    /// m.add(&classify(&Profile::builder("1", Post::PartyGovernment).build()?));
    /// assert_eq!(m.lead_count(Department::OrganizationDepartment), 1);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn add(&mut self, c: &Classification<'_>) {
        if self.order.is_none() {
            self.order = Some(Box::new(Order::of(c.policy())));
        }
        match c.stream() {
            None => self.not_talent += 1,
            Some(s) => {
                let (specialty, tier) = (c.specialty(), c.tier());
                match self.cell_mut(s, specialty, tier) {
                    Some(n) => *n += 1,
                    None => {
                        self.note_defined(c);
                        *self.defined_cells.entry((s, specialty, tier)).or_insert(0) += 1;
                    }
                }
            }
        }
        if let Some(d) = c.lead() {
            bump(&mut self.lead, d);
        }
        for d in c.managed_by() {
            bump(&mut self.managed_by, d);
        }
        for e in c.entitlements() {
            bump(&mut self.entitlements, e);
            let i = e.index();
            if self.amounts.len() <= i {
                self.amounts.resize(i + 1, None);
            }
            if let Some(a) = self.amounts.get_mut(i) {
                *a = c.policy().entitlement_amount(e);
            }
        }
        for s in c.services() {
            bump(&mut self.services, s);
        }
        for m in c.missing_facts() {
            per_code_mut(&mut self.missing, m).push(c.id());
        }
        if c.policy().field_codes().next().is_some() {
            self.add_missing_indicators(c);
        }
    }

    /// The cell of built-in values, if the specialty and tier are built-in.
    fn cell_mut(
        &mut self,
        stream: Stream,
        specialty: Option<Specialty>,
        tier: Option<Tier>,
    ) -> Option<&mut u64> {
        let sp = match specialty {
            None => 0,
            Some(sp) if sp.defined().is_none() => 1 + sp.index(),
            Some(_) => return None,
        };
        let t = match tier {
            None => 0,
            Some(t) if t.defined().is_none() => 1 + t.index(),
            Some(_) => return None,
        };
        per_code_mut(&mut self.cells, stream)
            .get_mut(sp)?
            .get_mut(t)
    }

    /// Makes sure the rows and columns show a defined specialty or tier of a classification whose policy was
    /// not the first counted.
    fn note_defined(&mut self, c: &Classification<'_>) {
        let order = self.order.get_or_insert_with(Box::default);
        if c.specialty()
            .is_some_and(|s| !order.specialties.contains(&s))
            || c.tier().is_some_and(|t| !order.tiers.contains(&t))
        {
            order.merge(&Order::of(c.policy()));
        }
    }

    /// Counts the indicators a classification under a policy with indicators misses.
    fn add_missing_indicators(&mut self, c: &Classification<'_>) {
        for code in c.missing_indicators() {
            let at = match self.missing_indicators.iter().position(|(k, ..)| k == code) {
                Some(at) => at,
                None => {
                    let labels = c.policy().field_labels(code).cloned().unwrap_or_default();
                    self.missing_indicators
                        .push((code.to_owned(), labels, Ids::default()));
                    self.missing_indicators.len() - 1
                }
            };
            if let Some((_, _, ids)) = self.missing_indicators.get_mut(at) {
                ids.push(c.id());
            }
        }
    }

    /// Adds another matrix's counts to this one (the other's missing-fact ids come after this one's).
    ///
    /// ```
    /// use talent_matrix::{classify, Matrix, Post, Profile};
    /// let p = Profile::builder("1", Post::Community).build()?;
    /// let mut a: Matrix = [classify(&p)].iter().collect();
    /// let b = a.clone();
    /// a.merge(b);
    /// assert_eq!(a.talents(), 2);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn merge(&mut self, other: Matrix) {
        for (a, b) in self
            .cells
            .iter_mut()
            .flatten()
            .flatten()
            .zip(other.cells.iter().flatten().flatten())
        {
            *a += b;
        }
        for (k, n) in other.defined_cells {
            *self.defined_cells.entry(k).or_insert(0) += n;
        }
        self.not_talent += other.not_talent;
        add_counts(&mut self.lead, &other.lead);
        add_counts(&mut self.managed_by, &other.managed_by);
        add_counts(&mut self.entitlements, &other.entitlements);
        add_counts(&mut self.services, &other.services);
        if self.amounts.len() < other.amounts.len() {
            self.amounts.resize(other.amounts.len(), None);
        }
        for (a, b) in self.amounts.iter_mut().zip(other.amounts) {
            *a = a.or(b);
        }
        match (&mut self.order, other.order) {
            (Some(mine), Some(theirs)) => mine.merge(&theirs),
            (mine @ None, theirs) => *mine = theirs,
            (Some(_), None) => {}
        }
        for (a, b) in self.missing.iter_mut().zip(other.missing) {
            a.append(b);
        }
        for (code, labels, ids) in other.missing_indicators {
            match self
                .missing_indicators
                .iter_mut()
                .find(|(k, ..)| *k == code)
            {
                Some((_, _, mine)) => mine.append(ids),
                None => self.missing_indicators.push((code, labels, ids)),
            }
        }
    }

    /// Everyone counted: talents and people not counted as talent.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Matrix::new().total(), 0);
    /// ```
    pub fn total(&self) -> u64 {
        self.talents() + self.not_talent
    }

    /// The talents: the sum of every cell.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Matrix::new().talents(), 0);
    /// ```
    pub fn talents(&self) -> u64 {
        self.cells.iter().flatten().flatten().sum::<u64>()
            + self.defined_cells.values().sum::<u64>()
    }

    /// The people with no stream (not counted as talent).
    ///
    /// ```
    /// assert_eq!(talent_matrix::Matrix::new().not_talent(), 0);
    /// ```
    pub fn not_talent(&self) -> u64 {
        self.not_talent
    }

    /// One disjoint cell: the talents of a stream with exactly this specialty (or none) and tier (or none).
    ///
    /// ```
    /// use talent_matrix::{classify, Matrix, Post, Profile, Specialty, Stream};
    /// let m: Matrix = [classify(&Profile::builder("1", Post::Community).build()?)].iter().collect();
    /// assert_eq!(m.cell(Stream::SocialWork, Some(Specialty::CommunityWorker), None), 1);
    /// assert_eq!(m.cell(Stream::SocialWork, None, None), 0);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn cell(&self, stream: Stream, specialty: Option<Specialty>, tier: Option<Tier>) -> u64 {
        let built_in = |v: Option<usize>| v.unwrap_or(0);
        let sp = specialty.map(|s| (s.defined().is_none()).then(|| 1 + s.index()));
        let t = tier.map(|t| (t.defined().is_none()).then(|| 1 + t.index()));
        match (sp, t) {
            (Some(None), _) | (_, Some(None)) => self
                .defined_cells
                .get(&(stream, specialty, tier))
                .copied()
                .unwrap_or(0),
            (sp, t) => per_code(&self.cells, stream)
                .get(built_in(sp.flatten()))
                .and_then(|row| row.get(built_in(t.flatten())))
                .copied()
                .unwrap_or(0),
        }
    }

    /// A shown cell: the talents of a row (a whole stream, or a specialty) in a tier column.
    ///
    /// ```
    /// use talent_matrix::{classify, Matrix, MatrixRow, Post, Profile, Stream};
    /// let m: Matrix = [classify(&Profile::builder("1", Post::Community).build()?)].iter().collect();
    /// assert_eq!(m.row_cell(MatrixRow::Stream(Stream::SocialWork), None), 1);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn row_cell(&self, row: MatrixRow, tier: Option<Tier>) -> u64 {
        match row {
            MatrixRow::Stream(s) => {
                // A defined tier's cells are all kept beside the arrays; a built-in one's (or no tier's) are
                // in the arrays, but for the specialties a policy defines.
                let built_in: u64 = match tier {
                    Some(t) if t.defined().is_some() => 0,
                    _ => core::iter::once(None)
                        .chain(Specialty::ALL.iter().copied().map(Some))
                        .map(|sp| self.cell(s, sp, tier))
                        .sum(),
                };
                let defined: u64 = self
                    .defined_cells
                    .iter()
                    .filter(|((st, _, t), _)| *st == s && *t == tier)
                    .map(|(_, n)| *n)
                    .sum();
                built_in + defined
            }
            MatrixRow::Specialty(sp) => self.cell(sp.parent(), Some(sp), tier),
        }
    }

    /// The rows in display order: each stream in canonical order, followed by its built-in specialties and
    /// then the specialties the policy defines (DOMAIN.md §9.1), in its order.
    ///
    /// ```
    /// use talent_matrix::{Matrix, MatrixRow};
    /// assert_eq!(Matrix::new().rows().collect::<Vec<_>>(), MatrixRow::all().collect::<Vec<_>>());
    /// ```
    pub fn rows(&self) -> impl Iterator<Item = MatrixRow> + '_ {
        let defined = self.order.as_ref().map(|o| &o.specialties);
        Stream::ALL.iter().flat_map(move |&s| {
            core::iter::once(MatrixRow::Stream(s)).chain(
                Specialty::ALL
                    .iter()
                    .chain(defined.into_iter().flatten())
                    .filter(move |sp| sp.parent() == s)
                    .map(|&sp| MatrixRow::Specialty(sp)),
            )
        })
    }

    /// The tier columns in display order: the policy's `tier_order` (highest first, DOMAIN.md §9.1), then "no
    /// tier". Without a `tier_order`, [`TIER_COLUMNS`].
    ///
    /// ```
    /// use talent_matrix::{matrix::TIER_COLUMNS, Matrix};
    /// assert_eq!(Matrix::new().tier_columns(), TIER_COLUMNS);
    /// ```
    pub fn tier_columns(&self) -> Vec<Option<Tier>> {
        match &self.order {
            Some(o) if !o.tiers.is_empty() => {
                o.tiers.iter().copied().map(Some).chain([None]).collect()
            }
            _ => TIER_COLUMNS.to_vec(),
        }
    }

    /// The departments in display order: the built-in ones, then those the policy defines.
    ///
    /// ```
    /// use talent_matrix::{Department, Matrix};
    /// assert_eq!(Matrix::new().departments(), Department::ALL);
    /// ```
    pub fn departments(&self) -> Vec<Department> {
        with_defined(self.order.as_ref().map(|o| &o.departments))
    }

    /// The entitlements in display order: the policy's, in the order of its `[[entitlements]]` (DOMAIN.md
    /// §9.2), then any built-in one it does not grant.
    ///
    /// ```
    /// use talent_matrix::{Entitlement, Matrix};
    /// assert_eq!(Matrix::new().entitlements(), Entitlement::ALL);
    /// ```
    pub fn entitlements(&self) -> Vec<Entitlement> {
        let mut all: Vec<Entitlement> = self
            .order
            .as_ref()
            .map(|o| o.entitlements.clone())
            .unwrap_or_default();
        for e in Entitlement::ALL {
            if !all.contains(e) {
                all.push(*e);
            }
        }
        all
    }

    /// The services in display order: the built-in ones, then those the policy defines.
    ///
    /// ```
    /// use talent_matrix::{Matrix, Service};
    /// assert_eq!(Matrix::new().services(), Service::ALL);
    /// ```
    pub fn services(&self) -> Vec<Service> {
        with_defined(self.order.as_ref().map(|o| &o.services))
    }

    /// A row's total over every tier column.
    ///
    /// ```
    /// use talent_matrix::{Matrix, MatrixRow, Stream};
    /// assert_eq!(Matrix::new().row_total(MatrixRow::Stream(Stream::HighSkilled)), 0);
    /// ```
    pub fn row_total(&self, row: MatrixRow) -> u64 {
        self.tier_columns()
            .into_iter()
            .map(|t| self.row_cell(row, t))
            .sum()
    }

    /// A tier column's total over the stream rows (every talent once).
    ///
    /// ```
    /// use talent_matrix::{Matrix, Tier};
    /// assert_eq!(Matrix::new().column_total(Some(Tier::Leader)), 0);
    /// ```
    pub fn column_total(&self, tier: Option<Tier>) -> u64 {
        Stream::ALL
            .iter()
            .map(|&s| self.row_cell(MatrixRow::Stream(s), tier))
            .sum()
    }

    /// How many people a department leads (is the `lead` of).
    ///
    /// ```
    /// use talent_matrix::{Department, Matrix};
    /// assert_eq!(Matrix::new().lead_count(Department::Sasac), 0);
    /// ```
    pub fn lead_count(&self, department: Department) -> u64 {
        count_of(&self.lead, department)
    }

    /// How many people a department manages (is in the `managed_by` of).
    ///
    /// ```
    /// use talent_matrix::{Department, Matrix};
    /// assert_eq!(Matrix::new().managed_by_count(Department::Sasac), 0);
    /// ```
    pub fn managed_by_count(&self, department: Department) -> u64 {
        count_of(&self.managed_by, department)
    }

    /// How many people were granted an entitlement.
    ///
    /// ```
    /// use talent_matrix::{Entitlement, Matrix};
    /// assert_eq!(Matrix::new().entitlement_count(Entitlement::AnnualReward), 0);
    /// ```
    pub fn entitlement_count(&self, entitlement: Entitlement) -> u64 {
        count_of(&self.entitlements, entitlement)
    }

    /// What an entitlement is worth, as the policy of the classifications counted says (DOMAIN.md §9.1); `None`
    /// when it gives no amount or no one was granted it.
    ///
    /// ```
    /// # use talent_matrix::Matrix;
    /// assert_eq!(Matrix::new().entitlement_amount(talent_matrix::Entitlement::AnnualReward), None);
    /// ```
    pub fn entitlement_amount(&self, entitlement: Entitlement) -> Option<Amount> {
        self.amounts.get(entitlement.index()).copied().flatten()
    }

    /// What an entitlement costs in all: the people granted it times its amount, in yuan, each period of the
    /// amount; `None` without an amount.
    ///
    /// ```
    /// use talent_matrix::policy::{Amount, Per, PolicyDoc};
    /// use talent_matrix::{Contribution, Entitlement, Industry, Matrix, Policy, Post, Profile, Role};
    /// let mut doc = PolicyDoc::shizhong_2011();
    /// doc.name = "with-amounts".into();
    /// doc.entitlements[0].amount = Some(Amount { yuan: 60_000, per: Per::Year });
    /// let policy = Policy::from_doc(&doc)?;
    /// let p = Profile::builder("F-1", Post::Enterprise)
    ///     .role(Role::SeniorManager)
    ///     .industry(Industry::Finance)
    ///     .contribution(Contribution::Major)
    ///     .build()?;
    /// let mut m = Matrix::new();
    /// m.add(&policy.classify(&p));
    /// m.add(&policy.classify(&p));
    /// assert_eq!(m.entitlement_total(Entitlement::AnnualReward), Some((120_000, Per::Year)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn entitlement_total(&self, entitlement: Entitlement) -> Option<(u128, Per)> {
        self.entitlement_amount(entitlement).map(|a| {
            (
                u128::from(self.entitlement_count(entitlement)) * u128::from(a.yuan),
                a.per,
            )
        })
    }

    /// How many people are given a service.
    ///
    /// ```
    /// use talent_matrix::{Matrix, Service};
    /// assert_eq!(Matrix::new().service_count(Service::HukouHandling), 0);
    /// ```
    pub fn service_count(&self, service: Service) -> u64 {
        count_of(&self.services, service)
    }

    /// The ids of the records missing a fact, in the order they were added.
    ///
    /// ```
    /// use talent_matrix::{Matrix, MissingFact};
    /// assert!(Matrix::new().missing(MissingFact::Industry).is_empty());
    /// ```
    pub fn missing(&self, fact: MissingFact) -> &Ids {
        per_code(&self.missing, fact)
    }

    /// The ids of the records missing each of a policy's indicators (DOMAIN.md §9.3), by the indicator's code,
    /// in the order first met; none under a policy without indicators (the built-in policy).
    ///
    /// ```
    /// # #[cfg(all(feature = "toml", feature = "json"))] {
    /// use talent_matrix::{Matrix, Policy, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../examples/data/policy-facts.toml"))?)?;
    /// let p = policy.profile_from_json(r#"{"id":"T-1","post":"professional_technical","professional_title":"senior"}"#)?;
    /// let mut m = Matrix::new();
    /// m.add(&policy.classify(&p));
    /// let missing: Vec<(&str, Vec<&str>)> = m.missing_indicators().map(|(k, ids)| (k, ids.iter().collect())).collect();
    /// assert_eq!(missing, [("papers", vec!["T-1"])]);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn missing_indicators(&self) -> impl Iterator<Item = (&str, &Ids)> {
        self.missing_indicators
            .iter()
            .map(|(code, _, ids)| (code.as_str(), ids))
    }

    /// The missing indicators with their labels (for the report).
    pub(crate) fn missing_indicator_labels(
        &self,
    ) -> impl Iterator<Item = (&crate::lang::LabelsDoc, &Ids)> {
        self.missing_indicators
            .iter()
            .map(|(_, labels, ids)| (labels, ids))
    }
}

impl<'c, 'a: 'c> Extend<&'c Classification<'a>> for Matrix {
    fn extend<I: IntoIterator<Item = &'c Classification<'a>>>(&mut self, iter: I) {
        for c in iter {
            self.add(c);
        }
    }
}

impl<'a> Extend<Classification<'a>> for Matrix {
    fn extend<I: IntoIterator<Item = Classification<'a>>>(&mut self, iter: I) {
        for c in iter {
            self.add(&c);
        }
    }
}

impl<'c, 'a: 'c> FromIterator<&'c Classification<'a>> for Matrix {
    fn from_iter<I: IntoIterator<Item = &'c Classification<'a>>>(iter: I) -> Matrix {
        let mut m = Matrix::new();
        m.extend(iter);
        m
    }
}

impl<'a> FromIterator<Classification<'a>> for Matrix {
    fn from_iter<I: IntoIterator<Item = Classification<'a>>>(iter: I) -> Matrix {
        let mut m = Matrix::new();
        m.extend(iter);
        m
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Matrix {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::codes::Coded;
        use serde::ser::{SerializeMap, SerializeStruct};

        struct Cells<'m>(&'m Matrix);
        impl serde::Serialize for Cells<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                struct Cell(Stream, Option<Specialty>, Option<Tier>, u64);
                impl serde::Serialize for Cell {
                    fn serialize<S: serde::Serializer>(
                        &self,
                        serializer: S,
                    ) -> Result<S::Ok, S::Error> {
                        let mut s = serializer.serialize_struct("Cell", 4)?;
                        s.serialize_field("stream", &self.0)?;
                        s.serialize_field("specialty", &self.1)?;
                        s.serialize_field("tier", &self.2)?;
                        s.serialize_field("count", &self.3)?;
                        s.end()
                    }
                }
                let m = self.0;
                let columns = m.tier_columns();
                let columns = &columns;
                serializer.collect_seq(m.rows().flat_map(|row| {
                    let (s, sp) = match row {
                        MatrixRow::Stream(s) => (s, None),
                        MatrixRow::Specialty(sp) => (sp.parent(), Some(sp)),
                    };
                    columns
                        .iter()
                        .map(move |&t| Cell(s, sp, t, m.cell(s, sp, t)))
                }))
            }
        }

        struct Departments<'m>(&'m Matrix);
        impl serde::Serialize for Departments<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                struct Load(Department, u64, u64);
                impl serde::Serialize for Load {
                    fn serialize<S: serde::Serializer>(
                        &self,
                        serializer: S,
                    ) -> Result<S::Ok, S::Error> {
                        let mut s = serializer.serialize_struct("Load", 3)?;
                        s.serialize_field("department", &self.0)?;
                        s.serialize_field("lead", &self.1)?;
                        s.serialize_field("managed_by", &self.2)?;
                        s.end()
                    }
                }
                let m = self.0;
                serializer.collect_seq(
                    m.departments()
                        .into_iter()
                        .map(|d| Load(d, m.lead_count(d), m.managed_by_count(d))),
                )
            }
        }

        struct Counts<'m, T: 'static>(Vec<T>, &'m dyn Fn(T) -> u64);
        impl<T: Coded + serde::Serialize> serde::Serialize for Counts<'_, T> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for &v in &self.0 {
                    map.serialize_entry(v.code(), &(self.1)(v))?;
                }
                map.end()
            }
        }

        struct Missing<'m>(&'m Matrix);
        impl serde::Serialize for Missing<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(
                    MissingFact::ALL.len() + self.0.missing_indicators.len(),
                ))?;
                for &f in MissingFact::ALL {
                    map.serialize_entry(f.code(), self.0.missing(f))?;
                }
                // A policy's indicators after the six (none under the built-in policy).
                for (code, ids) in self.0.missing_indicators() {
                    map.serialize_entry(code, ids)?;
                }
                map.end()
            }
        }

        let mut s = serializer.serialize_struct("Matrix", 8)?;
        s.serialize_field("total", &self.total())?;
        s.serialize_field("talents", &self.talents())?;
        s.serialize_field("not_talent", &self.not_talent)?;
        s.serialize_field("cells", &Cells(self))?;
        s.serialize_field("departments", &Departments(self))?;
        s.serialize_field(
            "entitlements",
            &Counts(self.entitlements(), &|e| self.entitlement_count(e)),
        )?;
        // Only when the policy gives amounts (DOMAIN.md §9.1), so that a matrix without them reads as before.
        struct Amounts<'m>(&'m Matrix);
        impl serde::Serialize for Amounts<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let priced = || {
                    self.0.entitlements().into_iter().filter_map(|e| {
                        Some((
                            e,
                            self.0.entitlement_amount(e)?,
                            self.0.entitlement_total(e)?,
                        ))
                    })
                };
                let mut map = serializer.serialize_map(Some(priced().count()))?;
                for (e, amount, (total, _)) in priced() {
                    map.serialize_entry(
                        e.code(),
                        &AmountRow {
                            people: self.0.entitlement_count(e),
                            amount_yuan: amount.yuan,
                            per: amount.per.code(),
                            total_yuan: total,
                        },
                    )?;
                }
                map.end()
            }
        }
        #[derive(serde::Serialize)]
        struct AmountRow {
            people: u64,
            amount_yuan: u64,
            per: &'static str,
            total_yuan: u128,
        }

        s.serialize_field(
            "services",
            &Counts(self.services(), &|v| self.service_count(v)),
        )?;
        if self.amounts.iter().any(Option::is_some) {
            s.serialize_field("entitlement_amounts", &Amounts(self))?;
        }
        s.serialize_field("missing_facts", &Missing(self))?;
        s.end()
    }
}
