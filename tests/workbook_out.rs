//! Workbooks out (issue 13): the report workbook and the records sheet open in another reader (calamine), and
//! every cell is what the matrix and the records say; nothing a person gave is written as a formula.
#![cfg(all(feature = "xlsx", feature = "toml"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use talent_matrix::matrix::MatrixRow;
use talent_matrix::policy::PolicyDoc;
use talent_matrix::report_xlsx::{Placement, RecordsSheet};
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{Classification, Lang, Matrix, Policy, Post, Profile};

/// The worked policy of another place and its roster's classifications' places and matrix.
fn worked() -> (Policy, Vec<Profile>) {
    let policy = Policy::from_doc(
        &PolicyDoc::from_toml(include_str!("../examples/data/policy-other-place.toml")).unwrap(),
    )
    .unwrap();
    let options = RosterOptions::default().policy(policy.clone());
    let people = Roster::from_reader(
        include_str!("../examples/data/roster-other-place.csv").as_bytes(),
        Format::Csv,
        &options,
    )
    .unwrap()
    .map(|r| r.unwrap().profile().clone())
    .collect();
    (policy, people)
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => format!("{f}"),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

/// A number cell's value; `u64::MAX` for any other cell, which no count equals.
fn number(d: Option<&Data>) -> u64 {
    match d {
        Some(Data::Float(f)) => *f as u64,
        _ => u64::MAX,
    }
}

#[test]
fn the_report_workbook_reads_back_cell_for_cell() {
    let (policy, people) = worked();
    let classified: Vec<Classification<'_>> = people.iter().map(|p| policy.classify(p)).collect();
    let matrix: Matrix = classified.iter().collect();
    let places: Vec<Placement> = classified.iter().map(Placement::of).collect();
    let mut book = open(matrix.to_xlsx(Lang::ZhHans, &places).unwrap());
    assert_eq!(
        book.sheet_names(),
        ["矩阵", "部门", "待遇", "待补信息", "人员"]
    );

    // The matrix: the tier columns in the policy's order, then every row and its counts, then the totals.
    let sheet = book.worksheet_range("矩阵").unwrap();
    let columns = matrix.tier_columns();
    let header: Vec<String> = (0..=columns.len() + 1)
        .map(|c| text(sheet.get((0, c))))
        .collect();
    assert_eq!(
        header,
        [
            "人才双向分类矩阵",
            "顶尖人才",
            "领军人才",
            "高端人才",
            "企业英才",
            "无层次",
            "合计"
        ]
    );
    let rows: Vec<MatrixRow> = matrix.rows().collect();
    for (i, &row) in rows.iter().enumerate() {
        let r = i + 1;
        let label = match row {
            MatrixRow::Stream(s) => s.label(Lang::ZhHans).to_owned(),
            MatrixRow::Specialty(s) => format!("  其中：{}", s.label(Lang::ZhHans)),
        };
        assert_eq!(text(sheet.get((r, 0))), label);
        for (j, &t) in columns.iter().enumerate() {
            assert_eq!(
                number(sheet.get((r, j + 1))),
                matrix.row_cell(row, t),
                "{row:?} {t:?}"
            );
        }
        assert_eq!(
            number(sheet.get((r, columns.len() + 1))),
            matrix.row_total(row)
        );
    }
    let last = rows.len() + 1;
    assert_eq!(text(sheet.get((last, 0))), "人才合计");
    assert_eq!(number(sheet.get((last, columns.len() + 1))), 55);
    assert_eq!(number(sheet.get((last + 2, columns.len() + 1))), 64);

    // The departments' workload: every department, the new bureaus last.
    let sheet = book.worksheet_range("部门").unwrap();
    let departments = matrix.departments();
    assert_eq!(sheet.get_size().0, departments.len() + 1);
    for (i, d) in departments.iter().enumerate() {
        assert_eq!(text(sheet.get((i + 1, 0))), d.label(Lang::ZhHans));
        assert_eq!(number(sheet.get((i + 1, 1))), matrix.lead_count(*d));
        assert_eq!(number(sheet.get((i + 1, 2))), matrix.managed_by_count(*d));
    }

    // The entitlements with their yearly totals.
    let sheet = book.worksheet_range("待遇").unwrap();
    assert_eq!(text(sheet.get((1, 0))), "市中英才工作津贴");
    assert_eq!(
        (
            number(sheet.get((1, 1))),
            number(sheet.get((1, 2))),
            text(sheet.get((1, 3))),
            number(sheet.get((1, 4)))
        ),
        (10, 24_000, "每年".to_owned(), 240_000)
    );

    // The records with missing facts, and what each misses.
    let sheet = book.worksheet_range("待补信息").unwrap();
    let missing: Vec<(String, String)> = (1..sheet.get_size().0)
        .map(|r| (text(sheet.get((r, 0))), text(sheet.get((r, 1)))))
        .collect();
    assert!(
        missing.contains(&("QT-0009".to_owned(), "论文数".to_owned())),
        "{missing:?}"
    );
    assert!(
        missing.contains(&("QT-0043".to_owned(), "职务".to_owned())),
        "{missing:?}"
    );
    assert_eq!(missing.len(), 7);

    // Every person's cell.
    let sheet = book.worksheet_range("人员").unwrap();
    assert_eq!(sheet.get_size().0, 65);
    assert_eq!(
        (1..=4)
            .map(|c| text(sheet.get((1, c - 1))))
            .collect::<Vec<_>>(),
        ["QT-0001", "专业技术人才", "卫生人才", "顶尖人才"]
    );
}

#[test]
fn the_records_sheet_has_a_column_per_field_and_no_formula() {
    let policy = Policy::default();
    let people = [
        Profile::builder("=HYPERLINK(\"http://x\")", Post::Community)
            .name("+SUM(A1)")
            .build()
            .unwrap(),
        Profile::builder("@cmd", Post::Other).build().unwrap(),
        Profile::builder("-1", Post::PartyGovernment)
            .build()
            .unwrap(),
    ];
    let mut sheet = RecordsSheet::new().unwrap();
    for p in &people {
        sheet.add(&policy.classify(p)).unwrap();
    }
    let mut book = open(sheet.finish().unwrap());
    let range = book.worksheet_range("records").unwrap();
    let header: Vec<String> = (0..16).map(|c| text(range.get((0, c)))).collect();
    assert_eq!(header, Classification::CSV_HEADER);
    // The ids come back as the very text given, as string cells.
    for (i, p) in people.iter().enumerate() {
        assert_eq!(
            range.get((i + 1, 0)),
            Some(&Data::String(p.id().to_owned()))
        );
    }
    assert_eq!(text(range.get((1, 1))), "social_work");
    assert_eq!(text(range.get((1, 2))), "community_worker");
    assert_eq!(
        text(range.get((1, 12))),
        "stream.social_work;specialty.community_worker".replace(';', "、")
    );
    // No cell holds a formula.
    let formulas = book.worksheet_formula("records").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "{formulas:?}"
    );
}

