//! [`PolicyDoc`]: a classification policy as a document an office can read, edit and load (TOML or JSON).
//!
//! The document holds codes as written, so that loading can report every unknown or duplicate code at once
//! rather than stopping at the first. Conditions are conjunctions of clauses on the discrete facts of a
//! profile; a clause lists the values it allows (`role = ["principal", "owner"]`) or, with `not`, the values it
//! excludes (`ownership = { not = ["individual"] }`); `"none"` stands for an absent fact.
//!
//! ```
//! use talent_matrix::policy::PolicyDoc;
//!
//! let doc = PolicyDoc::shizhong_2011();
//! # #[cfg(feature = "toml")] {
//! let toml = doc.to_toml();
//! assert!(toml.starts_with("name = \"shizhong-2011\""));
//! assert_eq!(PolicyDoc::from_toml(&toml)?, doc);
//! # }
//! # Ok::<(), talent_matrix::policy::PolicyError>(())
//! ```

use std::collections::BTreeMap;

#[cfg(any(feature = "toml", feature = "json"))]
use super::limits::Limits;
use super::problem::PolicyError;
#[cfg(any(feature = "toml", feature = "json"))]
use super::problem::{Problem, ProblemKind};

mod read;

pub use crate::lang::LabelsDoc;
use crate::money::Wan;
pub use crate::money::{ParseUnitError, Unit};
use crate::raw::Raw;

/// A policy as data: what [`Policy`](crate::Policy) is loaded from.
///
/// Streams come in canonical order (the order that decides the primary stream when the post's own stream does
/// not apply, DOMAIN.md §4.2); ladders list their tiers from the highest down.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// let doc = PolicyDoc::shizhong_2011();
/// assert_eq!(doc.streams.len(), 6);
/// assert_eq!(doc.ladders[0].stream, "enterprise_management");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDoc {
    /// The policy's name, written in every classification record.
    pub name: String,
    /// Its version, e.g. `1.0.0`.
    pub version: String,
    /// The date it takes effect, `YYYY-MM-DD`.
    pub effective: String,
    /// Where it comes from.
    pub source: String,
    /// The streams, in canonical order.
    pub streams: Vec<StreamDoc>,
    /// The specialties that refine streams.
    pub specialties: Vec<SpecialtyDoc>,
    /// The tier ladders.
    pub ladders: Vec<LadderDoc>,
    /// The entitlements.
    pub entitlements: Vec<EntitlementDoc>,
    /// The services of each introduction level.
    pub services: Vec<ServiceDoc>,
    /// The enterprise size standard, a row per industry.
    pub size_standard: Vec<SizeRowDoc>,
    /// The above-designated-size rule of each industry.
    pub above_designated_size: Vec<AboveDoc>,
    /// The policy's own discrete facts of a profile (`[[facts]]`, DOMAIN.md §9.2); none in the built-in policy.
    pub facts: Vec<FactDoc>,
    /// The policy's own measured indicators of a profile (`[[indicators]]`, DOMAIN.md §9.2).
    pub indicators: Vec<IndicatorDoc>,
    /// How indicators are graded into facts (`[[evaluations]]`, DOMAIN.md §9.3).
    pub evaluations: Vec<EvaluationDoc>,
    /// New values of the five outcome lists (`[[values]]`, DOMAIN.md §9.1); none in the built-in policy.
    pub values: Vec<ValueDoc>,
    /// Every tier the policy uses, highest first (`tier_order`, DOMAIN.md §9.1); empty for the built-in order
    /// leader > high_end > elite.
    pub tier_order: Vec<String>,
}

/// A new value of one of the five outcome lists (DOMAIN.md §9.1): a department, specialty, tier, entitlement
/// or service the policy defines, with its labels, aliases and source.
///
/// ```
/// use talent_matrix::policy::{LabelsDoc, ValueDoc};
/// let v = ValueDoc {
///     list: "department".into(),
///     code: "health_bureau".into(),
///     labels: LabelsDoc::new("区卫生健康局", "區衛生健康局", "District Health Bureau"),
///     aliases: vec!["卫健局".into(), "衛健局".into()],
///     source: "illustration".into(),
/// };
/// assert_eq!(v.list, "department");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueDoc {
    /// The list: `department`, `specialty`, `tier`, `entitlement` or `service`.
    pub list: String,
    /// The value's code: snake_case ASCII, at most 48 bytes, not a built-in code of its list.
    pub code: String,
    /// Its labels.
    pub labels: LabelsDoc,
    /// Further names it parses from, in either script (may be empty).
    pub aliases: Vec<String>,
    /// Where it comes from.
    pub source: String,
}

