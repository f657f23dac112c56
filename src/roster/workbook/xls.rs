//! `.xls` workbooks (BIFF in a compound file, [MS-XLS]): the workbook stream is read (at most
//! [`MAX_HELD_BYTES`]) and its records checked, then a BIFF8 stream (Excel 97 and later, WPS, LibreOffice) is
//! read row by row by the crate itself (`biff.rs`) and an older one by calamine. calamine reads every sheet of
//! an `.xls` when it opens it, reserves room for the cells a sheet's `DIMENSIONS` record claims and builds each
//! sheet's whole rectangle of cells, so for it the check also refuses a workbook whose rectangles together pass
//! [`MAX_XLS_CELLS`]. Every stream is refused when a sheet lies outside it or outside an `.xls` sheet (65,536
//! rows, 256 columns), or when its first records are cut short.

use std::io::{Read, Seek, SeekFrom};

use calamine::{Data, Reader, SheetVisible, Xls};

use super::number::{Number, decimal};
use super::{MAX_HELD_BYTES, MAX_XLS_CELLS, RowCells, Sink, Stop, Wanted, WorkCell, choose, le};
use crate::roster::row::cell_name;

/// The rows of an `.xls` sheet (BIFF8).
const XLS_ROWS: u64 = 65_536;
/// The columns of an `.xls` sheet.
const XLS_COLUMNS: u64 = 256;

pub(super) fn read<RS: Read + Seek>(
    mut rs: RS,
    wanted: &Wanted,
    sink: &mut Sink,
) -> Result<(), Stop> {
    let broken = |e: std::io::Error| format!("the .xls file cannot be read: {e}");
    let len = rs.seek(SeekFrom::End(0)).map_err(broken)?;
    if len > MAX_HELD_BYTES {
        return Err(Stop::Why(format!(
            "the .xls file is {len} bytes, more than the {MAX_HELD_BYTES} an .xls may have here (it is read \
             whole): save it as .xlsx, which is read as it streams"
        )));
    }
    rs.seek(SeekFrom::Start(0)).map_err(broken)?;
    let stream = check(&mut rs)?;
    if super::biff::is_biff8(&stream) {
        return super::biff::read(&stream, wanted, sink);
    }
    check_span(&stream)?;
    drop(stream);
    rs.seek(SeekFrom::Start(0)).map_err(broken)?;
    // calamine indexes some records without checking their length: a panic there is this file's error, not
    // the process's end.
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut book =
            Xls::new(rs).map_err(|e| format!("not an .xls workbook that can be read: {e}"))?;
        let listed: Vec<(String, bool)> = book
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
            .collect();
        let (index, notices) = choose(&listed, wanted.sheet.as_deref())?;
        let name = listed
            .get(index)
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("the sheet cannot be read: {e}"))?;
        Ok::<_, String>((name, notices, range))
    }));
    let (name, notices, range) = opened.map_err(|_| {
        "the .xls reader (calamine) failed on this file, which is damaged or written oddly: open it in Excel \
         or WPS and save it as .xlsx"
            .to_owned()
    })??;
    sink.open(name, notices)?;
    let Some((top, left)) = range.start() else {
        return Ok(());
    };
    let mut row = RowCells::default();
    for (i, data) in range.rows().enumerate() {
        let number = top
            .saturating_add(1)
            .saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        row.clear(sink.keep());
        for (j, d) in data.iter().enumerate() {
            let column = left.saturating_add(u32::try_from(j).unwrap_or(u32::MAX));
            row.put(column, of_data(d), 1, sink.record, number);
        }
        match row.bad.take() {
            Some((column, why)) => sink.bad(number, column, why)?,
            None if row.cells.is_empty() => {}
            None => sink.row(number, std::mem::take(&mut row.cells))?,
        }
    }
    Ok(())
}

/// A number as the roster reads it: its shortest decimal (what a spreadsheet shows), `Long` past 15 digits.
fn number(f: f64) -> WorkCell {
    if !f.is_finite() {
        return WorkCell::Bad(format!("the number {f}"));
    }
    match decimal(&format!("{f}")) {
        Some(Number::Plain(s)) => WorkCell::Text(s),
        Some(Number::Long(s)) => WorkCell::Long(s),
        None => WorkCell::Bad(format!("the number {f}")),
    }
}

