//! The errors of reading a profile ([`ProfileError`]). Code-list and amount parsing have their own small errors,
//! beside their types: [`ParseCodeError`](crate::ParseCodeError), [`ParseWanError`](crate::ParseWanError).

use core::fmt;

use crate::codes::Expected;
use crate::codes::{
    Coded, Contribution, EnterpriseSize, Field, Industry, IntroductionLevel, Ownership,
    Performance, Post, ProfessionalTitle, Role, RuralRole, SkillLevel, SocialWorkCertificate,
};
use crate::fields::with_profile_fields;

/// Why a profile record could not be read (DOMAIN.md §3).
///
/// A record reports its first error: syntax, then unknown and duplicate fields (in the order they appear), then
/// values in the order of the §3 table ([`Field::ALL`]). Every message is lowercase and names the field and the
/// value: `<field> must be <what is expected>, got <value>`, where a string value is shown quoted and any other
/// JSON value as JSON text.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use talent_matrix::{Profile, ProfileError};
///
/// let err = Profile::from_json(r#"{"id":"P-7","post":"enterprise","employees":-5}"#).unwrap_err();
/// assert_eq!(err.to_string(), "employees must be a whole number from 0 to 10000000, got -5");
/// assert_eq!(err.field(), Some("employees"));
/// assert_eq!(err.value().as_deref(), Some("-5"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The record is not valid JSON.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// let err = talent_matrix::Profile::from_json(r#"{"id": "#).unwrap_err();
    /// assert!(matches!(err, talent_matrix::ProfileError::Syntax { .. }));
    /// assert!(err.to_string().starts_with("invalid JSON: "));
    /// # }
    /// ```
    #[error("invalid JSON: {message}")]
    Syntax {
        /// What the JSON parser said, with the line and column.
        message: String,
    },

    /// The record is valid JSON but not an object. It is described by its JSON type and length, never quoted:
    /// a record that is not an object may hold anything, a name or an ID number among it.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// let err = talent_matrix::Profile::from_json(r#"["王芳", "370102198001010011"]"#).unwrap_err();
    /// assert_eq!(err.to_string(), "a profile must be a JSON object, got an array (31 bytes)");
    /// assert_eq!(err.value(), None);
    /// # }
    /// ```
    #[error("a profile must be a JSON object, got {kind} ({bytes} bytes)")]
    NotAnObject {
        /// What the record is: `an array`, `a string`, `a number`, `a boolean` or `null`.
        kind: &'static str,
        /// The length in bytes of the record written as compact JSON.
        bytes: usize,
    },

    /// A string field holding a character it may not: an `id` with a control or format character, a `name`
    /// with a control or bidirectional control character (see [`safety`](crate::safety)).
    ///
    /// ```
    /// use talent_matrix::{Post, Profile};
    /// let err = Profile::builder("P-1\u{200b}", Post::Other).build().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"id must not contain control or format characters, got "P-1\u200b" (U+200B at character 4)"#
    /// );
    /// let err = Profile::builder("P-1", Post::Other).name("王\u{202e}芳").build().unwrap_err();
    /// assert_eq!(err.field(), Some("name"));
    /// ```
    #[error("{field:#} must not contain {}, got {value} (U+{:04X} at character {position})", forbidden(*field), u32::from(*character))]
    Character {
        /// The field.
        field: Field,
        /// The value as given.
        value: ErrorValue,
        /// The first character it may not hold.
        character: char,
        /// Where that character is, counted in characters from 1.
        position: usize,
    },

    /// A key that is no profile field; the closest field by edit distance is suggested.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// let err = talent_matrix::Profile::from_json(r#"{"id":"P-1","post":"other","emploees":5}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "unknown field emploees, expected a profile field (did you mean employees?)"
    /// );
    /// # }
    /// ```
    #[error(
        "unknown field {}, expected a profile field (did you mean {suggestion:#}?)",
        crate::safety::Shown(&crate::safety::quoted(name))
    )]
    UnknownField {
        /// The unknown key (at most [`QUOTE_CHARS`](crate::safety::QUOTE_CHARS) characters of it, then its length).
        name: String,
        /// The known field whose code is closest to it.
        suggestion: Field,
    },

    /// A field a policy adds (DOMAIN.md §9.2) holding a value it may not: named by the field's code, with the
    /// whole value as given and what the field takes.
    ///
    /// ```
    /// use talent_matrix::ProfileError;
    /// let err = ProfileError::PolicyField {
    ///     field: "honour".into(),
    ///     value: "泰山学者；泰山学者".into(),
    ///     expected: "takes each value once".into(),
    /// };
    /// assert_eq!(err.to_string(), "honour takes each value once, got 泰山学者；泰山学者");
    /// assert_eq!(err.field(), Some("honour"));
    /// ```
    #[error("{field} {expected}, got {}", crate::safety::Shown(&crate::safety::quoted(value)))]
    PolicyField {
        /// The field's code.
        field: String,
        /// The value as given (a JSON value other than a string as JSON text).
        value: String,
        /// What the field takes, e.g. `takes one value`, `must be one of a, b`.
        expected: String,
    },

    /// A field given twice in one record.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// let err = talent_matrix::Profile::from_json(r#"{"id":"P-1","post":"other","id":"P-2"}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "duplicate field id");
    /// # }
    /// ```
    #[error("duplicate field {field:#}")]
    DuplicateField {
        /// The field given twice.
        field: Field,
    },

    /// A required field (`id` or `post`) that is absent or null.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// let err = talent_matrix::Profile::from_json(r#"{"id":"P-1"}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "missing field post, expected one of party_government, enterprise, professional_technical, \
    ///      skilled_trade, social_work, community, rural, other, or a label"
    /// );
    /// # }
    /// ```
    #[error("missing field {field:#}, expected {}", expected(*field))]
    MissingField {
        /// The missing field.
        field: Field,
    },

    /// A value that is not what its field allows: a wrong JSON type, an unknown code or label, a negative,
    /// fractional or out-of-range number, or an id that is empty or too long.
    ///
    /// ```
    /// let err = talent_matrix::Profile::builder("", talent_matrix::Post::Other).build().unwrap_err();
    /// assert_eq!(err.to_string(), r#"id must be a string of 1 to 64 characters, got """#);
    /// # #[cfg(feature = "json")] {
    /// let err = talent_matrix::Profile::from_json(r#"{"id":"P-1","post":"boss"}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"post must be one of party_government, enterprise, professional_technical, skilled_trade, social_work, community, rural, other, or a label, got "boss""#
    /// );
    /// # }
    /// ```
    #[error("{field:#} must be {}, got {value}", expected(*field))]
    InvalidValue {
        /// The field whose value is wrong.
        field: Field,
        /// The value as given.
        value: ErrorValue,
    },

    /// A number in a CSV cell written with thousands separators (`1,000`): numbers are plain decimals
    /// (DOMAIN.md §8).
    ///
    /// ```
    /// # #[cfg(feature = "roster")] {
    /// use talent_matrix::roster::{Format, Roster, RosterOptions};
    ///
    /// let csv = "id,post,employees\nP-1,enterprise,\"1,000\"\n";
    /// let mut roster = Roster::from_reader(csv.as_bytes(), Format::Csv, &RosterOptions::default()).unwrap();
    /// let err = roster.next().unwrap().unwrap_err();
    /// assert_eq!(
    ///     err.error(),
    ///     r#"employees must be a whole number from 0 to 10000000 written without thousands separators, got "1,000""#
    /// );
    /// # }
    /// ```
    #[error("{field:#} must be {} written without thousands separators, got {value}", expected(*field))]
    ThousandsSeparator {
        /// The field whose cell has separators.
        field: Field,
        /// The cell as given.
        value: ErrorValue,
    },
}

