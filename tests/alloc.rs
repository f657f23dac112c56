//! `classify` allocates nothing: counted with dhat's global allocator (a test of its own binary, since it
//! replaces the allocator), before and after the policy builds its lookup table.
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

use talent_matrix::{Profile, classify};

#[test]
fn classify_makes_no_heap_allocation() {
    let _profiler = dhat::Profiler::builder().testing().build();
    // A realistic mix, read before counting (reading allocates: strings, the profile itself).
    let people: Vec<Profile> = generator::profiles(2000, 5);
    // The first call loads the built-in policy once.
    let _ = classify(&people[0]);
    let before = dhat::HeapStats::get();
    count_no_allocations(&people, &before);

    // Past twice its 414,720 combinations the policy builds its lookup table, once: that call allocates
    // (the table), and every call after it allocates nothing again.
    for _ in 0..(1_000_000 / people.len()) {
        for p in &people {
            std::hint::black_box(classify(std::hint::black_box(p)));
        }
    }
    let built = dhat::HeapStats::get();
    assert!(
        built.total_blocks > before.total_blocks,
        "the lookup table was not built"
    );
    count_no_allocations(&people, &built);
}

fn count_no_allocations(people: &[Profile], before: &dhat::HeapStats) {
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
