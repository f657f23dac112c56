//! Compiling what a policy adds to the profile (DOMAIN.md §9.2, §9.3): its facts, indicators and evaluations,
//! each checked (§9.4: every problem at once), and the slots its conditions test
//! ([`crate::facts::slots`]).

use super::doc::{Allowed, ClauseValue, Condition, EvaluationDoc, LabelsDoc, PolicyDoc};
use super::problem::{Problem, ProblemKind};
use crate::codes::Field;
use crate::facts::slots::{
    CUTS, FieldDef, FieldKind, MANY_VALUES, ONE_VALUES, SLOTS, Slot, SlotKind, Slots, Target,
    ValueDef,
};
use crate::facts::{BUILT_IN, Fact, Kind};
use crate::lang::Lang;
use crate::money::Measure;

/// The most bytes of a code a policy defines.
const CODE_BYTES: usize = 48;

/// Whether a code is snake_case ASCII, `[a-z][a-z0-9_]*`, at most [`CODE_BYTES`] bytes (DOMAIN.md §9.1).
fn is_code(s: &str) -> bool {
    let mut bytes = s.bytes();
    s.len() <= CODE_BYTES
        && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn problem(p: &mut Vec<Problem>, kind: ProblemKind, at: &str, what: String) {
    p.push(Problem::new(kind, at, what));
}

/// Checks a code a policy defines: its form, and that it is none of `taken`. Whether it is good.
pub(super) fn check_code(
    code: &str,
    at: &str,
    taken: &[&str],
    what: &str,
    p: &mut Vec<Problem>,
) -> bool {
    if !is_code(code) {
        problem(
            p,
            ProblemKind::Shape,
            &format!("{at}.code"),
            format!(
                "{what} code {:?} must be snake_case ASCII ([a-z][a-z0-9_]*, at most {CODE_BYTES} bytes)",
                crate::safety::Shown(code)
            ),
        );
    } else if taken.contains(&code) {
        problem(
            p,
            ProblemKind::Repeated,
            &format!("{at}.code"),
            format!("{what} code {code:?} is already taken"),
        );
    } else {
        return true;
    }
    false
}

/// Checks that a code is none of the §2 labels (ASCII case ignored); whether it is good.
fn not_a_label(code: &str, at: &str, labels: &[&str], what: &str, p: &mut Vec<Problem>) -> bool {
    match labels.iter().find(|l| l.eq_ignore_ascii_case(code)) {
        Some(label) => {
            problem(
                p,
                ProblemKind::Repeated,
                &format!("{at}.code"),
                format!("{what} code {code:?} is already the label {label:?} of a code list"),
            );
            false
        }
        None => true,
    }
}

/// Checks three labels: each given, trimmed, none of `taken`.
pub(super) fn check_labels(labels: &LabelsDoc, at: &str, taken: &[&str], p: &mut Vec<Problem>) {
    for (key, label) in ["zh_hans", "zh_hant", "en"].into_iter().zip(labels.all()) {
        let at = format!("{at}.{key}");
        if label.trim().is_empty() {
            problem(
                p,
                ProblemKind::Missing,
                &at,
                "a label must not be empty".to_owned(),
            );
        } else if label.trim() != label {
            problem(
                p,
                ProblemKind::Shape,
                &at,
                format!(
                    "label {:?} has surrounding spaces",
                    crate::safety::Shown(label)
                ),
            );
        } else if let Some((i, c)) = crate::safety::bad_name_char(label) {
            problem(
                p,
                ProblemKind::Shape,
                &at,
                format!(
                    "label {:?} holds {c:?} at character {i}: a label may not hold control or bidi-control characters",
                    crate::safety::Shown(label)
                ),
            );
        } else if taken.iter().any(|t| t.eq_ignore_ascii_case(label)) {
            problem(
                p,
                ProblemKind::Repeated,
                &at,
                format!("label {:?} is already taken", crate::safety::Shown(label)),
            );
        }
    }
}

/// The names the fields of DOMAIN.md §3 and the decided facts already have: codes and labels (a policy
/// field's code or label may be none of them, so that a roster's header stays unambiguous).
fn built_in_names() -> Vec<&'static str> {
    let mut names = vec!["stream", "specialty", "tier", "none"];
    for f in Field::ALL {
        names.push(f.code());
        for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
            names.push(f.label(lang));
        }
    }
    names.extend(Fact::built_in().iter().map(|f| f.name()));
    names
}

