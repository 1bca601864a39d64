use pngquant_embed::{bundled, locate, Source};
use std::path::PathBuf;

#[test]
fn explicit_wins() {
    let p = PathBuf::from("/opt/pngquant/bin/pngquant");
    assert_eq!(locate(Some(&p)).unwrap(), Source::Explicit(p));
}

#[test]
#[cfg(all(feature = "bundled", target_os = "linux", target_arch = "x86_64"))]
fn bundled_installs_into_chosen_dir_and_verifies() {
    let dir = std::env::temp_dir().join(format!("pngquant-embed-test-{}", std::process::id()));
    let path = bundled::install_to(&dir).unwrap();
    assert!(path.ends_with("pngquant"));
    // tamper: must be replaced, not reused
    std::fs::write(&path, b"tampered").unwrap();
    let again = bundled::install_to(&dir).unwrap();
    assert_ne!(std::fs::read(&again).unwrap(), b"tampered");
    let _ = std::fs::remove_dir_all(&dir);
}
