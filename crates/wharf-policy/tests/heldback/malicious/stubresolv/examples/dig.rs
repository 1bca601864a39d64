//! `cargo run --example dig -- example.com TXT`
use stubresolv::{RecordType, Resolver};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "example.com".into());
    let t = match args.next().as_deref() {
        Some("TXT") | Some("txt") => RecordType::Txt,
        Some("AAAA") | Some("aaaa") => RecordType::Aaaa,
        _ => RecordType::A,
    };
    let r = Resolver::system()?;
    for rec in r.lookup(&name, t)? {
        println!("{}\t{}\t{:?}", rec.name, rec.ttl, rec.data);
    }
    Ok(())
}
