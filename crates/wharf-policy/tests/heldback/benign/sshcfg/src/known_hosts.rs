use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::fs;
use std::path::Path;

use crate::{user_ssh_dir, Error};

#[derive(Debug, Clone)]
pub struct HostKey {
    pub marker: Option<String>,
    pub hosts: String,
    pub key_type: String,
    pub key: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct KnownHosts {
    entries: Vec<HostKey>,
}

fn hashed_match(entry: &str, name: &str) -> bool {
    // |1|base64(salt)|base64(hmac-sha1(salt, name))
    let mut parts = entry.trim_start_matches("|1|").splitn(2, '|');
    let (Some(salt), Some(hash)) = (parts.next(), parts.next()) else { return false };
    let (Ok(salt), Ok(hash)) = (STANDARD.decode(salt), STANDARD.decode(hash)) else { return false };
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&salt) else { return false };
    mac.update(name.as_bytes());
    mac.verify_slice(&hash).is_ok()
}

impl KnownHosts {
    pub fn load_user() -> Result<Self, Error> {
        let p = user_ssh_dir().ok_or(Error::NoHome)?.join("known_hosts");
        if !p.exists() {
            return Ok(Self::default());
        }
        Self::load(&p)
    }

    pub fn load(path: &Path) -> Result<Self, Error> {
        Self::parse(&fs::read_to_string(path)?)
    }

    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split_whitespace();
            let mut first = f.next().unwrap();
            let marker = if first.starts_with('@') {
                let m = first.to_string();
                first = f.next().ok_or_else(|| Error::Parse { line: i + 1, msg: "truncated".into() })?;
                Some(m)
            } else {
                None
            };
            let key_type = f.next().ok_or_else(|| Error::Parse { line: i + 1, msg: "no key type".into() })?;
            let key = f.next().and_then(|k| STANDARD.decode(k).ok()).ok_or_else(|| Error::Parse { line: i + 1, msg: "bad key".into() })?;
            entries.push(HostKey { marker, hosts: first.to_string(), key_type: key_type.into(), key });
        }
        Ok(KnownHosts { entries })
    }

    pub fn lookup<'a>(&'a self, host: &'a str, port: u16) -> impl Iterator<Item = &'a HostKey> + 'a {
        let name = if port == 22 { host.to_string() } else { format!("[{host}]:{port}") };
        self.entries.iter().filter(move |e| {
            if e.hosts.starts_with("|1|") {
                hashed_match(&e.hosts, &name)
            } else {
                e.hosts.split(',').any(|h| h == name)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn plain_entry() {
        let kh = KnownHosts::parse("git.example.org,192.0.2.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==\n").unwrap();
        assert_eq!(kh.lookup("192.0.2.10", 22).count(), 1);
        assert_eq!(kh.lookup("192.0.2.10", 2222).count(), 0);
    }
}
