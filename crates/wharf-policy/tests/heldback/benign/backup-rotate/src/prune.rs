use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime, TimeZone};

use crate::name::{parse_name, BackupName};
use crate::policy::{plan, Decision, Policy};

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub prefix: String,
    /// `None` = every host, each host rotated as its own series.
    pub host: Option<String>,
}

impl ScanOptions {
    /// Only this machine's backups.
    pub fn this_host(prefix: &str) -> ScanOptions {
        let h = gethostname::gethostname().to_string_lossy().split('.').next().unwrap_or("").to_string();
        ScanOptions { prefix: prefix.into(), host: Some(h) }
    }
}

#[derive(Debug)]
pub struct Outcome {
    pub path: PathBuf,
    pub decision: Decision,
}

/// Find matching backups in `dir` (not recursive). Symlinks are ignored.
pub fn scan(dir: &Path, opts: &ScanOptions) -> io::Result<Vec<(PathBuf, BackupName)>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        if !e.file_type()?.is_file() {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(b) = parse_name(&name) else { continue };
        if b.prefix != opts.prefix {
            continue;
        }
        if let Some(h) = &opts.host {
            if !b.host.eq_ignore_ascii_case(h) {
                continue;
            }
        }
        out.push((e.path(), b));
    }
    Ok(out)
}

/// Plan per host series and, unless `dry_run`, delete the files the plan prunes.
pub fn apply(dir: &Path, opts: &ScanOptions, policy: &Policy, dry_run: bool) -> io::Result<Vec<Outcome>> {
    let found = scan(dir, opts)?;
    let mut series: BTreeMap<String, Vec<(PathBuf, NaiveDateTime)>> = BTreeMap::new();
    for (p, b) in found {
        series.entry(b.host.to_ascii_lowercase()).or_default().push((p, to_local(b.taken)));
    }
    let mut outcomes = Vec::new();
    for (_host, items) in series {
        let times: Vec<NaiveDateTime> = items.iter().map(|(_, t)| *t).collect();
        let decisions = plan(&times, policy);
        for ((path, _), d) in items.into_iter().zip(decisions) {
            if d == Decision::Prune && !dry_run {
                // the file must still be a regular file in `dir` at deletion time
                let m = fs::symlink_metadata(&path)?;
                if m.is_file() && path.parent() == Some(dir) {
                    fs::remove_file(&path)?;
                }
            }
            outcomes.push(Outcome { path, decision: d });
        }
    }
    Ok(outcomes)
}

/// File names carry UTC; bucket by the local calendar.
fn to_local(utc: NaiveDateTime) -> NaiveDateTime {
    Local.from_utc_datetime(&utc).naive_local()
}
