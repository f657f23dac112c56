//! Code lists against DOMAIN.md §2: every code and label as the contract writes it, parsing and display
//! round-trips, uniqueness within a list, and the department aliases and prefixes.
//!
//! The expected tables below are copied from DOMAIN.md by hand, independently of `src/codes/`, so that a change
//! to a code or label in the crate fails here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests and benches may panic on a broken fixture

use std::collections::HashSet;

use talent_matrix::{
    Coded, Contribution, Department, EnterpriseSize, Entitlement, Field, Industry,
    IntroductionLevel, Lang, MissingFact, Ownership, Performance, Post, ProfessionalTitle, Role,
    RuralRole, Service, SkillLevel, SocialWorkCertificate, Specialty, Stream, Tier,
};

/// (code, zh-Hans, zh-Hant, en) rows, in the contract's order.
type Rows = &'static [(&'static str, &'static str, &'static str, &'static str)];

const STREAMS: Rows = &[
    (
        "party_government",
        "党政人才",
        "黨政人才",
        "Party and government talent",
    ),
    (
        "enterprise_management",
        "企业经营管理人才",
        "企業經營管理人才",
        "Enterprise management talent",
    ),
    (
        "professional_technical",
        "专业技术人才",
        "專業技術人才",
        "Professional and technical talent",
    ),
    (
        "high_skilled",
        "高技能人才",
        "高技能人才",
        "High-skilled talent",
    ),
    (
        "social_work",
        "社会工作人才",
        "社會工作人才",
        "Social work talent",
    ),
    (
        "rural_practical",
        "农村实用人才",
        "農村實用人才",
        "Rural practical talent",
    ),
];
const SPECIALTIES: Rows = &[
    (
        "finance_commerce",
        "金融商务人才",
        "金融商務人才",
        "Finance and commerce talent",
    ),
    (
        "community_worker",
        "社区专职工作者",
        "社區專職工作者",
        "Full-time community worker",
    ),
];
/// Tiers from the lowest up (the crate's declaration order; DOMAIN.md lists them from the top).
const TIERS: Rows = &[
    ("elite", "企业英才", "企業英才", "Enterprise elite"),
    ("high_end", "高端人才", "高端人才", "High-end talent"),
    ("leader", "领军人才", "領軍人才", "Leading talent"),
];
const DEPARTMENTS: Rows = &[
    (
        "organization_department",
        "组织部",
        "組織部",
        "Organization Department",
    ),
    ("talent_office", "人才办", "人才辦", "Talent Work Office"),
    ("assessment_office", "考评办", "考評辦", "Assessment Office"),
    ("finance_bureau", "财政局", "財政局", "Finance Bureau"),
    ("commerce_bureau", "商务局", "商務局", "Commerce Bureau"),
    (
        "financial_office",
        "金融办",
        "金融辦",
        "Financial Affairs Office",
    ),
    (
        "economy_information_bureau",
        "经信局",
        "經信局",
        "Economy and Information Technology Bureau",
    ),
    (
        "sasac",
        "国资委",
        "國資委",
        "State-owned Assets Supervision and Administration Commission",
    ),
    (
        "private_economy_bureau",
        "民营局",
        "民營局",
        "Private Economy Bureau",
    ),
    (
        "federation_of_industry_commerce",
        "工商联",
        "工商聯",
        "Federation of Industry and Commerce",
    ),
    (
        "human_resources_bureau",
        "人社局",
        "人社局",
        "Human Resources and Social Security Bureau",
    ),
    (
        "science_technology_bureau",
        "科技局",
        "科技局",
        "Science and Technology Bureau",
    ),
    (
        "civil_affairs_bureau",
        "民政局",
        "民政局",
        "Civil Affairs Bureau",
    ),
    (
        "agriculture_bureau",
        "农业局",
        "農業局",
        "Agriculture Bureau",
    ),
];
const POSTS: Rows = &[
    (
        "party_government",
        "党政机关工作人员",
        "黨政機關工作人員",
        "Party or government staff",
    ),
    ("enterprise", "企业", "企業", "Enterprise"),
    (
        "professional_technical",
        "专业技术岗位",
        "專業技術崗位",
        "Professional or technical post",
    ),
    ("skilled_trade", "技能岗位", "技能崗位", "Skilled trade"),
    (
        "social_work",
        "社会工作岗位",
        "社會工作崗位",
        "Social work post",
    ),
    (
        "community",
        "社区专职工作",
        "社區專職工作",
        "Full-time community work",
    ),
    ("rural", "农村劳动者", "農村勞動者", "Rural worker"),
    ("other", "其他", "其他", "Other"),
];
const ROLES: Rows = &[
    ("principal", "主要负责人", "主要負責人", "Principal"),
    ("owner", "企业主", "企業主", "Owner-operator"),
    (
        "senior_manager",
        "高级管理人员",
        "高級管理人員",
        "Senior manager",
    ),
    (
        "middle_manager",
        "中层管理人员",
        "中層管理人員",
        "Middle manager",
    ),
    ("staff", "一般员工", "一般員工", "Staff"),
];
const INDUSTRIES: Rows = &[
    (
        "agriculture",
        "农林牧渔业",
        "農林牧漁業",
        "Agriculture, forestry, animal husbandry and fishery",
    ),
    ("industry", "工业", "工業", "Industry"),
    ("construction", "建筑业", "建築業", "Construction"),
    ("wholesale", "批发业", "批發業", "Wholesale"),
    ("retail", "零售业", "零售業", "Retail"),
    ("transport", "交通运输业", "交通運輸業", "Transport"),
    ("warehousing", "仓储业", "倉儲業", "Warehousing"),
    ("postal", "邮政业", "郵政業", "Postal services"),
    ("accommodation", "住宿业", "住宿業", "Accommodation"),
    ("catering", "餐饮业", "餐飲業", "Catering"),
    (
        "information_transmission",
        "信息传输业",
        "信息傳輸業",
        "Information transmission",
    ),
    (
        "software_it",
        "软件和信息技术服务业",
        "軟件和信息技術服務業",
        "Software and IT services",
    ),
    (
        "real_estate_development",
        "房地产开发经营",
        "房地產開發經營",
        "Real estate development",
    ),
    (
        "property_management",
        "物业管理",
        "物業管理",
        "Property management",
    ),
    (
        "leasing_business_services",
        "租赁和商务服务业",
        "租賃和商務服務業",
        "Leasing and business services",
    ),
    ("finance", "金融业", "金融業", "Finance"),
    (
        "other",
        "其他未列明行业",
        "其他未列明行業",
        "Other industries",
    ),
];
/// Sizes from the smallest up (the crate's declaration order).
const SIZES: Rows = &[
    ("micro", "微型", "微型", "Micro"),
    ("small", "小型", "小型", "Small"),
    ("medium", "中型", "中型", "Medium"),
    ("large", "大型", "大型", "Large"),
];
const OWNERSHIPS: Rows = &[
    ("state_owned", "国有", "國有", "State-owned"),
    ("collective", "集体", "集體", "Collective"),
    ("private", "民营", "民營", "Private"),
    ("foreign", "外资", "外資", "Foreign-invested"),
    ("mixed", "混合所有制", "混合所有制", "Mixed ownership"),
    (
        "individual",
        "个体工商户",
        "個體工商戶",
        "Individual business",
    ),
];
const PERFORMANCES: Rows = &[
    ("ordinary", "一般", "一般", "Ordinary"),
    ("good", "良好", "良好", "Good"),
    ("outstanding", "业绩突出", "業績突出", "Outstanding"),
];
const CONTRIBUTIONS: Rows = &[
    ("ordinary", "一般", "一般", "Ordinary"),
    ("notable", "贡献较大", "貢獻較大", "Notable"),
    ("major", "贡献大", "貢獻大", "Major"),
];
const TITLES: Rows = &[
    ("junior", "初级", "初級", "Junior"),
    ("intermediate", "中级", "中級", "Intermediate"),
    ("associate_senior", "副高级", "副高級", "Associate senior"),
    ("senior", "正高级", "正高級", "Senior"),
];
const SKILLS: Rows = &[
    ("junior_worker", "初级工", "初級工", "Junior worker"),
    (
        "intermediate_worker",
        "中级工",
        "中級工",
        "Intermediate worker",
    ),
    ("senior_worker", "高级工", "高級工", "Senior worker"),
    ("technician", "技师", "技師", "Technician"),
    (
        "senior_technician",
        "高级技师",
        "高級技師",
        "Senior technician",
    ),
];
const CERTIFICATES: Rows = &[
    (
        "assistant_social_worker",
        "助理社会工作师",
        "助理社會工作師",
        "Assistant social worker",
    ),
    ("social_worker", "社会工作师", "社會工作師", "Social worker"),
    (
        "senior_social_worker",
        "高级社会工作师",
        "高級社會工作師",
        "Senior social worker",
    ),
];
const RURAL_ROLES: Rows = &[
    ("production", "生产型", "生產型", "Production"),
    ("business", "经营型", "經營型", "Business"),
    ("craft", "技能带动型", "技能帶動型", "Skill-leading craft"),
    (
        "skilled_service",
        "技能服务型",
        "技能服務型",
        "Skilled service",
    ),
    (
        "social_service",
        "社会服务型",
        "社會服務型",
        "Social service",
    ),
];
const LEVELS: Rows = &[
    ("hundred", "百层次", "百層次", "Hundred level"),
    ("thousand", "千层次", "千層次", "Thousand level"),
    ("ten_thousand", "万层次", "萬層次", "Ten-thousand level"),
];
const ENTITLEMENTS: Rows = &[
    (
        "annual_reward",
        "年度奖励",
        "年度獎勵",
        "Annual reward (60,000 yuan)",
    ),
    (
        "finance_apartment_preference",
        "金融公寓住房优惠",
        "金融公寓住房優惠",
        "Finance apartment housing preference",
    ),
];
const SERVICES: Rows = &[
    ("regular_contact", "定期联系", "定期聯繫", "Regular contact"),
    (
        "support_and_reward",
        "扶持奖励",
        "扶持獎勵",
        "Support and reward",
    ),
    (
        "database_registration",
        "登记入库管理",
        "登記入庫管理",
        "Database registration",
    ),
    (
        "hukou_handling",
        "办理户口",
        "辦理戶口",
        "Household registration",
    ),
    (
        "free_archive_transfer",
        "免费档案关系转接",
        "免費檔案關係轉接",
        "Free personnel-file transfer",
    ),
];
/// The CSV headers of DOMAIN.md §8 as the field labels (the English labels are the crate's).
const FIELDS: &[(&str, &str, &str)] = &[
    ("id", "编号", "編號"),
    ("name", "姓名", "姓名"),
    ("post", "岗位", "崗位"),
    ("role", "职务", "職務"),
    ("industry", "行业", "行業"),
    ("employees", "从业人员", "從業人員"),
    ("revenue_wan", "营业收入(万元)", "營業收入(萬元)"),
    ("assets_wan", "资产总额(万元)", "資產總額(萬元)"),
    ("enterprise_size", "企业规模", "企業規模"),
    ("above_designated_size", "规模以上", "規模以上"),
    ("ownership", "所有制", "所有制"),
    ("performance", "业绩", "業績"),
    ("contribution", "贡献", "貢獻"),
    ("potential", "发展潜力", "發展潛力"),
    ("professional_title", "职称", "職稱"),
    ("skill_level", "职业资格", "職業資格"),
    ("social_work_certificate", "社工证书", "社工證書"),
    ("rural_role", "农村人才类型", "農村人才類型"),
    ("introduction_level", "引才层次", "引才層次"),
];

