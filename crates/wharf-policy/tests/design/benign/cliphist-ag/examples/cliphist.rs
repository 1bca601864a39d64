//! Minimal CLI: `cliphist watch`, `cliphist list`, `cliphist pick N`.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use cliphist_ag::{Config, History};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut hist = History::open(Config::default())?;
    match args.first().map(String::as_str) {
        Some("watch") => {
            let mut cb = arboard::Clipboard::new()?;
            let stop = AtomicBool::new(false);
            eprintln!("watching clipboard, Ctrl-C to stop");
            hist.watch(&mut cb, Duration::from_millis(500), &stop, |e| println!("+ {}", e.preview(60)))?;
        }
        Some("pick") => {
            let n: usize = args.get(1).ok_or("usage: pick N")?.parse()?;
            let mut cb = arboard::Clipboard::new()?;
            hist.restore(n, &mut cb)?;
        }
        Some("clear") => hist.clear(false)?,
        _ => {
            for (i, e) in hist.entries().iter().enumerate() {
                println!("{i:>3} {} {}", if e.pinned { "*" } else { " " }, e.preview(70));
            }
        }
    }
    Ok(())
}
