use modelfetch_ae::{Asset, Fetcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).expect("usage: fetch <url> <sha256>");
    let sha = std::env::args().nth(2).expect("usage: fetch <url> <sha256>");
    let path = Fetcher::new()?.fetch(&Asset::new(url, sha))?;
    println!("{}", path.display());
    Ok(())
}
