//! Rosters: JSON Lines or CSV files of profiles, read record by record in constant memory (DOMAIN.md §8).
//!
//! A [`Roster`] yields each row as a [`Row`] (its line and its [`Profile`]) or a [`RowError`] in the §8 form
//! (`line`, `id`, `field`, `value`, `error`), and goes on after a bad row: every row read ends up either
//! accepted or rejected, and [`Summary`] counts both. A roster that cannot be read at all (unreadable file,
//! bad CSV header) is one [`FileError`] and no row is read.
//!
//! CSV headers are the field codes (ASCII case-insensitive) or their Chinese names in either script
//! (编号/編號 → id, 营业收入(万元) → revenue_wan, full-width parentheses accepted). Cells are trimmed text: an
//! empty cell is absent, numbers are plain decimals, booleans are true/false, 是/否 or 1/0. A leading UTF-8 BOM
//! is ignored; blank lines are skipped and not counted. A CSV whose start is not valid UTF-8 is read as GB18030
//! (what spreadsheet programs write in Chinese locales), with a [notice](Roster::notices).
//!
//! Hostile input costs only itself (see the README's "Limits and safety"): a line ends at LF, CR LF or a lone
//! CR; a record longer than [`RosterOptions::max_record_bytes`] (1 MiB by default) is one error at its line,
//! skipped without being kept; a quote that never closes is an error at the line it opened, and reading
//! resumes on the next line; a row not valid in the file's encoding is an error at its line; ids are compared
//! after NFKC normalisation; UTF-16, NUL bytes, directories and devices are file errors. Memory stays bounded
//! by the record limit, apart from the index of ids seen.
//!
//! ```
//! use talent_matrix::roster::{Format, Roster, RosterOptions};
//!
//! let csv = "\u{feff}编号,姓名,岗位,职务,行業\nP-1,王芳,企业,中层管理人员,工业\nP-2,李明,boss,,\n";
//! let mut roster = Roster::from_reader(csv.as_bytes(), Format::Csv, &RosterOptions::default())?;
//! let first = roster.next().expect("a row")?;
//! assert_eq!((first.line(), first.profile().id()), (2, "P-1"));
//! let second = roster.next().expect("a row").unwrap_err();
//! assert_eq!((second.line(), second.id(), second.field()), (3, Some("P-2"), Some("post")));
//! assert!(roster.next().is_none());
//! assert_eq!(roster.summary().read(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::profile::{Cell, Slot};

mod ids;
mod split;

use crate::codes::{Field, per_code, per_code_mut};
use crate::error::ProfileError;
use crate::lang::Lang;
use crate::profile::Profile;
use ids::IdIndex;

/// The format of a roster file.
///
/// ```
/// use talent_matrix::roster::Format;
/// assert_eq!("csv".parse::<Format>()?, Format::Csv);
/// assert_eq!(Format::from_path("people.jsonl"), Some(Format::JsonLines));
/// # Ok::<(), talent_matrix::roster::ParseOptionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// One JSON object per line (`.jsonl`, `.ndjson`, `.json`).
    JsonLines,
    /// Comma-separated values with a header row (`.csv`).
    Csv,
}

impl Format {
    /// The format named by a file's extension (ASCII case-insensitive), if any.
    ///
    /// ```
    /// use talent_matrix::roster::Format;
    /// assert_eq!(Format::from_path("名单.CSV"), Some(Format::Csv));
    /// assert_eq!(Format::from_path("roster.xlsx"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

impl FromStr for Format {
    type Err = ParseOptionError;

    /// `jsonl` (also `json`, `ndjson`) or `csv`, ASCII case-insensitive.
    fn from_str(s: &str) -> Result<Format, ParseOptionError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => Ok(Format::JsonLines),
            "csv" => Ok(Format::Csv),
            _ => Err(ParseOptionError {
                what: "format",
                input: s.to_owned(),
                expected: "jsonl or csv",
            }),
        }
    }
}

