//! Hostile rosters (issue 10): long records, stray quotes, mixed encodings, carriage returns, files that are
//! not rosters. Every row ends up classified or reported, at its own line, and a bad row costs only itself.
#![cfg(feature = "roster")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use talent_matrix::roster::{Encoding, FileError, Format, Roster, RosterOptions};

/// (line, id) of each accepted row and (line, error) of each rejected one, and the rows read.
type Read = (Vec<(u64, String)>, Vec<(u64, String)>, u64);

fn read(bytes: &[u8], format: Format, options: &RosterOptions) -> Read {
    let mut roster = Roster::from_reader(bytes, format, options).unwrap();
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for row in roster.by_ref() {
        match row {
            Ok(r) => ok.push((r.line(), r.profile().id().to_owned())),
            Err(e) => bad.push((e.line(), e.error().to_owned())),
        }
    }
    let read = roster.summary().read();
    assert_eq!(read, (ok.len() + bad.len()) as u64);
    (ok, bad, read)
}

#[test]
fn a_line_past_the_record_limit_costs_only_itself() {
    // The probe's 200 MB `[0,0,…]` line aborted the process; 8 MB here, with the next rows read.
    let mut text = "[0".to_owned();
    text.push_str(&",0".repeat(4 << 20));
    text.push_str("]\n{\"id\":\"A\",\"post\":\"other\"}\n");
    let long_id = "x".repeat(3 << 20);
    text.push_str(&format!("{{\"id\":\"{long_id}\",\"post\":\"other\"}}\n"));
    text.push_str("{\"id\":\"B\",\"post\":\"other\"}");
    let (ok, bad, total) = read(
        text.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    );
    assert_eq!(ok, [(2, "A".to_owned()), (4, "B".to_owned())]);
    assert_eq!(total, 4);
    assert_eq!(bad[0].0, 1);
    assert!(
        bad[0]
            .1
            .starts_with("the record is longer than the limit of 1048576 bytes (8388612 bytes"),
        "{}",
        bad[0].1
    );
    assert_eq!(bad[1].0, 3);
    // The same in CSV, and a raised limit reads the long id's row (then refused for its length).
    let csv = format!("id,post\n{long_id},other\nB,other\n");
    let (ok, bad, _) = read(csv.as_bytes(), Format::Csv, &RosterOptions::default());
    assert_eq!(ok, [(3, "B".to_owned())]);
    assert_eq!(bad.len(), 1);
    let options = RosterOptions::default().max_record_bytes(4 << 20);
    let (_, bad, _) = read(csv.as_bytes(), Format::Csv, &options);
    assert!(
        bad[0]
            .1
            .starts_with("id must be a string of 1 to 64 characters, got \"xxx")
    );
    assert!(bad[0].1.len() < 400, "{}", bad[0].1.len());
}

#[test]
fn a_stray_quote_costs_only_the_row_it_opens() {
    let mut csv = String::from("id,post,name\n");
    for i in 0..10_000 {
        if i == 3 {
            csv.push_str("P-3,other,\"王芳\n");
        } else {
            csv.push_str(&format!("P-{i},other,x\n"));
        }
    }
    let (ok, bad, total) = read(csv.as_bytes(), Format::Csv, &RosterOptions::default());
    assert_eq!(total, 10_000);
    assert_eq!(ok.len(), 9_999);
    assert_eq!(
        bad,
        [(
            5,
            "unclosed quote: the quoted cell opened on line 5 does not close before the end of the input or \
             the record limit of 1048576 bytes; reading resumes on line 6"
                .to_owned()
        )]
    );
    assert_eq!(ok[3], (6, "P-4".to_owned()));
    // With a smaller limit the quote gives up sooner, with the same result.
    let options = RosterOptions::default().max_record_bytes(1_000);
    let (ok2, bad2, _) = read(csv.as_bytes(), Format::Csv, &options);
    assert_eq!(ok2, ok);
    assert_eq!(bad2.len(), 1);
}

#[test]
fn lone_carriage_returns_end_lines_in_both_formats() {
    let jsonl = (1..=5)
        .map(|i| format!("{{\"id\":\"P-{i}\",\"post\":\"other\"}}"))
        .collect::<Vec<_>>()
        .join("\r");
    let (ok, bad, _) = read(
        jsonl.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    );
    assert!(bad.is_empty(), "{bad:?}");
    let lines: Vec<u64> = ok.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5]);
    let csv = "id,post\rA,other\rB,boss\r\rC,other,extra\r";
    let (ok, bad, _) = read(csv.as_bytes(), Format::Csv, &RosterOptions::default());
    assert_eq!(ok, [(2, "A".to_owned())]);
    let lines: Vec<u64> = bad.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 5]);
}

