//! [`Rule`] ids and [`Reason`]s: why a classification came out as it did (DOMAIN.md §6).
//!
//! Every decision of a [`Classification`] yields one reason: a rule id such as `stream.enterprise_management` or
//! `above_designated_size.derived`, and a sentence in zh-Hans and in English that names the facts that decided
//! it ("Industry row, revenue 2500 万元 ≥ 2000 万元 (above-size threshold): above designated size"). Sentences are
//! rendered only when displayed.

use core::fmt::{self, Display, Formatter};
use core::str::FromStr;

use crate::classify::Classification;
use crate::codes::{Coded, Entitlement, Service, Specialty, Stream, Tier};
use crate::enterprise::Basis;
use crate::lang::Lang;

mod write;

use write::Writer;

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
    /// A fact a policy evaluated from a measured indicator (`evaluation.<fact code>`, DOMAIN.md §9.3): the
    /// code of the fact. Parsed only for the facts of a policy loaded in this process.
    Evaluation(&'static str),
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
            Rule::Evaluation(code) => write!(f, "evaluation.{code}"),
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

    /// Reads an id exactly as `Display` writes it (codes only, no labels). A value a loaded policy defined
    /// (DOMAIN.md §9.1) reads back too, as an `evaluation.*` id does: the first one loaded with that code.
    fn from_str(s: &str) -> Result<Rule, ParseRuleError> {
        fn code<T: crate::codes::Open>(s: &str) -> Option<T> {
            T::ALL
                .iter()
                .copied()
                .find(|v| v.code() == s)
                .or_else(|| crate::codes::find(T::KIND, s).map(T::from_defined))
        }
        fn opt<T: crate::codes::Open>(s: &str) -> Option<Option<T>> {
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
            "stream" => match rest {
                "none" => Some(Rule::Stream(None)),
                _ => Stream::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == rest)
                    .map(|s| Rule::Stream(Some(s))),
            },
            "specialty" => code(rest).map(Rule::Specialty),
            "enterprise_size" => basis(rest).map(Rule::EnterpriseSize),
            "above_designated_size" => basis(rest).map(Rule::AboveDesignatedSize),
            "tier" => opt(rest).map(Rule::Tier),
            "entitlement" => code(rest).map(Rule::Entitlement),
            "service" => code(rest).map(Rule::Service),
            "evaluation" => crate::facts::slots::interned(rest).map(Rule::Evaluation),
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

/// A classification's reasons are the reasons module's to give (the engine does not import them).
impl<'a> Classification<'a> {
    /// The rules that decided, in the order of DOMAIN.md §6, each with its sentences in zh-Hans and English.
    ///
    /// ```
    /// use talent_matrix::{classify, Post, Profile, ProfessionalTitle};
    /// let p = Profile::builder("T-1", Post::ProfessionalTechnical)
    ///     .professional_title(ProfessionalTitle::Senior)
    ///     .build()?;
    /// let c = classify(&p);
    /// let reasons: Vec<_> = c.reasons().collect();
    /// assert_eq!(reasons.len(), 1);
    /// assert_eq!(reasons[0].rule().to_string(), "stream.professional_technical");
    /// assert_eq!(reasons[0].en().to_string(), "post Professional or technical post: Professional and technical talent");
    /// assert_eq!(reasons[0].zh().to_string(), "岗位为专业技术岗位：专业技术人才");
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn reasons(&self) -> impl Iterator<Item = Reason<'a>> + use<'a> {
        let this = *self;
        let ladder = self.has_ladder();
        let facts = self.enterprise_facts();
        let size = facts
            .size_basis()
            .filter(|_| ladder)
            .map(Rule::EnterpriseSize);
        let above = facts
            .above_basis()
            .filter(|_| ladder)
            .map(Rule::AboveDesignatedSize);
        let tier = ladder.then_some(Rule::Tier(self.tier()));
        let profile = self.profile();
        let slots = &self.policy().compiled().slots;
        let evaluations = slots
            .evaluations
            .iter()
            .filter(move |(fact, _)| slots.graded(*fact, profile).is_some())
            .map(|(_, code)| Rule::Evaluation(code));
        core::iter::once(Rule::Stream(self.stream()))
            .chain(evaluations)
            .chain(self.specialty().map(Rule::Specialty))
            .chain(size)
            .chain(above)
            .chain(tier)
            .chain(self.entitlements().iter().map(Rule::Entitlement))
            .chain(self.services().iter().map(Rule::Service))
            .map(move |rule| Reason::new(rule, this))
    }
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
        self.render(f)
    }
}

impl Sentence<'_> {
    /// Writes the sentence to any `fmt::Write`: through `Display`, or straight into a `String` (the record
    /// writer), without the formatter in between.
    pub(crate) fn render(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let w = Writer::new(&self.reason.cls, self.lang.is_chinese());
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
            Rule::Evaluation(code) => w.evaluation(f, code),
        }
    }
}
