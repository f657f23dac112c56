//! This year against last year (issue 13): two classified rosters compared person by person.
//!
//! A talent office reports its two-way matrix every year (the seed: 信息收集和反馈制度, and the yearly figures
//! of the 2011–2015 plan). Beside the two matrices it wants to know who moved cell, who joined and who left.
//! [`LastYear`] takes last year's classifications, [`LastYear::then`] turns it into [`ThisYear`], which takes
//! this year's, and [`ThisYear::finish`] gives the [`Comparison`]:
//!
//! - the matrix of each year and, per disjoint cell ([`Place`]), a [`Flow`]: how many were there last year and
//!   this year, stayed, joined, left, moved in and moved out. The counts add up: last year + joined − left +
//!   moved in − moved out = this year, in every cell, row and column ([`Flow::adds_up`]);
//! - who moved ([`Move`]: from → to, with the rule that decided the new cell and its sentence), who joined
//!   and who left ([`Entry`]);
//! - the same figures per unit (a reporting unit, a street), when the classifications are given with one.
//!
//! People are matched by id. With the `roster` feature ids are compared as the roster reader compares them for
//! duplicates (NFKC, dashes folded: `Ｐ-1` is `P-1`); without it, as written. An id twice in one year is an
//! error ([`CompareError::DuplicateId`]), as it is in a roster; so is a classification made under another policy than
//! the first ([`CompareError::OtherPolicy`], naming both policies' hashes).
//!
//! A person who changed unit is, in each unit's figures, one who left the old unit and joined the new one; in
//! the total figures, one who stayed (or moved cell). So each unit's figures add up on their own and the total's
//! do too, but the units' joined and left do not sum to the total's.
//!
//! ```
//! use talent_matrix::compare::{LastYear, Place};
//! use talent_matrix::{classify, Industry, Post, Profile, Role, Tier};
//!
//! let manager = |above| {
//!     Profile::builder("A", Post::Enterprise)
//!         .role(Role::MiddleManager)
//!         .industry(Industry::Finance)
//!         .above_designated_size(above)
//!         .build()
//! };
//! let last = [manager(false)?, Profile::builder("B", Post::Community).build()?];
//! let this = [
//!     manager(true)?,
//!     Profile::builder("C", Post::Other).build()?,
//! ];
//! let mut year = LastYear::new();
//! for p in &last {
//!     year.add(&classify(p), None)?;
//! }
//! let mut year = year.then();
//! for p in &this {
//!     year.add(&classify(p), None)?;
//! }
//! let cmp = year.finish();
//! assert_eq!(cmp.moved().len(), 1);
//! assert_eq!(cmp.moved()[0].id(), "A");
//! assert_eq!(cmp.moved()[0].to().tier(), Some(Tier::HighEnd));
//! assert_eq!(cmp.moved()[0].rule().to_string(), "tier.high_end");
//! assert_eq!(cmp.joined()[0].id(), "C");
//! assert_eq!(cmp.left()[0].id(), "B");
//! let everyone = cmp.total().everyone();
//! assert_eq!((everyone.last, everyone.this, everyone.joined, everyone.left), (2, 2, 1, 1));
//! assert!(cmp.total().cells().all(|(_, f)| f.adds_up()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::classify::Classification;
use crate::codes::{Specialty, Stream, Tier};
use crate::hash::BuildKeyHasher;
use crate::lang::Lang;
use crate::matrix::{Matrix, MatrixRow};
use crate::reason::Rule;
use crate::report::{Line, grid_csv, grid_table};

/// A disjoint cell of the matrix: a stream (none for someone not counted as talent), a specialty and a tier.
///
/// ```
/// use talent_matrix::compare::Place;
/// use talent_matrix::{Lang, Specialty, Stream, Tier};
/// let p = Place::new(Some(Stream::SocialWork), Some(Specialty::CommunityWorker), None);
/// assert_eq!(p.label(Lang::ZhHans), "社会工作人才 · 社区专职工作者");
/// assert_eq!(Place::default().label(Lang::En), "Not counted as talent");
/// assert_eq!(Place::default().to_string(), "none");
/// assert_eq!(Place::new(Some(Stream::EnterpriseManagement), None, Some(Tier::Leader)).to_string(),
///            "enterprise_management/-/leader");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    stream: Option<Stream>,
    specialty: Option<Specialty>,
    tier: Option<Tier>,
}

