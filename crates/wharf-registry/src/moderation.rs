//! Moderators' actions: parsing an action and its options, checking who may take it, and applying
//! it — the database in one transaction, then the files that live outside it.

use crate::{Principal, Registry, RegistryError, RegistryResult};
use serde::{Deserialize, Serialize};
use wharf_policy::moderation::{may_act_on_account, Acting, Rank};
use wharf_store::{Actor, ModAction, ModOutcome, Target};

/// Evidence that the caller may moderate: made only by [`Moderator::verify`] (a moderator's or
/// admin's account, with a credential not narrowed to some scopes) or [`Moderator::operator`]
/// (the command line, run by whoever runs the registry).
#[derive(Debug, Clone)]
pub struct Moderator {
    actor: Actor,
    acting: Acting,
}

impl Moderator {
    pub fn verify(principal: &Principal) -> RegistryResult<Moderator> {
        principal.require_moderator()?;
        let user = &principal.user;
        Ok(Moderator {
            actor: principal.actor.clone(),
            acting: Acting::Account {
                id: user.id,
                rank: Rank::of(user.is_admin, user.is_moderator),
            },
        })
    }

    pub fn operator(actor: Actor) -> Moderator {
        Moderator {
            actor,
            acting: Acting::Operator,
        }
    }
}

/// How one target of a bulk action went.
#[derive(Debug, Clone, Serialize)]
pub struct BulkResult {
    /// `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`.
    pub target: String,
    pub ok: bool,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// An action's options, as the API and the CLI take them.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionOptions {
    /// For `suspend` and `notice`: the end, in RFC 3339.
    pub until: Option<String>,
    /// For `suspend` and `notice`: the length in days, instead of `until`.
    pub days: Option<u32>,
    /// For `remove-crate`: keep the name from ever being registered again.
    #[serde(default)]
    pub reserve: bool,
    /// For `terminate`: remove the crates the account alone owns.
    #[serde(default)]
    pub remove_crates: bool,
    /// For `reassign`: the user offered the name.
    pub to: Option<String>,
}

/// How long owners have to answer a notice unless the moderator says otherwise.
const NOTICE_DAYS: u32 = 14;

/// A point in time from `until` (RFC 3339) or `days` from now; `None` when neither is given.
fn end_time(until: Option<&str>, days: Option<u32>) -> RegistryResult<Option<i64>> {
    match (until, days) {
        (Some(_), Some(_)) => Err(RegistryError::Invalid(
            "give `until` or `days`, not both".into(),
        )),
        (Some(text), None) => Ok(Some(
            chrono::DateTime::parse_from_rfc3339(text)
                .map_err(|e| RegistryError::Invalid(format!("invalid `until` `{text}`: {e}")))?
                .timestamp_millis(),
        )),
        (None, Some(days)) => Ok(Some(
            wharf_store::now_millis() + i64::from(days) * 86_400_000,
        )),
        (None, None) => Ok(None),
    }
}

/// Every action's name, as [`parse_action`] knows them, in the order moderators meet them.
pub const ACTION_NAMES: &[&str] = &[
    "dismiss",
    "release",
    "hold",
    "yank",
    "remove-version",
    "remove-crate",
    "suspend",
    "lift",
    "terminate",
    "trust",
    "untrust",
    "notice",
    "reassign",
];

/// Turns an action's name and options into the action.
pub fn parse_action(name: &str, options: &ActionOptions) -> RegistryResult<ModAction> {
    let ActionOptions {
        until,
        days,
        reserve,
        remove_crates,
        to,
    } = options;
    let (until, days, reserve, remove_crates) = (until.as_deref(), *days, *reserve, *remove_crates);
    Ok(match name {
        "dismiss" => ModAction::Dismiss,
        "release" => ModAction::Release,
        "hold" => ModAction::Hold,
        "yank" => ModAction::Yank,
        "remove-version" => ModAction::RemoveVersion,
        "remove-crate" => ModAction::RemoveCrate { reserve },
        "suspend" => ModAction::Suspend {
            until: end_time(until, days)?,
        },
        "notice" => ModAction::Notice {
            deadline: match end_time(until, days)? {
                Some(deadline) => deadline,
                None => wharf_store::now_millis() + i64::from(NOTICE_DAYS) * 86_400_000,
            },
        },
        "reassign" => ModAction::Reassign {
            to: to.clone().ok_or_else(|| {
                RegistryError::Invalid("`reassign` needs `to`: the user offered the name".into())
            })?,
        },
        "lift" => ModAction::Lift,
        "terminate" => ModAction::Terminate { remove_crates },
        "trust" => ModAction::Trust { trusted: true },
        "untrust" => ModAction::Trust { trusted: false },
        other => {
            return Err(RegistryError::Invalid(format!(
                "unknown action `{other}`: use one of {}",
                ACTION_NAMES.join(", ")
            )))
        }
    })
}

