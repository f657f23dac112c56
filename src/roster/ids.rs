//! The index of the ids a roster has read, with the line of each one's first use: the one part of a roster
//! reader that grows with the roster.

use std::collections::HashMap;

/// The ids seen so far, with the line of their first use: the one part of a roster reader that grows with
/// the roster.
///
/// Every id is appended to one string arena and the hash table holds only entry numbers, so an id costs its
/// bytes plus about 9 (its start in the arena, a table slot of a `u32` and a control byte) rather than a
/// separate allocation and a 24-byte slot. Lines are not stored per id: entry `i` was read on the line of the
/// last entry whose line broke the count, plus the entries since (a roster with no blank or rejected lines
/// keeps one such mark). Ids past 4 GiB of arena or `u32::MAX` entries go to a plain map.
#[derive(Default)]
pub(super) struct IdIndex {
    hasher: hashbrown::DefaultHashBuilder,
    table: hashbrown::HashTable<u32>,
    text: String,
    /// Per entry: where its id starts in `text` (it ends where the next starts).
    starts: Vec<u32>,
    /// The entries whose line is not the previous entry's plus one: (entry, line), in entry order.
    marks: Vec<(u32, u64)>,
    overflow: HashMap<Box<str>, u64>,
}

impl IdIndex {
    /// The id of entry `i`: from its start to the next entry's (or the end). `None` for an entry that is not
    /// there, which never equals an id looked up, so a broken index could miss a repeat but never invent one.
    fn id_at<'t>(text: &'t str, starts: &[u32], i: u32) -> Option<&'t str> {
        let i = i as usize;
        let start = *starts.get(i)? as usize;
        let end = starts.get(i + 1).map_or(text.len(), |&s| s as usize);
        text.get(start..end)
    }

    /// The line of entry `i`: its mark's line plus the entries since the mark.
    fn line_of(&self, i: u32) -> Option<u64> {
        let k = self.marks.partition_point(|&(entry, _)| entry <= i);
        let &(entry, line) = self.marks.get(k.checked_sub(1)?)?;
        Some(line + u64::from(i - entry))
    }

    pub(super) fn first_line(&self, id: &str) -> Option<u64> {
        let hash = std::hash::BuildHasher::hash_one(&self.hasher, id);
        let (text, starts) = (&self.text, &self.starts);
        let found = self
            .table
            .find(hash, |&i| Self::id_at(text, starts, i) == Some(id));
        match found {
            Some(&i) => self.line_of(i),
            None => self.overflow.get(id).copied(),
        }
    }

    pub(super) fn insert(&mut self, id: &str, line: u64) {
        let compact = (
            u32::try_from(self.text.len()),
            u32::try_from(self.starts.len()),
        );
        let (Ok(start), Ok(index)) = compact else {
            self.overflow.insert(id.into(), line);
            return;
        };
        if index.checked_sub(1).and_then(|prev| self.line_of(prev)) != line.checked_sub(1) {
            self.marks.push((index, line));
        }
        self.text.push_str(id);
        self.starts.push(start);
        let Self {
            hasher,
            table,
            text,
            starts,
            ..
        } = self;
        let hash = std::hash::BuildHasher::hash_one(&*hasher, id);
        table.insert_unique(hash, index, |&i| {
            // Every entry in the table has its id (entries are added with it); one without would be found by nothing.
            Self::id_at(text, starts, i)
                .map_or(0, |id| std::hash::BuildHasher::hash_one(&*hasher, id))
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    use super::IdIndex;

    proptest! {
        /// Every id inserted is found with its own line, whatever the gaps between lines; ids never inserted
        /// are not found.
        #[test]
        fn the_id_index_gives_back_every_first_line(gaps in proptest::collection::vec(1u64..4, 0..300)) {
            let mut index = IdIndex::default();
            let mut line = 1;
            let mut expected = Vec::new();
            for (i, gap) in gaps.iter().enumerate() {
                line += gap;
                let id = format!("P-{i}");
                prop_assert_eq!(index.first_line(&id), None);
                index.insert(&id, line);
                expected.push((id, line));
            }
            for (id, line) in &expected {
                prop_assert_eq!(index.first_line(id), Some(*line));
            }
            prop_assert_eq!(index.first_line("Q"), None);
            // One mark per break in the count of lines.
            let breaks = 1 + gaps.iter().skip(1).filter(|&&g| g != 1).count();
            prop_assert_eq!(index.marks.len(), breaks.min(gaps.len()));
        }
    }
}
