//! What reading a roster gives: a [`Row`] or a [`RowError`] per record (DOMAIN.md §8), a [`FileError`] for a
//! roster that cannot be read at all, and the [`Summary`] of both.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::error::ProfileError;
use crate::profile::Profile;

/// A row that was read: its line and its profile.
///
/// ```
/// use talent_matrix::roster::{Format, Roster, RosterOptions};
/// let jsonl = "\n{\"id\":\"A\",\"post\":\"rural\"}\n";
/// let row = Roster::from_reader(jsonl.as_bytes(), Format::JsonLines, &RosterOptions::default())?
///     .next()
///     .expect("one row")?;
/// assert_eq!(row.line(), 2);
/// assert_eq!(row.into_profile().id(), "A");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub(super) line: u64,
    pub(super) profile: Profile,
    /// The row's values of the grouping columns, in the order they were asked for (`None` for an empty cell).
    pub(super) groups: Vec<Option<String>>,
}

impl Row {
    /// The row's value of the `i`-th grouping column ([`RosterOptions::group_by`](super::RosterOptions::group_by)),
    /// trimmed; `None` for an empty cell or no such column.
    pub fn group(&self, i: usize) -> Option<&str> {
        self.groups.get(i).and_then(Option::as_deref)
    }

    /// The 1-based physical line where the row starts (for CSV the header is line 1).
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let row = Roster::from_reader("id,post\nA,other\n".as_bytes(), Format::Csv, &RosterOptions::default())?
    ///     .next().expect("one row")?;
    /// assert_eq!(row.line(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The profile.
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let row = Roster::from_reader("id,post\nA,other\n".as_bytes(), Format::Csv, &RosterOptions::default())?
    ///     .next().expect("one row")?;
    /// assert_eq!(row.profile().id(), "A");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profile, by value.
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let row = Roster::from_reader("id,post\nA,other\n".as_bytes(), Format::Csv, &RosterOptions::default())?
    ///     .next().expect("one row")?;
    /// let profile = row.into_profile();
    /// assert_eq!(profile.post(), talent_matrix::Post::Other);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_profile(self) -> Profile {
        self.profile
    }
}

/// A row that could not be read, in the DOMAIN.md §8 form.
///
/// `id`, `field` and `value` are `None` where unknown (e.g. a line that is not JSON); `value` is a string's
/// content unquoted, any other JSON value as JSON text. [`to_json`](Self::to_json) writes the §8 object.
///
/// ```
/// use talent_matrix::roster::{Format, Roster, RosterOptions};
///
/// let jsonl = r#"{"id":"P-007","post":"enterprise","employees":-5}"#;
/// let err = Roster::from_reader(jsonl.as_bytes(), Format::JsonLines, &RosterOptions::default())?
///     .next()
///     .expect("one row")
///     .unwrap_err();
/// assert_eq!(
///     err.to_json(),
///     r#"{"line":1,"id":"P-007","field":"employees","value":"-5","error":"employees must be a whole number from 0 to 10000000, got -5"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {error}")]
pub struct RowError {
    pub(super) line: u64,
    /// The 0-based column of the workbook cell the error is about (its row is `line`), for a workbook roster.
    pub(super) column: Option<u32>,
    pub(super) id: Option<String>,
    pub(super) field: Option<String>,
    pub(super) value: Option<String>,
    pub(super) error: String,
}

impl RowError {
    /// The error of a row that could not be read; its id, if any, is cut as every quoted value is
    /// ([`safety::quoted`](crate::safety::quoted)).
    pub(super) fn new(line: u64, id: Option<String>, error: &ProfileError) -> RowError {
        RowError {
            line,
            column: None,
            id: id.map(cut),
            field: error.field().map(|f| crate::safety::quoted(f).into_owned()),
            value: error.value(),
            error: error.to_string(),
        }
    }

    pub(super) fn plain(line: u64, id: Option<String>, error: String) -> RowError {
        RowError {
            line,
            column: None,
            id: id.map(cut),
            field: None,
            value: None,
            error,
        }
    }

