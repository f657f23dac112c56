//! The index of the ids a roster has read, with the line of each one's first use: the one part of a roster
//! reader that grows with the roster.

use std::collections::HashMap;

/// The ids seen so far, with the line of their first use: the one part of a roster reader that grows with
/// the roster.
///
/// Ids are kept front-coded in one byte arena, in groups of [`GROUP`]: each entry is the length of the prefix
/// it shares with the entry before it in its group, the length of the rest, and the rest. Roster ids mostly
/// share long prefixes with the one before (`G7-0000001`, `G7-0000002`), so an entry is a few bytes; with
/// the start of each group (a quarter of a byte an entry), its 32-bit hash (so that growing the table decodes
/// nothing) and a hash-table slot of a `u32` and a control byte, a sequential id costs about 14 bytes rather
/// than its length plus a separate allocation. Reading entry `i`
/// back decodes its group up to it (at most 16 entries). Lines are not stored per id: entry `i` was read on
/// the line of the last entry whose line broke the count, plus the entries since (a roster with no blank or
/// rejected lines keeps one such mark). Ids longer than 255 bytes, past 4 GiB of arena or past `u32::MAX`
/// entries go to a plain map.
#[derive(Default)]
pub(super) struct IdIndex {
    hasher: hashbrown::DefaultHashBuilder,
    table: hashbrown::HashTable<u32>,
    /// The entries, front-coded: (shared prefix length, rest length, rest), one byte each for the lengths.
    text: Vec<u8>,
    /// Per group of [`GROUP`] entries: where the first one starts in `text`.
    groups: Vec<u32>,
    /// How many entries there are.
    entries: u32,
    /// Per entry: its id's hash, kept so that growing the table does not decode every id again.
    hashes: Vec<u32>,
    /// The last entry's id (the prefix the next entry in its group shares).
    last: Vec<u8>,
    /// The entries whose line is not the previous entry's plus one: (entry, line), in entry order.
    marks: Vec<(u32, u64)>,
    overflow: HashMap<Box<str>, u64>,
}

/// Entries per group: decoding an entry starts at its group's first.
const GROUP: usize = 16;

/// The longest id the arena keeps (its lengths are bytes).
const LONGEST: usize = u8::MAX as usize;

