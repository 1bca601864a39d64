//! The publish gate's facts: gathering what the policy's name rules compare against, and keeping
//! the typosquat index current between publishes.

use crate::{Registry, RegistryResult};
use std::sync::{Arc, Mutex};
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

/// The typosquat index, kept until the crates it protects change. Every check reads the current
/// popular and protected crates (one indexed query of a few thousand short rows) and compares them
/// with those the index was built from; so a crate that became popular, a new protected name or a
/// new owner counts from the next publish on, whichever instance saw the change. Building the
/// index costs milliseconds, and in a registry smaller than the popular list every new crate
/// joins it: when crates were only added, the built index is extended with a small one over the
/// additions (see [`TyposquatIndex::extended`]), and rebuilt whole once they pass
/// [`MAX_EXTENSION`] or anything else changes.
#[derive(Default)]
pub struct TyposquatCache {
    built: Mutex<Option<Built>>,
}

struct Built {
    /// The crates the whole index was built over.
    from: Vec<PopularCrate>,
    index: Arc<TyposquatIndex>,
    /// The crates added since, and the index extended with them.
    extension: Option<(Vec<PopularCrate>, Arc<TyposquatIndex>)>,
}

/// More crates than this added since the whole index was built rebuild it.
const MAX_EXTENSION: usize = 32;

impl TyposquatCache {
    pub async fn get(&self, registry: &Registry) -> RegistryResult<Arc<TyposquatIndex>> {
        let popular = popular_crates(&registry.db, registry.config.typosquat_top_crates).await?;
        Ok(self.over(popular).await)
    }

    /// The index over `popular` (sorted by name), reusing the one built when it covers them.
    pub async fn over(&self, popular: Vec<PopularCrate>) -> Arc<TyposquatIndex> {
        if let Some(index) = self.reuse(&popular) {
            return index;
        }
        let index = Arc::new(build_index(popular.clone()).await);
        *self.built.lock().expect("typosquat cache poisoned") = Some(Built {
            from: popular,
            index: index.clone(),
            extension: None,
        });
        index
    }

    /// The built index, or it extended with a few added crates, when either covers `popular`.
    fn reuse(&self, popular: &[PopularCrate]) -> Option<Arc<TyposquatIndex>> {
        let mut built = self.built.lock().expect("typosquat cache poisoned");
        let built = built.as_mut()?;
        if built.from == popular {
            return Some(built.index.clone());
        }
        let added = additions(&built.from, popular).filter(|a| a.len() <= MAX_EXTENSION)?;
        if let Some((extended_by, index)) = &built.extension {
            if *extended_by == added {
                return Some(index.clone());
            }
        }
        // A few crates: built here, it takes well under a millisecond.
        let index = Arc::new(built.index.extended(added.clone()));
        built.extension = Some((added, index.clone()));
        Some(index)
    }
}

/// The crates of `now` that `before` lacks, when `now` is `before` plus those (both sorted by
/// name); `None` when a crate left or its owners changed.
fn additions(before: &[PopularCrate], now: &[PopularCrate]) -> Option<Vec<PopularCrate>> {
    let mut added = Vec::new();
    let mut old = before.iter().peekable();
    for krate in now {
        match old.peek() {
            Some(previous) if previous.name == krate.name => {
                if previous.owner_ids != krate.owner_ids {
                    return None;
                }
                old.next();
            }
            _ => added.push(krate.clone()),
        }
    }
    old.next().is_none().then_some(added)
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
    Ok(build_index(popular_crates(db, top).await?).await)
}

/// The `top` most-downloaded crates and the protected names, sorted by name (owners too), so that
/// two readings compare equal when the same crates are protected, whatever their ranks.
pub(crate) async fn popular_crates(db: &Db, top: i64) -> Result<Vec<PopularCrate>, StoreError> {
    let mut popular: Vec<PopularCrate> = db
        .typosquat_targets(top)
        .await?
        .into_iter()
        .map(|t| {
            let mut owner_ids = t.owner_ids;
            owner_ids.sort_unstable();
            PopularCrate {
                name: t.name,
                owner_ids,
            }
        })
        .collect();
    popular.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(popular)
}

async fn build_index(popular: Vec<PopularCrate>) -> TyposquatIndex {
    tokio::task::spawn_blocking(move || TyposquatIndex::new(popular))
        .await
        .expect("typosquat index build panicked")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn krate(name: &str, owners: &[i64]) -> PopularCrate {
        PopularCrate {
            name: name.into(),
            owner_ids: owners.to_vec(),
        }
    }

    #[test]
    fn only_additions_extend() {
        let before = [krate("a", &[1]), krate("c", &[2])];
        let now = [
            krate("a", &[1]),
            krate("b", &[3]),
            krate("c", &[2]),
            krate("d", &[]),
        ];
        assert_eq!(
            additions(&before, &now),
            Some(vec![krate("b", &[3]), krate("d", &[])])
        );
        assert_eq!(additions(&before, &before), Some(vec![]));
        // A crate left the list, or changed owners: rebuild.
        assert_eq!(additions(&before, &[krate("a", &[1])]), None);
        assert_eq!(
            additions(&before, &[krate("a", &[1, 5]), krate("c", &[2])]),
            None
        );
    }
}
