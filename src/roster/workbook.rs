//! Workbook rosters (`.xlsx`, `.xls`, `.ods`), read with calamine (issue 13, DOMAIN.md §8).
//!
//! A workbook is read on a thread of its own, which sends the chosen sheet's rows down a bounded channel, so
//! that a `.xlsx` sheet streams (calamine's cell reader; `.xls` and `.ods` are read whole, as calamine reads
//! them) and the roster keeps its usual shape: an iterator of rows. Each row's cells become text as §8 reads
//! CSV cells (a number as a plain decimal, a boolean as `true`/`false`, an empty cell absent) and go through
//! the same header mapping and the same checked readers as a CSV row, so every row is classified or reported
//! exactly as in CSV. A date or a formula error in a column the roster reads is a row error naming the cell.

use std::io::{Read, Seek};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, DataRef, Reader, Sheets};

use super::row::FileError;

/// How many rows the reading thread may run ahead of the roster.
const AHEAD: usize = 256;

/// A cell of a workbook, as the roster reads it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum WorkCell {
    /// Empty (or only spaces): absent.
    Empty,
    /// Text, or a number or boolean written as §8 text.
    Text(String),
    /// A value a field cannot take as text: a date or time (`"a date"`), or a formula error (`"#DIV/0!"`).
    Bad(String),
}

/// What the reading thread sends.
#[derive(Debug)]
pub(super) enum Message {
    /// A row: its 1-based number in the sheet and its cells from column A.
    Row(u32, Vec<WorkCell>),
    /// The sheet could not be read further; the text says why.
    Failed(String),
    /// The sheet has been read to its end.
    Done,
}

/// The rows of a workbook's sheet, read on a thread of their own.
#[derive(Debug)]
pub(super) struct SheetRows {
    rx: Receiver<Message>,
    /// The sheet's name.
    pub(super) sheet: String,
    /// The number of the last row received (0 before the first).
    pub(super) last: u32,
    finished: bool,
}

impl SheetRows {
    /// Opens a workbook and starts reading its sheet (`sheet`, else the first). A workbook that cannot be
    /// opened, has no sheet, or lacks the named one is a file error.
    pub(super) fn start<RS>(
        open: impl FnOnce() -> Result<Sheets<RS>, calamine::Error> + Send + 'static,
        sheet: Option<String>,
    ) -> Result<SheetRows, FileError>
    where
        RS: Read + Seek + 'static,
    {
        let (tx, rx) = sync_channel::<Message>(AHEAD);
        let (opened_tx, opened_rx) = sync_channel::<Result<String, FileError>>(1);
        std::thread::Builder::new()
            .name("talent-matrix workbook".into())
            .spawn(move || {
                let mut workbook = match open() {
                    Ok(w) => w,
                    Err(e) => {
                        let _ = opened_tx.send(Err(FileError::Workbook {
                            why: format!("not a workbook that can be read: {e}"),
                        }));
                        return;
                    }
                };
                let names = workbook.sheet_names();
                let name = match sheet {
                    Some(name) if names.contains(&name) => name,
                    Some(name) => {
                        let _ = opened_tx.send(Err(FileError::Workbook {
                            why: format!(
                                "no sheet named {:?}; the workbook has {}",
                                crate::safety::Shown(&name),
                                names
                                    .iter()
                                    .map(|n| format!("{:?}", crate::safety::Shown(n)))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        }));
                        return;
                    }
                    None => match names.first() {
                        Some(first) => first.clone(),
                        None => {
                            let _ = opened_tx.send(Err(FileError::Workbook {
                                why: "the workbook has no sheet".to_owned(),
                            }));
                            return;
                        }
                    },
                };
                if opened_tx.send(Ok(name.clone())).is_err() {
                    return;
                }
                let end = match read_sheet(&mut workbook, &name, &tx) {
                    Ok(()) => Message::Done,
                    Err(why) => Message::Failed(why),
                };
                let _ = tx.send(end);
            })
            .map_err(FileError::Io)?;
        let sheet = match opened_rx.recv() {
            Ok(Ok(name)) => name,
            Ok(Err(e)) => return Err(e),
            Err(_) => {
                return Err(FileError::Workbook {
                    why: "the workbook could not be opened".to_owned(),
                });
            }
        };
        Ok(SheetRows {
            rx,
            sheet,
            last: 0,
            finished: false,
        })
    }

    /// The next row: `Ok((row, cells))`, `Err(why)` once when the sheet cannot be read further, `None` at the
    /// end.
    pub(super) fn next_row(&mut self) -> Option<Result<(u32, Vec<WorkCell>), String>> {
        if self.finished {
            return None;
        }
        match self.rx.recv() {
            Ok(Message::Row(row, cells)) => {
                self.last = row;
                Some(Ok((row, cells)))
            }
            Ok(Message::Done) => {
                self.finished = true;
                None
            }
            Ok(Message::Failed(why)) => {
                self.finished = true;
                Some(Err(why))
            }
            Err(_) => {
                self.finished = true;
                Some(Err("the reading of the workbook stopped".to_owned()))
            }
        }
    }
}

/// Sends every row of a sheet that has a cell, in order; `Err` with why reading stopped.
fn read_sheet<RS: Read + Seek>(
    workbook: &mut Sheets<RS>,
    name: &str,
    tx: &SyncSender<Message>,
) -> Result<(), String> {
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx
                .worksheet_cells_reader(name)
                .map_err(|e| e.to_string())?;
            let mut row: Option<(u32, Vec<WorkCell>)> = None;
            while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
                let (r, c) = cell.get_position();
                let value = of_ref(cell.get_value());
                match &mut row {
                    Some((at, _)) if *at == r + 1 => {}
                    _ => {
                        if let Some(done) = row.take() {
                            tx.send(Message::Row(done.0, done.1))
                                .map_err(|_| "the roster stopped reading".to_owned())?;
                        }
                        row = Some((r + 1, Vec::new()));
                    }
                }
                if let Some((_, cells)) = &mut row {
                    put(cells, c as usize, value);
                }
            }
            if let Some(done) = row {
                tx.send(Message::Row(done.0, done.1))
                    .map_err(|_| "the roster stopped reading".to_owned())?;
            }
            Ok(())
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| e.to_string())?;
            let Some((top, left)) = range.start() else {
                return Ok(());
            };
            for (i, data) in range.rows().enumerate() {
                let mut cells = Vec::with_capacity(left as usize + data.len());
                for (j, d) in data.iter().enumerate() {
                    put(&mut cells, left as usize + j, of_data(d));
                }
                let r = top + 1 + i as u32;
                tx.send(Message::Row(r, cells))
                    .map_err(|_| "the roster stopped reading".to_owned())?;
            }
            Ok(())
        }
    }
}

