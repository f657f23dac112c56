//! A policy's new values of the five outcome lists and its tier order (DOMAIN.md §9.1): checked, and kept
//! ([`crate::codes::define`]) so that they are values like the built-in ones.

use super::doc::{PolicyDoc, ValueDoc};
use super::problem::{Problem, ProblemKind};
use super::vocab::{check_code, check_labels};
use crate::codes::{
    Coded, Department, Entitlement, KEPT_VALUES, NewDefinition, Open, Service, Specialty, Stream,
    Tier, define,
};
use crate::facts::slots::{DEFINED_SPECIALTIES, DEFINED_TIERS};
use crate::lang::Lang;

/// The most values a policy may define for a department, entitlement or service list (an entitlement or a
/// service is a bit of a `u64` in a classification, with the built-in ones).
const DEFINED_VALUES: usize = 60;

/// The values a policy defines, by list, in the order of its `[[values]]`, and its tier order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Vocabulary {
    pub(crate) departments: Vec<Department>,
    pub(crate) specialties: Vec<Specialty>,
    pub(crate) tiers: Vec<Tier>,
    pub(crate) entitlements: Vec<Entitlement>,
    pub(crate) services: Vec<Service>,
    /// Every tier the policy uses, highest first: its `tier_order`, else leader > high_end > elite.
    pub(crate) tier_order: Vec<Tier>,
    /// Tiers that cannot be ranked for a problem already reported (a defined tier missing from `tier_order`,
    /// or every tier when a policy that defines tiers gives none): the checks that rank them are skipped.
    pub(crate) unranked: Vec<Tier>,
    /// Codes of `[[values]]` left out for a problem of their own: a use of one is passed over (the policy is
    /// refused for the definition).
    pub(crate) left_out: Vec<(&'static str, String)>,
}

/// The lists a policy may add values to, as `list` names them.
const LISTS: [&str; 5] = ["department", "specialty", "tier", "entitlement", "service"];

