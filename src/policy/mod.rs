//! [`Policy`]: the rule set that classifies, and the built-in `shizhong-2011` (DOMAIN.md §4).
//!
//! A policy holds what a district may change without changing the scheme: its name, the lead department of
//! each stream and specialty, the departments of each tier, which streams have a tier ladder, and the industries
//! of the finance and commerce specialty. The rules themselves (eligibility, primary stream, tier conditions,
//! entitlements, services, missing facts) are those of DOMAIN.md §4, each cited where it is decided
//! (`classify.rs`). Writing and loading policies of one's own is the policies-as-data work; for now the
//! built-in policy is the one there is.

use crate::{CodeSet, Department, Industry, Profile, Specialty, Stream, Tier};

// Compiled policies are checked against the built-in one here; `Policy` is not yet built on them.
#[allow(dead_code)]
mod compile;
mod doc;

pub use doc::{
    AboveDoc, Allowed, BoundsDoc, ClauseValue, Condition, DocError, EntitlementDoc, LadderDoc,
    PolicyDoc, ServiceDoc, SizeRowDoc, SpecialtyDoc, StreamDoc, TierDoc,
};

/// A classification policy: the departments and choices that the rules of DOMAIN.md §4 are applied with.
///
/// [`Policy::shizhong_2011`] (also [`Default`]) is the scheme of the seed, with the policy defaults of
/// DOMAIN.md marked as such in the docs of each accessor.
///
/// ```
/// use talent_matrix::{Department, Policy, Stream, Tier};
///
/// let policy = Policy::shizhong_2011();
/// assert_eq!(policy.name(), "shizhong-2011");
/// assert_eq!(policy.lead(Stream::SocialWork), Department::CivilAffairsBureau);
/// assert_eq!(
///     policy.tier_departments(Tier::HighEnd),
///     [Department::EconomyInformationBureau, Department::Sasac]
/// );
/// assert!(policy.has_ladder(Stream::EnterpriseManagement));
/// assert!(!policy.has_ladder(Stream::ProfessionalTechnical));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Policy {
    name: &'static str,
    stream_leads: [Department; Stream::ALL.len()],
    specialty_leads: [Department; Specialty::ALL.len()],
    tier_departments: [&'static [Department]; Tier::ALL.len()],
    ladders: CodeSet<Stream>,
    finance_industries: CodeSet<Industry>,
}

/// The built-in policy, as a static so that [`classify`](crate::classify) borrows it for free.
pub(crate) static SHIZHONG_2011: Policy = Policy {
    name: "shizhong-2011",
    // DOMAIN.md §4.5 [policy default, national patterns], in the canonical stream order.
    stream_leads: [
        Department::OrganizationDepartment,
        Department::EconomyInformationBureau,
        Department::HumanResourcesBureau,
        Department::HumanResourcesBureau,
        Department::CivilAffairsBureau,
        Department::AgricultureBureau,
    ],
    // DOMAIN.md §4.5: finance_commerce → financial_office, community_worker → civil_affairs_bureau.
    specialty_leads: [Department::FinancialOffice, Department::CivilAffairsBureau],
    // DOMAIN.md §4.4 table, managed_by column, by tier from elite up. [seed] 由民營局、工商聯等部門管理;
    // 由經信局、國資委等部門管理; 由財政、商務、金融等部門管理.
    tier_departments: [
        &[
            Department::PrivateEconomyBureau,
            Department::FederationOfIndustryCommerce,
        ],
        &[Department::EconomyInformationBureau, Department::Sasac],
        &[
            Department::FinanceBureau,
            Department::CommerceBureau,
            Department::FinancialOffice,
        ],
    ],
    // DOMAIN.md §4.4: only enterprise management talent has tiers under this policy.
    ladders: CodeSet::from_bits(1 << Stream::EnterpriseManagement.index()),
    // DOMAIN.md §4.3: finance and leasing and business services [seed: refinement by industry; the industry
    // set is a policy default].
    finance_industries: CodeSet::from_bits(
        (1 << Industry::Finance.index()) | (1 << Industry::LeasingBusinessServices.index()),
    ),
};

impl Policy {
    /// The built-in policy `shizhong-2011`: the scheme of the seed document, DOMAIN.md §4.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Policy::shizhong_2011(), talent_matrix::Policy::default());
    /// ```
    pub fn shizhong_2011() -> Policy {
        SHIZHONG_2011.clone()
    }

    /// The policy's name, written in the `policy` field of every classification record.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Policy::default().name(), "shizhong-2011");
    /// ```
    pub fn name(&self) -> &str {
        self.name
    }

