use clipvault::{store, History, Options, Watcher};
use std::sync::{Arc, Mutex};

fn usage() -> ! {
    eprintln!("usage: clipvault <watch|list|restore N|pin N|forget N|clear>");
    std::process::exit(2);
}

fn index(arg: Option<String>) -> usize {
    arg.and_then(|s| s.parse().ok()).unwrap_or_else(|| usage())
}

fn main() -> Result<(), clipvault::Error> {
    let mut args = std::env::args().skip(1);
    let cmd = args.next().unwrap_or_else(|| usage());
    let mut hist = History::open(store::default_path(), 200)?;
    match cmd.as_str() {
        "watch" => {
            eprintln!("recording clipboard to {} — Ctrl-C to stop", hist.path().display());
            let shared = Arc::new(Mutex::new(hist));
            let _w = Watcher::start(shared, Options::default())?;
            loop {
                std::thread::park();
            }
        }
        "list" => {
            for (i, e) in hist.entries().iter().enumerate() {
                let one_line: String = e.text.replace('\n', "⏎").chars().take(70).collect();
                println!("{i:>3}{} {one_line}", if e.pinned { "*" } else { " " });
            }
        }
        "restore" => {
            let i = index(args.next());
            clipvault::restore(&hist, i)?;
            eprintln!("entry {i} is on the clipboard");
        }
        "pin" => {
            hist.pin(index(args.next()), true)?;
            hist.save()?;
        }
        "forget" => {
            hist.forget(index(args.next()))?;
            hist.save()?;
        }
        "clear" => {
            hist.clear()?;
            eprintln!("history deleted");
        }
        _ => usage(),
    }
    Ok(())
}
