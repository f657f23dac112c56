//! `.xlsx` and `.xlsm` workbooks (ECMA-376, Office Open XML SpreadsheetML), read from their XML as it is
//! inflated: the list of sheets and their relations, the styles (to tell a date from a number), the shared
//! strings, then the sheet's rows, streaming (the zip's directory checked first, in `archive.rs`).

use std::io::{Read, Seek};

use quick_xml::events::Event;
use zip::ZipArchive;

use super::xml::{Xml, attr, local, part, push_cut, push_ref, unescape_ooxml};
use super::{
    MAX_COLUMNS, MAX_META_BYTES, MAX_PART_BYTES, MAX_ROWS, MAX_SHARED_BYTES, MAX_SHARED_STRINGS,
    MAX_ZIP_ENTRIES, NO_VALUE, RowCells, Sink, Stop, Wanted, WorkCell, choose, column_of,
    event_limit, is_date_format,
};
use crate::roster::row::cell_name;
use crate::safety::Shown;

/// The most styles (`cellXfs`) read: Excel's own limit is 64,000.
const MAX_STYLES: usize = 65_536;

/// A sheet listed by the workbook.
#[derive(Debug)]
struct Listed {
    name: String,
    hidden: bool,
    /// Its part, for a worksheet (a chart sheet has none).
    path: Option<String>,
}

/// What the workbook's parts say: its sheets, and where its strings and styles are.
#[derive(Debug, Default)]
struct Book {
    sheets: Vec<Listed>,
    strings: Option<String>,
    styles: Option<String>,
}

/// A relation's target as a part name: relative to `xl/`, or absolute.
fn target_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => {
            let mut parts: Vec<&str> = vec!["xl"];
            for piece in target.split('/') {
                match piece {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    p => parts.push(p),
                }
            }
            parts.join("/")
        }
    }
}

