//! Compiling a [`PolicyDoc`]: codes to typed values, conditions to numbered masks over the facts
//! ([`crate::facts`]), every problem of codes and shape collected. The proofs a compiled policy must pass are in
//! `check`; the engine that applies it is `crate::classify`.

use super::doc::{Allowed, Amount, ClauseValue, Condition, PolicyDoc};
use super::limits::Limits;
use super::problem::{Problem, ProblemKind};
use super::values::Vocabulary;
use crate::codes::{
    CodeSet, Coded, Department, Entitlement, Industry, IntroductionLevel, Open, Post, Service,
    Specialty, Stream, Tier, per_code, per_code_mut,
};
use crate::enterprise::{AboveSizeRule, Bound, EnterpriseFacts, Indicator};
use crate::facts::condition::{AnyOf, Cond, Mask};
use crate::facts::rows::Rows;
use crate::facts::slots::{FieldKind, Slots};
use crate::facts::{BUILT_IN, Fact, Kind};
use crate::money::Measure;
use crate::profile::Profile;

/// Compiles a condition, collecting every problem. A name is a built-in fact, or a fact or indicator of the
/// policy ([`Slots`]); every mask is kept within the values a slot can take ([`Slots::real`]), so that the
/// proofs never meet a value no profile has.
fn condition(
    condition: &Condition,
    slots: &Slots,
    problems: &mut Vec<Problem>,
    at: &str,
) -> (Mask, bool) {
    let mut mask = Mask::ANY;
    // Whether a clause was passed over without a problem of its own (its fact's definition has the problem).
    let mut passed_over = false;
    for (name, allowed) in condition {
        if slots.left_out.iter().any(|c| c == name) {
            passed_over = true;
            continue;
        }
        let slot = Fact::ALL[BUILT_IN..]
            .iter()
            .copied()
            .take(slots.slots.len())
            .find(|&f| slots.name(f) == name);
        // A slot first: a built-in fact the policy evaluates is tested in its slot.
        let Some(fact) =
            slot.or_else(|| Fact::built_in().iter().copied().find(|f| f.name() == name))
        else {
            let mut known: Vec<&str> = Fact::built_in().iter().map(|f| f.name()).collect();
            known.extend(slots.fields.iter().map(|f| f.code.as_str()));
            let field = slots.fields.iter().position(|f| f.code == *name);
            if field.is_some_and(|f| slots.unslotted.contains(&f)) {
                problems.push(Problem::new(
                    ProblemKind::Limit,
                    at,
                    format!(
                        "{name} cannot be tested: the policy's facts and compared indicators need more slots than \
                         there are"
                    ),
                ));
                continue;
            }
            let note = match field {
                Some(_) => " (an indicator is compared in a clause as { at_least = n, below = n })"
                    .to_owned(),
                None => crate::safety::look_alike(name, &known),
            };
            problems.push(Problem::new(
                ProblemKind::Unknown,
                at,
                format!(
                    "unknown fact {:?} (expected one of {}){note}",
                    crate::safety::Shown(name),
                    known.join(", "),
                ),
            ));
            continue;
        };
        let indicator = slots.bounds(fact, u32::MAX).is_some();
        let (values, negated) = match (allowed, indicator) {
            (Allowed::Only(v), false) => (v, false),
            (Allowed::Not { not }, false) => (not, true),
            (Allowed::Range { at_least, below }, true) => {
                if let (Some(a), Some(b)) = (at_least, below)
                    && a >= b
                {
                    problems.push(Problem::new(
                        ProblemKind::Unreachable,
                        at,
                        format!("{name} cannot be at least {a} and below {b}"),
                    ));
                }
                mask.restrict(fact, range_bits(slots, fact, *at_least, *below));
                continue;
            }
            (Allowed::Range { .. }, false) => {
                problems.push(Problem::new(
                    ProblemKind::Shape,
                    at,
                    format!("{name} is not an indicator: list its values, or {{ not = [...] }}"),
                ));
                continue;
            }
            (_, true) => {
                problems.push(Problem::new(
                    ProblemKind::Shape,
                    at,
                    format!("{name} is an indicator: compare it as {{ at_least = n, below = n }}"),
                ));
                continue;
            }
        };
        let mut bits = 0u32;
        for v in values {
            let bit = match (fact.slot(), fact, v) {
                (Some(_), ..) => slot_value_bits(slots, fact, v),
                // The decided specialty and tier may be values the policy defines (DOMAIN.md §9.1).
                (None, Fact::Specialty | Fact::Tier, ClauseValue::Code(code)) => {
                    slots.decided_bit(fact, code).ok_or_else(|| {
                        let codes = slots.decided_codes(fact);
                        format!(
                            "{} cannot be {v} (expected none, {}){}",
                            fact.name(),
                            codes.join(", "),
                            crate::safety::look_alike(code, &codes)
                        )
                    })
                }
                (None, ..) => value_bit(fact, v),
            };
            match bit {
                Ok(b) if bits & b == b && fact.slot().is_none() => problems.push(Problem::new(
                    ProblemKind::Repeated,
                    at,
                    format!("{} lists {v} twice", fact.name()),
                )),
                Ok(b) => bits |= b,
                Err(e) => problems.push(Problem::new(ProblemKind::Unknown, at, e)),
            }
        }
        let allowed = if negated {
            match fact.slot() {
                // A many-valued fact: "none of these" is the sets that hold none of them.
                Some(_) => slots.real(fact) & !bits & not_bits(slots, fact, values),
                None => fact.universe() & !bits,
            }
        } else {
            bits
        };
        mask.restrict(fact, allowed & slots.real(fact));
    }
    (mask, passed_over)
}