    /// The lead department (主管部门) of a stream (DOMAIN.md §4.5) [policy default, national patterns].
    ///
    /// ```
    /// use talent_matrix::{Department, Policy, Stream};
    /// assert_eq!(Policy::default().lead(Stream::PartyGovernment), Department::OrganizationDepartment);
    /// ```
    pub fn lead(&self, stream: Stream) -> Department {
        self.stream_leads
            .get(stream.index())
            .copied()
            .unwrap_or(Department::OrganizationDepartment)
    }

    /// The lead department of a specialty, which replaces the stream's lead (DOMAIN.md §4.5).
    ///
    /// ```
    /// use talent_matrix::{Department, Policy, Specialty};
    /// assert_eq!(Policy::default().specialty_lead(Specialty::FinanceCommerce), Department::FinancialOffice);
    /// ```
    pub fn specialty_lead(&self, specialty: Specialty) -> Department {
        self.specialty_leads
            .get(specialty.index())
            .copied()
            .unwrap_or_else(|| self.lead(specialty.parent()))
    }

    /// The departments that manage a tier, in the order of the DOMAIN.md §4.4 table (\[seed\]).
    ///
    /// ```
    /// use talent_matrix::{Department, Policy, Tier};
    /// assert_eq!(
    ///     Policy::default().tier_departments(Tier::Elite),
    ///     [Department::PrivateEconomyBureau, Department::FederationOfIndustryCommerce]
    /// );
    /// ```
    pub fn tier_departments(&self, tier: Tier) -> &[Department] {
        self.tier_departments
            .get(tier.index())
            .copied()
            .unwrap_or(&[])
    }

    /// Whether the policy defines a tier ladder for a stream (DOMAIN.md §4.4: only enterprise management
    /// talent under the built-in policy).
    ///
    /// ```
    /// use talent_matrix::{Policy, Stream};
    /// assert!(!Policy::default().has_ladder(Stream::SocialWork));
    /// ```
    pub fn has_ladder(&self, stream: Stream) -> bool {
        self.ladders.contains(stream)
    }

    /// The industries whose enterprise management talent is finance and commerce talent (DOMAIN.md §4.3:
    /// finance, and leasing and business services) \[policy default\].
    ///
    /// ```
    /// use talent_matrix::{Industry, Policy};
    /// let set = Policy::default().finance_industries();
    /// assert_eq!(set.iter().collect::<Vec<_>>(), [Industry::LeasingBusinessServices, Industry::Finance]);
    /// ```
    pub fn finance_industries(&self) -> CodeSet<Industry> {
        self.finance_industries
    }

    /// Classifies a profile under this policy. See [`Classification`](crate::Classification).
    ///
    /// ```
    /// use talent_matrix::{Policy, Post, Profile, Stream};
    /// let p = Profile::builder("1", Post::PartyGovernment).build()?;
    /// assert_eq!(Policy::default().classify(&p).stream(), Some(Stream::PartyGovernment));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn classify<'a>(&'a self, profile: &'a Profile) -> crate::Classification<'a> {
        crate::classify::classify_with(self, profile)
    }
}

impl Default for Policy {
    /// The built-in policy, [`Policy::shizhong_2011`].
    fn default() -> Self {
        Policy::shizhong_2011()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_sets_name_the_documented_values() {
        // The sets are built from bits in a const static; check them against DOMAIN.md §4.3 and §4.4.
        let p = &SHIZHONG_2011;
        assert_eq!(
            p.ladders.iter().collect::<Vec<_>>(),
            [Stream::EnterpriseManagement]
        );
        assert_eq!(
            p.finance_industries.iter().collect::<Vec<_>>(),
            [Industry::LeasingBusinessServices, Industry::Finance]
        );
    }

    #[test]
    fn every_stream_and_specialty_has_its_documented_lead() {
        // DOMAIN.md §4.5.
        let p = Policy::shizhong_2011();
        let expected = [
            (Stream::PartyGovernment, Department::OrganizationDepartment),
            (
                Stream::EnterpriseManagement,
                Department::EconomyInformationBureau,
            ),
            (
                Stream::ProfessionalTechnical,
                Department::HumanResourcesBureau,
            ),
            (Stream::HighSkilled, Department::HumanResourcesBureau),
            (Stream::SocialWork, Department::CivilAffairsBureau),
            (Stream::RuralPractical, Department::AgricultureBureau),
        ];
        for (s, d) in expected {
            assert_eq!(p.lead(s), d, "{s:#}");
        }
        assert_eq!(
            p.specialty_lead(Specialty::CommunityWorker),
            Department::CivilAffairsBureau
        );
        assert_eq!(
            p.tier_departments(Tier::Leader),
            [
                Department::FinanceBureau,
                Department::CommerceBureau,
                Department::FinancialOffice
            ]
        );
    }
}
