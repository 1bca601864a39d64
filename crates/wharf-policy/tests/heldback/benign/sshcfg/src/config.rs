use std::fs;
use std::path::{Path, PathBuf};

use crate::{user_ssh_dir, Error};

#[derive(Debug, Clone, Default)]
pub struct HostConfig {
    pub hostname: Option<String>,
    pub user: Option<String>,
    pub port: Option<u16>,
    pub identity_file: Vec<PathBuf>,
    pub proxy_jump: Option<String>,
    pub forward_agent: Option<bool>,
}

#[derive(Debug)]
struct Block {
    patterns: Vec<String>,
    options: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct Config {
    blocks: Vec<Block>,
}

fn matches(pattern: &str, host: &str) -> bool {
    let (neg, pat) = pattern.strip_prefix('!').map(|p| (true, p)).unwrap_or((false, pattern));
    let ok = glob::Pattern::new(pat).map(|p| p.matches(host)).unwrap_or(false);
    ok != neg
}

impl Config {
    pub fn load_user() -> Result<Config, Error> {
        let dir = user_ssh_dir().ok_or(Error::NoHome)?;
        let path = dir.join("config");
        if !path.exists() {
            return Ok(Config::default());
        }
        Config::load(&path)
    }

    pub fn load(path: &Path) -> Result<Config, Error> {
        let mut cfg = Config::default();
        cfg.blocks.push(Block { patterns: vec!["*".into()], options: vec![] });
        cfg.parse_file(path, 0)?;
        Ok(cfg)
    }

    fn parse_file(&mut self, path: &Path, depth: u8) -> Result<(), Error> {
        if depth > 8 {
            return Ok(());
        }
        let text = fs::read_to_string(path)?;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, val) = line
                .split_once(|c: char| c.is_whitespace() || c == '=')
                .ok_or_else(|| Error::Parse { line: i + 1, msg: "missing value".into() })?;
            let key = key.to_ascii_lowercase();
            let val = val.trim_start_matches(|c: char| c.is_whitespace() || c == '=').trim().to_string();
            match key.as_str() {
                "host" => self.blocks.push(Block { patterns: val.split_whitespace().map(String::from).collect(), options: vec![] }),
                "include" => {
                    let base = path.parent().unwrap_or(Path::new("."));
                    for pat in val.split_whitespace() {
                        let full = if Path::new(pat).is_absolute() { PathBuf::from(pat) } else { base.join(pat) };
                        for p in glob::glob(&full.to_string_lossy()).into_iter().flatten().flatten() {
                            self.parse_file(&p, depth + 1)?;
                        }
                    }
                }
                _ => self.blocks.last_mut().unwrap().options.push((key, val)),
            }
        }
        Ok(())
    }

    /// Resolve options for `host`, first obtained value wins (like ssh).
    pub fn resolve(&self, host: &str) -> HostConfig {
        let mut h = HostConfig::default();
        for b in self.blocks.iter().filter(|b| b.patterns.iter().any(|p| matches(p, host))) {
            for (k, v) in &b.options {
                match k.as_str() {
                    "hostname" if h.hostname.is_none() => h.hostname = Some(v.replace("%h", host)),
                    "user" if h.user.is_none() => h.user = Some(v.clone()),
                    "port" if h.port.is_none() => h.port = v.parse().ok(),
                    "identityfile" => h.identity_file.push(expand_tilde(v)),
                    "proxyjump" if h.proxy_jump.is_none() => h.proxy_jump = Some(v.clone()),
                    "forwardagent" if h.forward_agent.is_none() => h.forward_agent = Some(v.eq_ignore_ascii_case("yes")),
                    _ => {}
                }
            }
        }
        h
    }
}

fn expand_tilde(p: &str) -> PathBuf {
    match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(p),
    }
}