/// The text encoding of a CSV roster (JSON Lines is always UTF-8).
///
/// ```
/// use talent_matrix::roster::Encoding;
/// assert_eq!("GBK".parse::<Encoding>()?, Encoding::Gb18030);
/// assert_eq!(Encoding::default(), Encoding::Auto);
/// # Ok::<(), talent_matrix::roster::ParseOptionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 when the first 64 KiB of the file are valid UTF-8, else GB18030, with a notice. A file that is
    /// plain ASCII there is decided by its first row that is not. The file is read once; a row that is not
    /// valid in the encoding chosen is rejected at its line.
    #[default]
    Auto,
    /// UTF-8; a cell that is not valid UTF-8 rejects its row.
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl FromStr for Encoding {
    type Err = ParseOptionError;

    /// `auto`, `utf-8` (`utf8`), or `gb18030` (`gbk`, `gb2312`), ASCII case-insensitive.
    fn from_str(s: &str) -> Result<Encoding, ParseOptionError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" => Ok(Encoding::Gb18030),
            _ => Err(ParseOptionError {
                what: "encoding",
                input: s.to_owned(),
                expected: "auto, utf-8 or gb18030",
            }),
        }
    }
}

/// The error returned when a format or encoding name is unknown.
///
/// ```
/// let err = "xlsx".parse::<talent_matrix::roster::Format>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown format "xlsx", expected jsonl or csv"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {input:?}, expected {expected}")]
pub struct ParseOptionError {
    what: &'static str,
    input: String,
    expected: &'static str,
}

/// How to read a roster.
///
/// ```
/// use talent_matrix::roster::{Encoding, RosterOptions};
/// let options = RosterOptions::default().ignore_unknown_columns(true).encoding(Encoding::Gb18030);
/// assert!(options.ignores_unknown_columns());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterOptions {
    ignore_unknown_columns: bool,
    encoding: Encoding,
    max_record_bytes: usize,
}

/// The default longest record, in bytes: far above any real row (a full row of the §3 fields is a few hundred
/// bytes), low enough that a rejected record costs little.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 1 << 20;

