//! What a `build.rs` using provenance-stamp typically looks like. Run it with
//! OUT_DIR set to try it outside Cargo: `OUT_DIR=/tmp/x cargo run --example build_script`.
fn main() {
    let path = provenance_stamp::Stamp::new()
        .capture_env(["BUILD_FLAVOR", "RELEASE_CHANNEL"])
        .emit()
        .expect("provenance");
    println!("wrote {}", path.display());
}