impl Place {
    /// A place from its parts.
    pub fn new(stream: Option<Stream>, specialty: Option<Specialty>, tier: Option<Tier>) -> Place {
        Place {
            stream,
            specialty,
            tier,
        }
    }

    /// Where a classification puts its person.
    pub fn of(c: &Classification<'_>) -> Place {
        Place::new(c.stream(), c.specialty(), c.tier())
    }

    /// The stream, `None` for someone not counted as talent.
    pub fn stream(self) -> Option<Stream> {
        self.stream
    }

    /// The specialty, if any.
    pub fn specialty(self) -> Option<Specialty> {
        self.specialty
    }

    /// The tier, if any.
    pub fn tier(self) -> Option<Tier> {
        self.tier
    }

    /// The place's labels joined with ` · `: stream, specialty and tier, or "not counted as talent".
    pub fn label(self, lang: Lang) -> String {
        match self.stream {
            None => crate::report::Word::NotTalent.text(lang).to_owned(),
            Some(s) => core::iter::once(s.label(lang))
                .chain(self.specialty.map(|sp| sp.label(lang)))
                .chain(self.tier.map(|t| t.label(lang)))
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }

    /// Whether the place counts in a line of the matrix and a tier column (`None`: the line's total).
    pub(crate) fn counts_in(self, line: Line, column: Option<Option<Tier>>) -> bool {
        let in_column = column.is_none_or(|t| t == self.tier);
        match line {
            Line::Row(MatrixRow::Stream(s)) => self.stream == Some(s) && in_column,
            Line::Row(MatrixRow::Specialty(sp)) => self.specialty == Some(sp) && in_column,
            Line::Talents => self.stream.is_some() && in_column,
            Line::NotTalent => self.stream.is_none(),
            Line::Everyone => true,
        }
    }
}

/// `stream/specialty/tier` by codes, `-` for no specialty or tier; `none` for someone not counted as talent.
impl core::fmt::Display for Place {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let Some(stream) = self.stream else {
            return f.write_str("none");
        };
        write!(
            f,
            "{}/{}/{}",
            stream.code(),
            self.specialty.map_or("-", |s| s.code()),
            self.tier.map_or("-", |t| t.code())
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Place", 3)?;
        s.serialize_field("stream", &self.stream)?;
        s.serialize_field("specialty", &self.specialty)?;
        s.serialize_field("tier", &self.tier)?;
        s.end()
    }
}

/// The year's movement of a cell (or of a row, column or total, summed over its cells).
///
/// `last = stayed + left + moved_out` and `this = stayed + joined + moved_in`, so [`adds_up`](Flow::adds_up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Flow {
    /// People here last year.
    pub last: u64,
    /// People here this year.
    pub this: u64,
    /// Here both years (in the same unit).
    pub stayed: u64,
    /// Here this year and not in last year's roster (or, in a unit's figures, not in the unit last year).
    pub joined: u64,
    /// Here last year and not in this year's roster (or, in a unit's figures, not in the unit this year).
    pub left: u64,
    /// Here this year, elsewhere last year.
    pub moved_in: u64,
    /// Here last year, elsewhere this year.
    pub moved_out: u64,
}

impl Flow {
    /// This year less last year.
    ///
    /// ```
    /// let f = talent_matrix::compare::Flow::default();
    /// assert_eq!(f.change(), 0);
    /// ```
    pub fn change(&self) -> i128 {
        i128::from(self.this) - i128::from(self.last)
    }

    /// Whether last year + joined − left + moved in − moved out = this year (and both years' sums hold).
    pub fn adds_up(&self) -> bool {
        let this = u128::from(self.last) + u128::from(self.joined) + u128::from(self.moved_in);
        let last = u128::from(self.this) + u128::from(self.left) + u128::from(self.moved_out);
        this == last
            && u128::from(self.last)
                == u128::from(self.stayed) + u128::from(self.left) + u128::from(self.moved_out)
    }

    fn plus(mut self, o: &Flow) -> Flow {
        self.last += o.last;
        self.this += o.this;
        self.stayed += o.stayed;
        self.joined += o.joined;
        self.left += o.left;
        self.moved_in += o.moved_in;
        self.moved_out += o.moved_out;
        self
    }

