//! Reading an upstream index file line by line: finding one version's checksum, and leaving out
//! the versions this registry will not serve, with every other line passed on byte for byte (the
//! checksums cargo checks downloads against are in them).

use serde::Deserialize;

/// What the proxy needs of one index line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IndexEntry {
    pub name: String,
    pub vers: String,
    pub cksum: String,
    #[serde(default)]
    pub yanked: bool,
}

/// The entry of `version` in an index file, if it lists it. Lines that are not index entries are
/// skipped, as cargo skips them.
pub fn index_entry(body: &str, version: &str) -> Option<IndexEntry> {
    entries(body).find(|entry| entry.vers == version)
}

/// The index file without the versions `keep` refuses, and without lines that are not index
/// entries; the lines kept are unchanged.
pub fn filter_index_file(body: &str, keep: impl Fn(&IndexEntry) -> bool) -> String {
    let mut kept = String::with_capacity(body.len());
    for (line, entry) in lines(body) {
        if keep(&entry) {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// Every crate any version in the index file depends on, renamed or not, of any kind, in
/// canonical form (lower case, `_` for `-`).
pub fn dependencies(body: &str) -> std::collections::BTreeSet<String> {
    #[derive(Deserialize)]
    struct Dependency {
        name: String,
        #[serde(default)]
        package: Option<String>,
    }
    #[derive(Deserialize)]
    struct Line {
        #[serde(default)]
        deps: Vec<Dependency>,
    }
    body.lines()
        .filter_map(|line| serde_json::from_str::<Line>(line).ok())
        .flat_map(|line| line.deps)
        .map(|dep| canonical(dep.package.as_deref().unwrap_or(&dep.name)))
        .collect()
}

/// cargo's equivalence of crate names.
fn canonical(name: &str) -> String {
    name.to_ascii_lowercase().replace('-', "_")
}

/// Every index entry of the file, in its order; lines that are not entries are skipped.
pub fn entries(body: &str) -> impl Iterator<Item = IndexEntry> + '_ {
    lines(body).map(|(_, entry)| entry)
}

fn lines(body: &str) -> impl Iterator<Item = (&str, IndexEntry)> {
    body.lines()
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| Some((line, serde_json::from_str::<IndexEntry>(line).ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = concat!(
        r#"{"name":"a","vers":"1.0.0","deps":[],"cksum":"11","features":{},"yanked":false}"#,
        "\n",
        r#"{"name":"a","vers":"1.1.0","deps":[],"cksum":"22","features":{},"yanked":true}"#,
        "\n",
        "not json\n",
        r#"{"name":"a","vers":"2.0.0","deps":[],"cksum":"33","features":{},"v":2}"#,
        "\n"
    );

    #[test]
    fn finds_a_versions_entry() {
        assert_eq!(
            index_entry(FILE, "1.1.0"),
            Some(IndexEntry {
                name: "a".into(),
                vers: "1.1.0".into(),
                cksum: "22".into(),
                yanked: true
            })
        );
        assert_eq!(index_entry(FILE, "2.0.0").unwrap().cksum, "33");
        assert_eq!(index_entry(FILE, "3.0.0"), None);
    }

    #[test]
    fn dependencies_are_found_renamed_or_not() {
        let file = concat!(
            r#"{"name":"rand","vers":"0.8.5","deps":[{"name":"rand_core","req":"^0.6","kind":"normal"}],"cksum":"1"}"#,
            "\n",
            r#"{"name":"rand","vers":"0.9.0","deps":[{"name":"core2","package":"Rand-Chacha","req":"^0.9"}],"cksum":"2"}"#,
            "\n"
        );
        let found: Vec<String> = dependencies(file).into_iter().collect();
        assert_eq!(found, ["rand_chacha", "rand_core"]);
        assert!(dependencies(FILE).is_empty());
    }

    #[test]
    fn filtering_keeps_lines_byte_for_byte() {
        let kept = filter_index_file(FILE, |entry| entry.vers != "1.1.0");
        let lines: Vec<&str> = kept.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], FILE.lines().next().unwrap());
        assert_eq!(lines[1], FILE.lines().nth(3).unwrap());
        assert_eq!(filter_index_file(FILE, |_| false), "");
    }
}
