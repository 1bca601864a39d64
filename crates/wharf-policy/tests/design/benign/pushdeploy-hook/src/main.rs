use std::path::PathBuf;
use std::process::ExitCode;

use pushdeploy_hook::{serve, Config};

const USAGE: &str = "usage: pushdeploy-hook [--bind ADDR] --secret-file FILE [--branch NAME] [--repo OWNER/NAME] [--workdir DIR] -- COMMAND [ARGS...]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut bind = "127.0.0.1:9070".to_string();
    let mut secret_file: Option<PathBuf> = None;
    let mut branch = "main".to_string();
    let mut repo = None;
    let mut workdir = PathBuf::from(".");
    let mut command = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bind" => bind = args.next().unwrap_or_default(),
            "--secret-file" => secret_file = args.next().map(PathBuf::from),
            "--branch" => branch = args.next().unwrap_or_default(),
            "--repo" => repo = args.next(),
            "--workdir" => workdir = args.next().map(PathBuf::from).unwrap_or(workdir),
            "--" => {
                command.extend(args.by_ref());
                break;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(secret_file) = secret_file else {
        eprintln!("--secret-file is required\n{USAGE}");
        return ExitCode::from(2);
    };
    let secret = match std::fs::read(&secret_file) {
        Ok(s) => s.trim_ascii().to_vec(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", secret_file.display());
            return ExitCode::from(1);
        }
    };
    let git_ref = if branch.starts_with("refs/") { branch } else { format!("refs/heads/{branch}") };
    let cfg = Config { bind, secret, git_ref, repo, command, workdir };
    match serve(cfg) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pushdeploy-hook: {e}");
            ExitCode::from(1)
        }
    }
}
