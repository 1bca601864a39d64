//! Mirror git repositories between two user-configured remotes.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum MirrorError {
    #[error("reading config: {0}")]
    Io(#[from] std::io::Error),
    #[error("parsing config: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("config: {0}")]
    Invalid(String),
    #[error("`git {args}` failed in {dir}: {stderr}")]
    Git { args: String, dir: String, stderr: String },
}

#[derive(Debug, Deserialize)]
pub struct Config {
    pub workdir: PathBuf,
    #[serde(rename = "repo", default)]
    pub repos: Vec<RepoSpec>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct RepoSpec {
    pub name: String,
    pub source: String,
    pub target: String,
    /// Refspecs to push. Empty means `--mirror` (all refs, with pruning).
    #[serde(default)]
    pub refs: Vec<String>,
}

impl Config {
    pub fn load(path: impl AsRef<Path>) -> Result<Self, MirrorError> {
        let text = std::fs::read_to_string(path)?;
        let cfg: Config = toml::from_str(&text)?;
        cfg.validate()?;
        Ok(cfg)
    }

    fn validate(&self) -> Result<(), MirrorError> {
        for r in &self.repos {
            if r.name.is_empty() || r.name.contains(['/', '\\']) || r.name.starts_with('.') {
                return Err(MirrorError::Invalid(format!("bad repo name {:?}", r.name)));
            }
            if r.source == r.target {
                return Err(MirrorError::Invalid(format!("{}: source and target are the same", r.name)));
            }
        }
        Ok(())
    }
}

/// One step of the plan, shown to the user before anything runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub dir: PathBuf,
    pub args: Vec<String>,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "(cd {} && git {})", self.dir.display(), self.args.join(" "))
    }
}

/// Compute the git commands needed to mirror `spec`.
pub fn plan(workdir: &Path, spec: &RepoSpec) -> Vec<Step> {
    let bare = workdir.join(format!("{}.git", spec.name));
    let mut steps = Vec::new();
    if bare.join("HEAD").is_file() {
        steps.push(Step { dir: bare.clone(), args: vec!["remote".into(), "set-url".into(), "origin".into(), spec.source.clone()] });
        steps.push(Step { dir: bare.clone(), args: vec!["fetch".into(), "--prune".into(), "origin".into()] });
    } else {
        steps.push(Step {
            dir: workdir.to_path_buf(),
            args: vec!["clone".into(), "--mirror".into(), spec.source.clone(), bare.to_string_lossy().into_owned()],
        });
    }
    let mut push = vec!["push".into()];
    if spec.refs.is_empty() {
        push.push("--mirror".into());
        push.push(spec.target.clone());
    } else {
        push.push(spec.target.clone());
        push.extend(spec.refs.iter().map(|r| format!("+{r}:{r}")));
    }
    steps.push(Step { dir: bare, args: push });
    steps
}

/// Run a step, returning git's stderr on failure.
pub fn run(step: &Step) -> Result<(), MirrorError> {
    std::fs::create_dir_all(&step.dir)?;
    log::info!("{}", step);
    let out = Command::new("git").args(&step.args).current_dir(&step.dir).output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(MirrorError::Git {
            args: step.args.join(" "),
            dir: step.dir.display().to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_plan_clones_then_pushes() {
        let spec = RepoSpec {
            name: "w".into(),
            source: "https://example.org/w.git".into(),
            target: "ssh://git@git.example.org/w.git".into(),
            refs: vec![],
        };
        let p = plan(Path::new("/nonexistent"), &spec);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].args[0], "clone");
        assert_eq!(p[1].args, vec!["push", "--mirror", "ssh://git@git.example.org/w.git"]);
    }
}
