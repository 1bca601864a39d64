//! Optional full-normalisation fallback through ICU's `uconv`.
//!
//! The compiled table handles the Latin-lookalike cases without any
//! normalisation. Callers that want skeletons of arbitrary text (combining
//! sequences, compatibility ligatures, Hangul jamo…) can run the input
//! through NFKD first. Rather than pulling a large normalisation crate into
//! every build, this module shells out to ICU's `uconv` when the build script
//! found it (`cfg(has_external_nfkd)`).
//!
//! ```no_run
//! let s = confusable_skel::external::nfkd("ﬁle").unwrap_or_else(|_| "ﬁle".into());
//! let sk = confusable_skel::skeleton(&s);
//! ```

use std::fmt;
use std::io::{self, Write};
use std::process::{Command, Stdio};

/// Error from the external normaliser.
#[derive(Debug)]
pub enum ExternalError {
    /// This build was compiled without an external normaliser.
    Unavailable,
    /// Spawning or talking to the tool failed.
    Io(io::Error),
    /// The tool exited with a failure status.
    Failed(Option<i32>, String),
    /// The tool produced invalid UTF-8.
    Encoding,
}

impl fmt::Display for ExternalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable => f.write_str("external normaliser not available in this build"),
            Self::Io(e) => write!(f, "external normaliser: {e}"),
            Self::Failed(code, msg) => write!(f, "uconv exited with {code:?}: {msg}"),
            Self::Encoding => f.write_str("uconv produced invalid UTF-8"),
        }
    }
}

impl std::error::Error for ExternalError {}

impl From<io::Error> for ExternalError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// `true` if this build can normalise through `uconv`.
pub const fn available() -> bool {
    cfg!(has_external_nfkd)
}

/// Normalisation forms accepted by [`normalize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Canonical decomposition.
    Nfd,
    /// Compatibility decomposition.
    Nfkd,
}

impl Form {
    fn transliterator(self) -> &'static str {
        match self {
            Form::Nfd => "any-nfd",
            Form::Nfkd => "any-nfkd",
        }
    }
}

/// Normalises `s` with ICU's transliterator.
pub fn normalize(s: &str, form: Form) -> Result<String, ExternalError> {
    if !available() {
        return Err(ExternalError::Unavailable);
    }
    let tool = std::env::var("CONFUSABLE_SKEL_UCONV").unwrap_or_else(|_| "uconv".to_owned());
    let mut child = Command::new(tool)
        .args(["-f", "utf-8", "-t", "utf-8", "-x", form.transliterator()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    {
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin.write_all(s.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err(ExternalError::Failed(out.status.code(), msg));
    }
    String::from_utf8(out.stdout).map_err(|_| ExternalError::Encoding)
}

/// Shorthand for `normalize(s, Form::Nfkd)`.
pub fn nfkd(s: &str) -> Result<String, ExternalError> {
    normalize(s, Form::Nfkd)
}

/// Full skeleton: NFD → map → NFD when the external tool is available,
/// otherwise the table-only skeleton.
pub fn full_skeleton(s: &str) -> String {
    let pre = normalize(s, Form::Nfd).unwrap_or_else(|_| s.to_owned());
    let mapped = crate::skeleton(&pre);
    normalize(&mapped, Form::Nfd).unwrap_or(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_cleanly() {
        let s = full_skeleton("ѕсоре");
        assert_eq!(s, "scope");
    }
}
