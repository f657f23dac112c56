//! Reading the fields a policy adds to the profile (DOMAIN.md §9.2): a one-valued fact takes a code or label, a
//! many-valued fact a list of them (in CSV one cell, separated by `;`, `；` or `、`), an indicator a number of its
//! unit. Empty is absent. A profile read without the policy knows none of them: they are unknown fields, as any
//! other key no field reads.

use super::Policy;
use crate::error::ProfileError;
use crate::facts::slots::{FieldDef, FieldKind};
use crate::money::Measure;
use crate::profile::{PolicyValue, Profile};

/// The separators of the values of a many-valued fact in one cell.
const SEPARATORS: [char; 3] = [';', '；', '、'];

fn error(def: &FieldDef, value: &str, expected: impl Into<String>) -> ProfileError {
    ProfileError::PolicyField {
        field: def.code.clone(),
        value: value.to_owned(),
        expected: expected.into(),
    }
}

/// What a value of a fact must be, as an error says it.
fn one_of(def: &FieldDef) -> String {
    format!(
        "must be one of {} (or their labels)",
        def.codes().join(", ")
    )
}

/// The code of a value given by code or label.
fn value_code(def: &FieldDef, whole: &str, text: &str) -> Result<String, ProfileError> {
    let values = match &def.kind {
        FieldKind::One(v) | FieldKind::Many(v) => v,
        FieldKind::Indicator(_) => return Err(error(def, whole, "takes a number")),
    };
    def.value_index(text)
        .and_then(|i| values.get(i))
        .map(|v| v.code.clone())
        .ok_or_else(|| error(def, whole, one_of(def)))
}

/// A field's value from its cell text (CSV, or a JSON string): `None` when empty.
pub(crate) fn read_text(def: &FieldDef, text: &str) -> Result<Option<PolicyValue>, ProfileError> {
    let trimmed = crate::lang::trim(text);
    if trimmed.is_empty() {
        return Ok(None);
    }
    match &def.kind {
        FieldKind::One(_) => {
            if trimmed.contains(SEPARATORS) {
                return Err(error(def, text, "takes one value"));
            }
            Ok(Some(PolicyValue::One(value_code(def, text, trimmed)?)))
        }
        FieldKind::Many(_) => {
            let parts: Vec<&str> = trimmed
                .split(SEPARATORS)
                .map(crate::lang::trim)
                .filter(|p| !p.is_empty())
                .collect();
            many(def, text, &parts)
        }
        FieldKind::Indicator(unit) => {
            let n: Measure = trimmed
                .parse()
                .map_err(|_| error(def, text, format!("must be {}", unit.expected())))?;
            unit.check(n)
                .map_err(|expected| error(def, text, format!("must be {expected}")))?;
            Ok(Some(PolicyValue::Number(n)))
        }
    }
}

/// The values of a many-valued fact, each once.
fn many(def: &FieldDef, whole: &str, parts: &[&str]) -> Result<Option<PolicyValue>, ProfileError> {
    let mut codes: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let code = value_code(def, whole, part)?;
        if codes.contains(&code) {
            return Err(error(def, whole, "takes each value once"));
        }
        codes.push(code);
    }
    Ok((!codes.is_empty()).then_some(PolicyValue::Many(codes)))
}

/// A field's value from a JSON value: a string for a one-valued fact, an array of strings for a many-valued
/// one, a number for an indicator; `null`, `""` and `[]` are absent.
#[cfg(feature = "json")]
fn read_raw(def: &FieldDef, raw: &crate::raw::Raw) -> Result<Option<PolicyValue>, ProfileError> {
    use crate::raw::Raw;
    let shown = |raw: &Raw| match raw {
        Raw::Str(s) => s.clone(),
        other => other.to_string(),
    };
    match (&def.kind, raw) {
        (_, Raw::Null) => Ok(None),
        (FieldKind::One(_), Raw::Str(s)) => read_text(def, s),
        (FieldKind::One(_), Raw::Array(_)) => Err(error(def, &shown(raw), "takes one value")),
        (FieldKind::One(_), _) => Err(error(def, &shown(raw), one_of(def))),
        (FieldKind::Many(_), Raw::Array(items)) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Raw::Str(s) => parts.push(crate::lang::trim(s)),
                    _ => {
                        return Err(error(
                            def,
                            &shown(raw),
                            format!("must be a list of values ({})", def.codes().join(", ")),
                        ));
                    }
                }
            }
            parts.retain(|p| !p.is_empty());
            many(def, &shown(raw), &parts)
        }
        (FieldKind::Many(_), _) => Err(error(
            def,
            &shown(raw),
            format!("must be a list of values ({})", def.codes().join(", ")),
        )),
        (FieldKind::Indicator(unit), Raw::Int(_) | Raw::UInt(_) | Raw::Float(_)) => {
            let n = raw
                .measure()
                .ok_or_else(|| error(def, &shown(raw), format!("must be {}", unit.expected())))?;
            unit.check(n)
                .map_err(|expected| error(def, &shown(raw), format!("must be {expected}")))?;
            Ok(Some(PolicyValue::Number(n)))
        }
        (FieldKind::Indicator(unit), _) => Err(error(
            def,
            &shown(raw),
            format!("must be {}", unit.expected()),
        )),
    }
}