impl Default for RosterOptions {
    fn default() -> Self {
        RosterOptions {
            ignore_unknown_columns: false,
            encoding: Encoding::Auto,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

impl RosterOptions {
    /// The longest record read, in bytes ([`DEFAULT_MAX_RECORD_BYTES`], 1 MiB, by default). A longer record is
    /// a row error at its line, skipped to the end of its line without being kept, and reading goes on: a
    /// rejected record costs memory in proportion to this limit, not to the input.
    ///
    /// ```
    /// use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let options = RosterOptions::default().max_record_bytes(40);
    /// let jsonl = format!("{{\"id\":\"{}\",\"post\":\"other\"}}\n{{\"id\":\"B\",\"post\":\"other\"}}\n", "x".repeat(100));
    /// let rows: Vec<_> = Roster::from_reader(jsonl.as_bytes(), Format::JsonLines, &options)?.collect();
    /// assert_eq!(
    ///     rows[0].as_ref().unwrap_err().error(),
    ///     "the record is longer than the limit of 40 bytes (125 bytes with its line ending; raise it with \
    ///      RosterOptions::max_record_bytes): it was skipped"
    /// );
    /// assert_eq!(rows[1].as_ref().unwrap().profile().id(), "B");
    /// # Ok::<(), talent_matrix::roster::FileError>(())
    /// ```
    #[must_use]
    pub fn max_record_bytes(mut self, bytes: usize) -> Self {
        self.max_record_bytes = bytes.max(1);
        self
    }

    /// The longest record read, in bytes.
    ///
    /// ```
    /// assert_eq!(talent_matrix::roster::RosterOptions::default().record_limit(), 1 << 20);
    /// ```
    pub fn record_limit(&self) -> usize {
        self.max_record_bytes
    }

    /// Whether a CSV header naming an unknown column is reported once as a notice and the column ignored,
    /// rather than being a file error (the default).
    ///
    /// ```
    /// let o = talent_matrix::roster::RosterOptions::default().ignore_unknown_columns(true);
    /// assert!(o.ignores_unknown_columns());
    /// ```
    #[must_use]
    pub fn ignore_unknown_columns(mut self, yes: bool) -> Self {
        self.ignore_unknown_columns = yes;
        self
    }

    /// The encoding of a CSV roster ([`Encoding::Auto`] by default).
    ///
    /// ```
    /// use talent_matrix::roster::{Encoding, RosterOptions};
    /// assert_eq!(RosterOptions::default().encoding(Encoding::Utf8).encoding_option(), Encoding::Utf8);
    /// ```
    #[must_use]
    pub fn encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Whether unknown columns are ignored.
    ///
    /// ```
    /// assert!(!talent_matrix::roster::RosterOptions::default().ignores_unknown_columns());
    /// ```
    pub fn ignores_unknown_columns(&self) -> bool {
        self.ignore_unknown_columns
    }

    /// The encoding asked for.
    ///
    /// ```
    /// use talent_matrix::roster::{Encoding, RosterOptions};
    /// assert_eq!(RosterOptions::default().encoding_option(), Encoding::Auto);
    /// ```
    pub fn encoding_option(&self) -> Encoding {
        self.encoding
    }
}

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
    line: u64,
    profile: Profile,
}

impl Row {
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
    line: u64,
    id: Option<String>,
    field: Option<String>,
    value: Option<String>,
    error: String,
}

impl RowError {
    /// The error of a row that could not be read; its id, if any, is cut as every quoted value is
    /// ([`safety::quoted`](crate::safety::quoted)).
    fn new(line: u64, id: Option<String>, error: &ProfileError) -> RowError {
        RowError {
            line,
            id: id.map(cut),
            field: error.field().map(|f| crate::safety::quoted(f).into_owned()),
            value: error.value(),
            error: error.to_string(),
        }
    }

    fn plain(line: u64, id: Option<String>, error: String) -> RowError {
        RowError {
            line,
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
        let _ = write!(out, "{{\"line\":{},\"id\":", self.line);
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
        let mut s = serializer.serialize_struct("RowError", 5)?;
        s.serialize_field("line", &self.line)?;
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
    #[error("cannot tell the format of {}: name it (jsonl or csv)", path.display())]
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
    accepted: u64,
    rejected: u64,
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

/// A roster being read: an iterator of rows and row errors, in file order.
///
/// Memory stays constant in the roster's size apart from the index of ids seen, which rejects a repeated id
/// naming the line that first used it.
///
/// ```no_run
/// use talent_matrix::roster::{Roster, RosterOptions};
/// use talent_matrix::classify;
///
/// let mut roster = Roster::open("roster.csv", None, &RosterOptions::default())?;
/// for notice in roster.notices() {
///     eprintln!("{notice}");
/// }
/// for item in roster.by_ref() {
///     match item {
///         Ok(row) => println!("{}", classify(row.profile()).to_json()),
///         Err(e) => eprintln!("{}", e.to_json()),
///     }
/// }
/// eprintln!("{}", roster.summary());
/// # Ok::<(), talent_matrix::roster::FileError>(())
/// ```
pub struct Roster<'a> {
    source: Source,
    split: split::Splitter<Box<dyn Read + 'a>>,
    seen: IdIndex,
    summary: Summary,
    notices: Vec<String>,
    limit: usize,
    done: bool,
}

enum Source {
    Lines,
    Csv {
        fields: Vec<Option<Field>>,
        /// The file's encoding, once known (a file that is plain ASCII so far could still be either).
        encoding: Option<Encoding>,
        cells: Cells,
    },
}

impl fmt::Debug for Roster<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Roster")
            .field("summary", &self.summary)
            .field("notices", &self.notices)
            .finish_non_exhaustive()
    }
}

impl Roster<'static> {
    /// Opens a roster file; the format comes from `format` or else from the extension.
    ///
    /// The file is read once, from the start: with [`Encoding::Auto`] its encoding is told from its first
    /// 64 KiB (see [`Encoding::Auto`]). A directory or a device is not a roster.
    ///
    /// # Errors
    ///
    /// [`FileError`] when the file cannot be read, is not a file, its format cannot be told, it is not text in
    /// a known encoding, or its CSV header is bad.
    ///
    /// ```
    /// use talent_matrix::roster::{Roster, RosterOptions};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/roster.jsonl");
    /// let mut roster = Roster::open(path, None, &RosterOptions::default())?;
    /// assert!(roster.all(|row| row.is_ok()));
    /// let err = Roster::open(env!("CARGO_MANIFEST_DIR"), Some(talent_matrix::roster::Format::Csv), &RosterOptions::default()).unwrap_err();
    /// assert!(err.to_string().ends_with(": a directory, not a roster file"), "{err}");
    /// # Ok::<(), talent_matrix::roster::FileError>(())
    /// ```
    pub fn open(
        path: impl AsRef<Path>,
        format: Option<Format>,
        options: &RosterOptions,
    ) -> Result<Roster<'static>, FileError> {
        let path = path.as_ref();
        let format =
            format
                .or_else(|| Format::from_path(path))
                .ok_or_else(|| FileError::UnknownFormat {
                    path: path.to_owned(),
                })?;
        let failed = |source| FileError::Open {
            path: path.to_owned(),
            source,
        };
        let file = File::open(path).map_err(failed)?;
        let kind = file.metadata().map_err(failed)?.file_type();
        if let Some(what) = not_a_roster(&kind) {
            return Err(FileError::NotAFile {
                path: path.to_owned(),
                what,
            });
        }
        Roster::from_reader(file, format, options).map_err(|e| match e {
            FileError::Io(source) => failed(source),
            e => e,
        })
    }
}

