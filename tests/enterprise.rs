//! DOMAIN.md §5 at every boundary: each bound of each class of each row of the 2011 SME standard, and each NBS
//! above-designated-size threshold, at value − 1, value, value + 1 and absent.
//!
//! The tables here are copied from DOMAIN.md §5 by hand, independently of `src/enterprise.rs`: a change to a
//! threshold in the crate fails this test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests and benches may panic on a broken fixture

use talent_matrix::Policy;
use talent_matrix::enterprise::EnterpriseFacts;
use talent_matrix::{EnterpriseSize, Industry, Post, Profile, Wan};

/// X, Y, Z bounds of one class: employees, revenue (万元), assets (万元); `None` where the class has none.
#[derive(Clone, Copy, Debug)]
struct Class {
    x: Option<u64>,
    y: Option<u64>,
    z: Option<u64>,
}

const fn c(x: Option<u64>, y: Option<u64>, z: Option<u64>) -> Class {
    Class { x, y, z }
}

/// DOMAIN.md §5 size table: (industry, large, medium, small).
const TABLE: &[(Industry, Class, Class, Class)] = &[
    (
        Industry::Agriculture,
        c(None, Some(20000), None),
        c(None, Some(500), None),
        c(None, Some(50), None),
    ),
    (
        Industry::Industry,
        c(Some(1000), Some(40000), None),
        c(Some(300), Some(2000), None),
        c(Some(20), Some(300), None),
    ),
    (
        Industry::Construction,
        c(None, Some(80000), Some(80000)),
        c(None, Some(6000), Some(5000)),
        c(None, Some(300), Some(300)),
    ),
    (
        Industry::Wholesale,
        c(Some(200), Some(40000), None),
        c(Some(20), Some(5000), None),
        c(Some(5), Some(1000), None),
    ),
    (
        Industry::Retail,
        c(Some(300), Some(20000), None),
        c(Some(50), Some(500), None),
        c(Some(10), Some(100), None),
    ),
    (
        Industry::Transport,
        c(Some(1000), Some(30000), None),
        c(Some(300), Some(3000), None),
        c(Some(20), Some(200), None),
    ),
    (
        Industry::Warehousing,
        c(Some(200), Some(30000), None),
        c(Some(100), Some(1000), None),
        c(Some(20), Some(100), None),
    ),
    (
        Industry::Postal,
        c(Some(1000), Some(30000), None),
        c(Some(300), Some(2000), None),
        c(Some(20), Some(100), None),
    ),
    (
        Industry::Accommodation,
        c(Some(300), Some(10000), None),
        c(Some(100), Some(2000), None),
        c(Some(10), Some(100), None),
    ),
    (
        Industry::Catering,
        c(Some(300), Some(10000), None),
        c(Some(100), Some(2000), None),
        c(Some(10), Some(100), None),
    ),
    (
        Industry::InformationTransmission,
        c(Some(2000), Some(100000), None),
        c(Some(100), Some(1000), None),
        c(Some(10), Some(100), None),
    ),
    (
        Industry::SoftwareIt,
        c(Some(300), Some(10000), None),
        c(Some(100), Some(1000), None),
        c(Some(10), Some(50), None),
    ),
    (
        Industry::RealEstateDevelopment,
        c(None, Some(200000), Some(10000)),
        c(None, Some(1000), Some(5000)),
        c(None, Some(100), Some(2000)),
    ),
    (
        Industry::PropertyManagement,
        c(Some(1000), Some(5000), None),
        c(Some(300), Some(1000), None),
        c(Some(100), Some(500), None),
    ),
    (
        Industry::LeasingBusinessServices,
        c(Some(300), None, Some(120000)),
        c(Some(100), None, Some(8000)),
        c(Some(10), None, Some(100)),
    ),
    (
        Industry::Other,
        c(Some(300), None, None),
        c(Some(100), None, None),
        c(Some(10), None, None),
    ),
];

/// DOMAIN.md §5 above-designated-size thresholds on revenue (万元); `Ok(None)` always, `Err(())` must be stated.
const ABOVE: &[(Industry, Result<Option<u64>, ()>)] = &[
    (Industry::Agriculture, Err(())),
    (Industry::Industry, Ok(Some(2000))),
    (Industry::Construction, Err(())),
    (Industry::Wholesale, Ok(Some(2000))),
    (Industry::Retail, Ok(Some(500))),
    (Industry::Transport, Ok(Some(2000))),
    (Industry::Warehousing, Ok(Some(2000))),
    (Industry::Postal, Ok(Some(2000))),
    (Industry::Accommodation, Ok(Some(200))),
    (Industry::Catering, Ok(Some(200))),
    (Industry::InformationTransmission, Ok(Some(2000))),
    (Industry::SoftwareIt, Ok(Some(2000))),
    (Industry::RealEstateDevelopment, Ok(None)),
    (Industry::PropertyManagement, Ok(Some(1000))),
    (Industry::LeasingBusinessServices, Ok(Some(1000))),
    (Industry::Finance, Err(())),
    (Industry::Other, Err(())),
];