    /// The figures as CSV fields, in the order of [`FLOW_FIELDS`].
    fn fields(&self) -> Vec<String> {
        vec![
            self.last.to_string(),
            self.this.to_string(),
            self.change().to_string(),
            self.stayed.to_string(),
            self.joined.to_string(),
            self.left.to_string(),
            self.moved_in.to_string(),
            self.moved_out.to_string(),
        ]
    }
}

/// The names of a flow's CSV fields.
const FLOW_FIELDS: [&str; 8] = [
    "last",
    "this",
    "change",
    "stayed",
    "joined",
    "left",
    "moved_in",
    "moved_out",
];

/// The figures of both years for the whole roster or one unit: each year's matrix and the flow of every cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    last: Matrix,
    this: Matrix,
    cells: BTreeMap<Place, Flow>,
}

impl Figures {
    /// Last year's matrix.
    pub fn last(&self) -> &Matrix {
        &self.last
    }

    /// This year's matrix.
    pub fn this(&self) -> &Matrix {
        &self.this
    }

    /// Every cell with someone in it either year, and its flow, in the order of [`Place`].
    pub fn cells(&self) -> impl Iterator<Item = (Place, &Flow)> {
        self.cells.iter().map(|(p, f)| (*p, f))
    }

    /// The flow of one cell.
    pub fn cell(&self, place: Place) -> Flow {
        self.cells.get(&place).copied().unwrap_or_default()
    }

    /// The flow of a shown cell: a row of the matrix in a tier column.
    pub fn row_cell(&self, row: MatrixRow, tier: Option<Tier>) -> Flow {
        self.sum(Line::Row(row), Some(tier))
    }

    /// The flow of a row of the matrix, every tier.
    pub fn row_total(&self, row: MatrixRow) -> Flow {
        self.sum(Line::Row(row), None)
    }

    /// The flow of a tier column, every talent.
    pub fn column_total(&self, tier: Option<Tier>) -> Flow {
        self.sum(Line::Talents, Some(tier))
    }

    /// The flow of every talent.
    pub fn talents(&self) -> Flow {
        self.sum(Line::Talents, None)
    }

    /// The flow of those not counted as talent.
    pub fn not_talent(&self) -> Flow {
        self.sum(Line::NotTalent, None)
    }

    /// The flow of everyone.
    pub fn everyone(&self) -> Flow {
        self.sum(Line::Everyone, None)
    }

    pub(crate) fn sum(&self, line: Line, column: Option<Option<Tier>>) -> Flow {
        self.cells
            .iter()
            .filter(|(p, _)| p.counts_in(line, column))
            .fold(Flow::default(), |acc, (_, f)| acc.plus(f))
    }

    /// The grid's matrix: this year's, whose rows and columns follow the policy (last year's when this year
    /// is empty).
    fn shape(&self) -> &Matrix {
        if self.this.total() == 0 {
            &self.last
        } else {
            &self.this
        }
    }

    /// The figures as a text table: every row and tier column as `last → this (±change)`.
    ///
    /// ```
    /// use talent_matrix::compare::LastYear;
    /// use talent_matrix::{classify, Lang, Post, Profile};
    /// let mut year = LastYear::new().then();
    /// year.add(&classify(&Profile::builder("1", Post::Community).build()?), None)?;
    /// let table = year.finish().total().to_table(Lang::En);
    /// assert!(table.contains("0 → 1 (+1)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_table(&self, lang: Lang) -> String {
        grid_table(self.shape(), lang, |line, column| {
            let f = self.sum(line, column);
            let change = f.change();
            let sign = if change > 0 { "+" } else { "" };
            format!("{} → {} ({sign}{change})", f.last, f.this)
        })
    }

    /// The figures as CSV in long form: `row,label,tier,last,this,change,stayed,joined,left,moved_in,moved_out`,
    /// a record per row of the matrix and tier column (`total` for the row's total).
    ///
    /// ```
    /// use talent_matrix::compare::LastYear;
    /// use talent_matrix::Lang;
    /// let csv = LastYear::new().then().finish().total().to_csv(Lang::En);
    /// assert!(csv.starts_with("row,label,tier,last,this,change,stayed,joined,left,moved_in,moved_out\n"));
    /// assert!(csv.ends_with("everyone,Everyone,total,0,0,0,0,0,0,0,0\n"));
    /// ```
    pub fn to_csv(&self, lang: Lang) -> String {
        grid_csv(self.shape(), lang, &FLOW_FIELDS, |line, column| {
            self.sum(line, column).fields()
        })
    }
}

