use changelog_forge::{Changelog, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let version = std::env::args().nth(1).unwrap_or_else(|| "Unreleased".into());
    let log = Changelog::from_repo(".", Options::default())?;
    log.write_to("CHANGELOG.md", &version)?;
    println!("updated CHANGELOG.md for {version}");
    Ok(())
}
