//! cargo run --example run_plugin -- <name> <https-url> <sha256> <export> <arg>
use wasmplug_loader::{Loader, PluginSpec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() != 5 {
        eprintln!("usage: run_plugin <name> <url> <sha256> <export> <i32-arg>");
        std::process::exit(2);
    }
    let spec = PluginSpec::new(&a[0], &a[1], &a[2]);
    let mut plugin = Loader::new()?.load(&spec)?;
    println!("{} -> {}", plugin.name(), plugin.call_i32(&a[3], a[4].parse()?)?);
    Ok(())
}
