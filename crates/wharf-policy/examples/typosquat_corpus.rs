//! Measures the typosquatting check's false positives on real crate names.
//!
//! Usage: `cargo run -p wharf-policy --example typosquat_corpus [DIR]`, where DIR (default
//! `/tmp/wharf-corpus-names`) holds `.crate` files, as `shared/corpus/fetch.sh DIR` downloads them.
//! Only the file names are read.
//!
//! Every corpus name is checked against an index of all the others (leave one out: a popular crate
//! is never its own typo), twice:
//!
//! 1. worst case: every crate has an owner of its own, so no hit is ever excused by ownership;
//! 2. realistic case: crates of one family (the same first word: `serde`, `serde_json`,
//!    `serde_derive`; `tokio`, `tokio-util`; `windows-sys`, `windows_x86_64_gnu`) share an owner,
//!    as they do on crates.io.
//!
//! It prints the flagged names with the crate each looks like and why, and the counts. Then, for
//! recall, it makes squats of every name (two adjacent characters swapped, one left out, one doubled,
//! one replaced by its right-hand keyboard neighbour, `-rs`, `2` or `-rs2` appended, the last word made
//! plural or singular) and counts how
//! many a stranger would be flagged for.

use std::collections::{BTreeSet, HashMap};

use wharf_policy::canonical_name;
use wharf_policy::typosquat::{PopularCrate, TyposquatIndex};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/wharf-corpus-names".to_string());
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("reading {dir}: {e}"));
    let names: BTreeSet<String> = entries
        .filter_map(|entry| {
            let file = entry.ok()?.file_name().into_string().ok()?;
            crate_name(file.strip_suffix(".crate")?)
        })
        .collect();
    let names: Vec<String> = names.into_iter().collect();
    println!("{} distinct crate names in {dir}", names.len());

    let distinct = |i: usize, _: &str| i as i64;
    let families: HashMap<String, i64> = {
        let mut families = HashMap::new();
        for name in &names {
            let next = families.len() as i64;
            families.entry(family(name)).or_insert(next);
        }
        families
    };
    let by_family = |_: usize, name: &str| 10_000 + families[&family(name)];

    for (title, owner) in [
        (
            "worst case: every crate has an owner of its own",
            &distinct as &dyn Fn(usize, &str) -> i64,
        ),
        (
            "realistic case: one owner per family (first word of the name)",
            &by_family,
        ),
    ] {
        println!("\n== {title}");
        let mut flagged = 0;
        let mut pairs = 0;
        for (i, name) in names.iter().enumerate() {
            let matches = all_but(&names, i, owner).matches(name, owner(i, name));
            if matches.is_empty() {
                continue;
            }
            flagged += 1;
            pairs += matches.len();
            let described: Vec<String> = matches
                .iter()
                .map(|m| format!("{} ({})", m.target, m.techniques.join(", ")))
                .collect();
            println!("  {name:<28} ~ {}", described.join("; "));
        }
        println!(
            "  => {flagged} of {} names flagged ({:.1}%), {pairs} pairs",
            names.len(),
            100.0 * flagged as f64 / names.len() as f64
        );
    }

    proxy_without_owners(&dir, &names);
    recall(&names);
}

/// The pull-through proxy's case when its upstream has no owners API (`upstream::Kinship`): every
/// crate has an owner of its own as far as the proxy can tell, and a look-alike is excused only
/// when the crate it resembles pulls it in, directly or through up to two crates between (read
/// from the packaged manifests, as the proxy reads the upstream's index files).
fn proxy_without_owners(dir: &str, names: &[String]) {
    let mut depends: HashMap<String, BTreeSet<String>> = HashMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let Some(name) = path
            .file_name()
            .and_then(|f| f.to_str())
            .and_then(|f| f.strip_suffix(".crate"))
            .and_then(crate_name)
        else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(manifest) = wharf_tarball::read_manifest(&bytes, &wharf_tarball::Limits::default())
        else {
            continue;
        };
        let mut tables = vec![
            manifest.dependencies,
            manifest.dev_dependencies,
            manifest.build_dependencies,
        ];
        for platform in manifest.target.values() {
            for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                if let Some(table) = platform.get(key).and_then(|t| t.as_table()) {
                    tables.push(table.clone().into_iter().collect());
                }
            }
        }
        let deps = depends.entry(canonical_name(&name)).or_default();
        for table in tables {
            for (key, value) in table {
                let package = value
                    .get("package")
                    .and_then(|p| p.as_str())
                    .unwrap_or(&key);
                deps.insert(canonical_name(package));
            }
        }
    }
    println!(
        "\n== the proxy without an owners API: excused only when the crate it resembles pulls it in"
    );
    let (mut withheld, mut excused) = (0, 0);
    for (i, name) in names.iter().enumerate() {
        let matches = all_but(names, i, &|j, _| j as i64).matches(name, -1);
        if matches.is_empty() {
            continue;
        }
        let strangers: Vec<String> = matches
            .iter()
            .filter(|m| !pulls_in(&depends, &m.target, name))
            .map(|m| format!("{} ({})", m.target, m.techniques.join(", ")))
            .collect();
        if strangers.is_empty() {
            excused += 1;
        } else {
            withheld += 1;
            println!("  {name:<28} ~ {}", strangers.join("; "));
        }
    }
    println!(
        "  => {withheld} of {} names withheld, {excused} look-alikes excused as pulled in by the crate they resemble",
        names.len()
    );
}