/// The matrix a sheet holds: every row's counts in each tier column and its total, as read back.
fn matrix_on(sheet: &calamine::Range<Data>, m: &Matrix) -> Vec<(MatrixRow, Vec<u64>)> {
    let columns = m.tier_columns().len();
    m.rows()
        .enumerate()
        .map(|(i, row)| {
            let counts = (1..=columns + 1)
                .map(|c| number(sheet.get((i + 1, c))))
                .collect();
            (row, counts)
        })
        .collect()
}

#[test]
fn a_sheet_per_unit_and_the_plans_sheet_read_back_cell_for_cell() {
    use talent_matrix::plan::Plan;
    use talent_matrix::report_xlsx::Sheets;
    let options = RosterOptions::default().group_by("填报单位");
    let policy = Policy::default();
    let rows: Vec<(Profile, Option<String>)> = Roster::from_reader(
        include_str!("../examples/data/roster-2012.csv").as_bytes(),
        Format::Csv,
        &options,
    )
    .unwrap()
    .map(|r| {
        let row = r.unwrap();
        (row.profile().clone(), row.group(0).map(str::to_owned))
    })
    .collect();
    let total: Matrix = rows.iter().map(|(p, _)| policy.classify(p)).collect();
    let mut by_unit = talent_matrix::matrix::ByUnit::new();
    for (p, unit) in &rows {
        by_unit.add(unit.as_deref(), &policy.classify(p));
    }
    let units = by_unit.into_units();
    let plan =
        Plan::from_toml(include_str!("../examples/data/targets-2015.toml"), &policy).unwrap();
    let bytes = total
        .to_xlsx_with(Lang::ZhHans, &Sheets::new().units(&units).plan(&plan))
        .unwrap();
    let mut book = open(bytes);
    let names = book.sheet_names();
    let unit_names: Vec<String> = units.iter().map(|(u, _)| u.clone().unwrap()).collect();
    assert_eq!(names[..5], ["矩阵", "部门", "待遇", "待补信息", "人员"]);
    assert_eq!(names[5..5 + units.len()], unit_names[..]);
    assert_eq!(names[5 + units.len()..], ["目标"]);
    // Each unit's sheet is its matrix; the units sum to the total's sheet, cell by cell.
    let whole = matrix_on(&book.worksheet_range("矩阵").unwrap(), &total);
    let mut sum: Vec<Vec<u64>> = whole.iter().map(|(_, c)| vec![0; c.len()]).collect();
    for (unit, m) in &units {
        let sheet = book.worksheet_range(unit.as_deref().unwrap()).unwrap();
        let read = matrix_on(&sheet, m);
        for (row, counts) in &read {
            let expected: Vec<u64> = m
                .tier_columns()
                .into_iter()
                .map(|t| m.row_cell(*row, t))
                .chain([m.row_total(*row)])
                .collect();
            assert_eq!(counts, &expected, "{unit:?} {row:?}");
        }
        for (sum, (_, counts)) in sum.iter_mut().zip(&read) {
            for (s, c) in sum.iter_mut().zip(counts) {
                *s += c;
            }
        }
    }
    assert_eq!(
        sum,
        whole.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>()
    );
    // The plan: a line per row and column, actual from the matrix, target, difference and percent as given.
    let sheet = book.worksheet_range("目标").unwrap();
    assert_eq!(
        (0..6).map(|c| text(sheet.get((0, c)))).collect::<Vec<_>>(),
        ["人才类别", "层次", "实有", "目标", "差额", "完成（%）"]
    );
    let report = plan.report(&total);
    let mut r = 1;
    let mut targets = 0;
    for row in total.rows() {
        for column in total.tier_columns().into_iter().map(Some).chain([None]) {
            let a = report.get(row, column);
            let label = match row {
                MatrixRow::Stream(s) => s.label(Lang::ZhHans).to_owned(),
                MatrixRow::Specialty(s) => format!("其中：{}", s.label(Lang::ZhHans)),
            };
            assert_eq!(text(sheet.get((r, 0))), label);
            assert_eq!(number(sheet.get((r, 2))), a.actual);
            match a.target {
                Some(t) => {
                    targets += 1;
                    assert_eq!(number(sheet.get((r, 3))), t);
                    assert_eq!(
                        sheet.get((r, 4)),
                        Some(&Data::Float(a.difference().unwrap() as f64))
                    );
                    let percent = (a.percent().unwrap() * 10.0).round() / 10.0;
                    assert_eq!(sheet.get((r, 5)), Some(&Data::Float(percent)));
                }
                None => assert_eq!(text(sheet.get((r, 3))), ""),
            }
            r += 1;
        }
    }
    assert_eq!(targets, plan.targets().count());
}

