//! `PUT /api/v1/crates/new`: the publish pipeline, the spine of the registry.
//!
//! Frame → metadata → name → tarball → policy → dependencies → store (one transaction, the file stored
//! before commit) → index file → response. Every step before the store is a pure check; a failure at
//! any step stores nothing.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::wire::{PublishResponse, PublishWarnings};
use crate::{gate, AppState};
use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use wharf_index::DependencyKind;
use wharf_policy::engine::{evaluate, Candidate, Facts};
use wharf_policy::metadata::DependencyInput;
use wharf_policy::Verdict;
use wharf_store::{NewDependency, NewVersion, PublishAuthority, Scope, StoredFinding};

/// The rule id the policy gives categories it does not know; cargo shows them as invalid categories.
const UNKNOWN_CATEGORY_RULE: &str = "metadata-unknown-category";

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
/// The tarball is returned as a view into the body, not a copy.
fn split_frame(body: &Bytes, state: &AppState) -> ApiResult<(Bytes, Bytes)> {
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
    if body.len() < 4 + json_len {
        return Err(ApiError::bad_request("the publish request is truncated"));
    }
    let tar_len = take_len(body, 4 + json_len)?;
    if tar_len as u64 > state.config.max_upload_size {
        return Err(ApiError::too_large(format!(
            "the .crate file is {tar_len} bytes; this registry accepts at most {} bytes",
            state.config.max_upload_size
        )));
    }
    let start = 8 + json_len;
    if body.len() < start + tar_len {
        return Err(ApiError::bad_request("the publish request is truncated"));
    }
    if body.len() != start + tar_len {
        return Err(ApiError::bad_request(
            "the publish request has bytes after the .crate file",
        ));
    }
    Ok((
        body.slice(4..4 + json_len),
        body.slice(start..start + tar_len),
    ))
}

pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<Json<PublishResponse>> {
    let (json, tar_bytes) = split_frame(&body, &state)?;
    let metadata: PublishMetadata = serde_json::from_slice(&json)
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

    let deps_for_policy: Vec<DependencyInput> = metadata
        .deps
        .iter()
        .map(|dep| DependencyInput {
            name: dep.name.clone(),
            explicit_name: dep.explicit_name_in_toml.clone(),
            req: dep.version_req.clone(),
            kind: dep.kind.clone().unwrap_or_else(|| "normal".into()),
            registry: dep.registry.clone(),
            optional: dep.optional,
            features: dep.features.clone(),
        })
        .collect();
    let deps = metadata
        .deps
        .into_iter()
        .map(|dep| convert_dependency(dep, &state))
        .collect::<ApiResult<Vec<_>>>()?;

    // The registry's side of the policy gate: the facts its rules compare against.
    let creates_crate = state.db.crate_by_name(&metadata.name).await?.is_none();
    let mut facts = gate::name_facts(&state.db, &metadata.name, creates_crate).await?;
    if creates_crate {
        facts.typosquat = Some(state.typosquat.get(&state).await?);
    }

    // Decompressing, parsing and scanning the .crate is CPU work (tens of milliseconds for the
    // largest crates): one blocking task reads it and runs every rule, off the async workers.
    let limits = state.config.tarball_limits;
    let (name, vers_text) = (metadata.name.clone(), metadata.vers.clone());
    let (features, publisher_id) = (metadata.features.clone(), caller.user.id);
    let (checked, evaluation) = {
        let tar_bytes = tar_bytes.clone();
        let vers = vers.clone();
        tokio::task::spawn_blocking(move || {
            let checked = wharf_tarball::process_tarball(&name, &vers_text, &tar_bytes, &limits)?;
            let evaluation = evaluate(
                &Candidate {
                    name: &name,
                    version: &vers,
                    tarball: &checked,
                    deps: &deps_for_policy,
                    features: &features,
                },
                &Facts {
                    publisher_id,
                    creates_crate,
                    known_categories: &facts.categories,
                    reserved_names: &facts.reserved,
                    same_skeleton: &facts.same_skeleton,
                    typosquat: facts.typosquat.as_deref(),
                    internal_prefixes: &facts.internal_prefixes,
                },
            );
            Ok::<_, wharf_tarball::TarballError>((checked, evaluation))
        })
        .await
        .map_err(|_| ApiError::bad_request("the .crate file could not be read"))?
        .map_err(|e| ApiError::bad_request(e.to_string()))?
    };
    if evaluation.verdict == Verdict::Reject {
        let reasons: Vec<&str> = evaluation
            .rejections()
            .map(|f| f.evidence.as_str())
            .collect();
        return Err(ApiError::bad_request(reasons.join("; ")));
    }

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
        verdict: evaluation.verdict.as_str().to_string(),
        findings: evaluation
            .findings
            .iter()
            .map(|f| StoredFinding {
                rule: f.rule.clone(),
                severity: f.severity.as_str().to_string(),
                file: f.file.clone(),
                line: f.line.map(i64::from),
                evidence: f.evidence.clone(),
            })
            .collect(),
        confusable_skeleton: wharf_policy::names::confusable_skeleton(&metadata.name),
    };
    let authority = PublishAuthority {
        user_id: caller.user.id,
        may_create: caller.token.allows_scope(Scope::PublishNew),
        may_update: caller.token.allows_scope(Scope::PublishUpdate),
        new_crate_limit: state.config.rate_limits.new_crate,
        new_version_limit: state.config.rate_limits.new_version,
    };
    let outcome = state
        .db
        .publish(&state.blobs, &new, tar_bytes, authority, &caller.actor())
        .await?;
    wharf_store::crash_point("publish-after-commit");
    state.rewrite_index(outcome.crate_id).await?;

    // Findings that did not stop the publish are reported as warnings, which cargo prints.
    let mut invalid_categories = Vec::new();
    let mut other = Vec::new();
    for finding in &evaluation.findings {
        if finding.rule == UNKNOWN_CATEGORY_RULE {
            invalid_categories.push(finding.evidence.clone());
        } else {
            other.push(finding.evidence.clone());
        }
    }
    if evaluation.verdict == Verdict::Hold {
        other.push(format!(
            "{} {} is held for review by the registry's moderators: it is stored, but it will not be in \
             the index or downloadable until they release it",
            new.name, new.vers
        ));
    }
    Ok(Json(PublishResponse {
        warnings: PublishWarnings {
            invalid_categories,
            invalid_badges: [],
            other,
        },
    }))
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
