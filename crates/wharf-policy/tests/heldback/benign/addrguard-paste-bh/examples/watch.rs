//! Prints a warning whenever a copied address is swapped on the clipboard.
//!
//! cargo run --example watch

use std::sync::Arc;
use std::time::Duration;

use addrguard::{SystemClipboard, WatchEvent, Watcher};

fn main() {
    let Some(cb) = SystemClipboard::detect() else {
        eprintln!("no clipboard tool found (pbpaste, wl-paste, xclip, xsel or PowerShell)");
        std::process::exit(1);
    };
    eprintln!("watching the clipboard via {:?}; Ctrl-C to stop", cb.tool());
    let (_watcher, events) = Watcher::start(Arc::new(cb), Duration::from_millis(250), Duration::from_secs(30));
    for ev in events {
        match ev {
            WatchEvent::AddressCopied(a) => eprintln!("copied {:?} address {a}", a.chain),
            WatchEvent::Replaced { before, after, after_ms, lookalike } => {
                eprintln!("WARNING: {before} was replaced by {after} after {after_ms} ms");
                if let Some(l) = lookalike {
                    eprintln!("         the new address imitates the old one: {l}");
                }
            }
        }
    }
}
