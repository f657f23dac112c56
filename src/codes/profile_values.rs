//! The value lists of a profile's fields (DOMAIN.md §2, "Profile value lists"), and [`Field`] itself.

use super::code_list;

code_list! {
    /// The person's current main post (主岗位), the field that decides the primary stream (DOMAIN.md §4.2).
    /// Which stream is a post's own is the policy's to say ([`Policy::own_stream`](crate::Policy::own_stream)).
    ///
    /// ```
    /// use talent_matrix::{Policy, Post, Stream};
    ///
    /// assert_eq!("社區專職工作".parse::<Post>()?, Post::Community);
    /// assert_eq!(Policy::default().own_stream(Post::Community), Some(Stream::SocialWork));
    /// assert_eq!(Policy::default().own_stream(Post::Other), None);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum Post: "post" {
        PartyGovernment = ("party_government", "党政机关工作人员", "黨政機關工作人員", "Party or government staff")
            => "DOMAIN.md §2; [national] civil servants and staff managed as civil servants";
        Enterprise = ("enterprise", "企业", "企業", "Enterprise")
            => "DOMAIN.md §2; [national] enterprise management posts";
        ProfessionalTechnical = ("professional_technical", "专业技术岗位", "專業技術崗位",
            "Professional or technical post")
            => "DOMAIN.md §2; [national] 在专业技术岗位上工作的人员";
        SkilledTrade = ("skilled_trade", "技能岗位", "技能崗位", "Skilled trade")
            => "DOMAIN.md §2; [national] 高技能人才队伍建设中长期规划（2010—2020年）";
        SocialWork = ("social_work", "社会工作岗位", "社會工作崗位", "Social work post")
            => "DOMAIN.md §2; [national] 社会工作专业人才队伍建设中长期规划（2011—2020年）";
        Community = ("community", "社区专职工作", "社區專職工作", "Full-time community work")
            => "DOMAIN.md §2; seed 建立人才雙向分類評價機制: 社區專職工作者";
        Rural = ("rural", "农村劳动者", "農村勞動者", "Rural worker")
            => "DOMAIN.md §2; [national] 农村实用人才和农业科技人才队伍建设中长期规划（2010—2020年）";
        Other = ("other", "其他", "其他", "Other") => "DOMAIN.md §2: a post without a stream of its own";
    }
}

code_list! {
    /// The person's role in an enterprise (ignored by the rules unless the post is [`Post::Enterprise`]).
    ///
    /// An owner-operator (企业主) owns the enterprise and is also its principal (DOMAIN.md §2).
    ///
    /// ```
    /// use talent_matrix::Role;
    /// assert_eq!("企業主".parse::<Role>()?, Role::Owner);
    /// assert_eq!(Role::Owner.to_string(), "Owner-operator");
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum Role: "role" {
        Principal = ("principal", "主要负责人", "主要負責人", "Principal")
            => "DOMAIN.md §2; seed 業績突出、貢獻大的主要負責人";
        Owner = ("owner", "企业主", "企業主", "Owner-operator")
            => "DOMAIN.md §2; seed 具有發展潛力中小企業主";
        SeniorManager = ("senior_manager", "高级管理人员", "高級管理人員", "Senior manager")
            => "DOMAIN.md §2; seed 規模企業中高級管理者";
        MiddleManager = ("middle_manager", "中层管理人员", "中層管理人員", "Middle manager")
            => "DOMAIN.md §2; seed 規模企業中高級管理者 (read as middle and senior managers, DOMAIN.md §4.4)";
        Staff = ("staff", "一般员工", "一般員工", "Staff") => "DOMAIN.md §2: not a management post";
    }
}

impl Role {
    /// Whether the role is a management post (every role but [`Role::Staff`]), the roles that make enterprise
    /// management talent (DOMAIN.md §4.1).
    ///
    /// ```
    /// assert!(talent_matrix::Role::MiddleManager.is_management());
    /// assert!(!talent_matrix::Role::Staff.is_management());
    /// ```
    pub const fn is_management(self) -> bool {
        !matches!(self, Role::Staff)
    }

    /// Whether the role heads the enterprise: a principal, or an owner-operator (who is also its principal).
    ///
    /// ```
    /// assert!(talent_matrix::Role::Owner.is_principal());
    /// assert!(!talent_matrix::Role::SeniorManager.is_principal());
    /// ```
    pub const fn is_principal(self) -> bool {
        matches!(self, Role::Principal | Role::Owner)
    }
}

