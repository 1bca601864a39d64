use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[derive(Deserialize, Default)]
struct Config {
    #[serde(default)]
    task: BTreeMap<String, Task>,
    #[serde(default)]
    hook: BTreeMap<String, Hook>,
}

#[derive(Deserialize)]
struct Task {
    run: Option<String>,
    interpreter: Option<String>,
    script: Option<PathBuf>,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Hook {
    tasks: Vec<String>,
}

const INTERPRETERS: &[&str] = &["sh", "bash", "zsh", "pwsh", "python3", "python", "node", "deno", "ruby"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = find_root() else {
        eprintln!("hookrun: no hookrun.toml found in this directory or its parents");
        return ExitCode::from(2);
    };
    let cfg: Config = match std::fs::read_to_string(root.join("hookrun.toml")).map(|s| toml::from_str(&s)) {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => {
            eprintln!("hookrun: invalid hookrun.toml: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("hookrun: {e}");
            return ExitCode::from(2);
        }
    };

    match args.first().map(String::as_str) {
        None | Some("--list") => {
            for (name, t) in &cfg.task {
                println!("{name:20} {}", t.run.as_deref().unwrap_or_else(|| t.script.as_ref().and_then(|p| p.to_str()).unwrap_or("")));
            }
            ExitCode::SUCCESS
        }
        Some("hook") => {
            let Some(h) = args.get(1).and_then(|n| cfg.hook.get(n)) else {
                eprintln!("hookrun: unknown hook");
                return ExitCode::from(2);
            };
            for t in &h.tasks {
                if let Err(code) = run_task(&root, &cfg, t) {
                    return code;
                }
            }
            ExitCode::SUCCESS
        }
        Some(name) => match run_task(&root, &cfg, name) {
            Ok(()) => ExitCode::SUCCESS,
            Err(c) => c,
        },
    }
}

fn run_task(root: &Path, cfg: &Config, name: &str) -> Result<(), ExitCode> {
    let t = cfg.task.get(name).ok_or_else(|| {
        eprintln!("hookrun: no task named {name:?}");
        ExitCode::from(2)
    })?;
    let mut cmd = if let Some(line) = &t.run {
        let mut c = if cfg!(windows) { Command::new("cmd") } else { Command::new("sh") };
        c.arg(if cfg!(windows) { "/C" } else { "-c" }).arg(line);
        c
    } else if let Some(script) = &t.script {
        let interp = t.interpreter.as_deref().unwrap_or("sh");
        if !INTERPRETERS.contains(&interp) {
            eprintln!("hookrun: interpreter {interp:?} not supported");
            return Err(ExitCode::from(2));
        }
        let full = root.join(script).canonicalize().map_err(|e| {
            eprintln!("hookrun: {}: {e}", script.display());
            ExitCode::from(2)
        })?;
        if !full.starts_with(root) {
            eprintln!("hookrun: script {} is outside the repository", script.display());
            return Err(ExitCode::from(2));
        }
        let mut c = Command::new(interp);
        c.arg(full);
        c
    } else {
        eprintln!("hookrun: task {name:?} has neither `run` nor `script`");
        return Err(ExitCode::from(2));
    };
    cmd.current_dir(root).envs(&t.env);
    eprintln!("hookrun: {name}");
    match cmd.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(ExitCode::from(s.code().unwrap_or(1) as u8)),
        Err(e) => {
            eprintln!("hookrun: {name}: {e}");
            Err(ExitCode::from(127))
        }
    }
}

fn find_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    cwd.ancestors().find(|d| d.join("hookrun.toml").is_file()).map(Path::to_path_buf)
}
