//! Ownership by consent: `cargo owner --add` invites, the invitee accepts or declines through the
//! API, invitations expire, and nobody else can answer them.

mod support;

use support::{accept_only_invitation, error_detail, invitations, owner_logins, Backend, Wharf};

backend_tests!(
    invitations_need_the_invitees_consent,
    expired_invitations_are_gone
);

const LIB: &str = "pub fn f() {}\n";

fn answer(
    wharf: &Wharf,
    token: &str,
    crate_id: i64,
    accepted: bool,
) -> reqwest::blocking::Response {
    wharf
        .http()
        .put(format!("{}/api/v1/me/crate_owner_invitations/{crate_id}", wharf.url))
        .header("Authorization", token)
        .json(&serde_json::json!({ "crate_owner_invite": { "crate_id": crate_id, "accepted": accepted } }))
        .send()
        .unwrap()
}

fn invitations_need_the_invitees_consent(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let bob_token = wharf.user_with_token("bob");
    let carol_token = wharf.user_with_token("carol");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let krate = alice.new_crate("shared-thing", "1.0.0", "", LIB);
    alice.publish_ok(&krate);

    alice.cargo_ok(&krate, &["owner", "--add", "bob", "--registry", "wharf"]);
    alice.cargo_ok(&krate, &["owner", "--add", "carol", "--registry", "wharf"]);
    assert_eq!(owner_logins(&wharf, "shared-thing"), ["alice"]);

    // Bob sees his invitation, with who sent it.
    let list = invitations(&wharf, &bob_token);
    assert_eq!(
        list["crate_owner_invitations"][0]["crate_name"],
        "shared-thing"
    );
    assert_eq!(
        list["crate_owner_invitations"][0]["invited_by_username"],
        "alice"
    );
    assert_eq!(list["users"][0]["login"], "alice");
    let crate_id = list["crate_owner_invitations"][0]["crate_id"]
        .as_i64()
        .unwrap();

    // Nobody can answer someone else's invitation, and an invitation is not ownership: bob
    // cannot publish yet.
    let alice_answers = answer(&wharf, &alice_token, crate_id, true);
    assert_eq!(alice_answers.status(), 404);
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    let next = bob.new_crate("shared-thing", "1.1.0", "", LIB);
    let out = bob.publish(&next);
    assert!(!out.success);
    assert!(out.stderr.contains("not an owner"), "{}", out.stderr);

    // Carol declines; bob accepts and can publish.
    assert_eq!(
        accept_only_invitation(&wharf, &carol_token, false),
        crate_id
    );
    assert_eq!(accept_only_invitation(&wharf, &bob_token, true), crate_id);
    assert_eq!(owner_logins(&wharf, "shared-thing"), ["alice", "bob"]);
    bob.publish_ok(&next);
    // Answered invitations are used up.
    assert_eq!(answer(&wharf, &bob_token, crate_id, true).status(), 404);
    assert_eq!(
        invitations(&wharf, &carol_token)["crate_owner_invitations"],
        serde_json::json!([])
    );

    // Only owners invite; an anonymous caller is not even asked.
    let carol = wharf.cargo_user("carol").with_token(&carol_token);
    let out = carol.cargo(&krate, &["owner", "--add", "carol", "--registry", "wharf"]);
    assert!(!out.success);
    assert!(out.stderr.contains("only owners"), "{}", out.stderr);
    let anonymous = wharf
        .http()
        .get(format!("{}/api/v1/me/crate_owner_invitations", wharf.url))
        .send()
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    // A malformed answer is a 400 with a readable message.
    let bad = wharf
        .http()
        .put(format!(
            "{}/api/v1/me/crate_owner_invitations/{crate_id}",
            wharf.url
        ))
        .header("Authorization", &carol_token)
        .body("{\"accepted\": true}")
        .send()
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert!(error_detail(bad).contains("crate_owner_invite"));
}

fn expired_invitations_are_gone(backend: Backend) {
    let wharf = Wharf::with_config(backend, "invitation_expiry_days = 0\n");
    let alice_token = wharf.user_with_token("alice");
    let bob_token = wharf.user_with_token("bob");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let krate = alice.new_crate("short-lived", "1.0.0", "", LIB);
    alice.publish_ok(&krate);
    alice.cargo_ok(&krate, &["owner", "--add", "bob", "--registry", "wharf"]);

    // Expired invitations are no longer listed, and answering one is 410 Gone.
    assert_eq!(
        invitations(&wharf, &bob_token)["crate_owner_invitations"],
        serde_json::json!([])
    );
    let crate_id = wharf.crate_id("short-lived");
    let response = answer(&wharf, &bob_token, crate_id, true);
    assert_eq!(response.status(), 410);
    assert!(error_detail(response).contains("expired"));
    assert_eq!(owner_logins(&wharf, "short-lived"), ["alice"]);

    // Inviting again replaces the expired invitation (and it expires again at once here).
    let again = alice.cargo_ok(&krate, &["owner", "--add", "bob", "--registry", "wharf"]);
    assert!(again.stderr.contains("invited"), "{}", again.stderr);
}
