//! Read a roster and print its two-way matrix: a table, CSV or JSON, and optionally an SVG heatmap.
//!
//! ```text
//! cargo run --example report                              # the bundled sample roster, table in zh-Hans
//! cargo run --example report -- people.csv --lang en      # a table with English labels
//! cargo run --example report -- people.csv --format csv   # the matrix as CSV
//! cargo run --example report -- people.csv --format json  # matrix, department workload, missing facts
//! cargo run --example report -- --svg matrix.svg          # also write a heatmap
//! cargo run --example report -- --xlsx report.xlsx        # also write the report as a workbook
//! cargo run --example report -- --policy examples/data/policy-example.toml   # under another policy
//! cargo run --example report -- --since last-year.xlsx this-year.xlsx  # this year against last year
//! cargo run --example report -- --targets examples/data/targets-2015.toml  # against the plan
//! ```
//!
//! Options: `--policy FILE` (a `.toml` or `.json` policy document, or `builtin`, the default),
//! `--lang zh|zh-Hant|en`, `--format table|csv|json`, `--svg FILE`, `--xlsx FILE` (the matrix, the departments'
//! workload, the entitlements and their totals, the records with missing facts and every person's cell, as
//! sheets of one workbook), `--by COLUMN` (a matrix per value of a grouping column, and the total), `--since
//! LAST` (this year's roster against last year's: each year's matrix, the change per cell, who moved, joined
//! and left; by unit with `--by`; `--moves FILE` writes the people as CSV; last year's row errors begin with
//! `"roster": LAST`), `--targets FILE` (the matrix against
//! a plan's targets, a TOML file: actual, target, difference and percent per cell), and the roster options of the
//! classify example (`--input-format`, `--encoding`, `--ignore-unknown-columns`). Rows that cannot be read go
//! to stderr as JSON error objects; the exit status is 0 when every row was counted, 1 when some were rejected,
//! 2 when the roster could not be read.

#[allow(dead_code)]
mod common;

use std::process::ExitCode;

use talent_matrix::compare::{Comparison, LastYear};
use talent_matrix::matrix::{ByUnit, all_units_label, unit_label};
use talent_matrix::plan::Plan;
use talent_matrix::report_xlsx::{Placement, Sheets};
use talent_matrix::{Lang, Matrix, Policy};

const USAGE: &str = "usage: report [ROSTER | -] [--policy FILE] [--lang zh|zh-Hant|en] [--format table|csv|json] [--svg FILE] [--xlsx FILE] [--by COLUMN] [--since LAST_ROSTER] [--moves FILE] [--targets FILE] \
                     [--input-format jsonl|csv|xlsx] [--sheet NAME] [--header-row N] [--encoding auto|utf-8|gb18030] [--ignore-unknown-columns] [--max-record-bytes N]";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Table,
    Csv,
    Json,
}

