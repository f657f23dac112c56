//! Reading a profile from any serde format, with the DOMAIN.md §3 rules and error order.
//!
//! The record is first read whole into [`Raw`] (keeping duplicate keys and the JSON type of every value), then
//! checked: unknown and duplicate fields in the order they appear, then each field in the order of the §3
//! table. Reading through `Raw` rather than a derived struct is what lets a record report exactly its first
//! error, tell a number given as a string from a number, and quote the offending value.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Profile;
use crate::error::{MAX_EMPLOYEES, MAX_WAN, write_json_string};
use crate::{Coded, ErrorValue, Field, ProfileError, Wan};

/// A JSON-like value, as read; objects keep their keys in order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Array(Vec<Raw>),
    Object(Vec<(String, Raw)>),
}

impl fmt::Display for Raw {
    /// The value as compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Raw::Null => f.write_str("null"),
            Raw::Bool(b) => write!(f, "{b}"),
            Raw::Int(n) => write!(f, "{n}"),
            Raw::UInt(n) => write!(f, "{n}"),
            Raw::Float(x) => write!(f, "{x:?}"),
            Raw::Str(s) => write_json_string(f, s),
            Raw::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Raw::Object(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_json_string(f, k)?;
                    write!(f, ":{v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Raw>()? {
            entries.push((k, v));
        }
        Ok(Raw::Object(entries))
    }
}

/// One field's value as read, or `None` when the key was absent.
type Slot<'r> = Option<&'r Raw>;

fn invalid(field: Field, raw: &Raw) -> ProfileError {
    let value = match raw {
        Raw::Str(s) => ErrorValue::Text(s.clone()),
        other => ErrorValue::Json(other.to_string()),
    };
    ProfileError::InvalidValue { field, value }
}

/// A string field: absent, `null` and blank strings are `None`; a non-string is an error.
fn text(field: Field, slot: Slot<'_>) -> Result<Option<&str>, ProfileError> {
    match slot {
        None | Some(Raw::Null) => Ok(None),
        Some(Raw::Str(s)) => Ok(Some(s.trim()).filter(|t| !t.is_empty())),
        Some(other) => Err(invalid(field, other)),
    }
}

/// A code-list field: a string naming a code or label.
fn code<T: Coded>(field: Field, slot: Slot<'_>) -> Result<Option<T>, ProfileError> {
    match text(field, slot)? {
        None => Ok(None),
        Some(t) => match t.parse() {
            Ok(v) => Ok(Some(v)),
            Err(_) => Err(slot.map_or(ProfileError::MissingField { field }, |raw| {
                invalid(field, raw)
            })),
        },
    }
}

/// A required code-list field (`post`): absent or `null` is missing, a blank string is invalid.
fn required_code<T: Coded>(field: Field, slot: Slot<'_>) -> Result<T, ProfileError> {
    match slot {
        None | Some(Raw::Null) => Err(ProfileError::MissingField { field }),
        Some(raw) => code(field, slot)?.ok_or_else(|| invalid(field, raw)),
    }
}

/// A number field: a JSON number, or absent (absent, `null`, blank string); other strings are wrong types.
fn number(field: Field, slot: Slot<'_>) -> Result<Option<&Raw>, ProfileError> {
    match slot {
        None | Some(Raw::Null) => Ok(None),
        Some(Raw::Str(s)) if s.trim().is_empty() => Ok(None),
        Some(raw @ (Raw::Int(_) | Raw::UInt(_) | Raw::Float(_))) => Ok(Some(raw)),
        Some(other) => Err(invalid(field, other)),
    }
}

/// `employees`: a whole number 0 ..= 10,000,000, which may be written `300`, `300.0` or `3e2`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole(field: Field, slot: Slot<'_>) -> Result<Option<u32>, ProfileError> {
    let Some(raw) = number(field, slot)? else {
        return Ok(None);
    };
    let n = match *raw {
        Raw::Int(n) => u32::try_from(n).ok(),
        Raw::UInt(n) => u32::try_from(n).ok(),
        // Whole, in range and not negative (`-0.0 >= 0.0` holds, so `-0` is 0): the cast is exact.
        Raw::Float(x) if x.fract() == 0.0 && (0.0..=f64::from(MAX_EMPLOYEES)).contains(&x) => {
            Some(x as u32)
        }
        _ => None,
    };
    match n.filter(|&n| n <= MAX_EMPLOYEES) {
        Some(n) => Ok(Some(n)),
        None => Err(invalid(field, raw)),
    }
}

