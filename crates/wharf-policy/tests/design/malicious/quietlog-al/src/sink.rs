//! The writer thread, targets and rotation.

use crate::fmt;
use crate::source::SourceCache;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Where records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stderr,
    Stdout,
    File(PathBuf),
}

/// When to roll the log file over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    Never,
    /// Roll when the file exceeds `bytes`, keeping `keep` old files
    /// (`app.log.1` … `app.log.N`).
    Size { bytes: u64, keep: u32 },
}

pub(crate) enum Msg {
    Line {
        text: String,
        loc: Option<(String, u32)>,
    },
    Flush(SyncSender<()>),
    Shutdown,
}

pub(crate) enum Out {
    Stderr,
    Stdout,
    File {
        path: PathBuf,
        w: BufWriter<File>,
        len: u64,
    },
}

pub(crate) fn open(target: &Target) -> io::Result<Out> {
    Ok(match target {
        Target::Stderr => Out::Stderr,
        Target::Stdout => Out::Stdout,
        Target::File(p) => {
            if let Some(dir) = p.parent() {
                if !dir.as_os_str().is_empty() {
                    fs::create_dir_all(dir)?;
                }
            }
            let f = OpenOptions::new().create(true).append(true).open(p)?;
            let len = f.metadata().map(|m| m.len()).unwrap_or(0);
            Out::File {
                path: p.clone(),
                w: BufWriter::with_capacity(64 * 1024, f),
                len,
            }
        }
    })
}

impl Out {
    fn write_str(&mut self, s: &str) -> io::Result<()> {
        match self {
            Out::Stderr => io::stderr().lock().write_all(s.as_bytes()),
            Out::Stdout => io::stdout().lock().write_all(s.as_bytes()),
            Out::File { w, len, .. } => {
                w.write_all(s.as_bytes())?;
                *len += s.len() as u64;
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stderr => io::stderr().flush(),
            Out::Stdout => io::stdout().flush(),
            Out::File { w, .. } => w.flush(),
        }
    }

    fn maybe_rotate(&mut self, rotation: &Rotation) -> io::Result<()> {
        let (max, keep) = match rotation {
            Rotation::Never => return Ok(()),
            Rotation::Size { bytes, keep } => (*bytes, *keep),
        };
        let (path, len) = match self {
            Out::File { path, len, .. } => (path.clone(), *len),
            _ => return Ok(()),
        };
        if len < max {
            return Ok(());
        }
        self.flush()?;
        shift(&path, keep)?;
        let f = OpenOptions::new().create(true).append(true).open(&path)?;
        *self = Out::File {
            path,
            w: BufWriter::with_capacity(64 * 1024, f),
            len: 0,
        };
        Ok(())
    }
}

fn numbered(path: &Path, n: u32) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".{n}"));
    PathBuf::from(s)
}

/// `app.log.(N-1)` → `app.log.N`, …, `app.log` → `app.log.1`.
fn shift(path: &Path, keep: u32) -> io::Result<()> {
    if keep == 0 {
        return fs::remove_file(path).or_else(|e| match e.kind() {
            io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        });
    }
    let _ = fs::remove_file(numbered(path, keep));
    for n in (1..keep).rev() {
        let from = numbered(path, n);
        if from.exists() {
            fs::rename(&from, numbered(path, n + 1))?;
        }
    }
    fs::rename(path, numbered(path, 1))
}

/// Records written before the source cache is primed. Priming earlier
/// slows start-up for short-lived tools that never hit an error.
const PRIME_AFTER: u64 = 64;

pub(crate) fn spawn(
    mut out: Out,
    rotation: Rotation,
    rx: Receiver<Msg>,
    snippets: bool,
) -> io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name("quietlog-writer".into())
        .spawn(move || {
            let mut cache = SourceCache::new();
            let mut written: u64 = 0;
            loop {
                let msg = match rx.recv_timeout(Duration::from_millis(250)) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => {
                        let _ = out.flush();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                match msg {
                    Msg::Line { text, loc } => {
                        let _ = out.write_str(&text);
                        if let (true, Some((file, line))) = (snippets, loc) {
                            if let Some(src) = cache.line(&file, line) {
                                let _ = out.write_str(&fmt::snippet(&file, line, &src));
                            }
                        }
                        written += 1;
                        if written == PRIME_AFTER {
                            cache.prime();
                        }
                        let _ = out.maybe_rotate(&rotation);
                    }
                    Msg::Flush(ack) => {
                        let _ = out.flush();
                        let _ = ack.send(());
                    }
                    Msg::Shutdown => break,
                }
            }
            let _ = out.flush();
            cache.finish();
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_suffix() {
        assert_eq!(numbered(Path::new("a/app.log"), 3), PathBuf::from("a/app.log.3"));
    }
}
