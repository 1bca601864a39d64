//! Yanking and un-yanking a version: it stays downloadable for lockfiles that name it, and new
//! resolutions skip it.

use crate::{Principal, Registry, RegistryResult};
use wharf_store::Scope;

impl Registry {
    /// Yanks (`yanked = true`) or un-yanks a version, then rewrites the crate's index file.
    pub async fn set_yanked(
        &self,
        principal: &Principal,
        crate_name: &str,
        version: &str,
        yanked: bool,
    ) -> RegistryResult<()> {
        principal.require_scope(Scope::Yank)?;
        principal.require_crate(crate_name)?;
        self.require_owner_second_factor(principal)?;
        let crate_id = self
            .db
            .set_yanked(
                crate_name,
                version,
                yanked,
                principal.user.id,
                Some(self.config.rate_limits.yank),
                &principal.actor,
            )
            .await?;
        self.rewrite_index(crate_id).await;
        Ok(())
    }
}
