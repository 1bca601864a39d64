//! Publishing a version: the spine of the registry.
//!
//! Name → version → token's crates → dependencies → tarball → policy gate → store (one
//! transaction, the file stored before commit) → index file → warnings. Every step before the
//! store is a check that stores nothing when it fails.

use crate::{gate, Principal, Registry, RegistryError, RegistryResult};
use bytes::Bytes;
use sha2::{Digest, Sha256};
use wharf_index::publish::{PublishDependency, PublishMetadata};
use wharf_index::DependencyKind;
use wharf_policy::access::decide_publish;
use wharf_policy::engine::{evaluate, Candidate, Facts};
use wharf_policy::metadata::DependencyInput;
use wharf_policy::Verdict;
use wharf_store::{NewDependency, NewVersion, PublishAuthority, RateAction, Scope};

/// The rule id the policy gives categories it does not know; cargo shows them as invalid categories.
const UNKNOWN_CATEGORY_RULE: &str = "metadata-unknown-category";

/// A published version, and what the publisher should hear about it.
#[derive(Debug, Clone)]
pub struct Published {
    pub crate_id: i64,
    pub version_id: i64,
    pub created_crate: bool,
    /// Stored for the moderators, but neither indexed nor downloadable until they release it.
    pub held: bool,
    /// Stored, and published once the sandbox has built it and found nothing (detonation
    /// before publish).
    pub awaiting_detonation: bool,
    pub warnings: PublishWarnings,
}

/// Findings that did not stop the publish, in the groups cargo prints them in.
#[derive(Debug, Clone, Default)]
pub struct PublishWarnings {
    pub invalid_categories: Vec<String>,
    pub other: Vec<String>,
}

/// A turn at publishing: while it is held, this process reads, scans and stores one upload.
/// Front ends take one before they read the upload, so that waiting uploads cost no memory.
#[must_use]
pub struct PublishSlot {
    _permit: tokio::sync::OwnedSemaphorePermit,
}

/// Where a version being published comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Uploaded by its publisher (cargo, the API): every check, and the publisher's rate limits.
    Upload,
    /// Imported by the operator for an owner ([`Registry::import`]): the same checks of the name,
    /// the file and its content, without the limits meant for people publishing by hand (an
    /// import brings hundreds at once) and without asking the owner to verify an address first.
    Import,
}

/// What a busy publisher is told to wait before trying again.
const BUSY_RETRY_AFTER_SECS: u64 = 10;

impl Registry {
    /// Waits for a turn at publishing, at most the configured queue wait; after that the publish
    /// is refused as busy, with a time to come back, instead of piling up.
    pub async fn publish_slot(&self) -> RegistryResult<PublishSlot> {
        let busy = || {
            RegistryError::Busy {
            message: format!(
                "the registry is busy with other uploads; try again in {BUSY_RETRY_AFTER_SECS} seconds"
            ),
            retry_after_secs: BUSY_RETRY_AFTER_SECS,
        }
        };
        let wait = self.publish_slots.clone().acquire_owned();
        match tokio::time::timeout(self.config.publish_queue_wait, wait).await {
            Ok(Ok(permit)) => Ok(PublishSlot { _permit: permit }),
            // The semaphore is never closed; a closed one would mean no publishing at all.
            Ok(Err(_)) | Err(_) => Err(busy()),
        }
    }

    /// Publishes a version for `principal` from cargo's metadata and the `.crate` file, in the
    /// turn `_slot` holds.
    pub async fn publish(
        &self,
        slot: &PublishSlot,
        principal: &Principal,
        metadata: PublishMetadata,
        tarball: Bytes,
    ) -> RegistryResult<Published> {
        self.publish_from(slot, principal, metadata, tarball, Origin::Upload)
            .await
    }