/// `revenue_wan` and `assets_wan`: a number of 万元, 0 ..= 10,000,000,000, at most 4 decimal places.
fn money(field: Field, slot: Slot<'_>) -> Result<Option<Wan>, ProfileError> {
    let Some(raw) = number(field, slot)? else {
        return Ok(None);
    };
    let w = match *raw {
        Raw::Int(n) => u64::try_from(n).ok().map(Wan::from_wan),
        Raw::UInt(n) => Some(Wan::from_wan(n)),
        Raw::Float(x) => Wan::from_f64(x),
        _ => None,
    };
    match w.filter(|w| *w <= Wan::from_wan(MAX_WAN)) {
        Some(w) => Ok(Some(w)),
        None => Err(invalid(field, raw)),
    }
}

/// A bool field: a JSON bool, or absent (absent, `null`, blank string); `"true"` is a wrong type in JSON.
fn flag(field: Field, slot: Slot<'_>) -> Result<Option<bool>, ProfileError> {
    match slot {
        None | Some(Raw::Null) => Ok(None),
        Some(Raw::Str(s)) if s.trim().is_empty() => Ok(None),
        Some(Raw::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(invalid(field, other)),
    }
}

/// The known field closest to `name` by edit distance (ties go to the earlier field).
fn closest_field(name: &str) -> Field {
    let mut best = (usize::MAX, Field::Id);
    for &f in Field::ALL {
        let d = edit_distance(name, f.code());
        if d < best.0 {
            best = (d, f);
        }
    }
    best.1
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = i;
        let mut left = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diag + usize::from(ca != cb);
            let next = cost.min(up.saturating_add(1)).min(left + 1);
            diag = up;
            if let Some(cell) = row.get_mut(j) {
                *cell = left;
            }
            left = next;
        }
        if let Some(last) = row.last_mut() {
            *last = left;
        }
    }
    row.last().copied().unwrap_or(0)
}

impl Profile {
    /// Reads a profile from a value already parsed into [`Raw`], with the DOMAIN.md §3 rules and error order.
    pub(crate) fn from_raw(raw: &Raw) -> Result<Profile, ProfileError> {
        let Raw::Object(entries) = raw else {
            return Err(ProfileError::NotAnObject {
                value: raw.to_string(),
            });
        };
        let mut slots: [Slot<'_>; Field::ALL.len()] = [None; Field::ALL.len()];
        for (key, value) in entries {
            let Some(field) = Field::ALL.iter().copied().find(|f| f.code() == key) else {
                return Err(ProfileError::UnknownField {
                    name: key.clone(),
                    suggestion: closest_field(key),
                });
            };
            match slots.get_mut(field.index()) {
                Some(slot @ None) => *slot = Some(value),
                _ => return Err(ProfileError::DuplicateField { field }),
            }
        }
        let get = |f: Field| slots.get(f.index()).copied().flatten();

        // Fields in the order of the §3 table, so the first error reported is the first in that order.
        let id = match get(Field::Id) {
            None | Some(Raw::Null) => return Err(ProfileError::MissingField { field: Field::Id }),
            Some(Raw::Str(s)) => super::checked_id(s)?,
            Some(other) => return Err(invalid(Field::Id, other)),
        };
        let name = text(Field::Name, get(Field::Name))?;
        let post = required_code(Field::Post, get(Field::Post))?;
        let mut b = Profile::builder(id, post);
        if let Some(n) = name {
            b = b.name(n);
        }
        let b = b
            .role(code(Field::Role, get(Field::Role))?)
            .industry(code(Field::Industry, get(Field::Industry))?)
            .employees(whole(Field::Employees, get(Field::Employees))?)
            .revenue_wan(money(Field::RevenueWan, get(Field::RevenueWan))?)
            .assets_wan(money(Field::AssetsWan, get(Field::AssetsWan))?)
            .enterprise_size(code(Field::EnterpriseSize, get(Field::EnterpriseSize))?)
            .above_designated_size(flag(
                Field::AboveDesignatedSize,
                get(Field::AboveDesignatedSize),
            )?)
            .ownership(code(Field::Ownership, get(Field::Ownership))?)
            .performance(code(Field::Performance, get(Field::Performance))?)
            .contribution(code(Field::Contribution, get(Field::Contribution))?)
            .potential(flag(Field::Potential, get(Field::Potential))?)
            .professional_title(code(
                Field::ProfessionalTitle,
                get(Field::ProfessionalTitle),
            )?)
            .skill_level(code(Field::SkillLevel, get(Field::SkillLevel))?)
            .social_work_certificate(code(
                Field::SocialWorkCertificate,
                get(Field::SocialWorkCertificate),
            )?)
            .rural_role(code(Field::RuralRole, get(Field::RuralRole))?)
            .introduction_level(code(
                Field::IntroductionLevel,
                get(Field::IntroductionLevel),
            )?);
        b.build()
    }

    /// Reads a profile from its flat JSON record (DOMAIN.md §3), reporting the record's first error.
    ///
    /// Value fields accept a code or any label; absent, `null` and blank optional fields are absent; a number
    /// given as a string is a wrong type. Requires the `json` feature.
    ///
    /// # Errors
    ///
    /// A [`ProfileError`] naming the field and the value: syntax first, then unknown and duplicate fields, then
    /// values in the order of the §3 table.
    ///
    /// ```
    /// use talent_matrix::{Post, Profile, Wan};
    ///
    /// let p = Profile::from_json(r#"{"id":"P-1","post":"enterprise","employees":3e2,"revenue_wan":"  "}"#)?;
    /// assert_eq!(p.post(), Post::Enterprise);
    /// assert_eq!(p.employees(), Some(300));
    /// assert_eq!(p.revenue_wan(), None);
    ///
    /// let err = Profile::from_json(r#"{"id":"P-1","post":"enterprise","employees":"300"}"#).unwrap_err();
    /// assert_eq!(err.to_string(), r#"employees must be a whole number from 0 to 10000000, got "300""#);
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let raw: Raw = serde_json::from_str(json).map_err(|e| ProfileError::Syntax {
            message: e.to_string(),
        })?;
        Profile::from_raw(&raw)
    }
}

