//! The shape of every API response, one test per endpoint: the keys at each level and their JSON
//! types, against a skeleton written here independently of the server's `wire` structs, so a
//! renamed, missing, extra or mistyped field fails. Error bodies are checked the same way, and every
//! path a response advertises (`links`, `dl_path`, `readme_path`, account pages) is followed.
//!
//! A skeleton is JSON:
//! - `"string"`, `"integer"`, `"bool"`, `"object"` (any object), `"array"` (any array), `"any"`;
//!   a trailing `?` also allows `null` (`"string?"`), and `"null"` allows only `null`;
//! - `{…}`: an object with exactly these keys, each checked against its skeleton;
//! - `[]`: an empty array; `[s]`: a non-empty array whose every element matches `s` (so the test
//!   must have set up data for it);
//! - `{"null_or": s}`: `null` or a match for `s`; `{"map_of": s}`: an object with any keys whose
//!   every value matches `s`.

mod support;

use serde_json::{json, Value};
use support::{metadata, publish_body, raw_tarball, Backend, Options, Wharf};

backend_tests!(
    index_config_json,
    index_config_json_in_private_mode,
    index_file,
    health,
    publish,
    search,
    summary,
    keywords,
    keyword,
    categories,
    category,
    category_slugs,
    crate_info,
    crate_info_with_a_notice,
    crate_versions,
    version_info,
    version_dependencies,
    version_downloads,
    version_readme,
    version_authors,
    version_findings,
    download,
    crate_downloads,
    reverse_dependencies,
    owners,
    owner_user,
    owner_team,
    add_owners,
    remove_owners,
    yank,
    unyank,
    delete_version,
    delete_crate,
    me,
    user,
    my_invitations,
    answer_invitation,
    accept_invitation_by_token,
    file_report,
    report_categories,
    my_reports,
    review_queue,
    review_queue_item,
    moderator_action,
    bulk_moderator_action,
    reply_to_notice,
    audit_log,
    team,
    add_team_members,
    remove_team_members,
    error_bodies,
    advertised_links_are_served,
);

// ---------------------------------------------------------------------------------------------
// The shape checker.

/// Every place `value` differs from `skeleton`, each with its JSON path.
fn mismatches(path: &str, value: &Value, skeleton: &Value, found: &mut Vec<String>) {
    match skeleton {
        Value::String(kind) => {
            let (kind, nullable) = match kind.strip_suffix('?') {
                Some(kind) => (kind, true),
                None => (kind.as_str(), false),
            };
            let matches = match kind {
                "string" => value.is_string(),
                "integer" => value.is_i64() || value.is_u64(),
                "bool" => value.is_boolean(),
                "object" => value.is_object(),
                "array" => value.is_array(),
                "null" => value.is_null(),
                "any" => true,
                other => panic!("unknown skeleton type `{other}` at {path}"),
            };
            if !(matches || nullable && value.is_null()) {
                found.push(format!("{path}: expected {kind}, found {value}"));
            }
        }
        Value::Array(element) => match (value.as_array(), element.as_slice()) {
            (None, _) => found.push(format!("{path}: expected an array, found {value}")),
            (Some(items), []) => {
                if !items.is_empty() {
                    found.push(format!("{path}: expected an empty array, found {value}"));
                }
            }
            (Some(items), [element]) => {
                if items.is_empty() {
                    found.push(format!(
                        "{path}: expected items to check, found an empty array"
                    ));
                }
                for (i, item) in items.iter().enumerate() {
                    mismatches(&format!("{path}[{i}]"), item, element, found);
                }
            }
            _ => panic!("an array skeleton has at most one element, at {path}"),
        },
        Value::Object(fields) => {
            if let Some(inner) = fields.get("null_or").filter(|_| fields.len() == 1) {
                if !value.is_null() {
                    mismatches(path, value, inner, found);
                }
                return;
            }
            let Some(object) = value.as_object() else {
                found.push(format!("{path}: expected an object, found {value}"));
                return;
            };
            if let Some(inner) = fields.get("map_of").filter(|_| fields.len() == 1) {
                for (key, item) in object {
                    mismatches(&format!("{path}.{key}"), item, inner, found);
                }
                return;
            }
            for key in fields.keys().filter(|k| !object.contains_key(*k)) {
                found.push(format!("{path}.{key}: missing"));
            }
            for key in object.keys().filter(|k| !fields.contains_key(*k)) {
                found.push(format!("{path}.{key}: not expected"));
            }
            for (key, inner) in fields {
                if let Some(item) = object.get(key) {
                    mismatches(&format!("{path}.{key}"), item, inner, found);
                }
            }
        }
        other => panic!("a skeleton is a string, an array or an object, not {other}"),
    }
}

/// Panics, naming the endpoint and every mismatch, unless `value` has the skeleton's shape.
fn assert_shape(endpoint: &str, value: &Value, skeleton: &Value) {
    let mut found = Vec::new();
    mismatches("$", value, skeleton, &mut found);
    assert!(
        found.is_empty(),
        "{endpoint}: the response does not have its shape:\n  {}\nresponse: {value:#}",
        found.join("\n  ")
    );
}

