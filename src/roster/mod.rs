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
use std::io::Read;
use std::path::Path;

mod csv;
mod encoding;
mod ids;
mod options;
mod row;
mod split;
#[cfg(feature = "xlsx")]
mod workbook;

pub use options::{DEFAULT_MAX_RECORD_BYTES, Encoding, Format, ParseOptionError, RosterOptions};
pub use row::{FileError, Row, RowError, Summary};

use crate::codes::Field;
use crate::profile::Profile;
use csv::{Cells, header_fields};
use encoding::{check_text, decide, sniff};
use ids::IdIndex;

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
    /// The grouping columns asked for, by name.
    group_names: Vec<String>,
    /// The policy whose fields are read too (DOMAIN.md §9.2), when it has any.
    policy: Option<crate::policy::Policy>,
}

enum Source {
    /// JSON Lines, with the keys kept as grouping columns ([`RosterOptions::group_by`]).
    Lines { groups: Vec<String> },
    /// A workbook's sheet (feature `xlsx`): its rows read on a thread of their own, mapped by the header as
    /// CSV columns are.
    #[cfg(feature = "xlsx")]
    Workbook {
        rows: workbook::SheetRows,
        fields: Vec<Option<Field>>,
        own: Vec<(usize, usize)>,
        groups: Vec<usize>,
        cells: Cells,
    },
    Csv {
        fields: Vec<Option<Field>>,
        /// The columns of the policy's fields: `(column index, field index)`.
        own: Vec<(usize, usize)>,
        /// The column of each grouping column.
        groups: Vec<usize>,
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
        let given = format;
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
        // The content decides as well as the name: a workbook named .csv (or with no name a format can be told
        // from) is read as a workbook.
        let mut format = format;
        let mut notices = Vec::new();
        if format != Format::Workbook && workbook_magic(&file) {
            if given.is_some() {
                return Err(FileError::NotText {
                    why: format!(
                        "{} is a workbook (.xlsx, .xls or .ods), not {}: read it as a workbook",
                        path.display(),
                        format.name()
                    ),
                });
            }
            notices.push(format!(
                "{} holds a workbook, not {} text: it is read as a workbook",
                path.display(),
                format.name()
            ));
            format = Format::Workbook;
        }
        #[cfg(feature = "xlsx")]
        if format == Format::Workbook {
            drop(file);
            let rows = workbook::SheetRows::start(
                workbook::Input::Path(path.to_owned()),
                workbook::Wanted {
                    sheet: options.sheet.clone(),
                    record: options.max_record_bytes,
                },
            )?;
            let mut roster = Roster::from_sheet(rows, options)?;
            notices.append(&mut roster.notices);
            roster.notices = notices;
            return Ok(roster);
        }
        let _ = &mut notices;
        Roster::from_reader(file, format, options).map_err(|e| match e {
            FileError::Io(source) => failed(source),
            e => e,
        })
    }
}

/// Whether the first line of a JSON Lines file is a classified record (its keys `stream`, `tier` and `reasons`
/// or `policy_hash`): what gave it away.
fn records_line(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let (members, _) = json_members(line)?;
    let keys: Vec<&str> = members.iter().map(|(k, _, _)| k.as_str()).collect();
    csv::records_columns(&keys).map(|w| w.replace("its columns name", "its first line has"))
}

