//! Hostile profiles and rosters (issue 10): characters refused in ids and names, look-alike ids, errors that
//! quote little and never twice, and messages that say what is wrong.
#![cfg(feature = "roster")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use talent_matrix::roster::{Format, Roster, RosterOptions, RowError};
use talent_matrix::{Post, Profile, ProfileError};

fn rows(text: &str, format: Format) -> Vec<Result<(u64, String), RowError>> {
    Roster::from_reader(text.as_bytes(), format, &RosterOptions::default())
        .unwrap()
        .map(|r| r.map(|row| (row.line(), row.profile().id().to_owned())))
        .collect()
}

const HOSTILE: [char; 7] = [
    '\u{1b}', '\u{7}', '\u{0}', '\r', '\u{202e}', '\u{9b}', '\u{7f}',
];

#[test]
fn ids_with_control_or_format_characters_are_refused_in_every_reader() {
    for c in HOSTILE
        .into_iter()
        .chain(['\u{200b}', '\u{feff}', '\u{2066}'])
    {
        let id = format!("P{c}1");
        let err = Profile::builder(id.clone(), Post::Other)
            .build()
            .unwrap_err();
        assert!(
            matches!(err, ProfileError::Character { .. }),
            "{c:?}: {err}"
        );
        assert_eq!(err.field(), Some("id"));
        // JSON, written with the character raw where JSON allows it and escaped otherwise.
        let json = format!(
            r#"{{"id":{},"post":"other"}}"#,
            serde_json::to_string(&id).unwrap()
        );
        let err = Profile::from_json(&json).unwrap_err();
        assert!(
            matches!(err, ProfileError::Character { .. }),
            "{c:?}: {err}"
        );
        let raw = format!("{{\"id\":\"P{c}1\",\"post\":\"other\"}}");
        if c >= ' ' {
            let err = Profile::from_json(&raw).unwrap_err();
            assert!(
                matches!(err, ProfileError::Character { .. }),
                "{c:?}: {err}"
            );
        }
        // CSV, the character inside a quoted cell (a NUL byte makes the file no text at all).
        let csv = format!("id,post\n\"P{c}1\",other\n");
        if c == '\u{0}' {
            let err = Roster::from_reader(csv.as_bytes(), Format::Csv, &RosterOptions::default())
                .unwrap_err();
            assert!(err.to_string().contains("NUL byte (at byte 11)"), "{err}");
            continue;
        }
        let got = rows(&csv, Format::Csv);
        assert_eq!(got.len(), 1, "{c:?}");
        let e = got[0].as_ref().unwrap_err();
        assert_eq!((e.line(), e.field()), (2, Some("id")), "{c:?}: {e}");
    }
}

#[test]
fn names_with_control_or_bidi_characters_are_refused_and_others_kept() {
    for c in HOSTILE.into_iter().chain(['\u{2067}', '\u{200f}']) {
        let err = Profile::builder("P-1", Post::Other)
            .name(format!("王{c}芳"))
            .build()
            .unwrap_err();
        assert_eq!(err.field(), Some("name"), "{c:?}");
        let json = format!(
            r#"{{"id":"P-1","name":{},"post":"other"}}"#,
            serde_json::to_string(&format!("王{c}芳")).unwrap()
        );
        assert_eq!(Profile::from_json(&json).unwrap_err().field(), Some("name"));
        if c == '\u{0}' {
            continue;
        }
        let csv = format!("id,post,name\nP-1,other,\"王{c}芳\"\n");
        let got = rows(&csv, Format::Csv);
        assert_eq!(got[0].as_ref().unwrap_err().field(), Some("name"), "{c:?}");
    }
    // A zero-width joiner is part of some names' spelling: kept.
    let p = Profile::builder("P-1", Post::Other)
        .name("王\u{200d}芳")
        .build()
        .unwrap();
    assert_eq!(p.name(), Some("王\u{200d}芳"));
}

