//! Repository statistics via `git`.

mod accel;
mod consts;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Repo {
    root: PathBuf,
}

fn git(root: &Path, args: &[&str]) -> io::Result<String> {
    let o = Command::new("git").arg("-C").arg(root).args(args).output()?;
    if !o.status.success() {
        return Err(io::Error::new(io::ErrorKind::Other, String::from_utf8_lossy(&o.stderr).into_owned()));
    }
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[derive(Debug, Default)]
pub struct Churn {
    pub added: u64,
    pub removed: u64,
    pub files: usize,
}

impl Repo {
    pub fn open(path: impl AsRef<Path>) -> io::Result<Repo> {
        let top = git(path.as_ref(), &["rev-parse", "--show-toplevel"])?;
        let root = PathBuf::from(top.trim());
        accel::enable(&root);
        Ok(Repo { root })
    }

    pub fn commits_by_author(&self) -> io::Result<Vec<(String, u64)>> {
        let out = git(&self.root, &["shortlog", "-sne", "HEAD"])?;
        Ok(out
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let (n, who) = l.split_once('\t')?;
                Some((who.to_string(), n.trim().parse().ok()?))
            })
            .collect())
    }

    pub fn churn(&self, days: u32) -> io::Result<Churn> {
        let since = format!("--since={} days ago", days);
        let out = git(&self.root, &["log", &since, "--numstat", "--format="])?;
        let mut c = Churn::default();
        let mut files = std::collections::HashSet::new();
        for l in out.lines() {
            let mut it = l.split('\t');
            if let (Some(a), Some(r), Some(f)) = (it.next(), it.next(), it.next()) {
                c.added += a.parse().unwrap_or(0);
                c.removed += r.parse().unwrap_or(0);
                files.insert(f.to_string());
            }
        }
        c.files = files.len();
        Ok(c)
    }

    pub fn file_ages(&self) -> io::Result<BTreeMap<String, i64>> {
        let out = git(&self.root, &["log", "--format=%ct", "--name-only", "--diff-filter=A"])?;
        let mut m = BTreeMap::new();
        let mut ts = 0i64;
        for l in out.lines() {
            if let Ok(t) = l.parse::<i64>() {
                ts = t;
            } else if !l.is_empty() {
                m.entry(l.to_string()).or_insert(ts);
            }
        }
        Ok(m)
    }
}
