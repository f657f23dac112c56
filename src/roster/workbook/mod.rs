//! Workbook rosters (`.xlsx`, `.xls`, `.ods`), read within fixed bounds on what is really read (issue 13, and
//! the README's "Limits and safety").
//!
//! A workbook is read on a thread of its own, which sends the chosen sheet's rows down a bounded channel in
//! batches of bounded size; the roster keeps its usual shape, an iterator of rows. Each row's cells become
//! text as CSV cells are read (a number as a plain decimal from the text the file stores, a boolean as
//! `true`/`false`, an empty cell absent) and go through the same header mapping and checked readers as a CSV
//! row, so every row is classified or reported exactly as in CSV.
//!
//! The kind is told from the bytes (a zip holding `xl/workbook.xml` or an OpenDocument spreadsheet, or a
//! compound file), not from the name. `.xlsx` and `.ods` are read here, streaming, from their XML: every part is
//! inflated through a limit on the bytes it really inflates to and on the bytes of one XML event, the shared
//! strings are counted and only those the sheet uses are kept, rows and columns stop at a sheet's own
//! limits (a repeated `.ods` row counts as the rows it stands for). An `.xls`'s records are checked, then a
//! BIFF8 one is read row by row here too (`biff.rs`), an older one by calamine (`xls.rs`), which reads an `.xls`
//! whole and builds each sheet's full rectangle of cells. A cell that cannot be read is an error of its row,
//! which names the cell; reading goes on with the next row.

use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::row::FileError;
use crate::safety::Shown;

mod archive;
mod biff;
mod bounded;
mod number;
mod ods;
mod xls;
mod xlsx;
mod xml;

/// Excel's columns in a sheet (A to XFD): a cell beyond them is an error of its row, and nothing is allocated
/// for the columns before it.
pub const MAX_COLUMNS: u32 = 16_384;
/// Excel's rows in a sheet: a row beyond them (a repeated `.ods` row counted as the rows it stands for) ends
/// the sheet with an error.
pub const MAX_ROWS: u32 = 1_048_576;
/// The most bytes one part of a `.xlsx` or `.ods` workbook (a sheet, its shared strings) may inflate to,
/// counted as they are inflated, whatever the zip's header says: 1 GiB, four times the sheet of a
/// 1,000,000-row roster.
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// The most bytes of the workbook's smaller parts (its list of sheets, their relations, the styles): 16 MiB.
pub const MAX_META_BYTES: u64 = 16 << 20;
/// The most strings a `.xlsx` shared-strings table may hold, counted as they are read: 4,194,304.
pub const MAX_SHARED_STRINGS: u32 = 1 << 22;
/// The most bytes of shared strings kept, of those the sheet uses: 64 MiB (a 1,000,000-row roster uses about
/// 10 MB).
pub const MAX_SHARED_BYTES: usize = 64 << 20;
/// The most entries of a workbook's zip: 10,000 (a workbook has a few dozen).
pub const MAX_ZIP_ENTRIES: u64 = 10_000;
/// The most bytes of a workbook held whole: a workbook given as a reader rather than a path, and an `.xls`
/// file (read whole by calamine): 128 MiB.
pub const MAX_HELD_BYTES: u64 = 128 << 20;
/// The most cells the sheets of an older (BIFF5) `.xls` span together, which calamine builds whole: 4,194,304,
/// as 65,536 rows of 64 columns. A BIFF8 `.xls` is read row by row and builds none.
pub const MAX_XLS_CELLS: u64 = 1 << 22;

/// The longest XML event (a tag, a text, a comment) for a record limit: four times the limit, as escaped text
/// (`&amp;`, `&#x4E00;`) may be, and 64 KiB more.
fn event_limit(record: usize) -> u64 {
    (record as u64).saturating_mul(4).saturating_add(64 << 10)
}

/// A cell of a workbook, as the roster reads it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum WorkCell {
    /// Empty (or only spaces): absent.
    Empty,
    /// Text, or a number or boolean written as text.
    Text(String),
    /// A number of more than 15 significant digits, exactly as the file writes it: refused as an id.
    Long(String),
    /// A value a field cannot take as text: a date or time (`"a date"`), a formula error (`"the formula error
    /// #DIV/0!"`), a formula without a saved value.
    Bad(String),
}

