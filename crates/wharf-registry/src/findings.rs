//! Reading what the policy found in an upload: for the crate's owners and the registry's admins.

use crate::{Principal, Registry, RegistryError, RegistryResult};
use wharf_store::{Scope, StoredFinding};

/// A version's verdict, whether it is held, and the findings behind it.
#[derive(Debug, Clone)]
pub struct VersionFindings {
    pub verdict: String,
    pub held: bool,
    pub findings: Vec<StoredFinding>,
}

impl Registry {
    /// The policy's findings on one version. A token must be allowed to act on the crate and to
    /// publish (findings explain a publish's outcome), like every other credential that names a
    /// crate.
    pub async fn version_findings(
        &self,
        principal: &Principal,
        crate_name: &str,
        version: &str,
    ) -> RegistryResult<VersionFindings> {
        principal.require_crate(crate_name)?;
        if !(principal.allows_scope(Scope::PublishNew)
            || principal.allows_scope(Scope::PublishUpdate))
        {
            return Err(RegistryError::Forbidden(
                "reading a crate's policy findings needs a token with a publish scope".into(),
            ));
        }
        let krate = self.db.crate_by_name(crate_name).await?.ok_or_else(|| {
            RegistryError::NotFound(format!("crate `{crate_name}` does not exist"))
        })?;
        if !principal.user.is_admin && !self.db.is_crate_owner(krate.id, principal.user.id).await? {
            return Err(RegistryError::Forbidden(format!(
                "only owners of `{}` and administrators can see its policy findings",
                krate.name
            )));
        }
        let (verdict, held, findings) =
            self.db
                .findings_of(krate.id, version)
                .await?
                .ok_or_else(|| {
                    RegistryError::NotFound(format!(
                        "crate `{crate_name}` has no version `{version}`"
                    ))
                })?;
        Ok(VersionFindings {
            verdict,
            held,
            findings,
        })
    }
}
