//! Figures by unit: a matrix per reporting unit (a value of a grouping column), and how units are headed.

use std::borrow::Cow;
use std::collections::HashMap;

use super::Matrix;
use crate::classify::Classification;
use crate::lang::Lang;

/// How a unit is headed in figures by unit: its name, or "not given" (（未填）) for the people given without
/// one. A unit whose name is one of these headings, or the total's ([`all_units_label`]), in any language, is
/// headed in quotes, so that it cannot be taken for the blank unit or the total.
///
/// ```
/// use talent_matrix::{matrix::unit_label, Lang};
/// assert_eq!(unit_label(Some("大观园街道"), Lang::ZhHans), "大观园街道");
/// assert_eq!(unit_label(None, Lang::ZhHans), "（未填）");
/// assert_eq!(unit_label(None, Lang::En), "(not given)");
/// assert_eq!(unit_label(Some("（未填）"), Lang::ZhHans), "“（未填）”");
/// assert_eq!(unit_label(Some(" (total) "), Lang::ZhHans), "“ (total) ”");
/// ```
pub fn unit_label(unit: Option<&str>, lang: Lang) -> Cow<'_, str> {
    match unit {
        None => Cow::Borrowed(NOT_GIVEN.text(lang)),
        Some(name) => {
            let name_trimmed = crate::lang::trim(name);
            let heading = [NOT_GIVEN, ALL_UNITS]
                .iter()
                .any(|w| Lang::ALL.iter().any(|&l| w.text(l) == name_trimmed));
            if heading {
                Cow::Owned(format!("“{name}”"))
            } else {
                Cow::Borrowed(name)
            }
        }
    }
}

/// How the total of every unit is headed in figures by unit: （合计）, （合計）, (total).
///
/// ```
/// use talent_matrix::{matrix::all_units_label, Lang};
/// assert_eq!(all_units_label(Lang::ZhHant), "（合計）");
/// ```
pub fn all_units_label(lang: Lang) -> &'static str {
    ALL_UNITS.text(lang)
}

/// A heading of figures by unit in zh-Hans, zh-Hant and English.
struct Heading(&'static str, &'static str, &'static str);

impl Heading {
    fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhHans => self.0,
            Lang::ZhHant => self.1,
            Lang::En => self.2,
        }
    }
}

/// The people given without a unit.
const NOT_GIVEN: Heading = Heading("（未填）", "（未填）", "(not given)");
/// Every unit together.
const ALL_UNITS: Heading = Heading("（合计）", "（合計）", "(total)");

/// A matrix per unit, in the order the units were first met, each found through a map: a roster of a million
/// rows and a million units costs a million lookups, not a million scans.
///
/// ```
/// use talent_matrix::matrix::ByUnit;
/// use talent_matrix::{classify, Post, Profile};
/// let a = Profile::builder("A", Post::Other).build()?;
/// let b = Profile::builder("B", Post::Community).build()?;
/// let mut units = ByUnit::new();
/// units.add(Some("区教育局"), &classify(&a));
/// units.add(None, &classify(&b));
/// units.add(Some("区教育局"), &classify(&b));
/// let got: Vec<(Option<&str>, u64)> = units.units().iter().map(|(u, m)| (u.as_deref(), m.total())).collect();
/// assert_eq!(got, [(Some("区教育局"), 2), (None, 1)]);
/// # Ok::<(), talent_matrix::ProfileError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ByUnit {
    units: Vec<(Option<String>, Matrix)>,
    index: HashMap<Box<str>, usize>,
    none: Option<usize>,
}

impl ByUnit {
    /// No unit yet.
    pub fn new() -> ByUnit {
        ByUnit::default()
    }

    /// Counts a classification in its unit's matrix (`None`: the people given without one).
    pub fn add(&mut self, unit: Option<&str>, c: &Classification<'_>) {
        let at = match unit {
            None => *self.none.get_or_insert_with(|| {
                self.units.push((None, Matrix::new()));
                self.units.len() - 1
            }),
            Some(name) => match self.index.get(name) {
                Some(&i) => i,
                None => {
                    self.units.push((Some(name.to_owned()), Matrix::new()));
                    self.index.insert(name.into(), self.units.len() - 1);
                    self.units.len() - 1
                }
            },
        };
        if let Some((_, m)) = self.units.get_mut(at) {
            m.add(c);
        }
    }

    /// Each unit and its matrix, in the order first met.
    pub fn units(&self) -> &[(Option<String>, Matrix)] {
        &self.units
    }

    /// Each unit and its matrix, by value.
    pub fn into_units(self) -> Vec<(Option<String>, Matrix)> {
        self.units
    }

    /// How many units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether no unit has been met.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}
