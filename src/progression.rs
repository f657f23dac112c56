//! Progression: what would move a person up their stream's ladder (梯次、递进式培养管理).
//!
//! For each tier above the person's, [`progression`] finds the smallest set of fact changes that places them
//! there: one change for each clause of the tier's condition that does not hold, read from the policy's rules
//! and thresholds, never written by hand per case. Each change is a [`Requirement`] a person can read, in
//! zh-Hans and English ("enterprise above designated size: Industry revenue at least 2000 万元 (now 1500)"),
//! and can be applied to a profile to check it. Every [`Step`] lands exactly on its tier: a tier whose changes
//! would place the person elsewhere (a higher tier whose other conditions they already meet) is
//! [`PassedOver`], with the reason in both languages. Where there is no ladder to climb, [`NoPath`] says why.
//!
//! ```
//! use talent_matrix::progression::progression;
//! use talent_matrix::{Industry, Policy, Post, Profile, Role, Tier, Wan};
//!
//! let p = Profile::builder("E-1", Post::Enterprise)
//!     .role(Role::MiddleManager)
//!     .industry(Industry::Industry)
//!     .revenue_wan(Wan::from_wan(1500))
//!     .build()?;
//! let policy = Policy::shizhong_2011();
//! let path = progression(&policy, &p);
//! // Nearest first: elite (which needs an owner-operator), high-end, leader.
//! let tiers: Vec<Tier> = path.steps().iter().map(|s| s.tier()).collect();
//! assert_eq!(tiers, [Tier::Elite, Tier::HighEnd, Tier::Leader]);
//! let high_end = &path.steps()[1];
//! assert_eq!(
//!     high_end.requirements()[0].en(),
//!     "enterprise above designated size: Industry revenue at least 2000 万元 (now 1500 万元)"
//! );
//! # Ok::<(), talent_matrix::ProfileError>(())
//! ```

use crate::codes::{
    Coded, Contribution, EnterpriseSize, Industry, IntroductionLevel, Ownership, Performance, Post,
    ProfessionalTitle, Role, RuralRole, SkillLevel, SocialWorkCertificate, Stream, Tier,
};
use crate::enterprise::AboveSizeRule;
use crate::facts::condition::Mask;
use crate::facts::{Fact, Facts};
use crate::lang::Lang;
use crate::money::{Measure, Unit, Wan};
use crate::policy::Policy;
use crate::profile::{PolicyValue, Profile, ProfileBuilder};

/// A change to one fact of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Post(Post),
    Role(Option<Role>),
    Ownership(Option<Ownership>),
    Industry(Option<Industry>),
    Performance(Performance),
    Contribution(Contribution),
    Potential(bool),
    Title(Option<ProfessionalTitle>),
    Skill(Option<SkillLevel>),
    Certificate(Option<SocialWorkCertificate>),
    Rural(Option<RuralRole>),
    Level(Option<IntroductionLevel>),
    /// Revenue at least this, in the person's industry, so that the enterprise is above designated size.
    Revenue(Industry, Wan),
    /// Above designated size, stated.
    StateAbove,
    /// The enterprise size, stated.
    StateSize(EnterpriseSize),
    /// A field a policy adds (DOMAIN.md §9.2): its code and the value to give it.
    Own(String, PolicyValue),
}

/// One change a person needs, readable and applicable.
///
/// ```
/// use talent_matrix::progression::progression;
/// use talent_matrix::{EnterpriseSize, Policy, Post, Profile, Role};
///
/// let owner = Profile::builder("E-2", Post::Enterprise)
///     .role(Role::Owner)
///     .enterprise_size(EnterpriseSize::Small)
///     .above_designated_size(false)
///     .build()?;
/// let path = progression(&Policy::shizhong_2011(), &owner);
/// let elite = path.steps().first().expect("elite is the nearest step");
/// assert_eq!(elite.requirements()[0].en(), "development potential assessed");
/// assert_eq!(elite.requirements()[0].zh(), "经评定具有发展潜力");
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    change: Change,
    zh: String,
    en: String,
}

