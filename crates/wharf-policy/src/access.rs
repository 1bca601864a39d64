//! Who may do what to a crate: publish a version, yank, change owners — and which names and
//! version numbers a deletion keeps blocked.
//!
//! Each rule follows one shape: the store reads the facts inside the transaction of the act, the
//! rule decides on those facts alone (with `now` passed in), and the store writes the rows or
//! returns the [`Refusal`]. So the facts cannot change between the decision and the act, and every
//! rule is tested here at its boundaries without a database.

/// What kind of "no" a refusal is; front ends turn it into a status, a page or an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// The caller may not do this.
    Forbidden,
    /// The request clashes with the registry's state (a taken name, a used version number).
    Conflict,
    /// The request is not acceptable as it is (a name spelled differently from the crate's).
    Invalid,
    /// The thing is not there for this caller (a held version is invisible).
    NotFound,
    /// The thing was there but is no longer valid (an expired invitation).
    Gone,
    /// A rule of the usage policy says no to an otherwise valid request.
    Refused,
}

/// A rule's "no", with the sentence that says why to the person who asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub message: String,
}

impl Refusal {
    fn new(kind: RefusalKind, message: String) -> Refusal {
        Refusal { kind, message }
    }
}

/// How the caller stands to an existing crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// A user owner: every right over the crate.
    Owner,
    /// A member of a team that owns the crate: may publish and yank, nothing else.
    TeamMember,
    /// Neither.
    Stranger,
}

impl Standing {
    pub fn of(is_user_owner: bool, is_member_of_owning_team: bool) -> Standing {
        match (is_user_owner, is_member_of_owning_team) {
            (true, _) => Standing::Owner,
            (false, true) => Standing::TeamMember,
            (false, false) => Standing::Stranger,
        }
    }

    /// Whether the caller may publish new versions and yank: owners and owning teams' members.
    pub fn may_release(self) -> bool {
        matches!(self, Standing::Owner | Standing::TeamMember)
    }
}

/// A deleted crate of the same canonical name, as `deleted_crates` keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedCrate {
    /// The name as it was spelled.
    pub name: String,
    /// Until when nobody may take the name; [`RESERVED_FOREVER`] for a name moderators reserved.
    pub blocked_until: i64,
    /// The version numbers it had, never to be published again under that name.
    pub versions: Vec<String>,
}

/// `blocked_until` of a name that is never free again.
pub const RESERVED_FOREVER: i64 = i64::MAX;

/// What deletions left behind for a name and a version number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeletionTraces {
    /// Earlier crates of this canonical name that were deleted.
    pub deleted_crates: Vec<DeletedCrate>,
    /// Versions of this canonical name deleted on their own: the crate's spelling and the number.
    pub deleted_versions: Vec<(String, String)>,
}

/// Whether two version numbers are the same one: build metadata does not make a new version, for
/// deleted versions as for live ones.
fn same_version(a: &str, b: &str) -> bool {
    match (semver::Version::parse(a), semver::Version::parse(b)) {
        (Ok(mut a), Ok(mut b)) => {
            a.build = semver::BuildMetadata::EMPTY;
            b.build = semver::BuildMetadata::EMPTY;
            a == b
        }
        _ => a == b,
    }
}

fn version_never_reused(version: &str, name: &str) -> Refusal {
    Refusal::new(
        RefusalKind::Conflict,
        format!(
            "version `{version}` of `{name}` was published before and deleted; a version number is \
             never reused: publish a new one"
        ),
    )
}

