use std::time::Duration;

fn main() {
    let addr = std::env::args().nth(1).expect("usage: guard <address>");
    let guard = clipguard::Guard::new(Duration::from_secs(30));
    match guard.copy_address(&addr, |ev| {
        eprintln!("clipboard address changed: {} -> {}", ev.copied, ev.now);
    }) {
        Ok(kind) => println!("copied {kind:?} address; watching for 30 s"),
        Err(e) => eprintln!("error: {e}"),
    }
    std::thread::sleep(Duration::from_secs(31));
}