fn main() -> ExitCode {
    let mut roster_args = common::RosterArgs::default();
    let (mut lang, mut output, mut svg) = (Lang::ZhHans, Output::Table, None);
    let mut xlsx: Option<String> = None;
    let mut by: Option<String> = None;
    let mut since: Option<String> = None;
    let mut moves: Option<String> = None;
    let mut targets: Option<String> = None;
    let mut policy = Policy::shizhong_2011();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let taken: Result<bool, String> = match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--lang" => match args.next().map(|v| v.parse::<Lang>()) {
                Some(Ok(l)) => {
                    lang = l;
                    Ok(true)
                }
                Some(Err(e)) => Err(e.to_string()),
                None => Err("--lang needs zh, zh-Hant or en".to_owned()),
            },
            "--format" => match args.next().as_deref() {
                Some("table") => Ok(Some(Output::Table)),
                Some("csv") => Ok(Some(Output::Csv)),
                Some("json") => Ok(Some(Output::Json)),
                Some(other) => Err(format!(
                    "unknown format {other:?}, expected table, csv or json"
                )),
                None => Err("--format needs table, csv or json".to_owned()),
            }
            .map(|f| {
                output = f.unwrap_or(output);
                true
            }),
            "--policy" => common::policy_arg(&mut args).map(|p| {
                policy = p;
                true
            }),
            "--svg" => value(&mut args, "--svg needs a file name").map(|path| {
                svg = Some(path);
                true
            }),
            "--by" => match args.next() {
                Some(column) => {
                    roster_args.options = roster_args.options.clone().group_by(column.clone());
                    by = Some(column);
                    Ok(true)
                }
                None => Err("--by needs the name of a grouping column, e.g. 填报单位".to_owned()),
            },
            "--since" => value(&mut args, "--since needs last year's roster").map(|path| {
                since = Some(path);
                true
            }),
            "--targets" => value(&mut args, "--targets needs a plan's TOML file").map(|path| {
                targets = Some(path);
                true
            }),
            "--moves" => value(&mut args, "--moves needs a file name").map(|path| {
                moves = Some(path);
                true
            }),
            "--xlsx" => value(&mut args, "--xlsx needs a file name").map(|path| {
                xlsx = Some(path);
                true
            }),
            other => roster_args.take(other, &mut args),
        };
        match taken {
            Ok(true) => {}
            Ok(false) => return usage(&format!("unknown option {arg}")),
            Err(e) => return usage(&e),
        }
    }

    // The roster is read with the policy: the fields it adds (DOMAIN.md §9.2) are read and checked too.
    roster_args.options = roster_args.options.clone().policy(policy.clone());
    if targets.is_some() && (since.is_some() || by.is_some()) {
        return usage(
            "--targets sets the whole roster against the plan; give it without --since and --by",
        );
    }
    // The plan is read before any roster, so that a bad targets file costs nothing.
    let plan = match targets.as_deref().map(|path| read_plan(path, &policy)) {
        Some(Ok(plan)) => Some(plan),
        Some(Err(e)) => {
            eprintln!("report: {e}");
            return ExitCode::from(2);
        }
        None => None,
    };

    // With --since, last year's roster is read first, into the comparison.
    // Rows of last year's roster that were rejected: they count for the exit status as this year's do.
    let mut last_rejected = 0;
    let mut year = match &since {
        Some(path) => {
            let last = common::RosterArgs {
                path: Some(path.clone()),
                format: None,
                options: roster_args.options.clone(),
            };
            let mut roster = match last.open_or_report() {
                Ok(r) => r,
                Err(code) => return code,
            };
            let mut year = LastYear::new();
            let mut classifier = common::Classifier::new(&policy);
            for item in roster.by_ref() {
                match item {
                    Ok(row) => {
                        let c = classifier.classify(row.profile());
                        if let Err(e) = year.add(&c, row.group(0)) {
                            eprintln!("report: {path}: {e}");
                        }
                    }
                    // Last year's row errors name their roster first, so they are not taken for this year's.
                    Err(e) => eprintln!(
                        "{{\"roster\":{},{}",
                        serde_json::Value::from(path.as_str()),
                        e.to_json().trim_start_matches('{')
                    ),
                }
            }
            eprintln!("{path}: {}", roster.summary());
            last_rejected = roster.summary().rejected();
            Some(year.then())
        }
        None => None,
    };

    let mut roster = match roster_args.open_or_report() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let printed = roster.notices().len();
    let mut matrix = Matrix::new();
    let mut classifier = common::Classifier::new(&policy);
    let mut progress = common::Progress::new();
    let mut rows = 0u64;
    // Every person's cell, kept only for the workbook's list of them.
    let mut people = Vec::new();
    // With --by, a matrix per value of the grouping column, in the order first met.
    let mut by_unit = ByUnit::new();
    for item in roster.by_ref() {
        rows += 1;
        progress.tick(rows);
        match item {
            Ok(row) => {
                let c = classifier.classify(row.profile());
                if xlsx.is_some() {
                    people.push(Placement::of(&c));
                }
                if let Some(year) = &mut year
                    && let Err(e) = year.add(&c, row.group(0))
                {
                    eprintln!("report: {e}");
                }
                if by.is_some() && year.is_none() {
                    by_unit.add(row.group(0), &c);
                }
                matrix.add(&c);
            }
            Err(e) => eprintln!("{}", e.to_json()),
        }
    }
    progress.finish();
    let units = by_unit.into_units();

    if let Some(year) = year {
        let comparison = year.finish();
        if let Err(e) = print_comparison(by.as_deref(), &comparison, lang, output) {
            eprintln!("report: {e}");
            return ExitCode::from(2);
        }
        if let Some(path) = &moves
            && let Err(e) = std::fs::write(path, comparison.people_csv(lang))
        {
            eprintln!("report: cannot write {path}: {e}");
            return ExitCode::from(2);
        }
    }
    let printed_units = match (&by, since.is_some()) {
        _ if plan.is_some() && since.is_none() && by.is_none() => {
            print_plan(&plan, &matrix, lang, output)
        }
        (_, true) => Ok(()),
        (Some(column), false) => print_units(column, &units, &matrix, lang, output),
        (None, false) => print_matrix(&matrix, lang, output),
    };
    if let Err(e) = printed_units {
        eprintln!("report: {e}");
        return ExitCode::from(2);
    }
    if let Some(path) = svg
        && let Err(e) = std::fs::write(
            &path,
            match (&by, &plan) {
                (Some(column), _) if since.is_none() => matrix.to_svg_by(lang, column, &units),
                (None, Some(plan)) => plan.report(&matrix).to_svg(lang),
                _ => matrix.to_svg(lang),
            },
        )
    {
        eprintln!("report: cannot write {path}: {e}");
        return ExitCode::from(2);
    }
    if let Some(path) = xlsx {
        let written = matrix
            .to_xlsx_with(lang, &sheets(&people, &units, plan.as_ref()))
            .map_err(|e| e.to_string())
            .and_then(|bytes| std::fs::write(&path, bytes).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("report: cannot write {path}: {e}");
            return ExitCode::from(2);
        }
    }
    common::late_notices(&roster, printed);
    eprintln!("{}", roster.summary());
    if roster.summary().rejected() == 0 && last_rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Prints one matrix in the chosen form.
