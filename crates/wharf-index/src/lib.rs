//! The records of a Cargo sparse index, and the publish request they are made from.
//!
//! A sparse index is a tree of small files, one per crate, each holding one JSON object per line, one
//! line per published version, oldest first. This crate knows the shape of those lines, where a crate's
//! file lives in the tree, and how to write a file. It is pure: it never touches a disk, a database or
//! the network, so the registry can regenerate any index file from its database with it.
//!
//! The format is cargo's (see "Index Format" in the Cargo book); field order and omission rules follow
//! what crates.io writes, so that tools which compare index files byte for byte see nothing unusual.
//!
//! The [`publish`] module reads what `cargo publish` sends, whose dependencies and features become an
//! index line's.

pub mod publish;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A feature table: feature name to the features and dependencies it enables.
pub type FeatureMap = BTreeMap<String, Vec<String>>;

/// One line of an index file: one published version of a crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexLine {
    pub name: String,
    pub vers: String,
    pub deps: Vec<IndexDependency>,
    /// SHA-256 of the `.crate` file, lower-case hex.
    pub cksum: String,
    /// Features that older cargo versions can read.
    pub features: BTreeMap<String, Vec<String>>,
    /// Features using `dep:` or `name?/feature` syntax, which cargo before 1.60 cannot parse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features2: Option<BTreeMap<String, Vec<String>>>,
    pub yanked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_version: Option<String>,
    /// Index format version: 2 when `features2` is present, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v: Option<u32>,
    /// Publication time, RFC 3339 in UTC (`2024-01-31T12:00:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pubtime: Option<String>,
}

/// A dependency as cargo's resolver reads it from the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexDependency {
    /// The name the depending crate uses (the key in its `[dependencies]`).
    pub name: String,
    pub req: String,
    pub features: Vec<String>,
    pub optional: bool,
    pub default_features: bool,
    pub target: Option<String>,
    pub kind: DependencyKind,
    /// The index URL of another registry; absent when the dependency lives in this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// The real crate name when the dependency is renamed (`foo = { package = "bar" }`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DependencyKind {
    Normal,
    Build,
    Dev,
}

impl DependencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DependencyKind::Normal => "normal",
            DependencyKind::Build => "build",
            DependencyKind::Dev => "dev",
        }
    }

    pub fn parse(kind: &str) -> Option<Self> {
        match kind {
            "normal" => Some(DependencyKind::Normal),
            "build" => Some(DependencyKind::Build),
            "dev" => Some(DependencyKind::Dev),
            _ => None,
        }
    }
}

/// Splits a crate's feature table into the part every cargo understands and the part that needs
/// cargo 1.60 or later (`dep:` and weak `?/` syntax), as crates.io does, so old clients still resolve
/// the crate instead of failing to parse the whole file.
pub fn split_features(features: FeatureMap) -> (FeatureMap, Option<FeatureMap>) {
    let (new_syntax, old_syntax): (BTreeMap<_, _>, BTreeMap<_, _>) =
        features.into_iter().partition(|(_, values)| {
            values
                .iter()
                .any(|value| value.starts_with("dep:") || value.contains("?/"))
        });
    let features2 = (!new_syntax.is_empty()).then_some(new_syntax);
    (old_syntax, features2)
}

/// The path of a crate's file inside the index, relative to the index root: `1/a`, `2/ab`, `3/a/abc`
/// or `ab/cd/abcd`, always lower case, because cargo asks for the lower-cased name.
///
/// Cargo counts bytes; crate names are ASCII, where that is counting characters, which is what this
/// does so that a name that is not (never a valid crate name, but this function takes any string)
/// is not cut inside a character.
pub fn index_path(name: &str) -> String {
    let name = name.to_ascii_lowercase();
    // The first `n` characters.
    let head = |n: usize| {
        let end = name.char_indices().nth(n).map_or(name.len(), |(at, _)| at);
        &name[..end]
    };
    match name.chars().count() {
        0 => String::new(),
        1 => format!("1/{name}"),
        2 => format!("2/{name}"),
        3 => format!("3/{}/{name}", head(1)),
        _ => format!("{}/{}/{name}", head(2), &head(4)[head(2).len()..]),
    }
}

