//! Hostile workbooks: every attack of an adversarial probe made here, in memory, a few KB or MB at most, and
//! the error or the rows read asserted. What they cost in memory and time at full size is measured by the
//! ignored tests of `tests/workbook_memory.rs`, which CI runs in a release build.
#![cfg(all(feature = "xlsx", feature = "json"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/zipper.rs"]
mod zipper;

use talent_matrix::roster::{FileError, Format, Roster, RosterOptions};
use zipper::{Entry, Piece, ods, ods_content, sheet_xml, xlsx};

/// A row's outcome: `Ok(id)` or `Err((line, message))`.
type Outcome = Result<String, (u64, String)>;

/// Each row's outcome, with the notices.
fn read(bytes: &[u8], options: &RosterOptions) -> Result<(Vec<Outcome>, Vec<String>), FileError> {
    let mut roster = Roster::from_reader(bytes, Format::Workbook, options)?;
    let notices = roster.notices().to_vec();
    let rows = roster
        .by_ref()
        .map(|r| match r {
            Ok(row) => Ok(row.profile().id().to_owned()),
            Err(e) => Err((e.line(), e.error().to_owned())),
        })
        .collect();
    let s = roster.summary();
    assert_eq!(s.read(), s.accepted() + s.rejected());
    Ok((rows, notices))
}

fn rows_of(bytes: &[u8]) -> Vec<Outcome> {
    read(bytes, &RosterOptions::default()).unwrap().0
}

/// A header row of inline strings: 编号 (id) and 岗位 (post).
const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>岗位</t></is></c></row>"#;

fn person(row: u32, id: &str) -> String {
    format!(
        r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{id}</t></is></c><c r="B{row}" t="inlineStr"><is><t>其他</t></is></c></row>"#
    )
}

fn sheet(rows: &str) -> Vec<u8> {
    xlsx(
        Entry::stored("", sheet_xml(&format!("{HEADER}{rows}")).as_bytes()),
        None,
        &[],
    )
}

#[test]
fn a_sheet_inflating_to_a_run_of_whitespace_stops_at_the_limit_of_one_xml_piece() {
    // 4.3 MB of deflate that inflates to 1 GiB of spaces inside the sheet.
    let head = sheet_xml(&format!("{HEADER}{}", person(2, "P-1")));
    let (open, close) = head.split_at(head.find("</sheetData>").unwrap());
    let sheet = Entry::bomb(
        "",
        &[
            Piece::Bytes(open.as_bytes()),
            Piece::Bytes(b" "),
            Piece::Repeat {
                period: 1,
                len: 1 << 30,
            },
            Piece::Bytes(close.as_bytes()),
        ],
    );
    assert!(sheet.data.len() < 8 << 20);
    let rows = rows_of(&xlsx(sheet, None, &[]));
    assert_eq!(rows[0], Ok("P-1".into()));
    let (line, why) = rows[1].as_ref().unwrap_err();
    assert_eq!(*line, 3);
    assert!(
        why.starts_with("the workbook could not be read from row 3 on: xl/worksheets/sheet1.xml holds a piece of XML (a tag, a text or a comment) longer than 4259840 bytes"),
        "{why}"
    );
    assert_eq!(rows.len(), 2);
}

#[test]
fn a_cell_beyond_column_xfd_is_an_error_of_its_row_and_allocates_nothing() {
    let rows = rows_of(&sheet(&format!(
        r#"{}<row r="3"><c r="ZZZZZZ3" t="inlineStr"><is><t>x</t></is></c></row>{}"#,
        person(2, "P-1"),
        person(4, "P-2")
    )));
    assert_eq!(rows[0], Ok("P-1".into()));
    assert_eq!(
        rows[1],
        Err((
            3,
            "the cell \"ZZZZZZ3\" lies beyond column XFD, the last of a sheet's 16384 columns"
                .into()
        ))
    );
    assert_eq!(rows[2], Ok("P-2".into()));
}