/// The names a value answers to, after DOMAIN.md §2 normalisation: its code and English label in lower case,
/// its Chinese labels and aliases, and those again without a leading prefix of the list.
fn names<'a>(
    code: &'a str,
    labels: [&'a str; 3],
    aliases: impl Iterator<Item = &'a str>,
    prefixes: &[&str],
) -> Vec<String> {
    let [hans, hant, en] = labels;
    let mut out = vec![code.to_ascii_lowercase(), en.trim().to_ascii_lowercase()];
    let chinese: Vec<&str> = [hans, hant].into_iter().chain(aliases).collect();
    for c in chinese {
        let c = c.trim();
        out.push(c.to_owned());
        for p in prefixes {
            if let Some(rest) = c.strip_prefix(p) {
                out.push(rest.to_owned());
            }
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

/// The names of every built-in value of a list.
fn built_in_names<T: Coded>() -> Vec<(String, &'static str)> {
    T::ALL
        .iter()
        .flat_map(|v| {
            let labels = [Lang::ZhHans, Lang::ZhHant, Lang::En].map(|l| v.label(l));
            names(v.code(), labels, v.aliases().iter().copied(), T::PREFIXES)
                .into_iter()
                .map(|n| (n, v.code()))
        })
        .collect()
}

/// Checks and keeps the `[[values]]` of a document and reads its `tier_order`, reporting every problem.
pub(super) fn vocabulary(doc: &PolicyDoc, p: &mut Vec<Problem>) -> Vocabulary {
    let mut v = Vocabulary::default();
    // The names taken in each list: the built-in values', then each new value's.
    let mut taken: [Vec<(String, &'static str)>; 5] = [
        built_in_names::<Department>(),
        built_in_names::<Specialty>(),
        built_in_names::<Tier>(),
        built_in_names::<Entitlement>(),
        built_in_names::<Service>(),
    ];
    let built_in_codes: [&[&str]; 5] = [
        Department::CODES,
        Specialty::CODES,
        Tier::CODES,
        Entitlement::CODES,
        Service::CODES,
    ];
    let prefixes: [&[&str]; 5] = [
        Department::PREFIXES,
        Specialty::PREFIXES,
        Tier::PREFIXES,
        Entitlement::PREFIXES,
        Service::PREFIXES,
    ];
    for (i, value) in doc.values.iter().enumerate() {
        let at = format!("values[{i}]");
        let Some(list) = LISTS.iter().position(|l| *l == value.list) else {
            p.push(Problem::new(
                ProblemKind::Unknown,
                format!("{at}.list"),
                format!(
                    "unknown list {:?}, expected one of {}{}",
                    crate::safety::Shown(&value.list),
                    LISTS.join(", "),
                    crate::safety::look_alike(&value.list, &LISTS)
                ),
            ));
            continue;
        };
        let kind = LISTS.get(list).copied().unwrap_or("value");
        let before = p.len();
        let (Some(list_taken), Some(codes), Some(prefixes)) = (
            taken.get_mut(list),
            built_in_codes.get(list),
            prefixes.get(list),
        ) else {
            continue;
        };
        let earlier: Vec<&str> = codes
            .iter()
            .copied()
            .chain(defined_codes(&v, list))
            .collect();
        let code_good = check_code(&value.code, &at, &earlier, kind, p);
        check_labels(&value.labels, &at, &[], p);
        for (j, alias) in value.aliases.iter().enumerate() {
            if alias.trim().is_empty()
                || alias.trim() != alias
                || crate::safety::bad_name_char(alias).is_some()
            {
                p.push(Problem::new(
                    ProblemKind::Shape,
                    format!("{at}.aliases[{j}]"),
                    format!(
                        "alias {:?} must be non-empty, without surrounding spaces, control or bidi-control characters",
                        crate::safety::Shown(alias)
                    ),
                ));
            }
        }
        // No two values of one list may answer to the same name (DOMAIN.md §9.1).
        let mut own = names(
            &value.code,
            value.labels.all(),
            value.aliases.iter().map(String::as_str),
            prefixes,
        );
        own.sort_unstable();
        own.dedup();
        let clash = own.iter().find_map(|n| {
            let (_, other) = list_taken.iter().find(|(t, _)| t == n)?;
            Some((n, *other))
        });
        if let Some((name, other)) = clash.filter(|_| code_good) {
            p.push(Problem::new(
                ProblemKind::Repeated,
                &at,
                format!(
                    "{kind} {:?} answers to {:?}, as {kind} {other:?} already does",
                    value.code,
                    crate::safety::Shown(name)
                ),
            ));
        }
        if p.len() > before {
            v.left_out.push((kind, value.code.clone()));
            continue;
        }
        let limit = match list {
            1 => DEFINED_SPECIALTIES,
            2 => DEFINED_TIERS,
            _ => DEFINED_VALUES,
        };
        if defined_codes(&v, list).count() >= limit {
            p.push(Problem::new(
                ProblemKind::Limit,
                &at,
                format!("a policy defines at most {limit} values of the {kind} list"),
            ));
            v.left_out.push((kind, value.code.clone()));
            continue;
        }
        let parent = if list == 1 {
            specialty_parent(doc, value, &at, p)
        } else {
            None
        };
        if list == 1 && parent.is_none() {
            v.left_out.push((kind, value.code.clone()));
            continue;
        }
        let new = NewDefinition {
            list: kind,
            code: &value.code,
            labels: value.labels.all(),
            aliases: &value.aliases,
            source: &value.source,
            parent,
        };
        let Some(d) = define(&new) else {
            p.push(Problem::new(
                ProblemKind::Limit,
                &at,
                format!(
                    "this process already keeps {KEPT_VALUES} values that policies defined, the most it keeps: \
                     {kind} {:?} cannot be kept",
                    value.code
                ),
            ));
            v.left_out.push((kind, value.code.clone()));
            continue;
        };
        list_taken.extend(own.into_iter().map(|n| (n, d.code())));
        match list {
            0 => v.departments.push(Department::from_defined(d)),
            1 => v.specialties.push(Specialty::from_defined(d)),
            2 => v.tiers.push(Tier::from_defined(d)),
            3 => v.entitlements.push(Entitlement::from_defined(d)),
            _ => v.services.push(Service::from_defined(d)),
        }
    }
    v.tier_order = tier_order(doc, &mut v, p);
    v
}

/// The codes of the values defined so far in list `list`.
fn defined_codes(v: &Vocabulary, list: usize) -> impl Iterator<Item = &'static str> + '_ {
    let codes: Vec<&'static str> = match list {
        0 => v.departments.iter().map(|d| d.code()).collect(),
        1 => v.specialties.iter().map(|d| d.code()).collect(),
        2 => v.tiers.iter().map(|d| d.code()).collect(),
        3 => v.entitlements.iter().map(|d| d.code()).collect(),
        _ => v.services.iter().map(|d| d.code()).collect(),
    };
    codes.into_iter()
}

/// The parent stream of a new specialty: the `parent` of the first `[[specialties]]` entry that uses it.
fn specialty_parent(
    doc: &PolicyDoc,
    value: &ValueDoc,
    at: &str,
    p: &mut Vec<Problem>,
) -> Option<Stream> {
    let entry = doc.specialties.iter().find(|s| s.specialty == value.code);
    let Some(entry) = entry else {
        p.push(Problem::new(
            ProblemKind::Missing,
            at,
            format!(
                "specialty {:?} is defined but no [[specialties]] entry gives its parent stream",
                value.code
            ),
        ));
        return None;
    };
    // An unknown parent is reported with the entry.
    Stream::ALL
        .iter()
        .copied()
        .find(|s| s.code() == entry.parent)
}

/// The policy's tier order, highest first (DOMAIN.md §9.1): `tier_order` when given, checked; else the
/// built-in order.
fn tier_order(doc: &PolicyDoc, v: &mut Vocabulary, p: &mut Vec<Problem>) -> Vec<Tier> {
    let default = vec![Tier::Leader, Tier::HighEnd, Tier::Elite];
    if doc.tier_order.is_empty() {
        if let Some(t) = v.tiers.first() {
            v.unranked = Tier::ALL.iter().chain(&v.tiers).copied().collect();
            p.push(Problem::new(
                ProblemKind::Missing,
                "tier_order",
                format!(
                    "the policy defines tier {:?}: give tier_order, every tier it uses, highest first",
                    t.code()
                ),
            ));
        }
        return default;
    }
    let mut order: Vec<Tier> = Vec::new();
    for (i, code) in doc.tier_order.iter().enumerate() {
        let at = format!("tier_order[{i}]");
        let found = Tier::ALL
            .iter()
            .chain(&v.tiers)
            .copied()
            .find(|t| t.code() == code);
        match found {
            Some(t) if order.contains(&t) => p.push(Problem::new(
                ProblemKind::Repeated,
                at,
                format!("tier {:?} is listed twice", t.code()),
            )),
            Some(t) => order.push(t),
            None if v.left_out.iter().any(|(k, c)| *k == "tier" && c == code) => {}
            None => {
                let known: Vec<&str> = Tier::ALL.iter().chain(&v.tiers).map(|t| t.code()).collect();
                p.push(Problem::unknown("tier", code, &known, at));
            }
        }
    }
    let missing: Vec<Tier> = v
        .tiers
        .iter()
        .copied()
        .filter(|t| !order.contains(t))
        .collect();
    for t in missing {
        p.push(Problem::new(
            ProblemKind::Missing,
            "tier_order",
            format!("tier {:?} is defined but missing from tier_order", t.code()),
        ));
        v.unranked.push(t);
    }
    order
}
