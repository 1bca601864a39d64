//! cargo run --example pulse --features upload -- <repo> [--upload <https-url>]
use repo_pulse::{Options, Summary};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let repo = args.get(1).map(String::as_str).unwrap_or(".");
    let summary = Summary::collect(repo, &Options::default())?;
    println!("{}", summary.to_json_pretty());

    #[cfg(feature = "upload")]
    if let Some(i) = args.iter().position(|a| a == "--upload") {
        let url = args.get(i + 1).ok_or("--upload needs a URL")?;
        let token = std::env::var("PULSE_TOKEN").ok();
        repo_pulse::upload::post_summary(&summary, url, token.as_deref())?;
        eprintln!("uploaded summary to {url}");
    }
    Ok(())
}
