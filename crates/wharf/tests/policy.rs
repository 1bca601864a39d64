//! The publish policy through its real interfaces: `cargo publish` printing the registry's reasons,
//! the findings endpoint, the admin CLI, rate limits and the API's front door.

mod support;

use support::{crate_file, error_detail, metadata, publish_body, Backend, Wharf};

backend_tests!(
    tarball_limits_reach_cargo,
    metadata_rules_reach_cargo,
    uploads_without_rust_code_are_refused,
    reserved_and_confusable_names_are_refused,
    typosquats_are_flagged_and_impersonation_held,
    a_crate_protects_its_name_as_soon_as_it_is_popular,
    internal_prefixes_are_flagged,
    rate_limits_answer_429,
    api_needs_a_user_agent_and_a_fair_rate,
);

const LIB: &str = "pub fn hello() -> &'static str { \"hello\" }\n";

fn publish_args() -> [&'static str; 4] {
    ["publish", "--registry", "wharf", "--allow-dirty"]
}

fn tarball_limits_reach_cargo(backend: Backend) {
    let wharf = Wharf::with_config(backend, "max_unpacked_size = 65536\n");
    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    let big = alice.new_crate("big-data", "0.1.0", "", LIB);
    std::fs::write(big.join("data.bin"), vec![7u8; 100_000]).unwrap();
    let out = alice.publish(&big);
    assert!(!out.success);
    assert!(out.stderr.contains("400"), "{}", out.stderr);
    assert!(
        out.stderr.contains("unpacks to more than 64 KiB"),
        "{}",
        out.stderr
    );
    assert_eq!(wharf.get("/api/v1/crates/big-data").status(), 404);
    // Within the limit, the same crate is fine.
    std::fs::write(big.join("data.bin"), vec![7u8; 1000]).unwrap();
    alice.publish_ok(&big);
}

fn metadata_rules_reach_cargo(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));

    // No description: cargo only warns, the registry refuses and cargo prints why.
    let dir = alice.projects.join("undescribed");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"undescribed\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), LIB).unwrap();
    let out = alice.publish(&dir);
    assert!(!out.success);
    assert!(out.stderr.contains("400"), "{}", out.stderr);
    assert!(out.stderr.contains("description"), "{}", out.stderr);

    // An invalid licence expression.
    let bad_license = alice.new_crate("bad-license", "0.1.0", "", LIB);
    let manifest = std::fs::read_to_string(bad_license.join("Cargo.toml")).unwrap();
    std::fs::write(
        bad_license.join("Cargo.toml"),
        manifest.replace("license = \"MIT\"", "license = \"Totally Free License\""),
    )
    .unwrap();
    let out = alice.publish(&bad_license);
    assert!(!out.success);
    assert!(
        out.stderr.to_lowercase().contains("license"),
        "{}",
        out.stderr
    );

    // Too many keywords.
    let keywords = alice.new_crate(
        "many-keywords",
        "0.1.0",
        "keywords = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]",
        LIB,
    );
    let out = alice.publish(&keywords);
    assert!(!out.success);
    assert!(out.stderr.contains("keyword"), "{}", out.stderr);

    // A wildcard requirement on a registry dependency.
    let base = alice.new_crate("wild-base", "1.0.0", "", LIB);
    alice.publish_ok(&base);
    let wild = alice.new_crate(
        "wild-user",
        "0.1.0",
        "\n[dependencies]\nwild-base = { version = \"*\", registry = \"wharf\" }",
        LIB,
    );
    let out = alice.publish(&wild);
    assert!(!out.success);
    assert!(
        out.stderr.contains('*') || out.stderr.contains("wildcard"),
        "{}",
        out.stderr
    );

    // An unknown category is not fatal: the crate is published and cargo prints the warning.
    let categorised = alice.new_crate(
        "categorised",
        "0.1.0",
        "categories = [\"no-such-category\", \"parsing\"]",
        LIB,
    );
    let out = alice.publish_ok(&categorised);
    assert!(out.stderr.contains("no-such-category"), "{}", out.stderr);

    // Admins extend the category list; the same category is then accepted without a warning.
    wharf.cli(&["admin", "category", "add", "no-such-category"]);
    let again = alice.new_crate(
        "categorised",
        "0.2.0",
        "categories = [\"no-such-category\"]",
        LIB,
    );
    let out = alice.publish_ok(&again);
    assert!(!out.stderr.contains("no-such-category"), "{}", out.stderr);

    // A well-formed crate passes with nothing to say.
    let fine = alice.new_crate(
        "well-formed",
        "0.1.0",
        "keywords = [\"parser\"]\ncategories = [\"parsing\"]\nrepository = \"https://example.org/repo\"",
        LIB,
    );
    let out = alice.cargo_ok(&fine, &publish_args());
    assert!(!out.stderr.contains("warning: "), "{}", out.stderr);
}