#[test]
fn a_cell_of_no_type_or_a_row_beyond_the_sheet_is_an_error_of_its_row_and_reading_goes_on() {
    let rows = rows_of(&sheet(&format!(
        r#"{}<row r="3"><c r="A3" t="zzz"><v>1</v></c></row><row r="4294967296"><c r="A9" t="inlineStr"><is><t>x</t></is></c></row>{}"#,
        person(2, "P-1"),
        person(6, "P-2")
    )));
    assert_eq!(rows[0], Ok("P-1".into()));
    assert_eq!(
        rows[1],
        Err((3, "the cell A3 has the type \"zzz\", which no spreadsheet writes (expected s, str, inlineStr, b, e, n or d)".into()))
    );
    assert_eq!(
        rows[2],
        Err((
            4,
            "the row number 4294967296 lies beyond a sheet's 1048576 rows".into()
        ))
    );
    assert_eq!(rows[3], Ok("P-2".into()));
    assert_eq!(rows.len(), 4);
}

/// A sheet whose ids are shared strings, with a strings part of these strings.
fn shared(rows: &str, strings: &[&str]) -> Vec<u8> {
    let sst: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    let sst = format!(r#"<sst count="4000000000" uniqueCount="18446744073709551615">{sst}</sst>"#);
    xlsx(
        Entry::stored("", sheet_xml(&format!("{HEADER}{rows}")).as_bytes()),
        Some(Entry::stored("", sst.as_bytes())),
        &[],
    )
}

#[test]
fn a_shared_string_index_that_is_no_number_or_out_of_range_is_an_error_of_its_row() {
    let row = |r: u32, v: &str| {
        format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>{v}</v></c><c r="B{r}" t="inlineStr"><is><t>其他</t></is></c></row>"#
        )
    };
    let rows = rows_of(&shared(
        &format!(
            "{}{}{}{}",
            row(2, "1"),
            row(3, "x"),
            row(4, "7"),
            row(5, "0")
        ),
        &["P-0", "P-1"],
    ));
    assert_eq!(rows[0], Ok("P-1".into()));
    assert_eq!(
        rows[1],
        Err((
            3,
            "the cell A3 refers to the shared string \"x\", which is no number".into()
        ))
    );
    assert_eq!(
        rows[2],
        Err((
            4,
            "the cell A4 refers to shared string number 7, but the workbook has 2".into()
        ))
    );
    // The lying counts of the strings part reserve nothing and change nothing.
    assert_eq!(rows[3], Ok("P-0".into()));
}

#[test]
fn shared_strings_the_sheet_does_not_use_are_not_kept() {
    // 70,000 unused strings of 1 KB (70 MB, past the 64 MiB kept of every string) and the one the sheet uses:
    // the sheet is read, keeping only that one.
    let unused = format!("<si><t>{}</t></si>", "a".repeat(1024));
    let head = r#"<sst><si><t>P-1</t></si>"#;
    let strings = Entry::deflated(
        "",
        &[
            Piece::Bytes(head.as_bytes()),
            Piece::Bytes(unused.as_bytes()),
            Piece::Repeat {
                period: unused.len(),
                len: unused.len() as u64 * 70_000,
            },
            Piece::Bytes(b"</sst>"),
        ],
    );
    let rows = sheet_xml(&format!(
        r#"{HEADER}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>其他</t></is></c></row>"#
    ));
    let book = xlsx(Entry::stored("", rows.as_bytes()), Some(strings), &[]);
    assert!(book.len() < 2 << 20, "{}", book.len());
    assert_eq!(rows_of(&book), vec![Ok("P-1".to_owned())]);
}

#[test]
fn a_hidden_first_sheet_is_passed_over_for_the_first_visible_one_with_a_notice() {
    let bytes = xlsx(
        Entry::stored(
            "",
            sheet_xml(&format!("{HEADER}{}", person(2, "P-1"))).as_bytes(),
        ),
        None,
        &[("旧名单", "hidden")],
    );
    let (rows, notices) = read(&bytes, &RosterOptions::default()).unwrap();
    assert_eq!(rows, vec![Ok("P-1".to_owned())]);
    assert_eq!(
        notices,
        vec!["the workbook's first sheet \"旧名单\" is hidden: reading the first visible sheet, \"名单\" (name the sheet to read to read another)".to_owned()]
    );
}

