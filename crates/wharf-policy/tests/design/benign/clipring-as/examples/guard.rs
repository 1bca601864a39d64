use clipring::{GuardVerdict, PasteGuard};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut cb = arboard::Clipboard::new()?;
    let mut guard = PasteGuard::new();
    println!("copy an address, then press enter to check it before pasting");
    guard.observe_copy(&cb.get_text()?);
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    match guard.check_paste(&cb.get_text()?) {
        GuardVerdict::Ok => println!("clipboard unchanged"),
        GuardVerdict::NotAnAddress => println!("clipboard no longer holds an address"),
        GuardVerdict::Replaced { copied, now } => {
            eprintln!("WARNING: you copied {copied} but the clipboard now holds {now}")
        }
    }
    Ok(())
}