/// For a `not` clause on a slot: the values it keeps beyond the complement of what it lists (a many-valued
/// fact keeps only the sets that hold none of the listed values); every bit for the other slots.
fn not_bits(slots: &Slots, fact: Fact, values: &[ClauseValue]) -> u32 {
    let Some(FieldKind::Many(defs)) = slots.slot_field(fact).map(|d| &d.kind) else {
        return u32::MAX;
    };
    let listed = values.iter().fold(0u32, |set, v| match v {
        ClauseValue::Code(c) => match defs.iter().position(|d| d.code == *c) {
            Some(i) => set | 1 << (i & 31),
            None => set,
        },
        ClauseValue::Bool(_) => set,
    });
    let none_listed = values
        .iter()
        .any(|v| matches!(v, ClauseValue::Code(c) if c == "none"));
    (0..32u32)
        .filter(|&set| set & listed == 0 && !(none_listed && set == 0))
        .fold(0, |bits, set| bits | 1 << set)
}

/// The intervals of an indicator slot within `at_least <= n < below`.
fn range_bits(slots: &Slots, fact: Fact, at_least: Option<Measure>, below: Option<Measure>) -> u32 {
    let real = slots.real(fact);
    (0..32u32)
        .filter(|&i| real & (1 << i) != 0)
        .filter(|&i| match slots.bounds(fact, 1 << i) {
            Some((low, high)) => {
                at_least.is_none_or(|a| low.is_some_and(|l| l >= a))
                    && below.is_none_or(|b| high.is_some_and(|h| h <= b))
            }
            None => false,
        })
        .fold(0, |bits, i| bits | 1 << i)
}

/// The bits of a value of a one- or many-valued slot (for a many-valued fact, every set that holds it), or
/// why it is not one of its values.
fn slot_value_bits(slots: &Slots, fact: Fact, value: &ClauseValue) -> Result<u32, String> {
    if let Some(built_in) = slots.built_in(fact) {
        return value_bit(built_in, value);
    }
    let def = slots.slot_field(fact);
    let (codes, many) = match def.map(|d| &d.kind) {
        Some(FieldKind::One(v)) => (v.iter().map(|v| v.code.as_str()).collect::<Vec<_>>(), false),
        Some(FieldKind::Many(v)) => (v.iter().map(|v| v.code.as_str()).collect(), true),
        _ => (Vec::new(), false),
    };
    let name = slots.name(fact);
    let index = match value {
        ClauseValue::Code(c) if c == "none" => Some(None),
        ClauseValue::Code(c) => codes.iter().position(|k| k == c).map(Some),
        ClauseValue::Bool(_) => None,
    };
    match (index, many) {
        (Some(None), false) | (Some(None), true) => Ok(1),
        (Some(Some(i)), false) => Ok(1 << ((i + 1) & 31)),
        (Some(Some(i)), true) => Ok((0..32u32)
            .filter(|set| set & (1 << i) != 0)
            .fold(0, |bits, set| bits | 1 << set)),
        (None, _) => Err(format!(
            "{name} cannot be {value} (expected none, {}){}",
            codes.join(", "),
            match value {
                ClauseValue::Code(c) => crate::safety::look_alike(c, &codes),
                ClauseValue::Bool(_) => String::new(),
            }
        )),
    }
}