fn of_data(d: &Data) -> WorkCell {
    match d {
        Data::Empty => WorkCell::Empty,
        Data::String(s) => WorkCell::text(s.clone()),
        Data::Int(i) => number(*i as f64),
        Data::Float(f) => number(*f),
        Data::Bool(b) => WorkCell::Text(b.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) => WorkCell::Bad("a date".to_owned()),
        Data::DurationIso(_) => WorkCell::Bad("a duration".to_owned()),
        Data::Error(e) => WorkCell::Bad(format!("the formula error {e}")),
    }
}

/// The rectangle of cells a sheet spans, as calamine builds it.
#[derive(Debug, Default, Clone, Copy)]
struct Span {
    top: u64,
    bottom: u64,
    left: u64,
    right: u64,
    any: bool,
}

impl Span {
    fn add(&mut self, row: u64, column: u64) {
        if self.any {
            self.top = self.top.min(row);
            self.bottom = self.bottom.max(row);
            self.left = self.left.min(column);
            self.right = self.right.max(column);
        } else {
            *self = Span {
                top: row,
                bottom: row,
                left: column,
                right: column,
                any: true,
            };
        }
    }

    fn cells(&self) -> u64 {
        if self.any {
            (self.bottom - self.top + 1) * (self.right - self.left + 1)
        } else {
            0
        }
    }
}

fn u16_at(b: &[u8], i: usize) -> u64 {
    le(b, i, 2)
}

fn u32_at(b: &[u8], i: usize) -> u64 {
    le(b, i, 4)
}

/// The records of a BIFF stream from `at`: (type, data), to the stream's end.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u64, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

/// Checks an `.xls` before it is read (see the module's documentation): its workbook stream, and that every
/// sheet lies within it and within an `.xls` sheet. Returns the stream.
fn check<R: Read + Seek>(rs: &mut R) -> Result<Vec<u8>, String> {
    let mut file = cfb::CompoundFile::open(rs)
        .map_err(|e| format!("the file is no compound file that can be read (.xls): {e}"))?;
    if file.exists("/EncryptionInfo") || file.exists("/EncryptedPackage") {
        return Err("the workbook is protected by a password: open it in Excel or WPS, remove the password \
                    and save it as .xlsx"
            .to_owned());
    }
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or("the compound file holds no workbook stream: it is no .xls (a Word or other Office file?)")?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(|e| format!("the workbook stream cannot be read: {e}"))?
        .take(MAX_HELD_BYTES + 1)
        .read_to_end(&mut stream)
        .map_err(|e| format!("the workbook stream cannot be read: {e}"))?;
    if stream.len() as u64 > MAX_HELD_BYTES {
        return Err(format!(
            "the workbook stream is more than {MAX_HELD_BYTES} bytes, the limit for an .xls"
        ));
    }
    check_stream(&stream, false)?;
    Ok(stream)
}

/// Checks what calamine would build of the stream: the cells every sheet spans together.
fn check_span(stream: &[u8]) -> Result<(), String> {
    check_stream(stream, true)
}

