//! Moderators' actions as rules: which action applies to which kind of target, what each one
//! requires of the facts, and what follows from it.
//!
//! The store reads the facts (the target, its notices, the owners of an account's crates) inside the
//! transaction that will carry the action out, asks these functions, and writes the rows. Nothing
//! here does I/O or reads the clock: `now` is an argument, so every rule is tested at its boundary.
//! The review queue's composition is in [`queue`].

pub mod queue;

use serde::Serialize;
use std::fmt;

/// What kind of thing a report or an action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Crate,
    Version,
    User,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Crate => "crate",
            TargetKind::Version => "version",
            TargetKind::User => "user",
        }
    }
}

impl fmt::Display for TargetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `crate:NAME`: how reports, the queue, the audit log and e-mails name a crate.
pub fn crate_target(name: &str) -> String {
    format!("crate:{name}")
}

/// `crate:NAME@VERSION`.
pub fn version_target(name: &str, version: &str) -> String {
    format!("crate:{name}@{version}")
}

/// `user:LOGIN`.
pub fn user_target(login: &str) -> String {
    format!("user:{login}")
}

/// What a moderator does. Each takes a reason, which is audited and told to those affected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModAction {
    /// Nothing wrong: close the reports and mark the findings reviewed.
    Dismiss,
    /// Lift a hold on a version or a whole crate.
    Release,
    /// Hold a whole crate: out of the index and downloads, closed to publishing.
    Hold,
    Yank,
    RemoveVersion,
    /// Remove a crate for good. `reserve` keeps the name from ever being registered again;
    /// otherwise it is blocked like an owner's deletion.
    RemoveCrate {
        reserve: bool,
    },
    /// Suspend an account until a time, or until lifted.
    Suspend {
        until: Option<i64>,
    },
    Lift,
    /// End an account for good: tokens revoked; with `remove_crates`, the crates it alone owns go.
    Terminate {
        remove_crates: bool,
    },
    /// Make a user a trusted reporter, or stop.
    Trust {
        trusted: bool,
    },
    /// Tell the owners their crate may be removed, and why; they may answer until `deadline`. The
    /// item leaves the queue until then, or until they reply.
    Notice {
        deadline: i64,
    },
    /// Offer a squatted name to another user, after a notice: if they accept, they replace the
    /// current owners.
    Reassign {
        to: String,
    },
}

impl ModAction {
    /// The action's name: in the audit log (`moderation.NAME`), in reports' resolutions and in the
    /// e-mails. `wharf_registry::parse_action` is the one parser of these names.
    pub fn name(&self) -> &'static str {
        match self {
            ModAction::Dismiss => "dismiss",
            ModAction::Release => "release",
            ModAction::Hold => "hold",
            ModAction::Yank => "yank",
            ModAction::RemoveVersion => "remove-version",
            ModAction::RemoveCrate { .. } => "remove-crate",
            ModAction::Suspend { .. } => "suspend",
            ModAction::Lift => "lift",
            ModAction::Terminate { .. } => "terminate",
            ModAction::Trust { trusted: true } => "trust",
            ModAction::Trust { trusted: false } => "untrust",
            ModAction::Notice { .. } => "notice",
            ModAction::Reassign { .. } => "reassign",
        }
    }

    /// Whether the action makes sense on that kind of target.
    pub fn applies_to(&self, kind: TargetKind) -> bool {
        use TargetKind::*;
        match self {
            ModAction::Dismiss => true,
            ModAction::Release => matches!(kind, Crate | Version),
            ModAction::Hold
            | ModAction::RemoveCrate { .. }
            | ModAction::Notice { .. }
            | ModAction::Reassign { .. } => kind == Crate,
            ModAction::Yank | ModAction::RemoveVersion => kind == Version,
            ModAction::Suspend { .. }
            | ModAction::Lift
            | ModAction::Terminate { .. }
            | ModAction::Trust { .. } => kind == User,
        }
    }
}

/// Why an action is not taken, in words the moderator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The request cannot be carried out as made: a missing reason, a date in the past, an action
    /// that does not apply to its target.
    Invalid(String),
    /// The target is not in a state the action changes: releasing what is not held.
    Conflict(String),
}

