//! Moderation end to end: a report reaches the queue, a moderator suspends the publisher (whose
//! `cargo publish` then prints the reason) and lifts it; a trusted reporter's malware report holds a
//! new crate so cargo can no longer resolve it; removal is permanent; e-mails reach the SMTP sink;
//! and every new endpoint refuses whoever may not use it.

mod support;

use support::{crate_file, error_detail, metadata, publish_body, Backend, Wharf};

backend_tests!(
    a_report_leads_to_a_suspension_and_back,
    a_trusted_malware_report_holds_a_new_crate,
    who_may_use_the_moderation_endpoints,
    a_notice_comes_before_reassigning_a_squatted_name,
    bulk_removal_and_token_expiry_mail,
    reports_are_rate_limited_and_notices_run_out,
    idle_placeholders_come_back_to_the_queue,
    moderation_reaches_only_lower_roles_with_unrestricted_tokens,
    a_crates_reports_are_its_own_whatever_its_name_holds,
);

/// `_` and `%` in a crate's name are letters, not wildcards: the reports on `fooxbar`'s versions
/// are not `foo_bar`'s.
fn a_crates_reports_are_its_own_whatever_its_name_holds(backend: Backend) {
    let wharf = Wharf::start(backend);
    let owner = wharf.user_with_token("alice");
    let reporter = wharf.user_with_token("carol");
    let moderator = moderator(&wharf, "mod");
    for name in ["foo_bar", "fooxbar"] {
        let response = wharf.publish_raw(
            &owner,
            publish_body(&metadata(name, "1.0.0"), &crate_file(name, "1.0.0", &[])),
        );
        assert_eq!(response.status(), 200, "{name}");
    }
    assert_eq!(
        report(&wharf, &reporter, "crate:fooxbar@1.0.0", "spam").status(),
        201
    );
    let detail: serde_json::Value = get(
        &wharf,
        Some(&moderator),
        "/api/v1/admin/queue/crate:foo_bar",
    )
    .json()
    .unwrap();
    assert_eq!(
        detail["item"]["reports"].as_array().map(Vec::len),
        Some(0),
        "{detail}"
    );
    let detail: serde_json::Value = get(
        &wharf,
        Some(&moderator),
        "/api/v1/admin/queue/crate:fooxbar",
    )
    .json()
    .unwrap();
    assert_eq!(detail["item"]["reports"].as_array().map(Vec::len), Some(1));
}

/// A token narrowed to some crates moderates nothing; a moderator acts only on accounts of a
/// lower role, and nobody on their own account.
fn moderation_reaches_only_lower_roles_with_unrestricted_tokens(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    alice.publish_ok(&alice.new_crate("victim-crate", "1.0.0", "", LIB));
    let admin = wharf.admin_with_token("root");
    let narrowed = wharf.cli(&["token", "new", "root", "--crate", "other-*"]);
    let narrowed = narrowed.trim();
    let removal = serde_json::json!({
        "action": "remove-crate", "target": "crate:victim-crate", "reason": "a narrowed token"
    });
    let refused = act(&wharf, narrowed, removal.clone());
    assert_eq!(refused.status(), 403);
    assert!(support::error_detail(refused).contains("without scope or crate restrictions"));
    assert_eq!(
        get(&wharf, Some(narrowed), "/api/v1/admin/queue").status(),
        403
    );
    assert_eq!(
        get(&wharf, Some(narrowed), "/api/v1/admin/audit").status(),
        403
    );
    assert_eq!(
        wharf.get("/api/v1/crates/victim-crate").status(),
        200,
        "the crate is still there"
    );

    let moderator = moderator(&wharf, "mod");
    let suspend = |login: &str| serde_json::json!({ "action": "suspend", "target": format!("user:{login}"), "reason": "reach" });
    let over_admin = act(&wharf, &moderator, suspend("root"));
    assert_eq!(over_admin.status(), 403);
    assert!(support::error_detail(over_admin).contains("an administrator"));
    let trust_self = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "trust", "target": "user:mod", "reason": "me" }),
    );
    assert_eq!(trust_self.status(), 403);
    assert!(support::error_detail(trust_self).contains("their own account"));
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE login = $1 AND trusted_reporter = TRUE",
            "mod"
        ),
        0
    );
    assert_eq!(act(&wharf, &moderator, suspend("alice")).status(), 200);
    assert_eq!(act(&wharf, &admin, suspend("mod")).status(), 200);
}