/// Every label of the §2 code lists (a policy's fact or indicator code may be none of them, DOMAIN.md §9.2).
fn code_list_labels() -> Vec<&'static str> {
    use crate::codes::{
        Coded, Contribution, Department, EnterpriseSize, Entitlement, Industry, IntroductionLevel,
        MissingFact, Ownership, Performance, Post, ProfessionalTitle, Role, RuralRole, Service,
        SkillLevel, SocialWorkCertificate, Specialty, Stream, Tier,
    };
    fn of<T: Coded>(out: &mut Vec<&'static str>) {
        for v in T::ALL {
            for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
                out.push(v.label(lang));
            }
        }
    }
    let mut out = Vec::new();
    of::<Stream>(&mut out);
    of::<Specialty>(&mut out);
    of::<Tier>(&mut out);
    of::<Department>(&mut out);
    of::<Post>(&mut out);
    of::<Role>(&mut out);
    of::<Ownership>(&mut out);
    of::<Industry>(&mut out);
    of::<EnterpriseSize>(&mut out);
    of::<Performance>(&mut out);
    of::<Contribution>(&mut out);
    of::<ProfessionalTitle>(&mut out);
    of::<SkillLevel>(&mut out);
    of::<SocialWorkCertificate>(&mut out);
    of::<RuralRole>(&mut out);
    of::<IntroductionLevel>(&mut out);
    of::<Entitlement>(&mut out);
    of::<Service>(&mut out);
    of::<MissingFact>(&mut out);
    out
}

/// Every clause of the document's conditions, with its path.
fn clauses(doc: &PolicyDoc) -> Vec<(String, &str, &Allowed)> {
    fn add<'d>(
        out: &mut Vec<(String, &'d str, &'d Allowed)>,
        at: &str,
        conditions: &'d [Condition],
        single_keeps_path: bool,
    ) {
        for (k, c) in conditions.iter().enumerate() {
            let at = if single_keeps_path && conditions.len() == 1 {
                at.to_owned()
            } else {
                format!("{at}[{k}]")
            };
            for (name, allowed) in c {
                out.push((format!("{at}.{name}"), name.as_str(), allowed));
            }
        }
    }
    let mut out = Vec::new();
    for (i, s) in doc.streams.iter().enumerate() {
        add(
            &mut out,
            &format!("streams[{i}].eligible"),
            &s.eligible,
            false,
        );
    }
    for (i, s) in doc.specialties.iter().enumerate() {
        add(&mut out, &format!("specialties[{i}].when"), &s.when, true);
    }
    for (i, l) in doc.ladders.iter().enumerate() {
        for (j, t) in l.tiers.iter().enumerate() {
            add(
                &mut out,
                &format!("ladders[{i}].tiers[{j}].when"),
                &t.when,
                true,
            );
        }
    }
    for (i, e) in doc.entitlements.iter().enumerate() {
        add(&mut out, &format!("entitlements[{i}].when"), &e.when, true);
    }
    out
}

