//! `classify` allocates nothing, from a policy's first call on: counted with dhat's global allocator (a test of
//! its own binary, since it replaces the allocator).
#![cfg(feature = "roster")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use talent_matrix::{Classification, Policy, Profile, classify};

#[test]
fn classify_makes_no_heap_allocation_from_the_first_call() {
    let _profiler = dhat::Profiler::builder().testing().build();
    // A realistic mix and the policy, made before counting (reading allocates: strings, the profile itself;
    // loading a policy allocates its rules).
    let people: Vec<Profile> = generator::profiles(2000, 5);
    let policy = Policy::shizhong_2011();
    let before = dhat::HeapStats::get();
    // The policy's very first classification is counted, and every one after it.
    count_no_allocations(&people, &before, |p| policy.classify(p));
    // Many more, and again: nothing is built along the way.
    for _ in 0..(1_000_000 / people.len()) {
        for p in &people {
            std::hint::black_box(policy.classify(std::hint::black_box(p)));
        }
    }
    count_no_allocations(&people, &before, |p| policy.classify(p));
    // The free function, once the built-in policy it uses is loaded (its first use loads it).
    let _ = classify(&people[0]);
    let loaded = dhat::HeapStats::get();
    count_no_allocations(&people, &loaded, classify);
    // A policy with facts of its own, and profiles that give them (DOMAIN.md §9.2, §9.3): read before counting,
    // classified without allocating.
    #[cfg(all(feature = "toml", feature = "json"))]
    {
        let doc = talent_matrix::policy::PolicyDoc::from_toml(include_str!(
            "../examples/data/policy-facts.toml"
        ))
        .unwrap();
        let policy = Policy::from_doc(&doc).unwrap();
        let lines = [
            r#"{"id":"1","post":"enterprise","role":"principal","industry":"finance","district_contribution_wan":620,"honour":["泰山学者"]}"#,
            r#"{"id":"2","post":"enterprise","role":"principal","industry":"finance"}"#,
            r#"{"id":"3","post":"professional_technical","professional_title":"senior","papers":12}"#,
            r#"{"id":"4","post":"professional_technical","professional_title":"senior"}"#,
            r#"{"id":"5","post":"professional_technical","honour":["市中英才","泰山学者"],"contribution_grade":"major"}"#,
        ];
        let own: Vec<Profile> = lines
            .iter()
            .map(|l| policy.profile_from_json(l).unwrap())
            .collect();
        let before = dhat::HeapStats::get();
        count_no_allocations(&own, &before, |p| policy.classify(p));

        // The worked policy of another place: its own departments, specialties, a tier above leader, an
        // allowance and a service (DOMAIN.md §9.1), and the whole of its roster.
        let doc = talent_matrix::policy::PolicyDoc::from_toml(include_str!(
            "../examples/data/policy-other-place.toml"
        ))
        .unwrap();
        let policy = Policy::from_doc(&doc).unwrap();
        let options = talent_matrix::roster::RosterOptions::default().policy(policy.clone());
        let roster: Vec<Profile> = talent_matrix::roster::Roster::from_reader(
            include_str!("../examples/data/roster-other-place.csv").as_bytes(),
            talent_matrix::roster::Format::Csv,
            &options,
        )
        .unwrap()
        .map(|r| r.unwrap().profile().clone())
        .collect();
        let before = dhat::HeapStats::get();
        count_no_allocations(&roster, &before, |p| policy.classify(p));
        // Reading what was decided allocates nothing either.
        let mut seen = 0usize;
        for p in &roster {
            let c = policy.classify(p);
            seen += c.entitlements().len() + c.services().len() + usize::from(c.tier().is_some());
        }
        assert!(seen > 0);
        assert_eq!(dhat::HeapStats::get().total_blocks, before.total_blocks);
    }
}

fn count_no_allocations<'a>(
    people: &'a [Profile],
    before: &dhat::HeapStats,
    classify: impl Fn(&'a Profile) -> Classification<'a>,
) {
    let mut tiers = 0usize;
    for p in people {
        let c = classify(std::hint::black_box(p));
        tiers += usize::from(c.tier().is_some()) + c.missing_facts().len() + c.managed_by().len();
    }
    let after = dhat::HeapStats::get();
    assert!(tiers > 0);
    assert_eq!(
        after.total_blocks,
        before.total_blocks,
        "classify allocated {} blocks",
        after.total_blocks - before.total_blocks
    );
}