const LIB: &str = "pub fn f() {}\n";

fn post(
    wharf: &Wharf,
    token: Option<&str>,
    path: &str,
    body: serde_json::Value,
) -> reqwest::blocking::Response {
    let mut request = wharf
        .http()
        .post(format!("{}{path}", wharf.url))
        .json(&body);
    if let Some(token) = token {
        request = request.header("Authorization", token);
    }
    request.send().unwrap()
}

fn get(wharf: &Wharf, token: Option<&str>, path: &str) -> reqwest::blocking::Response {
    let mut request = wharf.http().get(format!("{}{path}", wharf.url));
    if let Some(token) = token {
        request = request.header("Authorization", token);
    }
    request.send().unwrap()
}

fn report(wharf: &Wharf, token: &str, target: &str, category: &str) -> reqwest::blocking::Response {
    post(
        wharf,
        Some(token),
        "/api/v1/reports",
        serde_json::json!({ "target": target, "category": category, "details": "see the build script" }),
    )
}

fn act(wharf: &Wharf, token: &str, body: serde_json::Value) -> reqwest::blocking::Response {
    post(wharf, Some(token), "/api/v1/admin/actions", body)
}

/// A moderator (by role) with a token.
fn moderator(wharf: &Wharf, login: &str) -> String {
    let token = wharf.user_with_token(login);
    wharf.cli(&["user", "role", login, "moderator"]);
    token
}

fn a_report_leads_to_a_suspension_and_back(backend: Backend) {
    let (wharf, sink) = Wharf::with_mail_sink(backend, "");
    let alice_token = wharf.user_with_token("alice");
    let carol = wharf.user_with_token("carol");
    let moderator = moderator(&wharf, "mod");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    alice.publish_ok(&alice.new_crate("sketchy", "1.0.0", "", LIB));

    // Carol reports it; a second report of hers on the same thing is merged.
    let filed = report(&wharf, &carol, "crate:sketchy", "spam");
    assert_eq!(filed.status(), 201);
    let filed: serde_json::Value = filed.json().unwrap();
    assert_eq!(filed["held"], false);
    let again = report(&wharf, &carol, "crate:Sketchy", "spam");
    assert_eq!(again.status(), 200);
    assert_eq!(
        again.json::<serde_json::Value>().unwrap()["report"]["merged"],
        true
    );
    sink.wait_for("carol@example.org", "Report #");

    // The moderator sees it in the queue, with the evidence.
    let queue: serde_json::Value = get(&wharf, Some(&moderator), "/api/v1/admin/queue")
        .json()
        .unwrap();
    let item = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["target"] == "crate:sketchy")
        .unwrap_or_else(|| panic!("{queue}"))
        .clone();
    assert_eq!(item["open_reports"], 1);
    assert_eq!(item["categories"][0], "spam");
    let detail: serde_json::Value = get(
        &wharf,
        Some(&moderator),
        "/api/v1/admin/queue/crate:sketchy",
    )
    .json()
    .unwrap();
    assert_eq!(detail["item"]["owners"][0], "alice");
    assert_eq!(detail["item"]["reports"][0]["reporter"], "carol");
    assert!(detail["item"]["reports"][0]["details"]
        .as_str()
        .unwrap()
        .contains("see the build script"));

    // An action needs a reason.
    let no_reason = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "suspend", "target": "user:alice", "reason": " " }),
    );
    assert_eq!(no_reason.status(), 400);
    let suspended = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "suspend", "target": "user:alice", "days": 7, "reason": "bulk spam publishing" }),
    );
    assert_eq!(suspended.status(), 200, "{}", suspended.text().unwrap());
    let notice = sink.wait_for(
        "alice@example.org",
        "Moderation action on user:alice: suspend",
    );
    assert!(notice.body.contains("bulk spam publishing"));
    assert!(notice.body.contains("appeal") || notice.body.contains("reply to this message"));

    // The suspended publisher's cargo prints the reason and the end.
    let next = alice.new_crate("sketchy", "1.1.0", "", LIB);
    let out = alice.publish(&next);
    assert!(!out.success);
    assert!(out.stderr.contains("suspended until"), "{}", out.stderr);
    assert!(
        out.stderr.contains("bulk spam publishing"),
        "{}",
        out.stderr
    );

    // The report on the crate is closed separately; carol hears of it and sees its status.
    assert_eq!(
        act(
            &wharf,
            &moderator,
            serde_json::json!({ "action": "dismiss", "target": "crate:sketchy", "reason": "the account was dealt with" }),
        )
        .status(),
        200
    );
    sink.wait_for("carol@example.org", "decided");
    let mine: serde_json::Value = get(&wharf, Some(&carol), "/api/v1/me/reports")
        .json()
        .unwrap();
    assert_eq!(mine["reports"][0]["status"], "dismissed");
    let queue: serde_json::Value = get(&wharf, Some(&moderator), "/api/v1/admin/queue")
        .json()
        .unwrap();
    assert!(queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["target"] != "crate:sketchy"));

    // Lifted: publishing works again.
    assert_eq!(
        act(
            &wharf,
            &moderator,
            serde_json::json!({ "action": "lift", "target": "user:alice", "reason": "appeal accepted" }),
        )
        .status(),
        200
    );
    alice.publish_ok(&next);

    // Everything is in the audit log, with who did it.
    let admin = wharf.admin_with_token("root");
    // Moderators read the audit log without the client addresses; admins see them.
    let seen_by = |token: &str| -> serde_json::Value {
        get(&wharf, Some(token), "/api/v1/admin/audit")
            .json()
            .unwrap()
    };
    let by_moderator = seen_by(&moderator);
    assert!(!by_moderator["entries"].as_array().unwrap().is_empty());
    assert!(by_moderator["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["ip"].is_null()));
    assert!(seen_by(&admin)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["ip"].is_string()));
    let audit: serde_json::Value = get(
        &wharf,
        Some(&admin),
        "/api/v1/admin/audit?action=moderation.",
    )
    .json()
    .unwrap();
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "moderation.lift",
            "moderation.dismiss",
            "moderation.suspend"
        ]
    );
    assert!(audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "mod"));
    let reports = wharf.cli(&[
        "admin",
        "audit",
        "--target",
        "crate:sketchy",
        "--action",
        "report.",
    ]);
    assert_eq!(reports.lines().count(), 2, "{reports}");
}

