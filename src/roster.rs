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
//! is ignored; blank lines are skipped and not counted. A CSV that is not valid UTF-8 is read as GB18030 (what
//! spreadsheet programs write in Chinese locales), with a [notice](Roster::notices).
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

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::profile::{Cell, Slot};
use crate::{Field, Lang, Profile, ProfileError};

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
    /// UTF-8 when the file is valid UTF-8, else GB18030 (a file is checked whole; a reader by its first
    /// 64 KiB).
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterOptions {
    ignore_unknown_columns: bool,
    encoding: Encoding,
}

impl RosterOptions {
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
    source: Source<'a>,
    seen: IdIndex,
    summary: Summary,
    notices: Vec<String>,
    done: bool,
}

enum Source<'a> {
    Lines {
        reader: Box<dyn BufRead + 'a>,
        line: u64,
        buf: Vec<u8>,
    },
    Csv {
        reader: Box<csv::Reader<LineCounter<Box<dyn Read + 'a>>>>,
        fields: Vec<Option<Field>>,
        record: csv::ByteRecord,
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

/// How much of a reader is checked for UTF-8 when the encoding is [`Encoding::Auto`].
const SNIFF: usize = 64 * 1024;

impl Roster<'static> {
    /// Opens a roster file; the format comes from `format` or else from the extension.
    ///
    /// With [`Encoding::Auto`] a CSV file is first checked whole for UTF-8, and read as GB18030 if it is not.
    ///
    /// # Errors
    ///
    /// [`FileError`] when the file cannot be read, its format cannot be told, or its CSV header is bad.
    ///
    /// ```
    /// use talent_matrix::roster::{Roster, RosterOptions};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/roster.jsonl");
    /// let mut roster = Roster::open(path, None, &RosterOptions::default())?;
    /// assert!(roster.all(|row| row.is_ok()));
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
        let open = || {
            File::open(path).map_err(|source| FileError::Open {
                path: path.to_owned(),
                source,
            })
        };
        let mut options = options.clone();
        let mut notices = Vec::new();
        if format == Format::Csv && options.encoding == Encoding::Auto {
            let utf8 = is_utf8(open()?).map_err(|source| FileError::Open {
                path: path.to_owned(),
                source,
            })?;
            options.encoding = if utf8 {
                Encoding::Utf8
            } else {
                notices.push(format!(
                    "{} is not valid UTF-8: reading it as GB18030",
                    path.display()
                ));
                Encoding::Gb18030
            };
        }
        let mut roster = Roster::from_reader(open()?, format, &options)?;
        notices.append(&mut roster.notices);
        roster.notices = notices;
        Ok(roster)
    }
}

