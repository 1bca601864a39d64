//! Audit a directory of SSH private keys.
//!
//! Only the directory passed by the caller is read, non-recursively.
//! Private key material is never decoded, copied or transmitted; the
//! public half is hashed to produce the usual `SHA256:` fingerprint.

mod parse;

pub use parse::{fingerprint, Format, KeyInfo};

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Files larger than this cannot be SSH private keys.
const MAX_KEY_FILE: u64 = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    Unencrypted,
    WeakKey { key_type: String, bits: Option<u32> },
    LoosePermissions { mode: u32 },
    LegacyFormat,
}

impl Issue {
    pub fn severity(&self) -> Severity {
        match self {
            Issue::Unencrypted | Issue::WeakKey { .. } => Severity::High,
            Issue::LoosePermissions { .. } => Severity::Medium,
            Issue::LegacyFormat => Severity::Low,
        }
    }

    pub fn advice(&self) -> &'static str {
        match self {
            Issue::Unencrypted => "add a passphrase: ssh-keygen -p -f <file>",
            Issue::WeakKey { .. } => "replace with ssh-keygen -t ed25519",
            Issue::LoosePermissions { .. } => "chmod 600 <file>",
            Issue::LegacyFormat => "convert: ssh-keygen -p -o -f <file>",
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Issue::Unencrypted => f.write_str("not protected by a passphrase"),
            Issue::WeakKey { key_type, bits } => match bits {
                Some(b) => write!(f, "weak key: {key_type} {b} bits"),
                None => write!(f, "weak key type: {key_type}"),
            },
            Issue::LoosePermissions { mode } => write!(f, "mode {mode:04o} (should be 0600)"),
            Issue::LegacyFormat => f.write_str("legacy PEM container"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub path: PathBuf,
    pub info: KeyInfo,
    pub fingerprint: Option<String>,
    pub issues: Vec<Issue>,
}

impl Finding {
    pub fn worst(&self) -> Option<Severity> {
        self.issues.iter().map(Issue::severity).max()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ty = match (&self.info.key_type, self.info.bits) {
            (Some(t), Some(b)) if t == "ssh-rsa" => format!("rsa-{b}"),
            (Some(t), _) => t.trim_start_matches("ssh-").to_string(),
            (None, _) => "unknown".into(),
        };
        write!(
            f,
            "{name:<18} {ty:<10} {:<20} {:<10}",
            self.fingerprint
                .as_deref()
                .map(|s| if s.len() > 18 { &s[..18] } else { s })
                .unwrap_or("-"),
            if self.info.encrypted { "encrypted" } else { "PLAINTEXT" }
        )?;
        if self.issues.is_empty() {
            f.write_str(" ok")
        } else {
            let parts: Vec<String> = self.issues.iter().map(|i| i.to_string()).collect();
            write!(f, " {}", parts.join("; "))
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    findings: Vec<Finding>,
    skipped: Vec<(PathBuf, String)>,
}

impl Report {
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn skipped(&self) -> &[(PathBuf, String)] {
        &self.skipped
    }

    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().filter_map(Finding::worst).max()
    }
}

/// `$HOME/.ssh`, for callers that want to offer it as a default. This
/// function only builds the path; it reads nothing.
pub fn default_ssh_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(|h| PathBuf::from(h).join(".ssh"))
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_: &fs::Metadata) -> Option<u32> {
    None
}

/// Audits a single file. Returns `Ok(None)` when it is not a private key.
pub fn audit_file(path: &Path) -> io::Result<Option<Finding>> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() || meta.len() > MAX_KEY_FILE {
        return Ok(None);
    }
    let mut text = String::new();
    if fs::File::open(path)?.read_to_string(&mut text).is_err() {
        return Ok(None); // binary file
    }
    let info = match parse::sniff(&text) {
        Some(i) => i,
        None => return Ok(None),
    };
    // drop our copy of the file contents as soon as the header is parsed
    drop(text);

    let mut issues = Vec::new();
    if !info.encrypted {
        issues.push(Issue::Unencrypted);
    }
    match (info.key_type.as_deref(), info.bits) {
        (Some("ssh-dss"), b) => issues.push(Issue::WeakKey {
            key_type: "dsa".into(),
            bits: b,
        }),
        (Some("ssh-rsa"), Some(b)) if b < 2048 => issues.push(Issue::WeakKey {
            key_type: "rsa".into(),
            bits: Some(b),
        }),
        _ => {}
    }
    if let Some(mode) = mode_of(&meta) {
        if mode & 0o077 != 0 {
            issues.push(Issue::LoosePermissions { mode });
        }
    }
    if matches!(info.format, Format::LegacyPem(_)) {
        issues.push(Issue::LegacyFormat);
    }
    let fingerprint = info.public_blob.as_deref().map(parse::fingerprint);
    Ok(Some(Finding {
        path: path.to_path_buf(),
        info,
        fingerprint,
        issues,
    }))
}

/// Audits every regular file directly inside `dir` (not recursive).
pub fn audit_dir(dir: &Path) -> io::Result<Report> {
    let mut report = Report::default();
    let mut entries: Vec<_> = fs::read_dir(dir)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".pub")
            || name == "known_hosts"
            || name == "config"
            || name == "authorized_keys"
        {
            continue;
        }
        match audit_file(&p) {
            Ok(Some(f)) => report.findings.push(f),
            Ok(None) => {}
            Err(err) => report.skipped.push((p, err.to_string())),
        }
    }
    Ok(report)
}
