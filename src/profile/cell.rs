//! A field's value as the readers hand it over: a JSON value (by type) or the text of a CSV cell. Below both
//! the checked reader ([`read`](super::read)) and the fast one ([`scan`](super::scan)), so that neither imports
//! the other's types.

use crate::raw::Raw;

/// One field's value as read: a JSON value, or the text of a CSV cell (DOMAIN.md §8).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'r> {
    /// A value of a JSON record: types matter (a number given as a string is a wrong type).
    Json(Json<'r>),
    /// A cell of a CSV row: text, trimmed; numbers are plain decimals, booleans true/false, 是/否, 1/0.
    #[cfg_attr(not(feature = "roster"), allow(dead_code))]
    Text(&'r str),
}

/// A JSON value of a record, borrowed: the scalars as read (by [`scan`](super::scan) or into a [`Raw`] tree),
/// and any array or object as its tree (always a wrong type for a profile field).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Json<'r> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(&'r str),
    Tree(&'r Raw),
    /// A number as its JSON text, where the line's text is known: read exactly, from its decimal digits.
    Num(&'r str),
}

impl<'r> Json<'r> {
    pub(crate) fn of(raw: &'r Raw) -> Json<'r> {
        match raw {
            Raw::Null => Json::Null,
            Raw::Bool(b) => Json::Bool(*b),
            Raw::Int(n) => Json::Int(*n),
            Raw::UInt(n) => Json::UInt(*n),
            Raw::Float(x) => Json::Float(*x),
            Raw::Str(s) => Json::Str(s),
            Raw::Array(_) | Raw::Object(_) => Json::Tree(raw),
        }
    }
}

impl core::fmt::Display for Json<'_> {
    /// The value as compact JSON text, as [`Raw`] writes it.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Int(n) => write!(f, "{n}"),
            Json::UInt(n) => write!(f, "{n}"),
            Json::Float(x) => write!(f, "{x:?}"),
            Json::Str(s) => crate::error::write_json_string(f, s),
            Json::Tree(raw) => write!(f, "{raw}"),
            Json::Num(text) => f.write_str(text),
        }
    }
}

impl<'r> Cell<'r> {
    /// The string content: a JSON string or a CSV cell; `None` for other JSON values.
    pub(crate) fn str(self) -> Option<&'r str> {
        match self {
            Cell::Json(Json::Str(s)) | Cell::Text(s) => Some(s),
            Cell::Json(_) => None,
        }
    }
}

/// One field's cell, or `None` when the key or column was absent.
pub(crate) type Slot<'r> = Option<Cell<'r>>;