/// Checks one list against its contract rows and every parsing and display rule of DOMAIN.md §2.
fn check_list<T: Coded>(rows: Rows) {
    assert_eq!(T::ALL.len(), rows.len(), "{}: number of values", T::KIND);
    assert!(
        T::ALL.len() < 64,
        "{}: CodeSet holds at most 64 values",
        T::KIND
    );
    for (i, (&v, &(code, hans, hant, en))) in T::ALL.iter().zip(rows).enumerate() {
        assert_eq!(v.index(), i);
        assert_eq!(v.code(), code, "{}", T::KIND);
        assert_eq!(v.label(Lang::ZhHans), hans, "{code}");
        assert_eq!(v.label(Lang::ZhHant), hant, "{code}");
        assert_eq!(v.label(Lang::En), en, "{code}");
        assert!(!v.source().is_empty(), "{code} has no source");
        // Display prints the English label, {:#} the code; both parse back.
        assert_eq!(v.to_string(), en);
        assert_eq!(format!("{v:#}"), code);
        // Codes and English labels: ASCII case-insensitive, trimmed (Unicode whitespace).
        for s in [
            code.to_owned(),
            code.to_ascii_uppercase(),
            en.to_owned(),
            en.to_ascii_lowercase(),
            en.to_ascii_uppercase(),
            format!(" \t{code}\u{3000}"),
            format!("\n{en} "),
        ] {
            assert_eq!(s.parse::<T>().ok(), Some(v), "{:?} as {}", s, T::KIND);
        }
        // Chinese labels: exact, after trimming.
        for s in [
            hans.to_owned(),
            hant.to_owned(),
            format!("\u{3000}{hans} "),
            format!(" {hant}\u{a0}"),
        ] {
            assert_eq!(s.parse::<T>().ok(), Some(v), "{:?} as {}", s, T::KIND);
        }
        for alias in v.aliases() {
            assert_eq!(alias.parse::<T>().ok(), Some(v), "alias {alias}");
        }
        // A label with something added is not a label.
        for s in [format!("{code}x"), format!("{hans}人"), format!("x{en}")] {
            assert!(
                s.parse::<T>().is_err(),
                "{s:?} should not parse as {}",
                T::KIND
            );
        }
    }
}

