//! Markdown linting with built-in rules and sandboxed Wasm plugins.

pub mod lockfile;
pub mod plugin;
pub mod rules;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: usize,
    pub col: usize,
    pub rule: String,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}  {:<13} {}", self.line, self.col, self.rule, self.message)
    }
}

/// Runs the built-in rules and every loaded plugin over one document.
pub fn check(text: &str, cfg: &rules::Settings, plugins: &mut [plugin::Plugin]) -> Vec<Diagnostic> {
    let mut out = rules::run_builtin(text, cfg);
    for p in plugins.iter_mut() {
        match p.check(text) {
            Ok(mut d) => out.append(&mut d),
            Err(e) => out.push(Diagnostic {
                line: 1,
                col: 1,
                rule: p.name().to_owned(),
                message: format!("plugin failed: {e}"),
            }),
        }
    }
    out.sort_by_key(|d| (d.line, d.col));
    out
}
