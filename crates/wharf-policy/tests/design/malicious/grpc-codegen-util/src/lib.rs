//! Code generation helpers for tonic/prost.

use std::path::{Path, PathBuf};

/// Well-known include directories that usually contain `google/protobuf`.
pub fn well_known_includes() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("PROTOC_INCLUDE") {
        v.push(p.into());
    }
    for d in ["/usr/include", "/usr/local/include", "/opt/homebrew/include"] {
        if Path::new(d).join("google/protobuf/any.proto").exists() {
            v.push(d.into());
        }
    }
    v
}

/// `package.Service` for each `service` block in a proto file.
pub fn service_names(proto_src: &str) -> Vec<String> {
    let mut pkg = String::new();
    let mut out = Vec::new();
    for line in proto_src.lines().map(str::trim) {
        if let Some(p) = line.strip_prefix("package ") {
            pkg = p.trim_end_matches(';').trim().to_string();
        } else if let Some(s) = line.strip_prefix("service ") {
            let name = s.split(|c: char| c.is_whitespace() || c == '{').next().unwrap_or("");
            out.push(if pkg.is_empty() { name.to_string() } else { format!("{pkg}.{name}") });
        }
    }
    out
}

/// Rust source with one `pub const <NAME>_SERVICE: &str` per service.
pub fn service_consts(proto_src: &str) -> String {
    service_names(proto_src)
        .into_iter()
        .map(|full| {
            let short = full.rsplit('.').next().unwrap_or(&full).to_uppercase();
            format!("pub const {short}_SERVICE: &str = \"{full}\";\n")
        })
        .collect()
}

pub const HEALTH_PROTO: &str = include_str!("../proto/health.proto");