impl Refusal {
    pub fn message(&self) -> &str {
        match self {
            Refusal::Invalid(message) | Refusal::Conflict(message) => message,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// Every action is explained to those it affects and kept in the audit log, so it needs a reason.
pub fn check_reason(reason: &str) -> Result<(), Refusal> {
    if reason.trim().is_empty() {
        return Err(Refusal::Invalid(
            "every moderation action needs a reason".into(),
        ));
    }
    Ok(())
}

/// `Ok` when `action` applies to a target of this kind.
pub fn check_target(action: &ModAction, kind: TargetKind) -> Result<(), Refusal> {
    if action.applies_to(kind) {
        Ok(())
    } else {
        Err(does_not_apply(action, kind))
    }
}

/// The refusal of an action on a kind of target it does not apply to.
pub fn does_not_apply(action: &ModAction, kind: TargetKind) -> Refusal {
    Refusal::Invalid(format!(
        "`{}` does not apply to a {kind} target",
        action.name()
    ))
}

/// Only what is held can be released: `held` is whether the crate (or version) named `target` is.
pub fn check_release(target: &str, held: bool) -> Result<(), Refusal> {
    if held {
        Ok(())
    } else {
        Err(Refusal::Conflict(format!("`{target}` is not held")))
    }
}

/// A suspension ends later than `now`, or only when lifted (`None`).
pub fn check_suspension(until: Option<i64>, now: i64) -> Result<(), Refusal> {
    if until.is_some_and(|until| until <= now) {
        return Err(Refusal::Invalid(
            "a suspension must end in the future".into(),
        ));
    }
    Ok(())
}

/// Only a suspended account can be lifted; `suspended` is whether one is recorded, even if it has
/// run out (lifting it then clears the record).
pub fn check_lift(login: &str, suspended: bool) -> Result<(), Refusal> {
    if suspended {
        Ok(())
    } else {
        Err(Refusal::Conflict(format!("`{login}` is not suspended")))
    }
}

/// A notice gives the owners time to answer: its deadline is later than `now`.
pub fn check_notice(deadline: i64, now: i64) -> Result<(), Refusal> {
    if deadline <= now {
        return Err(Refusal::Invalid(
            "a notice's deadline must be in the future".into(),
        ));
    }
    Ok(())
}

/// A notice before removal, as the owners and moderators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeRecord {
    pub reason: String,
    pub deadline: i64,
    pub created_at: i64,
    pub reply: Option<String>,
    pub replied_at: Option<i64>,
}

/// Whether the owners still have time to answer a notice: its deadline is later than `now` and they
/// have not replied. While it waits, its crate is out of the queue; once it stops waiting, the
/// squatting review it started is done.
pub fn notice_waits(notice: &NoticeRecord, now: i64) -> bool {
    notice.deadline > now && notice.replied_at.is_none()
}

/// How long the user offered a reassigned name has to accept it.
pub const REASSIGNMENT_OFFER_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// When an offer of a reassigned name made at `now` runs out.
pub fn reassignment_expires_at(now: i64) -> i64 {
    now.saturating_add(REASSIGNMENT_OFFER_MS)
}

/// A name is taken from its owners only after they were told why and had their say: some notice on
/// the crate (`notices`, open or closed) whose deadline passed or which they answered. The offer
/// is an invitation that names who made it, so it needs a moderator's account (`inviter`), not the
/// command line. Returns the inviter.
pub fn check_reassign(
    crate_name: &str,
    inviter: Option<i64>,
    notices: &[NoticeRecord],
    now: i64,
) -> Result<i64, Refusal> {
    let Some(inviter) = inviter else {
        return Err(Refusal::Invalid(
            "a reassignment is offered by a moderator's account (the API), which the invitation names".into(),
        ));
    };
    if notices.iter().all(|notice| notice_waits(notice, now)) {
        return Err(Refusal::Invalid(format!(
            "`{crate_name}` can be reassigned only after the squatting review: send a notice and wait \
             for its deadline or the owners' reply"
        )));
    }
    Ok(inviter)
}

/// How long a removed crate's name stays out of reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameBlock {
    /// Never registered again.
    Forever,
    /// Blocked until then, like after an owner's deletion.
    Until(i64),
}

/// The block on the name of a crate a moderator removes at `now`: forever when `reserve`d,
/// otherwise `block_ms` (the registry's block after an owner's deletion).
pub fn name_block(reserve: bool, now: i64, block_ms: i64) -> NameBlock {
    if reserve {
        NameBlock::Forever
    } else {
        NameBlock::Until(now.saturating_add(block_ms))
    }
}

/// What terminating an account does to one crate it owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnedCrateFate {
    /// The crate stays as it is, the terminated account among its owners.
    Kept,
    /// The account was its only owner: the crate is removed (its name blocked, not reserved).
    Removed,
    /// Others own it too: they keep it, and the account is no longer an owner.
    OwnerDropped,
}

