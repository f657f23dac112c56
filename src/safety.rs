//! What the crate does so that hostile text can do no harm where people read it: which characters input may
//! not hold, and one rule per kind of output for the text that came from a roster or a policy (ids, names,
//! units, labels), so that none reaches a reader raw.
//!
//! A character is **unsafe** to show when it is a control character (Unicode general category Cc: C0, DEL, C1),
//! a format character (Cf: the bidirectional overrides and isolates, zero-width spaces and joiners, the
//! byte-order mark …), or the line or paragraph separator (U+2028, U+2029).
//!
//! - **Input.** An `id` may hold no control character (Cc) and no format character (Cf), and in a roster ids
//!   are compared after NFKC normalisation with every dash folded to `-`, so that `Ｐ-1` and `P‐1` are the
//!   `P-1` already seen. A `name` may hold no control character and no bidirectional control.
//! - **Terminals.** Text renderings (the matrix table, progression, policy diffs, messages) show every unsafe
//!   character as `\u{…}` ([`Shown`]), so that no input can move the cursor, retitle a window or reorder what
//!   is shown.
//! - **CSV.** A cell is shown as for a terminal, then written with a `'` before it when it begins with `=`,
//!   `+`, `-`, `@`, a tab or a carriage return ([`spreadsheet_cell`], the OWASP rule against formula
//!   injection), then quoted where CSV needs it ([`csv_cell`]).
//! - **JSON.** Every unsafe character is written as a `\u` escape, beside what JSON itself escapes
//!   ([`to_json`], [`to_json_pretty`] for any serde value), so that a JSON line printed in a terminal cannot act
//!   on it.
//! - **SVG.** Text is shown as for a terminal, then escaped for XML.
//! - **Sheet names.** Unsafe characters and those Excel refuses (`[]:*?/\`) become `_`, the name is cut to
//!   Excel's 31 UTF-16 units and loses an apostrophe at either end, so that no unit name can stop a workbook
//!   being written.
//! - **Logs.** An error quotes at most [`QUOTE_CHARS`] characters of a value and notes its full length.

use std::borrow::Cow;
use std::fmt;

/// The most characters of a value an error message or error object quotes.
pub const QUOTE_CHARS: usize = 200;

/// Whether a character is a bidirectional control: U+061C, U+200E, U+200F, U+202A to U+202E and U+2066 to
/// U+2069 (Unicode Standard Annex #9, table 4).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character is a format character (general category Cf, Unicode 16.0).
pub(crate) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// Whether a byte may begin the UTF-8 form of a control or format character: an ASCII control, or the lead
/// byte of U+0080–U+07FF (C2–DF: C1 controls, U+00AD, Arabic and Syriac marks), U+0800–U+2FFF (E0–E2: the
/// general punctuation block's controls), U+F000–U+FFFF (EF: U+FEFF, U+FFF9–U+FFFB) or beyond U+FFFF
/// (F0–F4). Chinese text (E3–EE) and printable ASCII never match, so most text is cleared a byte at a time
/// without decoding.
fn may_be_unsafe(b: u8) -> bool {
    b < 0x20 || b == 0x7f || (0xc2..=0xe2).contains(&b) || b >= 0xef
}

/// The first character of `text` that `forbidden` holds for, with its position (1-based, in characters);
/// printable ASCII and text without a byte that may begin a control or format character are cleared without
/// decoding.
fn first_forbidden(text: &str, forbidden: impl Fn(char) -> bool) -> Option<(usize, char)> {
    let printable = crate::swar::first_not_printable_ascii(text.as_bytes());
    if !text
        .as_bytes()
        .get(printable..)?
        .iter()
        .copied()
        .any(may_be_unsafe)
    {
        return None;
    }
    text.chars()
        .enumerate()
        .find(|&(_, c)| forbidden(c))
        .map(|(i, c)| (i + 1, c))
}

