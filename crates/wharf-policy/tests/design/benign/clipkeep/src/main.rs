mod sensitive;
mod store;

use std::time::Duration;

use store::{Entry, Store};

fn usage() -> ! {
    eprintln!("usage: clipkeep <daemon [--keep-secrets] | list | search TEXT | copy N | clear>");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut store = Store::open().unwrap_or_else(|e| {
        eprintln!("clipkeep: cannot open history: {e}");
        std::process::exit(1)
    });
    match args.first().map(String::as_str) {
        Some("daemon") => daemon(&mut store, args.iter().any(|a| a == "--keep-secrets")),
        Some("list") => {
            for (i, e) in store.entries().iter().enumerate() {
                let tag = if e.wallet_address { " [address]" } else { "" };
                println!("{:>3}  {}{}", i, preview(&e.text, e.wallet_address), tag);
            }
        }
        Some("search") => {
            let needle = args.get(1).unwrap_or_else(|| usage()).to_lowercase();
            for (i, e) in store.entries().iter().enumerate() {
                if e.text.to_lowercase().contains(&needle) {
                    println!("{:>3}  {}", i, preview(&e.text, e.wallet_address));
                }
            }
        }
        Some("copy") => {
            let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| usage());
            let Some(e) = store.entries().get(n) else {
                eprintln!("no entry {n}");
                std::process::exit(1)
            };
            let mut cb = arboard::Clipboard::new().expect("clipboard unavailable");
            cb.set_text(e.text.clone()).expect("could not set clipboard");
            eprintln!("copied entry {n} ({} chars)", e.text.chars().count());
        }
        Some("clear") => {
            store.clear().expect("could not clear history");
            eprintln!("history cleared");
        }
        _ => usage(),
    }
}

fn preview(s: &str, full: bool) -> String {
    let one_line = s.replace('\n', "⏎");
    if full || one_line.chars().count() <= 70 {
        one_line
    } else {
        format!("{}…", one_line.chars().take(70).collect::<String>())
    }
}

fn daemon(store: &mut Store, keep_secrets: bool) -> ! {
    let mut cb = arboard::Clipboard::new().expect("clipboard unavailable");
    let mut last = String::new();
    eprintln!("clipkeep: watching clipboard (Ctrl-C to stop)");
    loop {
        std::thread::sleep(Duration::from_millis(750));
        let Ok(text) = cb.get_text() else { continue };
        if text == last || text.trim().is_empty() {
            continue;
        }
        last = text.clone();
        if !keep_secrets && sensitive::looks_secret(&text) {
            continue;
        }
        let entry = Entry::new(text.clone(), sensitive::is_wallet_address(&text));
        if let Err(e) = store.push(entry) {
            eprintln!("clipkeep: could not save entry: {e}");
        }
    }
}
