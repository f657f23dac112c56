//! The two-way matrix against a direct count over a synthetic roster, merging, and its renderings (table,
//! CSV, JSON, SVG) checked for shape and numbers.
#![cfg(feature = "roster")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use talent_matrix::matrix::TIER_COLUMNS;
use talent_matrix::roster::{Format, Roster, RosterOptions};
use talent_matrix::{
    Department, Entitlement, Lang, Matrix, MatrixRow, MissingFact, Profile, Service, Specialty,
    Stream, classify,
};

/// A synthetic roster of `n` people, read back through the JSON Lines reader.
fn roster(n: usize, seed: u64) -> Vec<Profile> {
    let mut g = generator::Generator::new(seed);
    let text: String = (0..n)
        .map(|_| generator::to_json_line(&g.record()) + "\n")
        .collect();
    Roster::from_reader(
        text.as_bytes(),
        Format::JsonLines,
        &RosterOptions::default(),
    )
    .unwrap()
    .map(|row| row.unwrap().into_profile())
    .collect()
}

#[test]
fn matrix_totals_equal_a_direct_count() {
    let people = roster(5000, 11);
    let matrix: Matrix = people.iter().map(classify).collect();
    let all: Vec<_> = people.iter().map(classify).collect();
    assert_eq!(matrix.total(), 5000);
    assert_eq!(
        matrix.talents(),
        all.iter().filter(|c| c.is_talent()).count() as u64
    );
    assert_eq!(
        matrix.not_talent(),
        all.iter().filter(|c| !c.is_talent()).count() as u64
    );
    let mut disjoint = 0;
    for &s in Stream::ALL {
        for sp in std::iter::once(None).chain(Specialty::ALL.iter().copied().map(Some)) {
            for &t in &TIER_COLUMNS {
                let direct = all
                    .iter()
                    .filter(|c| c.stream() == Some(s) && c.specialty() == sp && c.tier() == t)
                    .count() as u64;
                assert_eq!(matrix.cell(s, sp, t), direct, "{s:#} {sp:?} {t:?}");
                disjoint += direct;
            }
        }
        let direct = all.iter().filter(|c| c.stream() == Some(s)).count() as u64;
        assert_eq!(matrix.row_total(MatrixRow::Stream(s)), direct);
    }
    assert_eq!(
        disjoint,
        matrix.talents(),
        "invariant 6: the cells sum to the talents"
    );
    for &t in &TIER_COLUMNS {
        let direct = all
            .iter()
            .filter(|c| c.is_talent() && c.tier() == t)
            .count() as u64;
        assert_eq!(matrix.column_total(t), direct);
    }
    for &d in Department::ALL {
        assert_eq!(
            matrix.lead_count(d),
            all.iter().filter(|c| c.lead() == Some(d)).count() as u64
        );
        assert_eq!(
            matrix.managed_by_count(d),
            all.iter().filter(|c| c.managed_by().contains(d)).count() as u64
        );
    }
    for &e in Entitlement::ALL {
        assert_eq!(
            matrix.entitlement_count(e),
            all.iter().filter(|c| c.entitlements().contains(e)).count() as u64
        );
    }
    for &s in Service::ALL {
        assert_eq!(
            matrix.service_count(s),
            all.iter().filter(|c| c.services().contains(s)).count() as u64
        );
    }
    for &f in MissingFact::ALL {
        let direct: Vec<&str> = all
            .iter()
            .filter(|c| c.missing_facts().contains(f))
            .map(|c| c.id())
            .collect();
        assert_eq!(matrix.missing(f).iter().collect::<Vec<_>>(), direct);
    }
    // The synthetic mix reaches every cell the policy defines.
    for r in MatrixRow::all() {
        assert!(matrix.row_total(r) > 0, "{r:?} is empty");
    }
    for &t in &TIER_COLUMNS {
        assert!(
            matrix.row_cell(MatrixRow::Specialty(Specialty::FinanceCommerce), t) > 0,
            "{t:?}"
        );
    }
}

#[test]
fn partial_matrices_merge_to_the_whole() {
    let people = roster(3000, 5);
    let whole: Matrix = people.iter().map(classify).collect();
    let mut merged = Matrix::new();
    for chunk in people.chunks(700) {
        merged.merge(chunk.iter().map(classify).collect());
    }
    assert_eq!(merged, whole);
}

#[test]
fn the_generator_is_deterministic() {
    let a: Vec<String> = {
        let mut g = generator::Generator::new(3);
        (0..50)
            .map(|_| generator::to_json_line(&g.record()))
            .collect()
    };
    let b: Vec<String> = {
        let mut g = generator::Generator::new(3);
        (0..50)
            .map(|_| generator::to_json_line(&g.record()))
            .collect()
    };
    assert_eq!(a, b);
    let mut g = generator::Generator::new(4);
    assert_ne!(
        a[0..10],
        (0..10)
            .map(|_| generator::to_json_line(&g.record()))
            .collect::<Vec<_>>()[..]
    );
}

