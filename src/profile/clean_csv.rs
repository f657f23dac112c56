//! The fast path of CSV rosters: a row whose every cell is what a clean roster has (codes, plain numbers in
//! range, booleans, empty for absent) read straight into a profile, without the checked reader's error
//! bookkeeping. Anything else is left to [`Profile::from_cells`], which reads it with the contract's checks and
//! error order; what this path accepts it reads as `from_cells` does (tested below, on cells drawn from every
//! field's kind).

use super::Profile;
use super::cell::{Cell, Slot};
use super::read::text_flag;
use crate::codes::{Coded, Field, per_code};
use crate::error::{MAX_EMPLOYEES, MAX_WAN};
use crate::fields::with_profile_fields;
use crate::money::Wan;

/// A field's value from a clean CSV cell (trimmed text; empty is absent), by kind: `None` for a cell the clean
/// path leaves to the checked reader.
macro_rules! clean {
    (code, $text:expr) => {
        clean_code($text)?
    };
    (code_or_default, $text:expr) => {
        clean_code($text)?
    };
    (flag, $text:expr) => {
        clean_flag($text)?
    };
    (flag_or_false, $text:expr) => {
        clean_flag($text)?
    };
    (whole, $text:expr) => {
        clean_whole($text)?
    };
    (money, $text:expr) => {
        clean_money($text)?
    };
}