/// A discrete fact a policy adds to the profile (DOMAIN.md §9.2): its code (the profile field's name), its
/// labels, whether a person may hold several values, and its values.
///
/// ```
/// use talent_matrix::policy::{FactDoc, LabelsDoc};
/// let honour = FactDoc {
///     code: "honour".into(),
///     labels: LabelsDoc::new("荣誉称号", "榮譽稱號", "Honour"),
///     many: true,
///     values: vec![],
///     source: "illustration".into(),
/// };
/// assert!(honour.many);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactDoc {
    /// The fact's code: snake_case ASCII, at most 48 bytes.
    pub code: String,
    /// Its labels.
    pub labels: LabelsDoc,
    /// `true`: a person may hold several values; `false`: at most one.
    pub many: bool,
    /// Its values, in order.
    pub values: Vec<FactValueDoc>,
    /// Where it comes from.
    pub source: String,
}

/// A value of a policy's fact: its code and labels.
///
/// ```
/// use talent_matrix::policy::{FactValueDoc, LabelsDoc};
/// let v = FactValueDoc { code: "taishan_scholar".into(), labels: LabelsDoc::new("泰山学者", "泰山學者", "Taishan scholar") };
/// assert_eq!(v.code, "taishan_scholar");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactValueDoc {
    /// The value's code.
    pub code: String,
    /// Its labels.
    pub labels: LabelsDoc,
}

/// A measured number a policy adds to the profile (DOMAIN.md §9.2).
///
/// ```
/// use talent_matrix::policy::{IndicatorDoc, LabelsDoc, Unit};
/// let i = IndicatorDoc {
///     code: "district_contribution_wan".into(),
///     labels: LabelsDoc::new("区级经济贡献", "區級經濟貢獻", "District economic contribution"),
///     unit: Unit::Wan,
///     source: "illustration".into(),
/// };
/// assert_eq!(i.unit.to_string(), "wan");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorDoc {
    /// The indicator's code.
    pub code: String,
    /// Its labels.
    pub labels: LabelsDoc,
    /// What its numbers count.
    pub unit: Unit,
    /// Where it comes from.
    pub source: String,
}

/// How an indicator is graded into the value of a fact (DOMAIN.md §9.3): the first grade whose `at_least` the
/// number meets, else `otherwise`. A value the profile states wins; with neither, the fact is open.
///
/// ```
/// use talent_matrix::{Measure, policy::{ClauseValue, EvaluationDoc, GradeDoc}};
/// let e = EvaluationDoc {
///     fact: "contribution".into(),
///     from: "district_contribution_wan".into(),
///     grades: vec![GradeDoc { value: "major".into(), at_least: Measure::from_whole(500) }],
///     otherwise: ClauseValue::from("ordinary"),
///     source: "illustration".into(),
/// };
/// assert_eq!(e.grades[0].at_least.to_string(), "500");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationDoc {
    /// The fact graded: `performance`, `contribution`, `potential`, or a one-valued fact of the policy.
    pub fact: String,
    /// The indicator it is graded from.
    pub from: String,
    /// The grades, highest first: thresholds strictly decrease.
    pub grades: Vec<GradeDoc>,
    /// The value below every grade.
    pub otherwise: ClauseValue,
    /// Where it comes from.
    pub source: String,
}

/// One grade of an evaluation: the value a number of at least `at_least` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeDoc {
    /// The fact's value (a code, or `true`/`false` for `potential`).
    pub value: ClauseValue,
    /// The threshold.
    pub at_least: crate::money::Measure,
}