/// Checks the records of a workbook stream: the sheets within it and within an `.xls` sheet, and with `span`
/// also the cells they span together (what calamine builds; the crate's own BIFF8 reader builds none).
fn check_stream(stream: &[u8], span: bool) -> Result<(), String> {
    // The workbook's globals, to their EOF: where each sheet starts.
    let mut starts = Vec::new();
    for (typ, data) in records(stream, 0) {
        match typ {
            // BoundSheet8: where the sheet starts, which calamine takes as it is.
            0x0085 => {
                let at = u32_at(data, 0) as usize;
                if data.len() < 8 || at >= stream.len() {
                    return Err(format!(
                        "the workbook lists a sheet at byte {at} of a stream of {} bytes: the file is damaged",
                        stream.len()
                    ));
                }
                starts.push(at);
            }
            // FilePass, CodePage, DateMode, BOF: calamine reads their first two bytes unchecked.
            0x002F | 0x0042 | 0x0022 | 0x0809 if data.len() < 2 => {
                return Err(format!(
                    "the workbook's record {typ:#06x} is {} bytes long, too short: the file is damaged",
                    data.len()
                ));
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut total: u64 = 0;
    for (sheet, start) in starts.into_iter().enumerate() {
        let mut cells = Span::default();
        let mut depth = 0usize;
        let mut seen_bof = false;
        let beyond = |row: u64, column: u64| -> Result<(), String> {
            if row >= XLS_ROWS || column >= XLS_COLUMNS {
                return Err(format!(
                    "sheet {} has a cell at {}, beyond an .xls sheet's {XLS_ROWS} rows and {XLS_COLUMNS} columns",
                    sheet + 1,
                    cell_name(u32::try_from(column).unwrap_or(u32::MAX), row + 1)
                ));
            }
            Ok(())
        };
        for (typ, data) in records(stream, start) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    // DIMENSIONS: calamine reserves room for the cells it claims.
                    let (first_row, last_row, mut first_col, last_col) = match data.len() {
                        10 => (
                            u16_at(data, 0),
                            u16_at(data, 2),
                            u16_at(data, 4),
                            u16_at(data, 6),
                        ),
                        14 | 16 => (
                            u32_at(data, 0),
                            u32_at(data, 4),
                            u16_at(data, 8),
                            u16_at(data, 10),
                        ),
                        _ => continue,
                    };
                    if first_col > 0xFF || last_col < first_col {
                        first_col = 0;
                    }
                    if last_row >= 1 && last_col >= 1 {
                        if last_row - 1 < first_row || last_col - 1 < first_col {
                            return Err(format!(
                                "sheet {} claims an empty or reversed range of cells (rows {first_row} to \
                                 {last_row}, columns {first_col} to {last_col})",
                                sheet + 1
                            ));
                        }
                        beyond(last_row - 1, last_col - 1)?;
                        let claimed = (last_row - first_row) * (last_col - first_col);
                        if span && claimed > MAX_XLS_CELLS {
                            return Err(format!(
                                "sheet {} claims {claimed} cells, more than the {MAX_XLS_CELLS} an .xls may \
                                 span here: save it as .xlsx",
                                sheet + 1
                            ));
                        }
                    }
                }
                // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA, STRING's cell: a cell calamine keeps.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                    let (row, column) = (u16_at(data, 0), u16_at(data, 2));
                    beyond(row, column)?;
                    cells.add(row, column);
                }
                // MULRK: a run of cells in a row.
                0x00BD if data.len() >= 6 => {
                    let row = u16_at(data, 0);
                    let (first, last) = (u16_at(data, 2), u16_at(data, data.len() - 2));
                    beyond(row, first.max(last))?;
                    cells.add(row, first);
                    cells.add(row, last);
                }
                _ => {}
            }
        }
        total = total.saturating_add(cells.cells());
        if span && total > MAX_XLS_CELLS {
            return Err(format!(
                "the workbook's sheets span more than {MAX_XLS_CELLS} cells (sheet {} spans rows {} to {} and \
                 columns {} to {}), more than an .xls may span here: save it as .xlsx",
                sheet + 1,
                cells.top + 1,
                cells.bottom + 1,
                cells.left + 1,
                cells.right + 1
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A workbook stream: globals with one sheet, then the sheet's records.
    fn stream(sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0]);
        let globals_len = bof.len() + 4 + 8 + 4;
        let mut s = bof.clone();
        s.extend(record(0x0085, &[(globals_len as u8), 0, 0, 0, 0, 0, 1, 0]));
        s.extend(record(0x000A, &[]));
        s.extend(bof);
        for r in sheet {
            s.extend(r);
        }
        s.extend(record(0x000A, &[]));
        s
    }

    fn cell(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn a_far_cell_or_a_lying_dimension_is_refused_before_calamine() {
        assert_eq!(
            check_stream(&stream(&[cell(0, 0), cell(10, 3)]), true),
            Ok(())
        );
        let far = check_stream(&stream(&[cell(0, 65_535)]), true).unwrap_err();
        assert!(
            far.contains("beyond an .xls sheet's 65536 rows and 256 columns"),
            "{far}"
        );
        let wide = check_stream(&stream(&[cell(0, 0), cell(65_535, 255)]), true).unwrap_err();
        assert!(wide.contains("span more than 4194304 cells"), "{wide}");
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(65_536u32.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(256u16.to_le_bytes());
        dims.extend([0, 0]);
        let claimed = check_stream(&stream(&[record(0x0200, &dims)]), true).unwrap_err();
        assert!(claimed.contains("claims 16777216 cells"), "{claimed}");
        let mut reversed = 9u32.to_le_bytes().to_vec();
        reversed.extend(3u32.to_le_bytes());
        reversed.extend([0, 0, 1, 0, 0, 0]);
        assert!(
            check_stream(&stream(&[record(0x0200, &reversed)]), true)
                .unwrap_err()
                .contains("reversed")
        );
    }
}
