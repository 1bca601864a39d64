//! git-mirror-to: push `--mirror` to destinations given by the user.

use std::env;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::{exit, Command};

mod config;

use config::Mirror;

struct Opts {
    repo: PathBuf,
    dests: Vec<String>,
    only: Vec<String>,
    dry_run: bool,
    yes: bool,
    keep_remote_only: bool,
    allow_insecure: bool,
}

const USAGE: &str = "usage: git-mirror-to [--repo PATH] [--only NAME]... [--dry-run] [--yes] \
[--keep-remote-only] [--allow-insecure] [DEST_URL]...";

fn parse() -> Result<Opts, String> {
    let mut o = Opts {
        repo: PathBuf::from("."),
        dests: Vec::new(),
        only: Vec::new(),
        dry_run: false,
        yes: false,
        keep_remote_only: false,
        allow_insecure: false,
    };
    let mut it = env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--repo" => o.repo = it.next().ok_or("--repo needs a path")?.into(),
            "--only" => o.only.push(it.next().ok_or("--only needs a mirror name")?),
            "--dry-run" | "-n" => o.dry_run = true,
            "--yes" | "-y" => o.yes = true,
            "--keep-remote-only" => o.keep_remote_only = true,
            "--allow-insecure" => o.allow_insecure = true,
            "-h" | "--help" => {
                println!("{}", USAGE);
                exit(0);
            }
            s if s.starts_with('-') => return Err(format!("unknown option `{}`\n{}", s, USAGE)),
            _ => o.dests.push(a),
        }
    }
    Ok(o)
}

fn git(repo: &PathBuf, args: &[&str]) -> io::Result<String> {
    let out = Command::new("git").arg("-C").arg(repo).args(args).output()?;
    if !out.status.success() {
        return Err(io::Error::new(io::ErrorKind::Other, String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn confirm(prompt: &str) -> bool {
    print!("{} [y/N] ", prompt);
    let _ = io::stdout().flush();
    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim(), "y" | "Y" | "yes")
}

fn main() {
    let o = match parse() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {}", e);
            exit(2);
        }
    };
    let top = match git(&o.repo, &["rev-parse", "--show-toplevel"]) {
        Ok(t) => PathBuf::from(t.trim()),
        Err(e) => {
            eprintln!("error: not a git repository: {}", e);
            exit(1);
        }
    };

    let mut mirrors: Vec<Mirror> = o.dests.iter().map(|u| Mirror { name: None, url: u.clone() }).collect();
    if mirrors.is_empty() {
        match config::load(&top) {
            Ok(list) => mirrors = list,
            Err(e) => {
                eprintln!("error: reading .git-mirrors: {}", e);
                exit(1);
            }
        }
    }
    if !o.only.is_empty() {
        mirrors.retain(|m| m.name.as_ref().map(|n| o.only.contains(n)).unwrap_or(false));
    }
    if mirrors.is_empty() {
        eprintln!("nothing to do: give a destination URL or list mirrors in .git-mirrors");
        exit(2);
    }
    for m in &mirrors {
        if let Err(e) = config::validate(&m.url, o.allow_insecure) {
            eprintln!("error: {}: {}", config::redact(&m.url), e);
            exit(2);
        }
    }

    let branches = git(&top, &["for-each-ref", "--format=%(refname)", "refs/heads"]).map(|s| s.lines().count()).unwrap_or(0);
    let tags = git(&top, &["for-each-ref", "--format=%(refname)", "refs/tags"]).map(|s| s.lines().count()).unwrap_or(0);
    println!("repository: {} ({} branches, {} tags)", top.display(), branches, tags);
    let mode: &[&str] = if o.keep_remote_only { &["--all", "--follow-tags"] } else { &["--mirror"] };
    for m in &mirrors {
        println!(
            "will run:   git push {}{} {}",
            mode.join(" "),
            if o.dry_run { " --dry-run" } else { "" },
            config::redact(&m.url)
        );
    }
    if !o.keep_remote_only {
        println!("note: --mirror deletes refs on the destination that do not exist here");
    }
    if !o.yes && !confirm("proceed?") {
        println!("aborted");
        exit(1);
    }

    let mut failed = 0;
    for m in &mirrors {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&top).arg("push").args(mode);
        if o.dry_run {
            cmd.arg("--dry-run");
        }
        cmd.arg(&m.url);
        let shown = m.name.clone().unwrap_or_else(|| config::redact(&m.url));
        match cmd.status() {
            Ok(s) if s.success() => println!("ok  {}", shown),
            Ok(s) => {
                failed += 1;
                eprintln!("FAIL {} (git exited with {})", shown, s.code().unwrap_or(-1));
            }
            Err(e) => {
                failed += 1;
                eprintln!("FAIL {} ({})", shown, e);
            }
        }
    }
    exit(if failed == 0 { 0 } else { 1 });
}