#[test]
fn a_formula_without_a_saved_value_is_an_error_naming_the_cell() {
    let rows = rows_of(&sheet(&format!(
        r#"<row r="2"><c r="A2"><f>CONCAT("P-","1")</f></c><c r="B2" t="inlineStr"><is><t>其他</t></is></c></row>{}"#,
        person(3, "P-2")
    )));
    assert_eq!(
        rows[0],
        Err((2, "id (cell A2) holds a formula without a saved value (open the workbook in a spreadsheet program and save it, so that its formulas are worked out), expected text or a number".into()))
    );
    assert_eq!(rows[1], Ok("P-2".into()));
}

#[test]
fn an_id_of_more_than_fifteen_digits_held_as_a_number_is_refused_not_rounded() {
    let row = |r: u32, v: &str| {
        format!(
            r#"<row r="{r}"><c r="A{r}"><v>{v}</v></c><c r="B{r}" t="inlineStr"><is><t>其他</t></is></c></row>"#
        )
    };
    let rows = rows_of(&sheet(&format!(
        "{}{}{}",
        row(2, "1.2345678901234568E+17"),
        row(3, "123456789012345"),
        row(4, "110101199003071234")
    )));
    assert_eq!(
        rows[0],
        Err((2, "id (cell A2) is the number 123456789012345680, of more than 15 significant digits, which a spreadsheet keeps only to 15, so two ids may have become one: format the id column as text and enter the ids again (or prefix each with ')".into()))
    );
    assert_eq!(rows[1], Ok("123456789012345".into()));
    assert!(
        rows[2]
            .as_ref()
            .unwrap_err()
            .1
            .starts_with("id (cell A4) is the number 110101199003071234,")
    );
}

#[test]
fn a_row_past_the_record_limit_is_an_error_of_its_row_and_a_giant_cell_ends_the_sheet_with_an_error()
 {
    let big = "x".repeat(2 << 20);
    let rows = rows_of(&sheet(&format!("{}{}", person(2, &big), person(3, "P-2"))));
    assert_eq!(
        rows[0],
        Err((2, "the row holds more than 1048576 bytes of text, the record limit (raise it with RosterOptions::max_record_bytes): it was skipped".into()))
    );
    assert_eq!(rows[1], Ok("P-2".into()));
    // 100 MB in one cell, deflated to a few hundred KB.
    let head = sheet_xml(&format!(
        r#"{HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>"#
    ));
    let (open, _) = head.split_at(head.find("</sheetData>").unwrap());
    let close = format!(
        "</t></is></c></row>{}</sheetData></worksheet>",
        person(3, "P-2")
    );
    let cell = Entry::bomb(
        "",
        &[
            Piece::Bytes(open.as_bytes()),
            Piece::Bytes(b"y"),
            Piece::Repeat {
                period: 1,
                len: 100 << 20,
            },
            Piece::Bytes(close.as_bytes()),
        ],
    );
    let rows = rows_of(&xlsx(cell, None, &[]));
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0]
            .as_ref()
            .unwrap_err()
            .1
            .contains("longer than 4259840 bytes"),
        "{rows:?}"
    );
}

#[test]
fn a_part_that_inflates_past_what_its_header_says_is_refused() {
    let mut sheet = Entry::bomb("", &[Piece::Bytes(sheet_xml(HEADER).as_bytes())]);
    sheet.size = 10;
    let err = Roster::from_reader(
        &xlsx(sheet, None, &[])[..],
        Format::Workbook,
        &RosterOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read the workbook: xl/worksheets/sheet1.xml cannot be read from the zip: File is larger than its declared uncompressed size"
    );
}

