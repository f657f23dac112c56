//! The process keeps at most 4,096 values that policies define (DOMAIN.md §9.1), so loading untrusted policies
//! cannot grow memory without bound. In its own test binary: it fills the process's table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use talent_matrix::policy::{LabelsDoc, PolicyDoc, ValueDoc};
use talent_matrix::{Department, Policy};

/// The built-in policy's rules with `n` departments of its own, numbered from `first`.
fn with_departments(first: usize, n: usize) -> PolicyDoc {
    let mut doc = PolicyDoc::shizhong_2011();
    doc.name = format!("departments-{first}");
    for i in first..first + n {
        doc.values.push(ValueDoc {
            list: "department".into(),
            code: format!("office_{i}"),
            labels: LabelsDoc::new(
                &format!("办公室{i}"),
                &format!("辦公室{i}"),
                &format!("Office {i}"),
            ),
            aliases: Vec::new(),
            source: "test".into(),
        });
    }
    doc
}

#[test]
fn the_table_of_definitions_is_bounded_and_loading_again_reuses_it() {
    let first = Policy::from_doc(&with_departments(0, 60)).unwrap();
    let office: Department = first.parse("办公室7").unwrap();
    // Loading the same definitions again keeps nothing new.
    for _ in 0..10 {
        let again = Policy::from_doc(&with_departments(0, 60)).unwrap();
        assert_eq!(again.parse::<Department>("office_7").unwrap(), office);
    }
    // New definitions fill the table: 60 a policy, until one no longer fits.
    let mut at = 60;
    let refused = loop {
        match Policy::from_doc(&with_departments(at, 60)) {
            Ok(_) => at += 60,
            Err(e) => break e,
        }
        assert!(at <= 4096, "the table took more than 4,096 definitions");
    };
    assert_eq!(at, 4080);
    let problems: Vec<String> = refused.problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 60 - 16);
    assert_eq!(
        problems[0],
        r#"values[16]: this process already keeps 4096 values that policies defined, the most it keeps: department "office_4096" cannot be kept"#
    );
    // What was kept stays usable, and a policy whose definitions are all kept still loads.
    assert_eq!(office.to_string(), "Office 7");
    assert!(Policy::from_doc(&with_departments(0, 60)).is_ok());
}