impl IdIndex {
    /// The id of entry `i`, decoded into `buf`. `None` for an entry that is not there, which never equals an
    /// id looked up, so a broken index could miss a repeat but never invent one.
    fn id_at<'b>(
        text: &[u8],
        groups: &[u32],
        i: u32,
        buf: &'b mut [u8; LONGEST],
    ) -> Option<&'b [u8]> {
        let i = i as usize;
        let mut at = *groups.get(i / GROUP)? as usize;
        let mut len = 0;
        for _ in 0..=i % GROUP {
            let (&shared, &rest) = (text.get(at)?, text.get(at + 1)?);
            let (shared, rest) = (usize::from(shared), usize::from(rest));
            let bytes = text.get(at + 2..at + 2 + rest)?;
            buf.get_mut(shared..shared + rest)?.copy_from_slice(bytes);
            len = shared + rest;
            at += 2 + rest;
        }
        buf.get(..len)
    }

    /// The line of entry `i`: its mark's line plus the entries since the mark.
    fn line_of(&self, i: u32) -> Option<u64> {
        let k = self.marks.partition_point(|&(entry, _)| entry <= i);
        let &(entry, line) = self.marks.get(k.checked_sub(1)?)?;
        Some(line + u64::from(i - entry))
    }

    /// The table's hash of an id: 32 bits of the hasher's (what each entry keeps), spread over 64 again so that
    /// the table's bucket and tag bits both vary.
    fn hash(hasher: &hashbrown::DefaultHashBuilder, id: &[u8]) -> (u32, u64) {
        // The low 32 bits of the hash: the truncation is the point.
        let kept = std::hash::BuildHasher::hash_one(hasher, id) as u32;
        (kept, Self::spread(kept))
    }

    /// A kept 32-bit hash spread over 64 bits (Fibonacci hashing).
    fn spread(kept: u32) -> u64 {
        u64::from(kept).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    pub(super) fn first_line(&self, id: &str) -> Option<u64> {
        let bytes = id.as_bytes();
        let (_, hash) = Self::hash(&self.hasher, bytes);
        let (text, groups) = (&self.text, &self.groups);
        let mut buf = [0u8; LONGEST];
        let found = self.table.find(hash, |&i| {
            Self::id_at(text, groups, i, &mut buf) == Some(bytes)
        });
        match found {
            Some(&i) => self.line_of(i),
            None if self.overflow.is_empty() => None,
            None => self.overflow.get(id).copied(),
        }
    }

    pub(super) fn insert(&mut self, id: &str, line: u64) {
        let index = self.entries;
        let compact = (
            u32::try_from(self.text.len()),
            index.checked_add(1),
            u8::try_from(id.len()),
        );
        let (Ok(start), Some(next), Ok(_)) = compact else {
            self.overflow.insert(id.into(), line);
            return;
        };
        if index.checked_sub(1).and_then(|prev| self.line_of(prev)) != line.checked_sub(1) {
            self.marks.push((index, line));
        }
        let bytes = id.as_bytes();
        let first_of_group = (index as usize).is_multiple_of(GROUP);
        if first_of_group {
            self.groups.push(start);
            self.last.clear();
        }
        let shared = self
            .last
            .iter()
            .zip(bytes)
            .take_while(|(a, b)| a == b)
            .count();
        // `shared` counts bytes the id has, so it splits the id.
        let (_, rest) = bytes.split_at(shared);
        // Both lengths are at most the id's, which fits a byte (checked above).
        let (shared_len, rest_len) = (shared as u8, rest.len() as u8);
        self.text.extend_from_slice(&[shared_len, rest_len]);
        self.text.extend_from_slice(rest);
        self.last.clear();
        self.last.extend_from_slice(bytes);
        self.entries = next;
        let (kept, hash) = Self::hash(&self.hasher, bytes);
        self.hashes.push(kept);
        let hashes = &self.hashes;
        self.table.insert_unique(hash, index, |&i| {
            // Every entry in the table has its hash (entries are added with it); one without would be found by
            // nothing.
            hashes.get(i as usize).map_or(0, |&kept| Self::spread(kept))
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    use super::IdIndex;

    proptest! {
        /// Random ids (short, sharing prefixes or not, some repeated, some too long for the arena) are found
        /// exactly as a plain map finds them, with the line of their first use.
        #[test]
        fn the_id_index_finds_what_a_map_finds(ids in proptest::collection::vec(
            prop_oneof![
                "[ab]{0,3}",
                "G7-00[0-9]{2}",
                "[a-z0-9\u{4e00}-\u{4e10}]{1,12}",
                "x{250,260}",
            ],
            0..200,
        )) {
            let mut index = IdIndex::default();
            let mut map = std::collections::HashMap::new();
            for (line, id) in (1u64..).zip(&ids) {
                prop_assert_eq!(index.first_line(id), map.get(id.as_str()).copied(), "{}", id);
                if !map.contains_key(id.as_str()) {
                    index.insert(id, line);
                    map.insert(id.as_str(), line);
                }
            }
            for (id, line) in &map {
                prop_assert_eq!(index.first_line(id), Some(*line));
            }
        }

        /// Every id inserted is found with its own line, whatever the gaps between lines; ids never inserted
        /// are not found.
        #[test]
        fn the_id_index_gives_back_every_first_line(gaps in proptest::collection::vec(1u64..4, 0..300)) {
            let mut index = IdIndex::default();
            let mut line = 1;
            let mut expected = Vec::new();
            for (i, gap) in gaps.iter().enumerate() {
                line += gap;
                // Now and then an id too long for the arena (it goes to the plain map).
                let id = if i % 50 == 7 { format!("P-{i}-{}", "x".repeat(300)) } else { format!("P-{i}") };
                prop_assert_eq!(index.first_line(&id), None);
                index.insert(&id, line);
                expected.push((id, line));
            }
            for (id, line) in &expected {
                prop_assert_eq!(index.first_line(id), Some(*line));
            }
            prop_assert_eq!(index.first_line("Q"), None);
            // One mark per break in the count of lines of the ids kept in the arena.
            let arena: Vec<u64> = expected.iter().filter(|(id, _)| id.len() <= 255).map(|(_, l)| *l).collect();
            let breaks = (0..arena.len()).filter(|&k| k == 0 || arena[k - 1] + 1 != arena[k]).count();
            prop_assert_eq!(index.marks.len(), breaks);
        }
    }
}
