//! The value lists of the classification record: entitlements, services and missing facts (DOMAIN.md §2, §4).

use super::code_list;
use super::profile_values::Field;

code_list! {
    /// An entitlement granted by the policy (DOMAIN.md §2 "Output value lists", §4.6).
    ///
    /// ```
    /// use talent_matrix::{Entitlement, Lang};
    /// assert_eq!(Entitlement::AnnualReward.label(Lang::ZhHans), "年度奖励");
    /// ```
    #[non_exhaustive]
    pub enum Entitlement: "entitlement", open Defined {
        AnnualReward = ("annual_reward", "年度奖励", "年度獎勵", "Annual reward (60,000 yuan)")
            => "seed 人才激勵機制: 對貢獻大的給予每年6萬元的獎勵";
        FinanceApartmentPreference = ("finance_apartment_preference", "金融公寓住房优惠", "金融公寓住房優惠",
            "Finance apartment housing preference")
            => "seed 人才激勵機制: 並享受金融公寓住房優惠待遇";
    }
}

code_list! {
    /// A service given under the 百千万 introduction project (DOMAIN.md §2 "Output value lists", §4.6).
    ///
    /// ```
    /// use talent_matrix::Service;
    /// assert_eq!("辦理戶口".parse::<Service>()?, Service::HukouHandling);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    #[non_exhaustive]
    pub enum Service: "service", open Defined {
        RegularContact = ("regular_contact", "定期联系", "定期聯繫", "Regular contact")
            => "seed 人才服務全方位優化: 針對百層次人才，建立定期聯繫制度";
        SupportAndReward = ("support_and_reward", "扶持奖励", "扶持獎勵", "Support and reward")
            => "seed 人才服務全方位優化: 針對千層次人才，實行扶持獎勵制度";
        DatabaseRegistration = ("database_registration", "登记入库管理", "登記入庫管理", "Database registration")
            => "seed 人才服務全方位優化: 針對萬層次人才，登記入庫管理";
        HukouHandling = ("hukou_handling", "办理户口", "辦理戶口", "Household registration")
            => "seed 人才服務全方位優化: 為其辦理戶口";
        FreeArchiveTransfer = ("free_archive_transfer", "免费档案关系转接", "免費檔案關係轉接",
            "Free personnel-file transfer")
            => "seed 人才服務全方位優化: 免費辦理檔案關係轉接";
    }
}

code_list! {
    /// A fact whose absence leaves a decision open, in the order of DOMAIN.md §4.7.
    ///
    /// The codes are the names of the profile fields to fill in; the labels are their roster column names.
    ///
    /// ```
    /// use talent_matrix::{Field, MissingFact};
    /// assert_eq!(MissingFact::AboveDesignatedSize.field(), Field::AboveDesignatedSize);
    /// assert_eq!(MissingFact::AboveDesignatedSize.code(), "above_designated_size");
    /// ```
    #[non_exhaustive]
    pub enum MissingFact: "missing fact" {
        Role = ("role", "职务", "職務", "Role")
            => "DOMAIN.md §4.7 (1): post enterprise, no role, not an individual business";
        SkillLevel = ("skill_level", "职业资格", "職業資格", "Skill level")
            => "DOMAIN.md §4.7 (2): post skilled trade and no skill level";
        RuralRole = ("rural_role", "农村人才类型", "農村人才類型", "Rural role")
            => "DOMAIN.md §4.7 (3): post rural and no rural role";
        Industry = ("industry", "行业", "行業", "Industry")
            => "DOMAIN.md §4.7 (4): enterprise management talent without industry (specialty undecided)";
        EnterpriseSize = ("enterprise_size", "企业规模", "企業規模", "Enterprise size")
            => "DOMAIN.md §4.7 (5): a higher tier's \"not large\" clause is open";
        AboveDesignatedSize = ("above_designated_size", "规模以上", "規模以上", "Above designated size")
            => "DOMAIN.md §4.7 (6): a higher tier's \"above designated size\" clause is open";
    }
}

impl MissingFact {
    /// The profile field that would settle this fact.
    ///
    /// ```
    /// use talent_matrix::{Field, MissingFact};
    /// assert_eq!(MissingFact::Role.field(), Field::Role);
    /// ```
    pub const fn field(self) -> Field {
        match self {
            MissingFact::Role => Field::Role,
            MissingFact::SkillLevel => Field::SkillLevel,
            MissingFact::RuralRole => Field::RuralRole,
            MissingFact::Industry => Field::Industry,
            MissingFact::EnterpriseSize => Field::EnterpriseSize,
            MissingFact::AboveDesignatedSize => Field::AboveDesignatedSize,
        }
    }
}
