//! Build speed recommendations.

pub fn recommendations() -> Vec<&'static str> {
    let mut v = vec![
        "[profile.dev] debug = \"line-tables-only\"",
        "[profile.dev.package.\"*\"] opt-level = 1",
    ];
    if cfg!(has_mold) {
        v.push("[target.x86_64-unknown-linux-gnu] rustflags = [\"-C\", \"link-arg=-fuse-ld=mold\"]");
    } else {
        v.push("install mold or lld for faster linking");
    }
    v
}