impl Policy {
    /// The codes of the fields this policy adds to the profile (DOMAIN.md §9.2): its facts, then its indicators,
    /// in the document's order. None for the built-in policy.
    ///
    /// ```
    /// assert_eq!(talent_matrix::Policy::shizhong_2011().field_codes().count(), 0);
    /// # #[cfg(feature = "toml")] {
    /// use talent_matrix::{Policy, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-facts.toml"))?)?;
    /// assert_eq!(
    ///     policy.field_codes().collect::<Vec<_>>(),
    ///     ["honour", "contribution_grade", "district_contribution_wan", "papers"]
    /// );
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn field_codes(&self) -> impl Iterator<Item = &str> {
        self.compiled().slots.fields.iter().map(|f| f.code.as_str())
    }

    /// The labels of a field this policy adds, by its code.
    pub(crate) fn field_labels(&self, code: &str) -> Option<&crate::lang::LabelsDoc> {
        self.compiled()
            .slots
            .fields
            .iter()
            .find(|f| f.code == code)
            .map(|f| &f.labels)
    }

    /// Reads one field this policy adds to the profile (DOMAIN.md §9.2) from its text, as a CSV cell holds it:
    /// the field named by its code or either Chinese label; a value by code or label; a many-valued fact's
    /// values separated by `;`, `；` or `、`; an indicator's number as a plain decimal. `Ok(None)` for an empty
    /// cell; `None` when the policy has no such field.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use talent_matrix::{Policy, PolicyValue, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-facts.toml"))?)?;
    /// let (code, value) = policy.read_field("荣誉称号", "泰山学者；市中英才").unwrap()?;
    /// assert_eq!(code, "honour");
    /// assert_eq!(value, Some(PolicyValue::Many(vec!["taishan_scholar".into(), "shizhong_talent".into()])));
    /// let err = policy.read_field("honour", "泰山学者；泰山学者").unwrap().unwrap_err();
    /// assert_eq!(err.to_string(), "honour takes each value once, got 泰山学者；泰山学者");
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ProfileError::PolicyField`]: the field's code, the whole text, and what the field takes.
    #[allow(clippy::type_complexity)] // a lookup that may miss, of a read that may fail, of a value that may be absent
    pub fn read_field(
        &self,
        name: &str,
        text: &str,
    ) -> Option<Result<(String, Option<PolicyValue>), ProfileError>> {
        let slots = &self.compiled().slots;
        let def = slots.fields.get(slots.field(name)?)?;
        Some(read_text(def, text).map(|v| (def.code.clone(), v)))
    }

    /// Reads a profile from its flat JSON record with the fields this policy adds (DOMAIN.md §9.2): the §3
    /// fields as [`Profile::from_json`] reads them, then the policy's fields in the order of the record. A key
    /// that is neither is an unknown field, as ever.
    ///
    /// ```
    /// # #[cfg(all(feature = "toml", feature = "json"))] {
    /// use talent_matrix::{Measure, Policy, PolicyValue, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-facts.toml"))?)?;
    /// let p = policy.profile_from_json(
    ///     r#"{"id":"1","post":"enterprise","honour":["泰山学者"],"district_contribution_wan":620}"#,
    /// )?;
    /// assert_eq!(p.policy_value("district_contribution_wan"), Some(&PolicyValue::Number(Measure::from_whole(620))));
    /// let err = policy.profile_from_json(r#"{"id":"1","post":"enterprise","honour":"泰山学者"}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "honour must be a list of values (shizhong_talent, taishan_scholar), got 泰山学者"
    /// );
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Every error of [`Profile::from_json`], then [`ProfileError::PolicyField`] for the first policy field
    /// that holds a value it may not take.
    #[cfg(feature = "json")]
    pub fn profile_from_json(&self, json: &str) -> Result<Profile, ProfileError> {
        self.read_json_with_id(json).map_err(|(e, _)| e)
    }

