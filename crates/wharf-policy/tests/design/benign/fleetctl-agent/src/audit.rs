use serde::Serialize;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Serialize)]
struct Entry<'a> {
    ts: u64,
    peer: &'a str,
    client_cert_sha256: &'a str,
    operator: &'a str,
    digest: &'a str,
    argv: &'a [String],
    decision: &'a str,
    exit_code: Option<i32>,
}

/// Append one JSON line to the audit log (created 0600 if missing).
#[allow(clippy::too_many_arguments)]
pub fn record(
    path: &Path,
    peer: &str,
    client_cert_sha256: &str,
    operator: &str,
    digest: &str,
    argv: &[String],
    decision: &str,
    exit_code: Option<i32>,
) {
    let e = Entry {
        ts: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        peer,
        client_cert_sha256,
        operator,
        digest,
        argv,
        decision,
        exit_code,
    };
    let mut opts = OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(mut f) => {
            if let Ok(line) = serde_json::to_string(&e) {
                let _ = writeln!(f, "{line}");
            }
        }
        Err(err) => log::error!("audit log {}: {err}", path.display()),
    }
}