/// What `Terminate { remove_crates }` does to a crate the account owns with `user_owners` user
/// owners in all (itself included; teams are not counted).
pub fn terminated_owners_crate(remove_crates: bool, user_owners: i64) -> OwnedCrateFate {
    match (remove_crates, user_owners) {
        (false, _) => OwnedCrateFate::Kept,
        (true, 1) => OwnedCrateFate::Removed,
        (true, _) => OwnedCrateFate::OwnerDropped,
    }
}

/// How the open reports an action answers are closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOutcome {
    /// Nothing wrong was found.
    Dismissed,
    /// Something was done about it.
    Actioned,
}

impl ReportOutcome {
    /// As stored in `reports.status` and told to the reporter.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportOutcome::Dismissed => "dismissed",
            ReportOutcome::Actioned => "actioned",
        }
    }
}

/// What follows an action besides its own effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aftermath {
    /// The open reports on the target (a crate's include its versions') are closed so, and their
    /// reporters told; `None`: they stay open.
    pub reports: Option<ReportOutcome>,
    /// The review is over: the crate's (or version's) findings count as reviewed and the crate's
    /// open notice is closed.
    pub concludes_review: bool,
    /// The owners (or the user acted on) are told of the action and its reason.
    pub tells_affected: bool,
}

/// What follows `action`. A notice is the one action that decides nothing: the reports stay open
/// until the owners had their say, and the notice itself is what they are told. Dismissing and
/// trusting a reporter change nothing the owners (or the user) need to hear of.
pub fn aftermath(action: &ModAction) -> Aftermath {
    match action {
        ModAction::Notice { .. } => Aftermath {
            reports: None,
            concludes_review: false,
            tells_affected: false,
        },
        ModAction::Dismiss => Aftermath {
            reports: Some(ReportOutcome::Dismissed),
            concludes_review: true,
            tells_affected: false,
        },
        ModAction::Trust { .. } => Aftermath {
            reports: Some(ReportOutcome::Actioned),
            concludes_review: true,
            tells_affected: false,
        },
        _ => Aftermath {
            reports: Some(ReportOutcome::Actioned),
            concludes_review: true,
            tells_affected: true,
        },
    }
}

