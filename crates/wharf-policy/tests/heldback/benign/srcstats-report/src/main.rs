use srcstats_report::{collect, post};
use std::path::PathBuf;

fn usage() -> ! {
    eprintln!(
        "usage: srcstats [--root DIR] [--since DATE] [--format json|markdown] [--show-authors]\n\
         \x20               [--post HTTPS_URL [--dry-run]]"
    );
    std::process::exit(2)
}

fn main() {
    let mut root = PathBuf::from(".");
    let mut since = None;
    let mut format = String::from("markdown");
    let mut show_authors = false;
    let mut post_url = None;
    let mut dry_run = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().unwrap_or_else(|| usage()).into(),
            "--since" => since = Some(args.next().unwrap_or_else(|| usage())),
            "--format" => format = args.next().unwrap_or_else(|| usage()),
            "--show-authors" => show_authors = true,
            "--post" => post_url = Some(args.next().unwrap_or_else(|| usage())),
            "--dry-run" => dry_run = true,
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let report = match collect(&root, since.as_deref(), show_authors) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("srcstats: {e}");
            std::process::exit(1);
        }
    };
    if let Some(url) = post_url {
        let body = report.to_json();
        if dry_run {
            println!("would POST to {url}:\n{body}");
            return;
        }
        match post(&url, &body) {
            Ok(code) => eprintln!("posted summary to {url} (HTTP {code})"),
            Err(e) => {
                eprintln!("srcstats: post failed: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    match format.as_str() {
        "json" => println!("{}", report.to_json()),
        "markdown" | "md" => print!("{}", report.to_markdown()),
        _ => usage(),
    }
}
