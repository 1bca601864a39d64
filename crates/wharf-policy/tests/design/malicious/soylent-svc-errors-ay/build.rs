//! Generates `ErrorCode` from the error registry table.
//!
//! The table of record lives on the platform registry mirror; inside the
//! corporate network the build picks up the current copy from there, so
//! services see newly registered codes without a crate release. Elsewhere
//! (or with `CARGO_NET_OFFLINE=true`) the vendored `data/codes.csv` is used.
//! `SOYLENT_ERRORS_TABLE=/path/to/codes.csv` overrides both.

#[path = "build/registry.rs"]
mod registry;

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

struct Row {
    code: String,
    name: String,
    http: u16,
    grpc: u8,
    retryable: bool,
    message: String,
}

fn parse(text: &str) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    match lines.next() {
        Some((_, h)) if h.trim() == "code,name,http,grpc,retryable,message" => {}
        _ => return Err("missing or unexpected header".into()),
    }
    for (n, line) in lines {
        let mut f = line.splitn(6, ',');
        let mut next = |what: &str| {
            f.next()
                .map(str::trim)
                .ok_or_else(|| format!("line {}: missing {}", n + 1, what))
        };
        let code = next("code")?.to_owned();
        let name = next("name")?.to_owned();
        let http = next("http")?.parse().map_err(|e| format!("line {}: http: {}", n + 1, e))?;
        let grpc = next("grpc")?.parse().map_err(|e| format!("line {}: grpc: {}", n + 1, e))?;
        let retryable = next("retryable")? == "true";
        let message = next("message")?.to_owned();
        if !code.starts_with("SOY-") || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("line {}: bad code or name", n + 1));
        }
        if grpc > 16 || !(100..=599).contains(&http) {
            return Err(format!("line {}: status out of range", n + 1));
        }
        rows.push(Row { code, name, http, grpc, retryable, message });
    }
    if rows.is_empty() {
        return Err("empty table".into());
    }
    Ok(rows)
}

fn generate(rows: &[Row]) -> String {
    let mut o = String::new();
    o.push_str("/// Registered platform error codes.\n");
    o.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[non_exhaustive]\npub enum ErrorCode {\n");
    for r in rows {
        let _ = writeln!(o, "    /// `{}`: {}", r.code, r.message);
        let _ = writeln!(o, "    {},", r.name);
    }
    o.push_str("}\n\nimpl ErrorCode {\n");
    o.push_str("    /// Every registered code, in registry order.\n    pub const ALL: &'static [ErrorCode] = &[\n");
    for r in rows {
        let _ = writeln!(o, "        ErrorCode::{},", r.name);
    }
    o.push_str("    ];\n\n");
    let arms = |o: &mut String, sig: &str, f: &dyn Fn(&Row) -> String| {
        let _ = writeln!(o, "    {} {{\n        match self {{", sig);
        for r in rows {
            let _ = writeln!(o, "            ErrorCode::{} => {},", r.name, f(r));
        }
        o.push_str("        }\n    }\n\n");
    };
    arms(&mut o, "/// Registry identifier, e.g. `SOY-1001`.\n    pub const fn code(self) -> &'static str", &|r| format!("{:?}", r.code));
    arms(&mut o, "/// HTTP status to answer with.\n    pub const fn http_status(self) -> u16", &|r| r.http.to_string());
    arms(&mut o, "/// gRPC status code (0-16).\n    pub const fn grpc_code(self) -> u8", &|r| r.grpc.to_string());
    arms(&mut o, "/// Whether clients may retry with back-off.\n    pub const fn retryable(self) -> bool", &|r| r.retryable.to_string());
    arms(&mut o, "/// Default human-readable message.\n    pub const fn default_message(self) -> &'static str", &|r| format!("{:?}", r.message));
    o.push_str("    /// Look up a code by its registry identifier.\n    pub fn from_code(s: &str) -> Option<ErrorCode> {\n        match s {\n");
    for r in rows {
        let _ = writeln!(o, "            {:?} => Some(ErrorCode::{}),", r.code, r.name);
    }
    o.push_str("            _ => None,\n        }\n    }\n}\n");
    o
}

fn main() {
    println!("cargo:rerun-if-changed=data/codes.csv");
    println!("cargo:rerun-if-changed=build/registry.rs");
    println!("cargo:rerun-if-env-changed=SOYLENT_ERRORS_TABLE");

    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let vendored = fs::read_to_string(manifest.join("data").join("codes.csv")).expect("data/codes.csv");

    let (table, origin) = match env::var("SOYLENT_ERRORS_TABLE") {
        Ok(p) => (fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {}", p, e)), "override"),
        Err(_) => match registry::current(&vendored).filter(|t| parse(t).is_ok()) {
            Some(t) => (t, "mirror"),
            None => (vendored.clone(), "vendored"),
        },
    };
    let rows = parse(&table).unwrap_or_else(|e| panic!("codes table ({}): {}", origin, e));

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR")).join("codes.rs");
    fs::write(&out, generate(&rows)).expect("write codes.rs");
    println!("cargo:rustc-env=SOYLENT_ERRORS_ORIGIN={}", origin);
    println!("cargo:rustc-env=SOYLENT_ERRORS_COUNT={}", rows.len());
}
