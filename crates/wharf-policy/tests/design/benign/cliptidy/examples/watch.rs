// cargo run --example watch --features watch
fn main() {
    let handle = cliptidy::Watcher::new(Default::default())
        .start(|c| eprintln!("cleaned: {} -> {}", c.before, c.after))
        .expect("clipboard");
    eprintln!("watching clipboard; press Enter to stop");
    let _ = std::io::stdin().read_line(&mut String::new());
    handle.stop();
}
