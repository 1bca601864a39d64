mod index;
mod notice;

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<LockPkg>,
}

#[derive(Deserialize)]
struct LockPkg {
    name: String,
    version: String,
    source: Option<String>,
}

fn direct_deps() -> Vec<String> {
    let Ok(text) = std::fs::read_to_string("Cargo.toml") else { return Vec::new() };
    let Ok(v) = text.parse::<toml::Value>() else { return Vec::new() };
    let mut out = Vec::new();
    for table in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(t) = v.get(table).and_then(|t| t.as_table()) {
            out.extend(t.keys().cloned());
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "outdated-lite").collect();
    let all = args.iter().any(|a| a == "--all");
    notice::check(env!("CARGO_PKG_VERSION"));

    let lock: Lock = match std::fs::read_to_string("Cargo.lock").map(|s| toml::from_str(&s)) {
        Ok(Ok(l)) => l,
        _ => {
            eprintln!("error: no readable Cargo.lock in the current directory (run `cargo generate-lockfile`)");
            std::process::exit(1);
        }
    };
    let direct = direct_deps();
    let mut rows: BTreeMap<String, (String, String)> = BTreeMap::new();
    for p in lock.package {
        if p.source.as_deref().map_or(true, |s| !s.starts_with("registry+")) {
            continue;
        }
        if !all && !direct.contains(&p.name) {
            continue;
        }
        match index::latest(&p.name) {
            Ok(Some(latest)) => {
                let cur = semver::Version::parse(&p.version).ok();
                if cur.as_ref().map_or(true, |c| c < &latest) {
                    rows.insert(p.name.clone(), (p.version.clone(), latest.to_string()));
                }
            }
            Ok(None) => {}
            Err(e) => eprintln!("warning: {}: {e}", p.name),
        }
    }
    if rows.is_empty() {
        println!("All dependencies are up to date.");
        return;
    }
    println!("{:<32} {:<14} {:<14}", "Name", "Current", "Latest");
    for (n, (c, l)) in rows {
        println!("{n:<32} {c:<14} {l:<14}");
    }
}
