//! The facts a policy adds to a profile (DOMAIN.md §9.2) and the facts it evaluates from measured indicators
//! (§9.3), as facts the engine already knows how to treat.
//!
//! A policy's own fields ([`FieldDef`]: a discrete fact, one- or many-valued, or an indicator) are what a
//! profile carries and a reader reads. What its conditions test are **slots**, the facts [`Fact::S0`] to
//! [`Fact::S11`], each numbered by the policy ([`Slot`]):
//!
//! - a one-valued fact: bit 0 for "holds no value", bit `1 + i` for value `i`;
//! - a many-valued fact: bit `S` for the *set* `S` of values held (value `i` is bit `i` of `S`), so "holds any
//!   of these" is the bits of the sets that meet them, one clause like any other (at most 5 values: 32 sets);
//! - an indicator compared directly (`at_least`, `below`): bit `i` for the `i`-th interval between the
//!   thresholds the policy compares it with; an absent number may lie in any interval, so it is **open**;
//! - an evaluated fact: the value stated, else the grade the indicator's number meets, else **open** (every value
//!   possible).
//!
//! Conditions are then three-valued exactly as for the derived enterprise size: open where the possible values
//! are partly allowed. A profile's slots are read from its policy fields without allocating.

use super::Fact;
use crate::codes::{Open, Specialty, Tier};
use crate::lang::{LabelsDoc, Lang};
use crate::money::{Measure, Unit};
use crate::profile::{PolicyValue, Profile};

/// The most slots a policy may fill.
pub(crate) const SLOTS: usize = 12;

/// The most values of a many-valued fact (its sets are the 32 bits of a `u32`).
pub(crate) const MANY_VALUES: usize = 5;

/// The most values of a one-valued fact (bit 0 is "none").
pub(crate) const ONE_VALUES: usize = 31;

/// The most thresholds one indicator may be compared with (its intervals are bits of a `u32`).
pub(crate) const CUTS: usize = 31;

/// A field a policy adds to the profile: a discrete fact or an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldDef {
    pub(crate) code: String,
    pub(crate) labels: LabelsDoc,
    pub(crate) kind: FieldKind,
}

/// What a policy field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// At most one of these values.
    One(Vec<ValueDef>),
    /// Any set of these values.
    Many(Vec<ValueDef>),
    /// A number of this unit.
    Indicator(Unit),
}

/// A value of a policy fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueDef {
    pub(crate) code: String,
    pub(crate) labels: LabelsDoc,
}

impl FieldDef {
    /// The value whose code or label (either script; English ASCII case-insensitive) is `text`, trimmed.
    pub(crate) fn value_index(&self, text: &str) -> Option<usize> {
        let values = match &self.kind {
            FieldKind::One(v) | FieldKind::Many(v) => v,
            FieldKind::Indicator(_) => return None,
        };
        let text = crate::lang::trim(text);
        values.iter().position(|v| {
            v.code.eq_ignore_ascii_case(text)
                || v.labels.en.eq_ignore_ascii_case(text)
                || v.labels.zh_hans == text
                || v.labels.zh_hant == text
        })
    }

    /// The codes of its values.
    pub(crate) fn codes(&self) -> Vec<&str> {
        match &self.kind {
            FieldKind::One(v) | FieldKind::Many(v) => v.iter().map(|v| v.code.as_str()).collect(),
            FieldKind::Indicator(_) => Vec::new(),
        }
    }
}

/// How a slot's value is found for a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SlotKind {
    /// The one-valued field `field`.
    One { field: usize },
    /// The many-valued field `field`.
    Many { field: usize },
    /// The indicator `field`, cut into intervals at `cuts` (strictly increasing).
    Indicator { field: usize, cuts: Vec<Measure> },
    /// A fact stated, or else graded from the indicator `from`.
    Evaluated {
        target: Target,
        from: usize,
        /// `(at_least, value bit)`, highest threshold first.
        grades: Vec<(Measure, u32)>,
        /// The value bit below every grade.
        otherwise: u32,
        /// The evaluation's place among the policy's `[[evaluations]]`.
        at: usize,
    },
}

/// The fact an evaluation grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A one-valued fact of the policy (by field): bit 0 "none", bit `1 + i` its value `i`.
    Field(usize),
    /// `performance`, `contribution` or `potential`, numbered as the built-in fact is.
    BuiltIn(Fact),
}

