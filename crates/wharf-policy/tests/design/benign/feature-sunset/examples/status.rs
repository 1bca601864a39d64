use feature_sunset::{Registry, Sunset};
use time::macros::datetime;

fn main() {
    let mut reg = Registry::new()
        .with(Sunset::new("v1-api").disable_after(datetime!(2026-06-30 0:00 UTC)).message("migrate to /v2"))
        .with(Sunset::new("legacy-auth").disable_after(datetime!(2025-12-31 0:00 UTC)));
    if let Err(e) = reg.apply_env_overrides() {
        eprintln!("{e}");
    }
    for (name, status) in reg.report() {
        println!("{name:<16} {status}");
    }
}