/// No two values of a list share a code or a label (DOMAIN.md §2, last line), comparing as parsing does.
fn check_unique<T: Coded>() {
    let mut ascii = HashSet::new();
    let mut chinese = HashSet::new();
    for &v in T::ALL {
        // A value may use the same string twice (code "industry", label "Industry"), but no two values may.
        let own_ascii: HashSet<String> = [v.code(), v.label(Lang::En)]
            .iter()
            .map(|s| s.to_ascii_lowercase())
            .collect();
        for s in own_ascii {
            assert!(
                ascii.insert(s.clone()),
                "{}: {s:?} names two values",
                T::KIND
            );
        }
        let own_chinese: HashSet<&str> = [v.label(Lang::ZhHans), v.label(Lang::ZhHant)]
            .into_iter()
            .chain(v.aliases().iter().copied())
            .collect();
        for s in own_chinese {
            assert!(chinese.insert(s), "{}: {s:?} names two values", T::KIND);
        }
    }
}

#[test]
fn every_list_matches_domain_md_section_2() {
    check_list::<Stream>(STREAMS);
    check_list::<Specialty>(SPECIALTIES);
    check_list::<Tier>(TIERS);
    check_list::<Department>(DEPARTMENTS);
    check_list::<Post>(POSTS);
    check_list::<Role>(ROLES);
    check_list::<Industry>(INDUSTRIES);
    check_list::<EnterpriseSize>(SIZES);
    check_list::<Ownership>(OWNERSHIPS);
    check_list::<Performance>(PERFORMANCES);
    check_list::<Contribution>(CONTRIBUTIONS);
    check_list::<ProfessionalTitle>(TITLES);
    check_list::<SkillLevel>(SKILLS);
    check_list::<SocialWorkCertificate>(CERTIFICATES);
    check_list::<RuralRole>(RURAL_ROLES);
    check_list::<IntroductionLevel>(LEVELS);
    check_list::<Entitlement>(ENTITLEMENTS);
    check_list::<Service>(SERVICES);
}