fn read_book<R: Read + Seek>(zip: &mut ZipArchive<R>, names: &[String]) -> Result<Book, String> {
    let event = event_limit(1 << 20);
    let mut rels: Vec<(String, String, String)> = Vec::new();
    if names
        .iter()
        .any(|n| n.eq_ignore_ascii_case("xl/_rels/workbook.xml.rels"))
    {
        let mut xml = part(
            zip,
            names,
            "xl/_rels/workbook.xml.rels",
            MAX_META_BYTES,
            event,
        )?;
        loop {
            match xml.next()? {
                Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                    if attr(&e, "TargetMode")?.as_deref() == Some("External") {
                        continue;
                    }
                    let id = attr(&e, "Id")?.unwrap_or_default();
                    let kind = attr(&e, "Type")?.unwrap_or_default();
                    let target = attr(&e, "Target")?.unwrap_or_default();
                    if rels.len() >= MAX_ZIP_ENTRIES as usize {
                        return Err(
                            "the workbook lists more relations than its zip has entries".into()
                        );
                    }
                    rels.push((id, kind, target_path(&target)));
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let of_kind = |suffix: &str| {
        rels.iter()
            .find(|(_, k, _)| k.ends_with(suffix))
            .map(|(_, _, t)| t.clone())
    };
    let present = |p: &str| names.iter().any(|n| n.eq_ignore_ascii_case(p));
    let mut book = Book {
        strings: of_kind("/sharedStrings")
            .or_else(|| present("xl/sharedStrings.xml").then(|| "xl/sharedStrings.xml".to_owned())),
        styles: of_kind("/styles")
            .or_else(|| present("xl/styles.xml").then(|| "xl/styles.xml".to_owned())),
        sheets: Vec::new(),
    };
    let mut xml = part(zip, names, "xl/workbook.xml", MAX_META_BYTES, event)?;
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if local(&e) == "sheet" => {
                let name = attr(&e, "name")?.unwrap_or_default();
                let state = attr(&e, "state")?;
                let id = attr(&e, "id")?;
                let path = id.and_then(|id| {
                    rels.iter()
                        .find(|(i, k, _)| *i == id && k.ends_with("/worksheet"))
                        .map(|(_, _, t)| t.clone())
                });
                if book.sheets.len() >= MAX_ZIP_ENTRIES as usize {
                    return Err("the workbook lists more sheets than its zip has entries".into());
                }
                book.sheets.push(Listed {
                    name,
                    hidden: matches!(state.as_deref(), Some("hidden" | "veryHidden")),
                    path,
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(book)
}

pub(super) fn read<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    names: &[String],
    wanted: &Wanted,
    sink: &mut Sink,
) -> Result<(), Stop> {
    let book = read_book(zip, names)?;
    let listed: Vec<(String, bool)> = book
        .sheets
        .iter()
        .map(|s| (s.name.clone(), s.hidden))
        .collect();
    let (index, notices) = choose(&listed, wanted.sheet.as_deref())?;
    let Some(sheet) = book.sheets.get(index) else {
        return Err(Stop::Why("the workbook has no sheet".into()));
    };
    let Some(path) = sheet.path.clone() else {
        return Err(Stop::Why(format!(
            "the sheet {:?} is a chart or a dialog, not a sheet of cells",
            Shown(&sheet.name)
        )));
    };
    if !names.iter().any(|n| n.eq_ignore_ascii_case(&path)) {
        return Err(Stop::Why(format!(
            "the workbook lists the sheet {:?} at {path}, which its zip does not hold",
            Shown(&sheet.name)
        )));
    }
    let dates = match &book.styles {
        Some(styles) if names.iter().any(|n| n.eq_ignore_ascii_case(styles)) => {
            read_styles(zip, names, styles)?
        }
        _ => Vec::new(),
    };
    let event = event_limit(wanted.record);
    let strings = match &book.strings {
        Some(p) if names.iter().any(|n| n.eq_ignore_ascii_case(p)) => {
            match Strings::read(zip, names, p, None, wanted.record)? {
                Ok(all) => all,
                Err(()) => {
                    // Too many bytes to keep every string: keep only those the sheet uses.
                    let used = used_strings(zip, names, &path, event)?;
                    Strings::read(zip, names, p, Some(&used), wanted.record)?.map_err(|()| {
                        format!(
                            "the shared strings the sheet uses hold more than {MAX_SHARED_BYTES} bytes, the \
                             limit: save the sheet as CSV (UTF-8) and read that"
                        )
                    })?
                }
            }
        }
        _ => Strings::default(),
    };
    sink.open(sheet.name.clone(), notices)?;
    let mut xml = part(zip, names, &path, MAX_PART_BYTES, event)?;
    read_rows(&mut xml, &strings, &dates, sink)
}

/// Whether each style (`cellXfs` entry) shows a number as a date or time (ECMA-376 Part 1 §18.8.30: the
/// built-in formats 14 to 22, 27 to 36, 45 to 47 and 50 to 58 are dates and times; a format of its own is one
/// when it writes a day, month, year, hour or second).
fn read_styles<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    names: &[String],
    path: &str,
) -> Result<Vec<bool>, String> {
    let mut xml = part(zip, names, path, MAX_META_BYTES, event_limit(1 << 20))?;
    let mut own: Vec<(u32, bool)> = Vec::new();
    let mut dates = Vec::new();
    let mut in_xfs = false;
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if local(&e) == "numFmt" => {
                let id = attr(&e, "numFmtId")?.and_then(|i| i.parse().ok());
                let code = attr(&e, "formatCode")?.unwrap_or_default();
                if let Some(id) = id
                    && own.len() < MAX_STYLES
                {
                    own.push((id, is_date_format(&code)));
                }
            }
            Event::Start(e) if local(&e) == "cellXfs" => in_xfs = true,
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Start(e) | Event::Empty(e) if in_xfs && local(&e) == "xf" => {
                if dates.len() >= MAX_STYLES {
                    return Err(format!(
                        "the workbook's styles list more than {MAX_STYLES} cell formats"
                    ));
                }
                let id: u32 = attr(&e, "numFmtId")?
                    .and_then(|i| i.parse().ok())
                    .unwrap_or(0);
                let date = match own.iter().rev().find(|(i, _)| *i == id) {
                    Some((_, date)) => *date,
                    None => matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58),
                };
                dates.push(date);
            }
            Event::Eof => return Ok(dates),
            _ => {}
        }
    }
}

/// The shared strings kept: their text in one arena, and where each ends.
#[derive(Debug, Default)]
struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    /// Reads the shared strings, every one (`used` = `None`) or those the sheet uses. `Ok(Err(()))` when
    /// every one is asked for and they pass [`MAX_SHARED_BYTES`].
    fn read<R: Read + Seek>(
        zip: &mut ZipArchive<R>,
        names: &[String],
        path: &str,
        used: Option<&Used>,
        record: usize,
    ) -> Result<Result<Strings, ()>, String> {
        let mut xml = part(zip, names, path, MAX_PART_BYTES, event_limit(record))?;
        let mut strings = Strings::default();
        let mut one = String::new();
        loop {
            match xml.next()? {
                Event::Start(e) if local(&e) == "si" => {
                    one.clear();
                    read_text(&mut xml, "si", &mut one, record)?;
                    let i = strings.ends.len();
                    if i >= MAX_SHARED_STRINGS as usize {
                        return Err(format!(
                            "the workbook's shared strings hold more than {MAX_SHARED_STRINGS} strings, the limit"
                        ));
                    }
                    let keep = used.is_none_or(|u| u.has(i));
                    if keep {
                        let one = unescape_ooxml(&one);
                        if strings.text.len() + one.len() > MAX_SHARED_BYTES {
                            if used.is_none() {
                                return Ok(Err(()));
                            }
                            return Ok(Err(()));
                        }
                        strings.text.push_str(&one);
                    }
                    strings
                        .ends
                        .push(u32::try_from(strings.text.len()).unwrap_or(u32::MAX));
                }
                Event::Empty(e) if local(&e) == "si" => {
                    if strings.ends.len() >= MAX_SHARED_STRINGS as usize {
                        return Err(format!(
                            "the workbook's shared strings hold more than {MAX_SHARED_STRINGS} strings, the limit"
                        ));
                    }
                    strings
                        .ends
                        .push(u32::try_from(strings.text.len()).unwrap_or(u32::MAX));
                }
                Event::Eof => return Ok(Ok(strings)),
                _ => {}
            }
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i.checked_sub(1) {
            Some(p) => *self.ends.get(p)? as usize,
            None => 0,
        };
        self.text.get(start..end)
    }
}

/// The shared strings a sheet refers to, as bits.
#[derive(Debug, Default)]
struct Used(Vec<u64>);

impl Used {
    fn set(&mut self, i: usize) {
        let word = i / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        if let Some(w) = self.0.get_mut(word) {
            *w |= 1 << (i % 64);
        }
    }

    fn has(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// A first pass over the sheet: which shared strings its cells refer to.
fn used_strings<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    names: &[String],
    path: &str,
    event: u64,
) -> Result<Used, String> {
    let mut xml = part(zip, names, path, MAX_PART_BYTES, event)?;
    let mut used = Used::default();
    let mut shared = false;
    let mut in_v = false;
    loop {
        match xml.next()? {
            Event::Start(e) if local(&e) == "c" => shared = attr(&e, "t")?.as_deref() == Some("s"),
            Event::Start(e) if local(&e) == "v" => in_v = shared,
            Event::End(e) if e.local_name().as_ref() == "sheetData" => return Ok(used),
            Event::End(_) => in_v = false,
            Event::Text(t) if in_v => {
                if let Ok(i) = t.xml10_content().trim().parse::<u32>()
                    && i < MAX_SHARED_STRINGS
                {
                    used.set(i as usize);
                }
            }
            Event::Eof => return Ok(used),
            _ => {}
        }
    }
}

/// Reads the text of an element (`closing` is its local name) from its `t` elements, leaving out phonetic runs
/// (`rPh`); at most `record` bytes and one more are kept, enough for the row's limit to refuse it.
fn read_text<R: Read>(
    xml: &mut Xml<R>,
    closing: &str,
    out: &mut String,
    record: usize,
) -> Result<(), String> {
    let mut depth_t = 0usize;
    let mut phonetic = 0usize;
    loop {
        let room = record.saturating_add(1).saturating_sub(out.len());
        match xml.next()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => depth_t += 1,
                "rPh" => phonetic += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => depth_t = depth_t.saturating_sub(1),
                "rPh" => phonetic = phonetic.saturating_sub(1),
                name if name == closing => return Ok(()),
                _ => {}
            },
            Event::Text(t) if depth_t > 0 && phonetic == 0 => {
                push_cut(out, &t.xml10_content(), room)
            }
            Event::CData(t) if depth_t > 0 && phonetic == 0 => {
                push_cut(out, &t.xml10_content(), room);
            }
            Event::GeneralRef(r) if depth_t > 0 && phonetic == 0 => {
                let mut s = String::new();
                push_ref(&r, &mut s)?;
                push_cut(out, &s, room);
            }
            Event::Eof => return Err(format!("{} ends inside a string", xml.what())),
            _ => {}
        }
    }
}