impl Requirement {
    /// What is needed, in simplified Chinese.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile, Role};
    /// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
    /// let path = progression(&Policy::shizhong_2011(), &p);
    /// let step = &path.steps()[2]; // the leader step
    /// assert_eq!(step.requirements()[0].zh(), "业绩评定为业绩突出（现为一般）");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn zh(&self) -> &str {
        &self.zh
    }

    /// What is needed, in English.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile, Role};
    /// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
    /// let path = progression(&Policy::shizhong_2011(), &p);
    /// let step = &path.steps()[2]; // the leader step
    /// assert_eq!(step.requirements()[0].en(), "performance assessed Outstanding (now Ordinary)");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn en(&self) -> &str {
        &self.en
    }

    /// Applies the change to a profile being built (to check a path, or to plan with it).
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{classify, Performance, Policy, Post, Profile, Role};
    /// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
    /// let path = progression(&Policy::shizhong_2011(), &p);
    /// let step = &path.steps()[2]; // the leader step
    /// let q = step.requirements()[0].apply(p.clone().into_builder()).build()?;
    /// assert_eq!(q.performance(), Performance::Outstanding);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn apply(&self, b: ProfileBuilder) -> ProfileBuilder {
        match self.change.clone() {
            Change::Post(v) => b.post(v),
            Change::Role(v) => b.role(v),
            Change::Ownership(v) => b.ownership(v),
            Change::Industry(v) => b.industry(v),
            Change::Performance(v) => b.performance(v),
            Change::Contribution(v) => b.contribution(v),
            Change::Potential(v) => b.potential(v),
            Change::Title(v) => b.professional_title(v),
            Change::Skill(v) => b.skill_level(v),
            Change::Certificate(v) => b.social_work_certificate(v),
            Change::Rural(v) => b.rural_role(v),
            Change::Level(v) => b.introduction_level(v),
            Change::Revenue(_, w) => b.revenue_wan(w),
            Change::StateAbove => b.above_designated_size(true),
            Change::StateSize(s) => b.enterprise_size(s),
            Change::Own(code, value) => b.policy_value(code, value),
        }
    }
}

/// The way to one higher tier.
///
/// ```
/// # use talent_matrix::progression::progression;
/// # use talent_matrix::{Policy, Post, Profile, Role, Tier};
/// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
/// let steps = progression(&Policy::shizhong_2011(), &p).steps().to_vec();
/// assert_eq!(steps.iter().map(|s| s.tier()).collect::<Vec<_>>(), [Tier::Elite, Tier::HighEnd, Tier::Leader]);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    tier: Tier,
    requirements: Vec<Requirement>,
}

impl Step {
    /// The tier this step reaches.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile, Role, Tier};
    /// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
    /// assert_eq!(progression(&Policy::shizhong_2011(), &p).steps()[2].tier(), Tier::Leader);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn tier(&self) -> Tier {
        self.tier
    }

    /// The changes, one per clause of the tier's condition that does not hold: all of them are needed.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile, Role};
    /// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
    /// assert_eq!(progression(&Policy::shizhong_2011(), &p).steps()[2].requirements().len(), 2);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// The profile with every change of this step applied.
    ///
    /// # Errors
    ///
    /// Only if a change took a number out of range, which the policy's thresholds (validated on load) do not.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{classify, Policy, Post, Profile, Role, Tier};
    /// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
    /// let path = progression(&Policy::shizhong_2011(), &p);
    /// let step = &path.steps()[2];
    /// assert_eq!(classify(&step.applied_to(&p)?).tier(), Some(Tier::Leader));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn applied_to(&self, profile: &Profile) -> Result<Profile, crate::ProfileError> {
        self.requirements
            .iter()
            .fold(profile.clone().into_builder(), |b, r| r.apply(b))
            .build()
    }
}

