//! The fast path of [`Profile::read_json`](super::Profile): a flat JSON record read in one pass, without a tree.
//!
//! Almost every roster line is a flat object of known fields whose values are strings without escapes,
//! non-negative numbers, booleans or `null`. [`scan`] reads exactly such a line into one [`Cell`] per field,
//! borrowing the strings from the line and keeping numbers that are not plain integers as their text. Anything
//! else (an escape, a nested value, a negative number, an unknown or repeated key, a syntax error) makes it give
//! up with `None`, and the caller reads the line the general way (through serde_json into a
//! [`Raw`](crate::raw::Raw) tree, with each number's text found by [`number_texts`]), which reports errors
//! exactly as the contract words them. Both read numbers from their decimal digits, never through an `f64`
//! (as a CSV cell is read), so the fast path never decides an error, and what it accepts it reads as the tree
//! does: the tests compare the two on the sample roster, on generated rosters, and on arbitrary lines.

use super::Profile;
use super::cell::{Cell, Json, Slot};
use crate::codes::{Coded, Field, Post, per_code_mut};
use crate::fields::with_profile_fields;
use crate::money::Wan;

/// The cells of a flat JSON record, or `None` when the line needs the general reader.
pub(crate) fn scan(line: &str) -> Option<[Slot<'_>; Field::ALL.len()]> {
    let mut slots: [Slot<'_>; Field::ALL.len()] = [None; Field::ALL.len()];
    members(line, |field, value| {
        let slot = per_code_mut(&mut slots, field);
        if slot.is_some() {
            return None;
        }
        *slot = Some(Cell::Json(value));
        Some(())
    })?;
    Some(slots)
}

/// Calls `each` with every member of a flat JSON record, in order; `None` as soon as the line or `each` gives
/// up.
fn members<'r>(line: &'r str, mut each: impl FnMut(Field, Json<'r>) -> Option<()>) -> Option<()> {
    let mut s = Scanner {
        text: line,
        bytes: line.as_bytes(),
        at: 0,
    };
    s.space();
    s.eat(b'{')?;
    s.space();
    if !s.eat_if(b'}') {
        loop {
            let key = s.string()?;
            let field = <Field as crate::codes::sealed::Sealed>::from_exact_code(key)?;
            s.space();
            s.eat(b':')?;
            s.space();
            each(field, s.value()?)?;
            s.space();
            if s.eat_if(b'}') {
                break;
            }
            s.eat(b',')?;
            s.space();
        }
    }
    s.space();
    (s.at == s.bytes.len()).then_some(())
}

/// A flat JSON record whose every value is what a clean roster has (codes, plain numbers in range, booleans,
/// `null` or blank for absent) read straight into a profile; `None` for anything else (a label, a wrong type, a
/// value out of range, a repeated key, a missing `id` or `post`), which [`scan`] and
/// [`Profile::from_cells`] then read with the contract's checks and error order. What this accepts they
/// accept, and read the same (tested).
/// A string's trimmed text; `None` (give up) for other values. `Null` and blank strings are `Some("")`.
fn clean_text(value: Json<'_>) -> Option<&str> {
    match value {
        Json::Null => Some(""),
        Json::Str(s) => Some(crate::lang::trim(s)),
        _ => None,
    }
}

/// An optional code: absent (null, blank) or exactly a code.
fn clean_code<T: Coded>(value: Json<'_>) -> Option<Option<T>> {
    match clean_text(value)? {
        "" => Some(None),
        t => T::from_exact_code(t).map(Some),
    }
}

/// Absent: null or a blank string (any other string is a wrong type for numbers and flags).
fn absent(value: Json<'_>) -> bool {
    matches!(value, Json::Null) || matches!(value, Json::Str(s) if crate::lang::trim(s).is_empty())
}

/// An amount of 万元 in range, or absent.
fn clean_money(value: Json<'_>) -> Option<Option<Wan>> {
    let w = match value {
        Json::UInt(n) => Wan::from_wan(n),
        Json::Num(text) => Wan::from_json_number(text)?,
        v if absent(v) => return Some(None),
        _ => return None,
    };
    (w <= Wan::from_wan(crate::error::MAX_WAN)).then_some(Some(w))
}

/// A head count in range, or absent.
fn clean_whole(value: Json<'_>) -> Option<Option<u32>> {
    match value {
        Json::UInt(n) => Some(Some(
            u32::try_from(n)
                .ok()
                .filter(|&n| n <= crate::error::MAX_EMPLOYEES)?,
        )),
        v if absent(v) => Some(None),
        _ => None,
    }
}

/// A boolean, or absent.
fn clean_flag(value: Json<'_>) -> Option<Option<bool>> {
    match value {
        Json::Bool(b) => Some(Some(b)),
        v if absent(v) => Some(None),
        _ => None,
    }
}

/// A field's value from a clean JSON value, by kind (see `super::fields`); `None` to give up.
macro_rules! clean {
    (code, $value:expr) => {
        clean_code($value)?
    };
    (code_or_default, $value:expr) => {
        clean_code($value)?
    };
    (flag, $value:expr) => {
        clean_flag($value)?
    };
    (flag_or_false, $value:expr) => {
        clean_flag($value)?
    };
    (whole, $value:expr) => {
        clean_whole($value)?
    };
    (money, $value:expr) => {
        clean_money($value)?
    };
}

/// A clean value kept in the profile, by kind: a field with a default notes whether it was given.
macro_rules! scan_kept {
    (code_or_default, $p:ident, $field:expr, $value:expr) => {
        $p.keep_stated($field, $value)
    };
    (flag_or_false, $p:ident, $field:expr, $value:expr) => {
        $p.keep_stated($field, $value)
    };
    ($kind:ident, $p:ident, $field:expr, $value:expr) => {
        $value
    };
}

/// Sets a field after `id`, `name` and `post` from a clean JSON value: one arm per row of the field table, and
/// none for the three the caller reads itself.
macro_rules! set_clean_field {
    (@rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        fn set_clean_field(p: &mut Profile, field: Field, value: Json<'_>) -> Option<()> {
            match field {
                Field::Id | Field::Name | Field::Post => return None,
                $(Field::$variant => p.$field = scan_kept!($kind, p, Field::$variant, clean!($kind, value)),)+
            }
            Some(())
        }
    };
}

with_profile_fields!(set_clean_field);

pub(crate) fn profile(line: &str) -> Option<Profile> {
    use crate::error::MAX_ID_CHARS;
    use crate::lang::trim;

    let mut seen = 0u32;
    let mut id = None;
    let mut post = None;
    let mut p = Profile::bare(String::new(), Post::Other);
    let mut name = None;
    members(line, |field, value| {
        let bit = 1u32 << field.index();
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        match field {
            Field::Id => {
                let t = match value {
                    Json::Str(s) => trim(s),
                    _ => return None,
                };
                let fits = !t.is_empty()
                    && (t.len() <= MAX_ID_CHARS || t.chars().count() <= MAX_ID_CHARS)
                    && crate::safety::bad_id_char(t).is_none();
                id = Some(t).filter(|_| fits);
                id?;
            }
            Field::Name => {
                let t = clean_text(value)?;
                if crate::safety::bad_name_char(t).is_some() {
                    return None;
                }
                name = Some(t).filter(|t| !t.is_empty());
            }
            Field::Post => post = Some(clean_code::<Post>(value)??),
            _ => set_clean_field(&mut p, field, value)?,
        }
        Some(())
    })?;
    p.id = id?.to_owned();
    p.post = post?;
    p.name = name.map(str::to_owned);
    Some(p)
}

/// The JSON text of every number given for a field, by [`Field::index`], in a record the fast paths left to
/// the tree (one with escapes, nesting or errors), so that the tree's reader reads numbers from their decimal
/// digits rather than from an `f64`, and quotes them as written, as the fast paths do. Keys are compared after their escapes are undone; a value
/// that is not a number, a repeated key, or text that is no JSON object leaves its slot (or every slot
/// from there on) `None`, and serde_json then reports what is wrong.
pub(crate) fn number_texts(line: &str) -> [Option<&str>; Field::ALL.len()] {
    let mut found = [None; Field::ALL.len()];
    let mut s = Scanner {
        text: line,
        bytes: line.as_bytes(),
        at: 0,
    };
    let _ = (|| -> Option<()> {
        s.space();
        s.eat(b'{')?;
        s.space();
        if s.eat_if(b'}') {
            return Some(());
        }
        loop {
            let key = s.any_string()?;
            s.space();
            s.eat(b':')?;
            s.space();
            let start = s.at;
            let number = matches!(s.peek()?, b'-' | b'0'..=b'9');
            s.skip_value(0)?;
            let slot = <Field as crate::codes::sealed::Sealed>::from_exact_code(&key)
                .map(|f| per_code_mut(&mut found, f));
            if let (true, Some(slot)) = (number, slot) {
                *slot = s.text.get(start..s.at);
            }
            s.space();
            if s.eat_if(b'}') {
                return Some(());
            }
            s.eat(b',')?;
            s.space();
        }
    })();
    found
}

struct Scanner<'r> {
    text: &'r str,
    bytes: &'r [u8],
    at: usize,
}

