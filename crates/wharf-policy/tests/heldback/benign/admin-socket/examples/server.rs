use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

fn main() -> std::io::Result<()> {
    let hits = Arc::new(AtomicU64::new(0));
    let h = hits.clone();
    let _server = admin_socket::AdminServer::builder("demo")
        .command("stats", "show counters", move |_| Ok(format!("hits={}", h.load(Ordering::Relaxed))))
        .command("echo", "echo <words...>", |args| Ok(args.join(" ")))
        .start()?;
    loop {
        hits.fetch_add(1, Ordering::Relaxed);
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}