/// The profile from a clean row's `id`, `name`, `post` and every other field's cell text (`$cell`).
macro_rules! clean_profile {
    ($id:expr, $name:expr, $post:expr, $cell:ident
     @rows $($field:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
        {
            let mut stated = 0u32;
            Profile {
                id: $id,
                name: $name,
                post: $post,
                $($field: crate::profile::kept!($kind, Field::$variant, clean!($kind, $cell(Field::$variant)?), stated),)+
                policy_fields: None,
                stated,
            }
        }
    };
}

/// A clean code cell: a code exactly, or empty.
fn clean_code<T: Coded>(t: &str) -> Option<Option<T>> {
    if t.is_empty() {
        return Some(None);
    }
    T::from_exact_code(t).map(Some)
}

/// A clean amount cell: a decimal in range, or empty.
fn clean_money(t: &str) -> Option<Option<Wan>> {
    if t.is_empty() {
        return Some(None);
    }
    let w = t.parse::<Wan>().ok()?;
    (w <= Wan::from_wan(MAX_WAN)).then_some(Some(w))
}

/// A clean boolean cell, or empty.
fn clean_flag(t: &str) -> Option<Option<bool>> {
    if t.is_empty() {
        return Some(None);
    }
    text_flag(t).map(Some)
}

/// A clean head count: plain digits without a leading zero, in range, or empty; anything else is left to the
/// decimal reader.
fn clean_whole(t: &str) -> Option<Option<u32>> {
    match t {
        "" => Some(None),
        t if t.len() <= 8
            && t.bytes().all(|b| b.is_ascii_digit())
            && (t == "0" || !t.starts_with('0')) =>
        {
            Some(Some(t.parse::<u32>().ok().filter(|&n| n <= MAX_EMPLOYEES)?))
        }
        _ => None,
    }
}

impl Profile {
    /// A CSV row whose every cell is what a clean roster has (codes, plain whole numbers and amounts in range,
    /// booleans, empty for absent) read straight into a profile; `None` for anything else (a label, a value
    /// that is wrong or out of range, a missing `id` or `post`), which [`Profile::from_cells`] then reads with
    /// the contract's checks and error order. What this accepts it reads as `from_cells` does (tested).
    pub(crate) fn from_clean_text(slots: &[Slot<'_>; Field::ALL.len()]) -> Option<Profile> {
        use crate::error::MAX_ID_CHARS;
        use crate::lang::trim;

        let cell = |f: Field| -> Option<&str> {
            match *per_code(slots, f) {
                None => Some(""),
                Some(Cell::Text(t)) => Some(trim(t)),
                Some(Cell::Json(_)) => None,
            }
        };
        let id = cell(Field::Id)?;
        if id.is_empty()
            || (id.len() > MAX_ID_CHARS && id.chars().count() > MAX_ID_CHARS)
            || crate::safety::bad_id_char(id).is_some()
        {
            return None;
        }
        let name = cell(Field::Name)?;
        if crate::safety::bad_name_char(name).is_some() {
            return None;
        }
        let name = (!name.is_empty()).then(|| name.to_owned());
        let post = clean_code(cell(Field::Post)?)??;
        Some(with_profile_fields!(
            clean_profile,
            id.to_owned(),
            name,
            post,
            cell
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Cells a CSV roster may hold for a value of a kind: clean ones, and ones to leave to the checked reader.
    macro_rules! kind_cells {
        (code, $ty:ty) => {{
            let codes = <$ty as Coded>::CODES;
            let first = <$ty as Coded>::ALL[0];
            let clean = vec![
                codes[0].to_owned(),
                format!(" {} ", codes[codes.len() - 1]),
                String::new(),
            ];
            // A label and a code in capitals: valid, but for the checked reader to read.
            let unclean = vec![
                first.label(crate::lang::Lang::ZhHans).to_owned(),
                codes[0].to_uppercase(),
            ];
            (clean, unclean)
        }};
        (code_or_default, $ty:ty) => {
            kind_cells!(code, $ty)
        };
        (flag, $ty:ty) => {
            (
                ["是", "否", "1", "0", "TRUE", "false", ""]
                    .map(String::from)
                    .to_vec(),
                ["yes", "2"].map(String::from).to_vec(),
            )
        };
        (flag_or_false, $ty:ty) => {
            kind_cells!(flag, $ty)
        };
        (whole, $ty:ty) => {
            (
                ["0", "7", "300", "10000000", ""].map(String::from).to_vec(),
                [
                    "007",
                    "300.0",
                    "+5",
                    "-1",
                    "1,000",
                    "10000001",
                    "99999999999",
                    "x",
                ]
                .map(String::from)
                .to_vec(),
            )
        };
        (money, $ty:ty) => {
            (
                ["0", "2500", "2500.5", "0.0001", "10000000000", ""]
                    .map(String::from)
                    .to_vec(),
                ["0.00001", "1e3", "10000000001", "1,000", "x"]
                    .map(String::from)
                    .to_vec(),
            )
        };
    }

    /// Cells for every field: `id`, `name` and `post` as written here, every other field by its kind.
    macro_rules! field_cells {
        ($field:expr,
         @rows $($name:ident: $variant:ident = ($code:literal, $hans:literal, $hant:literal, $en:literal) => $source:literal, $kind:ident($ty:ty), $how:ident $(($fact:ident))?, $doc:literal, $example:literal;)+) => {
            match $field {
                Field::Id => (
                    ["P-1", " P-2 ", "编号9", "0"].map(String::from).to_vec(),
                    ["", " "].map(String::from).to_vec(),
                ),
                Field::Name => (
                    ["周芳", " 周芳 ", "", "x"].map(String::from).to_vec(),
                    ["\u{3000}"].map(String::from).to_vec(),
                ),
                Field::Post => (
                    ["enterprise", "community", "other", " rural "].map(String::from).to_vec(),
                    ["企业", "Enterprise", ""].map(String::from).to_vec(),
                ),
                $(Field::$variant => kind_cells!($kind, $ty),)+
            }
        };
    }

    /// Cells a CSV roster may hold: clean ones for the field, and ones to leave to the checked reader.
    fn cell_text(field: Field) -> (Vec<String>, Vec<String>) {
        use crate::codes::{
            Contribution, EnterpriseSize, Industry, IntroductionLevel, Ownership, Performance,
            ProfessionalTitle, Role, RuralRole, SkillLevel, SocialWorkCertificate,
        };
        with_profile_fields!(field_cells, field,)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Whatever the direct CSV reader accepts, the checked reader reads the same; a row of clean cells
        /// it accepts.
        #[test]
        fn the_direct_csv_reader_reads_as_from_cells(picks in proptest::collection::vec(0usize..1000, Field::ALL.len())) {
            let mut clean = true;
            let texts: Vec<String> = Field::ALL
                .iter()
                .zip(&picks)
                .map(|(&f, &k)| {
                    let (good, bad) = cell_text(f);
                    // One cell in about 40 is one to leave to the checked reader.
                    if k < 25 {
                        clean = false;
                        bad[k % bad.len()].clone()
                    } else {
                        good[k % good.len()].clone()
                    }
                })
                .collect();
            let mut slots: [Slot<'_>; Field::ALL.len()] = [None; Field::ALL.len()];
            for (slot, t) in slots.iter_mut().zip(&texts) {
                *slot = Some(Cell::Text(t));
            }
            match Profile::from_clean_text(&slots) {
                Some(p) => proptest::prop_assert_eq!(Ok(p), Profile::from_cells(&slots)),
                None => proptest::prop_assert!(!clean, "a clean row was refused: {:?}", texts),
            }
        }
    }

    #[test]
    fn the_direct_csv_reader_takes_clean_rows_and_leaves_the_rest() {
        let row = |cells: &[(Field, &'static str)]| {
            let mut slots: [Slot<'static>; Field::ALL.len()] = [None; Field::ALL.len()];
            for &(f, t) in cells {
                slots[f.index()] = Some(Cell::Text(t));
            }
            slots
        };
        let clean = row(&[
            (Field::Id, " P-1 "),
            (Field::Name, " 周芳 "),
            (Field::Post, "enterprise"),
            (Field::Employees, "300"),
            (Field::RevenueWan, "2500.5"),
            (Field::Potential, "是"),
            (Field::Role, ""),
        ]);
        let p = Profile::from_clean_text(&clean).unwrap();
        assert_eq!(Ok(p), Profile::from_cells(&clean));
        for (f, t) in [
            (Field::Post, "企业"),
            (Field::Employees, "300.0"),
            (Field::Employees, "007"),
            (Field::Employees, "10000001"),
            (Field::RevenueWan, "1,000"),
            (Field::Potential, "yes"),
            (Field::Id, " "),
            (Field::Post, ""),
        ] {
            let mut slots = clean;
            slots[f.index()] = Some(Cell::Text(t));
            assert!(Profile::from_clean_text(&slots).is_none(), "{f:?} {t:?}");
        }
    }
}
