//! Every rule of the built-in policy, table-driven, each test citing its DOMAIN.md section; and the §6 record.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests and benches may panic on a broken fixture

use talent_matrix::{
    Classification, Contribution, Department as D, EnterpriseSize, Entitlement, Industry,
    IntroductionLevel, MissingFact as M, Ownership, Performance, Post, ProfessionalTitle, Profile,
    ProfileBuilder, Role, RuralRole, Service, SkillLevel, SocialWorkCertificate, Specialty,
    Stream as S, Tier, Wan, classify,
};

fn b(post: Post) -> ProfileBuilder {
    Profile::builder("T-1", post)
}

fn em(role: Role) -> ProfileBuilder {
    b(Post::Enterprise).role(role)
}

fn build(builder: ProfileBuilder) -> Profile {
    builder.build().unwrap()
}

fn qualifies(c: &Classification<'_>) -> Vec<S> {
    let mut all: Vec<S> = c.stream().into_iter().chain(c.also_qualifies()).collect();
    all.sort();
    all
}

#[test]
fn section_4_1_stream_eligibility() {
    use Post::*;
    let cases: Vec<(&str, ProfileBuilder, Vec<S>)> = vec![
        (
            "party_government post",
            b(PartyGovernment),
            vec![S::PartyGovernment],
        ),
        (
            "enterprise principal",
            em(Role::Principal),
            vec![S::EnterpriseManagement],
        ),
        (
            "enterprise owner",
            em(Role::Owner),
            vec![S::EnterpriseManagement],
        ),
        (
            "enterprise senior manager",
            em(Role::SeniorManager),
            vec![S::EnterpriseManagement],
        ),
        (
            "enterprise middle manager",
            em(Role::MiddleManager),
            vec![S::EnterpriseManagement],
        ),
        ("enterprise staff", em(Role::Staff), vec![]),
        ("enterprise without role", b(Enterprise), vec![]),
        (
            "individual business owner",
            em(Role::Owner).ownership(Ownership::Individual),
            vec![],
        ),
        (
            "private enterprise owner",
            em(Role::Owner).ownership(Ownership::Private),
            vec![S::EnterpriseManagement],
        ),
        (
            "state-owned principal",
            em(Role::Principal).ownership(Ownership::StateOwned),
            vec![S::EnterpriseManagement],
        ),
        (
            "role on a non-enterprise post",
            b(Other).role(Role::Principal),
            vec![],
        ),
        (
            "professional post without title",
            b(ProfessionalTechnical),
            vec![S::ProfessionalTechnical],
        ),
        (
            "title on a rural post",
            b(Rural).professional_title(ProfessionalTitle::Junior),
            vec![S::ProfessionalTechnical],
        ),
        (
            "senior worker",
            b(SkilledTrade).skill_level(SkillLevel::SeniorWorker),
            vec![S::HighSkilled],
        ),
        (
            "technician",
            b(SkilledTrade).skill_level(SkillLevel::Technician),
            vec![S::HighSkilled],
        ),
        (
            "senior technician elsewhere",
            b(Other).skill_level(SkillLevel::SeniorTechnician),
            vec![S::HighSkilled],
        ),
        (
            "intermediate worker",
            b(SkilledTrade).skill_level(SkillLevel::IntermediateWorker),
            vec![],
        ),
        (
            "junior worker",
            b(SkilledTrade).skill_level(SkillLevel::JuniorWorker),
            vec![],
        ),
        ("social work post", b(SocialWork), vec![S::SocialWork]),
        ("community post", b(Community), vec![S::SocialWork]),
        (
            "certificate elsewhere",
            b(Other).social_work_certificate(SocialWorkCertificate::AssistantSocialWorker),
            vec![S::SocialWork],
        ),
        (
            "rural with role",
            b(Rural).rural_role(RuralRole::Production),
            vec![S::RuralPractical],
        ),
        ("rural without role", b(Rural), vec![]),
        (
            "rural role elsewhere",
            b(Other).rural_role(RuralRole::Business),
            vec![],
        ),
        ("other post", b(Other), vec![]),
        (
            "everything at once",
            em(Role::Owner)
                .professional_title(ProfessionalTitle::Senior)
                .skill_level(SkillLevel::Technician)
                .social_work_certificate(SocialWorkCertificate::SocialWorker)
                .rural_role(RuralRole::Craft),
            vec![
                S::EnterpriseManagement,
                S::ProfessionalTechnical,
                S::HighSkilled,
                S::SocialWork,
            ],
        ),
    ];
    for (what, builder, expected) in cases {
        let p = build(builder);
        assert_eq!(qualifies(&classify(&p)), expected, "{what}");
    }
}

