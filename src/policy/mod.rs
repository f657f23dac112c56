//! [`Policy`]: the rules that classify, as data — and the built-in `shizhong-2011` (DOMAIN.md §4).
//!
//! A policy is a [`PolicyDoc`]: for each stream, the posts whose own stream it is, its lead department and
//! the conditions that qualify a person; the specialties that refine streams; tier ladders for any stream, from
//! the highest tier down, each tier with its condition and departments; entitlements; the services of each
//! 百千万 level; and the enterprise size and above-designated-size thresholds. Conditions are clauses over the
//! discrete facts of a profile (role, size class, above size, performance, contribution, potential, title,
//! skill level, certificate, rural role, …). An office can read and change a policy as TOML or JSON and load
//! it without recompiling.
//!
//! Loading a document ([`Policy::from_doc`]) checks it and compiles every condition to bit sets over the
//! facts, so classifying interprets no rule: each value of each fact has a row saying which conditions it makes
//! false or leaves open, and a profile's rows together answer every condition at once. A policy that has
//! classified twice as many profiles as its facts have combinations of distinct rows also builds a table of
//! every combination's decisions, once, and reads decisions from it thereafter (figures in DESIGN.md).
//! The built-in policy is loaded the same way from the data file the crate ships, `policies/shizhong-2011.toml`.
//!
//! ```
//! use talent_matrix::policy::PolicyDoc;
//! use talent_matrix::{Policy, Post, Profile, Stream};
//!
//! let mut doc = PolicyDoc::shizhong_2011();
//! doc.name = "my-district".into();
//! doc.streams[2].lead = "science_technology_bureau".into();
//! let policy = Policy::from_doc(&doc)?;
//! let p = Profile::builder("T-1", Post::ProfessionalTechnical).build()?;
//! let c = policy.classify(&p);
//! assert_eq!(c.lead(), Some(talent_matrix::Department::ScienceTechnologyBureau));
//! assert_eq!(c.policy().name(), "my-district");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::{Arc, OnceLock};

use crate::codes::{
    Department, Entitlement, Industry, Open, Post, Specialty, Stream, Tier, per_code,
};
use crate::enterprise::{AboveSizeRule, Bound, EnterpriseFacts};
use crate::profile::Profile;

mod check;
pub(crate) mod compile;
mod doc;
mod fields;
#[cfg(feature = "roster")]
pub(crate) use fields::read_text;
mod limits;
mod problem;
mod values;
mod vocab;

use compile::Compiled;

pub use doc::{
    AboveDoc, Allowed, Amount, BoundsDoc, ClauseValue, Condition, EntitlementDoc, EvaluationDoc,
    FactDoc, FactValueDoc, GradeDoc, IndicatorDoc, LabelsDoc, LadderDoc, ParsePerError,
    ParseUnitError, Per, PolicyDoc, ServiceDoc, SizeRowDoc, SpecialtyDoc, StreamDoc, TierDoc, Unit,
    ValueDoc,
};
pub use limits::Limits;
pub use problem::{PolicyError, Problem, ProblemKind};

/// The name only the built-in policy's content may carry.
const BUILT_IN_NAME: &str = "shizhong-2011";

/// Whether a text is a calendar date written exactly `YYYY-MM-DD` (years 0001 to 9999); whether the day exists
/// is [`Date::new`](crate::lifecycle::Date::new)'s to say.
fn is_calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: core::ops::Range<usize>| -> Option<u16> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let (Ok(m), Ok(d)) = (u8::try_from(m), u8::try_from(d)) else {
        return false;
    };
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && y >= 1
        && crate::lifecycle::Date::new(y, m, d).is_some()
}

