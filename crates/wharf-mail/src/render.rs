//! The wording of every message: a notification in, a subject and a plain-text body out.
//!
//! Plain text only: it reads the same in every client, and there is nothing to sanitise.

use wharf_store::{rfc3339, Notification};

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// Words a notification for its recipient. `public_url` is the registry's address, for links.
pub fn render(notification: &Notification, public_url: &str) -> Rendered {
    let (subject, mut body) = match notification {
        Notification::OwnerInvitation {
            crate_name,
            crate_id,
            inviter,
            accept_token,
            expires_at,
            replaces_owners,
        } => {
            let mut body = format!(
                "{inviter} invited you to become an owner of the crate `{crate_name}`.\n\n\
                 Owners can publish new versions, yank them, and change the crate's owners. Nothing \
                 changes unless you accept.\n\n"
            );
            if *replaces_owners {
                body.push_str(
                    "The name was found to be squatted: if you accept, you become its only owner and \
                     the current owners are removed.\n\n",
                );
            }
            body.push_str(&format!(
                "To accept or decline, sign in and open your invitations:\n\n    \
                 {public_url}/settings/invitations\n\n"
            ));
            match accept_token {
                Some(token) => body.push_str(&format!(
                    "Or accept without signing in: send this one-time link with PUT (the link is the proof):\n\n    \
                     curl -X PUT {public_url}/api/v1/me/crate_owner_invitations/accept/{token}\n\n"
                )),
                None => body.push_str("(The one-time accept link is left out of this copy.)\n\n"),
            }
            body.push_str(&format!(
                "Or answer with your own API token:\n\n    \
                 PUT {public_url}/api/v1/me/crate_owner_invitations/{crate_id}\n    \
                 {{\"crate_owner_invite\": {{\"crate_id\": {crate_id}, \"accepted\": true}}}}\n\n\
                 (\"accepted\": false declines.) The invitation expires at {}.",
                rfc3339(*expires_at)
            ));
            (format!("Invitation to own the crate {crate_name}"), body)
        }
        Notification::OwnersChanged {
            crate_name,
            owner,
            added,
            by,
        } => {
            let by = by_whom(by.as_deref());
            if *added {
                (
                    format!("{owner} is now an owner of {crate_name}"),
                    format!("{owner} became an owner of the crate `{crate_name}`{by}."),
                )
            } else {
                (
                    format!("{owner} is no longer an owner of {crate_name}"),
                    format!("{owner} was removed from the owners of the crate `{crate_name}`{by}."),
                )
            }
        }
        Notification::VersionPublished {
            crate_name,
            version,
            publisher,
            held,
        } => {
            let mut body = format!(
                "{publisher} published version {version} of the crate `{crate_name}`.\n\n\
                 {public_url}/api/v1/crates/{crate_name}/{version}\n"
            );
            if *held {
                body.push_str(
                    "\nThe registry's checks held this version for review: it is not in the index and \
                     cannot be downloaded until a moderator releases it. The findings are at\n\
                     ",
                );
                body.push_str(&format!(
                    "{public_url}/api/v1/crates/{crate_name}/{version}/findings\n"
                ));
            }
            (format!("{crate_name} {version} published"), body)
        }
        Notification::TrustedPublishingChanged {
            crate_name,
            workflow,
            added,
            by,
        } => {
            let by = by_whom(by.as_deref());
            if *added {
                (
                    format!("A CI workflow may now publish {crate_name}"),
                    format!(
                        "{workflow} may now publish new versions of the crate `{crate_name}` \
                         without an API token (trusted publishing){by}.\n\n\
                         If this was not you or another owner, remove it at \
                         {public_url}/settings/crates and change your password."
                    ),
                )
            } else {
                (
                    format!("A CI workflow may no longer publish {crate_name}"),
                    format!(
                        "{workflow} may no longer publish the crate `{crate_name}`{by}."
                    ),
                )
            }
        }
        Notification::TokenCreated { token_name } => (
            format!("New API token \"{token_name}\""),
            format!(
                "An API token named \"{token_name}\" was created for your account.\n\n\
                 If you did not create it, revoke it at once and tell the registry's team."
            ),
        ),
        Notification::CrateDeleted {
            crate_name,
            version,
            by,
        } => {
            let by = by_whom(by.as_deref());
            match version {
                Some(version) => (
                    format!("{crate_name} {version} deleted"),
                    format!(
                        "Version {version} of the crate `{crate_name}` was deleted{by}. Deletion is \
                         permanent, and the version number cannot be published again."
                    ),
                ),
                None => (
                    format!("{crate_name} deleted"),
                    format!(
                        "The crate `{crate_name}` was deleted{by}. Deletion is permanent; its version \
                         numbers cannot be published again under that name."
                    ),
                ),
            }
        }
        Notification::ReportReceived {
            report_id,
            target,
            category,
        } => (
            format!("Report #{report_id} received"),
            format!(
                "Thank you: your report #{report_id} about {target} ({category}) reached the registry's \
                 moderators. You will hear from us when they have decided on it; its status is at\n\n    \
                 {public_url}/settings/reports\n\n\
                 (or, for programs, {public_url}/api/v1/me/reports)"
            ),
        ),
        Notification::ReportResolved {
            report_id,
            target,
            outcome,
        } => {
            let body = match outcome.as_str() {
                "gone" => format!(
                    "Your report #{report_id} about {target} is closed: its owners deleted it before \
                     the moderators decided, so there is nothing left to act on. Thank you for \
                     helping keep the registry safe."
                ),
                _ => {
                    let what = if outcome == "dismissed" {
                        "looked into it and found no breach of the usage policy to act on"
                    } else {
                        "acted on it"
                    };
                    format!(
                        "The registry's moderators {what}: your report #{report_id} about {target} is \
                         closed as {outcome}. Thank you for helping keep the registry safe."
                    )
                }
            };
            (format!("Report #{report_id} decided"), body)
        }
        Notification::RemovalNotice {
            crate_name,
            reason,
            deadline,
        } => (
            format!("Notice: {crate_name} may be removed"),
            format!(
                "The registry's moderators are considering removing the crate `{crate_name}`.\n\n\
                 Reason: {reason}\n\n\
                 You can explain why it should stay until {}. Answer with an owner's token:\n\n    \
                 PUT {public_url}/api/v1/crates/{crate_name}/notice\n    {{\"reply\": \"…\"}}\n\n\
                 A moderator decides after the deadline or after your answer.",
                rfc3339(*deadline)
            ),
        ),
        Notification::TokenExpiring {
            token_name,
            expires_at,
        } => (
            format!("API token \"{token_name}\" expires soon"),
            format!(
                "Your API token \"{token_name}\" expires at {}. Create a new one before then if you \
                 still need it (for example in CI).",
                rfc3339(*expires_at)
            ),
        ),
        Notification::TokenExposed {
            token_name,
            reporter,
            source,
            url,
        } => (
            format!("API token \"{token_name}\" was found in public and revoked"),
            format!(
                "{reporter} told this registry that your API token \"{token_name}\" is exposed in \
                 public ({}). It has been revoked: it no longer works, for you or for whoever found it.\n\n\
                 Create a new token where you need one, and look over your crates and account for \
                 changes you did not make: {public_url}/settings\n\n{}",
                if source.is_empty() { "no source given" } else { source },
                if url.is_empty() {
                    "The report did not say where the token was found.".to_string()
                } else {
                    format!("Where it was found: {url}")
                }
            ),
        ),
        Notification::VerifyEmail {
            login,
            link_token,
            expires_at,
        } => (
            "Verify your e-mail address".to_string(),
            match link_token {
                Some(token) => format!(
                    "Someone, probably you, opened the account `{login}` with this address.\n\n\
                     To confirm that the address is yours, open this link before {}:\n\n    \
                     {public_url}/account/verify/{token}\n\n\
                     Until then the account cannot create API tokens. If you did not sign up, ignore \
                     this message: the account stays unverified.",
                    rfc3339(*expires_at)
                ),
                None => format!(
                    "A link to verify the address of the account `{login}` was sent here. (The link \
                     is left out of this copy.)"
                ),
            },
        ),
        Notification::PasswordReset {
            login,
            link_token,
            expires_at,
        } => (
            "Reset your password".to_string(),
            match link_token {
                Some(token) => format!(
                    "Someone, probably you, asked to reset the password of the account `{login}`.\n\n\
                     To choose a new password, open this link before {}:\n\n    \
                     {public_url}/account/reset/{token}\n\n\
                     Setting a new password signs the account out everywhere. If you did not ask for \
                     this, ignore this message: nothing changes.",
                    rfc3339(*expires_at)
                ),
                None => format!(
                    "A link to reset the password of the account `{login}` was sent here. (The link \
                     is left out of this copy.)"
                ),
            },
        ),
        Notification::ActionTaken {
            target,
            action,
            reason,
        } => (
            format!("Moderation action on {target}: {action}"),
            format!(
                "The registry's moderators took this action on {target}: {action}.\n\n\
                 Reason: {reason}\n\n\
                 If you think this is a mistake, reply to this message within 30 days and explain why; \
                 a moderator who did not take the decision will review it."
            ),
        ),
    };
    body.push_str(&format!(
        "\n\n-- \nWharf at {public_url}\nYou receive this because of your account on this registry.\n"
    ));
    Rendered {
        subject: format!("[Wharf] {subject}"),
        body,
    }
}

