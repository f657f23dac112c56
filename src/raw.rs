//! [`Raw`]: a JSON-like value as read, before any meaning is given to it.
//!
//! Profiles (from JSON) and policy documents (from TOML, JSON or the built-in data) are read into `Raw` first:
//! it keeps every key in order, duplicates included, and the type of every value, so that the readers can
//! report exactly what is wrong, where, and (for policies) every problem at once.

use core::fmt;

#[cfg(feature = "serde")]
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::write_json_string;

/// A JSON-like value, as read; objects keep their keys in order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Array(Vec<Raw>),
    Object(Vec<(String, Raw)>),
}

impl Raw {
    /// The value as an exact number of at most 4 decimals (a policy's threshold, a profile's indicator): `None`
    /// for anything else, or a number out of [`Measure`](crate::money::Measure)'s range.
    #[cfg_attr(not(any(feature = "toml", feature = "json")), allow(dead_code))]
    pub(crate) fn measure(&self) -> Option<crate::money::Measure> {
        use crate::money::Measure;
        match self {
            Raw::Int(n) => n
                .checked_mul(10_000)
                .and_then(Measure::from_ten_thousandths),
            Raw::UInt(n) => i64::try_from(*n)
                .ok()
                .and_then(|n| n.checked_mul(10_000))
                .and_then(Measure::from_ten_thousandths),
            Raw::Float(x) => Measure::from_f64(*x),
            _ => None,
        }
    }
}

impl Raw {
    /// The trimmed, non-empty string `id` of an object, if it has one.
    #[cfg(feature = "json")]
    pub(crate) fn id(&self) -> Option<String> {
        let Raw::Object(entries) = self else {
            return None;
        };
        entries.iter().find_map(|(k, v)| match v {
            Raw::Str(s) if k == "id" && !s.trim().is_empty() => Some(s.trim().to_owned()),
            _ => None,
        })
    }
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

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

#[cfg(feature = "serde")]
struct RawVisitor;

#[cfg(feature = "serde")]
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

impl Raw {
    /// The value as JSON with one key or item per line, indented by two spaces.
    pub(crate) fn to_pretty_json(&self) -> String {
        fn write(raw: &Raw, indent: usize, out: &mut String) {
            use core::fmt::Write as _;
            let pad = |n: usize| "  ".repeat(n);
            match raw {
                Raw::Array(items) if !items.is_empty() => {
                    out.push_str("[\n");
                    for (i, item) in items.iter().enumerate() {
                        out.push_str(&pad(indent + 1));
                        write(item, indent + 1, out);
                        out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                    }
                    out.push_str(&pad(indent));
                    out.push(']');
                }
                Raw::Object(entries) if !entries.is_empty() => {
                    out.push_str("{\n");
                    for (i, (key, value)) in entries.iter().enumerate() {
                        out.push_str(&pad(indent + 1));
                        let _ = write_json_string(out, key);
                        out.push_str(": ");
                        write(value, indent + 1, out);
                        out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
                    }
                    out.push_str(&pad(indent));
                    out.push('}');
                }
                other => {
                    let _ = write!(out, "{other}");
                }
            }
        }
        let mut out = String::new();
        write(self, 0, &mut out);
        out.push('\n');
        out
    }

    /// A TOML value as a tree (dates become their text).
    #[cfg(feature = "toml")]
    pub(crate) fn from_toml(value: toml::Value) -> Raw {
        match value {
            toml::Value::String(s) => Raw::Str(s),
            toml::Value::Integer(i) => Raw::Int(i),
            toml::Value::Float(f) => Raw::Float(f),
            toml::Value::Boolean(b) => Raw::Bool(b),
            toml::Value::Datetime(d) => Raw::Str(d.to_string()),
            toml::Value::Array(items) => {
                Raw::Array(items.into_iter().map(Raw::from_toml).collect())
            }
            toml::Value::Table(t) => {
                Raw::Object(t.into_iter().map(|(k, v)| (k, Raw::from_toml(v))).collect())
            }
        }
    }

    /// The tree as TOML text (a tree of tables at the top; `null` cannot be written and is left out).
    #[cfg(feature = "toml")]
    pub(crate) fn to_toml(&self) -> String {
        fn value(raw: &Raw) -> Option<toml::Value> {
            Some(match raw {
                Raw::Null => return None,
                Raw::Bool(b) => toml::Value::Boolean(*b),
                Raw::Int(i) => toml::Value::Integer(*i),
                Raw::UInt(u) => match i64::try_from(*u) {
                    Ok(i) => toml::Value::Integer(i),
                    Err(_) => toml::Value::Float(*u as f64),
                },
                Raw::Float(f) => toml::Value::Float(*f),
                Raw::Str(s) => toml::Value::String(s.clone()),
                Raw::Array(items) => toml::Value::Array(items.iter().filter_map(value).collect()),
                Raw::Object(entries) => toml::Value::Table(
                    entries
                        .iter()
                        .filter_map(|(k, v)| Some((k.clone(), value(v)?)))
                        .collect(),
                ),
            })
        }
        match value(self) {
            Some(toml::Value::Table(t)) => toml::to_string(&t).unwrap_or_default(),
            _ => String::new(),
        }
    }
}