code_list! {
    /// The employer's industry, as the rows of the 2011 SME classification standard (DOMAIN.md §2, §5).
    ///
    /// ```
    /// use talent_matrix::Industry;
    /// assert_eq!("軟件和信息技術服務業".parse::<Industry>()?, Industry::SoftwareIt);
    /// assert_eq!("software and IT services".parse::<Industry>()?, Industry::SoftwareIt);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum Industry: "industry" {
        Agriculture = ("agriculture", "农林牧渔业", "農林牧漁業", "Agriculture, forestry, animal husbandry and fishery")
            => "[national] 中小企业划型标准规定（工信部联企业〔2011〕300号）第四条（一）";
        Industry = ("industry", "工业", "工業", "Industry")
            => "[national] 工信部联企业〔2011〕300号 第四条（二）";
        Construction = ("construction", "建筑业", "建築業", "Construction")
            => "[national] 工信部联企业〔2011〕300号 第四条（三）";
        Wholesale = ("wholesale", "批发业", "批發業", "Wholesale")
            => "[national] 工信部联企业〔2011〕300号 第四条（四）";
        Retail = ("retail", "零售业", "零售業", "Retail")
            => "[national] 工信部联企业〔2011〕300号 第四条（五）";
        Transport = ("transport", "交通运输业", "交通運輸業", "Transport")
            => "[national] 工信部联企业〔2011〕300号 第四条（六）";
        Warehousing = ("warehousing", "仓储业", "倉儲業", "Warehousing")
            => "[national] 工信部联企业〔2011〕300号 第四条（七）";
        Postal = ("postal", "邮政业", "郵政業", "Postal services")
            => "[national] 工信部联企业〔2011〕300号 第四条（八）";
        Accommodation = ("accommodation", "住宿业", "住宿業", "Accommodation")
            => "[national] 工信部联企业〔2011〕300号 第四条（九）";
        Catering = ("catering", "餐饮业", "餐飲業", "Catering")
            => "[national] 工信部联企业〔2011〕300号 第四条（十）";
        InformationTransmission = ("information_transmission", "信息传输业", "信息傳輸業", "Information transmission")
            => "[national] 工信部联企业〔2011〕300号 第四条（十一）";
        SoftwareIt = ("software_it", "软件和信息技术服务业", "軟件和信息技術服務業", "Software and IT services")
            => "[national] 工信部联企业〔2011〕300号 第四条（十二）";
        RealEstateDevelopment = ("real_estate_development", "房地产开发经营", "房地產開發經營",
            "Real estate development")
            => "[national] 工信部联企业〔2011〕300号 第四条（十三）";
        PropertyManagement = ("property_management", "物业管理", "物業管理", "Property management")
            => "[national] 工信部联企业〔2011〕300号 第四条（十四）";
        LeasingBusinessServices = ("leasing_business_services", "租赁和商务服务业", "租賃和商務服務業",
            "Leasing and business services")
            => "[national] 工信部联企业〔2011〕300号 第四条（十五）";
        Finance = ("finance", "金融业", "金融業", "Finance")
            => "DOMAIN.md §2, §5: 金融业 has its own size standard (not in 工信部联企业〔2011〕300号)";
        Other = ("other", "其他未列明行业", "其他未列明行業", "Other industries")
            => "[national] 工信部联企业〔2011〕300号 第四条（十六）其他未列明行业";
    }
}

code_list! {
    /// The size class of an enterprise, declared (and ordered) from the smallest up: `Micro < Small < Medium <
    /// Large` (\[national\] 中小企业划型标准规定, 工信部联企业〔2011〕300号; DOMAIN.md §5).
    ///
    /// ```
    /// use talent_matrix::EnterpriseSize;
    /// assert!(EnterpriseSize::Small < EnterpriseSize::Large);
    /// assert_eq!("中型".parse::<EnterpriseSize>()?, EnterpriseSize::Medium);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum EnterpriseSize: "enterprise size" {
        Micro = ("micro", "微型", "微型", "Micro") => "[national] 工信部联企业〔2011〕300号 第二条";
        Small = ("small", "小型", "小型", "Small") => "[national] 工信部联企业〔2011〕300号 第二条";
        Medium = ("medium", "中型", "中型", "Medium") => "[national] 工信部联企业〔2011〕300号 第二条";
        Large = ("large", "大型", "大型", "Large")
            => "[national] 工信部联企业〔2011〕300号: above the SME ceilings (NBS 统计上大中小微型企业划分办法)";
    }
}

