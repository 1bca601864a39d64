//! Signed push-webhook receiver that runs a fixed deploy command.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

const MAX_BODY: usize = 1 << 20;

/// Operator configuration; nothing here comes from requests.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub secret: Vec<u8>,
    /// Full ref, e.g. `refs/heads/main`.
    pub git_ref: String,
    /// `owner/name`; if set, pushes for other repositories are ignored.
    pub repo: Option<String>,
    /// Program and arguments; run directly, not through a shell.
    pub command: Vec<String>,
    pub workdir: PathBuf,
}

/// A validated push event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Push {
    pub git_ref: String,
    pub sha: String,
    pub repo: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Deploy(Push),
    Pong,
    Ignored(&'static str),
    Unauthorized,
    BadRequest(&'static str),
}

/// Check signature, event type, repository and ref.
pub fn evaluate(cfg: &Config, headers: &[(String, String)], body: &[u8]) -> Verdict {
    let header = |n: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)).map(|(_, v)| v.as_str());
    let Some(sig) = header("X-Hub-Signature-256").and_then(|s| s.strip_prefix("sha256=")) else {
        return Verdict::Unauthorized;
    };
    let Ok(sig) = hex::decode(sig.trim()) else { return Verdict::Unauthorized };
    let mut mac = Hmac::<Sha256>::new_from_slice(&cfg.secret).expect("HMAC accepts any key length");
    mac.update(body);
    if mac.verify_slice(&sig).is_err() {
        return Verdict::Unauthorized;
    }
    let event = header("X-GitHub-Event").or_else(|| header("X-Gitea-Event")).unwrap_or("");
    match event {
        "ping" => return Verdict::Pong,
        "push" => {}
        _ => return Verdict::Ignored("not a push event"),
    }
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Verdict::BadRequest("body is not JSON");
    };
    let git_ref = v["ref"].as_str().unwrap_or_default();
    let sha = v["after"].as_str().unwrap_or_default();
    let repo = v["repository"]["full_name"].as_str().unwrap_or_default();
    if let Some(want) = &cfg.repo {
        if !repo.eq_ignore_ascii_case(want) {
            return Verdict::Ignored("other repository");
        }
    }
    if git_ref != cfg.git_ref {
        return Verdict::Ignored("other ref");
    }
    if !(sha.len() == 40 || sha.len() == 64) || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Verdict::BadRequest("bad commit id");
    }
    if sha.bytes().all(|b| b == b'0') {
        return Verdict::Ignored("branch deleted");
    }
    Verdict::Deploy(Push { git_ref: git_ref.into(), sha: sha.to_ascii_lowercase(), repo: repo.into() })
}

/// Serialises deploys: at most one running, at most one pending (the latest push).
struct Deployer {
    pending: Mutex<Option<Push>>,
    wake: Condvar,
}

fn deploy_loop(cfg: Arc<Config>, d: Arc<Deployer>) {
    loop {
        let push = {
            let mut p = d.pending.lock().unwrap();
            while p.is_none() {
                p = d.wake.wait(p).unwrap();
            }
            p.take().unwrap()
        };
        eprintln!("pushdeploy: deploying {} {} ({})", push.repo, push.sha, push.git_ref);
        let status = Command::new(&cfg.command[0])
            .args(&cfg.command[1..])
            .current_dir(&cfg.workdir)
            .env("PUSHDEPLOY_REF", &push.git_ref)
            .env("PUSHDEPLOY_SHA", &push.sha)
            .stdin(Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => eprintln!("pushdeploy: deploy of {} finished", push.sha),
            Ok(s) => eprintln!("pushdeploy: deploy of {} failed: {s}", push.sha),
            Err(e) => eprintln!("pushdeploy: could not start {:?}: {e}", cfg.command[0]),
        }
    }
}

fn read_request(stream: &mut TcpStream) -> io::Result<(String, String, Vec<(String, String)>, Vec<u8>)> {
    let mut r = BufReader::new(stream);
    let mut line = String::new();
    r.read_line(&mut line)?;
    let mut it = line.split_whitespace();
    let method = it.next().unwrap_or("").to_string();
    let path = it.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    let mut len = 0usize;
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
            break;
        }
        if headers.len() > 100 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "too many headers"));
        }
        if let Some((k, v)) = line.trim_end().split_once(':') {
            if k.eq_ignore_ascii_case("Content-Length") {
                len = v.trim().parse().map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad length"))?;
            }
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    if len > MAX_BODY {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "body too large"));
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok((method, path, headers, body))
}

fn reply(stream: &mut TcpStream, status: &str, msg: &str) -> io::Result<()> {
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{msg}\n", msg.len() + 1)
}

fn handle(mut stream: TcpStream, cfg: &Config, d: &Deployer) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let (method, _path, headers, body) = match read_request(&mut stream) {
        Ok(r) => r,
        Err(e) => return reply(&mut stream, "400 Bad Request", &e.to_string()),
    };
    if method != "POST" {
        return reply(&mut stream, "405 Method Not Allowed", "POST only");
    }
    match evaluate(cfg, &headers, &body) {
        Verdict::Deploy(push) => {
            *d.pending.lock().unwrap() = Some(push);
            d.wake.notify_one();
            reply(&mut stream, "202 Accepted", "deploy queued")
        }
        Verdict::Pong => reply(&mut stream, "200 OK", "pong"),
        Verdict::Ignored(why) => reply(&mut stream, "202 Accepted", why),
        Verdict::Unauthorized => reply(&mut stream, "401 Unauthorized", "bad signature"),
        Verdict::BadRequest(why) => reply(&mut stream, "400 Bad Request", why),
    }
}

/// Listen forever.
pub fn serve(cfg: Config) -> io::Result<()> {
    if cfg.command.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "no deploy command configured"));
    }
    if cfg.secret.len() < 16 {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "webhook secret must be at least 16 bytes"));
    }
    let listener = TcpListener::bind(&cfg.bind)?;
    let cfg = Arc::new(cfg);
    let d = Arc::new(Deployer { pending: Mutex::new(None), wake: Condvar::new() });
    {
        let (cfg, d) = (Arc::clone(&cfg), Arc::clone(&d));
        thread::Builder::new().name("deploy".into()).spawn(move || deploy_loop(cfg, d))?;
    }
    eprintln!("pushdeploy: listening on {}", cfg.bind);
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        let (cfg, d) = (Arc::clone(&cfg), Arc::clone(&d));
        thread::spawn(move || {
            if let Err(e) = handle(stream, &cfg, &d) {
                eprintln!("pushdeploy: {e}");
            }
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        Config {
            bind: "127.0.0.1:0".into(),
            secret: b"test-secret-0123456789".to_vec(),
            git_ref: "refs/heads/main".into(),
            repo: Some("acme/site".into()),
            command: vec!["true".into()],
            workdir: ".".into(),
        }
    }

    fn sign(body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"test-secret-0123456789").unwrap();
        mac.update(body);
        format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
    }

    #[test]
    fn signed_push_deploys() {
        let body = br#"{"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567","repository":{"full_name":"acme/site"}}"#;
        let h = vec![("X-GitHub-Event".into(), "push".into()), ("X-Hub-Signature-256".into(), sign(body))];
        assert!(matches!(evaluate(&cfg(), &h, body), Verdict::Deploy(_)));
    }

    #[test]
    fn unsigned_is_rejected() {
        let h = vec![("X-GitHub-Event".into(), "push".into())];
        assert_eq!(evaluate(&cfg(), &h, b"{}"), Verdict::Unauthorized);
    }
}