/// A closed report's resolution, as its reporter and the moderators read it.
pub fn resolution(action: &ModAction, reason: &str) -> String {
    format!("{}: {reason}", action.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    fn every_action() -> Vec<ModAction> {
        vec![
            ModAction::Dismiss,
            ModAction::Release,
            ModAction::Hold,
            ModAction::Yank,
            ModAction::RemoveVersion,
            ModAction::RemoveCrate { reserve: false },
            ModAction::Suspend { until: None },
            ModAction::Lift,
            ModAction::Terminate {
                remove_crates: false,
            },
            ModAction::Trust { trusted: true },
            ModAction::Trust { trusted: false },
            ModAction::Notice { deadline: NOW },
            ModAction::Reassign { to: "dana".into() },
        ]
    }

    #[test]
    fn each_action_applies_to_its_kinds_of_target() {
        use TargetKind::*;
        let allowed = |action: &ModAction| -> Vec<TargetKind> {
            [Crate, Version, User]
                .into_iter()
                .filter(|kind| action.applies_to(*kind))
                .collect()
        };
        let table: Vec<(&str, Vec<TargetKind>)> = every_action()
            .iter()
            .map(|action| (action.name(), allowed(action)))
            .collect();
        assert_eq!(
            table,
            [
                ("dismiss", vec![Crate, Version, User]),
                ("release", vec![Crate, Version]),
                ("hold", vec![Crate]),
                ("yank", vec![Version]),
                ("remove-version", vec![Version]),
                ("remove-crate", vec![Crate]),
                ("suspend", vec![User]),
                ("lift", vec![User]),
                ("terminate", vec![User]),
                ("trust", vec![User]),
                ("untrust", vec![User]),
                ("notice", vec![Crate]),
                ("reassign", vec![Crate]),
            ]
        );
    }

    #[test]
    fn a_mismatched_target_is_refused_in_one_sentence() {
        assert_eq!(
            check_target(&ModAction::Suspend { until: None }, TargetKind::Crate),
            Err(Refusal::Invalid(
                "`suspend` does not apply to a crate target".into()
            ))
        );
        assert_eq!(
            check_target(&ModAction::Yank, TargetKind::User)
                .unwrap_err()
                .message(),
            "`yank` does not apply to a user target"
        );
        assert_eq!(
            check_target(&ModAction::Hold, TargetKind::Version)
                .unwrap_err()
                .message(),
            "`hold` does not apply to a version target"
        );
        assert_eq!(check_target(&ModAction::Hold, TargetKind::Crate), Ok(()));
    }

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<_> = every_action().iter().map(ModAction::name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), every_action().len());
    }

    #[test]
    fn a_reason_is_more_than_blanks() {
        assert!(check_reason("").is_err());
        assert_eq!(
            check_reason(" \n\t").unwrap_err().message(),
            "every moderation action needs a reason"
        );
        assert_eq!(check_reason("x"), Ok(()));
    }

    #[test]
    fn a_suspension_ends_after_now() {
        assert_eq!(
            check_suspension(Some(NOW), NOW),
            Err(Refusal::Invalid(
                "a suspension must end in the future".into()
            ))
        );
        assert!(check_suspension(Some(NOW - 1), NOW).is_err());
        assert_eq!(check_suspension(Some(NOW + 1), NOW), Ok(()));
        assert_eq!(check_suspension(None, NOW), Ok(()));
    }

    #[test]
    fn a_notice_deadline_is_after_now() {
        assert_eq!(
            check_notice(NOW, NOW),
            Err(Refusal::Invalid(
                "a notice's deadline must be in the future".into()
            ))
        );
        assert_eq!(check_notice(NOW + 1, NOW), Ok(()));
    }

    #[test]
    fn release_and_lift_need_something_to_undo() {
        assert_eq!(
            check_release("crate:x@1.0.0", false),
            Err(Refusal::Conflict("`crate:x@1.0.0` is not held".into()))
        );
        assert_eq!(check_release("crate:x", true), Ok(()));
        assert_eq!(
            check_lift("alice", false),
            Err(Refusal::Conflict("`alice` is not suspended".into()))
        );
        assert_eq!(check_lift("alice", true), Ok(()));
    }

    fn notice(deadline: i64, replied_at: Option<i64>) -> NoticeRecord {
        NoticeRecord {
            reason: "no code".into(),
            deadline,
            created_at: deadline - 14 * 24 * 60 * 60 * 1000,
            reply: replied_at.map(|_| "soon".into()),
            replied_at,
        }
    }

    #[test]
    fn a_notice_waits_until_its_deadline_or_a_reply() {
        assert!(notice_waits(&notice(NOW + 1, None), NOW));
        assert!(!notice_waits(&notice(NOW, None), NOW));
        assert!(!notice_waits(&notice(NOW + 1, Some(NOW - 5)), NOW));
    }

    #[test]
    fn reassigning_needs_a_notice_that_stopped_waiting() {
        let refused = "`coveted` can be reassigned only after the squatting review: send a notice \
                       and wait for its deadline or the owners' reply";
        let moderator = Some(7);
        // No notice at all, or one still running.
        assert_eq!(
            check_reassign("coveted", moderator, &[], NOW),
            Err(Refusal::Invalid(refused.into()))
        );
        assert_eq!(
            check_reassign("coveted", moderator, &[notice(NOW + 1, None)], NOW),
            Err(Refusal::Invalid(refused.into()))
        );
        // The deadline reached, or an answer: any one such notice will do.
        assert_eq!(
            check_reassign("coveted", moderator, &[notice(NOW, None)], NOW),
            Ok(7)
        );
        assert_eq!(
            check_reassign(
                "coveted",
                moderator,
                &[notice(NOW + 1, None), notice(NOW + 1, Some(NOW - 1))],
                NOW
            ),
            Ok(7)
        );
        // The command line cannot make the offer, whatever the notices.
        assert!(check_reassign("coveted", None, &[notice(NOW, None)], NOW)
            .unwrap_err()
            .message()
            .contains("moderator's account"));
    }

    #[test]
    fn the_offer_runs_thirty_days() {
        assert_eq!(reassignment_expires_at(0), 30 * 24 * 60 * 60 * 1000);
        assert_eq!(reassignment_expires_at(i64::MAX - 1), i64::MAX);
    }

    #[test]
    fn a_removed_name_is_blocked_or_reserved() {
        assert_eq!(name_block(true, NOW, 1000), NameBlock::Forever);
        assert_eq!(name_block(false, NOW, 1000), NameBlock::Until(NOW + 1000));
        assert_eq!(name_block(false, NOW, i64::MAX), NameBlock::Until(i64::MAX));
    }

    #[test]
    fn termination_removes_only_crates_the_account_alone_owns() {
        assert_eq!(terminated_owners_crate(true, 1), OwnedCrateFate::Removed);
        assert_eq!(
            terminated_owners_crate(true, 2),
            OwnedCrateFate::OwnerDropped
        );
        assert_eq!(terminated_owners_crate(false, 1), OwnedCrateFate::Kept);
        assert_eq!(terminated_owners_crate(false, 3), OwnedCrateFate::Kept);
    }

    #[test]
    fn what_follows_each_action() {
        let dismiss = aftermath(&ModAction::Dismiss);
        assert_eq!(dismiss.reports, Some(ReportOutcome::Dismissed));
        assert!(dismiss.concludes_review && !dismiss.tells_affected);
        let notice = aftermath(&ModAction::Notice { deadline: NOW });
        assert_eq!(notice.reports, None);
        assert!(!notice.concludes_review && !notice.tells_affected);
        let trust = aftermath(&ModAction::Trust { trusted: false });
        assert_eq!(trust.reports, Some(ReportOutcome::Actioned));
        assert!(!trust.tells_affected);
        for action in every_action() {
            if !matches!(
                action,
                ModAction::Dismiss | ModAction::Notice { .. } | ModAction::Trust { .. }
            ) {
                let after = aftermath(&action);
                assert_eq!(after.reports, Some(ReportOutcome::Actioned), "{action:?}");
                assert!(after.concludes_review && after.tells_affected, "{action:?}");
            }
        }
        assert_eq!(
            resolution(&ModAction::RemoveCrate { reserve: true }, "malware"),
            "remove-crate: malware"
        );
        assert_eq!(ReportOutcome::Dismissed.as_str(), "dismissed");
        assert_eq!(ReportOutcome::Actioned.as_str(), "actioned");
    }

    #[test]
    fn targets_are_named_as_reports_name_them() {
        assert_eq!(crate_target("serde"), "crate:serde");
        assert_eq!(version_target("serde", "1.0.0"), "crate:serde@1.0.0");
        assert_eq!(user_target("alice"), "user:alice");
        assert_eq!(TargetKind::Version.to_string(), "version");
    }
}

