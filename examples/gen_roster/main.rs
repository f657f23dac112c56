//! Write a synthetic roster with a realistic mix of people, for benchmarks and load tests.
//!
//! ```text
//! cargo run --release --example gen_roster -- --rows 1000000 --seed 7 > big.jsonl
//! cargo run --release --example gen_roster -- --rows 1000 --format csv --headers zh > people.csv
//! ```
//!
//! Options: `--rows N` (default 1000), `--seed S` (default 1; the same seed gives the same roster),
//! `--format jsonl|csv` (default jsonl), `--headers codes|zh` (CSV column names, default zh).

mod generator;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: gen_roster [--rows N] [--seed S] [--format jsonl|csv] [--headers codes|zh]";

fn main() -> ExitCode {
    let (mut rows, mut seed, mut csv, mut zh) = (1000u64, 1u64, false, true);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let ok = match (arg.as_str(), value.as_deref()) {
            ("--rows", Some(v)) => v.parse().map(|n| rows = n).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|s| seed = s).is_ok(),
            ("--format", Some("jsonl")) => {
                csv = false;
                true
            }
            ("--format", Some("csv")) => {
                csv = true;
                true
            }
            ("--headers", Some("codes")) => {
                zh = false;
                true
            }
            ("--headers", Some("zh")) => {
                zh = true;
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!(
                "gen_roster: bad option {arg} {}\n{USAGE}",
                value.unwrap_or_default()
            );
            return ExitCode::from(2);
        }
    }
    match write(rows, seed, csv, zh) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_roster: {e}");
            ExitCode::from(1)
        }
    }
}

fn write(rows: u64, seed: u64, csv: bool, zh: bool) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if csv {
        let header: &[&str] = if zh {
            &generator::ZH_HEADERS
        } else {
            &generator::FIELDS
        };
        writeln!(out, "{}", header.join(","))?;
    }
    let mut g = generator::Generator::new(seed);
    for _ in 0..rows {
        let rec = g.record();
        let line = if csv {
            generator::to_csv_line(&rec)
        } else {
            generator::to_json_line(&rec)
        };
        writeln!(out, "{line}")?;
    }
    out.flush()
}
