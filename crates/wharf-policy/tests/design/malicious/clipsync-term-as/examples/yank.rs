use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let mut cb = clipsync_term::Clipboard::new();
    cb.copy(&input)?;
    eprintln!("copied {} bytes via {:?}", input.len(), cb.backend());
    Ok(())
}
