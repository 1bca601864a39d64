//! `anyhow` plus a few extension helpers.
//!
//! ```
//! use anyhow_ext::{ensure_eq, OptionExt, Result};
//!
//! fn port(cfg: &std::collections::HashMap<&str, u16>) -> Result<u16> {
//!     let p = *cfg.get("port").context("port is not configured")?;
//!     ensure_eq!(p % 2, 0, "port {p} must be even");
//!     Ok(p)
//! }
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use anyhow::*;

use alloc::string::String;
use core::fmt::{self, Display, Write};

/// `Option<T>` → `anyhow::Result<T>` with a message.
pub trait OptionExt<T> {
    fn context<C>(self, msg: C) -> anyhow::Result<T>
    where
        C: Display + Send + Sync + 'static;

    fn with_context<C, F>(self, f: F) -> anyhow::Result<T>
    where
        C: Display + Send + Sync + 'static,
        F: FnOnce() -> C;
}

impl<T> OptionExt<T> for Option<T> {
    fn context<C>(self, msg: C) -> anyhow::Result<T>
    where
        C: Display + Send + Sync + 'static,
    {
        match self {
            Some(v) => Ok(v),
            None => Err(anyhow::Error::msg(msg)),
        }
    }

    fn with_context<C, F>(self, f: F) -> anyhow::Result<T>
    where
        C: Display + Send + Sync + 'static,
        F: FnOnce() -> C,
    {
        match self {
            Some(v) => Ok(v),
            None => Err(anyhow::Error::msg(f())),
        }
    }
}

/// Helpers on `anyhow::Result<T>`.
pub trait ResultExt<T> {
    /// Log the error chain at `error` level and return `None`.
    #[cfg(feature = "log")]
    fn log_err(self) -> Option<T>;

    /// Log the error chain at `warn` level and return `None`.
    #[cfg(feature = "log")]
    fn warn_err(self) -> Option<T>;

    /// Replace the error with `f(err)` but keep the original as its source.
    fn wrap_err<D, F>(self, f: F) -> anyhow::Result<T>
    where
        D: Display + Send + Sync + 'static,
        F: FnOnce(&anyhow::Error) -> D;
}

impl<T> ResultExt<T> for anyhow::Result<T> {
    #[cfg(feature = "log")]
    fn log_err(self) -> Option<T> {
        match self {
            Ok(v) => Some(v),
            Err(e) => {
                log::error!("{}", chain_string(&e));
                None
            }
        }
    }

    #[cfg(feature = "log")]
    fn warn_err(self) -> Option<T> {
        match self {
            Ok(v) => Some(v),
            Err(e) => {
                log::warn!("{}", chain_string(&e));
                None
            }
        }
    }

    fn wrap_err<D, F>(self, f: F) -> anyhow::Result<T>
    where
        D: Display + Send + Sync + 'static,
        F: FnOnce(&anyhow::Error) -> D,
    {
        self.map_err(|e| {
            let msg = f(&e);
            e.context(msg)
        })
    }
}

/// `"outer: middle: root"` for an error and all its sources.
pub fn chain_string(err: &anyhow::Error) -> String {
    let mut s = String::new();
    for (i, cause) in err.chain().enumerate() {
        if i > 0 {
            s.push_str(": ");
        }
        let _ = write!(s, "{cause}");
    }
    s
}

/// Display adapter printing every cause on its own indented line.
pub struct Report<'a>(pub &'a anyhow::Error);

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Error: {}", self.0)?;
        let mut causes = self.0.chain().skip(1).peekable();
        if causes.peek().is_some() {
            writeln!(f, "\nCaused by:")?;
            for (i, c) in causes.enumerate() {
                writeln!(f, "    {i}: {c}")?;
            }
        }
        #[cfg(all(feature = "backtrace", anyhow_ext_std_backtrace))]
        {
            let bt = self.0.backtrace();
            if bt.status() == std::backtrace::BacktraceStatus::Captured {
                writeln!(f, "\nStack backtrace:\n{bt}")?;
            }
        }
        Ok(())
    }
}

/// Return early with an error if two expressions are not equal.
#[macro_export]
macro_rules! ensure_eq {
    ($left:expr, $right:expr $(,)?) => {
        match (&$left, &$right) {
            (l, r) => {
                if !(*l == *r) {
                    return ::core::result::Result::Err($crate::anyhow!(
                        "ensure_eq failed: `{}` == `{}`\n  left: {:?}\n right: {:?}",
                        stringify!($left), stringify!($right), l, r
                    ));
                }
            }
        }
    };
    ($left:expr, $right:expr, $($arg:tt)+) => {
        match (&$left, &$right) {
            (l, r) => {
                if !(*l == *r) {
                    return ::core::result::Result::Err($crate::anyhow!($($arg)+));
                }
            }
        }
    };
}

/// Return early with an error if two expressions are equal.
#[macro_export]
macro_rules! ensure_ne {
    ($left:expr, $right:expr, $($arg:tt)+) => {
        if $left == $right {
            return ::core::result::Result::Err($crate::anyhow!($($arg)+));
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner() -> anyhow::Result<()> {
        Err(anyhow!("root cause")).context("middle")
    }

    #[test]
    fn chain() {
        let e = inner().context("outer").unwrap_err();
        assert_eq!(chain_string(&e), "outer: middle: root cause");
    }

    #[test]
    fn option() {
        let v: Option<u8> = None;
        assert!(v.context("missing").is_err());
    }

    #[test]
    fn eq() {
        fn f(a: u8) -> anyhow::Result<()> {
            ensure_eq!(a, 1, "a was {a}");
            Ok(())
        }
        assert!(f(1).is_ok());
        assert_eq!(f(2).unwrap_err().to_string(), "a was 2");
    }
}