/// The fields and slots of a document, every problem collected.
pub(super) fn slots(doc: &PolicyDoc, p: &mut Vec<Problem>) -> Slots {
    let mut slots = Slots::default();
    if doc.facts.is_empty() && doc.indicators.is_empty() && doc.evaluations.is_empty() {
        return slots;
    }
    let built_in = built_in_names();
    // A fact's or indicator's code may be no field's name and no §2 label either (compared ignoring ASCII
    // case, as labels parse).
    let mut codes: Vec<&str> = built_in.clone();
    let list_labels = code_list_labels();
    let mut labels: Vec<&str> = built_in.clone();
    for (i, f) in doc.facts.iter().enumerate() {
        let at = format!("facts[{i}]");
        // A fact whose code is bad or taken is checked but left out. Clauses on a code that names nothing else
        // are then passed over (its definition has the problem); one that another definition (or a built-in
        // fact) took still reads that one.
        let taken = codes.contains(&f.code.as_str());
        let good = check_code(&f.code, &at, &codes, "fact", p)
            && not_a_label(&f.code, &at, &list_labels, "fact", p);
        check_labels(&f.labels, &at, &labels, p);
        codes.push(&f.code);
        labels.extend(f.labels.all());
        let most = if f.many { MANY_VALUES } else { ONE_VALUES };
        if f.values.is_empty() || f.values.len() > most {
            problem(
                p,
                if f.values.is_empty() {
                    ProblemKind::Missing
                } else {
                    ProblemKind::Limit
                },
                &format!("{at}.values"),
                format!(
                    "a {} fact has 1 to {most} values, got {}",
                    if f.many { "many-valued" } else { "one-valued" },
                    f.values.len()
                ),
            );
        }
        let mut value_codes: Vec<&str> = vec!["none"];
        let mut value_labels: Vec<&str> = Vec::new();
        let mut values = Vec::new();
        for (j, v) in f.values.iter().enumerate() {
            let at = format!("{at}.values[{j}]");
            let good = check_code(&v.code, &at, &value_codes, "value", p);
            check_labels(&v.labels, &at, &value_labels, p);
            value_codes.push(&v.code);
            value_labels.extend(v.labels.all());
            if good {
                values.push(ValueDef {
                    code: v.code.clone(),
                    labels: v.labels.clone(),
                });
            }
        }
        values.truncate(most);
        if !good {
            if !taken {
                slots.left_out.push(f.code.clone());
            }
            continue;
        }
        slots.fields.push(FieldDef {
            code: f.code.clone(),
            labels: f.labels.clone(),
            kind: if f.many {
                FieldKind::Many(values)
            } else {
                FieldKind::One(values)
            },
        });
    }
    for (i, ind) in doc.indicators.iter().enumerate() {
        let at = format!("indicators[{i}]");
        let taken = codes.contains(&ind.code.as_str());
        let good = check_code(&ind.code, &at, &codes, "indicator", p)
            && not_a_label(&ind.code, &at, &list_labels, "indicator", p);
        check_labels(&ind.labels, &at, &labels, p);
        codes.push(&ind.code);
        labels.extend(ind.labels.all());
        if !good {
            if !taken {
                slots.left_out.push(ind.code.clone());
            }
            continue;
        }
        slots.fields.push(FieldDef {
            code: ind.code.clone(),
            labels: ind.labels.clone(),
            kind: FieldKind::Indicator(ind.unit),
        });
    }
    // The thresholds each indicator is compared with directly.
    let mut cuts: Vec<Vec<Measure>> = vec![Vec::new(); slots.fields.len()];
    for (at, name, allowed) in clauses(doc) {
        let Some(field) = slots.fields.iter().position(|f| f.code == name) else {
            continue;
        };
        let (Some(def), Some(cuts)) = (slots.fields.get(field), cuts.get_mut(field)) else {
            continue;
        };
        if let (FieldKind::Indicator(unit), Allowed::Range { at_least, below }) =
            (&def.kind, allowed)
        {
            for (key, bound) in [("at_least", at_least), ("below", below)] {
                let Some(bound) = bound else { continue };
                match unit.check(*bound) {
                    Ok(()) => cuts.push(*bound),
                    Err(expected) => problem(
                        p,
                        ProblemKind::Shape,
                        &format!("{at}.{key}"),
                        format!("{name} is {expected}, got {bound}"),
                    ),
                }
            }
        }
    }
    for c in &mut cuts {
        c.sort_unstable();
        c.dedup();
    }
    let evaluated = evaluations(doc, &slots, p);
    // The slots: every fact (evaluated or not), then every indicator compared directly.
    for (field, def) in slots.fields.iter().enumerate() {
        let kind = match &def.kind {
            FieldKind::One(_) => match evaluated.iter().find(|e| e.0 == Some(field)) {
                Some((_, kind)) => kind.clone(),
                None => SlotKind::One { field },
            },
            FieldKind::Many(_) => SlotKind::Many { field },
            FieldKind::Indicator(_) => {
                let cuts = cuts.get(field).cloned().unwrap_or_default();
                if cuts.is_empty() {
                    continue;
                }
                if cuts.len() > CUTS {
                    problem(
                        p,
                        ProblemKind::Limit,
                        "",
                        format!(
                            "indicator {} is compared with {} thresholds (at most {CUTS})",
                            def.code,
                            cuts.len()
                        ),
                    );
                }
                SlotKind::Indicator { field, cuts }
            }
        };
        slots.slots.push(Slot { kind });
    }
    // The built-in facts the policy evaluates, each in a slot of its own that its clauses then test.
    for (field, kind) in &evaluated {
        if field.is_none() {
            slots.slots.push(Slot { kind: kind.clone() });
        }
    }
    let mut order: Vec<(usize, Fact, &'static str)> = Vec::new();
    for (i, slot) in slots.slots.iter().enumerate() {
        if let (SlotKind::Evaluated { at, .. }, Some(fact)) = (&slot.kind, Fact::of_slot(i)) {
            let code = slots.name(fact).to_owned();
            match crate::facts::slots::intern(&code) {
                Some(kept) => order.push((*at, fact, kept)),
                None => problem(
                    p,
                    ProblemKind::Limit,
                    &format!("evaluations[{at}].fact"),
                    format!(
                        "this process already keeps the rule ids of {} evaluated facts, the most it keeps: \
                         {code} cannot be given one",
                        crate::facts::slots::KEPT_CODES
                    ),
                ),
            }
        }
    }
    order.sort_unstable_by_key(|o| o.0);
    slots.evaluations = order.into_iter().map(|(_, f, c)| (f, c)).collect();
    if slots.slots.len() > SLOTS {
        problem(
            p,
            ProblemKind::Limit,
            "",
            format!(
                "the policy's facts and directly compared indicators need {} slots (at most {SLOTS}: {} facts of \
                 the profile are built in, {} more a policy may add)",
                slots.slots.len(),
                BUILT_IN,
                SLOTS
            ),
        );
        let cut: Vec<usize> = slots
            .slots
            .iter()
            .skip(SLOTS)
            .filter_map(|s| match &s.kind {
                SlotKind::One { field }
                | SlotKind::Many { field }
                | SlotKind::Indicator { field, .. }
                | SlotKind::Evaluated {
                    target: Target::Field(field),
                    ..
                } => Some(*field),
                SlotKind::Evaluated { .. } => None,
            })
            .collect();
        slots.unslotted = cut;
        slots.slots.truncate(SLOTS);
    }
    let mut indicator_of = [None; SLOTS];
    for (i, of) in indicator_of.iter_mut().enumerate().take(slots.slots.len()) {
        *of = Fact::of_slot(i)
            .and_then(|f| slots.open_indicator(f))
            .and_then(|n| u8::try_from(n).ok());
    }
    slots.indicator_of = indicator_of;
    slots
}

/// The evaluations of a document (DOMAIN.md §9.3), checked: `(field of the fact, its slot)` for each one that
/// could be read.
fn evaluations(
    doc: &PolicyDoc,
    slots: &Slots,
    p: &mut Vec<Problem>,
) -> Vec<(Option<usize>, SlotKind)> {
    let mut out: Vec<(Option<usize>, SlotKind)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, e) in doc.evaluations.iter().enumerate() {
        let at = format!("evaluations[{i}]");
        // A second evaluation of a fact is a problem whether or not the first could be read.
        if seen.contains(&e.fact.as_str()) {
            problem(
                p,
                ProblemKind::Repeated,
                &format!("{at}.fact"),
                format!("{} has two evaluations", e.fact),
            );
            continue;
        }
        seen.push(&e.fact);
        if let Some(found) = evaluation(i, e, &at, slots, p) {
            out.push(found);
        }
    }
    out
}

