//! [`Defined`]: values a policy adds to the five open outcome lists (DOMAIN.md §9.1).
//!
//! A policy's `[[values]]` define new departments, specialties, tiers, entitlements and services. Each is kept,
//! when the policy loads, in a process-wide table of definitions (its list, code, three labels, aliases, source
//! and, for a specialty, its parent stream), so that a value stays `Copy` and prints without its policy: the
//! open lists ([`Department`](super::Department), [`Specialty`](super::Specialty), [`Tier`](super::Tier),
//! [`Entitlement`](super::Entitlement), [`Service`](super::Service)) have a variant `Defined(Defined)` beside
//! their built-in ones. The same definition loaded again is the same value. The table holds at most
//! [`KEPT_VALUES`] definitions, so loading untrusted policies cannot grow memory without bound: a policy whose
//! values would pass that is refused with a problem.

use std::sync::{Mutex, OnceLock, PoisonError};

use crate::codes::Stream;
use crate::lang::Lang;

/// The most definitions a process keeps (DOMAIN.md §9.1; see the [module docs](self)).
pub(crate) const KEPT_VALUES: usize = 4096;

/// A value a loaded policy defined for one of the open lists (DOMAIN.md §9.1): a handle on its definition.
///
/// Obtained only from a policy (e.g. `policy.parse::<Department>("卫健局")`, or a classification under it);
/// read it through the list's own methods (`code`, `label`, `aliases`, `source`), which work without the policy.
/// Two handles are equal when their definitions are. `Debug` shows the code.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use talent_matrix::{Department, Lang, Policy, policy::PolicyDoc};
/// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-other-place.toml"))?)?;
/// let d: Department = policy.parse("卫健局")?;
/// assert!(matches!(d, Department::Defined(_)));
/// assert_eq!(d.code(), "health_bureau");
/// assert_eq!(d.label(Lang::ZhHant), "區衛生健康局");
/// assert_eq!(format!("{d}"), "District Health Commission");
/// assert_eq!(format!("{d:?}"), r#"Defined(Defined("health_bureau"))"#);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Defined(u16);

/// A definition as the table keeps it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Definition {
    /// The list's kind, as [`Coded::KIND`](super::Coded::KIND) names it.
    pub(crate) list: &'static str,
    pub(crate) code: &'static str,
    /// zh-Hans, zh-Hant, en.
    pub(crate) labels: [&'static str; 3],
    pub(crate) aliases: &'static [&'static str],
    pub(crate) source: &'static str,
    /// The stream a defined specialty refines.
    pub(crate) parent: Option<Stream>,
}

/// A definition as a policy states it, before it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewDefinition<'a> {
    pub(crate) list: &'static str,
    pub(crate) code: &'a str,
    pub(crate) labels: [&'a str; 3],
    pub(crate) aliases: &'a [String],
    pub(crate) source: &'a str,
    pub(crate) parent: Option<Stream>,
}

impl NewDefinition<'_> {
    fn is(&self, kept: &Definition) -> bool {
        kept.list == self.list
            && kept.code == self.code
            && kept.labels == self.labels
            && kept.aliases.len() == self.aliases.len()
            && kept.aliases.iter().zip(self.aliases).all(|(a, b)| *a == b)
            && kept.source == self.source
            && kept.parent == self.parent
    }
}

static TABLE: [OnceLock<&'static Definition>; KEPT_VALUES] =
    [const { OnceLock::new() }; KEPT_VALUES];
/// How many entries of [`TABLE`] are set; held while one is added.
static KEPT: Mutex<usize> = Mutex::new(0);

/// The fallback of [`Defined::definition`], never reached: a handle is made only for a set entry.
static NOWHERE: Definition = Definition {
    list: "",
    code: "",
    labels: [""; 3],
    aliases: &[],
    source: "",
    parent: None,
};

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// Keeps a definition, or finds the same one kept before; `None` when the table is full.
pub(crate) fn define(new: &NewDefinition<'_>) -> Option<Defined> {
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    let found = TABLE
        .iter()
        .take(*kept)
        .position(|slot| slot.get().is_some_and(|d| new.is(d)));
    if let Some(i) = found {
        return u16::try_from(i).ok().map(Defined);
    }
    let slot = TABLE.get(*kept)?;
    let id = u16::try_from(*kept).ok()?;
    let aliases: Vec<&'static str> = new.aliases.iter().map(|a| leak(a)).collect();
    let definition: &'static Definition = Box::leak(Box::new(Definition {
        list: new.list,
        code: leak(new.code),
        labels: new.labels.map(leak),
        aliases: Box::leak(aliases.into_boxed_slice()),
        source: leak(new.source),
        parent: new.parent,
    }));
    slot.set(definition).ok()?;
    *kept += 1;
    Some(Defined(id))
}

/// The first value kept for list `list` (its kind) with code `code`: what reads a rule id back, which names a
/// value by its code alone.
pub(crate) fn find(list: &str, code: &str) -> Option<Defined> {
    let kept = *KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    let i = TABLE
        .iter()
        .take(kept)
        .position(|slot| slot.get().is_some_and(|d| d.list == list && d.code == code))?;
    u16::try_from(i).ok().map(Defined)
}

impl Defined {
    /// The definition this handle was made for.
    pub(crate) fn definition(self) -> &'static Definition {
        TABLE
            .get(usize::from(self.0))
            .and_then(OnceLock::get)
            .copied()
            .unwrap_or(&NOWHERE)
    }

    /// The code, as the policy defined it.
    pub(crate) fn code(self) -> &'static str {
        self.definition().code
    }

    /// The label in a language.
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        let [hans, hant, en] = self.definition().labels;
        match lang {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        }
    }

    /// The aliases, as the policy gave them.
    pub(crate) fn aliases(self) -> &'static [&'static str] {
        self.definition().aliases
    }

    /// The source, as the policy gave it.
    pub(crate) fn source(self) -> &'static str {
        self.definition().source
    }

    /// Its number in the process's table.
    pub(crate) fn number(self) -> usize {
        usize::from(self.0)
    }
}

impl core::fmt::Debug for Defined {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Defined").field(&self.code()).finish()
    }
}