/// Whether a file begins as a workbook does: a zip (`.xlsx`, `.ods`) or a compound file (`.xls`). The file is
/// read from its start again afterwards.
fn workbook_magic(file: &File) -> bool {
    use std::io::{Seek, SeekFrom};
    let mut head = [0u8; 8];
    let mut f = file;
    let got = f.read(&mut head).unwrap_or(0);
    let _ = f.seek(SeekFrom::Start(0));
    let head = head.get(..got).unwrap_or_default();
    head.starts_with(b"PK\x03\x04")
        || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
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
        if format == Format::Workbook {
            return Roster::workbook_from_reader(reader, options);
        }
        let reader: Box<dyn Read + 'a> = Box::new(reader);
        let mut split = split::Splitter::new(reader, limit, format == Format::Csv);
        let mut notices = Vec::new();
        let head = split.head()?;
        check_text(head)?;
        if format == Format::JsonLines
            && let Some(what) = records_line(head)
        {
            return Err(FileError::Records { what });
        }
        let source = match format {
            Format::JsonLines | Format::Workbook => Source::Lines {
                groups: options.group_by.clone(),
            },
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
                            let bytes = split.bytes(start, end)?;
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
                let (fields, own, groups) = match header {
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
                    own,
                    groups,
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
            group_names: options.group_by.clone(),
            policy: options
                .policy
                .clone()
                .filter(|p| !p.compiled().slots.fields.is_empty()),
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
    fn check_duplicate(
        &mut self,
        line: u64,
        profile: Profile,
        groups: Vec<Option<String>>,
    ) -> Result<Row, RowError> {
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
                    column: None,
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
                Ok(Row {
                    line,
                    profile,
                    groups,
                })
            }
        }
    }

    /// The next record that is not blank, or the error a piece that is no record makes.
    fn next_record(&mut self) -> Option<Result<(u64, usize, usize), RowError>> {
        loop {
            let piece = self.split.next_piece()?;
            return Some(match piece {
                split::Piece::Record { line, start, end } => {
                    let bytes = match self.split.bytes(start, end) {
                        Ok(bytes) => bytes,
                        Err(e) => return Some(Err(RowError::plain(line, None, e.to_string()))),
                    };
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
        let bytes = match self.split.bytes(start, end) {
            Ok(bytes) => bytes,
            Err(e) => return Some(Err(RowError::plain(line, None, e.to_string()))),
        };
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
        // Grouping keys are taken out of the object before the profile is read from what is left.
        let (text, groups) = match &self.source {
            Source::Lines { groups } if !groups.is_empty() => match take_groups(text, groups) {
                Ok(taken) => taken,
                Err(e) => return Some(Err(RowError::plain(line, None, e))),
            },
            _ => (std::borrow::Cow::Borrowed(text), Vec::new()),
        };
        let read = match &self.policy {
            Some(policy) => policy.read_json_with_id(&text),
            None => Profile::read_json(&text),
        };
        Some(match read {
            Ok(profile) => self.check_duplicate(line, profile, groups),
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
            own,
            groups,
            encoding,
            cells,
        } = &mut self.source
        else {
            return None;
        };
        let bytes = match self.split.bytes(start, end) {
            Ok(bytes) => bytes,
            Err(e) => return Some(Err(RowError::plain(line, None, e.to_string()))),
        };
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
        let (result, values) =
            csv::read_row(line, cells, fields, own, groups, self.policy.as_ref());
        Some(match result {
            Ok(profile) => self.check_duplicate(line, profile, values),
            Err(e) => Err(e),
        })
    }
}

impl<'a> Roster<'a> {
    /// A workbook roster from a reader: read whole into memory (a workbook is a zip or a compound file, read
    /// out of order), then as [`Roster::open`] reads a workbook file.
    fn workbook_from_reader(
        reader: impl Read + 'a,
        options: &RosterOptions,
    ) -> Result<Roster<'a>, FileError> {
        #[cfg(feature = "xlsx")]
        {
            let limit = workbook::MAX_HELD_BYTES;
            let mut bytes = Vec::new();
            reader.take(limit + 1).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > limit {
                return Err(FileError::Workbook {
                    why: format!(
                        "the workbook is more than {limit} bytes, the most read whole from a reader: open it \
                         from its path (Roster::open), which reads it as it streams"
                    ),
                });
            }
            let rows = workbook::SheetRows::start(
                workbook::Input::Bytes(bytes),
                workbook::Wanted {
                    sheet: options.sheet.clone(),
                    record: options.max_record_bytes,
                },
            )?;
            Roster::from_sheet(rows, options)
        }
        #[cfg(not(feature = "xlsx"))]
        {
            let _ = (reader, options);
            Err(FileError::Workbook {
                why: "this build reads no workbooks: enable the crate's `xlsx` feature".to_owned(),
            })
        }
    }

    /// A roster over a workbook's sheet: its header row found and mapped as a CSV header is.
    #[cfg(feature = "xlsx")]
    fn from_sheet(
        mut rows: workbook::SheetRows,
        options: &RosterOptions,
    ) -> Result<Roster<'a>, FileError> {
        use workbook::WorkCell;
        let mut notices = std::mem::take(&mut rows.notices);
        let header = loop {
            match rows.next_row() {
                None => {
                    let why = match options.header_row {
                        Some(r) => {
                            format!("the sheet {:?} has no row {r} for the header", rows.sheet)
                        }
                        None => format!("the sheet {:?} is empty: no header row", rows.sheet),
                    };
                    return Err(FileError::Header {
                        problems: vec![why],
                    });
                }
                Some(Err(why)) => return Err(FileError::Workbook { why }),
                Some(Ok(Err((row, column, why)))) => {
                    let at = match column {
                        Some(c) => format!("cell {}", row::cell_name(c, u64::from(row))),
                        None => format!("row {row}"),
                    };
                    return Err(FileError::Header {
                        problems: vec![format!("the header ({at}) cannot be read: {why}")],
                    });
                }
                Some(Ok(Ok((row, cells)))) => {
                    let blank = cells.iter().all(|c| *c == WorkCell::Empty);
                    match options.header_row {
                        Some(wanted) if row < wanted => continue,
                        Some(wanted) if row > wanted => {
                            return Err(FileError::Header {
                                problems: vec![format!(
                                    "row {wanted} of the sheet {:?} is blank: no header there",
                                    rows.sheet
                                )],
                            });
                        }
                        None if blank => continue,
                        _ => break (row, cells),
                    }
                }
            }
        };
        let (row, cells) = header;
        let mut problems = Vec::new();
        let texts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| match c {
                WorkCell::Empty => String::new(),
                WorkCell::Text(t) | WorkCell::Long(t) => t.clone(),
                WorkCell::Bad(what) => {
                    problems.push(format!(
                        "the header cell {} holds {what}, not a column name",
                        row::cell_name(u32::try_from(i).unwrap_or(u32::MAX), u64::from(row))
                    ));
                    String::new()
                }
            })
            .collect();
        // Empty cells at the end of the header are no columns.
        let width = texts
            .iter()
            .rposition(|t| !t.trim().is_empty())
            .map_or(0, |i| i + 1);
        let mut header_cells = Cells::default();
        header_cells.set_texts(texts.iter().take(width).map(String::as_str));
        if !problems.is_empty() {
            return Err(FileError::Header { problems });
        }
        let (fields, own, groups) = header_fields(&header_cells, options, &mut notices)?;
        rows.keep_columns(fields.len());
        Ok(Roster {
            source: Source::Workbook {
                rows,
                fields,
                own,
                groups,
                cells: Cells::default(),
            },
            split: split::Splitter::new(
                Box::new(std::io::empty()),
                options.max_record_bytes,
                false,
            ),
            seen: IdIndex::default(),
            summary: Summary::default(),
            notices,
            limit: options.max_record_bytes,
            done: false,
            group_names: options.group_by.clone(),
            policy: options
                .policy
                .clone()
                .filter(|p| !p.compiled().slots.fields.is_empty()),
        })
    }

    /// The next row of a workbook's sheet: read as a CSV row is, its errors naming the cell.
    #[cfg(feature = "xlsx")]
    fn next_sheet_row(&mut self) -> Option<Result<Row, RowError>> {
        use row::cell_name;
        use workbook::WorkCell;
        let col = |i: usize| u32::try_from(i).ok();
        let Source::Workbook {
            rows,
            fields,
            own,
            groups,
            cells,
        } = &mut self.source
        else {
            return None;
        };
        let (row, work) = loop {
            match rows.next_row()? {
                Err(why) => {
                    let line = u64::from(rows.last) + 1;
                    return Some(Err(RowError::plain(
                        line,
                        None,
                        format!("the workbook could not be read from row {line} on: {why}"),
                    )));
                }
                Ok(Err((row, column, why))) => {
                    return Some(Err(RowError {
                        column,
                        ..RowError::plain(u64::from(row), None, why)
                    }));
                }
                Ok(Ok((_, work))) if work.iter().all(|c| *c == WorkCell::Empty) => continue,
                Ok(Ok(found)) => break found,
            }
        };
        let line = u64::from(row);
        let width = fields.len();
        let id_column = fields.iter().position(|f| *f == Some(Field::Id));
        let id = id_column.and_then(|i| match work.get(i) {
            Some(WorkCell::Text(t)) => Some(crate::lang::trim(t).to_owned()),
            _ => None,
        });
        // An id of more than 15 significant digits held as a number may have been rounded: refused.
        if let Some(i) = id_column
            && let Some(WorkCell::Long(digits)) = work.get(i)
        {
            let name = cell_name(col(i).unwrap_or(u32::MAX), line);
            let msg = format!(
                "id (cell {name}) is the number {digits}, of more than 15 significant digits, which a \
                 spreadsheet keeps only to 15, so two ids may have become one: format the id column as text \
                 and enter the ids again (or prefix each with ')"
            );
            return Some(Err(RowError {
                column: col(i),
                field: Some("id".to_owned()),
                value: Some(digits.clone()),
                ..RowError::plain(line, None, msg)
            }));
        }
        // The column of a field, §3 or the policy's, by its code.
        let column_of = |code: &str| -> Option<usize> {
            fields
                .iter()
                .position(|f| f.is_some_and(|f| f.code() == code))
                .or_else(|| {
                    let slots = &self.policy.as_ref()?.compiled().slots;
                    own.iter()
                        .find(|(_, f)| slots.fields.get(*f).is_some_and(|d| d.code == code))
                        .map(|(c, _)| *c)
                })
        };
        // A cell the header does not name must be empty.
        if let Some(extra) = work
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, c)| **c != WorkCell::Empty)
        {
            let msg = format!(
                "the row has a value in cell {}, beyond the header's {width} columns",
                cell_name(col(extra.0).unwrap_or(u32::MAX), line)
            );
            return Some(Err(RowError {
                column: col(extra.0),
                ..RowError::plain(line, id, msg)
            }));
        }
        // A date, a formula error or a formula without a value in a column the roster reads (a profile's, a
        // policy's or a grouping column) is an error naming the cell.
        for (i, cell) in work.iter().enumerate().take(width) {
            let WorkCell::Bad(what) = cell else { continue };
            let code = match fields.get(i).copied().flatten() {
                Some(f) => f.code().to_owned(),
                None => {
                    let slots = self.policy.as_ref().map(|p| &p.compiled().slots);
                    match own
                        .iter()
                        .find(|(c, _)| *c == i)
                        .and_then(|(_, f)| slots?.fields.get(*f))
                    {
                        Some(def) => def.code.clone(),
                        None => match groups.iter().position(|g| *g == i) {
                            Some(g) => self.group_names.get(g).cloned().unwrap_or_default(),
                            None => continue,
                        },
                    }
                }
            };
            let name = cell_name(col(i).unwrap_or(u32::MAX), line);
            let msg = format!("{code} (cell {name}) holds {what}, expected text or a number");
            return Some(Err(RowError {
                column: col(i),
                field: Some(code),
                value: Some(what.clone()),
                ..RowError::plain(line, id, msg)
            }));
        }
        cells.set_texts((0..width).map(|i| match work.get(i) {
            Some(WorkCell::Text(t) | WorkCell::Long(t)) => t.as_str(),
            _ => "",
        }));
        let (result, values) =
            csv::read_row(line, cells, fields, own, groups, self.policy.as_ref());
        Some(match result {
            Ok(profile) => self.check_duplicate(line, profile, values),
            Err(mut e) => {
                if e.column.is_none() {
                    e.column = e.field.as_deref().and_then(column_of).and_then(col);
                }
                Err(e)
            }
        })
    }
}

