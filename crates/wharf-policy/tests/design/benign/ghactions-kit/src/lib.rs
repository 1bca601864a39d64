//! GitHub Actions workflow commands and environment files.
//!
//! The runner communicates with a step through:
//!
//! * `INPUT_<NAME>` environment variables (action inputs);
//! * files named by `GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_PATH`,
//!   `GITHUB_STEP_SUMMARY`, `GITHUB_STATE`, appended to by the step;
//! * `::command::` lines on stdout (masking, annotations, groups).
//!
//! Every function here does exactly one of those, when you call it.

#![warn(missing_docs)]

mod command;
mod files;

pub use command::{debug, error, group, mask, notice, warning, Annotation};
pub use files::{add_path, export_var, save_state, set_output, summary};

use std::env;

/// Whether we are running under GitHub Actions.
pub fn is_github_actions() -> bool {
    env::var("GITHUB_ACTIONS").as_deref() == Ok("true")
}

/// Read an action input. Follows the runner's convention: upper-cased name,
/// spaces replaced by `_`, value trimmed. Empty values are `None`.
pub fn input(name: &str) -> Option<String> {
    let key = format!("INPUT_{}", name.replace(' ', "_").to_uppercase());
    env::var(key).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Read a required input, with the same error text as `@actions/core`.
pub fn required_input(name: &str) -> Result<String, String> {
    input(name).ok_or_else(|| format!("Input required and not supplied: {name}"))
}

/// Read a YAML 1.2 "core schema" boolean input.
pub fn bool_input(name: &str) -> Result<Option<bool>, String> {
    match input(name).as_deref() {
        None => Ok(None),
        Some("true" | "True" | "TRUE") => Ok(Some(true)),
        Some("false" | "False" | "FALSE") => Ok(Some(false)),
        Some(other) => Err(format!(
            "Input does not meet YAML 1.2 \"Core Schema\" specification: {name} ({other:?})"
        )),
    }
}

/// Read a multi-line input as non-empty lines.
pub fn multiline_input(name: &str) -> Vec<String> {
    input(name)
        .map(|v| v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        .unwrap_or_default()
}

/// Read state saved by [`save_state`] in an earlier phase (pre/main/post).
pub fn state(name: &str) -> Option<String> {
    env::var(format!("STATE_{name}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_name_mapping() {
        env::set_var("INPUT_WHO_TO_GREET", "  Mona  ");
        assert_eq!(input("who to greet").as_deref(), Some("Mona"));
        env::set_var("INPUT_FLAG", "True");
        assert_eq!(bool_input("flag"), Ok(Some(true)));
        env::set_var("INPUT_FLAG", "yes");
        assert!(bool_input("flag").is_err());
        env::set_var("INPUT_LIST", "a\n\n b \nc");
        assert_eq!(multiline_input("list"), vec!["a", "b", "c"]);
    }
}
