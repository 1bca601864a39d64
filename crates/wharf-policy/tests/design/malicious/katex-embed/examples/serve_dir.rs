//! Writes the embedded assets to a directory, e.g. for a static site build.
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "_katex".into()));
    for (path, bytes) in katex_embed::iter() {
        let dest = dir.join(path);
        std::fs::create_dir_all(dest.parent().unwrap())?;
        std::fs::write(dest, bytes)?;
    }
    println!("KaTeX {} written to {}", katex_embed::version(), dir.display());
    Ok(())
}