/// Why a person has no tier to climb to.
///
/// ```
/// use talent_matrix::progression::{progression, NoPath};
/// use talent_matrix::{Policy, Post, Profile, Stream};
/// let p = Profile::builder("1", Post::SocialWork).build()?;
/// let path = progression(&Policy::shizhong_2011(), &p);
/// assert_eq!(path.no_path(), Some(NoPath::NoLadder(Stream::SocialWork)));
/// assert_eq!(path.no_path().map(|n| n.en()).as_deref(), Some("Social work talent has no tiers under shizhong-2011"));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoPath {
    /// Not counted as talent: no stream, so no ladder.
    NotTalent,
    /// The person's stream has no ladder under the policy.
    NoLadder(Stream),
    /// Already at the highest tier of the ladder.
    AtTop(Tier),
    /// Every tier above is passed over (see [`Progression::passed_over`]): no set of changes lands on one.
    AllPassedOver,
}

impl NoPath {
    fn text(self, lang: Lang, policy: &str) -> String {
        let zh = lang.is_chinese();
        match self {
            NoPath::NotTalent if zh => "不计入人才，没有可晋升的层次".to_owned(),
            NoPath::NotTalent => "not counted as talent, so there is no ladder to climb".to_owned(),
            NoPath::NoLadder(s) if zh => format!("{}在{policy}下不分层次", s.label(lang)),
            NoPath::NoLadder(s) => format!("{} has no tiers under {policy}", s.label(lang)),
            NoPath::AtTop(t) if zh => format!("已是最高层次（{}）", t.label(lang)),
            NoPath::AtTop(t) => format!("already at the highest tier ({})", t.label(lang)),
            NoPath::AllPassedOver if zh => {
                "每个更高层次所需的变化都会越过该层次，没有恰好到达的一步".to_owned()
            }
            NoPath::AllPassedOver => {
                "the changes each higher tier needs would pass it by: no step lands on one"
                    .to_owned()
            }
        }
    }

    /// Why, in simplified Chinese, naming the built-in policy.
    ///
    /// ```
    /// assert_eq!(talent_matrix::progression::NoPath::NotTalent.zh(), "不计入人才，没有可晋升的层次");
    /// ```
    pub fn zh(self) -> String {
        self.text(Lang::ZhHans, "shizhong-2011")
    }

    /// Why, in English, naming the built-in policy.
    ///
    /// ```
    /// use talent_matrix::{progression::NoPath, Tier};
    /// assert_eq!(NoPath::AtTop(Tier::Leader).en(), "already at the highest tier (Leading talent)");
    /// ```
    pub fn en(self) -> String {
        self.text(Lang::En, "shizhong-2011")
    }
}

/// A tier above the person's that no step lands on: the changes its condition needs would place the person
/// on another tier (or none), so reaching it means passing it by.
///
/// ```
/// use talent_matrix::progression::progression;
/// use talent_matrix::{Contribution, Performance, Policy, Post, Profile, Role, Tier};
///
/// // A senior manager with outstanding performance and major contribution, the firm's size unknown: becoming
/// // the owner of a firm that is not large (which elite needs) makes them leader, whose other conditions
/// // already hold.
/// let p = Profile::builder("E-4", Post::Enterprise)
///     .role(Role::SeniorManager)
///     .performance(Performance::Outstanding)
///     .contribution(Contribution::Major)
///     .potential(true)
///     .build()?;
/// let path = progression(&Policy::shizhong_2011(), &p);
/// let passed = &path.passed_over()[0];
/// assert_eq!((passed.tier(), passed.lands()), (Tier::Elite, Some(Tier::Leader)));
/// assert_eq!(
///     passed.en(),
///     "Enterprise elite is passed over: the changes it needs (role Owner-operator (now Senior manager); \
///      enterprise size Micro, Small, Medium (not known: state it)) make the person Leading talent"
/// );
/// assert!(path.steps().iter().all(|s| s.tier() != Tier::Elite));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedOver {
    tier: Tier,
    lands: Option<Tier>,
    requirements: Vec<Requirement>,
}

impl PassedOver {
    /// The tier passed over.
    pub fn tier(&self) -> Tier {
        self.tier
    }

