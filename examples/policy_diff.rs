//! Compare two policies on a roster: who changes cell, before and after, and the rule that made the difference.
//!
//! ```text
//! cargo run --example policy_diff -- builtin examples/data/policy-example.toml            # the sample roster
//! cargo run --example policy_diff -- old.toml new.toml people.csv
//! ```
//!
//! A policy is `builtin` (shizhong-2011) or a `.toml` or `.json` policy document. Each policy is checked when it
//! is loaded; a policy with problems is refused with every problem listed. Output: one line per person whose
//! cell changes (`id  before → after  rule  reason`), then a summary of the moves. Rows that cannot be read go to
//! stderr as JSON error objects. Exit status 0, or 2 when a policy or the roster cannot be read.

#[allow(dead_code)]
mod common;

use std::process::ExitCode;

use talent_matrix::diff::{Moves, compare};
use talent_matrix::safety::Shown;

const USAGE: &str = "usage: policy_diff POLICY_A POLICY_B [ROSTER | -] [--input-format jsonl|csv|xlsx] [--sheet NAME] [--header-row N] \
                     [--encoding auto|utf-8|gb18030] [--ignore-unknown-columns] [--max-record-bytes N]   (POLICY: builtin, .toml or .json)";

fn main() -> ExitCode {
    let mut roster_args = common::RosterArgs::default();
    let mut policies = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        if policies.len() < 2 && !arg.starts_with("--") {
            policies.push(arg);
            continue;
        }
        match roster_args.take(&arg, &mut args) {
            Ok(true) => {}
            Ok(false) => return fail(&format!("unknown option {arg}")),
            Err(e) => return fail(&e),
        }
    }
    let [a, b] = policies.as_slice() else {
        return fail("give two policies");
    };
    let (before, after) = match (common::load_policy(a), common::load_policy(b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("policy_diff: {e}");
            return ExitCode::from(2);
        }
    };
    // Names and ids as a terminal should show them (control characters escaped).
    println!(
        "# {} ({}) → {} ({})",
        Shown(before.name()),
        before.hash(),
        Shown(after.name()),
        after.hash()
    );
    // The roster is read with the policy that adds fields to the profile (DOMAIN.md §9.2), the second if both
    // do (the first's own columns are then unknown: --ignore-unknown-columns skips them).
    let reader = [&after, &before]
        .into_iter()
        .find(|p| p.field_codes().next().is_some());
    if let Some(policy) = reader {
        roster_args.options = roster_args.options.clone().policy(policy.clone());
    }
    let mut roster = match roster_args.open_or_report() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let printed = roster.notices().len();
    let mut moves = Moves::default();
    for item in roster.by_ref() {
        match item {
            Ok(row) => {
                if let Some(change) = compare(&before, &after, row.profile()) {
                    println!(
                        "{}  {} → {}  {}  {}",
                        Shown(&change.id),
                        change.before,
                        change.after,
                        change.rule,
                        change.en
                    );
                    moves.add(&change);
                }
            }
            Err(e) => eprintln!("{}", e.to_json()),
        }
    }
    println!("# moves ({} people):", moves.total());
    for (from, to, n) in moves.iter() {
        println!("#   {from} → {to}: {n}");
    }
    common::late_notices(&roster, printed);
    eprintln!("{}", roster.summary());
    ExitCode::SUCCESS
}

fn fail(problem: &str) -> ExitCode {
    eprintln!("policy_diff: {problem}\n{USAGE}");
    ExitCode::from(2)
}