/// The bit of a clause value, or why it is not a value of this fact.
fn value_bit(fact: Fact, value: &ClauseValue) -> Result<u32, String> {
    let kind = fact.kind();
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
            Kind::Slot => "a value of the policy's fact".to_owned(),
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
            fact.name()
        )
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledStream {
    /// Its index among the document's `streams` (where a problem found about it is reported).
    pub(crate) at: usize,
    pub(crate) stream: Stream,
    pub(crate) lead: Department,
    pub(crate) eligible: AnyOf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledSpecialty {
    /// Its index among the document's `specialties`.
    pub(crate) at: usize,
    pub(crate) specialty: Specialty,
    pub(crate) parent: Stream,
    /// Any of these will do.
    pub(crate) when: AnyOf,
    pub(crate) lead: Department,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledTier {
    /// Its index among its ladder's `tiers` in the document.
    pub(crate) at: usize,
    pub(crate) tier: Tier,
    /// Any of these will do.
    pub(crate) when: AnyOf,
    pub(crate) managed_by: Vec<Department>,
}

/// A policy document compiled: its codes typed, its conditions numbered masks (the engine evaluates them by
/// [`Rows`] when there are at most 64, else clause by clause).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Compiled {
    /// The streams, in canonical order.
    pub(crate) streams: Vec<CompiledStream>,
    /// The own stream of each post, by post index.
    pub(crate) post_stream: [Option<Stream>; Post::ALL.len()],
    pub(crate) specialties: Vec<CompiledSpecialty>,
    /// The ladder of each stream, by stream index, tiers highest first.
    pub(crate) ladders: [Vec<CompiledTier>; Stream::ALL.len()],
    /// The entitlements, in the policy's order (at most 64: a classification holds them as bits).
    pub(crate) entitlements: Vec<(Entitlement, AnyOf)>,
    /// The entitlements alone, in the same order.
    pub(crate) entitlement_list: Vec<Entitlement>,
    /// What each entitlement is worth, where the policy says, in the same order.
    pub(crate) amounts: Vec<Option<Amount>>,
    /// The services of each introduction level, by level index, in the order of the level's list.
    pub(crate) services: [Vec<Service>; IntroductionLevel::ALL.len()],
    /// The values the policy defines and its tier order (DOMAIN.md §9.1).
    pub(crate) vocab: Vocabulary,
    /// The bounds of the large, medium and small classes of each industry, by industry index.
    pub(crate) size_standard: [Option<[Vec<Bound>; 3]>; Industry::ALL.len()],
    pub(crate) above: [AboveSizeRule; Industry::ALL.len()],
    /// Every condition evaluated at once; `None` for a policy with too many conditions for them, or with
    /// facts of its own.
    pub(crate) rows: Option<Rows>,
    /// The facts and indicators the policy adds, and the slots its conditions test (DOMAIN.md §9.2, §9.3).
    pub(crate) slots: Slots,
}

/// What the compiler could not read, so that the proofs skip exactly what depends on it (DOMAIN.md §9.4: a
/// problem that makes a check impossible skips only the checks that depend on it).
#[derive(Debug, Default)]
pub(super) struct Unread {
    /// Conditions with a problem of their own (an unknown fact or value, a value twice), by number: what they
    /// allow is not what the author wrote.
    conditions: Vec<u16>,
    /// Streams whose entry was left out (its lead unknown).
    streams: CodeSet<Stream>,
    /// An entry whose stream code is unknown (or repeats an earlier entry's) was left out: any stream the policy
    /// lacks may be the one it was meant to be.
    unknown_stream: bool,
    /// Ladders with a tier left out (its tier code unknown).
    pub(super) ladders: CodeSet<Stream>,
    /// Tiers that lost an unknown department from their `managed_by`.
    pub(super) departments: Vec<(Stream, Tier)>,
}

impl Unread {
    fn stream_left_out(&mut self, stream: Option<Stream>) {
        match stream {
            Some(s) => {
                self.streams.insert(s);
            }
            None => self.unknown_stream = true,
        }
    }

    /// Whether a condition was read as written.
    pub(super) fn read(&self, c: &Cond) -> bool {
        !self.conditions.contains(&c.id)
    }

    /// Whether every alternative of a list was read as written.
    pub(super) fn read_all(&self, conds: &AnyOf) -> bool {
        conds.iter().all(|c| self.read(c))
    }

    /// Whether a stream the policy lacks, or whose conditions were not all read, may be there as written.
    pub(super) fn stream_unread(&self, compiled: &Compiled, stream: Stream) -> bool {
        match compiled.stream(stream) {
            Some(s) => !s.eligible.iter().all(|c| self.read(c)),
            None => self.unknown_stream || self.streams.contains(stream),
        }
    }
}

/// Compiles a condition and numbers it, noting it as unread when it had a problem.
fn numbered(
    c: &Condition,
    slots: &Slots,
    at: &str,
    problems: &mut Vec<Problem>,
    count: &mut u16,
    unread: &mut Unread,
) -> Cond {
    let before = problems.len();
    let (mask, passed_over) = condition(c, slots, problems, at);
    let id = *count;
    *count = count.saturating_add(1);
    if problems.len() > before || passed_over {
        unread.conditions.push(id);
    }
    Cond { id, mask }
}

/// Compiles the alternatives of a `when` and numbers each: `at` is the `when`'s path, to which an index is
/// added when there are several alternatives (a single one keeps the path every policy had before).
fn numbered_any(
    alternatives: &[Condition],
    slots: &Slots,
    at: &str,
    problems: &mut Vec<Problem>,
    count: &mut u16,
    unread: &mut Unread,
) -> AnyOf {
    if alternatives.is_empty() {
        problems.push(Problem::new(
            ProblemKind::Shape,
            at,
            "expected a table of clauses or a non-empty list of them, got []",
        ));
    }
    let single = alternatives.len() == 1;
    // An alternative that allows exactly what an earlier one allows is a repeat (found through a set, so that
    // a `when` of 10,000 copies costs 10,000 lookups), as every other repeat of a document is.
    let mut seen: std::collections::HashMap<Mask, usize> = std::collections::HashMap::new();
    alternatives
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let at = if single {
                at.to_owned()
            } else {
                format!("{at}[{k}]")
            };
            let before = problems.len();
            let cond = numbered(c, slots, &at, problems, count, unread);
            if problems.len() > before {
                return cond;
            }
            match seen.entry(cond.mask) {
                std::collections::hash_map::Entry::Occupied(first) => problems.push(Problem::new(
                    ProblemKind::Repeated,
                    &at,
                    format!(
                        "this alternative allows what alternative {} allows: give it once",
                        first.get()
                    ),
                )),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(k);
                }
            }
            cond
        })
        .collect()
}

