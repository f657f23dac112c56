//! The examples read a policy document and a plan's targets through their 1 MiB limit (issue 22): a device
//! that never ends, or a file past the limit, is refused at once with the limit named, and exits 2. The
//! examples are built by `cargo test` beside this test, under the features they need.
#![cfg(all(feature = "roster", feature = "toml", feature = "xlsx"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

/// An example's binary: `target/<profile>/examples/<name>`, beside this test's `deps` folder.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().unwrap().parent().unwrap();
    profile
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

fn run(name: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(example(name)).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_device_as_policy_or_targets_is_refused_at_its_limit() {
    let (code, err) = run("classify", &["--policy", "/dev/zero"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("/dev/zero: more than 1048576 bytes, the limit of a policy document"),
        "{err}"
    );
    let (code, err) = run("report", &["--targets", "/dev/zero"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("/dev/zero: more than 1048576 bytes, the limit of a plan's targets"),
        "{err}"
    );
}

#[test]
fn a_file_past_the_limit_is_refused_unread() {
    let dir = std::env::temp_dir().join(format!("tm-example-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.toml");
    std::fs::write(&big, vec![b'#'; (1 << 20) + 1]).unwrap();
    let path = big.to_str().unwrap();
    let (code, err) = run("report", &["--policy", path]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("more than 1048576 bytes, the limit of a policy document"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
