//! `.xls` workbooks made in the tests: BIFF8 records (the cells as LABEL and NUMBER records) in a compound
//! file, written with the cfb crate, as small as calamine reads.
#![allow(dead_code)]

use std::io::Write;

/// A cell of an `.xls` sheet.
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
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

/// The workbook stream of these sheets.
pub fn stream(sheets: &[Sheet<'_>]) -> Vec<u8> {
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
    let mut globals_len = bof(0x0005).len() + 4;
    for r in &sheet_records {
        globals_len += 4 + r.len();
    }
    let mut out = bof(0x0005);
    let mut at = globals_len;
    for (r, body) in sheet_records.iter().zip(&bodies) {
        let mut r = r.clone();
        r[..4].copy_from_slice(&(at as u32).to_le_bytes());
        out.extend(record(0x0085, &r));
        at += body.len();
    }
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
