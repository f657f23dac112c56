//! What the example binaries share: reading the command line, opening a roster, showing progress.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use talent_matrix::policy::PolicyDoc;
use talent_matrix::roster::{Encoding, FileError, Format, Roster, RosterOptions};
use talent_matrix::{Classification, Policy, Prepared, Profile};

/// The sample roster, embedded so the examples run from any directory.
pub const SAMPLE: &str = include_str!("../data/roster.jsonl");

/// The roster options every example takes, and the roster path (`None`: the bundled sample; `-`: stdin).
#[derive(Debug, Default)]
pub struct RosterArgs {
    pub path: Option<String>,
    pub format: Option<Format>,
    pub options: RosterOptions,
}

impl RosterArgs {
    /// Takes `--input-format`, `--encoding`, `--ignore-unknown-columns`, `--max-record-bytes` or a path;
    /// `Ok(false)` if `arg` is none of them.
    pub fn take(
        &mut self,
        arg: &str,
        rest: &mut impl Iterator<Item = String>,
    ) -> Result<bool, String> {
        match arg {
            "--input-format" => {
                let v = rest
                    .next()
                    .ok_or("--input-format needs jsonl, csv or xlsx")?;
                self.format = Some(v.parse().map_err(|e| format!("{e}"))?);
            }
            "--encoding" => {
                let v = rest
                    .next()
                    .ok_or("--encoding needs auto, utf-8 or gb18030")?;
                let encoding: Encoding = v.parse().map_err(|e| format!("{e}"))?;
                self.options = self.options.clone().encoding(encoding);
            }
            "--sheet" => {
                let v = rest
                    .next()
                    .ok_or("--sheet needs the name of a workbook's sheet")?;
                self.options = self.options.clone().sheet(v);
            }
            "--header-row" => {
                let v = rest
                    .next()
                    .ok_or("--header-row needs the number of the workbook's header row")?;
                let n: u32 =
                    v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        format!("--header-row needs a row number from 1, got {v:?}")
                    })?;
                self.options = self.options.clone().header_row(n);
            }
            "--ignore-unknown-columns" => {
                self.options = self.options.clone().ignore_unknown_columns(true);
            }
            "--max-record-bytes" => {
                let v = rest
                    .next()
                    .ok_or("--max-record-bytes needs a number of bytes")?;
                let n: usize = v.parse().map_err(|_| {
                    format!("--max-record-bytes needs a number of bytes, got {v:?}")
                })?;
                self.options = self.options.clone().max_record_bytes(n);
            }
            a if !a.starts_with("--") || a == "-" => {
                if self.path.replace(a.to_owned()).is_some() {
                    return Err("give one roster at most".to_owned());
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Opens the roster, or reports why not (one error object at line 1, no row counted) and gives the exit
    /// status 2 to return.
    pub fn open_or_report(&self) -> Result<Roster<'static>, std::process::ExitCode> {
        self.open().map_err(|e| {
            eprintln!("{}", e.to_row_error().to_json());
            eprintln!("rows read: 0, classified: 0, rejected: 0");
            std::process::ExitCode::from(2)
        })
    }

    /// Opens the roster and prints its notices on stderr.
    pub fn open(&self) -> Result<Roster<'static>, FileError> {
        let roster = match self.path.as_deref() {
            None => Roster::from_reader(SAMPLE.as_bytes(), Format::JsonLines, &self.options)?,
            Some("-") => Roster::from_reader(
                std::io::stdin().lock(),
                self.format.unwrap_or(Format::JsonLines),
                &self.options,
            )?,
            Some(path) => Roster::open(path, self.format, &self.options)?,
        };
        for notice in roster.notices() {
            eprintln!("notice: {notice}");
        }
        Ok(roster)
    }
}

/// Prints the notices a roster gave after it was opened (the encoding of a CSV that was plain ASCII at its
/// start is chosen at its first row that is not); `printed` is how many were printed at opening.
pub fn late_notices(roster: &Roster<'_>, printed: usize) {
    for notice in roster.notices().iter().skip(printed) {
        eprintln!("notice: {notice}");
    }
}

/// A row counter on stderr, shown only when stderr is a terminal and the roster is large (after a second).
pub struct Progress {
    shown: bool,
    enabled: bool,
    start: Instant,
    last: Instant,
}

impl Progress {
    pub fn new() -> Progress {
        let now = Instant::now();
        Progress {
            shown: false,
            enabled: std::io::stderr().is_terminal(),
            start: now,
            last: now,
        }
    }

    /// Called once per row; redraws at most a few times a second.
    pub fn tick(&mut self, rows: u64) {
        if !self.enabled || !rows.is_multiple_of(4096) {
            return;
        }
        let now = Instant::now();
        if now - self.start < Duration::from_secs(1) || now - self.last < Duration::from_millis(200)
        {
            return;
        }
        self.last = now;
        self.shown = true;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{rows} rows…");
        let _ = err.flush();
    }

    /// Clears the counter line, if it was shown.
    pub fn finish(&self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

/// Loads a policy: `builtin` (shizhong-2011) or a policy document (TOML; JSON when the file name ends in
/// `.json`); the error names the file and every problem of the document.
pub fn load_policy(name: &str) -> Result<Policy, String> {
    if name == "builtin" {
        return Ok(Policy::shizhong_2011());
    }
    let limit = talent_matrix::policy::Limits::default().document_bytes();
    let text = read_text(name, limit, "a policy document")?;
    let doc = if name.ends_with(".json") {
        PolicyDoc::from_json(&text)
    } else {
        PolicyDoc::from_toml(&text)
    }
    .map_err(|e| format!("{name}: {e}"))?;
    Policy::from_doc(&doc).map_err(|e| format!("{name}: {e}"))
}

/// Reads a text file of at most `limit` bytes, counting the bytes as they are read (a device or a file that
/// grows is refused once it passes the limit, with at most the limit and one byte held).
pub fn read_text(path: &str, limit: usize, what: &str) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(format!("cannot read {path}: a directory, not {what}"));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "{path}: more than {limit} bytes, the limit of {what}; is it the right file?"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: not UTF-8 text at byte {}: save {what} as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Takes the value of `--policy` from the arguments and loads it (see [`load_policy`]).
pub fn policy_arg(rest: &mut impl Iterator<Item = String>) -> Result<Policy, String> {
    let name = rest
        .next()
        .ok_or("--policy needs a .toml or .json file, or builtin")?;
    load_policy(&name)
}

/// Classifies a roster's rows one by one, and prepares the policy ([`Policy::prepare`]) once the run has read
/// [`Prepared::PAYS_AFTER`] rows: a short roster never pays for the table, a long one is classified from it.
pub struct Classifier<'p> {
    policy: &'p Policy,
    prepared: Option<Prepared<'p>>,
    rows: usize,
}

impl<'p> Classifier<'p> {
    pub fn new(policy: &'p Policy) -> Classifier<'p> {
        Classifier {
            policy,
            prepared: None,
            rows: 0,
        }
    }

    pub fn classify<'a>(&mut self, profile: &'a Profile) -> Classification<'a>
    where
        'p: 'a,
    {
        self.rows += 1;
        if self.rows == Prepared::PAYS_AFTER {
            self.prepared = Some(self.policy.prepare());
        }
        match &self.prepared {
            Some(prepared) => prepared.classify(profile),
            None => self.policy.classify(profile),
        }
    }
}
