//! The built-in policy as it was written by hand before policies became data (DOMAIN.md §4, rule by rule): the
//! oracle that the compiled `policies/shizhong-2011.toml` is checked against, through the public API only, on
//! every combination of the discrete facts its rules read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::LazyLock;

use talent_matrix::Policy;
use talent_matrix::enterprise::EnterpriseFacts;
use talent_matrix::{
    CodeSet, Contribution, Department, EnterpriseSize, Entitlement, Industry, IntroductionLevel,
    MissingFact, Ownership, Performance, Post, ProfessionalTitle, Profile, Role, RuralRole,
    Service, SkillLevel, SocialWorkCertificate, Specialty, Stream, Tier, classify,
};

/// Three-valued "and": false if any is false, else open if any is open, else true.
fn all3(values: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
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

/// The post's own stream (DOMAIN.md §4.2), as the hand-written policy read it.
fn own_stream(post: Post) -> Option<Stream> {
    match post {
        Post::PartyGovernment => Some(Stream::PartyGovernment),
        Post::Enterprise => Some(Stream::EnterpriseManagement),
        Post::ProfessionalTechnical => Some(Stream::ProfessionalTechnical),
        Post::SkilledTrade => Some(Stream::HighSkilled),
        Post::SocialWork | Post::Community => Some(Stream::SocialWork),
        Post::Rural => Some(Stream::RuralPractical),
        _ => None,
    }
}

type TierChecks = [Option<bool>; Tier::ALL.len()];

struct OldPolicy {
    stream_leads: [Department; Stream::ALL.len()],
    specialty_leads: [Department; Specialty::ALL.len()],
    tier_departments: [&'static [Department]; Tier::ALL.len()],
    ladders: CodeSet<Stream>,
    finance_industries: CodeSet<Industry>,
}

impl OldPolicy {
    fn lead(&self, s: Stream) -> Department {
        self.stream_leads[s.index()]
    }
    fn specialty_lead(&self, s: Specialty) -> Department {
        self.specialty_leads[s.index()]
    }
    fn tier_departments(&self, t: Tier) -> &'static [Department] {
        self.tier_departments[t.index()]
    }
}

/// The built-in policy.
static ORACLE: LazyLock<OldPolicy> = LazyLock::new(|| OldPolicy {
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
    ladders: [Stream::EnterpriseManagement].into_iter().collect(),
    // DOMAIN.md §4.3: finance and leasing and business services [seed: refinement by industry; the industry
    // set is a policy default].
    finance_industries: [Industry::Finance, Industry::LeasingBusinessServices]
        .into_iter()
        .collect(),
});

/// What the hand-written policy decided.
#[derive(Debug)]
struct Oracle {
    stream: Option<Stream>,
    also: CodeSet<Stream>,
    specialty: Option<Specialty>,
    tier: Option<Tier>,
    lead: Option<Department>,
    managed_by: Vec<Department>,
    facts: EnterpriseFacts,
    entitlements: Vec<Entitlement>,
    services: Vec<Service>,
    missing: CodeSet<MissingFact>,
}

/// The streams a profile qualifies for (DOMAIN.md §4.1).
fn eligible_streams(p: &Profile) -> CodeSet<Stream> {
    let mut set = CodeSet::new();
    let post = p.post();
    // [national] civil servants and staff managed as civil servants.
    if post == Post::PartyGovernment {
        set.insert(Stream::PartyGovernment);
    }
    // [national] management posts; individual businesses (个体户) excluded.
    if post == Post::Enterprise
        && p.role().is_some_and(|r| r.is_management())
        && p.ownership() != Some(Ownership::Individual)
    {
        set.insert(Stream::EnterpriseManagement);
    }
    // [national] 有专业技术职称和未获得专业技术职称但在专业技术岗位上工作的人员.
    if post == Post::ProfessionalTechnical || p.professional_title().is_some() {
        set.insert(Stream::ProfessionalTechnical);
    }
    // [national] 高级工、技师、高级技师 (高技能人才队伍建设中长期规划 2010–2020).
    if p.skill_level().is_some_and(|s| s.is_high_skilled()) {
        set.insert(Stream::HighSkilled);
    }
    // [seed] community full-time workers are the base force of social work talent.
    if matches!(post, Post::SocialWork | Post::Community) || p.social_work_certificate().is_some() {
        set.insert(Stream::SocialWork);
    }
    // [national] rural labourers with knowledge or skills who lead or demonstrate.
    if post == Post::Rural && p.rural_role().is_some() {
        set.insert(Stream::RuralPractical);
    }
    set
}

/// The tier conditions of the enterprise management ladder (DOMAIN.md §4.4), three-valued.
fn enterprise_tier_checks(p: &Profile, facts: &EnterpriseFacts) -> TierChecks {
    let role = p.role();
    let principal = role.is_some_and(|r| r.is_principal());
    let mut checks = [Some(false); Tier::ALL.len()];
    let mut set = |tier: Tier, value: Option<bool>| {
        if let Some(slot) = checks.get_mut(tier.index()) {
            *slot = value;
        }
    };
    // leader: [seed] 业绩突出、贡献大的主要负责人 (贡献 read as the contribution field: policy default).
    set(
        Tier::Leader,
        Some(
            principal
                && p.performance() == Performance::Outstanding
                && p.contribution() == Contribution::Major,
        ),
    );
    // high_end: [seed] 规模企业中高级管理者: any management role of an enterprise above designated size.
    let manager = role.is_some_and(|r| r.is_management());
    set(
        Tier::HighEnd,
        all3([Some(manager), facts.above_designated_size()]),
    );
    // elite: [seed] 具有发展潜力中小企业主: an owner-operator, not large, with potential.
    set(
        Tier::Elite,
        all3([
            Some(role == Some(Role::Owner)),
            Some(p.potential()),
            facts.is_large().map(|large| !large),
        ]),
    );
    checks
}

/// The missing fact that leaves a tier's condition open (DOMAIN.md §4.7, 5 and 6).
fn open_fact(tier: Tier) -> Option<MissingFact> {
    match tier {
        Tier::Elite => Some(MissingFact::EnterpriseSize),
        Tier::HighEnd => Some(MissingFact::AboveDesignatedSize),
        // The leader's condition reads only facts with defaults (role, performance, contribution).
        _ => None,
    }
}

/// The built-in policy as it was written by hand before policies became data: the oracle the compiled
/// document is checked against.
fn oracle(p: &Profile) -> Oracle {
    let policy = &*ORACLE;
    // §4.1 and §4.2: the post's own stream if it qualifies, else the first qualifying in canonical order.
    let qualifies = eligible_streams(p);
    let stream = own_stream(p.post())
        .filter(|&s| qualifies.contains(s))
        .or_else(|| qualifies.iter().next());
    let mut also = qualifies;
    if let Some(s) = stream {
        also.remove(s);
    }

    // §4.3 specialties.
    let specialty = match stream {
        Some(Stream::EnterpriseManagement)
            if p.industry()
                .is_some_and(|i| policy.finance_industries.contains(i)) =>
        {
            Some(Specialty::FinanceCommerce)
        }
        Some(Stream::SocialWork) if p.post() == Post::Community => Some(Specialty::CommunityWorker),
        _ => None,
    };

    // §5 facts, and §4.4 tiers: the highest tier whose condition is true.
    let facts = Policy::default().enterprise_facts(p);
    let checks = stream
        .filter(|&s| policy.ladders.contains(s) && s == Stream::EnterpriseManagement)
        .map(|_| enterprise_tier_checks(p, &facts));
    let tier = checks.and_then(|c| {
        Tier::ALL
            .iter()
            .rev()
            .copied()
            .find(|t| c.get(t.index()).copied().flatten() == Some(true))
    });

    // §4.5 departments.
    let lead =
        stream.map(|s| specialty.map_or_else(|| policy.lead(s), |sp| policy.specialty_lead(sp)));
    let managed_by: Vec<Department> = match (tier, lead) {
        (Some(t), _) => {
            let list = policy.tier_departments(t);
            let extra = specialty
                .map(|sp| policy.specialty_lead(sp))
                .filter(|d| !list.contains(d));
            list.iter().copied().chain(extra).collect()
        }
        (None, lead) => lead.into_iter().collect(),
    };

    // §4.6 entitlements: [seed] 对贡献大的给予每年6万元的奖励，并享受金融公寓住房优惠待遇.
    let mut entitlements = Vec::new();
    if specialty == Some(Specialty::FinanceCommerce) && p.contribution() == Contribution::Major {
        entitlements.push(Entitlement::AnnualReward);
        entitlements.push(Entitlement::FinanceApartmentPreference);
    }
    // §4.6 services of the 百千万 project, for anyone who has a level, talent or not; not cumulative.
    let services = services_of(p.introduction_level());

    // §4.7 missing facts, in that order.
    let mut missing = CodeSet::new();
    if p.post() == Post::Enterprise
        && p.role().is_none()
        && p.ownership() != Some(Ownership::Individual)
    {
        missing.insert(MissingFact::Role);
    }
    if p.post() == Post::SkilledTrade && p.skill_level().is_none() {
        missing.insert(MissingFact::SkillLevel);
    }
    if p.post() == Post::Rural && p.rural_role().is_none() {
        missing.insert(MissingFact::RuralRole);
    }
    if stream == Some(Stream::EnterpriseManagement) && p.industry().is_none() {
        missing.insert(MissingFact::Industry);
    }
    if let Some(c) = checks {
        // Every open condition of a tier higher than the assigned one (all of them when none is assigned).
        for &t in Tier::ALL {
            if tier.is_none_or(|assigned| assigned < t)
                && c.get(t.index()).copied().flatten().is_none()
            {
                missing.extend(open_fact(t));
            }
        }
    }

    Oracle {
        stream,
        also,
        specialty,
        tier,
        lead,
        managed_by,
        facts,
        entitlements,
        services,
        missing,
    }
}

/// The services of a 百千万 level (DOMAIN.md §4.6) \[seed\]: 百 → 定期联系; 千 → 扶持奖励; 万 → 登记入库管理,
/// 办理户口, 免费办理档案关系转接.
fn services_of(level: Option<IntroductionLevel>) -> Vec<Service> {
    let list: &[Service] = match level {
        None => &[],
        Some(IntroductionLevel::Hundred) => &[Service::RegularContact],
        Some(IntroductionLevel::Thousand) => &[Service::SupportAndReward],
        Some(IntroductionLevel::TenThousand) => &[
            Service::DatabaseRegistration,
            Service::HukouHandling,
            Service::FreeArchiveTransfer,
        ],
    };
    list.to_vec()
}

/// The other facts the rules read, each absent or at a value that decides differently: every combination.
type Others = (
    Option<ProfessionalTitle>,
    Option<SkillLevel>,
    Option<SocialWorkCertificate>,
    Option<RuralRole>,
);

fn others() -> Vec<Others> {
    let mut all = Vec::new();
    for title in [None, Some(ProfessionalTitle::Junior)] {
        for skill in [
            None,
            Some(SkillLevel::JuniorWorker),
            Some(SkillLevel::Technician),
        ] {
            for cert in [None, Some(SocialWorkCertificate::SocialWorker)] {
                for rural in [None, Some(RuralRole::Craft)] {
                    all.push((title, skill, cert, rural));
                }
            }
        }
    }
    all
}

/// Every combination of the discrete facts the built-in rules read (the enterprise facts stated, every
/// value where it matters, one or two otherwise), classified by the crate and by the oracle.
#[test]
fn the_built_in_policy_decides_as_the_hand_written_oracle_everywhere() {
    fn opt<T: Copy>(all: &[T]) -> Vec<Option<T>> {
        std::iter::once(None)
            .chain(all.iter().copied().map(Some))
            .collect()
    }
    let roles = opt(Role::ALL);
    let sizes = opt(EnterpriseSize::ALL);
    let industries = [
        None,
        Some(Industry::Finance),
        Some(Industry::LeasingBusinessServices),
        Some(Industry::Retail),
    ];
    let mut count = 0u64;
    for &post in Post::ALL {
        // Services depend on the level alone: one level, varied with the post, covers them.
        let level = IntroductionLevel::ALL.get(post.index() % 4).copied();
        for &role in &roles {
            for industry in industries {
                for &size in &sizes {
                    for above in [None, Some(false), Some(true)] {
                        for ownership in
                            [None, Some(Ownership::Individual), Some(Ownership::Private)]
                        {
                            for &perf in Performance::ALL {
                                for &contrib in Contribution::ALL {
                                    for potential in [false, true] {
                                        for (title, skill, cert, rural) in others() {
                                            let p = Profile::builder("X", post)
                                                .role(role)
                                                .industry(industry)
                                                .enterprise_size(size)
                                                .above_designated_size(above)
                                                .ownership(ownership)
                                                .performance(perf)
                                                .contribution(contrib)
                                                .potential(potential)
                                                .professional_title(title)
                                                .skill_level(skill)
                                                .social_work_certificate(cert)
                                                .rural_role(rural)
                                                .introduction_level(level)
                                                .build()
                                                .unwrap();
                                            let c = classify(&p);
                                            let o = oracle(&p);
                                            let got = (
                                                c.stream(),
                                                c.also_qualifies(),
                                                c.specialty(),
                                                c.tier(),
                                                c.lead(),
                                                c.managed_by().to_vec(),
                                                c.enterprise_facts(),
                                                c.entitlements().to_vec(),
                                                c.services().to_vec(),
                                                c.missing_facts(),
                                            );
                                            let expected = (
                                                o.stream,
                                                o.also,
                                                o.specialty,
                                                o.tier,
                                                o.lead,
                                                o.managed_by.clone(),
                                                o.facts,
                                                o.entitlements.clone(),
                                                o.services.clone(),
                                                o.missing,
                                            );
                                            assert_eq!(got, expected, "{p:?}");
                                            count += 1;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(count, 8 * 6 * 4 * 5 * 3 * 3 * 3 * 3 * 2 * 24);
}