/// Whether deletions block publishing `version` now: a version number deleted once is never used
/// again; a deleted crate's name is free only after its block ends (never, if reserved).
pub fn deletion_block(traces: &DeletionTraces, version: &str, now: i64) -> Option<Refusal> {
    if let Some((name, _)) = traces
        .deleted_versions
        .iter()
        .find(|(_, deleted)| same_version(deleted, version))
    {
        return Some(version_never_reused(version, name));
    }
    for deleted in &traces.deleted_crates {
        if deleted.blocked_until == RESERVED_FOREVER {
            return Some(Refusal::new(
                RefusalKind::Conflict,
                format!(
                    "the name `{}` was removed by the registry's moderators and is reserved",
                    deleted.name
                ),
            ));
        }
        if deleted.blocked_until > now {
            return Some(Refusal::new(
                RefusalKind::Conflict,
                format!(
                    "the crate `{}` was deleted recently; its name is free again after {}",
                    deleted.name,
                    rfc3339(deleted.blocked_until)
                ),
            ));
        }
        if deleted.versions.iter().any(|v| same_version(v, version)) {
            return Some(version_never_reused(version, &deleted.name));
        }
    }
    None
}

/// A time in milliseconds since the epoch as `2024-01-31T12:00:00Z` (UTC, second precision, as
/// cargo's `pubtime` and crates.io's API use). The store re-exports it, so every time Wharf shows
/// is written the same way.
pub fn rfc3339(millis: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp_millis(millis)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The crate a publish would add a version to, as read in the publish transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingCrate {
    /// The name as the crate was first published.
    pub name: String,
    /// Why moderators hold the whole crate, if they do.
    pub held_reason: Option<String>,
    pub standing: Standing,
    /// The published version equal to the new one ignoring build metadata, if any.
    pub same_version: Option<String>,
    /// Whether its owners accept new versions only from trusted publishing (a CI job's token),
    /// so that a stolen API token cannot publish it.
    pub trusted_publishing_only: bool,
}

/// Everything a publish is decided on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishFacts {
    /// The name as the publisher spelled it.
    pub name: String,
    pub version: String,
    /// The crate of the same canonical name, if one exists.
    pub existing: Option<ExistingCrate>,
    pub traces: DeletionTraces,
    /// The credential's scopes: creating crates, and publishing to existing ones.
    pub may_create: bool,
    pub may_update: bool,
    /// Whether the credential is a trusted-publishing token from a CI job.
    pub via_trusted_publishing: bool,
}

/// What an allowed publish does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishKind {
    /// Creates the crate, owned by the publisher.
    NewCrate,
    /// Adds a version to the existing crate.
    NewVersion,
}

/// Whether a publish may go ahead, and what it does. The checks run in the order a publisher
/// should hear of them: what no one could do first, then what this caller may not.
pub fn decide_publish(facts: &PublishFacts, now: i64) -> Result<PublishKind, Refusal> {
    if let Some(refusal) = deletion_block(&facts.traces, &facts.version, now) {
        return Err(refusal);
    }
    let Some(existing) = &facts.existing else {
        if !facts.may_create {
            return Err(Refusal::new(
                RefusalKind::Forbidden,
                "this token is not allowed to publish new crates (it lacks the publish-new scope)"
                    .into(),
            ));
        }
        return Ok(PublishKind::NewCrate);
    };
    let name = &existing.name;
    if let Some(reason) = &existing.held_reason {
        return Err(Refusal::new(
            RefusalKind::Forbidden,
            format!(
                "the crate `{name}` is held pending review by the registry's moderators ({reason}); \
                 nothing can be published to it until they decide"
            ),
        ));
    }
    if !existing.standing.may_release() {
        return Err(if *name == facts.name {
            Refusal::new(
                RefusalKind::Forbidden,
                format!(
                    "you are not an owner of the crate `{name}`, so you cannot publish new versions of it"
                ),
            )
        } else {
            Refusal::new(
                RefusalKind::Conflict,
                format!(
                    "the name `{}` is taken: it is the same name as the existing crate `{name}` \
                     (names are compared ignoring case and treating `-` and `_` as equal)",
                    facts.name
                ),
            )
        });
    }
    if *name != facts.name {
        return Err(Refusal::new(
            RefusalKind::Invalid,
            format!(
                "this crate is named `{name}`: publish it under that exact name, not `{}`",
                facts.name
            ),
        ));
    }
    if !facts.may_update {
        return Err(Refusal::new(
            RefusalKind::Forbidden,
            "this token is not allowed to publish new versions of existing crates (it lacks the publish-update scope)"
                .into(),
        ));
    }
    if existing.trusted_publishing_only && !facts.via_trusted_publishing {
        return Err(Refusal::new(
            RefusalKind::Forbidden,
            format!(
                "the owners of `{name}` accept new versions only through trusted publishing from \
                 their CI: publish from the configured workflow, or an owner turns \
                 `trustpub_only` off"
            ),
        ));
    }
    if let Some(taken) = &existing.same_version {
        return Err(Refusal::new(
            RefusalKind::Conflict,
            format!(
                "crate `{}` already has version `{taken}`; versions cannot be replaced — publish a new version number",
                facts.name
            ),
        ));
    }
    Ok(PublishKind::NewVersion)
}

