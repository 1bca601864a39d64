use std::fs;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("handin").join("token"))
}

pub fn load() -> Option<String> {
    if let Ok(t) = std::env::var("HANDIN_TOKEN") {
        return Some(t);
    }
    fs::read_to_string(path()?).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub fn login() -> ExitCode {
    print!("Paste the token from the course website: ");
    let _ = io::stdout().flush();
    let mut t = String::new();
    if io::stdin().lock().read_line(&mut t).is_err() || t.trim().is_empty() {
        eprintln!("handin: no token entered");
        return ExitCode::from(2);
    }
    let Some(p) = path() else {
        eprintln!("handin: no config directory on this system");
        return ExitCode::from(1);
    };
    if let Some(dir) = p.parent() {
        let _ = fs::create_dir_all(dir);
    }
    if let Err(e) = write_private(&p, t.trim()) {
        eprintln!("handin: {}: {e}", p.display());
        return ExitCode::from(1);
    }
    println!("Saved to {}", p.display());
    ExitCode::SUCCESS
}

pub fn logout() -> ExitCode {
    if let Some(p) = path() {
        let _ = fs::remove_file(p);
    }
    println!("Logged out.");
    ExitCode::SUCCESS
}

#[cfg(unix)]
fn write_private(p: &PathBuf, s: &str) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(p)?;
    f.write_all(s.as_bytes())
}

#[cfg(not(unix))]
fn write_private(p: &PathBuf, s: &str) -> io::Result<()> {
    fs::write(p, s)
}