impl WorkCell {
    /// Text: empty (or only spaces) is absent.
    pub(super) fn text(text: String) -> WorkCell {
        if text.trim().is_empty() {
            WorkCell::Empty
        } else {
            WorkCell::Text(text)
        }
    }

    /// A number from the text the file stores (`cell` names the cell): plain, long, or an error of the row.
    pub(super) fn number(text: &str, cell: &str) -> Result<WorkCell, String> {
        match number::decimal(text) {
            Some(number::Number::Plain(s)) => Ok(WorkCell::Text(s)),
            Some(number::Number::Long(s)) => Ok(WorkCell::Long(s)),
            None => Err(format!(
                "the cell {cell} holds the number {:?}, which cannot be read",
                Shown(text)
            )),
        }
    }

    /// The bytes this cell holds, for the row's limit.
    fn bytes(&self) -> usize {
        match self {
            WorkCell::Empty => 0,
            WorkCell::Text(t) | WorkCell::Long(t) | WorkCell::Bad(t) => t.len(),
        }
    }
}

/// What the reading thread sends.
#[derive(Debug)]
pub(super) enum Message {
    /// A row: its 1-based number in the sheet and its cells from column A.
    Row(u32, Vec<WorkCell>),
    /// A row that could not be read: its number, the 0-based column of the cell at fault, and why.
    Bad {
        row: u32,
        column: Option<u32>,
        why: String,
    },
    /// The sheet could not be read further; the text says why.
    Failed(String),
    /// The sheet has been read to its end.
    Done,
}

/// Where a workbook comes from.
#[derive(Debug)]
pub(super) enum Input {
    /// A file, read from its path.
    Path(PathBuf),
    /// Bytes already read (at most [`MAX_HELD_BYTES`]).
    Bytes(Vec<u8>),
}

/// What the reader needs to know of the roster's options.
#[derive(Debug, Clone)]
pub(super) struct Wanted {
    /// The sheet asked for, else the first visible one.
    pub(super) sheet: Option<String>,
    /// The record limit, which a row's text may not pass.
    pub(super) record: usize,
}