/// What a file is when it is no regular file or pipe: a directory or a device.
fn not_a_roster(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    None
}

impl<'a> Roster<'a> {
    /// Reads a roster from any reader in a known format.
    ///
    /// With [`Encoding::Auto`] the encoding of a CSV roster is told from its first 64 KiB.
    ///
    /// # Errors
    ///
    /// [`FileError`] when the input is not text in a known encoding (UTF-16, NUL bytes), or a CSV header is
    /// bad or cannot be read.
    ///
    /// ```
    /// use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let roster = Roster::from_reader("編號,崗位\n1,其他\n".as_bytes(), Format::Csv, &RosterOptions::default())?;
    /// assert_eq!(roster.count(), 1);
    /// # Ok::<(), talent_matrix::roster::FileError>(())
    /// ```
    pub fn from_reader(
        reader: impl Read + 'a,
        format: Format,
        options: &RosterOptions,
    ) -> Result<Roster<'a>, FileError> {
        let limit = options.max_record_bytes;
        let reader: Box<dyn Read + 'a> = Box::new(reader);
        let mut split = split::Splitter::new(reader, limit, format == Format::Csv);
        let mut notices = Vec::new();
        let head = split.head()?;
        check_text(head)?;
        let source = match format {
            Format::JsonLines => Source::Lines,
            Format::Csv => {
                let mut encoding = match options.encoding {
                    Encoding::Auto => sniff(head, &mut notices),
                    other => Some(other),
                };
                let mut cells = Cells::default();
                let header = loop {
                    match split.next_piece() {
                        None => {
                            return Err(FileError::Header {
                                problems: vec!["the roster is empty: no header row".to_owned()],
                            });
                        }
                        Some(split::Piece::Record { start, end, .. }) => {
                            let bytes = split.bytes(start, end);
                            let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
                            if bytes.iter().all(u8::is_ascii_whitespace) {
                                continue;
                            }
                            if encoding.is_none() && !bytes.is_ascii() {
                                encoding = decide(bytes, 1, &mut notices);
                            }
                            break cells
                                .fill(bytes, encoding.unwrap_or(Encoding::Utf8))
                                .and_then(|()| match std::str::from_utf8(&cells.bytes) {
                                    Ok(_) => Ok(()),
                                    Err(e) => Err(e.valid_up_to() + 1),
                                });
                        }
                        Some(split::Piece::Failed { error, .. }) => {
                            return Err(FileError::Io(error));
                        }
                        Some(split::Piece::TooLong { bytes, .. }) => {
                            return Err(FileError::Header {
                                problems: vec![format!(
                                    "the header row is {bytes} bytes, longer than the record limit of {limit}"
                                )],
                            });
                        }
                        Some(split::Piece::Unclosed { quote, .. }) => {
                            return Err(FileError::Header {
                                problems: vec![format!(
                                    "the header row has a quote on line {quote} that never closes"
                                )],
                            });
                        }
                    }
                };
                let fields = match header {
                    Ok(()) => header_fields(&cells, options, &mut notices)?,
                    Err(at) => {
                        let name = encoding.map_or("UTF-8", Encoding::name);
                        return Err(FileError::Header {
                            problems: vec![format!(
                                "the header row is not valid {name} (at byte {at}); name the encoding"
                            )],
                        });
                    }
                };
                Source::Csv {
                    fields,
                    encoding,
                    cells,
                }
            }
        };
        Ok(Roster {
            source,
            split,
            seen: IdIndex::default(),
            summary: Summary::default(),
            notices,
            limit,
            done: false,
        })
    }

    /// What the reader noticed without rejecting anything: the encoding it chose, ignored columns. The
    /// encoding of a CSV that is plain ASCII at its start is chosen at its first row that is not, so a notice
    /// can come after rows have been read.
    ///
    /// ```
    /// use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let options = RosterOptions::default().ignore_unknown_columns(true);
    /// let roster = Roster::from_reader("id,post,备注\n".as_bytes(), Format::Csv, &options)?;
    /// assert_eq!(roster.notices(), [r#"ignoring unknown column "备注" (column 3)"#]);
    /// # Ok::<(), talent_matrix::roster::FileError>(())
    /// ```
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The rows read so far: accepted and rejected.
    ///
    /// ```
    /// use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let roster = Roster::from_reader("".as_bytes(), Format::JsonLines, &RosterOptions::default())?;
    /// assert_eq!(roster.summary().read(), 0);
    /// # Ok::<(), talent_matrix::roster::FileError>(())
    /// ```
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// Rejects a repeated id, else remembers it.
    ///
    /// Ids are compared by [`id_key`](crate::safety): NFKC with dashes folded, so that a full-width `Ｐ-1` or a
    /// `P‐1` with a Unicode hyphen is the `P-1` already seen.
    fn check_duplicate(&mut self, line: u64, profile: Profile) -> Result<Row, RowError> {
        let key = crate::safety::id_key(profile.id());
        match self.seen.first_line(&key) {
            Some(first) => {
                let same = if *key == *profile.id() {
                    String::new()
                } else {
                    format!(" (as {key}, after Unicode normalisation)")
                };
                Err(RowError {
                    line,
                    id: Some(profile.id().to_owned()),
                    field: Some(Field::Id.code().to_owned()),
                    value: Some(profile.id().to_owned()),
                    error: format!(
                        "duplicate id {}, first used on line {first}{same}",
                        profile.id()
                    ),
                })
            }
            None => {
                self.seen.insert(&key, line);
                Ok(Row { line, profile })
            }
        }
    }

    /// The next record that is not blank, or the error a piece that is no record makes.
    fn next_record(&mut self) -> Option<Result<(u64, usize, usize), RowError>> {
        loop {
            let piece = self.split.next_piece()?;
            return Some(match piece {
                split::Piece::Record { line, start, end } => {
                    let bytes = self.split.bytes(start, end);
                    let bytes = match line {
                        1 => bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes),
                        _ => bytes,
                    };
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    Ok((line, end - bytes.len(), end))
                }
                split::Piece::TooLong { line, bytes } => Err(RowError::plain(
                    line,
                    None,
                    format!(
                        "the record is longer than the limit of {} bytes ({bytes} bytes with its line ending; \
                         raise it with RosterOptions::max_record_bytes): it was skipped",
                        self.limit
                    ),
                )),
                split::Piece::Unclosed { line, quote } => Err(RowError::plain(
                    line,
                    None,
                    format!(
                        "unclosed quote: the quoted cell opened on line {quote} does not close before the end of \
                         the input or the record limit of {} bytes; reading resumes on line {}",
                        self.limit,
                        quote + 1
                    ),
                )),
                split::Piece::Failed { line, error } => {
                    self.done = true;
                    Err(RowError::plain(line, None, format!("read error: {error}")))
                }
            });
        }
    }

    fn next_line(&mut self) -> Option<Result<Row, RowError>> {
        let (line, start, end) = match self.next_record()? {
            Ok(found) => found,
            Err(e) => return Some(Err(e)),
        };
        let bytes = self.split.bytes(start, end);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let msg = format!(
                    "the line is not valid UTF-8 (at byte {})",
                    e.valid_up_to() + 1
                );
                return Some(Err(RowError::plain(line, None, msg)));
            }
        };
        Some(match Profile::read_json(text) {
            Ok(profile) => self.check_duplicate(line, profile),
            Err((error, id)) => Err(RowError::new(line, id, &error)),
        })
    }

    fn next_csv(&mut self) -> Option<Result<Row, RowError>> {
        let (line, start, end) = match self.next_record()? {
            Ok(found) => found,
            Err(e) => return Some(Err(e)),
        };
        let Source::Csv {
            fields,
            encoding,
            cells,
        } = &mut self.source
        else {
            return None;
        };
        let bytes = self.split.bytes(start, end);
        if encoding.is_none() && !bytes.is_ascii() {
            *encoding = decide(bytes, line, &mut self.notices);
        }
        let chosen = encoding.unwrap_or(Encoding::Utf8);
        if let Err(at) = cells.fill(bytes, chosen) {
            let msg = format!(
                "the row is not valid {} (at byte {at} of the row); name the encoding",
                chosen.name()
            );
            return Some(Err(RowError::plain(line, None, msg)));
        }
        let result = read_csv_row(line, cells, fields);
        Some(match result {
            Ok(profile) => self.check_duplicate(line, profile),
            Err(e) => Err(e),
        })
    }
}

