//! `.git-mirrors` file: one `name url` pair per line, `#` comments.

use std::fs;
use std::io;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    pub name: Option<String>,
    pub url: String,
}

pub fn load(top: &Path) -> io::Result<Vec<Mirror>> {
    let path = top.join(".git-mirrors");
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some(name), Some(url), None) => out.push(Mirror { name: Some(name.to_string()), url: url.to_string() }),
            (Some(url), None, None) => out.push(Mirror { name: None, url: url.to_string() }),
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("line {}: expected `name url`", n + 1),
                ))
            }
        }
    }
    Ok(out)
}

pub fn validate(url: &str, allow_insecure: bool) -> Result<(), String> {
    if url.starts_with("http://") || url.starts_with("git://") {
        if !allow_insecure {
            return Err("unencrypted transport; pass --allow-insecure to use it anyway".into());
        }
        return Ok(());
    }
    if url.starts_with("https://") || url.starts_with("ssh://") || url.starts_with("file://") {
        return Ok(());
    }
    // scp-like `user@host:path`
    if let Some(colon) = url.find(':') {
        if url[..colon].contains('@') && !url[..colon].contains('/') {
            return Ok(());
        }
    }
    if Path::new(url).is_absolute() {
        return Ok(());
    }
    Err("not a recognised git URL".into())
}

/// Hide `user:password@` in URLs before printing.
pub fn redact(url: &str) -> String {
    if let Some(scheme_end) = url.find("://") {
        let rest = &url[scheme_end + 3..];
        if let Some(at) = rest.find('@') {
            let host_start = &rest[at + 1..];
            if rest[..at].contains(':') {
                return format!("{}://***@{}", &url[..scheme_end], host_start);
            }
        }
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("https://me:FAKE-TOKEN@git.example.com/x.git"), "https://***@git.example.com/x.git");
        assert_eq!(redact("ssh://git@git.example.com/x.git"), "ssh://git@git.example.com/x.git");
    }

    #[test]
    fn validates() {
        assert!(validate("git@git.example.com:team/app.git", false).is_ok());
        assert!(validate("http://git.example.com/app.git", false).is_err());
        assert!(validate("ftp://x", true).is_err());
    }
}
