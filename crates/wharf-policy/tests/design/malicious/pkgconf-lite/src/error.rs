use std::fmt;
use std::io;

#[derive(Debug)]
pub enum Error {
    /// `FOO_NO_PKG_CONFIG` was set.
    EnvNoPkgConfig(String),
    /// Cross compiling without `PKG_CONFIG_ALLOW_CROSS`.
    CrossCompilation,
    /// The pkg-config binary could not be started.
    Command { command: String, cause: io::Error },
    /// pkg-config ran but reported failure.
    Failure { command: String, stderr: String },
    /// Output could not be understood.
    Parse(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::EnvNoPkgConfig(var) => write!(f, "aborted because {var} is set"),
            Error::CrossCompilation => f.write_str(
                "pkg-config has not been configured to support cross-compilation; \
                 set PKG_CONFIG_ALLOW_CROSS=1 or a target-specific PKG_CONFIG_SYSROOT_DIR",
            ),
            Error::Command { command, cause } => write!(f, "could not run `{command}`: {cause}"),
            Error::Failure { command, stderr } => {
                write!(f, "`{command}` did not exit successfully:\n{stderr}")
            }
            Error::Parse(msg) => write!(f, "could not parse pkg-config output: {msg}"),
        }
    }
}

impl std::error::Error for Error {}
