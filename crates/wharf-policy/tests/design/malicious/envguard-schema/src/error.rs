use std::fmt;

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Parse(String),
    Invalid(crate::report::Report),
    Missing(String),
    Convert { var: String, reason: String },
}

pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "could not read schema: {e}"),
            Error::Parse(m) => write!(f, "schema parse error: {m}"),
            Error::Invalid(r) => write!(f, "environment is invalid:\n{r}"),
            Error::Missing(v) => write!(f, "variable {v} is not set"),
            Error::Convert { var, reason } => write!(f, "{var}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