fn a_trusted_malware_report_holds_a_new_crate(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let bob_token = wharf.user_with_token("bob");
    let tina = wharf.user_with_token("tina");
    let moderator = moderator(&wharf, "mod");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    alice.publish_ok(&alice.new_crate("fresh-evil", "1.0.0", "", LIB));
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    let app = bob.new_app(
        "victim",
        "fresh-evil = { version = \"1\", registry = \"wharf\" }",
        "fn main() { fresh_evil::f() }",
    );
    bob.cargo_ok(&app, &["generate-lockfile"]);
    std::fs::remove_file(app.join("Cargo.lock")).unwrap();

    // A moderator makes tina a trusted reporter; her malware report on a day-old crate holds it.
    assert_eq!(
        act(
            &wharf,
            &moderator,
            serde_json::json!({ "action": "trust", "target": "user:tina", "reason": "security researcher" }),
        )
        .status(),
        200
    );
    let filed = report(&wharf, &tina, "crate:fresh-evil@1.0.0", "malicious-code");
    assert_eq!(filed.status(), 201);
    assert_eq!(filed.json::<serde_json::Value>().unwrap()["held"], true);

    assert_eq!(wharf.get("/index/fr/es/fresh-evil").status(), 404);
    assert_eq!(
        wharf
            .get("/api/v1/crates/fresh-evil/1.0.0/download")
            .status(),
        404
    );
    let out = bob.cargo(&app, &["build"]);
    assert!(!out.success);
    assert!(out.stderr.contains("fresh-evil"), "{}", out.stderr);
    let blocked = alice.publish(&alice.new_crate("fresh-evil", "1.0.1", "", LIB));
    assert!(!blocked.success);
    assert!(
        blocked.stderr.contains("held pending review"),
        "{}",
        blocked.stderr
    );
    let queue: serde_json::Value = get(&wharf, Some(&moderator), "/api/v1/admin/queue")
        .json()
        .unwrap();
    assert_eq!(queue["items"][0]["target"], "crate:fresh-evil");
    assert!(queue["items"][0]["held"]
        .as_str()
        .unwrap()
        .contains("trusted reporter"));

    // The moderator removes it for good, and reserves the name.
    let removed = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "remove-crate", "target": "crate:fresh-evil", "reason": "credential stealer", "reserve": true }),
    );
    assert_eq!(removed.status(), 200, "{}", removed.text().unwrap());
    assert_eq!(wharf.get("/api/v1/crates/fresh-evil").status(), 404);
    assert_eq!(wharf.get("/index/fr/es/fresh-evil").status(), 404);
    let mine: serde_json::Value = get(&wharf, Some(&tina), "/api/v1/me/reports")
        .json()
        .unwrap();
    assert_eq!(mine["reports"][0]["status"], "actioned");
    for who in [&alice, &bob] {
        let out = who.publish(&who.new_crate("fresh-evil", "2.0.0", "", LIB));
        assert!(!out.success);
        assert!(out.stderr.contains("reserved"), "{}", out.stderr);
    }
    // Removal is permanent: there is nothing left to release.
    let release = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "release", "target": "crate:fresh-evil", "reason": "undo" }),
    );
    assert_eq!(release.status(), 404);
}