impl<'a> Roster<'a> {
    /// Reads a roster from any reader in a known format.
    ///
    /// With [`Encoding::Auto`] a CSV reader is read as GB18030 when its first 64 KiB are not UTF-8.
    ///
    /// # Errors
    ///
    /// [`FileError`] when a CSV header is bad or cannot be read.
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
        let mut notices = Vec::new();
        let source = match format {
            Format::JsonLines => Source::Lines {
                reader: Box::new(BufReader::new(reader)),
                line: 0,
                buf: Vec::new(),
            },
            Format::Csv => {
                let mut buffered = BufReader::with_capacity(SNIFF, reader);
                let encoding = match options.encoding {
                    Encoding::Auto => {
                        let head = buffered.fill_buf()?;
                        if prefix_is_utf8(head) {
                            Encoding::Utf8
                        } else {
                            notices.push(
                                "the roster is not valid UTF-8: reading it as GB18030".to_owned(),
                            );
                            Encoding::Gb18030
                        }
                    }
                    other => other,
                };
                let decoded: Box<dyn Read + 'a> = match encoding {
                    Encoding::Gb18030 => Box::new(
                        encoding_rs_io::DecodeReaderBytesBuilder::new()
                            .encoding(Some(encoding_rs::GB18030))
                            .build(buffered),
                    ),
                    _ => Box::new(buffered),
                };
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(LineCounter::new(decoded));
                let mut header = csv::ByteRecord::new();
                let fields = match reader.read_byte_record(&mut header) {
                    Ok(true) => header_fields(&header, options, &mut notices)?,
                    Ok(false) => {
                        return Err(FileError::Header {
                            problems: vec!["the roster is empty: no header row".to_owned()],
                        });
                    }
                    Err(e) => return Err(FileError::Io(csv_io(e))),
                };
                Source::Csv {
                    reader: Box::new(reader),
                    fields,
                    record: csv::ByteRecord::new(),
                }
            }
        };
        Ok(Roster {
            source,
            seen: IdIndex::default(),
            summary: Summary::default(),
            notices,
            done: false,
        })
    }

    /// What the reader noticed without rejecting anything: the encoding it chose, ignored columns.
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

    fn next_line(&mut self) -> Option<Result<Row, RowError>> {
        let Source::Lines { reader, line, buf } = &mut self.source else {
            return None;
        };
        loop {
            buf.clear();
            let at = *line + 1;
            match reader.read_until(b'\n', buf) {
                Ok(0) => return None,
                Ok(_) => *line = at,
                Err(e) => {
                    self.done = true;
                    return Some(Err(RowError::plain(at, None, format!("read error: {e}"))));
                }
            }
            let mut bytes = buf.as_slice();
            while let [rest @ .., b'\n' | b'\r'] = bytes {
                bytes = rest;
            }
            if at == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let msg = format!(
                        "the line is not valid UTF-8 (at byte {})",
                        e.valid_up_to() + 1
                    );
                    return Some(Err(RowError::plain(at, None, msg)));
                }
            };
            let record = Profile::read_json(text);
            let result = match record {
                Ok(profile) => self.check_duplicate(at, profile),
                Err((error, id)) => Err(RowError::new(at, id, &error)),
            };
            return Some(result);
        }
    }

    fn next_csv(&mut self) -> Option<Result<Row, RowError>> {
        let Source::Csv {
            reader,
            fields,
            record,
        } = &mut self.source
        else {
            return None;
        };
        loop {
            match reader.read_byte_record(record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    self.done = true;
                    let line = e.position().map_or(0, csv::Position::line) + 1;
                    return Some(Err(RowError::plain(line, None, format!("read error: {e}"))));
                }
            }
            let start = record.position().map_or(0, csv::Position::byte);
            let line = reader.get_mut().start_line(start);
            // A line of spaces is a blank line, not a row (a row has the header's cells, at least two).
            if record.len() == 1 && record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let result = read_csv_row(line, record, fields);
            return Some(match result {
                Ok(profile) => self.check_duplicate(line, profile),
                Err(e) => Err(e),
            });
        }
    }
}

