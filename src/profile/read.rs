//! Reading a profile from a JSON record or a CSV row, with the DOMAIN.md §3 rules and error order.
//!
//! The record is first read whole into [`Raw`] (keeping duplicate keys and the JSON type of every value), then
//! checked: unknown and duplicate fields in the order they appear, then each field in the order of the §3
//! table. Reading through `Raw` rather than a derived struct is what lets a record report exactly its first
//! error, tell a number given as a string from a number, and quote the offending value.

#[cfg(feature = "serde")]
use serde::de::{self, Deserialize, Deserializer};
#[cfg(feature = "serde")]
use serde::ser::{Serialize, SerializeMap, Serializer};

#[cfg(feature = "serde")]
use super::PolicyValue;
use super::Profile;
use super::cell::{Cell, Json, Slot};
use crate::codes::{Coded, Field, per_code, per_code_mut};
use crate::error::{ErrorValue, ProfileError};
use crate::error::{MAX_EMPLOYEES, MAX_WAN};
use crate::fields::with_profile_fields;
use crate::money::Wan;
use crate::raw::Raw;

/// A cell with a value: `None` for absent, `null`, and blank strings or cells (DOMAIN.md §3: all absent).
fn present(slot: Slot<'_>) -> Option<Cell<'_>> {
    match slot? {
        Cell::Json(Json::Null) => None,
        cell if cell.str().is_some_and(|s| crate::lang::trim(s).is_empty()) => None,
        cell => Some(cell),
    }
}

fn invalid(field: Field, cell: Cell<'_>) -> ProfileError {
    let value = match cell {
        Cell::Json(Json::Str(s)) => ErrorValue::text(s),
        Cell::Json(other) => ErrorValue::json(other.to_string()),
        Cell::Text(s) => ErrorValue::text(s),
    };
    ProfileError::InvalidValue { field, value }
}

/// A string field (`name`, and every code-list field): trimmed text, or `None` when absent.
fn text(field: Field, slot: Slot<'_>) -> Result<Option<(&str, Cell<'_>)>, ProfileError> {
    match present(slot) {
        None => Ok(None),
        Some(cell) => match cell.str() {
            Some(s) => Ok(Some((crate::lang::trim(s), cell))),
            None => Err(invalid(field, cell)),
        },
    }
}

/// A code-list field: a string naming a code or label.
fn code<T: Coded>(field: Field, slot: Slot<'_>) -> Result<Option<T>, ProfileError> {
    match text(field, slot)? {
        None => Ok(None),
        Some((t, cell)) => t.parse().map(Some).map_err(|_| invalid(field, cell)),
    }
}

/// A required code-list field (`post`): absent, `null` or an empty cell is missing; a blank JSON string is
/// invalid.
fn required_code<T: Coded>(field: Field, slot: Slot<'_>) -> Result<T, ProfileError> {
    match slot {
        None | Some(Cell::Json(Json::Null)) => Err(ProfileError::MissingField { field }),
        Some(Cell::Text(t)) if t.trim().is_empty() => Err(ProfileError::MissingField { field }),
        Some(cell) => code(field, slot)?.ok_or_else(|| invalid(field, cell)),
    }
}

/// A number written as text: a plain decimal; thousands separators get an error that says so.
fn decimal(field: Field, text: &str, cell: Cell<'_>) -> Result<Wan, ProfileError> {
    text.parse::<Wan>().map_err(|e| {
        if e.reason() == crate::money::SEPARATOR_REASON {
            ProfileError::ThousandsSeparator {
                field,
                value: ErrorValue::text(text),
            }
        } else {
            invalid(field, cell)
        }
    })
}

/// `employees`: a whole number 0 ..= 10,000,000, which may be written `300`, `300.0` or (JSON) `3e2`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole(field: Field, slot: Slot<'_>) -> Result<Option<u32>, ProfileError> {
    let Some(cell) = present(slot) else {
        return Ok(None);
    };
    let n = match cell {
        Cell::Json(Json::Int(n)) => u32::try_from(n).ok(),
        Cell::Json(Json::UInt(n)) => u32::try_from(n).ok(),
        // Whole, in range and not negative (`-0.0 >= 0.0` holds, so `-0` is 0): the cast is exact.
        Cell::Json(Json::Float(x))
            if x.fract() == 0.0 && (0.0..=f64::from(MAX_EMPLOYEES)).contains(&x) =>
        {
            Some(x as u32)
        }
        Cell::Text(t) => {
            let w = decimal(field, t.trim(), cell)?;
            let whole = (w.yuan() % 10_000 == 0).then_some(w.yuan() / 10_000);
            whole.and_then(|n| u32::try_from(n).ok())
        }
        Cell::Json(Json::Num(t)) => Wan::from_json_number(t)
            .and_then(|w| (w.yuan() % 10_000 == 0).then_some(w.yuan() / 10_000))
            .and_then(|n| u32::try_from(n).ok()),
        Cell::Json(_) => None,
    };
    match n.filter(|&n| n <= MAX_EMPLOYEES) {
        Some(n) => Ok(Some(n)),
        None => Err(invalid(field, cell)),
    }
}