/// What a `<c>` element holds.
#[derive(Debug, Default)]
struct Raw {
    value: Option<String>,
    inline: Option<String>,
    formula: bool,
}

/// Reads a cell's children to its end.
fn read_cell<R: Read>(xml: &mut Xml<R>, record: usize) -> Result<Raw, String> {
    let mut raw = Raw::default();
    loop {
        match xml.next()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "v" => {
                    let mut v = String::new();
                    read_plain(xml, "v", &mut v, record)?;
                    raw.value = Some(v);
                }
                "f" => {
                    raw.formula = true;
                    xml.skip()?;
                }
                "is" => {
                    let mut s = String::new();
                    read_text(xml, "is", &mut s, record)?;
                    raw.inline = Some(unescape_ooxml(&s).into_owned());
                }
                _ => xml.skip()?,
            },
            Event::Empty(e) if e.local_name().as_ref() == "f" => raw.formula = true,
            Event::End(e) if e.local_name().as_ref() == "c" => return Ok(raw),
            Event::Eof => return Err(format!("{} ends inside a cell", xml.what())),
            _ => {}
        }
    }
}

/// Reads the text of a simple element (`<v>`) to its end.
fn read_plain<R: Read>(
    xml: &mut Xml<R>,
    closing: &str,
    out: &mut String,
    record: usize,
) -> Result<(), String> {
    loop {
        let room = record.saturating_add(1).saturating_sub(out.len());
        match xml.next()? {
            Event::Text(t) => push_cut(out, &t.xml10_content(), room),
            Event::CData(t) => push_cut(out, &t.xml10_content(), room),
            Event::GeneralRef(r) => {
                let mut s = String::new();
                push_ref(&r, &mut s)?;
                push_cut(out, &s, room);
            }
            Event::End(e) if e.local_name().as_ref() == closing => return Ok(()),
            Event::Start(_) => xml.skip()?,
            Event::Eof => return Err(format!("{} ends inside a value", xml.what())),
            _ => {}
        }
    }
}

