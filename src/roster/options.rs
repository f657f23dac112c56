//! How a roster is read: its format, its encoding, and the options (DOMAIN.md §8).

use std::path::Path;
use std::str::FromStr;

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
    /// An Excel or WPS workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`), its first sheet or a named one
    /// ([`RosterOptions::sheet`]), with a header row as in CSV (feature `xlsx`).
    Workbook,
}

impl Format {
    /// The format named by a file's extension (ASCII case-insensitive), if any.
    ///
    /// ```
    /// use talent_matrix::roster::Format;
    /// assert_eq!(Format::from_path("名单.CSV"), Some(Format::Csv));
    /// assert_eq!(Format::from_path("名单.xlsx"), Some(Format::Workbook));
    /// assert_eq!(Format::from_path("roster.txt"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Format::Workbook),
            _ => None,
        }
    }

    /// The format's name in a message.
    pub(super) fn name(self) -> &'static str {
        match self {
            Format::JsonLines => "JSON Lines",
            Format::Csv => "CSV",
            Format::Workbook => "a workbook",
        }
    }
}

impl FromStr for Format {
    type Err = ParseOptionError;

    /// `jsonl` (also `json`, `ndjson`), `csv`, or `xlsx` (also `xls`, `ods`, `workbook`), ASCII
    /// case-insensitive.
    fn from_str(s: &str) -> Result<Format, ParseOptionError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => Ok(Format::JsonLines),
            "csv" => Ok(Format::Csv),
            "xlsx" | "xlsm" | "xls" | "ods" | "workbook" => Ok(Format::Workbook),
            _ => Err(ParseOptionError {
                what: "format",
                input: s.to_owned(),
                expected: "jsonl, csv or xlsx",
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
/// let err = "docx".parse::<talent_matrix::roster::Format>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown format "docx", expected jsonl, csv or xlsx"#);
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
    pub(super) ignore_unknown_columns: bool,
    pub(super) encoding: Encoding,
    pub(super) max_record_bytes: usize,
    pub(super) policy: Option<crate::policy::Policy>,
    /// The sheet of a workbook to read; the first when `None`.
    pub(super) sheet: Option<String>,
    /// The 1-based row of a workbook's header; the first row that is not blank when `None`.
    pub(super) header_row: Option<u32>,
    /// Grouping columns kept beside the profile (a CSV or workbook header cell, trimmed, equal to the name).
    pub(super) group_by: Vec<String>,
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
            policy: None,
            sheet: None,
            header_row: None,
            group_by: Vec::new(),
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

    /// Reads the fields this policy adds to the profile (DOMAIN.md §9.2) as well: a CSV column named by a
    /// policy field's code or Chinese label, a JSON key named by its code, each checked as the policy says.
    /// Without it such columns and keys are unknown, as any other.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// use talent_matrix::{Policy, PolicyValue, policy::PolicyDoc};
    /// let policy = Policy::from_doc(&PolicyDoc::from_toml(include_str!("../../examples/data/policy-facts.toml"))?)?;
    /// let csv = "编号,岗位,荣誉称号\nP-1,专业技术岗位,泰山学者\nP-2,专业技术岗位,泰山学者、泰山学者\n";
    /// let options = RosterOptions::default().policy(policy);
    /// let rows: Vec<_> = Roster::from_reader(csv.as_bytes(), Format::Csv, &options)?.collect();
    /// let first = rows[0].as_ref().unwrap().profile();
    /// assert_eq!(first.policy_value("honour"), Some(&PolicyValue::Many(vec!["taishan_scholar".into()])));
    /// let err = rows[1].as_ref().unwrap_err();
    /// assert_eq!((err.line(), err.field()), (3, Some("honour")));
    /// assert_eq!(err.error(), "honour takes each value once, got 泰山学者、泰山学者");
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn policy(mut self, policy: crate::policy::Policy) -> Self {
        self.policy = Some(policy);
        self
    }

    /// The policy whose fields are read, if any.
    pub fn policy_option(&self) -> Option<&crate::policy::Policy> {
        self.policy.as_ref()
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

    /// Reads the workbook's sheet of this name (exactly as the workbook spells it) instead of its first; a
    /// workbook without it is a file error that lists the sheets it has.
    ///
    /// ```
    /// use talent_matrix::roster::RosterOptions;
    /// assert_eq!(RosterOptions::default().sheet("2024年").sheet_option(), Some("2024年"));
    /// ```
    #[must_use]
    pub fn sheet(mut self, name: impl Into<String>) -> Self {
        self.sheet = Some(name.into());
        self
    }

    /// The sheet asked for, if any.
    pub fn sheet_option(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// Reads a workbook's header from this 1-based row (the rows above it, such as a merged title, are
    /// skipped); without it, the first row that is not blank is the header.
    ///
    /// ```
    /// use talent_matrix::roster::RosterOptions;
    /// assert_eq!(RosterOptions::default().header_row(2).header_row_option(), Some(2));
    /// ```
    #[must_use]
    pub fn header_row(mut self, row: u32) -> Self {
        self.header_row = Some(row);
        self
    }

    /// The header row asked for, if any.
    pub fn header_row_option(&self) -> Option<u32> {
        self.header_row
    }

    /// Keeps a column outside the profile as a grouping column (e.g. 填报单位, the reporting unit): a CSV or
    /// workbook column whose header, trimmed, is `name` is no unknown column, and each row carries its value
    /// ([`Row::group`](super::Row::group)). A header without it is a file error. In JSON Lines the key `name` is
    /// taken out of each record before its profile is read (every other byte as it was): its value is text, a
    /// number or null; a record without it has none. Call it again for more.
    ///
    /// ```
    /// use talent_matrix::roster::{Format, Roster, RosterOptions};
    /// let options = RosterOptions::default().group_by("填报单位");
    /// let csv = "编号,岗位,填报单位\nA,其他,区财政局\nB,其他,\n";
    /// let rows: Vec<_> = Roster::from_reader(csv.as_bytes(), Format::Csv, &options)?.collect();
    /// assert_eq!(rows[0].as_ref().unwrap().group(0), Some("区财政局"));
    /// assert_eq!(rows[1].as_ref().unwrap().group(0), None);
    ///
    /// let jsonl = r#"{"id":"C","post":"other","填报单位":"大观园街道"}"#;
    /// let row = Roster::from_reader(jsonl.as_bytes(), Format::JsonLines, &options)?.next().expect("a row")?;
    /// assert_eq!(row.group(0), Some("大观园街道"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn group_by(mut self, name: impl Into<String>) -> Self {
        self.group_by.push(name.into());
        self
    }

    /// The grouping columns asked for, in order.
    pub fn group_by_option(&self) -> &[String] {
        &self.group_by
    }
}