/// `revenue_wan` and `assets_wan`: a number of 万元, 0 ..= 10,000,000,000, at most 4 decimal places.
fn money(field: Field, slot: Slot<'_>) -> Result<Option<Wan>, ProfileError> {
    let Some(cell) = present(slot) else {
        return Ok(None);
    };
    let w = match cell {
        Cell::Json(Json::Int(n)) => u64::try_from(n).ok().map(Wan::from_wan),
        Cell::Json(Json::UInt(n)) => Some(Wan::from_wan(n)),
        Cell::Json(Json::Float(x)) => Wan::from_f64(x),
        Cell::Json(Json::Num(t)) => Wan::from_json_number(t),
        Cell::Text(t) => Some(decimal(field, t.trim(), cell)?),
        Cell::Json(_) => None,
    };
    match w.filter(|w| *w <= Wan::from_wan(MAX_WAN)) {
        Some(w) => Ok(Some(w)),
        None => Err(invalid(field, cell)),
    }
}

/// A bool field: a JSON bool (`"true"` is a wrong type in JSON), or in a CSV cell true/false (any case), 是/否
/// or 1/0.
fn flag(field: Field, slot: Slot<'_>) -> Result<Option<bool>, ProfileError> {
    let Some(cell) = present(slot) else {
        return Ok(None);
    };
    let b = match cell {
        Cell::Json(Json::Bool(b)) => Some(b),
        Cell::Text(t) => text_flag(crate::lang::trim(t)),
        Cell::Json(_) => None,
    };
    b.map(Some).ok_or_else(|| invalid(field, cell))
}