fn who_may_use_the_moderation_endpoints(backend: Backend) {
    let wharf = Wharf::start(backend);
    let owner = wharf.user_with_token("owner");
    let user = wharf.user_with_token("user");
    let moderator = moderator(&wharf, "mod");
    let admin = wharf.admin_with_token("root");
    let suspended = wharf.user_with_token("gone");
    let owner_cargo = wharf.cargo_user("owner").with_token(&owner);
    owner_cargo.publish_ok(&owner_cargo.new_crate("guarded", "1.0.0", "", LIB));
    wharf.cli(&[
        "admin",
        "act",
        "suspend",
        "user:gone",
        "--reason",
        "testing",
        "--days",
        "1",
    ]);

    let status = |response: reqwest::blocking::Response| response.status().as_u16();
    // Reading the categories is open to all.
    let categories: serde_json::Value = wharf.get_json("/api/v1/reports/categories");
    assert!(categories["categories"].as_array().unwrap().len() >= 16);
    assert!(categories["automatic_hold"]
        .as_str()
        .unwrap()
        .contains("trusted reporter"));

    // Reporting and one's own reports: signed-in users who are not suspended.
    let report_body = serde_json::json!({ "target": "user:owner", "category": "harassment", "details": "threats in the README" });
    assert_eq!(
        status(post(&wharf, None, "/api/v1/reports", report_body.clone())),
        401
    );
    assert_eq!(
        status(post(
            &wharf,
            Some(&suspended),
            "/api/v1/reports",
            report_body.clone()
        )),
        403
    );
    // Every signed-in role may report, and reads only its own reports.
    for token in [&user, &owner, &moderator, &admin] {
        assert_eq!(
            status(post(
                &wharf,
                Some(token),
                "/api/v1/reports",
                report_body.clone()
            )),
            201
        );
    }
    let bad = post(
        &wharf,
        Some(&user),
        "/api/v1/reports",
        serde_json::json!({ "target": "crate:guarded", "category": "rude", "details": "x" }),
    );
    assert_eq!(bad.status(), 400);
    assert!(error_detail(bad).contains("unknown report category"));
    assert_eq!(
        status(report(&wharf, &user, "crate:no-such-crate", "spam")),
        404
    );
    assert_eq!(status(get(&wharf, None, "/api/v1/me/reports")), 401);
    assert_eq!(
        status(get(&wharf, Some(&suspended), "/api/v1/me/reports")),
        403
    );
    for token in [&user, &owner, &moderator, &admin] {
        let mine: serde_json::Value = get(&wharf, Some(token), "/api/v1/me/reports")
            .json()
            .unwrap();
        assert_eq!(mine["reports"].as_array().unwrap().len(), 1, "{mine}");
    }

    // The queue, actions and the audit log: moderators and admins only (addresses: admins only).
    let dismiss = serde_json::json!({ "action": "dismiss", "target": "user:owner", "reason": "not a threat" });
    for path in [
        "/api/v1/admin/queue",
        "/api/v1/admin/queue/user:owner",
        "/api/v1/admin/audit",
    ] {
        assert_eq!(status(get(&wharf, None, path)), 401, "{path}");
        for token in [&user, &owner, &suspended] {
            assert_eq!(status(get(&wharf, Some(token), path)), 403, "{path}");
        }
        assert_eq!(status(get(&wharf, Some(&admin), path)), 200, "{path}");
        assert_eq!(status(get(&wharf, Some(&moderator), path)), 200, "{path}");
    }
    assert_eq!(
        status(post(&wharf, None, "/api/v1/admin/actions", dismiss.clone())),
        401
    );
    for token in [&user, &owner, &suspended] {
        assert_eq!(
            status(post(
                &wharf,
                Some(token),
                "/api/v1/admin/actions",
                dismiss.clone()
            )),
            403
        );
    }
    let bulk =
        serde_json::json!({ "action": "dismiss", "targets": ["crate:guarded"], "reason": "fine" });
    assert_eq!(
        status(post(
            &wharf,
            None,
            "/api/v1/admin/actions/bulk",
            bulk.clone()
        )),
        401
    );
    for token in [&user, &owner, &suspended] {
        assert_eq!(
            status(post(
                &wharf,
                Some(token),
                "/api/v1/admin/actions/bulk",
                bulk.clone()
            )),
            403
        );
    }
    for token in [&moderator, &admin] {
        assert_eq!(
            status(post(
                &wharf,
                Some(token),
                "/api/v1/admin/actions/bulk",
                bulk.clone()
            )),
            200
        );
    }
    // Answering a notice: the owner only.
    assert_eq!(
        status(post(
            &wharf,
            Some(&moderator),
            "/api/v1/admin/actions",
            serde_json::json!({ "action": "notice", "target": "crate:guarded", "reason": "is it real?" }),
        )),
        200
    );
    let reply = |token: Option<&str>| {
        let mut request = wharf
            .http()
            .put(format!("{}/api/v1/crates/guarded/notice", wharf.url))
            .json(&serde_json::json!({ "reply": "it is" }));
        if let Some(token) = token {
            request = request.header("Authorization", token);
        }
        request.send().unwrap().status().as_u16()
    };
    assert_eq!(reply(None), 401);
    for token in [&user, &moderator, &admin, &suspended] {
        assert_eq!(reply(Some(token)), 403);
    }
    assert_eq!(reply(Some(&owner)), 200);
    // A moderator's token limited to some scopes was not made for moderating.
    let scoped = wharf
        .cli(&["token", "new", "mod", "--scope", "yank"])
        .trim()
        .to_string();
    assert_eq!(
        status(get(&wharf, Some(&scoped), "/api/v1/admin/queue")),
        403
    );
    assert_eq!(
        status(post(
            &wharf,
            Some(&moderator),
            "/api/v1/admin/actions",
            dismiss
        )),
        200
    );
    // Unknown actions and mismatched targets are 400s; unknown targets 404s.
    for (body, expected) in [
        (
            serde_json::json!({ "action": "smite", "target": "user:owner", "reason": "r" }),
            400,
        ),
        (
            serde_json::json!({ "action": "suspend", "target": "crate:guarded", "reason": "r" }),
            400,
        ),
        (
            serde_json::json!({ "action": "yank", "target": "crate:guarded@9.9.9", "reason": "r" }),
            404,
        ),
        (
            serde_json::json!({ "action": "hold", "target": "crate guarded", "reason": "r" }),
            400,
        ),
    ] {
        assert_eq!(
            status(post(&wharf, Some(&admin), "/api/v1/admin/actions", body)),
            expected
        );
    }

    // A terminated account's tokens stop working for good.
    assert_eq!(
        status(post(
            &wharf,
            Some(&admin),
            "/api/v1/admin/actions",
            serde_json::json!({ "action": "terminate", "target": "user:owner", "reason": "fake account", "remove_crates": true }),
        )),
        200
    );
    assert_eq!(status(get(&wharf, Some(&owner), "/api/v1/me")), 403);
    assert_eq!(wharf.get("/api/v1/crates/guarded").status(), 404);
}