/// The built-in facts a policy may evaluate (DOMAIN.md §9.3).
const EVALUABLE: [Fact; 3] = [Fact::Performance, Fact::Contribution, Fact::Potential];

/// One evaluation, checked: its slot, with the fact's field for a fact of the policy.
fn evaluation(
    i: usize,
    e: &EvaluationDoc,
    at: &str,
    slots: &Slots,
    p: &mut Vec<Problem>,
) -> Option<(Option<usize>, SlotKind)> {
    let before = p.len();
    let fact_at = format!("{at}.fact");
    let field = slots.fields.iter().position(|f| f.code == e.fact);
    let built_in = EVALUABLE.into_iter().find(|f| f.name() == e.fact);
    let target = match (field.and_then(|f| slots.fields.get(f)), built_in) {
        (
            Some(FieldDef {
                kind: FieldKind::One(_),
                ..
            }),
            _,
        ) => field.map(Target::Field),
        (
            Some(FieldDef {
                kind: FieldKind::Many(_),
                ..
            }),
            _,
        ) => {
            problem(
                p,
                ProblemKind::Shape,
                &fact_at,
                format!(
                    "{} is many-valued: only a one-valued fact can be evaluated",
                    e.fact
                ),
            );
            None
        }
        (Some(_), _) => {
            problem(
                p,
                ProblemKind::Shape,
                &fact_at,
                format!("{} is an indicator: evaluate a fact from it", e.fact),
            );
            None
        }
        (None, Some(b)) => Some(Target::BuiltIn(b)),
        (None, None) => {
            let mut known: Vec<&str> = EVALUABLE.iter().map(|f| f.name()).collect();
            known.extend(
                slots
                    .fields
                    .iter()
                    .filter(|f| matches!(f.kind, FieldKind::One(_)))
                    .map(|f| f.code.as_str()),
            );
            problem(
                p,
                ProblemKind::Unknown,
                &fact_at,
                format!(
                    "unknown fact {:?} (expected performance, contribution, potential or a one-valued fact of \
                     the policy: {}){}",
                    crate::safety::Shown(&e.fact),
                    known.join(", "),
                    crate::safety::look_alike(&e.fact, &known)
                ),
            );
            None
        }
    };
    let from = slots.fields.iter().position(|f| f.code == e.from);
    let unit = match from.and_then(|f| slots.fields.get(f)).map(|f| &f.kind) {
        Some(FieldKind::Indicator(unit)) => Some(*unit),
        _ => {
            let known: Vec<&str> = slots
                .fields
                .iter()
                .filter(|f| matches!(f.kind, FieldKind::Indicator(_)))
                .map(|f| f.code.as_str())
                .collect();
            problem(
                p,
                ProblemKind::Unknown,
                &format!("{at}.from"),
                format!(
                    "unknown indicator {:?} (expected one of {}){}",
                    crate::safety::Shown(&e.from),
                    known.join(", "),
                    crate::safety::look_alike(&e.from, &known)
                ),
            );
            None
        }
    };
    if e.grades.is_empty() {
        problem(
            p,
            ProblemKind::Missing,
            &format!("{at}.grades"),
            "an evaluation needs at least one grade".to_owned(),
        );
    }
    let mut grades = Vec::new();
    for (k, g) in e.grades.iter().enumerate() {
        let gat = format!("{at}.grades[{k}]");
        if let Some(unit) = unit
            && let Err(expected) = unit.check(g.at_least)
        {
            problem(
                p,
                ProblemKind::Shape,
                &format!("{gat}.at_least"),
                format!("{} is {expected}, got {}", e.from, g.at_least),
            );
        }
        if let Some(prev) = k.checked_sub(1).and_then(|k| e.grades.get(k))
            && g.at_least >= prev.at_least
        {
            problem(
                p,
                ProblemKind::Thresholds,
                &format!("{gat}.at_least"),
                format!(
                    "grade thresholds must strictly decrease from the first grade to the last, got {} after {}",
                    g.at_least, prev.at_least
                ),
            );
        }
        if let Some(target) = target
            && let Some(v) = value_of(slots, target, &e.fact, &g.value, &format!("{gat}.value"), p)
        {
            grades.push((g.at_least, v));
        }
    }
    let otherwise = target.and_then(|t| {
        value_of(
            slots,
            t,
            &e.fact,
            &e.otherwise,
            &format!("{at}.otherwise"),
            p,
        )
    });
    if p.len() > before {
        return None;
    }
    Some((
        field,
        SlotKind::Evaluated {
            target: target?,
            from: from?,
            grades,
            otherwise: otherwise?,
            at: i,
        },
    ))
}