impl Iterator for Roster<'_> {
    type Item = Result<Row, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = match self.source {
            Source::Lines => self.next_line(),
            Source::Csv { .. } => self.next_csv(),
        };
        match &item {
            Some(Ok(_)) => self.summary.accepted += 1,
            Some(Err(_)) => self.summary.rejected += 1,
            None => self.done = true,
        }
        item
    }
}

/// Refuses input that is no text in an encoding a roster may have: UTF-16 (by its byte-order mark, or the
/// NUL bytes of its ASCII characters), or anything else with NUL bytes, told from the first bytes read.
fn check_text(head: &[u8]) -> Result<(), FileError> {
    let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
    let nul = head.iter().position(|&b| b == 0);
    match (utf16, nul) {
        (true, _) => Err(FileError::NotText {
            why: "it is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8 or GB18030".to_owned(),
        }),
        (false, Some(at)) => Err(FileError::NotText {
            why: format!(
                "it holds a NUL byte (at byte {}): it is UTF-16 or not text; save it as UTF-8 or GB18030",
                at + 1
            ),
        }),
        (false, None) => Ok(()),
    }
}

/// The encoding of a CSV told from its first bytes with [`Encoding::Auto`]: UTF-8 when they are valid UTF-8,
/// else GB18030 (with a notice); `None` while they are plain ASCII, which either encoding reads alike.
fn sniff(head: &[u8], notices: &mut Vec<String>) -> Option<Encoding> {
    if head.is_ascii() {
        return None;
    }
    decide(head, 1, notices)
}

