//! Heuristics for files that should never end up in a source bundle.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

const NAME_EXACT: &[&str] = &[
    ".git-credentials",
    ".netrc",
    "_netrc",
    ".npmrc",
    ".pypirc",
    ".dockercfg",
    "credentials",
    "credentials.toml",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
];

const NAME_SUFFIX: &[&str] = &[".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".kdbx", ".asc"];

const DIR_COMPONENTS: &[&str] = &[".ssh", ".aws", ".gnupg", ".docker"];

/// Returns a reason if `path` looks like it holds credentials.
pub fn looks_secret(path: &Path) -> io::Result<Option<&'static str>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();

    if name == ".env" || name.starts_with(".env.") {
        // `.env.example` / `.env.sample` are templates and are kept
        if !(name.ends_with(".example") || name.ends_with(".sample") || name.ends_with(".template")) {
            return Ok(Some("dotenv file"));
        }
    }
    if NAME_EXACT.contains(&name.as_str()) || name.starts_with("id_rsa") || name.starts_with("id_ed25519") {
        return Ok(Some("credential file name"));
    }
    if NAME_SUFFIX.iter().any(|s| name.ends_with(s)) {
        return Ok(Some("key/certificate extension"));
    }
    if path
        .components()
        .any(|c| DIR_COMPONENTS.iter().any(|d| c.as_os_str() == *d))
    {
        return Ok(Some("inside a credentials directory"));
    }
    if has_private_key_header(path)? {
        return Ok(Some("contains a PRIVATE KEY block"));
    }
    Ok(None)
}

fn has_private_key_header(path: &Path) -> io::Result<bool> {
    let mut buf = Vec::with_capacity(4096);
    File::open(path)?.take(4096).read_to_end(&mut buf)?;
    let s = String::from_utf8_lossy(&buf);
    Ok(s.contains("-----BEGIN") && s.contains("PRIVATE KEY-----"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let d = tempfile::tempdir().unwrap();
        for (n, secret) in [
            (".env", true),
            (".env.production", true),
            (".env.example", false),
            ("server.pem", true),
            ("main.rs", false),
            ("id_ed25519.pub", true),
        ] {
            let p = d.path().join(n);
            std::fs::write(&p, b"x").unwrap();
            assert_eq!(looks_secret(&p).unwrap().is_some(), secret, "{n}");
        }
    }

    #[test]
    fn pem_content() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("notes.txt");
        std::fs::write(&p, "-----BEGIN OPENSSH PRIVATE KEY-----\nFAKE\n").unwrap();
        assert!(looks_secret(&p).unwrap().is_some());
    }
}
