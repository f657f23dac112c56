//! [`Rule`] ids and [`Reason`]s: why a classification came out as it did (DOMAIN.md §6).
//!
//! Every decision of a [`Classification`] yields one reason: a rule id such as `stream.enterprise_management` or
//! `above_designated_size.derived`, and a sentence in zh-Hans and in English that names the facts that decided
//! it ("Industry row, revenue 2500 万元 ≥ 2000 万元 (NBS threshold): above designated size"). Sentences are
//! rendered only when displayed.

use core::fmt::{self, Display, Formatter};
use core::str::FromStr;

use crate::enterprise::{self, AboveSizeRule, Basis, Bound, Indicator, SizeRow};
use crate::{
    Classification, Coded, Contribution, EnterpriseSize, Entitlement, IntroductionLevel, Lang,
    Ownership, Performance, Post, Role, Service, Specialty, Stream, Tier, Wan,
};

/// The id of a rule that decided part of a classification (DOMAIN.md §6).
///
/// `Display` prints the id (`stream.none`, `specialty.finance_commerce`, `enterprise_size.derived`,
/// `tier.high_end`, `entitlement.annual_reward`, `service.regular_contact`); `FromStr` reads it back.
///
/// ```
/// use talent_matrix::enterprise::Basis;
/// use talent_matrix::{Rule, Stream};
///
/// assert_eq!(Rule::Stream(None).to_string(), "stream.none");
/// assert_eq!("above_designated_size.stated".parse::<Rule>()?, Rule::AboveDesignatedSize(Basis::Stated));
/// assert_eq!("stream.social_work".parse::<Rule>()?, Rule::Stream(Some(Stream::SocialWork)));
/// # Ok::<(), talent_matrix::ParseRuleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The primary stream (`stream.<code>`), or `stream.none` when not talent (DOMAIN.md §4.1, §4.2).
    Stream(Option<Stream>),
    /// A specialty (`specialty.<code>`, DOMAIN.md §4.3).
    Specialty(Specialty),
    /// The enterprise size or "not large", stated or derived (`enterprise_size.stated|derived`, DOMAIN.md §5).
    EnterpriseSize(Basis),
    /// Above designated size, stated or derived (`above_designated_size.stated|derived`, DOMAIN.md §5).
    AboveDesignatedSize(Basis),
    /// The tier (`tier.<code>`), or `tier.none` on a ladder with no tier reached (DOMAIN.md §4.4).
    Tier(Option<Tier>),
    /// An entitlement (`entitlement.<code>`, DOMAIN.md §4.6).
    Entitlement(Entitlement),
    /// A 百千万 service (`service.<code>`, DOMAIN.md §4.6).
    Service(Service),
}

impl Display for Rule {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        fn opt<T: Coded>(v: Option<T>) -> &'static str {
            v.map_or("none", T::code)
        }
        match *self {
            Rule::Stream(s) => write!(f, "stream.{}", opt(s)),
            Rule::Specialty(s) => write!(f, "specialty.{}", s.code()),
            Rule::EnterpriseSize(b) => write!(f, "enterprise_size.{}", b.code()),
            Rule::AboveDesignatedSize(b) => write!(f, "above_designated_size.{}", b.code()),
            Rule::Tier(t) => write!(f, "tier.{}", opt(t)),
            Rule::Entitlement(e) => write!(f, "entitlement.{}", e.code()),
            Rule::Service(s) => write!(f, "service.{}", s.code()),
        }
    }
}

/// The error returned when a string is no rule id.
///
/// ```
/// let err = "tier.gold".parse::<talent_matrix::Rule>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown rule id "tier.gold""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id {input:?}")]
pub struct ParseRuleError {
    input: String,
}

impl FromStr for Rule {
    type Err = ParseRuleError;