/// The numbers of a profile: employees, and revenue and assets in whole yuan.
#[derive(Clone, Copy, Debug, Default)]
struct Numbers {
    x: Option<u64>,
    y: Option<u64>,
    z: Option<u64>,
}

fn facts(industry: Industry, n: Numbers) -> EnterpriseFacts {
    let mut b = Profile::builder("B-1", Post::Enterprise).industry(industry);
    if let Some(x) = n.x {
        b = b.employees(u32::try_from(x).unwrap());
    }
    if let Some(y) = n.y {
        b = b.revenue_wan(Wan::from_yuan(y));
    }
    if let Some(z) = n.z {
        b = b.assets_wan(Wan::from_yuan(z));
    }
    Policy::default().enterprise_facts(&b.build().unwrap())
}

const YUAN: u64 = 10_000;

/// A class's thresholds as numbers: employees as counts, money in yuan.
fn at(class: Class) -> Numbers {
    Numbers {
        x: class.x,
        y: class.y.map(|w| w * YUAN),
        z: class.z.map(|w| w * YUAN),
    }
}

#[derive(Clone, Copy, Debug)]
enum Ind {
    X,
    Y,
    Z,
}

fn get(n: &mut Numbers, i: Ind) -> &mut Option<u64> {
    match i {
        Ind::X => &mut n.x,
        Ind::Y => &mut n.y,
        Ind::Z => &mut n.z,
    }
}

fn indicators(class: Class) -> Vec<Ind> {
    let mut v = Vec::new();
    if class.x.is_some() {
        v.push(Ind::X);
    }
    if class.y.is_some() {
        v.push(Ind::Y);
    }
    if class.z.is_some() {
        v.push(Ind::Z);
    }
    v
}

#[test]
fn size_at_every_boundary_of_every_row() {
    use EnterpriseSize::*;
    let mut checked = 0;
    for &(industry, large, medium, small) in TABLE {
        // (class, its bounds, the size when one bound drops by one unit, the class above)
        let classes = [
            (Large, large, Medium),
            (Medium, medium, Small),
            (Small, small, Micro),
        ];
        for (size, class, below) in classes {
            let base = at(class);
            // value: exactly at every threshold of the class.
            let f = facts(industry, base);
            assert_eq!(f.size(), Some(size), "{industry:#} {size:#} at thresholds");
            assert_eq!(f.is_large(), Some(size == Large), "{industry:#} {size:#}");
            for ind in indicators(class) {
                let name = format!("{industry:#} {size:#} {ind:?}");
                // value + 1: still this class.
                let mut n = base;
                *get(&mut n, ind) = get(&mut n, ind).map(|v| v + 1);
                assert_eq!(facts(industry, n).size(), Some(size), "{name} + 1");
                // value − 1: this class fails, the next lower one holds (or micro below small).
                let mut n = base;
                *get(&mut n, ind) = get(&mut n, ind).map(|v| v - 1);
                let f = facts(industry, n);
                assert_eq!(f.size(), Some(below), "{name} − 1");
                assert_eq!(f.is_large(), Some(false), "{name} − 1");
                // absent: this class is open. With another indicator below the class above, that class fails
                // and "not large" is known exactly when this class is not large itself.
                let mut n = base;
                *get(&mut n, ind) = None;
                let f = facts(industry, n);
                assert_eq!(f.size(), None, "{name} absent");
                let two_indicators = indicators(class).len() == 2;
                let expected_large = match size {
                    Large => None,
                    _ if two_indicators => Some(false),
                    _ => None,
                };
                assert_eq!(f.is_large(), expected_large, "{name} absent");
                checked += 1;
            }
        }
        // Everything zero: micro.
        let zeros = Numbers {
            x: large.x.map(|_| 0),
            y: large.y.map(|_| 0),
            z: large.z.map(|_| 0),
        };
        assert_eq!(
            facts(industry, zeros).size(),
            Some(Micro),
            "{industry:#} zeros"
        );
        // Nothing given: nothing known.
        let f = facts(industry, Numbers::default());
        assert_eq!(
            (f.size(), f.is_large(), f.size_basis()),
            (None, None, None),
            "{industry:#} empty"
        );
    }
    // 14 rows bound two indicators per class, agriculture and other one; three classes each.
    assert_eq!(
        checked,
        3 * (14 * 2 + 2),
        "every bound of every class was checked"
    );
}

