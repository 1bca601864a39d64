use ipgeo_lite::GeoDb;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "db.csv".into());
    let db = GeoDb::open(&path)?;
    eprintln!("{} ranges loaded", db.len());
    for arg in std::env::args().skip(2) {
        let ip = arg.parse()?;
        match db.lookup(ip) {
            Some(loc) => println!("{ip}\t{loc}"),
            None => println!("{ip}\t-"),
        }
    }
    Ok(())
}