#[test]
fn the_shape_checker_catches_renamed_missing_extra_and_mistyped_fields() {
    let skeleton = json!({ "a": "string", "b": ["integer"], "c": { "null_or": { "d": "bool?" } } });
    let good = json!({ "a": "x", "b": [1, 2], "c": { "d": null } });
    let mut found = Vec::new();
    mismatches("$", &good, &skeleton, &mut found);
    assert!(found.is_empty(), "{found:?}");
    for (bad, expected) in [
        (json!({ "A": "x", "b": [1], "c": null }), "$.a: missing"),
        (
            json!({ "a": "x", "b": [1], "c": null, "e": 1 }),
            "$.e: not expected",
        ),
        (
            json!({ "a": 1, "b": [1], "c": null }),
            "$.a: expected string",
        ),
        (
            json!({ "a": "x", "b": ["1"], "c": null }),
            "$.b[0]: expected integer",
        ),
        (
            json!({ "a": "x", "b": [], "c": null }),
            "$.b: expected items",
        ),
        (
            json!({ "a": "x", "b": [1], "c": { "d": 1 } }),
            "$.c.d: expected bool",
        ),
    ] {
        let mut found = Vec::new();
        mismatches("$", &bad, &skeleton, &mut found);
        assert!(
            found.iter().any(|f| f.starts_with(expected)),
            "{bad}: {found:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The expected shapes, written out from crates.io's API and Wharf's additions.

fn error_skeleton() -> Value {
    json!({ "errors": [{ "detail": "string" }] })
}

fn owner_skeleton() -> Value {
    json!({
        "id": "integer", "login": "string", "name": "string?", "avatar": "string?",
        "url": "string", "kind": "string",
    })
}

fn crate_skeleton() -> Value {
    json!({
        "id": "string", "name": "string", "description": "string?", "homepage": "string?",
        "documentation": "string?", "repository": "string?", "keywords": ["string"],
        "categories": ["string"], "badges": [], "max_version": "string",
        "max_stable_version": "string?", "newest_version": "string", "default_version": "string?",
        "downloads": "integer", "recent_downloads": "integer", "created_at": "string",
        "updated_at": "string", "exact_match": "bool", "versions": "null",
        "num_versions": "integer", "yanked": "bool",
        "links": {
            "versions": "string", "owners": "string", "owner_user": "string",
            "owner_team": "string", "reverse_dependencies": "string",
            "version_downloads": "string",
        },
    })
}

fn notice_skeleton() -> Value {
    json!({
        "reason": "string", "deadline": "integer", "created_at": "integer",
        "reply": "string?", "replied_at": "integer?",
    })
}

/// The crate page's crate: the summary, its version ids and any notice before removal.
fn crate_detail_skeleton() -> Value {
    let mut skeleton = crate_skeleton();
    let fields = skeleton.as_object_mut().unwrap();
    fields.insert("versions".into(), json!(["integer"]));
    fields.insert("notice".into(), json!({ "null_or": notice_skeleton() }));
    skeleton
}

fn version_skeleton() -> Value {
    json!({
        "id": "integer", "crate": "string", "num": "string", "dl_path": "string",
        "readme_path": "string", "checksum": "string", "features": { "map_of": "array" },
        "yanked": "bool", "yank_message": "string?", "lib_links": "string?",
        "license": "string?", "crate_size": "integer", "downloads": "integer",
        "rust_version": "string?", "edition": "string?", "description": "string?",
        "homepage": "string?", "documentation": "string?", "repository": "string?",
        "has_lib": "bool?", "bin_names": { "null_or": "array" },
        "published_by": { "null_or": owner_skeleton() }, "audit_actions": "array",
        "created_at": "string", "updated_at": "string",
        "links": { "dependencies": "string", "version_downloads": "string", "authors": "string" },
    })
}

fn keyword_skeleton() -> Value {
    json!({ "id": "string", "keyword": "string", "created_at": "string", "crates_cnt": "integer" })
}

fn category_skeleton() -> Value {
    json!({
        "id": "string", "category": "string", "slug": "string", "description": "string",
        "created_at": "string", "crates_cnt": "integer",
    })
}

fn dependency_skeleton() -> Value {
    json!({
        "id": "integer", "version_id": "integer", "crate_id": "string", "req": "string",
        "optional": "bool", "default_features": "bool", "features": "array",
        "target": "string?", "kind": "string", "downloads": "integer",
    })
}

fn version_download_skeleton() -> Value {
    json!({ "version": "integer", "downloads": "integer", "date": "string" })
}

fn ok_message_skeleton() -> Value {
    json!({ "ok": "bool", "msg": "string" })
}

fn invitation_answer_skeleton() -> Value {
    json!({ "crate_owner_invitation": { "crate_id": "integer", "accepted": "bool" } })
}

fn report_skeleton() -> Value {
    json!({
        "id": "integer", "reporter": "string", "reporter_trusted": "bool", "target": "string",
        "category": "string", "details": "string", "status": "string", "created_at": "integer",
        "resolved_at": "integer?", "resolution": "string?",
    })
}

fn finding_skeleton() -> Value {
    json!({
        "rule": "string", "severity": "string", "file": "string?", "line": "integer?",
        "evidence": "string",
    })
}

// ---------------------------------------------------------------------------------------------
// A registry to ask: a server whose API limit the checks cannot reach, and crates to ask about.

/// A per-address API limit no test reaches, so the checks never see a 429.
const GENEROUS_API_LIMIT: &str = "api_burst = 100000\n";

struct Registry {
    wharf: Wharf,
    /// alice's full-access token; she publishes everything.
    alice: String,
}

impl Registry {
    fn start(backend: Backend) -> Registry {
        Registry::from(Wharf::with_config(backend, GENEROUS_API_LIMIT))
    }

    fn from(wharf: Wharf) -> Registry {
        let alice = wharf.user_with_token("alice");
        Registry { wharf, alice }
    }

    /// `shape-check` 0.1.0, with a README, keywords and categories, depending on `shape-base`.
    fn with_crates(backend: Backend) -> Registry {
        let registry = Registry::start(backend);
        registry.publish("shape-base", "1.0.0", json!([]));
        registry.publish("shape-check", "0.1.0", json!([dependency("shape-base")]));
        registry
    }

    /// Publishes through the API as cargo does and returns the response's JSON.
    fn publish(&self, name: &str, version: &str, deps: Value) -> Value {
        let mut meta = metadata(name, version);
        meta["deps"] = deps;
        let response = self
            .wharf
            .publish_raw(&self.alice, publish_body(&meta, &rich_crate(name, version)));
        json_body("PUT /api/v1/crates/new", response, 200)
    }

    fn user(&self, login: &str) -> String {
        self.wharf.user_with_token(login)
    }

    fn moderator(&self, login: &str) -> String {
        let token = self.user(login);
        self.wharf.cli(&["user", "role", login, "moderator"]);
        token
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> reqwest::blocking::Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .wharf
            .http()
            .request(method, format!("{}{path}", self.wharf.url));
        if let Some(token) = token {
            request = request.header("Authorization", token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().unwrap()
    }

    /// Sends the request, expects `status` and JSON, and checks the body against the skeleton.
    fn check(
        &self,
        endpoint: &str,
        (method, path): (&str, &str),
        token: Option<&str>,
        body: Option<Value>,
        status: u16,
        skeleton: &Value,
    ) -> Value {
        let value = json_body(endpoint, self.request(method, path, token, body), status);
        assert_shape(endpoint, &value, skeleton);
        value
    }

    /// Downloads a version and waits until the counter has written it to the database.
    fn download_counted(&self, name: &str, version: &str) {
        let response = self
            .wharf
            .get(&format!("/api/v1/crates/{name}/{version}/download"));
        assert_eq!(response.status(), 200);
        for _ in 0..100 {
            let days = self
                .wharf
                .get_json(&format!("/api/v1/crates/{name}/downloads"));
            if !days["version_downloads"].as_array().unwrap().is_empty() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the download of {name} {version} was never counted");
    }

    /// Files a report as a new user, so the crate is in the review queue.
    fn reported(&self, target: &str) -> String {
        let reporter = self.user("reporter");
        let filed = self.request(
            "POST",
            "/api/v1/reports",
            Some(&reporter),
            Some(json!({ "target": target, "category": "spam", "details": "only a name" })),
        );
        assert_eq!(filed.status(), 201, "{}", filed.text().unwrap());
        reporter
    }
}

/// A JSON response body, after checking the status and the content type.
fn json_body(endpoint: &str, response: reqwest::blocking::Response, status: u16) -> Value {
    let got = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = response.text().unwrap();
    assert_eq!(got, status, "{endpoint}: {text}");
    assert!(
        content_type.starts_with("application/json"),
        "{endpoint}: content type `{content_type}`: {text}"
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{endpoint}: not JSON ({e}): {text}"))
}

/// A dependency on another crate of this registry, with every optional part set.
fn dependency(name: &str) -> Value {
    json!({
        "name": name, "version_req": "^1.0", "features": ["std"], "optional": true,
        "default_features": false, "target": "cfg(unix)", "kind": "normal", "registry": null,
        "explicit_name_in_toml": null,
    })
}

/// A `.crate` whose manifest fills the optional metadata (one category unknown, for a warning),
/// with a README.
fn rich_crate(name: &str, version: &str) -> Vec<u8> {
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n\
         rust-version = \"1.70\"\ndescription = \"A test crate\"\nlicense = \"MIT\"\n\
         repository = \"https://example.org/{name}\"\nkeywords = [\"shape\"]\n\
         categories = [\"parsing\", \"no-such-category\"]\nreadme = \"README.md\"\n"
    );
    let root = format!("{name}-{version}");
    raw_tarball(&[
        (format!("{root}/Cargo.toml"), manifest.into_bytes()),
        (
            format!("{root}/src/lib.rs"),
            b"pub fn answer() -> u32 { 42 }\n".to_vec(),
        ),
        (
            format!("{root}/README.md"),
            format!("# {name}\n\nChecks shapes.\n").into_bytes(),
        ),
    ])
}

// ---------------------------------------------------------------------------------------------
// The index and the server itself.

fn index_config_json(backend: Backend) {
    let registry = Registry::start(backend);
    registry.check(
        "GET /index/config.json",
        ("GET", "/index/config.json"),
        None,
        None,
        200,
        &json!({ "dl": "string", "api": "string" }),
    );
}

fn index_config_json_in_private_mode(backend: Backend) {
    let registry = Registry::from(Wharf::start_with(
        backend,
        Options {
            auth_required: true,
            config_text: Some(GENEROUS_API_LIMIT.into()),
            ..Options::default()
        },
    ));
    let alice = registry.alice.clone();
    registry.check(
        "GET /index/config.json (private)",
        ("GET", "/index/config.json"),
        Some(&alice),
        None,
        200,
        &json!({ "dl": "string", "api": "string", "auth-required": "bool" }),
    );
    registry.check(
        "GET /index/config.json (private, anonymous)",
        ("GET", "/index/config.json"),
        None,
        None,
        401,
        &error_skeleton(),
    );
}

/// Index files are cargo's JSON lines, written by `wharf-index`; the API's error body covers a miss.
fn index_file(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let response = registry.wharf.get("/index/sh/ap/shape-check");
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    for line in response.text().unwrap().lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        assert_eq!(record["name"], "shape-check");
    }
    registry.check(
        "GET /index/{path} (no such file)",
        ("GET", "/index/no/su/nosuchcrate"),
        None,
        None,
        404,
        &error_skeleton(),
    );
}

fn health(backend: Backend) {
    let registry = Registry::start(backend);
    let response = registry.wharf.get("/health");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().unwrap(), "ok");
}

// ---------------------------------------------------------------------------------------------
// Crates and versions.

fn publish(backend: Backend) {
    let registry = Registry::start(backend);
    let answer = registry.publish("shape-check", "0.1.0", json!([]));
    assert_shape(
        "PUT /api/v1/crates/new",
        &answer,
        &json!({ "warnings": {
            "invalid_categories": ["string"], "invalid_badges": [], "other": "array",
        }}),
    );
    let warning = answer["warnings"]["invalid_categories"][0]
        .as_str()
        .unwrap();
    assert!(warning.contains("no-such-category"), "{warning}");
}

fn search(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/crates",
        ("GET", "/api/v1/crates?q=shape"),
        None,
        None,
        200,
        &json!({
            "crates": [crate_skeleton()],
            "meta": { "total": "integer", "next_page": "string?", "prev_page": "string?" },
        }),
    );
}

fn summary(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let crates = json!([crate_skeleton()]);
    registry.check(
        "GET /api/v1/summary",
        ("GET", "/api/v1/summary"),
        None,
        None,
        200,
        &json!({
            "num_crates": "integer", "num_downloads": "integer",
            "new_crates": crates, "most_downloaded": crates,
            "most_recently_downloaded": crates, "just_updated": crates,
            "popular_keywords": [keyword_skeleton()],
            "popular_categories": [category_skeleton()],
        }),
    );
}

fn keywords(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/keywords",
        ("GET", "/api/v1/keywords"),
        None,
        None,
        200,
        &json!({ "keywords": [keyword_skeleton()], "meta": { "total": "integer" } }),
    );
}

fn keyword(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let listed = registry.wharf.get_json("/api/v1/keywords");
    let name = listed["keywords"][0]["keyword"]
        .as_str()
        .unwrap()
        .to_string();
    registry.check(
        "GET /api/v1/keywords/{keyword}",
        ("GET", &format!("/api/v1/keywords/{name}")),
        None,
        None,
        200,
        &json!({ "keyword": keyword_skeleton() }),
    );
}

fn categories(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/categories",
        ("GET", "/api/v1/categories"),
        None,
        None,
        200,
        &json!({ "categories": [category_skeleton()], "meta": { "total": "integer" } }),
    );
}

fn category(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let mut skeleton = category_skeleton();
    skeleton["subcategories"] = json!([category_skeleton()]);
    skeleton["parent_categories"] = json!([]);
    registry.check(
        "GET /api/v1/categories/{slug}",
        ("GET", "/api/v1/categories/development-tools"),
        None,
        None,
        200,
        &json!({ "category": skeleton }),
    );
}

fn category_slugs(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/category_slugs",
        ("GET", "/api/v1/category_slugs"),
        None,
        None,
        200,
        &json!({ "category_slugs": [{ "id": "string", "slug": "string", "description": "string" }] }),
    );
}

