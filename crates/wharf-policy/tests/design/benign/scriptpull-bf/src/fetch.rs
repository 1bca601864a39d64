//! HTTPS retrieval with ETag support and an on-disk copy of the last
//! verified script.

use crate::FeedConfig;
use std::fs;
use std::io::Read;
use std::path::PathBuf;

pub(crate) struct Fetched {
    pub script: Vec<u8>,
    pub signature: Vec<u8>,
    pub etag: Option<String>,
}

fn check_scheme(url: &str) -> Result<(), String> {
    if url.starts_with("https://") {
        return Ok(());
    }
    if let Some(rest) = url.strip_prefix("http://") {
        let host = rest.split(['/', ':']).next().unwrap_or("");
        if host == "localhost" || host == "127.0.0.1" || host == "[::1]" {
            return Ok(());
        }
    }
    Err(format!("refusing non-HTTPS URL {url}"))
}

fn get(agent: &ureq::Agent, url: &str, etag: Option<&str>, max: u64) -> Result<Option<(Vec<u8>, Option<String>)>, String> {
    check_scheme(url)?;
    let mut req = agent.get(url).set("Accept", "text/plain, application/octet-stream");
    if let Some(e) = etag {
        req = req.set("If-None-Match", e);
    }
    let resp = match req.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(304, _)) => return Ok(None),
        Err(ureq::Error::Status(code, _)) => return Err(format!("{url}: HTTP {code}")),
        Err(e) => return Err(format!("{url}: {e}")),
    };
    let tag = resp.header("ETag").map(str::to_string);
    let mut body = Vec::new();
    resp.into_reader()
        .take(max + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("{url}: {e}"))?;
    if body.len() as u64 > max {
        return Err(format!("{url}: larger than {max} bytes"));
    }
    Ok(Some((body, tag)))
}

/// Fetches script + signature. `Ok(None)` means "not modified".
pub(crate) fn fetch(cfg: &FeedConfig, etag: Option<&str>) -> Result<Option<Fetched>, String> {
    let agent = ureq::AgentBuilder::new()
        .timeout(cfg.timeout)
        .redirects(2)
        .user_agent(concat!("scriptpull/", env!("CARGO_PKG_VERSION")))
        .build();
    let Some((script, etag)) = get(&agent, &cfg.url, etag, cfg.max_bytes)? else {
        return Ok(None);
    };
    let (sig, _) = get(&agent, &cfg.signature_url, None, 4096)?
        .ok_or_else(|| "signature endpoint returned 304".to_string())?;
    Ok(Some(Fetched { script, signature: sig, etag }))
}

fn cache_paths(cfg: &FeedConfig) -> Option<(PathBuf, PathBuf)> {
    let d = cfg.cache_dir.as_ref()?;
    Some((d.join("script.rhai"), d.join("script.rhai.sig")))
}

/// Last verified script from the cache dir. It is verified again on load.
pub(crate) fn read_cache(cfg: &FeedConfig) -> Option<(Vec<u8>, Vec<u8>)> {
    let (s, g) = cache_paths(cfg)?;
    Some((fs::read(s).ok()?, fs::read(g).ok()?))
}

pub(crate) fn write_cache(cfg: &FeedConfig, script: &[u8], sig: &[u8]) {
    let Some((s, g)) = cache_paths(cfg) else { return };
    if let Some(d) = s.parent() {
        let _ = fs::create_dir_all(d);
    }
    let tmp = s.with_extension("rhai.tmp");
    if fs::write(&tmp, script).is_ok() && fs::write(&g, sig).is_ok() {
        let _ = fs::rename(tmp, s);
    }
}

#[cfg(test)]
mod tests {
    use super::check_scheme;

    #[test]
    fn scheme_policy() {
        assert!(check_scheme("https://rules.example.com/a.rhai").is_ok());
        assert!(check_scheme("http://localhost:8080/a.rhai").is_ok());
        assert!(check_scheme("http://rules.example.com/a.rhai").is_err());
        assert!(check_scheme("file:///etc/passwd").is_err());
    }
}