/// The first character an `id` may not hold (Cc or Cf), with its position (1-based, in characters).
pub(crate) fn bad_id_char(id: &str) -> Option<(usize, char)> {
    first_forbidden(id, |c| c.is_control() || is_format(c))
}

/// The first character a `name` may not hold (Cc or a bidi control), with its position (1-based).
pub(crate) fn bad_name_char(name: &str) -> Option<(usize, char)> {
    first_forbidden(name, |c| c.is_control() || is_bidi_control(c))
}

/// Whether a character is unsafe to show (see the [module docs](self)): Cc, Cf, U+2028 or U+2029. Every output
/// the crate writes escapes exactly these.
///
/// ```
/// use talent_matrix::safety::is_unsafe;
/// assert!(is_unsafe('\u{1b}') && is_unsafe('\u{85}') && is_unsafe('\u{202e}'));
/// assert!(is_unsafe('\u{200b}') && is_unsafe('\u{feff}') && is_unsafe('\u{2028}'));
/// assert!(!is_unsafe('王') && !is_unsafe('a') && !is_unsafe('\u{3000}'));
/// ```
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether text may hold an unsafe character: printable ASCII and Chinese text are cleared a byte at a time.
pub(crate) fn may_hold_unsafe(text: &str) -> bool {
    text.bytes().any(may_be_unsafe)
}

/// Writes `s` as a JSON string: `"` and `\` escaped, `\b`, `\t`, `\n`, `\f`, `\r` by name, every other
/// unsafe character as `\u` escapes (of its UTF-16 units), so that it escapes all serde_json does and every
/// unsafe character besides.
pub(crate) fn write_json_string(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    if !may_hold_unsafe(s) && !s.contains(['"', '\\']) {
        f.write_str(s)?;
        return f.write_char('"');
    }
    let mut rest = s;
    while let Some(at) = rest.find(|c: char| matches!(c, '"' | '\\') || is_unsafe(c)) {
        let (clean, tail) = rest.split_at(at);
        f.write_str(clean)?;
        let mut chars = tail.chars();
        match chars.next() {
            Some('"') => f.write_str("\\\"")?,
            Some('\\') => f.write_str("\\\\")?,
            Some('\n') => f.write_str("\\n")?,
            Some('\r') => f.write_str("\\r")?,
            Some('\t') => f.write_str("\\t")?,
            Some('\u{8}') => f.write_str("\\b")?,
            Some('\u{c}') => f.write_str("\\f")?,
            Some(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(f, "\\u{unit:04x}")?;
                }
            }
            None => {}
        }
        rest = chars.as_str();
    }
    f.write_str(rest)?;
    f.write_char('"')
}

/// Text for a CSV cell: shown as for a terminal ([`shown`]), but for line breaks, which a quoted cell holds.
pub(crate) fn csv_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        out.push_str(&shown(body));
        out.push_str(end);
    }
    Cow::Owned(out)
}

/// A CSV cell as every CSV the crate writes has it: shown as for a terminal but for its line breaks
/// ([`shown`]), neutralised for spreadsheets ([`spreadsheet_cell`]), then quoted where CSV needs it.
///
/// ```
/// use talent_matrix::safety::csv_cell;
/// assert_eq!(csv_cell("=1+1"), "'=1+1");
/// assert_eq!(csv_cell("a,b"), "\"a,b\"");
/// assert_eq!(csv_cell("区\u{1b}[31m教育局"), r"区\u{1b}[31m教育局");
/// assert_eq!(csv_cell("王\u{202e}芳"), r"王\u{202e}芳");
/// ```
pub fn csv_cell(cell: &str) -> String {
    let shown = csv_text(cell);
    let s = spreadsheet_cell(&shown);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// A serde value as JSON with every unsafe character escaped ([module docs](self)).
///
/// # Errors
///
/// What serde_json reports for a value it cannot write (a map with keys that are not strings).
///
/// ```
/// let json = talent_matrix::safety::to_json(&serde_json::json!({"unit": "区\u{202e}\u{85}局"}))?;
/// assert_eq!(json, r#"{"unit":"区\u202e\u0085局"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg(feature = "json")]
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    json_with(value, serde_json::ser::CompactFormatter)
}

