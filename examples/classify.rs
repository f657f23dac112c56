//! Classify a JSON Lines roster and print one DOMAIN.md §6 record per line.
//!
//! ```text
//! cargo run --example classify                 # the bundled sample roster (examples/data/roster.jsonl)
//! cargo run --example classify -- people.jsonl # your own roster
//! ```
//!
//! Records go to stdout. Each line that cannot be read goes to stderr as one JSON error object
//! (`{"line", "id", "field", "value", "error"}`, DOMAIN.md §8) and the run goes on; a repeated id is rejected,
//! naming the line that first used it. A summary line ends stderr. The exit status is 0 when every line was
//! classified, 1 when some were rejected, 2 when the roster could not be read at all.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use talent_matrix::{Profile, classify};

/// The sample roster, embedded so the example runs from any directory.
const SAMPLE: &str = include_str!("data/roster.jsonl");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => run(BufReader::new(SAMPLE.as_bytes())),
        [path] if path != "-h" && path != "--help" => match std::fs::File::open(path) {
            Ok(file) => run(BufReader::new(file)),
            Err(e) => {
                eprintln!("{}", file_error(&format!("cannot open {path}: {e}")));
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: classify [ROSTER.jsonl]   (no argument: the bundled sample roster)");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("{}", file_error(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Classifies every line; returns the number of rejected lines.
fn run(input: impl BufRead) -> io::Result<usize> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let (mut read, mut classified, mut rejected) = (0usize, 0usize, 0usize);
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let line = line?;
        let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
        if line.trim().is_empty() {
            continue;
        }
        read += 1;
        match Profile::from_json(line) {
            Ok(profile) => match seen.get(profile.id()) {
                Some(first) => {
                    rejected += 1;
                    let message =
                        format!("duplicate id {}, first used on line {first}", profile.id());
                    writeln!(
                        err,
                        "{}",
                        error_object(
                            number,
                            Some(profile.id()),
                            Some("id"),
                            Some(profile.id()),
                            &message
                        )
                    )?;
                }
                None => {
                    seen.insert(profile.id().to_owned(), number);
                    classify(&profile).write_json(&mut out)?;
                    out.write_all(b"\n")?;
                    classified += 1;
                }
            },
            Err(e) => {
                rejected += 1;
                let id = id_of(line);
                let value = e.value();
                writeln!(
                    err,
                    "{}",
                    error_object(
                        number,
                        id.as_deref(),
                        e.field(),
                        value.as_deref(),
                        &e.to_string()
                    )
                )?;
            }
        }
    }
    out.flush()?;
    writeln!(
        err,
        "rows read: {read}, classified: {classified}, rejected: {rejected}"
    )?;
    Ok(rejected)
}

/// The trimmed `id` of a line, when the line is a JSON object with a string `id`.
fn id_of(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let id = value.get("id")?.as_str()?.trim();
    (!id.is_empty()).then(|| id.to_owned())
}

/// One DOMAIN.md §8 error object, keys in the contract's order.
fn error_object(
    line: usize,
    id: Option<&str>,
    field: Option<&str>,
    value: Option<&str>,
    error: &str,
) -> String {
    let json = |v: Option<&str>| serde_json::Value::from(v).to_string();
    format!(
        r#"{{"line":{line},"id":{},"field":{},"value":{},"error":{}}}"#,
        json(id),
        json(field),
        json(value),
        json(Some(error))
    )
}

fn file_error(error: &str) -> String {
    error_object(1, None, None, None, error)
}