fn uploads_without_rust_code_are_refused(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    let manifest = "[package]\nname = \"holiday-photos\"\nversion = \"1.0.0\"\nedition = \"2021\"\n\
                    description = \"Photos\"\nlicense = \"MIT\"\nautobins = false\nautoexamples = false\n\
                    autotests = false\nautobenches = false\n";
    let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16, b'J', b'F', b'I', b'F', 0];
    jpeg.extend(std::iter::repeat_n(0x42, 20_000));
    let tarball = support::raw_tarball(&[
        (
            "holiday-photos-1.0.0/Cargo.toml".into(),
            manifest.as_bytes().to_vec(),
        ),
        ("holiday-photos-1.0.0/beach.jpg".into(), jpeg),
    ]);
    let response = wharf.publish_raw(
        &token,
        publish_body(&metadata("holiday-photos", "1.0.0"), &tarball),
    );
    assert_eq!(response.status(), 400);
    let detail = error_detail(response);
    assert!(detail.contains("not a Rust crate"), "{detail}");
    assert!(detail.contains("JPEG"), "{detail}");

    // A real crate that ships an image beside its code is fine.
    let with_logo = crate_file(
        "has-logo",
        "1.0.0",
        &[("has-logo-1.0.0/logo.jpg", b"\xff\xd8\xff\xe0 logo")],
    );
    let response = wharf.publish_raw(
        &token,
        publish_body(&metadata("has-logo", "1.0.0"), &with_logo),
    );
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

fn reserved_and_confusable_names_are_refused(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    let bob = wharf
        .cargo_user("bob")
        .with_token(&wharf.user_with_token("bob"));

    // Seeded reserved names, matched in canonical form, with the reason printed by cargo.
    let token = wharf.cli(&["token", "new", "alice"]).trim().to_string();
    for reserved in ["std", "Proc-Macro", "nul", "com1"] {
        let response = wharf.publish_raw(
            &token,
            publish_body(
                &metadata(reserved, "1.0.0"),
                &crate_file(reserved, "1.0.0", &[]),
            ),
        );
        assert_eq!(response.status(), 400, "{reserved}");
        assert!(error_detail(response).contains("reserved"), "{reserved}");
    }
    // Admins extend the list; cargo shows the refusal.
    wharf.cli(&["admin", "reserved", "add", "company-secret"]);
    assert!(wharf
        .cli(&["admin", "reserved", "list"])
        .contains("company_secret"));
    let krate = alice.new_crate("company-secret", "0.1.0", "", LIB);
    let out = alice.publish(&krate);
    assert!(!out.success);
    assert!(out.stderr.contains("reserved"), "{}", out.stderr);
    wharf.cli(&["admin", "reserved", "remove", "company-secret"]);
    alice.publish_ok(&krate);

    // A look-alike of someone else's crate is refused, naming the original.
    let original = alice.new_crate("tokio-tools", "1.0.0", "", LIB);
    alice.publish_ok(&original);
    let fake = bob.new_crate("t0kio_tools", "1.0.0", "", LIB);
    let out = bob.publish(&fake);
    assert!(!out.success);
    assert!(out.stderr.contains("tokio-tools"), "{}", out.stderr);
    // The owner of the original may publish the look-alike (a rename, say).
    let own = alice.new_crate("tokiotools", "1.0.0", "", LIB);
    alice.publish_ok(&own);
}