impl<'r> Scanner<'r> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// JSON whitespace: space, tab, line feed, carriage return.
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn eat_if(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.eat_if(byte).then_some(())
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes.get(self.at..end)? == word).then(|| self.at = end)
    }

    /// Any string, its escapes undone (borrowed when it has none). `None` on a malformed string.
    fn any_string(&mut self) -> Option<std::borrow::Cow<'r, str>> {
        let start = self.at;
        if let Some(plain) = self.string() {
            return Some(std::borrow::Cow::Borrowed(plain));
        }
        self.at = start;
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let from = self.at;
            self.at += crate::swar::first_special(self.bytes.get(from..)?);
            out.push_str(self.text.get(from..self.at)?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(std::borrow::Cow::Owned(out));
                }
                b'\\' => {
                    self.at += 1;
                    let c = match self.peek()? {
                        b'u' => {
                            let hex = self.text.get(self.at + 1..self.at + 5)?;
                            self.at += 4;
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?).unwrap_or('\u{fffd}')
                        }
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b @ (b'"' | b'\\' | b'/') => char::from(b),
                        _ => return None,
                    };
                    self.at += 1;
                    out.push(c);
                }
                _ => return None,
            }
        }
    }

    /// Skips one JSON value of any kind (nested to at most 128 levels, as serde_json allows).
    fn skip_value(&mut self, depth: usize) -> Option<()> {
        if depth > 128 {
            return None;
        }
        match self.peek()? {
            b'"' => self.any_string().map(drop),
            b'{' | b'[' => {
                let close = if self.peek()? == b'{' { b'}' } else { b']' };
                self.at += 1;
                self.space();
                if self.eat_if(close) {
                    return Some(());
                }
                loop {
                    if close == b'}' {
                        self.any_string()?;
                        self.space();
                        self.eat(b':')?;
                        self.space();
                    }
                    self.skip_value(depth + 1)?;
                    self.space();
                    if self.eat_if(close) {
                        return Some(());
                    }
                    self.eat(b',')?;
                    self.space();
                }
            }
            _ => {
                // A number or a literal: up to the next delimiter.
                let start = self.at;
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
                (self.at > start).then_some(())
            }
        }
    }

    /// A string without escapes or control characters, borrowed from the line.
    fn string(&mut self) -> Option<&'r str> {
        self.eat(b'"')?;
        let start = self.at;
        self.at += crate::swar::first_special(self.bytes.get(start..)?);
        if self.peek()? != b'"' {
            return None;
        }
        // Both ends are at an ASCII quote, so both are character boundaries.
        let s = self.text.get(start..self.at)?;
        self.at += 1;
        Some(s)
    }

    fn value(&mut self) -> Option<Json<'r>> {
        match self.peek()? {
            b'"' => self.string().map(Json::Str),
            b't' => self.literal(b"true").map(|()| Json::Bool(true)),
            b'f' => self.literal(b"false").map(|()| Json::Bool(false)),
            b'n' => self.literal(b"null").map(|()| Json::Null),
            b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// A non-negative number. A whole number of at most 19 digits is an unsigned integer, as serde_json reads
    /// it; any other number is kept as its text, to be read exactly from its decimal digits (the tree reader
    /// reads numbers from their text too, [`number_texts`]).
    fn number(&mut self) -> Option<Json<'r>> {
        let start = self.at;
        let whole = self.digits();
        // JSON allows no leading zero ("01").
        if whole > 1 && self.bytes.get(start) == Some(&b'0') {
            return None;
        }
        let mut plain = true;
        if self.eat_if(b'.') {
            plain = false;
            if self.digits() == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            plain = false;
            self.at += 1;
            if let Some(b'-' | b'+') = self.peek() {
                self.at += 1;
            }
            let n = self.digits();
            if n == 0 || n > 3 {
                return None;
            }
        }
        let text = self.text.get(start..self.at)?;
        if plain {
            return (whole <= 19).then(|| text.parse().ok().map(Json::UInt))?;
        }
        Some(Json::Num(text))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    use crate::Profile;
    use crate::codes::Field;

    /// Values of every JSON type, in the spellings a roster has and the ones the fast path must give up on.
    const VALUES: &[&str] = &[
        r#""enterprise""#,
        r#""企业""#,
        r#""  principal ""#,
        r#""""#,
        r#""  ""#,
        r#""finance""#,
        r#""owner""#,
        r#""small""#,
        r#""G-1""#,
        r#""a\"b""#,
        r#""\u4f01\u4e1a""#,
        r#""tab	in""#,
        "0",
        "300",
        "300.0",
        "3e2",
        "3E+2",
        "2500.5",
        "0.0001",
        "0.00001",
        "1.23456789012345",
        "1.234567890123456",
        "10000000",
        "10000001",
        "10000000000",
        "18446744073709551615",
        "18446744073709551616",
        "1e22",
        "1e23",
        "5e-22",
        "5e-23",
        "-1",
        "-0",
        "01",
        "1.",
        ".5",
        "1e",
        "1e1000",
        "true",
        "false",
        "null",
        "nul",
        "[]",
        "[1,2]",
        r#"{"a":1}"#,
    ];

    /// Values a field accepts, in several spellings (escaped ones among them).
    fn valid(field: Field) -> Vec<String> {
        let quoted = |v: &[&str]| v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>();
        match field.code() {
            "id" | "name" => quoted(&["G-1", " 周芳 ", "a\\\"b", "\\u5468\\u82b3", "x\\/y"]),
            "employees" | "revenue_wan" | "assets_wan" => [
                "0", "300", "300.0", "3e2", "3E+2", "2500.5", "0.0001", "1.5e-3", "null",
            ]
            .map(str::to_owned)
            .to_vec(),
            "above_designated_size" | "potential" => {
                ["true", "false", "null"].map(str::to_owned).to_vec()
            }
            "post" => quoted(&["enterprise", "企业", "\\u4f01\\u4e1a", " community "]),
            "role" => quoted(&["owner", "principal", "企业主", "staff"]),
            "industry" => quoted(&["finance", "retail", "industry", "other"]),
            "enterprise_size" => quoted(&["small", "micro", "large", "中型"]),
            "ownership" => quoted(&["private", "state_owned", "individual"]),
            "performance" => quoted(&["outstanding", "good", "ordinary"]),
            "contribution" => quoted(&["major", "ordinary"]),
            "professional_title" => quoted(&["senior", "none"]),
            "skill_level" => quoted(&["technician", "senior_worker"]),
            "social_work_certificate" => quoted(&["social_worker", "none"]),
            "rural_role" => quoted(&["craft", "none"]),
            _ => quoted(&["hundred", "thousand", "ten_thousand"]),
        }
    }

    fn member() -> impl Strategy<Value = String> {
        let field = proptest::sample::select(Field::ALL);
        (field, 0usize..100, 0usize..1000, space(), space()).prop_map(|(f, kind, pick, a, b)| {
            let key = match kind {
                0..=2 => "nmae".to_owned(),
                3..=5 => "i\\u0064".to_owned(),
                _ => f.code().to_owned(),
            };
            let pool = valid(f);
            let value = if kind < 70 {
                pool[pick % pool.len()].clone()
            } else {
                VALUES[pick % VALUES.len()].to_owned()
            };
            format!("\"{key}\"{a}:{b}{value}")
        })
    }

    fn space() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(&["", "", "", " ", "\t", "\r\n ", "\u{3000}"][..])
    }

    fn line() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(member(), 0..8),
            space(),
            space(),
            any::<bool>(),
            0usize..400,
        )
            .prop_map(|(members, a, b, with_id, cut)| {
                let mut members = members;
                if with_id {
                    members.insert(0, r#""id":"P-1""#.to_owned());
                    members.insert(1, r#""post":"enterprise""#.to_owned());
                }
                let line = format!("{a}{{{}}}{b}", members.join(","));
                // Sometimes cut short at a character boundary: a syntax error somewhere.
                match line.char_indices().map(|(i, _)| i).find(|&i| i >= cut) {
                    Some(i) if cut % 5 == 0 => line[..i].to_owned(),
                    _ => line,
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The one-pass reader and the tree reader give the same profile or the same error, with the same id.
        #[test]
        fn the_fast_path_reads_as_the_tree_does(line in line()) {
            prop_assert_eq!(Profile::read_json(&line), Profile::read_json_tree(&line), "{}", line);
        }
    }

    #[test]
    fn the_sample_roster_takes_the_fast_path_and_reads_the_same() {
        let mut fast = 0;
        for line in include_str!("../../examples/data/roster.jsonl").lines() {
            if line.trim().is_empty() {
                continue;
            }
            fast += usize::from(super::scan(line).is_some());
            assert_eq!(
                Profile::read_json(line),
                Profile::read_json_tree(line),
                "{line}"
            );
        }
        assert!(fast >= 60, "only {fast} lines took the fast path");
    }

    #[test]
    fn the_fast_path_gives_up_on_what_it_does_not_read() {
        for line in [
            r#"{"id":"a\"b","post":"enterprise"}"#,
            r#"{"id":"P","post":"enterprise","employees":-1}"#,
            r#"{"id":"P","post":"enterprise","employees":1e2345}"#,
            r#"{"id":"P","post":"enterprise","id":"Q"}"#,
            r#"{"id":"P","post":"enterprise","nmae":"x"}"#,
            r#"{"id":"P","post":["enterprise"]}"#,
            r#"{"id":"P","post":"enterprise"} x"#,
            r#"{"id":"P","post":"enterprise""#,
        ] {
            assert!(super::scan(line).is_none(), "{line}");
        }
        assert!(super::scan(r#" { "id" : "P" , "employees" : 3e2 } "#).is_some());
    }

    /// The direct reader takes only clean values; everything else goes on to the checked readers, which
    /// accept labels and report errors. Each of these is such a line, with the result it must still have.
    #[test]
    fn the_direct_reader_leaves_everything_unusual_to_the_checked_ones() {
        let long_id = format!(r#"{{"id":"{}","post":"other"}}"#, "x".repeat(65));
        let cases = [
            r#"{"id":"P","post":"other","employees":10000001}"#,
            r#"{"id":"P","post":"other","employees":300.0}"#,
            r#"{"id":"P","post":"other","revenue_wan":10000000001}"#,
            r#"{"id":"P","post":"other","assets_wan":1.00001}"#,
            r#"{"id":"P","post":"企业"}"#,
            r#"{"id":"P","post":"Enterprise"}"#,
            r#"{"id":"P","post":"other","role":"企业主"}"#,
            r#"{"id":"P","post":"other","name":123}"#,
            r#"{"id":"P","post":"other","potential":"true"}"#,
            r#"{"id":"P","post":"other","above_designated_size":1}"#,
            r#"{"id":"  ","post":"other"}"#,
            r#"{"id":"P","post":null}"#,
            r#"{"id":"P","post":"  "}"#,
            r#"{"post":"other"}"#,
            r#"{"id":"P"}"#,
            long_id.as_str(),
        ];
        for line in cases {
            assert!(super::profile(line).is_none(), "{line}");
            assert_eq!(
                Profile::read_json(line),
                Profile::read_json_tree(line),
                "{line}"
            );
        }
        // And what it takes, it reads as the tree does: blanks and nulls are absent, names are trimmed.
        for line in [
            r#"{"id":" P ","name":" 周芳 ","post":"other","role":"","employees":null,"potential":null}"#,
            r#"{"id":"P","post":"enterprise","employees":10000000,"revenue_wan":2500.5,"assets_wan":"  "}"#,
            r#"{"id":"P","post":"enterprise","performance":"outstanding","contribution":null}"#,
        ] {
            let direct = super::profile(line);
            assert!(direct.is_some(), "{line}");
            assert_eq!(Ok(direct.unwrap()), Profile::read_json_tree(line), "{line}");
        }
    }
}
