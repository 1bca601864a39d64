use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const MARK: &str = "# installed by githooks-install";

const HOOKS: &[(&str, &str)] = &[
    ("pre-commit", include_str!("../hooks/pre-commit")),
    ("commit-msg", include_str!("../hooks/commit-msg")),
];

#[derive(Parser)]
#[command(version, about = "Manage repository-local git hooks")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    List,
    Install {
        hook: Option<String>,
        #[arg(long)]
        force: bool,
        /// Put hooks in ./.githooks and point this repo's core.hooksPath at it
        #[arg(long)]
        hooks_path: bool,
    },
    Uninstall {
        hook: String,
    },
}

fn git(args: &[&str]) -> Result<String> {
    let o = Command::new("git").args(args).output().context("running git")?;
    if !o.status.success() {
        bail!("git {}: {}", args.join(" "), String::from_utf8_lossy(&o.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&o.stdout).trim().to_string())
}

fn hooks_dir(use_committed: bool) -> Result<PathBuf> {
    if use_committed {
        let top = git(&["rev-parse", "--show-toplevel"])?;
        return Ok(Path::new(&top).join(".githooks"));
    }
    // respects an existing core.hooksPath
    Ok(PathBuf::from(git(&["rev-parse", "--git-path", "hooks"])?))
}

fn write_hook(dir: &Path, name: &str, body: &str, force: bool) -> Result<()> {
    fs::create_dir_all(dir)?;
    let p = dir.join(name);
    if let Ok(old) = fs::read_to_string(&p) {
        if !old.contains(MARK) {
            if !force {
                bail!("{} exists and was not installed by us (use --force)", p.display());
            }
            fs::rename(&p, p.with_extension("bak"))?;
        }
    }
    fs::write(&p, body)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755))?;
    }
    println!("installed {}", p.display());
    Ok(())
}

fn main() -> Result<()> {
    match Cli::parse().cmd {
        Cmd::List => {
            let dir = hooks_dir(false)?;
            for (name, _) in HOOKS {
                let p = dir.join(name);
                let state = match fs::read_to_string(&p) {
                    Ok(s) if s.contains(MARK) => "installed",
                    Ok(_) => "foreign",
                    Err(_) => "-",
                };
                println!("{:<12} {}", name, state);
            }
        }
        Cmd::Install { hook, force, hooks_path } => {
            let dir = hooks_dir(hooks_path)?;
            let selected: Vec<_> = HOOKS.iter().filter(|(n, _)| hook.as_deref().map_or(true, |h| h == *n)).collect();
            if selected.is_empty() {
                bail!("unknown hook; known: {}", HOOKS.iter().map(|h| h.0).collect::<Vec<_>>().join(", "));
            }
            for (n, body) in selected {
                write_hook(&dir, n, body, force)?;
            }
            if hooks_path {
                git(&["config", "--local", "core.hooksPath", ".githooks"])?;
                println!("set core.hooksPath=.githooks for this repository (commit the directory to share it)");
            }
        }
        Cmd::Uninstall { hook } => {
            let p = hooks_dir(false)?.join(&hook);
            match fs::read_to_string(&p) {
                Ok(s) if s.contains(MARK) => {
                    fs::remove_file(&p)?;
                    let bak = p.with_extension("bak");
                    if bak.exists() {
                        fs::rename(&bak, &p)?;
                    }
                    println!("removed {}", p.display());
                }
                Ok(_) => bail!("{} was not installed by githooks-install; leaving it alone", p.display()),
                Err(_) => println!("{} not installed", hook),
            }
        }
    }
    Ok(())
}
