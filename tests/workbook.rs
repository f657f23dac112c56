//! Workbook rosters (issue 13): `.xlsx` read as CSV is read, every row classified or reported, with errors that
//! name the cell. The workbooks are written here with rust_xlsxwriter, as another program would write them.
#![cfg(all(feature = "xlsx", feature = "json"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
use talent_matrix::Policy;
use talent_matrix::roster::{FileError, Format, Roster, RosterOptions};

/// A cell to write.
#[derive(Clone, Copy)]
enum C<'a> {
    T(&'a str),
    N(f64),
    B(bool),
    Date,
    Empty,
}

/// A workbook of one sheet (named `sheet`), rows from the first; optionally a merged title row above them.
fn workbook(rows: &[Vec<C<'_>>], title: Option<&str>, sheet: &str) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let mut r = 0u32;
    if let Some(title) = title {
        ws.merge_range(0, 0, 0, 5, title, &CellFormat::new())
            .unwrap();
        r = 1;
    }
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                C::T(t) => {
                    ws.write_string(r, c, *t).unwrap();
                }
                C::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                C::B(b) => {
                    ws.write_boolean(r, c, *b).unwrap();
                }
                C::Date => {
                    let d = ExcelDateTime::from_ymd(2024, 5, 1).unwrap();
                    ws.write_datetime_with_format(r, c, &d, &date).unwrap();
                }
                C::Empty => {}
            }
        }
        r += 1;
    }
    // A second sheet, so that a sheet can be chosen by name.
    let other = wb.add_worksheet();
    other.set_name("备注").unwrap();
    other.write_string(0, 0, "编号").unwrap();
    wb.save_to_buffer().unwrap()
}

/// A file in the temporary directory, removed when dropped.
struct Temp(PathBuf);
impl Temp {
    fn new(name: &str, bytes: &[u8]) -> Temp {
        let path =
            std::env::temp_dir().join(format!("talent-matrix-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Temp(path)
    }
}
impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Every row's outcome: its line and record, or its error object.
fn outcomes(roster: Roster<'_>) -> Vec<(u64, String)> {
    let policy = Policy::default();
    roster
        .map(|r| match r {
            Ok(row) => (row.line(), policy.classify(row.profile()).to_json()),
            Err(e) => (e.line(), e.to_json()),
        })
        .collect()
}

const HEADER: [&str; 8] = [
    "编号",
    "姓名",
    "岗位",
    "职务",
    "行业",
    "从业人员",
    "营业收入（万元）",
    "規模以上",
];

fn header() -> Vec<C<'static>> {
    HEADER.iter().map(|h| C::T(h)).collect()
}

#[test]
fn a_workbook_reads_to_the_same_classifications_as_the_csv_of_its_rows() {
    let rows = vec![
        header(),
        vec![
            C::T("W-1"),
            C::T("王芳"),
            C::T("企业"),
            C::T("主要负责人"),
            C::T("工业"),
            C::N(1200.0),
            C::N(52000.5),
            C::Empty,
        ],
        // Numbers stored as text, as many spreadsheets hold them.
        vec![
            C::T("W-2"),
            C::T("李明"),
            C::T("enterprise"),
            C::T("senior_manager"),
            C::T("软件和信息技术服务业"),
            C::T("300"),
            C::T("2500.5"),
            C::B(true),
        ],
        // An empty row: skipped, not counted.
        vec![],
        vec![
            C::N(123.0),
            C::T("张伟"),
            C::T("社区专职工作"),
            C::Empty,
            C::Empty,
            C::Empty,
            C::Empty,
            C::Empty,
        ],
        vec![
            C::T("W-4"),
            C::Empty,
            C::T("技能岗位"),
            C::Empty,
            C::Empty,
            C::Empty,
            C::Empty,
            C::B(false),
        ],
        vec![C::T("W-5"), C::T("赵六"), C::T("boss")],
    ];
    let xlsx = workbook(&rows, None, "名单");
    let csv = "编号,姓名,岗位,职务,行业,从业人员,营业收入（万元）,規模以上\n\
               W-1,王芳,企业,主要负责人,工业,1200,52000.5,\n\
               W-2,李明,enterprise,senior_manager,软件和信息技术服务业,300,2500.5,true\n\
               \n\
               123,张伟,社区专职工作,,,,,\n\
               W-4,,技能岗位,,,,,false\n\
               W-5,赵六,boss,,,,,\n";
    let options = RosterOptions::default();
    let from_csv = outcomes(Roster::from_reader(csv.as_bytes(), Format::Csv, &options).unwrap());
    let from_xlsx =
        outcomes(Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options).unwrap());
    assert_eq!(from_xlsx.len(), 5);
    // The same records, and the same error, but that a workbook's error names its cell.
    assert_eq!(from_xlsx[..4], from_csv[..4]);
    assert_eq!(
        from_csv[4].1,
        r#"{"line":7,"id":"W-5","field":"post","value":"boss","error":"post must be one of party_government, enterprise, professional_technical, skilled_trade, social_work, community, rural, other, or a label, got \"boss\""}"#
    );
    assert_eq!(
        from_xlsx[4].1,
        from_csv[4]
            .1
            .replace(r#"{"line":7,"#, r#"{"line":7,"cell":"C7","#)
    );
    // The same from a file, found by its extension.
    let file = Temp::new("same.xlsx", &xlsx);
    let mut roster = Roster::open(&file.0, None, &options).unwrap();
    let read: Vec<_> = roster.by_ref().collect();
    assert_eq!(read.len(), 5);
    assert_eq!(
        (roster.summary().accepted(), roster.summary().rejected()),
        (4, 1)
    );
}

#[test]
fn a_title_row_above_the_header_needs_the_header_row() {
    let rows = vec![
        header(),
        vec![C::T("T-1"), C::T("王芳"), C::T("党政机关工作人员")],
    ];
    let xlsx = workbook(&rows, Some("2024年人才名单"), "Sheet1");
    let err = Roster::from_reader(xlsx.as_slice(), Format::Workbook, &RosterOptions::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"bad header: unknown column "2024年人才名单" (column 1), expected a profile field code or its Chinese name; no id column; no post column"#
    );
    let options = RosterOptions::default().header_row(2);
    let read = outcomes(Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options).unwrap());
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].0, 3);
    assert!(
        read[0].1.contains(r#""stream":"party_government""#),
        "{}",
        read[0].1
    );
    // A header row past the sheet's rows.
    let options = RosterOptions::default().header_row(9);
    let err = Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"bad header: the sheet "Sheet1" has no row 9 for the header"#
    );
}