#[test]
fn section_4_2_primary_stream_is_the_posts_own_else_the_first_in_canonical_order() {
    use Post::*;
    let cases: Vec<(&str, ProfileBuilder, Option<S>, Vec<S>)> = vec![
        (
            "party post with a title stays party talent",
            b(PartyGovernment).professional_title(ProfessionalTitle::Intermediate),
            Some(S::PartyGovernment),
            vec![S::ProfessionalTechnical],
        ),
        (
            "skilled trade technician with a title stays high-skilled",
            b(SkilledTrade)
                .skill_level(SkillLevel::Technician)
                .professional_title(ProfessionalTitle::Junior),
            Some(S::HighSkilled),
            vec![S::ProfessionalTechnical],
        ),
        (
            "enterprise staff with a title is professional-technical",
            em(Role::Staff).professional_title(ProfessionalTitle::Junior),
            Some(S::ProfessionalTechnical),
            vec![],
        ),
        (
            "other post: high-skilled comes before social work",
            b(Other)
                .skill_level(SkillLevel::Technician)
                .social_work_certificate(SocialWorkCertificate::SocialWorker),
            Some(S::HighSkilled),
            vec![S::SocialWork],
        ),
        (
            "community worker with a skill keeps the post's stream",
            b(Community).skill_level(SkillLevel::SeniorTechnician),
            Some(S::SocialWork),
            vec![S::HighSkilled],
        ),
        (
            "rural worker without role but a certificate",
            b(Rural).social_work_certificate(SocialWorkCertificate::SocialWorker),
            Some(S::SocialWork),
            vec![],
        ),
        ("nothing qualifies", b(Other), None, vec![]),
    ];
    for (what, builder, stream, also) in cases {
        let p = build(builder);
        let c = classify(&p);
        assert_eq!(c.stream(), stream, "{what}");
        assert_eq!(
            c.also_qualifies().iter().collect::<Vec<_>>(),
            also,
            "{what}"
        );
    }
}

#[test]
fn section_4_3_specialties() {
    let cases: Vec<(&str, ProfileBuilder, Option<Specialty>)> = vec![
        (
            "finance",
            em(Role::Staff)
                .role(Role::MiddleManager)
                .industry(Industry::Finance),
            Some(Specialty::FinanceCommerce),
        ),
        (
            "leasing",
            em(Role::Owner).industry(Industry::LeasingBusinessServices),
            Some(Specialty::FinanceCommerce),
        ),
        ("retail", em(Role::Owner).industry(Industry::Retail), None),
        ("no industry", em(Role::Owner), None),
        (
            "finance, but not enterprise talent",
            b(Post::ProfessionalTechnical).industry(Industry::Finance),
            None,
        ),
        (
            "finance staff are not talent",
            em(Role::Staff).industry(Industry::Finance),
            None,
        ),
        (
            "community post",
            b(Post::Community),
            Some(Specialty::CommunityWorker),
        ),
        ("social work post", b(Post::SocialWork), None),
        (
            "certificate on another post",
            b(Post::Other).social_work_certificate(SocialWorkCertificate::SocialWorker),
            None,
        ),
    ];
    for (what, builder, specialty) in cases {
        let p = build(builder);
        let c = classify(&p);
        assert_eq!(c.specialty(), specialty, "{what}");
        if let Some(s) = specialty {
            assert_eq!(c.stream(), Some(s.parent()), "{what}");
        }
    }
}