code_list! {
    /// The ownership of the employer (DOMAIN.md §2). An absent ownership means "not an individual business".
    ///
    /// ```
    /// use talent_matrix::Ownership;
    /// assert_eq!("個體工商戶".parse::<Ownership>()?, Ownership::Individual);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum Ownership: "ownership" {
        StateOwned = ("state_owned", "国有", "國有", "State-owned") => "DOMAIN.md §2";
        Collective = ("collective", "集体", "集體", "Collective") => "DOMAIN.md §2";
        Private = ("private", "民营", "民營", "Private") => "DOMAIN.md §2";
        Foreign = ("foreign", "外资", "外資", "Foreign-invested") => "DOMAIN.md §2";
        Mixed = ("mixed", "混合所有制", "混合所有制", "Mixed ownership") => "DOMAIN.md §2";
        Individual = ("individual", "个体工商户", "個體工商戶", "Individual business")
            => "DOMAIN.md §2, §4.1: individual businesses (个体户) are not enterprise management talent";
    }
}

code_list! {
    /// The latest performance assessment, ordered `Ordinary < Good < Outstanding` (DOMAIN.md §2).
    ///
    /// ```
    /// use talent_matrix::Performance;
    /// assert!(Performance::Outstanding > Performance::Good);
    /// assert_eq!(Performance::default(), Performance::Ordinary);
    /// ```
    #[derive(Default)]
    pub enum Performance: "performance" {
        #[default]
        Ordinary = ("ordinary", "一般", "一般", "Ordinary") => "DOMAIN.md §2, §3 (the default)";
        Good = ("good", "良好", "良好", "Good") => "DOMAIN.md §2";
        Outstanding = ("outstanding", "业绩突出", "業績突出", "Outstanding")
            => "seed 建立人才雙向分類評價機制: 業績突出";
    }
}

code_list! {
    /// The district-level economic contribution (区级经济贡献), ordered `Ordinary < Notable < Major`
    /// (DOMAIN.md §2).
    ///
    /// ```
    /// use talent_matrix::Contribution;
    /// assert!(Contribution::Major > Contribution::Notable);
    /// assert_eq!("貢獻大".parse::<Contribution>()?, Contribution::Major);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    #[derive(Default)]
    pub enum Contribution: "contribution" {
        #[default]
        Ordinary = ("ordinary", "一般", "一般", "Ordinary") => "DOMAIN.md §2, §3 (the default)";
        Notable = ("notable", "贡献较大", "貢獻較大", "Notable") => "DOMAIN.md §2";
        Major = ("major", "贡献大", "貢獻大", "Major")
            => "seed: 業績突出、貢獻大; 把區級經濟貢獻作為選拔和獎勵的依據，對貢獻大的給予每年6萬元的獎勵";
    }
}

code_list! {
    /// A professional title (专业技术职称), ordered `Junior < … < Senior` (DOMAIN.md §2).
    ///
    /// ```
    /// use talent_matrix::ProfessionalTitle;
    /// assert!(ProfessionalTitle::AssociateSenior < ProfessionalTitle::Senior);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum ProfessionalTitle: "professional title" {
        Junior = ("junior", "初级", "初級", "Junior") => "[national] 专业技术职务 levels";
        Intermediate = ("intermediate", "中级", "中級", "Intermediate") => "[national] 专业技术职务 levels";
        AssociateSenior = ("associate_senior", "副高级", "副高級", "Associate senior")
            => "[national] 专业技术职务 levels";
        Senior = ("senior", "正高级", "正高級", "Senior") => "[national] 专业技术职务 levels";
    }
}

code_list! {
    /// A vocational qualification level (国家职业资格), ordered `JuniorWorker < … < SeniorTechnician`
    /// (DOMAIN.md §2).
    ///
    /// ```
    /// use talent_matrix::SkillLevel;
    /// assert!(SkillLevel::Technician.is_high_skilled());
    /// assert!(!SkillLevel::IntermediateWorker.is_high_skilled());
    /// ```
    pub enum SkillLevel: "skill level" {
        JuniorWorker = ("junior_worker", "初级工", "初級工", "Junior worker") => "[national] 国家职业资格五级";
        IntermediateWorker = ("intermediate_worker", "中级工", "中級工", "Intermediate worker")
            => "[national] 国家职业资格四级";
        SeniorWorker = ("senior_worker", "高级工", "高級工", "Senior worker") => "[national] 国家职业资格三级";
        Technician = ("technician", "技师", "技師", "Technician") => "[national] 国家职业资格二级";
        SeniorTechnician = ("senior_technician", "高级技师", "高級技師", "Senior technician")
            => "[national] 国家职业资格一级";
    }
}

impl SkillLevel {
    /// Whether the level makes high-skilled talent: senior worker, technician or senior technician
    /// (\[national\] 高技能人才队伍建设中长期规划（2010—2020年）: 高级工、技师、高级技师; DOMAIN.md §4.1).
    ///
    /// ```
    /// assert!(talent_matrix::SkillLevel::SeniorWorker.is_high_skilled());
    /// ```
    pub const fn is_high_skilled(self) -> bool {
        matches!(
            self,
            SkillLevel::SeniorWorker | SkillLevel::Technician | SkillLevel::SeniorTechnician
        )
    }
}

