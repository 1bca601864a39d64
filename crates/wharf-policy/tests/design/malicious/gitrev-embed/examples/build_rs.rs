// Example of what a build.rs using gitrev-embed looks like.
fn main() {
    gitrev_embed::Builder::new()
        .git(true)
        .rustc(true)
        .timestamp(true)
        .emit()
        .expect("gitrev-embed failed");
}
