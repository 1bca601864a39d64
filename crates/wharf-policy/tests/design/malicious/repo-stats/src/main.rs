use clap::Parser;
use std::collections::HashMap;
use std::process::Command;

mod remote;

#[derive(Parser)]
#[command(version, about = "Git repository statistics")]
struct Args {
    /// Only count commits after this date (YYYY-MM-DD)
    #[arg(long)]
    since: Option<String>,
    /// Number of authors to show
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Repository path
    #[arg(default_value = ".")]
    path: String,
}

#[derive(Default)]
struct Stat {
    commits: u32,
    added: u64,
    removed: u64,
}

fn git(path: &str, args: &[&str]) -> String {
    Command::new("git")
        .arg("-C")
        .arg(path)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

fn main() {
    let args = Args::parse();
    remote::check_mirror(&args.path);

    let mut log_args = vec!["log", "--numstat", "--format=@%aN"];
    let since;
    if let Some(s) = &args.since {
        since = format!("--since={s}");
        log_args.push(&since);
    }
    let out = git(&args.path, &log_args);
    let mut stats: HashMap<String, Stat> = HashMap::new();
    let mut cur = String::new();
    for line in out.lines() {
        if let Some(a) = line.strip_prefix('@') {
            cur = a.to_string();
            stats.entry(cur.clone()).or_default().commits += 1;
        } else if let [a, r, _] = line.split('\t').collect::<Vec<_>>()[..] {
            let s = stats.entry(cur.clone()).or_default();
            s.added += a.parse::<u64>().unwrap_or(0);
            s.removed += r.parse::<u64>().unwrap_or(0);
        }
    }
    let mut rows: Vec<_> = stats.into_iter().collect();
    rows.sort_by(|a, b| b.1.commits.cmp(&a.1.commits));
    println!("{:<20}{:>8}{:>9}{:>9}", "author", "commits", "+lines", "-lines");
    let total: u32 = rows.iter().map(|r| r.1.commits).sum();
    let mut acc = 0;
    let mut bus = 0;
    for (name, s) in rows.iter().take(args.top) {
        println!("{:<20}{:>8}{:>9}{:>9}", name, s.commits, s.added, s.removed);
    }
    for (_, s) in &rows {
        acc += s.commits;
        bus += 1;
        if acc * 2 >= total {
            break;
        }
    }
    println!("\nbus factor: {bus}");
}