impl ProfileError {
    /// The field the error is about: a field code, or the unknown key; `None` for syntax errors and records that
    /// are not objects.
    ///
    /// ```
    /// let err = talent_matrix::Profile::builder("P-1", talent_matrix::Post::Enterprise)
    ///     .employees(20_000_000)
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.field(), Some("employees"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            ProfileError::Syntax { .. } | ProfileError::NotAnObject { .. } => None,
            ProfileError::UnknownField { name, .. } => Some(name),
            ProfileError::PolicyField { field, .. } => Some(field),
            ProfileError::DuplicateField { field }
            | ProfileError::MissingField { field }
            | ProfileError::InvalidValue { field, .. }
            | ProfileError::Character { field, .. }
            | ProfileError::ThousandsSeparator { field, .. } => Some(field.code()),
        }
    }

    /// The offending value as a roster error reports it: a string's content unquoted, any other JSON value as
    /// JSON text; `None` where there is no single value (syntax, unknown, duplicate and missing fields).
    ///
    /// ```
    /// let err = talent_matrix::Profile::builder("  ", talent_matrix::Post::Other).build().unwrap_err();
    /// assert_eq!(err.value().as_deref(), Some("  "));
    /// ```
    pub fn value(&self) -> Option<String> {
        match self {
            ProfileError::InvalidValue { value, .. }
            | ProfileError::Character { value, .. }
            | ProfileError::ThousandsSeparator { value, .. } => Some(value.raw().to_owned()),
            ProfileError::PolicyField { value, .. } => Some(value.clone()),
            _ => None,
        }
    }
}

