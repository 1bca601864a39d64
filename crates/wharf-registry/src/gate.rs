//! The publish gate's facts: gathering what the policy's name rules compare against, and keeping
//! the typosquat index warm between publishes.

use crate::{Registry, RegistryResult};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use wharf_policy::names::ExistingCrate;
use wharf_policy::typosquat::{PopularCrate, TyposquatIndex};
use wharf_store::{AdminList, Db, StoreError};

/// Writes the policy's seed lists the first time the registry starts.
pub async fn seed_policy_lists(db: &Db) -> Result<(), StoreError> {
    db.seed_admin_list(
        AdminList::ReservedNames,
        wharf_policy::names::DEFAULT_RESERVED_NAMES,
    )
    .await?;
    db.seed_admin_list(
        AdminList::Categories,
        wharf_policy::categories::DEFAULT_CATEGORIES,
    )
    .await?;
    db.seed_admin_list(
        AdminList::ReservedLogins,
        wharf_policy::accounts::DEFAULT_RESERVED_LOGINS,
    )
    .await?;
    db.seed_admin_list(
        AdminList::BlockedEmailDomains,
        wharf_policy::accounts::DEFAULT_BLOCKED_EMAIL_DOMAINS,
    )
    .await
}

/// The typosquat index, rebuilt from the database when older than the configured refresh time.
#[derive(Default)]
pub struct TyposquatCache {
    built: Mutex<Option<(Instant, Arc<TyposquatIndex>)>>,
}

impl TyposquatCache {
    pub async fn get(&self, registry: &Registry) -> RegistryResult<Arc<TyposquatIndex>> {
        if let Some((at, index)) = &*self.built.lock().expect("typosquat cache poisoned") {
            if at.elapsed() < registry.config.typosquat_refresh {
                return Ok(index.clone());
            }
        }
        let index =
            Arc::new(typosquat_index(&registry.db, registry.config.typosquat_top_crates).await?);
        *self.built.lock().expect("typosquat cache poisoned") =
            Some((Instant::now(), index.clone()));
        Ok(index)
    }
}

/// The facts the name rules compare a new crate's name against, read from the registry. The
/// typosquat index is left to the caller, which may keep one warm (the server) or build it once
/// (`wharf scan`).
pub struct NameFacts {
    pub reserved: Vec<String>,
    pub categories: Vec<String>,
    pub internal_prefixes: Vec<String>,
    pub same_skeleton: Vec<ExistingCrate>,
    pub typosquat: Option<Arc<TyposquatIndex>>,
}

/// Reads the name facts; the name rules apply only when the publish creates the crate.
pub async fn name_facts(db: &Db, name: &str, creates_crate: bool) -> Result<NameFacts, StoreError> {
    let categories = db.admin_list(AdminList::Categories).await?;
    if !creates_crate {
        return Ok(NameFacts {
            reserved: Vec::new(),
            categories,
            internal_prefixes: Vec::new(),
            same_skeleton: Vec::new(),
            typosquat: None,
        });
    }
    let skeleton = wharf_policy::names::confusable_skeleton(name);
    Ok(NameFacts {
        reserved: db.admin_list(AdminList::ReservedNames).await?,
        categories,
        internal_prefixes: db.admin_list(AdminList::InternalPrefixes).await?,
        same_skeleton: db
            .crates_with_skeleton(&skeleton)
            .await?
            .into_iter()
            .map(|c| ExistingCrate {
                name: c.name,
                owner_ids: c.owner_ids,
            })
            .collect(),
        typosquat: None,
    })
}

/// Builds the typosquat index over the `top` most-downloaded crates (and the protected names).
pub async fn typosquat_index(db: &Db, top: i64) -> Result<TyposquatIndex, StoreError> {
    let popular = db
        .typosquat_targets(top)
        .await?
        .into_iter()
        .map(|t| PopularCrate {
            name: t.name,
            owner_ids: t.owner_ids,
        })
        .collect();
    Ok(
        tokio::task::spawn_blocking(move || TyposquatIndex::new(popular))
            .await
            .expect("typosquat index build panicked"),
    )
}