/// A loaded, checked and compiled classification policy.
///
/// [`Policy::shizhong_2011`] (also [`Default`]) is the scheme of the seed document, DOMAIN.md §4, loaded from
/// the data file the crate ships; [`Policy::from_doc`] loads any other.
///
/// ```
/// use talent_matrix::{Department, Policy, Stream, Tier};
///
/// let policy = Policy::shizhong_2011();
/// assert_eq!(policy.name(), "shizhong-2011");
/// assert_eq!(policy.lead(Stream::SocialWork), Some(Department::CivilAffairsBureau));
/// assert_eq!(
///     policy.tier_departments(Stream::EnterpriseManagement, Tier::HighEnd),
///     [Department::EconomyInformationBureau, Department::Sasac]
/// );
/// assert!(policy.has_ladder(Stream::EnterpriseManagement));
/// assert!(!policy.has_ladder(Stream::ProfessionalTechnical));
/// assert!(policy.hash().starts_with("sha256:"));
/// ```
///
/// Cloning a policy is cheap (it is shared, not copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    inner: Arc<Loaded>,
}

#[derive(Debug, PartialEq, Eq)]
struct Loaded {
    doc: PolicyDoc,
    compiled: Compiled,
    hash: String,
}

impl core::hash::Hash for Policy {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.inner.hash.hash(state);
    }
}

/// The built-in policy, loaded once.
pub(crate) fn built_in() -> &'static Policy {
    static BUILT_IN: OnceLock<Policy> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        // The document is the crate's own data file, checked by its tests; it cannot fail on any input.
        #[allow(clippy::expect_used)]
        Policy::from_doc(&PolicyDoc::shizhong_2011()).expect("the built-in policy loads")
    })
}

impl Policy {
    /// The built-in policy `shizhong-2011`: the scheme of the seed document, DOMAIN.md §4.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Policy::shizhong_2011(), talent_matrix::Policy::default());
    /// ```
    pub fn shizhong_2011() -> Policy {
        built_in().clone()
    }

    /// Loads a policy document: checks every code and reference, and compiles every condition.
    ///
    /// # Errors
    ///
    /// [`PolicyError`] listing every problem at once.
    ///
    /// ```
    /// use talent_matrix::policy::PolicyDoc;
    /// let policy = talent_matrix::Policy::from_doc(&PolicyDoc::shizhong_2011())?;
    /// assert_eq!(policy, talent_matrix::Policy::shizhong_2011());
    /// # Ok::<(), talent_matrix::policy::PolicyError>(())
    /// ```
    pub fn from_doc(doc: &PolicyDoc) -> Result<Policy, PolicyError> {
        Policy::from_doc_with(doc, &Limits::default())
    }

    /// Loads a policy document within [`Limits`] (those of [`Policy::from_doc`] are the defaults).
    ///
    /// Besides the codes, references and proofs, the document's header is checked: `effective` is a calendar
    /// date (`YYYY-MM-DD`), and only the built-in policy's own content may be called `shizhong-2011`, so that
    /// the name in a record names the rules that made it.
    ///
    /// # Errors
    ///
    /// [`PolicyError`] listing every problem at once (at most [`Limits::problems`] of them).
    ///
    /// ```
    /// use talent_matrix::policy::{Limits, PolicyDoc};
    /// use talent_matrix::Policy;
    ///
    /// let mut doc = PolicyDoc::shizhong_2011();
    /// doc.effective = "2011-02-30".into();
    /// doc.entitlements.push(doc.entitlements[0].clone());
    /// let err = Policy::from_doc_with(&doc, &Limits::default()).unwrap_err();
    /// assert_eq!(
    ///     err.problems(),
    ///     [
    ///         r#"name: "shizhong-2011" is the built-in policy's name, but these rules differ from it: give the policy a name of its own"#,
    ///         r#"effective: expected a calendar date YYYY-MM-DD, got "2011-02-30""#,
    ///         r#"entitlements[2]: entitlement "annual_reward" is listed twice"#,
    ///     ]
    /// );
    /// ```
    pub fn from_doc_with(doc: &PolicyDoc, limits: &Limits) -> Result<Policy, PolicyError> {
        let mut problems = Vec::new();
        if doc.name == BUILT_IN_NAME && *doc != PolicyDoc::shizhong_2011() {
            problems.push(Problem::new(ProblemKind::Name, "name", format!("{BUILT_IN_NAME:?} is the built-in policy's name, but these rules differ from it: \
                 give the policy a name of its own"
            )));
        }
        for (key, value) in [("name", &doc.name), ("version", &doc.version)] {
            // The name and version go into every record and onto terminals: no control or format character.
            if let Some((at, c)) = crate::safety::bad_id_char(value) {
                problems.push(Problem::new(ProblemKind::Shape, key, format!("must not contain control or format characters, got {:?} (U+{:04X} at character {at})",
                    crate::safety::Shown(value),
                    u32::from(c)
                )));
            }
        }
        if !is_calendar_date(&doc.effective) {
            problems.push(Problem::new(
                ProblemKind::Shape,
                "effective",
                format!(
                    "expected a calendar date YYYY-MM-DD, got {:?}",
                    crate::safety::Shown(&doc.effective)
                ),
            ));
        }
        let compiled = Compiled::compile_with(doc, limits);
        let compiled = match compiled {
            Ok(c) if problems.is_empty() => c,
            Ok(_) => {
                limits.cap(&mut problems);
                return Err(PolicyError::new(problems));
            }
            Err(e) => {
                problems.extend(e);
                limits.cap(&mut problems);
                return Err(PolicyError::new(problems));
            }
        };
        Ok(Policy {
            inner: Arc::new(Loaded {
                doc: doc.clone(),
                compiled,
                hash: content_hash(doc),
            }),
        })
    }

