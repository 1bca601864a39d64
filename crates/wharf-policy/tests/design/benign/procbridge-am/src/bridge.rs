//! Pump bytes between a stream and a child process.

use std::io::{self, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Outcome of a bridged session.
#[derive(Debug)]
pub struct Session {
    pub status: Option<ExitStatus>,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub timed_out: bool,
}

/// Connects a caller-provided stream to a caller-configured command.
pub struct Bridge {
    command: Command,
    timeout: Option<Duration>,
    merge_stderr: bool,
}

impl Bridge {
    /// `command` is used as given, except that its stdio is replaced by pipes.
    pub fn new(command: Command) -> Bridge {
        Bridge { command, timeout: None, merge_stderr: true }
    }

    /// Kill the child if it runs longer than `d`.
    pub fn timeout(mut self, d: Duration) -> Bridge {
        self.timeout = Some(d);
        self
    }

    /// Forward stderr to the stream too (default true).
    pub fn merge_stderr(mut self, yes: bool) -> Bridge {
        self.merge_stderr = yes;
        self
    }

    fn spawn(&mut self) -> io::Result<Child> {
        self.command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if self.merge_stderr { Stdio::piped() } else { Stdio::null() })
            .spawn()
    }

    /// Run the command, copying `input` to its stdin and its output to
    /// `output`, until the child exits (or the timeout expires).
    pub fn run<R, W>(mut self, mut input: R, mut output: W) -> io::Result<Session>
    where
        R: Read + Send + 'static,
        W: Write,
    {
        let mut child = self.spawn()?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take();

        let pump_in = thread::spawn(move || -> u64 {
            let n = io::copy(&mut input, &mut stdin).unwrap_or(0);
            drop(stdin);
            n
        });

        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        let mut readers = Vec::new();
        for mut r in [Some(Box::new(stdout) as Box<dyn Read + Send>), stderr.map(|e| Box::new(e) as Box<dyn Read + Send>)]
            .into_iter()
            .flatten()
        {
            let tx = tx.clone();
            readers.push(thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match r.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if tx.send(buf[..n].to_vec()).is_err() {
                                break;
                            }
                        }
                    }
                }
            }));
        }
        drop(tx);

        let start = Instant::now();
        let mut bytes_out = 0u64;
        let mut timed_out = false;
        loop {
            let wait = match self.timeout {
                Some(t) => match t.checked_sub(start.elapsed()) {
                    Some(left) => left.min(Duration::from_millis(200)),
                    None => {
                        timed_out = true;
                        let _ = child.kill();
                        break;
                    }
                },
                None => Duration::from_millis(200),
            };
            match rx.recv_timeout(wait) {
                Ok(chunk) => {
                    output.write_all(&chunk)?;
                    output.flush()?;
                    bytes_out += chunk.len() as u64;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        let status = child.wait().ok();
        for r in readers {
            let _ = r.join();
        }
        // The input pump ends when the caller's stream hits EOF; don't block
        // on it if the peer keeps the connection open.
        let bytes_in = if pump_in.is_finished() { pump_in.join().unwrap_or(0) } else { 0 };
        Ok(Session { status, bytes_in, bytes_out, timed_out })
    }
}
