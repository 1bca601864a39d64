use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const TOP_LEVEL: &[&str] = &["Cargo.toml", "Cargo.lock", "rust-toolchain", "rust-toolchain.toml", "build.rs", "README.md"];
const DIRS: &[&str] = &["src", "examples", "tests", "benches"];
const NEVER: &[&str] = &[".env", "id_rsa", "id_ed25519", ".pem", ".key", ".p12", "credentials"];
const MAX_FILE: u64 = 256 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "repro-share").collect();
    let dry = args.iter().any(|a| a == "--dry-run");
    let public = args.iter().any(|a| a == "--public");
    let Some(api) = args.iter().position(|a| a == "--api").and_then(|i| args.get(i + 1)) else {
        eprintln!("error: --api <https://host/api/...> is required");
        return ExitCode::from(2);
    };
    if !api.starts_with("https://") {
        eprintln!("error: --api must be an https:// URL");
        return ExitCode::from(2);
    }

    let root = match std::env::current_dir() {
        Ok(d) if d.join("Cargo.toml").is_file() => d,
        _ => {
            eprintln!("error: run this in the directory containing the reproduction's Cargo.toml");
            return ExitCode::from(2);
        }
    };
    let files = select(&root);
    let total: u64 = files.iter().map(|(_, n)| *n).sum();
    println!("The following {} file(s), {} bytes, would be uploaded to {api}:", files.len(), total);
    for (p, n) in &files {
        println!("  {:>8}  {}", n, p.display());
    }
    if dry {
        return ExitCode::SUCCESS;
    }
    if total > 1 << 20 {
        eprintln!("error: more than 1 MiB; a reproduction should be small");
        return ExitCode::FAILURE;
    }
    print!("Type `yes` to upload: ");
    let _ = io::stdout().flush();
    let mut answer = String::new();
    let _ = io::stdin().lock().read_line(&mut answer);
    if answer.trim() != "yes" {
        println!("nothing uploaded");
        return ExitCode::SUCCESS;
    }
    let Ok(token) = std::env::var("REPRO_SHARE_TOKEN") else {
        eprintln!("error: set REPRO_SHARE_TOKEN to a token allowed to create gists");
        return ExitCode::from(2);
    };

    let mut map = serde_json::Map::new();
    for (p, _) in &files {
        let content = std::fs::read_to_string(root.join(p)).unwrap_or_default();
        // gists are flat: encode directories in the file name
        map.insert(p.to_string_lossy().replace(['/', '\\'], "__"), serde_json::json!({ "content": content }));
    }
    let body = serde_json::json!({
        "description": format!("reproduction: {}", root.file_name().unwrap_or_default().to_string_lossy()),
        "public": public,
        "files": map,
    });
    match ureq::post(&format!("{}/gists", api.trim_end_matches('/')))
        .set("Authorization", &format!("token {token}"))
        .set("Accept", "application/json")
        .send_json(body)
    {
        Ok(r) => {
            let v: serde_json::Value = r.into_json().unwrap_or_default();
            println!("created: {}", v.get("html_url").and_then(|u| u.as_str()).unwrap_or("(no url in response)"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("upload failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn select(root: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    for f in TOP_LEVEL {
        consider(root, &root.join(f), &mut out);
    }
    for d in DIRS {
        let dir = root.join(d);
        if !dir.is_dir() {
            continue;
        }
        for e in ignore::WalkBuilder::new(&dir).hidden(true).git_ignore(true).build().flatten() {
            if e.file_type().map(|t| t.is_file()).unwrap_or(false) {
                consider(root, e.path(), &mut out);
            }
        }
    }
    out.sort();
    out
}

fn consider(root: &Path, p: &Path, out: &mut Vec<(PathBuf, u64)>) {
    let Ok(md) = std::fs::metadata(p) else { return };
    if !md.is_file() || md.len() > MAX_FILE {
        return;
    }
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    if NEVER.iter().any(|n| name.contains(n)) {
        return;
    }
    if let Ok(rel) = p.strip_prefix(root) {
        out.push((rel.to_path_buf(), md.len()));
    }
}