/// Recovers the crate name a request path addresses, or `None` when the path is not shaped like an
/// index file of that name (so `ab/xx/abcd` is not served as `abcd`).
///
/// The inverse of [`index_path`] for names in lower case, without building the path to compare:
/// every index `GET` asks this, and allocating made it a tenth of the request's own work.
pub fn name_from_index_path(path: &str) -> Option<&str> {
    let (directories, name) = path.rsplit_once('/')?;
    let lower_case_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !lower_case_name {
        return None;
    }
    // The name is ASCII from here on, so slicing it by bytes is slicing it by characters.
    let placed = match name.len() {
        1 => directories == "1",
        2 => directories == "2",
        3 => directories.strip_prefix("3/") == Some(&name[..1]),
        _ => directories.split_once('/') == Some((&name[..2], &name[2..4])),
    };
    placed.then_some(name)
}

/// Serialises the lines of one crate's index file: one compact JSON object per line, each ended by a
/// newline, in the order given (cargo expects publication order).
pub fn write_index_file(lines: &[IndexLine]) -> String {
    let mut out = String::new();
    for line in lines {
        // Serialising these plain structs cannot fail: every key is a string and every value is
        // representable in JSON.
        out.push_str(&serde_json::to_string(line).expect("index line serialises"));
        out.push('\n');
    }
    out
}

