//! BIFF8 workbook streams ([MS-XLS], what Excel 97 to 2003, WPS and LibreOffice write as `.xls`), read row by
//! row from the stream's records: the globals (sheets, number formats, shared strings) and then the chosen
//! sheet's cells, sent on as each row ends, so that an `.xls` costs its stream and one row, not the rectangle of
//! cells calamine builds. Older BIFF versions are left to calamine (`xls.rs`).

use super::{
    MAX_SHARED_BYTES, MAX_SHARED_STRINGS, RowCells, Sink, Stop, Wanted, WorkCell, choose,
    is_date_format, le,
};
use crate::roster::row::cell_name;

/// A record of the stream: its type, its data, and the CONTINUE records after it (their bytes, headers and
/// all, read lazily: a record followed by millions of empty CONTINUE records costs no list of them).
struct Record<'s> {
    typ: u16,
    data: &'s [u8],
    more: &'s [u8],
}

/// The records from `at`, each with its CONTINUE records, to the stream's end.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = Record<'_>> {
    std::iter::from_fn(move || {
        let typ = le(stream, at, 2) as u16;
        let len = le(stream, at + 2, 2) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        let start = at;
        while le(stream, at, 2) == 0x003C {
            let len = le(stream, at + 2, 2) as usize;
            if stream.len() < at + 4 + len {
                break;
            }
            at += 4 + len;
        }
        let more = stream.get(start..at).unwrap_or_default();
        Some(Record { typ, data, more })
    })
}

/// Reads bytes across a record and its CONTINUE records; a string's characters that go on in a CONTINUE
/// record begin there with a new option byte (the width of what follows).
struct Reader<'s> {
    /// The CONTINUE records not yet read, headers and all.
    more: &'s [u8],
    piece: &'s [u8],
}

impl<'s> Reader<'s> {
    fn new(r: &Record<'s>) -> Reader<'s> {
        Reader {
            more: r.more,
            piece: r.data,
        }
    }

    /// The next piece, when this one is read.
    fn next_piece(&mut self) -> bool {
        let len = le(self.more, 2, 2) as usize;
        match (self.more.get(4..4 + len), self.more.get(4 + len..)) {
            (Some(piece), Some(rest)) => {
                self.piece = piece;
                self.more = rest;
                true
            }
            _ => false,
        }
    }

    /// Whether bytes are left, past any empty pieces.
    fn has_more(&mut self) -> bool {
        while self.piece.is_empty() {
            if !self.next_piece() {
                return false;
            }
        }
        true
    }

    fn bytes(&mut self, mut n: usize) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(n.min(1 << 16));
        while n > 0 {
            if self.piece.is_empty() && !self.next_piece() {
                return None;
            }
            let k = n.min(self.piece.len());
            let (a, b) = self.piece.split_at(k);
            out.extend_from_slice(a);
            self.piece = b;
            n -= k;
        }
        Some(out)
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if self.piece.is_empty() && !self.next_piece() {
                return None;
            }
            let k = n.min(self.piece.len());
            self.piece = self.piece.get(k..).unwrap_or_default();
            n -= k;
        }
        Some(())
    }

    fn u(&mut self, n: usize) -> Option<u64> {
        let b = self.bytes(n)?;
        Some(le(&b, 0, n))
    }

    /// `cch` characters, one or two bytes each as `high` says, going on across CONTINUE records (each begins
    /// with an option byte again); at most `keep` bytes of text are kept.
    fn chars(&mut self, cch: usize, mut high: bool, keep: usize) -> Option<String> {
        let mut out = String::new();
        let mut left = cch;
        while left > 0 {
            if self.piece.is_empty() {
                if !self.next_piece() {
                    return None;
                }
                high = self.u(1)? & 1 != 0;
            }
            let width = if high { 2 } else { 1 };
            let here = (self.piece.len() / width).min(left).max(1);
            let raw = self.bytes(here * width)?;
            if out.len() < keep {
                if high {
                    out.push_str(&utf16(&raw));
                } else {
                    // Latin-1: the compressed form of UTF-16.
                    out.extend(raw.iter().map(|&b| char::from(b)));
                }
            }
            left -= here;
        }
        Some(out)
    }

    /// An `XLUnicodeRichExtendedString` (a shared string, [MS-XLS] 2.5.293).
    fn rich_string(&mut self, keep: usize) -> Option<String> {
        let cch = self.u(2)? as usize;
        let flags = self.u(1)?;
        let runs = if flags & 0x08 != 0 {
            self.u(2)? as usize
        } else {
            0
        };
        let ext = if flags & 0x04 != 0 {
            self.u(4)? as usize
        } else {
            0
        };
        let text = self.chars(cch, flags & 1 != 0, keep)?;
        self.skip(runs * 4)?;
        self.skip(ext)?;
        Some(text)
    }

    /// An `XLUnicodeString` (a cell's text, a format's code, [MS-XLS] 2.5.294).
    fn string(&mut self, keep: usize) -> Option<String> {
        let cch = self.u(2)? as usize;
        let flags = self.u(1)?;
        self.chars(cch, flags & 1 != 0, keep)
    }
}

