//! The community worker's lifecycle: every rejection with its message, and property tests over random event
//! sequences (rejected events change nothing, exit is terminal, the history is append-only and replays).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use proptest::prelude::*;
use talent_matrix::lifecycle::{
    Date, Event, ExitReason, Grade, LifecycleError, LifecycleRules, Stage, WorkerRecord,
};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn in_service(rules: LifecycleRules) -> WorkerRecord {
    let mut w = WorkerRecord::new("C-1", rules);
    w.apply(d("2025-01-01"), Event::Admit).unwrap();
    w.apply(d("2025-01-10"), Event::StartTraining).unwrap();
    w.apply(d("2025-03-01"), Event::CompleteTraining).unwrap();
    w
}

#[test]
fn every_rejection_names_the_event_and_the_stage() {
    let rules = LifecycleRules::default();
    let mut w = WorkerRecord::new("C-1", rules);
    let cases: Vec<(Event, &str)> = vec![
        (
            Event::StartTraining,
            "cannot start training (on 2025-01-01) while the worker is a candidate",
        ),
        (
            Event::CompleteTraining,
            "cannot complete training (on 2025-01-01) while the worker is a candidate",
        ),
        (
            Event::Assess(Grade::Competent),
            "cannot assess (competent) (on 2025-01-01) while the worker is a candidate",
        ),
    ];
    for (event, message) in cases {
        let before = w.clone();
        assert_eq!(
            w.apply(d("2025-01-01"), event).unwrap_err().to_string(),
            message
        );
        assert_eq!(w, before);
    }
    w.apply(d("2025-01-01"), Event::Admit).unwrap();
    assert_eq!(
        w.apply(d("2025-01-02"), Event::Admit)
            .unwrap_err()
            .to_string(),
        "cannot admit (on 2025-01-02) while the worker is admitted"
    );
    assert_eq!(
        w.apply(d("2024-12-31"), Event::StartTraining).unwrap_err(),
        LifecycleError::OutOfOrder {
            event: Event::StartTraining,
            date: d("2024-12-31"),
            last: d("2025-01-01")
        }
    );
    assert_eq!(
        w.apply(d("2024-12-31"), Event::StartTraining)
            .unwrap_err()
            .to_string(),
        "cannot start training on 2024-12-31: the last event is dated 2025-01-01"
    );
    w.apply(d("2025-01-05"), Event::StartTraining).unwrap();
    assert_eq!(
        w.apply(d("2025-01-06"), Event::Assess(Grade::Excellent))
            .unwrap_err()
            .to_string(),
        "cannot assess (excellent) (on 2025-01-06) while the worker is in training"
    );
    // In service: retraining only after a 基本称职 grade, and only if the rules allow it.
    let mut w = in_service(rules);
    assert_eq!(
        w.apply(d("2025-04-01"), Event::StartTraining)
            .unwrap_err()
            .to_string(),
        "cannot start training (on 2025-04-01) while the worker is in service"
    );
    w.apply(d("2025-06-30"), Event::Assess(Grade::BasicallyCompetent))
        .unwrap();
    w.apply(d("2025-07-01"), Event::StartTraining).unwrap();
    assert_eq!(w.stage(), Stage::Training);
    let mut strict = in_service(LifecycleRules {
        retraining_after_basic: false,
        ..rules
    });
    strict
        .apply(d("2025-06-30"), Event::Assess(Grade::BasicallyCompetent))
        .unwrap();
    assert_eq!(
        strict
            .apply(d("2025-07-01"), Event::StartTraining)
            .unwrap_err()
            .to_string(),
        "cannot start training (on 2025-07-01): retraining after a basically competent grade is not allowed"
    );
    // Routine training in service keeps the worker in service; the rules may forbid it. Returning to training
    // without a 基本称职 grade is allowed when the rules say so.
    let mut r = in_service(rules);
    r.apply(d("2025-04-01"), Event::RoutineTraining).unwrap();
    assert_eq!(r.stage(), Stage::InService);
    let mut no_routine = in_service(LifecycleRules {
        routine_training: false,
        ..rules
    });
    assert_eq!(
        no_routine
            .apply(d("2025-04-01"), Event::RoutineTraining)
            .unwrap_err()
            .to_string(),
        "cannot take routine training (on 2025-04-01): routine training in service is not allowed"
    );
    let mut any_time = in_service(LifecycleRules {
        retraining_only_after_basic: false,
        ..rules
    });
    any_time
        .apply(d("2025-04-01"), Event::StartTraining)
        .unwrap();
    assert_eq!(any_time.stage(), Stage::Training);
    // Routine training before service is out of place.
    let mut fresh = WorkerRecord::new("C-9", rules);
    fresh.apply(d("2025-01-01"), Event::Admit).unwrap();
    assert_eq!(
        fresh
            .apply(d("2025-01-02"), Event::RoutineTraining)
            .unwrap_err()
            .to_string(),
        "cannot take routine training (on 2025-01-02) while the worker is admitted"
    );
    // Exit is terminal.
    w.apply(d("2025-08-01"), Event::Exit(ExitReason::Resignation))
        .unwrap();
    assert_eq!(
        w.apply(d("2025-09-01"), Event::Admit)
            .unwrap_err()
            .to_string(),
        "cannot admit (on 2025-09-01) while the worker is exited (resignation)"
    );
}

