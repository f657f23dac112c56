//! For each person of a roster below the top tier of their stream's ladder, print the way up in both languages.
//!
//! ```text
//! cargo run --example progression                                           # the sample roster, built-in policy
//! cargo run --example progression -- --policy examples/data/policy-example.toml
//! cargo run --example progression -- --policy examples/data/policy-other-place.toml examples/data/roster-other-place.csv
//! ```

#[allow(dead_code)]
mod common;

use std::process::ExitCode;

use talent_matrix::Policy;
use talent_matrix::progression::progression;
use talent_matrix::safety::Shown;

fn main() -> ExitCode {
    let mut roster_args = common::RosterArgs::default();
    let mut policy = Policy::shizhong_2011();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--policy" {
            match common::policy_arg(&mut args) {
                Ok(p) => policy = p,
                Err(e) => {
                    eprintln!("progression: {e}");
                    return ExitCode::from(2);
                }
            }
            continue;
        }
        match roster_args.take(&arg, &mut args) {
            Ok(true) => {}
            Ok(false) | Err(_) => {
                eprintln!(
                    "usage: progression [ROSTER] [--policy FILE.toml] [--input-format jsonl|csv|xlsx] [--sheet NAME] [--header-row N]"
                );
                return ExitCode::from(2);
            }
        }
    }
    // The roster is read with the policy: the fields it adds (DOMAIN.md §9.2) are read and checked too.
    roster_args.options = roster_args.options.clone().policy(policy.clone());
    let mut roster = match roster_args.open_or_report() {
        Ok(r) => r,
        Err(code) => return code,
    };
    for item in roster.by_ref() {
        let row = match item {
            Ok(row) => row,
            Err(e) => {
                eprintln!("{}", e.to_json());
                continue;
            }
        };
        let p = row.profile();
        let path = progression(&policy, p);
        if path.steps().is_empty() && path.passed_over().is_empty() {
            continue;
        }
        let now = path.tier().map_or(("无层次", "no tier"), |t| {
            (
                t.label(talent_matrix::Lang::ZhHans),
                t.label(talent_matrix::Lang::En),
            )
        });
        // Ids and names as a terminal should show them (control characters escaped).
        println!(
            "{} {}  ({} / {})",
            Shown(p.id()),
            Shown(p.name().unwrap_or("")),
            now.0,
            now.1
        );
        for step in path.steps() {
            println!(
                "  → {} / {}",
                step.tier().label(talent_matrix::Lang::ZhHans),
                step.tier().label(talent_matrix::Lang::En)
            );
            for r in step.requirements() {
                println!("      {}  |  {}", r.zh(), r.en());
            }
        }
        for passed in path.passed_over() {
            println!("  ⤳ {}  |  {}", passed.zh(), passed.en());
        }
    }
    ExitCode::SUCCESS
}