#[test]
fn many_blank_lines_keep_the_count_right() {
    let mut text = "id,post\n".to_owned();
    text.push_str(&"\n".repeat(1_000_000));
    text.push_str("A,other\n\"B\n\n\n\",other\r\n\r\nC,other\n");
    let (ok, bad, _) = read(text.as_bytes(), Format::Csv, &RosterOptions::default());
    assert_eq!(
        ok,
        [
            (1_000_002, "A".to_owned()),
            (1_000_003, "B".to_owned()),
            (1_000_008, "C".to_owned())
        ]
    );
    assert!(bad.is_empty());
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[test]
fn an_invalid_gb18030_sequence_is_a_row_error_at_its_line() {
    let mut bytes = gb18030("编号,姓名,岗位\nP-1,王芳,企业\n");
    // 0x81 0x20 is no GB18030 sequence; the probe saw "\u{fffd}0G7" classified.
    bytes.extend_from_slice(b"\x810G7,x,other\nP-3,");
    bytes.extend_from_slice(&gb18030("李明,其他\n"));
    let mut roster =
        Roster::from_reader(&bytes[..], Format::Csv, &RosterOptions::default()).unwrap();
    assert_eq!(
        roster.notices(),
        ["the roster is not valid UTF-8: reading it as GB18030"]
    );
    let rows: Vec<_> = roster.by_ref().collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].as_ref().unwrap().profile().name(), Some("王芳"));
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(e.line(), 3);
    assert_eq!(
        e.error(),
        "the row is not valid GB18030 (at byte 1 of the row); name the encoding"
    );
    assert_eq!(rows[2].as_ref().unwrap().profile().name(), Some("李明"));
    // Named UTF-8, the header itself is refused with the encoding named.
    let err = Roster::from_reader(
        &bytes[..],
        Format::Csv,
        &RosterOptions::default().encoding(Encoding::Utf8),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad header: the header row is not valid UTF-8 (at byte 1); name the encoding"
    );
}

#[test]
fn utf16_and_nul_bytes_are_refused_with_a_hint() {
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("id,post\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    for format in [Format::Csv, Format::JsonLines] {
        let err = Roster::from_reader(&utf16[..], format, &RosterOptions::default()).unwrap_err();
        assert!(matches!(err, FileError::NotText { .. }));
        assert_eq!(
            err.to_string(),
            "the roster is not text a roster may be: it is UTF-16 (it starts with a UTF-16 byte-order mark): \
             save it as UTF-8 or GB18030"
        );
        let no_bom = &utf16[2..];
        let err = Roster::from_reader(no_bom, format, &RosterOptions::default()).unwrap_err();
        assert!(err.to_string().contains("NUL byte (at byte 2)"), "{err}");
    }
}

#[test]
fn a_directory_or_a_device_is_no_roster_in_either_format() {
    let dir = env!("CARGO_MANIFEST_DIR");
    for format in [Format::Csv, Format::JsonLines] {
        let err = Roster::open(dir, Some(format), &RosterOptions::default()).unwrap_err();
        assert!(
            matches!(
                err,
                FileError::NotAFile {
                    what: "a directory",
                    ..
                }
            ),
            "{err}"
        );
        #[cfg(unix)]
        {
            // The probe's /dev/zero never ended as CSV with the automatic encoding (read twice, whole).
            let err =
                Roster::open("/dev/zero", Some(format), &RosterOptions::default()).unwrap_err();
            assert!(
                matches!(
                    err,
                    FileError::NotAFile {
                        what: "a device",
                        ..
                    }
                ),
                "{err}"
            );
            // And as a reader, its NUL bytes end it at once.
            let zero = std::fs::File::open("/dev/zero").unwrap();
            let err = Roster::from_reader(zero, format, &RosterOptions::default()).unwrap_err();
            assert!(matches!(err, FileError::NotText { .. }), "{err}");
        }
    }
}

#[test]
fn an_id_behind_a_byte_order_mark_in_the_middle_of_a_file_is_refused() {
    // The probe's CSV: `\u{feff}P-1` was a second person beside `P-1` (U+FEFF is no whitespace to trim).
    let csv = "id,post\nP-1,other\n\u{feff}P-1,other\n";
    let (ok, bad, _) = read(csv.as_bytes(), Format::Csv, &RosterOptions::default());
    assert_eq!(ok, [(2, "P-1".to_owned())]);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].0, 3);
    assert!(
        bad[0]
            .1
            .starts_with("id must not contain control or format characters"),
        "{}",
        bad[0].1
    );
    // In JSON Lines the mark stands before the record, which is then no JSON.
    let text = "{\"id\":\"A\",\"post\":\"other\"}\n\u{feff}{\"id\":\"B\",\"post\":\"other\"}\n";
    let (ok, bad, _) = read(
        text.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    );
    assert_eq!(ok, [(1, "A".to_owned())]);
    assert_eq!(bad[0].0, 2);
}

/// What classifying a roster writes, given back as a roster (as `--since` once was), is refused as one file
/// error saying what it is, not 10,000 row errors.
#[test]
fn classified_records_given_as_a_roster_are_refused_as_such() {
    use talent_matrix::roster::{FileError, Format, Roster, RosterOptions};
    let p = talent_matrix::Profile::builder("A", talent_matrix::Post::Other)
        .build()
        .unwrap();
    let record = talent_matrix::classify(&p).to_json();
    let jsonl = format!("{record}\n{record}\n");
    let err = Roster::from_reader(
        jsonl.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, FileError::Records { .. }));
    assert_eq!(
        err.to_string(),
        "the file holds classified records (its first line has stream, tier and reasons), not a roster of profiles: give the roster the records were made from"
    );
    let csv = format!(
        "{}\nA,,,,,,,,,,,,,,,\n",
        talent_matrix::Classification::CSV_HEADER.join(",")
    );
    let err =
        Roster::from_reader(csv.as_bytes(), Format::Csv, &RosterOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file holds classified records (its columns name stream, tier and reasons), not a roster of profiles: give the roster the records were made from"
    );
}
