//! What the crate writes for people to open (issue 10): CSV cells that no spreadsheet runs as formulas, text
//! that no terminal acts on.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use talent_matrix::safety::{Shown, shown, spreadsheet_cell};
use talent_matrix::{Classification, Lang, Matrix, Post, Profile, classify};

/// Whether text would act on a terminal, or hide or break a line there: a control character other than the
/// line feed of a rendering, a bidi control, a zero-width character, the byte-order mark, or the line and
/// paragraph separators.
fn acts(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{61c}'
                    | '\u{200b}'..='\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{feff}'
            )
    })
}

fn starts_like_a_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn the_probes_formulas_are_written_as_text() {
    for id in [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "-2+3",
        "\t=1+1",
    ] {
        let p = Profile::builder(id, Post::Enterprise).build().unwrap();
        let cells = classify(&p).csv_cells();
        assert!(cells[0].starts_with('\''), "{id:?} → {:?}", cells[0]);
        assert_eq!(cells[0].trim_start_matches('\''), id.trim());
        assert!(!cells.iter().any(|c| starts_like_a_formula(c)), "{cells:?}");
    }
    assert_eq!(Classification::CSV_HEADER.len(), 16);
}

proptest! {
    /// Whatever an id a profile accepts, no CSV cell of its record starts with a formula character.
    #[test]
    fn csv_cells_never_start_with_a_formula_character(id in "[=+@\t -~\u{a0}-\u{ffff}]{1,20}") {
        let Ok(p) = Profile::builder(id, Post::Enterprise).build() else {
            return Ok(());
        };
        let cells = classify(&p).csv_cells();
        prop_assert!(!cells.iter().any(|c| starts_like_a_formula(c)), "{:?}", cells);
    }

    /// Shown text never holds a character that acts on a terminal, and shows everything else as it is.
    #[test]
    fn shown_text_never_acts_on_a_terminal(text in "\\PC*|[\u{0}-\u{3f}\u{7f}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}a-z]*") {
        let s = shown(&text);
        prop_assert!(!acts(&s), "{:?}", s);
        let debug = format!("{:?}", Shown(&text));
        prop_assert!(!acts(&debug), "{:?}", debug);
        // Text with no character the crate escapes is shown as it is.
        if !text.chars().any(talent_matrix::safety::is_unsafe) {
            prop_assert_eq!(s.as_ref(), text.as_str());
        }
    }

    /// No matrix cell of the CSV report starts with a formula character, in any language.
    #[test]
    fn matrix_csv_cells_are_safe(lang in prop::sample::select(vec![Lang::ZhHans, Lang::ZhHant, Lang::En])) {
        let csv = Matrix::new().to_csv(lang);
        for line in csv.lines() {
            for cell in line.split(',') {
                prop_assert!(!starts_like_a_formula(cell), "{:?}", cell);
            }
        }
    }
}

#[test]
fn spreadsheet_cells_follow_the_owasp_rule() {
    assert_eq!(spreadsheet_cell("=1+1"), "'=1+1");
    assert_eq!(spreadsheet_cell("\r=1"), "'\r=1");
    assert_eq!(spreadsheet_cell("ok"), "ok");
}

#[cfg(feature = "json")]
#[test]
fn the_sample_report_table_has_no_character_that_acts_on_a_terminal() {
    let mut m = Matrix::new();
    for line in include_str!("../examples/data/roster.jsonl").lines() {
        if !line.trim().is_empty() {
            m.add(&classify(&Profile::from_json(line).unwrap()));
        }
    }
    for lang in [Lang::ZhHans, Lang::En] {
        assert!(!acts(&m.to_table(lang)));
    }
}

#[test]
fn a_policy_name_or_version_with_control_characters_is_refused() {
    use talent_matrix::Policy;
    use talent_matrix::policy::PolicyDoc;
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = "x\u{1b}]0;pwned\u{7}".into();
    doc.version = "1\u{202e}".into();
    let err = Policy::from_doc(&doc).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            r#"name: must not contain control or format characters, got "x\u{1b}]0;pwned\u{7}" (U+001B at character 2)"#,
            r#"version: must not contain control or format characters, got "1\u{202e}" (U+202E at character 2)"#,
        ]
    );
}

/// Units and ids with every kind of unsafe character (ESC, BEL, a C1 control, NEL, the bidi override, a
/// zero-width space, the line separator) through every output that shows them: the comparison's table, CSV
/// and list of people, its JSON, the SVG small multiples and the matrix JSON by unit. None reaches a reader
/// raw.
#[cfg(feature = "json")]
#[test]
fn unit_names_reach_no_output_raw() {
    use talent_matrix::compare::LastYear;
    let units = [
        "区\u{1b}]0;owned\u{7}",
        "局\u{9b}31m",
        "街\u{85}道",
        "王\u{202e}芳",
        "零\u{200b}宽",
        "行\u{2028}分",
    ];
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
    };
    let raw = |text: &str| text.chars().any(|c| c != '\n' && unsafe_char(c));
    let person = |id: &str, post| Profile::builder(id, post).build().unwrap();
    let mut last = LastYear::new();
    let mut this_year = Vec::new();
    for (i, u) in units.iter().enumerate() {
        last.add(
            &classify(&person(&format!("P-{i}"), Post::Community)),
            Some(u),
        )
        .unwrap();
        this_year.push((
            person(&format!("P-{i}"), Post::Other),
            units[(i + 1) % units.len()],
        ));
    }
    let mut year = last.then();
    for (p, u) in &this_year {
        year.add(&classify(p), Some(u)).unwrap();
    }
    let cmp = year.finish();
    for (what, text) in [
        ("table", cmp.to_table(Lang::ZhHans)),
        ("people CSV", cmp.people_csv(Lang::ZhHans)),
        ("JSON", talent_matrix::safety::to_json(&cmp).unwrap()),
        ("total CSV", cmp.total().to_csv(Lang::En)),
    ] {
        assert!(!raw(&text), "{what}: {text:?}");
    }
    let m: Matrix = this_year.iter().map(|(p, _)| classify(p)).collect();
    let by: Vec<(Option<String>, Matrix)> = units
        .iter()
        .map(|u| (Some((*u).to_owned()), m.clone()))
        .collect();
    let svg = m.to_svg_by(Lang::ZhHans, "填报单位", &by);
    assert!(!raw(&svg), "{svg}");
    let json =
        talent_matrix::safety::to_json_pretty(&serde_json::json!({ "units": units })).unwrap();
    assert!(!raw(&json), "{json}");
    assert!(
        json.contains(r"\u202e") && json.contains(r"\u0085") && json.contains(r"\u2028"),
        "{json}"
    );
    for u in units {
        let cell = talent_matrix::safety::csv_cell(u);
        assert!(!raw(&cell), "{cell}");
    }
}
