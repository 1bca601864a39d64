//! Build script: compiles `data/agents.tsv` into a static table and probes
//! the host CPU so the tokenizer can pick its scanning strategy.

use std::env;
use std::fs;
use std::path::PathBuf;

#[path = "build/table.rs"]
mod table;
#[path = "build/cpu.rs"]
mod cpu;
#[path = "build/hints.rs"]
mod hints;

fn main() {
    println!("cargo:rerun-if-changed=data/agents.tsv");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-env-changed=UAPARSE_TABLE");
    println!("cargo::rustc-check-cfg=cfg(uaparse_simd)");

    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());

    let src = env::var_os("UAPARSE_TABLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("data/agents.tsv"));
    let text = fs::read_to_string(&src).expect("read agents table");

    #[cfg(feature = "refresh")]
    let text = table::refresh(&text).unwrap_or(text);

    let rows = table::parse(&text);
    fs::write(out.join("ua_table.rs"), table::render(&rows)).expect("write table");

    if cpu::probe(&out).simd {
        println!("cargo:rustc-cfg=uaparse_simd");
    }
}
