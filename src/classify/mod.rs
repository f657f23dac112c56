//! [`classify`] and [`Classification`]: the decision for one person (DOMAIN.md §4, §6).
//!
//! Classification is a pure function of (policy, profile). It returns compact values (code sets, a borrowed
//! department slice, three-valued tier checks) and allocates nothing; the sentences of the reasons and the JSON
//! record are rendered only when asked ([`Classification::reasons`], `Serialize`).
//!
//! The procedure of §4 is written once (`procedure`), over an evaluator of conditions (`eval`): the policy's
//! rows, which answer every condition at once, or its clauses, for a policy with too many conditions for rows.

mod eval;
mod prepared;
mod procedure;

pub use prepared::Prepared;

use crate::codes::{
    CodeSet, Department, EnterpriseSize, Entitlement, Industry, MissingFact, Service, Specialty,
    Stream, Tier, Values,
};
use crate::enterprise::EnterpriseFacts;
use crate::facts::Facts;
use crate::policy::Policy;
use crate::profile::Profile;

/// Classifies a profile under the built-in policy `shizhong-2011`.
///
/// The same as `Policy::shizhong_2011().classify(profile)`, without building a policy value.
///
/// ```
/// use talent_matrix::{classify, Contribution, Department, Industry, Performance, Post, Profile, Role, Specialty,
///     Stream, Tier};
///
/// let p = Profile::builder("P-001", Post::Enterprise)
///     .role(Role::Principal)
///     .industry(Industry::Finance)
///     .performance(Performance::Outstanding)
///     .contribution(Contribution::Major)
///     .build()?;
/// let c = classify(&p);
/// assert_eq!(c.stream(), Some(Stream::EnterpriseManagement));
/// assert_eq!(c.specialty(), Some(Specialty::FinanceCommerce));
/// assert_eq!(c.tier(), Some(Tier::Leader));
/// assert_eq!(c.lead(), Some(Department::FinancialOffice));
/// assert_eq!(
///     c.managed_by().to_vec(),
///     [Department::FinanceBureau, Department::CommerceBureau, Department::FinancialOffice]
/// );
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
pub fn classify(profile: &Profile) -> Classification<'_> {
    classify_with(crate::policy::built_in(), profile)
}

/// Classifying is the engine's; the policy is the rules it applies (so the policy does not import the engine).
impl Policy {
    /// Classifies a profile under this policy. See [`Classification`].
    ///
    /// ```
    /// use talent_matrix::{Policy, Post, Profile, Stream};
    /// let p = Profile::builder("1", Post::PartyGovernment).build()?;
    /// assert_eq!(Policy::default().classify(&p).stream(), Some(Stream::PartyGovernment));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn classify<'a>(&'a self, profile: &'a Profile) -> Classification<'a> {
        classify_with(self, profile)
    }
}

/// The truth of each tier's condition (three-valued), bit `i` for the `i`-th tier of the stream's ladder
/// (highest first; a ladder has at most 15 tiers, the values of the decided tier); only for a stream with a
/// ladder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct TierChecks {
    /// The tiers whose condition is not open.
    known: u16,
    /// The tiers whose condition is true.
    truth: u16,
}

impl TierChecks {
    /// Notes the truth of the ladder's `i`-th tier.
    #[inline]
    pub(crate) fn set(&mut self, i: usize, value: Option<bool>) {
        let bit = 1u16 << (i % 16);
        match value {
            Some(v) => {
                self.known |= bit;
                if v {
                    self.truth |= bit;
                }
            }
            None => {
                self.known &= !bit;
                self.truth &= !bit;
            }
        }
    }

    /// The truth of the ladder's `i`-th tier.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<bool> {
        let bit = 1u16 << (i % 16);
        (self.known & bit != 0).then_some(self.truth & bit != 0)
    }
}

