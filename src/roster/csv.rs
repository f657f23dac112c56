//! CSV rosters: the header's columns mapped to profile fields (codes or Chinese labels, DOMAIN.md §8), a
//! record's cells unquoted, and a row read into a profile.

use super::options::{Encoding, RosterOptions};
use super::row::{FileError, RowError};
use crate::codes::{Field, per_code, per_code_mut};
use crate::lang::Lang;
use crate::profile::{Cell, Profile, Slot};

/// The cells of one CSV record, unquoted: one buffer and where each cell ends. Buffers are reused from row
/// to row.
#[derive(Debug, Default)]
pub(super) struct Cells {
    pub(super) bytes: Vec<u8>,
    pub(super) ends: Vec<usize>,
}

impl Cells {
    /// Splits a record (whose quotes the splitter has balanced) into cells, decoding GB18030 to UTF-8. `Err`
    /// with the 1-based byte of the row where it is not valid GB18030.
    pub(super) fn fill(&mut self, record: &[u8], encoding: Encoding) -> Result<(), usize> {
        self.bytes.clear();
        self.ends.clear();
        if encoding == Encoding::Gb18030 && !record.is_ascii() {
            let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let mut decoded = String::with_capacity(
                decoder
                    .max_utf8_buffer_length_without_replacement(record.len())
                    .unwrap_or(record.len().saturating_mul(3)),
            );
            let (result, read) =
                decoder.decode_to_string_without_replacement(record, &mut decoded, true);
            if let encoding_rs::DecoderResult::Malformed(bad, after) = result {
                // `read` counts the malformed sequence and the bytes after it that were consumed.
                return Err((read + 1).saturating_sub(usize::from(bad) + usize::from(after)));
            }
            split_cells(decoded.as_bytes(), &mut self.bytes, &mut self.ends);
        } else {
            split_cells(record, &mut self.bytes, &mut self.ends);
        }
        Ok(())
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The trimmed text of cell `i`, `None` when empty, missing or not UTF-8.
    pub(super) fn trimmed(&self, i: usize) -> Option<&str> {
        let whole = self.text();
        match self.cell(whole, i)? {
            Ok(t) => Some(crate::lang::trim(t)).filter(|t| !t.is_empty()),
            Err(_) => None,
        }
    }

    /// Sets the cells to these texts (a workbook row's cells, read as text).
    #[cfg(feature = "xlsx")]
    pub(super) fn set_texts<'t>(&mut self, texts: impl Iterator<Item = &'t str>) {
        self.bytes.clear();
        self.ends.clear();
        for t in texts {
            self.bytes.extend_from_slice(t.as_bytes());
            self.ends.push(self.bytes.len());
        }
    }

    /// The whole row as text, when it is valid UTF-8 (checked once for every cell).
    pub(super) fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// Cell `i`: its text, or `Err` with the 1-based byte where it is not UTF-8. `whole` is [`Cells::text`].
    fn cell<'c>(&'c self, whole: Option<&'c str>, i: usize) -> Option<Result<&'c str, usize>> {
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)?,
        };
        let end = *self.ends.get(i)?;
        if let Some(whole) = whole {
            return whole.get(start..end).map(Ok);
        }
        let raw = self.bytes.get(start..end)?;
        Some(std::str::from_utf8(raw).map_err(|e| e.valid_up_to() + 1))
    }
}

/// Splits a CSV record into unquoted cells: `"` at a cell's start opens a quoted part, `""` in it is a quote,
/// the next `"` closes it, and what follows up to the comma is kept as it is.
pub(super) fn split_cells(record: &[u8], out: &mut Vec<u8>, ends: &mut Vec<usize>) {
    let mut rest = record;
    loop {
        if let [b'"', quoted @ ..] = rest {
            rest = quoted;
            // Up to the closing quote; `""` is a quote and the quoted part goes on; without a closing quote
            // the rest of the record is the cell's.
            loop {
                let Some(q) = rest.iter().position(|&b| b == b'"') else {
                    out.extend_from_slice(rest);
                    rest = &[];
                    break;
                };
                // `q` is a position in `rest`: both halves exist, the second starting with the quote.
                let (text, quote) = rest.split_at(q);
                out.extend_from_slice(text);
                match quote {
                    [_, b'"', after @ ..] => {
                        out.push(b'"');
                        rest = after;
                    }
                    [_, after @ ..] => {
                        rest = after;
                        break;
                    }
                    [] => {
                        rest = &[];
                        break;
                    }
                }
            }
        }
        let comma = rest.iter().position(|&b| b == b',');
        let (cell, after) = rest.split_at(comma.unwrap_or(rest.len()));
        out.extend_from_slice(cell);
        ends.push(out.len());
        match after {
            [_comma, next @ ..] => rest = next,
            [] => break,
        }
    }
}