/// Takes the grouping keys out of a JSON Lines record: the record without their members, every other byte as it
/// was (so the profile reader sees its numbers, repeated keys and errors as written), and each key's value (a
/// string, trimmed, or a number as written; `None` when absent, null or blank). A line that is not an object
/// is passed on whole, for the profile reader to name what is wrong with it.
///
/// # Errors
///
/// A grouping key given twice, or with a value that is not text, a number or null.
fn take_groups<'t>(
    text: &'t str,
    keys: &[String],
) -> Result<(std::borrow::Cow<'t, str>, Vec<Option<String>>), String> {
    use std::borrow::Cow;
    let mut values: Vec<Option<Option<String>>> = vec![None; keys.len()];
    let Some((members, end)) = json_members(text) else {
        return Ok((Cow::Borrowed(text), vec![None; keys.len()]));
    };
    let mut kept: Vec<&str> = Vec::with_capacity(members.len());
    for (key, member, value) in members {
        let Some(g) = keys.iter().position(|k| *k == key) else {
            kept.push(member);
            continue;
        };
        let read = match serde_json::from_str::<serde_json::Value>(value) {
            Ok(serde_json::Value::Null) => None,
            Ok(serde_json::Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Ok(serde_json::Value::Number(_)) => Some(value.trim().to_owned()),
            _ => {
                return Err(format!(
                    "the grouping key {key:?} is {}; expected text, a number or null",
                    value.trim()
                ));
            }
        };
        match values.get_mut(g) {
            Some(slot @ None) => *slot = Some(read),
            _ => return Err(format!("the grouping key {key:?} is given twice")),
        }
    }
    let rest = format!("{{{}}}{}", kept.join(","), text.get(end..).unwrap_or(""));
    Ok((
        Cow::Owned(rest),
        values.into_iter().map(Option::flatten).collect(),
    ))
}

/// A member of a JSON object: its key (unescaped), its text, and its value's text.
type Member<'t> = (String, &'t str, &'t str);

/// The members of a JSON object's text: each key (unescaped), the member's text and its value's text; and where
/// the object ends. `None` when the text is not an object this scan can follow.
fn json_members(text: &str) -> Option<(Vec<Member<'_>>, usize)> {
    let b = text.as_bytes();
    let ws = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    // The end of the string that opens at `i` (one past its closing quote).
    let string_end = |mut i: usize| -> Option<usize> {
        i += 1;
        loop {
            match b.get(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
    };
    // The end of the value that starts at `i`.
    let value_end = |mut i: usize| -> Option<usize> {
        match b.get(i)? {
            b'"' => string_end(i),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match b.get(i)? {
                        b'"' => {
                            i = string_end(i)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(i + 1);
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => {
                while !matches!(b.get(i), None | Some(b',' | b'}' | b']'))
                    && !b.get(i)?.is_ascii_whitespace()
                {
                    i += 1;
                }
                Some(i)
            }
        }
    };
    let mut i = ws(0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = ws(i + 1);
    let mut members = Vec::new();
    if b.get(i) == Some(&b'}') {
        return Some((members, i + 1));
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let start = i;
        let key_end = string_end(i)?;
        let key: String = serde_json::from_str(text.get(start..key_end)?).ok()?;
        i = ws(key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let value_start = ws(i + 1);
        let end = value_end(value_start)?;
        members.push((key, text.get(start..end)?, text.get(value_start..end)?));
        i = ws(end);
        match b.get(i)? {
            b',' => i = ws(i + 1),
            b'}' => return Some((members, i + 1)),
            _ => return None,
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
            #[cfg(feature = "xlsx")]
            Source::Workbook { .. } => self.next_sheet_row(),
        };
        match &item {
            Some(Ok(_)) => self.summary.accepted += 1,
            Some(Err(_)) => self.summary.rejected += 1,
            None => self.done = true,
        }
        item
    }
}