impl Registry {
    /// Applies a moderator's action: the database, then the files.
    pub async fn moderate(
        &self,
        moderator: &Moderator,
        action: &ModAction,
        target: &Target,
        reason: &str,
    ) -> RegistryResult<()> {
        if let Target::User(login) = target {
            // An account out of reach is refused before anything is read for the action; an
            // unknown one is left to the store, which says so.
            if let Some(account) = self.db.user_by_login(login).await? {
                let rank = Rank::of(account.is_admin, account.is_moderator);
                may_act_on_account(moderator.acting, account.id, rank)
                    .map_err(RegistryError::Forbidden)?;
            }
        }
        let outcome = self
            .db
            .moderate(
                action,
                target,
                reason,
                self.config.deleted_name_block.as_millis() as i64,
                self.now(),
                &moderator.actor,
            )
            .await?;
        // A held, removed or released crate, or a suspended owner's, leaves or rejoins the
        // search's answers at once.
        self.forget_broad_searches();
        self.apply(&outcome).await
    }

    /// Applies one action to many targets, each on its own, and says how each went.
    pub async fn moderate_all(
        &self,
        moderator: &Moderator,
        action: &ModAction,
        targets: &[Target],
        reason: &str,
    ) -> Vec<BulkResult> {
        let mut results = Vec::new();
        for target in targets {
            let label = match target {
                Target::Crate(name) => format!("crate:{name}"),
                Target::Version(name, version) => format!("crate:{name}@{version}"),
                Target::User(login) => format!("user:{login}"),
            };
            let result = self.moderate(moderator, action, target, reason).await;
            results.push(BulkResult {
                target: label,
                ok: result.is_ok(),
                detail: result.err().map(|e| e.detail()),
            });
        }
        results
    }

    /// What an action leaves to do outside the database: index files and `.crate` files.
    async fn apply(&self, outcome: &ModOutcome) -> RegistryResult<()> {
        for crate_id in &outcome.reindex {
            self.rewrite_index(*crate_id).await;
        }
        for name in &outcome.removed_crates {
            self.remove_index(name).await?;
        }
        self.remove_files(&outcome.removed_files).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ModAction::name` is what the API, the web forms and the command line send back: every name
    /// must parse to an action of that name.
    #[test]
    fn every_action_name_parses_back() {
        let options = ActionOptions {
            to: Some("dana".into()),
            ..ActionOptions::default()
        };
        for action in [
            ModAction::Dismiss,
            ModAction::Release,
            ModAction::Hold,
            ModAction::Yank,
            ModAction::RemoveVersion,
            ModAction::RemoveCrate { reserve: true },
            ModAction::Suspend { until: None },
            ModAction::Lift,
            ModAction::Terminate {
                remove_crates: true,
            },
            ModAction::Trust { trusted: true },
            ModAction::Trust { trusted: false },
            ModAction::Notice { deadline: 0 },
            ModAction::Reassign { to: "dana".into() },
        ] {
            let parsed = parse_action(action.name(), &options).unwrap();
            assert_eq!(parsed.name(), action.name());
            assert!(ACTION_NAMES.contains(&action.name()), "{}", action.name());
        }
        for name in ACTION_NAMES {
            assert_eq!(parse_action(name, &options).unwrap().name(), *name);
        }
        assert!(parse_action("smite", &options).is_err());
    }
}