fn crate_info(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let info = registry.check(
        "GET /api/v1/crates/{name}",
        ("GET", "/api/v1/crates/shape-check"),
        None,
        None,
        200,
        &json!({
            "crate": crate_detail_skeleton(),
            "versions": [version_skeleton()],
            "keywords": [keyword_skeleton()],
            "categories": [category_skeleton()],
        }),
    );
    assert!(info["crate"]["notice"].is_null());
    // The version's history: alice published it.
    assert_shape(
        "GET /api/v1/crates/{name}: audit_actions",
        &info["versions"][0]["audit_actions"],
        &json!([{ "action": "string", "user": owner_skeleton(), "time": "string" }]),
    );
}

fn crate_info_with_a_notice(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let moderator = registry.moderator("mod");
    let noticed = registry.request(
        "POST",
        "/api/v1/admin/actions",
        Some(&moderator),
        Some(json!({ "action": "notice", "target": "crate:shape-check", "reason": "is it real?" })),
    );
    assert_eq!(noticed.status(), 200, "{}", noticed.text().unwrap());
    let mut skeleton = crate_detail_skeleton();
    skeleton["notice"] = notice_skeleton();
    registry.check(
        "GET /api/v1/crates/{name} (with a notice)",
        ("GET", "/api/v1/crates/shape-check"),
        None,
        None,
        200,
        &json!({
            "crate": skeleton,
            "versions": [version_skeleton()],
            "keywords": [keyword_skeleton()],
            "categories": [category_skeleton()],
        }),
    );
}

