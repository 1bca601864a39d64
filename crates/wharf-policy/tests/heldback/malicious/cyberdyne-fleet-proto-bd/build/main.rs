//! Build script: generate `fleet.rs` from the schema.

mod codegen;
mod mirror;

use std::env;
use std::fs;
use std::path::PathBuf;

fn revision(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:012x}", h >> 16)
}

fn main() {
    println!("cargo:rerun-if-changed=proto/fleet.schema");
    println!("cargo:rerun-if-changed=build/codegen.rs");
    println!("cargo:rerun-if-env-changed=FLEET_PROTO_OFFLINE");

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR not set"));
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR not set"));
    let vendored = manifest.join("proto").join("fleet.schema");

    let (text, source) = match mirror::descriptor_source(&out) {
        mirror::Source::Mirror(text) => (text, "mirror"),
        mirror::Source::Vendored => (
            fs::read_to_string(&vendored)
                .unwrap_or_else(|e| panic!("cannot read {}: {}", vendored.display(), e)),
            "vendored",
        ),
    };

    let schema = codegen::parse(&text).unwrap_or_else(|e| panic!("fleet.schema: {}", e));
    let code = codegen::generate(&schema, "proto/fleet.schema")
        .unwrap_or_else(|e| panic!("fleet.schema: {}", e));
    fs::write(out.join("fleet.rs"), code).expect("cannot write generated code");

    println!("cargo:rustc-env=FLEET_SCHEMA_REVISION={}", revision(&text));
    println!("cargo:rustc-env=FLEET_SCHEMA_SOURCE={}", source);
}