#[test]
fn a_date_in_a_field_is_a_row_error_naming_the_cell() {
    let rows = vec![
        header(),
        vec![
            C::T("D-1"),
            C::T("王芳"),
            C::T("企业"),
            C::T("主要负责人"),
            C::T("工业"),
            C::Date,
        ],
        // A date in a column no field reads is no error.
        vec![C::T("D-2"), C::Date, C::T("其他")],
    ];
    let xlsx = workbook(&rows, None, "Sheet1");
    let mut roster = Roster::from_reader(
        xlsx.as_slice(),
        Format::Workbook,
        &RosterOptions::default().ignore_unknown_columns(true),
    )
    .unwrap();
    let err = roster.next().unwrap().unwrap_err();
    assert_eq!(
        (err.line(), err.cell(), err.field()),
        (2, Some("F2".to_owned()), Some("employees"))
    );
    assert_eq!(
        err.to_json(),
        r#"{"line":2,"cell":"F2","id":"D-1","field":"employees","value":"a date","error":"employees (cell F2) holds a date, expected text or a number"}"#
    );
    // 姓名 takes text: a date there is an error too.
    let err = roster.next().unwrap().unwrap_err();
    assert_eq!(
        (err.line(), err.cell(), err.field()),
        (3, Some("B3".to_owned()), Some("name"))
    );
    assert!(roster.next().is_none());
}