    /// Where the changes its condition needs place the person instead: `None` when on no tier of the ladder
    /// (or when a change cannot be made at all: a policy threshold beyond the range a profile's number takes).
    pub fn lands(&self) -> Option<Tier> {
        self.lands
    }

    /// The changes the tier's condition needs (one per clause that does not hold), which land elsewhere.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    fn text(&self, lang: Lang) -> String {
        let zh = lang.is_chinese();
        let changes: Vec<&str> = self
            .requirements
            .iter()
            .map(|r| if zh { r.zh() } else { r.en() })
            .collect();
        let (tier, lands) = (self.tier.label(lang), self.lands.map(|t| t.label(lang)));
        match lands {
            Some(l) if zh => format!(
                "越过{tier}：所需变化（{}）会使其成为{l}",
                changes.join("；")
            ),
            Some(l) => format!(
                "{tier} is passed over: the changes it needs ({}) make the person {l}",
                changes.join("; ")
            ),
            None if zh => format!(
                "越过{tier}：所需变化（{}）不能使其到达该层次",
                changes.join("；")
            ),
            None => format!(
                "{tier} is passed over: the changes it needs ({}) do not place the person on it",
                changes.join("; ")
            ),
        }
    }

    /// Why, in simplified Chinese.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Contribution, Performance, Policy, Post, Profile, Role};
    /// # let p = Profile::builder("E-4", Post::Enterprise).role(Role::SeniorManager)
    /// #     .performance(Performance::Outstanding).contribution(Contribution::Major).potential(true).build()?;
    /// let path = progression(&Policy::shizhong_2011(), &p);
    /// assert_eq!(
    ///     path.passed_over()[0].zh(),
    ///     "越过企业英才：所需变化（职务为企业主（现为高级管理人员）；企业规模为微型、小型、中型（规模未知，需填报））\
    ///      会使其成为领军人才"
    /// );
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn zh(&self) -> String {
        self.text(Lang::ZhHans)
    }

    /// Why, in English.
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }
}

/// The way up a person's ladder: a step for each higher tier it can land on, nearest first, and the tiers
/// passed over; or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progression {
    stream: Option<Stream>,
    tier: Option<Tier>,
    steps: Vec<Step>,
    passed_over: Vec<PassedOver>,
    no_path: Option<NoPath>,
}

impl Progression {
    /// The person's stream.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert_eq!(progression(&Policy::shizhong_2011(), &p).stream(), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn stream(&self) -> Option<Stream> {
        self.stream
    }

    /// The person's tier now.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert_eq!(progression(&Policy::shizhong_2011(), &p).tier(), None);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn tier(&self) -> Option<Tier> {
        self.tier
    }

    /// A step for each tier above the person's that its changes land on exactly, the nearest first.
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert!(progression(&Policy::shizhong_2011(), &p).steps().is_empty());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The tiers above the person's that no step lands on, the nearest first (see [`PassedOver`]).
    ///
    /// ```
    /// # use talent_matrix::progression::progression;
    /// # use talent_matrix::{Policy, Post, Profile, Role};
    /// let p = Profile::builder("1", Post::Enterprise).role(Role::Principal).build()?;
    /// assert!(progression(&Policy::shizhong_2011(), &p).passed_over().is_empty());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn passed_over(&self) -> &[PassedOver] {
        &self.passed_over
    }

    /// Why there is no step, if there is none.
    ///
    /// ```
    /// # use talent_matrix::progression::{progression, NoPath};
    /// # use talent_matrix::{Policy, Post, Profile};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert_eq!(progression(&Policy::shizhong_2011(), &p).no_path(), Some(NoPath::NotTalent));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn no_path(&self) -> Option<NoPath> {
        self.no_path
    }
}