/// The decision for one person: primary stream, specialty, tier, departments, entitlements, services, missing
/// facts, and the reasons for each (DOMAIN.md §6).
///
/// Borrows the profile and the policy; `Copy`. With the `serde` feature it serializes to exactly the §6 record
/// (`id`, `stream`, `specialty`, `tier`, `lead`, `managed_by`, `also_qualifies`, `enterprise_size`,
/// `above_designated_size`, `entitlements`, `services`, `missing_facts`, `reasons`, `policy`), followed by
/// `policy_hash`, the content hash of the policy that decided ([`Policy::hash`]), so that every decision can
/// be traced to the exact rules that made it.
///
/// ```
/// use talent_matrix::{classify, MissingFact, Post, Profile, Role, Stream};
///
/// let p = Profile::builder("E-3", Post::Enterprise).role(Role::SeniorManager).build()?;
/// let c = classify(&p);
/// assert_eq!(c.stream(), Some(Stream::EnterpriseManagement));
/// assert_eq!(c.tier(), None);
/// // Without an industry the specialty and the high-end tier are open.
/// assert_eq!(
///     c.missing_facts().iter().collect::<Vec<_>>(),
///     [MissingFact::Industry, MissingFact::AboveDesignatedSize]
/// );
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Classification<'a> {
    profile: &'a Profile,
    policy: &'a Policy,
    facts: EnterpriseFacts,
    decided: Decided<'a>,
}

/// What DOMAIN.md §4 decides from the facts its conditions read (§4.1 to §4.5, the entitlements of §4.6, §4.7):
/// the same for every profile whose facts are in alike states, so a [`Prepared`] policy can look it up instead
/// of deciding it again. The enterprise facts and the services (read from the profile alone) sit beside it in
/// [`Classification`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Decided<'a> {
    stream: Option<Stream>,
    also: CodeSet<Stream>,
    specialty: Option<Specialty>,
    tier: Option<Tier>,
    checks: Option<TierChecks>,
    lead: Option<Department>,
    managed_by: ManagedBy<'a>,
    /// Bit `i` for the policy's `i`-th entitlement.
    entitlements: u64,
    missing: CodeSet<MissingFact>,
}

impl Decided<'_> {
    pub(crate) fn stream(&self) -> Option<Stream> {
        self.stream
    }

    pub(crate) fn specialty(&self) -> Option<Specialty> {
        self.specialty
    }

    pub(crate) fn tier(&self) -> Option<Tier> {
        self.tier
    }
}

/// Classifies with a policy: from its rows where it has them (at most 64 conditions), else clause by clause.
#[inline]
pub(crate) fn classify_with<'a>(policy: &'a Policy, p: &'a Profile) -> Classification<'a> {
    let c = policy.compiled();
    let enterprise = c.enterprise_facts(p);
    let decided = match &c.rows {
        Some(rows) => procedure::decide(policy, p.post(), eval::ByRow::new(rows, p, &enterprise)),
        None => procedure::decide(
            policy,
            p.post(),
            eval::ByClause::new(p, &enterprise, &policy.compiled().slots),
        ),
    };
    Classification::new(policy, p, enterprise, decided)
}

impl<'a> Classification<'a> {
    /// A classification from what was decided, with the profile's enterprise facts and its services (by the
    /// introduction level alone, DOMAIN.md §4.6).
    #[inline]
    fn new(
        policy: &'a Policy,
        profile: &'a Profile,
        facts: EnterpriseFacts,
        decided: Decided<'a>,
    ) -> Classification<'a> {
        Classification {
            profile,
            policy,
            facts,
            decided,
        }
    }
}