/// The rows of a workbook's sheet, read on a thread of their own.
#[derive(Debug)]
pub(super) struct SheetRows {
    rx: Receiver<Vec<Message>>,
    queue: std::collections::VecDeque<Message>,
    /// The sheet's name.
    pub(super) sheet: String,
    /// What the reader noticed (a hidden first sheet passed over).
    pub(super) notices: Vec<String>,
    /// The number of the last row received (0 before the first).
    pub(super) last: u32,
    finished: bool,
    width: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

/// How many batches the reading thread may run ahead of the roster.
const AHEAD: usize = 4;
/// The bytes of a batch of rows sent at once (a batch holds at least one row).
const BATCH_BYTES: usize = 256 << 10;

/// Why a reader stopped.
#[derive(Debug)]
pub(super) enum Stop {
    /// The roster stopped reading: nothing more to do.
    Dropped,
    /// The workbook cannot be read (further); why.
    Why(String),
}

impl From<String> for Stop {
    fn from(why: String) -> Stop {
        Stop::Why(why)
    }
}

/// The sheet found (its name, and what the reader noticed), or why none was.
type Opened = Result<(String, Vec<String>), FileError>;

/// A row as the roster receives it: its cells, or a row that could not be read (its number, the column at
/// fault, why).
pub(super) type SheetRow = Result<(u32, Vec<WorkCell>), (u32, Option<u32>, String)>;

/// Where a reader sends the sheet's name and rows.
pub(super) struct Sink {
    tx: SyncSender<Vec<Message>>,
    opened: Option<SyncSender<Opened>>,
    batch: Vec<Message>,
    bytes: usize,
    /// The record limit.
    pub(super) record: usize,
    /// The header's width once the roster has read it ([`SheetRows::keep_columns`]).
    width: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

impl Sink {
    /// The columns a row keeps in full: the header's width, once the roster has read it, and the first column
    /// past it; every column before.
    pub(super) fn keep(&self) -> u32 {
        self.width.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The sheet is found: the roster may start reading it.
    pub(super) fn open(&mut self, name: String, notices: Vec<String>) -> Result<(), Stop> {
        match self.opened.take() {
            Some(tx) => tx.send(Ok((name, notices))).map_err(|_| Stop::Dropped),
            None => Ok(()),
        }
    }

    /// Sends a row.
    pub(super) fn row(&mut self, row: u32, cells: Vec<WorkCell>) -> Result<(), Stop> {
        self.bytes += cells.iter().map(WorkCell::bytes).sum::<usize>() + 32 * cells.len() + 64;
        self.push(Message::Row(row, cells))
    }

    /// Sends a row that could not be read.
    pub(super) fn bad(&mut self, row: u32, column: Option<u32>, why: String) -> Result<(), Stop> {
        self.bytes += why.len() + 64;
        self.push(Message::Bad { row, column, why })
    }

    fn push(&mut self, message: Message) -> Result<(), Stop> {
        self.batch.push(message);
        if self.bytes >= BATCH_BYTES || self.batch.len() >= 1024 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Stop> {
        self.bytes = 0;
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        self.tx.send(batch).map_err(|_| Stop::Dropped)
    }

    /// Ends the reading: the sheet's end, or why it stopped (before the sheet was found, a file error).
    fn end(mut self, result: Result<(), Stop>) {
        let why = match result {
            Ok(()) => None,
            Err(Stop::Dropped) => return,
            Err(Stop::Why(why)) => Some(why),
        };
        if let Some(tx) = self.opened.take() {
            let _ = tx.send(Err(FileError::Workbook {
                why: why.unwrap_or_else(|| "the workbook has no sheet to read".to_owned()),
            }));
            return;
        }
        let last = match why {
            Some(why) => Message::Failed(why),
            None => Message::Done,
        };
        self.batch.push(last);
        let _ = self.flush();
    }
}

/// The kinds of workbook, told from their bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A zip: `.xlsx`, `.xlsm`, `.ods` (or an `.xlsb`, refused by name).
    Zip,
    /// A compound file: `.xls` (or a workbook with a password).
    Compound,
}

/// The kind of workbook these first bytes begin, or why they begin none.
fn kind(head: &[u8]) -> Result<Kind, String> {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(Kind::Zip);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Kind::Compound);
    }
    let text = head
        .iter()
        .take(512)
        .all(|&b| b >= 0x20 || b == b'\t' || b == b'\n' || b == b'\r');
    Err(if head.is_empty() {
        "the file is empty, not a workbook".to_owned()
    } else if text && head.trim_ascii_start().starts_with(b"<") {
        "the file is text (HTML or XML, as some systems export under a workbook's name), not a workbook: \
         open it in a spreadsheet program and save it as .xlsx, or export the roster as CSV"
            .to_owned()
    } else if text {
        "the file is text, not a workbook: if it is CSV, name it .csv or read it as CSV (--format csv)"
            .to_owned()
    } else {
        "the file is neither a zip workbook (.xlsx, .ods) nor a compound one (.xls)".to_owned()
    })
}

/// Reads the workbook: tells its kind and hands it to its reader.
fn run<RS: Read + Seek>(mut rs: RS, wanted: &Wanted, sink: &mut Sink) -> Result<(), Stop> {
    let mut head = [0u8; 512];
    let mut got = 0;
    while got < head.len() {
        match rs.read(head.get_mut(got..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(Stop::Why(format!("the file cannot be read: {e}"))),
        }
    }
    rs.seek(SeekFrom::Start(0))
        .map_err(|e| format!("the file cannot be read: {e}"))?;
    match kind(head.get(..got).unwrap_or_default())? {
        Kind::Zip => archive::read(rs, wanted, sink),
        Kind::Compound => xls::read(rs, wanted, sink),
    }
}

impl SheetRows {
    /// Opens a workbook and starts reading its sheet (`wanted.sheet`, else the first visible one). A workbook
    /// that cannot be opened, has no sheet, or lacks the named one is a file error.
    pub(super) fn start(input: Input, wanted: Wanted) -> Result<SheetRows, FileError> {
        let (tx, rx) = sync_channel::<Vec<Message>>(AHEAD);
        let (opened_tx, opened_rx) = sync_channel(1);
        let width = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(MAX_COLUMNS));
        let shared = std::sync::Arc::clone(&width);
        std::thread::Builder::new()
            .name("talent-matrix workbook".into())
            .spawn(move || {
                let mut sink = Sink {
                    tx,
                    opened: Some(opened_tx),
                    batch: Vec::new(),
                    bytes: 0,
                    record: wanted.record,
                    width: shared,
                };
                let result = match input {
                    Input::Path(path) => match std::fs::File::open(&path) {
                        Ok(file) => run(std::io::BufReader::new(file), &wanted, &mut sink),
                        Err(e) => Err(Stop::Why(format!("cannot open {}: {e}", path.display()))),
                    },
                    Input::Bytes(bytes) => run(std::io::Cursor::new(bytes), &wanted, &mut sink),
                };
                sink.end(result);
            })
            .map_err(FileError::Io)?;
        let (sheet, notices) = match opened_rx.recv() {
            Ok(Ok(opened)) => opened,
            Ok(Err(e)) => return Err(e),
            Err(_) => {
                return Err(FileError::Workbook {
                    why: "the workbook could not be opened".to_owned(),
                });
            }
        };
        Ok(SheetRows {
            rx,
            queue: std::collections::VecDeque::new(),
            sheet,
            notices,
            last: 0,
            finished: false,
            width,
        })
    }

    /// The header has `width` columns: the reader keeps that many of each row in full from now on (a value
    /// past them is reported all the same).
    pub(super) fn keep_columns(&self, width: usize) {
        let width = u32::try_from(width).unwrap_or(MAX_COLUMNS).min(MAX_COLUMNS);
        self.width
            .store(width, std::sync::atomic::Ordering::Relaxed);
    }

    /// The next row: `Ok(Ok((row, cells)))`, `Ok(Err((row, column, why)))` for a row that could not be read,
    /// `Err(why)` once when the sheet cannot be read further, `None` at the end.
    pub(super) fn next_row(&mut self) -> Option<Result<SheetRow, String>> {
        if self.finished {
            return None;
        }
        if self.queue.is_empty() {
            match self.rx.recv() {
                Ok(batch) => self.queue.extend(batch),
                Err(_) => {
                    self.finished = true;
                    return Some(Err("the reading of the workbook stopped".to_owned()));
                }
            }
        }
        match self.queue.pop_front()? {
            Message::Row(row, cells) => {
                self.last = row;
                Some(Ok(Ok((row, cells))))
            }
            Message::Bad { row, column, why } => {
                self.last = row;
                Some(Ok(Err((row, column, why))))
            }
            Message::Done => {
                self.finished = true;
                None
            }
            Message::Failed(why) => {
                self.finished = true;
                Some(Err(why))
            }
        }
    }
}

/// The little-endian number of `n` bytes (at most 8) at `at`; 0 when the bytes are not there.
pub(super) fn le(b: &[u8], at: usize, n: usize) -> u64 {
    match b.get(at..at.saturating_add(n)) {
        Some(bytes) => bytes.iter().rev().fold(0, |v, &x| (v << 8) | u64::from(x)),
        None => 0,
    }
}

/// Chooses the sheet to read: the one named, else the first visible one (with a notice when the first sheet
/// is hidden). Returns its index and the notices.
pub(super) fn choose(
    listed: &[(String, bool)],
    wanted: Option<&str>,
) -> Result<(usize, Vec<String>), String> {
    let all = || {
        listed
            .iter()
            .map(|(n, hidden)| format!("{:?}{}", Shown(n), if *hidden { " (hidden)" } else { "" }))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(name) = wanted {
        return match listed.iter().position(|(n, _)| n == name) {
            Some(i) => Ok((i, Vec::new())),
            None => Err(format!(
                "no sheet named {:?}; the workbook has {}",
                Shown(name),
                all()
            )),
        };
    }
    let Some((first, _)) = listed.first() else {
        return Err("the workbook has no sheet".to_owned());
    };
    match listed.iter().position(|(_, hidden)| !hidden) {
        Some(0) => Ok((0, Vec::new())),
        Some(i) => Ok((
            i,
            vec![format!(
                "the workbook's first sheet {:?} is hidden: reading the first visible sheet, {:?} (name the \
                 sheet to read to read another)",
                Shown(first),
                Shown(listed.get(i).map(|(n, _)| n.as_str()).unwrap_or_default())
            )],
        )),
        None => Err(format!(
            "every sheet of the workbook is hidden ({}): name the sheet to read",
            all()
        )),
    }
}

/// The words for a formula without a saved value.
pub(super) const NO_VALUE: &str = "a formula without a saved value (open the workbook in a spreadsheet \
                                   program and save it, so that its formulas are worked out)";

/// Whether a number format of a workbook's own writes a date or a time: a `d`, `m`, `y`, `h` or `s` in its
/// first section outside quotes, escapes and brackets, or an elapsed time (`[h]`, `[mm]`, `[ss]`).
pub(super) fn is_date_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inside: String = chars.by_ref().take_while(|&b| b != ']').collect();
                if !inside.is_empty()
                    && inside
                        .chars()
                        .all(|b| matches!(b, 'h' | 'H' | 'm' | 'M' | 's' | 'S'))
                {
                    return true;
                }
            }
            ';' => return false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
            _ => {}
        }
    }
    false
}

