//! Compiling a [`PolicyDoc`] into bit masks over the discrete facts, and classifying with them.
//!
//! Every fact of a profile is a small number (a value index, with 0 for "absent" where a fact may be absent),
//! so every clause is a bit set of the values it allows and every condition an array of bit sets, one per fact.
//! A profile is turned once into the bit set of its *possible* values per fact: one bit for a known fact, several
//! for a derived fact that is open (enterprise size, above designated size). A condition is then true when
//! every fact's possible values are allowed, false when some fact's are all excluded, and open otherwise: the
//! three-valued logic of DOMAIN.md §4.4 with no rule interpreted at classification time.

mod fast;

use super::doc::{Allowed, BoundsDoc, ClauseValue, Condition, PolicyDoc};
use super::limits::Limits;
use crate::codes::{
    CodeSet, Coded, Contribution, Department, EnterpriseSize, Entitlement, Industry,
    IntroductionLevel, MissingFact, Ownership, Performance, Post, ProfessionalTitle, Role,
    RuralRole, Service, SkillLevel, SocialWorkCertificate, Specialty, Stream, Tier,
};
use crate::enterprise::{AboveSizeRule, Bound, EnterpriseFacts, Indicator};
use crate::money::Wan;
use crate::profile::Profile;

/// A fact a condition can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fact {
    Post,
    Role,
    Ownership,
    Industry,
    EnterpriseSize,
    AboveDesignatedSize,
    Performance,
    Contribution,
    Potential,
    ProfessionalTitle,
    SkillLevel,
    SocialWorkCertificate,
    RuralRole,
    IntroductionLevel,
    Stream,
    Specialty,
    Tier,
}

/// How a fact's values are numbered.
#[derive(Clone, Copy)]
enum Kind {
    /// Always present: value `i` is bit `i`.
    Required(&'static [&'static str]),
    /// May be absent: absent is bit 0 (`"none"`), value `i` is bit `1 + i`.
    Optional(&'static [&'static str]),
    /// A derived fact that is known or open, never absent: value `i` is bit `i`.
    Derived(&'static [&'static str]),
    /// `false` is bit 0, `true` bit 1.
    Bool,
}

const FACTS: usize = 17;

impl Fact {
    const ALL: [Fact; FACTS] = [
        Fact::Post,
        Fact::Role,
        Fact::Ownership,
        Fact::Industry,
        Fact::EnterpriseSize,
        Fact::AboveDesignatedSize,
        Fact::Performance,
        Fact::Contribution,
        Fact::Potential,
        Fact::ProfessionalTitle,
        Fact::SkillLevel,
        Fact::SocialWorkCertificate,
        Fact::RuralRole,
        Fact::IntroductionLevel,
        Fact::Stream,
        Fact::Specialty,
        Fact::Tier,
    ];

    fn name(self) -> &'static str {
        match self {
            Fact::Post => "post",
            Fact::Role => "role",
            Fact::Ownership => "ownership",
            Fact::Industry => "industry",
            Fact::EnterpriseSize => "enterprise_size",
            Fact::AboveDesignatedSize => "above_designated_size",
            Fact::Performance => "performance",
            Fact::Contribution => "contribution",
            Fact::Potential => "potential",
            Fact::ProfessionalTitle => "professional_title",
            Fact::SkillLevel => "skill_level",
            Fact::SocialWorkCertificate => "social_work_certificate",
            Fact::RuralRole => "rural_role",
            Fact::IntroductionLevel => "introduction_level",
            Fact::Stream => "stream",
            Fact::Specialty => "specialty",
            Fact::Tier => "tier",
        }
    }

    const fn kind(self) -> Kind {
        match self {
            Fact::Post => Kind::Required(Post::CODES),
            Fact::Role => Kind::Optional(Role::CODES),
            Fact::Ownership => Kind::Optional(Ownership::CODES),
            Fact::Industry => Kind::Optional(Industry::CODES),
            Fact::EnterpriseSize => Kind::Derived(EnterpriseSize::CODES),
            Fact::AboveDesignatedSize | Fact::Potential => Kind::Bool,
            Fact::Performance => Kind::Required(Performance::CODES),
            Fact::Contribution => Kind::Required(Contribution::CODES),
            Fact::ProfessionalTitle => Kind::Optional(ProfessionalTitle::CODES),
            Fact::SkillLevel => Kind::Optional(SkillLevel::CODES),
            Fact::SocialWorkCertificate => Kind::Optional(SocialWorkCertificate::CODES),
            Fact::RuralRole => Kind::Optional(RuralRole::CODES),
            Fact::IntroductionLevel => Kind::Optional(IntroductionLevel::CODES),
            Fact::Stream => Kind::Optional(Stream::CODES),
            Fact::Specialty => Kind::Optional(Specialty::CODES),
            Fact::Tier => Kind::Optional(Tier::CODES),
        }
    }

    /// Every bit a value of this fact can take.
    const fn universe(self) -> u32 {
        let n = match self.kind() {
            Kind::Required(c) | Kind::Derived(c) => c.len(),
            Kind::Optional(c) => c.len() + 1,
            Kind::Bool => 2,
        };
        (1u32 << n) - 1
    }

    /// The bit of a clause value, or why it is not a value of this fact.
    fn bit(self, value: &ClauseValue) -> Result<u32, String> {
        let kind = self.kind();
        let index = match (kind, value) {
            (Kind::Bool, ClauseValue::Bool(b)) => Some(u32::from(*b)),
            (Kind::Optional(_), ClauseValue::Code(c)) if c == "none" => Some(0),
            (Kind::Required(codes) | Kind::Derived(codes), ClauseValue::Code(c)) => {
                codes.iter().position(|k| k == c).map(|i| i as u32)
            }
            (Kind::Optional(codes), ClauseValue::Code(c)) => {
                codes.iter().position(|k| k == c).map(|i| i as u32 + 1)
            }
            _ => None,
        };
        index.map(|i| 1 << i).ok_or_else(|| {
            let expected = match kind {
                Kind::Bool => "true or false".to_owned(),
                Kind::Required(codes) | Kind::Derived(codes) => codes.join(", "),
                Kind::Optional(codes) => format!("none, {}", codes.join(", ")),
            };
            let note = match (kind, value) {
                (
                    Kind::Required(codes) | Kind::Derived(codes) | Kind::Optional(codes),
                    ClauseValue::Code(c),
                ) => crate::safety::look_alike(c, codes),
                _ => String::new(),
            };
            format!(
                "{} cannot be {value} (expected {expected}){note}",
                self.name()
            )
        })
    }
}

