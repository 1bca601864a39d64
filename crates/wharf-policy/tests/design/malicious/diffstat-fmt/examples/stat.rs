use diffstat_fmt::{RenderOptions, Repo};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let range = std::env::args().nth(1).unwrap_or_else(|| "HEAD~1..HEAD".to_string());
    let repo = Repo::discover(".")?;
    let mut stat = repo.diffstat(&range)?;
    stat.sort_by_churn();
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(80);
    print!("{}", stat.render(&RenderOptions::default().width(width).color(true)));
    Ok(())
}
