use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
#[command(version, about = "Print an environment summary for bug reports")]
struct Cli {
    /// Include the host name
    #[arg(long)]
    host: bool,
    /// Extra env var prefixes to include (RUST and CARGO are always included)
    #[arg(long = "env", value_name = "PREFIX")]
    env: Vec<String>,
    /// Write to a file instead of stdout
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let mut prefixes = vec!["RUST", "CARGO"];
    prefixes.extend(cli.env.iter().map(String::as_str));
    let mut r = bugreport_collect::Report::new("bugreport", env!("CARGO_PKG_VERSION")).toolchain().env_prefixes(&prefixes).cwd();
    if cli.host {
        r = r.host();
    }
    let md = r.build().to_markdown();
    match cli.output {
        Some(p) => {
            std::fs::write(&p, md)?;
            eprintln!("wrote {} -- review it before pasting", p.display());
        }
        None => print!("{}", md),
    }
    Ok(())
}
