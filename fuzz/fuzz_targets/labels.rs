//! Any string to every FromStr of the crate: a value that displays back, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talent_matrix::*;

fn check<T: core::str::FromStr + core::fmt::Display>(s: &str)
where
    T::Err: core::fmt::Display,
{
    match s.parse::<T>() {
        Ok(v) => {
            let shown = v.to_string();
            assert!(shown.parse::<T>().is_ok(), "{shown:?} does not parse back");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

fuzz_target!(|s: &str| {
    check::<Stream>(s);
    check::<Specialty>(s);
    check::<Tier>(s);
    check::<Department>(s);
    check::<Post>(s);
    check::<Role>(s);
    check::<Industry>(s);
    check::<EnterpriseSize>(s);
    check::<Ownership>(s);
    check::<Performance>(s);
    check::<Contribution>(s);
    check::<ProfessionalTitle>(s);
    check::<SkillLevel>(s);
    check::<SocialWorkCertificate>(s);
    check::<RuralRole>(s);
    check::<IntroductionLevel>(s);
    check::<lifecycle::Grade>(s);
    check::<lifecycle::ExitReason>(s);
    check::<Field>(s);
    check::<Lang>(s);
    check::<Wan>(s);
    check::<Rule>(s);
    check::<lifecycle::Date>(s);
});