impl<'a> Classification<'a> {
    /// The profile that was classified.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("X-1", Post::Other).build()?;
    /// assert_eq!(classify(&p).profile().id(), "X-1");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn profile(&self) -> &'a Profile {
        self.profile
    }

    /// The policy that decided.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("X-1", Post::Other).build()?;
    /// assert_eq!(classify(&p).policy().name(), "shizhong-2011");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn policy(&self) -> &'a Policy {
        self.policy
    }

    /// The roster id of the person.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("X-1", Post::Other).build()?;
    /// assert_eq!(classify(&p).id(), "X-1");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn id(&self) -> &'a str {
        self.profile.id()
    }

    /// The primary stream; `None` when the person is not counted as talent (DOMAIN.md §4.2).
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile, Role};
    /// let p = Profile::builder("X-1", Post::Enterprise).role(Role::Staff).build()?;
    /// assert_eq!(classify(&p).stream(), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn stream(&self) -> Option<Stream> {
        self.decided.stream
    }

    /// Whether the person is counted as talent (has a primary stream).
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("X-1", Post::PartyGovernment).build()?;
    /// assert!(classify(&p).is_talent());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn is_talent(&self) -> bool {
        self.decided.stream.is_some()
    }

    /// The other streams the person qualifies for, in canonical order (counted once, under `stream`).
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile, ProfessionalTitle, Stream};
    /// let p = Profile::builder("X-1", Post::PartyGovernment)
    ///     .professional_title(ProfessionalTitle::Intermediate)
    ///     .build()?;
    /// assert_eq!(classify(&p).also_qualifies().iter().collect::<Vec<_>>(), [Stream::ProfessionalTechnical]);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn also_qualifies(&self) -> CodeSet<Stream> {
        self.decided.also
    }

    /// The specialty, when one applies (DOMAIN.md §4.3); it always refines [`stream`](Self::stream).
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile, Specialty};
    /// let p = Profile::builder("C-1", Post::Community).build()?;
    /// assert_eq!(classify(&p).specialty(), Some(Specialty::CommunityWorker));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn specialty(&self) -> Option<Specialty> {
        self.decided.specialty
    }

    /// The tier, for a stream with a ladder: the highest whose condition is true (DOMAIN.md §4.4).
    ///
    /// ```
    /// use talent_matrix::{classify, EnterpriseSize, Post, Profile, Role, Tier};
    /// let p = Profile::builder("E-1", Post::Enterprise)
    ///     .role(Role::Owner)
    ///     .enterprise_size(EnterpriseSize::Small)
    ///     .potential(true)
    ///     .build()?;
    /// assert_eq!(classify(&p).tier(), Some(Tier::Elite));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn tier(&self) -> Option<Tier> {
        self.decided.tier
    }

    /// The truth of a tier's condition: `Some(true)`, `Some(false)`, or `None` when it is open; `None` as well
    /// for a stream without a ladder (see [`has_ladder`](Self::has_ladder)).
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile, Role, Tier};
    /// let p = Profile::builder("E-1", Post::Enterprise).role(Role::MiddleManager).build()?;
    /// let c = classify(&p);
    /// assert_eq!(c.tier_condition(Tier::Leader), Some(false));
    /// assert_eq!(c.tier_condition(Tier::HighEnd), None); // above designated size is not known
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn tier_condition(&self, tier: Tier) -> Option<bool> {
        let checks = self.decided.checks?;
        let ladder = self
            .decided
            .stream
            .map_or(&[][..], |s| self.policy.compiled().ladder(s));
        // A tier the ladder does not have is false.
        match ladder.iter().position(|t| t.tier == tier) {
            Some(i) => checks.get(i),
            None => Some(false),
        }
    }

    /// Whether the primary stream has a tier ladder under the policy.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("S-1", Post::SocialWork).build()?;
    /// assert!(!classify(&p).has_ladder());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn has_ladder(&self) -> bool {
        self.decided.checks.is_some()
    }

    /// The lead department of the stream, or of the specialty when there is one (DOMAIN.md §4.5).
    ///
    /// ```
    /// use talent_matrix::{classify, Department, Post, Profile};
    /// let p = Profile::builder("S-1", Post::SocialWork).build()?;
    /// assert_eq!(classify(&p).lead(), Some(Department::CivilAffairsBureau));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn lead(&self) -> Option<Department> {
        self.decided.lead
    }

    /// The departments that manage the person (DOMAIN.md §4.5): the tier's list followed by the specialty's
    /// lead when not already listed; else the lead alone; empty when not talent.
    ///
    /// ```
    /// use talent_matrix::{classify, Department, Industry, Post, Profile, Role};
    /// let p = Profile::builder("E-1", Post::Enterprise)
    ///     .role(Role::MiddleManager)
    ///     .industry(Industry::Finance)
    ///     .above_designated_size(true)
    ///     .build()?;
    /// assert_eq!(
    ///     classify(&p).managed_by().to_vec(),
    ///     [Department::EconomyInformationBureau, Department::Sasac, Department::FinancialOffice]
    /// );
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn managed_by(&self) -> ManagedBy<'a> {
        self.decided.managed_by
    }

    /// The size class of the employer, when known (stated or derived, whatever the stream).
    ///
    /// ```
    /// use talent_matrix::{classify, EnterpriseSize, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).enterprise_size(EnterpriseSize::Medium).build()?;
    /// assert_eq!(classify(&p).enterprise_size(), Some(EnterpriseSize::Medium));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn enterprise_size(&self) -> Option<EnterpriseSize> {
        self.facts.size()
    }

    /// Whether the employer is above designated size, when known (stated or derived, whatever the stream).
    ///
    /// ```
    /// use talent_matrix::{classify, Industry, Post, Profile, Wan};
    /// let p = Profile::builder("1", Post::Enterprise)
    ///     .industry(Industry::Industry)
    ///     .revenue_wan(Wan::from_wan(2000))
    ///     .build()?;
    /// assert_eq!(classify(&p).above_designated_size(), Some(true));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn above_designated_size(&self) -> Option<bool> {
        self.facts.above_designated_size()
    }

    /// The enterprise facts with where they come from (stated or derived).
    ///
    /// ```
    /// use talent_matrix::enterprise::Basis;
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::Enterprise).above_designated_size(false).build()?;
    /// assert_eq!(classify(&p).enterprise_facts().above_basis(), Some(Basis::Stated));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn enterprise_facts(&self) -> EnterpriseFacts {
        self.facts
    }

    /// The entitlements (DOMAIN.md §4.6), in the order of the policy's `[[entitlements]]` (DOMAIN.md §9.2).
    ///
    /// ```
    /// use talent_matrix::{classify, Contribution, Industry, Post, Profile, Role};
    /// let p = Profile::builder("F-1", Post::Enterprise)
    ///     .role(Role::Staff)
    ///     .industry(Industry::Finance)
    ///     .contribution(Contribution::Major)
    ///     .build()?;
    /// assert!(classify(&p).entitlements().is_empty()); // staff are not talent
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn entitlements(&self) -> Values<'a, Entitlement> {
        Values::new(
            self.decided.entitlements,
            &self.policy.compiled().entitlement_list,
        )
    }

    /// The 百千万 services (DOMAIN.md §4.6), for anyone with an introduction level, talent or not.
    ///
    /// ```
    /// use talent_matrix::{classify, IntroductionLevel, Post, Profile, Service};
    /// let p = Profile::builder("1", Post::Other)
    ///     .introduction_level(IntroductionLevel::Thousand)
    ///     .build()?;
    /// assert_eq!(classify(&p).services().iter().collect::<Vec<_>>(), [Service::SupportAndReward]);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn services(&self) -> Values<'a, Service> {
        let policy: &'a Policy = self.policy;
        self.profile
            .introduction_level()
            .map_or_else(Values::none, |l| {
                Values::all(policy.compiled().services_of(l))
            })
    }

    /// The facts whose absence leaves a decision open (DOMAIN.md §4.7), in that order.
    ///
    /// ```
    /// use talent_matrix::{classify, MissingFact, Post, Profile};
    /// let p = Profile::builder("1", Post::SkilledTrade).build()?;
    /// assert_eq!(classify(&p).missing_facts().iter().collect::<Vec<_>>(), [MissingFact::SkillLevel]);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn missing_facts(&self) -> CodeSet<MissingFact> {
        self.decided.missing
    }

    /// The indicators of the policy whose numbers are missing (DOMAIN.md §9.3): absent, and leaving open an
    /// eligibility condition, a specialty condition of the person's stream, a condition of a tier above the
    /// one reached, or an entitlement's condition. By code, in the order of the policy's `[[indicators]]`; the
    /// record's `missing_facts` lists them after [`missing_facts`](Self::missing_facts). None under a policy
    /// without indicators.
    ///
    /// ```
    /// # #[cfg(all(feature = "toml", feature = "json"))] {
    /// use talent_matrix::{Policy, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-facts.toml"))?)?;
    /// let p = policy.profile_from_json(r#"{"id":"1","post":"professional_technical","professional_title":"senior"}"#)?;
    /// assert_eq!(policy.classify(&p).missing_indicators().collect::<Vec<_>>(), ["papers"]);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn missing_indicators(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let bits =
            procedure::open_indicators(self.policy, self.profile, &self.facts, &self.decided);
        let slots = &self.policy.compiled().slots;
        (0..32usize)
            .filter(move |i| bits & (1 << i) != 0)
            .filter_map(move |i| slots.indicator(i).map(|d| d.code.as_str()))
    }

    /// The person's facts with the decisions taken: what the reasons' sentences are written from.
    pub(crate) fn facts(&self) -> Facts {
        Facts::of_decided(
            self.profile,
            &self.facts,
            &self.policy.compiled().slots,
            self.decided.stream,
            self.decided.specialty,
            self.decided.tier,
        )
    }

    pub(crate) fn industry(&self) -> Option<Industry> {
        self.profile.industry()
    }
}

