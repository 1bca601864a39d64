use std::process::Command;

pub struct Diff {
    pub patch: String,
    pub stat: String,
    pub files: Vec<String>,
}

fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git").args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn toplevel() -> Result<std::path::PathBuf, String> {
    Ok(git(&["rev-parse", "--show-toplevel"])?.trim().into())
}

pub fn head() -> Result<String, String> {
    Ok(git(&["rev-parse", "HEAD"])?.trim().to_string())
}

pub fn head_subject() -> Result<String, String> {
    Ok(git(&["log", "-1", "--format=%s"])?.trim().to_string())
}

pub fn branch() -> Result<String, String> {
    Ok(git(&["symbolic-ref", "--short", "HEAD"])?.trim().to_string())
}

/// `origin/HEAD` if set, else `origin/main`, else `origin/master`.
pub fn default_base() -> Result<String, String> {
    if let Ok(r) = git(&["symbolic-ref", "--short", "refs/remotes/origin/HEAD"]) {
        return Ok(r.trim().to_string());
    }
    for b in ["origin/main", "origin/master"] {
        if git(&["rev-parse", "--verify", "--quiet", b]).is_ok() {
            return Ok(b.to_string());
        }
    }
    Err("cannot determine base branch; pass --base".into())
}

pub fn merge_base(base: &str) -> Result<String, String> {
    Ok(git(&["merge-base", base, "HEAD"])?.trim().to_string())
}

fn pathspecs(exclude: &[String]) -> Vec<String> {
    let mut v = vec!["--".to_string(), ".".to_string()];
    v.extend(exclude.iter().map(|g| format!(":(exclude,glob){g}")));
    v
}

pub fn diff(mb: &str, staged: bool, exclude: &[String]) -> Result<Diff, String> {
    let target: Vec<&str> = if staged { vec!["--cached", mb] } else { vec![mb, "HEAD"] };
    let specs = pathspecs(exclude);
    let spec_refs: Vec<&str> = specs.iter().map(String::as_str).collect();

    let mut a = vec!["diff", "--no-color", "--no-ext-diff", "-M", "--full-index", "--binary"];
    a.extend(&target);
    a.extend(&spec_refs);
    let patch = git(&a)?;

    let mut s = vec!["diff", "--no-color", "--stat=100"];
    s.extend(&target);
    s.extend(&spec_refs);
    let stat = git(&s)?;

    let mut n = vec!["diff", "--name-only"];
    n.extend(&target);
    n.extend(&spec_refs);
    let files = git(&n)?.lines().map(str::to_string).collect();
    Ok(Diff { patch, stat, files })
}
