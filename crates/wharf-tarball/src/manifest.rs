//! A serde model of the normalised `Cargo.toml` that `cargo package` writes
//! into a `.crate` file.
//!
//! The model is permissive about *which* keys appear (unknown keys are
//! ignored, so manifests from newer cargos still parse) and strict about the
//! *types* of the keys it knows (a `name = 1` is an error, not a `None`).
//! Dependency and target tables are kept as raw [`toml::Value`]s: their shape
//! is rich and version-dependent, and interpreting them is the index
//! builder's job, not this crate's.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use crate::TarballError;

/// The parsed `Cargo.toml` of a package.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Manifest {
    /// `cargo-features = [...]`, for nightly-only manifest features.
    #[serde(default)]
    pub cargo_features: Vec<String>,
    /// `[package]` (very old cargos wrote `[project]`).
    #[serde(alias = "project")]
    pub package: Package,
    #[serde(default)]
    pub lib: Option<Target>,
    #[serde(default)]
    pub bin: Vec<Target>,
    #[serde(default)]
    pub example: Vec<Target>,
    #[serde(default)]
    pub test: Vec<Target>,
    #[serde(default)]
    pub bench: Vec<Target>,
    #[serde(default)]
    pub features: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
    #[serde(default, alias = "dev_dependencies")]
    pub dev_dependencies: BTreeMap<String, toml::Value>,
    #[serde(default, alias = "build_dependencies")]
    pub build_dependencies: BTreeMap<String, toml::Value>,
    /// `[target.'cfg(...)'.dependencies]` and friends, keyed by the cfg/triple.
    #[serde(default)]
    pub target: BTreeMap<String, toml::Value>,
    #[serde(default)]
    pub patch: Option<toml::Value>,
    #[serde(default)]
    pub workspace: Option<toml::Value>,
    #[serde(default)]
    pub lints: Option<toml::Value>,
    #[serde(default)]
    pub badges: Option<toml::Value>,
}

impl Manifest {
    /// Whether the library is a procedural macro (`proc-macro = true`, or the old
    /// `crate-type = ["proc-macro"]`): its code runs in the compiler of every crate using it.
    pub fn is_proc_macro(&self) -> bool {
        self.lib.as_ref().is_some_and(|lib| {
            lib.proc_macro == Some(true)
                || lib
                    .crate_type
                    .as_ref()
                    .is_some_and(|types| types.iter().any(|t| t == "proc-macro"))
        })
    }
}

/// The `[package]` table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Package {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub license: Option<String>,
    #[serde(default)]
    pub license_file: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub repository: Option<String>,
    #[serde(default)]
    pub readme: Option<ReadmeSetting>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub links: Option<String>,
    #[serde(default)]
    pub rust_version: Option<String>,
    #[serde(default)]
    pub edition: Option<String>,
    /// A build script path, or `false` to disable build-script inference.
    #[serde(default)]
    pub build: Option<toml::Value>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// `true`/`false` or a list of registry names.
    #[serde(default)]
    pub publish: Option<toml::Value>,
    #[serde(default)]
    pub default_run: Option<String>,
    #[serde(default)]
    pub metadata: Option<toml::Value>,
}

/// `package.readme`: a path, or `true`/`false` to turn the default
/// `README.md`/`README.txt`/`README` lookup on or off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadmeSetting {
    Path(String),
    Enabled(bool),
}

impl<'de> Deserialize<'de> for ReadmeSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ReadmeVisitor;
        impl Visitor<'_> for ReadmeVisitor {
            type Value = ReadmeSetting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path to the readme file, or a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(ReadmeSetting::Enabled(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ReadmeSetting::Path(v.to_owned()))
            }
        }
        deserializer.deserialize_any(ReadmeVisitor)
    }
}

/// A `[lib]`, `[[bin]]`, `[[example]]`, `[[test]]` or `[[bench]]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Target {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default, alias = "proc_macro")]
    pub proc_macro: Option<bool>,
    #[serde(default, alias = "crate_type")]
    pub crate_type: Option<Vec<String>>,
    #[serde(default, alias = "required_features")]
    pub required_features: Vec<String>,
    #[serde(default)]
    pub edition: Option<String>,
    #[serde(default)]
    pub test: Option<bool>,
    #[serde(default)]
    pub doctest: Option<bool>,
    #[serde(default)]
    pub bench: Option<bool>,
    #[serde(default)]
    pub doc: Option<bool>,
    #[serde(default)]
    pub harness: Option<bool>,
}

/// Parses the manifest text.
pub(crate) fn parse(raw: &str) -> Result<Manifest, TarballError> {
    let table: toml::Table = toml::from_str(raw).map_err(|e| TarballError::ManifestSyntax {
        message: describe(raw, &e),
    })?;
    // Before typed deserialisation, so that a left-over `{ workspace = true }`
    // gets an error that says what happened instead of "invalid type: map".
    check_no_inheritance(&table)?;
    toml::from_str(raw).map_err(|e| TarballError::ManifestInvalid {
        message: describe(raw, &e),
    })
}

/// Tables whose entries are dependencies.
const DEPENDENCY_TABLES: [&str; 5] = [
    "dependencies",
    "dev-dependencies",
    "dev_dependencies",
    "build-dependencies",
    "build_dependencies",
];