/// Reads an index file as cargo does: one JSON object per line, blank lines skipped. The inverse of
/// [`write_index_file`]: `parse_index_file(&write_index_file(lines))` gives back `lines`.
pub fn parse_index_file(text: &str) -> Result<Vec<IndexLine>, serde_json::Error> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(serde_json::from_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn paths_follow_cargo_layout() {
        assert_eq!(index_path("a"), "1/a");
        assert_eq!(index_path("ab"), "2/ab");
        assert_eq!(index_path("abc"), "3/a/abc");
        assert_eq!(index_path("Serde"), "se/rd/serde");
        assert_eq!(index_path("cargo-Foo_bar"), "ca/rg/cargo-foo_bar");
    }

    /// Found by the `index_line` fuzz target: a name with a multi-byte character among its first
    /// four bytes panicked (the path was cut by bytes, inside the character).
    #[test]
    fn names_that_are_not_ascii_do_not_panic() {
        assert_eq!(
            index_path("0\u{3c4}\u{1}\0\0\0\u{1}d"),
            "0\u{3c4}/\u{1}\0/0\u{3c4}\u{1}\0\0\0\u{1}d"
        );
        assert_eq!(index_path("\u{e9}"), "1/\u{e9}");
        assert_eq!(index_path("a\u{e9}b"), "3/a/a\u{e9}b");
        assert_eq!(
            index_path("\u{1F980}\u{e9}abc"),
            "\u{1F980}\u{e9}/ab/\u{1F980}\u{e9}abc"
        );
        assert_eq!(
            name_from_index_path("\u{e9}\u{e9}/\u{e9}\u{e9}/\u{e9}\u{e9}\u{e9}\u{e9}"),
            None
        );
    }

    #[test]
    fn request_paths_map_back_to_names() {
        assert_eq!(name_from_index_path("se/rd/serde"), Some("serde"));
        assert_eq!(name_from_index_path("3/a/abc"), Some("abc"));
        assert_eq!(name_from_index_path("1/a"), Some("a"));
        assert_eq!(name_from_index_path("se/xx/serde"), None);
        assert_eq!(name_from_index_path("Se/rd/serde"), None);
        assert_eq!(name_from_index_path("../etc/passwd"), None);
        assert_eq!(name_from_index_path("2/a"), None);
        assert_eq!(name_from_index_path(""), None);
        assert_eq!(name_from_index_path("abc"), None);
        assert_eq!(name_from_index_path("3/a/"), None);
        assert_eq!(name_from_index_path("se/rd/Serde"), None);
        assert_eq!(name_from_index_path("se/rd/x/serde"), None);
        assert_eq!(name_from_index_path("/se/rd/serde"), None);
        assert_eq!(name_from_index_path("ab/cd/ab.d"), None);
    }

    /// Every lower-case name's path leads back to it, and no other name's path does.
    #[test]
    fn index_paths_and_names_round_trip() {
        let alphabet = ["a", "z", "0", "9", "-", "_"];
        let mut names = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = names
                .iter()
                .flat_map(|name| alphabet.iter().map(move |c| format!("{name}{c}")))
                .collect();
            names.extend(longer);
        }
        names.dedup();
        for name in names.iter().filter(|name| !name.is_empty()) {
            let path = index_path(name);
            assert_eq!(name_from_index_path(&path), Some(name.as_str()), "{path}");
            let shouted = path.to_ascii_uppercase();
            if shouted != path {
                assert_eq!(name_from_index_path(&shouted), None, "{shouted}");
            }
            // A file of this name put under another name's directories is not found by it.
            let other = format!("{}x", &name[..name.len() - 1]);
            let misplaced = format!("{}/{other}", path.rsplit_once('/').unwrap().0);
            if index_path(&other) != misplaced {
                assert_eq!(name_from_index_path(&misplaced), None, "{misplaced}");
            }
        }
    }

    #[test]
    fn new_feature_syntax_goes_to_features2() {
        let (plain, v2) = split_features(features(&[
            ("default", &["std"]),
            ("std", &[]),
            ("serde", &["dep:serde"]),
            ("weak", &["serde?/std"]),
        ]));
        assert_eq!(plain, features(&[("default", &["std"]), ("std", &[])]));
        assert_eq!(
            v2,
            Some(features(&[
                ("serde", &["dep:serde"]),
                ("weak", &["serde?/std"])
            ]))
        );
        assert_eq!(split_features(features(&[("std", &[])])).1, None);
    }

    #[test]
    fn lines_serialise_like_crates_io() {
        let line = IndexLine {
            name: "foo".into(),
            vers: "1.0.0".into(),
            deps: vec![IndexDependency {
                name: "bar".into(),
                req: "^1".into(),
                features: vec![],
                optional: false,
                default_features: true,
                target: None,
                kind: DependencyKind::Normal,
                registry: None,
                package: None,
            }],
            cksum: "00".into(),
            features: BTreeMap::new(),
            features2: None,
            yanked: false,
            links: None,
            rust_version: Some("1.70".into()),
            v: None,
            pubtime: Some("2024-01-01T00:00:00Z".into()),
        };
        let file = write_index_file(&[line.clone(), line]);
        let first = file.lines().next().unwrap();
        assert_eq!(
            first,
            r#"{"name":"foo","vers":"1.0.0","deps":[{"name":"bar","req":"^1","features":[],"optional":false,"default_features":true,"target":null,"kind":"normal"}],"cksum":"00","features":{},"yanked":false,"rust_version":"1.70","pubtime":"2024-01-01T00:00:00Z"}"#
        );
        assert_eq!(file.lines().count(), 2);
        assert!(file.ends_with('\n'));
        let parsed: IndexLine = serde_json::from_str(first).unwrap();
        assert_eq!(parsed.deps[0].kind, DependencyKind::Normal);
        assert_eq!(parse_index_file(&file).unwrap(), [parsed.clone(), parsed]);
    }

    #[test]
    fn strings_that_look_like_json_stay_in_their_line() {
        // Publishers choose feature names and targets: a newline or a quote in one must not split
        // or end a line.
        let line = IndexLine {
            name: "foo".into(),
            vers: "1.0.0".into(),
            deps: vec![],
            cksum: "00".into(),
            features: features(&[("a\n{\"name\":\"evil\"}\u{2028}", &["\"\\"])]),
            features2: Some(BTreeMap::new()),
            yanked: true,
            links: Some("\0".into()),
            rust_version: None,
            v: Some(2),
            pubtime: None,
        };
        let file = write_index_file(std::slice::from_ref(&line));
        assert_eq!(file.lines().count(), 1);
        assert_eq!(parse_index_file(&file).unwrap(), [line]);
        assert_eq!(parse_index_file("\n  \n").unwrap(), []);
        assert!(parse_index_file("{}\n").is_err());
    }
}
