//! [`PolicyDoc`]: a classification policy as a document an office can read, edit and load (TOML or JSON).
//!
//! The document holds codes as written, so that loading can report every unknown or duplicate code at once
//! rather than stopping at the first. Conditions are conjunctions of clauses on the discrete facts of a
//! profile; a clause lists the values it allows (`role = ["principal", "owner"]`) or, with `not`, the values it
//! excludes (`ownership = { not = ["individual"] }`); `"none"` stands for an absent fact.
//!
//! ```
//! # #[cfg(feature = "toml")] {
//! use talent_matrix::policy::PolicyDoc;
//!
//! let doc = PolicyDoc::shizhong_2011();
//! let toml = doc.to_toml();
//! assert!(toml.starts_with("name = \"shizhong-2011\""));
//! assert_eq!(PolicyDoc::from_toml(&toml)?, doc);
//! # }
//! # Ok::<(), talent_matrix::policy::DocError>(())
//! ```

use std::collections::BTreeMap;

use crate::Wan;

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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
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
    #[cfg_attr(feature = "serde", serde(default))]
    pub specialties: Vec<SpecialtyDoc>,
    /// The tier ladders.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ladders: Vec<LadderDoc>,
    /// The entitlements.
    #[cfg_attr(feature = "serde", serde(default))]
    pub entitlements: Vec<EntitlementDoc>,
    /// The services of each introduction level.
    #[cfg_attr(feature = "serde", serde(default))]
    pub services: Vec<ServiceDoc>,
    /// The enterprise size standard, a row per industry.
    pub size_standard: Vec<SizeRowDoc>,
    /// The above-designated-size rule of each industry.
    pub above_designated_size: Vec<AboveDoc>,
}

/// A stream: the posts whose own stream it is, its lead department, and when a person qualifies.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// let doc = PolicyDoc::shizhong_2011();
/// assert_eq!(doc.streams[4].posts, ["social_work", "community"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct SpecialtyDoc {
    /// The specialty's code.
    pub specialty: String,
    /// The stream it refines.
    pub parent: String,
    /// When a talent of the parent stream has it.
    pub when: Condition,
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct TierDoc {
    /// The tier's code.
    pub tier: String,
    /// When a talent of the stream reaches it.
    pub when: Condition,
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct EntitlementDoc {
    /// The entitlement's code.
    pub entitlement: String,
    /// When it is granted (clauses may test `stream`, `specialty` and `tier` too).
    pub when: Condition,
    /// Where the rule comes from.
    pub source: String,
}

/// The services of one 百千万 introduction level.
///
/// ```
/// use talent_matrix::policy::PolicyDoc;
/// assert_eq!(PolicyDoc::shizhong_2011().services[2].services.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct BoundsDoc {
    /// At least this many employees (X).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub employees: Option<u64>,
    /// At least this revenue in 万元 (Y).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub revenue_wan: Option<Wan>,
    /// At least these total assets in 万元 (Z).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct AboveDoc {
    /// The industry's code.
    pub industry: String,
    /// Above designated size when revenue is at least this (万元).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub revenue_wan: Option<Wan>,
    /// Always above designated size.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub always: bool,
}

#[cfg(feature = "serde")]
fn is_false(b: &bool) -> bool {
    !*b
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(untagged)
)]
pub enum Allowed {
    /// Only these values.
    Only(Vec<ClauseValue>),
    /// Every value but these.
    Not {
        /// The excluded values.
        not: Vec<ClauseValue>,
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(untagged)
)]
pub enum ClauseValue {
    /// `true` or `false`.
    Bool(bool),
    /// A code, or `"none"`.
    Code(String),
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

/// Why a policy document could not be read as TOML or JSON (its syntax or shape; its content is checked when
/// it is loaded into a [`Policy`](crate::Policy)).
///
/// ```
/// # #[cfg(feature = "toml")] {
/// let err = talent_matrix::policy::PolicyDoc::from_toml("name = 1").unwrap_err();
/// assert!(err.to_string().starts_with("invalid policy document: "));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid policy document: {message}")]
pub struct DocError {
    message: String,
}

/// The built-in policy's document, as shipped in the crate (`policies/shizhong-2011.toml`).
#[cfg(feature = "toml")]
const SHIZHONG_2011_TOML: &str = include_str!("../../policies/shizhong-2011.toml");

impl PolicyDoc {
    /// The document of the built-in policy `shizhong-2011` (DOMAIN.md §4), loaded from the data file the crate
    /// ships, `policies/shizhong-2011.toml`, embedded at compile time (feature `toml`).
    ///
    /// ```
    /// let doc = talent_matrix::policy::PolicyDoc::shizhong_2011();
    /// assert_eq!((doc.name.as_str(), doc.version.as_str()), ("shizhong-2011", "1.0.0"));
    /// ```
    #[cfg(feature = "toml")]
    pub fn shizhong_2011() -> PolicyDoc {
        // The file is checked by the crate's tests; should it ever fail to parse, the document is empty and
        // loading it reports every missing part rather than panicking.
        PolicyDoc::from_toml(SHIZHONG_2011_TOML).unwrap_or_else(|_| PolicyDoc {
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
        })
    }

    /// Reads a policy document from TOML (feature `toml`).
    ///
    /// # Errors
    ///
    /// [`DocError`] with the TOML parser's message (line and column) for bad syntax, an unknown key or a
    /// value of the wrong type.
    ///
    /// ```
    /// use talent_matrix::policy::PolicyDoc;
    /// let doc = PolicyDoc::from_toml(&PolicyDoc::shizhong_2011().to_toml())?;
    /// assert_eq!(doc.name, "shizhong-2011");
    /// # Ok::<(), talent_matrix::policy::DocError>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<PolicyDoc, DocError> {
        toml::from_str(text).map_err(|e| DocError {
            message: e.to_string().trim_end().to_owned(),
        })
    }

    /// Writes the document as TOML (feature `toml`).
    ///
    /// ```
    /// let toml = talent_matrix::policy::PolicyDoc::shizhong_2011().to_toml();
    /// assert!(toml.contains("[[streams]]"));
    /// ```
    #[cfg(feature = "toml")]
    pub fn to_toml(&self) -> String {
        // A document of strings, lists, tables, numbers and bools always serializes.
        toml::to_string(self).unwrap_or_default()
    }

    /// Reads a policy document from JSON (feature `json`).
    ///
    /// # Errors
    ///
    /// [`DocError`] with serde_json's message for bad syntax, an unknown key or a value of the wrong type.
    ///
    /// ```
    /// use talent_matrix::policy::PolicyDoc;
    /// let doc = PolicyDoc::from_json(&PolicyDoc::shizhong_2011().to_json())?;
    /// assert_eq!(doc, PolicyDoc::shizhong_2011());
    /// # Ok::<(), talent_matrix::policy::DocError>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<PolicyDoc, DocError> {
        serde_json::from_str(text).map_err(|e| DocError {
            message: e.to_string(),
        })
    }

    /// Writes the document as pretty-printed JSON (feature `json`).
    ///
    /// ```
    /// assert!(talent_matrix::policy::PolicyDoc::shizhong_2011().to_json().starts_with("{\n  \"name\""));
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
