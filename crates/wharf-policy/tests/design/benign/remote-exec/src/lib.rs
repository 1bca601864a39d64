//! Run commands on remote hosts over SSH.

mod known_hosts;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ssh2::Session;

pub use known_hosts::HostKeyPolicy;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("ssh: {0}")]
    Ssh(#[from] ssh2::Error),
    #[error("host key for {0} is not trusted")]
    UntrustedHost(String),
    #[error("authentication failed for {0}")]
    Auth(String),
    #[error("bad target `{0}` (expected user@host[:port])")]
    Target(String),
}

pub enum Auth {
    Agent,
    KeyFile { private: PathBuf, passphrase: Option<String> },
    Password(String),
}

pub struct Output {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Host {
    name: String,
    sess: Session,
}

fn split_target(t: &str) -> Result<(String, String, u16), Error> {
    let (user, rest) = match t.split_once('@') {
        Some((u, r)) => (u.to_owned(), r),
        None => (std::env::var("USER").unwrap_or_else(|_| "root".into()), t),
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h.to_owned(), p.parse().map_err(|_| Error::Target(t.into()))?),
        None => (rest.to_owned(), 22),
    };
    if host.is_empty() {
        return Err(Error::Target(t.into()));
    }
    Ok((user, host, port))
}

impl Host {
    pub fn connect(target: &str, auth: Auth) -> Result<Self, Error> {
        Self::connect_with(target, auth, HostKeyPolicy::Strict)
    }

    pub fn connect_with(target: &str, auth: Auth, policy: HostKeyPolicy) -> Result<Self, Error> {
        let (user, host, port) = split_target(target)?;
        let tcp = TcpStream::connect((host.as_str(), port))?;
        tcp.set_read_timeout(Some(Duration::from_secs(60)))?;
        let mut sess = Session::new()?;
        sess.set_tcp_stream(tcp);
        sess.handshake()?;
        known_hosts::check(&sess, &host, port, policy)?;
        match auth {
            Auth::Agent => sess.userauth_agent(&user)?,
            Auth::KeyFile { private, passphrase } => sess.userauth_pubkey_file(&user, None, &private, passphrase.as_deref())?,
            Auth::Password(p) => sess.userauth_password(&user, &p)?,
        }
        if !sess.authenticated() {
            return Err(Error::Auth(target.into()));
        }
        Ok(Self { name: host, sess })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs `command` through the remote user's login shell and collects output.
    pub fn exec(&self, command: &str) -> Result<Output, Error> {
        let mut ch = self.sess.channel_session()?;
        ch.exec(command)?;
        let mut stdout = String::new();
        ch.read_to_string(&mut stdout)?;
        let mut stderr = String::new();
        ch.stderr().read_to_string(&mut stderr)?;
        ch.wait_close()?;
        Ok(Output { status: ch.exit_status()?, stdout, stderr })
    }

    /// Like `exec`, but calls `on_line` for every stdout line as it arrives.
    pub fn exec_streaming(&self, command: &str, mut on_line: impl FnMut(&str)) -> Result<i32, Error> {
        let mut ch = self.sess.channel_session()?;
        ch.exec(command)?;
        let mut buf = [0u8; 4096];
        let mut pending = String::new();
        loop {
            let n = ch.read(&mut buf)?;
            if n == 0 {
                break;
            }
            pending.push_str(&String::from_utf8_lossy(&buf[..n]));
            while let Some(i) = pending.find('\n') {
                let line: String = pending.drain(..=i).collect();
                on_line(line.trim_end());
            }
        }
        if !pending.is_empty() {
            on_line(&pending);
        }
        ch.wait_close()?;
        Ok(ch.exit_status()?)
    }

    /// Uploads a local file with SCP.
    pub fn upload(&self, local: &Path, remote: &Path, mode: i32) -> Result<(), Error> {
        let data = std::fs::read(local)?;
        let mut ch = self.sess.scp_send(remote, mode, data.len() as u64, None)?;
        ch.write_all(&data)?;
        ch.send_eof()?;
        ch.wait_eof()?;
        ch.close()?;
        ch.wait_close()?;
        Ok(())
    }
}

/// Runs `command` on every host, `parallel` at a time. Results are in input order.
pub fn fan_out(hosts: &[&str], command: &str, auth: impl Fn() -> Auth + Sync, parallel: usize) -> Vec<Result<Output, Error>> {
    let mut results: Vec<Option<Result<Output, Error>>> = (0..hosts.len()).map(|_| None).collect();
    for (chunk_i, chunk) in hosts.chunks(parallel.max(1)).enumerate() {
        let outs: Vec<_> = std::thread::scope(|s| {
            let hs: Vec<_> = chunk
                .iter()
                .map(|h| {
                    let a = &auth;
                    s.spawn(move || Host::connect(h, a()).and_then(|host| host.exec(command)))
                })
                .collect();
            hs.into_iter().map(|h| h.join().expect("worker panicked")).collect()
        });
        for (i, o) in outs.into_iter().enumerate() {
            results[chunk_i * parallel.max(1) + i] = Some(o);
        }
    }
    results.into_iter().map(|r| r.unwrap()).collect()
}
