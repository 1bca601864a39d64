//! Build helpers for Node-API addons.

use std::process::Command;

pub struct NodeInfo {
    pub version: String,
    pub napi: u32,
    pub include_dir: Option<String>,
}

pub fn node_info() -> Option<NodeInfo> {
    let o = Command::new(node())
        .args(["-p", "[process.versions.node, process.versions.napi, require('path').join(process.execPath, '..', '..', 'include', 'node')].join('\\n')"])
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&o.stdout);
    let mut l = s.lines();
    Some(NodeInfo {
        version: l.next()?.to_string(),
        napi: l.next()?.parse().ok()?,
        include_dir: l.next().map(str::to_string),
    })
}

/// Call from your addon's build.rs.
pub fn setup() {
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.contains("apple") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-undefined,dynamic_lookup");
    }
    if target.contains("windows") {
        println!("cargo:rustc-link-lib=dylib=node");
    }
    if let Some(info) = node_info() {
        println!("cargo:rustc-env=NAPI_NODE_VERSION={}", info.version);
        println!("cargo:rustc-cfg=napi{}", info.napi.min(9));
    }
    println!("cargo:rerun-if-env-changed=NODE");
}

pub(crate) fn node() -> String {
    std::env::var("NODE").unwrap_or_else(|_| if cfg!(windows) { "node.exe".into() } else { "node".into() })
}