/// [`to_json`], indented as `serde_json::to_string_pretty` indents.
///
/// # Errors
///
/// As [`to_json`].
///
/// ```
/// let json = talent_matrix::safety::to_json_pretty(&["a\u{2028}b"])?;
/// assert_eq!(json, "[\n  \"a\\u2028b\"\n]");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg(feature = "json")]
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(
    value: &T,
) -> Result<String, serde_json::Error> {
    json_with(value, serde_json::ser::PrettyFormatter::new())
}

#[cfg(feature = "json")]
fn json_with<T: serde::Serialize + ?Sized, F: serde_json::ser::Formatter>(
    value: &T,
    formatter: F,
) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe(formatter));
    value.serialize(&mut ser)?;
    // The serializer writes only the UTF-8 of strings and ASCII of its own.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// A serde_json formatter that escapes every unsafe character of a string, and otherwise formats as `F` does.
#[cfg(feature = "json")]
struct Safe<F>(F);

#[cfg(feature = "json")]
impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !may_hold_unsafe(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unsafe) {
            let (clean, tail) = rest.split_at(at);
            writer.write_all(clean.as_bytes())?;
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
            rest = chars.as_str();
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// A sheet name Excel takes: unsafe characters and `[]:*?/\` as `_`, at most 31 UTF-16 units (Excel's
/// count), no apostrophe at either end, never empty.
///
/// ```
/// use talent_matrix::safety::sheet_name;
/// assert_eq!(sheet_name("区/教育局"), "区_教育局");
/// assert_eq!(sheet_name(&"𝐀".repeat(20)), "𝐀".repeat(15));
/// assert_eq!(sheet_name(&format!("{}'", "a".repeat(30))), "a".repeat(30));
/// assert_eq!(sheet_name("''"), "_");
/// ```
pub fn sheet_name(wanted: &str) -> String {
    let mut out = String::new();
    let mut units = 0;
    for c in wanted.chars() {
        let c = if "[]:*?/\\".contains(c) || is_unsafe(c) {
            '_'
        } else {
            c
        };
        units += c.len_utf16();
        if units > 31 {
            break;
        }
        out.push(c);
    }
    let out = out.trim_matches('\'');
    if out.is_empty() {
        "_".to_owned()
    } else {
        out.to_owned()
    }
}

/// Text as a terminal should show it: control and bidi-control characters as `\u{…}`, everything else as is.
/// Its `Debug` form quotes the text, escaping `"` and `\` too.
///
/// ```
/// use talent_matrix::safety::Shown;
/// assert_eq!(Shown("P-1\u{1b}]0;pwned\u{7}").to_string(), r"P-1\u{1b}]0;pwned\u{7}");
/// assert_eq!(Shown("王\u{202e}芳").to_string(), r"王\u{202e}芳");
/// assert_eq!(format!("{:?}", Shown("a\"b")), r#""a\"b""#);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a>(pub &'a str);

impl Shown<'_> {
    fn write(&self, f: &mut fmt::Formatter<'_>, quoted: bool) -> fmt::Result {
        use fmt::Write as _;
        let mut rest = self.0;
        while let Some(at) =
            rest.find(|c: char| is_unsafe(c) || (quoted && matches!(c, '"' | '\\')))
        {
            let (clean, tail) = rest.split_at(at);
            f.write_str(clean)?;
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                if is_unsafe(c) {
                    write!(f, "\\u{{{:x}}}", u32::from(c))?;
                } else {
                    f.write_char('\\')?;
                    f.write_char(c)?;
                }
            }
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        self.write(f, true)?;
        f.write_str("\"")
    }
}

