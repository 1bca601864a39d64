//! The database dump: `wharf dump` and `/db-dump.tar.gz` are read unchanged by the `db-dump`
//! crate (which reads crates.io's dumps), hold what was published, and hold no personal data.

mod support;

use std::io::Read;
use std::time::Duration;
use support::{Backend, Wharf};

backend_tests!(
    the_dump_is_read_by_the_db_dump_crate_and_holds_no_personal_data,
    the_server_publishes_a_dump
);

/// Every file of a `.tar.gz`, by path.
fn files(archive: &[u8]) -> Vec<(String, String)> {
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
    tar.entries()
        .unwrap()
        .map(|entry| {
            let mut entry = entry.unwrap();
            let path = entry.path().unwrap().to_string_lossy().into_owned();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (path, text)
        })
        .collect()
}

fn the_dump_is_read_by_the_db_dump_crate_and_holds_no_personal_data(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let base = alice.new_crate(
        "dumped-base",
        "1.0.0",
        "keywords = [\"dump\"]\ncategories = [\"database\"]",
        "pub fn base() {}\n",
    );
    alice.publish_ok(&base);
    let user = alice.new_crate(
        "dumped-user",
        "0.1.0",
        "[dependencies]\ndumped-base = { version = \"1\", registry = \"wharf\" }",
        "pub fn user() {}\n",
    );
    alice.publish_ok(&user);
    alice.cargo_ok(
        &user,
        &["yank", "--registry", "wharf", "--version", "0.1.0"],
    );
    // The version's history shows the yank after the publish, with who did each.
    let history =
        wharf.get_json("/api/v1/crates/dumped-user/0.1.0")["version"]["audit_actions"].clone();
    let actions: Vec<(&str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["action"].as_str().unwrap(),
                a["user"]["login"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(actions, [("publish", "alice"), ("yank", "alice")]);
    wharf.cli(&["team", "add", "crew", "--maintainer", "alice"]);
    let added = wharf
        .http()
        .put(format!("{}/api/v1/crates/dumped-base/owners", wharf.url))
        .header("Authorization", &alice_token)
        .json(&serde_json::json!({ "users": ["team:crew"] }))
        .send()
        .unwrap();
    assert_eq!(added.status(), 200);
    assert_eq!(
        wharf
            .get("/api/v1/crates/dumped-base/1.0.0/download")
            .status(),
        200
    );
    assert_eq!(wharf.wait_for_downloads("dumped-base", 1), 1);

    let output = wharf.dir.path().join("out.tar.gz");
    let printed = wharf.cli_output(&["dump", "--output", output.to_str().unwrap()]);
    assert!(printed.status.success());
    let stderr = String::from_utf8_lossy(&printed.stderr);
    assert!(stderr.contains("wrote versions: 2 rows"), "{stderr}");

    let dump = db_dump::load_all(&output).unwrap();
    let names: Vec<&str> = dump.crates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["dumped-base", "dumped-user"]);
    let base_id = dump.crates[0].id;
    assert_eq!(dump.versions.len(), 2);
    let yanked = dump
        .versions
        .iter()
        .find(|v| v.crate_id != base_id)
        .unwrap();
    assert!(yanked.yanked);
    assert_eq!(dump.dependencies.len(), 1);
    assert_eq!(dump.dependencies[0].crate_id, base_id);
    assert_eq!(dump.dependencies[0].version_id, yanked.id);
    assert_eq!(dump.keywords[0].keyword, "dump");
    assert_eq!(dump.crates_keywords[0].crate_id, base_id);
    let database = dump
        .categories
        .iter()
        .find(|c| c.slug == "database")
        .unwrap();
    assert_eq!(database.crates_cnt, 1);
    assert_eq!(dump.crates_categories[0].category_id, database.id);
    assert_eq!(dump.users.len(), 1);
    assert_eq!(dump.users[0].username, "alice");
    assert_eq!(dump.teams[0].login, "team:crew");
    assert_eq!(dump.crate_owners.len(), 3, "alice twice and the team once");
    assert_eq!(dump.metadata.total_downloads, 1);
    assert_eq!(dump.version_downloads[0].downloads, 1);
    let default = dump
        .default_versions
        .iter()
        .find(|d| d.crate_id == base_id)
        .unwrap();
    assert_eq!(default.num_versions, Some(1));
    assert!(dump.reserved_crate_names.iter().any(|r| r.name == "std"));

    // Personal data: no address, token, password, session or moderation record, in any file.
    let archive = std::fs::read(&output).unwrap();
    let files = files(&archive);
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    for wanted in [
        "metadata.json",
        "README.md",
        "schema.sql",
        "data/crates.csv",
    ] {
        assert!(
            paths.iter().any(|p| p.ends_with(wanted)),
            "{wanted}: {paths:?}"
        );
    }
    let token_secret = alice_token.trim_start_matches("Bearer ");
    for (path, text) in &files {
        for secret in ["alice@example.org", "@example.org", token_secret, "$argon2"] {
            assert!(!text.contains(secret), "{path} holds `{secret}`");
        }
        if path.ends_with(".csv") {
            let header = text.lines().next().unwrap_or_default();
            for column in header.split(',') {
                let personal = ["email", "token", "password", "session"]
                    .iter()
                    .any(|word| column.contains(word))
                    || column == "ip";
                assert!(!personal, "{path} has a column `{column}`");
            }
        }
    }
    for private in [
        "reports",
        "audit",
        "api_tokens",
        "sessions",
        "outbox",
        "findings",
    ] {
        assert!(
            !paths.iter().any(|p| p.contains(private)),
            "{private}: {paths:?}"
        );
    }
}

fn the_server_publishes_a_dump(backend: Backend) {
    let mut wharf = Wharf::start(backend);
    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    let dir = alice.new_crate("served-dump", "1.0.0", "", "pub fn s() {}\n");
    alice.publish_ok(&dir);
    // The dump written at start predates the crate; with it gone, a restart writes a new one.
    let published = wharf.wait_for_published_dump();
    std::fs::remove_file(&published).unwrap();
    assert_eq!(wharf.get("/db-dump.tar.gz").status(), 404);
    wharf.restart();
    let mut response = wharf.get("/db-dump.tar.gz");
    for _ in 0..100 {
        if response.status() == 200 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        response = wharf.get("/db-dump.tar.gz");
    }
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/gzip");
    let path = wharf.dir.path().join("served.tar.gz");
    std::fs::write(&path, response.bytes().unwrap()).unwrap();
    let dump = db_dump::load_all(&path).unwrap();
    assert_eq!(dump.crates.len(), 1);
    assert_eq!(dump.crates[0].name, "served-dump");
}