fn print_matrix(matrix: &Matrix, lang: Lang, output: Output) -> Result<(), String> {
    match output {
        Output::Table => print!("{}", matrix.to_table(lang)),
        Output::Csv => print!("{}", matrix.to_csv(lang)),
        Output::Json => println!(
            "{}",
            talent_matrix::safety::to_json_pretty(matrix).map_err(|e| e.to_string())?
        ),
    }
    Ok(())
}

/// Prints a matrix per unit and the total: tables one after another under a heading, CSV with a leading
/// `unit` column, JSON as `{"by", "units": [{"unit", "matrix"}], "total"}`.
fn print_units(
    column: &str,
    units: &[(Option<String>, Matrix)],
    total: &Matrix,
    lang: Lang,
    output: Output,
) -> Result<(), String> {
    let everyone = all_units_label(lang);
    let shown = |u: &Option<String>| unit_label(u.as_deref(), lang).into_owned();
    match output {
        Output::Table => {
            for (unit, m) in units {
                println!(
                    "== {column}: {} ==",
                    talent_matrix::safety::Shown(&shown(unit))
                );
                println!("{}", m.to_table(lang));
            }
            println!("== {column}: {everyone} ==");
            print!("{}", total.to_table(lang));
        }
        Output::Csv => {
            print_csv_by_unit(
                units
                    .iter()
                    .map(|(u, m)| (shown(u), m.to_csv(lang)))
                    .chain(std::iter::once((everyone.to_owned(), total.to_csv(lang)))),
            );
        }
        Output::Json => {
            let units: Vec<serde_json::Value> = units
                .iter()
                .map(|(u, m)| {
                    Ok(serde_json::json!({ "unit": u, "matrix": serde_json::to_value(m)? }))
                })
                .collect::<Result<_, serde_json::Error>>()
                .map_err(|e| e.to_string())?;
            let json = serde_json::json!({
                "by": column,
                "units": units,
                "total": serde_json::to_value(total).map_err(|e| e.to_string())?,
            });
            println!(
                "{}",
                talent_matrix::safety::to_json_pretty(&json).map_err(|e| e.to_string())?
            );
        }
    }
    Ok(())
}