/// A cell's value from its type (`t`), its children and whether its style is a date; `Err` for a cell that
/// cannot be read at all.
fn typed(
    kind: Option<&str>,
    raw: Raw,
    date: bool,
    strings: &Strings,
    name: &str,
) -> Result<WorkCell, String> {
    let text = WorkCell::text;
    let missing = |formula: bool| {
        if formula {
            WorkCell::Bad(NO_VALUE.to_owned())
        } else {
            WorkCell::Empty
        }
    };
    Ok(match kind {
        Some("s") => {
            let Some(v) = raw.value else {
                return Ok(WorkCell::Empty);
            };
            let Ok(i) = v.trim().parse::<usize>() else {
                return Err(format!(
                    "the cell {name} refers to the shared string {:?}, which is no number",
                    Shown(&v)
                ));
            };
            match strings.get(i) {
                Some(s) => text(s.to_owned()),
                None => {
                    return Err(format!(
                        "the cell {name} refers to shared string number {i}, but the workbook has {}",
                        strings.len()
                    ));
                }
            }
        }
        Some("str") => match raw.value {
            Some(v) => text(unescape_ooxml(&v).into_owned()),
            None => missing(raw.formula),
        },
        Some("inlineStr") => match raw.inline {
            Some(s) => text(s),
            None => missing(raw.formula),
        },
        Some("b") => match raw.value.as_deref().map(str::trim) {
            Some("1") => WorkCell::Text("true".into()),
            Some("0") => WorkCell::Text("false".into()),
            None => missing(raw.formula),
            Some(other) => {
                return Err(format!(
                    "the cell {name} is a boolean of value {:?}, expected 0 or 1",
                    Shown(other)
                ));
            }
        },
        Some("e") => match raw.value {
            Some(v) => WorkCell::Bad(format!("the formula error {}", Shown(v.trim()))),
            None => missing(raw.formula),
        },
        Some("d") => WorkCell::Bad("a date".into()),
        Some("n") | None => match raw.value {
            None => missing(raw.formula),
            Some(v) if v.trim().is_empty() => missing(raw.formula),
            Some(_) if date => WorkCell::Bad("a date".into()),
            Some(v) => WorkCell::number(&v, name)?,
        },
        Some(other) => {
            return Err(format!(
                "the cell {name} has the type {:?}, which no spreadsheet writes (expected s, str, inlineStr, b, \
                 e, n or d)",
                Shown(other)
            ));
        }
    })
}