/// The typosquat index follows the database, not a clock: a crate that has just entered the
/// most-downloaded list is protected from the next publish on.
fn a_crate_protects_its_name_as_soon_as_it_is_popular(backend: Backend) {
    let wharf = Wharf::with_config(backend, "typosquat_top_crates = 1\n");
    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    let bob_token = wharf.user_with_token("bob");
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    let verdict = |name: &str| -> serde_json::Value {
        let response = wharf
            .http()
            .get(format!("{}/api/v1/crates/{name}/1.0.0/findings", wharf.url))
            .header("Authorization", &bob_token)
            .send()
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().unwrap()
    };
    // Two crates without downloads: the first published is the one popular crate.
    alice.publish_ok(&alice.new_crate("gadgetry", "1.0.0", "", LIB));
    alice.publish_ok(&alice.new_crate("sprocketeer", "1.0.0", "", LIB));
    bob.publish_ok(&bob.new_crate("gadgetyr", "1.0.0", "", LIB));
    assert_eq!(verdict("gadgetyr")["verdict"], "flag");
    // A look-alike of the other one is not a typosquat yet: the index knows one crate.
    bob.publish_ok(&bob.new_crate("sprocketer", "1.0.0", "", LIB));
    assert_eq!(verdict("sprocketer")["verdict"], "allow");

    // sprocketeer is downloaded and overtakes gadgetry once the counts reach the database.
    for _ in 0..3 {
        let response = wharf.get("/api/v1/crates/sprocketeer/1.0.0/download");
        assert!(response.status().is_success(), "{}", response.status());
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let body: serde_json::Value = wharf.get("/api/v1/crates/sprocketeer").json().unwrap();
        if body["crate"]["downloads"].as_i64() >= Some(3) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "downloads never counted: {body}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The very next new crate is checked against it, and no longer against gadgetry.
    let out = bob.publish_ok(&bob.new_crate("sprockteer", "1.0.0", "", LIB));
    assert!(out.stderr.contains("sprocketeer"), "{}", out.stderr);
    let body = verdict("sprockteer");
    assert_eq!(body["verdict"], "flag");
    assert_eq!(body["findings"][0]["rule"], "name-typosquat");
    bob.publish_ok(&bob.new_crate("gadgtery", "1.0.0", "", LIB));
    assert_eq!(verdict("gadgtery")["verdict"], "allow");
}

fn typosquats_are_flagged_and_impersonation_held(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let bob_token = wharf.user_with_token("bob");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    let popular = alice.new_crate("widgetry", "1.0.0", "", LIB);
    alice.publish_ok(&popular);

    // A typo of a popular crate by someone else: published, flagged, and cargo prints the warning.
    let typo = bob.new_crate("widgtery", "1.0.0", "", LIB);
    let out = bob.publish_ok(&typo);
    assert!(out.stderr.contains("widgetry"), "{}", out.stderr);
    let findings = |token: &str, path: &str| {
        wharf
            .http()
            .get(format!("{}{path}", wharf.url))
            .header("Authorization", token)
            .send()
            .unwrap()
    };
    let response = findings(&bob_token, "/api/v1/crates/widgtery/1.0.0/findings");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().unwrap();
    assert_eq!(body["verdict"], "flag");
    assert_eq!(body["findings"][0]["rule"], "name-typosquat");
    assert_eq!(body["findings"][0]["severity"], "flag");
    // Findings are for the crate's owners and admins only.
    let response = findings(&alice_token, "/api/v1/crates/widgtery/1.0.0/findings");
    assert_eq!(response.status(), 403);
    // And an owner's token must be allowed the crate and a publish scope, as elsewhere.
    let other_crates = wharf.cli(&["token", "new", "bob", "--crate", "other-*"]);
    let response = findings(
        other_crates.trim(),
        "/api/v1/crates/widgtery/1.0.0/findings",
    );
    assert_eq!(response.status(), 403);
    let yank_only = wharf.cli(&["token", "new", "bob", "--scope", "yank"]);
    let response = findings(yank_only.trim(), "/api/v1/crates/widgtery/1.0.0/findings");
    assert_eq!(response.status(), 403);
    let publishing = wharf.cli(&["token", "new", "bob", "--scope", "publish-update"]);
    let response = findings(publishing.trim(), "/api/v1/crates/widgtery/1.0.0/findings");
    assert_eq!(response.status(), 200);
    assert_eq!(
        wharf.get("/api/v1/crates/widgtery/1.0.0/findings").status(),
        401
    );
    let admin = wharf.admin_with_token("root");
    assert_eq!(
        findings(&admin, "/api/v1/crates/widgtery/1.0.0/findings").status(),
        200
    );

    // Names on the protected list are guarded even before anyone publishes them.
    wharf.cli(&["admin", "protected", "add", "corporate-sdk"]);
    let squat = bob.new_crate("corporate-sdkk", "1.0.0", "", LIB);
    let out = bob.publish_ok(&squat);
    assert!(
        out.stderr.contains("corporate_sdk") || out.stderr.contains("corporate-sdk"),
        "{}",
        out.stderr
    );

    // The owner's own variant is not flagged.
    let own = alice.new_crate("widgetry-rs", "1.0.0", "", LIB);
    alice.publish_ok(&own);
    let body: serde_json::Value =
        findings(&alice_token, "/api/v1/crates/widgetry-rs/1.0.0/findings")
            .json()
            .unwrap();
    assert_eq!(body["verdict"], "allow", "{body}");

    // A look-alike that also starts at 99.0.0 is held: stored, but not served until released.
    let body = publish_body(
        &metadata("widgetry-cli", "99.0.0"),
        &crate_file("widgetry-cli", "99.0.0", &[]),
    );
    let response = wharf.publish_raw(&bob_token, body);
    // Accepted, not published: an error body, so cargo stops and prints it.
    assert_eq!(response.status(), 202);
    let detail = error_detail(response);
    assert!(
        detail.starts_with("widgetry-cli 99.0.0 is held for review"),
        "{detail}"
    );
    assert_eq!(wharf.get("/index/wi/dg/widgetry-cli").status(), 404);
    assert_eq!(
        wharf
            .get("/api/v1/crates/widgetry-cli/99.0.0/download")
            .status(),
        404
    );
    let body: serde_json::Value =
        findings(&bob_token, "/api/v1/crates/widgetry-cli/99.0.0/findings")
            .json()
            .unwrap();
    assert_eq!(body["verdict"], "hold");
    assert_eq!(body["held"], true);
    wharf.cli(&["admin", "release", "widgetry-cli", "99.0.0"]);
    assert_eq!(wharf.get("/index/wi/dg/widgetry-cli").status(), 200);
    assert_eq!(
        wharf
            .get("/api/v1/crates/widgetry-cli/99.0.0/download")
            .status(),
        200
    );
}

fn internal_prefixes_are_flagged(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    wharf.cli(&["admin", "internal-prefix", "add", "acme-"]);
    let response = wharf.publish_raw(
        &token,
        publish_body(
            &metadata("acme-billing", "0.1.0"),
            &crate_file("acme-billing", "0.1.0", &[]),
        ),
    );
    assert_eq!(response.status(), 200);
    let warnings: serde_json::Value = response.json().unwrap();
    assert!(
        !warnings["warnings"]["other"].as_array().unwrap().is_empty(),
        "{warnings}"
    );
    let findings: serde_json::Value = wharf
        .http()
        .get(format!(
            "{}/api/v1/crates/acme-billing/0.1.0/findings",
            wharf.url
        ))
        .header("Authorization", &token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(findings["verdict"], "flag");
    assert_eq!(findings["findings"][0]["rule"], "dependency-confusion");
    // A first version of 99 or more is flagged too, and cargo prints the warning; an ordinary one
    // is not.
    let alice = wharf.cargo_user("alice").with_token(&token);
    let jumpy = alice.new_crate("jumpy", "99.0.0", "", LIB);
    let out = alice.publish_ok(&jumpy);
    assert!(out.stderr.contains("99.0.0"), "{}", out.stderr);
    let response = wharf.publish_raw(
        &token,
        publish_body(
            &metadata("calm", "1.0.0"),
            &crate_file("calm", "1.0.0", &[]),
        ),
    );
    let warnings: serde_json::Value = response.json().unwrap();
    assert_eq!(warnings["warnings"]["other"], serde_json::json!([]));
}

fn rate_limits_answer_429(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&token);
    wharf.cli(&[
        "admin",
        "rate-limit",
        "alice",
        "publish-new",
        "--burst",
        "2",
        "--period-seconds",
        "600",
    ]);
    for name in ["bulk-one", "bulk-two"] {
        let krate = alice.new_crate(name, "0.1.0", "", LIB);
        alice.publish_ok(&krate);
    }
    let third = alice.new_crate("bulk-three", "0.1.0", "", LIB);
    let out = alice.publish(&third);
    assert!(!out.success);
    assert!(out.stderr.contains("429"), "{}", out.stderr);
    assert!(out.stderr.contains("try again in"), "{}", out.stderr);
    let response = wharf.publish_raw(
        &token,
        publish_body(
            &metadata("bulk-four", "0.1.0"),
            &crate_file("bulk-four", "0.1.0", &[]),
        ),
    );
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0 && retry_after <= 600, "{retry_after}");
    // The limit is checked before the upload is read: a .crate that is not even gzip is
    // refused for the limit (429), not for its contents (400).
    let garbage = wharf.publish_raw(
        &token,
        publish_body(&metadata("bulk-five", "0.1.0"), b"not a crate file at all"),
    );
    assert_eq!(garbage.status(), 429);
    // New versions of existing crates have their own bucket.
    let next = alice.new_crate("bulk-one", "0.2.0", "", LIB);
    alice.publish_ok(&next);
    // Raising the limit of an emptied bucket takes effect at once: the bucket starts full at the
    // new shape instead of refilling at the old pace.
    wharf.cli(&[
        "admin",
        "rate-limit",
        "alice",
        "publish-new",
        "--burst",
        "3",
        "--period-seconds",
        "600",
    ]);
    for name in ["bulk-three", "bulk-six", "bulk-seven"] {
        let response = wharf.publish_raw(
            &token,
            publish_body(&metadata(name, "0.1.0"), &crate_file(name, "0.1.0", &[])),
        );
        assert_eq!(
            response.status(),
            200,
            "{name}: {}",
            response.text().unwrap()
        );
    }
    let response = wharf.publish_raw(
        &token,
        publish_body(
            &metadata("bulk-eight", "0.1.0"),
            &crate_file("bulk-eight", "0.1.0", &[]),
        ),
    );
    assert_eq!(response.status(), 429);
    // The defaults come from the config file.
    let strict = Wharf::with_config(
        backend,
        "[rate_limits]\npublish_new = { burst = 1, period_seconds = 600 }\n",
    );
    let carol = strict.user_with_token("carol");
    let statuses: Vec<u16> = ["first-one", "second-one"]
        .iter()
        .map(|name| {
            strict
                .publish_raw(
                    &carol,
                    publish_body(&metadata(name, "0.1.0"), &crate_file(name, "0.1.0", &[])),
                )
                .status()
                .as_u16()
        })
        .collect();
    assert_eq!(statuses, [200, 429]);

    // Another user is not affected.
    let bob = wharf.user_with_token("bob");
    let response = wharf.publish_raw(
        &bob,
        publish_body(
            &metadata("bobs-crate", "0.1.0"),
            &crate_file("bobs-crate", "0.1.0", &[]),
        ),
    );
    assert_eq!(response.status(), 200);
}