fn recall(names: &[String]) {
    let index = TyposquatIndex::new(
        names
            .iter()
            .enumerate()
            .map(|(i, name)| PopularCrate {
                name: name.clone(),
                owner_ids: vec![i as i64],
            })
            .collect(),
    );
    let known: BTreeSet<String> = names.iter().map(|n| canonical_name(n)).collect();
    let squatter = -1;
    println!("\n== recall: squats of every name, published by a stranger");
    type Mutation = fn(&str) -> Option<String>;
    let mutations: [(&str, Mutation); 8] = [
        ("swap", |n| {
            let b = n.as_bytes();
            let i = b.len() / 2;
            (b.len() >= 2 && b[i - 1] != b[i]).then(|| {
                let mut v = b.to_vec();
                v.swap(i - 1, i);
                String::from_utf8(v).unwrap()
            })
        }),
        ("omit", |n| {
            let i = n.len() / 2;
            Some(format!("{}{}", &n[..i], &n[i + 1..]))
        }),
        ("double", |n| {
            let i = n.len() / 2;
            Some(format!("{}{}", &n[..=i], &n[i..]))
        }),
        ("keyboard", |n| {
            let row = "qwertyuiop asdfghjkl zxcvbnm";
            let i = n.len() / 2;
            let c = n.as_bytes()[i] as char;
            let next = row.chars().skip_while(|&x| x != c).nth(1)?;
            (next != ' ').then(|| format!("{}{next}{}", &n[..i], &n[i + 1..]))
        }),
        ("-rs", |n| Some(format!("{n}-rs"))),
        ("2", |n| Some(format!("{n}2"))),
        ("-rs2", |n| Some(format!("{n}-rs2"))),
        // The last word made plural (or singular, when it ends in `s`).
        ("plural", |n| {
            if n.ends_with(|c: char| !c.is_ascii_alphabetic()) {
                return None;
            }
            Some(match n.strip_suffix('s') {
                Some(singular) => singular.to_owned(),
                None => format!("{n}s"),
            })
        }),
    ];
    for (what, mutate) in mutations {
        let (mut made, mut caught, mut missed) = (0, 0, Vec::new());
        for name in names.iter().filter(|n| n.len() >= 4) {
            let Some(squat) = mutate(name) else { continue };
            if known.contains(&canonical_name(&squat)) || squat.starts_with(['-', '_']) {
                continue;
            }
            made += 1;
            if index.findings(&squat, squatter).is_empty() {
                missed.push(squat);
            } else {
                caught += 1;
            }
        }
        println!(
            "  {what:<9} {caught}/{made} flagged; missed: {}",
            if missed.is_empty() {
                "none".to_string()
            } else {
                missed.join(", ")
            }
        );
    }
}

/// The typosquat index over every name but the `i`th, each owned by `owner(index, name)`: a
/// popular crate is never its own typo.
fn all_but(names: &[String], i: usize, owner: &dyn Fn(usize, &str) -> i64) -> TyposquatIndex {
    TyposquatIndex::new(
        names
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(j, other)| PopularCrate {
                name: other.clone(),
                owner_ids: vec![owner(j, other)],
            })
            .collect(),
    )
}

/// Whether `target` depends on `name`, directly or through up to two crates between, as the
/// proxy follows kept index files (three steps).
fn pulls_in(depends: &HashMap<String, BTreeSet<String>>, target: &str, name: &str) -> bool {
    let wanted = canonical_name(name);
    let mut seen = BTreeSet::from([canonical_name(target)]);
    let mut step = vec![canonical_name(target)];
    for _ in 0..3 {
        let mut next = Vec::new();
        for krate in &step {
            for dependency in depends.get(krate).into_iter().flatten() {
                if *dependency == wanted {
                    return true;
                }
                if seen.insert(dependency.clone()) {
                    next.push(dependency.clone());
                }
            }
        }
        step = next;
    }
    false
}

/// The crate name of a `.crate` file stem `NAME-VERSION`.
fn crate_name(stem: &str) -> Option<String> {
    stem.match_indices('-')
        .map(|(i, _)| i)
        .find(|&i| semver_like(&stem[i + 1..]))
        .map(|i| stem[..i].to_string())
}

fn semver_like(text: &str) -> bool {
    let core = text.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// The first word of the canonical name: `serde_json` → `serde`, `windows-sys` → `windows`.
fn family(name: &str) -> String {
    let canonical = canonical_name(name);
    canonical
        .split('_')
        .next()
        .unwrap_or(&canonical)
        .to_string()
}