impl Target {
    /// The field of DOMAIN.md §3 a built-in target is.
    fn built_in_field(self) -> Option<crate::codes::Field> {
        match self {
            Target::BuiltIn(f) => f.field(),
            Target::Field(_) => None,
        }
    }
}

/// One slot of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    pub(crate) kind: SlotKind,
}

/// A policy's own fields and the slots its conditions test.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Slots {
    pub(crate) fields: Vec<FieldDef>,
    pub(crate) slots: Vec<Slot>,
    /// The evaluated slots in the order of the policy's `[[evaluations]]`, each with its fact's code as the
    /// rule id needs it (`evaluation.<code>`).
    pub(crate) evaluations: Vec<(Fact, &'static str)>,
    /// The fields that would have needed a slot past the last one (a policy past the limit, refused).
    pub(crate) unslotted: Vec<usize>,
    /// The codes of the facts and indicators left out for a problem of their definition: a clause on one is
    /// passed over without a second problem (the policy is refused for the first).
    pub(crate) left_out: Vec<String>,
    /// Per slot, the indicator whose absent number can leave it open ([`Slots::open_indicator`]), worked out
    /// once when the policy loads.
    pub(crate) indicator_of: [Option<u8>; SLOTS],
    /// The specialties and tiers the policy defines (DOMAIN.md §9.1), numbered in the decided facts after the
    /// built-in ones: specialty or tier `i` of the policy is state `1 + ALL.len() + i`.
    pub(crate) specialties: Vec<Specialty>,
    pub(crate) tiers: Vec<Tier>,
}

/// The most specialties, and the most tiers, a policy may define: the decided facts number their values in
/// the bits of a `u32` ([`Fact::universe`]), 16 bits each with "none" and the built-in values.
pub(crate) const DEFINED_SPECIALTIES: usize = 15 - Specialty::ALL.len();
/// See [`DEFINED_SPECIALTIES`].
pub(crate) const DEFINED_TIERS: usize = 15 - Tier::ALL.len();

/// The state of a decided value of an open list: 0 for none, `1 + index` for a built-in value, and after
/// them the values the policy defines, in its order (`None` for a value the policy does not define).
fn open_state<T: Open>(defined: &[T], v: Option<T>) -> Option<usize> {
    match v {
        None => Some(0),
        Some(v) => match v.defined() {
            None => Some(v.index() + 1),
            Some(_) => defined
                .iter()
                .position(|d| *d == v)
                .map(|i| 1 + T::ALL.len() + i),
        },
    }
}

/// The value of a decided fact's state, as [`open_state`] numbers it.
fn open_value<T: Open>(defined: &[T], state: usize) -> Option<T> {
    let i = state.checked_sub(1)?;
    T::ALL
        .get(i)
        .or_else(|| defined.get(i - T::ALL.len()))
        .copied()
}

/// The codes of the facts policies have evaluated, kept for the life of the process so that a rule id
/// (`evaluation.<code>`) is `Copy` and `'static` like the built-in ones. Each code is kept once, however often
/// a policy is loaded; a code is added only when a policy defines it (never by parsing a rule id), and at most
/// [`KEPT_CODES`] of them, so what is kept stays bounded (at most 48 bytes a code) even for a process that loads
/// policies from untrusted hands.
static CODES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());

/// The most distinct evaluated-fact codes a process keeps.
pub(crate) const KEPT_CODES: usize = 4096;

/// The kept copy of a code, keeping it if it is new; `None` once [`KEPT_CODES`] are kept.
pub(crate) fn intern(code: &str) -> Option<&'static str> {
    let mut codes = CODES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(kept) = codes.iter().find(|c| **c == code) {
        return Some(kept);
    }
    if codes.len() >= KEPT_CODES {
        return None;
    }
    let kept: &'static str = Box::leak(code.to_owned().into_boxed_str());
    codes.push(kept);
    Some(kept)
}

/// The kept copy of a code a loaded policy defined, if any.
pub(crate) fn interned(code: &str) -> Option<&'static str> {
    let codes = CODES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    codes.iter().find(|c| **c == code).copied()
}