/// Whether the caller may yank or un-yank a version of `crate_name`.
pub fn may_yank(standing: Standing, crate_name: &str) -> Result<(), Refusal> {
    if standing.may_release() {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Forbidden,
            format!("you are not an owner of the crate `{crate_name}`"),
        ))
    }
}

/// Whether the caller may invite or remove owners of `crate_name`: user owners only, since a
/// team's rights are the narrower ones its members were given.
pub fn may_change_owners(standing: Standing, crate_name: &str) -> Result<(), Refusal> {
    match standing {
        Standing::Owner => Ok(()),
        Standing::TeamMember => Err(Refusal::new(
            RefusalKind::Forbidden,
            format!(
                "a team owner may publish and yank `{crate_name}` but not change its owners; ask one of its user owners"
            ),
        )),
        Standing::Stranger => Err(Refusal::new(
            RefusalKind::Forbidden,
            format!("only owners of `{crate_name}` can change its owners"),
        )),
    }
}

/// A crate must keep a user owner after an owner change: teams do not count, since someone must
/// be able to change the owners.
pub fn keeps_a_user_owner(remaining_user_owners: i64, crate_name: &str) -> Result<(), Refusal> {
    if remaining_user_owners > 0 {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Invalid,
            format!(
                "`{crate_name}` must keep at least one user owner (teams do not count): add the new owner before removing the last one"
            ),
        ))
    }
}

/// Whether an owner invitation that expires at `expires_at` can still be accepted at `now`.
pub fn invitation_open(expires_at: i64, now: i64) -> bool {
    expires_at > now
}

/// Accepting (or declining) an invitation: only while it is open.
pub fn may_answer_invitation(expires_at: i64, now: i64, crate_name: &str) -> Result<(), Refusal> {
    if invitation_open(expires_at, now) {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Gone,
            format!(
                "the invitation to own `{crate_name}` has expired: ask an owner to invite you again"
            ),
        ))
    }
}

/// Deleting a crate or one of its versions: user owners only (the deletion rule then decides
/// whether the crate is young and unused enough).
pub fn may_delete(standing: Standing, crate_name: &str) -> Result<(), Refusal> {
    if standing == Standing::Owner {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Forbidden,
            format!("only user owners of `{crate_name}` can delete it or its versions"),
        ))
    }
}

/// Answering a moderators' notice about a crate: its user owners speak for it.
pub fn may_answer_notice(standing: Standing, crate_name: &str) -> Result<(), Refusal> {
    if standing == Standing::Owner {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Forbidden,
            format!("only owners of `{crate_name}` can answer its notice"),
        ))
    }
}

/// A crate's last version is not deleted on its own: that is deleting the crate, with its name
/// block and its record.
pub fn may_delete_one_version(
    versions_of_crate: i64,
    version: &str,
    crate_name: &str,
) -> Result<(), Refusal> {
    if versions_of_crate > 1 {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Refused,
            format!("`{version}` is the only version of `{crate_name}`: delete the crate instead"),
        ))
    }
}

