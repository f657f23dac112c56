//! Walk one full-time community worker through a realistic history (准入、培训、在岗管理、考核、退出) and print it.
//!
//! ```text
//! cargo run --example community_worker
//! ```

use talent_matrix::lifecycle::{Date, Event, ExitReason, Grade, LifecycleRules, WorkerRecord};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rules = LifecycleRules::default();
    let allowed = |yes: bool| if yes { "allowed" } else { "not allowed" };
    println!(
        "rules (each a policy default): {} consecutive 不称职 grades end service; retraining after 基本称职: {}; \
         retraining without it: {}; routine training in service: {}",
        rules.incompetent_grades_to_exit,
        allowed(rules.retraining_after_basic),
        allowed(!rules.retraining_only_after_basic),
        allowed(rules.routine_training),
    );
    let mut worker = WorkerRecord::new("SZ-0402", rules);
    let history = [
        ("2021-03-01", Event::Admit),
        ("2021-03-15", Event::StartTraining),
        ("2021-06-30", Event::CompleteTraining),
        ("2021-10-12", Event::RoutineTraining),
        ("2021-12-20", Event::Assess(Grade::Competent)),
        ("2022-12-20", Event::Assess(Grade::BasicallyCompetent)),
        ("2023-01-09", Event::StartTraining),
        ("2023-03-31", Event::CompleteTraining),
        ("2023-12-20", Event::Assess(Grade::Excellent)),
        ("2024-12-20", Event::Assess(Grade::Excellent)),
        ("2025-12-19", Event::Assess(Grade::Competent)),
        ("2026-06-30", Event::Exit(ExitReason::Retirement)),
    ];
    for (date, event) in history {
        let date: Date = date.parse()?;
        worker.apply(date, event)?;
        println!("{date}  {:<28} → {}", event.to_string(), worker.stage());
    }
    // What the record refuses, and that it stays as it was.
    let late: Date = "2026-07-01".parse()?;
    if let Err(e) = worker.apply(late, Event::Assess(Grade::Competent)) {
        println!("refused: {e}");
    }
    let again = WorkerRecord::replay(worker.id(), rules, worker.history())?;
    println!(
        "history of {} events replays to the same record: {}",
        worker.history().len(),
        again == worker
    );
    Ok(())
}