    /// Reads an id exactly as `Display` writes it (codes only, no labels).
    fn from_str(s: &str) -> Result<Rule, ParseRuleError> {
        fn code<T: Coded>(s: &str) -> Option<T> {
            T::ALL.iter().copied().find(|v| v.code() == s)
        }
        fn opt<T: Coded>(s: &str) -> Option<Option<T>> {
            if s == "none" {
                Some(None)
            } else {
                code(s).map(Some)
            }
        }
        fn basis(s: &str) -> Option<Basis> {
            [Basis::Stated, Basis::Derived]
                .into_iter()
                .find(|b| b.code() == s)
        }
        let rule = s.split_once('.').and_then(|(kind, rest)| match kind {
            "stream" => opt(rest).map(Rule::Stream),
            "specialty" => code(rest).map(Rule::Specialty),
            "enterprise_size" => basis(rest).map(Rule::EnterpriseSize),
            "above_designated_size" => basis(rest).map(Rule::AboveDesignatedSize),
            "tier" => opt(rest).map(Rule::Tier),
            "entitlement" => code(rest).map(Rule::Entitlement),
            "service" => code(rest).map(Rule::Service),
            _ => None,
        });
        rule.ok_or_else(|| ParseRuleError {
            input: s.to_owned(),
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One decision of a classification: its rule id and its sentences.
///
/// With the `serde` feature it serializes as `{"rule": …, "zh": …, "en": …}` (DOMAIN.md §6).
///
/// ```
/// use talent_matrix::{classify, Post, Profile};
///
/// let p = Profile::builder("C-1", Post::Community).build()?;
/// let c = classify(&p);
/// let rules: Vec<String> = c.reasons().map(|r| r.rule().to_string()).collect();
/// assert_eq!(rules, ["stream.social_work", "specialty.community_worker"]);
/// let last = c.reasons().last().expect("two reasons");
/// assert_eq!(last.zh().to_string(), "社会工作人才，岗位为社区专职工作：社区专职工作者");
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Reason<'c> {
    rule: Rule,
    cls: Classification<'c>,
}

impl<'c> Reason<'c> {
    pub(crate) fn new(rule: Rule, cls: Classification<'c>) -> Reason<'c> {
        Reason { rule, cls }
    }

    /// The rule id.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile, Rule};
    /// let p = Profile::builder("1", Post::Other).build()?;
    /// assert_eq!(classify(&p).reasons().next().map(|r| r.rule()), Some(Rule::Stream(None)));
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The sentence in simplified Chinese, rendered when displayed.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::PartyGovernment).build()?;
    /// let r = classify(&p).reasons().next().expect("a stream reason");
    /// assert_eq!(r.zh().to_string(), "岗位为党政机关工作人员：党政人才");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn zh(&self) -> Sentence<'c> {
        Sentence {
            reason: *self,
            lang: Lang::ZhHans,
        }
    }

    /// The sentence in English, rendered when displayed.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile};
    /// let p = Profile::builder("1", Post::PartyGovernment).build()?;
    /// let r = classify(&p).reasons().next().expect("a stream reason");
    /// assert_eq!(r.en().to_string(), "post Party or government staff: Party and government talent");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn en(&self) -> Sentence<'c> {
        Sentence {
            reason: *self,
            lang: Lang::En,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Reason<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Reason", 3)?;
        s.serialize_field("rule", &self.rule)?;
        s.serialize_field("zh", &Collect(self.zh()))?;
        s.serialize_field("en", &Collect(self.en()))?;
        s.end()
    }
}

/// Serializes anything `Display` as a string, without an intermediate `String` where the format allows.
#[cfg(feature = "serde")]
struct Collect<T>(T);

#[cfg(feature = "serde")]
impl<T: Display> serde::Serialize for Collect<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A reason's sentence in one language; `Display` renders it.
///
/// ```
/// use talent_matrix::{classify, Post, Profile};
/// let p = Profile::builder("1", Post::Other).build()?;
/// let r = classify(&p).reasons().next().expect("a stream reason");
/// assert!(r.en().to_string().ends_with("not counted as talent"));
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'c> {
    reason: Reason<'c>,
    lang: Lang,
}

impl Display for Sentence<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let w = Writer {
            c: &self.reason.cls,
            zh: self.lang.is_chinese(),
        };
        match self.reason.rule {
            Rule::Stream(Some(s)) => w.stream(f, s),
            Rule::Stream(None) => w.no_stream(f),
            Rule::Specialty(s) => w.specialty(f, s),
            Rule::EnterpriseSize(Basis::Stated) => w.size_stated(f),
            Rule::EnterpriseSize(Basis::Derived) => w.size_derived(f),
            Rule::AboveDesignatedSize(Basis::Stated) => w.above_stated(f),
            Rule::AboveDesignatedSize(Basis::Derived) => w.above_derived(f),
            Rule::Tier(t) => w.tier(f, t),
            Rule::Entitlement(e) => w.entitlement(f, e),
            Rule::Service(s) => w.service(f, s),
        }
    }
}

