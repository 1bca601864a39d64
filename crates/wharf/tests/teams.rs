//! Teams as owners: `cargo owner --add team:NAME` by a member, team members publishing and yanking
//! with cargo, and being refused owner changes and deletion; maintainers managing members; removals
//! kept on record.

mod support;

use support::{accept_only_invitation, error_detail, owner_logins, Backend, CargoUser, Wharf};

backend_tests!(
    team_members_publish_and_yank_but_never_change_owners,
    maintainers_manage_members,
);

const LIB: &str = "pub fn f() {}\n";

fn change_members(
    wharf: &Wharf,
    token: Option<&str>,
    team: &str,
    add: bool,
    body: serde_json::Value,
) -> reqwest::blocking::Response {
    let url = format!("{}/api/v1/teams/{team}/members", wharf.url);
    let mut request = if add {
        wharf.http().put(url)
    } else {
        wharf.http().delete(url)
    };
    if let Some(token) = token {
        request = request.header("Authorization", token);
    }
    request.json(&body).send().unwrap()
}

fn refused(user: &CargoUser, dir: &std::path::Path, args: &[&str], expected: &str) {
    let out = user.cargo(dir, args);
    assert!(!out.success, "cargo {args:?} should fail:\n{}", out.stderr);
    assert!(out.stderr.contains(expected), "{}", out.stderr);
}

fn team_members_publish_and_yank_but_never_change_owners(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let bob_token = wharf.user_with_token("bob");
    let carol_token = wharf.user_with_token("carol");
    let dave_token = wharf.user_with_token("dave");
    wharf.cli(&["team", "add", "core", "--maintainer", "alice"]);
    assert_eq!(
        change_members(
            &wharf,
            Some(&alice_token),
            "core",
            true,
            serde_json::json!({ "users": ["bob"] })
        )
        .status(),
        200
    );

    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let v1 = alice.new_crate("team-owned", "1.0.0", "", LIB);
    alice.publish_ok(&v1);
    // A team needs no invitation, but only a member can add it.
    let carol = wharf.cargo_user("carol").with_token(&carol_token);
    let carols = carol.new_crate("carols-crate", "1.0.0", "", LIB);
    carol.publish_ok(&carols);
    refused(
        &carol,
        &carols,
        &["owner", "--add", "team:core", "--registry", "wharf"],
        "not in `core`",
    );
    let added = alice.cargo_ok(&v1, &["owner", "--add", "team:core", "--registry", "wharf"]);
    assert!(added.stderr.contains("team owner"), "{}", added.stderr);
    assert_eq!(owner_logins(&wharf, "team-owned"), ["alice", "team:core"]);
    let listed = alice.cargo_ok(&v1, &["owner", "--list", "--registry", "wharf"]);
    assert!(listed.stdout.contains("team:core"), "{}", listed.stdout);
    assert_eq!(
        wharf.get_json("/api/v1/crates/team-owned/owner_team")["teams"][0]["kind"],
        "team"
    );
    assert_eq!(
        wharf.get_json("/api/v1/crates/team-owned/owner_user")["users"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Bob, through the team, publishes and yanks with cargo.
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    let v2 = bob.new_crate("team-owned", "1.1.0", "", LIB);
    bob.publish_ok(&v2);
    bob.cargo_ok(&v2, &["yank", "--version", "1.0.0", "--registry", "wharf"]);
    bob.cargo_ok(
        &v2,
        &[
            "yank",
            "--undo",
            "--version",
            "1.0.0",
            "--registry",
            "wharf",
        ],
    );

    // But he cannot change owners or delete.
    for args in [
        &["owner", "--add", "dave", "--registry", "wharf"][..],
        &["owner", "--remove", "alice", "--registry", "wharf"][..],
        &["owner", "--remove", "team:core", "--registry", "wharf"][..],
    ] {
        refused(&bob, &v2, args, "may publish and yank");
    }
    let delete = wharf
        .http()
        .delete(format!("{}/api/v1/crates/team-owned", wharf.url))
        .header("Authorization", &bob_token)
        .send()
        .unwrap();
    assert_eq!(delete.status(), 403);

    // Someone outside the team cannot publish.
    let dave = wharf.cargo_user("dave").with_token(&dave_token);
    refused(
        &dave,
        &dave.new_crate("team-owned", "1.2.0", "", LIB),
        &[
            "publish",
            "--registry",
            "wharf",
            "--no-verify",
            "--allow-dirty",
        ],
        "not an owner",
    );

    // Teams do not count as the last owner.
    refused(
        &alice,
        &v1,
        &["owner", "--remove", "alice", "--registry", "wharf"],
        "at least one user owner",
    );

    // A user owner removes the team; the team's rights end, and the removal stays on record.
    alice.cargo_ok(
        &v1,
        &["owner", "--remove", "team:core", "--registry", "wharf"],
    );
    assert_eq!(owner_logins(&wharf, "team-owned"), ["alice"]);
    refused(
        &bob,
        &bob.new_crate("team-owned", "1.3.0", "", LIB),
        &[
            "publish",
            "--registry",
            "wharf",
            "--no-verify",
            "--allow-dirty",
        ],
        "not an owner",
    );
    // Same for a user owner: dave accepts an invitation, then is removed.
    alice.cargo_ok(&v1, &["owner", "--add", "dave", "--registry", "wharf"]);
    accept_only_invitation(&wharf, &dave_token, true);
    alice.cargo_ok(&v1, &["owner", "--remove", "dave", "--registry", "wharf"]);
    let crate_id = wharf.crate_id("team-owned").to_string();
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM former_crate_owners WHERE crate_id = CAST($1 AS BIGINT)",
            &crate_id
        ),
        2
    );
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('owner.team.add', 'owner.team.remove', 'owner.remove') \
             AND target = $1",
            "crate:team-owned"
        ),
        3
    );
}