/// Figures being counted: the cells in a hash table (a person's place is looked up four times a year), sorted
/// into [`Figures`] when the comparison is done.
#[derive(Debug, Clone, Default)]
struct Tally {
    last: Matrix,
    this: Matrix,
    cells: HashMap<Place, Flow, BuildKeyHasher>,
}

impl Tally {
    fn count(&mut self, place: Place, f: impl FnOnce(&mut Flow)) {
        f(self.cells.entry(place).or_default());
    }

    fn done(self) -> Figures {
        Figures {
            last: self.last,
            this: self.this,
            cells: self.cells.into_iter().collect(),
        }
    }
}

/// Serializes as `{"last": matrix, "this": matrix, "cells": [{"place", "flow"}], "rows": [{"row", "tier",
/// "flow"}]}`: the disjoint cells and every shown cell of the grid (`tier` a code, `no_tier`, or `total`, as in
/// CSV).
#[cfg(feature = "serde")]
impl serde::Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(serde::Serialize)]
        struct Cell<'a> {
            place: Place,
            flow: &'a Flow,
        }
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            row: String,
            tier: &'a str,
            flow: Flow,
        }
        let cells: Vec<Cell<'_>> = self
            .cells
            .iter()
            .map(|(p, f)| Cell { place: *p, flow: f })
            .collect();
        let rows: Vec<Shown<'_>> = Line::cells(self.shape())
            .into_iter()
            .map(|(line, column)| Shown {
                row: line.code(),
                tier: Line::column_code(column),
                flow: self.sum(line, column),
            })
            .collect();
        let mut s = serializer.serialize_struct("Figures", 4)?;
        s.serialize_field("last", &self.last)?;
        s.serialize_field("this", &self.this)?;
        s.serialize_field("cells", &cells)?;
        s.serialize_field("rows", &rows)?;
        s.end()
    }
}

/// A person in one year only: who joined (this year's place and unit) or who left (last year's).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    id: Arc<str>,
    place: Place,
    unit: Option<Arc<str>>,
}

impl Entry {
    /// The person's id, as written in the roster of the year they are in.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The person's place in that year.
    pub fn place(&self) -> Place {
        self.place
    }

    /// The person's unit in that year, if given.
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Entry", 3)?;
        s.serialize_field("id", &*self.id)?;
        s.serialize_field("place", &self.place)?;
        s.serialize_field("unit", &self.unit.as_deref())?;
        s.end()
    }
}

/// A person in both years whose cell changed, or whose unit did: from → to, with the rule that decided the
/// new cell and its sentence in both languages.
///
/// The rule is the one for the part that changed: the stream's rule when the stream changed, else the
/// specialty's (the stream's when the specialty was lost), else the tier's. A person whose cell did not change
/// but whose unit did has the rule of their cell's most specific part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Move {
    id: Box<str>,
    from: Place,
    to: Place,
    units: [Option<Arc<str>>; 2],
    rule: Rule,
    why: [Box<str>; 2],
}

impl Move {
    /// The person's id, as written this year.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Last year's place.
    pub fn from(&self) -> Place {
        self.from
    }

    /// This year's place.
    pub fn to(&self) -> Place {
        self.to
    }

    /// Whether the cell changed (not only the unit).
    pub fn changed_cell(&self) -> bool {
        self.from != self.to
    }

    /// Last year's unit, if given.
    pub fn from_unit(&self) -> Option<&str> {
        self.units[0].as_deref()
    }

    /// This year's unit, if given.
    pub fn to_unit(&self) -> Option<&str> {
        self.units[1].as_deref()
    }