    /// The 1-based physical line where the row starts.
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let err = Roster::from_reader("x".as_bytes(), Format::JsonLines, &RosterOptions::default())?
    ///     .next().expect("one row").unwrap_err();
    /// assert_eq!(err.line(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The workbook cell the error is about, as a spreadsheet names it (`F12`): for a row of a workbook roster
    /// whose error is about one field; `None` otherwise.
    pub fn cell(&self) -> Option<String> {
        self.column.map(|c| cell_name(c, self.line))
    }

    /// The row's trimmed id, when it could be read.
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let err = Roster::from_reader("id,post\n A ,boss\n".as_bytes(), Format::Csv, &RosterOptions::default())?
    ///     .next().expect("one row").unwrap_err();
    /// assert_eq!(err.id(), Some("A"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The field the error is about (a field code, an unknown key, or `id` for a repeated id).
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let err = Roster::from_reader("id,post\nA,boss\n".as_bytes(), Format::Csv, &RosterOptions::default())?
    ///     .next().expect("one row").unwrap_err();
    /// assert_eq!(err.field(), Some("post"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The offending value (a string's content unquoted, any other JSON value as JSON text).
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let err = Roster::from_reader("id,post\nA,boss\n".as_bytes(), Format::Csv, &RosterOptions::default())?
    ///     .next().expect("one row").unwrap_err();
    /// assert_eq!(err.value(), Some("boss"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The message.
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let err = Roster::from_reader("id,post\n,\n".as_bytes(), Format::Csv, &RosterOptions::default())?
    ///     .next().expect("one row").unwrap_err();
    /// assert_eq!(err.error(), "missing field id, expected a string of 1 to 64 characters");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn error(&self) -> &str {
        &self.error
    }

    /// The §8 error object as one line of JSON, keys in the contract's order.
    ///
    /// ```
    /// # use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let err = Roster::from_reader("not json".as_bytes(), Format::JsonLines, &RosterOptions::default())?
    ///     .next().expect("one row").unwrap_err();
    /// assert!(err.to_json().starts_with(r#"{"line":1,"id":null,"field":null,"value":null,"error":"invalid JSON: "#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(64 + self.error.len());
        let text = |out: &mut String, s: &Option<String>| match s {
            Some(s) => crate::error::write_json_string(out, s),
            None => out.write_str("null"),
        };
        // Written by hand rather than by serde_json, so that control and format characters are escaped as
        // \u sequences too (serde_json writes them raw): the object is safe to print in a terminal.
        let _ = write!(out, "{{\"line\":{},", self.line);
        if let Some(cell) = self.cell() {
            let _ = write!(out, "\"cell\":\"{cell}\",");
        }
        out.push_str("\"id\":");
        let _ = text(&mut out, &self.id);
        out.push_str(",\"field\":");
        let _ = text(&mut out, &self.field);
        out.push_str(",\"value\":");
        let _ = text(&mut out, &self.value);
        out.push_str(",\"error\":");
        let _ = crate::error::write_json_string(&mut out, &self.error);
        out.push('}');
        out
    }
}

/// A cell's name as a spreadsheet writes it: `A1`, `F12`, `AA3` (column 0-based, row 1-based).
pub(super) fn cell_name(column: u32, row: u64) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// A text cut as errors quote it.
fn cut(text: String) -> String {
    match crate::safety::quoted(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(cut) => cut,
    }
}

impl serde::Serialize for RowError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("RowError", 6)?;
        s.serialize_field("line", &self.line)?;
        if let Some(cell) = self.cell() {
            s.serialize_field("cell", &cell)?;
        }
        s.serialize_field("id", &self.id)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("error", &self.error)?;
        s.end()
    }
}