code_list! {
    /// A social work qualification (社会工作者职业水平证书), ordered by level (DOMAIN.md §2).
    ///
    /// ```
    /// use talent_matrix::SocialWorkCertificate;
    /// assert_eq!("社會工作師".parse::<SocialWorkCertificate>()?, SocialWorkCertificate::SocialWorker);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum SocialWorkCertificate: "social work certificate" {
        AssistantSocialWorker = ("assistant_social_worker", "助理社会工作师", "助理社會工作師",
            "Assistant social worker")
            => "[national] 社会工作者职业水平评价暂行规定（国人部发〔2006〕71号）";
        SocialWorker = ("social_worker", "社会工作师", "社會工作師", "Social worker")
            => "[national] 社会工作者职业水平评价暂行规定（国人部发〔2006〕71号）";
        SeniorSocialWorker = ("senior_social_worker", "高级社会工作师", "高級社會工作師", "Senior social worker")
            => "[national] 社会工作者职业水平评价暂行规定（国人部发〔2006〕71号）";
    }
}

code_list! {
    /// The kind of rural practical talent (农村实用人才类型) (DOMAIN.md §2).
    ///
    /// ```
    /// use talent_matrix::RuralRole;
    /// assert_eq!("技能帶動型".parse::<RuralRole>()?, RuralRole::Craft);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum RuralRole: "rural role" {
        Production = ("production", "生产型", "生產型", "Production")
            => "[national] 农村实用人才和农业科技人才队伍建设中长期规划（2010—2020年）";
        Business = ("business", "经营型", "經營型", "Business")
            => "[national] 农村实用人才和农业科技人才队伍建设中长期规划（2010—2020年）";
        Craft = ("craft", "技能带动型", "技能帶動型", "Skill-leading craft")
            => "[national] 农村实用人才和农业科技人才队伍建设中长期规划（2010—2020年）";
        SkilledService = ("skilled_service", "技能服务型", "技能服務型", "Skilled service")
            => "[national] 农村实用人才和农业科技人才队伍建设中长期规划（2010—2020年）";
        SocialService = ("social_service", "社会服务型", "社會服務型", "Social service")
            => "[national] 农村实用人才和农业科技人才队伍建设中长期规划（2010—2020年）";
    }
}

code_list! {
    /// The level at which a person was introduced under the city's 百千万 talent introduction project
    /// (百千万引才工程) (DOMAIN.md §2, §4.6).
    ///
    /// ```
    /// use talent_matrix::IntroductionLevel;
    /// assert_eq!("萬層次".parse::<IntroductionLevel>()?, IntroductionLevel::TenThousand);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum IntroductionLevel: "introduction level" {
        Hundred = ("hundred", "百层次", "百層次", "Hundred level")
            => "seed 人才服務全方位優化: 針對百層次人才，建立定期聯繫制度";
        Thousand = ("thousand", "千层次", "千層次", "Thousand level")
            => "seed 人才服務全方位優化: 針對千層次人才，實行扶持獎勵制度";
        TenThousand = ("ten_thousand", "万层次", "萬層次", "Ten-thousand level")
            => "seed 人才服務全方位優化: 針對萬層次人才，登記入庫管理，為其辦理戶口，免費辦理檔案關係轉接";
    }
}

/// Writes the [`Field`] code list: `id`, `name` and `post`, then one variant per row of the field table
/// (`crate::fields`), with the row's code, labels and source.
macro_rules! field_list {
    (@rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        code_list! {
            /// A field of the profile record, in the order of the DOMAIN.md §3 table, which is also the order in which
            /// a record's value errors are reported.
            ///
            /// The Chinese labels are the roster column names of DOMAIN.md §8.
            ///
            /// ```
            /// use talent_matrix::Field;
            /// assert_eq!("營業收入(萬元)".parse::<Field>()?, Field::RevenueWan);
            /// assert_eq!(Field::RevenueWan.code(), "revenue_wan");
            /// # Ok::<(), talent_matrix::ParseCodeError>(())
            /// ```
            pub enum Field: "profile field" {
                Id = ("id", "编号", "編號", "Identifier") => "DOMAIN.md §3: roster identifier, 1 to 64 characters";
                Name = ("name", "姓名", "姓名", "Name") => "DOMAIN.md §3: never used by rules";
                Post = ("post", "岗位", "崗位", "Post") => "DOMAIN.md §3: current main post (主岗位)";
                $($variant = ($code, $hans, $hant, $en) => $source;)+
            }
        }
    };
}

crate::fields::with_profile_fields!(field_list);
