//! Mirror-list parsing.

use std::fs;
use std::path::Path;

use crate::{Error, Result};

/// URL scheme of a mirror.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `http://`
    Http,
    /// `https://`
    Https,
    /// `rsync://`
    Rsync,
    /// `ftp://`
    Ftp,
}

impl Scheme {
    fn parse(s: &str) -> Option<Scheme> {
        match s.to_ascii_lowercase().as_str() {
            "http" => Some(Scheme::Http),
            "https" => Some(Scheme::Https),
            "rsync" => Some(Scheme::Rsync),
            "ftp" => Some(Scheme::Ftp),
            _ => None,
        }
    }

    /// Default TCP port for this scheme.
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
            Scheme::Rsync => 873,
            Scheme::Ftp => 21,
        }
    }

    /// Lower-case scheme name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
            Scheme::Rsync => "rsync",
            Scheme::Ftp => "ftp",
        }
    }
}

/// Which syntax a mirror was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// `Server = …` line.
    Pacman,
    /// `deb …` / `deb-src …` line; keeps the suite and components.
    Apt {
        /// `deb` or `deb-src`.
        kind: String,
        /// e.g. `bookworm`.
        suite: String,
        /// e.g. `main contrib`.
        components: Vec<String>,
    },
    /// Bare URL.
    Plain,
}

/// One mirror entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    /// The URL exactly as written (pacman variables such as `$repo` are kept).
    pub url: String,
    /// URL scheme.
    pub scheme: Scheme,
    /// Host name or IP literal (IPv6 without brackets).
    pub host: String,
    /// Explicit or default port.
    pub port: u16,
    /// Country from the closest preceding `## Country` header, if any.
    pub country: Option<String>,
    /// False for commented-out entries.
    pub enabled: bool,
    /// Syntax of the source line.
    pub source: SourceKind,
    /// 1-based line number in the input.
    pub line: usize,
}

/// A parsed mirror list.
#[derive(Debug, Clone, Default)]
pub struct MirrorList {
    /// Entries in file order.
    pub mirrors: Vec<Mirror>,
}

impl MirrorList {
    /// Read and parse a file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let text = fs::read_to_string(path)?;
        Self::parse(&text)
    }

    /// Parse mirror-list text. Unknown lines are skipped; malformed URLs are errors.
    pub fn parse(text: &str) -> Result<Self> {
        let mut mirrors = Vec::new();
        let mut country: Option<String> = None;

        for (idx, raw) in text.lines().enumerate() {
            let lineno = idx + 1;
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }

            // `## Germany` style headers written by reflector / the Arch mirrorlist generator.
            if let Some(rest) = line.strip_prefix("##") {
                let name = rest.trim();
                if !name.is_empty() && !name.contains(':') && !name.contains('=') {
                    country = Some(name.to_string());
                }
                continue;
            }

            let (enabled, body) = match line.strip_prefix('#') {
                Some(b) => (false, b.trim_start()),
                None => (true, line),
            };

            if let Some(url) = pacman_server(body) {
                let m = build(url, enabled, country.clone(), SourceKind::Pacman, lineno)?;
                mirrors.push(m);
                continue;
            }

            if let Some((kind, url, suite, comps)) = apt_line(body) {
                let src = SourceKind::Apt { kind, suite, components: comps };
                let m = build(url, enabled, country.clone(), src, lineno)?;
                mirrors.push(m);
                continue;
            }

            if enabled && looks_like_url(body) {
                let m = build(body, true, country.clone(), SourceKind::Plain, lineno)?;
                mirrors.push(m);
            }
        }

        if mirrors.is_empty() {
            return Err(Error::Empty);
        }
        Ok(MirrorList { mirrors })
    }

    /// Distinct countries mentioned in headers, in first-seen order.
    pub fn countries(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in &self.mirrors {
            if let Some(c) = m.country.as_deref() {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.mirrors.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.mirrors.is_empty()
    }
}

fn pacman_server(body: &str) -> Option<&str> {
    let rest = body.strip_prefix("Server")?;
    let rest = rest.trim_start().strip_prefix('=')?;
    Some(rest.trim())
}

fn apt_line(body: &str) -> Option<(String, &str, String, Vec<String>)> {
    let mut it = body.split_whitespace();
    let kind = it.next()?;
    if kind != "deb" && kind != "deb-src" {
        return None;
    }
    let mut url = it.next()?;
    // Skip `[arch=amd64 signed-by=…]` option blocks.
    if url.starts_with('[') {
        loop {
            if url.ends_with(']') {
                break;
            }
            url = it.next()?;
        }
        url = it.next()?;
    }
    let suite = it.next()?.to_string();
    let comps = it.map(str::to_string).collect();
    Some((kind.to_string(), url, suite, comps))
}

fn looks_like_url(s: &str) -> bool {
    s.split_once("://")
        .map(|(sch, _)| Scheme::parse(sch).is_some())
        .unwrap_or(false)
}

fn build(url: &str, enabled: bool, country: Option<String>, source: SourceKind, line: usize) -> Result<Mirror> {
    let (scheme, host, port) = split_url(url).map_err(|msg| Error::Parse { line, msg })?;
    Ok(Mirror { url: url.to_string(), scheme, host, port, country, enabled, source, line })
}

/// Split `scheme://[user@]host[:port]/…` into its network parts.
pub(crate) fn split_url(url: &str) -> std::result::Result<(Scheme, String, u16), String> {
    let (sch, rest) = url.split_once("://").ok_or_else(|| format!("not a URL: {url}"))?;
    let scheme = Scheme::parse(sch).ok_or_else(|| format!("unsupported scheme `{sch}`"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map(|(_, a)| a).unwrap_or(authority);
    if authority.is_empty() {
        return Err(format!("missing host in {url}"));
    }

    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, tail) = v6.split_once(']').ok_or("unterminated IPv6 literal")?;
        let port = match tail.strip_prefix(':') {
            Some(p) => p.parse::<u16>().map_err(|_| format!("bad port `{p}`"))?,
            None if tail.is_empty() => scheme.default_port(),
            None => return Err(format!("junk after IPv6 literal: `{tail}`")),
        };
        (h.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) if !p.is_empty() => {
                let port = p.parse::<u16>().map_err(|_| format!("bad port `{p}`"))?;
                (h.to_string(), port)
            }
            Some((h, _)) => (h.to_string(), scheme.default_port()),
            None => (authority.to_string(), scheme.default_port()),
        }
    };

    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("bad host in {url}"));
    }
    Ok((scheme, host.to_ascii_lowercase(), port))
}
