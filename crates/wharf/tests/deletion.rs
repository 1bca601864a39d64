//! Owners deleting their crates: permanent, only under the deletion rule, and a deleted crate's
//! name is blocked for a while and its version numbers never come back. (The rule's time and
//! download boundaries are unit-tested in `wharf-policy::deletion` with exact clocks.)

mod support;

use support::{crate_file, error_detail, metadata, publish_body, Backend, Wharf};

/// A download-count flush that has counted a version and added its day row, not yet committed,
/// while the owner deletes the crate (PostgreSQL runs both at once; SQLite's one writer cannot):
/// the deletion waits for it and removes the row, instead of failing on the row's foreign key.
#[test]
fn a_deletion_waits_for_a_flush_under_way() {
    let Some(_) = support::postgres_url() else {
        eprintln!("WHARF_TEST_DATABASE_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let wharf = Wharf::start(Backend::Postgres);
    let alice = wharf.user_with_token("alice");
    assert_eq!(
        publish(
            &wharf,
            &alice,
            "racing-crate",
            "1.0.0",
            serde_json::json!([])
        ),
        200
    );
    let url = format!(
        "{}/api/v1/crates/racing-crate?message=published+by+mistake",
        wharf.url
    );
    // Made outside the runtime: a blocking client may not be made or dropped inside one.
    let (token, client) = (alice.clone(), wharf.http());
    let status = support::block_on(async {
        use sqlx::{Connection, Executor, Row};
        let mut flush = sqlx::PgConnection::connect(&wharf.db.url).await.unwrap();
        flush.execute("BEGIN").await.unwrap();
        let id: i64 = sqlx::query("SELECT id FROM versions WHERE num = '1.0.0'")
            .fetch_one(&mut flush)
            .await
            .unwrap()
            .get("id");
        // What the flush does: the version's count first, then its day row.
        sqlx::query("UPDATE versions SET downloads = downloads + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut flush)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO version_downloads (version_id, day, downloads) VALUES ($1, '2026-12-07', 1)",
        )
        .bind(id)
        .execute(&mut flush)
        .await
        .unwrap();
        let deleting = std::thread::spawn(move || {
            client
                .delete(url)
                .header("Authorization", token)
                .send()
                .map(|response| {
                    (
                        response.status().as_u16(),
                        response.text().unwrap_or_default(),
                    )
                })
        });
        // The deletion is under way, waiting for the flush's row lock.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        if deleting.is_finished() {
            panic!(
                "the deletion did not wait for the flush: {:?}",
                deleting.join().unwrap()
            );
        }
        flush.execute("COMMIT").await.unwrap();
        deleting.join().unwrap().unwrap()
    });
    assert_eq!(status.0, 204, "{}", status.1);
    assert_eq!(wharf.get("/api/v1/crates/racing-crate").status(), 404);
}

backend_tests!(
    an_owner_deletes_a_fresh_crate_for_good,
    deletion_is_refused_with_the_failed_condition,
    a_freed_name_never_reuses_versions,
    single_versions_follow_the_same_rule,
    the_rule_over_time,
);

fn publish(wharf: &Wharf, token: &str, name: &str, version: &str, deps: serde_json::Value) -> u16 {
    let mut m = metadata(name, version);
    m["deps"] = deps;
    wharf
        .publish_raw(token, publish_body(&m, &crate_file(name, version, &[])))
        .status()
        .as_u16()
}

/// Files a report with `token` and returns its id.
fn report(wharf: &Wharf, token: &str, target: &str) -> i64 {
    let response = wharf
        .http()
        .post(format!("{}/api/v1/reports", wharf.url))
        .header("Authorization", token)
        .json(
            &serde_json::json!({ "target": target, "category": "spam", "details": "a link farm" }),
        )
        .send()
        .unwrap();
    assert_eq!(response.status(), 201);
    response.json::<serde_json::Value>().unwrap()["report"]["id"]
        .as_i64()
        .unwrap()
}

/// The status of each of the caller's reports, by id.
fn report_statuses(wharf: &Wharf, token: &str) -> Vec<(i64, String)> {
    let mine: serde_json::Value = wharf
        .http()
        .get(format!("{}/api/v1/me/reports", wharf.url))
        .header("Authorization", token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    let mut statuses: Vec<(i64, String)> = mine["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    statuses.sort();
    statuses
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

fn delete_version(
    wharf: &Wharf,
    token: &str,
    name: &str,
    version: &str,
) -> reqwest::blocking::Response {
    wharf
        .http()
        .delete(format!("{}/api/v1/crates/{name}/{version}", wharf.url))
        .header("Authorization", token)
        .send()
        .unwrap()
}

fn dependency_on(name: &str, req: &str) -> serde_json::Value {
    serde_json::json!([{
        "name": name, "version_req": req, "features": [], "optional": false,
        "default_features": true, "target": null, "kind": "normal", "registry": null,
        "explicit_name_in_toml": null,
    }])
}

fn index_versions(wharf: &Wharf, path: &str) -> Vec<String> {
    let response = wharf.get(path);
    assert_eq!(response.status(), 200);
    response
        .text()
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["vers"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Restarts the server with its clock this far ahead of the real one.
fn move_clock(wharf: &mut Wharf, ahead: std::time::Duration) {
    wharf.set_env(
        "WHARF_CLOCK_OFFSET_SECONDS",
        Some(&ahead.as_secs().to_string()),
    );
    wharf.restart();
}

/// Downloads a version `n` times and waits until the counts reach the database.
fn download(wharf: &Wharf, name: &str, version: &str, n: u64) {
    let client = wharf.http();
    for _ in 0..n {
        let response = client
            .get(format!(
                "{}/api/v1/crates/{name}/{version}/download",
                wharf.url
            ))
            .send()
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    for _ in 0..100 {
        let info = wharf.get_json(&format!("/api/v1/crates/{name}"));
        if info["crate"]["downloads"].as_u64() == Some(n) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the downloads of {name} were not counted");
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

    // A report still open when the owners delete the crate is closed: nothing is left to act on.
    let reported = report(&wharf, &bob, "crate:oops-crate@1.1.0");
    let response = delete(&wharf, &alice, "oops-crate");
    assert_eq!(response.status(), 204, "{}", response.text().unwrap());
    assert_eq!(
        report_statuses(&wharf, &bob),
        [(reported, "gone".to_string())]
    );
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
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only user owners"));
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
    let wharf = Wharf::with_config(backend, "deleted_name_block_hours = 0\n");
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
    // Build metadata does not make it a new number.
    assert_eq!(
        publish(&wharf, &bob, "recycled", "1.0.0+b1", serde_json::json!([])),
        409
    );
    assert_eq!(
        publish(&wharf, &bob, "recycled", "1.0.1", serde_json::json!([])),
        200
    );
    let owners = wharf.get_json("/api/v1/crates/recycled/owners");
    assert_eq!(owners["users"][0]["login"], "bob");
}

fn single_versions_follow_the_same_rule(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    for version in ["1.0.0", "1.1.0", "2.0.0"] {
        assert_eq!(
            publish(&wharf, &alice, "layered", version, serde_json::json!([])),
            200
        );
    }
    // Bob's crate needs `^1.1`: 1.1.0 satisfies it, 1.0.0 and 2.0.0 do not.
    assert_eq!(
        publish(
            &wharf,
            &bob,
            "upper",
            "1.0.0",
            dependency_on("layered", "^1.1")
        ),
        200
    );

    let refused = delete_version(&wharf, &alice, "layered", "1.1.0");
    assert_eq!(refused.status(), 422);
    assert!(error_detail(refused).contains("depend"));
    assert_eq!(
        delete_version(&wharf, &bob, "layered", "1.0.0").status(),
        403
    );
    assert_eq!(
        delete_version(&wharf, &alice, "layered", "9.9.9").status(),
        404
    );

    // Deleting a version closes the reports on that version, not those on the crate.
    let on_version = report(&wharf, &bob, "crate:layered@1.0.0");
    let on_crate = report(&wharf, &bob, "crate:layered");
    let response = delete_version(&wharf, &alice, "layered", "1.0.0");
    assert_eq!(response.status(), 204, "{}", response.text().unwrap());
    assert_eq!(
        report_statuses(&wharf, &bob),
        [
            (on_version, "gone".to_string()),
            (on_crate, "open".to_string())
        ]
    );
    wharf.cli(&[
        "crate",
        "delete",
        "layered",
        "--version",
        "2.0.0",
        "--as",
        "alice",
    ]);
    assert_eq!(index_versions(&wharf, "/index/la/ye/layered"), ["1.1.0"]);
    assert_eq!(
        wharf.get("/api/v1/crates/layered/1.0.0/download").status(),
        404
    );
    assert_eq!(wharf.get("/api/v1/crates/layered/2.0.0").status(), 404);
    assert_eq!(
        wharf.get_json("/api/v1/crates/layered")["crate"]["max_version"],
        "1.1.0"
    );

    // The last version goes only with the crate.
    let last = delete_version(&wharf, &bob, "upper", "1.0.0");
    assert_eq!(last.status(), 422);
    assert!(error_detail(last).contains("delete the crate instead"));

    // A deleted number never comes back; a new one is welcome.
    let again = wharf.publish_raw(
        &alice,
        publish_body(
            &metadata("layered", "1.0.0"),
            &crate_file("layered", "1.0.0", &[]),
        ),
    );
    assert_eq!(again.status(), 409);
    assert!(error_detail(again).contains("never reused"));
    assert_eq!(
        publish(&wharf, &alice, "layered", "1.0.0+b1", serde_json::json!([])),
        409
    );
    assert_eq!(
        publish(&wharf, &alice, "layered", "2.0.1", serde_json::json!([])),
        200
    );
}

/// The 72-hour grace period, the owner count, the download allowance and the name block, on a
/// server whose clock is moved ahead instead of waited for.
fn the_rule_over_time(backend: Backend) {
    const HOUR: u64 = 3600;
    let mut wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    for name in ["early-bird", "late-bird", "exact-fit", "one-too-many"] {
        assert_eq!(
            publish(&wharf, &alice, name, "1.0.0", serde_json::json!([])),
            200
        );
    }
    // Two owners for the first two.
    for name in ["early-bird", "late-bird"] {
        let invite = wharf
            .http()
            .put(format!("{}/api/v1/crates/{name}/owners", wharf.url))
            .header("Authorization", &alice)
            .json(&serde_json::json!({ "users": ["bob"] }))
            .send()
            .unwrap();
        assert_eq!(invite.status(), 200);
        support::accept_only_invitation(&wharf, &bob, true);
    }

    // 71 h 59 min after publishing: still inside the grace period, two owners or not.
    move_clock(
        &mut wharf,
        std::time::Duration::from_secs(71 * HOUR + 59 * 60),
    );
    assert_eq!(delete(&wharf, &alice, "early-bird").status(), 204);

    // 72 h 1 min: two owners is one too many.
    move_clock(&mut wharf, std::time::Duration::from_secs(72 * HOUR + 60));
    let refused = delete(&wharf, &alice, "late-bird");
    assert_eq!(refused.status(), 422);
    assert!(error_detail(refused).contains("2 owners"));
    let remove_bob = wharf
        .http()
        .delete(format!("{}/api/v1/crates/late-bird/owners", wharf.url))
        .header("Authorization", &alice)
        .json(&serde_json::json!({ "users": ["bob"] }))
        .send()
        .unwrap();
    assert_eq!(remove_bob.status(), 200);
    assert_eq!(delete(&wharf, &alice, "late-bird").status(), 204);

    // A sole owner after 72 hours: 1000 downloads in the first month is the most allowed.
    download(&wharf, "exact-fit", "1.0.0", 1000);
    download(&wharf, "one-too-many", "1.0.0", 1001);
    let refused = delete(&wharf, &alice, "one-too-many");
    assert_eq!(refused.status(), 422);
    assert!(error_detail(refused).contains("1001 times"));
    assert_eq!(delete(&wharf, &alice, "exact-fit").status(), 204);

    // `early-bird` was deleted at 71 h 59 min: blocked for 24 hours, then free to anyone, but
    // never at its old version numbers.
    move_clock(
        &mut wharf,
        std::time::Duration::from_secs(71 * HOUR + 59 * 60 + 24 * HOUR - 120),
    );
    let blocked = wharf.publish_raw(
        &bob,
        publish_body(
            &metadata("early-bird", "2.0.0"),
            &crate_file("early-bird", "2.0.0", &[]),
        ),
    );
    assert_eq!(blocked.status(), 409);
    assert!(error_detail(blocked).contains("deleted recently"));
    move_clock(
        &mut wharf,
        std::time::Duration::from_secs(71 * HOUR + 59 * 60 + 24 * HOUR + 120),
    );
    let reused = wharf.publish_raw(
        &bob,
        publish_body(
            &metadata("early-bird", "1.0.0"),
            &crate_file("early-bird", "1.0.0", &[]),
        ),
    );
    assert_eq!(reused.status(), 409);
    assert!(error_detail(reused).contains("never reused"));
    assert_eq!(
        publish(&wharf, &bob, "early-bird", "2.0.0", serde_json::json!([])),
        200
    );
}