    /// The rule that decided the new cell.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The rule's sentence for this person this year, in Chinese (for `Lang::ZhHans` and `Lang::ZhHant`, the
    /// simplified sentence) or English.
    pub fn why(&self, lang: Lang) -> &str {
        if lang.is_chinese() {
            &self.why[0]
        } else {
            &self.why[1]
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Move {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Move", 8)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("from", &self.from)?;
        s.serialize_field("to", &self.to)?;
        s.serialize_field("from_unit", &self.from_unit())?;
        s.serialize_field("to_unit", &self.to_unit())?;
        s.serialize_field("rule", &self.rule)?;
        s.serialize_field("zh", &*self.why[0])?;
        s.serialize_field("en", &*self.why[1])?;
        s.end()
    }
}

/// Why a classification cannot be added to a year: its id was given twice, or it was made under another
/// policy.
///
/// ```
/// use talent_matrix::compare::LastYear;
/// use talent_matrix::{classify, Post, Profile};
/// let p = Profile::builder("P-1", Post::Community).build()?;
/// let mut year = LastYear::new();
/// year.add(&classify(&p), None)?;
/// let err = year.add(&classify(&p), None).unwrap_err();
/// assert_eq!(err.to_string(), r#"id "P-1" is given twice in last year's roster"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CompareError {
    /// An id given twice in one year, as written the second time.
    #[error("id {id:?} is given twice in {year} roster")]
    DuplicateId {
        /// The id.
        id: String,
        /// `last year's` or `this year's`.
        year: &'static str,
    },
    /// A classification made under another policy than the comparison's first: its cells and tiers need not be
    /// the same, so the two years cannot be set side by side.
    #[error(
        "{id:?} was classified under the policy {this}, but the comparison began under {first}: compare \
         classifications made under one policy (classify both years' rosters with the same policy)"
    )]
    OtherPolicy {
        /// The id of the classification refused.
        id: String,
        /// The hash of the policy the comparison began under.
        first: String,
        /// The hash of the policy of the classification refused.
        this: String,
    },
}

impl CompareError {
    /// The id of the classification refused.
    ///
    /// ```
    /// use talent_matrix::compare::LastYear;
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("A", Post::Other).build()?;
    /// let mut year = LastYear::new();
    /// year.add(&classify(&p), None)?;
    /// assert_eq!(year.add(&classify(&p), None).unwrap_err().id(), "A");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> &str {
        match self {
            CompareError::DuplicateId { id, .. } | CompareError::OtherPolicy { id, .. } => id,
        }
    }
}

/// Checks that a classification was made under the comparison's policy (the first one's, kept in `first`).
fn same_policy(first: &mut Option<Box<str>>, c: &Classification<'_>) -> Result<(), CompareError> {
    let hash = c.policy().hash();
    match first {
        None => {
            *first = Some(hash.into());
            Ok(())
        }
        Some(f) if **f == *hash => Ok(()),
        Some(f) => Err(CompareError::OtherPolicy {
            id: c.id().to_owned(),
            first: f.to_string(),
            this: hash.to_owned(),
        }),
    }
}

/// The key ids are matched by.
fn key(id: &str) -> Cow<'_, str> {
    #[cfg(feature = "roster")]
    {
        crate::safety::id_key(id)
    }
    #[cfg(not(feature = "roster"))]
    {
        Cow::Borrowed(id)
    }
}

/// A table by id key. Ids come from input, so the hasher is one an input cannot aim at: hashbrown's default
/// (foldhash, seeded per process) where the `roster` feature brings hashbrown, else std's SipHash.
#[cfg(feature = "roster")]
type IdMap<V> = hashbrown::HashMap<Arc<str>, V>;
#[cfg(not(feature = "roster"))]
type IdMap<V> = HashMap<Arc<str>, V>;

/// An id as written, sharing the key's string when they are the same (every ASCII id).
fn shared(id: &str, key: &Arc<str>) -> Arc<str> {
    if **key == *id {
        Arc::clone(key)
    } else {
        Arc::from(id)
    }
}

/// Units by name, each given once as a shared string, with their figures, in the order first met.
#[derive(Debug, Default)]
struct Units {
    names: Vec<Option<Arc<str>>>,
    index: HashMap<Box<str>, usize>,
    /// The index of "no unit", once met.
    none: Option<usize>,
    /// Whether a unit has been given. Until one is, everyone is in "no unit", whose figures are then the
    /// total's: they are not counted twice, but copied from the total when the first unit is met (or at the end).
    grouped: bool,
    figures: Vec<Tally>,
}

impl Units {
    /// The index of a unit, given the total so far (see `grouped`).
    fn of(&mut self, unit: Option<&str>, total: &Tally) -> usize {
        if unit.is_some() && !self.grouped {
            self.grouped = true;
            if let Some(none) = self.none
                && let Some(t) = self.figures.get_mut(none)
            {
                *t = total.clone();
            }
        }
        let known = match unit {
            Some(u) => self.index.get(u).copied(),
            None => self.none,
        };
        if let Some(i) = known {
            return i;
        }
        let i = self.names.len();
        self.names.push(unit.map(Arc::from));
        match unit {
            Some(u) => {
                self.index.insert(u.into(), i);
            }
            None => self.none = Some(i),
        }
        self.figures.push(Tally::default());
        i
    }