/// Parses a code of a list exactly (codes only: a document is data, not free text).
fn code<T: Coded>(s: &str, at: &str, problems: &mut Vec<Problem>) -> Option<T> {
    let found = T::ALL.iter().copied().find(|v| v.code() == s);
    if found.is_none() {
        problems.push(Problem::unknown(T::KIND, s, T::CODES, at));
    }
    found
}

/// Reads the code of a value of an open list: a built-in value or one the policy defines (DOMAIN.md §9.1).
/// A code whose definition was left out for a problem of its own is passed over without a second problem.
fn open_code<T: Open>(
    s: &str,
    at: &str,
    vocab: &Vocabulary,
    defined: &[T],
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let found = T::ALL
        .iter()
        .chain(defined)
        .copied()
        .find(|v| v.code() == s);
    if found.is_none() && !vocab.left_out.iter().any(|(k, c)| *k == T::KIND && c == s) {
        let codes: Vec<&str> = T::ALL.iter().chain(defined).map(|v| v.code()).collect();
        problems.push(Problem::unknown(T::KIND, s, &codes, at));
    }
    found
}

impl Compiled {
    /// Compiles a document, collecting every problem of codes and shape.
    #[cfg(test)]
    pub(crate) fn compile(doc: &PolicyDoc) -> Result<Compiled, Vec<Problem>> {
        Compiled::compile_with(doc, &Limits::default())
    }

