//! Classify a roster and write one DOMAIN.md §6 record per row.
//!
//! ```text
//! cargo run --example classify                          # the bundled sample roster (examples/data/roster.jsonl)
//! cargo run --example classify -- people.csv            # a CSV or JSON Lines roster, by extension
//! cargo run --example classify -- people.csv --format csv > classified.csv
//! cargo run --example classify -- - --input-format csv < people.csv
//! cargo run --example classify -- --policy examples/data/policy-example.toml people.csv
//! ```
//!
//! Options: `--policy FILE` (a `.toml` or `.json` policy document, or `builtin`, the default),
//! `--format jsonl|csv|xlsx` (output, default jsonl; `xlsx` writes one sheet, a column per §6 field, and needs
//! `--output FILE`), `--output FILE` (instead of stdout), `--input-format jsonl|csv|xlsx` (default: by extension: `.jsonl`, `.csv`, `.xlsx`, `.xls`, `.ods`), `--sheet NAME` and `--header-row N` (a workbook's sheet, else the first, and its header row, else the first that is not blank),
//! `--encoding auto|utf-8|gb18030` (CSV input, default auto), `--ignore-unknown-columns`, `--max-record-bytes N`
//! (default 1048576: a longer record is one rejected row, skipped).
//!
//! Records go to stdout. Each row that cannot be read goes to stderr as one JSON error object
//! (`{"line", "id", "field", "value", "error"}`) and the run goes on; a summary line ends stderr. The exit
//! status is 0 when every row was classified, 1 when some were rejected, 2 when the roster could not be read
//! (one error object at line 1, no row counted). Rows read = classified + rejected, always.

#[allow(dead_code)]
mod common;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use talent_matrix::report_xlsx::RecordsSheet;
use talent_matrix::roster::{Format, Roster};
use talent_matrix::{Classification, Policy};

const USAGE: &str = "usage: classify [ROSTER | -] [--policy FILE] [--format jsonl|csv|xlsx] [--output FILE] [--input-format jsonl|csv|xlsx] [--sheet NAME] [--header-row N] \
                     [--encoding auto|utf-8|gb18030] [--ignore-unknown-columns] [--max-record-bytes N]";

fn main() -> ExitCode {
    let mut roster_args = common::RosterArgs::default();
    let mut output = Format::JsonLines;
    let mut output_file: Option<String> = None;
    let mut policy = Policy::shizhong_2011();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let taken = match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--policy" => common::policy_arg(&mut args).map(|p| {
                policy = p;
                true
            }),
            "--format" => match args.next().map(|v| v.parse::<Format>()) {
                Some(Ok(f)) => {
                    output = f;
                    Ok(true)
                }
                Some(Err(e)) => Err(e.to_string()),
                None => Err("--format needs jsonl, csv or xlsx".to_owned()),
            },
            "--output" => match args.next() {
                Some(path) => {
                    output_file = Some(path);
                    Ok(true)
                }
                None => Err("--output needs a file name".to_owned()),
            },
            other => roster_args.take(other, &mut args),
        };
        match taken {
            Ok(true) => {}
            Ok(false) => return usage(&format!("unknown option {arg}")),
            Err(e) => return usage(&e),
        }
    }
    if output == Format::Workbook && output_file.is_none() {
        return usage(
            "--format xlsx needs --output FILE (a workbook is not written to a terminal)",
        );
    }
    // The roster is read with the policy: the fields it adds (DOMAIN.md §9.2) are read and checked too.
    roster_args.options = roster_args.options.clone().policy(policy.clone());
    let roster = match roster_args.open_or_report() {
        Ok(r) => r,
        Err(code) => return code,
    };
    match run(roster, &policy, output, output_file.as_deref()) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("classify: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("classify: {problem}\n{USAGE}");
    ExitCode::from(2)
}

/// Classifies every row; returns the number of rejected rows.
fn run(
    mut roster: Roster<'_>,
    policy: &Policy,
    output: Format,
    output_file: Option<&str>,
) -> io::Result<u64> {
    let printed = roster.notices().len();
    let target: Box<dyn Write> = match output_file.filter(|_| output != Format::Workbook) {
        Some(path) => Box::new(std::fs::File::create(path)?),
        None => Box::new(io::stdout().lock()),
    };
    let stderr = io::stderr();
    let mut err = BufWriter::new(stderr.lock());
    // With --format csv the CSV writer (which buffers) writes to stdout instead.
    // JSON Lines through a buffer; CSV through the CSV writer, which buffers itself.
    let (mut out, mut csv) = match output {
        Format::Csv => (None, Some(csv::Writer::from_writer(target))),
        _ => (Some(BufWriter::with_capacity(1 << 16, target)), None),
    };
    if let Some(w) = csv.as_mut() {
        w.write_record(Classification::CSV_HEADER)?;
    }
    // With --format xlsx the records go to one sheet of a workbook, written at the end.
    let mut sheet = match output {
        Format::Workbook => Some(RecordsSheet::new().map_err(io::Error::other)?),
        _ => None,
    };
    let mut progress = common::Progress::new();
    let mut classifier = common::Classifier::new(policy);
    let mut rows = 0u64;
    for item in roster.by_ref() {
        rows += 1;
        progress.tick(rows);
        match item {
            Ok(row) => {
                let c = classifier.classify(row.profile());
                match (csv.as_mut(), sheet.as_mut()) {
                    // Cells neutralised for spreadsheets: nothing a person gave runs as a formula.
                    (Some(w), _) => w.write_record(c.csv_cells())?,
                    // Every text a string cell: nothing runs as a formula either.
                    (None, Some(s)) => s.add(&c).map_err(io::Error::other)?,
                    (None, None) => {
                        if let Some(out) = out.as_mut() {
                            c.write_json(&mut *out)?;
                            out.write_all(b"\n")?;
                        }
                    }
                }
            }
            Err(e) => writeln!(err, "{}", e.to_json())?,
        }
    }
    if let Some(mut w) = csv {
        w.flush()?;
    }
    if let (Some(sheet), Some(path)) = (sheet, output_file) {
        std::fs::write(path, sheet.finish().map_err(io::Error::other)?)?;
    }
    if let Some(out) = out.as_mut() {
        out.flush()?;
    }
    progress.finish();
    err.flush()?;
    common::late_notices(&roster, printed);
    writeln!(err, "{}", roster.summary())?;
    err.flush()?;
    Ok(roster.summary().rejected())
}
