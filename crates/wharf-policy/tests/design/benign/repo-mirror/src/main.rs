use repo_mirror::{plan, run, Config};

fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let mut args = std::env::args().skip(1);
    let Some(cfg_path) = args.next() else {
        eprintln!("usage: repo-mirror <mirror.toml> [--push]");
        std::process::exit(2);
    };
    let push = args.any(|a| a == "--push");

    let cfg = match Config::load(&cfg_path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };

    let mut failed = 0;
    for spec in &cfg.repos {
        println!("# {}: {} -> {}", spec.name, spec.source, spec.target);
        let steps = plan(&cfg.workdir, spec);
        if !push {
            for s in &steps {
                println!("  {s}");
            }
            continue;
        }
        for s in &steps {
            if let Err(e) = run(s) {
                eprintln!("  {e}");
                failed += 1;
                break;
            }
        }
    }
    if !push {
        println!("\n(plan only; pass --push to execute)");
    }
    std::process::exit(if failed > 0 { 1 } else { 0 });
}