#[test]
fn consecutive_failing_grades_end_service_as_the_rules_say() {
    let mut w = in_service(LifecycleRules::default());
    w.apply(d("2025-06-30"), Event::Assess(Grade::Incompetent))
        .unwrap();
    w.apply(d("2025-12-31"), Event::Assess(Grade::Competent))
        .unwrap(); // the streak breaks
    w.apply(d("2026-06-30"), Event::Assess(Grade::Incompetent))
        .unwrap();
    assert_eq!(w.stage(), Stage::InService);
    w.apply(d("2026-12-31"), Event::Assess(Grade::Incompetent))
        .unwrap();
    assert_eq!(w.stage(), Stage::Exited(ExitReason::FailedAssessment));
    let mut one = in_service(LifecycleRules {
        incompetent_grades_to_exit: 1,
        ..LifecycleRules::default()
    });
    one.apply(d("2025-06-30"), Event::Assess(Grade::Incompetent))
        .unwrap();
    assert_eq!(one.stage(), Stage::Exited(ExitReason::FailedAssessment));
}

#[test]
fn dates_are_checked() {
    for bad in [
        "2025-02-29",
        "2025-00-10",
        "2025-1-01",
        "25-01-01",
        "2025-01-32",
        "2025/01/01",
        "",
    ] {
        assert!(bad.parse::<Date>().is_err(), "{bad}");
    }
    assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
    assert!(d("2025-01-02") > d("2024-12-31"));
}

fn event() -> impl Strategy<Value = Event> {
    let grade = prop::sample::select(vec![
        Grade::Excellent,
        Grade::Competent,
        Grade::BasicallyCompetent,
        Grade::Incompetent,
    ]);
    let reason = prop::sample::select(vec![
        ExitReason::Resignation,
        ExitReason::FailedAssessment,
        ExitReason::Retirement,
        ExitReason::Dismissal,
        ExitReason::Other,
    ]);
    prop_oneof![
        3 => Just(Event::Admit),
        3 => Just(Event::StartTraining),
        3 => Just(Event::CompleteTraining),
        2 => Just(Event::RoutineTraining),
        6 => grade.prop_map(Event::Assess),
        1 => reason.prop_map(Event::Exit),
    ]
}

proptest! {
    #[test]
    fn any_sequence_of_events_keeps_the_record_valid(
        steps in prop::collection::vec((event(), -3i32..40), 0..40),
        max_incompetent in 0u8..4,
        retraining in any::<bool>(),
        only_after_basic in any::<bool>(),
        routine in any::<bool>(),
    ) {
        let rules = LifecycleRules {
            incompetent_grades_to_exit: max_incompetent,
            retraining_after_basic: retraining,
            retraining_only_after_basic: only_after_basic,
            routine_training: routine,
        };
        let mut w = WorkerRecord::new("P-1", rules);
        let mut day = 400i32;
        for (event, step) in steps {
            day += step;
            let date = Date::new(2020 + (day / 360) as u16, 1 + ((day % 360) / 30) as u8, 1 + (day % 28) as u8).unwrap();
            let before = w.clone();
            match w.apply(date, event) {
                Ok(()) => {
                    // Append-only: the old history is a prefix, plus exactly this event.
                    prop_assert_eq!(&w.history()[..before.history().len()], before.history());
                    prop_assert_eq!(w.history().len(), before.history().len() + 1);
                    prop_assert_eq!(w.history().last(), Some(&(date, event)));
                    prop_assert!(!matches!(before.stage(), Stage::Exited(_)), "an exited record accepted {}", event);
                }
                Err(_) => prop_assert_eq!(&w, &before, "a rejected event changed the record"),
            }
            // The stage is one the events allow.
            match w.stage() {
                Stage::Candidate => prop_assert!(w.history().is_empty()),
                Stage::InService => prop_assert!(w.history().iter().any(|(_, e)| *e == Event::CompleteTraining)),
                _ => {}
            }
        }
        // Replaying the history gives the same record, and so does serde.
        prop_assert_eq!(WorkerRecord::replay("P-1", rules, w.history()).unwrap(), w.clone());
        #[cfg(feature = "json")]
        {
            let json = serde_json::to_string(&w).unwrap();
            prop_assert_eq!(serde_json::from_str::<WorkerRecord>(&json).unwrap(), w);
        }
    }
}