/// The bit of an evaluation's grade or `otherwise` value in its fact, or a problem.
fn value_of(
    slots: &Slots,
    target: Target,
    name: &str,
    v: &ClauseValue,
    at: &str,
    p: &mut Vec<Problem>,
) -> Option<u32> {
    let (codes, found): (Vec<&str>, Option<u32>) = match target {
        Target::Field(f) => {
            let codes = slots.fields.get(f).map(FieldDef::codes).unwrap_or_default();
            let found = match v {
                ClauseValue::Code(c) => codes.iter().position(|k| k == c).map(|i| i as u32 + 1),
                ClauseValue::Bool(_) => None,
            };
            (codes, found)
        }
        Target::BuiltIn(fact) => match (fact.kind(), v) {
            (Kind::Bool, ClauseValue::Bool(b)) => (vec!["true", "false"], Some(u32::from(*b))),
            (Kind::Bool, _) => (vec!["true", "false"], None),
            (Kind::Required(codes), ClauseValue::Code(c)) => (
                codes.to_vec(),
                codes.iter().position(|k| k == c).map(|i| i as u32),
            ),
            (Kind::Required(codes), _) => (codes.to_vec(), None),
            _ => (Vec::new(), None),
        },
    };
    if found.is_none() {
        problem(
            p,
            ProblemKind::Unknown,
            at,
            format!(
                "{name} cannot be {v} (expected {}){}",
                codes.join(", "),
                match v {
                    ClauseValue::Code(c) => crate::safety::look_alike(c, &codes),
                    ClauseValue::Bool(_) => String::new(),
                }
            ),
        );
    }
    found
}