/// Text for a terminal ([`Shown`]) as a string, borrowed when nothing needed escaping.
///
/// ```
/// assert_eq!(talent_matrix::safety::shown("ok"), "ok");
/// assert_eq!(talent_matrix::safety::shown("a\rb"), r"a\u{d}b");
/// ```
pub fn shown(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(Shown(text).to_string())
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV cell that no spreadsheet runs as a formula: a `'` before a cell that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return (the OWASP rule for CSV injection); other cells as they are. Cells are written
/// after trimming, so what a spreadsheet sees first is what this looks at.
///
/// ```
/// use talent_matrix::safety::spreadsheet_cell;
/// assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(spreadsheet_cell("-5"), "'-5");
/// assert_eq!(spreadsheet_cell("P-1"), "P-1");
/// ```
pub fn spreadsheet_cell(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// A value as an error quotes it: at most [`QUOTE_CHARS`] characters, then `…` and the full length.
///
/// ```
/// let long = "x".repeat(1000);
/// let quoted = talent_matrix::safety::quoted(&long);
/// assert!(quoted.starts_with("xxxx") && quoted.ends_with("… (1000 characters)"));
/// assert_eq!(talent_matrix::safety::quoted("P-1"), "P-1");
/// ```
pub fn quoted(value: &str) -> Cow<'_, str> {
    if value.len() <= QUOTE_CHARS {
        return Cow::Borrowed(value);
    }
    let total = value.chars().count();
    if total <= QUOTE_CHARS {
        return Cow::Borrowed(value);
    }
    let head: String = value.chars().take(QUOTE_CHARS).collect();
    Cow::Owned(format!("{head}… ({total} characters)"))
}

/// The Latin letter a Cyrillic or Greek letter is mistaken for, where one is.
fn latin_look_alike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => return None,
    })
}

/// A note for an unknown code that is a known one written with look-alike letters (Cyrillic `е` for Latin
/// `e`, full-width letters …): which character, where, and the code meant; empty otherwise.
///
/// ```
/// use talent_matrix::safety::look_alike;
/// assert_eq!(
///     look_alike("оwner", &["principal", "owner"]),
///     r#" (it has U+043E, a letter that looks like "o", at character 1: did you mean "owner"?)"#
/// );
/// assert_eq!(look_alike("boss", &["owner"]), "");
/// ```
pub fn look_alike(input: &str, codes: &[&str]) -> String {
    if input.is_ascii() {
        return String::new();
    }
    let mut first = None;
    let skeleton: String = input
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let latin = latin_look_alike(c).or_else(|| {
                // Full-width ASCII (U+FF01 to U+FF5E) is ASCII shifted.
                char::from_u32(u32::from(c).wrapping_sub(0xfee0))
                    .filter(|_| ('\u{ff01}'..='\u{ff5e}').contains(&c))
            });
            match latin {
                Some(l) => {
                    first.get_or_insert((i + 1, c, l));
                    l.to_ascii_lowercase()
                }
                None => c,
            }
        })
        .collect();
    match (first, codes.iter().find(|k| **k == skeleton)) {
        (Some((at, c, l)), Some(code)) => format!(
            " (it has U+{:04X}, a letter that looks like \"{l}\", at character {at}: did you mean \"{code}\"?)",
            u32::from(c)
        ),
        _ => String::new(),
    }
}

/// The form in which ids are compared for duplicates: NFKC, with every dash (general category Pd, and the
/// minus sign U+2212) folded to `-`, so that `Ｐ-1`, `P‐1` and `P-1` are one id. Plain ASCII is its own key.
#[cfg(feature = "roster")]
pub(crate) fn id_key(id: &str) -> Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization as _;
    if id.is_ascii() {
        return Cow::Borrowed(id);
    }
    Cow::Owned(
        id.nfkc()
            .map(|c| if is_dash(c) { '-' } else { c })
            .collect(),
    )
}