/// UTF-16LE text, a broken unit as U+FFFD.
fn utf16(raw: &[u8]) -> String {
    let units = raw.chunks_exact(2).map(|c| le(c, 0, 2) as u16);
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// A sheet the workbook lists.
struct Listed {
    name: String,
    hidden: bool,
    at: usize,
    worksheet: bool,
}

/// Whether the stream is BIFF8 (its first record a BOF of version 0x0600).
pub(super) fn is_biff8(stream: &[u8]) -> bool {
    le(stream, 0, 2) == 0x0809 && le(stream, 4, 2) == 0x0600
}

/// A cell's value from a number and its format.
fn number(f: f64, date: bool) -> WorkCell {
    if date {
        return WorkCell::Bad("a date".into());
    }
    if !f.is_finite() {
        return WorkCell::Bad(format!("the number {f}"));
    }
    // The shortest decimal that reads back as the same double, as a spreadsheet shows it.
    let text = format!("{f}");
    match WorkCell::number(&text, "") {
        Ok(cell) => cell,
        Err(_) => WorkCell::Bad(format!("the number {f}")),
    }
}

/// A number of an RK record ([MS-XLS] 2.5.218).
fn rk(v: u64) -> f64 {
    let v = v as u32;
    let n = if v & 2 != 0 {
        f64::from((v as i32) >> 2)
    } else {
        f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32)
    };
    if v & 1 != 0 { n / 100.0 } else { n }
}

/// A formula error's text ([MS-XLS] 2.5.15 `BErr`).
fn error(code: u64) -> String {
    let text = match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        _ => "#ERROR",
    };
    format!("the formula error {text}")
}