    /// Compiles a document within limits, collecting every problem of codes and shape.
    ///
    /// Every problem at once (DOMAIN.md §9.4): a repeated entry (a stream, specialty, tier of a ladder,
    /// entitlement, service level, size or above-size row, or a department or service twice in one list) keeps
    /// its first use; an entry with an unknown code is left out; and the proofs run on the rest, skipping only
    /// what depends on something left out or unread ([`Unread`]). Only a document past the limits on its
    /// lists stops before anything else is checked.
    pub(crate) fn compile_with(doc: &PolicyDoc, limits: &Limits) -> Result<Compiled, Vec<Problem>> {
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
            Limits::check_count("facts", doc.facts.len(), limits.fields(), "max_fields"),
            Limits::check_count(
                "indicators",
                doc.indicators.len(),
                limits.fields(),
                "max_fields",
            ),
            Limits::check_count(
                "evaluations",
                doc.evaluations.len(),
                limits.fields(),
                "max_fields",
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
            return Err(problems);
        }
        // What could not be read, so that the proofs skip only what depends on it.
        let mut unread = Unread::default();
        let p = &mut problems;
        // The policy's own values first (DOMAIN.md §9.1), then its facts and indicators: its entries use the
        // values, and its conditions may test the facts.
        let vocab = super::values::vocabulary(doc, p);
        let mut slots = super::vocab::slots(doc, p);
        slots.specialties.clone_from(&vocab.specialties);
        slots.tiers.clone_from(&vocab.tiers);
        // Conditions are numbered in the order they are compiled (the limits above keep them below 65,536).
        let mut count = 0u16;
        let mut streams = Vec::new();
        let mut seen_streams = CodeSet::<Stream>::new();
        let mut post_stream = [None; Post::ALL.len()];
        for (i, s) in doc.streams.iter().enumerate() {
            let at = format!("streams[{i}]");
            let stream = code::<Stream>(&s.stream, &at, p);
            let lead = open_code(
                &s.lead,
                &format!("{at}.lead"),
                &vocab,
                &vocab.departments,
                p,
            );
            let eligible = s
                .eligible
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    numbered(
                        c,
                        &slots,
                        &format!("{at}.eligible[{j}]"),
                        p,
                        &mut count,
                        &mut unread,
                    )
                })
                .collect();
            for post in &s.posts {
                if let (Some(post), Some(stream)) =
                    (code::<Post>(post, &format!("{at}.posts"), p), stream)
                {
                    match per_code_mut(&mut post_stream, post) {
                        Some(other) => {
                            p.push(Problem::new(
                                ProblemKind::Repeated,
                                format!("{at}.posts"),
                                format!(
                                    "post {:?} is already the post of stream {:?}",
                                    post.code(),
                                    Stream::code(*other)
                                ),
                            ));
                        }
                        slot @ None => *slot = Some(stream),
                    }
                }
            }
            if let Some(stream) = stream.filter(|&s| !seen_streams.insert(s)) {
                p.push(Problem::new(
                    ProblemKind::Repeated,
                    &at,
                    format!("stream {:?} is listed twice", stream.code()),
                ));
                // Which stream the entry was meant to be is not known: it is left out like an unknown one.
                unread.stream_left_out(None);
            } else if let (Some(stream), Some(lead)) = (stream, lead) {
                streams.push(CompiledStream {
                    at: i,
                    stream,
                    lead,
                    eligible,
                });
            } else {
                unread.stream_left_out(stream);
            }
        }
        let mut specialties = Vec::new();
        let mut seen_specialties: Vec<Specialty> = Vec::new();
        for (i, s) in doc.specialties.iter().enumerate() {
            let at = format!("specialties[{i}]");
            let specialty = open_code(&s.specialty, &at, &vocab, &vocab.specialties, p);
            let parent = code::<Stream>(&s.parent, &format!("{at}.parent"), p);
            let lead = open_code(
                &s.lead,
                &format!("{at}.lead"),
                &vocab,
                &vocab.departments,
                p,
            );
            let when = numbered_any(
                &s.when,
                &slots,
                &format!("{at}.when"),
                p,
                &mut count,
                &mut unread,
            );
            if let Some(specialty) = specialty.filter(|s| seen_specialties.contains(s)) {
                p.push(Problem::new(
                    ProblemKind::Repeated,
                    &at,
                    format!("specialty {:?} is listed twice", specialty.code()),
                ));
            } else if let (Some(specialty), Some(parent), Some(lead)) = (specialty, parent, lead) {
                seen_specialties.push(specialty);
                specialties.push(CompiledSpecialty {
                    at: i,
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
                let tier = open_code(&t.tier, &at, &vocab, &vocab.tiers, p);
                let when = numbered_any(
                    &t.when,
                    &slots,
                    &format!("{at}.when"),
                    p,
                    &mut count,
                    &mut unread,
                );
                let mut managed_by: Vec<Department> = Vec::new();
                let mut unread_department = false;
                for d in &t.managed_by {
                    let at = format!("{at}.managed_by");
                    match open_code(d, &at, &vocab, &vocab.departments, p) {
                        Some(d) if managed_by.contains(&d) => {
                            p.push(Problem::new(
                                ProblemKind::Repeated,
                                &at,
                                format!("department {:?} is listed twice", d.code()),
                            ));
                        }
                        Some(d) => managed_by.push(d),
                        None => unread_department = true,
                    }
                }
                match tier {
                    Some(tier) if unread_department => unread.departments.push((stream, tier)),
                    Some(_) => {}
                    None => {
                        unread.ladders.insert(stream);
                    }
                }
                if let Some(tier) = tier {
                    if tiers.iter().any(|c: &CompiledTier| c.tier == tier) {
                        p.push(Problem::new(
                            ProblemKind::Repeated,
                            &at,
                            format!("tier {:?} is listed twice", tier.code()),
                        ));
                    } else {
                        tiers.push(CompiledTier {
                            at: j,
                            tier,
                            when,
                            managed_by,
                        });
                    }
                }
            }
            // DOMAIN.md §9.1: every tier a ladder uses is in the tier order, and the ladder lists them in it.
            let rank = |t: Tier| vocab.tier_order.iter().position(|o| *o == t);
            for t in tiers.iter().filter(|t| !vocab.unranked.contains(&t.tier)) {
                if rank(t.tier).is_none() {
                    p.push(Problem::new(
                        ProblemKind::Missing,
                        format!("{at}.tiers[{}]", t.at),
                        format!(
                            "tier {:?} is used but missing from tier_order",
                            t.tier.code()
                        ),
                    ));
                }
            }
            for pair in tiers.windows(2) {
                if let [high, low] = pair
                    && let (Some(h), Some(l)) = (rank(high.tier), rank(low.tier))
                    && h > l
                {
                    p.push(Problem::new(
                                ProblemKind::Shape,
                                format!("{at}.tiers[{}]", low.at),
                                format!(
                                    "tier {:?} comes after {:?} but ranks above it: a ladder lists its tiers in \
                                     the tier order, highest first ({})",
                                    low.tier.code(),
                                    high.tier.code(),
                                    vocab
                                        .tier_order
                                        .iter()
                                        .map(|t| t.code())
                                        .collect::<Vec<_>>()
                                        .join(" > ")
                                ),
                            ));
                }
            }
            match per_code_mut(&mut ladders, stream) {
                slot if slot.is_empty() => *slot = tiers,
                _ => p.push(Problem::new(
                    ProblemKind::Repeated,
                    &at,
                    format!("stream {:?} has two ladders", stream.code()),
                )),
            }
        }
        let mut entitlements = Vec::new();
        let mut amounts = Vec::new();
        for (i, doc_entry) in doc.entitlements.iter().enumerate() {
            let at = format!("entitlements[{i}]");
            let entitlement =
                open_code(&doc_entry.entitlement, &at, &vocab, &vocab.entitlements, p);
            let when = numbered_any(
                &doc_entry.when,
                &slots,
                &format!("{at}.when"),
                p,
                &mut count,
                &mut unread,
            );
            // DOMAIN.md §9.1: a whole number of yuan, 1 to 100,000,000.
            let amount = doc_entry.amount.filter(|a| {
                let fits = (1..=Amount::MAX_YUAN).contains(&a.yuan);
                if !fits {
                    p.push(Problem::new(
                        ProblemKind::Shape,
                        format!("{at}.amount_yuan"),
                        format!(
                            "amount_yuan must be a whole number of yuan from 1 to {}, got {}",
                            Amount::MAX_YUAN,
                            a.yuan
                        ),
                    ));
                }
                fits
            });
            match entitlement {
                Some(e) if entitlements.iter().any(|(seen, _)| *seen == e) => {
                    p.push(Problem::new(
                        ProblemKind::Repeated,
                        &at,
                        format!("entitlement {:?} is listed twice", e.code()),
                    ));
                }
                Some(e) => {
                    amounts.push(amount);
                    entitlements.push((e, when));
                }
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
                match open_code(v, &at, &vocab, &vocab.services, p) {
                    Some(v) if list.contains(&v) => {
                        p.push(Problem::new(
                            ProblemKind::Repeated,
                            &at,
                            format!("service {:?} is listed twice", v.code()),
                        ));
                    }
                    Some(v) => list.push(v),
                    None => {}
                }
            }
            if let Some(level) = level {
                match per_code_mut(&mut services, level) {
                    slot if seen_levels.insert(level) => *slot = list,
                    _ => {
                        p.push(Problem::new(
                            ProblemKind::Repeated,
                            &at,
                            format!("level {:?} is listed twice", level.code()),
                        ));
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
            match per_code_mut(&mut size_standard, industry) {
                slot @ None => {
                    *slot = Some([bounds(&r.large), bounds(&r.medium), bounds(&r.small)])
                }
                _ => {
                    p.push(Problem::new(
                        ProblemKind::Repeated,
                        &at,
                        format!("industry {:?} has two rows", industry.code()),
                    ));
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
                p.push(Problem::new(
                    ProblemKind::Repeated,
                    &at,
                    format!("industry {:?} is listed twice", industry.code()),
                ));
                continue;
            }
            let rule = match (a.revenue_wan, a.always) {
                (Some(_), true) => {
                    p.push(Problem::new(
                        ProblemKind::Shape,
                        &at,
                        "give revenue_wan or always, not both".to_string(),
                    ));
                    AboveSizeRule::MustBeStated
                }
                (Some(w), false) => AboveSizeRule::Revenue(w),
                (None, true) => AboveSizeRule::Always,
                (None, false) => AboveSizeRule::MustBeStated,
            };
            *per_code_mut(&mut above, industry) = rule;
        }
        // The proofs run whatever was found above (DOMAIN.md §9.4: every problem at once), skipping what
        // depends on something that could not be read.
        // A classification holds its entitlements as the bits of a `u64`.
        if entitlements.len() > 64 {
            p.push(Problem::new(
                ProblemKind::Limit,
                "entitlements",
                format!(
                    "{} entitlements, more than the 64 a classification can hold",
                    entitlements.len()
                ),
            ));
            entitlements.truncate(64);
            amounts.truncate(64);
        }
        let entitlement_list = entitlements.iter().map(|(e, _)| *e).collect();
        let mut compiled = Compiled {
            streams,
            post_stream,
            specialties,
            ladders,
            entitlements,
            entitlement_list,
            amounts,
            services,
            vocab,
            size_standard,
            above,
            rows: None,
            slots,
        };
        compiled.check(doc, limits, &unread, &mut problems);
        if problems.is_empty() {
            // Rows read the built-in facts only: a policy with facts of its own is read clause by clause.
            if compiled.slots.slots.is_empty() {
                compiled.rows = Rows::new(compiled.conditions());
            }
            Ok(compiled)
        } else {
            Err(problems)
        }
    }

    /// The values a profile can have: every value of the built-in facts, and of each slot the bits its policy
    /// numbers (DOMAIN.md §9.2); what the proofs intersect their regions with.
    pub(crate) fn real(&self) -> Mask {
        let mut real = Mask::ANY;
        for fact in [Fact::Specialty, Fact::Tier] {
            real.restrict(fact, self.slots.real(fact));
        }
        for fact in Fact::ALL[BUILT_IN..].iter().take(self.slots.slots.len()) {
            real.restrict(*fact, self.slots.real(*fact));
        }
        real
    }

    /// Every condition of the policy.
    pub(crate) fn conditions(&self) -> impl Iterator<Item = &Cond> {
        let streams = self.streams.iter().flat_map(|s| &s.eligible);
        let specialties = self.specialties.iter().flat_map(|s| &s.when);
        let tiers = self.ladders.iter().flatten().flat_map(|t| &t.when);
        let entitlements = self.entitlements.iter().flat_map(|(_, when)| when);
        streams.chain(specialties).chain(tiers).chain(entitlements)
    }

    /// The stream's rules, if the policy has the stream.
    #[inline]
    pub(crate) fn stream(&self, stream: Stream) -> Option<&CompiledStream> {
        self.streams.iter().find(|s| s.stream == stream)
    }

    /// The specialty's rules, if the policy has the specialty.
    #[inline]
    pub(crate) fn specialty(&self, specialty: Specialty) -> Option<&CompiledSpecialty> {
        self.specialties.iter().find(|s| s.specialty == specialty)
    }

    /// The conditions under which the policy grants an entitlement (one, unless repeated).
    pub(crate) fn entitlement_conditions(&self, e: Entitlement) -> impl Iterator<Item = &Cond> {
        self.entitlements
            .iter()
            .filter(move |(x, _)| *x == e)
            .flat_map(|(_, when)| when)
    }

    /// The own stream of a post (DOMAIN.md §4.2), if a stream lists it.
    #[inline]
    pub(crate) fn own_stream(&self, post: Post) -> Option<Stream> {
        *per_code(&self.post_stream, post)
    }

    /// The services of an introduction level, in the order of its list.
    #[inline]
    pub(crate) fn services_of(&self, level: IntroductionLevel) -> &[Service] {
        per_code(&self.services, level).as_slice()
    }

    /// The ladder of a stream, tiers highest first (empty for a stream without one).
    #[inline]
    pub(crate) fn ladder(&self, stream: Stream) -> &[CompiledTier] {
        per_code(&self.ladders, stream).as_slice()
    }

    /// The enterprise facts of a profile under this policy's size standard and above-size rules.
    #[inline]
    pub(crate) fn enterprise_facts(&self, p: &Profile) -> EnterpriseFacts {
        let industry = p.industry();
        let classes = industry
            .and_then(|i| per_code(&self.size_standard, i).as_ref())
            .map(|[l, m, s]| [l.as_slice(), m.as_slice(), s.as_slice()]);
        let above = industry.map(|i| *per_code(&self.above, i));
        EnterpriseFacts::with_rules(p, classes, above)
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_document_is_reported() {
        let mut doc = PolicyDoc::shizhong_2011();
        doc.streams[0].lead = "mayor".into();
        doc.streams[1].stream = "party_government".into();
        doc.specialties[0].when[0].insert("colour".into(), Allowed::Only(vec!["red".into()]));
        doc.ladders[0].tiers[1].when[0]
            .insert("potential".into(), Allowed::Only(vec!["yes".into()]));
        doc.services[0].services.push("free_lunch".into());
        doc.above_designated_size[1].always = true;
        let err = Compiled::compile(&doc).unwrap_err();
        assert_eq!(
            err,
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

    /// The issue's example (DOMAIN.md §9.4): an unknown department, a tier without departments and thresholds
    /// that do not rise are three problems of one document, reported together.
    #[test]
    fn unknown_codes_and_the_proofs_problems_come_together() {
        let mut doc = PolicyDoc::shizhong_2011();
        doc.ladders[0].tiers[0].managed_by[1] = "health_bureau".into();
        doc.ladders[0].tiers[1].managed_by.clear();
        let row = &mut doc.size_standard[0];
        std::mem::swap(&mut row.large, &mut row.medium);
        let err = Compiled::compile(&doc).unwrap_err();
        let kinds: Vec<ProblemKind> = err.iter().map(|p| p.kind()).collect();
        assert_eq!(
            &kinds[..3],
            [
                ProblemKind::Unknown,
                ProblemKind::NoDepartment,
                ProblemKind::Thresholds
            ],
            "{err:?}"
        );
        assert_eq!(
            err[0].to_string(),
            r#"ladders[0].tiers[0].managed_by: unknown department "health_bureau""#
        );
        assert_eq!(
            err[1].to_string(),
            r#"ladders[0].tiers[1]: tier "high_end" has no department to manage it"#
        );
        assert!(
            err[2].to_string().starts_with("size_standard[0]: "),
            "{err:?}"
        );
    }

    /// What rests on something left out or unread is not proven, so no problem is an echo of another: a tier
    /// whose only department is unknown is not also "without departments"; a condition with an unknown value
    /// does not "never fire"; the specialties and ladder of a stream left out (its lead unknown) do not
    /// "refine a stream that cannot occur"; a ladder whose tiers all have unknown codes does not "have no
    /// tiers".
    #[test]
    fn nothing_is_proven_about_what_could_not_be_read() {
        let only = |v: &str| Allowed::Only(vec![v.into()]);
        type Spoil = Box<dyn Fn(&mut PolicyDoc)>;
        let cases: Vec<(&str, Spoil, Vec<&str>)> = vec![
            (
                "a tier's only department unknown",
                Box::new(|d: &mut PolicyDoc| {
                    d.ladders[0].tiers[0].managed_by = vec!["health_bureau".into()];
                }),
                vec![r#"ladders[0].tiers[0].managed_by: unknown department "health_bureau""#],
            ),
            (
                "a tier's condition with an unknown value",
                Box::new(move |d: &mut PolicyDoc| {
                    d.ladders[0].tiers[2].when[0].insert("role".into(), only("chairman"));
                }),
                vec![r#"ladders[0].tiers[2].when: role cannot be "chairman""#],
            ),
            (
                "the stream of a ladder and a specialty, its lead unknown",
                Box::new(|d: &mut PolicyDoc| {
                    let i = d
                        .streams
                        .iter()
                        .position(|s| s.stream == "enterprise_management")
                        .unwrap();
                    d.streams[i].lead = "mayor".into();
                }),
                vec![r#".lead: unknown department "mayor""#],
            ),
            (
                "every tier of a ladder unknown",
                Box::new(|d: &mut PolicyDoc| {
                    for t in &mut d.ladders[0].tiers {
                        t.tier = "top".into();
                    }
                }),
                vec![
                    r#"ladders[0].tiers[0]: unknown tier "top""#,
                    r#"ladders[0].tiers[1]: unknown tier "top""#,
                    r#"ladders[0].tiers[2]: unknown tier "top""#,
                ],
            ),
        ];
        for (what, spoil, expected) in cases {
            let mut doc = PolicyDoc::shizhong_2011();
            spoil(&mut doc);
            let err = Compiled::compile(&doc).unwrap_err();
            let got: Vec<String> = err.iter().map(ToString::to_string).collect();
            assert_eq!(got.len(), expected.len(), "{what}: {got:?}");
            for (g, e) in got.iter().zip(&expected) {
                assert!(g.contains(e), "{what}: {got:?}");
            }
            assert!(
                err.iter().all(|p| p.kind() == ProblemKind::Unknown),
                "{what}: {got:?}"
            );
        }
    }
}
