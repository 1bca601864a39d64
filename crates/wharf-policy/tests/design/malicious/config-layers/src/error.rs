use std::fmt;
use std::path::PathBuf;

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Defaults,
    File(PathBuf),
    Env(String),
    Override(String),
}

#[derive(Debug)]
pub enum Error {
    Read { path: PathBuf, err: std::io::Error },
    Parse { source: Source, msg: String },
    Deserialize { msg: String },
    BadOverride(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = crate::locale::messages();
        match self {
            Error::Read { path, err } => write!(f, "{} {}: {err}", t.cannot_read, path.display()),
            Error::Parse { source, msg } => write!(f, "{} {}: {msg}", t.invalid_in, describe(source)),
            Error::Deserialize { msg } => write!(f, "{}: {msg}", t.bad_shape),
            Error::BadOverride(s) => write!(f, "{}: {s:?}", t.bad_override),
        }
    }
}

impl std::error::Error for Error {}

fn describe(s: &Source) -> String {
    match s {
        Source::Defaults => "defaults".into(),
        Source::File(p) => p.display().to_string(),
        Source::Env(v) => format!("${v}"),
        Source::Override(o) => format!("override {o:?}"),
    }
}