/// Renders the sentences of one classification in one language (zh-Hans or English).
struct Writer<'r, 'c> {
    c: &'r Classification<'c>,
    zh: bool,
}

impl Writer<'_, '_> {
    /// The label of a value in the sentence's language.
    fn l<T: Coded>(&self, v: T) -> &'static str {
        v.label(if self.zh { Lang::ZhHans } else { Lang::En })
    }

    /// `zh` or `en`, by the sentence's language.
    fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        if self.zh { zh } else { en }
    }

    fn post(&self) -> String {
        let p = self.c.profile().post();
        format!("{}{}", self.t("岗位为", "post "), self.l(p))
    }

    /// The facts that make the person qualify for a stream (DOMAIN.md §4.1).
    fn qualifying_facts(&self, s: Stream) -> Vec<String> {
        let p = self.c.profile();
        let mut facts = Vec::new();
        match s {
            Stream::PartyGovernment => facts.push(self.post()),
            Stream::EnterpriseManagement => {
                facts.push(self.post());
                if let Some(r) = p.role() {
                    facts.push(format!("{}{}", self.t("职务为", "role "), self.l(r)));
                }
                facts.push(
                    self.t("非个体工商户", "not an individual business")
                        .to_owned(),
                );
            }
            Stream::ProfessionalTechnical => {
                if p.post() == Post::ProfessionalTechnical {
                    facts.push(self.post());
                }
                if let Some(t) = p.professional_title() {
                    facts.push(format!(
                        "{}{}",
                        self.t("职称为", "professional title "),
                        self.l(t)
                    ));
                }
            }
            Stream::HighSkilled => {
                if let Some(k) = p.skill_level() {
                    facts.push(format!(
                        "{}{}{}",
                        self.t("职业资格为", "skill level "),
                        self.l(k),
                        self.t("（高级工及以上）", " (senior worker or above)")
                    ));
                }
            }
            Stream::SocialWork => {
                if matches!(p.post(), Post::SocialWork | Post::Community) {
                    facts.push(self.post());
                }
                if let Some(cert) = p.social_work_certificate() {
                    facts.push(format!(
                        "{}{}",
                        self.t("持有", "social work certificate "),
                        self.l(cert)
                    ));
                }
            }
            Stream::RuralPractical => {
                facts.push(self.post());
                if let Some(r) = p.rural_role() {
                    facts.push(format!(
                        "{}{}",
                        self.t("农村人才类型为", "rural role "),
                        self.l(r)
                    ));
                }
            }
        }
        facts
    }

    fn stream(&self, f: &mut Formatter<'_>, s: Stream) -> fmt::Result {
        let facts = self.qualifying_facts(s);
        let sep = if s == Stream::EnterpriseManagement {
            ", "
        } else {
            " and "
        };
        self.join(f, facts, "，", sep)?;
        write!(f, "{}{}", self.t("：", ": "), self.l(s))?;
        let post = self.c.profile().post();
        match post.stream() {
            Some(own) if own == s => {}
            Some(own) => write!(
                f,
                "{}{}{}",
                self.t("；不符合本岗位对应的", "; the post's own stream, "),
                self.l(own),
                self.t(
                    "条件，按顺序取首个符合的类别",
                    ", does not apply, so the first qualifying stream counts"
                )
            )?,
            None => write!(
                f,
                "{}{}{}",
                self.t("；岗位“", "; post "),
                self.l(post),
                self.t(
                    "”无对应类别，按顺序取首个符合的类别",
                    " has no stream of its own, so the first qualifying stream counts"
                )
            )?,
        }
        let also = self.c.also_qualifies();
        if !also.is_empty() {
            f.write_str(self.t("；同时符合", "; also qualifies as "))?;
            let names = also.iter().map(|a| self.l(a).to_owned());
            self.join(f, names, "、", ", ")?;
            f.write_str(self.t("条件（只计一次）", " (counted once)"))?;
        }
        Ok(())
    }

    /// Writes items joined by `zh_sep` or `en_sep`, by the sentence's language.
    fn join<I: IntoIterator<Item = String>>(
        &self,
        f: &mut Formatter<'_>,
        items: I,
        zh_sep: &str,
        en_sep: &str,
    ) -> fmt::Result {
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                f.write_str(self.t(zh_sep, en_sep))?;
            }
            f.write_str(&item)?;
        }
        Ok(())
    }

    fn no_stream(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let p = self.c.profile();
        f.write_str(&self.post())?;
        match p.post() {
            Post::Enterprise if p.ownership() == Some(Ownership::Individual) => {
                f.write_str(self.t("，个体工商户", " in an individual business"))?;
            }
            Post::Enterprise => match p.role() {
                None => f.write_str(self.t("，未填职务", " without a role"))?,
                Some(r) => write!(f, "{}{}", self.t("，职务为", " with role "), self.l(r))?,
            },
            Post::SkilledTrade => match p.skill_level() {
                None => f.write_str(self.t("，未填职业资格", " without a skill level"))?,
                Some(k) => write!(
                    f,
                    "{}{}",
                    self.t("，职业资格为", " with skill level "),
                    self.l(k)
                )?,
            },
            Post::Rural => f.write_str(self.t("，未填农村人才类型", " without a rural role"))?,
            _ => {}
        }
        f.write_str(self.t(
            "，无专业技术职称、无高级工及以上职业资格、无社会工作者证书：不计入人才",
            ", no professional title, no skill level of senior worker or above and no social work certificate: \
             not counted as talent",
        ))
    }

    fn specialty(&self, f: &mut Formatter<'_>, s: Specialty) -> fmt::Result {
        match s {
            Specialty::FinanceCommerce => {
                let industry = self.c.industry().map_or("", |i| self.l(i));
                write!(
                    f,
                    "{}{}{}{}",
                    self.t(
                        "企业经营管理人才，行业为",
                        "Enterprise management talent in industry "
                    ),
                    industry,
                    self.t("（金融商务行业）：", " (a finance and commerce industry): "),
                    self.l(s)
                )
            }
            Specialty::CommunityWorker => write!(
                f,
                "{}{}{}{}",
                self.t("社会工作人才，岗位为", "Social work talent on post "),
                self.l(Post::Community),
                self.t("：", ": "),
                self.l(s)
            ),
        }
    }

    fn size_stated(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let size = self.c.enterprise_size().map_or("", |s| self.l(s));
        write!(
            f,
            "{}{}",
            self.t("企业规模（填报）：", "enterprise size stated: "),
            size
        )
    }

    /// `employees 350 ≥ 300` / `从业人员350 ≥ 300`, or with `<` when the bound fails.
    fn bound(&self, b: Bound) -> String {
        let p = self.c.profile();
        let value = enterprise::value(p, b.indicator()).unwrap_or(0);
        let op = if value >= b.min() { "≥" } else { "<" };
        match b.indicator() {
            Indicator::Employees => {
                format!(
                    "{}{value} {op} {}",
                    self.t("从业人员", "employees "),
                    b.min()
                )
            }
            ind => {
                let name = if ind == Indicator::Revenue {
                    self.t("营业收入", "revenue ")
                } else {
                    self.t("资产总额", "assets ")
                };
                let unit = self.t("万元", " 万元");
                format!(
                    "{name}{}{unit} {op} {}{unit}",
                    Wan::from_yuan(value),
                    Wan::from_yuan(b.min())
                )
            }
        }
    }

    fn first_failing(&self, row: &SizeRow, class: EnterpriseSize) -> Option<Bound> {
        row.bounds(class)
            .iter()
            .copied()
            .find(|b| b.holds(self.c.profile()) == Some(false))
    }

    fn size_derived(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Some(row) = self.c.industry().and_then(enterprise::size_row) else {
            return Ok(());
        };
        write!(
            f,
            "{}{}{}",
            self.t("2011年中小企业划型标准“", "2011 SME standard, row "),
            self.l(row.industry()),
            self.t("”行：", ": ")
        )?;
        let above = |class: EnterpriseSize| match class {
            EnterpriseSize::Micro => Some(EnterpriseSize::Small),
            EnterpriseSize::Small => Some(EnterpriseSize::Medium),
            EnterpriseSize::Medium => Some(EnterpriseSize::Large),
            EnterpriseSize::Large => None,
        };
        match self.c.enterprise_size() {
            Some(size) => {
                let mut parts: Vec<String> = Vec::new();
                if !row.bounds(size).is_empty() {
                    let met: Vec<String> =
                        row.bounds(size).iter().map(|&b| self.bound(b)).collect();
                    parts.push(format!(
                        "{}{}{}{}",
                        met.join(self.t("，", ", ")),
                        self.t("（达到", " (meets "),
                        self.l(size),
                        self.t("标准）", ")")
                    ));
                }
                if let Some(up) = above(size) {
                    if let Some(b) = self.first_failing(row, up) {
                        parts.push(format!(
                            "{}{}{}{}",
                            self.bound(b),
                            self.t("（未达", " (below "),
                            self.l(up),
                            self.t("标准）", ")")
                        ));
                    }
                }
                write!(
                    f,
                    "{}{}{}",
                    parts.join(self.t("；", "; ")),
                    self.t("：", ": "),
                    self.l(size)
                )
            }
            None => {
                // Only "not large" is known: name the failing large bound and the absent numbers.
                if let Some(b) = self.first_failing(row, EnterpriseSize::Large) {
                    write!(
                        f,
                        "{}{}",
                        self.bound(b),
                        self.t("（未达大型标准）", " (below large)")
                    )?;
                }
                let p = self.c.profile();
                let mut absent: Vec<&str> = Vec::new();
                for ind in [Indicator::Employees, Indicator::Revenue, Indicator::Assets] {
                    let used = [row.medium(), row.small()]
                        .iter()
                        .any(|bs| bs.iter().any(|b| b.indicator() == ind));
                    if used && enterprise::value(p, ind).is_none() {
                        absent.push(match ind {
                            Indicator::Employees => self.t("从业人员", "employees"),
                            Indicator::Revenue => self.t("营业收入", "revenue"),
                            Indicator::Assets => self.t("资产总额", "assets"),
                        });
                    }
                }
                write!(
                    f,
                    "{}{}{}",
                    self.t("；未填", "; "),
                    absent.join(self.t("、", " and ")),
                    self.t(
                        "，具体规模待定：非大型",
                        " not given, so the exact size is open: not large"
                    )
                )
            }
        }
    }

    fn above_stated(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let yes = self.c.above_designated_size() == Some(true);
        write!(
            f,
            "{}{}",
            self.t("规模以上（填报）：", "above designated size stated: "),
            match (yes, self.zh) {
                (true, true) => "是",
                (false, true) => "否",
                (true, false) => "yes",
                (false, false) => "no",
            }
        )
    }

    fn above_derived(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Some(industry) = self.c.industry() else {
            return Ok(());
        };
        let verdict = if self.c.above_designated_size() == Some(true) {
            self.t("规模以上", "above designated size")
        } else {
            self.t("非规模以上", "not above designated size")
        };
        match enterprise::above_size_rule(industry) {
            AboveSizeRule::Revenue(min) => {
                let revenue = self.c.profile().revenue_wan().unwrap_or(Wan::ZERO);
                let op = if revenue >= min { "≥" } else { "<" };
                write!(
                    f,
                    "{}{}{}{revenue}{} {op} {min}{}{}{verdict}",
                    self.t("“", ""),
                    self.l(industry),
                    self.t("”企业营业收入", " enterprise with revenue "),
                    self.t("万元", " 万元"),
                    self.t("万元", " 万元"),
                    self.t("（国家统计局标准）：", " (NBS threshold): "),
                )
            }
            // Derived only where the rule derives it, so "must be stated" never reaches here.
            AboveSizeRule::MustBeStated => Ok(()),
            AboveSizeRule::Always => write!(
                f,
                "{}{}{}{verdict}",
                self.t("“", ""),
                self.l(industry),
                self.t(
                    "”企业均纳入规模以上统计：",
                    " enterprises always count as above designated size: "
                ),
            ),
        }
    }

    /// Why a tier's condition is not true (false or open), as a clause: "leading talent needs …".
    fn tier_gap(&self, tier: Tier) -> String {
        let p = self.c.profile();
        let role = p.role().map_or(self.t("未填", "not given"), |r| self.l(r));
        let mut needs: Vec<String> = Vec::new();
        let is = |v: &str| format!("{}{v}{}", self.t("（现为", " (is "), self.t("）", ")"));
        match tier {
            Tier::Leader => {
                if !p.role().is_some_and(Role::is_principal) {
                    needs.push(format!(
                        "{}{}",
                        self.t("主要负责人或企业主", "a principal or owner-operator"),
                        is(role)
                    ));
                }
                if p.performance() != Performance::Outstanding {
                    needs.push(format!(
                        "{}{}",
                        self.t("业绩突出", "performance Outstanding"),
                        is(self.l(p.performance()))
                    ));
                }
                if p.contribution() != Contribution::Major {
                    needs.push(format!(
                        "{}{}",
                        self.t("贡献大", "contribution Major"),
                        is(self.l(p.contribution()))
                    ));
                }
            }
            Tier::HighEnd => {
                let state = match self.c.above_designated_size() {
                    Some(_) => self.t("（现为非规模以上）", " (it is not)"),
                    None => self.t("（未知）", " (not known)"),
                };
                needs.push(format!(
                    "{}{state}",
                    self.t("规模以上企业", "an enterprise above designated size")
                ));
            }
            Tier::Elite => {
                if p.role() != Some(Role::Owner) {
                    needs.push(format!(
                        "{}{}",
                        self.t("企业主", "an owner-operator"),
                        is(role)
                    ));
                }
                if !p.potential() {
                    needs.push(
                        self.t(
                            "具有发展潜力（未评定）",
                            "assessed development potential (not assessed)",
                        )
                        .to_owned(),
                    );
                }
                match self.c.enterprise_facts().is_large() {
                    Some(true) => needs.push(
                        self.t(
                            "非大型企业（现为大型）",
                            "an enterprise that is not large (it is large)",
                        )
                        .to_owned(),
                    ),
                    None => needs.push(
                        self.t(
                            "非大型企业（规模未知）",
                            "an enterprise that is not large (size not known)",
                        )
                        .to_owned(),
                    ),
                    Some(false) => {}
                }
            }
        }
        let who = self.l(tier);
        if self.zh {
            format!("{who}需{}", needs.join("、"))
        } else {
            let who = match tier {
                Tier::Leader => "leading talent",
                Tier::HighEnd => "high-end talent",
                Tier::Elite => "enterprise elite",
            };
            format!("{who} needs {}", needs.join(" and "))
        }
    }

    fn tier(&self, f: &mut Formatter<'_>, tier: Option<Tier>) -> fmt::Result {
        let p = self.c.profile();
        let role = p.role().map_or("", |r| self.l(r));
        match tier {
            Some(Tier::Leader) => write!(
                f,
                "{role}{}{}",
                self.t(
                    "，业绩突出、贡献大：",
                    " with performance Outstanding and contribution Major: "
                ),
                self.l(Tier::Leader)
            )?,
            Some(Tier::HighEnd) => write!(
                f,
                "{}{role}{}{}",
                self.t("规模以上企业的", ""),
                self.t("：", " of an enterprise above designated size: "),
                self.l(Tier::HighEnd)
            )?,
            Some(Tier::Elite) => write!(
                f,
                "{}{role}{}{}",
                self.t("具有发展潜力的非大型企业", ""),
                self.t(
                    "：",
                    " of an enterprise that is not large, with development potential: "
                ),
                self.l(Tier::Elite)
            )?,
            None => f.write_str(self.t("无层次", "no tier"))?,
        }
        let higher: Vec<String> = Tier::ALL
            .iter()
            .rev()
            .copied()
            .filter(|&t| tier.is_none_or(|assigned| t > assigned))
            .map(|t| self.tier_gap(t))
            .collect();
        if !higher.is_empty() {
            let lead = if tier.is_some() {
                self.t("；", "; ")
            } else {
                self.t("：", ": ")
            };
            write!(f, "{lead}{}", higher.join(self.t("；", "; ")))?;
        }
        Ok(())
    }

    fn entitlement(&self, f: &mut Formatter<'_>, e: Entitlement) -> fmt::Result {
        write!(
            f,
            "{}{}",
            self.t(
                "贡献大的金融商务人才：",
                "Finance and commerce talent with contribution Major: "
            ),
            self.l(e)
        )?;
        if e == Entitlement::AnnualReward && self.zh {
            f.write_str("（每年6万元）")?;
        }
        Ok(())
    }

    fn service(&self, f: &mut Formatter<'_>, s: Service) -> fmt::Result {
        let level = self
            .c
            .profile()
            .introduction_level()
            .map_or("", |l: IntroductionLevel| self.l(l));
        write!(
            f,
            "{}{level}{}{}",
            self.t("百千万引才工程", "百千万 introduction project, "),
            self.t("人才：", ": "),
            self.l(s)
        )
    }
}