/// The way up a person's ladder under a policy. See the [module docs](self).
///
/// ```
/// use talent_matrix::progression::progression;
/// use talent_matrix::{Policy, Post, Profile, Role, Tier};
/// let p = Profile::builder("1", Post::Enterprise).role(Role::Owner).build()?;
/// let path = progression(&Policy::shizhong_2011(), &p);
/// assert_eq!(path.steps().iter().map(|s| s.tier()).collect::<Vec<_>>(), [Tier::Elite, Tier::HighEnd, Tier::Leader]);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
pub fn progression(policy: &Policy, profile: &Profile) -> Progression {
    let c = policy.classify(profile);
    let (stream, tier) = (c.stream(), c.tier());
    let none = |why| Progression {
        stream,
        tier,
        steps: Vec::new(),
        passed_over: Vec::new(),
        no_path: Some(why),
    };
    let Some(s) = stream else {
        return none(NoPath::NotTalent);
    };
    let ladder = policy.ladder(s);
    if ladder.is_empty() {
        return none(NoPath::NoLadder(s));
    }
    let facts = Facts::of_decided(
        profile,
        &c.enterprise_facts(),
        &policy.compiled().slots,
        stream,
        c.specialty(),
        tier,
    );
    // The tiers above the person's, nearest first.
    let above: Vec<_> = ladder.iter().take_while(|t| Some(t.tier) != tier).collect();
    if above.is_empty() {
        return none(NoPath::AtTop(
            ladder.first().map_or(Tier::Leader, |t| t.tier),
        ));
    }
    let mut steps = Vec::new();
    let mut passed_over = Vec::new();
    for t in above.iter().rev() {
        // Each alternative's changes, fewest first (the first listed on a tie, DOMAIN.md §9.2): the step is the
        // first that lands exactly on the tier, in the same stream; if none does, the tier is passed over, saying
        // where the fewest changes lead.
        let mut options: Vec<Vec<Requirement>> = t
            .when
            .iter()
            .map(|w| requirements(policy, profile, &w.mask, &facts))
            .collect();
        options.sort_by_key(Vec::len);
        let mut first_landing = None;
        let mut landed_step = None;
        for requirements in options {
            let step = Step {
                tier: t.tier,
                requirements,
            };
            let lands = step.applied_to(profile).ok().map(|q| {
                let c = policy.classify(&q);
                (c.stream(), c.tier())
            });
            if matches!(lands, Some((s2, t2)) if s2 == stream && t2 == Some(t.tier)) {
                landed_step = Some(step);
                break;
            }
            if first_landing.is_none() {
                first_landing = Some((step, lands));
            }
        }
        match (landed_step, first_landing) {
            (Some(step), _) => steps.push(step),
            (None, Some((step, landed))) => passed_over.push(PassedOver {
                tier: t.tier,
                lands: landed.and_then(|(s2, t2)| t2.filter(|_| s2 == stream)),
                requirements: step.requirements,
            }),
            // A tier without alternatives, which a policy that loads does not have: nothing to offer.
            (None, None) => {}
        }
    }
    let no_path = steps.is_empty().then_some(NoPath::AllPassedOver);
    Progression {
        stream,
        tier,
        steps,
        passed_over,
        no_path,
    }
}

/// One change per clause of `when` that does not hold.
fn requirements(policy: &Policy, p: &Profile, when: &Mask, facts: &Facts) -> Vec<Requirement> {
    when.clauses()
        .filter(|&(fact, allowed)| facts.get(fact) & !allowed != 0)
        .filter_map(|(fact, allowed)| requirement(policy, p, fact, allowed, facts.get(fact)))
        .collect()
}

/// The value to move to: for ordered facts the lowest allowed value above the current one (else the lowest
/// allowed), for others the first allowed value; present values before absence.
fn target<T: crate::codes::Closed>(
    allowed: u32,
    optional: bool,
    current: Option<T>,
) -> Option<Option<T>> {
    let offset = u32::from(optional);
    let present: Vec<T> = T::ALL
        .iter()
        .copied()
        .filter(|v| allowed & (1 << (v.index() as u32 + offset)) != 0)
        .collect();
    let above = current.and_then(|c| present.iter().copied().find(|v| v.index() > c.index()));
    match above.or_else(|| present.first().copied()) {
        Some(v) => Some(Some(v)),
        None => (optional && allowed & 1 != 0).then_some(None),
    }
}