    /// [`Policy::profile_from_json`], with the record's id when the error is past it (a roster's row error).
    #[cfg(feature = "json")]
    pub(crate) fn read_json_with_id(
        &self,
        json: &str,
    ) -> Result<Profile, (ProfileError, Option<String>)> {
        use crate::raw::Raw;
        let slots = &self.compiled().slots;
        if slots.is_empty() {
            return Profile::read_json(json);
        }
        let raw: Raw = match serde_json::from_str(json) {
            Ok(raw) => raw,
            Err(_) => return Profile::read_json(json),
        };
        let Raw::Object(entries) = raw else {
            return Profile::read_json(json);
        };
        // JSON keys by code, as the §3 fields' (DOMAIN.md §9.2); a Chinese label names a CSV column only.
        let code_of = |key: &str| slots.fields.iter().position(|f| f.code == key);
        let (own, rest): (Vec<_>, Vec<_>) = entries
            .into_iter()
            .partition(|(key, _)| code_of(key).is_some());
        // The §3 fields as `Profile::from_json` reads them, their numbers from their text (never an `f64`).
        let rest = Raw::Object(rest);
        let numbers = crate::profile::number_texts(json);
        let mut profile = Profile::from_raw_numbers(&rest, &numbers).map_err(|e| (e, rest.id()))?;
        let id = || Some(profile.id().to_owned());
        let mut fields: Vec<(String, PolicyValue)> = Vec::with_capacity(own.len());
        for (key, value) in &own {
            let Some(def) = code_of(key).and_then(|i| slots.fields.get(i)) else {
                continue;
            };
            if fields.iter().any(|(c, _)| *c == def.code) {
                let error = ProfileError::PolicyField {
                    field: def.code.clone(),
                    value: key.clone(),
                    expected: "is given twice".to_owned(),
                };
                return Err((error, id()));
            }
            if let Some(v) = read_raw(def, value).map_err(|e| (e, id()))? {
                fields.push((def.code.clone(), v));
            }
        }
        profile.set_policy_fields(fields);
        Ok(profile)
    }

    /// Checks the fields a profile holds against this policy (DOMAIN.md §9.2), as a reader given the policy
    /// would: every field one of the policy's, every value one of its field's, each once, numbers in range.
    /// For profiles built in code with [`ProfileBuilder::policy_value`](crate::ProfileBuilder::policy_value).
    ///
    /// # Errors
    ///
    /// [`ProfileError::PolicyField`] for the first field that is not the policy's or holds what it may not.
    pub fn check_profile(&self, profile: &Profile) -> Result<(), ProfileError> {
        let slots = &self.compiled().slots;
        for (code, value) in profile.policy_values() {
            let Some(def) = slots.fields.iter().find(|d| d.code == code) else {
                return Err(ProfileError::PolicyField {
                    field: code.to_owned(),
                    value: value.to_string(),
                    expected: format!("is not a field of policy {}", self.name()),
                });
            };
            let ok = match (&def.kind, value) {
                (FieldKind::One(_), PolicyValue::One(c)) => def.codes().contains(&c.as_str()),
                (FieldKind::Many(_), PolicyValue::Many(cs)) => {
                    !cs.is_empty()
                        && cs.iter().all(|c| def.codes().contains(&c.as_str()))
                        && cs
                            .iter()
                            .enumerate()
                            .all(|(i, c)| !cs.iter().take(i).any(|d| d == c))
                }
                (FieldKind::Indicator(unit), PolicyValue::Number(n)) => unit.check(*n).is_ok(),
                _ => false,
            };
            if !ok {
                let expected = match &def.kind {
                    FieldKind::One(_) => format!("takes one value: {}", def.codes().join(", ")),
                    FieldKind::Many(_) => format!(
                        "takes each of its values at most once: {}",
                        def.codes().join(", ")
                    ),
                    FieldKind::Indicator(unit) => format!("must be {}", unit.expected()),
                };
                return Err(error(def, &value.to_string(), expected));
            }
        }
        Ok(())
    }
}
