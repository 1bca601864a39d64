//! Writes seed inputs for every fuzz target into `OUT/<target>/`, from:
//!
//! - the policy's test fixtures (`crates/wharf-policy/tests/fixtures/*/*`), each packaged as cargo
//!   would;
//! - hand-made hostile archives, the kinds `crates/wharf/tests/hostile.rs` sends;
//! - real `.crate` files from the directories given (cargo's download cache by default, and the
//!   crates `../shared/corpus/fetch.sh` downloads);
//! - real index files from cargo's cache of the crates.io index.
//!
//! The result is large; `run.sh seed` minimises it into `fuzz/corpus/` with `cargo fuzz cmin`.
//!
//! ```text
//! cargo run --release --example seeds -- OUT [CRATE_DIR...]
//! ```

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use wharf_index::publish::encode_frame;
use wharf_tarball::test_support::{manifest_toml, HeaderFormat, TarballBuilder};
use wharf_tarball::{identify, parse_manifest, process_tarball, Limits};

/// Largest seed kept, per target: libFuzzer mutates small inputs much faster, the corpus is
/// committed, and a small input reaches the same code as a large one (a tar archive is mostly
/// headers and padding).
fn max_size(target: &str) -> usize {
    match target {
        "tarball_tar" => 40 * 1024,
        "index_line" => 8 * 1024,
        _ => 16 * 1024,
    }
}

/// Text files per package given to the scanner, at most, and their largest size.
const SCANNER_SEEDS_PER_PACKAGE: usize = 6;
const MAX_SCANNER_SEED: usize = 8 * 1024;

struct Seeds {
    out: PathBuf,
    written: usize,
}

impl Seeds {
    fn write(&mut self, target: &str, bytes: &[u8]) {
        if bytes.len() > max_size(target) {
            return;
        }
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let dir = self.out.join(target);
        std::fs::create_dir_all(&dir).expect("creating the seed directory");
        std::fs::write(dir.join(format!("{:016x}", hasher.finish())), bytes)
            .expect("writing a seed");
        self.written += 1;
    }

    /// Seeds for every target from one package: its `.crate` file and the files in it.
    fn package(&mut self, upload: &[u8], manifest_raw: &str, files: &[(String, Vec<u8>)]) {
        self.write("tarball", upload);
        let mut tar = Vec::new();
        if flate2::read::GzDecoder::new(upload)
            .read_to_end(&mut tar)
            .is_ok()
        {
            self.write("tarball_tar", &tar);
        }
        self.write("manifest", manifest_raw.as_bytes());
        if let Ok(manifest) = parse_manifest(manifest_raw) {
            let metadata = publish_metadata(&manifest);
            let json = serde_json::to_vec(&metadata).expect("JSON");
            self.write("publish_frame", &encode_frame(&json, upload));
            self.write("index_line", index_line(&metadata).as_bytes());
        }
        // A few of its text files for the scanner, spread over the package (real crates have
        // hundreds, which add little to each other and much to the corpus).
        let scanned: Vec<&Vec<u8>> = files
            .iter()
            .filter(|(path, contents)| {
                contents.len() <= MAX_SCANNER_SEED
                    && [".rs", ".md", ".sh", ".html", ".py", ".ps1", ".bat"]
                        .iter()
                        .any(|ext| path.ends_with(ext))
            })
            .map(|(_, contents)| contents)
            .collect();
        let step = scanned.len().div_ceil(SCANNER_SEEDS_PER_PACKAGE).max(1);
        for contents in scanned.into_iter().step_by(step) {
            self.write("scanner", contents);
        }
    }
}

fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let out = args.next().expect("usage: seeds OUT [CRATE_DIR...]");
    let mut crate_dirs: Vec<PathBuf> = args.collect();
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if crate_dirs.is_empty() {
        if let Some(home) = &home {
            crate_dirs.extend(subdirs(&home.join("registry/cache")));
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seeds = Seeds { out, written: 0 };

    for kind in ["benign", "malicious"] {
        for dir in subdirs(&repo.join("crates/wharf-policy/tests/fixtures").join(kind)) {
            fixture(&mut seeds, &dir);
        }
    }
    hostile(&mut seeds);
    for dir in &crate_dirs {
        let mut crates: Vec<PathBuf> = list(dir)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "crate"))
            .collect();
        crates.sort();
        for path in crates {
            real_crate(&mut seeds, &path);
        }
    }
    if let Some(home) = &home {
        for index in subdirs(&home.join("registry/index")) {
            index_cache(&mut seeds, &index.join(".cache"));
        }
    }
    frames(&mut seeds);
    eprintln!("{} seeds written", seeds.written);
}