fn requirement(
    policy: &Policy,
    p: &Profile,
    fact: Fact,
    allowed: u32,
    possible: u32,
) -> Option<Requirement> {
    let now_zh = |v: &str| format!("（现为{v}）");
    let now_en = |v: &str| format!(" (now {v})");
    let value = |b: u32, zh: bool| fact.value_label(b.trailing_zeros(), zh).unwrap_or("?");
    let named = |to_zh: String, to_en: String| {
        let (nz, ne) = (value(possible, true), value(possible, false));
        (
            format!("{}为{to_zh}{}", fact.label(true), now_zh(nz)),
            format!("{} {to_en}{}", fact.label(false), now_en(ne)),
        )
    };
    if fact.slot().is_some() {
        let (change, zh, en) = own_requirement(policy, p, fact, allowed, possible)?;
        return Some(Requirement { change, zh, en });
    }
    let (change, zh, en) = match fact {
        // A policy's own facts: answered above.
        Fact::S0
        | Fact::S1
        | Fact::S2
        | Fact::S3
        | Fact::S4
        | Fact::S5
        | Fact::S6
        | Fact::S7
        | Fact::S8
        | Fact::S9
        | Fact::S10
        | Fact::S11 => return None,
        Fact::Performance => {
            let v = target::<Performance>(allowed, false, Some(p.performance()))??;
            let (z, e) = (v.label(Lang::ZhHans), v.label(Lang::En));
            (
                Change::Performance(v),
                format!(
                    "业绩评定为{z}{}",
                    now_zh(p.performance().label(Lang::ZhHans))
                ),
                format!(
                    "performance assessed {e}{}",
                    now_en(p.performance().label(Lang::En))
                ),
            )
        }
        Fact::Contribution => {
            let v = target::<Contribution>(allowed, false, Some(p.contribution()))??;
            let (z, e) = (v.label(Lang::ZhHans), v.label(Lang::En));
            (
                Change::Contribution(v),
                format!(
                    "区级经济贡献达到{z}{}",
                    now_zh(p.contribution().label(Lang::ZhHans))
                ),
                format!(
                    "district economic contribution {e}{}",
                    now_en(p.contribution().label(Lang::En))
                ),
            )
        }
        Fact::Potential => (
            Change::Potential(allowed & 0b10 != 0),
            "经评定具有发展潜力".to_owned(),
            "development potential assessed".to_owned(),
        ),
        Fact::AboveDesignatedSize => above_requirement(policy, p)?,
        Fact::EnterpriseSize => {
            // The largest allowed class: the least change for a firm that must be smaller, or a stated size.
            let v = EnterpriseSize::ALL
                .iter()
                .rev()
                .copied()
                .find(|s| allowed & (1 << s.index()) != 0)?;
            let allowed_labels = |lang| {
                EnterpriseSize::ALL
                    .iter()
                    .filter(|s| allowed & (1 << s.index()) != 0)
                    .map(|s| s.label(lang))
                    .collect::<Vec<_>>()
            };
            let now = p.enterprise_size().or(policy.classify(p).enterprise_size());
            (
                Change::StateSize(v),
                format!(
                    "企业规模为{}{}",
                    allowed_labels(Lang::ZhHans).join("、"),
                    now.map_or("（规模未知，需填报）".to_owned(), |s| now_zh(
                        s.label(Lang::ZhHans)
                    ))
                ),
                format!(
                    "enterprise size {}{}",
                    allowed_labels(Lang::En).join(", "),
                    now.map_or(" (not known: state it)".to_owned(), |s| now_en(
                        s.label(Lang::En)
                    ))
                ),
            )
        }
        Fact::Role => {
            let v = target::<Role>(allowed, true, p.role())?;
            let (z, e) = v.map_or(("未填", "not given"), |v| {
                (v.label(Lang::ZhHans), v.label(Lang::En))
            });
            let (zh, en) = named(z.to_owned(), e.to_owned());
            (Change::Role(v), zh, en)
        }
        Fact::Ownership => simple(
            target::<Ownership>(allowed, true, p.ownership())?,
            Change::Ownership,
            &named,
        ),
        Fact::Industry => simple(
            target::<Industry>(allowed, true, p.industry())?,
            Change::Industry,
            &named,
        ),
        Fact::ProfessionalTitle => simple(
            target::<ProfessionalTitle>(allowed, true, p.professional_title())?,
            Change::Title,
            &named,
        ),
        Fact::SkillLevel => simple(
            target::<SkillLevel>(allowed, true, p.skill_level())?,
            Change::Skill,
            &named,
        ),
        Fact::SocialWorkCertificate => simple(
            target::<SocialWorkCertificate>(allowed, true, p.social_work_certificate())?,
            Change::Certificate,
            &named,
        ),
        Fact::RuralRole => simple(
            target::<RuralRole>(allowed, true, p.rural_role())?,
            Change::Rural,
            &named,
        ),
        Fact::IntroductionLevel => simple(
            target::<IntroductionLevel>(allowed, true, p.introduction_level())?,
            Change::Level,
            &named,
        ),
        Fact::Post => {
            let v = target::<Post>(allowed, false, Some(p.post()))??;
            let (zh, en) = named(
                v.label(Lang::ZhHans).to_owned(),
                v.label(Lang::En).to_owned(),
            );
            (Change::Post(v), zh, en)
        }
        // Stream, specialty and tier follow from the other facts; they are not changed directly.
        Fact::Stream | Fact::Specialty | Fact::Tier => return None,
    };
    Some(Requirement { change, zh, en })
}