    fn name(&self, i: usize) -> Option<Arc<str>> {
        self.names.get(i).cloned().flatten()
    }

    /// A unit's figures to count in; `None` until a unit has been given (the total's are counted then).
    fn figures(&mut self, i: usize) -> Option<&mut Tally> {
        if self.grouped {
            self.figures.get_mut(i)
        } else {
            None
        }
    }

    /// Each unit's name and figures, done.
    fn done(self, total: &Figures) -> Vec<(Option<Arc<str>>, Figures)> {
        if self.grouped {
            self.names
                .into_iter()
                .zip(self.figures.into_iter().map(Tally::done))
                .collect()
        } else {
            self.names.into_iter().map(|n| (n, total.clone())).collect()
        }
    }
}

/// Last year's person, kept until this year's roster is read.
#[derive(Debug)]
struct Kept {
    id: Arc<str>,
    place: Place,
    unit: usize,
    seen: bool,
}

/// Last year's classifications, taken one at a time. See the [module docs](self).
#[derive(Debug, Default)]
pub struct LastYear {
    /// The hash of the policy of the first classification.
    policy: Option<Box<str>>,
    people: Vec<Kept>,
    index: IdMap<usize>,
    total: Tally,
    units: Units,
}

impl LastYear {
    /// An empty year.
    pub fn new() -> LastYear {
        LastYear::default()
    }

    /// Adds a classification of last year, with its unit if the roster has one.
    ///
    /// # Errors
    ///
    /// [`CompareError::DuplicateId`] when the id was given before this year, [`CompareError::OtherPolicy`] when
    /// the classification was made under another policy than the first; the year is then as it was.
    pub fn add(&mut self, c: &Classification<'_>, unit: Option<&str>) -> Result<(), CompareError> {
        let k = key(c.id());
        if self.index.contains_key(&*k) {
            return Err(CompareError::DuplicateId {
                id: c.id().to_owned(),
                year: "last year's",
            });
        }
        same_policy(&mut self.policy, c)?;
        let place = Place::of(c);
        let u = self.units.of(unit, &self.total);
        let k: Arc<str> = Arc::from(k);
        let id = shared(c.id(), &k);
        self.index.insert(k, self.people.len());
        self.people.push(Kept {
            id,
            place,
            unit: u,
            seen: false,
        });
        self.total.last.add(c);
        if let Some(t) = self.units.figures(u) {
            t.last.add(c);
        }
        Ok(())
    }

    /// How many people last year has.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether last year has no one.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Last year is complete: this year's classifications come next.
    pub fn then(self) -> ThisYear {
        ThisYear {
            last: self,
            moved: Vec::new(),
            joined: Vec::new(),
            seen: IdMap::default(),
        }
    }
}

/// This year's classifications, taken one at a time after last year's. See the [module docs](self).
#[derive(Debug)]
pub struct ThisYear {
    last: LastYear,
    moved: Vec<Move>,
    joined: Vec<Entry>,
    /// This year's ids that were not in last year's roster (those that were are marked `seen` there).
    seen: IdMap<()>,
}

