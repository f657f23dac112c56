//! Classify three people and print their cells and reasons in both languages.
//!
//! Run with `cargo run --example quickstart`.

use talent_matrix::{
    Contribution, EnterpriseSize, Industry, IntroductionLevel, Lang, Performance, Post, Profile,
    ProfileError, Role, Wan, classify,
};

fn main() -> Result<(), ProfileError> {
    let people = [
        // A principal of a finance company with outstanding performance and a major district contribution.
        Profile::builder("P-001", Post::Enterprise)
            .name("李明")
            .role(Role::Principal)
            .industry(Industry::Finance)
            .enterprise_size(EnterpriseSize::Medium)
            .above_designated_size(true)
            .performance(Performance::Outstanding)
            .contribution(Contribution::Major)
            .build()?,
        // A middle manager of a manufacturer whose size follows from its numbers.
        Profile::builder("P-002", Post::Enterprise)
            .name("王芳")
            .role(Role::MiddleManager)
            .industry(Industry::Industry)
            .employees(350)
            .revenue_wan(Wan::from_wan(2500))
            .build()?,
        // A community worker introduced at the ten-thousand level of the 百千万 project.
        Profile::builder("P-003", Post::Community)
            .name("张伟")
            .introduction_level(IntroductionLevel::TenThousand)
            .build()?,
    ];

    for person in &people {
        let c = classify(person);
        let label = |lang| {
            let stream = c.stream().map_or("—", |s| s.label(lang));
            let specialty = c.specialty().map_or("—", |s| s.label(lang));
            let tier = c.tier().map_or("—", |t| t.label(lang));
            format!("{stream} / {specialty} / {tier}")
        };
        println!("{} {}", c.id(), person.name().unwrap_or(""));
        println!("  cell (zh): {}", label(Lang::ZhHans));
        println!("  cell (en): {}", label(Lang::En));
        let managers: Vec<_> = c
            .managed_by()
            .iter()
            .map(|d| d.label(Lang::ZhHans))
            .collect();
        println!("  managed by: {}", managers.join("、"));
        for reason in c.reasons() {
            println!("  [{}]", reason.rule());
            println!("    {}", reason.zh());
            println!("    {}", reason.en());
        }
        let missing: Vec<_> = c.missing_facts().iter().map(|m| m.code()).collect();
        if !missing.is_empty() {
            println!("  missing facts: {}", missing.join(", "));
        }
        println!();
    }
    Ok(())
}