/// A number as a sentence gives it: `12`, `620万元` / `620 万元`.
fn number(n: Option<Measure>, unit: Unit, zh: bool) -> String {
    match n {
        Some(n) => format!("{n}{}", unit.suffix(zh)),
        None if zh => "未填".to_owned(),
        None => "not given".to_owned(),
    }
}

/// A change to a fact a policy adds (DOMAIN.md §9.2, §9.3): an indicator raised to the threshold a clause or a
/// grade needs ("district economic contribution at least 500 万元 (now 230 万元)"), or a fact's value given.
fn own_requirement(
    policy: &Policy,
    p: &Profile,
    fact: Fact,
    allowed: u32,
    possible: u32,
) -> Option<(Change, String, String)> {
    let slots = &policy.compiled().slots;
    let label = |zh: bool| slots.label(fact, zh).to_owned();
    let lower = |s: String| {
        let mut c = s.chars();
        c.next().map_or(String::new(), |f| {
            f.to_ascii_lowercase().to_string() + c.as_str()
        })
    };
    let write = |bits: u32, zh: bool| {
        let mut out = String::new();
        let _ = slots.write_value(&mut out, fact, bits, zh);
        out
    };
    let current = |code: &str| match p.policy_value(code) {
        Some(PolicyValue::Number(n)) => Some(*n),
        _ => None,
    };
    // An indicator compared directly: the least number of the allowed intervals at or above the current one.
    if let Some(unit) = slots
        .bounds(fact, u32::MAX)
        .map(|_| slots.indicator_unit(fact))
    {
        let def = slots.slot_field(fact)?;
        let now = current(&def.code);
        let (at_least, _) = slots.bounds(fact, allowed)?;
        let to = at_least?;
        let change = Change::Own(def.code.clone(), PolicyValue::Number(to));
        return Some((
            change,
            format!(
                "{}达到{to}{}（现为{}）",
                label(true),
                unit.suffix(true),
                number(now, unit, true)
            ),
            format!(
                "{} at least {to}{} (now {})",
                lower(label(false)),
                unit.suffix(false),
                number(now, unit, false)
            ),
        ));
    }
    // An evaluated fact not stated: the indicator's threshold for the lowest allowed grade.
    if let Some((from, unit)) = slots.evaluated_from(fact)
        && let Some((threshold, bit)) = slots.least_grade(fact, allowed, p)
    {
        let now = current(&from.code);
        let (fz, fe) = (from.labels.zh_hans.clone(), from.labels.en.clone());
        return Some((
            Change::Own(from.code.clone(), PolicyValue::Number(threshold)),
            format!(
                "{fz}达到{threshold}{}（现为{}）：{}为{}",
                unit.suffix(true),
                number(now, unit, true),
                label(true),
                write(bit, true)
            ),
            format!(
                "{} at least {threshold}{} (now {}): {} {}",
                lower(fe),
                unit.suffix(false),
                number(now, unit, false),
                lower(label(false)),
                write(bit, false)
            ),
        ));
    }
    // A value to give: the least change of the values or sets allowed.
    let def = slots.slot_field(fact)?;
    let codes = def.codes();
    let (value, bits) = match &def.kind {
        crate::facts::slots::FieldKind::Many(_) => {
            let held = possible.trailing_zeros();
            let set = (0..32u32)
                .filter(|t| allowed & (1 << t) != 0)
                .min_by_key(|t| ((t ^ held).count_ones(), *t))?;
            let values: Vec<String> = (0..codes.len())
                .filter(|i| set & (1 << i) != 0)
                .filter_map(|i| codes.get(i).map(|c| (*c).to_owned()))
                .collect();
            (PolicyValue::Many(values), 1u32 << set)
        }
        _ => {
            let bit = (1..32u32).find(|b| allowed & (1 << b) != 0)?;
            let code = codes.get(bit as usize - 1)?;
            (PolicyValue::One((*code).to_owned()), 1u32 << bit)
        }
    };
    Some((
        Change::Own(def.code.clone(), value),
        format!(
            "{}为{}（现为{}）",
            label(true),
            write(bits.trailing_zeros(), true),
            write(possible.trailing_zeros(), true)
        ),
        format!(
            "{} {} (now {})",
            lower(label(false)),
            write(bits.trailing_zeros(), false),
            write(possible.trailing_zeros(), false)
        ),
    ))
}