#[test]
fn no_two_values_of_a_list_share_a_code_or_label() {
    check_unique::<Stream>();
    check_unique::<Specialty>();
    check_unique::<Tier>();
    check_unique::<Department>();
    check_unique::<Post>();
    check_unique::<Role>();
    check_unique::<Industry>();
    check_unique::<EnterpriseSize>();
    check_unique::<Ownership>();
    check_unique::<Performance>();
    check_unique::<Contribution>();
    check_unique::<ProfessionalTitle>();
    check_unique::<SkillLevel>();
    check_unique::<SocialWorkCertificate>();
    check_unique::<RuralRole>();
    check_unique::<IntroductionLevel>();
    check_unique::<Entitlement>();
    check_unique::<Service>();
    check_unique::<MissingFact>();
    check_unique::<Field>();
    check_unique::<talent_matrix::lifecycle::Grade>();
    check_unique::<talent_matrix::lifecycle::ExitReason>();
}

#[test]
fn fields_are_the_section_3_table_with_the_section_8_headers() {
    assert_eq!(Field::ALL.len(), FIELDS.len());
    for (&f, &(code, hans, hant)) in Field::ALL.iter().zip(FIELDS) {
        assert_eq!(
            (f.code(), f.label(Lang::ZhHans), f.label(Lang::ZhHant)),
            (code, hans, hant)
        );
    }
}

