//! `.ods` workbooks (OASIS OpenDocument 1.2, Part 1 §9 "Tables"), read from `content.xml` as it is inflated,
//! streaming: the automatic styles first (a table whose style says `table:display="false"` is hidden), then the
//! chosen table's rows. A repeated row (`table:number-rows-repeated`) or cell
//! (`table:number-columns-repeated`) counts as the rows or cells it stands for, against a sheet's limits; an
//! empty one costs nothing.

use std::io::{Read, Seek};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::xml::{Xml, attr_q, part, push_cut, push_ref};
use super::{
    MAX_COLUMNS, MAX_PART_BYTES, MAX_ROWS, MAX_ZIP_ENTRIES, NO_VALUE, RowCells, Sink, Stop, Wanted,
    WorkCell, choose, event_limit,
};
use crate::roster::row::cell_name;
use crate::safety::Shown;

/// A repeat count: at least 1.
fn repeat(e: &BytesStart<'_>, name: &str) -> Result<u64, String> {
    match attr_q(e, name)? {
        None => Ok(1),
        Some(v) => match v.trim().parse::<u64>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!(
                "the repeat count {name}={:?} is no whole number of 1 or more",
                Shown(&v)
            )),
        },
    }
}

pub(super) fn read<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    names: &[String],
    wanted: &Wanted,
    sink: &mut Sink,
) -> Result<(), Stop> {
    let mut xml = part(
        zip,
        names,
        "content.xml",
        MAX_PART_BYTES,
        event_limit(wanted.record),
    )?;
    let mut hidden_styles: Vec<String> = Vec::new();
    let mut style: Option<String> = None;
    let mut seen: Vec<(String, bool)> = Vec::new();
    loop {
        match xml.next()? {
            Event::Start(e) if e.name().as_ref() == "style:style" => {
                style = (attr_q(&e, "style:family")?.as_deref() == Some("table"))
                    .then(|| attr_q(&e, "style:name"))
                    .transpose()?
                    .flatten();
            }
            Event::End(e) if e.name().as_ref() == "style:style" => style = None,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "style:table-properties" => {
                if let Some(s) = &style
                    && attr_q(&e, "table:display")?.as_deref() == Some("false")
                    && hidden_styles.len() < MAX_ZIP_ENTRIES as usize
                {
                    hidden_styles.push(s.clone());
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = attr_q(&e, "table:name")?.unwrap_or_default();
                let hidden =
                    attr_q(&e, "table:style-name")?.is_some_and(|s| hidden_styles.contains(&s));
                if seen.len() >= MAX_ZIP_ENTRIES as usize {
                    return Err(Stop::Why(
                        "the workbook has more tables than a workbook may".into(),
                    ));
                }
                seen.push((name.clone(), hidden));
                let this = match &wanted.sheet {
                    Some(w) => *w == name,
                    None => !hidden,
                };
                if !this {
                    xml.skip()?;
                    continue;
                }
                let (_, notices) = choose(&seen, wanted.sheet.as_deref())?;
                sink.open(name, notices)?;
                return read_table(&mut xml, sink);
            }
            Event::Eof => {
                return Err(Stop::Why(match choose(&seen, wanted.sheet.as_deref()) {
                    Err(why) => why,
                    Ok(_) => "the workbook has no sheet".to_owned(),
                }));
            }
            _ => {}
        }
    }
}

/// Streams a table's rows to the sink, to the table's end.
fn read_table<R: Read>(xml: &mut Xml<R>, sink: &mut Sink) -> Result<(), Stop> {
    let record = sink.record;
    let mut rows: u64 = 0;
    let mut row = RowCells::default();
    loop {
        let (start, empty) = match xml.next()? {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => (e.into_owned(), false),
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => (e.into_owned(), true),
            Event::Start(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-header-rows" | "table:table-row-group" | "table:table-rows"
                ) =>
            {
                continue;
            }
            Event::Start(_) => {
                xml.skip()?;
                continue;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => return Ok(()),
            Event::Eof => return Err(Stop::Why(format!("{} ends inside a table", xml.what()))),
            _ => continue,
        };
        let first = u32::try_from(rows + 1).unwrap_or(u32::MAX).min(MAX_ROWS);
        let times = match repeat(&start, "table:number-rows-repeated") {
            Ok(n) => n,
            Err(why) => {
                if !empty {
                    xml.skip()?;
                }
                rows += 1;
                sink.bad(first, None, why)?;
                continue;
            }
        };
        row.clear(sink.keep());
        if !empty {
            read_row(xml, first, record, &mut row)?;
        }
        if row.bad.is_none() && row.cells.is_empty() {
            rows = rows.saturating_add(times);
            continue;
        }
        if rows.saturating_add(times) > u64::from(MAX_ROWS) {
            return Err(Stop::Why(format!(
                "row {first} is repeated {times} times, past row {MAX_ROWS}, the last of a sheet"
            )));
        }
        for _ in 0..times {
            rows += 1;
            let number = u32::try_from(rows).unwrap_or(MAX_ROWS);
            match &row.bad {
                Some((column, why)) => sink.bad(number, *column, why.clone())?,
                None => {
                    // The header's width may have become known since the row was read.
                    row.keep_to(sink.keep());
                    sink.row(number, row.cells.clone())?;
                }
            }
        }
    }
}

/// Reads one row's cells, to the row's end.
fn read_row<R: Read>(
    xml: &mut Xml<R>,
    number: u32,
    record: usize,
    row: &mut RowCells,
) -> Result<(), Stop> {
    let mut column: u64 = 0;
    loop {
        let cell = |e: &BytesStart<'_>| {
            matches!(
                e.name().as_ref(),
                "table:table-cell" | "table:covered-table-cell"
            )
        };
        let Some((start, empty)) = xml.next_child(
            cell,
            |end| end == "table:table-row",
            &format!("row {number}"),
        )?
        else {
            return Ok(());
        };
        let times = match repeat(&start, "table:number-columns-repeated") {
            Ok(n) => n,
            Err(why) => {
                if !empty {
                    xml.skip()?;
                }
                row.fail(u32::try_from(column).ok(), why);
                continue;
            }
        };
        let mut text = String::new();
        if !empty {
            read_cell_text(xml, &mut text, record)?;
        }
        let at = column;
        column = column.saturating_add(times);
        if row.bad.is_some() {
            continue;
        }
        let name = cell_name(u32::try_from(at).unwrap_or(u32::MAX), u64::from(number));
        let value = match value(&start, text, &name) {
            Ok(v) => v,
            Err(why) => {
                row.fail(u32::try_from(at).ok(), why);
                continue;
            }
        };
        if value == WorkCell::Empty {
            continue;
        }
        if at >= u64::from(MAX_COLUMNS) {
            row.fail(
                None,
                format!("the cell {name} lies beyond column XFD, the last of a sheet's {MAX_COLUMNS} columns"),
            );
            continue;
        }
        let times = u32::try_from(times).unwrap_or(u32::MAX);
        row.put(at as u32, value, times, record, number);
    }
}

/// A cell's value from its type and text.
fn value(start: &BytesStart<'_>, text: String, name: &str) -> Result<WorkCell, String> {
    let kind = attr_q(start, "office:value-type")?;
    let formula = attr_q(start, "table:formula")?.is_some();
    if attr_q(start, "calcext:value-type")?.as_deref() == Some("error") {
        return Ok(WorkCell::Bad(format!(
            "the formula error {}",
            Shown(text.trim())
        )));
    }
    let plain = WorkCell::text;
    Ok(match kind.as_deref() {
        Some("float" | "percentage" | "currency") => match attr_q(start, "office:value")? {
            Some(v) => WorkCell::number(&v, name)?,
            None if formula => WorkCell::Bad(NO_VALUE.to_owned()),
            None => plain(text),
        },
        Some("boolean") => match attr_q(start, "office:boolean-value")?.as_deref() {
            Some("true") => WorkCell::Text("true".into()),
            Some("false") => WorkCell::Text("false".into()),
            _ => plain(text),
        },
        Some("date") => WorkCell::Bad("a date".into()),
        Some("time") => WorkCell::Bad("a time".into()),
        Some("string") => match attr_q(start, "office:string-value")? {
            Some(s) if !s.is_empty() => plain(s),
            _ => plain(text),
        },
        None if formula && text.trim().is_empty() => WorkCell::Bad(NO_VALUE.to_owned()),
        None => plain(text),
        Some(other) => {
            return Err(format!(
                "the cell {name} has the value type {:?}, which OpenDocument does not define",
                Shown(other)
            ));
        }
    })
}

/// Reads a cell's text to the cell's end: its paragraphs joined by line breaks, `text:s` as its spaces,
/// `text:tab` and `text:line-break`, comments (`office:annotation`) left out; at most `record` bytes and one
/// more are kept.
fn read_cell_text<R: Read>(xml: &mut Xml<R>, out: &mut String, record: usize) -> Result<(), Stop> {
    let mut depth = 1usize;
    let mut paragraphs = 0usize;
    let room = |out: &String| record.saturating_add(1).saturating_sub(out.len());
    loop {
        match xml.next()? {
            Event::Start(e) => {
                match e.name().as_ref() {
                    "office:annotation" => {
                        xml.skip()?;
                        continue;
                    }
                    "text:p" | "text:h" => {
                        if paragraphs > 0 && room(out) > 0 {
                            out.push('\n');
                        }
                        paragraphs += 1;
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::Empty(e) => match e.name().as_ref() {
                "text:s" => {
                    let n = attr_q(&e, "text:c")?
                        .and_then(|c| c.trim().parse::<usize>().ok())
                        .unwrap_or(1);
                    let n = n.min(room(out));
                    out.extend(std::iter::repeat_n(' ', n));
                }
                "text:tab" if room(out) > 0 => out.push('\t'),
                "text:line-break" if room(out) > 0 => out.push('\n'),
                "text:p" | "text:h" => {
                    if paragraphs > 0 && room(out) > 0 {
                        out.push('\n');
                    }
                    paragraphs += 1;
                }
                _ => {}
            },
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            Event::Text(t) => {
                let r = room(out);
                let t = t.xml10_content();
                push_cut(out, &t, r);
            }
            Event::GeneralRef(r) => {
                let mut s = String::new();
                push_ref(&r, &mut s)?;
                let room = room(out);
                push_cut(out, &s, room);
            }
            Event::Eof => return Err(Stop::Why(format!("{} ends inside a cell", xml.what()))),
            _ => {}
        }
    }
}