#[test]
fn a_value_beyond_the_header_is_a_row_error() {
    let rows = vec![
        vec![C::T("编号"), C::T("岗位")],
        vec![C::T("X-1"), C::T("其他"), C::Empty, C::T("多余")],
        vec![C::T("X-2"), C::T("其他")],
    ];
    let xlsx = workbook(&rows, None, "Sheet1");
    let read = outcomes(
        Roster::from_reader(xlsx.as_slice(), Format::Workbook, &RosterOptions::default()).unwrap(),
    );
    assert_eq!(
        read[0].1,
        r#"{"line":2,"cell":"D2","id":"X-1","field":null,"value":null,"error":"the row has a value in cell D2, beyond the header's 2 columns"}"#
    );
    assert!(read[1].1.starts_with(r#"{"id":"X-2""#));
}

#[test]
fn a_sheet_is_chosen_by_name_and_a_missing_one_is_a_file_error() {
    let rows = vec![header(), vec![C::T("S-1"), C::T("王芳"), C::T("其他")]];
    let xlsx = workbook(&rows, None, "名单");
    let options = RosterOptions::default().sheet("名单");
    assert_eq!(
        Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options)
            .unwrap()
            .count(),
        1
    );
    // The second sheet has a header without post: the file error says so.
    let options = RosterOptions::default().sheet("备注");
    let err = Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options).unwrap_err();
    assert_eq!(err.to_string(), "bad header: no post column");
    let options = RosterOptions::default().sheet("2025");
    let err = Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options).unwrap_err();
    assert!(matches!(err, FileError::Workbook { .. }));
    assert_eq!(
        err.to_string(),
        r#"cannot read the workbook: no sheet named "2025"; the workbook has "名单", "备注""#
    );
    assert_eq!(err.to_row_error().line(), 1);
}

#[test]
fn a_corrupt_workbook_is_one_file_error() {
    for bytes in [
        &b"PK\x03\x04 not really a zip"[..],
        b"",
        b"id,post\n1,other\n",
        &[0xd0, 0xcf, 0x11, 0xe0, 0, 1, 2][..],
    ] {
        let err =
            Roster::from_reader(bytes, Format::Workbook, &RosterOptions::default()).unwrap_err();
        assert!(matches!(err, FileError::Workbook { .. }), "{err}");
        assert!(
            err.to_string().starts_with("cannot read the workbook: "),
            "{err}"
        );
    }
    // A file named .xlsx that is no workbook.
    let file = Temp::new("corrupt.xlsx", b"PK\x03\x04\x14\x00garbage");
    let err = Roster::open(&file.0, None, &RosterOptions::default()).unwrap_err();
    assert!(matches!(err, FileError::Workbook { .. }), "{err}");
}

#[test]
fn grouping_columns_are_kept_beside_the_profile_and_the_units_add_up() {
    use talent_matrix::{Matrix, MatrixRow, Stream};
    let mut head = header();
    head.push(C::T("填报单位"));
    let rows = vec![
        head,
        vec![
            C::T("G-1"),
            C::T("王芳"),
            C::T("企业"),
            C::T("主要负责人"),
            C::T("工业"),
            C::N(1200.0),
            C::N(52000.0),
            C::Empty,
            C::T("区财政局"),
        ],
        vec![
            C::T("G-2"),
            C::T("李明"),
            C::T("社区专职工作"),
            C::Empty,
            C::Empty,
            C::Empty,
            C::Empty,
            C::Empty,
            C::T(" 市中街道 "),
        ],
        vec![C::T("G-3"), C::T("张伟"), C::T("其他")],
        vec![
            C::T("G-4"),
            C::T("赵六"),
            C::T("企业"),
            C::T("中层管理人员"),
            C::T("工业"),
            C::Empty,
            C::Empty,
            C::B(false),
            C::T("区财政局"),
        ],
    ];
    let xlsx = workbook(&rows, None, "Sheet1");
    let options = RosterOptions::default().group_by("填报单位");
    let policy = Policy::default();
    let mut units: Vec<(Option<String>, Matrix)> = Vec::new();
    let mut total = Matrix::new();
    for row in Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options).unwrap() {
        let row = row.unwrap();
        let c = policy.classify(row.profile());
        let unit = row.group(0).map(str::to_owned);
        match units.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, m)) => m.add(&c),
            None => units.push((unit, [c].iter().collect())),
        }
        total.add(&c);
    }
    let names: Vec<Option<&str>> = units.iter().map(|(u, _)| u.as_deref()).collect();
    assert_eq!(names, [Some("区财政局"), Some("市中街道"), None]);
    let sum = |f: &dyn Fn(&Matrix) -> u64| units.iter().map(|(_, m)| f(m)).sum::<u64>();
    assert_eq!(sum(&|m| m.total()), total.total());
    for row in total.rows() {
        for t in total.tier_columns() {
            assert_eq!(sum(&|m| m.row_cell(row, t)), total.row_cell(row, t));
        }
    }
    assert_eq!(
        units[0]
            .1
            .row_total(MatrixRow::Stream(Stream::EnterpriseManagement)),
        2
    );
    // A grouping column the header lacks is a file error.
    let options = RosterOptions::default().group_by("街道");
    let err = Roster::from_reader(xlsx.as_slice(), Format::Workbook, &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"bad header: unknown column "填报单位" (column 9), expected a profile field code or its Chinese name; no "街道" column to group by"#
    );
}