#[test]
fn missing_facts_are_the_section_4_7_names_in_order() {
    let codes: Vec<_> = MissingFact::ALL.iter().map(|m| m.code()).collect();
    assert_eq!(
        codes,
        [
            "role",
            "skill_level",
            "rural_role",
            "industry",
            "enterprise_size",
            "above_designated_size"
        ]
    );
    // One source: a missing fact is named and labelled as the field that settles it.
    for &m in MissingFact::ALL {
        assert_eq!(m.field().code(), m.code());
        for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
            assert_eq!(m.field().label(lang), m.label(lang), "{m:#}");
        }
    }
}

#[test]
fn department_aliases_in_both_scripts_and_prefixes() {
    // DOMAIN.md §2, Departments: aliases (zh-Hans; zh-Hant likewise), optionally after 区委/區委/区/區.
    let cases: &[(&str, Department)] = &[
        ("委组织部", Department::OrganizationDepartment),
        ("委組織部", Department::OrganizationDepartment),
        ("区委组织部", Department::OrganizationDepartment),
        ("區委組織部", Department::OrganizationDepartment),
        ("人才工作领导小组办公室", Department::TalentOffice),
        ("人才工作領導小組辦公室", Department::TalentOffice),
        ("区人才办", Department::TalentOffice),
        ("區考評辦", Department::AssessmentOffice),
        ("财政", Department::FinanceBureau),
        ("區財政局", Department::FinanceBureau),
        ("商务", Department::CommerceBureau),
        ("商務", Department::CommerceBureau),
        ("金融", Department::FinancialOffice),
        ("政府金融办公室", Department::FinancialOffice),
        ("区政府金融办公室", Department::FinancialOffice),
        ("區政府金融辦公室", Department::FinancialOffice),
        ("金融辦公室", Department::FinancialOffice),
        ("经济和信息化局", Department::EconomyInformationBureau),
        ("區經濟和信息化局", Department::EconomyInformationBureau),
        ("国有资产监督管理委员会", Department::Sasac),
        ("國有資產監督管理委員會", Department::Sasac),
        ("民营经济局", Department::PrivateEconomyBureau),
        ("民營經濟局", Department::PrivateEconomyBureau),
        ("工商业联合会", Department::FederationOfIndustryCommerce),
        ("區工商聯", Department::FederationOfIndustryCommerce),
        ("人力资源和社会保障局", Department::HumanResourcesBureau),
        ("区人社局", Department::HumanResourcesBureau),
        ("科学技术局", Department::ScienceTechnologyBureau),
        ("區科學技術局", Department::ScienceTechnologyBureau),
        ("区农业局", Department::AgricultureBureau),
        (" 区民政局 ", Department::CivilAffairsBureau),
    ];
    for &(s, d) in cases {
        assert_eq!(s.parse::<Department>(), Ok(d), "{s}");
    }
    // The prefix stands directly before a Chinese label or alias, once; never before a code or English label.
    for s in [
        "区 组织部",
        "区区组织部",
        "区委区组织部",
        "区finance_bureau",
        "區Finance Bureau",
        "区",
        "区委",
    ] {
        assert!(s.parse::<Department>().is_err(), "{s:?} should not parse");
    }
}

