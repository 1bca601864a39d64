use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: sshkey-audit <DIR> | --default   [--fail-on low|medium|high]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut fail_on = sshkey_audit::Severity::High;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--default" => dir = sshkey_audit::default_ssh_dir(),
            "--fail-on" => {
                fail_on = match args.next().as_deref() {
                    Some("low") => sshkey_audit::Severity::Low,
                    Some("medium") => sshkey_audit::Severity::Medium,
                    Some("high") => sshkey_audit::Severity::High,
                    _ => return usage(),
                }
            }
            "-h" | "--help" => return usage(),
            other if !other.starts_with('-') => dir = Some(PathBuf::from(other)),
            _ => return usage(),
        }
    }
    let dir = match dir {
        Some(d) => d,
        None => return usage(),
    };
    let report = match sshkey_audit::audit_dir(&dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sshkey-audit: {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    for f in report.findings() {
        println!("{f}");
        for i in &f.issues {
            println!("    -> {}", i.advice());
        }
    }
    for (p, why) in report.skipped() {
        eprintln!("skipped {}: {why}", p.display());
    }
    match report.worst() {
        Some(w) if w >= fail_on => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