#[test]
fn generated_csv_reads_like_generated_json_lines() {
    let mut g = generator::Generator::new(9);
    let records: Vec<_> = (0..500).map(|_| g.record()).collect();
    let jsonl: String = records
        .iter()
        .map(|r| generator::to_json_line(r) + "\n")
        .collect();
    let csv = generator::ZH_HEADERS.join(",")
        + "\n"
        + &records
            .iter()
            .map(|r| generator::to_csv_line(r) + "\n")
            .collect::<String>();
    let read = |text: &str, format| -> Vec<Profile> {
        Roster::from_reader(text.as_bytes(), format, &RosterOptions::default())
            .unwrap()
            .map(|r| r.unwrap().into_profile())
            .collect()
    };
    assert_eq!(read(&jsonl, Format::JsonLines), read(&csv, Format::Csv));
}

fn sample() -> Matrix {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/roster.jsonl");
    let people: Vec<Profile> = Roster::open(path, None, &RosterOptions::default())
        .unwrap()
        .map(|r| r.unwrap().into_profile())
        .collect();
    people.iter().map(classify).collect()
}

#[test]
fn the_svg_is_well_formed_with_one_cell_per_matrix_entry() {
    let m = sample();
    for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
        let svg = m.to_svg(lang);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let cells: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("cell"))
            .collect();
        assert_eq!(cells.len(), MatrixRow::all().count() * TIER_COLUMNS.len());
        // Each cell is followed by the text of its count, and carries its row and tier.
        for cell in &cells {
            let row = MatrixRow::all()
                .find(|r| Some(r.code().as_str()) == cell.attribute("data-row"))
                .unwrap();
            let tier = TIER_COLUMNS
                .iter()
                .copied()
                .find(|t| t.map_or("none", |t| t.code()) == cell.attribute("data-tier").unwrap())
                .unwrap();
            let text = cell.next_sibling_element().unwrap();
            assert_eq!(
                text.text(),
                Some(m.row_cell(row, tier).to_string().as_str())
            );
        }
        // The labels are in the chosen language.
        let labels: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        let first = MatrixRow::Stream(Stream::PartyGovernment).label(lang);
        assert!(labels.contains(&first), "{lang}: {first}");
    }
}

#[test]
fn the_table_and_csv_show_the_sample_roster() {
    let m = sample();
    let csv = m.to_csv(Lang::En);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "row,label,leader,high_end,elite,no_tier,total");
    assert_eq!(lines.len(), 1 + 8 + 3);
    assert_eq!(
        lines[2],
        "enterprise_management,Enterprise management talent,4,8,7,5,24"
    );
    assert_eq!(
        lines[3],
        "enterprise_management/finance_commerce,  of which: Finance and commerce talent,2,2,1,1,6"
    );
    assert_eq!(lines[9], "talent_total,All talent,4,8,7,35,54");
    assert_eq!(lines[10], "not_talent,Not counted as talent,,,,,9");
    assert_eq!(lines[11], "everyone,Everyone,,,,,63");
    let table = m.to_table(Lang::ZhHans);
    assert!(
        table.contains("企业经营管理人才               4         8         7       5    24"),
        "{table}"
    );
}

#[cfg(feature = "json")]
#[test]
fn the_json_form_lists_disjoint_cells() {
    let m = sample();
    let v: serde_json::Value = serde_json::to_value(&m).unwrap();
    assert_eq!(
        (
            v["total"].as_u64(),
            v["talents"].as_u64(),
            v["not_talent"].as_u64()
        ),
        (Some(63), Some(54), Some(9))
    );
    let cells = v["cells"].as_array().unwrap();
    assert_eq!(
        cells.len(),
        (Stream::ALL.len() + Specialty::ALL.len()) * TIER_COLUMNS.len()
    );
    assert_eq!(
        cells
            .iter()
            .map(|c| c["count"].as_u64().unwrap())
            .sum::<u64>(),
        54
    );
    assert_eq!(v["entitlements"]["annual_reward"], 4);
    assert_eq!(
        v["missing_facts"]["above_designated_size"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        v["departments"].as_array().unwrap().len(),
        Department::ALL.len()
    );
}

/// The heatmaps in docs/ and the matrix in the README are the sample roster's, as the code draws them today.
/// After a deliberate change, regenerate them with `cargo run --example report -- --svg docs/sample-matrix.svg`
/// and `cargo run --example report -- --lang en --svg docs/sample-matrix.en.svg`, and paste the table.
#[test]
fn the_documented_matrix_is_the_sample_rosters() {
    let m = sample();
    let dir = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| std::fs::read_to_string(format!("{dir}/{p}")).unwrap();
    assert!(
        read("docs/sample-matrix.svg") == m.to_svg(Lang::ZhHans),
        "docs/sample-matrix.svg is stale"
    );
    assert!(
        read("docs/sample-matrix.en.svg") == m.to_svg(Lang::En),
        "docs/sample-matrix.en.svg is stale"
    );
    let readme = read("README.md");
    let table = m.to_table(Lang::ZhHans);
    let matrix_part: Vec<&str> = table.lines().take_while(|l| !l.is_empty()).collect();
    assert!(
        readme.contains(&matrix_part.join("\n")),
        "the README's matrix is stale:\n{}",
        matrix_part.join("\n")
    );
}