fn crate_versions(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/crates/{name}/versions",
        ("GET", "/api/v1/crates/shape-check/versions"),
        None,
        None,
        200,
        &json!({
            "versions": [version_skeleton()],
            "meta": { "total": "integer", "next_page": "string?" },
        }),
    );
}

fn version_info(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/crates/{name}/{version}",
        ("GET", "/api/v1/crates/shape-check/0.1.0"),
        None,
        None,
        200,
        &json!({ "version": version_skeleton() }),
    );
}

fn version_dependencies(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/crates/{name}/{version}/dependencies",
        ("GET", "/api/v1/crates/shape-check/0.1.0/dependencies"),
        None,
        None,
        200,
        &json!({ "dependencies": [{
            "id": "integer", "version_id": "integer", "crate_id": "string", "req": "string",
            "optional": "bool", "default_features": "bool", "features": ["string"],
            "target": "string?", "kind": "string", "downloads": "integer",
        }]}),
    );
}

fn version_downloads(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.publish("shape-check", "0.2.0", json!([]));
    registry.download_counted("shape-check", "0.1.0");
    let days = registry.check(
        "GET /api/v1/crates/{name}/{version}/downloads",
        ("GET", "/api/v1/crates/shape-check/0.1.0/downloads"),
        None,
        None,
        200,
        &json!({ "version_downloads": [version_download_skeleton()] }),
    );
    let version_id =
        registry.wharf.get_json("/api/v1/crates/shape-check/0.1.0")["version"]["id"].clone();
    assert_eq!(days["version_downloads"][0]["version"], version_id);
    assert_eq!(days["version_downloads"][0]["downloads"], 1);
    // Another version's days are its own.
    registry.check(
        "GET /api/v1/crates/{name}/{version}/downloads (never downloaded)",
        ("GET", "/api/v1/crates/shape-check/0.2.0/downloads"),
        None,
        None,
        200,
        &json!({ "version_downloads": [] }),
    );
    registry.check(
        "GET /api/v1/crates/{name}/{version}/downloads (no such version)",
        ("GET", "/api/v1/crates/shape-check/9.9.9/downloads"),
        None,
        None,
        404,
        &error_skeleton(),
    );
}

fn version_readme(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let response = registry
        .wharf
        .get("/api/v1/crates/shape-check/0.1.0/readme");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        response.text().unwrap(),
        "# shape-check\n\nChecks shapes.\n"
    );
    // A version published without one has none to serve.
    let bare = support::crate_file("bare-crate", "0.1.0", &[]);
    let published = registry.wharf.publish_raw(
        &registry.alice,
        publish_body(&metadata("bare-crate", "0.1.0"), &bare),
    );
    assert_eq!(published.status(), 200);
    registry.check(
        "GET /api/v1/crates/{name}/{version}/readme (no README)",
        ("GET", "/api/v1/crates/bare-crate/0.1.0/readme"),
        None,
        None,
        404,
        &error_skeleton(),
    );
}

fn version_authors(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/crates/{name}/{version}/authors",
        ("GET", "/api/v1/crates/shape-check/0.1.0/authors"),
        None,
        None,
        200,
        &json!({ "users": [], "meta": { "names": [] } }),
    );
    registry.check(
        "GET /api/v1/crates/{name}/{version}/authors (no such version)",
        ("GET", "/api/v1/crates/shape-check/9.9.9/authors"),
        None,
        None,
        404,
        &error_skeleton(),
    );
}