#[test]
fn parse_errors_name_the_input_and_the_kind() {
    let err = "chief".parse::<Role>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown role "chief", expected one of principal, owner, senior_manager, middle_manager, staff, or a label"#
    );
    let err = "".parse::<Stream>().unwrap_err();
    assert_eq!(err.input(), "");
    assert_eq!(err.kind(), "stream");
    // Chinese labels are exact: no case folding applies, and traditional/simplified mixes are not labels.
    assert!("企業经营管理人才".parse::<Stream>().is_err());
}

#[test]
fn ordered_lists_follow_the_contract_orders() {
    // DOMAIN.md §2: elite < high_end < leader; ordinary < good < outstanding; ordinary < notable < major;
    // junior < … < senior; junior_worker < … < senior_technician.
    assert!(Tier::ALL.windows(2).all(|w| w[0] < w[1]));
    assert!(Performance::ALL.windows(2).all(|w| w[0] < w[1]));
    assert!(Contribution::ALL.windows(2).all(|w| w[0] < w[1]));
    assert!(ProfessionalTitle::ALL.windows(2).all(|w| w[0] < w[1]));
    assert!(SkillLevel::ALL.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(Tier::Elite.max(Tier::Leader), Tier::Leader);
}

#[test]
fn strum_iteration_matches_all() {
    use strum::{EnumCount, IntoEnumIterator};
    assert_eq!(Stream::iter().collect::<Vec<_>>(), Stream::ALL);
    assert_eq!(Post::iter().collect::<Vec<_>>(), Post::ALL);
    assert_eq!(Industry::COUNT, Industry::ALL.len());
}

#[test]
fn specialties_refine_their_parent_stream() {
    assert_eq!(
        Specialty::FinanceCommerce.parent(),
        Stream::EnterpriseManagement
    );
    assert_eq!(Specialty::CommunityWorker.parent(), Stream::SocialWork);
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;

    fn round_trip<T: Coded + serde::Serialize + serde::de::DeserializeOwned>() {
        for &v in T::ALL {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.code()));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), v);
            for &lang in Lang::ALL {
                let label = serde_json::to_string(v.label(lang)).unwrap();
                assert_eq!(serde_json::from_str::<T>(&label).unwrap(), v, "{label}");
            }
        }
        let err = serde_json::from_str::<T>("\"no such value\"")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("unknown {} \"no such value\"", T::KIND)),
            "{err}"
        );
        assert!(serde_json::from_str::<T>("5").is_err());
    }

    #[test]
    fn serde_uses_codes_and_reads_labels() {
        round_trip::<Stream>();
        round_trip::<Specialty>();
        round_trip::<Tier>();
        round_trip::<Department>();
        round_trip::<Post>();
        round_trip::<Role>();
        round_trip::<Industry>();
        round_trip::<EnterpriseSize>();
        round_trip::<Ownership>();
        round_trip::<Performance>();
        round_trip::<Contribution>();
        round_trip::<ProfessionalTitle>();
        round_trip::<SkillLevel>();
        round_trip::<SocialWorkCertificate>();
        round_trip::<RuralRole>();
        round_trip::<IntroductionLevel>();
        round_trip::<Entitlement>();
        round_trip::<Service>();
        round_trip::<MissingFact>();
        round_trip::<Field>();
        // The lifecycle's lists, on the same table since issue 11: their serde forms are the snake_case names
        // a worker's history was written with before.
        round_trip::<talent_matrix::lifecycle::Grade>();
        round_trip::<talent_matrix::lifecycle::ExitReason>();
        assert_eq!(
            serde_json::to_string(&talent_matrix::lifecycle::Grade::BasicallyCompetent).unwrap(),
            r#""basically_competent""#
        );
    }

    #[test]
    fn code_sets_serialize_as_arrays_of_codes() {
        let set: talent_matrix::CodeSet<Stream> = [Stream::SocialWork, Stream::PartyGovernment]
            .into_iter()
            .collect();
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["party_government","social_work"]"#);
        assert_eq!(
            serde_json::from_str::<talent_matrix::CodeSet<Stream>>(&json).unwrap(),
            set
        );
    }
}
