//! Notifications by e-mail, asserted through a local SMTP sink: tokens, publishes, owner
//! invitations with their one-time accept link, ownership changes and deletion; and, without an
//! SMTP server, messages kept in the outbox.

mod support;

use support::{crate_file, metadata, publish_body, Backend, Wharf};

backend_tests!(
    owners_hear_of_every_change_by_mail,
    without_smtp_messages_wait_in_the_outbox,
);

fn publish(wharf: &Wharf, token: &str, name: &str, version: &str) {
    let response = wharf.publish_raw(
        token,
        publish_body(&metadata(name, version), &crate_file(name, version, &[])),
    );
    assert_eq!(response.status(), 200);
}

fn owners(wharf: &Wharf, token: &str, name: &str, add: bool, login: &str) {
    let url = format!("{}/api/v1/crates/{name}/owners", wharf.url);
    let request = if add {
        wharf.http().put(url)
    } else {
        wharf.http().delete(url)
    };
    let response = request
        .header("Authorization", token)
        .json(&serde_json::json!({ "users": [login] }))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
}

fn owners_hear_of_every_change_by_mail(backend: Backend) {
    let (wharf, sink) = Wharf::with_mail_sink(backend, "");
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    let token_mail = sink.wait_for("alice@example.org", "New API token");
    assert!(token_mail.body.contains("revoke it"), "{}", token_mail.body);

    publish(&wharf, &alice, "mailed", "1.0.0");
    let published = sink.wait_for("alice@example.org", "mailed 1.0.0 published");
    assert!(published.body.contains("alice published version 1.0.0"));

    // The invitation carries a one-time link that accepts without signing in.
    owners(&wharf, &alice, "mailed", true, "bob");
    let invitation = sink.wait_for("bob@example.org", "Invitation to own the crate mailed");
    assert!(invitation.body.contains("alice invited you"));
    let link = invitation
        .body
        .split_whitespace()
        .find(|w| w.contains("/crate_owner_invitations/accept/"))
        .unwrap_or_else(|| panic!("no accept link in {}", invitation.body))
        .to_string();
    let token = link.rsplit('/').next().unwrap().to_string();
    let accepted = wharf.http().put(&link).send().unwrap();
    assert_eq!(accepted.status(), 200, "{}", accepted.text().unwrap());
    let owners_now = wharf.get_json("/api/v1/crates/mailed/owners");
    assert_eq!(owners_now["users"][1]["login"], "bob");
    // Used up: the link works once.
    assert_eq!(wharf.http().put(&link).send().unwrap().status(), 404);
    sink.wait_for("alice@example.org", "bob is now an owner of mailed");
    // Once sent, the stored copy forgets the link's secret.
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM outbox WHERE payload LIKE $1",
            &format!("%{token}%")
        ),
        0
    );

    // Bob publishes: both owners hear of it.
    publish(&wharf, &bob, "mailed", "1.1.0");
    for to in ["alice@example.org", "bob@example.org"] {
        let mail = sink.wait_for(to, "mailed 1.1.0 published");
        assert!(mail.body.contains("bob published"));
    }

    owners(&wharf, &alice, "mailed", false, "bob");
    sink.wait_for("bob@example.org", "bob is no longer an owner of mailed");

    let deleted = wharf
        .http()
        .delete(format!("{}/api/v1/crates/mailed", wharf.url))
        .header("Authorization", &alice)
        .send()
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let mail = sink.wait_for("alice@example.org", "mailed deleted");
    assert!(mail.body.contains("permanent"));
}

fn without_smtp_messages_wait_in_the_outbox(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    wharf.user_with_token("bob");
    publish(&wharf, &alice, "quiet", "1.0.0");
    owners(&wharf, &alice, "quiet", true, "bob");
    // The worker writes them to the log (minus secrets) and leaves them unsent.
    let mut logged = 0;
    for _ in 0..100 {
        logged = wharf.query_i64(
            "SELECT COUNT(*) FROM outbox WHERE logged_at IS NOT NULL AND sent_at IS NULL AND kind <> $1",
            "",
        );
        if logged == 4 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Two tokens created, one publish, one invitation.
    assert_eq!(logged, 4);
}
