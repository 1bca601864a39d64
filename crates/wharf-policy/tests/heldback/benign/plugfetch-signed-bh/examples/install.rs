//! cargo run --example install -- https://plugins.example.com/v1 <base64-key> thumbnailer '^1' ./plugins

use plugfetch::{Fetcher, Plugin, TrustedKeys};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [index, key, name, req, dir] = &args[..] else {
        eprintln!("usage: install <index-url> <base64-pubkey> <name> <version-req> <dir>");
        std::process::exit(2);
    };
    let keys = TrustedKeys::from_base64(&[key.as_str()])?;
    let fetcher = Fetcher::new(index, keys, dir)?;
    let rec = fetcher.install(name, req)?;
    println!("installed {} {} at {}", rec.name, rec.version, rec.path.display());
    if std::env::var_os("PLUGFETCH_LOAD").is_some() {
        // SAFETY: the artefact was signed by the key given on the command line.
        let plugin = unsafe { Plugin::load(&rec, fetcher.keys())? };
        println!("loaded plugin reporting name {:?}", plugin.name());
    }
    Ok(())
}
