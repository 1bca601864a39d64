//! `manifest`: a packaged `Cargo.toml` on arbitrary text, through the manifest reader, the policy's
//! metadata and compatibility rules, and — when it names a valid package — the whole `.crate`
//! reader, which must read it the same way from inside an archive.

use wharf_policy::categories::DEFAULT_CATEGORIES;
use wharf_policy::compat::check_compat;
use wharf_policy::metadata::{check_metadata, DependencyInput, MetadataInput};
use wharf_tarball::test_support::TarballBuilder;
use wharf_tarball::{identify, parse_manifest, process_tarball, Limits, Manifest, TarballError};

pub fn run(data: &[u8]) {
    // The reader refuses a manifest that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let manifest = match parse_manifest(text) {
        Ok(manifest) => manifest,
        Err(e) => return assert!(!e.to_string().is_empty()),
    };
    metadata_rules(&manifest);

    // Packaged under the name and version it declares, it reads as it did alone.
    let package = &manifest.package;
    if wharf_policy::validate_crate_name(&package.name).is_err()
        || semver::Version::parse(&package.version).is_err()
    {
        return;
    }
    let dir = format!("{}-{}", package.name, package.version);
    let upload = TarballBuilder::new()
        .file(&format!("{dir}/Cargo.toml"), text)
        .file(&format!("{dir}/src/lib.rs"), "")
        .build();
    let limits = Limits::default();
    match process_tarball(&package.name, &package.version, &upload, &limits) {
        Ok(tarball) => {
            assert_eq!(tarball.manifest, manifest);
            assert_eq!(tarball.manifest_raw, text);
            crate::tarball::check(&tarball, &package.name, &package.version, &limits);
            assert_eq!(
                identify(&upload, &limits),
                Ok((package.name.clone(), package.version.clone()))
            );
            for finding in check_compat(&tarball) {
                assert!(!finding.rule.is_empty() && !finding.evidence.is_empty());
            }
        }
        // Only what the reader checks beyond the manifest may refuse it: a manifest that reads
        // alone reads inside the archive.
        Err(e) => assert!(
            matches!(
                e,
                TarballError::ManifestTooLarge { .. } | TarballError::VersionMismatch { .. }
            ),
            "read alone but refused packaged: {e:?}"
        ),
    }
}

/// The metadata rules the publish gate runs on the manifest, with the manifest's own dependencies
/// and features standing in for the ones cargo sends.
fn metadata_rules(manifest: &Manifest) {
    let deps: Vec<DependencyInput> = [
        ("normal", &manifest.dependencies),
        ("dev", &manifest.dev_dependencies),
        ("build", &manifest.build_dependencies),
    ]
    .into_iter()
    .flat_map(|(kind, table)| {
        table.iter().map(move |(key, value)| {
            let field = |name: &str| value.get(name).and_then(toml::Value::as_str);
            DependencyInput {
                name: field("package").unwrap_or(key).to_owned(),
                explicit_name: field("package").map(|_| key.clone()),
                req: value.as_str().or(field("version")).unwrap_or("").to_owned(),
                kind: kind.to_owned(),
                registry: field("registry-index").map(str::to_owned),
                optional: value.get("optional").and_then(toml::Value::as_bool) == Some(true),
                features: Vec::new(),
            }
        })
    })
    .collect();
    let categories: Vec<String> = DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect();
    let findings = check_metadata(&MetadataInput {
        manifest,
        version: &manifest.package.version,
        deps: &deps,
        features: &manifest.features,
        known_categories: &categories,
    });
    for finding in findings {
        assert!(!finding.rule.is_empty() && !finding.evidence.is_empty());
    }
}