impl ThisYear {
    /// Adds a classification of this year, with its unit if the roster has one.
    ///
    /// # Errors
    ///
    /// [`CompareError::DuplicateId`] when the id was given before this year, [`CompareError::OtherPolicy`] when
    /// the classification was made under another policy than last year's; the comparison is then as it was.
    pub fn add(&mut self, c: &Classification<'_>, unit: Option<&str>) -> Result<(), CompareError> {
        let k = key(c.id());
        let twice = || CompareError::DuplicateId {
            id: c.id().to_owned(),
            year: "this year's",
        };
        same_policy(&mut self.last.policy, c)?;
        let to = Place::of(c);
        let last = &mut self.last;
        let u = last.units.of(unit, &last.total);
        match last.index.get(&*k).and_then(|&i| last.people.get_mut(i)) {
            Some(kept) => {
                if kept.seen {
                    return Err(twice());
                }
                kept.seen = true;
                let (from, was) = (kept.place, kept.unit);
                if from == to {
                    last.total.count(to, |f| {
                        f.last += 1;
                        f.this += 1;
                        f.stayed += 1;
                    });
                } else {
                    last.total.count(from, |f| {
                        f.last += 1;
                        f.moved_out += 1;
                    });
                    last.total.count(to, |f| {
                        f.this += 1;
                        f.moved_in += 1;
                    });
                }
                if was == u {
                    if let Some(unit) = last.units.figures(u) {
                        if from == to {
                            unit.count(to, |f| {
                                f.last += 1;
                                f.this += 1;
                                f.stayed += 1;
                            });
                        } else {
                            unit.count(from, |f| {
                                f.last += 1;
                                f.moved_out += 1;
                            });
                            unit.count(to, |f| {
                                f.this += 1;
                                f.moved_in += 1;
                            });
                        }
                    }
                } else {
                    if let Some(unit) = last.units.figures(was) {
                        unit.count(from, |f| {
                            f.last += 1;
                            f.left += 1;
                        });
                    }
                    if let Some(unit) = last.units.figures(u) {
                        unit.count(to, |f| {
                            f.this += 1;
                            f.joined += 1;
                        });
                    }
                }
                if from != to || was != u {
                    let rule = deciding_rule(from, c);
                    let why = |zh: bool| -> Box<str> {
                        c.reasons()
                            .find(|r| r.rule() == rule)
                            .map(|r| {
                                if zh {
                                    r.zh().to_string()
                                } else {
                                    r.en().to_string()
                                }
                            })
                            .unwrap_or_default()
                            .into()
                    };
                    self.moved.push(Move {
                        id: c.id().into(),
                        from,
                        to,
                        units: [last.units.name(was), last.units.name(u)],
                        rule,
                        why: [why(true), why(false)],
                    });
                }
            }
            None => {
                if self.seen.contains_key(&*k) {
                    return Err(twice());
                }
                let k: Arc<str> = Arc::from(k);
                let id = shared(c.id(), &k);
                self.seen.insert(k, ());
                last.total.count(to, |f| {
                    f.this += 1;
                    f.joined += 1;
                });
                if let Some(unit) = last.units.figures(u) {
                    unit.count(to, |f| {
                        f.this += 1;
                        f.joined += 1;
                    });
                }
                self.joined.push(Entry {
                    id,
                    place: to,
                    unit: last.units.name(u),
                });
            }
        }
        last.total.this.add(c);
        if let Some(unit) = last.units.figures(u) {
            unit.this.add(c);
        }
        Ok(())
    }

    /// This year is complete: everyone of last year not met this year has left.
    pub fn finish(self) -> Comparison {
        let ThisYear {
            last,
            moved,
            joined,
            seen: _,
        } = self;
        let LastYear {
            policy: _,
            people,
            index: _,
            mut total,
            mut units,
        } = last;
        let mut left = Vec::new();
        for kept in people.into_iter().filter(|k| !k.seen) {
            total.count(kept.place, |f| {
                f.last += 1;
                f.left += 1;
            });
            if let Some(unit) = units.figures(kept.unit) {
                unit.count(kept.place, |f| {
                    f.last += 1;
                    f.left += 1;
                });
            }
            left.push(Entry {
                unit: units.name(kept.unit),
                id: kept.id,
                place: kept.place,
            });
        }
        let total = total.done();
        Comparison {
            units: units.done(&total),
            total,
            moved,
            joined,
            left,
        }
    }
}

/// The rule that decided the part of `c`'s cell that differs from `from`.
fn deciding_rule(from: Place, c: &Classification<'_>) -> Rule {
    let to = Place::of(c);
    let specialty_rule = || match to.specialty {
        Some(sp) => Rule::Specialty(sp),
        None => Rule::Stream(to.stream),
    };
    if from.stream != to.stream || to.stream.is_none() {
        Rule::Stream(to.stream)
    } else if from.specialty != to.specialty || !c.has_ladder() {
        specialty_rule()
    } else {
        Rule::Tier(to.tier)
    }
}

/// Two years of a roster compared person by person. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    total: Figures,
    units: Vec<(Option<Arc<str>>, Figures)>,
    moved: Vec<Move>,
    joined: Vec<Entry>,
    left: Vec<Entry>,
}

impl Comparison {
    /// The figures of the whole roster.
    pub fn total(&self) -> &Figures {
        &self.total
    }

    /// The figures of each unit, in the order first met (last year's roster first); `None` for the people
    /// given without a unit. Without units, one entry, `None`, with the total's figures.
    pub fn units(&self) -> impl Iterator<Item = (Option<&str>, &Figures)> {
        self.units.iter().map(|(u, f)| (u.as_deref(), f))
    }