/// Whether a character is a dash: general category Pd (Unicode 16.0) or the minus sign.
#[cfg(feature = "roster")]
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{58a}'
            | '\u{5be}'
            | '\u{1400}'
            | '\u{1806}'
            | '\u{2010}'..='\u{2015}'
            | '\u{2e17}'
            | '\u{2e1a}'
            | '\u{2e3a}'..='\u{2e3b}'
            | '\u{2e40}'
            | '\u{2e5d}'
            | '\u{301c}'
            | '\u{3030}'
            | '\u{30a0}'
            | '\u{fe31}'..='\u{fe32}'
            | '\u{fe58}'
            | '\u{fe63}'
            | '\u{ff0d}'
            | '\u{10ead}'
            | '\u{2212}'
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn format_characters_include_the_look_alike_makers() {
        for c in [
            '\u{200b}', '\u{200d}', '\u{feff}', '\u{202e}', '\u{2066}', '\u{ad}',
        ] {
            assert!(is_format(c), "{c:?}");
        }
        for c in ['a', '王', '-', ' ', '\u{3000}'] {
            assert!(!is_format(c), "{c:?}");
        }
    }

    #[test]
    fn ids_refuse_controls_and_format_characters_and_names_refuse_controls_and_bidi() {
        assert_eq!(bad_id_char("P-1"), None);
        assert_eq!(bad_id_char("市中-1"), None);
        assert_eq!(bad_id_char("P-1\u{200b}"), Some((4, '\u{200b}')));
        assert_eq!(bad_id_char("P\u{1b}1"), Some((2, '\u{1b}')));
        assert_eq!(bad_id_char("P\u{85}1"), Some((2, '\u{85}')));
        assert_eq!(bad_name_char("王芳"), None);
        assert_eq!(bad_name_char("王\u{200d}芳"), None);
        assert_eq!(bad_name_char("王\u{202e}芳"), Some((2, '\u{202e}')));
        assert_eq!(bad_name_char("a\u{7}"), Some((2, '\u{7}')));
    }

    #[test]
    fn the_byte_prefilter_misses_no_control_or_format_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_control() || is_format(c) || is_bidi_control(c) {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_be_unsafe(lead), "{c:?}");
            }
        }
        assert!(!"王芳市中区".bytes().any(may_be_unsafe));
    }

    #[test]
    fn shown_text_has_no_control_character() {
        let hostile = "\u{1b}[2J\u{1b}]0;t\u{7}\u{0}\r\u{202e}\u{9b}x";
        let s = Shown(hostile).to_string();
        assert!(!s.chars().any(is_unsafe), "{s}");
        assert_eq!(s, r"\u{1b}[2J\u{1b}]0;t\u{7}\u{0}\u{d}\u{202e}\u{9b}x");
    }

    #[test]
    fn spreadsheet_cells_never_start_with_a_formula_character() {
        for cell in [
            "=1+1",
            "+cmd|' /C calc'!A0",
            "-2",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert!(spreadsheet_cell(cell).starts_with('\''), "{cell:?}");
        }
        for cell in ["", "P-1", "'=1", "王芳", "1.5"] {
            assert_eq!(spreadsheet_cell(cell), cell);
        }
    }

    #[test]
    fn quotes_are_cut_at_the_limit_with_the_length() {
        let exact = "王".repeat(QUOTE_CHARS);
        assert_eq!(quoted(&exact), exact);
        let long = "王".repeat(QUOTE_CHARS + 1);
        let q = quoted(&long);
        assert_eq!(q.chars().filter(|&c| c == '王').count(), QUOTE_CHARS);
        assert!(q.ends_with(&format!("… ({} characters)", QUOTE_CHARS + 1)));
    }

    #[cfg(feature = "roster")]
    #[test]
    fn look_alike_ids_share_a_key() {
        for id in ["Ｐ-1", "P‐1", "P−1", "P－1", "P-1"] {
            assert_eq!(id_key(id), "P-1", "{id:?}");
        }
        assert_eq!(id_key("市中-1"), "市中-1");
        assert_ne!(id_key("P-1"), id_key("P-2"));
    }
}
