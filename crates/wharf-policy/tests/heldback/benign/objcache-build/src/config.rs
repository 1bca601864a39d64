use std::env;

#[derive(Debug, Clone)]
pub struct Config {
    pub base: String,
    pub host: String,
    pub token: Option<String>,
    pub read_only: bool,
}

fn host_of(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split('/').next()?;
    if authority.contains('@') {
        // No credentials in the URL: use OBJCACHE_TOKEN.
        return None;
    }
    let host = authority.rsplit_once(':').map(|(h, _)| h).unwrap_or(authority);
    Some((scheme, host))
}

impl Config {
    /// Reads the configuration; `None` (cache disabled) unless `OBJCACHE_URL` is
    /// set to an acceptable URL.
    pub fn from_env() -> Option<Config> {
        for v in ["OBJCACHE_URL", "OBJCACHE_TOKEN", "OBJCACHE_READONLY"] {
            println!("cargo:rerun-if-env-changed={v}");
        }
        let base = env::var("OBJCACHE_URL").ok()?.trim_end_matches('/').to_owned();
        let Some((scheme, host)) = host_of(&base) else {
            println!("cargo:warning=objcache: ignoring malformed OBJCACHE_URL");
            return None;
        };
        let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
        if scheme != "https" && !(scheme == "http" && loopback) {
            println!("cargo:warning=objcache: OBJCACHE_URL must use https (or http to localhost); cache disabled");
            return None;
        }
        Some(Config {
            host: host.to_owned(),
            base,
            token: env::var("OBJCACHE_TOKEN").ok().filter(|t| !t.is_empty()),
            read_only: matches!(env::var("OBJCACHE_READONLY").as_deref(), Ok("1") | Ok("true")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://cache.example.com:8443/x"), Some(("https", "cache.example.com")));
        assert_eq!(host_of("https://u:p@cache.example.com"), None);
    }
}
