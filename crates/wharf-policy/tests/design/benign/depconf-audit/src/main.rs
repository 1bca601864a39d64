use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Result};
use clap::Parser;
use depconf_audit::{internal_names, Public, RegistryClient};

#[derive(Parser)]
#[command(bin_name = "cargo depconf", about = "Check internal crate names against a public registry")]
struct Args {
    /// Swallow the `depconf` arg cargo passes to subcommands.
    #[arg(hide = true)]
    _sub: Option<String>,
    #[arg(long)]
    manifest_path: Option<PathBuf>,
    /// Base URL of a crates.io-compatible API. Required unless --dry-run.
    #[arg(long)]
    registry_api: Option<String>,
    /// Only list the names that would be queried.
    #[arg(long)]
    dry_run: bool,
    /// Names to leave out of the query.
    #[arg(long, value_delimiter = ',')]
    exclude: Vec<String>,
    /// Delay between requests, in milliseconds (be nice to the registry).
    #[arg(long, default_value_t = 1000)]
    delay_ms: u64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let names = internal_names(args.manifest_path.as_deref())?;
    let names: Vec<_> = names.into_iter().filter(|(n, _)| !args.exclude.contains(n)).collect();

    if args.dry_run {
        println!("{} internal name(s) would be checked:", names.len());
        for (n, s) in &names {
            println!("  {n:<28} {s}");
        }
        return Ok(());
    }
    let Some(api) = args.registry_api else {
        bail!("pass --registry-api <URL> (or --dry-run); nothing is contacted by default");
    };
    let client = RegistryClient::new(&api);
    println!("{:<28} {:<24} {:<8} {:<12} OWNERS", "NAME", "SOURCE", "PUBLIC", "MAX VERSION");
    let mut claimed = 0;
    for (i, (name, src)) in names.iter().enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_millis(args.delay_ms));
        }
        let (flag, ver, owners) = match client.lookup(name) {
            Public::Free => ("free", "-".to_string(), "-".to_string()),
            Public::Claimed { max_version, owners } => {
                claimed += 1;
                ("CLAIMED", max_version, owners.join(","))
            }
            Public::Unknown(e) => ("?", e, String::new()),
        };
        println!("{name:<28} {:<24} {flag:<8} {ver:<12} {owners}", src.to_string());
    }
    if claimed > 0 {
        eprintln!("\n{claimed} internal name(s) exist publicly; see README for remediation.");
        std::process::exit(2);
    }
    Ok(())
}