/// Decides the encoding from a prefix of the file (or the first row that is not ASCII, on `line`).
fn decide(bytes: &[u8], line: u64, notices: &mut Vec<String>) -> Option<Encoding> {
    let utf8 = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        // A character cut at the end of the prefix may finish after it.
        Err(e) => e.error_len().is_none() && bytes.len() - e.valid_up_to() < 4,
    };
    if utf8 {
        return Some(Encoding::Utf8);
    }
    // Not UTF-8: GB18030, as DOMAIN.md §8 says, whether or not every sequence is valid in it; a row with a
    // sequence that is not is rejected at its line.
    let from = if line == 1 {
        "the roster".to_owned()
    } else {
        format!("the roster (from line {line}, its first row that is not ASCII)")
    };
    notices.push(format!("{from} is not valid UTF-8: reading it as GB18030"));
    Some(Encoding::Gb18030)
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Gb18030 => "GB18030",
            _ => "UTF-8",
        }
    }
}

/// The cells of one CSV record, unquoted: one buffer and where each cell ends. Buffers are reused from row
/// to row.
#[derive(Debug, Default)]
struct Cells {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Cells {
    /// Splits a record (whose quotes the splitter has balanced) into cells, decoding GB18030 to UTF-8. `Err`
    /// with the 1-based byte of the row where it is not valid GB18030.
    fn fill(&mut self, record: &[u8], encoding: Encoding) -> Result<(), usize> {
        self.bytes.clear();
        self.ends.clear();
        if encoding == Encoding::Gb18030 && !record.is_ascii() {
            let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let mut decoded = String::with_capacity(
                decoder
                    .max_utf8_buffer_length_without_replacement(record.len())
                    .unwrap_or(record.len().saturating_mul(3)),
            );
            let (result, read) =
                decoder.decode_to_string_without_replacement(record, &mut decoded, true);
            if let encoding_rs::DecoderResult::Malformed(bad, after) = result {
                // `read` counts the malformed sequence and the bytes after it that were consumed.
                return Err((read + 1).saturating_sub(usize::from(bad) + usize::from(after)));
            }
            split_cells(decoded.as_bytes(), &mut self.bytes, &mut self.ends);
        } else {
            split_cells(record, &mut self.bytes, &mut self.ends);
        }
        Ok(())
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The whole row as text, when it is valid UTF-8 (checked once for every cell).
    fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// Cell `i`: its text, or `Err` with the 1-based byte where it is not UTF-8. `whole` is [`Cells::text`].
    fn cell<'c>(&'c self, whole: Option<&'c str>, i: usize) -> Option<Result<&'c str, usize>> {
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)?,
        };
        let end = *self.ends.get(i)?;
        if let Some(whole) = whole {
            return whole.get(start..end).map(Ok);
        }
        let raw = self.bytes.get(start..end)?;
        Some(std::str::from_utf8(raw).map_err(|e| e.valid_up_to() + 1))
    }
}