/// An evaluated fact of one profile (DOMAIN.md §9.3): the number, the threshold and the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Graded {
    pub(crate) number: Measure,
    /// The grade's threshold met, or for `otherwise` the lowest one missed.
    pub(crate) threshold: Measure,
    pub(crate) met: bool,
    /// The value, as the slot's bit.
    pub(crate) value: u32,
}

impl Slots {
    /// Whether the policy adds nothing.
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The field whose code, or either Chinese label, is `name` (trimmed).
    pub(crate) fn field(&self, name: &str) -> Option<usize> {
        let name = crate::lang::trim(name);
        self.fields
            .iter()
            .position(|f| f.code == name || f.labels.zh_hans == name || f.labels.zh_hant == name)
    }

    fn def(&self, field: usize) -> Option<&FieldDef> {
        self.fields.get(field)
    }

    fn slot(&self, fact: Fact) -> Option<&Slot> {
        self.slots.get(fact.slot()?)
    }

    /// The field a slot reads (for an evaluated fact, the fact, not its indicator); `None` for a built-in fact
    /// the policy evaluates.
    pub(crate) fn slot_field(&self, fact: Fact) -> Option<&FieldDef> {
        match &self.slot(fact)?.kind {
            SlotKind::One { field }
            | SlotKind::Many { field }
            | SlotKind::Indicator { field, .. }
            | SlotKind::Evaluated {
                target: Target::Field(field),
                ..
            } => self.def(*field),
            SlotKind::Evaluated {
                target: Target::BuiltIn(_),
                ..
            } => None,
        }
    }

    /// The built-in fact a slot evaluates, if it is one.
    pub(crate) fn built_in(&self, fact: Fact) -> Option<Fact> {
        match &self.slot(fact)?.kind {
            SlotKind::Evaluated {
                target: Target::BuiltIn(f),
                ..
            } => Some(*f),
            _ => None,
        }
    }

    /// The state of the decided specialty (0 for none); a specialty the policy does not have is none.
    #[inline]
    pub(crate) fn specialty_state(&self, s: Option<Specialty>) -> usize {
        open_state(&self.specialties, s).unwrap_or(0)
    }

    /// The state of the decided tier (0 for none); a tier the policy does not have is none.
    #[inline]
    pub(crate) fn tier_state(&self, t: Option<Tier>) -> usize {
        open_state(&self.tiers, t).unwrap_or(0)
    }

    /// The bit of a specialty or tier code (or `"none"`) in a clause on the decided fact, if the policy has it.
    pub(crate) fn decided_bit(&self, fact: Fact, code: &str) -> Option<u32> {
        let state = if code == "none" {
            Some(0)
        } else if fact == Fact::Specialty {
            let v = Specialty::ALL
                .iter()
                .chain(&self.specialties)
                .find(|v| v.code() == code);
            v.and_then(|v| open_state(&self.specialties, Some(*v)))
        } else {
            let v = Tier::ALL
                .iter()
                .chain(&self.tiers)
                .find(|v| v.code() == code);
            v.and_then(|v| open_state(&self.tiers, Some(*v)))
        };
        state.map(|s| 1 << s)
    }