    /// The document the policy was loaded from.
    ///
    /// ```
    /// let policy = talent_matrix::Policy::shizhong_2011();
    /// assert_eq!(policy.doc().version, "1.0.0");
    /// ```
    pub fn doc(&self) -> &PolicyDoc {
        &self.inner.doc
    }

    /// The policy's name, written in the `policy` field of every classification record.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Policy::default().name(), "shizhong-2011");
    /// ```
    pub fn name(&self) -> &str {
        &self.inner.doc.name
    }

    /// The policy's version.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Policy::default().version(), "1.0.0");
    /// ```
    pub fn version(&self) -> &str {
        &self.inner.doc.version
    }

    /// The content hash of the policy, `sha256:` and 64 hex digits: the SHA-256 of the document as compact
    /// JSON with keys in a fixed order, **without the entitlements' amounts** (`amount_yuan`, `per`). Two
    /// policies with the same hash have the same rules, word for word. The amounts are left out because they
    /// decide no classification, and the hash, which every record carries, names the rules that decided it: so
    /// the built-in policy's records stayed as they were when its annual reward gained its 60,000 yuan a year
    /// (DOMAIN.md §9.5). A matrix that totals amounts says which it used ([`Matrix::entitlement_amount`]).
    ///
    /// [`Matrix::entitlement_amount`]: crate::Matrix::entitlement_amount
    ///
    /// ```
    /// let hash = talent_matrix::Policy::default().hash().to_owned();
    /// assert_eq!(hash.len(), "sha256:".len() + 64);
    /// let mut doc = talent_matrix::Policy::default().doc().clone();
    /// doc.name = "shizhong-2011-revised".into();
    /// let renamed = talent_matrix::Policy::from_doc(&doc)?;
    /// assert_ne!(renamed.hash(), hash);
    /// // An amount changes no decision, and no hash.
    /// doc.entitlements[0].amount = Some(talent_matrix::policy::Amount { yuan: 80_000, per: talent_matrix::policy::Per::Year });
    /// assert_eq!(talent_matrix::Policy::from_doc(&doc)?.hash(), renamed.hash());
    /// # Ok::<(), talent_matrix::policy::PolicyError>(())
    /// ```
    pub fn hash(&self) -> &str {
        &self.inner.hash
    }