fn publish_raw(wharf: &Wharf, token: &str, name: &str) {
    let response = wharf.publish_raw(
        token,
        publish_body(&metadata(name, "0.1.0"), &crate_file(name, "0.1.0", &[])),
    );
    assert_eq!(response.status(), 200);
}

fn queue_targets(wharf: &Wharf, token: &str) -> Vec<serde_json::Value> {
    get(wharf, Some(token), "/api/v1/admin/queue")
        .json::<serde_json::Value>()
        .unwrap()["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn a_notice_comes_before_reassigning_a_squatted_name(backend: Backend) {
    let (wharf, sink) = Wharf::with_mail_sink(backend, "");
    let sam = wharf.user_with_token("sam");
    let dana = wharf.user_with_token("dana");
    let moderator = moderator(&wharf, "mod");
    publish_raw(&wharf, &sam, "coveted");
    assert_eq!(
        report(&wharf, &dana, "crate:coveted", "name-squatting").status(),
        201
    );

    // Reassigning needs the squatting review first.
    let early = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "reassign", "target": "crate:coveted", "to": "dana", "reason": "squatted" }),
    );
    assert_eq!(early.status(), 400);
    assert!(error_detail(early).contains("squatting review"));

    // The notice: the owner is told, the crate shows it, and the item waits.
    let notice = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "notice", "target": "crate:coveted", "days": 14, "reason": "no code behind the name" }),
    );
    assert_eq!(notice.status(), 200, "{}", notice.text().unwrap());
    let mail = sink.wait_for("sam@example.org", "Notice: coveted may be removed");
    assert!(mail.body.contains("no code behind the name"));
    let shown = wharf.get_json("/api/v1/crates/coveted");
    assert_eq!(
        shown["crate"]["notice"]["reason"],
        "no code behind the name"
    );
    assert!(queue_targets(&wharf, &moderator)
        .iter()
        .all(|i| i["target"] != "crate:coveted"));

    // Only an owner answers; the answer brings it back to the queue.
    let reply = |token: &str| {
        wharf
            .http()
            .put(format!("{}/api/v1/crates/coveted/notice", wharf.url))
            .header("Authorization", token)
            .json(&serde_json::json!({ "reply": "I will publish code next month" }))
            .send()
            .unwrap()
    };
    assert_eq!(reply(&dana).status(), 403);
    assert_eq!(reply(&sam).status(), 200);
    let items = queue_targets(&wharf, &moderator);
    let item = items
        .iter()
        .find(|i| i["target"] == "crate:coveted")
        .unwrap();
    assert_eq!(item["notice"]["reply"], "I will publish code next month");

    // Reassigned to dana, who must accept; accepting replaces sam.
    let reassigned = act(
        &wharf,
        &moderator,
        serde_json::json!({ "action": "reassign", "target": "crate:coveted", "to": "dana", "reason": "squatted for a year" }),
    );
    assert_eq!(reassigned.status(), 200, "{}", reassigned.text().unwrap());
    assert_eq!(
        wharf.get_json("/api/v1/crates/coveted/owners")["users"][0]["login"],
        "sam"
    );
    let invitation = sink.wait_for("dana@example.org", "Invitation to own the crate coveted");
    assert!(invitation.body.contains("current owners are removed"));
    let link = invitation
        .body
        .split_whitespace()
        .find(|w| w.contains("/accept/"))
        .unwrap()
        .to_string();
    assert_eq!(wharf.http().put(&link).send().unwrap().status(), 200);
    let owners = wharf.get_json("/api/v1/crates/coveted/owners");
    assert_eq!(owners["users"].as_array().unwrap().len(), 1);
    assert_eq!(owners["users"][0]["login"], "dana");
    assert!(wharf.get_json("/api/v1/crates/coveted")["crate"]["notice"].is_null());
    let mine: serde_json::Value = get(&wharf, Some(&dana), "/api/v1/me/reports")
        .json()
        .unwrap();
    assert_eq!(mine["reports"][0]["status"], "actioned");
}