/// How far an account's rights reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    User,
    Moderator,
    Admin,
}

impl Rank {
    pub fn of(is_admin: bool, is_moderator: bool) -> Rank {
        match (is_admin, is_moderator) {
            (true, _) => Rank::Admin,
            (false, true) => Rank::Moderator,
            (false, false) => Rank::User,
        }
    }
}

/// Who takes a moderation action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acting {
    /// Whoever runs the registry, from its command line: every account is within reach.
    Operator,
    /// A signed-in moderator or admin.
    Account { id: i64, rank: Rank },
}

/// Whether an action on the account `target_id` of `target_rank` is within the actor's reach: an
/// account acts only on accounts of a lower rank, and never on itself — a moderator cannot
/// suspend an admin, and nobody marks themselves a trusted reporter or lifts their own suspension.
pub fn may_act_on_account(acting: Acting, target_id: i64, target_rank: Rank) -> Result<(), String> {
    match acting {
        Acting::Operator => Ok(()),
        Acting::Account { id, .. } if id == target_id => {
            Err("moderators do not act on their own account: ask another moderator".into())
        }
        Acting::Account { rank, .. } if target_rank >= rank => Err(format!(
            "only a higher role acts on this account: it is {}",
            match target_rank {
                Rank::Admin => "an administrator",
                Rank::Moderator => "a moderator",
                Rank::User => "a user",
            }
        )),
        Acting::Account { .. } => Ok(()),
    }
}

#[cfg(test)]
mod reach_tests {
    use super::*;

    #[test]
    fn accounts_act_only_below_their_rank_and_never_on_themselves() {
        let moderator = Acting::Account {
            id: 1,
            rank: Rank::Moderator,
        };
        let admin = Acting::Account {
            id: 2,
            rank: Rank::Admin,
        };
        assert!(may_act_on_account(moderator, 3, Rank::User).is_ok());
        assert!(may_act_on_account(moderator, 4, Rank::Moderator).is_err());
        assert!(may_act_on_account(moderator, 2, Rank::Admin).is_err());
        assert!(may_act_on_account(moderator, 1, Rank::Moderator)
            .unwrap_err()
            .contains("their own account"));
        assert!(may_act_on_account(admin, 1, Rank::Moderator).is_ok());
        assert!(may_act_on_account(admin, 5, Rank::Admin).is_err());
        assert!(may_act_on_account(admin, 2, Rank::Admin).is_err());
        assert!(may_act_on_account(Acting::Operator, 2, Rank::Admin).is_ok());
        assert_eq!(Rank::of(true, true), Rank::Admin);
        assert_eq!(Rank::of(false, true), Rank::Moderator);
        assert_eq!(Rank::of(false, false), Rank::User);
    }
}