#[test]
fn a_class_must_meet_both_bounds_else_it_drops() {
    // NBS wording (DOMAIN.md §5): industry with 1200 employees but revenue 1000 万元 is not large or medium:
    // medium needs revenue ≥ 2000, small holds (X ≥ 20, Y ≥ 300).
    let n = Numbers {
        x: Some(1200),
        y: Some(1000 * YUAN),
        z: None,
    };
    assert_eq!(
        facts(Industry::Industry, n).size(),
        Some(EnterpriseSize::Small)
    );
}

#[test]
fn not_large_is_known_before_the_size() {
    // DOMAIN.md §5 example: industry with 50 employees is not large, whatever its revenue.
    let n = Numbers {
        x: Some(50),
        ..Numbers::default()
    };
    let f = facts(Industry::Industry, n);
    assert_eq!((f.size(), f.is_large()), (None, Some(false)));
}

#[test]
fn finance_and_missing_industry_derive_nothing() {
    let big = Numbers {
        x: Some(100_000),
        y: Some(10_000_000 * YUAN),
        z: Some(10_000_000 * YUAN),
    };
    let f = facts(Industry::Finance, big);
    assert_eq!(
        (f.size(), f.is_large(), f.above_designated_size()),
        (None, None, None)
    );
    let p = Profile::builder("1", Post::Enterprise)
        .employees(100_000)
        .revenue_wan(Wan::from_wan(10_000_000))
        .build()
        .unwrap();
    let f = Policy::default().enterprise_facts(&p);
    assert_eq!(
        (f.size(), f.is_large(), f.above_designated_size()),
        (None, None, None)
    );
}

#[test]
fn above_designated_size_at_every_threshold() {
    for &(industry, rule) in ABOVE {
        let revenue = |yuan: Option<u64>| Numbers {
            y: yuan,
            ..Numbers::default()
        };
        match rule {
            Ok(Some(wan)) => {
                let t = wan * YUAN;
                assert_eq!(
                    facts(industry, revenue(Some(t - 1))).above_designated_size(),
                    Some(false),
                    "{industry:#}"
                );
                assert_eq!(
                    facts(industry, revenue(Some(t))).above_designated_size(),
                    Some(true),
                    "{industry:#}"
                );
                assert_eq!(
                    facts(industry, revenue(Some(t + 1))).above_designated_size(),
                    Some(true),
                    "{industry:#}"
                );
                assert_eq!(
                    facts(industry, revenue(None)).above_designated_size(),
                    None,
                    "{industry:#}"
                );
            }
            Ok(None) => {
                assert_eq!(
                    facts(industry, revenue(None)).above_designated_size(),
                    Some(true),
                    "{industry:#}"
                );
                assert_eq!(
                    facts(industry, revenue(Some(0))).above_designated_size(),
                    Some(true),
                    "{industry:#}"
                );
            }
            Err(()) => {
                for y in [None, Some(0), Some(1_000_000 * YUAN)] {
                    assert_eq!(
                        facts(industry, revenue(y)).above_designated_size(),
                        None,
                        "{industry:#}"
                    );
                }
            }
        }
    }
    assert_eq!(ABOVE.len(), Industry::ALL.len());
}

#[test]
fn stated_facts_win_and_are_independent() {
    // DOMAIN.md §5: a stated value wins and is never cross-checked; the two stated facts are independent.
    let p = Profile::builder("1", Post::Enterprise)
        .industry(Industry::Industry)
        .employees(5000)
        .revenue_wan(Wan::from_wan(100))
        .enterprise_size(EnterpriseSize::Micro)
        .build()
        .unwrap();
    let f = Policy::default().enterprise_facts(&p);
    assert_eq!(f.size(), Some(EnterpriseSize::Micro));
    assert_eq!(f.above_designated_size(), Some(false)); // still derived: 100 < 2000
    let p = p
        .into_builder()
        .above_designated_size(true)
        .build()
        .unwrap();
    let f = Policy::default().enterprise_facts(&p);
    assert_eq!(
        (f.size(), f.above_designated_size()),
        (Some(EnterpriseSize::Micro), Some(true))
    );
    let p = Profile::builder("1", Post::Other)
        .enterprise_size(EnterpriseSize::Large)
        .build()
        .unwrap();
    assert_eq!(
        Policy::default().enterprise_facts(&p).is_large(),
        Some(true)
    );
}