/// A roster that cannot be read at all: no row is read (DOMAIN.md §8).
///
/// [`to_row_error`](Self::to_row_error) gives the one error object at line 1 that reports it.
///
/// ```
/// use talent_matrix::roster::{FileError, Format, Roster, RosterOptions};
///
/// let csv = "编号,姓名,单位,編號\n";
/// let err = Roster::from_reader(csv.as_bytes(), Format::Csv, &RosterOptions::default()).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"bad header: unknown column "单位" (column 3), expected a profile field code or its Chinese name; columns 1 and 4 both give id; no post column"#
/// );
/// assert_eq!(err.to_row_error().line(), 1);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The path names a directory or a device, not a roster file.
    #[error("cannot read {}: {what}, not a roster file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is: `a directory` or `a device`.
        what: &'static str,
    },
    /// The input is not text in an encoding a roster may have (UTF-16, NUL bytes).
    #[error("the roster is not text a roster may be: {why}")]
    NotText {
        /// Why, and what to do.
        why: String,
    },
    /// The format could not be told from the file name.
    #[error("cannot tell the format of {}: name it (jsonl, csv or xlsx)", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The CSV header names unknown columns, two columns for one field, or lacks `id` or `post`.
    #[error("bad header: {}", problems.join("; "))]
    Header {
        /// Every problem, in column order, then the missing columns.
        problems: Vec<String>,
    },
    /// Reading the header failed.
    #[error("read error: {0}")]
    Io(#[from] io::Error),
    /// The file holds classified records (what classifying a roster writes: a stream, a tier, the reasons),
    /// not the profiles of a roster.
    #[error(
        "the file holds classified records ({what}), not a roster of profiles: give the roster the records \
         were made from"
    )]
    Records {
        /// What gave it away.
        what: String,
    },
    /// A workbook that cannot be opened, has no sheet, or lacks the sheet asked for (feature `xlsx`).
    #[error("cannot read the workbook: {why}")]
    Workbook {
        /// Why.
        why: String,
    },
}

impl FileError {
    /// The §8 error object reporting the file error: line 1, no id, field or value.
    ///
    /// ```
    /// use talent_matrix::roster::{Roster, RosterOptions};
    /// let err = Roster::open("no/such/roster.csv", None, &RosterOptions::default()).unwrap_err();
    /// assert_eq!(err.to_row_error().line(), 1);
    /// assert!(err.to_row_error().error().starts_with("cannot read no/such/roster.csv: "));
    /// ```
    pub fn to_row_error(&self) -> RowError {
        RowError::plain(1, None, self.to_string())
    }
}

/// How many rows a roster has read, accepted and rejected; `read = accepted + rejected` always.
///
/// ```
/// use talent_matrix::roster::{Format, Roster, RosterOptions};
/// let mut roster = Roster::from_reader("id,post\nA,other\nB,x\n\n".as_bytes(), Format::Csv, &RosterOptions::default())?;
/// roster.by_ref().for_each(drop);
/// let s = roster.summary();
/// assert_eq!((s.read(), s.accepted(), s.rejected()), (2, 1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Summary {
    pub(super) accepted: u64,
    pub(super) rejected: u64,
}

impl Summary {
    /// Rows read (blank lines are not rows).
    ///
    /// ```
    /// assert_eq!(talent_matrix::roster::Summary::default().read(), 0);
    /// ```
    pub fn read(&self) -> u64 {
        self.accepted + self.rejected
    }

    /// Rows yielded as profiles.
    ///
    /// ```
    /// assert_eq!(talent_matrix::roster::Summary::default().accepted(), 0);
    /// ```
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Rows yielded as errors.
    ///
    /// ```
    /// assert_eq!(talent_matrix::roster::Summary::default().rejected(), 0);
    /// ```
    pub fn rejected(&self) -> u64 {
        self.rejected
    }
}

impl fmt::Display for Summary {
    /// `rows read: 3, classified: 2, rejected: 1`: every accepted row is classified.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "rows read: {}, classified: {}, rejected: {}",
            self.read(),
            self.accepted,
            self.rejected
        )
    }
}