#[test]
fn section_4_4_tiers_the_highest_that_applies() {
    let outstanding = |b: ProfileBuilder| {
        b.performance(Performance::Outstanding)
            .contribution(Contribution::Major)
    };
    let cases: Vec<(&str, ProfileBuilder, Option<Tier>, Vec<M>)> = vec![
        // leader: role ∈ {principal, owner}, performance outstanding, contribution major.
        (
            "principal leader",
            outstanding(em(Role::Principal)).industry(Industry::Retail),
            Some(Tier::Leader),
            vec![],
        ),
        (
            "owner leader",
            outstanding(em(Role::Owner)).industry(Industry::Retail),
            Some(Tier::Leader),
            vec![],
        ),
        (
            "leader needs no size facts",
            outstanding(em(Role::Principal)),
            Some(Tier::Leader),
            vec![M::Industry],
        ),
        (
            "good performance is not outstanding",
            em(Role::Principal)
                .performance(Performance::Good)
                .contribution(Contribution::Major)
                .above_designated_size(false),
            None,
            vec![M::Industry],
        ),
        (
            "notable contribution is not major",
            em(Role::Principal)
                .performance(Performance::Outstanding)
                .contribution(Contribution::Notable)
                .above_designated_size(true),
            Some(Tier::HighEnd),
            vec![M::Industry],
        ),
        (
            "senior manager cannot lead",
            outstanding(em(Role::SeniorManager))
                .industry(Industry::Retail)
                .above_designated_size(true),
            Some(Tier::HighEnd),
            vec![],
        ),
        // high_end: any management role of an enterprise above designated size.
        (
            "middle manager above size",
            em(Role::MiddleManager)
                .industry(Industry::Retail)
                .above_designated_size(true),
            Some(Tier::HighEnd),
            vec![],
        ),
        (
            "principal above size",
            em(Role::Principal)
                .industry(Industry::Retail)
                .above_designated_size(true),
            Some(Tier::HighEnd),
            vec![],
        ),
        (
            "middle manager below size",
            em(Role::MiddleManager)
                .industry(Industry::Retail)
                .above_designated_size(false),
            None,
            vec![],
        ),
        (
            "middle manager, size unknown",
            em(Role::MiddleManager).industry(Industry::Construction),
            None,
            vec![M::AboveDesignatedSize],
        ),
        (
            "derived from revenue at the threshold",
            em(Role::SeniorManager)
                .industry(Industry::Retail)
                .revenue_wan(Wan::from_wan(500)),
            Some(Tier::HighEnd),
            vec![],
        ),
        // elite: owner, not large, potential.
        (
            "small owner with potential",
            em(Role::Owner)
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Small)
                .potential(true)
                .above_designated_size(false),
            Some(Tier::Elite),
            vec![],
        ),
        (
            "derived not large is enough",
            em(Role::Owner)
                .industry(Industry::Industry)
                .employees(50)
                .potential(true)
                .above_designated_size(false),
            Some(Tier::Elite),
            vec![],
        ),
        (
            "elite with high-end open",
            em(Role::Owner)
                .industry(Industry::Other)
                .employees(50)
                .potential(true),
            Some(Tier::Elite),
            vec![M::AboveDesignatedSize],
        ),
        (
            "owner without potential",
            em(Role::Owner)
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Small)
                .above_designated_size(false),
            None,
            vec![],
        ),
        (
            "principal with potential is not an owner",
            em(Role::Principal)
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Small)
                .potential(true)
                .above_designated_size(false),
            None,
            vec![],
        ),
        (
            "large owner leaves elite",
            em(Role::Owner)
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Large)
                .potential(true)
                .above_designated_size(false),
            None,
            vec![],
        ),
        (
            "large owner above size is high-end",
            em(Role::Owner)
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Large)
                .potential(true)
                .above_designated_size(true),
            Some(Tier::HighEnd),
            vec![],
        ),
        (
            "owner with potential, nothing known",
            em(Role::Owner).potential(true),
            None,
            vec![M::Industry, M::EnterpriseSize, M::AboveDesignatedSize],
        ),
        (
            "all three true: leader wins",
            outstanding(em(Role::Owner))
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Small)
                .potential(true)
                .above_designated_size(true),
            Some(Tier::Leader),
            vec![],
        ),
        // Other streams have no tier under this policy.
        (
            "professional talent has no ladder",
            outstanding(b(Post::ProfessionalTechnical))
                .potential(true)
                .above_designated_size(true),
            None,
            vec![],
        ),
    ];
    for (what, builder, tier, missing) in cases {
        let p = build(builder);
        let c = classify(&p);
        assert_eq!(c.tier(), tier, "{what}");
        assert_eq!(
            c.missing_facts().iter().collect::<Vec<_>>(),
            missing,
            "{what}"
        );
        assert_eq!(
            c.has_ladder(),
            c.stream() == Some(S::EnterpriseManagement),
            "{what}"
        );
    }
}