    /// The codes a clause on the decided specialty or tier accepts, for messages.
    pub(crate) fn decided_codes(&self, fact: Fact) -> Vec<&'static str> {
        let codes: Vec<&'static str> = if fact == Fact::Specialty {
            Specialty::ALL
                .iter()
                .chain(&self.specialties)
                .map(|v| v.code())
                .collect()
        } else {
            Tier::ALL
                .iter()
                .chain(&self.tiers)
                .map(|v| v.code())
                .collect()
        };
        codes
    }

    /// The label of the value at bit `bit` of a built-in fact, reading a defined specialty's or tier's from the
    /// policy.
    pub(crate) fn value_label(&self, fact: Fact, bit: u32, zh: bool) -> Option<&'static str> {
        let lang = if zh { Lang::ZhHans } else { Lang::En };
        let state = bit as usize;
        match fact {
            Fact::Specialty if state > Specialty::ALL.len() => {
                open_value(&self.specialties, state).map(|v| v.label(lang))
            }
            Fact::Tier if state > Tier::ALL.len() => {
                open_value(&self.tiers, state).map(|v| v.label(lang))
            }
            _ => fact.value_label(bit, zh),
        }
    }

    /// Every bit a profile's value of the fact can take: a slot's values, the policy's specialties and tiers
    /// for the decided facts, every bit for the other built-in facts.
    pub(crate) fn real(&self, fact: Fact) -> u32 {
        let bits = |n: usize| if n >= 32 { u32::MAX } else { (1u32 << n) - 1 };
        match fact {
            Fact::Specialty => return bits(1 + Specialty::ALL.len() + self.specialties.len()),
            Fact::Tier => return bits(1 + Tier::ALL.len() + self.tiers.len()),
            _ => {}
        }
        let Some(slot) = self.slot(fact) else {
            return u32::MAX;
        };
        let values = |field: &usize| match self.def(*field).map(|d| &d.kind) {
            Some(FieldKind::One(v) | FieldKind::Many(v)) => v.len(),
            _ => 0,
        };
        let bits = |n: usize| if n >= 32 { u32::MAX } else { (1u32 << n) - 1 };
        match &slot.kind {
            SlotKind::Evaluated {
                target: Target::BuiltIn(f),
                ..
            } => f.universe(),
            // An evaluated fact of the policy always has a value: the one stated, or a grade's (or `otherwise`);
            // never "none", open or not.
            SlotKind::Evaluated {
                target: Target::Field(field),
                ..
            } => bits(values(field) + 1) & !1,
            SlotKind::One { field } => bits(values(field) + 1),
            SlotKind::Many { field } => bits(1 << values(field)),
            SlotKind::Indicator { cuts, .. } => bits(cuts.len() + 1),
        }
    }

    /// The number of the profile's indicator `field`, if given.
    fn number(p: &Profile, def: &FieldDef) -> Option<Measure> {
        match p.policy_value(&def.code)? {
            PolicyValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The possible values of a slot for a profile, as bits.
    pub(crate) fn bits(&self, fact: Fact, p: &Profile) -> u32 {
        let Some(slot) = self.slot(fact) else {
            return 1;
        };
        let one = |def: &FieldDef| match p.policy_value(&def.code) {
            Some(PolicyValue::One(code)) => def.value_index(code).map(|i| 1u32 << ((i + 1) & 31)),
            _ => None,
        };
        match &slot.kind {
            SlotKind::One { field } => self.def(*field).and_then(one).unwrap_or(1),
            SlotKind::Many { field } => {
                let Some(def) = self.def(*field) else {
                    return 1;
                };
                let set = match p.policy_value(&def.code) {
                    Some(PolicyValue::Many(codes)) => codes
                        .iter()
                        .filter_map(|c| def.value_index(c))
                        .fold(0u32, |set, i| set | 1 << (i & 31)),
                    _ => 0,
                };
                1u32 << (set & 31)
            }
            SlotKind::Indicator { field, cuts } => {
                match self.def(*field).and_then(|d| Self::number(p, d)) {
                    Some(n) => 1u32 << (cuts.iter().take_while(|&&c| c <= n).count() & 31),
                    None => self.real(fact),
                }
            }
            SlotKind::Evaluated { target, .. } => {
                if let Some(bits) = Self::stated(*target, p, |d| self.def(d).and_then(one)) {
                    return bits;
                }
                match self.graded(fact, p) {
                    Some(g) => 1u32 << (g.value & 31),
                    None => self.real(fact),
                }
            }
        }
    }

    /// The value a profile states for an evaluation's target, as the slot's bits.
    fn stated(target: Target, p: &Profile, field: impl Fn(usize) -> Option<u32>) -> Option<u32> {
        use crate::codes::Field;
        match target {
            Target::Field(f) => field(f),
            Target::BuiltIn(_) => match target.built_in_field()? {
                f @ Field::Performance if p.is_stated(f) => Some(1 << p.performance().index()),
                f @ Field::Contribution if p.is_stated(f) => Some(1 << p.contribution().index()),
                f @ Field::Potential if p.is_stated(f) => Some(1 << u32::from(p.potential())),
                _ => None,
            },
        }
    }

    /// Whether the profile states the value of an evaluation's target (then it wins, DOMAIN.md §9.3).
    fn is_stated(&self, target: Target, p: &Profile) -> bool {
        Self::stated(target, p, |f| {
            let def = self.def(f)?;
            matches!(p.policy_value(&def.code), Some(PolicyValue::One(_))).then_some(1)
        })
        .is_some()
    }

    /// The evaluated value of an evaluated slot for a profile that states none and gives the indicator.
    pub(crate) fn graded(&self, fact: Fact, p: &Profile) -> Option<Graded> {
        let SlotKind::Evaluated {
            target,
            from,
            grades,
            otherwise,
            ..
        } = &self.slot(fact)?.kind
        else {
            return None;
        };
        if self.is_stated(*target, p) {
            return None;
        }
        let number = Self::number(p, self.def(*from)?)?;
        Some(
            match grades.iter().find(|(at_least, _)| number >= *at_least) {
                Some(&(threshold, value)) => Graded {
                    number,
                    threshold,
                    met: true,
                    value,
                },
                None => Graded {
                    number,
                    threshold: grades.last().map_or(number, |g| g.0),
                    met: false,
                    value: *otherwise,
                },
            },
        )
    }

    /// The evaluated slot of the fact with this code.
    pub(crate) fn evaluation(&self, code: &str) -> Option<Fact> {
        self.evaluations
            .iter()
            .find(|(_, c)| *c == code)
            .map(|(f, _)| *f)
    }

    /// The indicator a slot leaves open when its number is absent: the indicator itself, or the one an
    /// evaluated fact is graded from; its place among the policy's indicators.
    pub(crate) fn open_indicator(&self, fact: Fact) -> Option<usize> {
        let field = match &self.slot(fact)?.kind {
            SlotKind::Indicator { field, .. } => *field,
            SlotKind::Evaluated { from, .. } => *from,
            _ => return None,
        };
        Some(
            self.fields
                .iter()
                .take(field)
                .filter(|f| matches!(f.kind, FieldKind::Indicator(_)))
                .count(),
        )
    }

    /// The indicator's definition at place `i` among the policy's indicators.
    pub(crate) fn indicator(&self, i: usize) -> Option<&FieldDef> {
        self.fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Indicator(_)))
            .nth(i)
    }

    /// The name of a slot in conditions: its field's code, or the built-in fact's name.
    pub(crate) fn name(&self, fact: Fact) -> &str {
        if let Some(b) = self.built_in(fact) {
            return b.name();
        }
        self.slot_field(fact).map_or("?", |d| d.code.as_str())
    }

    /// The label of a slot's field in a sentence (zh-Hans, or English).
    pub(crate) fn label(&self, fact: Fact, zh: bool) -> &str {
        let lang = if zh { Lang::ZhHans } else { Lang::En };
        if let Some(field) = self.built_in(fact).and_then(Fact::field) {
            return crate::codes::Coded::label(field, lang);
        }
        self.slot_field(fact).map_or("?", |d| d.labels.get(lang))
    }

    /// Writes the label of the value at `bit` of a slot: a value's label, "not given"/"none" for no value, the
    /// values of a set joined, or an indicator's interval.
    pub(crate) fn write_value(
        &self,
        f: &mut impl core::fmt::Write,
        fact: Fact,
        bit: u32,
        zh: bool,
    ) -> core::fmt::Result {
        let lang = if zh { Lang::ZhHans } else { Lang::En };
        let Some(slot) = self.slot(fact) else {
            return f.write_str("?");
        };
        let values = |field: &usize| match self.def(*field).map(|d| &d.kind) {
            Some(FieldKind::One(v) | FieldKind::Many(v)) => v.as_slice(),
            _ => &[],
        };
        match &slot.kind {
            SlotKind::Evaluated {
                target: Target::BuiltIn(b),
                ..
            } => f.write_str(b.value_label(bit, zh).unwrap_or("?")),
            SlotKind::One { field }
            | SlotKind::Evaluated {
                target: Target::Field(field),
                ..
            } => match bit.checked_sub(1) {
                None => f.write_str(if zh { "未填" } else { "not given" }),
                Some(i) => f.write_str(
                    values(field)
                        .get(i as usize)
                        .map_or("?", |v| v.labels.get(lang)),
                ),
            },
            SlotKind::Many { field } => {
                if bit == 0 {
                    return f.write_str(if zh { "无" } else { "none" });
                }
                let mut first = true;
                for (i, v) in values(field).iter().enumerate() {
                    if bit & (1 << i) != 0 {
                        if !first {
                            f.write_str(if zh { "、" } else { ", " })?;
                        }
                        first = false;
                        f.write_str(v.labels.get(lang))?;
                    }
                }
                Ok(())
            }
            SlotKind::Indicator { field, cuts } => {
                let unit = match self.def(*field).map(|d| &d.kind) {
                    Some(FieldKind::Indicator(u)) => *u,
                    _ => Unit::Count,
                };
                let (low, high) = (
                    (bit as usize).checked_sub(1).and_then(|i| cuts.get(i)),
                    cuts.get(bit as usize),
                );
                let sfx = unit.suffix(zh);
                match (low, high) {
                    (Some(l), Some(h)) => write!(f, "{l}{sfx}–{h}{sfx}"),
                    (Some(l), None) => write!(f, "≥ {l}{sfx}"),
                    (None, Some(h)) => write!(f, "< {h}{sfx}"),
                    (None, None) => f.write_str(if zh { "任意" } else { "any" }),
                }
            }
        }
    }

    /// The unit and number of an indicator slot's field for a profile (the person's number in a sentence).
    pub(crate) fn indicator_number(&self, fact: Fact, p: &Profile) -> Option<(Measure, Unit)> {
        let SlotKind::Indicator { field, .. } = &self.slot(fact)?.kind else {
            return None;
        };
        let def = self.def(*field)?;
        let FieldKind::Indicator(unit) = def.kind else {
            return None;
        };
        Some((Self::number(p, def)?, unit))
    }

    /// For an evaluated slot whose fact the profile does not state: the least threshold of a grade whose value
    /// is allowed, with that value's bit (`None` when only `otherwise` is allowed, or the fact is stated).
    pub(crate) fn least_grade(
        &self,
        fact: Fact,
        allowed: u32,
        p: &Profile,
    ) -> Option<(Measure, u32)> {
        let SlotKind::Evaluated { target, grades, .. } = &self.slot(fact)?.kind else {
            return None;
        };
        if self.is_stated(*target, p) {
            return None;
        }
        grades
            .iter()
            .rev()
            .find(|(_, bit)| allowed & (1 << (bit & 31)) != 0)
            .map(|&(at_least, bit)| (at_least, bit))
    }

    /// The unit of an indicator slot (a count for any other slot).
    pub(crate) fn indicator_unit(&self, fact: Fact) -> Unit {
        match self.slot_field(fact).map(|d| &d.kind) {
            Some(FieldKind::Indicator(unit)) => *unit,
            _ => Unit::Count,
        }
    }

    /// The bits of a clause worth naming in a sentence: for a many-valued fact, the sets of one value each
    /// that the clause allows (so "honour Taishan scholar or Shizhong talent" rather than every set), or the
    /// empty set when only that is allowed; the bits themselves for any other slot.
    pub(crate) fn describable(&self, fact: Fact, allowed: u32) -> u32 {
        match self.slot(fact).map(|s| &s.kind) {
            Some(SlotKind::Many { .. }) => {
                let singles = (0..5u32)
                    .map(|i| 1u32 << (1u32 << i))
                    .filter(|bit| allowed & bit != 0)
                    .fold(0, |bits, bit| bits | bit);
                if singles == 0 { allowed & 1 } else { singles }
            }
            _ => allowed,
        }
    }

    /// The definition of the indicator an evaluated slot reads.
    pub(crate) fn evaluated_from(&self, fact: Fact) -> Option<(&FieldDef, Unit)> {
        let SlotKind::Evaluated { from, .. } = &self.slot(fact)?.kind else {
            return None;
        };
        let def = self.def(*from)?;
        match def.kind {
            FieldKind::Indicator(unit) => Some((def, unit)),
            _ => None,
        }
    }

    /// For a slot a condition allows `allowed` of: the thresholds an indicator clause sets, `(at_least, below)`.
    pub(crate) fn bounds(
        &self,
        fact: Fact,
        allowed: u32,
    ) -> Option<(Option<Measure>, Option<Measure>)> {
        let SlotKind::Indicator { cuts, .. } = &self.slot(fact)?.kind else {
            return None;
        };
        let allowed = allowed & self.real(fact);
        if allowed == 0 {
            return None;
        }
        let low = allowed.trailing_zeros() as usize;
        let high = 32 - allowed.leading_zeros() as usize; // one past the last allowed interval
        let at_least = low.checked_sub(1).and_then(|i| cuts.get(i)).copied();
        let below = cuts.get(high.saturating_sub(1)).copied();
        Some((at_least, below))
    }
}
