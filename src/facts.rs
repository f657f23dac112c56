//! The vocabulary the rules are written in: the facts a condition can test, the conditions themselves as bit
//! masks, and a profile's facts as bit sets of their possible values (DOMAIN.md §4.4's three-valued logic).
//!
//! Every fact of a profile is a small number (a value index, with 0 for "absent" where a fact may be absent),
//! so every clause is a bit set of the values it allows and every condition an array of bit sets, one per fact.
//! A profile is turned once into the bit set of its *possible* values per fact: one bit for a known fact, several
//! for a derived fact that is open (enterprise size, above designated size). A condition is then true when
//! every fact's possible values are allowed, false when some fact's are all excluded, and open otherwise.
//!
//! The policy compiles its document into these conditions and proves them sound; the engine (`classify`)
//! evaluates them; reasons and records read them to write their sentences. [`rows`] evaluates every condition
//! of a policy at once.

pub(crate) mod condition;
pub(crate) mod rows;
pub(crate) mod slots;

use crate::codes::{
    Coded, Contribution, EnterpriseSize, Field, Industry, IntroductionLevel, MissingFact,
    Ownership, Performance, Post, ProfessionalTitle, Role, RuralRole, SkillLevel,
    SocialWorkCertificate, Specialty, Stream, Tier,
};
use crate::enterprise::EnterpriseFacts;
use crate::fields::with_profile_fields;
use crate::lang::Lang;
use crate::profile::Profile;

/// A fact's name in a sentence: its field's label, in English with the first letter in lower case.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FactLabel {
    text: &'static str,
    lower: bool,
}

impl core::fmt::Display for FactLabel {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.write_to(f)
    }
}

impl FactLabel {
    /// Writes the label to any `fmt::Write`.
    pub(crate) fn write_to(&self, f: &mut impl core::fmt::Write) -> core::fmt::Result {
        let mut chars = self.text.chars();
        match chars.next() {
            Some(first) if self.lower => {
                f.write_char(first.to_ascii_lowercase())?;
                f.write_str(chars.as_str())
            }
            _ => f.write_str(self.text),
        }
    }
}

/// The entry of a fact in a table with one entry per fact. In bounds by construction: a fact's number is its
/// place in [`Fact::ALL`], which lists all [`FACTS`] of them (asserted at compile time below).
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: see above
pub(crate) fn per_fact<T>(table: &[T; FACTS], fact: Fact) -> &T {
    &table[fact as usize]
}

/// [`per_fact`], to change the entry.
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: see `per_fact`
pub(crate) fn per_fact_mut<T>(table: &mut [T; FACTS], fact: Fact) -> &mut T {
    &mut table[fact as usize]
}

// Evaluated while compiling: an index out of range fails the build, never a run.
#[allow(clippy::indexing_slicing)]
const _: () = {
    let mut i = 0;
    while i < FACTS {
        assert!(Fact::ALL[i] as usize == i);
        i += 1;
    }
};

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
    /// The facts a policy adds (DOMAIN.md §9.2, §9.3), numbered by the policy: see [`slots`].
    S0,
    S1,
    S2,
    S3,
    S4,
    S5,
    S6,
    S7,
    S8,
    S9,
    S10,
    S11,
}

/// How a fact's values are numbered.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// Always present: value `i` is bit `i`.
    Required(&'static [&'static str]),
    /// May be absent: absent is bit 0 (`"none"`), value `i` is bit `1 + i`.
    Optional(&'static [&'static str]),
    /// A derived fact that is known or open, never absent: value `i` is bit `i`.
    Derived(&'static [&'static str]),
    /// `false` is bit 0, `true` bit 1.
    Bool,
    /// A fact a policy adds: its values are numbered by the policy ([`slots::Slots`]).
    Slot,
}

/// The facts every policy has: the input facts and the three decided ones.
pub(crate) const BUILT_IN: usize = 17;

/// Every fact: the built-in ones, then the slots a policy may give its own facts.
pub(crate) const FACTS: usize = BUILT_IN + slots::SLOTS;

impl Fact {
    pub(crate) const ALL: [Fact; FACTS] = [
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
        Fact::S0,
        Fact::S1,
        Fact::S2,
        Fact::S3,
        Fact::S4,
        Fact::S5,
        Fact::S6,
        Fact::S7,
        Fact::S8,
        Fact::S9,
        Fact::S10,
        Fact::S11,
    ];