/// How a user stands in a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRole {
    Maintainer,
    Member,
    Outsider,
}

impl TeamRole {
    /// From the membership row: absent, or present with its maintainer flag.
    pub fn of(membership: Option<bool>) -> TeamRole {
        match membership {
            Some(true) => TeamRole::Maintainer,
            Some(false) => TeamRole::Member,
            None => TeamRole::Outsider,
        }
    }
}

/// Adding a team as an owner: by one of its members, whose rights already include the team's.
pub fn may_add_team(role: TeamRole, team: &str) -> Result<(), Refusal> {
    if role == TeamRole::Outsider {
        Err(Refusal::new(
            RefusalKind::Forbidden,
            format!("you can only add a team you are a member of, and you are not in `{team}`"),
        ))
    } else {
        Ok(())
    }
}

/// Changing a team's members: its maintainers only.
pub fn may_manage_team(role: TeamRole, team: &str) -> Result<(), Refusal> {
    match role {
        TeamRole::Maintainer => Ok(()),
        TeamRole::Member => Err(Refusal::new(
            RefusalKind::Forbidden,
            format!("only maintainers of the team `{team}` can change its members"),
        )),
        TeamRole::Outsider => Err(Refusal::new(
            RefusalKind::Forbidden,
            format!("you are not a member of the team `{team}`"),
        )),
    }
}

