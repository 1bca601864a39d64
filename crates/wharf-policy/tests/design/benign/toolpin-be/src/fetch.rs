//! Downloading archives.

use std::io::Read;
use std::time::Duration;

use crate::{Error, Result};

/// Archives larger than this are refused.
const MAX_ARCHIVE: u64 = 128 << 20;
const ATTEMPTS: u32 = 3;

/// Apply a mirror override: replace `scheme://host` of `url` with `origin`.
pub(crate) fn resolve_url(url: &str, mirror: Option<&str>) -> String {
    let origin = match mirror {
        Some(o) => o,
        None => return url.to_string(),
    };
    match url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..])) {
        Some(path) => format!("{origin}{path}"),
        None => url.to_string(),
    }
}

/// Fetch `url` into memory with retries and a size cap. Progress is reported as a
/// cargo warning so it is visible in build-script output.
pub(crate) fn download(url: &str) -> Result<Vec<u8>> {
    println!("cargo:warning=toolpin: downloading {url}");
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(15))
        .timeout(Duration::from_secs(300))
        .user_agent(concat!("toolpin/", env!("CARGO_PKG_VERSION")))
        .build();

    let mut last = String::new();
    for attempt in 1..=ATTEMPTS {
        match agent.get(url).call() {
            Ok(resp) => {
                if let Some(len) = resp.header("Content-Length").and_then(|l| l.parse::<u64>().ok()) {
                    if len > MAX_ARCHIVE {
                        return Err(Error::Http(format!("{url}: {len} bytes exceeds limit")));
                    }
                }
                let mut body = Vec::new();
                resp.into_reader().take(MAX_ARCHIVE + 1).read_to_end(&mut body)?;
                if body.len() as u64 > MAX_ARCHIVE {
                    return Err(Error::Http(format!("{url}: body exceeds limit")));
                }
                return Ok(body);
            }
            Err(ureq::Error::Status(code, _)) if code < 500 => {
                return Err(Error::Http(format!("{url}: HTTP {code}")));
            }
            Err(e) => {
                last = e.to_string();
                std::thread::sleep(Duration::from_secs(2u64.pow(attempt)));
            }
        }
    }
    Err(Error::Http(format!("{url}: {last}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirror_replaces_origin() {
        assert_eq!(
            resolve_url("https://releases.example.org/a/b.tar.gz", Some("https://mirror.example.net")),
            "https://mirror.example.net/a/b.tar.gz"
        );
        assert_eq!(resolve_url("https://x.example.org/p", None), "https://x.example.org/p");
    }
}
