//! Deletion by owners, under the usage policy's rule (`wharf_policy::deletion`): a crate or one
//! version goes when it is young and unused enough, and its name and numbers stay blocked.

use crate::{Principal, Registry, RegistryResult};
use wharf_store::{CrateDeletionFacts, DeletionRequest, Scope};

/// The policy's owner-deletion rule on the facts the store read, at `now`.
fn owner_deletion_rule(facts: &CrateDeletionFacts, now: i64) -> Result<(), String> {
    wharf_policy::deletion::check_deletion(&wharf_policy::deletion::DeletionFacts {
        first_published_at: facts.first_published_at,
        now,
        owner_count: facts.owner_count,
        downloads: facts.downloads,
        dependents: facts.dependents,
    })
}

impl Registry {
    /// Whether the rule lets `facts`' crate be deleted now: the sentence naming the condition that
    /// blocks it, if one does. The settings page asks this before it offers the button.
    pub fn deletion_blocker(&self, facts: &CrateDeletionFacts) -> Option<String> {
        owner_deletion_rule(facts, self.now()).err()
    }

    /// Deletes a crate for one of its owners, then its files and its index file. Returns the
    /// crate's name as it was stored.
    pub async fn delete_crate(
        &self,
        principal: &Principal,
        name: &str,
        message: Option<&str>,
    ) -> RegistryResult<String> {
        principal.require_scope(Scope::Delete)?;
        principal.require_crate(name)?;
        self.require_owner_second_factor(principal)?;
        let now = self.now();
        let blocked_until = now + self.config.deleted_name_block.as_millis() as i64;
        let deleted = self
            .db
            .delete_crate(
                DeletionRequest {
                    name,
                    caller_id: principal.user.id,
                    now,
                    blocked_until,
                    message,
                },
                |facts| owner_deletion_rule(facts, now),
                &principal.actor,
            )
            .await?;
        self.forget_broad_searches();
        self.remove_files(&deleted.files).await;
        self.remove_index(&deleted.name).await?;
        Ok(deleted.name)
    }

    /// Deletes one version for one of the crate's owners, under the rule applied to that version,
    /// then its file, and rewrites the crate's index file. Returns the crate's name.
    pub async fn delete_version(
        &self,
        principal: &Principal,
        name: &str,
        version: &str,
        message: Option<&str>,
    ) -> RegistryResult<String> {
        principal.require_scope(Scope::Delete)?;
        principal.require_crate(name)?;
        self.require_owner_second_factor(principal)?;
        let now = self.now();
        let deleted = self
            .db
            .delete_version(
                DeletionRequest {
                    name,
                    caller_id: principal.user.id,
                    now,
                    blocked_until: now,
                    message,
                },
                version,
                |facts| owner_deletion_rule(facts, now),
                &principal.actor,
            )
            .await?;
        self.rewrite_index(deleted.crate_id).await;
        self.remove_files(std::slice::from_ref(&deleted.file)).await;
        Ok(deleted.name)
    }
}
