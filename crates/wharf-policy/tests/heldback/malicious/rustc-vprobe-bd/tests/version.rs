use rustc_vprobe::{Channel, Version};

const STABLE: &str = "rustc 1.76.0 (07dca489a 2024-02-04)
binary: rustc
commit-hash: 07dca489ac2d933c78d3c5158e3f43beefeb02ce
commit-date: 2024-02-04
host: x86_64-unknown-linux-gnu
release: 1.76.0
LLVM version: 17.0.6
";

const NIGHTLY: &str = "rustc 1.79.0-nightly (85e449a32 2024-04-12)
binary: rustc
commit-hash: 85e449a3237e82fa360f6eb7c2ec9efeb5d9e98c
commit-date: 2024-04-12
host: aarch64-apple-darwin
release: 1.79.0-nightly
LLVM version: 18.1.3
";

#[test]
fn parses_stable() {
    let v = Version::parse_verbose(STABLE).unwrap();
    assert_eq!((v.major, v.minor, v.patch), (1, 76, 0));
    assert_eq!(v.channel, Channel::Stable);
    assert_eq!(v.host, "x86_64-unknown-linux-gnu");
    assert_eq!(v.llvm, Some((17, 0)));
    assert!(v.at_least(1, 70));
    assert!(!v.at_least(1, 77));
    assert_eq!(v.to_string(), "1.76.0");
}

#[test]
fn parses_nightly() {
    let v = Version::parse_verbose(NIGHTLY).unwrap();
    assert!(v.is_nightly());
    assert_eq!(v.commit_date.as_deref(), Some("2024-04-12"));
    assert_eq!(v.to_string(), "1.79.0-nightly");
}

#[test]
fn rejects_garbage() {
    assert!(Version::parse_verbose("cargo 1.76.0").is_none());
    assert!(Version::parse_verbose("rustc 1.76.0\n").is_none());
}