    /// [`Registry::publish`], for an upload or for an operator's import (`origin`).
    pub(crate) async fn publish_from(
        &self,
        _slot: &PublishSlot,
        principal: &Principal,
        metadata: PublishMetadata,
        tarball: Bytes,
        origin: Origin,
    ) -> RegistryResult<Published> {
        wharf_policy::validate_crate_name(&metadata.name)
            .map_err(|e| RegistryError::Invalid(e.to_string()))?;
        let vers = semver::Version::parse(&metadata.vers).map_err(|e| {
            RegistryError::Invalid(format!(
                "`{}` is not a valid semantic version: {e}",
                metadata.vers
            ))
        })?;
        principal.require_crate(&metadata.name)?;
        let upload = origin == Origin::Upload;
        if upload {
            self.require_owner_second_factor(principal)?;
        }
        if upload && self.config.publish_requires_verified_email && !principal.user.email_verified {
            return Err(RegistryError::Forbidden(format!(
                "verify your e-mail address before publishing: follow the link sent to {} (or ask \
                 for a new one on the account page, {}/settings)",
                principal.user.email, self.config.public_url
            )));
        }

        let deps_for_policy: Vec<DependencyInput> =
            metadata.deps.iter().map(DependencyInput::from).collect();
        let deps = metadata
            .deps
            .into_iter()
            .map(|dep| self.convert_dependency(dep))
            .collect::<RegistryResult<Vec<_>>>()?;

        // The registry's side of the policy gate: the facts its rules compare against.
        let creates_crate = self.db.crate_by_name(&metadata.name).await?.is_none();
        // An operator's import may shadow upstream names; an upload may not unless allowed.
        if creates_crate && upload {
            self.check_local_name_against_upstream(&metadata.name)
                .await?;
        }
        // An over-limit publisher is refused before the upload is read and scanned, which is
        // the expensive part; the token is taken in the publish transaction.
        let (action, limit) = if creates_crate {
            (RateAction::PublishNew, self.config.rate_limits.new_crate)
        } else {
            (
                RateAction::PublishUpdate,
                self.config.rate_limits.new_version,
            )
        };
        if upload {
            self.db
                .check_rate_token(principal.user.id, action, limit)
                .await?;
        }
        let mut facts = gate::name_facts(&self.db, &metadata.name, creates_crate).await?;
        if creates_crate {
            facts.typosquat = Some(self.typosquat.get(self).await?);
        }

        // Decompressing, parsing and scanning the .crate is CPU work (tens of milliseconds for the
        // largest crates): one blocking task reads it and runs every rule, off the async workers.
        let limits = self.config.tarball_limits;
        let (name, vers_text) = (metadata.name.clone(), metadata.vers.clone());
        let (features, publisher_id) = (metadata.features.clone(), principal.user.id);
        let known_categories = facts.categories.clone();
        let (checked, evaluation) = {
            let tarball = tarball.clone();
            let vers = vers.clone();
            tokio::task::spawn_blocking(move || {
                let checked = wharf_tarball::process_tarball(&name, &vers_text, &tarball, &limits)?;
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
            .map_err(|_| RegistryError::Invalid("the .crate file could not be read".into()))?
            .map_err(|e| RegistryError::Invalid(e.to_string()))?
        };
        if evaluation.verdict == Verdict::Reject {
            metrics::counter!("wharf_publishes_total", "verdict" => "reject").increment(1);
            let reasons: Vec<&str> = evaluation
                .rejections()
                .map(|f| f.evidence.as_str())
                .collect();
            return Err(RegistryError::Invalid(reasons.join("; ")));
        }

        let package = &checked.manifest.package;
        let targets = wharf_policy::compat::product_targets(&checked);
        let new = NewVersion {
            name: metadata.name.clone(),
            vers,
            cksum: hex::encode(Sha256::digest(&tarball)),
            crate_size: tarball.len() as i64,
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
            // A category the registry does not know is ignored, as the publish warning says.
            categories: package
                .categories
                .iter()
                .filter(|c| known_categories.contains(c))
                .cloned()
                .collect(),
            has_lib: targets.has_lib,
            bin_names: targets.bin_names,
            verdict: evaluation.verdict,
            findings: evaluation.findings.clone(),
            confusable_skeleton: wharf_policy::names::confusable_skeleton(&metadata.name),
            detonate: self.detonates(),
            awaits_detonation: self.detonates_before_publish() && !evaluation.verdict.withholds(),
        };
        let authority = PublishAuthority {
            user_id: principal.user.id,
            may_create: principal.allows_scope(Scope::PublishNew),
            may_update: principal.allows_scope(Scope::PublishUpdate),
            new_crate_limit: upload.then_some(self.config.rate_limits.new_crate),
            new_version_limit: upload.then_some(self.config.rate_limits.new_version),
            require_dependencies: upload,
            trusted_publishing_token: principal.trusted_publishing_token,
        };
        let now = self.now();
        let outcome = self
            .db
            .publish(
                &self.blobs,
                &new,
                tarball,
                authority,
                |facts| decide_publish(facts, now),
                &principal.actor,
            )
            .await?;
        wharf_store::crash_point("publish-after-commit");
        self.rewrite_index(outcome.crate_id).await;

        let mut warnings = PublishWarnings::default();
        for finding in &evaluation.findings {
            if finding.rule == UNKNOWN_CATEGORY_RULE {
                warnings.invalid_categories.push(finding.evidence.clone());
            } else {
                warnings.other.push(finding.evidence.clone());
            }
        }
        metrics::counter!("wharf_publishes_total", "verdict" => evaluation.verdict.as_str())
            .increment(1);
        let held = evaluation.verdict.withholds();
        if held {
            warnings.other.push(format!(
                "{} {} is held for review by the registry's moderators: it is stored, but it will not be in \
                 the index or downloadable until they release it; its owners hear of their decision by \
                 e-mail",
                new.name, new.vers
            ));
        }
        let awaiting_detonation = new.awaits_detonation;
        if awaiting_detonation {
            warnings.other.push(format!(
                "{} {} is being built in the registry's sandbox before it is published: it appears \
                 in the index when its build scripts and proc macros are found to do nothing the \
                 policy forbids (usually within a minute)",
                new.name, new.vers
            ));
        }
        if outcome.created_crate {
            // A new name must show in the searches that find it, broad ones included.
            self.forget_broad_searches();
        }
        Ok(Published {
            crate_id: outcome.crate_id,
            version_id: outcome.version_id,
            created_crate: outcome.created_crate,
            held,
            awaiting_detonation,
            warnings,
        })
    }

    fn convert_dependency(&self, dep: PublishDependency) -> RegistryResult<NewDependency> {
        let crate_name = dep.name;
        wharf_policy::validate_crate_name(&crate_name)
            .map_err(|e| RegistryError::Invalid(format!("invalid dependency: {e}")))?;
        semver::VersionReq::parse(&dep.version_req).map_err(|e| {
            RegistryError::Invalid(format!(
                "dependency `{crate_name}` has an invalid version requirement `{}`: {e}",
                dep.version_req
            ))
        })?;
        let kind = match dep.kind.as_deref() {
            None => DependencyKind::Normal,
            Some(kind) => DependencyKind::parse(kind).ok_or_else(|| {
                RegistryError::Invalid(format!(
                    "dependency `{crate_name}` has an unknown kind `{kind}`"
                ))
            })?,
        };
        if let Some(registry) = &dep.registry {
            let allowed = &self.config.allowed_registries;
            if !allowed
                .iter()
                .any(|allowed| same_registry(allowed, registry))
            {
                return Err(RegistryError::Invalid(format!(
                    "dependency `{crate_name}` comes from the registry `{registry}`, which this registry does not \
                     allow; allowed registries: {}",
                    allowed.join(", ")
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
}

/// Registry URLs compare without a trailing slash, so `…/index/` and `…/index` are one registry.
fn same_registry(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}