fn maintainers_manage_members(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    wharf.user_with_token("carol");
    wharf.cli(&["team", "add", "infra", "--maintainer", "alice"]);
    let duplicate = wharf.cli_output(&["team", "add", "Infra", "--maintainer", "bob"]);
    assert!(!duplicate.status.success());
    wharf.cli(&["team", "member", "add", "infra", "bob"]);
    assert_eq!(wharf.cli(&["team", "list"]), "infra\n");
    assert_eq!(
        wharf.cli(&["team", "show", "infra"]),
        "alice\tmaintainer\nbob\tmember\n"
    );

    let team = wharf.get_json("/api/v1/teams/infra")["team"].clone();
    assert_eq!(team["login"], "team:infra");
    assert_eq!(team["kind"], "team");
    assert_eq!(team["members"].as_array().unwrap().len(), 2);
    assert_eq!(wharf.get("/api/v1/teams/nobody").status(), 404);

    // Only maintainers change members; anonymous callers are asked to sign in.
    let carol_add = serde_json::json!({ "users": ["carol"] });
    assert_eq!(
        change_members(&wharf, None, "infra", true, carol_add.clone()).status(),
        401
    );
    let by_member = change_members(&wharf, Some(&bob), "infra", true, carol_add.clone());
    assert_eq!(by_member.status(), 403);
    assert!(error_detail(by_member).contains("only maintainers"));
    assert_eq!(
        change_members(&wharf, Some(&alice), "infra", true, carol_add).status(),
        200
    );
    // A maintainer can promote a member; the last maintainer cannot leave.
    assert_eq!(
        change_members(
            &wharf,
            Some(&alice),
            "infra",
            true,
            serde_json::json!({ "users": ["bob"], "maintainer": true })
        )
        .status(),
        200
    );
    assert_eq!(
        change_members(
            &wharf,
            Some(&bob),
            "infra",
            false,
            serde_json::json!({ "users": ["alice"] })
        )
        .status(),
        200
    );
    let last = change_members(
        &wharf,
        Some(&bob),
        "infra",
        false,
        serde_json::json!({ "users": ["bob"] }),
    );
    assert_eq!(last.status(), 400);
    assert!(error_detail(last).contains("at least one maintainer"));
    let malformed = change_members(
        &wharf,
        Some(&bob),
        "infra",
        true,
        serde_json::json!({ "user": "carol" }),
    );
    assert_eq!(malformed.status(), 400);
    assert_eq!(
        wharf.cli(&["team", "show", "infra"]),
        "bob\tmaintainer\ncarol\tmember\n"
    );
}
