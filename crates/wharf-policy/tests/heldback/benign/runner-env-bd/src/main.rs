//! `runner-env` – CLI front-end for the library.

use std::process::ExitCode;

use runner_env::cargo_config::MirrorConfig;
use runner_env::Runner;

const USAGE: &str = "usage:
  runner-env output NAME VALUE
  runner-env env NAME VALUE
  runner-env path DIR
  runner-env summary MARKDOWN
  runner-env mask VALUE
  runner-env mirror --config FILE --name NAME --url URL [--apply] [--overwrite] [--allow-global]";

fn report(r: std::io::Result<bool>) -> ExitCode {
    match r {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("runner-env: not running under a supported CI runner; nothing written");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("runner-env: {}", e);
            ExitCode::FAILURE
        }
    }
}

fn mirror(args: &[String]) -> ExitCode {
    let mut config = None;
    let mut name = None;
    let mut url = None;
    let (mut apply, mut overwrite, mut global) = (false, false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--config" => config = it.next().cloned(),
            "--name" => name = it.next().cloned(),
            "--url" => url = it.next().cloned(),
            "--apply" => apply = true,
            "--overwrite" => overwrite = true,
            "--allow-global" => global = true,
            other => {
                eprintln!("unknown argument {:?}\n{}", other, USAGE);
                return ExitCode::from(2);
            }
        }
    }
    let (config, name, url) = match (config, name, url) {
        (Some(c), Some(n), Some(u)) => (c, n, u),
        _ => {
            eprintln!("{}", USAGE);
            return ExitCode::from(2);
        }
    };
    let plan = match MirrorConfig::new(config, &name, &url)
        .map(|m| m.overwrite(overwrite).allow_global(global))
        .and_then(|m| m.plan())
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("runner-env: {}", e);
            return ExitCode::FAILURE;
        }
    };
    if plan.is_noop() {
        println!("{} already up to date", plan.path().display());
        return ExitCode::SUCCESS;
    }
    print!("{}", plan.diff());
    if !apply {
        println!("(dry run; pass --apply to write)");
        return ExitCode::SUCCESS;
    }
    match plan.apply() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("runner-env: {}", e);
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ci = Runner::detect();
    match args.first().map(String::as_str) {
        Some("output") if args.len() == 3 => report(ci.set_output(&args[1], &args[2])),
        Some("env") if args.len() == 3 => report(ci.export_var(&args[1], &args[2])),
        Some("path") if args.len() == 2 => report(ci.add_path(&args[1])),
        Some("summary") if args.len() == 2 => report(ci.append_summary(&args[1])),
        Some("mask") if args.len() == 2 => {
            ci.mask(&args[1]);
            ExitCode::SUCCESS
        }
        Some("mirror") => mirror(&args[1..]),
        _ => {
            eprintln!("{}", USAGE);
            ExitCode::from(2)
        }
    }
}