/// A stream: the posts whose own stream it is, its lead department, and when a person qualifies.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// let doc = PolicyDoc::shizhong_2011();
/// assert_eq!(doc.streams[4].posts, ["social_work", "community"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamDoc {
    /// The stream's code.
    pub stream: String,
    /// The posts whose own stream this is (DOMAIN.md §4.2).
    pub posts: Vec<String>,
    /// The lead department (主管部门).
    pub lead: String,
    /// A person qualifies when any of these conditions holds.
    pub eligible: Vec<Condition>,
    /// Where the rule comes from.
    pub source: String,
}

/// A specialty: its parent stream, when it applies to a talent of that stream, and its lead department.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// assert_eq!(PolicyDoc::shizhong_2011().specialties[0].lead, "financial_office");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialtyDoc {
    /// The specialty's code.
    pub specialty: String,
    /// The stream it refines.
    pub parent: String,
    /// When a talent of the parent stream has it: any of these alternatives (written as one table, or an array
    /// of tables, DOMAIN.md §9.2).
    pub when: Vec<Condition>,
    /// Its lead department, which replaces the stream's.
    pub lead: String,
    /// Where the rule comes from.
    pub source: String,
}

/// A tier ladder of one stream, from the highest tier down.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// let ladder = &PolicyDoc::shizhong_2011().ladders[0];
/// assert_eq!(ladder.tiers.iter().map(|t| t.tier.as_str()).collect::<Vec<_>>(), ["leader", "high_end", "elite"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderDoc {
    /// The stream with the ladder.
    pub stream: String,
    /// Its tiers, highest first.
    pub tiers: Vec<TierDoc>,
}

/// One tier of a ladder.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// let elite = &PolicyDoc::shizhong_2011().ladders[0].tiers[2];
/// assert_eq!(elite.managed_by, ["private_economy_bureau", "federation_of_industry_commerce"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierDoc {
    /// The tier's code.
    pub tier: String,
    /// When a talent of the stream reaches it: any of these alternatives (one table, or an array of tables).
    pub when: Vec<Condition>,
    /// The departments that manage it, in order.
    pub managed_by: Vec<String>,
    /// Where the rule comes from.
    pub source: String,
}

/// An entitlement and when it is granted.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// assert_eq!(PolicyDoc::shizhong_2011().entitlements.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitlementDoc {
    /// The entitlement's code.
    pub entitlement: String,
    /// When it is granted (clauses may test `stream`, `specialty` and `tier` too): any of these alternatives
    /// (one table, or an array of tables).
    pub when: Vec<Condition>,
    /// What it is worth, when the policy says (`amount_yuan` and `per` in the document, DOMAIN.md §9.1); the
    /// matrix then totals it.
    pub amount: Option<Amount>,
    /// Where the rule comes from.
    pub source: String,
}

/// What an entitlement is worth: a whole number of yuan (1 to 100,000,000) paid each `per` (DOMAIN.md §9.1).
///
/// ```
/// use talent_matrix::policy::{Amount, Per};
/// let a = Amount { yuan: 60_000, per: Per::Year };
/// assert_eq!(a.to_string(), "60000 yuan per year");
/// assert_eq!("month".parse::<Per>(), Ok(Per::Month));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    /// The amount, in yuan.
    pub yuan: u64,
    /// How often it is paid.
    pub per: Per,
}

impl Amount {
    /// The most an amount may be, in yuan.
    pub const MAX_YUAN: u64 = 100_000_000;
}

impl core::fmt::Display for Amount {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.per {
            Per::Once => write!(f, "{} yuan once", self.yuan),
            per => write!(f, "{} yuan per {}", self.yuan, per.code()),
        }
    }
}

/// How often an amount is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Per {
    /// Each year (每年).
    Year,
    /// Each month (每月).
    Month,
    /// Once (一次性).
    Once,
}

impl Per {
    /// Every period, in the order of the list.
    pub const ALL: &'static [Per] = &[Per::Year, Per::Month, Per::Once];