/// Reads a roster's rows, keeping the unit column.
fn with_units(bytes: &[u8], format: Format) -> Vec<(String, Option<String>)> {
    let options = RosterOptions::default().group_by("填报单位");
    let policy = Policy::default();
    Roster::from_reader(bytes, format, &options)
        .unwrap()
        .map(|r| {
            let row = r.unwrap();
            (
                policy.classify(row.profile()).to_json(),
                row.group(0).map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn a_roster_the_crate_wrote_as_a_workbook_reads_back_to_the_same_classifications() {
    use talent_matrix::report_xlsx::RosterSheet;
    // Both sample years: every field the sample rosters use, numbers with decimals, flags, labels in both
    // scripts, and the unit column.
    for csv in [
        include_str!("../examples/data/roster-2011.csv"),
        include_str!("../examples/data/roster-2012.csv"),
    ] {
        let options = RosterOptions::default().group_by("填报单位");
        let mut sheet = RosterSheet::new();
        for row in Roster::from_reader(csv.as_bytes(), Format::Csv, &options).unwrap() {
            let row = row.unwrap();
            sheet
                .add(row.profile(), &[("填报单位", row.group(0))])
                .unwrap();
        }
        let bytes = sheet.finish().unwrap();
        let from_csv = with_units(csv.as_bytes(), Format::Csv);
        let from_book = with_units(&bytes, Format::Workbook);
        assert!(from_csv.len() > 60);
        assert_eq!(from_book, from_csv);
    }
    // The bundled second year's workbook, written by the to_workbook example, is the same as its CSV.
    let bundled = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/roster-2012.xlsx"
    ))
    .unwrap();
    assert_eq!(
        with_units(&bundled, Format::Workbook),
        with_units(
            include_str!("../examples/data/roster-2012.csv").as_bytes(),
            Format::Csv
        )
    );
}

#[test]
fn the_first_sample_year_as_csv_is_the_sample_roster() {
    // roster-2011.csv is the bundled JSON Lines sample with a unit column: the same people, the same records.
    let policy = Policy::default();
    let options = RosterOptions::default().ignore_unknown_columns(true);
    let read = |text: &str, format| -> Vec<String> {
        Roster::from_reader(text.as_bytes(), format, &options)
            .unwrap()
            .map(|r| policy.classify(r.unwrap().profile()).to_json())
            .collect()
    };
    assert_eq!(
        read(
            include_str!("../examples/data/roster-2011.csv"),
            Format::Csv
        ),
        read(
            include_str!("../examples/data/roster.jsonl"),
            Format::JsonLines
        )
    );
}

#[test]
fn a_roster_with_a_policys_own_fields_reads_back_from_the_crates_workbook() {
    use talent_matrix::policy::PolicyDoc;
    use talent_matrix::report_xlsx::RosterSheet;
    let policy = Policy::from_doc(
        &PolicyDoc::from_toml(include_str!("../examples/data/policy-other-place.toml")).unwrap(),
    )
    .unwrap();
    let options = RosterOptions::default().policy(policy.clone());
    let csv = include_str!("../examples/data/roster-other-place.csv");
    let records = |roster: Roster<'_>| -> Vec<String> {
        roster
            .map(|r| policy.classify(r.unwrap().profile()).to_json())
            .collect()
    };
    let mut sheet = RosterSheet::new();
    for row in Roster::from_reader(csv.as_bytes(), Format::Csv, &options).unwrap() {
        sheet.add(row.unwrap().profile(), &[]).unwrap();
    }
    let bytes = sheet.finish().unwrap();
    let from_book = records(Roster::from_reader(&bytes[..], Format::Workbook, &options).unwrap());
    let from_csv = records(Roster::from_reader(csv.as_bytes(), Format::Csv, &options).unwrap());
    assert_eq!(from_book.len(), 64);
    assert_eq!(from_book, from_csv);
}
