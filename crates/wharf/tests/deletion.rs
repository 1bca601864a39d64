//! Owners deleting their crates: permanent, only under the deletion rule, and a deleted crate's
//! name is blocked for a while and its version numbers never come back. (The rule's time and
//! download boundaries are unit-tested in `wharf-policy::deletion` with exact clocks.)

mod support;

use support::{crate_file, error_detail, metadata, publish_body, Backend, Options, Wharf};

backend_tests!(
    an_owner_deletes_a_fresh_crate_for_good,
    deletion_is_refused_with_the_failed_condition,
    a_freed_name_never_reuses_versions,
);

fn publish(wharf: &Wharf, token: &str, name: &str, version: &str, deps: serde_json::Value) -> u16 {
    let mut m = metadata(name, version);
    m["deps"] = deps;
    wharf
        .publish_raw(token, publish_body(&m, &crate_file(name, version, &[])))
        .status()
        .as_u16()
}

fn delete(wharf: &Wharf, token: &str, name: &str) -> reqwest::blocking::Response {
    wharf
        .http()
        .delete(format!(
            "{}/api/v1/crates/{name}?message=published+by+mistake",
            wharf.url
        ))
        .header("Authorization", token)
        .send()
        .unwrap()
}

fn an_owner_deletes_a_fresh_crate_for_good(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    assert_eq!(
        publish(&wharf, &alice, "oops-crate", "1.0.0", serde_json::json!([])),
        200
    );
    assert_eq!(
        publish(&wharf, &alice, "oops-crate", "1.1.0", serde_json::json!([])),
        200
    );
    assert_eq!(
        wharf
            .get("/api/v1/crates/oops-crate/1.0.0/download")
            .status(),
        200
    );

    let response = delete(&wharf, &alice, "oops-crate");
    assert_eq!(response.status(), 204, "{}", response.text().unwrap());
    assert_eq!(wharf.get("/index/oo/ps/oops-crate").status(), 404);
    assert_eq!(wharf.get("/api/v1/crates/oops-crate").status(), 404);
    assert_eq!(
        wharf
            .get("/api/v1/crates/oops-crate/1.0.0/download")
            .status(),
        404
    );
    assert!(
        !wharf.data_dir().join("crates/crates/oops-crate").exists()
            || std::fs::read_dir(wharf.data_dir().join("crates/crates/oops-crate"))
                .unwrap()
                .next()
                .is_none()
    );

    // The name is blocked for a day, for everyone.
    for (token, name) in [(&bob, "oops-crate"), (&alice, "Oops_Crate")] {
        let response = wharf.publish_raw(
            token,
            publish_body(&metadata(name, "2.0.0"), &crate_file(name, "2.0.0", &[])),
        );
        assert_eq!(response.status(), 409);
        assert!(error_detail(response).contains("deleted recently"));
    }
    // Deleting again finds nothing.
    assert_eq!(delete(&wharf, &alice, "oops-crate").status(), 404);

    // Operators can delete on an owner's behalf, under the same rule.
    assert_eq!(
        publish(&wharf, &bob, "bobs-mistake", "0.1.0", serde_json::json!([])),
        200
    );
    let refused = wharf.cli_output(&["crate", "delete", "bobs-mistake", "--as", "alice"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only owners"));
    wharf.cli(&[
        "crate",
        "delete",
        "bobs-mistake",
        "--as",
        "bob",
        "--message",
        "typo",
    ]);
    assert_eq!(wharf.get("/index/bo/bs/bobs-mistake").status(), 404);
}

fn deletion_is_refused_with_the_failed_condition(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    let dep = serde_json::json!([{
        "name": "needed", "version_req": "^1", "features": [], "optional": false,
        "default_features": true, "target": null, "kind": "normal", "registry": null,
        "explicit_name_in_toml": null,
    }]);
    assert_eq!(
        publish(&wharf, &alice, "needed", "1.0.0", serde_json::json!([])),
        200
    );
    assert_eq!(publish(&wharf, &bob, "needer", "1.0.0", dep), 200);

    // Someone depends on it: 422, naming the condition.
    let response = delete(&wharf, &alice, "needed");
    assert_eq!(response.status(), 422);
    assert!(error_detail(response).contains("depend"));
    // Even a yanked dependent counts.
    let yank = wharf
        .http()
        .delete(format!("{}/api/v1/crates/needer/1.0.0/yank", wharf.url))
        .header("Authorization", &bob)
        .send()
        .unwrap();
    assert_eq!(yank.status(), 200);
    assert_eq!(delete(&wharf, &alice, "needed").status(), 422);

    // Not an owner: 403; no token: 401; a token without the delete scope: 403.
    assert_eq!(delete(&wharf, &bob, "needed").status(), 403);
    let anonymous = wharf
        .http()
        .delete(format!("{}/api/v1/crates/needed", wharf.url))
        .send()
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let publish_only = wharf
        .cli(&["token", "new", "bob", "--scope", "publish-update"])
        .trim()
        .to_string();
    let response = delete(&wharf, &publish_only, "needer");
    assert_eq!(response.status(), 403);
    assert!(error_detail(response).contains("`delete` scope"));

    // The dependent itself has no dependents and is fresh: its owner may delete it, and then the
    // first crate can go too.
    let scoped = wharf
        .cli(&["token", "new", "bob", "--scope", "delete"])
        .trim()
        .to_string();
    assert_eq!(delete(&wharf, &scoped, "needer").status(), 204);
    assert_eq!(delete(&wharf, &alice, "needed").status(), 204);
}

fn a_freed_name_never_reuses_versions(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("wharf.toml");
    std::fs::write(&config, "deleted_name_block_hours = 0\n").unwrap();
    let wharf = Wharf::start_with(
        backend,
        Options {
            config: Some(config),
            ..Options::default()
        },
    );
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    assert_eq!(
        publish(&wharf, &alice, "recycled", "1.0.0", serde_json::json!([])),
        200
    );
    assert_eq!(delete(&wharf, &alice, "recycled").status(), 204);

    // The name is free (the block lasts 0 hours here), but 1.0.0 is never published again.
    let response = wharf.publish_raw(
        &bob,
        publish_body(
            &metadata("recycled", "1.0.0"),
            &crate_file("recycled", "1.0.0", &[]),
        ),
    );
    assert_eq!(response.status(), 409);
    assert!(error_detail(response).contains("never reused"));
    assert_eq!(
        publish(&wharf, &bob, "recycled", "1.0.1", serde_json::json!([])),
        200
    );
    let owners = wharf.get_json("/api/v1/crates/recycled/owners");
    assert_eq!(owners["users"][0]["login"], "bob");
}