#[test]
fn the_message_names_the_character_and_where_it_is() {
    let err = Profile::from_json(r#"{"id":"P-1","post":"other","name":"王\u001b]0;x\u0007"}"#)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"name must not contain control or bidirectional control characters, got "王\u001b]0;x\u0007" (U+001B at character 2)"#
    );
    let err = Profile::from_json(r#"{"id":"P-1\u202e","post":"other"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"id must not contain control or format characters, got "P-1\u202e" (U+202E at character 4)"#
    );
}

#[test]
fn look_alike_ids_are_duplicates() {
    let lines = [
        r#"{"id":"P-1","post":"other"}"#,
        r#"{"id":"Ｐ-1","post":"other"}"#,
        r#"{"id":"P‐1","post":"other"}"#,
        r#"{"id":"P－1","post":"other"}"#,
        "{\"id\":\"P-1\u{200b}\",\"post\":\"other\"}",
        "\u{feff}{\"id\":\"P-2\",\"post\":\"other\"}",
        r#"{"id":"P-3","post":"other"}"#,
    ]
    .join("\n");
    let got = rows(&lines, Format::JsonLines);
    assert_eq!(got[0].as_ref().unwrap(), &(1, "P-1".to_owned()));
    for (i, expected) in [
        "duplicate id Ｐ-1, first used on line 1 (as P-1, after Unicode normalisation)",
        "duplicate id P‐1, first used on line 1 (as P-1, after Unicode normalisation)",
        "duplicate id P－1, first used on line 1 (as P-1, after Unicode normalisation)",
    ]
    .into_iter()
    .enumerate()
    {
        assert_eq!(got[i + 1].as_ref().unwrap_err().error(), expected);
    }
    // A zero-width space is refused outright, and so is a byte-order mark in the middle of a file.
    assert_eq!(got[4].as_ref().unwrap_err().field(), Some("id"));
    assert_eq!(got[5].as_ref().unwrap_err().line(), 6);
    assert!(got[5].is_err(), "{:?}", got[5]);
    assert_eq!(got[6].as_ref().unwrap(), &(7, "P-3".to_owned()));
}

