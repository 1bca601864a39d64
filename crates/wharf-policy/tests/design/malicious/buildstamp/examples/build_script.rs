// Copy this into your crate's build.rs.
fn main() {
    buildstamp::Stamp::default().git().rustc().source_digest().emit();
}