#[test]
fn a_zip_whose_directory_claims_too_many_entries_is_refused_before_it_is_read() {
    let entries = [Entry::stored("xl/workbook.xml", b"<workbook/>")];
    let bytes = zipper::zip(&entries, Some(60_000));
    let err =
        Roster::from_reader(&bytes[..], Format::Workbook, &RosterOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read the workbook: the workbook's zip claims 60000 entries, more than the 10000 a workbook may have"
    );
}

#[test]
fn the_kind_of_a_file_is_told_from_its_bytes() {
    // An .xlsb, a zip that is no workbook, CSV text, and HTML under a workbook's name.
    let xlsb = zipper::zip(&[Entry::stored("xl/workbook.bin", b"\0")], None);
    let other = zipper::zip(&[Entry::stored("word/document.xml", b"<w/>")], None);
    let refused = |bytes: &[u8]| {
        Roster::from_reader(bytes, Format::Workbook, &RosterOptions::default())
            .unwrap_err()
            .to_string()
    };
    assert!(refused(&xlsb).contains("an .xlsb (Excel binary workbook), which this reader does not read: open it in Excel or WPS and save it as .xlsx"));
    assert!(refused(&other).contains("a zip archive but no workbook"));
    assert!(
        refused(b"id,post\nP-1,other\n")
            .contains("the file is text, not a workbook: if it is CSV, name it .csv")
    );
    assert!(refused(b"<html><table><tr><td>1</td></tr></table></html>").contains("HTML or XML"));
}

