//! The profile's fields, one row each: the table everything about a field follows from.
//!
//! After `id`, `name` and `post` (which every reader treats apart: the id and the name are text with their own
//! checks, the post is required), every field of DOMAIN.md §3 is one row of `with_profile_fields!`, in the
//! order of the §3 table, in which a record's errors are reported. A row gives:
//!
//! - the field's name in `Profile`, its [`Field`](crate::Field) variant, and the variant's code, labels
//!   (zh-Hans, zh-Hant, English) and source, from which the `Field` code list itself is written
//!   (`codes/profile_values.rs`);
//! - its kind, with the value's type: `code(T)` (an optional code of list `T`), `code_or_default(T)` (a code
//!   whose absence is `T::default()`), `flag(bool)` (optional true/false), `flag_or_false(bool)`, `whole(u32)`
//!   (a head count), `money(Wan)` (an amount of 万元);
//! - the fact of DOMAIN.md §4 it is: `fact(F)` (read as fact `F`), `derived(F)` (an input of the derived fact `F`,
//!   whose value the enterprise derivation decides), or `input` (read and kept, a fact of no rule itself: a number the derivations read);
//! - the getter's documentation and an example value.
//!
//! From the rows follow the `Field` code list, the `Profile` struct, its getters and the builder's setters
//! (`profile.rs`), the checked
//! readers of JSON and CSV cells and the clean-CSV fast path (`read.rs`), the one-pass JSON reader (`scan.rs`),
//! `Serialize`, and the facts' encoding and names (`facts.rs`). Each of those is a small macro with one arm per
//! kind, called with the rows: adding a row adds the field everywhere, and a new kind fails to compile until
//! each of them has an arm for it.

/// Calls `$callback!` with any extra tokens given, then `@rows` and the rows of the profile's fields (see the
/// [module](self)).
macro_rules! with_profile_fields {
    ($callback:ident $(, $($extra:tt)*)?) => {
        $callback! {
            $($($extra)*)?
            @rows
            role: Role = ("role", "职务", "職務", "Role")
                => "DOMAIN.md §3",
                code(Role), fact(Role),
                "Role in the enterprise; ignored by the rules unless the post is an enterprise.", "Role::Owner";
            industry: Industry = ("industry", "行业", "行業", "Industry")
                => "DOMAIN.md §3",
                code(Industry), fact(Industry),
                "The employer's industry row (DOMAIN.md §5).", "Industry::Retail";
            employees: Employees = ("employees", "从业人员", "從業人員", "Employees")
                => "DOMAIN.md §3: 从业人员 (X)",
                whole(u32), input,
                "从业人员: the employer's number of employees (X).", "120";
            revenue_wan: RevenueWan = ("revenue_wan", "营业收入(万元)", "營業收入(萬元)", "Revenue (10,000 yuan)")
                => "DOMAIN.md §3: 营业收入 in 万元 (Y)",
                money(Wan), input,
                "营业收入: the employer's revenue in 万元 (Y).", "Wan::from_wan(2500)";
            assets_wan: AssetsWan = ("assets_wan", "资产总额(万元)", "資產總額(萬元)", "Total assets (10,000 yuan)")
                => "DOMAIN.md §3: 资产总额 in 万元 (Z)",
                money(Wan), input,
                "资产总额: the employer's total assets in 万元 (Z).", "Wan::from_wan(900)";
            enterprise_size: EnterpriseSize = ("enterprise_size", "企业规模", "企業規模", "Enterprise size")
                => "DOMAIN.md §3: stated size, wins over derivation",
                code(EnterpriseSize), derived(EnterpriseSize),
                "Stated size class; wins over the derivation (DOMAIN.md §5).", "EnterpriseSize::Small";
            above_designated_size: AboveDesignatedSize = ("above_designated_size", "规模以上", "規模以上", "Above designated size")
                => "DOMAIN.md §3: stated 规模以上 status, wins over derivation",
                flag(bool), derived(AboveDesignatedSize),
                "Stated 规模以上 status; wins over the derivation (DOMAIN.md §5).", "true";
            ownership: Ownership = ("ownership", "所有制", "所有制", "Ownership")
                => "DOMAIN.md §3",
                code(Ownership), fact(Ownership),
                "Ownership of the employer; absent means not an individual business.", "Ownership::Private";
            performance: Performance = ("performance", "业绩", "業績", "Performance")
                => "DOMAIN.md §3 (default ordinary)",
                code_or_default(Performance), fact(Performance),
                "Performance (业绩); absent means ordinary (DOMAIN.md §3).", "Performance::Outstanding";
            contribution: Contribution = ("contribution", "贡献", "貢獻", "Contribution")
                => "DOMAIN.md §3 (default ordinary)",
                code_or_default(Contribution), fact(Contribution),
                "Contribution (贡献); absent means ordinary (DOMAIN.md §3).", "Contribution::Major";
            potential: Potential = ("potential", "发展潜力", "發展潛力", "Development potential")
                => "DOMAIN.md §3 (default false)",
                flag_or_false(bool), fact(Potential),
                "Development potential (发展潜力) assessed; absent means not (DOMAIN.md §3).", "true";
            professional_title: ProfessionalTitle = ("professional_title", "职称", "職稱", "Professional title")
                => "DOMAIN.md §3",
                code(ProfessionalTitle), fact(ProfessionalTitle),
                "Professional title (专业技术职称).", "ProfessionalTitle::Intermediate";
            skill_level: SkillLevel = ("skill_level", "职业资格", "職業資格", "Skill level")
                => "DOMAIN.md §3",
                code(SkillLevel), fact(SkillLevel),
                "Vocational qualification (职业资格).", "SkillLevel::Technician";
            social_work_certificate: SocialWorkCertificate = ("social_work_certificate", "社工证书", "社工證書", "Social work certificate")
                => "DOMAIN.md §3",
                code(SocialWorkCertificate), fact(SocialWorkCertificate),
                "Social work qualification.", "SocialWorkCertificate::SocialWorker";
            rural_role: RuralRole = ("rural_role", "农村人才类型", "農村人才類型", "Rural role")
                => "DOMAIN.md §3",
                code(RuralRole), fact(RuralRole),
                "Kind of rural practical talent.", "RuralRole::Business";
            introduction_level: IntroductionLevel = ("introduction_level", "引才层次", "引才層次", "Introduction level")
                => "DOMAIN.md §3: 百千万 level",
                code(IntroductionLevel), fact(IntroductionLevel),
                "百千万 level, where the person was introduced under it.", "IntroductionLevel::Hundred";
        }
    };
}
pub(crate) use with_profile_fields;

/// The type a field is stored as, by kind.
macro_rules! stored {
    (code, $ty:ty) => { Option<$ty> };
    (code_or_default, $ty:ty) => { $ty };
    (flag, $ty:ty) => { Option<$ty> };
    (flag_or_false, $ty:ty) => { $ty };
    (whole, $ty:ty) => { Option<$ty> };
    (money, $ty:ty) => { Option<$ty> };
}
pub(crate) use stored;