fn api_needs_a_user_agent_and_a_fair_rate(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    let response = wharf.publish_raw(
        &token,
        publish_body(
            &metadata("agent-test", "0.1.0"),
            &crate_file("agent-test", "0.1.0", &[]),
        ),
    );
    assert_eq!(response.status(), 200);
    let bare = reqwest::blocking::Client::new();
    let response = bare
        .get(format!("{}/api/v1/crates/agent-test", wharf.url))
        .send()
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(error_detail(response).contains("User-Agent"));
    // Index files and downloads need no User-Agent.
    let index = bare
        .get(format!("{}/index/ag/en/agent-test", wharf.url))
        .send()
        .unwrap();
    assert_eq!(index.status(), 200);
    let download = bare
        .get(format!(
            "{}/api/v1/crates/agent-test/0.1.0/download",
            wharf.url
        ))
        .send()
        .unwrap();
    assert_eq!(download.status(), 200);

    // The per-address API limit: a small burst configured, then 429 with Retry-After; the index
    // is never limited.
    let limited = Wharf::with_config(backend, "api_requests_per_second = 1\napi_burst = 3\n");
    let statuses: Vec<u16> = (0..5)
        .map(|_| limited.get("/api/v1/crates?q=x").status().as_u16())
        .collect();
    assert_eq!(&statuses[..3], &[200, 200, 200], "{statuses:?}");
    assert_eq!(statuses[4], 429, "{statuses:?}");
    let response = limited.get("/api/v1/crates?q=x");
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    for _ in 0..20 {
        assert_eq!(limited.get("/index/config.json").status(), 200);
    }
}
