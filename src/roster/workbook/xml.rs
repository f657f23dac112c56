//! One part of a workbook read as XML events through [`Bounded`]: every event's bytes and the part's inflated
//! bytes are counted as they arrive.

use std::borrow::Cow;
use std::io::{BufReader, Read, Seek};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::bounded::Bounded;

/// An XML part being read, event by event.
pub(super) struct Xml<R: Read> {
    reader: quick_xml::Reader<BufReader<Bounded<R>>>,
    buf: Vec<u8>,
    what: String,
}

impl<R: Read> Xml<R> {
    /// Reads `inner` (a part called `what`) as XML, within `total` inflated bytes and `event` bytes an event.
    pub(super) fn new(inner: R, what: &str, total: u64, event: u64) -> Xml<R> {
        let bounded = Bounded::new(inner, what, total, event);
        let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, bounded));
        reader.config_mut().check_end_names = true;
        Xml {
            reader,
            buf: Vec::new(),
            what: what.to_owned(),
        }
    }

    /// The next event; `Err` with why when the part is no XML or passes a limit.
    pub(super) fn next(&mut self) -> Result<Event<'_>, String> {
        self.reader.get_mut().get_mut().event_done();
        self.buf.clear();
        match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => Ok(event),
            Err(e) => Err(match &self.reader.get_ref().get_ref().tripped {
                Some(why) => why.clone(),
                None if matches!(e, quick_xml::Error::Io(_)) => match e {
                    quick_xml::Error::Io(io) => {
                        format!("{} cannot be read from the zip: {io}", self.what)
                    }
                    _ => String::new(),
                },
                None => format!(
                    "{} is not well-formed XML (at byte {}): {}",
                    self.what,
                    self.reader.buffer_position(),
                    crate::safety::quoted(&e.to_string())
                ),
            }),
        }
    }

    /// Skips the element whose start was just read, to its end.
    pub(super) fn skip(&mut self) -> Result<(), String> {
        let mut depth = 1usize;
        loop {
            match self.next()? {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(format!("{} ends inside an element", self.what)),
                _ => {}
            }
        }
    }

    /// The next child element that `wanted` takes (its start, owned, and whether it is empty), skipping every
    /// other element; `None` at the end that `ends` takes; `Err` at the part's end, inside `inside`.
    pub(super) fn next_child(
        &mut self,
        wanted: impl Fn(&BytesStart<'_>) -> bool,
        ends: impl Fn(&str) -> bool,
        inside: &str,
    ) -> Result<Option<(BytesStart<'static>, bool)>, String> {
        loop {
            match self.next()? {
                Event::Start(e) if wanted(&e) => return Ok(Some((e.into_owned(), false))),
                Event::Empty(e) if wanted(&e) => return Ok(Some((e.into_owned(), true))),
                Event::Start(_) => self.skip()?,
                Event::End(e) if ends(e.name().as_ref()) => return Ok(None),
                Event::Eof => return Err(format!("{} ends inside {inside}", self.what)),
                _ => {}
            }
        }
    }

    /// The part's name.
    pub(super) fn what(&self) -> &str {
        &self.what
    }
}

/// A part of the zip, by name (ASCII case ignored, as Office does), read as XML within limits.
pub(super) fn part<'z, R: Read + Seek>(
    zip: &'z mut zip::ZipArchive<R>,
    names: &[String],
    name: &str,
    total: u64,
    event: u64,
) -> Result<Xml<zip::read::ZipFile<'z, R>>, String> {
    let exact = names
        .iter()
        .find(|m| m.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_owned());
    let file = zip
        .by_name(&exact)
        .map_err(|e| format!("the workbook's part {exact} cannot be read: {e}"))?;
    Ok(Xml::new(file, &exact, total, event))
}

/// The value of an element's attribute of this local name (any prefix), unescaped.
pub(super) fn attr(e: &BytesStart<'_>, local: &str) -> Result<Option<String>, String> {
    attr_where(e, |key| key.local_name().as_ref() == local)
}

/// The value of an attribute by its qualified name (`office:value-type`), unescaped.
pub(super) fn attr_q(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    attr_where(e, |key| key.as_ref() == name)
}

fn attr_where(
    e: &BytesStart<'_>,
    wanted: impl Fn(&quick_xml::name::QName<'_>) -> bool,
) -> Result<Option<String>, String> {
    let broken = |what: &str, err: &dyn std::fmt::Display| {
        format!(
            "a broken attribute{what}: {}",
            crate::safety::quoted(&err.to_string())
        )
    };
    for a in e.attributes() {
        let a = a.map_err(|err| broken("", &err))?;
        if wanted(&a.key) {
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| broken(" value", &err))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

/// An element's local name.
pub(super) fn local<'e>(e: &'e BytesStart<'_>) -> Cow<'e, str> {
    Cow::Owned(e.local_name().as_ref().to_owned())
}

/// Appends the text an entity or character reference stands for.
pub(super) fn push_ref(r: &BytesRef<'_>, out: &mut String) -> Result<(), String> {
    if let Some(text) = quick_xml::escape::resolve_xml_entity(r.as_ref()) {
        out.push_str(text);
        return Ok(());
    }
    match r.resolve_char_ref() {
        Ok(Some(c)) => {
            out.push(c);
            Ok(())
        }
        _ => Err(format!("an unknown reference &{};", r.as_ref())),
    }
}

/// Appends at most `room` bytes of `text`, cut at a character's boundary.
pub(super) fn push_cut(out: &mut String, text: &str, room: usize) {
    if text.len() <= room {
        out.push_str(text);
    } else {
        let mut end = room;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(text.get(..end).unwrap_or_default());
    }
}

/// Undoes the escapes of Office Open XML strings (ECMA-376 Part 1 §22.9.2.19, `ST_Xstring`): `_xHHHH_` is the
/// UTF-16 unit HHHH (a pair of them one character beyond the BMP), and `_x005F_` a literal underscore.
pub(super) fn unescape_ooxml(text: &str) -> Cow<'_, str> {
    if !text.contains("_x") {
        return Cow::Borrowed(text);
    }
    let unit_at = |s: &str, i: usize| -> Option<u16> {
        let b = s.as_bytes().get(i..i + 7)?;
        if b.first() != Some(&b'_') || b.get(1) != Some(&b'x') || b.get(6) != Some(&b'_') {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(b.get(2..6)?).ok()?, 16).ok()
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some(unit) = unit_at(text, i) {
            i += 7;
            let c = match unit {
                0xD800..=0xDBFF => match unit_at(text, i) {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        i += 7;
                        char::from_u32(
                            0x10000
                                + ((u32::from(unit) - 0xD800) << 10)
                                + (u32::from(low) - 0xDC00),
                        )
                    }
                    _ => None,
                },
                _ => char::from_u32(u32::from(unit)),
            };
            out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_escapes_are_undone() {
        assert_eq!(unescape_ooxml("plain"), "plain");
        assert_eq!(unescape_ooxml("a_x000D_b"), "a\rb");
        assert_eq!(unescape_ooxml("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescape_ooxml("_xD83D__xDCF7_"), "\u{1F4F7}");
        assert_eq!(unescape_ooxml("_xD83D_"), "\u{FFFD}");
        assert_eq!(unescape_ooxml("_x12_ 王_x"), "_x12_ 王_x");
    }
}