fn bulk_removal_and_token_expiry_mail(backend: Backend) {
    let (mut wharf, sink) = Wharf::with_mail_sink(backend, "");
    let spammer = wharf.user_with_token("spammer");
    let moderator = moderator(&wharf, "mod");
    for name in ["buy-cheap-1", "buy-cheap-2", "buy-cheap-3"] {
        publish_raw(&wharf, &spammer, name);
    }
    let bulk = post(
        &wharf,
        Some(&moderator),
        "/api/v1/admin/actions/bulk",
        serde_json::json!({ "action": "remove-crate", "account": "spammer", "reason": "spam attack" }),
    );
    assert_eq!(bulk.status(), 200);
    let results: serde_json::Value = bulk.json().unwrap();
    assert_eq!(results["results"].as_array().unwrap().len(), 3);
    assert!(results["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["ok"] == true));
    for name in ["buy-cheap-1", "buy-cheap-2", "buy-cheap-3"] {
        assert_eq!(wharf.get(&format!("/api/v1/crates/{name}")).status(), 404);
    }
    let neither = post(
        &wharf,
        Some(&moderator),
        "/api/v1/admin/actions/bulk",
        serde_json::json!({ "action": "hold", "reason": "r" }),
    );
    assert_eq!(neither.status(), 400);

    // A token that expires within a week is announced (the check runs at start, then hourly).
    wharf.cli(&[
        "token",
        "new",
        "spammer",
        "--name",
        "ci",
        "--expires-days",
        "3",
    ]);
    wharf.restart();
    let mail = sink.wait_for("spammer@example.org", "API token \"ci\" expires soon");
    assert!(mail.body.contains("Create a new one"));
}

fn reports_are_rate_limited_and_notices_run_out(backend: Backend) {
    let mut wharf = Wharf::with_config(
        backend,
        "[rate_limits]\nreport = { burst = 2, period_seconds = 3600 }\n",
    );
    let owner = wharf.user_with_token("owner");
    let reporter = wharf.user_with_token("reporter");
    let moderator = moderator(&wharf, "mod");
    for name in ["first", "second", "third"] {
        publish_raw(&wharf, &owner, name);
    }
    assert_eq!(
        report(&wharf, &reporter, "crate:first", "spam").status(),
        201
    );
    assert_eq!(
        report(&wharf, &reporter, "crate:second", "spam").status(),
        201
    );
    // Merging a duplicate costs nothing; a third new report is over the limit.
    assert_eq!(
        report(&wharf, &reporter, "crate:second", "spam").status(),
        200
    );
    let limited = report(&wharf, &reporter, "crate:third", "spam");
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));

    // A notice hides its item until the deadline; then it is back.
    assert_eq!(
        act(
            &wharf,
            &moderator,
            serde_json::json!({ "action": "notice", "target": "crate:first", "days": 1, "reason": "looks empty" }),
        )
        .status(),
        200
    );
    assert!(queue_targets(&wharf, &moderator)
        .iter()
        .all(|i| i["target"] != "crate:first"));
    wharf.set_env(
        "WHARF_CLOCK_OFFSET_SECONDS",
        Some(&(2 * 24 * 3600).to_string()),
    );
    wharf.restart();
    let items = queue_targets(&wharf, &moderator);
    let item = items
        .iter()
        .find(|i| i["target"] == "crate:first")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(item["notice"]["reason"], "looks empty");
    assert!(item["notice"]["reply"].is_null());
}

