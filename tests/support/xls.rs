//! `.xls` workbooks made in the tests: BIFF8 records (the cells as LABEL and NUMBER records) in a compound
//! file, written with the cfb crate, as small as calamine reads.
#![allow(dead_code)]

use std::io::Write;

/// A cell of an `.xls` sheet.
pub enum Cell<'a> {
    /// A LABEL record.
    Text(&'a str),
    /// A NUMBER record (style 0).
    Number(f64),
    /// A NUMBER record of this style (an index into the workbook's XF records).
    Styled(f64, u16),
    /// A LABELSST record: the index of a shared string.
    Shared(u32),
    /// An RK record of this raw value.
    Rk(u32),
    /// A MULRK record: RK values from this cell's column on.
    MulRk(Vec<u32>),
    /// A BOOLERR record: a boolean (`false`) or an error code (`true`).
    BoolErr(u8, bool),
    /// A FORMULA record whose saved value is this text, in the STRING record after it.
    FormulaText(&'a str),
}

/// What the workbook's globals hold beside its sheets: number formats `(id, code)`, the number format of each
/// XF record, and the shared strings (split across CONTINUE records past 8,224 bytes, as Excel does).
#[derive(Default)]
pub struct Globals<'a> {
    pub formats: Vec<(u16, &'a str)>,
    pub xfs: Vec<u16>,
    pub strings: Vec<&'a str>,
}

/// A sheet: its name, whether it is hidden, its cells `(row, column, value)` (0-based), and a DIMENSIONS
/// record's claim `(first row, last row + 1, first column, last column + 1)` if any.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub hidden: bool,
    pub cells: Vec<(u16, u16, Cell<'a>)>,
    pub dimensions: Option<(u32, u32, u16, u16)>,
}

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

fn unicode(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut d = (units.len() as u16).to_le_bytes().to_vec();
    d.push(1);
    for u in units {
        d.extend(u.to_le_bytes());
    }
    d
}

/// The shared strings as an SST record and its CONTINUE records: each string's characters in UTF-16, a string
/// cut where a record is full going on in the next after an option byte.
fn sst(strings: &[&str]) -> Vec<u8> {
    const ROOM: usize = 8224;
    let mut records: Vec<Vec<u8>> = vec![Vec::new()];
    let n = strings.len() as u32;
    records[0].extend(n.to_le_bytes());
    records[0].extend(n.to_le_bytes());
    for s in strings {
        let units: Vec<u16> = s.encode_utf16().collect();
        if records.last().unwrap().len() + 3 + 2 > ROOM {
            records.push(Vec::new());
        }
        let r = records.last_mut().unwrap();
        r.extend((units.len() as u16).to_le_bytes());
        r.push(1);
        for u in units {
            if records.last().unwrap().len() + 2 > ROOM {
                records.push(vec![1]);
            }
            records.last_mut().unwrap().extend(u.to_le_bytes());
        }
    }
    let mut out = record(0x00FC, &records[0]);
    for r in &records[1..] {
        out.extend(record(0x003C, r));
    }
    out
}

/// The workbook stream of these sheets.
pub fn stream(sheets: &[Sheet<'_>]) -> Vec<u8> {
    stream_with(sheets, &Globals::default())
}

/// The workbook stream of these sheets, with these globals.
pub fn stream_with(sheets: &[Sheet<'_>], globals: &Globals<'_>) -> Vec<u8> {
    let bof = |kind: u16| {
        record(
            0x0809,
            &[&0x0600u16.to_le_bytes()[..], &kind.to_le_bytes(), &[0; 12]].concat(),
        )
    };
    let mut bodies = Vec::new();
    for s in sheets {
        let mut body = bof(0x0010);
        if let Some((r0, r1, c0, c1)) = s.dimensions {
            let mut d = r0.to_le_bytes().to_vec();
            d.extend(r1.to_le_bytes());
            d.extend(c0.to_le_bytes());
            d.extend(c1.to_le_bytes());
            d.extend([0, 0]);
            body.extend(record(0x0200, &d));
        }
        for (row, col, cell) in &s.cells {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            match cell {
                Cell::Text(t) => {
                    d.extend(unicode(t));
                    body.extend(record(0x0204, &d));
                }
                Cell::Number(n) => {
                    d.extend(n.to_le_bytes());
                    body.extend(record(0x0203, &d));
                }
                Cell::Styled(n, xf) => {
                    d.truncate(4);
                    d.extend(xf.to_le_bytes());
                    d.extend(n.to_le_bytes());
                    body.extend(record(0x0203, &d));
                }
                Cell::Shared(i) => {
                    d.extend(i.to_le_bytes());
                    body.extend(record(0x00FD, &d));
                }
                Cell::Rk(v) => {
                    d.extend(v.to_le_bytes());
                    body.extend(record(0x027E, &d));
                }
                Cell::MulRk(vs) => {
                    d.truncate(4);
                    for v in vs {
                        d.extend(0u16.to_le_bytes());
                        d.extend(v.to_le_bytes());
                    }
                    d.extend((*col + vs.len() as u16 - 1).to_le_bytes());
                    body.extend(record(0x00BD, &d));
                }
                Cell::BoolErr(v, is_error) => {
                    d.push(*v);
                    d.push(u8::from(*is_error));
                    body.extend(record(0x0205, &d));
                }
                Cell::FormulaText(t) => {
                    d.extend([0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
                    d.extend([0u8; 6]);
                    body.extend(record(0x0006, &d));
                    body.extend(record(0x0207, &unicode(t)));
                }
            }
        }
        body.extend(record(0x000A, &[]));
        bodies.push(body);
    }
    let sheet_records: Vec<Vec<u8>> = sheets
        .iter()
        .map(|s| {
            let name: Vec<u16> = s.name.encode_utf16().collect();
            let mut d = vec![0u8; 4];
            d.push(u8::from(s.hidden));
            d.push(0);
            d.push(name.len() as u8);
            d.push(1);
            for u in name {
                d.extend(u.to_le_bytes());
            }
            d
        })
        .collect();
    let mut before = Vec::new();
    for (id, code) in &globals.formats {
        let mut d = id.to_le_bytes().to_vec();
        d.extend(unicode(code));
        before.extend(record(0x041E, &d));
    }
    for fmt in &globals.xfs {
        let mut d = 0u16.to_le_bytes().to_vec();
        d.extend(fmt.to_le_bytes());
        d.extend([0u8; 16]);
        before.extend(record(0x00E0, &d));
    }
    let strings = if globals.strings.is_empty() {
        Vec::new()
    } else {
        sst(&globals.strings)
    };
    let mut globals_len = bof(0x0005).len() + before.len() + strings.len() + 4;
    for r in &sheet_records {
        globals_len += 4 + r.len();
    }
    let mut out = bof(0x0005);
    out.extend(&before);
    let mut at = globals_len;
    for (r, body) in sheet_records.iter().zip(&bodies) {
        let mut r = r.clone();
        r[..4].copy_from_slice(&(at as u32).to_le_bytes());
        out.extend(record(0x0085, &r));
        at += body.len();
    }
    out.extend(&strings);
    out.extend(record(0x000A, &[]));
    for body in bodies {
        out.extend(body);
    }
    out
}

/// A compound file holding this workbook stream.
pub fn compound(stream: &[u8]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// An `.xls` of these sheets.
pub fn xls(sheets: &[Sheet<'_>]) -> Vec<u8> {
    compound(&stream(sheets))
}
