//! Who is asking: the account, the credential it used, and where the request came from.

use crate::{RegistryError, RegistryResult};
use std::net::IpAddr;
use wharf_store::{Actor, Scope, TokenRecord, UserRecord};

/// The account a use-case acts for, and the credential it acts with.
///
/// An API token may be narrowed to some scopes and some crates; a web session and the operator's
/// command line are not narrowed, so `token` is `None` for them.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: UserRecord,
    pub token: Option<TokenRecord>,
    /// How the audit log names this caller (user, token or session, client address).
    pub actor: Actor,
    /// The trusted-publishing token a CI job acts with, in `user`'s name (the owner who set up
    /// the job's configuration); `token` then carries what it may do.
    pub trusted_publishing_token: Option<i64>,
}

impl Principal {
    /// Whether the credential may do what `scope` covers.
    pub fn allows_scope(&self, scope: Scope) -> bool {
        self.token.as_ref().is_none_or(|t| t.allows_scope(scope))
    }

    /// Refuses unless the credential carries `scope`.
    pub fn require_scope(&self, scope: Scope) -> RegistryResult<()> {
        if self.allows_scope(scope) {
            Ok(())
        } else {
            Err(RegistryError::Forbidden(format!(
                "this token does not have the `{}` scope needed for this action",
                scope.as_str()
            )))
        }
    }

    /// Refuses unless the credential may act on the named crate.
    pub fn require_crate(&self, name: &str) -> RegistryResult<()> {
        if self.token.as_ref().is_none_or(|t| t.allows_crate(name)) {
            Ok(())
        } else {
            Err(RegistryError::Forbidden(format!(
                "this token is limited to other crates and cannot act on `{name}`"
            )))
        }
    }

    /// Refuses a token limited to some crates, for an act that reaches past any one crate: a
    /// team's membership decides who may publish every crate the team owns, now and later.
    pub fn require_every_crate(&self) -> RegistryResult<()> {
        if self
            .token
            .as_ref()
            .is_some_and(|t| t.crate_scopes.is_some())
        {
            return Err(RegistryError::Forbidden(
                "this token is limited to some crates, and this reaches crates beyond them: use a \
                 token for every crate"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Refuses unless the account moderates, with a credential made for every job: a token limited
    /// to some scopes was made for a narrower job than moderating.
    pub fn require_moderator(&self) -> RegistryResult<()> {
        if !self.user.can_moderate() {
            return Err(RegistryError::Forbidden(
                "only the registry's moderators and admins can do this".into(),
            ));
        }
        self.require_unrestricted()
    }

    /// Refuses a token narrowed to some scopes or to some crates: moderation reaches every crate
    /// and account, so it needs a credential made for every job.
    pub fn require_unrestricted(&self) -> RegistryResult<()> {
        if self
            .token
            .as_ref()
            .is_some_and(|t| t.endpoint_scopes.is_some() || t.crate_scopes.is_some())
        {
            return Err(RegistryError::Forbidden(
                "moderation needs a token without scope or crate restrictions".into(),
            ));
        }
        Ok(())
    }
}

/// The client's address: the connection's peer, or — only when the operator says a proxy is in
/// front (`behind_proxy`) — the address that proxy appended last to `X-Forwarded-For`. Earlier
/// entries are whatever the client claimed and are never trusted.
pub fn client_address(
    behind_proxy: bool,
    headers: &http::HeaderMap,
    peer: Option<IpAddr>,
) -> Option<IpAddr> {
    if behind_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|v| v.trim().parse().ok())
            .next_back();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(values: &[&str]) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_proxy_s_last_entry_counts_only_behind_a_proxy() {
        let peer = Some("127.0.0.1".parse().unwrap());
        let header = forwarded(&["198.51.100.1, 192.0.2.7"]);
        assert_eq!(
            client_address(true, &header, peer),
            Some("192.0.2.7".parse().unwrap())
        );
        assert_eq!(
            client_address(true, &forwarded(&["198.51.100.1", "192.0.2.9"]), peer),
            Some("192.0.2.9".parse().unwrap())
        );
        assert_eq!(client_address(false, &header, peer), peer);
        assert_eq!(
            client_address(true, &forwarded(&["not an address"]), peer),
            peer
        );
        assert_eq!(client_address(true, &forwarded(&[]), peer), peer);
    }
}
