//! [`Tier`]: the vertical tiers (纵向分类).

use super::code_list;

code_list! {
    /// A vertical tier (纵向分类, 梯次、递进式培养管理), ordered `Elite < HighEnd < Leader` (DOMAIN.md §2).
    ///
    /// Declared, and so iterated, from the lowest tier up. Under the built-in policy only enterprise management
    /// talent has tiers (DOMAIN.md §4.4); a user policy may add ladders, and tiers of its own (DOMAIN.md §9.1,
    /// the `Defined` variant), so the list is `#[non_exhaustive]`. `Ord` orders the built-in tiers and puts
    /// defined ones after them; a policy ranks its tiers by its `tier_order` ([`Policy::tier_rank`]).
    ///
    /// [`Policy::tier_rank`]: crate::Policy::tier_rank
    ///
    /// ```
    /// use talent_matrix::Tier;
    ///
    /// assert!(Tier::Elite < Tier::HighEnd && Tier::HighEnd < Tier::Leader);
    /// assert_eq!("领军人才".parse::<Tier>()?, Tier::Leader);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    #[non_exhaustive]
    pub enum Tier: "tier", open Defined {
        Elite = ("elite", "企业英才", "企業英才", "Enterprise elite")
            => "seed 建立人才雙向分類評價機制: 將具有發展潛力中小企業主定為企業英才";
        HighEnd = ("high_end", "高端人才", "高端人才", "High-end talent")
            => "seed 建立人才雙向分類評價機制: 將規模企業中高級管理者定為高端人才";
        Leader = ("leader", "领军人才", "領軍人才", "Leading talent")
            => "seed 建立人才雙向分類評價機制: 將企業經營管理人才中業績突出、貢獻大的主要負責人定為領軍人才";
    }
}