/// A boolean written as text (trimmed): true/false (any case), 是/否, 1/0.
pub(super) fn text_flag(t: &str) -> Option<bool> {
    match t {
        "是" | "1" => Some(true),
        "否" | "0" => Some(false),
        t if t.eq_ignore_ascii_case("true") => Some(true),
        t if t.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A field's value read from its cell with the contract's checks, by kind (see `super::fields`).
macro_rules! checked {
    (code, $field:expr, $slot:expr) => {
        code($field, $slot)?
    };
    (code_or_default, $field:expr, $slot:expr) => {
        code($field, $slot)?
    };
    (flag, $field:expr, $slot:expr) => {
        flag($field, $slot)?
    };
    (flag_or_false, $field:expr, $slot:expr) => {
        flag($field, $slot)?
    };
    (whole, $field:expr, $slot:expr) => {
        whole($field, $slot)?
    };
    (money, $field:expr, $slot:expr) => {
        money($field, $slot)?
    };
}

/// The profile from its checked `id`, `name` and `post` and every other field's cell (`$get`), in the rows'
/// order.
macro_rules! checked_profile {
    ($id:expr, $name:expr, $post:expr, $get:ident
     @rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        {
            let mut stated = 0u32;
            Profile {
                id: $id,
                name: $name,
                post: $post,
                $($field: crate::profile::kept!($kind, Field::$variant, checked!($kind, Field::$variant, $get(Field::$variant)), stated),)+
                policy_fields: None,
                stated,
            }
        }
    };
}

/// Writes every field after `post`, by kind: a field with a default always, an optional one when present.
#[cfg(feature = "serde")]
macro_rules! serialize_profile {
    ($m:ident, $profile:expr, $opt:ident
     @rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        $(serialize_field!($kind, $m, $opt, Field::$variant, $profile, $field);)+
    };
}

#[cfg(feature = "serde")]
macro_rules! serialize_field {
    (code_or_default, $m:ident, $opt:ident, $field:expr, $profile:expr, $name:ident) => {
        $opt(
            &mut $m,
            $field,
            $profile.is_stated($field).then_some($profile.$name),
        )?
    };
    (flag_or_false, $m:ident, $opt:ident, $field:expr, $profile:expr, $name:ident) => {
        $opt(
            &mut $m,
            $field,
            $profile.is_stated($field).then_some($profile.$name),
        )?
    };
    ($kind:ident, $m:ident, $opt:ident, $field:expr, $profile:expr, $name:ident) => {
        $opt(&mut $m, $field, $profile.$name)?
    };
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
        Profile::from_raw_numbers(raw, &[None; Field::ALL.len()])
    }

    /// [`Profile::from_raw`], with the JSON text of each field's number (by [`Field::index`]) where the
    /// record's text is known, so that numbers are read exactly from their decimal digits.
    pub(crate) fn from_raw_numbers(
        raw: &Raw,
        numbers: &[Option<&str>; Field::ALL.len()],
    ) -> Result<Profile, ProfileError> {
        let Raw::Object(entries) = raw else {
            // Described, not quoted: its JSON type and the length of its JSON text, counted without keeping it.
            struct Count(usize);
            impl core::fmt::Write for Count {
                fn write_str(&mut self, s: &str) -> core::fmt::Result {
                    self.0 += s.len();
                    Ok(())
                }
            }
            let mut bytes = Count(0);
            let _ = core::fmt::Write::write_fmt(&mut bytes, format_args!("{raw}"));
            let kind = match raw {
                Raw::Array(_) => "an array",
                Raw::Str(_) => "a string",
                Raw::Int(_) | Raw::UInt(_) | Raw::Float(_) => "a number",
                Raw::Bool(_) => "a boolean",
                Raw::Null | Raw::Object(_) => "null",
            };
            return Err(ProfileError::NotAnObject {
                kind,
                bytes: bytes.0,
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
            let text = *per_code(numbers, field);
            let json = match (Json::of(value), text) {
                (Json::Int(_) | Json::UInt(_) | Json::Float(_), Some(text)) => Json::Num(text),
                (json, _) => json,
            };
            match per_code_mut(&mut slots, field) {
                slot @ None => *slot = Some(Cell::Json(json)),
                _ => return Err(ProfileError::DuplicateField { field }),
            }
        }
        Profile::from_cells(&slots)
    }

    /// Reads a profile from one cell per field (by [`Field::index`]), checking the fields in the order of the
    /// DOMAIN.md §3 table so that the first error reported is the first in that order.
    pub(crate) fn from_cells(
        slots: &[Slot<'_>; Field::ALL.len()],
    ) -> Result<Profile, ProfileError> {
        let get = |f: Field| *per_code(slots, f);
        // A blank JSON string is an empty id; an empty CSV cell is an absent one.
        let id = match get(Field::Id) {
            None | Some(Cell::Json(Json::Null)) => {
                return Err(ProfileError::MissingField { field: Field::Id });
            }
            Some(Cell::Text(t)) if t.trim().is_empty() => {
                return Err(ProfileError::MissingField { field: Field::Id });
            }
            Some(cell) => match cell.str() {
                Some(s) => super::checked_id(s)?,
                None => return Err(invalid(Field::Id, cell)),
            },
        };
        let name = text(Field::Name, get(Field::Name))?;
        if let Some((n, _)) = name {
            super::checked_name(n)?;
        }
        let post = required_code(Field::Post, get(Field::Post))?;
        // Fields in the order of the §3 table (the rows' order), so that the first error is the first in that
        // order. Every check `ProfileBuilder::build` makes is made here already (the id and name trimmed, the
        // numbers in range), so the profile is put together directly.
        let name = name.map(|(n, _)| n.to_owned());
        Ok(with_profile_fields!(
            checked_profile,
            id.to_owned(),
            name,
            post,
            get
        ))
    }

    /// Reads one JSON record, returning on failure the error and the record's trimmed `id` when it has one
    /// (a roster error names it).
    ///
    /// A clean flat record is read straight into a profile ([`scan::profile`](super::scan::profile)); any
    /// other flat record of scalars into cells and checked field by field ([`scan`](super::scan)); any other
    /// line, and every line with a syntax error, through a [`Raw`] tree.
    #[cfg(feature = "json")]
    pub(crate) fn read_json(json: &str) -> Result<Profile, (ProfileError, Option<String>)> {
        if let Some(p) = super::scan::profile(json) {
            return Ok(p);
        }
        match super::scan::scan(json) {
            Some(slots) => Profile::from_cells(&slots).map_err(|e| {
                let id = match slots.get(Field::Id.index()).copied().flatten() {
                    Some(Cell::Json(Json::Str(s))) if !s.trim().is_empty() => {
                        Some(s.trim().to_owned())
                    }
                    _ => None,
                };
                (e, id)
            }),
            None => Profile::read_json_tree(json),
        }
    }

    /// [`Profile::read_json`] through a [`Raw`] tree: the general reader, for any line.
    #[cfg(feature = "json")]
    pub(crate) fn read_json_tree(json: &str) -> Result<Profile, (ProfileError, Option<String>)> {
        let raw: Raw = serde_json::from_str(json).map_err(|e| {
            let error = ProfileError::Syntax {
                message: e.to_string(),
            };
            (error, None)
        })?;
        let numbers = super::scan::number_texts(json);
        Profile::from_raw_numbers(&raw, &numbers).map_err(|e| (e, raw.id()))
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
        Profile::read_json(json).map_err(|(e, _)| e)
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Profile {
    /// Reads the flat record of DOMAIN.md §3 from any self-describing format, as [`Profile::from_json`] does;
    /// the [`ProfileError`] message becomes the format's custom error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Profile, D::Error> {
        let raw = Raw::deserialize(deserializer)?;
        Profile::from_raw(&raw).map_err(de::Error::custom)
    }
}

#[cfg(feature = "serde")]
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
        with_profile_fields!(serialize_profile, m, self, opt);
        // The fields a policy adds (DOMAIN.md §9.2), as a reader given the policy reads them back.
        for (code, value) in self.policy_values() {
            match value {
                PolicyValue::One(v) => m.serialize_entry(code, v)?,
                PolicyValue::Many(vs) => m.serialize_entry(code, vs)?,
                PolicyValue::Number(n) if n.is_whole() => {
                    m.serialize_entry(code, &(n.ten_thousandths() / 10_000))?;
                }
                PolicyValue::Number(n) => {
                    #[allow(clippy::cast_precision_loss)] // at most 10^15 ten-thousandths: exact
                    let x = n.ten_thousandths() as f64 / 10_000.0;
                    m.serialize_entry(code, &x)?;
                }
            }
        }
        m.end()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
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