    /// What an entitlement is worth under this policy, where it says (DOMAIN.md §9.1); `None` for the built-in
    /// policy until its amount is settled (see `DESIGN.md`).
    ///
    /// ```
    /// use talent_matrix::policy::{Amount, Per, PolicyDoc};
    /// use talent_matrix::{Entitlement, Policy};
    /// let mut doc = PolicyDoc::shizhong_2011();
    /// doc.name = "with-amounts".into();
    /// doc.entitlements[0].amount = Some(Amount { yuan: 60_000, per: Per::Year });
    /// let policy = Policy::from_doc(&doc)?;
    /// assert_eq!(
    ///     policy.entitlement_amount(Entitlement::AnnualReward),
    ///     Some(Amount { yuan: 60_000, per: Per::Year })
    /// );
    /// assert_eq!(policy.entitlement_amount(Entitlement::FinanceApartmentPreference), None);
    /// # Ok::<(), talent_matrix::policy::PolicyError>(())
    /// ```
    pub fn entitlement_amount(&self, entitlement: Entitlement) -> Option<Amount> {
        let c = &self.inner.compiled;
        let i = c.entitlement_list.iter().position(|e| *e == entitlement)?;
        c.amounts.get(i).copied().flatten()
    }

    /// Parses a value of an open list under this policy (DOMAIN.md §9.1): a built-in value, or one the policy
    /// defines, by its code, a label or an alias, exactly as §2 parses built-in values.
    ///
    /// `FromStr` knows only the built-in values; a value a policy defines parses only where that policy is
    /// in force.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use talent_matrix::{Department, Lang, Policy, Tier, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-other-place.toml"))?)?;
    /// let d: Department = policy.parse("卫健局")?;
    /// assert_eq!(d.code(), "health_bureau");
    /// assert_eq!(d.label(Lang::ZhHant), "區衛生健康局");
    /// assert!("卫健局".parse::<Department>().is_err());
    /// assert_eq!(policy.parse::<Tier>("领军人才")?, Tier::Leader);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse<T: Open>(&self, input: &str) -> Result<T, crate::codes::ParseCodeError> {
        crate::codes::parse_open(input, &self.defined::<T>())
    }

    /// A serde seed that reads a value of an open list under this policy, as [`parse`](Self::parse) does: what
    /// reads back a record's `tier`, `lead` or `entitlements` that name values the policy defines (plain
    /// `Deserialize` knows only the built-in values).
    ///
    /// ```
    /// # #[cfg(all(feature = "toml", feature = "json"))] {
    /// use serde::de::DeserializeSeed;
    /// use talent_matrix::{Department, Policy, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-other-place.toml"))?)?;
    /// let bureau: Department = policy.parse("卫健局")?;
    /// let json = serde_json::to_string(&bureau)?;
    /// assert_eq!(json, r#""health_bureau""#);
    /// let back = policy.seed::<Department>().deserialize(&mut serde_json::Deserializer::from_str(&json))?;
    /// assert_eq!(back, bureau);
    /// assert!(serde_json::from_str::<Department>(&json).is_err());
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn seed<T: Open>(&self) -> ValueSeed<'_, T> {
        ValueSeed {
            policy: self,
            marker: core::marker::PhantomData,
        }
    }

    /// Every value of an open list under this policy: the built-in values, then the ones it defines, in its
    /// order (DOMAIN.md §9.1).
    ///
    /// ```
    /// use talent_matrix::{Department, Policy};
    /// assert_eq!(Policy::default().values::<Department>(), Department::ALL);
    /// ```
    pub fn values<T: Open>(&self) -> Vec<T> {
        T::ALL.iter().copied().chain(self.defined::<T>()).collect()
    }

    /// The values of an open list the policy defines.
    fn defined<T: Open>(&self) -> Vec<T> {
        let v = &self.inner.compiled.vocab;
        let of: Vec<crate::codes::Defined> = match T::KIND {
            "department" => v.departments.iter().filter_map(|d| d.defined()).collect(),
            "specialty" => v.specialties.iter().filter_map(|d| d.defined()).collect(),
            "tier" => v.tiers.iter().filter_map(|d| d.defined()).collect(),
            "entitlement" => v.entitlements.iter().filter_map(|d| d.defined()).collect(),
            _ => v.services.iter().filter_map(|d| d.defined()).collect(),
        };
        of.into_iter().map(T::from_defined).collect()
    }

    /// The tiers the policy uses, highest first: its `tier_order`, else leader, high_end, elite (DOMAIN.md
    /// §9.1). Every ladder lists its tiers in this order; the matrix's columns follow it.
    ///
    /// ```
    /// use talent_matrix::{Policy, Tier};
    /// assert_eq!(Policy::default().tier_order(), [Tier::Leader, Tier::HighEnd, Tier::Elite]);
    /// ```
    pub fn tier_order(&self) -> &[Tier] {
        &self.inner.compiled.vocab.tier_order
    }

    /// How high a tier ranks under this policy: 0 for the highest of its [`tier_order`](Self::tier_order);
    /// `None` for a tier it does not use. Compare tiers of a policy that defines its own by this, not by `Ord`
    /// (which orders the built-in tiers, and puts defined ones after them).
    ///
    /// ```
    /// use talent_matrix::{Policy, Tier};
    /// let p = Policy::default();
    /// assert!(p.tier_rank(Tier::Leader) < p.tier_rank(Tier::Elite));
    /// ```
    pub fn tier_rank(&self, tier: Tier) -> Option<usize> {
        self.tier_order().iter().position(|t| *t == tier)
    }

    /// The lead department (主管部门) of a stream; `None` for a stream the policy does not define.
    ///
    /// ```
    /// use talent_matrix::{Department, Policy, Stream};
    /// assert_eq!(Policy::default().lead(Stream::PartyGovernment), Some(Department::OrganizationDepartment));
    /// ```
    pub fn lead(&self, stream: Stream) -> Option<Department> {
        self.inner.compiled.stream(stream).map(|s| s.lead)
    }

    /// The stream whose own post a post is under this policy (DOMAIN.md §4.2: the primary stream when the
    /// person qualifies for it); `None` for a post no stream lists (the built-in policy: [`Post::Other`]).
    ///
    /// ```
    /// use talent_matrix::{Policy, Post, Stream};
    /// let policy = Policy::default();
    /// assert_eq!(policy.own_stream(Post::SkilledTrade), Some(Stream::HighSkilled));
    /// assert_eq!(policy.own_stream(Post::Community), Some(Stream::SocialWork));
    /// assert_eq!(policy.own_stream(Post::Other), None);
    /// ```
    pub fn own_stream(&self, post: Post) -> Option<Stream> {
        self.inner.compiled.own_stream(post)
    }

    /// The lead department of a specialty, which replaces the stream's lead; `None` if the policy has no such
    /// specialty.
    ///
    /// ```
    /// use talent_matrix::{Department, Policy, Specialty};
    /// assert_eq!(Policy::default().specialty_lead(Specialty::FinanceCommerce), Some(Department::FinancialOffice));
    /// ```
    pub fn specialty_lead(&self, specialty: Specialty) -> Option<Department> {
        self.inner.compiled.specialty(specialty).map(|s| s.lead)
    }

    /// The departments that manage a tier of a stream's ladder, in order (empty if there is no such tier).
    ///
    /// ```
    /// use talent_matrix::{Department, Policy, Stream, Tier};
    /// assert_eq!(
    ///     Policy::default().tier_departments(Stream::EnterpriseManagement, Tier::Elite),
    ///     [Department::PrivateEconomyBureau, Department::FederationOfIndustryCommerce]
    /// );
    /// ```
    pub fn tier_departments(&self, stream: Stream, tier: Tier) -> &[Department] {
        self.ladder(stream)
            .iter()
            .find(|t| t.tier == tier)
            .map_or(&[], |t| t.managed_by.as_slice())
    }

    /// Whether the policy defines a tier ladder for a stream (DOMAIN.md §4.4: only enterprise management
    /// talent under the built-in policy).
    ///
    /// ```
    /// use talent_matrix::{Policy, Stream};
    /// assert!(!Policy::default().has_ladder(Stream::SocialWork));
    /// ```
    pub fn has_ladder(&self, stream: Stream) -> bool {
        !self.ladder(stream).is_empty()
    }

    /// The tiers of a stream's ladder, highest first.
    ///
    /// ```
    /// use talent_matrix::{Policy, Stream, Tier};
    /// assert_eq!(Policy::default().tiers(Stream::EnterpriseManagement), [Tier::Leader, Tier::HighEnd, Tier::Elite]);
    /// ```
    pub fn tiers(&self, stream: Stream) -> Vec<Tier> {
        self.ladder(stream).iter().map(|t| t.tier).collect()
    }

    pub(crate) fn ladder(&self, stream: Stream) -> &[compile::CompiledTier] {
        self.inner.compiled.ladder(stream)
    }

    pub(crate) fn compiled(&self) -> &Compiled {
        &self.inner.compiled
    }

    /// The enterprise facts of a profile under this policy (DOMAIN.md §5): a stated size or above-size status
    /// wins; otherwise each is derived from the industry and the numbers by the policy's thresholds.
    ///
    /// ```
    /// use talent_matrix::{EnterpriseSize, Industry, Policy, Post, Profile, Wan};
    /// let p = Profile::builder("E-1", Post::Enterprise)
    ///     .industry(Industry::Industry)
    ///     .employees(350)
    ///     .revenue_wan(Wan::from_wan(2500))
    ///     .build()?;
    /// let facts = Policy::default().enterprise_facts(&p);
    /// assert_eq!(facts.size(), Some(EnterpriseSize::Medium));
    /// assert_eq!(facts.above_designated_size(), Some(true));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn enterprise_facts(&self, profile: &Profile) -> EnterpriseFacts {
        self.inner.compiled.enterprise_facts(profile)
    }

    /// The bounds of the size classes (large, medium, small) of an industry under this policy's size
    /// standard; `None` where the size is not derivable and must be stated (the built-in policy: finance,
    /// which the 2011 standard leaves to its own).
    ///
    /// ```
    /// use talent_matrix::enterprise::{Bound, Indicator};
    /// use talent_matrix::{Industry, Policy};
    /// let policy = Policy::default();
    /// let [large, medium, _] = policy.size_classes(Industry::Industry).expect("industry has a row");
    /// assert_eq!(large, [Bound::employees(1000), Bound::wan(Indicator::Revenue, 40000)]);
    /// assert_eq!(medium, [Bound::employees(300), Bound::wan(Indicator::Revenue, 2000)]);
    /// assert_eq!(policy.size_classes(Industry::Finance), None);
    /// ```
    pub fn size_classes(&self, industry: Industry) -> Option<[&[Bound]; 3]> {
        per_code(&self.inner.compiled.size_standard, industry)
            .as_ref()
            .map(|[l, m, s]| [l.as_slice(), m.as_slice(), s.as_slice()])
    }

    /// The above-designated-size rule of an industry under this policy.
    ///
    /// ```
    /// use talent_matrix::enterprise::AboveSizeRule;
    /// use talent_matrix::{Industry, Policy, Wan};
    /// assert_eq!(Policy::default().above_rule(Industry::Retail), AboveSizeRule::Revenue(Wan::from_wan(500)));
    /// ```
    pub fn above_rule(&self, industry: Industry) -> AboveSizeRule {
        *per_code(&self.inner.compiled.above, industry)
    }
}

impl Default for Policy {
    /// The built-in policy, [`Policy::shizhong_2011`].
    fn default() -> Self {
        Policy::shizhong_2011()
    }
}

/// `sha256:` and the hex SHA-256 of the document as compact JSON, the entitlements' amounts left out (see
/// [`Policy::hash`]).
fn content_hash(doc: &PolicyDoc) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    let mut deciding = doc.clone();
    for e in &mut deciding.entitlements {
        e.amount = None;
    }
    let digest = Sha256::digest(deciding.to_raw().to_string().as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Reads a value of an open list with serde under a policy: see [`Policy::seed`].
#[cfg(feature = "serde")]
#[derive(Debug, Clone, Copy)]
pub struct ValueSeed<'p, T> {
    policy: &'p Policy,
    marker: core::marker::PhantomData<fn() -> T>,
}

#[cfg(feature = "serde")]
impl<'de, T: Open> serde::de::DeserializeSeed<'de> for ValueSeed<'_, T> {
    type Value = T;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        self.policy.parse(&text).map_err(serde::de::Error::custom)
    }
}
