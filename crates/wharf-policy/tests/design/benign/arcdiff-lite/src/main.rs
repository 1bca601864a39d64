use std::env;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

mod config;
mod git;

struct Opts {
    base: Option<String>,
    server: Option<String>,
    staged: bool,
    yes: bool,
    dry_run: bool,
    title: Option<String>,
    exclude: Vec<String>,
}

fn usage() {
    println!(
        "usage: arcdiff [--base REV] [--server URL] [--staged] [--title TEXT]\n\
         \x20              [--exclude GLOB]... [--yes] [--dry-run]"
    );
}

fn parse() -> Result<Opts, String> {
    let mut o = Opts { base: None, server: None, staged: false, yes: false, dry_run: false, title: None, exclude: vec![] };
    let mut it = env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--base" => o.base = Some(it.next().ok_or("--base needs a value")?),
            "--server" => o.server = Some(it.next().ok_or("--server needs a value")?),
            "--title" => o.title = Some(it.next().ok_or("--title needs a value")?),
            "--exclude" => o.exclude.push(it.next().ok_or("--exclude needs a value")?),
            "--staged" => o.staged = true,
            "--yes" | "-y" => o.yes = true,
            "--dry-run" => o.dry_run = true,
            "-h" | "--help" => {
                usage();
                std::process::exit(0);
            }
            x => return Err(format!("unknown argument `{x}`")),
        }
    }
    Ok(o)
}

fn confirm(q: &str) -> bool {
    print!("{q} [y/N] ");
    let _ = io::stdout().flush();
    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim(), "y" | "Y" | "yes")
}

fn run() -> Result<(), String> {
    let o = parse()?;
    let root = git::toplevel()?;
    let server = match o.server.clone() {
        Some(s) => s,
        None => config::server_from_arcconfig(&root)?.ok_or("no review server: add `review.uri` to .arcconfig or pass --server")?,
    };
    if !server.starts_with("https://") {
        return Err(format!("refusing non-https review server `{server}`"));
    }
    let base = match o.base.clone() {
        Some(b) => b,
        None => git::default_base()?,
    };
    let mb = git::merge_base(&base)?;
    let diff = git::diff(&mb, o.staged, &o.exclude)?;
    if diff.patch.trim().is_empty() {
        println!("Nothing to send: no changes against {base}.");
        return Ok(());
    }

    println!("Base:    {base} (merge-base {})", &mb[..mb.len().min(7)]);
    println!("Server:  {server}");
    print!("{}", diff.stat);

    let title = o.title.clone().unwrap_or_else(|| git::head_subject().unwrap_or_else(|_| "Untitled change".into()));
    let body = serde_json::json!({
        "title": title,
        "base": mb,
        "head": git::head()?,
        "branch": git::branch().ok(),
        "patch": diff.patch,
        "files": diff.files,
    });

    if o.dry_run {
        println!("{}", serde_json::to_string_pretty(&body).unwrap_or_default());
        return Ok(());
    }
    let q = format!("Upload this diff ({} files) to {server}?", diff.files.len());
    if !o.yes && !confirm(&q) {
        println!("Aborted; nothing was sent.");
        return Ok(());
    }
    let token = config::token()?;
    let url = format!("{}/api/diffs", server.trim_end_matches('/'));
    let resp: serde_json::Value = ureq::post(&url)
        .set("authorization", &format!("Bearer {token}"))
        .timeout(std::time::Duration::from_secs(30))
        .send_json(body)
        .map_err(|e| format!("upload failed: {e}"))?
        .into_json()
        .map_err(|e| format!("bad response: {e}"))?;
    match (resp.get("id").and_then(|v| v.as_str()), resp.get("url").and_then(|v| v.as_str())) {
        (Some(id), Some(u)) => println!("Created {id}: {u}"),
        _ => println!("Uploaded; server response: {resp}"),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("arcdiff: {e}");
            ExitCode::from(1)
        }
    }
}