/// The departments managing a person: a tier's list from the policy, then possibly one more department (the
/// specialty's lead, or the lead alone when there is no tier). No duplicates; iterated in that order.
///
/// ```
/// use talent_matrix::{classify, Department, Post, Profile};
/// let p = Profile::builder("1", Post::Rural).build()?;
/// assert!(classify(&p).managed_by().is_empty()); // a rural worker without a rural role is not talent
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ManagedBy<'a> {
    list: &'a [Department],
    extra: Option<Department>,
}

impl<'a> ManagedBy<'a> {
    /// The departments, in order.
    ///
    /// ```
    /// use talent_matrix::{classify, Department, Post, Profile};
    /// let p = Profile::builder("1", Post::PartyGovernment).build()?;
    /// assert_eq!(classify(&p).managed_by().iter().collect::<Vec<_>>(), [Department::OrganizationDepartment]);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Department> + 'a {
        self.into_iter()
    }

    /// The number of departments.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::PartyGovernment).build()?;
    /// assert_eq!(classify(&p).managed_by().len(), 1);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.list.len() + usize::from(self.extra.is_some())
    }

    /// Whether no department manages the person (they are not talent).
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert!(classify(&p).managed_by().is_empty());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether a department is among them.
    ///
    /// ```
    /// use talent_matrix::{classify, Department, Post, Profile};
    /// let p = Profile::builder("1", Post::Community).build()?;
    /// assert!(classify(&p).managed_by().contains(Department::CivilAffairsBureau));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn contains(&self, department: Department) -> bool {
        self.list.contains(&department) || self.extra == Some(department)
    }

    /// The departments as a vector.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert!(classify(&p).managed_by().to_vec().is_empty());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn to_vec(&self) -> Vec<Department> {
        self.iter().collect()
    }
}

