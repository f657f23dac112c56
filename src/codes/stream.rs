//! [`Stream`]: the six national talent streams (六支人才队伍).

use super::code_list;

code_list! {
    /// One of the six national talent streams (六支人才队伍), in canonical order (DOMAIN.md §2).
    ///
    /// Every talent belongs to one primary stream (横向分类, horizontal classification); the canonical order
    /// decides the primary stream when the post's own stream does not apply (DOMAIN.md §4.2).
    ///
    /// ```
    /// use talent_matrix::{Lang, Stream};
    ///
    /// assert_eq!(Stream::ALL.len(), 6);
    /// assert_eq!(Stream::HighSkilled.label(Lang::ZhHans), "高技能人才");
    /// assert_eq!("professional and technical TALENT".parse::<Stream>()?, Stream::ProfessionalTechnical);
    /// assert_eq!(format!("{:#}", Stream::RuralPractical), "rural_practical");
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum Stream: "stream" {
        PartyGovernment = ("party_government", "党政人才", "黨政人才", "Party and government talent")
            => "seed 建立人才雙向分類評價機制 (橫向分類); [national] 国家中长期人才发展规划纲要（2010—2020年）";
        EnterpriseManagement = ("enterprise_management", "企业经营管理人才", "企業經營管理人才",
            "Enterprise management talent")
            => "seed 建立人才雙向分類評價機制 (橫向分類); [national] 国家中长期人才发展规划纲要（2010—2020年）";
        ProfessionalTechnical = ("professional_technical", "专业技术人才", "專業技術人才",
            "Professional and technical talent")
            => "seed 建立人才雙向分類評價機制 (橫向分類); [national] 国家中长期人才发展规划纲要（2010—2020年）";
        HighSkilled = ("high_skilled", "高技能人才", "高技能人才", "High-skilled talent")
            => "seed 建立人才雙向分類評價機制 (橫向分類); [national] 国家中长期人才发展规划纲要（2010—2020年）";
        SocialWork = ("social_work", "社会工作人才", "社會工作人才", "Social work talent")
            => "seed 建立人才雙向分類評價機制 (橫向分類); [national] 国家中长期人才发展规划纲要（2010—2020年）";
        RuralPractical = ("rural_practical", "农村实用人才", "農村實用人才", "Rural practical talent")
            => "seed 建立人才雙向分類評價機制 (橫向分類); [national] 国家中长期人才发展规划纲要（2010—2020年）";
    }
}