impl Fact {
    /// The fact's name in sentences: (zh-Hans, English).
    pub(crate) fn label(self, zh: bool) -> &'static str {
        let (hans, en) = match self {
            Fact::Post => ("岗位", "post"),
            Fact::Role => ("职务", "role"),
            Fact::Ownership => ("所有制", "ownership"),
            Fact::Industry => ("行业", "industry"),
            Fact::EnterpriseSize => ("企业规模", "enterprise size"),
            Fact::AboveDesignatedSize => ("规模以上", "above designated size"),
            Fact::Performance => ("业绩", "performance"),
            Fact::Contribution => ("贡献", "contribution"),
            Fact::Potential => ("发展潜力", "development potential"),
            Fact::ProfessionalTitle => ("职称", "professional title"),
            Fact::SkillLevel => ("职业资格", "skill level"),
            Fact::SocialWorkCertificate => ("社工证书", "social work certificate"),
            Fact::RuralRole => ("农村人才类型", "rural role"),
            Fact::IntroductionLevel => ("引才层次", "introduction level"),
            Fact::Stream => ("人才类别", "stream"),
            Fact::Specialty => ("细化类别", "specialty"),
            Fact::Tier => ("层次", "tier"),
        };
        if zh { hans } else { en }
    }

    /// The label of the value at bit `bit` (see [`Kind`]); "not given" for an absent optional fact.
    pub(crate) fn value_label(self, bit: u32, zh: bool) -> &'static str {
        fn label<T: Coded>(i: u32, zh: bool) -> &'static str {
            let lang = if zh {
                crate::Lang::ZhHans
            } else {
                crate::Lang::En
            };
            T::ALL.get(i as usize).map_or("", |v| v.label(lang))
        }
        let none = if zh { "未填" } else { "not given" };
        // Optional facts number their values from 1 (0 is absent).
        let opt = |bit: u32| bit.checked_sub(1);
        match self {
            Fact::Post => label::<Post>(bit, zh),
            Fact::EnterpriseSize => label::<EnterpriseSize>(bit, zh),
            Fact::Performance => label::<Performance>(bit, zh),
            Fact::Contribution => label::<Contribution>(bit, zh),
            Fact::AboveDesignatedSize | Fact::Potential => match (bit, zh) {
                (0, true) => "否",
                (0, false) => "no",
                (_, true) => "是",
                (_, false) => "yes",
            },
            _ => match opt(bit) {
                None => none,
                Some(i) => match self {
                    Fact::Role => label::<Role>(i, zh),
                    Fact::Ownership => label::<Ownership>(i, zh),
                    Fact::Industry => label::<Industry>(i, zh),
                    Fact::ProfessionalTitle => label::<ProfessionalTitle>(i, zh),
                    Fact::SkillLevel => label::<SkillLevel>(i, zh),
                    Fact::SocialWorkCertificate => label::<SocialWorkCertificate>(i, zh),
                    Fact::RuralRole => label::<RuralRole>(i, zh),
                    Fact::IntroductionLevel => label::<IntroductionLevel>(i, zh),
                    Fact::Stream => label::<Stream>(i, zh),
                    Fact::Specialty => label::<Specialty>(i, zh),
                    Fact::Tier => label::<Tier>(i, zh),
                    _ => "",
                },
            },
        }
    }

    /// Whether bit 0 of this fact means "absent".
    pub(crate) fn is_optional(self) -> bool {
        matches!(self.kind(), Kind::Optional(_))
    }

    /// Every bit a value of this fact can take.
    pub(crate) fn all_values(self) -> u32 {
        self.universe()
    }
}

/// A compiled condition: per fact, the bit set of the values it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Mask([u32; FACTS], u32);

impl Mask {
    /// The condition that always holds.
    /// The second field has bit `i` set for each fact `i` a clause constrains, so that evaluation looks at
    /// those facts only.
    const ANY: Mask = Mask([u32::MAX; FACTS], 0);

    /// Compiles a condition, collecting every problem.
    pub(crate) fn compile(condition: &Condition, problems: &mut Vec<String>, at: &str) -> Mask {
        let mut mask = Mask::ANY;
        for (name, allowed) in condition {
            let Some(fact) = Fact::ALL.iter().copied().find(|f| f.name() == name) else {
                let known: Vec<&str> = Fact::ALL.iter().map(|f| f.name()).collect();
                problems.push(format!(
                    "{at}: unknown fact {:?} (expected one of {}){}",
                    crate::safety::Shown(name),
                    known.join(", "),
                    crate::safety::look_alike(name, &known)
                ));
                continue;
            };
            let (values, negated) = match allowed {
                Allowed::Only(v) => (v, false),
                Allowed::Not { not } => (not, true),
            };
            let mut bits = 0u32;
            for v in values {
                match fact.bit(v) {
                    Ok(b) if bits & b != 0 => {
                        problems.push(format!("{at}: {} lists {v} twice", fact.name()))
                    }
                    Ok(b) => bits |= b,
                    Err(e) => problems.push(format!("{at}: {e}")),
                }
            }
            let allowed = if negated {
                fact.universe() & !bits
            } else {
                bits
            };
            if let Some(slot) = mask.0.get_mut(fact as usize) {
                *slot = allowed;
                mask.1 |= 1 << (fact as usize);
            }
        }
        mask
    }