/// Puts a cell at its column, filling the columns before it with empty cells.
fn put(cells: &mut Vec<WorkCell>, column: usize, value: WorkCell) {
    if cells.len() <= column {
        cells.resize(column + 1, WorkCell::Empty);
    }
    if let Some(slot) = cells.get_mut(column) {
        *slot = value;
    }
}

/// A number as §8 reads one: a plain decimal, whole numbers without a point.
fn number(f: f64) -> WorkCell {
    if !f.is_finite() {
        return WorkCell::Bad(format!("the number {f}"));
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        WorkCell::Text(format!("{}", f as i64))
    } else {
        WorkCell::Text(format!("{f}"))
    }
}

fn text(s: &str) -> WorkCell {
    if s.trim().is_empty() {
        WorkCell::Empty
    } else {
        WorkCell::Text(s.to_owned())
    }
}

fn of_data(d: &Data) -> WorkCell {
    match d {
        Data::Empty => WorkCell::Empty,
        Data::String(s) => text(s),
        Data::Int(i) => WorkCell::Text(i.to_string()),
        Data::Float(f) => number(*f),
        Data::Bool(b) => WorkCell::Text(b.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) => WorkCell::Bad("a date".to_owned()),
        Data::DurationIso(_) => WorkCell::Bad("a duration".to_owned()),
        Data::Error(e) => WorkCell::Bad(format!("the formula error {e}")),
    }
}

fn of_ref(d: &DataRef<'_>) -> WorkCell {
    match d {
        DataRef::Empty => WorkCell::Empty,
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Int(i) => WorkCell::Text(i.to_string()),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => WorkCell::Text(b.to_string()),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => WorkCell::Bad("a date".to_owned()),
        DataRef::DurationIso(_) => WorkCell::Bad("a duration".to_owned()),
        DataRef::Error(e) => WorkCell::Bad(format!("the formula error {e}")),
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
    fn numbers_read_as_plain_decimals() {
        assert_eq!(number(300.0), WorkCell::Text("300".into()));
        assert_eq!(number(2500.5), WorkCell::Text("2500.5".into()));
        assert_eq!(number(-3.0), WorkCell::Text("-3".into()));
        assert_eq!(number(0.1), WorkCell::Text("0.1".into()));
        assert_eq!(number(1e20), WorkCell::Text("100000000000000000000".into()));
        assert!(matches!(number(f64::NAN), WorkCell::Bad(_)));
        assert_eq!(text("  "), WorkCell::Empty);
    }
}
