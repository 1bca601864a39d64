//! GitHub Actions workflow commands.

mod annotate;
mod env;
mod escape;
mod files;
mod summary;
mod tidy;

pub use annotate::{Annotation, Level};
pub use env::{in_actions, Context};
pub use files::{add_path, set_env, set_output};
pub use summary::{summary, Summary};

/// Start a collapsible log group; it ends when the guard is dropped.
pub fn group(title: &str) -> Group {
    if in_actions() {
        println!("::group::{}", escape::data(title));
    } else {
        eprintln!("== {title}");
    }
    Group { _p: () }
}

pub struct Group {
    _p: (),
}

impl Drop for Group {
    fn drop(&mut self) {
        if in_actions() {
            println!("::endgroup::");
        }
    }
}

/// Ask the runner to mask `value` in all later log output.
pub fn mask(value: &str) {
    if in_actions() && !value.is_empty() {
        println!("::add-mask::{}", escape::data(value));
    }
}

/// Print a debug line (visible when the run has step debug logging on).
pub fn debug(msg: &str) {
    if in_actions() {
        println!("::debug::{}", escape::data(msg));
    }
}