/// ` by alice`, or nothing when nobody in particular did it.
fn by_whom(by: Option<&str>) -> String {
    by.map(|b| format!(" by {b}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation(token: Option<&str>) -> Notification {
        Notification::OwnerInvitation {
            crate_name: "serde-lite".into(),
            crate_id: 7,
            inviter: "alice".into(),
            accept_token: token.map(str::to_string),
            expires_at: 0,
            replaces_owners: false,
        }
    }

    #[test]
    fn account_links_are_in_the_message_only_while_they_are_secret() {
        let reset = Notification::PasswordReset {
            login: "alice".into(),
            link_token: Some("s3cret".into()),
            expires_at: 0,
        };
        let with = render(&reset, "https://r.example");
        assert!(with.body.contains("https://r.example/account/reset/s3cret"));
        let without = render(&reset.without_secrets(), "https://r.example");
        assert!(!without.body.contains("s3cret"));
        let verify = Notification::VerifyEmail {
            login: "alice".into(),
            link_token: Some("v3rify".into()),
            expires_at: 0,
        };
        assert!(render(&verify, "https://r.example")
            .body
            .contains("https://r.example/account/verify/v3rify"));
        assert!(!render(&verify.without_secrets(), "https://r.example")
            .body
            .contains("v3rify"));
    }

    #[test]
    fn an_invitation_carries_its_accept_link_only_while_it_has_the_token() {
        let with = render(&invitation(Some("wharf_secret")), "https://r.example");
        assert!(with
            .body
            .contains("https://r.example/api/v1/me/crate_owner_invitations/accept/wharf_secret"));
        assert_eq!(
            with.subject,
            "[Wharf] Invitation to own the crate serde-lite"
        );
        let without = render(
            &invitation(Some("wharf_secret")).without_secrets(),
            "https://r.example",
        );
        assert!(!without.body.contains("wharf_secret"));
        assert!(without.body.contains("crate_owner_invitations/7"));
        // The settings page answers it too, with or without the one-time token.
        for rendered in [&with, &without] {
            assert!(rendered
                .body
                .contains("https://r.example/settings/invitations"));
        }
    }

    #[test]
    fn a_held_version_says_so() {
        let held = render(
            &Notification::VersionPublished {
                crate_name: "x".into(),
                version: "1.0.0".into(),
                publisher: "bob".into(),
                held: true,
            },
            "http://h",
        );
        assert!(held.body.contains("held this version for review"));
        assert!(held
            .body
            .contains("http://h/api/v1/crates/x/1.0.0/findings"));
    }
}