/// A fixture directory, packaged as `{name}-{version}/…` the way the scanner's tests do.
fn fixture(seeds: &mut Seeds, dir: &Path) {
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.retain(|(path, _)| path != "EXPECT");
    let Some((_, manifest)) = files.iter().find(|(p, _)| p == "Cargo.toml") else {
        return;
    };
    let manifest = String::from_utf8_lossy(manifest).into_owned();
    let Ok(parsed) = parse_manifest(&manifest) else {
        return;
    };
    let prefix = format!("{}-{}", parsed.package.name, parsed.package.version);
    let mut builder = TarballBuilder::new();
    for (path, contents) in &files {
        builder = builder.file(&format!("{prefix}/{path}"), contents);
    }
    seeds.package(&builder.build(), &manifest, &files);
}

/// What a hostile publisher sends: each archive breaks one rule of the reader.
fn hostile(seeds: &mut Seeds) {
    let (name, version) = ("demo", "0.1.0");
    let d = format!("{name}-{version}");
    let manifest = manifest_toml(name, version, "readme = \"README.md\"");
    let base = || {
        TarballBuilder::new()
            .file(&format!("{d}/Cargo.toml"), &manifest)
            .file(&format!("{d}/src/lib.rs"), "pub fn f() {}\n")
    };
    let cases: Vec<Vec<u8>> = vec![
        base().build(),
        base()
            .file(&format!("{d}/README.md"), "# demo\n")
            .file(&format!("{d}/Cargo.toml.orig"), "[package]\n")
            .dir(&format!("{d}/src/bin/"))
            .file(&format!("{d}/src/bin/tool.rs"), "fn main() {}\n")
            .file(&format!("{d}/assets/logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
            .file(&format!("{d}/tool.exe"), b"MZ\x90\0\x03\0\0\0")
            .build(),
        base().file(&format!("{d}/../../evil"), "x").build(),
        base()
            .raw_entry(HeaderFormat::Gnu, b"/etc/passwd", b'0', 1, b"x")
            .build(),
        base()
            .raw_entry(HeaderFormat::Ustar, format!("{d}/u").as_bytes(), b'0', 1, b"u")
            .build(),
        base()
            .raw_entry(HeaderFormat::Old, format!("{d}/v7").as_bytes(), b'0', 2, b"v7")
            .build(),
        base().file("other-0.1.0/src/lib.rs", "x").build(),
        base()
            .link(&format!("{d}/src/link.rs"), b'2', "/etc/passwd")
            .build(),
        base()
            .link(&format!("{d}/src/hard.rs"), b'1', &format!("{d}/src/lib.rs"))
            .build(),
        base()
            .pax(&[("size", b"999999")])
            .file(&format!("{d}/src/data.rs"), "short")
            .build(),
        base()
            .pax(&[("path", format!("{d}/src/pax.rs").as_bytes())])
            .file(&format!("{d}/src/pax.rs"), "pub fn p() {}")
            .build(),
        base()
            .pax_global(&[("comment", b"git archive")])
            .file(&format!("{d}/src/g.rs"), "")
            .build(),
        base()
            .gnu_long_name(format!("{d}/{}long.rs", "a/".repeat(60)).as_bytes())
            .file(&format!("{d}/{}long.rs", "a/".repeat(60)), "")
            .build(),
        base().file(&format!("{d}/cargo.toml"), &manifest).build(),
        base().file(&format!("{d}/src/lib.rs"), "again").build(),
        base().without_end_marker().build(),
        base().raw_bytes(b"trailing garbage").build(),
        TarballBuilder::new()
            .file(&format!("{d}/Cargo.toml"), "[package\nname = ")
            .build(),
        TarballBuilder::new()
            .file(
                &format!("{d}/Cargo.toml"),
                format!("[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition.workspace = true\n"),
            )
            .build(),
        TarballBuilder::new()
            .file(&format!("{d}/Cargo.toml"), manifest_toml(name, "2.0.0", ""))
            .build(),
        base().repeat_bytes(0, 64 * 1024).build(),
    ];
    let files = [("src/lib.rs".to_owned(), b"pub fn f() {}\n".to_vec())];
    for upload in cases {
        seeds.package(&upload, &manifest, &files);
    }
}

/// A real crate: its `.crate` file, manifest and text files.
fn real_crate(seeds: &mut Seeds, path: &Path) {
    let Ok(upload) = std::fs::read(path) else {
        return;
    };
    let limits = Limits::default();
    let Ok((name, version)) = identify(&upload, &limits) else {
        return;
    };
    let Ok(tarball) = process_tarball(&name, &version, &upload, &limits) else {
        return;
    };
    let files: Vec<(String, Vec<u8>)> = tarball
        .files
        .iter()
        .filter_map(|f| Some((f.path.clone(), f.bytes()?.to_vec())))
        .collect();
    seeds.package(&upload, &tarball.manifest_raw, &files);
    if let Some((_, orig)) = files.iter().find(|(p, _)| p == "Cargo.toml.orig") {
        // As written, with `workspace = true` and paths: what the reader refuses.
        seeds.write("manifest", orig);
    }
}

/// The JSON cargo would send for a manifest.
fn publish_metadata(manifest: &wharf_tarball::Manifest) -> Value {
    let mut deps = Vec::new();
    for (kind, table) in [
        ("normal", &manifest.dependencies),
        ("dev", &manifest.dev_dependencies),
        ("build", &manifest.build_dependencies),
    ] {
        for (key, value) in table {
            let field = |name: &str| value.get(name).and_then(toml::Value::as_str);
            let package = field("package");
            deps.push(json!({
                "name": package.unwrap_or(key),
                "version_req": value.as_str().or(field("version")).unwrap_or("*"),
                "features": value.get("features").and_then(|f| f.as_array()).map_or(vec![], |f| {
                    f.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()
                }),
                "optional": value.get("optional").and_then(toml::Value::as_bool).unwrap_or(false),
                "default_features": value.get("default-features")
                    .and_then(toml::Value::as_bool).unwrap_or(true),
                "target": null,
                "kind": kind,
                "registry": null,
                "explicit_name_in_toml": package.map(|_| key.as_str()),
            }));
        }
    }
    let package = &manifest.package;
    json!({
        "name": package.name,
        "vers": package.version,
        "deps": deps,
        "features": manifest.features,
        "authors": package.authors,
        "description": package.description,
        "license": package.license,
        "links": package.links,
    })
}

/// The index line the registry would write for that metadata (as crates.io spells it).
fn index_line(metadata: &Value) -> String {
    let deps: Vec<Value> = metadata["deps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|dep| {
            json!({
                "name": dep["explicit_name_in_toml"].as_str().unwrap_or(dep["name"].as_str().unwrap_or("")),
                "req": dep["version_req"],
                "features": dep["features"],
                "optional": dep["optional"],
                "default_features": dep["default_features"],
                "target": dep["target"],
                "kind": dep["kind"],
                "package": dep["explicit_name_in_toml"].as_str().map(|_| &dep["name"]),
            })
        })
        .collect();
    let features: BTreeMap<String, Value> = metadata["features"]
        .as_object()
        .map(|f| f.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let line = json!({
        "name": metadata["name"], "vers": metadata["vers"], "deps": deps,
        "cksum": "0".repeat(64), "features": features, "yanked": false,
        "pubtime": "2024-01-31T12:00:00Z",
    });
    format!("{line}\n")
}

/// Cargo's cache of sparse-index files: a header, then `version NUL line NUL` pairs.
fn index_cache(seeds: &mut Seeds, dir: &Path) {
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    for (_, data) in files {
        let lines: Vec<&[u8]> = data
            .split(|&b| b == 0)
            .filter(|part| part.first() == Some(&b'{'))
            .collect();
        // A whole small file, and the newest line alone.
        let whole: Vec<u8> = lines.iter().flat_map(|l| [*l, b"\n"].concat()).collect();
        seeds.write("index_line", &whole);
        if let Some(last) = lines.last() {
            seeds.write("index_line", &[*last, b"\n"].concat());
        }
    }
}

/// Frames broken in each way the frame reader tells apart.
fn frames(seeds: &mut Seeds) {
    let json = br#"{"name":"demo","vers":"0.1.0","deps":[],"features":{}}"#;
    let whole = encode_frame(json, b"\x1f\x8b\x08\0\0\0\0\0\0\x03");
    seeds.write("publish_frame", &whole);
    seeds.write("publish_frame", &whole[..whole.len() - 3]);
    seeds.write("publish_frame", &[&whole[..], b"!"].concat());
    seeds.write(
        "publish_frame",
        &[&u32::MAX.to_le_bytes()[..], json].concat(),
    );
    seeds.write("publish_frame", b"\x02\0\0\0{}\xff\xff\xff\xff");
    seeds.write("publish_frame", b"");
}

fn list(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = list(dir).into_iter().filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries = list(dir);
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, base, out);
        } else if let Ok(contents) = std::fs::read(&path) {
            let rel = path.strip_prefix(base).unwrap_or(&path);
            out.push((rel.to_string_lossy().replace('\\', "/"), contents));
        }
    }
}
