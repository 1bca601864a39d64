use std::io;
use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Clone, Default)]
pub struct GitInfo {
    pub sha: String,
    pub branch: String,
    pub dirty: bool,
    pub describe: String,
    pub commit_date: String,
    pub remote: String,
    pub(crate) watch: Vec<PathBuf>,
}

pub(crate) fn run(args: &[&str]) -> io::Result<String> {
    let out = Command::new("git").args(args).output()?;
    if !out.status.success() {
        return Err(io::Error::new(
            io::ErrorKind::Other,
            format!("git {} failed", args.join(" ")),
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub fn collect() -> io::Result<GitInfo> {
    let git_dir = PathBuf::from(run(&["rev-parse", "--git-dir"])?);
    let sha = run(&["rev-parse", "HEAD"])?;
    let branch = run(&["rev-parse", "--abbrev-ref", "HEAD"]).unwrap_or_else(|_| "HEAD".into());
    let dirty = run(&["status", "--porcelain", "--untracked-files=no"])
        .map(|s| !s.is_empty())
        .unwrap_or(false);
    let describe = run(&["describe", "--tags", "--always", "--dirty"]).unwrap_or_else(|_| sha.clone());
    let commit_date = run(&["log", "-1", "--format=%cs"]).unwrap_or_default();
    let remote = run(&["config", "--get", "remote.origin.url"]).unwrap_or_default();

    let mut watch = vec![git_dir.join("HEAD"), git_dir.join("index")];
    if let Ok(r) = run(&["symbolic-ref", "-q", "HEAD"]) {
        watch.push(git_dir.join(r));
    }
    watch.push(git_dir.join("packed-refs"));

    Ok(GitInfo {
        sha,
        branch,
        dirty,
        describe,
        commit_date,
        remote,
        watch,
    })
}