/// A cell's column from its reference (`AB12` → 27), checked against [`MAX_COLUMNS`] without allocating.
pub(super) fn column_of(reference: &str) -> Result<u32, String> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let digits = reference.get(letters..).unwrap_or("");
    if letters == 0 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "the cell reference {:?} is no cell name (letters, then digits, as B7)",
            crate::safety::Shown(reference)
        ));
    }
    let mut n: u64 = 0;
    for b in reference.bytes().take(letters) {
        n = n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1);
        if n > u64::from(MAX_COLUMNS) {
            return Err(format!(
                "the cell {:?} lies beyond column XFD, the last of a sheet's {MAX_COLUMNS} columns",
                crate::safety::Shown(reference)
            ));
        }
    }
    Ok(u32::try_from(n - 1).unwrap_or(u32::MAX))
}

/// A row's cells as they are put together: bounded in columns and in text.
///
/// Once the roster has read its header, the cells past the header's width are not kept beyond the first one
/// with a value (which the roster reports as a value beyond the header): a row of 16,384 repeated cells costs
/// the header's width, not 16,384 cells, however often the row is repeated.
#[derive(Debug, Default)]
pub(super) struct RowCells {
    pub(super) cells: Vec<WorkCell>,
    bytes: usize,
    /// The columns kept in full (the header's width, once known; all before).
    keep: u32,
    /// A cell with a value was put past `keep`: nothing more is kept.
    beyond: bool,
    /// The first problem of the row: its column and why.
    pub(super) bad: Option<(Option<u32>, String)>,
}