/// Reads a row's number (`r`): `Ok` within the sheet and after the row before, else why not.
pub(super) fn row_number(r: Option<&str>, before: u32) -> Result<u32, String> {
    let Some(r) = r else {
        return Ok(before.saturating_add(1));
    };
    let n: u64 = r
        .trim()
        .parse()
        .map_err(|_| format!("the row number {:?} is no number", Shown(r)))?;
    if n == 0 || n > u64::from(MAX_ROWS) {
        return Err(format!(
            "the row number {n} lies beyond a sheet's {MAX_ROWS} rows"
        ));
    }
    let n = n as u32;
    if n <= before {
        return Err(format!(
            "row {n} comes after row {before}: the sheet's rows are out of order"
        ));
    }
    Ok(n)
}

/// Streams the sheet's rows to the sink, to the end of its `sheetData`.
fn read_rows<R: Read>(
    xml: &mut Xml<R>,
    strings: &Strings,
    dates: &[bool],
    sink: &mut Sink,
) -> Result<(), Stop> {
    let record = sink.record;
    let mut before = 0u32;
    let mut row = RowCells::default();
    loop {
        let (start, empty) = match xml.next()? {
            Event::Start(e) if local(&e) == "row" => (e.into_owned(), false),
            Event::Empty(e) if local(&e) == "row" => (e.into_owned(), true),
            Event::End(e) if e.local_name().as_ref() == "sheetData" => return Ok(()),
            Event::Eof => return Ok(()),
            _ => continue,
        };
        let number = match row_number(attr(&start, "r")?.as_deref(), before) {
            Ok(n) => n,
            Err(why) => {
                let at = before.saturating_add(1).min(MAX_ROWS);
                if !empty {
                    xml.skip()?;
                }
                sink.bad(at, None, why)?;
                before = at;
                if at >= MAX_ROWS {
                    return Err(Stop::Why(format!(
                        "the sheet's rows go on past row {MAX_ROWS}, the last of a sheet"
                    )));
                }
                continue;
            }
        };
        before = number;
        if empty {
            continue;
        }
        row.clear(sink.keep());
        read_row(xml, number, strings, dates, record, &mut row)?;
        match row.bad.take() {
            Some((column, why)) => sink.bad(number, column, why)?,
            None if row.cells.is_empty() => {}
            None => sink.row(number, std::mem::take(&mut row.cells))?,
        }
    }
}