    /// The clauses of the condition: each constrained fact with the bit set it allows.
    pub(crate) fn clauses(&self) -> impl Iterator<Item = (Fact, u32)> + '_ {
        Fact::ALL.iter().zip(&self.0).filter_map(|(&f, &allowed)| {
            let all = f.universe();
            (allowed & all != all).then_some((f, allowed & all))
        })
    }

    /// Whether some combination of values satisfies the condition: every fact allows some value.
    pub(crate) fn satisfiable(&self) -> bool {
        Fact::ALL
            .iter()
            .zip(&self.0)
            .all(|(f, allowed)| allowed & f.universe() != 0)
    }

    /// Both conditions at once.
    pub(crate) fn and(&self, other: &Mask) -> Mask {
        let mut m = *self;
        for (a, b) in m.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
        m.1 |= other.1;
        m
    }

    /// Whether the condition contains the whole of another: every value `other` allows, this allows too.
    fn covers(&self, other: &Mask) -> bool {
        Fact::ALL
            .iter()
            .zip(self.0.iter().zip(&other.0))
            .all(|(f, (a, o))| o & f.universe() & !a == 0)
    }

    /// Whether some combination of values satisfies this condition but none of `cover`: `Ok(true)` when one
    /// does, `Ok(false)` when the cover holds wherever this condition does, `Err(())` when `budget` steps ran
    /// out first.
    ///
    /// The region is split on one covering condition at a time. What a condition `h` leaves of the region is
    /// the union, over the facts where the region allows a value `h` does not, of the region with that fact
    /// narrowed to those values; each piece is then tried against the rest of the cover. Conditions that
    /// cannot meet the region are dropped first, and a condition that covers the region ends the branch.
    /// The depth is at most the cover's length and the branching at most the facts one condition tests, so
    /// the few tiers of a real ladder take a few dozen steps; covering by a union of conditions is co-NP-hard
    /// in general (it is the tautology problem of disjunctive normal forms), so the steps are bounded rather
    /// than the search made polynomial.
    fn escapes(&self, cover: &[Mask], budget: &mut u64) -> Result<bool, ()> {
        *budget = budget.checked_sub(1).ok_or(())?;
        let Some(k) = cover.iter().position(|h| self.and(h).satisfiable()) else {
            return Ok(true);
        };
        let (Some(h), Some(rest)) = (cover.get(k), cover.get(k + 1..)) else {
            return Ok(true);
        };
        if h.covers(self) {
            return Ok(false);
        }
        for (i, fact) in Fact::ALL.iter().enumerate() {
            let (Some(&region), Some(&allowed)) = (self.0.get(i), h.0.get(i)) else {
                continue;
            };
            let outside = region & fact.universe() & !allowed;
            if outside == 0 {
                continue;
            }
            let mut piece = *self;
            if let Some(slot) = piece.0.get_mut(i) {
                *slot = outside;
            }
            if piece.escapes(rest, budget)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Values `low < high` of an ordered fact where the condition allows `low` but not `high`, if any.
    fn not_upward_closed(&self, fact: Fact) -> Option<(u32, u32)> {
        let allowed = self.0.get(fact as usize).copied()? & fact.universe();
        let bits = 32 - fact.universe().leading_zeros();
        (0..bits).find_map(|low| {
            let high = (low + 1..bits).find(|&h| allowed & (1 << h) == 0)?;
            (allowed & (1 << low) != 0).then_some((low, high))
        })
    }

    /// Three-valued: `Some(true)` when every possible value of every fact is allowed, `Some(false)` when some
    /// fact has no allowed possible value, `None` (open) otherwise.
    pub(crate) fn eval(&self, facts: &Facts) -> Option<bool> {
        let mut open = false;
        let mut used = self.1;
        while used != 0 {
            let i = used.trailing_zeros() as usize;
            used &= used - 1;
            let (Some(allowed), Some(possible)) = (self.0.get(i), facts.0.get(i)) else {
                continue;
            };
            if allowed & possible == 0 {
                return Some(false);
            }
            if possible & !allowed != 0 {
                open = true;
            }
        }
        if open { None } else { Some(true) }
    }

    /// The facts whose clause fails only because the fact is absent, and would hold for some present value,
    /// when every other clause holds: what giving those facts could change (DOMAIN.md §4.7, 1 to 4).
    fn fixable_absent(&self, facts: &Facts) -> Option<CodeSet<MissingFact>> {
        let mut fixable = CodeSet::new();
        for (i, (allowed, possible)) in self.0.iter().zip(&facts.0).enumerate() {
            if allowed & possible != 0 {
                continue;
            }
            let fact = Fact::ALL.get(i).copied()?;
            // Absent (bit 0 of an optional fact), and some present value would be allowed.
            let absent = matches!(fact.kind(), Kind::Optional(_)) && *possible == 1;
            if !absent || allowed & fact.universe() & !1 == 0 {
                return None;
            }
            fixable.insert(missing_fact(fact)?);
        }
        Some(fixable)
    }
}

/// The missing-fact name of a fact, where DOMAIN.md §4.7 has one.
fn missing_fact(fact: Fact) -> Option<MissingFact> {
    match fact {
        Fact::Role => Some(MissingFact::Role),
        Fact::SkillLevel => Some(MissingFact::SkillLevel),
        Fact::RuralRole => Some(MissingFact::RuralRole),
        Fact::Industry => Some(MissingFact::Industry),
        Fact::EnterpriseSize => Some(MissingFact::EnterpriseSize),
        Fact::AboveDesignatedSize => Some(MissingFact::AboveDesignatedSize),
        _ => None,
    }
}

/// Per fact: where its bits go in [`Facts::packed`], and the bits it can have. Every fact's values fit side by
/// side in 128 bits (checked when this is computed, at compile time).
// Evaluated while compiling: an index out of range or a key too wide fails the build, never a run. Used by the
// record writer (feature `json`).
#[allow(clippy::indexing_slicing)]
#[cfg_attr(not(feature = "json"), allow(dead_code))]
const PACKING: [(u32, u32); FACTS] = {
    let mut packing = [(0, 0); FACTS];
    let mut shift = 0;
    let mut i = 0;
    while i < FACTS {
        let universe = Fact::ALL[i].universe();
        packing[i] = (shift, universe);
        shift += 32 - universe.leading_zeros();
        i += 1;
    }
    assert!(shift <= 128, "the facts no longer fit a 128-bit key");
    packing
};

/// A profile's facts as bit sets of their possible values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts([u32; FACTS]);

fn optional<T: Coded>(v: Option<T>) -> u32 {
    v.map_or(1, |v| 1 << (v.index() + 1))
}

impl Facts {
    fn of(p: &Profile, enterprise: &EnterpriseFacts) -> Facts {
        let size = match (enterprise.size(), enterprise.is_large()) {
            (Some(s), _) => 1 << s.index(),
            (None, Some(false)) => 0b0111,
            _ => 0b1111,
        };
        let above = enterprise
            .above_designated_size()
            .map_or(0b11, |b| 1 << u32::from(b));
        let mut f = [0u32; FACTS];
        let set = |f: &mut [u32; FACTS], fact: Fact, bits: u32| {
            if let Some(slot) = f.get_mut(fact as usize) {
                *slot = bits;
            }
        };
        set(&mut f, Fact::Post, 1 << p.post().index());
        set(&mut f, Fact::Role, optional(p.role()));
        set(&mut f, Fact::Ownership, optional(p.ownership()));
        set(&mut f, Fact::Industry, optional(p.industry()));
        set(&mut f, Fact::EnterpriseSize, size);
        set(&mut f, Fact::AboveDesignatedSize, above);
        set(&mut f, Fact::Performance, 1 << p.performance().index());
        set(&mut f, Fact::Contribution, 1 << p.contribution().index());
        set(&mut f, Fact::Potential, 1 << u32::from(p.potential()));
        set(
            &mut f,
            Fact::ProfessionalTitle,
            optional(p.professional_title()),
        );
        set(&mut f, Fact::SkillLevel, optional(p.skill_level()));
        set(
            &mut f,
            Fact::SocialWorkCertificate,
            optional(p.social_work_certificate()),
        );
        set(&mut f, Fact::RuralRole, optional(p.rural_role()));
        set(
            &mut f,
            Fact::IntroductionLevel,
            optional(p.introduction_level()),
        );
        set(&mut f, Fact::Stream, 1);
        set(&mut f, Fact::Specialty, 1);
        set(&mut f, Fact::Tier, 1);
        Facts(f)
    }

    /// The possible values of a fact, as bits.
    pub(crate) fn get(&self, fact: Fact) -> u32 {
        self.0.get(fact as usize).copied().unwrap_or(0)
    }

    /// The facts of a classified profile: its own, and the stream, specialty and tier decided.
    pub(crate) fn of_decided(
        p: &Profile,
        enterprise: &EnterpriseFacts,
        stream: Option<Stream>,
        specialty: Option<Specialty>,
        tier: Option<Tier>,
    ) -> Facts {
        Facts::of(p, enterprise)
            .with(Fact::Stream, optional(stream))
            .with(Fact::Specialty, optional(specialty))
            .with(Fact::Tier, optional(tier))
    }

    /// Every fact's bits side by side in one number (each in the width of its values): a compact key for
    /// what the facts decide. Only the facts in `only` (bit `i` for `Fact::ALL[i]`) are kept; the others
    /// count as 0.
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    pub(crate) fn packed(&self, only: u32) -> u128 {
        let mut key = 0u128;
        let mut rest = only & ((1 << FACTS) - 1);
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if let (Some(&bits), Some(&(shift, universe))) = (self.0.get(i), PACKING.get(i)) {
                key |= u128::from(bits & universe) << shift;
            }
        }
        key
    }

    fn with(mut self, fact: Fact, bits: u32) -> Facts {
        if let Some(slot) = self.0.get_mut(fact as usize) {
            *slot = bits;
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledStream {
    pub(crate) stream: Stream,
    pub(crate) lead: Department,
    pub(crate) eligible: Vec<Mask>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledSpecialty {
    pub(crate) specialty: Specialty,
    pub(crate) parent: Stream,
    pub(crate) when: Mask,
    pub(crate) lead: Department,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledTier {
    pub(crate) tier: Tier,
    pub(crate) when: Mask,
    pub(crate) managed_by: Vec<Department>,
}

/// A policy document compiled to masks and tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Compiled {
    /// The streams, in canonical order.
    pub(crate) streams: Vec<CompiledStream>,
    /// The own stream of each post, by post index.
    pub(crate) post_stream: [Option<Stream>; Post::ALL.len()],
    pub(crate) specialties: Vec<CompiledSpecialty>,
    /// The ladder of each stream, by stream index, tiers highest first.
    pub(crate) ladders: [Vec<CompiledTier>; Stream::ALL.len()],
    pub(crate) entitlements: Vec<(Entitlement, Mask)>,
    /// The services of each introduction level, by level index.
    pub(crate) services: [Vec<Service>; IntroductionLevel::ALL.len()],
    /// The bounds of the large, medium and small classes of each industry, by industry index.
    pub(crate) size_standard: [Option<[Vec<Bound>; 3]>; Industry::ALL.len()],
    pub(crate) above: [AboveSizeRule; Industry::ALL.len()],
    /// The conditions evaluated all at once; `None` for a policy with too many conditions for it.
    fast: Option<fast::Fast>,
    /// The facts each rule's sentences are written from.
    pub(crate) sentence_facts: SentenceFacts,
}

/// The facts (bit `i` for `Fact::ALL[i]`) each rule's sentences are written from: two people who agree on
/// them get the same sentences (what the record writer's kept sentences rely on).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SentenceFacts {
    /// `stream.*`: the post, the stream, and every fact a stream's condition tests (the sentence names the
    /// condition that holds, or what the post's own stream lacks, and the other streams that qualify).
    pub(crate) stream: u32,
    /// `specialty.*`, by specialty: the stream, the specialty, and the facts its condition tests.
    pub(crate) specialty: [u32; Specialty::ALL.len()],
    /// `tier.*`, by stream: the stream, the tier, and the facts the ladder's conditions test.
    pub(crate) tier: [u32; Stream::ALL.len()],
    /// `entitlement.*`, by entitlement: the decisions and the facts its conditions test.
    pub(crate) entitlement: [u32; Entitlement::ALL.len()],
}

impl SentenceFacts {
    fn of(c: &Compiled) -> SentenceFacts {
        const fn bit(f: Fact) -> u32 {
            1 << (f as u32)
        }
        let decided = bit(Fact::Stream) | bit(Fact::Specialty) | bit(Fact::Tier);
        let mut facts = SentenceFacts {
            stream: c
                .streams
                .iter()
                .flat_map(|s| &s.eligible)
                .fold(bit(Fact::Post) | bit(Fact::Stream), |used, m| used | m.1),
            ..SentenceFacts::default()
        };
        for sp in &c.specialties {
            if let Some(slot) = facts.specialty.get_mut(sp.specialty.index()) {
                *slot |= bit(Fact::Stream) | bit(Fact::Specialty) | sp.when.1;
            }
        }
        for (slot, ladder) in facts.tier.iter_mut().zip(&c.ladders) {
            *slot = ladder
                .iter()
                .fold(bit(Fact::Stream) | bit(Fact::Tier), |used, t| {
                    used | t.when.1
                });
        }
        for (e, when) in &c.entitlements {
            if let Some(slot) = facts.entitlement.get_mut(e.index()) {
                *slot |= decided | when.1;
            }
        }
        facts
    }
}

/// Why a policy document could not be compiled: every problem found, in the order of the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the policy has {} problem(s): {}", problems.len(), problems.join("; "))]
pub(crate) struct PolicyError {
    pub(crate) problems: Vec<String>,
}

/// Parses a code of a list exactly (codes only: a document is data, not free text).
fn code<T: Coded>(s: &str, at: &str, problems: &mut Vec<String>) -> Option<T> {
    let found = T::ALL.iter().copied().find(|v| v.code() == s);
    if found.is_none() {
        problems.push(format!(
            "{at}: unknown {} {:?}{}",
            T::KIND,
            crate::safety::Shown(s),
            crate::safety::look_alike(s, T::CODES)
        ));
    }
    found
}

impl Compiled {
    /// Compiles a document, collecting every problem of codes and shape.
    #[cfg(test)]
    pub(crate) fn compile(doc: &PolicyDoc) -> Result<Compiled, PolicyError> {
        Compiled::compile_with(doc, &Limits::default())
    }

    /// Compiles a document within limits, collecting every problem of codes and shape.
    ///
    /// A repeated entry (a stream, specialty, tier of a ladder, entitlement, service level, size or above-size
    /// row, or a department or service twice in one list) is a problem, but only its first use is kept and
    /// the proofs still run, so it is reported with the problems they find. An unknown code stops before
    /// the proofs, which would have nothing to stand on.
    pub(crate) fn compile_with(doc: &PolicyDoc, limits: &Limits) -> Result<Compiled, PolicyError> {
        let mut problems = Vec::new();
        let counts = [
            Limits::check_count(
                "specialties",
                doc.specialties.len(),
                limits.specialties(),
                "max_specialties",
            ),
            Limits::check_count(
                "entitlements",
                doc.entitlements.len(),
                limits.entitlements(),
                "max_entitlements",
            ),
        ];
        problems.extend(counts.into_iter().flatten());
        for (i, s) in doc.streams.iter().enumerate() {
            problems.extend(Limits::check_count(
                &format!("streams[{i}].eligible"),
                s.eligible.len(),
                limits.conditions(),
                "max_conditions",
            ));
        }
        for (i, l) in doc.ladders.iter().enumerate() {
            problems.extend(Limits::check_count(
                &format!("ladders[{i}].tiers"),
                l.tiers.len(),
                limits.tiers(),
                "max_tiers",
            ));
        }
        // The streams, levels, industries and posts are bounded by their code lists once repeats are refused;
        // the lists above are not, so a document past them is refused before anything else is done.
        if !problems.is_empty() {
            return Err(PolicyError { problems });
        }
        // Problems that do not stop the proofs: repeated entries.
        let mut repeated = 0usize;
        let p = &mut problems;
        let mut streams = Vec::new();
        let mut seen_streams = CodeSet::<Stream>::new();
        let mut post_stream = [None; Post::ALL.len()];
        for (i, s) in doc.streams.iter().enumerate() {
            let at = format!("streams[{i}]");
            let stream = code::<Stream>(&s.stream, &at, p);
            let lead = code::<Department>(&s.lead, &format!("{at}.lead"), p);
            let eligible = s
                .eligible
                .iter()
                .enumerate()
                .map(|(j, c)| Mask::compile(c, p, &format!("{at}.eligible[{j}]")))
                .collect();
            for post in &s.posts {
                if let (Some(post), Some(stream)) =
                    (code::<Post>(post, &format!("{at}.posts"), p), stream)
                {
                    match post_stream.get_mut(post.index()) {
                        Some(Some(other)) => {
                            p.push(format!(
                                "{at}.posts: post {:?} is already the post of stream {:?}",
                                post.code(),
                                Stream::code(*other)
                            ));
                            repeated += 1;
                        }
                        Some(slot) => *slot = Some(stream),
                        None => {}
                    }
                }
            }
            if let Some(stream) = stream.filter(|&s| !seen_streams.insert(s)) {
                p.push(format!("{at}: stream {:?} is listed twice", stream.code()));
                repeated += 1;
            } else if let (Some(stream), Some(lead)) = (stream, lead) {
                streams.push(CompiledStream {
                    stream,
                    lead,
                    eligible,
                });
            }
        }
        let mut specialties = Vec::new();
        let mut seen_specialties = CodeSet::<Specialty>::new();
        for (i, s) in doc.specialties.iter().enumerate() {
            let at = format!("specialties[{i}]");
            let specialty = code::<Specialty>(&s.specialty, &at, p);
            let parent = code::<Stream>(&s.parent, &format!("{at}.parent"), p);
            let lead = code::<Department>(&s.lead, &format!("{at}.lead"), p);
            let when = Mask::compile(&s.when, p, &format!("{at}.when"));
            if let Some(specialty) = specialty.filter(|&s| !seen_specialties.insert(s)) {
                p.push(format!(
                    "{at}: specialty {:?} is listed twice",
                    specialty.code()
                ));
                repeated += 1;
            } else if let (Some(specialty), Some(parent), Some(lead)) = (specialty, parent, lead) {
                specialties.push(CompiledSpecialty {
                    specialty,
                    parent,
                    when,
                    lead,
                });
            }
        }
        let mut ladders: [Vec<CompiledTier>; Stream::ALL.len()] = Default::default();
        for (i, l) in doc.ladders.iter().enumerate() {
            let at = format!("ladders[{i}]");
            let Some(stream) = code::<Stream>(&l.stream, &at, p) else {
                continue;
            };
            let mut tiers = Vec::new();
            for (j, t) in l.tiers.iter().enumerate() {
                let at = format!("{at}.tiers[{j}]");
                let tier = code::<Tier>(&t.tier, &at, p);
                let when = Mask::compile(&t.when, p, &format!("{at}.when"));
                let mut managed_by: Vec<Department> = Vec::new();
                for d in &t.managed_by {
                    let at = format!("{at}.managed_by");
                    match code::<Department>(d, &at, p) {
                        Some(d) if managed_by.contains(&d) => {
                            p.push(format!("{at}: department {:?} is listed twice", d.code()));
                            repeated += 1;
                        }
                        Some(d) => managed_by.push(d),
                        None => {}
                    }
                }
                if let Some(tier) = tier {
                    if tiers.iter().any(|c: &CompiledTier| c.tier == tier) {
                        p.push(format!("{at}: tier {:?} is listed twice", tier.code()));
                        repeated += 1;
                    } else {
                        tiers.push(CompiledTier {
                            tier,
                            when,
                            managed_by,
                        });
                    }
                }
            }
            match ladders.get_mut(stream.index()) {
                Some(slot) if slot.is_empty() => *slot = tiers,
                _ => p.push(format!("{at}: stream {:?} has two ladders", stream.code())),
            }
        }
        let mut entitlements = Vec::new();
        for (i, e) in doc.entitlements.iter().enumerate() {
            let at = format!("entitlements[{i}]");
            let entitlement = code::<Entitlement>(&e.entitlement, &at, p);
            let when = Mask::compile(&e.when, p, &format!("{at}.when"));
            match entitlement {
                Some(e) if entitlements.iter().any(|(seen, _)| *seen == e) => {
                    p.push(format!("{at}: entitlement {:?} is listed twice", e.code()));
                    repeated += 1;
                }
                Some(e) => entitlements.push((e, when)),
                None => {}
            }
        }
        let mut services: [Vec<Service>; IntroductionLevel::ALL.len()] = Default::default();
        let mut seen_levels = CodeSet::<IntroductionLevel>::new();
        for (i, s) in doc.services.iter().enumerate() {
            let at = format!("services[{i}]");
            let level = code::<IntroductionLevel>(&s.level, &at, p);
            let mut list: Vec<Service> = Vec::new();
            for v in &s.services {
                match code::<Service>(v, &at, p) {
                    Some(v) if list.contains(&v) => {
                        p.push(format!("{at}: service {:?} is listed twice", v.code()));
                        repeated += 1;
                    }
                    Some(v) => list.push(v),
                    None => {}
                }
            }
            if let Some(level) = level {
                match services.get_mut(level.index()) {
                    Some(slot) if seen_levels.insert(level) => *slot = list,
                    _ => {
                        p.push(format!("{at}: level {:?} is listed twice", level.code()));
                        repeated += 1;
                    }
                }
            }
        }
        let mut size_standard: [Option<[Vec<Bound>; 3]>; Industry::ALL.len()] = Default::default();
        for (i, r) in doc.size_standard.iter().enumerate() {
            let at = format!("size_standard[{i}]");
            let Some(industry) = code::<Industry>(&r.industry, &at, p) else {
                continue;
            };
            let bounds = |b: &super::doc::BoundsDoc| {
                let mut v = Vec::new();
                if let Some(x) = b.employees {
                    v.push(Bound::employees(x));
                }
                if let Some(y) = b.revenue_wan {
                    v.push(Bound::from_yuan(Indicator::Revenue, y.yuan()));
                }
                if let Some(z) = b.assets_wan {
                    v.push(Bound::from_yuan(Indicator::Assets, z.yuan()));
                }
                v
            };
            match size_standard.get_mut(industry.index()) {
                Some(slot @ None) => {
                    *slot = Some([bounds(&r.large), bounds(&r.medium), bounds(&r.small)])
                }
                _ => {
                    p.push(format!("{at}: industry {:?} has two rows", industry.code()));
                    repeated += 1;
                }
            }
        }
        let mut above = [AboveSizeRule::MustBeStated; Industry::ALL.len()];
        let mut seen = CodeSet::<Industry>::new();
        for (i, a) in doc.above_designated_size.iter().enumerate() {
            let at = format!("above_designated_size[{i}]");
            let Some(industry) = code::<Industry>(&a.industry, &at, p) else {
                continue;
            };
            if !seen.insert(industry) {
                p.push(format!(
                    "{at}: industry {:?} is listed twice",
                    industry.code()
                ));
                repeated += 1;
                continue;
            }
            let rule = match (a.revenue_wan, a.always) {
                (Some(_), true) => {
                    p.push(format!("{at}: give revenue_wan or always, not both"));
                    AboveSizeRule::MustBeStated
                }
                (Some(w), false) => AboveSizeRule::Revenue(w),
                (None, true) => AboveSizeRule::Always,
                (None, false) => AboveSizeRule::MustBeStated,
            };
            if let Some(slot) = above.get_mut(industry.index()) {
                *slot = rule;
            }
        }
        // Nothing is proven about a policy whose codes are wrong: the proofs run on a policy that compiled.
        if problems.len() > repeated {
            return Err(PolicyError { problems });
        }
        let mut compiled = Compiled {
            streams,
            post_stream,
            specialties,
            ladders,
            entitlements,
            services,
            size_standard,
            above,
            fast: None,
            sentence_facts: SentenceFacts::default(),
        };
        compiled.check(doc, limits, &mut problems);
        if problems.is_empty() {
            compiled.fast = fast::Fast::new(&compiled);
            compiled.sentence_facts = SentenceFacts::of(&compiled);
            Ok(compiled)
        } else {
            Err(PolicyError { problems })
        }
    }

    /// The proofs a policy must pass to load (DOMAIN.md §7, invariants 2, 3, 5, 8 and 9): every problem.
    ///
    /// Conditions are conjunctions of independent clauses, one per fact, so two conditions can hold together
    /// exactly when every fact has a value both allow; a condition is monotone in a fact exactly when the values
    /// it allows are closed upwards. Both are decided over every value of every fact, without sampling.
    fn check(&self, doc: &PolicyDoc, limits: &Limits, problems: &mut Vec<String>) {
        let mut budget = limits.proof_steps();
        const DERIVED: [Fact; 2] = [Fact::EnterpriseSize, Fact::AboveDesignatedSize];
        const DECIDED: [Fact; 3] = [Fact::Stream, Fact::Specialty, Fact::Tier];
        let forbid = |m: &Mask, facts: &[Fact], at: &str, why: &str, problems: &mut Vec<String>| {
            for (fact, _) in m.clauses() {
                if facts.contains(&fact) {
                    problems.push(format!(
                        "{at}: {} cannot be tested here ({why})",
                        fact.name()
                    ));
                }
            }
        };
        // Streams: tested only on a person's own facts, and reachable.
        for (i, s) in self.streams.iter().enumerate() {
            let at = format!("streams[{i}]");
            for (j, m) in s.eligible.iter().enumerate() {
                let at = format!("{at}.eligible[{j}]");
                forbid(
                    m,
                    &DECIDED,
                    &at,
                    "a stream is decided before specialties and tiers",
                    problems,
                );
                forbid(
                    m,
                    &DERIVED,
                    &at,
                    "only tiers and entitlements test enterprise facts, which may be open",
                    problems,
                );
            }
            if !s.eligible.iter().any(Mask::satisfiable) {
                problems.push(format!(
                    "{at}: no post or qualification reaches stream {:?}: it has no condition that can hold",
                    s.stream.code()
                ));
            }
        }
        let eligible = |stream: Stream| -> &[Mask] {
            self.streams
                .iter()
                .find(|s| s.stream == stream)
                .map_or(&[], |s| s.eligible.as_slice())
        };
        // Specialties: of a stream that occurs, and able to apply to it.
        for (i, sp) in self.specialties.iter().enumerate() {
            let at = format!("specialties[{i}]");
            forbid(
                &sp.when,
                &DECIDED,
                &format!("{at}.when"),
                "a specialty is decided before tiers",
                problems,
            );
            forbid(
                &sp.when,
                &DERIVED,
                &format!("{at}.when"),
                "only tiers and entitlements test enterprise facts",
                problems,
            );
            let parent = eligible(sp.parent);
            if !parent.iter().any(Mask::satisfiable) {
                problems.push(format!(
                    "{at}: specialty {:?} refines stream {:?}, which cannot occur",
                    sp.specialty.code(),
                    sp.parent.code()
                ));
            } else if !parent.iter().any(|m| m.and(&sp.when).satisfiable()) {
                problems.push(format!(
                    "{at}: specialty {:?} can never apply: its condition never holds for a talent of {:?}",
                    sp.specialty.code(),
                    sp.parent.code()
                ));
            }
        }
        // Ladders: of a stream that occurs; every tier with departments, able to fire, not shadowed, monotone.
        for (l, ladder_doc) in doc.ladders.iter().enumerate() {
            let Some(stream) = Stream::ALL
                .iter()
                .copied()
                .find(|s| s.code() == ladder_doc.stream)
            else {
                continue;
            };
            let at = format!("ladders[{l}]");
            let ladder = self
                .ladders
                .get(stream.index())
                .map_or(&[][..], Vec::as_slice);
            let parent = eligible(stream);
            if !parent.iter().any(Mask::satisfiable) {
                problems.push(format!(
                    "{at}: stream {:?} has a ladder but cannot occur",
                    stream.code()
                ));
                continue;
            }
            if ladder.is_empty() {
                problems.push(format!(
                    "{at}: the ladder of {:?} has no tiers",
                    stream.code()
                ));
            }
            for (t, tier) in ladder.iter().enumerate() {
                let at = format!("{at}.tiers[{t}]");
                forbid(
                    &tier.when,
                    &[Fact::Tier],
                    &format!("{at}.when"),
                    "a tier cannot depend on the tier",
                    problems,
                );
                if tier.managed_by.is_empty() {
                    problems.push(format!(
                        "{at}: tier {:?} has no department to manage it",
                        tier.tier.code()
                    ));
                }
                let reachable: Vec<Mask> = parent
                    .iter()
                    .map(|m| m.and(&tier.when))
                    .filter(Mask::satisfiable)
                    .collect();
                if reachable.is_empty() {
                    problems.push(format!(
                        "{at}: tier {:?} can never fire: its condition never holds for a talent of {:?}",
                        tier.tier.code(),
                        stream.code()
                    ));
                } else if let Some(higher) = ladder.get(..t).filter(|h| !h.is_empty()) {
                    // Shadowed: wherever this tier holds, a higher one holds too.
                    let higher_masks: Vec<Mask> = higher.iter().map(|h| h.when).collect();
                    let mut fires = Ok(false);
                    for region in &reachable {
                        fires = region.escapes(&higher_masks, &mut budget);
                        if fires != Ok(false) {
                            break;
                        }
                    }
                    if fires.is_err() {
                        problems.push(format!(
                            "{at}: proving that tier {:?} can fire below the {} tier(s) above it takes more than \
                             the limit of {} steps (Limits::max_proof_steps): simplify the ladder or raise the limit",
                            tier.tier.code(),
                            higher.len(),
                            limits.proof_steps()
                        ));
                    } else if fires == Ok(false) {
                        problems.push(format!(
                            "{at}: tier {:?} can never fire: wherever it holds, a higher tier ({}) holds too",
                            tier.tier.code(),
                            higher.iter().map(|h| h.tier.code()).collect::<Vec<_>>().join(", ")
                        ));
                    }
                }
                for fact in [
                    Fact::Performance,
                    Fact::Contribution,
                    Fact::Potential,
                    Fact::AboveDesignatedSize,
                ] {
                    if let Some((low, high)) = tier.when.not_upward_closed(fact) {
                        problems.push(format!(
                            "{at}.when: {} allows {} but not {}: raising it would lower the tier",
                            fact.name(),
                            fact.value_label(low, false),
                            fact.value_label(high, false)
                        ));
                    }
                }
            }
        }
        // Departments: every cell that can occur has some (streams and specialties have leads by construction;
        // tiers are checked above). Thresholds: nested, so that size only grows with the numbers and every class
        // can be reached.
        for (i, row) in doc.size_standard.iter().enumerate() {
            let at = format!("size_standard[{i}]");
            let classes = [
                ("large", &row.large),
                ("medium", &row.medium),
                ("small", &row.small),
            ];
            for pair in classes.windows(2) {
                let [(upper_name, upper), (lower_name, lower)] = pair else {
                    continue;
                };
                let indicators = [
                    (
                        "employees",
                        upper.employees.map(Wan::from_wan),
                        lower.employees.map(Wan::from_wan),
                    ),
                    ("revenue_wan", upper.revenue_wan, lower.revenue_wan),
                    ("assets_wan", upper.assets_wan, lower.assets_wan),
                ];
                for (name, up, low) in indicators {
                    match (up, low) {
                        (Some(u), Some(l)) if u <= l => problems.push(format!(
                            "{at}: {name} of {upper_name} ({u}) must be above that of {lower_name} ({l}): \
                             thresholds must rise from small to large"
                        )),
                        (Some(_), None) | (None, Some(_)) => problems.push(format!(
                            "{at}: {name} bounds {} but not {}: every class must bound the same numbers",
                            if up.is_some() { upper_name } else { lower_name },
                            if up.is_some() { lower_name } else { upper_name }
                        )),
                        _ => {}
                    }
                }
            }
            if row.large == BoundsDoc::default() {
                problems.push(format!(
                    "{at}: the classes bound nothing: give at least one number"
                ));
            }
        }
    }

    #[inline]
    fn enterprise_facts(&self, p: &Profile) -> EnterpriseFacts {
        let industry = p.industry();
        let classes = industry
            .and_then(|i| self.size_standard.get(i.index()))
            .and_then(Option::as_ref)
            .map(|[l, m, s]| [l.as_slice(), m.as_slice(), s.as_slice()]);
        let above = industry.and_then(|i| self.above.get(i.index()).copied());
        EnterpriseFacts::with_rules(p, classes, above)
    }

    /// Classifies a profile: the decisions of DOMAIN.md §4 read from the compiled document. Allocates nothing
    /// (but on the one call that builds the lookup table, see `fast::table`).
    ///
    /// All conditions at once from precomputed rows (or the table built from them) where the policy has at
    /// most 64 of them (see `fast`), else [`Compiled::decide_reference`].
    #[inline(always)]
    pub(crate) fn decide(&self, p: &Profile) -> Decision<'_> {
        match &self.fast {
            Some(fast) => fast.decide(self, p),
            None => self.decide_reference(p),
        }
    }

    /// Classifies a profile condition by condition, walking the clauses ([`Mask::eval`]): the reference the
    /// faster path is tested against.
    pub(crate) fn decide_reference(&self, p: &Profile) -> Decision<'_> {
        let enterprise = self.enterprise_facts(p);
        let facts = Facts::of(p, &enterprise);
        let holds = |m: &Mask| m.eval(&facts) == Some(true);

        // §4.1, §4.2: the post's own stream if it qualifies, else the first qualifying in canonical order.
        let mut qualifies = CodeSet::new();
        for s in &self.streams {
            if s.eligible.iter().any(holds) {
                qualifies.insert(s.stream);
            }
        }
        let own = self.post_stream.get(p.post().index()).copied().flatten();
        let stream = own.filter(|&s| qualifies.contains(s)).or_else(|| {
            self.streams
                .iter()
                .map(|s| s.stream)
                .find(|&s| qualifies.contains(s))
        });
        let mut also = qualifies;
        if let Some(s) = stream {
            also.remove(s);
        }

        // §4.3: the first specialty of the stream whose condition holds.
        let specialty = stream.and_then(|s| {
            self.specialties
                .iter()
                .find(|sp| sp.parent == s && holds(&sp.when))
                .map(|sp| sp.specialty)
        });
        let facts = facts
            .with(Fact::Stream, optional(stream))
            .with(Fact::Specialty, optional(specialty));

        // §4.4: the highest tier whose condition is true.
        let ladder = stream
            .and_then(|s| self.ladders.get(s.index()))
            .filter(|l| !l.is_empty());
        // A tier the ladder does not have can never be reached: its condition is false.
        let mut checks = [Some(false); Tier::ALL.len()];
        let mut tier = None;
        if let Some(ladder) = ladder {
            for t in ladder {
                let value = t.when.eval(&facts);
                if let Some(slot) = checks.get_mut(t.tier.index()) {
                    *slot = value;
                }
                if tier.is_none() && value == Some(true) {
                    tier = Some(t.tier);
                }
            }
        }
        let facts = facts.with(Fact::Tier, optional(tier));

        // §4.5 departments: the tier's list and then the specialty's lead, else the lead alone.
        let stream_lead = |s: Stream| self.streams.iter().find(|c| c.stream == s).map(|c| c.lead);
        let specialty_lead = specialty.and_then(|sp| {
            self.specialties
                .iter()
                .find(|c| c.specialty == sp)
                .map(|c| c.lead)
        });
        let lead = specialty_lead.or_else(|| stream.and_then(stream_lead));
        let tier_list: &[Department] = tier
            .and_then(|t| ladder?.iter().find(|c| c.tier == t))
            .map_or(&[], |c| c.managed_by.as_slice());
        let managed_by = if tier.is_some() {
            (tier_list, specialty_lead.filter(|d| !tier_list.contains(d)))
        } else {
            (tier_list, lead)
        };

        // §4.6 entitlements and services.
        let mut entitlements = CodeSet::new();
        for (e, when) in &self.entitlements {
            if stream.is_some() && when.eval(&facts) == Some(true) {
                entitlements.insert(*e);
            }
        }
        let services: CodeSet<Service> = p
            .introduction_level()
            .and_then(|l| self.services.get(l.index()))
            .map(|list| list.iter().copied().collect())
            .unwrap_or_default();

        // §4.7 missing facts, derived from the conditions.
        let mut missing = CodeSet::new();
        if let Some(own) = own.filter(|&s| !qualifies.contains(s)) {
            // The post's own stream does not apply: which absent facts could make one of its conditions hold.
            if let Some(s) = self.streams.iter().find(|c| c.stream == own) {
                for m in &s.eligible {
                    missing.extend(m.fixable_absent(&facts).unwrap_or_default());
                }
            }
        }
        if let Some(s) = stream.filter(|_| specialty.is_none()) {
            for sp in self.specialties.iter().filter(|sp| sp.parent == s) {
                missing.extend(sp.when.fixable_absent(&facts).unwrap_or_default());
            }
        }
        if let Some(ladder) = ladder {
            for t in ladder.iter().take_while(|t| Some(t.tier) != tier) {
                if t.when.eval(&facts).is_none() {
                    for (i, (allowed, possible)) in t.when.0.iter().zip(&facts.0).enumerate() {
                        if possible & !allowed != 0 && allowed & possible != 0 {
                            missing.extend(Fact::ALL.get(i).copied().and_then(missing_fact));
                        }
                    }
                }
            }
        }
        Decision {
            stream,
            also,
            specialty,
            tier,
            checks: ladder.map(|_| checks),
            lead,
            managed_by,
            enterprise,
            entitlements,
            services,
            missing,
        }
    }
}

/// What a compiled policy decides for one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision<'a> {
    pub(crate) stream: Option<Stream>,
    pub(crate) also: CodeSet<Stream>,
    pub(crate) specialty: Option<Specialty>,
    pub(crate) tier: Option<Tier>,
    /// Per tier (by index), on a ladder: true, false, or open (`None`).
    pub(crate) checks: Option<[Option<bool>; Tier::ALL.len()]>,
    pub(crate) lead: Option<Department>,
    /// The tier's departments, then possibly one more.
    pub(crate) managed_by: (&'a [Department], Option<Department>),
    pub(crate) enterprise: EnterpriseFacts,
    pub(crate) entitlements: CodeSet<Entitlement>,
    pub(crate) services: CodeSet<Service>,
    pub(crate) missing: CodeSet<MissingFact>,
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn built_in() -> Compiled {
        Compiled::compile(&PolicyDoc::shizhong_2011()).expect("the built-in document compiles")
    }

    /// The rows and the lookup table decide as the clause-by-clause reference does, on every combination of the
    /// discrete facts the built-in rules read (`tests/oracle.rs` checks the same combinations against the
    /// hand-written policy, through the public API).
    #[test]
    fn the_fast_paths_agree_with_the_reference_on_every_combination() {
        let compiled = built_in();
        fn opt<T: Copy>(all: &[T]) -> Vec<Option<T>> {
            std::iter::once(None)
                .chain(all.iter().copied().map(Some))
                .collect()
        }
        let roles: Vec<Option<Role>> = opt(Role::ALL);
        let sizes: Vec<Option<EnterpriseSize>> = opt(EnterpriseSize::ALL);
        let industries = [
            None,
            Some(Industry::Finance),
            Some(Industry::LeasingBusinessServices),
            Some(Industry::Retail),
        ];
        let mut count = 0u64;
        for &post in Post::ALL {
            for &role in &roles {
                for industry in industries {
                    for &size in &sizes {
                        for above in [None, Some(false), Some(true)] {
                            for ownership in
                                [None, Some(Ownership::Individual), Some(Ownership::Private)]
                            {
                                for &perf in Performance::ALL {
                                    for &contrib in Contribution::ALL {
                                        for potential in [false, true] {
                                            for title in [None, Some(ProfessionalTitle::Junior)] {
                                                for skill in [
                                                    None,
                                                    Some(SkillLevel::JuniorWorker),
                                                    Some(SkillLevel::Technician),
                                                ] {
                                                    for cert in [
                                                        None,
                                                        Some(SocialWorkCertificate::SocialWorker),
                                                    ] {
                                                        for rural in [None, Some(RuralRole::Craft)]
                                                        {
                                                            // Services depend on the level alone: one level, varied
                                                            // with the post, covers them.
                                                            {
                                                                let level = IntroductionLevel::ALL
                                                                    .get(post.index() % 4)
                                                                    .copied();
                                                                let p = Profile::builder("X", post)
                                                                    .role(role)
                                                                    .industry(industry)
                                                                    .enterprise_size(size)
                                                                    .above_designated_size(above)
                                                                    .ownership(ownership)
                                                                    .performance(perf)
                                                                    .contribution(contrib)
                                                                    .potential(potential)
                                                                    .professional_title(title)
                                                                    .skill_level(skill)
                                                                    .social_work_certificate(cert)
                                                                    .rural_role(rural)
                                                                    .introduction_level(level)
                                                                    .build()
                                                                    .unwrap();
                                                                let d = compiled.decide(&p);
                                                                assert_eq!(
                                                                    d,
                                                                    compiled.decide_reference(&p)
                                                                );
                                                                count += 1;
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(count, 8 * 6 * 4 * 5 * 3 * 3 * 3 * 3 * 2 * 2 * 3 * 2 * 2);
        // Past twice its combinations the policy built its lookup table: the later decisions (and the
        // comparisons with the reference) were looked up.
        assert!(compiled.fast.as_ref().unwrap().has_table());
    }

    /// Profiles with every fact drawn at random (a fixed-seed linear congruential generator), numbers included so
    /// that sizes and above-size statuses are derived, stated and open.
    fn random_profiles(n: usize) -> impl Iterator<Item = Profile> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |k: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % k
        };
        (0..n).map(move |_| {
            fn pick<T: Copy>(all: &[T], i: usize) -> Option<T> {
                i.checked_sub(1).and_then(|i| all.get(i).copied())
            }
            let post = Post::ALL[next(Post::ALL.len())];
            Profile::builder("R", post)
                .role(pick(Role::ALL, next(Role::ALL.len() + 1)))
                .industry(pick(Industry::ALL, next(Industry::ALL.len() + 1)))
                .employees((next(3) > 0).then(|| next(3000) as u32))
                .revenue_wan((next(3) > 0).then(|| crate::Wan::from_wan(next(50_000) as u64)))
                .assets_wan((next(3) > 0).then(|| crate::Wan::from_wan(next(90_000) as u64)))
                .enterprise_size(pick(
                    EnterpriseSize::ALL,
                    next(EnterpriseSize::ALL.len() + 4),
                ))
                .above_designated_size([None, None, Some(false), Some(true)][next(4)])
                .ownership(pick(Ownership::ALL, next(Ownership::ALL.len() + 1)))
                .performance(Performance::ALL[next(Performance::ALL.len())])
                .contribution(Contribution::ALL[next(Contribution::ALL.len())])
                .potential(next(2) == 1)
                .professional_title(pick(
                    ProfessionalTitle::ALL,
                    next(ProfessionalTitle::ALL.len() + 1),
                ))
                .skill_level(pick(SkillLevel::ALL, next(SkillLevel::ALL.len() + 1)))
                .social_work_certificate(pick(
                    SocialWorkCertificate::ALL,
                    next(SocialWorkCertificate::ALL.len() + 1),
                ))
                .rural_role(pick(RuralRole::ALL, next(RuralRole::ALL.len() + 1)))
                .introduction_level(pick(
                    IntroductionLevel::ALL,
                    next(IntroductionLevel::ALL.len() + 1),
                ))
                .build()
                .unwrap()
        })
    }

    /// The rows decide as the reference does on another policy: the example's professional ladder tests
    /// titles, which the built-in policy's tiers never do.
    #[cfg(feature = "toml")]
    #[test]
    fn the_fast_path_agrees_with_the_reference_on_the_example_policy() {
        let doc =
            PolicyDoc::from_toml(include_str!("../../examples/data/policy-example.toml")).unwrap();
        let compiled = Compiled::compile(&doc).unwrap();
        assert!(compiled.fast.is_some());
        let mut tiers = CodeSet::<Tier>::new();
        for p in random_profiles(200_000) {
            let d = compiled.decide(&p);
            assert_eq!(d, compiled.decide_reference(&p), "{p:?}");
            if d.stream == Some(Stream::ProfessionalTechnical) {
                tiers.extend(d.tier);
            }
        }
        // The sample reached the professional ladder's tiers, so the comparison covered them.
        assert!(tiers.len() >= 2, "{tiers:?}");
    }

    /// And on the built-in policy with the numbers: derived and open sizes and above-size statuses.
    #[test]
    fn the_fast_path_agrees_with_the_reference_with_derived_sizes() {
        let compiled = built_in();
        for p in random_profiles(200_000) {
            assert_eq!(compiled.decide(&p), compiled.decide_reference(&p), "{p:?}");
        }
    }

    /// The lookup table decides as the rows and the reference do, for the built-in and the example policy.
    #[test]
    fn the_lookup_table_decides_as_the_reference_does() {
        #[cfg_attr(not(feature = "toml"), allow(unused_mut))]
        let mut compiled = vec![built_in()];
        #[cfg(feature = "toml")]
        compiled.push(
            Compiled::compile(
                &PolicyDoc::from_toml(include_str!("../../examples/data/policy-example.toml"))
                    .unwrap(),
            )
            .unwrap(),
        );
        for c in &compiled {
            let fast = c.fast.as_ref().unwrap();
            assert!(!fast.has_table());
            assert!(fast.build_table(c));
            assert!(fast.has_table());
            for p in random_profiles(100_000) {
                assert_eq!(c.decide(&p), c.decide_reference(&p), "{p:?}");
            }
        }
    }

    /// The lookup table decides as the reference does for policies built differently from the built-in one:
    /// tiers on other facts, a ladder testing the specialty, an entitlement on the tier, a specialty on the role
    /// and an introduction level in a condition (which then splits that fact into classes of its own).
    #[test]
    fn the_lookup_table_decides_as_the_reference_does_for_other_policies() {
        use super::super::doc::{Allowed, ClauseValue};
        let only =
            |values: &[&str]| Allowed::Only(values.iter().map(|&v| ClauseValue::from(v)).collect());
        let mut variants = Vec::new();

        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "leader-without-contribution".into();
        doc.ladders[0].tiers[0].when.remove("contribution");
        variants.push(doc);

        let mut doc = PolicyDoc::shizhong_2011();
        doc.name = "elite-by-industry-and-level".into();
        let elite = &mut doc.ladders[0].tiers[2].when;
        elite.insert(
            "industry".into(),
            only(&["retail", "wholesale", "catering"]),
        );
        elite.insert(
            "introduction_level".into(),
            Allowed::Not {
                not: vec![ClauseValue::from("none")],
            },
        );
        doc.ladders[0].tiers[1]
            .when
            .insert("specialty".into(), only(&["none"]));
        doc.entitlements[1].when = [("tier".to_owned(), only(&["leader"]))]
            .into_iter()
            .collect();
        doc.specialties[0].when.insert(
            "role".into(),
            only(&["principal", "owner", "senior_manager"]),
        );
        variants.push(doc);

        for doc in variants {
            let c = Compiled::compile(&doc).unwrap_or_else(|e| panic!("{}: {e}", doc.name));
            let fast = c.fast.as_ref().unwrap();
            assert!(fast.build_table(&c), "{}", doc.name);
            for p in random_profiles(50_000) {
                assert_eq!(c.decide(&p), c.decide_reference(&p), "{}: {p:?}", doc.name);
            }
        }
    }

    /// A policy with more conditions than the rows can number still classifies, by the reference path.
    #[test]
    fn a_policy_with_many_conditions_falls_back_to_the_reference() {
        let mut doc = PolicyDoc::shizhong_2011();
        // Eleven more copies of each stream's first condition: 66 more in all, within the limit per stream.
        for stream in &mut doc.streams {
            let extra = stream.eligible.first().unwrap().clone();
            stream.eligible.extend(std::iter::repeat_n(extra, 11));
        }
        let compiled = Compiled::compile(&doc).unwrap();
        assert!(compiled.fast.is_none());
        let fast = built_in();
        assert!(fast.fast.is_some());
        for p in random_profiles(20_000) {
            assert_eq!(compiled.decide(&p), fast.decide(&p), "{p:?}");
        }
    }

    /// And with the numbers: the document's size and above-size tables derive as the built-in const tables do.
    #[test]
    fn the_documents_thresholds_are_the_built_in_ones() {
        let compiled = built_in();
        for row in crate::enterprise::SME_STANDARD_2011 {
            let ours = compiled
                .size_standard
                .get(row.industry().index())
                .cloned()
                .flatten()
                .unwrap();
            assert_eq!(
                ours,
                [
                    row.large().to_vec(),
                    row.medium().to_vec(),
                    row.small().to_vec()
                ],
                "{:#}",
                row.industry()
            );
        }
        assert!(
            compiled
                .size_standard
                .get(Industry::Finance.index())
                .cloned()
                .flatten()
                .is_none()
        );
        for &(industry, rule) in crate::enterprise::ABOVE_DESIGNATED_SIZE {
            assert_eq!(
                compiled.above.get(industry.index()),
                Some(&rule),
                "{industry:#}"
            );
        }
    }

    #[test]
    fn every_problem_of_a_document_is_reported() {
        let mut doc = PolicyDoc::shizhong_2011();
        doc.streams[0].lead = "mayor".into();
        doc.streams[1].stream = "party_government".into();
        doc.specialties[0]
            .when
            .insert("colour".into(), Allowed::Only(vec!["red".into()]));
        doc.ladders[0].tiers[1]
            .when
            .insert("potential".into(), Allowed::Only(vec!["yes".into()]));
        doc.services[0].services.push("free_lunch".into());
        doc.above_designated_size[1].always = true;
        let err = Compiled::compile(&doc).unwrap_err();
        assert_eq!(
            err.problems,
            [
                r#"streams[0].lead: unknown department "mayor""#,
                r#"streams[1]: stream "party_government" is listed twice"#,
                r#"specialties[0].when: unknown fact "colour" (expected one of post, role, ownership, industry, enterprise_size, above_designated_size, performance, contribution, potential, professional_title, skill_level, social_work_certificate, rural_role, introduction_level, stream, specialty, tier)"#,
                r#"ladders[0].tiers[1].when: potential cannot be "yes" (expected true or false)"#,
                r#"services[0]: unknown service "free_lunch""#,
                "above_designated_size[1]: give revenue_wan or always, not both",
            ]
        );
    }
}
