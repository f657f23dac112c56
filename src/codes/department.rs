//! [`Department`]: the district departments that lead or manage talent.

use super::code_list;

code_list! {
    /// A district department that leads a stream (主管部门) or manages a tier (DOMAIN.md §2, §4.5).
    ///
    /// Besides codes and labels, parsing accepts the listed aliases in either script, optionally after one
    /// leading 区委/區委/区/區 written directly before a Chinese label or alias ("区委组织部", "區財政局").
    /// The seed lists departments with 等 ("and others"), so a policy may add departments: the list is
    /// `#[non_exhaustive]`.
    ///
    /// ```
    /// use talent_matrix::Department;
    ///
    /// assert_eq!("區政府金融辦公室".parse::<Department>()?, Department::FinancialOffice);
    /// assert_eq!("金融".parse::<Department>()?, Department::FinancialOffice);
    /// assert_eq!("SASAC".parse::<Department>()?, Department::Sasac);
    /// assert!("区 组织部".parse::<Department>().is_err());
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    #[non_exhaustive]
    pub enum Department: "department", open Defined, prefixes ["区委", "區委", "区", "區"] {
        OrganizationDepartment = ("organization_department", "组织部", "組織部", "Organization Department",
            aliases ["委组织部", "委組織部"])
            => "seed 人才工作目標考核: 區委組織部";
        TalentOffice = ("talent_office", "人才办", "人才辦", "Talent Work Office",
            aliases ["人才工作领导小组办公室", "人才工作領導小組辦公室"])
            => "seed 人才工作目標考核: 區人才辦";
        AssessmentOffice = ("assessment_office", "考评办", "考評辦", "Assessment Office")
            => "seed 人才工作目標考核: 區考評辦";
        FinanceBureau = ("finance_bureau", "财政局", "財政局", "Finance Bureau", aliases ["财政", "財政"])
            => "seed 建立人才雙向分類評價機制: 由財政、商務、金融等部門管理; 人才培訓: 區財政局";
        CommerceBureau = ("commerce_bureau", "商务局", "商務局", "Commerce Bureau", aliases ["商务", "商務"])
            => "seed 建立人才雙向分類評價機制: 由財政、商務、金融等部門管理";
        FinancialOffice = ("financial_office", "金融办", "金融辦", "Financial Affairs Office",
            aliases ["金融", "政府金融办公室", "金融办公室", "政府金融辦公室", "金融辦公室"])
            => "seed 建立人才雙向分類評價機制: 由財政、商務、金融等部門管理; 人才規劃: 區政府金融辦公室";
        EconomyInformationBureau = ("economy_information_bureau", "经信局", "經信局",
            "Economy and Information Technology Bureau", aliases ["经济和信息化局", "經濟和信息化局"])
            => "seed 建立人才雙向分類評價機制: 由經信局、國資委等部門管理";
        Sasac = ("sasac", "国资委", "國資委",
            "State-owned Assets Supervision and Administration Commission",
            aliases ["国有资产监督管理委员会", "國有資產監督管理委員會"])
            => "seed 建立人才雙向分類評價機制: 由經信局、國資委等部門管理";
        PrivateEconomyBureau = ("private_economy_bureau", "民营局", "民營局", "Private Economy Bureau",
            aliases ["民营经济局", "民營經濟局"])
            => "seed 建立人才雙向分類評價機制: 由民營局、工商聯等部門管理";
        FederationOfIndustryCommerce = ("federation_of_industry_commerce", "工商联", "工商聯",
            "Federation of Industry and Commerce", aliases ["工商业联合会", "工商業聯合會"])
            => "seed 建立人才雙向分類評價機制: 由民營局、工商聯等部門管理";
        HumanResourcesBureau = ("human_resources_bureau", "人社局", "人社局",
            "Human Resources and Social Security Bureau", aliases ["人力资源和社会保障局", "人力資源和社會保障局"])
            => "seed 人才服務全方位優化: 區人社局; DOMAIN.md §4.5 lead of professional-technical and high-skilled talent";
        ScienceTechnologyBureau = ("science_technology_bureau", "科技局", "科技局", "Science and Technology Bureau",
            aliases ["科学技术局", "科學技術局"])
            => "seed 人才服務全方位優化: 區科技局";
        CivilAffairsBureau = ("civil_affairs_bureau", "民政局", "民政局", "Civil Affairs Bureau")
            => "DOMAIN.md §4.5: lead of social work talent [policy default, national pattern]";
        AgricultureBureau = ("agriculture_bureau", "农业局", "農業局", "Agriculture Bureau")
            => "seed 人才培訓模式多樣化: 區農業局; DOMAIN.md §4.5 lead of rural practical talent";
    }
}