    /// The built-in facts, in order.
    #[allow(clippy::indexing_slicing)] // a constant range within the array
    pub(crate) fn built_in() -> &'static [Fact] {
        &Fact::ALL[..BUILT_IN]
    }

    /// The slot a policy's own fact is in, for a slot fact.
    pub(crate) const fn slot(self) -> Option<usize> {
        (self as usize).checked_sub(BUILT_IN)
    }

    /// The fact of slot `i` (below [`slots::SLOTS`]).
    pub(crate) fn of_slot(i: usize) -> Option<Fact> {
        Fact::ALL.get(BUILT_IN + i).copied()
    }

    /// The profile field a fact is, for the facts read from a profile.
    pub(crate) const fn field(self) -> Option<Field> {
        *per_fact_const(&FIELD_OF, self)
    }

    /// The fact's name in conditions: its field's code, or the decided fact's name.
    pub(crate) fn name(self) -> &'static str {
        match (self, self.field()) {
            (_, Some(field)) => field.code(),
            (Fact::Stream, None) => "stream",
            (Fact::Specialty, None) => "specialty",
            (Fact::Tier, None) => "tier",
            // A slot's name is its policy's to say (`slots::Slots::name`).
            (_, None) => "(policy fact)",
        }
    }

    /// How the fact's values are numbered: the post and the decided facts as written here, every other fact
    /// as its row of the field table says (a code that may be absent is optional, one with a default required, a
    /// flag two-valued, the derived size a derived code).
    pub(crate) const fn kind(self) -> Kind {
        *per_fact_const(&KIND_OF, self)
    }

    /// Every bit a value of this fact can take. The decided specialty and tier take 16 bits each, for the
    /// values a policy defines after the built-in ones (DOMAIN.md §9.1); which of them a policy has is
    /// [`slots::Slots::real`].
    pub(crate) const fn universe(self) -> u32 {
        if matches!(self, Fact::Specialty | Fact::Tier) {
            return (1 << 16) - 1;
        }
        let n = match self.kind() {
            Kind::Required(c) | Kind::Derived(c) => c.len(),
            Kind::Optional(c) => c.len() + 1,
            Kind::Bool => 2,
            Kind::Slot => return u32::MAX,
        };
        (1u32 << n) - 1
    }
}

impl Fact {
    /// The fact's name in sentences: its field's label (zh-Hans, or English in lower case, as it stands inside a
    /// sentence), or the decided fact's.
    pub(crate) fn label(self, zh: bool) -> FactLabel {
        let (lang, lower) = if zh {
            (Lang::ZhHans, false)
        } else {
            (Lang::En, true)
        };
        let text = match (self, self.field()) {
            (_, Some(field)) => field.label(lang),
            (Fact::Stream, None) => {
                if zh {
                    "人才类别"
                } else {
                    "stream"
                }
            }
            (Fact::Specialty, None) => {
                if zh {
                    "细化类别"
                } else {
                    "specialty"
                }
            }
            (Fact::Tier, None) => {
                if zh {
                    "层次"
                } else {
                    "tier"
                }
            }
            // A slot's label is its policy's to say (`slots::Slots::label`).
            (_, None) => {
                if zh {
                    "政策事实"
                } else {
                    "policy fact"
                }
            }
        };
        FactLabel { text, lower }
    }