/// A team keeps a maintainer after a change, so someone can still manage it.
pub fn keeps_a_maintainer(maintainers: i64, team: &str) -> Result<(), Refusal> {
    if maintainers > 0 {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Invalid,
            format!("the team `{team}` must keep at least one maintainer"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    fn existing(standing: Standing) -> ExistingCrate {
        ExistingCrate {
            name: "widget".into(),
            held_reason: None,
            standing,
            same_version: None,
            trusted_publishing_only: false,
        }
    }

    fn facts(existing: Option<ExistingCrate>) -> PublishFacts {
        PublishFacts {
            name: "widget".into(),
            version: "1.0.0".into(),
            existing,
            traces: DeletionTraces::default(),
            may_create: true,
            may_update: true,
            via_trusted_publishing: false,
        }
    }

    #[test]
    fn a_trusted_publishing_only_crate_takes_versions_only_from_ci() {
        let mut only = existing(Standing::Owner);
        only.trusted_publishing_only = true;
        let refusal = decide_publish(&facts(Some(only.clone())), NOW).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::Forbidden);
        assert!(refusal.message.contains("only through trusted publishing"));
        let from_ci = PublishFacts {
            via_trusted_publishing: true,
            ..facts(Some(only))
        };
        assert_eq!(decide_publish(&from_ci, NOW), Ok(PublishKind::NewVersion));
    }

    #[test]
    fn a_new_name_needs_the_publish_new_scope() {
        assert_eq!(decide_publish(&facts(None), NOW), Ok(PublishKind::NewCrate));
        let no_scope = PublishFacts {
            may_create: false,
            ..facts(None)
        };
        assert_eq!(
            decide_publish(&no_scope, NOW).unwrap_err().kind,
            RefusalKind::Forbidden
        );
        // The other scope is not needed for a new crate.
        let update_only = PublishFacts {
            may_update: false,
            ..facts(None)
        };
        assert_eq!(decide_publish(&update_only, NOW), Ok(PublishKind::NewCrate));
    }

    #[test]
    fn owners_and_team_members_publish_strangers_do_not() {
        for standing in [Standing::Owner, Standing::TeamMember] {
            assert_eq!(
                decide_publish(&facts(Some(existing(standing))), NOW),
                Ok(PublishKind::NewVersion)
            );
        }
        let refusal = decide_publish(&facts(Some(existing(Standing::Stranger))), NOW).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::Forbidden);
        assert!(refusal
            .message
            .contains("not an owner of the crate `widget`"));
    }

    #[test]
    fn another_spelling_is_taken_for_strangers_and_wrong_for_owners() {
        let mut stranger = facts(Some(existing(Standing::Stranger)));
        stranger.name = "Widget".into();
        assert_eq!(
            decide_publish(&stranger, NOW).unwrap_err().kind,
            RefusalKind::Conflict
        );
        let mut owner = facts(Some(existing(Standing::Owner)));
        owner.name = "Widget".into();
        let refusal = decide_publish(&owner, NOW).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::Invalid);
        assert!(refusal.message.contains("publish it under that exact name"));
    }

    #[test]
    fn a_held_crate_takes_nothing_even_from_its_owner() {
        let mut held = existing(Standing::Owner);
        held.held_reason = Some("reported".into());
        let refusal = decide_publish(&facts(Some(held)), NOW).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::Forbidden);
        assert!(refusal.message.contains("held pending review"));
    }

    #[test]
    fn an_update_needs_its_scope_and_a_new_number() {
        let no_scope = PublishFacts {
            may_update: false,
            ..facts(Some(existing(Standing::Owner)))
        };
        assert_eq!(
            decide_publish(&no_scope, NOW).unwrap_err().kind,
            RefusalKind::Forbidden
        );
        let mut taken = existing(Standing::Owner);
        taken.same_version = Some("1.0.0+build".into());
        let refusal = decide_publish(&facts(Some(taken)), NOW).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::Conflict);
        assert!(refusal
            .message
            .contains("already has version `1.0.0+build`"));
    }

    fn deleted(blocked_until: i64, versions: &[&str]) -> DeletionTraces {
        DeletionTraces {
            deleted_crates: vec![DeletedCrate {
                name: "widget".into(),
                blocked_until,
                versions: versions.iter().map(|v| v.to_string()).collect(),
            }],
            deleted_versions: Vec::new(),
        }
    }

    #[test]
    fn a_deleted_name_is_free_exactly_when_its_block_ends() {
        let one_minute = 60_000;
        assert!(deletion_block(&deleted(NOW + one_minute, &[]), "2.0.0", NOW).is_some());
        // The block runs until `blocked_until`, not through it.
        assert!(deletion_block(&deleted(NOW, &[]), "2.0.0", NOW).is_none());
        assert!(deletion_block(&deleted(NOW - one_minute, &[]), "2.0.0", NOW).is_none());
        let refusal = deletion_block(&deleted(NOW + one_minute, &[]), "2.0.0", NOW).unwrap();
        assert!(refusal
            .message
            .contains("free again after 2023-11-14T22:14:20Z"));
    }

    #[test]
    fn build_metadata_does_not_make_a_deleted_number_new() {
        let crate_deleted = deleted(NOW - 1, &["0.1.0"]);
        assert!(deletion_block(&crate_deleted, "0.1.0+b1", NOW).is_some());
        let version_deleted = DeletionTraces {
            deleted_crates: Vec::new(),
            deleted_versions: vec![("widget".into(), "0.1.0+old".into())],
        };
        assert!(deletion_block(&version_deleted, "0.1.0", NOW).is_some());
        assert!(deletion_block(&version_deleted, "0.1.0+b2", NOW).is_some());
        assert!(deletion_block(&version_deleted, "0.1.0-rc.1", NOW).is_none());
    }

    #[test]
    fn a_reserved_name_never_comes_free() {
        let refusal = deletion_block(&deleted(RESERVED_FOREVER, &[]), "1.0.0", i64::MAX - 1)
            .expect("reserved");
        assert!(refusal.message.contains("reserved"));
    }

    #[test]
    fn a_deleted_version_number_is_never_reused() {
        let old = deleted(NOW - 1, &["1.0.0"]);
        assert!(deletion_block(&old, "1.0.0", NOW).is_some());
        assert!(deletion_block(&old, "1.0.1", NOW).is_none());
        let version_only = DeletionTraces {
            deleted_crates: Vec::new(),
            deleted_versions: vec![("widget".into(), "1.0.0".into())],
        };
        let refusal = deletion_block(&version_only, "1.0.0", NOW).unwrap();
        assert!(refusal.message.contains("never reused"));
        assert!(deletion_block(&version_only, "1.0.1", NOW).is_none());
        // A deletion's block comes before every other refusal, even the owner's own.
        let mut blocked = facts(Some(existing(Standing::Owner)));
        blocked.traces = old;
        assert!(decide_publish(&blocked, NOW)
            .unwrap_err()
            .message
            .contains("never reused"));
    }

    #[test]
    fn yanking_follows_release_rights_owner_changes_need_a_user_owner() {
        assert!(may_yank(Standing::Owner, "w").is_ok());
        assert!(may_yank(Standing::TeamMember, "w").is_ok());
        assert!(may_yank(Standing::Stranger, "w").is_err());
        assert!(may_change_owners(Standing::Owner, "w").is_ok());
        let team = may_change_owners(Standing::TeamMember, "w").unwrap_err();
        assert!(team.message.contains("a team owner may publish and yank"));
        assert!(may_change_owners(Standing::Stranger, "w").is_err());
        assert!(keeps_a_user_owner(1, "w").is_ok());
        assert_eq!(
            keeps_a_user_owner(0, "w").unwrap_err().kind,
            RefusalKind::Invalid
        );
    }

    #[test]
    fn an_invitation_closes_at_its_expiry() {
        assert!(invitation_open(NOW + 1, NOW));
        assert!(!invitation_open(NOW, NOW));
        assert!(may_answer_invitation(NOW + 1, NOW, "w").is_ok());
        assert_eq!(
            may_answer_invitation(NOW, NOW, "w").unwrap_err().kind,
            RefusalKind::Gone
        );
    }

    #[test]
    fn only_user_owners_delete_and_never_the_last_version_alone() {
        assert!(may_delete(Standing::Owner, "w").is_ok());
        assert!(may_delete(Standing::TeamMember, "w").is_err());
        assert!(may_delete(Standing::Stranger, "w").is_err());
        assert!(may_answer_notice(Standing::Owner, "w").is_ok());
        assert!(may_answer_notice(Standing::TeamMember, "w").is_err());
        assert!(may_delete_one_version(2, "1.0.0", "w").is_ok());
        let last = may_delete_one_version(1, "1.0.0", "w").unwrap_err();
        assert_eq!(last.kind, RefusalKind::Refused);
        assert!(last.message.contains("delete the crate instead"));
    }

    #[test]
    fn teams_are_added_by_members_and_managed_by_maintainers() {
        assert_eq!(TeamRole::of(Some(true)), TeamRole::Maintainer);
        assert_eq!(TeamRole::of(Some(false)), TeamRole::Member);
        assert_eq!(TeamRole::of(None), TeamRole::Outsider);
        assert!(may_add_team(TeamRole::Member, "core").is_ok());
        assert!(may_add_team(TeamRole::Maintainer, "core").is_ok());
        assert!(may_add_team(TeamRole::Outsider, "core").is_err());
        assert!(may_manage_team(TeamRole::Maintainer, "core").is_ok());
        assert!(may_manage_team(TeamRole::Member, "core")
            .unwrap_err()
            .message
            .contains("only maintainers"));
        assert!(may_manage_team(TeamRole::Outsider, "core")
            .unwrap_err()
            .message
            .contains("not a member"));
        assert!(keeps_a_maintainer(1, "core").is_ok());
        assert!(keeps_a_maintainer(0, "core").is_err());
    }

    #[test]
    fn standing_from_the_two_memberships() {
        assert_eq!(Standing::of(true, true), Standing::Owner);
        assert_eq!(Standing::of(true, false), Standing::Owner);
        assert_eq!(Standing::of(false, true), Standing::TeamMember);
        assert_eq!(Standing::of(false, false), Standing::Stranger);
    }
}