/// Reads a row's cells (of a CSV record or a workbook row) into a profile, with the policy's own fields when
/// it has columns for them, and the row's values of the grouping columns.
pub(super) fn read_row(
    line: u64,
    cells: &Cells,
    fields: &[Option<Field>],
    own: &[(usize, usize)],
    groups: &[usize],
    policy: Option<&crate::policy::Policy>,
) -> (Result<Profile, RowError>, Vec<Option<String>>) {
    let result = read_csv_row(line, cells, fields).and_then(|profile| match policy {
        Some(policy) if !own.is_empty() => read_own(line, cells, own, policy, profile),
        _ => Ok(profile),
    });
    let values = groups
        .iter()
        .map(|&c| cells.trimmed(c).map(str::to_owned))
        .collect();
    (result, values)
}

/// Reads one CSV row into a profile (the header has been checked).
pub(super) fn read_csv_row(
    line: u64,
    cells: &Cells,
    fields: &[Option<Field>],
) -> Result<Profile, RowError> {
    let mut slots: [Slot<'_>; Field::ALL.len()] = [None; Field::ALL.len()];
    let mut id = None;
    let whole = cells.text();
    for (i, field) in fields.iter().enumerate() {
        let (Some(field), Some(Ok(text))) = (field, cells.cell(whole, i)) else {
            continue;
        };
        if *field == Field::Id {
            id = Some(crate::lang::trim(text))
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
        }
        *per_code_mut(&mut slots, *field) = Some(Cell::Text(text));
    }
    if cells.len() != fields.len() {
        let msg = format!(
            "the row has {} cells, the header has {}",
            cells.len(),
            fields.len()
        );
        return Err(RowError::plain(line, id, msg));
    }
    for (i, field) in fields.iter().enumerate().filter(|_| whole.is_none()) {
        // A cell of a column no field reads may hold anything.
        if let (Some(field), Some(Err(at))) = (field, cells.cell(whole, i)) {
            let msg = format!(
                "{} (column {}) is not valid UTF-8 (at byte {at}); name the encoding",
                field.code(),
                i + 1,
            );
            return Err(RowError {
                field: Some(field.code().to_owned()),
                ..RowError::plain(line, id, msg)
            });
        }
    }
    if let Some(profile) = Profile::from_clean_text(&slots) {
        return Ok(profile);
    }
    Profile::from_cells(&slots).map_err(|e| RowError::new(line, id, &e))
}

/// The field a CSV header cell names: a field code (ASCII case-insensitive) or its Chinese name in either
/// script, full-width parentheses accepted (DOMAIN.md §8).
pub(super) fn header_field(cell: &str) -> Option<Field> {
    let name: String = cell
        .trim()
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    Field::ALL.iter().copied().find(|f| {
        f.code().eq_ignore_ascii_case(&name)
            || f.label(Lang::ZhHans) == name
            || f.label(Lang::ZhHant) == name
    })
}

/// Reads the cells of a row's policy fields (DOMAIN.md §9.2) into its profile, after its §3 fields, in column
/// order.
pub(super) fn read_own(
    line: u64,
    cells: &Cells,
    own: &[(usize, usize)],
    policy: &crate::policy::Policy,
    mut profile: Profile,
) -> Result<Profile, RowError> {
    let whole = cells.text();
    let slots = &policy.compiled().slots;
    let mut values = Vec::with_capacity(own.len());
    for &(column, field) in own {
        let Some(def) = slots.fields.get(field) else {
            continue;
        };
        let text = match cells.cell(whole, column) {
            Some(Ok(text)) => text,
            Some(Err(at)) => {
                let msg = format!(
                    "{} (column {}) is not valid UTF-8 (at byte {at}); name the encoding",
                    def.code,
                    column + 1,
                );
                return Err(RowError {
                    field: Some(def.code.clone()),
                    ..RowError::plain(line, Some(profile.id().to_owned()), msg)
                });
            }
            None => continue,
        };
        match crate::policy::read_text(def, text) {
            Ok(Some(v)) => values.push((def.code.clone(), v)),
            Ok(None) => {}
            Err(e) => return Err(RowError::new(line, Some(profile.id().to_owned()), &e)),
        }
    }
    profile.set_policy_fields(values);
    Ok(profile)
}

/// The header's columns: the §3 field of each, the policy's own fields `(column index, field index)`, and the
/// column of each grouping column, in the order asked for.
type HeaderColumns = (Vec<Option<Field>>, Vec<(usize, usize)>, Vec<usize>);

/// Maps the header to fields, collecting every problem (DOMAIN.md §8); with a policy in the options, also to
/// the fields it adds (§9.2).
/// Whether these names (a CSV or workbook header, or a JSON Lines record's keys) are those of a classified
/// record rather than a profile: `stream` and `tier` with `reasons` or `policy_hash`, which no profile has. Says
/// what gave it away.
pub(super) fn records_columns(names: &[&str]) -> Option<String> {
    let has = |n: &str| names.iter().any(|m| m.eq_ignore_ascii_case(n));
    let tell = ["reasons", "policy_hash", "policy"]
        .into_iter()
        .find(|n| has(n))?;
    (has("stream") && has("tier")).then(|| format!("its columns name stream, tier and {tell}"))
}

pub(super) fn header_fields(
    header: &Cells,
    options: &RosterOptions,
    notices: &mut Vec<String>,
) -> Result<HeaderColumns, FileError> {
    let whole = header.text();
    let names: Vec<&str> = (0..header.len())
        .filter_map(|i| header.cell(whole, i).and_then(Result::ok))
        .map(crate::lang::trim)
        .collect();
    if let Some(what) = records_columns(&names) {
        return Err(FileError::Records { what });
    }
    let slots = options.policy.as_ref().map(|p| &p.compiled().slots);
    let mut own: Vec<(usize, usize)> = Vec::new();
    let mut groups: Vec<Option<usize>> = vec![None; options.group_by.len()];
    let mut problems = Vec::new();
    let mut fields = Vec::with_capacity(header.len());
    let mut first_column: [Option<usize>; Field::ALL.len()] = [None; Field::ALL.len()];
    for i in 0..header.len() {
        let column = i + 1;
        let name = match header.cell(whole, i) {
            Some(Ok(name)) => name,
            Some(Err(at)) => {
                problems.push(format!("column {column} is not valid UTF-8 (at byte {at})"));
                fields.push(None);
                continue;
            }
            None => {
                problems.push(format!("column {column} could not be read"));
                fields.push(None);
                continue;
            }
        };
        // A grouping column (its first column, if named twice) is kept beside the profile.
        if let Some(slot @ None) = options
            .group_by
            .iter()
            .position(|g| g == name.trim())
            .and_then(|g| groups.get_mut(g))
        {
            *slot = Some(i);
            fields.push(None);
            continue;
        }
        let field = header_field(name);
        let policy_field = slots
            .filter(|_| field.is_none())
            .and_then(|s| s.field(name));
        match field {
            None if policy_field.is_some() => {
                if let Some(f) = policy_field {
                    if let Some(&(first, _)) = own.iter().find(|(_, g)| *g == f) {
                        let code = slots
                            .and_then(|s| s.fields.get(f))
                            .map_or("?", |d| d.code.as_str());
                        problems.push(format!(
                            "columns {} and {column} both give {code}",
                            first + 1
                        ));
                    } else {
                        own.push((i, f));
                    }
                }
            }
            None => {
                let name = crate::safety::quoted(name.trim());
                let name = crate::safety::Shown(&name);
                if options.ignore_unknown_columns {
                    notices.push(format!(
                        "ignoring unknown column {name:?} (column {column})"
                    ));
                } else {
                    problems.push(format!(
                        "unknown column {name:?} (column {column}), expected a profile field code or its Chinese name"
                    ));
                }
            }
            Some(f) => match per_code_mut(&mut first_column, f) {
                Some(first) => {
                    problems.push(format!(
                        "columns {first} and {column} both give {}",
                        f.code()
                    ));
                }
                slot @ None => *slot = Some(column),
            },
        }
        fields.push(field);
    }
    for required in [Field::Id, Field::Post] {
        if per_code(&first_column, required).is_none() {
            problems.push(format!("no {} column", required.code()));
        }
    }
    for (name, column) in options.group_by.iter().zip(&groups) {
        if column.is_none() {
            problems.push(format!(
                "no {:?} column to group by",
                crate::safety::Shown(name)
            ));
        }
    }
    if problems.is_empty() {
        Ok((fields, own, groups.into_iter().flatten().collect()))
    } else {
        Err(FileError::Header { problems })
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    use super::split_cells;

    /// The splitter as it was written with positions (before issue 11), kept as the reference.
    fn by_positions(record: &[u8]) -> (Vec<u8>, Vec<usize>) {
        let (mut out, mut ends) = (Vec::new(), Vec::new());
        let mut i = 0;
        loop {
            if record.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    let rest = &record[i..];
                    let Some(q) = rest.iter().position(|&b| b == b'"') else {
                        out.extend_from_slice(rest);
                        i = record.len();
                        break;
                    };
                    out.extend_from_slice(&rest[..q]);
                    i += q + 1;
                    if record.get(i) == Some(&b'"') {
                        out.push(b'"');
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            let rest = &record[i.min(record.len())..];
            let j = rest.iter().position(|&b| b == b',').unwrap_or(rest.len());
            out.extend_from_slice(&rest[..j]);
            ends.push(out.len());
            i += j;
            if i >= record.len() {
                break;
            }
            i += 1;
        }
        (out, ends)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Cells split from records of quotes, commas, line breaks and letters are those the positional
        /// splitter gave.
        #[test]
        fn cells_are_split_as_by_positions(record in proptest::collection::vec(
            proptest::sample::select(vec![b'"', b',', b'a', b'\n', b' ']), 0..24)) {
            let (mut out, mut ends) = (Vec::new(), Vec::new());
            split_cells(&record, &mut out, &mut ends);
            prop_assert_eq!((out, ends), by_positions(&record));
        }
    }
}