impl RowCells {
    /// Starts a new row, keeping `keep` columns in full ([`Sink::keep`]).
    pub(super) fn clear(&mut self, keep: u32) {
        self.cells = Vec::new();
        self.bytes = 0;
        self.keep = keep;
        self.beyond = false;
        self.bad = None;
    }

    /// Keeps `keep` columns in full and the first cell past them with a value, as if the row had been read
    /// with `keep` ([`RowCells::clear`]).
    pub(super) fn keep_to(&mut self, keep: u32) {
        let keep = keep as usize;
        if self.cells.len() <= keep + 1 {
            return;
        }
        match self
            .cells
            .iter()
            .skip(keep)
            .position(|c| *c != WorkCell::Empty)
        {
            Some(i) => self.cells.truncate(keep + i + 1),
            None => self.cells.truncate(keep),
        }
    }

    /// Marks the row bad (the first problem is kept).
    pub(super) fn fail(&mut self, column: Option<u32>, why: String) {
        if self.bad.is_none() {
            self.bad = Some((column, why));
            self.cells = Vec::new();
        }
    }

    /// Puts a cell at its column, repeated `times` (an `.ods` repeated cell), filling the columns before it;
    /// `record` is the row's limit of text, `row` the row's number (for messages).
    pub(super) fn put(
        &mut self,
        column: u32,
        value: WorkCell,
        times: u32,
        record: usize,
        row: u32,
    ) {
        if self.bad.is_some() || value == WorkCell::Empty || times == 0 {
            return;
        }
        let at = column as usize;
        if at < self.cells.len() {
            self.fail(
                Some(column),
                format!(
                    "the cell {} is given twice, or out of order",
                    super::row::cell_name(column, u64::from(row))
                ),
            );
            return;
        }
        let end = u64::from(column) + u64::from(times);
        if end > u64::from(MAX_COLUMNS) {
            self.fail(
                Some(column),
                format!("the row's cells run past column XFD, the last of a sheet's {MAX_COLUMNS} columns"),
            );
            return;
        }
        self.bytes = self
            .bytes
            .saturating_add(value.bytes().saturating_mul(times as usize));
        if self.bytes > record {
            self.fail(
                Some(column),
                format!(
                    "the row holds more than {record} bytes of text, the record limit (raise it with \
                     RosterOptions::max_record_bytes): it was skipped"
                ),
            );
            return;
        }
        if self.beyond {
            return;
        }
        // Kept in full up to `keep`, and the first cell past it.
        let kept = u64::from(self.keep).saturating_sub(u64::from(column));
        let copies = match kept {
            0 => 1,
            kept => u64::from(times).min(kept + 1) as usize,
        };
        if end > u64::from(self.keep) {
            self.beyond = true;
        }
        self.cells.resize(at, WorkCell::Empty);
        for _ in 1..copies {
            self.cells.push(value.clone());
        }
        self.cells.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        use super::super::row::cell_name;
        assert_eq!(cell_name(0, 1), "A1");
        assert_eq!(cell_name(5, 12), "F12");
        assert_eq!(cell_name(25, 2), "Z2");
        assert_eq!(cell_name(26, 3), "AA3");
        assert_eq!(cell_name(701, 4), "ZZ4");
        assert_eq!(cell_name(702, 5), "AAA5");
        assert_eq!(cell_name(u32::MAX, 1), "MWLQKWV1");
    }

