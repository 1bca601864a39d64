//! Upload a finished bundle to a symbol server the user operates.

use std::io;
use std::path::Path;
use std::time::Duration;

#[derive(Debug)]
pub struct Target {
    pub url: String,
    pub host: String,
}

/// Validate the destination: https, or http only for loopback.
pub fn parse_target(url: &str) -> Result<Target, String> {
    let (scheme, rest) = url.split_once("://").ok_or("URL must start with https://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_only = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if host.contains('@') {
        return Err("credentials in the URL are not accepted; use SRCBUNDLE_AUTH_TOKEN".into());
    }
    let bare = host_only.split(':').next().unwrap_or("");
    match scheme {
        "https" => {}
        "http" if bare == "localhost" || bare == "127.0.0.1" || bare == "[::1]" => {}
        _ => return Err(format!("refusing to upload over {scheme}://; use https")),
    }
    if bare.is_empty() {
        return Err("URL has no host".into());
    }
    Ok(Target { url: url.to_string(), host: host_only.to_string() })
}

/// Read the token from `SRCBUNDLE_AUTH_TOKEN` or a file given by the user.
pub fn token(token_file: Option<&Path>) -> io::Result<String> {
    if let Some(p) = token_file {
        return Ok(std::fs::read_to_string(p)?.trim().to_string());
    }
    std::env::var("SRCBUNDLE_AUTH_TOKEN")
        .map_err(|_| io::Error::new(io::ErrorKind::NotFound, "set SRCBUNDLE_AUTH_TOKEN or pass --token-file"))
}

pub fn upload(target: &Target, token: &str, bundle: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let data = std::fs::read(bundle)?;
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(300))
        .redirects(0) // never forward the token to another host
        .build();
    let resp = agent
        .post(&target.url)
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/zip")
        .set("User-Agent", concat!("srcbundle-upload/", env!("CARGO_PKG_VERSION")))
        .send_bytes(&data)?;
    Ok(resp.into_string()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert!(parse_target("https://symbols.example.com/api").is_ok());
        assert!(parse_target("http://localhost:9000/api").is_ok());
        assert!(parse_target("http://symbols.example.com/api").is_err());
        assert!(parse_target("https://user:pw@symbols.example.com/").is_err());
    }
}
