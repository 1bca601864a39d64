//! Copies an address given on the command line, then watches the clipboard
//! for 60 s and reports if something replaces it.

use std::sync::Arc;
use std::time::Duration;
use walletpaste::{Address, Guard};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = std::env::args().nth(1).ok_or("usage: paste_check <address>")?;
    let addr = Address::parse(&arg)?;
    let guard = Arc::new(Guard::system()?);
    guard.copy(&addr)?;
    println!("copied {} — paste it somewhere within 60 s", addr.short());
    let _m = guard.monitor(Duration::from_millis(250), |a| {
        eprintln!("WARNING: clipboard address changed after {:?}: expected {} found {}", a.after, a.expected, a.found);
    });
    std::thread::sleep(Duration::from_secs(60));
    Ok(())
}
