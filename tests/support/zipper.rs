//! Hostile zip files made in the tests: a zip writer that writes what it is told (sizes that lie, entries of
//! raw deflate data), and a deflate encoder of literals and repeats, so that a file of a few KB or MB inflates
//! to gigabytes without the test ever holding them.
#![allow(dead_code)]

/// A piece of an entry's inflated content.
pub enum Piece<'a> {
    /// These bytes, as they are.
    Bytes(&'a [u8]),
    /// The last `period` bytes written, repeated until `len` more bytes are written.
    Repeat { period: usize, len: u64 },
}

/// Writes bits, least significant first, as deflate does.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, bits: u32) {
        self.acc |= value << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, written most significant bit first.
    fn code(&mut self, code: u32, bits: u32) {
        let mut rev = 0u32;
        for i in 0..bits {
            rev |= ((code >> i) & 1) << (bits - 1 - i);
        }
        self.put(u64::from(rev), bits);
    }

    fn literal(&mut self, b: u8) {
        if b < 144 {
            self.code(0x30 + u32::from(b), 8);
        } else {
            self.code(0x190 + u32::from(b) - 144, 9);
        }
    }

    fn distance(&mut self, d: usize) {
        const BASE: [usize; 30] = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
            1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
        ];
        const EXTRA: [u32; 30] = [
            0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
            12, 13, 13,
        ];
        let code = BASE.iter().rposition(|&b| b <= d).unwrap();
        self.code(code as u32, 5);
        self.put((d - BASE[code]) as u64, EXTRA[code]);
    }
}

/// Deflates the pieces (one fixed-Huffman block): bytes as literals, a repeat as copies of 258 bytes at its
/// period's distance (at most 32,768) and literals for the rest.
pub fn deflate(pieces: &[Piece<'_>]) -> Vec<u8> {
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    let mut window: Vec<u8> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Bytes(b) => {
                for &x in *b {
                    bits.literal(x);
                }
                window.extend_from_slice(b);
                if window.len() > 65_536 {
                    window.drain(..window.len() - 32_768);
                }
            }
            Piece::Repeat { period, len } => {
                assert!(*period <= 32_768 && *period <= window.len());
                let pattern: Vec<u8> = window[window.len() - period..].to_vec();
                let copies = len / 258;
                for _ in 0..copies {
                    bits.code(0xC5, 8); // length code 285: 258 bytes
                    bits.distance(*period);
                }
                let done = (copies * 258) as usize;
                let rest = (*len as usize) - done;
                let mut tail = Vec::with_capacity(rest);
                for i in 0..rest {
                    let b = pattern[(done + i) % period];
                    bits.literal(b);
                    tail.push(b);
                }
                // The window now ends as the repeated text does.
                let mut end: Vec<u8> = (0..*period)
                    .map(|i| pattern[(done + rest + i) % period])
                    .collect();
                window.clear();
                window.append(&mut end);
            }
        }
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    bits.out
}

