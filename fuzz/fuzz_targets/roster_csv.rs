//! Any bytes as a CSV roster (and as JSON Lines): every row read is accepted or rejected, lines go forward, and
//! every record written directly is the record serde writes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talent_matrix::roster::{Format, Roster, RosterOptions};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Csv, Format::JsonLines] {
        let Ok(mut roster) = Roster::from_reader(data, format, &RosterOptions::default()) else {
            continue;
        };
        let mut last = 0;
        let mut n = 0u64;
        for item in roster.by_ref() {
            n += 1;
            let line = match item {
                Ok(row) => {
                    let c = talent_matrix::classify(row.profile());
                    assert_eq!(c.to_json(), serde_json::to_string(&c).unwrap());
                    row.line()
                }
                Err(e) => e.line(),
            };
            assert!(line >= last.max(1));
            last = line;
        }
        let s = roster.summary();
        assert_eq!((s.read(), s.read()), (n, s.accepted() + s.rejected()));
    }
});