/// Splits a CSV record into unquoted cells: `"` at a cell's start opens a quoted part, `""` in it is a quote,
/// the next `"` closes it, and what follows up to the comma is kept as it is.
fn split_cells(record: &[u8], out: &mut Vec<u8>, ends: &mut Vec<usize>) {
    let mut i = 0;
    loop {
        if record.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let rest = record.get(i..).unwrap_or_default();
                let Some(q) = rest.iter().position(|&b| b == b'"') else {
                    out.extend_from_slice(rest);
                    i = record.len();
                    break;
                };
                out.extend_from_slice(rest.get(..q).unwrap_or_default());
                i += q + 1;
                if record.get(i) == Some(&b'"') {
                    out.push(b'"');
                    i += 1;
                } else {
                    break;
                }
            }
        }
        let rest = record.get(i..).unwrap_or_default();
        let j = rest.iter().position(|&b| b == b',').unwrap_or(rest.len());
        out.extend_from_slice(rest.get(..j).unwrap_or_default());
        ends.push(out.len());
        i += j;
        if i >= record.len() {
            break;
        }
        i += 1;
    }
}

/// Reads one CSV row into a profile (the header has been checked).
fn read_csv_row(line: u64, cells: &Cells, fields: &[Option<Field>]) -> Result<Profile, RowError> {
    let mut slots: [Slot<'_>; Field::ALL.len()] = [None; Field::ALL.len()];
    let mut id = None;
    let whole = cells.text();
    for (i, field) in fields.iter().enumerate() {
        let (Some(field), Some(Ok(text))) = (field, cells.cell(whole, i)) else {
            continue;
        };
        if *field == Field::Id {
            id = Some(crate::lang::trim(text))
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
        }
        *per_code_mut(&mut slots, *field) = Some(Cell::Text(text));
    }
    if cells.len() != fields.len() {
        let msg = format!(
            "the row has {} cells, the header has {}",
            cells.len(),
            fields.len()
        );
        return Err(RowError::plain(line, id, msg));
    }
    for (i, field) in fields.iter().enumerate().filter(|_| whole.is_none()) {
        // A cell of a column no field reads may hold anything.
        if let (Some(field), Some(Err(at))) = (field, cells.cell(whole, i)) {
            let msg = format!(
                "{} (column {}) is not valid UTF-8 (at byte {at}); name the encoding",
                field.code(),
                i + 1,
            );
            return Err(RowError {
                field: Some(field.code().to_owned()),
                ..RowError::plain(line, id, msg)
            });
        }
    }
    if let Some(profile) = Profile::from_clean_text(&slots) {
        return Ok(profile);
    }
    Profile::from_cells(&slots).map_err(|e| RowError::new(line, id, &e))
}

/// The field a CSV header cell names: a field code (ASCII case-insensitive) or its Chinese name in either
/// script, full-width parentheses accepted (DOMAIN.md §8).
fn header_field(cell: &str) -> Option<Field> {
    let name: String = cell
        .trim()
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    Field::ALL.iter().copied().find(|f| {
        f.code().eq_ignore_ascii_case(&name)
            || f.label(Lang::ZhHans) == name
            || f.label(Lang::ZhHant) == name
    })
}

/// Maps the header to fields, collecting every problem (DOMAIN.md §8).
fn header_fields(
    header: &Cells,
    options: &RosterOptions,
    notices: &mut Vec<String>,
) -> Result<Vec<Option<Field>>, FileError> {
    let mut problems = Vec::new();
    let mut fields = Vec::with_capacity(header.len());
    let mut first_column: [Option<usize>; Field::ALL.len()] = [None; Field::ALL.len()];
    let whole = header.text();
    for i in 0..header.len() {
        let column = i + 1;
        let name = header
            .cell(whole, i)
            .and_then(Result::ok)
            .unwrap_or_default();
        let field = header_field(name);
        match field {
            None => {
                let name = crate::safety::quoted(name.trim());
                let name = crate::safety::Shown(&name);
                if options.ignore_unknown_columns {
                    notices.push(format!(
                        "ignoring unknown column {name:?} (column {column})"
                    ));
                } else {
                    problems.push(format!(
                        "unknown column {name:?} (column {column}), expected a profile field code or its Chinese name"
                    ));
                }
            }
            Some(f) => match per_code_mut(&mut first_column, f) {
                Some(first) => {
                    problems.push(format!(
                        "columns {first} and {column} both give {}",
                        f.code()
                    ));
                }
                slot @ None => *slot = Some(column),
            },
        }
        fields.push(field);
    }
    for required in [Field::Id, Field::Post] {
        if per_code(&first_column, required).is_none() {
            problems.push(format!("no {} column", required.code()));
        }
    }
    if problems.is_empty() {
        Ok(fields)
    } else {
        Err(FileError::Header { problems })
    }
}