    /// The period's code: `year`, `month` or `once`.
    ///
    /// ```
    /// assert_eq!(talent_matrix::policy::Per::Once.code(), "once");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Per::Year => "year",
            Per::Month => "month",
            Per::Once => "once",
        }
    }

    /// The period in a language: 每年 / 每年 / per year, and so on.
    ///
    /// ```
    /// use talent_matrix::{Lang, policy::Per};
    /// assert_eq!(Per::Year.label(Lang::ZhHans), "每年");
    /// assert_eq!(Per::Month.label(Lang::En), "per month");
    /// ```
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match (self, lang.is_chinese()) {
            (Per::Year, true) => "每年",
            (Per::Month, true) => "每月",
            (Per::Once, true) => "一次性",
            (Per::Year, false) => "per year",
            (Per::Month, false) => "per month",
            (Per::Once, false) => "once",
        }
    }
}

impl core::fmt::Display for Per {
    /// The code.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code())
    }
}

/// A period that is not `year`, `month` or `once`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("per must be year, month or once, got {0:?}")]
pub struct ParsePerError(String);

impl core::str::FromStr for Per {
    type Err = ParsePerError;

    fn from_str(s: &str) -> Result<Per, ParsePerError> {
        Per::ALL
            .iter()
            .copied()
            .find(|p| p.code() == s)
            .ok_or_else(|| ParsePerError(crate::safety::Shown(s).to_string()))
    }
}

/// The services of one 百千万 introduction level.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// assert_eq!(PolicyDoc::shizhong_2011().services[2].services.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDoc {
    /// The introduction level's code.
    pub level: String,
    /// The services, in order.
    pub services: Vec<String>,
    /// Where the rule comes from.
    pub source: String,
}

/// A row of the enterprise size standard: the bounds of the large, medium and small classes.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// let row = &PolicyDoc::shizhong_2011().size_standard[1];
/// assert_eq!((row.industry.as_str(), row.large.employees), ("industry", Some(1000)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeRowDoc {
    /// The industry's code.
    pub industry: String,
    /// The large class's bounds.
    pub large: BoundsDoc,
    /// The medium class's bounds.
    pub medium: BoundsDoc,
    /// The small class's bounds.
    pub small: BoundsDoc,
}

/// The lower bounds of one size class; a class holds when every bound given holds.
///
/// ```
/// use talent_matrix::policy::BoundsDoc;
/// let b = BoundsDoc { employees: Some(300), ..BoundsDoc::default() };
/// assert_eq!(b.revenue_wan, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoundsDoc {
    /// At least this many employees (X).
    pub employees: Option<u64>,
    /// At least this revenue in 万元 (Y).
    pub revenue_wan: Option<Wan>,
    /// At least these total assets in 万元 (Z).
    pub assets_wan: Option<Wan>,
}

/// How one industry's above-designated-size status is decided: `revenue_wan` set means "revenue at least
/// this", `always` means always above, neither means it must be stated.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// let retail = &PolicyDoc::shizhong_2011().above_designated_size[4];
/// assert_eq!((retail.industry.as_str(), retail.revenue_wan), ("retail", Some(talent_matrix::Wan::from_wan(500))));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AboveDoc {
    /// The industry's code.
    pub industry: String,
    /// Above designated size when revenue is at least this (万元).
    pub revenue_wan: Option<Wan>,
    /// Always above designated size.
    pub always: bool,
}

/// A conjunction of clauses, by fact name: `post`, `role`, `ownership`, `industry`, `enterprise_size`,
/// `above_designated_size`, `performance`, `contribution`, `potential`, `professional_title`, `skill_level`,
/// `social_work_certificate`, `rural_role`, `introduction_level`, and in entitlements `stream`, `specialty`,
/// `tier`. An empty condition always holds.
pub type Condition = BTreeMap<String, Allowed>;

/// The values a clause allows: a list, or every value but a list (`{ not = [...] }`).
///
/// ```
/// use talent_matrix::policy::{Allowed, ClauseValue};
/// let any_title = Allowed::Not { not: vec![ClauseValue::from("none")] };
/// assert!(matches!(any_title, Allowed::Not { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowed {
    /// Only these values.
    Only(Vec<ClauseValue>),
    /// Every value but these.
    Not {
        /// The excluded values.
        not: Vec<ClauseValue>,
    },
    /// For an indicator (DOMAIN.md §9.2): a number with `at_least <= n < below`, either bound optional.
    Range {
        /// The least number allowed.
        at_least: Option<crate::money::Measure>,
        /// The first number no longer allowed.
        below: Option<crate::money::Measure>,
    },
}