/// `cargo package` replaces every `x.workspace = true` with the workspace's
/// value; finding one means the file was not made by cargo (or by a cargo
/// too old to know inheritance, which then would not have packaged it).
fn check_no_inheritance(manifest: &toml::Table) -> Result<(), TarballError> {
    let found = |field: String| Err(TarballError::UnnormalizedWorkspaceInheritance(field));

    if let Some(package) = ["package", "project"]
        .iter()
        .find_map(|key| manifest.get(*key).and_then(toml::Value::as_table))
    {
        for (key, value) in package {
            // `metadata` belongs to third-party tools, which may use any keys.
            if key != "metadata" && inherits(value) {
                return found(format!("package.{key}"));
            }
        }
    }
    if manifest.get("lints").is_some_and(inherits) {
        return found("lints".to_owned());
    }
    if let Some(field) = inheriting_dependency(manifest, "") {
        return found(field);
    }
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        for (cfg, table) in targets {
            if let Some(table) = table.as_table() {
                if let Some(field) = inheriting_dependency(table, &format!("target.{cfg}.")) {
                    return found(field);
                }
            }
        }
    }
    Ok(())
}

fn inheriting_dependency(table: &toml::Table, context: &str) -> Option<String> {
    DEPENDENCY_TABLES.iter().find_map(|kind| {
        table
            .get(*kind)
            .and_then(toml::Value::as_table)?
            .iter()
            .find(|(_, dep)| inherits(dep))
            .map(|(name, _)| format!("{context}{kind}.{name}"))
    })
}

/// Whether a value is an inheritance marker, `{ workspace = true, ... }`.
fn inherits(value: &toml::Value) -> bool {
    value
        .as_table()
        .and_then(|t| t.get("workspace"))
        .and_then(toml::Value::as_bool)
        == Some(true)
}

/// A one-line description of a TOML error, with its position.
fn describe(raw: &str, err: &toml::de::Error) -> String {
    match err.span() {
        Some(span) => {
            let before = raw.get(..span.start).unwrap_or(raw);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("{} (line {line}, column {column})", err.message())
        }
        None => err.message().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_normalised_manifest() {
        let m = parse(
            r#"
            [package]
            edition = "2021"
            name = "demo"
            version = "0.1.0"
            authors = ["A <a@example.com>"]
            build = false
            readme = false
            rust-version = "1.70"
            license-file = "LICENSE"
            unknown-key = { anything = 1 }

            [lib]
            name = "demo"
            path = "src/lib.rs"
            proc-macro = true

            [[bin]]
            name = "demo"
            path = "src/main.rs"
            required-features = ["cli"]

            [features]
            cli = ["dep:clap"]
            default = []

            [dependencies.clap]
            version = "4"
            optional = true

            [target.'cfg(unix)'.dependencies]
            libc = "0.2"
            "#,
        )
        .unwrap();
        assert_eq!(m.package.name, "demo");
        assert_eq!(m.package.readme, Some(ReadmeSetting::Enabled(false)));
        assert_eq!(m.package.build, Some(toml::Value::Boolean(false)));
        assert_eq!(m.package.rust_version.as_deref(), Some("1.70"));
        assert_eq!(m.package.license_file.as_deref(), Some("LICENSE"));
        assert_eq!(m.lib.unwrap().proc_macro, Some(true));
        assert_eq!(m.bin[0].required_features, ["cli"]);
        assert_eq!(m.features["cli"], ["dep:clap"]);
        assert!(m.dependencies["clap"].is_table());
        assert!(m.target.contains_key("cfg(unix)"));
    }

    #[test]
    fn type_errors_are_errors() {
        let err = parse("[package]\nname = 1\nversion = \"1.0.0\"\n").unwrap_err();
        match err {
            TarballError::ManifestInvalid { message } => {
                assert!(message.contains("line 2"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        let err = parse("[package]\nname = \"a\"\nversion = \"1.0.0\"\nreadme = 3\n").unwrap_err();
        assert!(matches!(err, TarballError::ManifestInvalid { .. }), "{err}");
    }

    #[test]
    fn finds_inheritance_everywhere() {
        for (text, field) in [
            (
                "[package]\nname='a'\nversion='1.0.0'\nedition.workspace = true\n",
                "package.edition",
            ),
            (
                "[package]\nname='a'\nversion='1.0.0'\n[dependencies]\nserde = { workspace = true }\n",
                "dependencies.serde",
            ),
            (
                "[package]\nname='a'\nversion='1.0.0'\n[target.'cfg(unix)'.dev-dependencies]\nlibc.workspace = true\n",
                "target.cfg(unix).dev-dependencies.libc",
            ),
            (
                "[package]\nname='a'\nversion='1.0.0'\n[lints]\nworkspace = true\n",
                "lints",
            ),
        ] {
            assert_eq!(
                parse(text).unwrap_err(),
                TarballError::UnnormalizedWorkspaceInheritance(field.to_owned())
            );
        }
        // Tools' metadata may say anything.
        parse("[package]\nname='a'\nversion='1.0.0'\n[package.metadata.x]\nworkspace = true\n")
            .unwrap();
    }
}