#[test]
fn a_workbook_named_as_csv_is_read_as_a_workbook_with_a_notice() {
    let dir = std::env::temp_dir().join(format!("tm-hostile-wb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("名单.csv");
    std::fs::write(&path, sheet(&person(2, "P-1"))).unwrap();
    let mut roster = Roster::open(&path, None, &RosterOptions::default()).unwrap();
    assert!(
        roster.notices()[0]
            .ends_with("名单.csv holds a workbook, not CSV text: it is read as a workbook")
    );
    assert_eq!(roster.next().unwrap().unwrap().profile().id(), "P-1");
    // Named as CSV by the caller, it is refused with what it is.
    let err = Roster::open(&path, Some(Format::Csv), &RosterOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("is a workbook (.xlsx, .xls or .ods), not CSV"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// ODS rows: the header, then `rows`.
fn ods_rows(styles: &str, before: &str, rows: &str) -> Vec<u8> {
    let header = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>编号</text:p></table:table-cell><table:table-cell><text:p>岗位</text:p></table:table-cell></table:table-row>"#;
    ods(Entry::stored(
        "",
        ods_content(styles, before, &format!("{header}{rows}")).as_bytes(),
    ))
}

fn ods_person(id: &str, repeat: u64) -> String {
    format!(
        r#"<table:table-row table:number-rows-repeated="{repeat}"><table:table-cell><text:p>{id}</text:p></table:table-cell><table:table-cell><text:p>其他</text:p></table:table-cell></table:table-row>"#
    )
}

#[test]
fn an_ods_row_repeated_past_the_sheet_is_an_error_and_empty_repeats_cost_nothing() {
    // Empty rows and cells repeated a billion times, then a person, then a person repeated past the sheet.
    let empty = r#"<table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>"#;
    let rows = rows_of(&ods_rows(
        "",
        "",
        &format!(
            "{empty}{}{}",
            ods_person("P-1", 2),
            ods_person("P-2", 1_048_576)
        ),
    ));
    assert_eq!(rows[0], Ok("P-1".into()));
    assert_eq!(
        rows[1],
        Err((8, "duplicate id P-1, first used on line 7".into()))
    );
    let (line, why) = rows[2].as_ref().unwrap_err();
    assert_eq!(*line, 9);
    assert_eq!(
        why,
        "the workbook could not be read from row 9 on: row 9 is repeated 1048576 times, past row 1048576, the last of a sheet"
    );
    assert_eq!(rows.len(), 3);
}

#[test]
fn an_ods_cell_repeated_past_column_xfd_is_an_error_of_its_row() {
    let wide = r#"<table:table-row><table:table-cell table:number-columns-repeated="100000"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let rows = rows_of(&ods_rows(
        "",
        "",
        &format!("{wide}{}", ods_person("P-1", 1)),
    ));
    assert_eq!(
        rows[0],
        Err((
            2,
            "the row's cells run past column XFD, the last of a sheet's 16384 columns".into()
        ))
    );
    assert_eq!(rows[1], Ok("P-1".into()));
}

#[test]
fn an_ods_hidden_first_table_is_passed_over_and_its_numbers_are_read_from_their_text() {
    let styles = r#"<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>"#;
    let hidden = r#"<table:table table:name="草稿" table:style-name="ta2"><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
    let rows = format!(
        r#"<table:table-row><table:table-cell office:value-type="float" office:value="123456789012345678"><text:p>1.23457E+17</text:p></table:table-cell><table:table-cell><text:p>其他</text:p></table:table-cell></table:table-row>{}"#,
        ods_person("P-1", 1)
    );
    let (rows, notices) =
        read(&ods_rows(styles, hidden, &rows), &RosterOptions::default()).unwrap();
    assert!(
        notices[0].contains("first sheet \"草稿\" is hidden"),
        "{notices:?}"
    );
    assert!(
        rows[0]
            .as_ref()
            .unwrap_err()
            .1
            .starts_with("id (cell A2) is the number 123456789012345678, of more than 15")
    );
    assert_eq!(rows[1], Ok("P-1".into()));
}

#[path = "support/xls.rs"]
mod xls;

fn xls_roster(
    hidden_first: bool,
    extra: Vec<(u16, u16, xls::Cell<'static>)>,
    dimensions: Option<(u32, u32, u16, u16)>,
) -> Vec<u8> {
    use xls::{Cell, Sheet};
    let mut cells = vec![
        (0, 0, Cell::Text("编号")),
        (0, 1, Cell::Text("岗位")),
        (1, 0, Cell::Text("P-1")),
        (1, 1, Cell::Text("其他")),
        (2, 0, Cell::Number(12345.0)),
        (2, 1, Cell::Text("其他")),
    ];
    cells.extend(extra);
    let mut sheets = Vec::new();
    if hidden_first {
        sheets.push(Sheet {
            name: "旧",
            hidden: true,
            cells: vec![(0, 0, Cell::Text("x"))],
            dimensions: None,
        });
    }
    sheets.push(Sheet {
        name: "名单",
        hidden: false,
        cells,
        dimensions,
    });
    xls::xls(&sheets)
}

#[test]
fn an_xls_is_read_and_a_hidden_first_sheet_passed_over() {
    let (rows, notices) = read(
        &xls_roster(true, Vec::new(), None),
        &RosterOptions::default(),
    )
    .unwrap();
    assert_eq!(rows, vec![Ok("P-1".to_owned()), Ok("12345".to_owned())]);
    assert!(
        notices[0].contains("first sheet \"旧\" is hidden"),
        "{notices:?}"
    );
}

#[test]
fn an_xls_with_a_far_cell_or_a_lying_dimension_costs_nothing() {
    use xls::{Cell, Sheet};
    let refused = |bytes: Vec<u8>| {
        Roster::from_reader(&bytes[..], Format::Workbook, &RosterOptions::default())
            .unwrap_err()
            .to_string()
    };
    // A cell at column 65,535: past an .xls sheet.
    let far = refused(xls_roster(false, vec![(3, 65_535, Cell::Text("x"))], None));
    assert!(
        far.ends_with(
            "sheet 1 has a cell at CRXP4, beyond an .xls sheet's 65536 rows and 256 columns"
        ),
        "{far}"
    );
    // A cell at IV65536 beside A1, and a DIMENSIONS record claiming the whole sheet: a BIFF8 sheet is read
    // row by row, so neither costs anything; the far cell is a value beyond the header.
    let rows = rows_of(&xls_roster(
        false,
        vec![(65_535, 255, Cell::Text("x"))],
        Some((0, 65_536, 0, 256)),
    ));
    assert_eq!(rows[..2], [Ok("P-1".to_owned()), Ok("12345".to_owned())]);
    assert_eq!(
        rows[2],
        Err((
            65_536,
            "the row has a value in cell IV65536, beyond the header's 2 columns".into()
        ))
    );
    // An older (BIFF5) workbook goes to calamine, which builds every sheet's rectangle of cells: refused
    // before calamine sees it when that would pass the limit.
    let biff5 = |cells: Vec<(u16, u16, Cell<'static>)>, dimensions| {
        let mut stream = xls::stream(&[Sheet {
            name: "名单",
            hidden: false,
            cells,
            dimensions,
        }]);
        stream[4..6].copy_from_slice(&0x0500u16.to_le_bytes());
        xls::compound(&stream)
    };
    let wide = refused(biff5(
        vec![(0, 0, Cell::Number(1.0)), (65_535, 255, Cell::Number(1.0))],
        None,
    ));
    assert!(wide.contains("the workbook's sheets span more than 4194304 cells (sheet 1 spans rows 1 to 65536 and columns 1 to 256)"), "{wide}");
    let claimed = refused(biff5(
        vec![(0, 0, Cell::Number(1.0))],
        Some((0, 65_536, 0, 256)),
    ));
    assert!(
        claimed.contains("sheet 1 claims 16777216 cells, more than the 4194304"),
        "{claimed}"
    );
}

#[test]
fn an_xls_named_xlsx_is_read_by_its_content() {
    let dir = std::env::temp_dir().join(format!("tm-xls-named-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("名单.xlsx");
    std::fs::write(&path, xls_roster(false, Vec::new(), None)).unwrap();
    let ids: Vec<String> = Roster::open(&path, None, &RosterOptions::default())
        .unwrap()
        .map(|r| r.unwrap().profile().id().to_owned())
        .collect();
    assert_eq!(ids, ["P-1", "12345"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_date_or_a_formula_error_in_a_grouping_column_is_an_error_of_its_row() {
    let header = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>岗位</t></is></c><c r="C1" t="inlineStr"><is><t>填报单位</t></is></c></row>"#;
    let row = |r: u32, unit: &str| {
        format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>P-{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>其他</t></is></c>{unit}</row>"#
        )
    };
    let rows = format!(
        "{header}{}{}{}",
        row(2, r#"<c r="C2" t="e"><v>#N/A</v></c>"#),
        row(3, r#"<c r="C3" t="d"><v>2024-05-01</v></c>"#),
        row(4, r#"<c r="C4" t="inlineStr"><is><t>区教育局</t></is></c>"#)
    );
    let bytes = xlsx(Entry::stored("", sheet_xml(&rows).as_bytes()), None, &[]);
    let options = RosterOptions::default().group_by("填报单位");
    let mut roster = Roster::from_reader(&bytes[..], Format::Workbook, &options).unwrap();
    let first = roster.next().unwrap().unwrap_err();
    assert_eq!(
        (first.line(), first.field(), first.error()),
        (
            2,
            Some("填报单位"),
            "填报单位 (cell C2) holds the formula error #N/A, expected text or a number"
        )
    );
    let second = roster.next().unwrap().unwrap_err();
    assert_eq!(
        second.error(),
        "填报单位 (cell C3) holds a date, expected text or a number"
    );
    let third = roster.next().unwrap().unwrap();
    assert_eq!(third.group(0), Some("区教育局"));
    assert!(roster.next().is_none());
}

#[test]
fn an_xls_whose_sheet_lies_beyond_its_stream_is_a_file_error() {
    // Found by the `workbook` fuzz target: a BoundSheet8 record pointing past the stream made calamine panic.
    let stream = [
        0x09u8, 0x08, 0x08, 0x00, 0x00, 0x06, 0x10, 0x00, 0x80, 0x00, 0x00, 0x00, 0x85, 0x00, 0x08,
        0x00, 0x1c, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0a, 0x00, 0x00, 0x00,
        0x09, 0x08, 0x08, 0x00, 0x00, 0x06, 0x10, 0x00, 0x0a, 0x00, 0x00, 0x00,
    ];
    let err = Roster::from_reader(
        &xls::compound(&stream)[..],
        Format::Workbook,
        &RosterOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read the workbook: the workbook lists a sheet at byte 134217756 of a stream of 42 bytes: the file is damaged"
    );
}

#[test]
fn a_broken_xml_part_is_quoted_in_a_bounded_message() {
    // Found by the `workbook` fuzz target: a mismatched end tag of thousands of characters was quoted whole.
    let long = format!(
        r#"<table:table-row><table:table-cell><text:p>编号</text:p></table:table-cell><table:table-cell><text:p>岗位</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>x</text:p></ta{}>"#,
        "Z".repeat(6_000)
    );
    let rows = rows_of(&ods(Entry::stored(
        "",
        ods_content("", "", &long).as_bytes(),
    )));
    let (_, why) = rows[0].as_ref().unwrap_err();
    assert!(why.contains("content.xml is not well-formed XML"), "{why}");
    assert!(why.len() < 1_000, "{}", why.len());
}

/// The BIFF8 reader reads every kind of cell record Excel, WPS and LibreOffice write: shared strings (one long
/// enough to go on in a CONTINUE record), RK and MULRK numbers, booleans and errors, a formula's saved text,
/// a number in a date format, and reports a cell of an earlier row.
#[test]
fn every_kind_of_xls_cell_is_read() {
    use xls::{Cell, Globals, Sheet};
    let long = "单".repeat(5_000);
    let strings = vec!["编号", "岗位", "其他", "P-1", "填报单位", long.as_str()];
    let globals = Globals {
        formats: vec![(164, "yyyy\"年\"m\"月\"d\"日\"")],
        xfs: vec![0, 164],
        strings,
    };
    let cells = vec![
        (0, 0, Cell::Shared(0)),
        (0, 1, Cell::Shared(1)),
        (0, 2, Cell::Shared(4)),
        (1, 0, Cell::Shared(3)),
        (1, 1, Cell::Shared(2)),
        (1, 2, Cell::Shared(5)),
        (2, 0, Cell::Rk((12_345 << 2) | 2)),
        (2, 1, Cell::Text("其他")),
        (3, 0, Cell::MulRk(vec![(7 << 2) | 2, (3 << 2) | 2])),
        (4, 0, Cell::FormulaText("P-5")),
        (4, 1, Cell::Text("其他")),
        (5, 0, Cell::BoolErr(0x2A, true)),
        (6, 0, Cell::Styled(45_000.0, 1)),
        (7, 0, Cell::Shared(9)),
        (8, 0, Cell::Text("P-9")),
        (8, 1, Cell::BoolErr(1, false)),
        (2, 2, Cell::Text("迟到")),
    ];
    let stream = xls::stream_with(
        &[Sheet {
            name: "名单",
            hidden: false,
            cells,
            dimensions: None,
        }],
        &globals,
    );
    assert!(
        stream.windows(2).any(|w| w == [0x3C, 0x00]),
        "the long string goes on in a CONTINUE record"
    );
    let bytes = xls::compound(&stream);
    let options = RosterOptions::default().group_by("填报单位");
    type Got = Result<(String, Option<String>), (u64, String)>;
    let got: Vec<Got> = Roster::from_reader(&bytes[..], Format::Workbook, &options)
        .unwrap()
        .map(|r| match r {
            Ok(row) => Ok((
                row.profile().id().to_owned(),
                row.group(0).map(str::to_owned),
            )),
            Err(e) => Err((e.line(), e.error().to_owned())),
        })
        .collect();
    assert_eq!(got[0], Ok(("P-1".to_owned(), Some(long.clone()))));
    assert_eq!(got[1], Ok(("12345".to_owned(), None)));
    assert!(
        got[2].as_ref().unwrap_err().1.starts_with("post"),
        "{:?}",
        got[2]
    );
    assert_eq!(got[3], Ok(("P-5".to_owned(), None)));
    assert_eq!(
        got[4],
        Err((
            6,
            "id (cell A6) holds the formula error #N/A, expected text or a number".into()
        ))
    );
    assert_eq!(
        got[5],
        Err((
            7,
            "id (cell A7) holds a date, expected text or a number".into()
        ))
    );
    assert_eq!(
        got[6],
        Err((
            8,
            "the cell A8 refers to shared string number 9, but the workbook has 6".into()
        ))
    );
    assert_eq!(
        got[7],
        Err((
            9,
            "the cell C3 comes after row 9: the .xls lists its cells out of order".into()
        ))
    );
    assert!(
        got[8].as_ref().unwrap_err().1.starts_with("post"),
        "a boolean post: {:?}",
        got[8]
    );
    assert_eq!(got.len(), 9);
}

#[test]
fn an_xls_record_followed_by_a_million_empty_continue_records_costs_only_its_bytes() {
    use xls::{Cell, Globals, Sheet};
    let globals = Globals {
        strings: vec!["P-1"],
        ..Globals::default()
    };
    let mut stream = xls::stream_with(
        &[Sheet {
            name: "名单",
            hidden: false,
            cells: vec![(0, 0, Cell::Shared(0))],
            dimensions: None,
        }],
        &globals,
    );
    // After the shared strings' record (type 0x00FC), a million empty CONTINUE records; the sheet's offset
    // moves on by as many bytes.
    let sst = stream.windows(2).position(|w| w == [0xFC, 0x00]).unwrap();
    let len = u16::from_le_bytes([stream[sst + 2], stream[sst + 3]]) as usize;
    let at = sst + 4 + len;
    let empties: Vec<u8> = [0x3Cu8, 0x00, 0x00, 0x00].repeat(1_000_000);
    stream.splice(at..at, empties);
    let bof = stream.windows(2).position(|w| w == [0x85, 0x00]).unwrap();
    let offset = u32::from_le_bytes(stream[bof + 4..bof + 8].try_into().unwrap()) + 4_000_000;
    stream[bof + 4..bof + 8].copy_from_slice(&offset.to_le_bytes());
    let bytes = xls::compound(&stream);
    let rows = Roster::from_reader(&bytes[..], Format::Workbook, &RosterOptions::default());
    // The sheet's one cell, its shared string read past the empty records, is a header of no known column.
    assert_eq!(
        rows.unwrap_err().to_string(),
        "bad header: unknown column \"P-1\" (column 1), expected a profile field code or its Chinese name; no id column; no post column"
    );
}

#[test]
fn an_xls_bad_string_index_of_an_earlier_row_keeps_the_lines_going_forward() {
    // Found by the `workbook` fuzz target: a LABELSST of an earlier row with an index past the strings
    // started that row again, so a line went back.
    use xls::{Cell, Globals, Sheet};
    let globals = Globals {
        strings: vec!["编号", "岗位", "其他"],
        ..Globals::default()
    };
    let cells = vec![
        (0, 0, Cell::Shared(0)),
        (0, 1, Cell::Shared(1)),
        (5, 0, Cell::Text("P-6")),
        (5, 1, Cell::Shared(2)),
        (2, 0, Cell::Shared(99)),
    ];
    let stream = xls::stream_with(
        &[Sheet {
            name: "名单",
            hidden: false,
            cells,
            dimensions: None,
        }],
        &globals,
    );
    let rows = rows_of(&xls::compound(&stream));
    assert_eq!(
        rows,
        vec![
            Err((
                6,
                "the cell A3 comes after row 6: the .xls lists its cells out of order".to_owned()
            )),
            Ok("P-6".to_owned()),
        ]
    );
}
