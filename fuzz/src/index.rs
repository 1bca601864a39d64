//! `index_line`: index files, read and written.
//!
//! The input is read twice: as the text of an index file (what cargo and mirrors parse), which,
//! written back, must read the same; and as the raw material of an [`IndexLine`] built field by
//! field with `arbitrary`, standing for a line made from a publisher's choices (names, feature
//! names, targets may hold any character), which must survive being written and read unchanged.

use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Result, Unstructured};
use wharf_index::{
    index_path, name_from_index_path, parse_index_file, split_features, write_index_file,
    DependencyKind, FeatureMap, IndexDependency, IndexLine,
};

pub fn run(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(lines) = parse_index_file(text) {
            round_trip(&lines);
        }
        paths(text);
    }
    let mut input = Unstructured::new(data);
    if let Ok(lines) = arbitrary_lines(&mut input) {
        round_trip(&lines);
        for line in lines {
            check_split(line.features);
        }
    }
}

/// Written, the lines read back as they were, one line each, and write the same again.
fn round_trip(lines: &[IndexLine]) {
    let written = write_index_file(lines);
    assert_eq!(written.lines().count(), lines.len(), "{written:?}");
    assert!(written.is_empty() || written.ends_with('\n'));
    let read = parse_index_file(&written).expect("a written index file reads");
    assert_eq!(read, lines);
    assert_eq!(write_index_file(&read), written);
}

/// An index path is made only of the name, and leads back to it.
fn paths(name: &str) {
    let path = index_path(name);
    assert!(path.ends_with(&name.to_ascii_lowercase()));
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if valid {
        assert_eq!(name_from_index_path(&path), Some(name));
    }
    if let Some(found) = name_from_index_path(name) {
        assert_eq!(index_path(found), name);
    }
}

/// The split loses nothing, and puts only features that need the new syntax in `features2`.
fn check_split(features: FeatureMap) {
    let new_syntax = |values: &[String]| {
        values
            .iter()
            .any(|value| value.starts_with("dep:") || value.contains("?/"))
    };
    let (plain, features2) = split_features(features.clone());
    assert!(plain.values().all(|values| !new_syntax(values)));
    let features2 = features2.unwrap_or_default();
    assert!(features2.values().all(|values| new_syntax(values)));
    let mut joined = plain;
    for (name, values) in features2 {
        assert!(
            joined.insert(name, values).is_none(),
            "a feature on both sides"
        );
    }
    assert_eq!(joined, features);
}

fn arbitrary_lines(u: &mut Unstructured) -> Result<Vec<IndexLine>> {
    let count = u.int_in_range(0..=4)?;
    (0..count).map(|_| arbitrary_line(u)).collect()
}

fn arbitrary_line(u: &mut Unstructured) -> Result<IndexLine> {
    let deps = (0..u.int_in_range(0..=3)?)
        .map(|_| arbitrary_dependency(u))
        .collect::<Result<_>>()?;
    Ok(IndexLine {
        name: String::arbitrary(u)?,
        vers: String::arbitrary(u)?,
        deps,
        cksum: String::arbitrary(u)?,
        features: BTreeMap::arbitrary(u)?,
        features2: Option::arbitrary(u)?,
        yanked: bool::arbitrary(u)?,
        links: Option::arbitrary(u)?,
        rust_version: Option::arbitrary(u)?,
        v: Option::arbitrary(u)?,
        pubtime: Option::arbitrary(u)?,
    })
}

fn arbitrary_dependency(u: &mut Unstructured) -> Result<IndexDependency> {
    Ok(IndexDependency {
        name: String::arbitrary(u)?,
        req: String::arbitrary(u)?,
        features: Vec::arbitrary(u)?,
        optional: bool::arbitrary(u)?,
        default_features: bool::arbitrary(u)?,
        target: Option::arbitrary(u)?,
        kind: *u.choose(&[
            DependencyKind::Normal,
            DependencyKind::Build,
            DependencyKind::Dev,
        ])?,
        registry: Option::arbitrary(u)?,
        package: Option::arbitrary(u)?,
    })
}
