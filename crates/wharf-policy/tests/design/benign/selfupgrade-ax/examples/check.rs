//! `cargo run --example check -- <manifest-url> <pubkey-b64> [--apply]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, key) = match (args.first(), args.get(1)) {
        (Some(u), Some(k)) => (u.as_str(), k.as_str()),
        _ => {
            eprintln!("usage: check <manifest-url> <pubkey-b64> [--apply]");
            std::process::exit(2);
        }
    };
    let up = selfupgrade::Updater::new(url, key, env!("CARGO_PKG_VERSION"))?;
    match up.check()? {
        None => println!("up to date"),
        Some(r) => {
            println!("{} available: {}", r.version, r.notes.as_deref().unwrap_or(""));
            if args.iter().any(|a| a == "--apply") {
                let staged = up.download(&r)?;
                let path = staged.apply()?;
                println!("replaced {}", path.display());
            }
        }
    }
    Ok(())
}