/// Prints this year against last year: with `--by`, each unit's figures under a heading and then the total's;
/// the people who moved, joined and left in the table and the JSON (in CSV, `--moves` writes them).
fn print_comparison(
    by: Option<&str>,
    comparison: &Comparison,
    lang: Lang,
    output: Output,
) -> Result<(), String> {
    let everyone = all_units_label(lang);
    match output {
        Output::Table => {
            if let Some(column) = by {
                for (unit, figures) in comparison.units() {
                    println!(
                        "== {column}: {} ==",
                        talent_matrix::safety::Shown(&unit_label(unit, lang))
                    );
                    println!("{}", figures.to_table(lang));
                }
                println!("== {column}: {everyone} ==");
            }
            print!("{}", comparison.to_table(lang));
        }
        Output::Csv => match by {
            Some(_) => {
                print_csv_by_unit(
                    comparison
                        .units()
                        .map(|(u, f)| (unit_label(u, lang).into_owned(), f.to_csv(lang)))
                        .chain(std::iter::once((
                            everyone.to_owned(),
                            comparison.total().to_csv(lang),
                        ))),
                );
            }
            None => print!("{}", comparison.total().to_csv(lang)),
        },
        Output::Json => println!(
            "{}",
            talent_matrix::safety::to_json_pretty(comparison).map_err(|e| e.to_string())?
        ),
    }
    Ok(())
}

/// The report workbook's sheets: every person's cell, a sheet per unit (with --by) and the plan's.
fn sheets<'a>(
    people: &'a [Placement],
    units: &'a [(Option<String>, Matrix)],
    plan: Option<&'a Plan>,
) -> Sheets<'a> {
    let sheets = Sheets::new().people(people).units(units);
    match plan {
        Some(plan) => sheets.plan(plan),
        None => sheets,
    }
}

/// Reads a plan's targets file (TOML), checked against the policy.
fn read_plan(path: &str, policy: &Policy) -> Result<Plan, String> {
    let text = common::read_text(path, talent_matrix::plan::MAX_BYTES, "a plan's targets")?;
    Plan::from_toml(&text, policy).map_err(|e| format!("{path}: {e}"))
}

/// Prints the matrix against the plan.
fn print_plan(
    plan: &Option<Plan>,
    matrix: &Matrix,
    lang: Lang,
    output: Output,
) -> Result<(), String> {
    let Some(plan) = plan else {
        return Ok(());
    };
    let report = plan.report(matrix);
    match output {
        Output::Table => print!("{}", report.to_table(lang)),
        Output::Csv => print!("{}", report.to_csv(lang)),
        Output::Json => println!(
            "{}",
            talent_matrix::safety::to_json_pretty(&report).map_err(|e| e.to_string())?
        ),
    }
    Ok(())
}

/// Prints CSV tables of the same header one after another, each line after the first header led by its unit.
fn print_csv_by_unit(tables: impl Iterator<Item = (String, String)>) {
    for (i, (unit, csv)) in tables.enumerate() {
        for (j, line) in csv.lines().enumerate() {
            match (i, j) {
                (0, 0) => println!("unit,{line}"),
                (_, 0) => {}
                _ => println!("{},{line}", talent_matrix::safety::csv_cell(&unit)),
            }
        }
    }
}

/// The value an option needs, or `missing` as the error.
fn value(args: &mut impl Iterator<Item = String>, missing: &str) -> Result<String, String> {
    args.next().ok_or_else(|| missing.to_owned())
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("report: {problem}\n{USAGE}");
    ExitCode::from(2)
}
