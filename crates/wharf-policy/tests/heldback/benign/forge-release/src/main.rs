use serde::Deserialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Deserialize)]
struct Release {
    id: u64,
    html_url: String,
}

struct Forge {
    base: String,
    repo: String,
    token: String,
}

impl Forge {
    fn from_env() -> Result<Forge, String> {
        let need = |k: &str| std::env::var(k).map_err(|_| format!("{k} must be set"));
        let base = need("FORGE_URL")?.trim_end_matches('/').to_string();
        if !base.starts_with("https://") {
            return Err("FORGE_URL must use https".into());
        }
        Ok(Forge { base, repo: need("FORGE_REPO")?, token: need("FORGE_TOKEN")? })
    }

    fn auth(&self) -> String {
        format!("token {}", self.token)
    }

    fn create(&self, tag: &str, notes: &str) -> Result<Release, String> {
        ureq::post(&format!("{}/api/v1/repos/{}/releases", self.base, self.repo))
            .set("Authorization", &self.auth())
            .send_json(serde_json::json!({ "tag_name": tag, "name": tag, "body": notes }))
            .map_err(|e| e.to_string())?
            .into_json()
            .map_err(|e| e.to_string())
    }

    fn upload(&self, rel: &Release, file: &Path) -> Result<(), String> {
        let name = file.file_name().and_then(|n| n.to_str()).ok_or("bad file name")?;
        let data = std::fs::read(file).map_err(|e| e.to_string())?;
        ureq::post(&format!("{}/api/v1/repos/{}/releases/{}/assets?name={}", self.base, self.repo, rel.id, name))
            .set("Authorization", &self.auth())
            .set("Content-Type", "application/octet-stream")
            .send_bytes(&data)
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut tag = None;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        if a == "--tag" {
            tag = args.next();
        } else {
            files.push(a);
        }
    }
    let Some(tag) = tag else {
        eprintln!("usage: forge-release --tag TAG [FILES...]");
        return ExitCode::from(2);
    };
    let forge = match Forge::from_env() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let notes = std::fs::read_to_string("CHANGELOG.md").unwrap_or_default();
    let rel = match forge.create(&tag, &notes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("create release failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    for f in &files {
        if let Err(e) = forge.upload(&rel, Path::new(f)) {
            eprintln!("upload {f} failed: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!("{}", rel.html_url);
    ExitCode::SUCCESS
}