    /// The label of the value at bit `bit` (see [`Kind`]): "not given" for an absent optional fact, yes or no
    /// for a flag; `None` for a bit past the fact's values.
    pub(crate) fn value_label(self, bit: u32, zh: bool) -> Option<&'static str> {
        let lang = if zh { Lang::ZhHans } else { Lang::En };
        let label = |i: u32| (*per_fact(&LABEL_OF, self))?(i as usize, lang);
        match self.kind() {
            Kind::Bool => Some(match (bit, zh) {
                (0, true) => "否",
                (0, false) => "no",
                (_, true) => "是",
                (_, false) => "yes",
            }),
            // Optional facts number their values from 1 (0 is absent).
            Kind::Optional(_) => match bit.checked_sub(1) {
                None => Some(if zh { "未填" } else { "not given" }),
                Some(i) => label(i),
            },
            Kind::Required(_) | Kind::Derived(_) => label(bit),
            // A slot's values are its policy's to name (`slots::Slots::value_label`).
            Kind::Slot => None,
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

/// The missing-fact name of a fact, where DOMAIN.md §4.7 has one.
pub(crate) const fn missing_fact(fact: Fact) -> Option<MissingFact> {
    *per_fact_const(&MISSING_OF, fact)
}

/// The kind of each fact (see [`Fact::kind`]).
macro_rules! fact_kinds {
    (@rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {{
        let mut kinds = [Kind::Slot; FACTS];
        kinds[Fact::Post as usize] = Kind::Required(Post::CODES);
        kinds[Fact::Stream as usize] = Kind::Optional(Stream::CODES);
        kinds[Fact::Specialty as usize] = Kind::Optional(Specialty::CODES);
        kinds[Fact::Tier as usize] = Kind::Optional(Tier::CODES);
        $(fact_kind!($how $(($fact))?, $kind, $ty, kinds);)+
        kinds
    }};
}

/// The kind of one row's fact, by what the row is and its kind; nothing for a number.
macro_rules! fact_kind {
    (fact($fact:ident), code, $ty:ty, $kinds:ident) => {
        $kinds[Fact::$fact as usize] = Kind::Optional(<$ty as Coded>::CODES)
    };
    (fact($fact:ident), code_or_default, $ty:ty, $kinds:ident) => {
        $kinds[Fact::$fact as usize] = Kind::Required(<$ty as Coded>::CODES)
    };
    (fact($fact:ident), flag_or_false, $ty:ty, $kinds:ident) => {
        $kinds[Fact::$fact as usize] = Kind::Bool
    };
    (derived($fact:ident), code, $ty:ty, $kinds:ident) => {
        $kinds[Fact::$fact as usize] = Kind::Derived(<$ty as Coded>::CODES)
    };
    (derived($fact:ident), flag, $ty:ty, $kinds:ident) => {
        $kinds[Fact::$fact as usize] = Kind::Bool
    };
    (input, $kind:ident, $ty:ty, $kinds:ident) => {};
}

#[allow(clippy::indexing_slicing)] // evaluated while compiling
const KIND_OF: [Kind; FACTS] = with_profile_fields!(fact_kinds);

/// The label of a fact's value by its index, in a language; `None` past the list.
type ValueLabel = fn(usize, Lang) -> Option<&'static str>;

/// The [`ValueLabel`] of a code list.
fn label_of<T: Coded>(i: usize, lang: Lang) -> Option<&'static str> {
    T::ALL.get(i).map(|v| v.label(lang))
}

/// The value labels of each fact whose values are codes: the post, the decided facts, and each row's (see
/// [`fact_kinds`]).
macro_rules! fact_labels {
    (@rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {{
        let mut labels: [Option<ValueLabel>; FACTS] = [None; FACTS];
        labels[Fact::Post as usize] = Some(label_of::<Post>);
        labels[Fact::Stream as usize] = Some(label_of::<Stream>);
        labels[Fact::Specialty as usize] = Some(label_of::<Specialty>);
        labels[Fact::Tier as usize] = Some(label_of::<Tier>);
        $(fact_label!($how $(($fact))?, $kind, $ty, labels);)+
        labels
    }};
}

/// The value labels of one row's fact: a code list's labels; none for flags (yes or no) and numbers.
macro_rules! fact_label {
    ($how:ident($fact:ident), code, $ty:ty, $labels:ident) => {
        $labels[Fact::$fact as usize] = Some(label_of::<$ty>)
    };
    ($how:ident($fact:ident), code_or_default, $ty:ty, $labels:ident) => {
        $labels[Fact::$fact as usize] = Some(label_of::<$ty>)
    };
    ($how:ident $(($fact:ident))?, $kind:ident, $ty:ty, $labels:ident) => {};
}

#[allow(clippy::indexing_slicing)] // evaluated while compiling
const LABEL_OF: [Option<ValueLabel>; FACTS] = with_profile_fields!(fact_labels);

/// The missing-fact name of each fact: the [`MissingFact`] whose field is the fact's field.
#[allow(clippy::indexing_slicing)] // evaluated while compiling
const MISSING_OF: [Option<MissingFact>; FACTS] = {
    let mut of = [None; FACTS];
    let mut m = 0;
    while m < MissingFact::ALL.len() {
        let missing = MissingFact::ALL[m];
        let mut f = 0;
        while f < FACTS {
            if let Some(field) = FIELD_OF[f]
                && field as usize == missing.field() as usize
            {
                of[f] = Some(missing);
            }
            f += 1;
        }
        m += 1;
    }
    of
};

/// [`per_fact`] in a `const fn`.
#[allow(clippy::indexing_slicing)] // in bounds: see `per_fact`
const fn per_fact_const<T>(table: &[T; FACTS], fact: Fact) -> &T {
    &table[fact as usize]
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
    while i < BUILT_IN {
        let universe = Fact::ALL[i].universe();
        packing[i] = (shift, universe);
        shift += 32 - universe.leading_zeros();
        i += 1;
    }
    assert!(shift <= 128, "the facts no longer fit a 128-bit key");
    packing
};

/// The input facts of a profile, as states, in the order of [`Fact::ALL`] (the three decided facts, which come
/// last, excluded).
pub(crate) const INPUTS: usize = BUILT_IN - 3;

/// A profile's input facts as states (see [`input_states`]).
pub(crate) type States = [u8; INPUTS];

/// Sets the state of every fact a row of the profile's field table is (see `profile::fields`).
macro_rules! field_states {
    ($p:ident, $states:ident
     @rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        $(field_state!($how $(($fact))?, $kind, $states, $p.$field());)+
    };
}

/// The state of one row's fact, by what the row is and its kind: a code's index (plus one when it may be
/// absent), a flag's 0 or 1; nothing for a number or an input of a derived fact, which the enterprise
/// derivation decides.
macro_rules! field_state {
    (fact($fact:ident), code, $states:ident, $value:expr) => {{
        const { assert!((Fact::$fact as usize) < INPUTS) };
        *input_slot(&mut $states, Fact::$fact) = $value.map_or(0, |v| v.index() as u8 + 1);
    }};
    (fact($fact:ident), code_or_default, $states:ident, $value:expr) => {{
        const { assert!((Fact::$fact as usize) < INPUTS) };
        *input_slot(&mut $states, Fact::$fact) = $value.index() as u8;
    }};
    (fact($fact:ident), flag_or_false, $states:ident, $value:expr) => {{
        const { assert!((Fact::$fact as usize) < INPUTS) };
        *input_slot(&mut $states, Fact::$fact) = u8::from($value);
    }};
    (derived($fact:ident), $kind:ident, $states:ident, $value:expr) => {};
    (input, $kind:ident, $states:ident, $value:expr) => {};
}

/// A profile's input facts as states, in the order of [`Fact::ALL`]: for a fact that is always there the
/// value's index; for one that may be absent 0 when absent, else the index plus one; for the derived facts
/// also the open states (see [`state_bits`]).
#[inline]
pub(crate) fn input_states(p: &Profile, enterprise: &EnterpriseFacts) -> States {
    let size = match (enterprise.size(), enterprise.is_large()) {
        (Some(s), _) => s.index(),
        (None, Some(false)) => 4,
        _ => 5,
    };
    let above = enterprise.above_designated_size().map_or(2, usize::from);
    // A state is below 32 (a fact's values are the bits of a `u32`), so it fits a byte.
    let mut states = [0u8; INPUTS];
    *input_slot(&mut states, Fact::Post) = p.post().index() as u8;
    *input_slot(&mut states, Fact::EnterpriseSize) = size as u8;
    *input_slot(&mut states, Fact::AboveDesignatedSize) = above as u8;
    with_profile_fields!(field_states, p, states);
    states
}

/// The slot of an input fact among a profile's states. Called with input facts only (the post, the derived
/// facts, and the facts the field table's rows name, each checked to be an input fact when the crate compiles).
#[inline]
#[allow(clippy::indexing_slicing)] // in bounds: see above
fn input_slot(states: &mut States, fact: Fact) -> &mut u8 {
    &mut states[fact as usize]
}

/// The facts the rows of the field table are or feed, as bits.
macro_rules! row_facts {
    (@rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        0 $($(| 1u32 << (Fact::$fact as u32))?)+
    };
}

// Every input fact is the post or a row's (so `input_states` leaves none unset).
const _: () =
    assert!(with_profile_fields!(row_facts) | 1 << (Fact::Post as u32) == (1 << INPUTS) - 1);

/// The field of each fact: the post's, and the one each row of the field table names; none for the decided
/// facts.
macro_rules! fact_fields {
    (@rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {{
        let mut fields = [None; FACTS];
        fields[Fact::Post as usize] = Some(Field::Post);
        $($(fields[Fact::$fact as usize] = Some(Field::$variant);)?)+
        fields
    }};
}

#[allow(clippy::indexing_slicing)] // evaluated while compiling
const FIELD_OF: [Option<Field>; FACTS] = with_profile_fields!(fact_fields);

/// The possible values (as bits) of a fact in a state: one value for most facts; for the derived facts also
/// the open states, a size known only to be not large (state 4) or not known (5), and an above-designated-size
/// status not known (2).
pub(crate) const fn state_bits(fact: Fact, state: usize) -> u32 {
    match (fact, state) {
        (Fact::EnterpriseSize, 4) => 0b0111,
        (Fact::EnterpriseSize, 5) => 0b1111,
        (Fact::AboveDesignatedSize, 2) => 0b11,
        _ => 1 << (state & 31),
    }
}

/// The number of states of a fact: its values, and the open states of a derived fact.
pub(crate) const fn state_count(fact: Fact) -> usize {
    let values = (32 - fact.universe().leading_zeros()) as usize;
    match fact {
        Fact::EnterpriseSize => values + 2,
        Fact::AboveDesignatedSize => values + 1,
        _ => values,
    }
}

/// A profile's facts as bit sets of their possible values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts([u32; FACTS]);

pub(crate) fn optional<T: crate::codes::Closed>(v: Option<T>) -> u32 {
    v.map_or(1, |v| 1 << (v.index() + 1))
}

impl Facts {
    /// A profile's facts before anything is decided: its input facts' states as bits, and no stream,
    /// specialty or tier.
    pub(crate) fn of(p: &Profile, enterprise: &EnterpriseFacts, slots: &slots::Slots) -> Facts {
        let mut f = [1u32; FACTS];
        for (fact, &state) in Fact::ALL.iter().zip(&input_states(p, enterprise)) {
            *per_fact_mut(&mut f, *fact) = state_bits(*fact, usize::from(state));
        }
        // The policy's own facts (none for most policies): read from the profile's policy fields.
        for (fact, _) in Fact::ALL[BUILT_IN..].iter().zip(&slots.slots) {
            *per_fact_mut(&mut f, *fact) = slots.bits(*fact, p);
        }
        Facts(f)
    }

    /// The possible values of a fact, as bits.
    pub(crate) fn get(&self, fact: Fact) -> u32 {
        *per_fact(&self.0, fact)
    }

    /// The facts of a classified profile: its own, and the stream, specialty and tier decided.
    pub(crate) fn of_decided(
        p: &Profile,
        enterprise: &EnterpriseFacts,
        slots: &slots::Slots,
        stream: Option<Stream>,
        specialty: Option<Specialty>,
        tier: Option<Tier>,
    ) -> Facts {
        // The decided specialty and tier are numbered by the policy (DOMAIN.md §9.1: its own values after the
        // built-in ones), below the 16 bits of their universe.
        Facts::of(p, enterprise, slots)
            .with(Fact::Stream, optional(stream))
            .with(
                Fact::Specialty,
                1 << (slots.specialty_state(specialty) % 16),
            )
            .with(Fact::Tier, 1 << (slots.tier_state(tier) % 16))
    }

    /// Every fact's bits side by side in one number (each in the width of its values): a compact key for
    /// what the facts decide. Only the facts in `only` (bit `i` for `Fact::ALL[i]`) are kept; the others
    /// count as 0.
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    pub(crate) fn packed(&self, only: u32) -> u128 {
        let mut key = 0u128;
        for fact in Fact::ALL
            .into_iter()
            .filter(|&f| only & 1 << (f as u32) != 0)
        {
            let (shift, universe) = *per_fact(&PACKING, fact);
            key |= u128::from(self.get(fact) & universe) << shift;
        }
        key
    }

    pub(crate) fn with(mut self, fact: Fact, bits: u32) -> Facts {
        *per_fact_mut(&mut self.0, fact) = bits;
        self
    }
}