#[test]
fn section_4_5_departments() {
    let cases: Vec<(&str, ProfileBuilder, Option<D>, Vec<D>)> = vec![
        (
            "party",
            b(Post::PartyGovernment),
            Some(D::OrganizationDepartment),
            vec![D::OrganizationDepartment],
        ),
        (
            "enterprise, no tier",
            em(Role::Staff)
                .role(Role::SeniorManager)
                .above_designated_size(false)
                .industry(Industry::Retail),
            Some(D::EconomyInformationBureau),
            vec![D::EconomyInformationBureau],
        ),
        (
            "professional",
            b(Post::ProfessionalTechnical),
            Some(D::HumanResourcesBureau),
            vec![D::HumanResourcesBureau],
        ),
        (
            "high-skilled",
            b(Post::SkilledTrade).skill_level(SkillLevel::Technician),
            Some(D::HumanResourcesBureau),
            vec![D::HumanResourcesBureau],
        ),
        (
            "social work",
            b(Post::SocialWork),
            Some(D::CivilAffairsBureau),
            vec![D::CivilAffairsBureau],
        ),
        (
            "community worker",
            b(Post::Community),
            Some(D::CivilAffairsBureau),
            vec![D::CivilAffairsBureau],
        ),
        (
            "rural",
            b(Post::Rural).rural_role(RuralRole::Business),
            Some(D::AgricultureBureau),
            vec![D::AgricultureBureau],
        ),
        ("not talent", b(Post::Other), None, vec![]),
        (
            "leader",
            em(Role::Principal)
                .industry(Industry::Retail)
                .performance(Performance::Outstanding)
                .contribution(Contribution::Major),
            Some(D::EconomyInformationBureau),
            vec![D::FinanceBureau, D::CommerceBureau, D::FinancialOffice],
        ),
        (
            "finance leader keeps one financial office",
            em(Role::Owner)
                .industry(Industry::Finance)
                .performance(Performance::Outstanding)
                .contribution(Contribution::Major),
            Some(D::FinancialOffice),
            vec![D::FinanceBureau, D::CommerceBureau, D::FinancialOffice],
        ),
        (
            "finance high-end adds the specialty lead",
            em(Role::MiddleManager)
                .industry(Industry::Finance)
                .above_designated_size(true),
            Some(D::FinancialOffice),
            vec![D::EconomyInformationBureau, D::Sasac, D::FinancialOffice],
        ),
        (
            "elite",
            em(Role::Owner)
                .industry(Industry::Retail)
                .enterprise_size(EnterpriseSize::Micro)
                .potential(true),
            Some(D::EconomyInformationBureau),
            vec![D::PrivateEconomyBureau, D::FederationOfIndustryCommerce],
        ),
        (
            "leasing elite adds the specialty lead",
            em(Role::Owner)
                .industry(Industry::LeasingBusinessServices)
                .enterprise_size(EnterpriseSize::Micro)
                .potential(true),
            Some(D::FinancialOffice),
            vec![
                D::PrivateEconomyBureau,
                D::FederationOfIndustryCommerce,
                D::FinancialOffice,
            ],
        ),
        (
            "finance, no tier",
            em(Role::SeniorManager).industry(Industry::Finance),
            Some(D::FinancialOffice),
            vec![D::FinancialOffice],
        ),
        (
            "SASAC whatever the ownership",
            em(Role::MiddleManager)
                .ownership(Ownership::Foreign)
                .industry(Industry::Retail)
                .above_designated_size(true),
            Some(D::EconomyInformationBureau),
            vec![D::EconomyInformationBureau, D::Sasac],
        ),
    ];
    for (what, builder, lead, managed_by) in cases {
        let p = build(builder);
        let c = classify(&p);
        assert_eq!(c.lead(), lead, "{what}");
        assert_eq!(c.managed_by().to_vec(), managed_by, "{what}");
    }
}