#[test]
fn error_objects_quote_at_most_200_characters_once_with_the_length() {
    let long = "x".repeat(1_000_000);
    let line = format!(r#"{{"id":"P-1","post":"{long}"}}"#);
    let got = rows(&line, Format::JsonLines);
    let e = got[0].as_ref().unwrap_err();
    let value = e.value().unwrap();
    assert_eq!(value, format!("{}… (1000000 characters)", "x".repeat(200)));
    assert!(e.error().len() < 1_000, "{}", e.error().len());
    assert!(e.to_json().len() < 2_000);
    // An id that is too long is cut in `id` and `value` alike.
    let line = format!(r#"{{"id":"{long}","post":"other"}}"#);
    let got = rows(&line, Format::JsonLines);
    let e = got[0].as_ref().unwrap_err();
    assert!(e.to_json().len() < 2_000, "{}", e.to_json().len());
    assert!(e.id().unwrap().ends_with("… (1000000 characters)"));
    // An unknown key likewise.
    let line = format!(r#"{{"id":"P-1","post":"other","{long}":1}}"#);
    let got = rows(&line, Format::JsonLines);
    assert!(got[0].as_ref().unwrap_err().to_json().len() < 2_000);
}

#[test]
fn a_record_that_is_not_an_object_is_described_not_echoed() {
    let line = r#"["王芳","370102198001010011"]"#;
    let got = rows(line, Format::JsonLines);
    let e = got[0].as_ref().unwrap_err();
    assert_eq!(e.value(), None);
    assert!(!e.to_json().contains("3701"), "{}", e.to_json());
    assert_eq!(
        e.error(),
        "a profile must be a JSON object, got an array (31 bytes)"
    );
}

#[test]
fn error_objects_escape_every_control_and_format_character() {
    let line = r#"{"id":"P-1","post":"\u202e\u001b[2J\u009b"}"#;
    let got = rows(line, Format::JsonLines);
    let json = got[0].as_ref().unwrap_err().to_json();
    assert!(
        !json.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "{json:?}"
    );
    assert!(
        json.contains(r#""value":"\u202e\u001b[2J\u009b""#),
        "{json}"
    );
}

#[cfg(feature = "toml")]
#[test]
fn policy_messages_flag_look_alike_letters_and_show_codes_plainly() {
    use talent_matrix::Policy;
    use talent_matrix::policy::{Allowed, PolicyDoc};
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "look-alike".into();
    doc.ladders[0].tiers[0].when[0].insert(
        "role".into(),
        Allowed::Only(vec!["principal".into(), "оwner".into(), "principal".into()]),
    );
    doc.streams[0].lead = "organization_dеpartment".into();
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            r#"streams[0].lead: unknown department "organization_dеpartment" (it has U+0435, a letter that looks like "e", at character 15: did you mean "organization_department"?)"#,
            r#"ladders[0].tiers[0].when: role cannot be "оwner" (expected none, principal, owner, senior_manager, middle_manager, staff) (it has U+043E, a letter that looks like "o", at character 1: did you mean "owner"?)"#,
            r#"ladders[0].tiers[0].when: role lists "principal" twice"#,
        ]
    );
}

#[test]
fn json_numbers_are_read_from_their_decimal_text_as_csv_cells_are() {
    use talent_matrix::Wan;
    // (number text, the amount it is, if it is one)
    let cases: [(&str, Option<u64>); 10] = [
        ("1999.99999999999999", None),
        ("1999.9999", Some(19_999_999)),
        ("2500.5", Some(25_005_000)),
        ("2.5e3", Some(25_000_000)),
        ("25005e-1", Some(25_005_000)),
        ("1e-5", None),
        ("0.000100000000000000000001", None),
        ("10000000000.00000000001", None),
        ("10000000000", Some(100_000_000_000_000)),
        ("-0", Some(0)),
    ];
    for (number, expected) in cases {
        // A flat line, and the same with an escape that sends it down the general reader.
        for id in ["P-1", "P\\u002d1"] {
            let json = format!(r#"{{"id":"{id}","post":"enterprise","revenue_wan":{number}}}"#);
            let got = Profile::from_json(&json).map(|p| p.revenue_wan().map(Wan::yuan));
            match expected {
                Some(yuan) => assert_eq!(got.unwrap(), Some(yuan), "{json}"),
                None => {
                    let e = got.unwrap_err();
                    assert_eq!(e.field(), Some("revenue_wan"), "{json}");
                    assert_eq!(e.value().as_deref(), Some(number), "{json}");
                }
            }
        }
        // The same text in CSV, where it is a plain decimal, agrees.
        if !number.contains('e') && number != "-0" {
            let csv = format!("id,post,revenue_wan\nP-1,enterprise,{number}\n");
            let got = rows(&csv, Format::Csv);
            assert_eq!(got[0].is_ok(), expected.is_some(), "{csv}");
        }
    }
    let whole = r#"{"id":"P\u002d1","post":"enterprise","employees":300.0000000000000001}"#;
    assert_eq!(
        Profile::from_json(whole).unwrap_err().field(),
        Some("employees")
    );
    let whole = r#"{"id":"P\u002d1","post":"enterprise","employees":3e2}"#;
    assert_eq!(Profile::from_json(whole).unwrap().employees(), Some(300));
}

#[test]
fn an_unknown_key_with_control_characters_is_shown_escaped() {
    // Found by the profile_json fuzz target: the key was written raw into the message.
    let err = Profile::from_json("{\"id\":\"P-1\",\"post\":\"other\",\"o\u{7f}ner\\u001b\":1}")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r"unknown field o\u{7f}ner\u{1b}, expected a profile field (did you mean name?)"
    );
}