fn idle_placeholders_come_back_to_the_queue(backend: Backend) {
    let mut wharf = Wharf::start(backend);
    let holder_token = wharf.user_with_token("holder");
    let moderator = moderator(&wharf, "mod");
    let holder = wharf.cargo_user("holder").with_token(&holder_token);
    // No code at all: the scanner flags it as a placeholder, which publishes but queues it.
    let published = holder.publish_ok(&holder.new_crate("holding-name", "0.1.0", "", ""));
    assert!(
        published.stderr.contains("holds the name"),
        "{}",
        published.stderr
    );
    let items = queue_targets(&wharf, &moderator);
    let item = items
        .iter()
        .find(|i| i["target"] == "crate:holding-name@0.1.0")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(item["verdict"], "flag");

    // A moderator gives it the benefit of the doubt…
    assert_eq!(
        act(
            &wharf,
            &moderator,
            serde_json::json!({ "action": "dismiss", "target": "crate:holding-name", "reason": "new, give it time" }),
        )
        .status(),
        200
    );
    assert!(queue_targets(&wharf, &moderator)
        .iter()
        .all(|i| !i["target"]
            .as_str()
            .unwrap()
            .starts_with("crate:holding-name")));

    // …and 31 days without a new version bring it back.
    wharf.set_env(
        "WHARF_CLOCK_OFFSET_SECONDS",
        Some(&(31 * 24 * 3600).to_string()),
    );
    wharf.restart();
    let items = queue_targets(&wharf, &moderator);
    let item = items
        .iter()
        .find(|i| i["target"] == "crate:holding-name")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(item["stale_placeholder"], true);
}
