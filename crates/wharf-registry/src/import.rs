//! Importing `.crate` files an operator already has (a backup, a cargo cache, another registry's
//! storage) as versions of this registry, for an owner the operator names.
//!
//! An imported file goes through the publish path ([`Registry::publish_from`]) with everything
//! cargo would have sent taken from the file's own `Cargo.toml`, so it is checked exactly as an
//! upload is (name rules, the archive, the content scanner, ownership) and stored byte for byte,
//! without the rate limits meant for people publishing by hand. A version already stored from the
//! same file is skipped, which makes an import safe to run again after it stopped half way.
//! Unlike an upload, an import does not require a file's dependencies to be here already: files
//! come in any order, and a cargo cache or a mirror seldom holds every dev-dependency or unused
//! optional dependency of what it holds.

use crate::publish::Origin;
use crate::{Principal, Published, Registry, RegistryError, RegistryResult};
use bytes::Bytes;
use sha2::{Digest, Sha256};
use wharf_index::publish::{PublishDependency, PublishMetadata};
use wharf_tarball::Manifest;

/// What importing one `.crate` file did.
#[derive(Debug, Clone)]
pub enum ImportOutcome {
    /// Published now, as an upload would have been (held for review if the policy said so).
    Imported(Published),
    /// This very file was already stored as that version: nothing to do.
    AlreadyThere,
}

/// What the registry a file comes from says of its version (`wharf import --index` and
/// `--db-dump`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFacts {
    /// Yanked there.
    pub yanked: bool,
    /// When it was published there, in milliseconds since the epoch.
    pub published_at: Option<i64>,
    /// The SHA-256 (hex) of the file published there: a different file is refused.
    pub checksum: Option<String>,
}

/// One imported file: the name and version its manifest declares, and what happened.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    pub name: String,
    pub version: String,
    pub outcome: ImportOutcome,
    /// Yanked here by this import, as it was where it came from.
    pub yanked: bool,
}

impl Registry {
    /// Imports one `.crate` file as a version owned by `owner` (a new crate's first owner; an
    /// existing crate must already be theirs). Refused, with the reason and nothing stored, when
    /// an upload of the same file would be, or when a different file is stored as that version.
    ///
    /// Dependencies on this registry's own index, and on any of `local_indexes` (the registry
    /// the files were packaged for, when moving to this one), become dependencies on this
    /// registry. What the source says of the version (`source`) is kept: a version yanked there
    /// is yanked here too (unless the policy held it: a held version is not listed, so there is
    /// nothing to yank), it is dated as published there, and a file other than the one published
    /// there is refused.
    pub async fn import(
        &self,
        owner: &Principal,
        tarball: Bytes,
        local_indexes: &[String],
        source: &SourceFacts,
    ) -> RegistryResult<ImportedFile> {
        let yanked = source.yanked;
        if owner.user.is_barred(self.now()) {
            return Err(RegistryError::Forbidden(format!(
                "`{}` is suspended or terminated: nothing is imported for them",
                owner.user.login
            )));
        }
        if tarball.len() as u64 > self.config.max_upload_size {
            return Err(RegistryError::TooLarge(format!(
                "the .crate file is {} bytes, over this registry's limit of {} for an upload",
                tarball.len(),
                self.config.max_upload_size
            )));
        }
        let limits = self.config.tarball_limits;
        let file = tarball.clone();
        let manifest =
            tokio::task::spawn_blocking(move || wharf_tarball::read_manifest(&file, &limits))
                .await
                .map_err(|_| RegistryError::Invalid("the .crate file could not be read".into()))?
                .map_err(|e| RegistryError::Invalid(e.to_string()))?;
        let mut local = vec![self.own_index_url()];
        local.extend_from_slice(local_indexes);
        let metadata = publish_metadata(&manifest, &local).map_err(RegistryError::Invalid)?;
        let (name, version) = (metadata.name.clone(), metadata.vers.clone());
        let checksum = hex::encode(Sha256::digest(&tarball));
        if let Some(expected) = &source.checksum {
            if !expected.eq_ignore_ascii_case(&checksum) {
                return Err(RegistryError::Invalid(format!(
                    "{name} {version}: this file (sha256 {checksum}) is not the one published \
                     where it comes from (sha256 {expected})"
                )));
            }
        }
        // Only a version of this very name can be this file; a crate whose name differs only in
        // case or `-`/`_` is left to the publish checks, which say the name is taken.
        let stored = self.db.version_checksum(&name, &version).await?;
        if let Some((_, stored)) = stored.filter(|(stored_name, _)| *stored_name == name) {
            if stored != checksum {
                return Err(RegistryError::Conflict(format!(
                    "{name} {version} is already stored from a different .crate file"
                )));
            }
            let yanked = yanked && self.yank_imported(owner, &name, &version).await?;
            self.date_imported(owner, &name, &version, source).await?;
            return Ok(ImportedFile {
                name,
                version,
                outcome: ImportOutcome::AlreadyThere,
                yanked,
            });
        }
        let slot = self.publish_slot().await?;
        let published = self
            .publish_from(&slot, owner, metadata, tarball, Origin::Import)
            .await?;
        drop(slot);
        let yanked =
            yanked && !published.held && self.yank_imported(owner, &name, &version).await?;
        self.date_imported(owner, &name, &version, source).await?;
        Ok(ImportedFile {
            name,
            version,
            outcome: ImportOutcome::Imported(published),
            yanked,
        })
    }

