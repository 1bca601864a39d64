mod config;
mod job;

use std::time::Duration;

use config::AgentConfig;

fn usage() -> ! {
    eprintln!("usage:\n  jobrunner-agent register --url URL --token TOKEN [--name NAME] [--insecure-http]\n  jobrunner-agent run [--once]");
    std::process::exit(2)
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("register") => {
            let url = flag(&args, "--url").unwrap_or_else(|| usage());
            let token = flag(&args, "--token").unwrap_or_else(|| usage());
            let insecure = args.iter().any(|a| a == "--insecure-http");
            if !url.starts_with("https://") && !insecure {
                eprintln!("refusing non-https coordinator URL (pass --insecure-http for local testing)");
                std::process::exit(2);
            }
            let name = flag(&args, "--name").unwrap_or_else(|| "agent".into());
            match config::register(&url, &token, &name) {
                Ok(path) => eprintln!("registered as `{name}`; config written to {}", path.display()),
                Err(e) => {
                    eprintln!("registration failed: {e}");
                    std::process::exit(1);
                }
            }
        }
        Some("run") => {
            let cfg = AgentConfig::load().unwrap_or_else(|e| {
                eprintln!("not registered ({e}); run `jobrunner-agent register` first");
                std::process::exit(1)
            });
            let once = args.iter().any(|a| a == "--once");
            run(&cfg, once);
        }
        _ => usage(),
    }
}

fn run(cfg: &AgentConfig, once: bool) {
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build();
    eprintln!("polling {} as `{}`", cfg.url, cfg.name);
    loop {
        match job::next(&agent, cfg) {
            Ok(Some(j)) => {
                eprintln!("job {}: {} step(s)", j.id, j.steps.len());
                let ok = job::execute(&agent, cfg, &j);
                eprintln!("job {} {}", j.id, if ok { "succeeded" } else { "failed" });
            }
            Ok(None) => std::thread::sleep(Duration::from_secs(cfg.poll_seconds)),
            Err(e) => {
                eprintln!("coordinator error: {e}");
                std::thread::sleep(Duration::from_secs(30));
            }
        }
        if once {
            break;
        }
    }
}