#[test]
fn section_4_6_entitlements_and_services() {
    let fc = |c: Contribution| {
        em(Role::MiddleManager)
            .industry(Industry::Finance)
            .contribution(c)
    };
    let both = vec![
        Entitlement::AnnualReward,
        Entitlement::FinanceApartmentPreference,
    ];
    let cases: Vec<(&str, ProfileBuilder, Vec<Entitlement>)> = vec![
        (
            "finance talent with major contribution",
            fc(Contribution::Major),
            both.clone(),
        ),
        (
            "leasing owner with major contribution",
            em(Role::Owner)
                .industry(Industry::LeasingBusinessServices)
                .contribution(Contribution::Major),
            both,
        ),
        ("notable is not major", fc(Contribution::Notable), vec![]),
        (
            "major contribution outside finance",
            em(Role::Principal)
                .industry(Industry::Retail)
                .contribution(Contribution::Major),
            vec![],
        ),
        (
            "finance staff are not talent",
            em(Role::Staff)
                .industry(Industry::Finance)
                .contribution(Contribution::Major),
            vec![],
        ),
    ];
    for (what, builder, entitlements) in cases {
        let p = build(builder);
        assert_eq!(
            classify(&p).entitlements().iter().collect::<Vec<_>>(),
            entitlements,
            "{what}"
        );
    }
    let services = |level: Option<IntroductionLevel>, post: Post| {
        let p = build(b(post).introduction_level(level));
        classify(&p).services().iter().collect::<Vec<_>>()
    };
    assert_eq!(services(None, Post::Community), vec![]);
    assert_eq!(
        services(Some(IntroductionLevel::Hundred), Post::PartyGovernment),
        vec![Service::RegularContact]
    );
    assert_eq!(
        services(Some(IntroductionLevel::Thousand), Post::Community),
        vec![Service::SupportAndReward]
    );
    let ten_thousand = vec![
        Service::DatabaseRegistration,
        Service::HukouHandling,
        Service::FreeArchiveTransfer,
    ];
    assert_eq!(
        services(
            Some(IntroductionLevel::TenThousand),
            Post::ProfessionalTechnical
        ),
        ten_thousand
    );
    // For anyone who has a level, talent or not.
    assert_eq!(
        services(Some(IntroductionLevel::TenThousand), Post::Other),
        ten_thousand
    );
}

#[test]
fn section_4_7_missing_facts_exactly_and_in_order() {
    let cases: Vec<(&str, ProfileBuilder, Vec<M>)> = vec![
        (
            "enterprise without role",
            b(Post::Enterprise),
            vec![M::Role],
        ),
        (
            "individual business without role",
            b(Post::Enterprise).ownership(Ownership::Individual),
            vec![],
        ),
        (
            "skilled trade without level",
            b(Post::SkilledTrade),
            vec![M::SkillLevel],
        ),
        (
            "skilled trade with a low level",
            b(Post::SkilledTrade).skill_level(SkillLevel::JuniorWorker),
            vec![],
        ),
        ("rural without role", b(Post::Rural), vec![M::RuralRole]),
        (
            "enterprise talent without industry",
            em(Role::MiddleManager).above_designated_size(true),
            vec![M::Industry],
        ),
        (
            "the specialty is undecided even for a leader",
            em(Role::Owner)
                .performance(Performance::Outstanding)
                .contribution(Contribution::Major),
            vec![M::Industry],
        ),
        (
            "industry known, above size open",
            em(Role::MiddleManager).industry(Industry::Other),
            vec![M::AboveDesignatedSize],
        ),
        (
            "role missing and a title: the role is still missing",
            b(Post::Enterprise).professional_title(ProfessionalTitle::Senior),
            vec![M::Role],
        ),
        (
            "not large open for an owner with potential",
            em(Role::Owner)
                .industry(Industry::Finance)
                .potential(true)
                .above_designated_size(false),
            vec![M::EnterpriseSize],
        ),
        (
            "not large open but elite false anyway",
            em(Role::Owner)
                .industry(Industry::Finance)
                .above_designated_size(false),
            vec![],
        ),
        ("fully known", b(Post::PartyGovernment), vec![]),
    ];
    for (what, builder, missing) in cases {
        let p = build(builder);
        assert_eq!(
            classify(&p).missing_facts().iter().collect::<Vec<_>>(),
            missing,
            "{what}"
        );
    }
}