/// A value in a clause: a code (or `"none"` for an absent fact), or a boolean for `potential` and
/// `above_designated_size`.
///
/// ```
/// use talent_matrix::policy::ClauseValue;
/// assert_eq!(ClauseValue::from("owner"), ClauseValue::Code("owner".into()));
/// assert_eq!(ClauseValue::from(true), ClauseValue::Bool(true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClauseValue {
    /// `true` or `false`.
    Bool(bool),
    /// A code, or `"none"`.
    Code(String),
}

impl core::fmt::Display for ClauseValue {
    /// A code quoted (control characters escaped), a boolean as `true` or `false`.
    ///
    /// ```
    /// use talent_matrix::policy::ClauseValue;
    /// assert_eq!(ClauseValue::from("owner").to_string(), r#""owner""#);
    /// assert_eq!(ClauseValue::from(false).to_string(), "false");
    /// ```
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ClauseValue::Bool(b) => write!(f, "{b}"),
            ClauseValue::Code(c) => write!(f, "{:?}", crate::safety::Shown(c)),
        }
    }
}

impl From<&str> for ClauseValue {
    fn from(s: &str) -> Self {
        ClauseValue::Code(s.to_owned())
    }
}

impl From<bool> for ClauseValue {
    fn from(b: bool) -> Self {
        ClauseValue::Bool(b)
    }
}

fn str(s: &str) -> Raw {
    Raw::Str(s.to_owned())
}

fn strs(v: &[String]) -> Raw {
    Raw::Array(v.iter().map(|s| str(s)).collect())
}

