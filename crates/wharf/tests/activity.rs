//! Download counts and reverse dependencies, as crates.io's API shapes them: the numbers the
//! owner-deletion rule will stand on.

mod support;

use support::{crate_file, metadata, publish_body, Backend, Wharf};

backend_tests!(
    downloads_are_counted_per_version_per_day,
    reverse_dependencies_list_dependents
);

fn publish(wharf: &Wharf, token: &str, name: &str, version: &str, deps: serde_json::Value) {
    let mut m = metadata(name, version);
    m["deps"] = deps;
    let response = wharf.publish_raw(token, publish_body(&m, &crate_file(name, version, &[])));
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

fn dep(name: &str) -> serde_json::Value {
    serde_json::json!({
        "name": name, "version_req": "^1", "features": [], "optional": false,
        "default_features": true, "target": null, "kind": "normal", "registry": null,
        "explicit_name_in_toml": null,
    })
}

fn downloads_are_counted_per_version_per_day(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    publish(&wharf, &token, "counted", "1.0.0", serde_json::json!([]));
    publish(&wharf, &token, "counted", "1.1.0", serde_json::json!([]));
    for _ in 0..3 {
        assert_eq!(
            wharf.get("/api/v1/crates/counted/1.0.0/download").status(),
            200
        );
    }
    assert_eq!(
        wharf.get("/api/v1/crates/counted/1.1.0/download").status(),
        200
    );
    assert_eq!(
        wharf.get("/api/v1/crates/counted/9.9.9/download").status(),
        404
    );

    // Counts reach the database in batches (every second in tests).
    let mut body = serde_json::Value::Null;
    for _ in 0..50 {
        body = wharf.get_json("/api/v1/crates/counted/downloads");
        let total: i64 = body["version_downloads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["downloads"].as_i64().unwrap())
            .sum();
        if total == 4 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let days = body["version_downloads"].as_array().unwrap();
    assert_eq!(days.len(), 2, "{body}");
    let today = days[0]["date"].as_str().unwrap();
    assert_eq!(today.len(), 10);
    let info = wharf.get_json("/api/v1/crates/counted");
    let by_version: std::collections::HashMap<String, i64> = info["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["num"].as_str().unwrap().to_string(),
                v["downloads"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(by_version["1.0.0"], 3);
    assert_eq!(by_version["1.1.0"], 1);
    assert_eq!(info["crate"]["downloads"], 4);
    let v100 = info["versions"][1]["id"].as_i64().unwrap();
    assert!(
        days.iter()
            .any(|d| d["version"] == v100 && d["downloads"] == 3),
        "{body}"
    );
}

fn reverse_dependencies_list_dependents(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    publish(&wharf, &token, "core-lib", "1.0.0", serde_json::json!([]));
    // A crate depending on itself (a dev-dependency, say) is not its own reverse dependency.
    publish(
        &wharf,
        &token,
        "core-lib",
        "1.1.0",
        serde_json::json!([dep("core-lib")]),
    );
    let body = wharf.get_json("/api/v1/crates/core-lib/reverse_dependencies");
    assert_eq!(body["meta"]["total"], 0, "{body}");

    publish(
        &wharf,
        &token,
        "user-one",
        "1.0.0",
        serde_json::json!([dep("core-lib")]),
    );
    publish(
        &wharf,
        &token,
        "user-one",
        "2.0.0",
        serde_json::json!([dep("core-lib")]),
    );
    publish(
        &wharf,
        &token,
        "user-two",
        "1.0.0",
        serde_json::json!([dep("core-lib")]),
    );
    publish(&wharf, &token, "unrelated", "1.0.0", serde_json::json!([]));
    // A yanked dependent still depends on it.
    let yank = wharf
        .http()
        .delete(format!("{}/api/v1/crates/user-two/1.0.0/yank", wharf.url))
        .header("Authorization", &token)
        .send()
        .unwrap();
    assert_eq!(yank.status(), 200);

    let body = wharf.get_json("/api/v1/crates/core-lib/reverse_dependencies");
    assert_eq!(body["meta"]["total"], 2, "{body}");
    let versions = body["versions"].as_array().unwrap();
    assert_eq!(versions[0]["crate"], "user-one");
    assert_eq!(versions[0]["num"], "2.0.0");
    assert_eq!(versions[1]["crate"], "user-two");
    assert_eq!(versions[1]["yanked"], true);
    assert_eq!(body["dependencies"][0]["crate_id"], "core-lib");
    assert_eq!(body["dependencies"][0]["req"], "^1");
    assert_eq!(
        wharf
            .get("/api/v1/crates/nope/reverse_dependencies")
            .status(),
        404
    );
}
