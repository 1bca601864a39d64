//! SHA-256 of the official protoc 25.3 release archives. A download whose hash
//! differs is rejected; there is no way to override these at build time.

pub const PROTOC_VERSION: &str = "25.3";

pub const ARCHIVES: &[(&str, &str, &str)] = &[
    ("x86_64-unknown-linux-gnu", "protoc-25.3-linux-x86_64.zip", "6104521a7637c90e00bd7a160e692856f9f2bddee8bc999b83fef378d9f1e297"),
    ("aarch64-unknown-linux-gnu", "protoc-25.3-linux-aarch_64.zip", "c7833b793c00617f1a206b3b8e21c12d3f17e644805e50a27c4889f6a0f6de3e"),
    ("x86_64-apple-darwin", "protoc-25.3-osx-x86_64.zip", "6c67436464775a5b947a44fc8c81d9872ea37cc3e13e88cab793ecdf47bab8a9"),
    ("aarch64-apple-darwin", "protoc-25.3-osx-aarch_64.zip", "ed720f4914ac4c2cf967aa53d5eacb1c4f448bbedaad363d550d0eebeed8c290"),
    ("x86_64-pc-windows-msvc", "protoc-25.3-win64.zip", "81f98d605542bf9f79b97b8e0960e9ae80021f5fa54165a5882f036dfa81b25a"),
];