fn version_findings(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let alice = registry.alice.clone();
    registry.check(
        "GET /api/v1/crates/{name}/{version}/findings",
        ("GET", "/api/v1/crates/shape-check/0.1.0/findings"),
        Some(&alice),
        None,
        200,
        &json!({ "verdict": "string", "held": "bool", "findings": [finding_skeleton()] }),
    );
}

/// The `.crate` file itself; a miss has the error body.
fn download(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let response = registry
        .wharf
        .get("/api/v1/crates/shape-check/0.1.0/download");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/gzip");
    registry.check(
        "GET /api/v1/crates/{name}/{version}/download (no such version)",
        ("GET", "/api/v1/crates/shape-check/9.9.9/download"),
        None,
        None,
        404,
        &error_skeleton(),
    );
}

fn crate_downloads(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.download_counted("shape-check", "0.1.0");
    registry.check(
        "GET /api/v1/crates/{name}/downloads",
        ("GET", "/api/v1/crates/shape-check/downloads"),
        None,
        None,
        200,
        &json!({
            "version_downloads": [version_download_skeleton()],
            "meta": { "extra_downloads": [] },
        }),
    );
}

fn reverse_dependencies(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.check(
        "GET /api/v1/crates/{name}/reverse_dependencies",
        ("GET", "/api/v1/crates/shape-base/reverse_dependencies"),
        None,
        None,
        200,
        &json!({
            "dependencies": [dependency_skeleton()],
            "versions": [version_skeleton()],
            "meta": { "total": "integer" },
        }),
    );
}

// ---------------------------------------------------------------------------------------------
// Owners.

/// alice's `shape-check`, with the team `crew` (alice maintains it) as an owner too.
fn team_owned(backend: Backend) -> Registry {
    let registry = Registry::with_crates(backend);
    registry
        .wharf
        .cli(&["team", "add", "crew", "--maintainer", "alice"]);
    let added = registry.request(
        "PUT",
        "/api/v1/crates/shape-check/owners",
        Some(&registry.alice),
        Some(json!({ "users": ["team:crew"] })),
    );
    assert_eq!(added.status(), 200, "{}", added.text().unwrap());
    registry
}

