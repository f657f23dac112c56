//! The peak memory of reading hostile workbooks at full size: every attack of the probe, made here, written to a
//! file and read from its path as an office would, the process's peak resident memory reset before each
//! (`/proc/self/clear_refs`) and read after (`VmHWM`). Ignored by default, since it wants a release build:
//! CI runs `cargo test --release --test workbook_memory -- --ignored`. The time each takes is printed, not
//! asserted (times belong in DESIGN.md, with the machine).
#![cfg(all(feature = "xlsx", feature = "json", target_os = "linux"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/xls.rs"]
mod xls;
#[path = "support/zipper.rs"]
mod zipper;

use std::time::Instant;

use talent_matrix::roster::{Roster, RosterOptions};
use zipper::{Entry, Piece, ods, ods_content, sheet_xml, xlsx};

/// The bound: no hostile workbook may cost more than this above what the process held before it.
const BOUND: u64 = 256 << 20;

fn resident(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb << 10
}

/// Reads the workbook to its end; returns (peak memory above the start, rows read, seconds, the first error).
fn measure(name: &str, bytes: &[u8]) -> (u64, u64, f64, Option<String>) {
    let dir = std::env::temp_dir().join(format!("tm-workbook-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = resident("VmRSS:");
    let start = Instant::now();
    let mut first = None;
    let mut n = 0;
    match Roster::open(&path, None, &RosterOptions::default()) {
        Ok(roster) => {
            for row in roster {
                n += 1;
                if let Err(e) = row
                    && first.is_none()
                {
                    first = Some(e.error().to_owned());
                }
            }
        }
        Err(e) => first = Some(e.to_string()),
    }
    let seconds = start.elapsed().as_secs_f64();
    let peak = resident("VmHWM:").saturating_sub(before);
    std::fs::remove_file(&path).unwrap();
    eprintln!(
        "{name}: {} bytes, peak +{:.1} MiB, {n} rows, {seconds:.2} s: {}",
        bytes.len(),
        peak as f64 / 1048576.0,
        first.as_deref().unwrap_or("no error")
    );
    (peak, n, seconds, first)
}

const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>岗位</t></is></c></row>"#;

#[test]
#[ignore = "wants a release build: cargo test --release --test workbook_memory -- --ignored"]
fn no_hostile_workbook_passes_the_memory_bound() {
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    // 4 GiB of whitespace in the sheet, from a few MB.
    let head = sheet_xml(HEADER);
    let (open, close) = head.split_at(head.find("</sheetData>").unwrap());
    cases.push((
        "whitespace-4gib.xlsx",
        xlsx(
            Entry::bomb(
                "",
                &[
                    Piece::Bytes(open.as_bytes()),
                    Piece::Bytes(b" "),
                    Piece::Repeat {
                        period: 1,
                        len: (4 << 30) - 1024,
                    },
                    Piece::Bytes(close.as_bytes()),
                ],
            ),
            None,
            &[],
        ),
    ));
    // 1,000,000 unused shared strings of 1 KB, and one used; and 5,000,000 short ones.
    let unused = format!("<si><t>{}</t></si>", "a".repeat(1024));
    let used = sheet_xml(&format!(
        r#"{HEADER}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>其他</t></is></c></row>"#
    ));
    let strings = |one: &str, n: u64| {
        let pieces = [
            Piece::Bytes(br#"<sst uniqueCount="18446744073709551615"><si><t>P-1</t></si>"#),
            Piece::Bytes(one.as_bytes()),
            Piece::Repeat {
                period: one.len(),
                len: one.len() as u64 * (n - 1),
            },
            Piece::Bytes(b"</sst>"),
        ];
        Entry::deflated("", &pieces)
    };
    cases.push((
        "unused-strings-1m.xlsx",
        xlsx(
            Entry::stored("", used.as_bytes()),
            Some(strings(&unused, 1_000_000)),
            &[],
        ),
    ));
    cases.push((
        "short-strings-5m.xlsx",
        xlsx(
            Entry::stored("", used.as_bytes()),
            Some(strings("<si><t>a</t></si>", 5_000_000)),
            &[],
        ),
    ));
    // One cell at ZZZZZZ3.
    cases.push((
        "far-cell.xlsx",
        xlsx(
            Entry::stored(
                "",
                sheet_xml(&format!(
                    r#"{HEADER}<row r="3"><c r="ZZZZZZ3" t="inlineStr"><is><t>x</t></is></c></row>"#
                ))
                .as_bytes(),
            ),
            None,
            &[],
        ),
    ));
    // 100 MB in one cell.
    let head = sheet_xml(&format!(
        r#"{HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>"#
    ));
    let (open, _) = head.split_at(head.find("</sheetData>").unwrap());
    cases.push((
        "cell-100mb.xlsx",
        xlsx(
            Entry::bomb(
                "",
                &[
                    Piece::Bytes(open.as_bytes()),
                    Piece::Bytes(b"y"),
                    Piece::Repeat {
                        period: 1,
                        len: 100 << 20,
                    },
                    Piece::Bytes(b"</t></is></c></row></sheetData></worksheet>"),
                ],
            ),
            None,
            &[],
        ),
    ));
    // .ods: rows and columns repeated (the 863-byte file), and one person repeated 1,048,575 times.
    let ods_header = r#"<table:table-row><table:table-cell><text:p>编号</text:p></table:table-cell><table:table-cell><text:p>岗位</text:p></table:table-cell></table:table-row>"#;
    cases.push((
        "repeated-rows-and-columns.ods",
        ods(Entry::stored(
            "",
            ods_content(
                "",
                "",
                &format!(r#"{ods_header}<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>"#),
            )
            .as_bytes(),
        )),
    ));
    cases.push((
        "one-row-a-million-times.ods",
        ods(Entry::stored(
            "",
            ods_content(
                "",
                "",
                &format!(r#"{ods_header}<table:table-row table:number-rows-repeated="1048575"><table:table-cell><text:p>P-1</text:p></table:table-cell><table:table-cell><text:p>其他</text:p></table:table-cell></table:table-row>"#),
            )
            .as_bytes(),
        )),
    ));
    // .xls: a cell at column 65,535, and one at IV65536 beside A1.
    for (name, row, col) in [
        ("far-column.xls", 3u16, 65_535u16),
        ("iv65536.xls", 65_535, 255),
    ] {
        let sheet = xls::Sheet {
            name: "名单",
            hidden: false,
            cells: vec![
                (0, 0, xls::Cell::Text("编号")),
                (row, col, xls::Cell::Text("x")),
            ],
            dimensions: None,
        };
        cases.push((name, xls::xls(&[sheet])));
    }
    let mut over = Vec::new();
    for (name, bytes) in &cases {
        let (peak, _, _, _) = measure(name, bytes);
        if peak > BOUND {
            over.push(format!("{name}: {peak} bytes"));
        }
    }
    assert!(over.is_empty(), "over the bound of {BOUND} bytes: {over:?}");
}
