//! Any bytes as a CSV roster (and as JSON Lines): every row read is accepted or rejected, lines go forward, every
//! record written directly is the record serde writes, no CSV cell of a record starts with a formula character,
//! error objects and the rendered matrix hold no character that acts on a terminal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{Lang, Matrix};

fn acts_on_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

fuzz_target!(|data: &[u8]| {
    // A small record limit too, so that long records and stray quotes meet it.
    for options in [RosterOptions::default(), RosterOptions::default().max_record_bytes(64)] {
        for format in [Format::Csv, Format::JsonLines] {
            let Ok(mut roster) = Roster::from_reader(data, format, &options) else {
                continue;
            };
            let mut last = 0;
            let mut n = 0u64;
            let mut matrix = Matrix::new();
            for item in roster.by_ref() {
                n += 1;
                let line = match item {
                    Ok(row) => {
                        let c = talent_matrix::classify(row.profile());
                        assert_eq!(c.to_json(), talent_matrix::safety::to_json(&c).unwrap());
                        for cell in c.csv_cells() {
                            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
                        }
                        matrix.add(&c);
                        row.line()
                    }
                    Err(e) => {
                        let json = e.to_json();
                        assert!(!acts_on_a_terminal(&json), "{json:?}");
                        // A value is quoted at most 200 characters long, in `value` and in the message,
                        // each character at most six when escaped: bounded, whatever the input.
                        assert!(json.chars().count() < 4_000, "{}", json.len());
                        e.line()
                    }
                };
                assert!(line >= last.max(1));
                last = line;
            }
            let s = roster.summary();
            assert_eq!((s.read(), s.read()), (n, s.accepted() + s.rejected()));
            assert!(!acts_on_a_terminal(&matrix.to_table(Lang::En)));
        }
    }
});