impl<'de> Deserialize<'de> for Profile {
    /// Reads the flat record of DOMAIN.md §3 from any self-describing format, as [`Profile::from_json`] does;
    /// the [`ProfileError`] message becomes the format's custom error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Profile, D::Error> {
        let raw = Raw::deserialize(deserializer)?;
        Profile::from_raw(&raw).map_err(de::Error::custom)
    }
}

impl Serialize for Profile {
    /// Writes the flat record of DOMAIN.md §3 with codes, omitting absent optional fields; it reads back equal.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn opt<M: SerializeMap, T: Serialize>(
            m: &mut M,
            f: Field,
            v: Option<T>,
        ) -> Result<(), M::Error> {
            match v {
                Some(v) => m.serialize_entry(f.code(), &v),
                None => Ok(()),
            }
        }
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry(Field::Id.code(), &self.id)?;
        opt(&mut m, Field::Name, self.name.as_deref())?;
        m.serialize_entry(Field::Post.code(), &self.post)?;
        opt(&mut m, Field::Role, self.role)?;
        opt(&mut m, Field::Industry, self.industry)?;
        opt(&mut m, Field::Employees, self.employees)?;
        opt(&mut m, Field::RevenueWan, self.revenue_wan)?;
        opt(&mut m, Field::AssetsWan, self.assets_wan)?;
        opt(&mut m, Field::EnterpriseSize, self.enterprise_size)?;
        opt(
            &mut m,
            Field::AboveDesignatedSize,
            self.above_designated_size,
        )?;
        opt(&mut m, Field::Ownership, self.ownership)?;
        m.serialize_entry(Field::Performance.code(), &self.performance)?;
        m.serialize_entry(Field::Contribution.code(), &self.contribution)?;
        m.serialize_entry(Field::Potential.code(), &self.potential)?;
        opt(&mut m, Field::ProfessionalTitle, self.professional_title)?;
        opt(&mut m, Field::SkillLevel, self.skill_level)?;
        opt(
            &mut m,
            Field::SocialWorkCertificate,
            self.social_work_certificate,
        )?;
        opt(&mut m, Field::RuralRole, self.rural_role)?;
        opt(&mut m, Field::IntroductionLevel, self.introduction_level)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("emploees", "employees"), 1);
        assert_eq!(edit_distance("编号", "编码"), 1);
    }

    #[test]
    fn closest_field_prefers_the_smallest_distance() {
        assert_eq!(closest_field("ID"), Field::Id);
        assert_eq!(closest_field("revenue"), Field::RevenueWan);
        assert_eq!(closest_field("skil_level"), Field::SkillLevel);
        // Plain edit distance, as DOMAIN.md §3 asks: a short prefix is closer to a short field.
        assert_eq!(closest_field("skill"), Field::Id);
        assert_eq!(closest_field("potental"), Field::Potential);
    }
}