#[test]
fn section_6_reason_ids_in_order() {
    let rules = |builder: ProfileBuilder| {
        let p = build(builder);
        classify(&p)
            .reasons()
            .map(|r| r.rule().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(b(Post::Other)), ["stream.none"]);
    assert_eq!(
        rules(b(Post::Other).introduction_level(IntroductionLevel::Hundred)),
        ["stream.none", "service.regular_contact"]
    );
    // No ladder: no size reasons, even when the facts are known.
    assert_eq!(
        rules(b(Post::ProfessionalTechnical).enterprise_size(EnterpriseSize::Large)),
        ["stream.professional_technical"]
    );
    // On the ladder: the known facts, then the tier (tier.none when no tier).
    assert_eq!(
        rules(em(Role::Staff).role(Role::MiddleManager)),
        ["stream.enterprise_management", "tier.none"]
    );
    assert_eq!(
        rules(
            em(Role::Owner)
                .industry(Industry::Industry)
                .employees(50)
                .potential(true)
        ),
        [
            "stream.enterprise_management",
            "enterprise_size.derived",
            "tier.elite"
        ]
    );
    assert_eq!(
        rules(
            em(Role::MiddleManager)
                .enterprise_size(EnterpriseSize::Small)
                .above_designated_size(true)
        ),
        [
            "stream.enterprise_management",
            "enterprise_size.stated",
            "above_designated_size.stated",
            "tier.high_end"
        ]
    );
    assert_eq!(
        rules(
            em(Role::Owner)
                .industry(Industry::Finance)
                .contribution(Contribution::Major)
                .introduction_level(IntroductionLevel::Thousand)
        ),
        [
            "stream.enterprise_management",
            "specialty.finance_commerce",
            "tier.none",
            "entitlement.annual_reward",
            "entitlement.finance_apartment_preference",
            "service.support_and_reward"
        ]
    );
}

#[test]
fn section_6_sentences_name_the_deciding_facts() {
    let p = build(
        em(Role::MiddleManager)
            .industry(Industry::Industry)
            .employees(350)
            .revenue_wan(Wan::from_wan(2500)),
    );
    let c = classify(&p);
    let text: Vec<(String, String, String)> = c
        .reasons()
        .map(|r| (r.rule().to_string(), r.zh().to_string(), r.en().to_string()))
        .collect();
    assert_eq!(
        text[1],
        (
            "enterprise_size.derived".to_owned(),
            "中小企业划型标准“工业”行：从业人员350 ≥ 300，营业收入2500万元 ≥ 2000万元（达到中型标准）；\
             从业人员350 < 1000（未达大型标准）：中型"
                .to_owned(),
            "SME size standard, row Industry: employees 350 ≥ 300, revenue 2500 万元 ≥ 2000 万元 (meets Medium); \
             employees 350 < 1000 (below Large): Medium"
                .to_owned()
        )
    );
    assert_eq!(
        text[2].2,
        "Industry enterprise with revenue 2500 万元 ≥ 2000 万元 (above-size threshold): above designated size"
    );
    assert_eq!(
        text[2].1,
        "“工业”企业营业收入2500万元 ≥ 2000万元（规模以上标准）：规模以上"
    );
    assert_eq!(
        text[3].2,
        "role Middle manager and above designated size: High-end talent; Leading talent needs role Principal or \
         Owner-operator (is Middle manager), performance Outstanding (is Ordinary) and contribution Major \
         (is Ordinary)"
    );
    // Only "not large" known: the sentence says so.
    let p = build(em(Role::Owner).industry(Industry::Industry).employees(50));
    let c = classify(&p);
    let size = c.reasons().nth(1).unwrap();
    assert_eq!(
        size.en().to_string(),
        "SME size standard, row Industry: employees 50 < 1000 (below large); revenue not given, so the exact size \
         is open: not large"
    );
    assert_eq!(
        size.zh().to_string(),
        "中小企业划型标准“工业”行：从业人员50 < 1000（未达大型标准）；未填营业收入，具体规模待定：非大型"
    );
    let tier = c.reasons().last().unwrap();
    assert_eq!(
        tier.en().to_string(),
        "no tier: Leading talent needs performance Outstanding (is Ordinary) and contribution Major (is Ordinary); \
         High-end talent needs an enterprise above designated size (not known); Enterprise elite needs development \
         potential assessed (not assessed)"
    );
    // A person who is not talent.
    let p = build(em(Role::Staff));
    assert_eq!(
        classify(&p).reasons().next().unwrap().en().to_string(),
        "post Enterprise; Enterprise management talent needs role Principal, Owner-operator, Senior manager or \
         Middle manager (is Staff); no other stream's condition holds: not counted as talent"
    );
    // A stream reached by a qualification rather than the post.
    let p = build(b(Post::Other).skill_level(SkillLevel::Technician));
    assert_eq!(
        classify(&p).reasons().next().unwrap().zh().to_string(),
        "职业资格为技师：高技能人才；岗位“其他”无对应类别，按顺序取首个符合的类别"
    );
}

#[cfg(feature = "json")]
#[test]
fn section_6_example_record() {
    // The DOMAIN.md §6 example: a finance and commerce leader of a medium, above-size enterprise who also holds a
    // professional title. Size and above-size are derived, so the industry is leasing and business services
    // (finance itself has no derivable size).
    let p = Profile::from_json(
        r#"{"id":"P-001","post":"enterprise","role":"principal","industry":"leasing_business_services",
            "employees":150,"revenue_wan":1500,"assets_wan":9000,"performance":"outstanding","contribution":"major",
            "professional_title":"senior"}"#,
    )
    .unwrap();
    let record: serde_json::Value = serde_json::from_str(&classify(&p).to_json()).unwrap();
    let mut without_reasons = record.clone();
    let reasons = without_reasons
        .as_object_mut()
        .unwrap()
        .remove("reasons")
        .unwrap();
    assert_eq!(
        without_reasons,
        serde_json::json!({"id":"P-001","stream":"enterprise_management","specialty":"finance_commerce","tier":"leader",
            "lead":"financial_office","managed_by":["finance_bureau","commerce_bureau","financial_office"],
            "also_qualifies":["professional_technical"],"enterprise_size":"medium","above_designated_size":true,
            "entitlements":["annual_reward","finance_apartment_preference"],"services":[],"missing_facts":[],
            "policy":"shizhong-2011","policy_hash":talent_matrix::Policy::shizhong_2011().hash()})
    );
    let rules: Vec<&str> = reasons
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "stream.enterprise_management",
            "specialty.finance_commerce",
            "enterprise_size.derived",
            "above_designated_size.derived",
            "tier.leader",
            "entitlement.annual_reward",
            "entitlement.finance_apartment_preference"
        ]
    );
    let json = classify(&p).to_json();
    for r in reasons.as_array().unwrap() {
        assert!(!r["zh"].as_str().unwrap().is_empty() && !r["en"].as_str().unwrap().is_empty());
        // Each reason is {"rule", "zh", "en"} in that order (serde_json::Value would sort the keys).
        let text = format!(
            r#"{{"rule":{},"zh":{},"en":{}}}"#,
            r["rule"], r["zh"], r["en"]
        );
        assert!(json.contains(&text), "{text} in {json}");
    }
    // The keys come in the contract's order.
    let order = [
        "\"id\"",
        "\"stream\"",
        "\"specialty\"",
        "\"tier\"",
        "\"lead\"",
        "\"managed_by\"",
        "\"also_qualifies\"",
        "\"enterprise_size\"",
        "\"above_designated_size\"",
        "\"entitlements\"",
        "\"services\"",
        "\"missing_facts\"",
        "\"reasons\"",
        "\"policy\"",
        "\"policy_hash\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
    assert_eq!(
        reasons[2]["en"],
        "SME size standard, row Leasing and business services: employees 150 ≥ 100, assets 9000 万元 ≥ 8000 万元 \
         (meets Medium); employees 150 < 300 (below Large): Medium"
    );
}

#[cfg(feature = "json")]
#[test]
fn enterprise_facts_are_given_whatever_the_stream() {
    let p = build(
        b(Post::ProfessionalTechnical)
            .industry(Industry::Retail)
            .employees(5)
            .revenue_wan(Wan::from_wan(50)),
    );
    let record: serde_json::Value = serde_json::from_str(&classify(&p).to_json()).unwrap();
    assert_eq!(record["enterprise_size"], "micro");
    assert_eq!(record["above_designated_size"], false);
    assert_eq!(record["reasons"].as_array().unwrap().len(), 1);
    // "not large" alone gives a null size.
    let p = build(em(Role::Owner).industry(Industry::Industry).employees(50));
    let record: serde_json::Value = serde_json::from_str(&classify(&p).to_json()).unwrap();
    assert_eq!(record["enterprise_size"], serde_json::Value::Null);
    assert_eq!(record["above_designated_size"], serde_json::Value::Null);
}
