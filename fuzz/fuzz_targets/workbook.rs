//! Any bytes as a workbook: as the file itself, and as one part of a workbook otherwise well made (the sheet
//! of a `.xlsx`, its shared strings, the content of an `.ods`, the workbook stream of an `.xls`), so that the
//! mutations reach the XML and the records. Every row read is accepted or rejected, rows go forward, error
//! objects are bounded and hold nothing that acts on a terminal; run with `-malloc_limit_mb=256`, so that no
//! allocation passes the bound the readers keep.
#![no_main]

#[path = "../../tests/support/zipper.rs"]
mod zipper;

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use talent_matrix::roster::{Format, Roster, RosterOptions};
use zipper::{Entry, ods, ods_content, sheet_xml, xlsx};

fn acts_on_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>岗位</t></is></c></row>"#;

fn xls(stream: &[u8]) -> Vec<u8> {
    let Ok(mut file) = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())) else {
        return Vec::new();
    };
    if let Ok(mut s) = file.create_stream("/Workbook") {
        let _ = s.write_all(stream);
    }
    let _ = file.flush();
    file.into_inner().into_inner()
}

/// libFuzzer's panic hook aborts at any panic; the crate catches calamine's (an .xls it cannot read is a file
/// error), so a panic inside calamine is let unwind to that catch, and every other still aborts.
fn hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.location().is_some_and(|l| l.file().contains("/calamine-")) {
                return;
            }
            fuzzer(info);
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    hook();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let bytes = match mode % 5 {
        0 => rest.to_vec(),
        1 => xlsx(Entry::stored("", rest), None, &[]),
        2 => xlsx(
            Entry::stored(
                "",
                sheet_xml(&format!(
                    r#"{HEADER}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t>其他</t></is></c></row>"#
                ))
                .as_bytes(),
            ),
            Some(Entry::stored("", rest)),
            &[("隐藏", "hidden")],
        ),
        3 => ods(Entry::stored("", ods_content("", "", &text).as_bytes())),
        _ => xls(rest),
    };
    for options in [RosterOptions::default(), RosterOptions::default().max_record_bytes(64)] {
        let Ok(mut roster) = Roster::from_reader(&bytes[..], Format::Workbook, &options) else {
            continue;
        };
        let mut last = 0;
        let mut n = 0u64;
        for item in roster.by_ref() {
            n += 1;
            let line = match item {
                Ok(row) => {
                    let c = talent_matrix::classify(row.profile());
                    assert!(!acts_on_a_terminal(row.profile().id()));
                    let _ = c.to_json();
                    row.line()
                }
                Err(e) => {
                    let json = e.to_json();
                    assert!(!acts_on_a_terminal(&json), "{json:?}");
                    assert!(json.chars().count() < 4_000, "{}", json.len());
                    e.line()
                }
            };
            assert!(line >= last.max(1), "{line} after {last}");
            last = line;
        }
        let s = roster.summary();
        assert_eq!((s.read(), s.read()), (n, s.accepted() + s.rejected()));
    }
});