    /// Who moved cell or unit, in this year's order.
    pub fn moved(&self) -> &[Move] {
        &self.moved
    }

    /// Who joined, in this year's order.
    pub fn joined(&self) -> &[Entry] {
        &self.joined
    }

    /// Who left, in last year's order.
    pub fn left(&self) -> &[Entry] {
        &self.left
    }

    /// The comparison as text: the figures table, then who moved (with the rule's sentence), who joined and
    /// who left, one person a line.
    pub fn to_table(&self, lang: Lang) -> String {
        use core::fmt::Write as _;
        let words = Words::of(lang);
        let mut out = self.total.to_table(lang);
        let shown = |s: &str| crate::safety::Shown(s).to_string();
        let unit = |u: Option<&str>| u.map(|u| format!(" [{}]", shown(u))).unwrap_or_default();
        let _ = writeln!(out, "\n{} ({})", words[0], self.moved.len());
        for m in &self.moved {
            let units = if m.from_unit() == m.to_unit() {
                unit(m.to_unit())
            } else {
                format!(
                    " [{} → {}]",
                    shown(m.from_unit().unwrap_or("-")),
                    shown(m.to_unit().unwrap_or("-"))
                )
            };
            let _ = writeln!(
                out,
                "  {}{units}: {} → {}  ({}: {})",
                shown(m.id()),
                m.from().label(lang),
                m.to().label(lang),
                m.rule(),
                m.why(lang)
            );
        }
        for (word, list) in [(words[1], &self.joined), (words[2], &self.left)] {
            let _ = writeln!(out, "\n{word} ({})", list.len());
            for e in list {
                let _ = writeln!(
                    out,
                    "  {}{}: {}",
                    shown(e.id()),
                    unit(e.unit()),
                    e.place().label(lang)
                );
            }
        }
        out
    }

    /// Who moved, joined and left as CSV: `change,id,from_unit,from,to_unit,to,rule,why`, where `change` is
    /// `moved`, `joined` or `left` and `from`/`to` are [`Place`] codes (empty for the year the person is not in).
    pub fn people_csv(&self, lang: Lang) -> String {
        use crate::report::csv_cell;
        let mut out = String::from("change,id,from_unit,from,to_unit,to,rule,why\n");
        let place = |p: Option<Place>| p.map(|p| p.to_string()).unwrap_or_default();
        let mut line = |fields: [&str; 8]| {
            let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        };
        for m in &self.moved {
            line([
                "moved",
                m.id(),
                m.from_unit().unwrap_or(""),
                &place(Some(m.from())),
                m.to_unit().unwrap_or(""),
                &place(Some(m.to())),
                &m.rule().to_string(),
                m.why(lang),
            ]);
        }
        for e in &self.joined {
            let to = place(Some(e.place()));
            line([
                "joined",
                e.id(),
                "",
                "",
                e.unit().unwrap_or(""),
                &to,
                "",
                "",
            ]);
        }
        for e in &self.left {
            let from = place(Some(e.place()));
            line([
                "left",
                e.id(),
                e.unit().unwrap_or(""),
                &from,
                "",
                "",
                "",
                "",
            ]);
        }
        out
    }
}

/// The table's headings: moved, joined, left.
struct Words;

impl Words {
    fn of(lang: Lang) -> [&'static str; 3] {
        match lang {
            Lang::ZhHans => ["变动", "新增", "减少"],
            Lang::ZhHant => ["變動", "新增", "減少"],
            Lang::En => ["Moved", "Joined", "Left"],
        }
    }
}

/// Serializes as `{"total": figures, "units": [{"unit", "figures"}], "moved", "joined", "left"}`.
#[cfg(feature = "serde")]
impl serde::Serialize for Comparison {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(serde::Serialize)]
        struct Unit<'a> {
            unit: Option<&'a str>,
            figures: &'a Figures,
        }
        let units: Vec<Unit<'_>> = self
            .units()
            .map(|(unit, figures)| Unit { unit, figures })
            .collect();
        let mut s = serializer.serialize_struct("Comparison", 5)?;
        s.serialize_field("total", &self.total)?;
        s.serialize_field("units", &units)?;
        s.serialize_field("moved", &self.moved)?;
        s.serialize_field("joined", &self.joined)?;
        s.serialize_field("left", &self.left)?;
        s.end()
    }
}
