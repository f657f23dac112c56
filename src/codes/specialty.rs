//! [`Specialty`]: refinements of a stream (细化类别).

use super::code_list;
use super::stream::Stream;

code_list! {
    /// A refinement of a stream by industry or post (细化类别, DOMAIN.md §2).
    ///
    /// The district splits finance and commerce talent out of enterprise management talent, and cultivates
    /// full-time community workers as the base force of social work talent. A user policy may add more, so the
    /// list is `#[non_exhaustive]`.
    ///
    /// ```
    /// use talent_matrix::{Specialty, Stream};
    ///
    /// assert_eq!(Specialty::FinanceCommerce.parent(), Stream::EnterpriseManagement);
    /// assert_eq!("社區專職工作者".parse::<Specialty>()?, Specialty::CommunityWorker);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    #[non_exhaustive]
    pub enum Specialty: "specialty", open Defined {
        FinanceCommerce = ("finance_commerce", "金融商务人才", "金融商務人才", "Finance and commerce talent")
            => "seed 建立人才雙向分類評價機制: 將金融商務人才從企業經營管理人才中分離出來，單獨制定了選拔管理辦法";
        CommunityWorker = ("community_worker", "社区专职工作者", "社區專職工作者", "Full-time community worker")
            => "seed 建立人才雙向分類評價機制: 將社區專職工作者作為一支基礎力量進行培養";
    }
}

impl Specialty {
    /// The stream this specialty refines (DOMAIN.md §2, "parent stream"; for a specialty a policy defines, the
    /// `parent` of its `[[specialties]]` entry, DOMAIN.md §9.1).
    ///
    /// ```
    /// use talent_matrix::{Specialty, Stream};
    /// assert_eq!(Specialty::CommunityWorker.parent(), Stream::SocialWork);
    /// ```
    pub fn parent(self) -> Stream {
        match self {
            Specialty::FinanceCommerce => Stream::EnterpriseManagement,
            Specialty::CommunityWorker => Stream::SocialWork,
            // A policy defines a specialty only with the `[[specialties]]` entry that gives its parent.
            Specialty::Defined(d) => d
                .definition()
                .parent
                .unwrap_or(Stream::EnterpriseManagement),
        }
    }
}