fn obj(entries: Vec<(&str, Raw)>) -> Raw {
    Raw::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn wan(w: Wan) -> Raw {
    if w.yuan().is_multiple_of(10_000) {
        Raw::UInt(w.yuan() / 10_000)
    } else {
        Raw::Float(w.as_f64())
    }
}

/// A `when`: one alternative as its table (as every policy wrote it before alternatives), several as an array.
fn when(alternatives: &[Condition]) -> Raw {
    match alternatives {
        [one] => condition(one),
        many => Raw::Array(many.iter().map(condition).collect()),
    }
}

fn condition(c: &Condition) -> Raw {
    let values = |v: &[ClauseValue]| {
        Raw::Array(
            v.iter()
                .map(|v| match v {
                    ClauseValue::Bool(b) => Raw::Bool(*b),
                    ClauseValue::Code(s) => str(s),
                })
                .collect(),
        )
    };
    Raw::Object(
        c.iter()
            .map(|(fact, allowed)| {
                let v = match allowed {
                    Allowed::Only(v) => values(v),
                    Allowed::Not { not } => obj(vec![("not", values(not))]),
                    Allowed::Range { at_least, below } => {
                        let mut e = Vec::new();
                        if let Some(a) = at_least {
                            e.push(("at_least", measure(*a)));
                        }
                        if let Some(b) = below {
                            e.push(("below", measure(*b)));
                        }
                        obj(e)
                    }
                };
                (fact.clone(), v)
            })
            .collect(),
    )
}

fn measure(m: crate::money::Measure) -> Raw {
    if m.is_whole() {
        Raw::Int(m.ten_thousandths() / 10_000)
    } else {
        #[allow(clippy::cast_precision_loss)] // at most 10^15 ten-thousandths: exact in an f64
        Raw::Float(m.ten_thousandths() as f64 / 10_000.0)
    }
}

fn labels(l: &LabelsDoc) -> [(&'static str, Raw); 3] {
    [
        ("zh_hans", str(&l.zh_hans)),
        ("zh_hant", str(&l.zh_hant)),
        ("en", str(&l.en)),
    ]
}

fn clause_value(v: &ClauseValue) -> Raw {
    match v {
        ClauseValue::Bool(b) => Raw::Bool(*b),
        ClauseValue::Code(s) => str(s),
    }
}

fn bounds(b: &BoundsDoc) -> Raw {
    let mut e = Vec::new();
    if let Some(x) = b.employees {
        e.push(("employees", Raw::UInt(x)));
    }
    if let Some(y) = b.revenue_wan {
        e.push(("revenue_wan", wan(y)));
    }
    if let Some(z) = b.assets_wan {
        e.push(("assets_wan", wan(z)));
    }
    obj(e)
}

// The built-in document, generated by build.rs from policies/shizhong-2011.toml.
include!(concat!(env!("OUT_DIR"), "/shizhong_2011.rs"));

impl PolicyDoc {
    /// The document of the built-in policy `shizhong-2011` (DOMAIN.md §4), from the data file the crate ships,
    /// `policies/shizhong-2011.toml`, embedded at build time.
    ///
    /// ```
    /// let doc = talent_matrix::policy::PolicyDoc::shizhong_2011();
    /// assert_eq!((doc.name.as_str(), doc.version.as_str()), ("shizhong-2011", "1.0.0"));
    /// ```
    pub fn shizhong_2011() -> PolicyDoc {
        // The data file is read by the crate's tests, which fail on any problem; were one to slip through, the
        // document read so far is returned and loading it reports what is missing.
        read::doc_as_far_as_it_goes(&shizhong_2011_raw())
    }

    /// A document with nothing in it.
    fn empty() -> PolicyDoc {
        PolicyDoc {
            name: String::new(),
            version: String::new(),
            effective: String::new(),
            source: String::new(),
            streams: Vec::new(),
            specialties: Vec::new(),
            ladders: Vec::new(),
            entitlements: Vec::new(),
            services: Vec::new(),
            size_standard: Vec::new(),
            above_designated_size: Vec::new(),
            facts: Vec::new(),
            indicators: Vec::new(),
            evaluations: Vec::new(),
            values: Vec::new(),
            tier_order: Vec::new(),
        }
    }

    /// Reads a document from a parsed tree, reporting every problem of shape.
    #[cfg_attr(not(any(feature = "toml", feature = "json")), allow(dead_code))]
    pub(crate) fn from_raw(raw: &Raw) -> Result<PolicyDoc, PolicyError> {
        read::doc(raw).map_err(PolicyError::new)
    }

    /// The document as a tree, keys in a fixed order. The sections of DOMAIN.md §9.1 to §9.3 are written
    /// only when the policy has them, so that a policy without them writes (and hashes) as before.
    pub(crate) fn to_raw(&self) -> Raw {
        let mut raw = self.to_raw_base();
        let source = |s: &String| ("source", str(s));
        let Raw::Object(entries) = &mut raw else {
            return raw;
        };
        if !self.facts.is_empty() {
            let facts = self.facts.iter().map(|f| {
                let mut e = vec![("code", str(&f.code))];
                e.extend(labels(&f.labels));
                e.push(("many", Raw::Bool(f.many)));
                let values = f.values.iter().map(|v| {
                    let mut e = vec![("code", str(&v.code))];
                    e.extend(labels(&v.labels));
                    obj(e)
                });
                e.push(("values", Raw::Array(values.collect())));
                e.push(source(&f.source));
                obj(e)
            });
            entries.push(("facts".to_owned(), Raw::Array(facts.collect())));
        }
        if !self.indicators.is_empty() {
            let indicators = self.indicators.iter().map(|i| {
                let mut e = vec![("code", str(&i.code))];
                e.extend(labels(&i.labels));
                e.push(("unit", str(i.unit.code())));
                e.push(source(&i.source));
                obj(e)
            });
            entries.push(("indicators".to_owned(), Raw::Array(indicators.collect())));
        }
        if !self.evaluations.is_empty() {
            let evaluations = self.evaluations.iter().map(|v| {
                let grades = v.grades.iter().map(|g| {
                    obj(vec![
                        ("value", clause_value(&g.value)),
                        ("at_least", measure(g.at_least)),
                    ])
                });
                obj(vec![
                    ("fact", str(&v.fact)),
                    ("from", str(&v.from)),
                    ("grades", Raw::Array(grades.collect())),
                    ("otherwise", clause_value(&v.otherwise)),
                    source(&v.source),
                ])
            });
            entries.push(("evaluations".to_owned(), Raw::Array(evaluations.collect())));
        }
        if !self.values.is_empty() {
            let values = self.values.iter().map(|v| {
                let mut e = vec![("list", str(&v.list)), ("code", str(&v.code))];
                e.extend(labels(&v.labels));
                if !v.aliases.is_empty() {
                    e.push((
                        "aliases",
                        Raw::Array(v.aliases.iter().map(|a| str(a)).collect()),
                    ));
                }
                e.push(source(&v.source));
                obj(e)
            });
            entries.push(("values".to_owned(), Raw::Array(values.collect())));
        }
        if !self.tier_order.is_empty() {
            let order = self.tier_order.iter().map(|t| str(t)).collect();
            entries.push(("tier_order".to_owned(), Raw::Array(order)));
        }
        raw
    }

    /// The sections every policy has, as a tree.
    fn to_raw_base(&self) -> Raw {
        let source = |s: &String| ("source", str(s));
        obj(vec![
            ("name", str(&self.name)),
            ("version", str(&self.version)),
            ("effective", str(&self.effective)),
            ("source", str(&self.source)),
            (
                "streams",
                Raw::Array(
                    self.streams
                        .iter()
                        .map(|s| {
                            obj(vec![
                                ("stream", str(&s.stream)),
                                ("posts", strs(&s.posts)),
                                ("lead", str(&s.lead)),
                                (
                                    "eligible",
                                    Raw::Array(s.eligible.iter().map(condition).collect()),
                                ),
                                source(&s.source),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "specialties",
                Raw::Array(
                    self.specialties
                        .iter()
                        .map(|s| {
                            obj(vec![
                                ("specialty", str(&s.specialty)),
                                ("parent", str(&s.parent)),
                                ("when", when(&s.when)),
                                ("lead", str(&s.lead)),
                                source(&s.source),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "ladders",
                Raw::Array(
                    self.ladders
                        .iter()
                        .map(|l| {
                            let tiers = l
                                .tiers
                                .iter()
                                .map(|t| {
                                    obj(vec![
                                        ("tier", str(&t.tier)),
                                        ("when", when(&t.when)),
                                        ("managed_by", strs(&t.managed_by)),
                                        source(&t.source),
                                    ])
                                })
                                .collect();
                            obj(vec![
                                ("stream", str(&l.stream)),
                                ("tiers", Raw::Array(tiers)),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "entitlements",
                Raw::Array(
                    self.entitlements
                        .iter()
                        .map(|e| {
                            let mut entries = vec![
                                ("entitlement", str(&e.entitlement)),
                                ("when", when(&e.when)),
                            ];
                            // Only when given: a policy without amounts writes (and hashes) as before.
                            if let Some(a) = e.amount {
                                entries.push(("amount_yuan", Raw::UInt(a.yuan)));
                                entries.push(("per", str(a.per.code())));
                            }
                            entries.push(source(&e.source));
                            obj(entries)
                        })
                        .collect(),
                ),
            ),
            (
                "services",
                Raw::Array(
                    self.services
                        .iter()
                        .map(|s| {
                            obj(vec![
                                ("level", str(&s.level)),
                                ("services", strs(&s.services)),
                                source(&s.source),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "size_standard",
                Raw::Array(
                    self.size_standard
                        .iter()
                        .map(|r| {
                            obj(vec![
                                ("industry", str(&r.industry)),
                                ("large", bounds(&r.large)),
                                ("medium", bounds(&r.medium)),
                                ("small", bounds(&r.small)),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "above_designated_size",
                Raw::Array(
                    self.above_designated_size
                        .iter()
                        .map(|a| {
                            let mut e = vec![("industry", str(&a.industry))];
                            if let Some(w) = a.revenue_wan {
                                e.push(("revenue_wan", wan(w)));
                            }
                            if a.always {
                                e.push(("always", Raw::Bool(true)));
                            }
                            obj(e)
                        })
                        .collect(),
                ),
            ),
        ])
    }

    /// Reads a policy document from TOML (feature `toml`), reporting every problem of syntax or shape.
    ///
    /// # Errors
    ///
    /// [`PolicyError`]: the TOML parser's message (with line and column) for bad syntax; otherwise every unknown
    /// or missing key and every value of the wrong type, with where it is.
    ///
    /// ```
    /// use talent_matrix::policy::PolicyDoc;
    /// let doc = PolicyDoc::from_toml(&PolicyDoc::shizhong_2011().to_toml())?;
    /// assert_eq!(doc, PolicyDoc::shizhong_2011());
    /// # Ok::<(), talent_matrix::policy::PolicyError>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<PolicyDoc, PolicyError> {
        PolicyDoc::from_toml_with(text, &Limits::default())
    }

    /// Reads a policy document from TOML (feature `toml`) no longer than [`Limits::document_bytes`].
    ///
    /// # Errors
    ///
    /// As [`PolicyDoc::from_toml`], and a text past the limit is refused before it is parsed.
    ///
    /// ```
    /// use talent_matrix::policy::{Limits, PolicyDoc};
    /// let err = PolicyDoc::from_toml_with("name = \"x\"", &Limits::default().max_document_bytes(4)).unwrap_err();
    /// assert_eq!(err.problems(), ["the document is 10 bytes, more than the limit of 4 (Limits::max_document_bytes)"]);
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_toml_with(text: &str, limits: &Limits) -> Result<PolicyDoc, PolicyError> {
        limits
            .check_text(text)
            .map_err(|problem| PolicyError::new(vec![problem]))?;
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let message = format!("TOML syntax: {}", e.to_string().trim_end());
            PolicyError::new(vec![Problem::new(ProblemKind::Syntax, "", message)])
        })?;
        PolicyDoc::from_raw(&crate::raw::Raw::from_toml(toml::Value::Table(table)))
    }

    /// Writes the document as TOML (feature `toml`).
    ///
    /// ```
    /// let toml = talent_matrix::policy::PolicyDoc::shizhong_2011().to_toml();
    /// assert!(toml.starts_with("name = \"shizhong-2011\""));
    /// ```
    #[cfg(feature = "toml")]
    pub fn to_toml(&self) -> String {
        self.to_raw().to_toml()
    }

    /// Reads a policy document from JSON (feature `json`), reporting every problem of syntax or shape.
    ///
    /// # Errors
    ///
    /// [`PolicyError`]: serde_json's message for bad syntax; otherwise every unknown, repeated or missing key and
    /// every value of the wrong type, with where it is.
    ///
    /// ```
    /// use talent_matrix::policy::PolicyDoc;
    /// let doc = PolicyDoc::from_json(&PolicyDoc::shizhong_2011().to_json())?;
    /// assert_eq!(doc, PolicyDoc::shizhong_2011());
    /// # Ok::<(), talent_matrix::policy::PolicyError>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<PolicyDoc, PolicyError> {
        PolicyDoc::from_json_with(text, &Limits::default())
    }

    /// Reads a policy document from JSON (feature `json`) no longer than [`Limits::document_bytes`].
    ///
    /// # Errors
    ///
    /// As [`PolicyDoc::from_json`], and a text past the limit is refused before it is parsed.
    ///
    /// ```
    /// use talent_matrix::policy::{Limits, PolicyDoc};
    /// let err = PolicyDoc::from_json_with("{}", &Limits::default().max_document_bytes(1)).unwrap_err();
    /// assert_eq!(err.problems().len(), 1);
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json_with(text: &str, limits: &Limits) -> Result<PolicyDoc, PolicyError> {
        limits
            .check_text(text)
            .map_err(|problem| PolicyError::new(vec![problem]))?;
        let raw: Raw = serde_json::from_str(text).map_err(|e| {
            let message = format!("JSON syntax: {e}");
            PolicyError::new(vec![Problem::new(ProblemKind::Syntax, "", message)])
        })?;
        PolicyDoc::from_raw(&raw)
    }

    /// Writes the document as JSON, one key per line.
    ///
    /// ```
    /// assert!(talent_matrix::policy::PolicyDoc::shizhong_2011().to_json().starts_with("{\n  \"name\": \"shizhong-2011\""));
    /// ```
    pub fn to_json(&self) -> String {
        self.to_raw().to_pretty_json()
    }
}