/// The CRC-32 of zip files, carried on from `crc` (0 to start).
pub fn crc32_on(crc: u32, data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    let mut crc = !crc;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The CRC-32 of zip files.
pub fn crc32(data: &[u8]) -> u32 {
    crc32_on(0, data)
}

/// The CRC-32 of what the pieces inflate to.
pub fn crc32_of(pieces: &[Piece<'_>]) -> u32 {
    let mut crc = 0;
    let mut last: Vec<u8> = Vec::new();
    for p in pieces {
        match p {
            Piece::Bytes(b) => {
                crc = crc32_on(crc, b);
                last.extend_from_slice(b);
            }
            Piece::Repeat { period, len } => {
                let pattern = last[last.len() - period..].to_vec();
                let whole = (*len as usize) / period;
                for _ in 0..whole {
                    crc = crc32_on(crc, &pattern);
                }
                let rest = (*len as usize) % period;
                crc = crc32_on(crc, &pattern[..rest]);
                last = pattern[rest..]
                    .iter()
                    .chain(&pattern[..rest])
                    .copied()
                    .collect();
            }
        }
    }
    crc
}

/// An entry of a zip to write.
pub struct Entry {
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    /// The data as stored in the zip.
    pub data: Vec<u8>,
    /// The inflated size the headers claim.
    pub size: u32,
    pub crc: u32,
}

impl Entry {
    /// A deflated entry of these pieces, told truly (its CRC computed: for a part that is read to its end).
    pub fn deflated(name: &str, pieces: &[Piece<'_>]) -> Entry {
        Entry {
            crc: crc32_of(pieces),
            ..Entry::bomb(name, pieces)
        }
    }

    /// A stored entry, told truly.
    pub fn stored(name: &str, data: &[u8]) -> Entry {
        Entry {
            name: name.to_owned(),
            method: 0,
            data: data.to_vec(),
            size: data.len() as u32,
            crc: crc32(data),
        }
    }

    /// A deflated entry of these pieces, whose headers claim the size they inflate to (or `u32::MAX` past it)
    /// and a CRC that is not computed (no reader should get to the end to check it).
    pub fn bomb(name: &str, pieces: &[Piece<'_>]) -> Entry {
        let size: u64 = pieces
            .iter()
            .map(|p| match p {
                Piece::Bytes(b) => b.len() as u64,
                Piece::Repeat { len, .. } => *len,
            })
            .sum();
        Entry {
            name: name.to_owned(),
            method: 8,
            data: deflate(pieces),
            size: u32::try_from(size).unwrap_or(u32::MAX),
            crc: 0,
        }
    }
}

/// Writes a zip of these entries; `entries_claimed` overrides the count its directory's end gives.
pub fn zip(entries: &[Entry], entries_claimed: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(e.method.to_le_bytes());
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(e.crc.to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend(e.size.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend(&central);
    let n = entries_claimed.unwrap_or(entries.len() as u16);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(n.to_le_bytes());
    out.extend(n.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// The parts of a one-sheet `.xlsx` around a sheet's XML and shared strings (`None`: no shared strings part).
pub fn xlsx(sheet: Entry, strings: Option<Entry>, extra_sheets: &[(&str, &str)]) -> Vec<u8> {
    let mut sheets = String::new();
    let mut rels = String::new();
    let mut entries = Vec::new();
    for (i, (name, state)) in extra_sheets.iter().enumerate() {
        let state = if state.is_empty() {
            String::new()
        } else {
            format!(" state=\"{state}\"")
        };
        sheets.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{}\"{state} r:id=\"rIdx{i}\"/>",
            i + 10
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rIdx{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/x{i}.xml\"/>"
        ));
        entries.push(Entry::stored(
            &format!("xl/worksheets/x{i}.xml"),
            format!("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{name}</t></is></c></row></sheetData></worksheet>").as_bytes(),
        ));
    }
    sheets.push_str("<sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/>");
    rels.push_str("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>");
    let workbook = format!(
        "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{sheets}</sheets></workbook>"
    );
    let rels = format!(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
    );
    entries.push(Entry::stored("xl/workbook.xml", workbook.as_bytes()));
    entries.push(Entry::stored("xl/_rels/workbook.xml.rels", rels.as_bytes()));
    let mut sheet = sheet;
    sheet.name = "xl/worksheets/sheet1.xml".into();
    entries.push(sheet);
    if let Some(mut s) = strings {
        s.name = "xl/sharedStrings.xml".into();
        entries.push(s);
    }
    zip(&entries, None)
}

/// A sheet's XML from its rows' XML.
pub fn sheet_xml(rows: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
    )
}

/// An `.ods` of one content.xml.
pub fn ods(content: Entry) -> Vec<u8> {
    let mut content = content;
    content.name = "content.xml".into();
    zip(
        &[
            Entry::stored(
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            content,
        ],
        None,
    )
}

/// An `.ods`'s content.xml around a table's rows, with automatic styles (`styles`) and tables before it.
pub fn ods_content(styles: &str, before: &str, rows: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>{before}<table:table table:name=\"名单\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
}