/// Reads a BIFF8 stream's chosen sheet into the sink.
pub(super) fn read(stream: &[u8], wanted: &Wanted, sink: &mut Sink) -> Result<(), Stop> {
    let damaged = |what: &str| Stop::Why(format!("the .xls is damaged: {what} cannot be read"));
    let keep = sink.record.saturating_add(1);
    let mut listed = Vec::new();
    let mut formats: Vec<(u64, bool)> = Vec::new();
    let mut xfs: Vec<u64> = Vec::new();
    // The shared strings in one arena, and where each ends (4 bytes a string, however many).
    let mut text = String::new();
    let mut ends: Vec<u32> = Vec::new();
    for r in records(stream, 0) {
        match r.typ {
            0x0085 => {
                let d = r.data;
                let cch = le(d, 6, 1) as usize;
                let high = le(d, 7, 1) & 1 != 0;
                let raw = d.get(8..).unwrap_or_default();
                let name = if high {
                    utf16(raw.get(..cch * 2).unwrap_or(raw))
                } else {
                    raw.iter().take(cch).map(|&b| char::from(b)).collect()
                };
                listed.push(Listed {
                    name,
                    hidden: le(d, 4, 1) != 0,
                    at: le(d, 0, 4) as usize,
                    worksheet: le(d, 5, 1) == 0,
                });
            }
            0x041E => {
                let mut rd = Reader::new(&r);
                let id = rd.u(2).ok_or_else(|| damaged("a number format"))?;
                let code = rd
                    .string(1 << 16)
                    .ok_or_else(|| damaged("a number format"))?;
                formats.push((id, is_date_format(&code)));
            }
            0x00E0 => xfs.push(le(r.data, 2, 2)),
            0x00FC => {
                let mut rd = Reader::new(&r);
                rd.skip(8).ok_or_else(|| damaged("the shared strings"))?;
                while rd.has_more() {
                    if ends.len() >= MAX_SHARED_STRINGS as usize {
                        return Err(Stop::Why(format!(
                            "the .xls's shared strings hold more than {MAX_SHARED_STRINGS} strings, the limit"
                        )));
                    }
                    let s = rd
                        .rich_string(keep)
                        .ok_or_else(|| damaged("a shared string"))?;
                    if text.len() + s.len() > MAX_SHARED_BYTES {
                        return Err(Stop::Why(format!(
                            "the .xls's shared strings hold more than {MAX_SHARED_BYTES} bytes, the limit"
                        )));
                    }
                    text.push_str(&s);
                    ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    let shared = |i: usize| -> Option<&str> {
        let end = *ends.get(i)? as usize;
        let start = match i.checked_sub(1) {
            Some(p) => *ends.get(p)? as usize,
            None => 0,
        };
        text.get(start..end)
    };
    let date_of_xf = |xf: u64| -> bool {
        let Some(&id) = xfs.get(xf as usize) else {
            return false;
        };
        match formats.iter().rev().find(|(i, _)| *i == id) {
            Some((_, d)) => *d,
            None => matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58),
        }
    };
    let names: Vec<(String, bool)> = listed.iter().map(|s| (s.name.clone(), s.hidden)).collect();
    let (index, notices) = choose(&names, wanted.sheet.as_deref())?;
    let Some(sheet) = listed.get(index) else {
        return Err(Stop::Why("the workbook has no sheet".into()));
    };
    if !sheet.worksheet {
        return Err(Stop::Why(format!(
            "the sheet {:?} is a chart or a macro sheet, not a sheet of cells",
            crate::safety::Shown(&sheet.name)
        )));
    }
    sink.open(sheet.name.clone(), notices)?;

    let record = sink.record;
    let mut row = RowCells::default();
    let mut current: Option<u32> = None;
    let mut formula_at: Option<(u32, u32)> = None;
    let mut depth = 0usize;
    let mut seen_bof = false;
    let flush = |row: &mut RowCells, at: u32, sink: &mut Sink| -> Result<(), Stop> {
        match row.bad.take() {
            Some((column, why)) => sink.bad(at, column, why),
            None if row.cells.is_empty() => Ok(()),
            None => sink.row(at, std::mem::take(&mut row.cells)),
        }
    };
    for r in records(stream, sheet.at) {
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        // The cells of the record: (row, column, value).
        let mut cells: Vec<(u64, u64, Result<WorkCell, String>)> = Vec::new();
        match r.typ {
            0x0809 if seen_bof => {
                depth += 1;
                continue;
            }
            0x0809 => {
                seen_bof = true;
                continue;
            }
            0x000A => break,
            0x0203 if d.len() >= 14 => {
                let f = f64::from_bits(le(d, 6, 8));
                cells.push((
                    le(d, 0, 2),
                    le(d, 2, 2),
                    Ok(number(f, date_of_xf(le(d, 4, 2)))),
                ));
            }
            0x027E if d.len() >= 10 => {
                cells.push((
                    le(d, 0, 2),
                    le(d, 2, 2),
                    Ok(number(rk(le(d, 6, 4)), date_of_xf(le(d, 4, 2)))),
                ));
            }
            0x00BD if d.len() >= 6 => {
                let (at, first) = (le(d, 0, 2), le(d, 2, 2));
                for (k, one) in d
                    .get(4..d.len() - 2)
                    .unwrap_or_default()
                    .chunks_exact(6)
                    .enumerate()
                {
                    let value = number(rk(le(one, 2, 4)), date_of_xf(le(one, 0, 2)));
                    cells.push((at, first + k as u64, Ok(value)));
                }
            }
            0x00FD if d.len() >= 10 => {
                let i = le(d, 6, 4) as usize;
                let (at, col) = (le(d, 0, 2), le(d, 2, 2));
                match shared(i) {
                    Some(s) => cells.push((at, col, Ok(WorkCell::text(s.to_owned())))),
                    None => cells.push((
                        at,
                        col,
                        Err(format!(
                            "the cell {} refers to shared string number {i}, but the workbook has {}",
                            cell_name(col as u32, at + 1),
                            ends.len()
                        )),
                    )),
                }
            }
            0x0204 | 0x00D6 if d.len() >= 6 => {
                let mut rd = Reader::new(&r);
                let (at, col) = (rd.u(2), rd.u(2));
                rd.skip(2);
                if let (Some(at), Some(col), Some(s)) = (at, col, rd.string(keep)) {
                    cells.push((at, col, Ok(WorkCell::text(s))));
                }
            }
            0x0205 if d.len() >= 8 => {
                let value = if le(d, 7, 1) != 0 {
                    WorkCell::Bad(error(le(d, 6, 1)))
                } else if le(d, 6, 1) != 0 {
                    WorkCell::Text("true".into())
                } else {
                    WorkCell::Text("false".into())
                };
                cells.push((le(d, 0, 2), le(d, 2, 2), Ok(value)));
            }
            0x0006 if d.len() >= 20 => {
                let (at, col) = (le(d, 0, 2), le(d, 2, 2));
                formula_at = None;
                let value = if le(d, 12, 2) == 0xFFFF {
                    match le(d, 6, 1) {
                        0 => {
                            formula_at = Some((at as u32, col as u32));
                            None
                        }
                        1 => Some(WorkCell::Text(
                            if le(d, 8, 1) != 0 { "true" } else { "false" }.into(),
                        )),
                        2 => Some(WorkCell::Bad(error(le(d, 8, 1)))),
                        _ => Some(WorkCell::Empty),
                    }
                } else {
                    Some(number(f64::from_bits(le(d, 6, 8)), date_of_xf(le(d, 4, 2))))
                };
                if let Some(v) = value {
                    cells.push((at, col, Ok(v)));
                }
            }
            0x0207 => {
                if let Some((at, col)) = formula_at.take() {
                    let mut rd = Reader::new(&r);
                    if let Some(s) = rd.string(keep) {
                        cells.push((u64::from(at), u64::from(col), Ok(WorkCell::text(s))));
                    }
                }
            }
            _ => {}
        }
        for (at, col, value) in cells {
            let at32 = u32::try_from(at + 1).unwrap_or(u32::MAX);
            if let Some(now) = current.filter(|&c| at32 < c) {
                // Rows come in order in every writer seen; a cell of an earlier row is reported (at the row
                // being read, so that lines go forward; the message names the cell), not merged.
                sink.bad(
                    now,
                    Some(col as u32),
                    format!(
                        "the cell {} comes after row {}: the .xls lists its cells out of order",
                        cell_name(col as u32, at + 1),
                        current.unwrap_or(0)
                    ),
                )?;
                continue;
            }
            row_for(&mut row, &mut current, at32, sink, &flush)?;
            match value {
                Ok(value) => row.put(col as u32, value, 1, record, at32),
                Err(why) => row.fail(Some(col as u32), why),
            }
        }
    }
    if let Some(at) = current {
        flush(&mut row, at, sink)?;
    }
    Ok(())
}

/// Makes `at` the current row, sending the row before it when it ends.
fn row_for(
    row: &mut RowCells,
    current: &mut Option<u32>,
    at: u32,
    sink: &mut Sink,
    flush: &impl Fn(&mut RowCells, u32, &mut Sink) -> Result<(), Stop>,
) -> Result<(), Stop> {
    if *current != Some(at) {
        if let Some(before) = *current {
            flush(row, before, sink)?;
        }
        row.clear(sink.keep());
        *current = Some(at);
    }
    Ok(())
}