/// Reads one row's cells, to the row's end.
fn read_row<R: Read>(
    xml: &mut Xml<R>,
    number: u32,
    strings: &Strings,
    dates: &[bool],
    record: usize,
    row: &mut RowCells,
) -> Result<(), Stop> {
    let mut next_column = 0u32;
    loop {
        let Some((start, empty)) = xml.next_child(
            |e| local(e) == "c",
            |end| end.rsplit(':').next() == Some("row"),
            &format!("row {number}"),
        )?
        else {
            return Ok(());
        };
        let reference = attr(&start, "r")?;
        let column = match reference.as_deref().map(column_of) {
            Some(Ok(c)) => Some(c),
            None if next_column < MAX_COLUMNS => Some(next_column),
            None => None,
            Some(Err(why)) => {
                row.fail(None, why);
                None
            }
        };
        let raw = if empty {
            Raw::default()
        } else {
            read_cell(xml, record)?
        };
        let Some(column) = column else {
            if row.bad.is_none() {
                row.fail(
                    None,
                    format!("the row's cells run past column XFD, the last of a sheet's {MAX_COLUMNS} columns"),
                );
            }
            continue;
        };
        next_column = column.saturating_add(1);
        if row.bad.is_some() {
            continue;
        }
        let kind = attr(&start, "t")?;
        let date = attr(&start, "s")?
            .and_then(|s| s.trim().parse::<usize>().ok())
            .and_then(|s| dates.get(s).copied())
            .unwrap_or(false);
        let name = cell_name(column, u64::from(number));
        match typed(kind.as_deref(), raw, date, strings, &name) {
            Ok(value) => row.put(column, value, 1, record, number),
            Err(why) => row.fail(Some(column), why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_are_told_from_their_codes() {
        for date in [
            "yyyy/m/d",
            "m/d/yy h:mm",
            "[h]:mm:ss",
            "yyyy\"年\"m\"月\"d\"日\"",
            "[$-804]yyyy年m月",
            "AM/PM h",
        ] {
            assert!(is_date_format(date), "{date}");
        }
        for not in [
            "General",
            "0.00",
            "#,##0",
            "0%",
            "@",
            "\"d\"0",
            "\\d0",
            "0.00E+00",
            "[Red]0;[Blue]-0",
            "0;mm",
        ] {
            assert!(!is_date_format(not), "{not}");
        }
    }

    #[test]
    fn relation_targets_become_part_names() {
        assert_eq!(
            target_path("worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            target_path("/xl/worksheets/sheet2.xml"),
            "xl/worksheets/sheet2.xml"
        );
        assert_eq!(target_path("../xl/worksheets/s.xml"), "xl/worksheets/s.xml");
    }

    #[test]
    fn row_numbers_stay_in_the_sheet_and_in_order() {
        assert_eq!(row_number(None, 4), Ok(5));
        assert_eq!(row_number(Some("7"), 4), Ok(7));
        assert!(
            row_number(Some("4294967296"), 4)
                .unwrap_err()
                .contains("beyond a sheet's 1048576 rows")
        );
        assert!(row_number(Some("0"), 0).is_err());
        assert!(row_number(Some("x"), 0).unwrap_err().contains("no number"));
        assert!(
            row_number(Some("3"), 4)
                .unwrap_err()
                .contains("out of order")
        );
    }

    #[test]
    fn the_first_visible_sheet_is_read_with_a_notice() {
        let listed = vec![("秘".to_owned(), true), ("名单".to_owned(), false)];
        let (i, notices) = choose(&listed, None).unwrap();
        assert_eq!(i, 1);
        assert!(
            notices[0].contains("first sheet \"秘\" is hidden"),
            "{notices:?}"
        );
        assert_eq!(choose(&listed, Some("秘")).unwrap().0, 0);
        assert!(
            choose(&listed, Some("x"))
                .unwrap_err()
                .contains("\"秘\" (hidden), \"名单\"")
        );
        assert!(
            choose(&[("a".into(), true)], None)
                .unwrap_err()
                .contains("every sheet")
        );
    }
}