    #[test]
    fn columns_are_read_from_references_within_the_sheet() {
        assert_eq!(column_of("A1"), Ok(0));
        assert_eq!(column_of("ab12"), Ok(27));
        assert_eq!(column_of("XFD1"), Ok(16_383));
        assert!(column_of("XFE1").unwrap_err().contains("beyond column XFD"));
        assert!(
            column_of("ZZZZZZZZZZZZZZZZ3")
                .unwrap_err()
                .contains("beyond column XFD")
        );
        assert!(column_of("12").unwrap_err().contains("no cell name"));
        assert!(column_of("A1B").unwrap_err().contains("no cell name"));
    }

    #[test]
    fn a_row_is_bounded_in_columns_and_text() {
        let mut row = RowCells::default();
        row.clear(MAX_COLUMNS);
        row.put(2, WorkCell::Text("x".into()), 1, 10, 3);
        assert_eq!(row.cells.len(), 3);
        row.put(1, WorkCell::Text("y".into()), 1, 10, 3);
        assert!(
            row.bad
                .as_ref()
                .unwrap()
                .1
                .contains("the cell B3 is given twice")
        );
        row.clear(MAX_COLUMNS);
        row.put(16_383, WorkCell::Text("x".into()), 2, 10, 1);
        assert!(row.bad.as_ref().unwrap().1.contains("past column XFD"));
        assert!(row.cells.is_empty());
        row.clear(MAX_COLUMNS);
        row.put(0, WorkCell::Text("abcdef".into()), 2, 10, 1);
        assert!(row.bad.as_ref().unwrap().1.contains("more than 10 bytes"));
        row.clear(MAX_COLUMNS);
        row.put(0, WorkCell::Empty, 16_384 * 64, 10, 1);
        assert!(row.bad.is_none() && row.cells.is_empty());
        // Past the header's width, only the first cell with a value is kept.
        row.clear(2);
        row.put(0, WorkCell::Text("a".into()), 16_000, 1 << 20, 1);
        assert_eq!(row.cells.len(), 3);
        row.put(16_001, WorkCell::Text("b".into()), 1, 1 << 20, 1);
        assert_eq!(row.cells.len(), 3);
        row.clear(2);
        row.put(7, WorkCell::Text("c".into()), 9, 1 << 20, 1);
        assert_eq!(row.cells.len(), 8);
        // A row read before the width was known is cut to it afterwards.
        row.clear(MAX_COLUMNS);
        row.put(0, WorkCell::Text("a".into()), 16_000, 1 << 20, 1);
        row.keep_to(2);
        assert_eq!(row.cells.len(), 3);
    }

    #[test]
    fn the_kind_comes_from_the_bytes() {
        assert_eq!(kind(b"PK\x03\x04rest"), Ok(Kind::Zip));
        assert_eq!(
            kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Ok(Kind::Compound)
        );
        assert!(kind(b"id,post\n").unwrap_err().contains("name it .csv"));
        assert!(kind(b"<html><table>").unwrap_err().contains("HTML"));
        assert!(kind(b"").unwrap_err().contains("empty"));
    }
}