/// A value quoted in a [`ProfileError`]: a string, or another JSON value kept as JSON text.
///
/// `Display` shows a string quoted (JSON-escaped) and any other value as its JSON text.
///
/// ```
/// use talent_matrix::ErrorValue;
///
/// assert_eq!(ErrorValue::Text("boss".into()).to_string(), r#""boss""#);
/// assert_eq!(ErrorValue::Json("-5".into()).to_string(), "-5");
/// assert_eq!(ErrorValue::Text("boss".into()).raw(), "boss");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorValue {
    /// A string value, unquoted.
    Text(String),
    /// Any other value, as JSON text (`-5`, `true`, `[1,2]`).
    Json(String),
}

impl ErrorValue {
    /// A string value, kept to at most [`QUOTE_CHARS`](crate::safety::QUOTE_CHARS) characters with its full
    /// length noted after them.
    ///
    /// ```
    /// let v = talent_matrix::ErrorValue::text(&"x".repeat(300));
    /// assert!(v.raw().ends_with("… (300 characters)"));
    /// ```
    pub fn text(value: &str) -> ErrorValue {
        ErrorValue::Text(crate::safety::quoted(value).into_owned())
    }

    /// Any other value as JSON text, kept as [`ErrorValue::text`] keeps a string.
    ///
    /// ```
    /// assert_eq!(talent_matrix::ErrorValue::json("-5".into()).raw(), "-5");
    /// ```
    pub fn json(value: String) -> ErrorValue {
        match crate::safety::quoted(&value) {
            std::borrow::Cow::Borrowed(_) => ErrorValue::Json(value),
            std::borrow::Cow::Owned(cut) => ErrorValue::Json(cut),
        }
    }

    /// The value as a roster error's `value` field gives it: a string's content, or the JSON text.
    ///
    /// ```
    /// assert_eq!(talent_matrix::ErrorValue::Json("2.5".into()).raw(), "2.5");
    /// ```
    pub fn raw(&self) -> &str {
        match self {
            ErrorValue::Text(s) | ErrorValue::Json(s) => s,
        }
    }
}

impl fmt::Display for ErrorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorValue::Text(s) => write_json_string(f, s),
            ErrorValue::Json(s) => f.write_str(s),
        }
    }
}

pub(crate) use crate::safety::write_json_string;

/// Largest `employees` a profile allows (DOMAIN.md §3).
pub(crate) const MAX_EMPLOYEES: u32 = 10_000_000;
/// Largest amount of 万元 a profile allows (DOMAIN.md §3).
pub(crate) const MAX_WAN: u64 = 10_000_000_000;
/// Longest `id`, in characters (DOMAIN.md §3).
pub(crate) const MAX_ID_CHARS: usize = 64;

/// What a string field may not hold, as it reads in messages.
fn forbidden(field: Field) -> &'static str {
    match field {
        Field::Id => "control or format characters",
        _ => "control or bidirectional control characters",
    }
}

/// What a field accepts, as it reads in messages: `id`, `name` and `post` as written here, every other field
/// by its kind in the field table (`crate::fields`).
macro_rules! expected_of {
    ($f:ident, $field:expr,
     @rows $($name:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        match $field {
            Field::Id => write!($f, "a string of 1 to {MAX_ID_CHARS} characters"),
            Field::Name => $f.write_str("a string"),
            Field::Post => codes::<Post>().fmt($f),
            $(Field::$variant => expected_kind!($kind, $ty, $f),)+
        }
    };
}

/// What a value of a kind must be.
macro_rules! expected_kind {
    (code, $ty:ty, $f:ident) => {
        codes::<$ty>().fmt($f)
    };
    (code_or_default, $ty:ty, $f:ident) => {
        codes::<$ty>().fmt($f)
    };
    (flag, $ty:ty, $f:ident) => {
        $f.write_str("true or false")
    };
    (flag_or_false, $ty:ty, $f:ident) => {
        $f.write_str("true or false")
    };
    (whole, $ty:ty, $f:ident) => {
        write!($f, "a whole number from 0 to {MAX_EMPLOYEES}")
    };
    (money, $ty:ty, $f:ident) => {
        write!(
            $f,
            "a number from 0 to {MAX_WAN} with at most 4 decimal places"
        )
    };
}

/// What a field accepts, as it reads in messages.
fn expected(field: Field) -> impl fmt::Display {
    struct Show(Field);
    impl fmt::Display for Show {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fn codes<T: Coded>() -> Expected<'static> {
                Expected(T::CODES)
            }
            with_profile_fields!(expected_of, f, self.0,)
        }
    }
    Show(field)
}