impl Iterator for Roster<'_> {
    type Item = Result<Row, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = match self.source {
            Source::Lines { .. } => self.next_line(),
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

/// Reads one CSV row into a profile (the header has been checked).
fn read_csv_row(
    line: u64,
    record: &csv::ByteRecord,
    fields: &[Option<Field>],
) -> Result<Profile, RowError> {
    let mut slots: [Slot<'_>; Field::ALL.len()] = [None; Field::ALL.len()];
    let mut id = None;
    // The whole row is checked once; only a row that is not UTF-8 is checked cell by cell, to name the cell
    // (a cell of a column no field reads may hold anything).
    let whole = std::str::from_utf8(record.as_slice()).ok();
    for (i, (cell, field)) in record.iter().zip(fields).enumerate() {
        let Some(field) = field else {
            continue;
        };
        let text = match whole {
            Some(whole) => record.range(i).and_then(|r| whole.get(r)),
            None => std::str::from_utf8(cell).ok(),
        };
        let Some(text) = text else {
            continue;
        };
        if *field == Field::Id {
            id = Some(crate::lang::trim(text))
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
        }
        if let Some(slot) = slots.get_mut(field.index()) {
            *slot = Some(Cell::Text(text));
        }
    }
    if record.len() != fields.len() {
        let msg = format!(
            "the row has {} cells, the header has {}",
            record.len(),
            fields.len()
        );
        return Err(RowError::plain(line, id, msg));
    }
    for (i, (cell, field)) in record.iter().zip(fields).enumerate() {
        if whole.is_some() {
            break;
        }
        if let (Some(field), Err(e)) = (field, std::str::from_utf8(cell)) {
            let msg = format!(
                "{} (column {}) is not valid UTF-8 (at byte {}); name the encoding",
                field.code(),
                i + 1,
                e.valid_up_to() + 1
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
    header: &csv::ByteRecord,
    options: &RosterOptions,
    notices: &mut Vec<String>,
) -> Result<Vec<Option<Field>>, FileError> {
    let mut problems = Vec::new();
    let mut fields = Vec::with_capacity(header.len());
    let mut first_column: [Option<usize>; Field::ALL.len()] = [None; Field::ALL.len()];
    for (i, raw) in header.iter().enumerate() {
        let column = i + 1;
        let raw = if i == 0 {
            raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw)
        } else {
            raw
        };
        let name = String::from_utf8_lossy(raw);
        let field = header_field(&name);
        match field {
            None => {
                let name = name.trim();
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
            Some(f) => match first_column.get_mut(f.index()) {
                Some(Some(first)) => {
                    problems.push(format!(
                        "columns {first} and {column} both give {}",
                        f.code()
                    ));
                }
                Some(slot) => *slot = Some(column),
                None => {}
            },
        }
        fields.push(field);
    }
    for required in [Field::Id, Field::Post] {
        if first_column
            .get(required.index())
            .copied()
            .flatten()
            .is_none()
        {
            problems.push(format!("no {} column", required.code()));
        }
    }
    if problems.is_empty() {
        Ok(fields)
    } else {
        Err(FileError::Header { problems })
    }
}

fn csv_io(e: csv::Error) -> io::Error {
    io::Error::other(e.to_string())
}

/// Whether a whole stream is valid UTF-8, read in chunks (constant memory).
fn is_utf8(mut reader: impl Read) -> io::Result<bool> {
    let mut buf = vec![0u8; SNIFF];
    let mut carry = 0usize;
    loop {
        let n = reader.read(buf.get_mut(carry..).unwrap_or_default())?;
        let filled = carry + n;
        let chunk = buf.get(..filled).unwrap_or_default();
        match std::str::from_utf8(chunk) {
            Ok(_) => carry = 0,
            // An incomplete character at the end of a chunk may finish in the next one.
            Err(e) if e.error_len().is_none() && n > 0 => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carry = filled - valid;
            }
            Err(_) => return Ok(false),
        }
        if n == 0 {
            return Ok(carry == 0);
        }
    }
}

/// Whether a prefix of a stream is UTF-8, allowing a character cut at its end.
fn prefix_is_utf8(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    }
}

/// The ids seen so far, with the line of their first use: the one part of a roster reader that grows with
/// the roster.
///
/// Every id is appended to one string arena and the hash table holds only entry numbers, so an id costs its
/// bytes plus about 9 (its start in the arena, a table slot of a `u32` and a control byte) rather than a
/// separate allocation and a 24-byte slot. Lines are not stored per id: entry `i` was read on the line of the
/// last entry whose line broke the count, plus the entries since (a roster with no blank or rejected lines
/// keeps one such mark). Ids past 4 GiB of arena or `u32::MAX` entries go to a plain map.
#[derive(Default)]
struct IdIndex {
    hasher: hashbrown::DefaultHashBuilder,
    table: hashbrown::HashTable<u32>,
    text: String,
    /// Per entry: where its id starts in `text` (it ends where the next starts).
    starts: Vec<u32>,
    /// The entries whose line is not the previous entry's plus one: (entry, line), in entry order.
    marks: Vec<(u32, u64)>,
    overflow: HashMap<Box<str>, u64>,
}

impl IdIndex {
    fn id_at<'t>(text: &'t str, starts: &[u32], i: u32) -> &'t str {
        let i = i as usize;
        let start = starts.get(i).map_or(0, |&s| s as usize);
        let end = starts.get(i + 1).map_or(text.len(), |&s| s as usize);
        text.get(start..end).unwrap_or_default()
    }

    /// The line of entry `i`: its mark's line plus the entries since the mark.
    fn line_of(&self, i: u32) -> Option<u64> {
        let k = self.marks.partition_point(|&(entry, _)| entry <= i);
        let &(entry, line) = self.marks.get(k.checked_sub(1)?)?;
        Some(line + u64::from(i - entry))
    }

    fn first_line(&self, id: &str) -> Option<u64> {
        let hash = std::hash::BuildHasher::hash_one(&self.hasher, id);
        let (text, starts) = (&self.text, &self.starts);
        let found = self
            .table
            .find(hash, |&i| Self::id_at(text, starts, i) == id);
        match found {
            Some(&i) => self.line_of(i),
            None => self.overflow.get(id).copied(),
        }
    }

    fn insert(&mut self, id: &str, line: u64) {
        let compact = (
            u32::try_from(self.text.len()),
            u32::try_from(self.starts.len()),
        );
        let (Ok(start), Ok(index)) = compact else {
            self.overflow.insert(id.into(), line);
            return;
        };
        if index.checked_sub(1).and_then(|prev| self.line_of(prev)) != line.checked_sub(1) {
            self.marks.push((index, line));
        }
        self.text.push_str(id);
        self.starts.push(start);
        let Self {
            hasher,
            table,
            text,
            starts,
            ..
        } = self;
        let hash = std::hash::BuildHasher::hash_one(&*hasher, id);
        table.insert_unique(hash, index, |&i| {
            std::hash::BuildHasher::hash_one(&*hasher, Self::id_at(text, starts, i))
        });
    }
}

/// Counts the newlines of the stream the CSV reader reads, to give each record the physical line it starts
/// on. (The CSV reader's own line count starts a record where the previous one ended, before any blank lines
/// it skips, and counts a CR LF's LF on the next record.)
///
/// LF bytes make lines; a lone CR ends a record but not a line.
///
/// Only the offsets of CR and LF bytes not yet behind the reader's position are kept: memory is bounded by the
/// reader's read-ahead.
struct LineCounter<R> {
    inner: R,
    offset: u64,
    /// Offsets and bytes (CR or LF) of line-ending bytes not yet behind a record's start.
    pending: VecDeque<(u64, u8)>,
    /// LF bytes behind the last record's start.
    newlines: u64,
}

impl<R> LineCounter<R> {
    fn new(inner: R) -> Self {
        LineCounter {
            inner,
            offset: 0,
            pending: VecDeque::new(),
            newlines: 0,
        }
    }

    /// The line on which a record starts, given where the CSV reader says it starts: after the previous
    /// record's terminator, before any blank lines it skipped. Those lines are the run of CR and LF bytes from
    /// there (a record's first byte is never one: an empty line is no record), so the record's first line is
    /// one more than the LFs before its first byte.
    fn start_line(&mut self, start: u64) -> u64 {
        let mut next = start;
        while let Some(&(at, byte)) = self.pending.front() {
            if at < start || at == next {
                if at == next {
                    next += 1;
                }
                if byte == b'\n' {
                    self.newlines += 1;
                }
                self.pending.pop_front();
            } else {
                break;
            }
        }
        self.newlines + 1
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = buf.get(..n).unwrap_or_default();
        let mut at = 0;
        loop {
            at += crate::swar::first_line_break(read.get(at..).unwrap_or_default());
            let Some(&b) = read.get(at) else {
                break;
            };
            self.pending.push_back((self.offset + at as u64, b));
            at += 1;
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    use super::IdIndex;

    proptest! {
        /// Every id inserted is found with its own line, whatever the gaps between lines; ids never inserted
        /// are not found.
        #[test]
        fn the_id_index_gives_back_every_first_line(gaps in proptest::collection::vec(1u64..4, 0..300)) {
            let mut index = IdIndex::default();
            let mut line = 1;
            let mut expected = Vec::new();
            for (i, gap) in gaps.iter().enumerate() {
                line += gap;
                let id = format!("P-{i}");
                prop_assert_eq!(index.first_line(&id), None);
                index.insert(&id, line);
                expected.push((id, line));
            }
            for (id, line) in &expected {
                prop_assert_eq!(index.first_line(id), Some(*line));
            }
            prop_assert_eq!(index.first_line("Q"), None);
            // One mark per break in the count of lines.
            let breaks = 1 + gaps.iter().skip(1).filter(|&&g| g != 1).count();
            prop_assert_eq!(index.marks.len(), breaks.min(gaps.len()));
        }
    }
}