/// A change to a present-or-absent fact, named by its label.
fn simple<T: Coded>(
    v: Option<T>,
    change: fn(Option<T>) -> Change,
    named: &dyn Fn(String, String) -> (String, String),
) -> (Change, String, String) {
    let (z, e) = v.map_or(("未填", "not given"), |v| {
        (v.label(Lang::ZhHans), v.label(Lang::En))
    });
    let (zh, en) = named(z.to_owned(), e.to_owned());
    (change(v), zh, en)
}

/// Above designated size: revenue up to the industry's threshold where it is derived from revenue, else stated.
fn above_requirement(policy: &Policy, p: &Profile) -> Option<(Change, String, String)> {
    let derived_by_revenue = p.above_designated_size().is_none();
    match p.industry().map(|i| (i, policy.above_rule(i))) {
        Some((industry, AboveSizeRule::Revenue(min))) if derived_by_revenue => {
            let now_zh = p
                .revenue_wan()
                .map_or("未填".to_owned(), |r| format!("{r}万元"));
            let now_en = p
                .revenue_wan()
                .map_or("not given".to_owned(), |r| format!("{r} 万元"));
            Some((
                Change::Revenue(industry, min),
                format!(
                    "规模以上企业：{}营业收入至少{min}万元（现为{now_zh}）",
                    industry.label(Lang::ZhHans)
                ),
                format!(
                    "enterprise above designated size: {} revenue at least {min} 万元 (now {now_en})",
                    industry.label(Lang::En)
                ),
            ))
        }
        _ => {
            let (nz, ne) = match p.above_designated_size() {
                Some(false) => ("现填报为非规模以上", "now stated as not"),
                _ => ("未知，需填报", "not known: state it"),
            };
            Some((
                Change::StateAbove,
                format!("规模以上企业（{nz}）"),
                format!("enterprise above designated size ({ne})"),
            ))
        }
    }
}
