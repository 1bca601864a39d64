//! Checksums and version probing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::lock::ToolSpec;
use crate::{Error, Result};

pub(crate) fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

/// Comparison that does not short-circuit (hex strings of equal length).
pub(crate) fn ct_eq(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y.to_ascii_lowercase())) == 0
}

const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// Run `<bin> --version` (with a timeout) and check the output.
pub(crate) fn version_matches(bin: &Path, spec: &ToolSpec) -> Result<()> {
    let expected = match spec.probe() {
        Some(p) => p,
        None => return Ok(()),
    };
    let mut child = Command::new(bin)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;

    let start = Instant::now();
    loop {
        if child.try_wait()?.is_some() {
            break;
        }
        if start.elapsed() > PROBE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::VersionMismatch {
                tool: spec.name.clone(),
                expected,
                output: "<timed out>".into(),
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output()?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if text.contains(&expected) {
        Ok(())
    } else {
        Err(Error::VersionMismatch { tool: spec.name.clone(), expected, output: text.trim().to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha_empty() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn ct() {
        assert!(ct_eq("abcd", "ABCD"));
        assert!(!ct_eq("abcd", "abce"));
        assert!(!ct_eq("abc", "abcd"));
    }
}