fn owners(backend: Backend) {
    let registry = team_owned(backend);
    let owners = registry.check(
        "GET /api/v1/crates/{name}/owners",
        ("GET", "/api/v1/crates/shape-check/owners"),
        None,
        None,
        200,
        &json!({ "users": [owner_skeleton()] }),
    );
    let kinds: Vec<&Value> = owners["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["kind"])
        .collect();
    assert_eq!(kinds, [&json!("user"), &json!("team")]);
}

fn owner_user(backend: Backend) {
    let registry = team_owned(backend);
    registry.check(
        "GET /api/v1/crates/{name}/owner_user",
        ("GET", "/api/v1/crates/shape-check/owner_user"),
        None,
        None,
        200,
        &json!({ "users": [owner_skeleton()] }),
    );
}

fn owner_team(backend: Backend) {
    let registry = team_owned(backend);
    registry.check(
        "GET /api/v1/crates/{name}/owner_team",
        ("GET", "/api/v1/crates/shape-check/owner_team"),
        None,
        None,
        200,
        &json!({ "teams": [owner_skeleton()] }),
    );
}

fn add_owners(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.user("bob");
    let alice = registry.alice.clone();
    registry.check(
        "PUT /api/v1/crates/{name}/owners",
        ("PUT", "/api/v1/crates/shape-check/owners"),
        Some(&alice),
        Some(json!({ "users": ["bob"] })),
        200,
        &ok_message_skeleton(),
    );
}

fn remove_owners(backend: Backend) {
    let registry = team_owned(backend);
    let alice = registry.alice.clone();
    registry.check(
        "DELETE /api/v1/crates/{name}/owners",
        ("DELETE", "/api/v1/crates/shape-check/owners"),
        Some(&alice),
        Some(json!({ "users": ["team:crew"] })),
        200,
        &ok_message_skeleton(),
    );
}

// ---------------------------------------------------------------------------------------------
// Yanking and deleting.

fn yank(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let alice = registry.alice.clone();
    registry.check(
        "DELETE /api/v1/crates/{name}/{version}/yank",
        ("DELETE", "/api/v1/crates/shape-check/0.1.0/yank"),
        Some(&alice),
        None,
        200,
        &json!({ "ok": "bool" }),
    );
}

fn unyank(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let alice = registry.alice.clone();
    let yanked = registry.request(
        "DELETE",
        "/api/v1/crates/shape-check/0.1.0/yank",
        Some(&alice),
        None,
    );
    assert_eq!(yanked.status(), 200);
    registry.check(
        "PUT /api/v1/crates/{name}/{version}/unyank",
        ("PUT", "/api/v1/crates/shape-check/0.1.0/unyank"),
        Some(&alice),
        None,
        200,
        &json!({ "ok": "bool" }),
    );
}

/// Deletions answer 204 with no body.
fn delete_version(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.publish("shape-check", "0.2.0", json!([]));
    let deleted = registry.request(
        "DELETE",
        "/api/v1/crates/shape-check/0.2.0",
        Some(&registry.alice),
        None,
    );
    assert_eq!(deleted.status(), 204);
    assert!(deleted.bytes().unwrap().is_empty());
}

fn delete_crate(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let deleted = registry.request(
        "DELETE",
        "/api/v1/crates/shape-check",
        Some(&registry.alice),
        None,
    );
    assert_eq!(deleted.status(), 204);
    assert!(deleted.bytes().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Accounts and invitations.

fn me(backend: Backend) {
    let registry = Registry::start(backend);
    let alice = registry.alice.clone();
    let mut skeleton = owner_skeleton();
    let fields = skeleton.as_object_mut().unwrap();
    fields.insert("email".into(), json!("string"));
    fields.insert("email_verified".into(), json!("bool"));
    fields.insert("is_admin".into(), json!("bool"));
    registry.check(
        "GET /api/v1/me",
        ("GET", "/api/v1/me"),
        Some(&alice),
        None,
        200,
        &json!({ "user": skeleton }),
    );
}

fn user(backend: Backend) {
    let registry = Registry::start(backend);
    registry.check(
        "GET /api/v1/users/{login}",
        ("GET", "/api/v1/users/alice"),
        None,
        None,
        200,
        &json!({ "user": owner_skeleton() }),
    );
}

/// `shape-check` with bob invited to own it; returns bob's token.
fn bob_invited(registry: &Registry) -> String {
    let bob = registry.user("bob");
    let invited = registry.request(
        "PUT",
        "/api/v1/crates/shape-check/owners",
        Some(&registry.alice),
        Some(json!({ "users": ["bob"] })),
    );
    assert_eq!(invited.status(), 200, "{}", invited.text().unwrap());
    bob
}

fn my_invitations(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let bob = bob_invited(&registry);
    registry.check(
        "GET /api/v1/me/crate_owner_invitations",
        ("GET", "/api/v1/me/crate_owner_invitations"),
        Some(&bob),
        None,
        200,
        &json!({
            "crate_owner_invitations": [{
                "crate_id": "integer", "crate_name": "string", "invitee_id": "integer",
                "inviter_id": "integer", "invited_by_username": "string",
                "created_at": "string", "expires_at": "string",
            }],
            "users": [owner_skeleton()],
        }),
    );
}

fn answer_invitation(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let bob = bob_invited(&registry);
    let crate_id = registry.wharf.crate_id("shape-check");
    registry.check(
        "PUT /api/v1/me/crate_owner_invitations/{crate_id}",
        (
            "PUT",
            &format!("/api/v1/me/crate_owner_invitations/{crate_id}"),
        ),
        Some(&bob),
        Some(json!({ "crate_owner_invite": { "crate_id": crate_id, "accepted": true } })),
        200,
        &invitation_answer_skeleton(),
    );
}

fn accept_invitation_by_token(backend: Backend) {
    let (wharf, sink) = Wharf::with_mail_sink(backend, GENEROUS_API_LIMIT);
    let registry = Registry::from(wharf);
    registry.publish("shape-check", "0.1.0", json!([]));
    bob_invited(&registry);
    let mail = sink.wait_for("bob@example.org", "Invitation to own the crate shape-check");
    let link = mail
        .body
        .split_whitespace()
        .find(|w| w.contains("/crate_owner_invitations/accept/"))
        .unwrap_or_else(|| panic!("no accept link in {}", mail.body));
    let path = link.strip_prefix(&registry.wharf.url).unwrap();
    registry.check(
        "PUT /api/v1/me/crate_owner_invitations/accept/{token}",
        ("PUT", path),
        None,
        None,
        200,
        &invitation_answer_skeleton(),
    );
}

// ---------------------------------------------------------------------------------------------
// Reports and moderation.

fn file_report(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let bob = registry.user("bob");
    registry.check(
        "POST /api/v1/reports",
        ("POST", "/api/v1/reports"),
        Some(&bob),
        Some(json!({ "target": "crate:shape-check", "category": "spam", "details": "a name" })),
        201,
        &json!({
            "report": { "id": "integer", "target": "string", "status": "string", "merged": "bool" },
            "held": "bool",
        }),
    );
}

fn report_categories(backend: Backend) {
    let registry = Registry::start(backend);
    registry.check(
        "GET /api/v1/reports/categories",
        ("GET", "/api/v1/reports/categories"),
        None,
        None,
        200,
        &json!({
            "categories": [{ "slug": "string", "title": "string", "description": "string" }],
            "automatic_hold": "string",
        }),
    );
}

fn my_reports(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let reporter = registry.reported("crate:shape-check");
    registry.check(
        "GET /api/v1/me/reports",
        ("GET", "/api/v1/me/reports"),
        Some(&reporter),
        None,
        200,
        &json!({ "reports": [report_skeleton()] }),
    );
}

fn review_queue(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.reported("crate:shape-check");
    let moderator = registry.moderator("mod");
    registry.check(
        "GET /api/v1/admin/queue",
        ("GET", "/api/v1/admin/queue"),
        Some(&moderator),
        None,
        200,
        &json!({ "items": [{
            "target": "string", "open_reports": "integer", "trusted_reports": "integer",
            "categories": ["string"], "verdict": "string?", "held": "string?",
            "notice": { "null_or": notice_skeleton() }, "stale_placeholder": "bool",
            "since": "integer",
        }]}),
    );
}

fn review_queue_item(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.reported("crate:shape-check");
    let moderator = registry.moderator("mod");
    registry.check(
        "GET /api/v1/admin/queue/{target}",
        ("GET", "/api/v1/admin/queue/crate:shape-check"),
        Some(&moderator),
        None,
        200,
        &json!({ "item": {
            "target": "string",
            "reports": [report_skeleton()],
            "versions": [{
                "version": "string", "verdict": "string", "held": "bool", "reviewed": "bool",
                "findings": [finding_skeleton()],
            }],
            "owners": ["string"],
            "related_crates": ["string"],
            "held": "string?",
            // A crate's item has no account; a `user:` item carries the account's record.
            "user": "null",
        }}),
    );
}

fn moderator_action(backend: Backend) {
    let registry = Registry::with_crates(backend);
    registry.reported("crate:shape-check");
    let moderator = registry.moderator("mod");
    registry.check(
        "POST /api/v1/admin/actions",
        ("POST", "/api/v1/admin/actions"),
        Some(&moderator),
        Some(json!({ "action": "dismiss", "target": "crate:shape-check", "reason": "fine" })),
        200,
        &json!({ "ok": "bool", "action": "string", "target": "string" }),
    );
}

fn bulk_moderator_action(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let moderator = registry.moderator("mod");
    let answer = registry.check(
        "POST /api/v1/admin/actions/bulk",
        ("POST", "/api/v1/admin/actions/bulk"),
        Some(&moderator),
        Some(json!({
            "action": "yank", "reason": "spam wave",
            "targets": ["crate:shape-check@0.1.0", "crate:no-such-crate@1.0.0"],
        })),
        200,
        &json!({ "action": "string", "results": "array" }),
    );
    assert_eq!(answer["results"].as_array().unwrap().len(), 2, "{answer}");
    // `detail` says why a target failed, and is absent when it went through.
    assert_shape(
        "POST /api/v1/admin/actions/bulk (a success)",
        &answer["results"][0],
        &json!({ "target": "string", "ok": "bool" }),
    );
    assert_shape(
        "POST /api/v1/admin/actions/bulk (a failure)",
        &answer["results"][1],
        &json!({ "target": "string", "ok": "bool", "detail": "string" }),
    );
}

fn reply_to_notice(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let moderator = registry.moderator("mod");
    let noticed = registry.request(
        "POST",
        "/api/v1/admin/actions",
        Some(&moderator),
        Some(json!({ "action": "notice", "target": "crate:shape-check", "reason": "is it real?" })),
    );
    assert_eq!(noticed.status(), 200, "{}", noticed.text().unwrap());
    let alice = registry.alice.clone();
    registry.check(
        "PUT /api/v1/crates/{name}/notice",
        ("PUT", "/api/v1/crates/shape-check/notice"),
        Some(&alice),
        Some(json!({ "reply": "it is" })),
        200,
        &ok_message_skeleton(),
    );
}

fn audit_log(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let moderator = registry.moderator("mod");
    registry.check(
        "GET /api/v1/admin/audit",
        ("GET", "/api/v1/admin/audit"),
        Some(&moderator),
        None,
        200,
        &json!({
            "entries": [{
                "id": "integer", "at": "integer", "actor_id": "integer?", "actor": "string?",
                "token_id": "integer?", "session_id": "integer?", "ip": "string?",
                "action": "string", "target": "string", "details": "any",
            }],
            "next_before": "integer?",
        }),
    );
}

// ---------------------------------------------------------------------------------------------
// Teams.

/// The team `crew`, maintained by alice, with bob as a member.
fn crew(backend: Backend) -> Registry {
    let registry = Registry::start(backend);
    registry.user("bob");
    registry
        .wharf
        .cli(&["team", "add", "crew", "--maintainer", "alice"]);
    registry
        .wharf
        .cli(&["team", "member", "add", "crew", "bob"]);
    registry
}

fn team(backend: Backend) {
    let registry = crew(backend);
    let mut member = owner_skeleton();
    member["maintainer"] = json!("bool");
    let mut team = owner_skeleton();
    team["members"] = json!([member]);
    registry.check(
        "GET /api/v1/teams/{name}",
        ("GET", "/api/v1/teams/crew"),
        None,
        None,
        200,
        &json!({ "team": team }),
    );
}

fn add_team_members(backend: Backend) {
    let registry = crew(backend);
    registry.user("carol");
    let alice = registry.alice.clone();
    registry.check(
        "PUT /api/v1/teams/{name}/members",
        ("PUT", "/api/v1/teams/crew/members"),
        Some(&alice),
        Some(json!({ "users": ["carol"] })),
        200,
        &ok_message_skeleton(),
    );
}

fn remove_team_members(backend: Backend) {
    let registry = crew(backend);
    let alice = registry.alice.clone();
    registry.check(
        "DELETE /api/v1/teams/{name}/members",
        ("DELETE", "/api/v1/teams/crew/members"),
        Some(&alice),
        Some(json!({ "users": ["bob"] })),
        200,
        &ok_message_skeleton(),
    );
}

// ---------------------------------------------------------------------------------------------
// Errors, and the links responses advertise.

/// A request the API refuses: what is wrong with it, the method, the path, the token, the body,
/// and the status it is refused with.
type Refusal<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<Value>,
    u16,
);

/// Every kind of refusal has the one error body, from the handlers, the extractors, the guard and
/// the fallback alike.
fn error_bodies(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let bob = registry.user("bob");
    let bob = bob.as_str();
    let alice = registry.alice.clone();
    let alice = alice.as_str();
    let duplicate = publish_body(
        &metadata("shape-base", "1.0.0"),
        &rich_crate("shape-base", "1.0.0"),
    );
    let cases: Vec<Refusal> = vec![
        (
            "no such crate",
            "GET",
            "/api/v1/crates/nope",
            None,
            None,
            404,
        ),
        (
            "no such user",
            "GET",
            "/api/v1/users/nobody",
            None,
            None,
            404,
        ),
        (
            "no such team",
            "GET",
            "/api/v1/teams/nobody",
            None,
            None,
            404,
        ),
        (
            "no such API route",
            "GET",
            "/api/no/such/route",
            None,
            None,
            404,
        ),
        (
            "a bad query",
            "GET",
            "/api/v1/crates?sort=sideways",
            None,
            None,
            400,
        ),
        ("no token", "GET", "/api/v1/me", None, None, 401),
        (
            "not an owner",
            "DELETE",
            "/api/v1/crates/shape-check/0.1.0/yank",
            Some(bob),
            None,
            403,
        ),
        (
            "not a moderator",
            "GET",
            "/api/v1/admin/queue",
            Some(bob),
            None,
            403,
        ),
        (
            "a malformed body",
            "PUT",
            "/api/v1/crates/shape-check/owners",
            Some(alice),
            Some(json!({ "people": [] })),
            400,
        ),
        (
            "a crate others depend on",
            "DELETE",
            "/api/v1/crates/shape-base",
            Some(alice),
            None,
            422,
        ),
        // Refused before any handler runs: by axum's extractors and method routing.
        (
            "a page that is not a number",
            "GET",
            "/api/v1/crates?page=abc",
            None,
            None,
            400,
        ),
        (
            "a crate id that is not a number",
            "PUT",
            "/api/v1/me/crate_owner_invitations/abc",
            Some(bob),
            Some(json!({ "crate_owner_invite": { "crate_id": 1, "accepted": true } })),
            400,
        ),
        (
            "a method the address does not take",
            "POST",
            "/api/v1/crates/shape-check",
            None,
            None,
            405,
        ),
    ];
    for (what, method, path, token, body, status) in cases {
        registry.check(
            &format!("{method} {path} ({what})"),
            (method, path),
            token,
            body,
            status,
            &error_skeleton(),
        );
    }
    let taken = registry.wharf.publish_raw(alice, duplicate);
    assert_shape(
        "PUT /api/v1/crates/new (a version already published)",
        &json_body("PUT /api/v1/crates/new", taken, 409),
        &error_skeleton(),
    );
    // A body over the limit is refused once the limit is passed, before the rest is read. It goes
    // over a raw connection: an HTTP client would stop at the failed write and lose the answer.
    let address = registry.wharf.url.trim_start_matches("http://").to_string();
    let mut connection = std::net::TcpStream::connect(&address).unwrap();
    connection
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let total: usize = 12 * 1024 * 1024;
    let mut sender = connection.try_clone().unwrap();
    let head = format!(
        "PUT /api/v1/crates/new HTTP/1.1\r\nHost: {address}\r\nUser-Agent: shapes\r\n\
         Authorization: {alice}\r\nContent-Length: {total}\r\nConnection: close\r\n\r\n"
    );
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        sender.write_all(head.as_bytes())?;
        let chunk = vec![0u8; 64 * 1024];
        for _ in 0..total / chunk.len() {
            // The server stops reading past its limit; a failed write here is expected.
            sender.write_all(&chunk)?;
        }
        Ok::<_, std::io::Error>(())
    });
    // `read_to_end` keeps what came even when the read ends in an error.
    let mut answer = Vec::new();
    let _ = std::io::Read::read_to_end(&mut connection, &mut answer);
    let _ = connection.shutdown(std::net::Shutdown::Both);
    let _ = writer.join();
    let answer = String::from_utf8_lossy(&answer);
    let (head, body) = answer.split_once("\r\n\r\n").expect("a response");
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    let body: Value = serde_json::from_str(body.trim()).expect("a JSON error body");
    assert_shape(
        "PUT /api/v1/crates/new (over the body limit)",
        &body,
        &error_skeleton(),
    );
    let anonymous_client = reqwest::blocking::Client::new();
    let no_user_agent = anonymous_client
        .get(format!("{}/api/v1/crates/shape-check", registry.wharf.url))
        .send()
        .unwrap();
    assert_shape(
        "GET /api/v1/crates/{name} (no User-Agent)",
        &json_body("no User-Agent", no_user_agent, 403),
        &error_skeleton(),
    );
}

