//! RSS feeds at crates.io's paths, read by a feed library as a feed reader would: new crates, new
//! versions, and one crate's versions; linked from the pages.

mod support;

use support::{Backend, Wharf};

backend_tests!(feeds_follow_what_is_published);

fn feed(wharf: &Wharf, path: &str) -> feed_rs::model::Feed {
    let response = wharf.get(path);
    assert_eq!(response.status(), 200, "{path}");
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/rss+xml"));
    feed_rs::parser::parse(response.bytes().unwrap().as_ref()).unwrap()
}

fn titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect()
}

fn feeds_follow_what_is_published(backend: Backend) {
    let wharf = Wharf::start(backend);
    let empty = feed(&wharf, "/api/v1/rss/crates");
    assert!(empty.entries.is_empty());

    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    for (name, version) in [
        ("fed-first", "1.0.0"),
        ("fed-second", "0.1.0"),
        ("fed-first", "1.1.0"),
    ] {
        let dir = alice.new_crate(name, version, "", "pub fn f() {}\n");
        alice.publish_ok(&dir);
        // Publication times are in milliseconds: keep the order unambiguous.
        std::thread::sleep(std::time::Duration::from_millis(5));
    }

    let crates = feed(&wharf, "/api/v1/rss/crates");
    assert_eq!(titles(&crates), ["fed-second", "fed-first"]);
    let newest = &crates.entries[0];
    assert_eq!(
        newest.links[0].href,
        format!("{}/crates/fed-second", wharf.url)
    );
    assert!(newest.published.is_some());
    assert_eq!(newest.summary.as_ref().unwrap().content, "A test crate");

    let updates = feed(&wharf, "/api/v1/rss/updates");
    assert_eq!(
        titles(&updates),
        ["fed-first 1.1.0", "fed-second 0.1.0", "fed-first 1.0.0"]
    );
    let one = feed(&wharf, "/api/v1/rss/crates/fed-first");
    assert_eq!(titles(&one), ["fed-first 1.1.0", "fed-first 1.0.0"]);
    assert_eq!(
        one.entries[0].links[0].href,
        format!("{}/crates/fed-first/1.1.0", wharf.url)
    );

    let missing = wharf.get("/api/v1/rss/crates/fed-nothing");
    assert_eq!(missing.status(), 404);
    let body: serde_json::Value = missing.json().unwrap();
    assert!(body["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("fed-nothing"));

    // Pages point feed readers at the feeds.
    let page = wharf.get("/crates/fed-first").text().unwrap();
    for href in [
        "/api/v1/rss/crates",
        "/api/v1/rss/updates",
        "/api/v1/rss/crates/fed-first",
    ] {
        let link = page
            .lines()
            .find(|line| line.contains(&format!("href=\"{href}\"")));
        assert!(
            link.is_some_and(|line| {
                line.starts_with("<link rel=\"alternate\" type=\"application/rss+xml\"")
            }),
            "{href}"
        );
    }
    let home = wharf.get("/").text().unwrap();
    assert!(home.contains("href=\"/api/v1/rss/updates\""));
    assert!(!home.contains("href=\"/api/v1/rss/crates/"));
}