impl<'a> IntoIterator for ManagedBy<'a> {
    type Item = Department;
    type IntoIter = ManagedByIter<'a>;
    fn into_iter(self) -> ManagedByIter<'a> {
        ManagedByIter {
            list: self.list.iter(),
            extra: self.extra,
        }
    }
}

/// The iterator of [`ManagedBy`].
///
/// ```
/// use talent_matrix::{classify, Department, Post, Profile};
/// let p = Profile::builder("1", Post::Community).build()?;
/// let mut it = classify(&p).managed_by().into_iter();
/// assert_eq!(it.next(), Some(Department::CivilAffairsBureau));
/// assert_eq!(it.next(), None);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ManagedByIter<'a> {
    list: core::slice::Iter<'a, Department>,
    extra: Option<Department>,
}

impl Iterator for ManagedByIter<'_> {
    type Item = Department;
    fn next(&mut self) -> Option<Department> {
        self.list.next().copied().or_else(|| self.extra.take())
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.list.len() + usize::from(self.extra.is_some());
        (n, Some(n))
    }
}

impl ExactSizeIterator for ManagedByIter<'_> {}
impl core::iter::FusedIterator for ManagedByIter<'_> {}

#[cfg(feature = "serde")]
impl serde::Serialize for ManagedBy<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(*self)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Classification<'_> {
    /// The DOMAIN.md §6 record, fields in the contract's order.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Classification", 15)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("stream", &self.decided.stream)?;
        s.serialize_field("specialty", &self.decided.specialty)?;
        s.serialize_field("tier", &self.decided.tier)?;
        s.serialize_field("lead", &self.decided.lead)?;
        s.serialize_field("managed_by", &self.decided.managed_by)?;
        s.serialize_field("also_qualifies", &self.decided.also)?;
        s.serialize_field("enterprise_size", &self.facts.size())?;
        s.serialize_field("above_designated_size", &self.facts.above_designated_size())?;
        s.serialize_field("entitlements", &self.entitlements())?;
        s.serialize_field("services", &self.services())?;
        if self.missing_indicators().next().is_none() {
            s.serialize_field("missing_facts", &self.decided.missing)?;
        } else {
            let mut names: Vec<&str> = Vec::new();
            for m in self.decided.missing.iter() {
                names.push(crate::codes::Coded::code(m));
            }
            names.extend(self.missing_indicators());
            s.serialize_field("missing_facts", &names)?;
        }
        s.serialize_field("reasons", &ReasonList(self))?;
        s.serialize_field("policy", self.policy.name())?;
        s.serialize_field("policy_hash", self.policy.hash())?;
        s.end()
    }
}

#[cfg(feature = "serde")]
struct ReasonList<'c, 'a>(&'c Classification<'a>);

#[cfg(feature = "serde")]
impl serde::Serialize for ReasonList<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.reasons())
    }
}
