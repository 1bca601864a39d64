//! A package's source directory judged as a first publish: its files (all but `EXPECT`) packed
//! into a `.crate` in memory the way cargo lays one out (`{name}-{version}/…`), read by the
//! tarball reader and run through the whole publish gate. Never built or run. Shared by the
//! fixture test and the corpus measurement (`examples/heldback.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use wharf_policy::categories::default_categories;
use wharf_policy::engine::{evaluate, Candidate, Evaluation, Facts};
use wharf_tarball::test_support::TarballBuilder;
use wharf_tarball::{process_tarball, Limits, Tarball};

/// The gate's evaluation of the package in `dir`, or why it could not be read.
pub fn judge_package_dir(dir: &Path) -> Result<Evaluation, String> {
    let tarball = package_tarball(dir)?;
    let (name, version) = (
        &tarball.manifest.package.name,
        &tarball.manifest.package.version,
    );
    let semver = semver::Version::parse(version).map_err(|e| e.to_string())?;
    let known = default_categories();
    Ok(evaluate(
        &Candidate {
            name,
            version: &semver,
            tarball: &tarball,
            deps: &[],
            features: &BTreeMap::new(),
        },
        &Facts {
            publisher_id: 1,
            creates_crate: true,
            known_categories: &known,
            reserved_names: &[],
            same_skeleton: &[],
            typosquat: None,
            internal_prefixes: &[],
        },
    ))
}

/// The package in `dir` packed into a `.crate` in memory and read by the tarball reader.
#[allow(dead_code)] // not every user of this module needs it on its own
pub fn package_tarball(dir: &Path) -> Result<Tarball, String> {
    let mut contents = Vec::new();
    files(dir, dir, &mut contents)?;
    let manifest = contents
        .iter()
        .find(|(p, _)| p == "Cargo.toml")
        .map(|(_, c)| String::from_utf8_lossy(c).into_owned())
        .ok_or("no Cargo.toml")?;
    let table: toml::Table = toml::from_str(&manifest).map_err(|e| e.to_string())?;
    let package = table.get("package").ok_or("no [package]")?;
    let name = package
        .get("name")
        .and_then(|n| n.as_str())
        .ok_or("no name")?;
    let version = package
        .get("version")
        .and_then(|v| v.as_str())
        .ok_or("no version")?;
    let mut builder = TarballBuilder::new();
    for (path, data) in &contents {
        builder = builder.file(&format!("{name}-{version}/{path}"), data);
    }
    process_tarball(name, version, &builder.build(), &Limits::default()).map_err(|e| e.to_string())
}

/// Every file below `dir` but `EXPECT`, with its path relative to `base` (with `/`), sorted.
fn files(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let read = |e: std::io::Error| format!("{}: {e}", dir.display());
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, base, out)?;
        } else {
            let relative = path
                .strip_prefix(base)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .replace('\\', "/");
            if relative != "EXPECT" {
                let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                out.push((relative, data));
            }
        }
    }
    Ok(())
}
