//! Write a roster as an `.xlsx` workbook that the roster reader reads back: a header row of field codes and any
//! grouping columns kept with `--keep`, a row per person (codes as text, numbers as numbers, flags as booleans).
//!
//! ```text
//! cargo run --example to_workbook -- examples/data/roster-2012.csv --keep 填报单位 --output roster-2012.xlsx
//! cargo run --release --example gen_roster -- --rows 1000000 --format csv | \
//!     cargo run --release --example to_workbook -- - --input-format csv --output big.xlsx
//! ```
//!
//! Options: `--output FILE` (required), `--keep COLUMN` (a grouping column to keep beside the profile, e.g.
//! 填报单位; may be given more than once), `--policy FILE` (the policy whose own fields the roster has), and the
//! roster options of the classify example. Rows that cannot be read go to stderr as JSON error objects and are
//! not written; the exit status is 0 when every row was written, 1 when some were rejected, 2 when the roster
//! could not be read or the workbook not written.

#[allow(dead_code)]
mod common;

use std::process::ExitCode;

use talent_matrix::Policy;
use talent_matrix::report_xlsx::RosterSheet;

const USAGE: &str = "usage: to_workbook [ROSTER | -] --output FILE [--keep COLUMN]... [--policy FILE] \
                     [--input-format jsonl|csv|xlsx] [--sheet NAME] [--header-row N] [--encoding auto|utf-8|gb18030] [--ignore-unknown-columns]";

fn main() -> ExitCode {
    let mut roster_args = common::RosterArgs::default();
    let mut output: Option<String> = None;
    let mut keep: Vec<String> = Vec::new();
    let mut policy = Policy::shizhong_2011();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let taken: Result<bool, String> = match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--output" => args
                .next()
                .map(|p| output = Some(p))
                .map(|()| true)
                .ok_or_else(|| "--output needs a file name".to_owned()),
            "--keep" => match args.next() {
                Some(column) => {
                    roster_args.options = roster_args.options.clone().group_by(column.clone());
                    keep.push(column);
                    Ok(true)
                }
                None => Err("--keep needs the name of a grouping column".to_owned()),
            },
            "--policy" => common::policy_arg(&mut args).map(|p| {
                policy = p;
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
    let Some(output) = output else {
        return usage("--output is required");
    };
    roster_args.options = roster_args.options.clone().policy(policy.clone());
    let mut roster = match roster_args.open_or_report() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut sheet = RosterSheet::new();
    for item in roster.by_ref() {
        match item {
            Ok(row) => {
                let groups: Vec<(&str, Option<&str>)> = keep
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.as_str(), row.group(i)))
                    .collect();
                if let Err(e) = sheet.add(row.profile(), &groups) {
                    eprintln!("to_workbook: line {}: {e}", row.line());
                    return ExitCode::from(2);
                }
            }
            Err(e) => eprintln!("{}", e.to_json()),
        }
    }
    let written = sheet
        .finish()
        .map_err(|e| e.to_string())
        .and_then(|bytes| std::fs::write(&output, bytes).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("to_workbook: cannot write {output}: {e}");
        return ExitCode::from(2);
    }
    eprintln!("{}", roster.summary());
    if roster.summary().rejected() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("to_workbook: {problem}\n{USAGE}");
    ExitCode::from(2)
}