    /// Yanks an imported version, without the yank limits meant for people; whether it was
    /// listed to be yanked (a held version is not).
    async fn yank_imported(
        &self,
        owner: &Principal,
        name: &str,
        version: &str,
    ) -> RegistryResult<bool> {
        let yanked = self
            .db
            .set_yanked(name, version, true, owner.user.id, None, &owner.actor)
            .await;
        match yanked {
            Ok(crate_id) => {
                self.rewrite_index(crate_id).await;
                Ok(true)
            }
            Err(wharf_store::StoreError::NotFound(_)) => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    /// Dates an imported version as published where it comes from, when the source says when.
    async fn date_imported(
        &self,
        owner: &Principal,
        name: &str,
        version: &str,
        source: &SourceFacts,
    ) -> RegistryResult<()> {
        if let Some(at) = source.published_at {
            self.db
                .set_published_at(name, version, at, &owner.actor)
                .await?;
        }
        Ok(())
    }

    /// The index URL cargo knows this registry by, as it writes it into packaged manifests.
    fn own_index_url(&self) -> String {
        format!(
            "sparse+{}/index/",
            self.config.public_url.trim_end_matches('/')
        )
    }
}

/// The index cargo names crates.io by in a dependency sent to another registry.
pub const CRATES_IO_INDEX: &str = "https://github.com/rust-lang/crates.io-index";

/// What `cargo publish` to this registry would have sent with this manifest: the name, the
/// version, the features and every dependency (normal, dev and build, and those of `[target.…]`
/// tables) as cargo's packaged `Cargo.toml` spells them: renamed ones under their name in the
/// manifest with `package` naming the crate. cargo writes `registry-index` only for a dependency
/// of a registry other than crates.io; one without it is a crates.io crate, whichever registry the
/// file was packaged for, and is sent as crates.io's (so it resolves there, or through a source
/// replacement of crates.io, never to a name someone took here). One on `local_indexes` (this
/// registry, or the one the files come from when moving here) is sent as this registry's.
pub fn publish_metadata(
    manifest: &Manifest,
    local_indexes: &[String],
) -> Result<PublishMetadata, String> {
    let mut deps = Vec::new();
    let sections = [
        (&manifest.dependencies, None),
        (&manifest.dev_dependencies, Some("dev")),
        (&manifest.build_dependencies, Some("build")),
    ];
    for (table, kind) in sections {
        for (key, value) in table {
            deps.push(dependency(key, value, kind, None, local_indexes)?);
        }
    }
    for (platform, tables) in &manifest.target {
        for (section, kind) in [
            ("dependencies", None),
            ("dev-dependencies", Some("dev")),
            ("dev_dependencies", Some("dev")),
            ("build-dependencies", Some("build")),
            ("build_dependencies", Some("build")),
        ] {
            let Some(table) = tables.get(section).and_then(toml::Value::as_table) else {
                continue;
            };
            for (key, value) in table {
                deps.push(dependency(key, value, kind, Some(platform), local_indexes)?);
            }
        }
    }
    Ok(PublishMetadata {
        name: manifest.package.name.clone(),
        vers: manifest.package.version.clone(),
        deps,
        features: manifest.features.clone(),
    })
}

/// One dependency entry: `key = "req"` or `key = { version = …, … }`.
fn dependency(
    key: &str,
    value: &toml::Value,
    kind: Option<&str>,
    target: Option<&String>,
    local_indexes: &[String],
) -> Result<PublishDependency, String> {
    let empty = toml::map::Map::new();
    let (table, version_req) = match value {
        toml::Value::String(req) => (&empty, req.clone()),
        toml::Value::Table(table) => (
            table,
            match table.get("version") {
                Some(toml::Value::String(req)) => req.clone(),
                // A packaged manifest always has one for a registry dependency; cargo sends
                // `*` for one without (a path-only dev-dependency is dropped when packaging).
                None => "*".to_string(),
                Some(other) => return Err(format!("dependency `{key}` has a version `{other}`")),
            },
        ),
        other => return Err(format!("dependency `{key}` is written as `{other}`")),
    };
    let text = |field: &str| table.get(field).and_then(toml::Value::as_str);
    let flag = |fields: [&str; 2], default: bool| {
        fields
            .iter()
            .find_map(|field| table.get(*field).and_then(toml::Value::as_bool))
            .unwrap_or(default)
    };
    let features = match table.get("features") {
        None => Vec::new(),
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| format!("dependency `{key}` lists a feature that is not text"))?,
        Some(_) => {
            return Err(format!(
                "dependency `{key}` has features that are not a list"
            ))
        }
    };
    let registry = match text("registry-index") {
        Some(index) if local_indexes.iter().any(|local| same_index(index, local)) => None,
        Some(index) => Some(index.to_string()),
        None => Some(CRATES_IO_INDEX.to_string()),
    };
    let (name, explicit_name_in_toml) = match text("package") {
        Some(package) => (package.to_string(), Some(key.to_string())),
        None => (key.to_string(), None),
    };
    Ok(PublishDependency {
        name,
        version_req,
        features,
        optional: flag(["optional", "optional"], false),
        default_features: flag(["default-features", "default_features"], true),
        target: target.cloned(),
        kind: kind.map(str::to_string),
        registry,
        explicit_name_in_toml,
    })
}

/// Index URLs compare without cargo's `sparse+` and `registry+` prefixes and trailing slashes.
fn same_index(a: &str, b: &str) -> bool {
    let bare = |url: &str| -> String {
        url.trim_start_matches("sparse+")
            .trim_start_matches("registry+")
            .trim_end_matches('/')
            .to_string()
    };
    bare(a) == bare(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    const OWN: &str = "sparse+https://wharf.example.com/index/";
    const MOVED_FROM: &str = "sparse+https://old.example.net/api/v1/crates/";

    /// The dependencies, keyed by kind and the name they go by.
    fn by_key(metadata: &PublishMetadata) -> BTreeMap<String, &PublishDependency> {
        metadata
            .deps
            .iter()
            .map(|dep| {
                let key = dep.explicit_name_in_toml.as_ref().unwrap_or(&dep.name);
                (
                    format!("{}:{key}", dep.kind.as_deref().unwrap_or("normal")),
                    dep,
                )
            })
            .collect()
    }

    fn metadata(manifest: &str) -> Result<PublishMetadata, String> {
        publish_metadata(
            &wharf_tarball::parse_manifest(manifest).unwrap(),
            &[OWN.to_string(), MOVED_FROM.to_string()],
        )
    }

    #[test]
    fn a_packaged_manifest_gives_what_cargo_publish_sends() {
        // As `cargo package` writes it: every dependency a table, renames under `package`.
        let metadata = metadata(
            r#"
            [package]
            name = "helper"
            version = "0.2.0"

            [features]
            default = ["fast"]
            fast = []
            extra = ["dep:b2", "base/std"]

            [dependencies.base]
            version = "1.0"
            registry-index = "sparse+https://wharf.example.com/index"

            [dependencies.b2]
            version = "^1.2"
            package = "base"
            optional = true
            default-features = false
            features = ["alloc"]

            [dependencies.elsewhere]
            version = "3"
            registry-index = "sparse+https://other.example.org/index/"

            [dependencies.moved]
            version = "2"
            registry-index = "sparse+https://old.example.net/api/v1/crates"

            [dev-dependencies.proptest]
            version = "1"

            [build-dependencies]
            cc = "1.0"

            [target."cfg(unix)".dependencies.libc]
            version = "0.2"
            "#,
        )
        .unwrap();
        assert_eq!(
            (metadata.name.as_str(), metadata.vers.as_str()),
            ("helper", "0.2.0")
        );
        assert_eq!(metadata.features["extra"], ["dep:b2", "base/std"]);
        let deps = by_key(&metadata);
        assert_eq!(deps.len(), 7, "{deps:?}");
        let base = deps["normal:base"];
        assert_eq!(
            (base.version_req.as_str(), base.registry.as_deref()),
            ("1.0", None)
        );
        assert!(base.default_features && !base.optional && base.features.is_empty());
        let renamed = deps["normal:b2"];
        assert_eq!(renamed.name, "base");
        assert_eq!(renamed.explicit_name_in_toml.as_deref(), Some("b2"));
        assert!(renamed.optional && !renamed.default_features);
        assert_eq!(renamed.features, ["alloc"]);
        assert_eq!(
            deps["normal:elsewhere"].registry.as_deref(),
            Some("sparse+https://other.example.org/index/")
        );
        // The registry the files come from, when moving: read as this one.
        assert_eq!(deps["normal:moved"].registry, None);
        // Without `registry-index`, a crates.io crate: sent as cargo sends it to other registries.
        assert_eq!(
            deps["dev:proptest"].registry.as_deref(),
            Some(CRATES_IO_INDEX)
        );
        assert_eq!(deps["build:cc"].registry.as_deref(), Some(CRATES_IO_INDEX));
        assert_eq!(deps["dev:proptest"].kind.as_deref(), Some("dev"));
        assert_eq!(deps["build:cc"].version_req, "1.0");
        let libc = deps["normal:libc"];
        assert_eq!(libc.target.as_deref(), Some("cfg(unix)"));
        assert_eq!(libc.kind, None);
        assert_eq!(libc.registry.as_deref(), Some(CRATES_IO_INDEX));
    }

    #[test]
    fn malformed_dependencies_are_refused_with_their_name() {
        let error =
            metadata("[package]\nname = \"a\"\nversion = \"1.0.0\"\n[dependencies]\nb = 3\n")
                .unwrap_err();
        assert!(error.contains("`b`"), "{error}");
        let error = metadata(
            "[package]\nname = \"a\"\nversion = \"1.0.0\"\n[dependencies]\nb = { version = \"1\", features = [1] }\n",
        )
        .unwrap_err();
        assert!(error.contains("`b`"), "{error}");
    }

    #[test]
    fn index_urls_compare_without_cargo_prefixes() {
        assert!(same_index(
            "sparse+https://a.example/index",
            "https://a.example/index/"
        ));
        assert!(same_index(
            "registry+https://a.example/index/",
            "sparse+https://a.example/index"
        ));
        assert!(!same_index(
            "sparse+https://a.example/index/",
            "sparse+https://b.example/index/"
        ));
    }
}