/// Follows every path the crate page, the version list and search advertise, and the account
/// pages owners link to: each is served.
fn advertised_links_are_served(backend: Backend) {
    let registry = Registry::with_crates(backend);
    let wharf = &registry.wharf;
    let info = wharf.get_json("/api/v1/crates/shape-check");
    let search = wharf.get_json("/api/v1/crates?q=shape-check");
    let mut json_paths: Vec<String> = Vec::new();
    for links in [&info["crate"]["links"], &search["crates"][0]["links"]] {
        let links = links.as_object().expect("a crate's links");
        json_paths.extend(links.values().map(|l| l.as_str().unwrap().to_string()));
    }
    for version in info["versions"].as_array().unwrap() {
        let links = version["links"].as_object().expect("a version's links");
        json_paths.extend(links.values().map(|l| l.as_str().unwrap().to_string()));

        let dl_path = version["dl_path"].as_str().unwrap();
        let download = wharf.get(dl_path);
        assert_eq!(download.status(), 200, "dl_path {dl_path}");
        assert_eq!(download.headers()["content-type"], "application/gzip");
        assert_eq!(download.headers()["x-content-type-options"], "nosniff");

        let readme_path = version["readme_path"].as_str().unwrap();
        let readme = wharf.get(readme_path);
        assert_eq!(readme.status(), 200, "readme_path {readme_path}");
        assert!(readme.text().unwrap().contains("Checks shapes."));
    }
    assert_eq!(json_paths.len(), 15, "{json_paths:?}");
    // Nothing is to be sniffed into something else: JSON, index files, errors. An index file
    // twice: however the first is answered, the second comes from memory.
    for path in [
        "/api/v1/crates/shape-check",
        "/index/sh/ap/shape-check",
        "/index/sh/ap/shape-check",
        "/index/no/pe/nope",
        "/api/v1/crates/nope",
    ] {
        let response = wharf.get(path);
        assert_eq!(
            response.headers()["x-content-type-options"],
            "nosniff",
            "{path}"
        );
    }
    // Index files are answered outside the router for GET; the other ways in still work as the
    // router answers them: HEAD, an unknown method, an address too long to be an index file's.
    let http = reqwest::blocking::Client::new();
    let get = wharf.get("/index/sh/ap/shape-check");
    let head = http
        .head(format!("{}/index/sh/ap/shape-check", wharf.url))
        .send()
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(head.headers()["etag"], get.headers()["etag"]);
    let posted = http
        .post(format!("{}/index/sh/ap/shape-check", wharf.url))
        .send()
        .unwrap();
    assert_eq!(posted.status(), 405);
    json_body("POST to an index file", posted, 405);
    let long = format!("/index/sh/ap/{}", "a".repeat(9000));
    json_body("an over-long index path", wharf.get(&long), 414);
    for path in ["/index", "/index/"] {
        json_body(path, wharf.get(path), 404);
    }
    for path in &json_paths {
        json_body(&format!("GET {path} (advertised)"), wharf.get(path), 200);
    }

    // Account pages are the web site's.
    let owners = wharf.get_json("/api/v1/crates/shape-check/owners");
    let published_by = &info["versions"][0]["published_by"];
    for url in [&owners["users"][0]["url"], &published_by["url"]] {
        let url = url.as_str().unwrap();
        let path = url
            .strip_prefix(&wharf.url)
            .unwrap_or_else(|| panic!("{url}"));
        assert_eq!(wharf.get(path).status(), 200, "{url}");
    }

    // config.json's download prefix is where cargo finds the files.
    let config = wharf.get_json("/index/config.json");
    let dl = format!(
        "{}/shape-check/0.1.0/download",
        config["dl"].as_str().unwrap()
    );
    assert_eq!(wharf.http().get(&dl).send().unwrap().status(), 200, "{dl}");
    let api = config["api"].as_str().unwrap();
    assert_eq!(
        wharf
            .http()
            .get(format!("{api}/api/v1/crates/shape-check"))
            .send()
            .unwrap()
            .status(),
        200
    );
}
