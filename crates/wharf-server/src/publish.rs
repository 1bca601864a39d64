//! `PUT /api/v1/crates/new`: the publish pipeline, the spine of the registry.
//!
//! Frame → metadata → name → tarball → policy → dependencies → store (one transaction, the file stored
//! before commit) → index file → response. Every step before the store is a pure check; a failure at
//! any step stores nothing.

use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use wharf_index::DependencyKind;
use wharf_store::{NewDependency, NewVersion, PublishAuthority, Scope};

/// The JSON cargo sends ahead of the tarball. Package metadata is taken from the tarball's Cargo.toml
/// instead, which is what cargo actually built; dependencies and features come from here, in the form
/// cargo already resolved for the index.
#[derive(Debug, Deserialize)]
struct PublishMetadata {
    name: String,
    vers: String,
    #[serde(default)]
    deps: Vec<PublishDependency>,
    #[serde(default)]
    features: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct PublishDependency {
    /// The real crate name.
    name: String,
    version_req: String,
    #[serde(default)]
    features: Vec<String>,
    #[serde(default)]
    optional: bool,
    #[serde(default = "yes")]
    default_features: bool,
    target: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    registry: Option<String>,
    /// The name used in Cargo.toml when the dependency is renamed.
    explicit_name_in_toml: Option<String>,
}

fn yes() -> bool {
    true
}

/// Splits cargo's frame: a little-endian u32 length and the JSON, then a u32 length and the tarball.
fn split_frame<'a>(body: &'a [u8], state: &AppState) -> ApiResult<(&'a [u8], &'a [u8])> {
    fn take_len(body: &[u8], at: usize) -> ApiResult<usize> {
        let bytes = body
            .get(at..at + 4)
            .ok_or_else(|| ApiError::bad_request("the publish request is truncated"))?;
        Ok(u32::from_le_bytes(bytes.try_into().expect("four bytes")) as usize)
    }
    let json_len = take_len(body, 0)?;
    if json_len as u64 > state.config.max_json_size {
        return Err(ApiError::too_large(format!(
            "the publish metadata is {json_len} bytes; this registry accepts at most {} bytes",
            state.config.max_json_size
        )));
    }
    let json = body
        .get(4..4 + json_len)
        .ok_or_else(|| ApiError::bad_request("the publish request is truncated"))?;
    let tar_len = take_len(body, 4 + json_len)?;
    if tar_len as u64 > state.config.max_upload_size {
        return Err(ApiError::too_large(format!(
            "the .crate file is {tar_len} bytes; this registry accepts at most {} bytes",
            state.config.max_upload_size
        )));
    }
    let start = 8 + json_len;
    let tarball = body
        .get(start..start + tar_len)
        .ok_or_else(|| ApiError::bad_request("the publish request is truncated"))?;
    if body.len() != start + tar_len {
        return Err(ApiError::bad_request(
            "the publish request has bytes after the .crate file",
        ));
    }
    Ok((json, tarball))
}

pub async fn publish(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<serde_json::Value>> {
    let caller = authenticate(&state, &headers).await?;
    let (json, tarball) = split_frame(&body, &state)?;
    let metadata: PublishMetadata = serde_json::from_slice(json)
        .map_err(|e| ApiError::bad_request(format!("invalid publish metadata: {e}")))?;

    wharf_policy::validate_crate_name(&metadata.name)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let vers = semver::Version::parse(&metadata.vers).map_err(|e| {
        ApiError::bad_request(format!(
            "`{}` is not a valid semantic version: {e}",
            metadata.vers
        ))
    })?;
    caller.require_crate(&metadata.name)?;

    let limits = state.config.tarball_limits;
    let (name, vers_text, tar_bytes) = (
        metadata.name.clone(),
        metadata.vers.clone(),
        Bytes::copy_from_slice(tarball),
    );
    let checked = {
        let tar_bytes = tar_bytes.clone();
        // Decompressing and parsing is CPU work; keep it off the async workers.
        tokio::task::spawn_blocking(move || {
            wharf_tarball::process_tarball(&name, &vers_text, &tar_bytes, &limits)
        })
        .await
        .map_err(|_| ApiError::bad_request("the .crate file could not be read"))?
        .map_err(|e| ApiError::bad_request(e.to_string()))?
    };

    // The policy gate: rules decided at publish time. Names are checked above; the content and
    // name-similarity rules of the usage policy plug in here, before anything is stored.

    let deps = metadata
        .deps
        .into_iter()
        .map(|dep| convert_dependency(dep, &state))
        .collect::<ApiResult<Vec<_>>>()?;

    let package = &checked.manifest.package;
    let new = NewVersion {
        name: metadata.name.clone(),
        vers,
        cksum: hex::encode(Sha256::digest(&tar_bytes)),
        crate_size: tar_bytes.len() as i64,
        features: metadata.features,
        deps,
        links: package.links.clone(),
        rust_version: package.rust_version.clone(),
        edition: package.edition.clone(),
        license: package.license.clone(),
        license_file: package.license_file.clone(),
        description: package.description.clone(),
        homepage: package.homepage.clone(),
        documentation: package.documentation.clone(),
        repository: package.repository.clone(),
        readme: checked.readme.clone(),
        keywords: package.keywords.clone(),
        categories: package.categories.clone(),
    };
    let authority = PublishAuthority {
        user_id: caller.user.id,
        may_create: caller.token.allows_scope(Scope::PublishNew),
        may_update: caller.token.allows_scope(Scope::PublishUpdate),
    };
    let outcome = state
        .db
        .publish(&state.blobs, &new, tar_bytes, authority, &caller.actor())
        .await?;
    wharf_store::crash_point("publish-after-commit");
    state.index.rewrite(&state.db, outcome.crate_id).await?;

    Ok(Json(serde_json::json!({
        "warnings": { "invalid_categories": [], "invalid_badges": [], "other": [] }
    })))
}

fn convert_dependency(dep: PublishDependency, state: &AppState) -> ApiResult<NewDependency> {
    let crate_name = dep.name;
    wharf_policy::validate_crate_name(&crate_name)
        .map_err(|e| ApiError::bad_request(format!("invalid dependency: {e}")))?;
    semver::VersionReq::parse(&dep.version_req).map_err(|e| {
        ApiError::bad_request(format!(
            "dependency `{crate_name}` has an invalid version requirement `{}`: {e}",
            dep.version_req
        ))
    })?;
    let kind = match dep.kind.as_deref() {
        None => DependencyKind::Normal,
        Some(kind) => DependencyKind::parse(kind).ok_or_else(|| {
            ApiError::bad_request(format!(
                "dependency `{crate_name}` has an unknown kind `{kind}`"
            ))
        })?,
    };
    if let Some(registry) = &dep.registry {
        if !state
            .config
            .allowed_registries
            .iter()
            .any(|allowed| same_registry(allowed, registry))
        {
            return Err(ApiError::bad_request(format!(
                "dependency `{crate_name}` comes from the registry `{registry}`, which this registry does not \
                 allow; allowed registries: {}",
                state.config.allowed_registries.join(", ")
            )));
        }
    }
    let (name, package) = match dep.explicit_name_in_toml {
        Some(rename) if rename != crate_name => (rename, Some(crate_name)),
        _ => (crate_name, None),
    };
    Ok(NewDependency {
        name,
        package,
        req: dep.version_req,
        features: dep.features,
        optional: dep.optional,
        default_features: dep.default_features,
        target: dep.target,
        kind,
        registry: dep.registry,
    })
}

/// Registry URLs compare without a trailing slash, so `…/index/` and `…/index` are one registry.
fn same_registry(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}
