use std::env;
use std::fs;
use std::path::{Path, PathBuf};

/// `.arcconfig` is JSON: `{"review.uri": "https://review.example.com"}`.
pub fn server_from_arcconfig(root: &Path) -> Result<Option<String>, String> {
    let p = root.join(".arcconfig");
    let text = match fs::read_to_string(&p) {
        Ok(t) => t,
        Err(_) => return Ok(None),
    };
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
    Ok(v.get("review.uri").or_else(|| v.get("phabricator.uri")).and_then(|u| u.as_str()).map(str::to_string))
}

fn token_file() -> Option<PathBuf> {
    let base = env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("arcdiff").join("token"))
}

/// API token from `ARCDIFF_TOKEN` or the user's token file (must be private).
pub fn token() -> Result<String, String> {
    if let Ok(t) = env::var("ARCDIFF_TOKEN") {
        if !t.trim().is_empty() {
            return Ok(t.trim().to_string());
        }
    }
    let p = token_file().ok_or("cannot locate config directory")?;
    let meta = fs::metadata(&p).map_err(|_| format!("no API token: set ARCDIFF_TOKEN or write it to {}", p.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(format!("{} is readable by others; run `chmod 600 {}`", p.display(), p.display()));
        }
    }
    let _ = meta;
    let t = fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    Ok(t.trim().to_string())
}
