//! Run one command on many hosts over the system `ssh` client.
//!
//! ```no_run
//! use hostbatch_exec_ay::{Batch, Host};
//!
//! let hosts = ["web1.example.com", "web2.example.com", "deploy@db.example.com:2222"]
//!     .iter()
//!     .map(|h| Host::parse(h))
//!     .collect::<Result<Vec<_>, _>>()?;
//! let report = Batch::new(hosts, ["systemctl", "is-active", "nginx"])
//!     .parallel(8)
//!     .timeout(std::time::Duration::from_secs(30))
//!     .run();
//! for r in &report.results {
//!     println!("{:<24} {:?} {}", r.host.display(), r.status, r.stdout.trim());
//! }
//! # Ok::<(), String>(())
//! ```
//!
//! Hosts and the command always come from the caller; the crate has no
//! configuration of its own, opens no connections other than the `ssh`
//! processes it starts, and [`Batch::dry_run`] shows exactly what would
//! be executed.

pub mod ssh;

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

pub use ssh::{Host, SshOptions, StrictHostKeys};

/// How one host's run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Remote command exit code (255 usually means ssh itself failed).
    Exited(i32),
    /// Killed by a signal (Unix).
    Signaled,
    /// Exceeded the per-host timeout and was killed.
    TimedOut,
    /// `ssh` could not be started.
    SpawnFailed(String),
}

impl Status {
    pub fn success(&self) -> bool {
        *self == Status::Exited(0)
    }
}

#[derive(Clone, Debug)]
pub struct HostResult {
    pub host: Host,
    pub status: Status,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    /// In the order the hosts were given.
    pub results: Vec<HostResult>,
}

impl Report {
    pub fn failed(&self) -> impl Iterator<Item = &HostResult> {
        self.results.iter().filter(|r| !r.status.success())
    }

    pub fn all_ok(&self) -> bool {
        self.failed().next().is_none()
    }

    /// One line per host: `host<TAB>status<TAB>first line of output`.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        for r in &self.results {
            let first = r.stdout.lines().next().or_else(|| r.stderr.lines().next()).unwrap_or("");
            s.push_str(&format!("{}\t{:?}\t{}\n", r.host.display(), r.status, first));
        }
        s
    }
}

/// A command to run on a set of hosts.
pub struct Batch {
    hosts: Vec<Host>,
    argv: Vec<String>,
    opts: SshOptions,
    parallel: usize,
    timeout: Option<Duration>,
    max_output: usize,
}

impl Batch {
    pub fn new<I, S>(hosts: Vec<Host>, argv: I) -> Batch
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Batch {
            hosts,
            argv: argv.into_iter().map(Into::into).collect(),
            opts: SshOptions::default(),
            parallel: 4,
            timeout: None,
            max_output: 1 << 20,
        }
    }

    pub fn ssh_options(mut self, opts: SshOptions) -> Self {
        self.opts = opts;
        self
    }

    /// At most `n` ssh processes at once (minimum 1).
    pub fn parallel(mut self, n: usize) -> Self {
        self.parallel = n.max(1);
        self
    }

    /// Kill a host's ssh after `t`.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    /// Keep at most `bytes` of each stream per host.
    pub fn max_output(mut self, bytes: usize) -> Self {
        self.max_output = bytes;
        self
    }

    /// The exact command lines that `run` would execute, one per host.
    pub fn dry_run(&self) -> Vec<String> {
        self.hosts
            .iter()
            .map(|h| {
                let mut line = self.opts.program.display().to_string();
                for a in ssh::ssh_args(h, &self.opts, &self.argv) {
                    line.push(' ');
                    line.push_str(&ssh::sh_quote(&a.to_string_lossy()));
                }
                line
            })
            .collect()
    }

    fn spawn(&self, host: &Host) -> std::io::Result<Child> {
        Command::new(&self.opts.program)
            .args(ssh::ssh_args(host, &self.opts, &self.argv))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    }

    /// Run on every host and wait for all of them.
    pub fn run(&self) -> Report {
        if self.argv.is_empty() {
            return Report::default();
        }
        let mut results: Vec<Option<HostResult>> = vec![None; self.hosts.len()];
        let (tx, rx) = mpsc::channel::<(usize, HostResult)>();
        let mut next = 0;
        let mut running = 0;
        thread::scope(|scope| {
            loop {
                while running < self.parallel && next < self.hosts.len() {
                    let i = next;
                    next += 1;
                    running += 1;
                    let tx = tx.clone();
                    let host = &self.hosts[i];
                    scope.spawn(move || {
                        let r = self.run_one(host);
                        let _ = tx.send((i, r));
                    });
                }
                if running == 0 {
                    break;
                }
                if let Ok((i, r)) = rx.recv() {
                    results[i] = Some(r);
                    running -= 1;
                }
            }
        });
        Report { results: results.into_iter().flatten().collect() }
    }

    fn run_one(&self, host: &Host) -> HostResult {
        let start = Instant::now();
        let mut child = match self.spawn(host) {
            Ok(c) => c,
            Err(e) => {
                return HostResult {
                    host: host.clone(),
                    status: Status::SpawnFailed(e.to_string()),
                    stdout: String::new(),
                    stderr: String::new(),
                    elapsed: start.elapsed(),
                }
            }
        };
        let limit = self.max_output as u64;
        let out = child.stdout.take().map(|s| reader(s, limit));
        let err = child.stderr.take().map(|s| reader(s, limit));
        let status = loop {
            match child.try_wait() {
                Ok(Some(st)) => break st.code().map_or(Status::Signaled, Status::Exited),
                Ok(None) => {}
                Err(e) => break Status::SpawnFailed(e.to_string()),
            }
            if self.timeout.map_or(false, |t| start.elapsed() > t) {
                let _ = child.kill();
                let _ = child.wait();
                break Status::TimedOut;
            }
            thread::sleep(Duration::from_millis(20));
        };
        let collect = |h: Option<thread::JoinHandle<String>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
        HostResult {
            host: host.clone(),
            status,
            stdout: collect(out),
            stderr: collect(err),
            elapsed: start.elapsed(),
        }
    }
}

fn reader<R: Read + Send + 'static>(r: R, limit: u64) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let mut r = r;
        let _ = (&mut r).take(limit).read_to_end(&mut buf);
        // Drain the rest so the remote side is not blocked on a full pipe.
        let _ = std::io::copy(&mut r, &mut std::io::sink());
        String::from_utf8_lossy(&buf).into_owned()
    })
}