/// No unit name can stop the workbook being written: astral characters past Excel's 31 UTF-16 units, an
/// apostrophe left at the end by the cut, control and bidi characters, the headings' own words, and thousands
/// of units sharing their first 31 characters, each given a sheet of its own.
#[test]
fn every_unit_name_gets_a_sheet_excel_takes() {
    use talent_matrix::report_xlsx::Sheets;
    let p = Profile::builder("A", Post::Other).build().unwrap();
    let m: Matrix = [talent_matrix::classify(&p)].iter().collect();
    let prefix = "市中区人力资源和社会保障局人才服务中心第一分中心高层次人才引";
    let mut names: Vec<Option<String>> = vec![
        Some("𝐀".repeat(20)),
        Some(format!("{}'", "a".repeat(30))),
        Some("区\u{1b}[31m\u{202e}局".into()),
        Some("（合计）".into()),
        Some("（未填）".into()),
        None,
        Some("[a]:*?/\\".into()),
    ];
    names.extend((0..2_000).map(|i| Some(format!("{prefix}{i:04}"))));
    let units: Vec<(Option<String>, Matrix)> =
        names.iter().map(|n| (n.clone(), m.clone())).collect();
    let bytes = m
        .to_xlsx_with(Lang::ZhHans, &Sheets::new().units(&units))
        .unwrap();
    let book = open(bytes);
    let sheets = book.sheet_names();
    assert_eq!(sheets.len(), 5 + units.len());
    let lower: std::collections::HashSet<String> =
        sheets.iter().map(|s| s.to_lowercase()).collect();
    assert_eq!(lower.len(), sheets.len(), "every sheet name is its own");
    for s in &sheets {
        assert!(s.encode_utf16().count() <= 31, "{s}");
        assert!(!s.starts_with('\'') && !s.ends_with('\''), "{s}");
        assert!(!s.contains(['[', ']', ':', '*', '?', '/', '\\']), "{s}");
        assert!(
            !s.chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{s}"
        );
    }
    assert_eq!(sheets[5], "𝐀".repeat(15));
    assert_eq!(sheets[6], "a".repeat(30));
    assert_eq!(sheets[7], "区__31m_局");
    assert_eq!(sheets[8], "“（合计）”");
    assert_eq!(sheets[9], "“（未填）”");
    assert_eq!(sheets[10], "（未填）");
    assert_eq!(sheets[11], "_a______");
    assert!(sheets[13].ends_with("(2)"), "{}", sheets[13]);
}
