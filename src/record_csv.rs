//! The DOMAIN.md §6 record as one CSV row, for spreadsheets: lists joined with `;`, sentences one per line, and
//! every cell shown as for a terminal but for its line breaks and neutralised against formula injection (the
//! rule of [`csv_cell`](crate::safety::csv_cell); the CSV writer quotes).

use crate::classify::Classification;
use crate::codes::Coded;

impl Classification<'_> {
    /// The columns of [`Classification::csv_cells`]: the §6 record's fields, with the reasons as three columns
    /// (rule ids, zh-Hans sentences, English sentences).
    pub const CSV_HEADER: [&'static str; 16] = [
        "id",
        "stream",
        "specialty",
        "tier",
        "lead",
        "managed_by",
        "also_qualifies",
        "enterprise_size",
        "above_designated_size",
        "entitlements",
        "services",
        "missing_facts",
        "reasons",
        "reasons_zh",
        "reasons_en",
        "policy",
    ];

    /// The record's cells, lists and rule ids joined with `join`, sentences one per line, nothing neutralised.
    pub(crate) fn cells(&self, join: &str) -> [String; 16] {
        fn code<T: Coded>(v: Option<T>) -> String {
            v.map_or(String::new(), |v| v.code().to_owned())
        }
        let list =
            |items: &mut dyn Iterator<Item = &'static str>| items.collect::<Vec<_>>().join(join);
        let reasons: Vec<_> = self.reasons().collect();
        [
            self.id().to_owned(),
            code(self.stream()),
            code(self.specialty()),
            code(self.tier()),
            code(self.lead()),
            list(&mut self.managed_by().iter().map(|v| v.code())),
            list(&mut self.also_qualifies().iter().map(|v| v.code())),
            code(self.enterprise_size()),
            self.above_designated_size()
                .map_or(String::new(), |b| b.to_string()),
            list(&mut self.entitlements().iter().map(|v| v.code())),
            list(&mut self.services().iter().map(|v| v.code())),
            {
                let mut names: Vec<&str> = Vec::new();
                for m in self.missing_facts().iter() {
                    names.push(m.code());
                }
                names.extend(self.missing_indicators());
                names.join(join)
            },
            reasons
                .iter()
                .map(|r| r.rule().to_string())
                .collect::<Vec<_>>()
                .join(join),
            reasons
                .iter()
                .map(|r| r.zh().to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            reasons
                .iter()
                .map(|r| r.en().to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            self.policy().name().to_owned(),
        ]
    }

    /// The record as the cells of one CSV row, in the order of [`Classification::CSV_HEADER`]: codes, lists
    /// joined with `;`, sentences one per line. A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return gets a `'` before it, so that no spreadsheet runs it as a formula (the OWASP rule); quoting for
    /// CSV is the writer's.
    ///
    /// ```
    /// use talent_matrix::{classify, Classification, Post, Profile};
    /// let p = Profile::builder("=HYPERLINK(\"http://x\")", Post::Community).build()?;
    /// let cells = classify(&p).csv_cells();
    /// assert_eq!(cells[0], "'=HYPERLINK(\"http://x\")");
    /// assert_eq!(cells[1], "social_work");
    /// assert_eq!(cells.len(), Classification::CSV_HEADER.len());
    /// # Ok::<(), talent_matrix::ProfileError>(())
    /// ```
    pub fn csv_cells(&self) -> [String; 16] {
        use std::borrow::Cow;
        // Shown as for a terminal but for line breaks, then neutralised for spreadsheets: the crate's rule for
        // CSV (`safety`).
        self.cells(";").map(|cell| {
            let shown = match crate::safety::csv_text(&cell) {
                Cow::Borrowed(_) => cell,
                Cow::Owned(shown) => shown,
            };
            match crate::safety::spreadsheet_cell(&shown) {
                Cow::Borrowed(_) => shown,
                Cow::Owned(safe) => safe,
            }
        })
    }
}
