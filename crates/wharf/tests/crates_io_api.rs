//! crates.io API compatibility: the `crates_io_api` client (vendor/crates_io_api, pointed at Wharf
//! by its one patch) decodes every response it asks for, with crates published by real cargo.
//! A field that client needs and Wharf leaves out, or mistypes, fails here; so does paging that
//! never ends (the client reads reverse dependencies until an empty page).

mod support;

use crates_io_api::{CratesQuery, Sort, SyncClient};
use reqwest::Url;
use serde_json::Value;
use std::time::Duration;
use support::{Backend, Wharf};

backend_tests!(
    crates_io_api_reads_wharf,
    tags_of_crates_from_before_they_were_kept_are_written_at_start
);

fn client(wharf: &Wharf) -> SyncClient {
    SyncClient::new("wharf-compat-test (test@example.org)", Duration::ZERO)
        .unwrap()
        .with_base_url(Url::parse(&format!("{}/api/v1/", wharf.url)).unwrap())
}

fn query(build: impl FnOnce(&mut CratesQuery)) -> CratesQuery {
    let mut query = CratesQuery::default();
    build(&mut query);
    query
}

fn names(page: &crates_io_api::CratesPage) -> Vec<&str> {
    page.crates.iter().map(|c| c.name.as_str()).collect()
}

fn crates_io_api_reads_wharf(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    let bob = wharf
        .cargo_user("bob")
        .with_token(&wharf.user_with_token("bob"));
    let base_manifest = "keywords = [\"parsing\", \"JSON\"]\n\
         categories = [\"parser-implementations\", \"development-tools::testing\", \"no-such-category\"]\n\
         homepage = \"https://base.example\"\ndocumentation = \"https://docs.example/base\"\n\
         repository = \"https://code.example/base\"";
    for version in ["1.0.0", "1.1.0"] {
        let dir = alice.new_crate("compat-base", version, base_manifest, "pub fn base() {}\n");
        alice.publish_ok(&dir);
    }
    // A library with a program beside it.
    let tool = alice.new_crate(
        "compat-tool",
        "0.1.0",
        "keywords = [\"json\"]",
        "pub fn t() {}\n",
    );
    std::fs::write(tool.join("src/main.rs"), "fn main() {}\n").unwrap();
    alice.publish_ok(&tool);
    let user = bob.new_crate(
        "compat-user",
        "0.1.0",
        "[dependencies]\ncompat-base = { version = \"1\", registry = \"wharf\", features = [] }",
        "pub fn u() {}\n",
    );
    bob.publish_ok(&user);
    for _ in 0..2 {
        assert_eq!(
            wharf
                .get("/api/v1/crates/compat-base/1.1.0/download")
                .status(),
            200
        );
    }
    assert_eq!(wharf.wait_for_downloads("compat-base", 2), 2);

    let client = client(&wharf);

    let summary = client.summary().unwrap();
    assert_eq!(summary.num_crates, 3);
    assert_eq!(summary.num_downloads, 2);
    assert_eq!(summary.new_crates.len(), 3);
    assert_eq!(summary.most_downloaded[0].name, "compat-base");
    assert_eq!(summary.most_recently_downloaded[0].name, "compat-base");
    assert_eq!(
        summary.most_recently_downloaded[0].recent_downloads,
        Some(2)
    );
    let json = summary
        .popular_keywords
        .iter()
        .find(|k| k.keyword == "json")
        .unwrap();
    assert_eq!(
        json.crates_cnt, 2,
        "keywords are counted without regard to case"
    );
    let testing = summary
        .popular_categories
        .iter()
        .find(|c| c.slug == "development-tools")
        .expect("a parent category counts its subcategories' crates");
    assert_eq!(testing.crates_cnt, 1);
    assert_eq!(testing.category, "Development tools");

    let krate = client.get_crate("compat-base").unwrap();
    assert_eq!(krate.crate_data.max_version, "1.1.0");
    assert_eq!(krate.crate_data.recent_downloads, Some(2));
    assert_eq!(krate.versions.len(), 2);
    assert_eq!(
        krate.crate_data.versions.as_deref(),
        Some(&krate.versions.iter().map(|v| v.id).collect::<Vec<_>>()[..])
    );
    let keywords: Vec<&str> = krate.keywords.iter().map(|k| k.keyword.as_str()).collect();
    assert_eq!(keywords, ["json", "parsing"]);
    let categories: Vec<(&str, &str)> = krate
        .categories
        .iter()
        .map(|c| (c.slug.as_str(), c.category.as_str()))
        .collect();
    assert_eq!(
        categories,
        [
            ("development-tools::testing", "Testing"),
            ("parser-implementations", "Parser implementations"),
        ],
        "a category the registry does not know is ignored"
    );
    assert!(krate.categories.iter().all(|c| !c.description.is_empty()));
    assert_eq!(
        krate.crate_data.categories.as_deref(),
        Some(
            &[
                "parser-implementations".to_string(),
                "development-tools::testing".to_string()
            ][..]
        ),
        "the crate's own list leaves the unknown category out too"
    );

    let full = client.full_crate("compat-base", true).unwrap();
    assert_eq!(full.total_downloads, 2);
    assert_eq!(full.license.as_deref(), Some("MIT"));
    let owners: Vec<&str> = full.owners.iter().map(|o| o.login.as_str()).collect();
    assert_eq!(owners, ["alice"]);
    assert_eq!(full.versions.len(), 2);
    let daily: u64 = full
        .downloads
        .version_downloads
        .iter()
        .map(|d| d.downloads)
        .sum();
    assert_eq!(daily, 2);
    assert_eq!(full.reverse_dependencies.meta.total, 1);
    let dependent = &full.reverse_dependencies.dependencies[0];
    assert_eq!(dependent.crate_version.crate_name, "compat-user");
    assert_eq!(dependent.dependency.crate_id, "compat-base");
    assert_eq!(dependent.dependency.req, "^1");

    assert_eq!(
        client
            .crate_downloads("compat-base")
            .unwrap()
            .version_downloads
            .len(),
        1
    );
    assert_eq!(client.crate_owners("compat-user").unwrap()[0].login, "bob");
    assert_eq!(
        client
            .crate_reverse_dependency_count("compat-base")
            .unwrap(),
        1
    );
    let deps = client.crate_dependencies("compat-user", "0.1.0").unwrap();
    assert_eq!(deps.len(), 1);
    assert_eq!(deps[0].crate_id, "compat-base");
    assert!(deps[0].id > 0, "a dependency has its own id");
    assert_eq!(
        deps[0].version_id,
        client.get_crate("compat-user").unwrap().versions[0].id
    );

    // Search: text, paging, filters and sorts.
    let first = client
        .crates(query(|q| {
            q.set_search(Some("compat".into()));
            q.set_sort(Sort::Alphabetical);
            q.set_page_size(2);
        }))
        .unwrap();
    assert_eq!(first.meta.total, 3);
    assert_eq!(names(&first), ["compat-base", "compat-tool"]);
    let second = client
        .crates(query(|q| {
            q.set_search(Some("compat".into()));
            q.set_sort(Sort::Alphabetical);
            q.set_page_size(2);
            q.set_page(2);
        }))
        .unwrap();
    assert_eq!(names(&second), ["compat-user"]);
    let bob_id = client.user("bob").unwrap().id;
    let by_bob = client
        .crates(query(|q| q.set_user_id(Some(bob_id))))
        .unwrap();
    assert_eq!(names(&by_bob), ["compat-user"]);
    let in_tools = client
        .crates(query(|q| q.set_category(Some("development-tools".into()))))
        .unwrap();
    assert_eq!(names(&in_tools), ["compat-base"]);
    let by_ids = client
        .crates(query(|q| {
            q.set_ids(Some(vec!["compat_tool".into(), "COMPAT-USER".into()]));
            q.set_sort(Sort::Alphabetical);
        }))
        .unwrap();
    assert_eq!(names(&by_ids), ["compat-tool", "compat-user"]);
    for sort in [
        Sort::Relevance,
        Sort::Downloads,
        Sort::RecentDownloads,
        Sort::RecentUpdates,
        Sort::NewlyAdded,
    ] {
        let page = client.crates(query(|q| q.set_sort(sort.clone()))).unwrap();
        assert_eq!(page.crates.len(), 3, "{sort:?}");
        if matches!(sort, Sort::Downloads | Sort::RecentDownloads) {
            assert_eq!(page.crates[0].name, "compat-base", "{sort:?}");
        }
    }
    assert_eq!(client.user("alice").unwrap().login, "alice");
    let missing = client.get_crate("compat-missing").unwrap_err();
    assert!(
        matches!(missing, crates_io_api::Error::NotFound(_)),
        "{missing:?}"
    );

    more_than_the_client_asks(&wharf);
}

/// What crates.io serves that the client does not ask for: links to the next page, the keyword
/// and letter filters, keywords and categories, version paging, and a version's targets.
fn more_than_the_client_asks(wharf: &Wharf) {
    let page = wharf.get_json("/api/v1/crates?q=compat&per_page=1&sort=alpha");
    assert_eq!(
        page["meta"]["next_page"],
        "?page=2&q=compat&per_page=1&sort=alpha"
    );
    assert_eq!(page["meta"]["prev_page"], Value::Null);
    assert_eq!(page["crates"][0]["num_versions"], 2);
    assert_eq!(page["crates"][0]["yanked"], false);
    let last = wharf.get_json("/api/v1/crates?q=compat&per_page=1&sort=alpha&page=3");
    assert_eq!(last["meta"]["next_page"], Value::Null);
    assert_eq!(
        last["meta"]["prev_page"],
        "?page=2&q=compat&per_page=1&sort=alpha"
    );
    let tagged = wharf.get_json("/api/v1/crates?keyword=JSON&sort=alpha");
    let tagged: Vec<&str> = tagged["crates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(tagged, ["compat-base", "compat-tool"]);
    assert_eq!(
        wharf.get_json("/api/v1/crates?letter=c")["meta"]["total"],
        3
    );
    assert_eq!(
        wharf.get_json("/api/v1/crates?letter=x")["meta"]["total"],
        0
    );
    for bad in [
        "per_page=101",
        "page=0",
        "letter=ab",
        "sort=sideways",
        "user_id=me",
    ] {
        let response = wharf.get(&format!("/api/v1/crates?{bad}"));
        assert_eq!(response.status(), 400, "{bad}");
        let body: Value = response.json().unwrap();
        assert!(body["errors"][0]["detail"].is_string(), "{bad}: {body}");
    }

    let keywords = wharf.get_json("/api/v1/keywords?sort=crates");
    assert_eq!(keywords["meta"]["total"], 2);
    assert_eq!(keywords["keywords"][0]["keyword"], "json");
    assert_eq!(
        wharf.get_json("/api/v1/keywords/Parsing")["keyword"]["crates_cnt"],
        1
    );
    assert_eq!(wharf.get("/api/v1/keywords/nothing").status(), 404);

    let categories = wharf.get_json("/api/v1/categories?per_page=100");
    assert!(categories["meta"]["total"].as_i64().unwrap() > 80);
    let testing = wharf.get_json("/api/v1/categories/development-tools::testing");
    assert_eq!(testing["category"]["crates_cnt"], 1);
    assert_eq!(
        testing["category"]["parent_categories"][0]["slug"],
        "development-tools"
    );
    let tools = wharf.get_json("/api/v1/categories/development-tools");
    let subcategories = tools["category"]["subcategories"].as_array().unwrap();
    assert!(subcategories
        .iter()
        .any(|c| c["slug"] == "development-tools::testing"));
    assert_eq!(
        wharf.get("/api/v1/categories/no-such-category").status(),
        404
    );
    let slugs = wharf.get_json("/api/v1/category_slugs");
    assert!(slugs["category_slugs"].as_array().unwrap().len() > 80);

    let versions = wharf.get_json("/api/v1/crates/compat-base/versions?per_page=1&sort=semver");
    assert_eq!(versions["meta"]["total"], 2);
    assert_eq!(versions["versions"][0]["num"], "1.1.0");
    assert_eq!(
        versions["meta"]["next_page"],
        "?per_page=1&page=2&sort=semver"
    );
    let older = wharf.get_json("/api/v1/crates/compat-base/versions?per_page=1&page=2&sort=semver");
    assert_eq!(older["versions"][0]["num"], "1.0.0");
    assert_eq!(older["meta"]["next_page"], Value::Null);

    let base = wharf.get_json("/api/v1/crates/compat-base/1.1.0")["version"].clone();
    assert_eq!(base["has_lib"], true);
    assert_eq!(base["bin_names"], serde_json::json!([]));
    assert_eq!(base["documentation"], "https://docs.example/base");
    assert_eq!(base["homepage"], "https://base.example");
    assert_eq!(base["repository"], "https://code.example/base");
    // Each version's history, from the audit log.
    let history = &base["audit_actions"];
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["action"], "publish");
    assert_eq!(history[0]["user"]["login"], "alice");
    let tool = wharf.get_json("/api/v1/crates/compat-tool/0.1.0")["version"].clone();
    assert_eq!(tool["has_lib"], true);
    assert_eq!(tool["bin_names"], serde_json::json!(["compat-tool"]));
}

/// Crates published by a Wharf that kept keywords and categories only in the crate's row get their
/// keyword and category rows when the upgraded server starts.
fn tags_of_crates_from_before_they_were_kept_are_written_at_start(backend: Backend) {
    let mut wharf = Wharf::start(backend);
    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    let dir = alice.new_crate(
        "compat-old",
        "1.0.0",
        "keywords = [\"Legacy\"]\ncategories = [\"caching\"]",
        "pub fn old() {}\n",
    );
    alice.publish_ok(&dir);
    // As an older Wharf left it.
    assert_eq!(wharf.execute("DELETE FROM crate_keywords"), 1);
    assert_eq!(wharf.execute("DELETE FROM crate_categories"), 1);
    assert_eq!(wharf.execute("DELETE FROM keywords"), 1);
    assert_eq!(wharf.get("/api/v1/keywords/legacy").status(), 404);
    wharf.restart();
    assert_eq!(
        wharf.get_json("/api/v1/keywords/legacy")["keyword"]["crates_cnt"],
        1
    );
    assert_eq!(
        wharf.get_json("/api/v1/categories/caching")["category"]["crates_cnt"],
        1
    );
    let krate = client(&wharf).get_crate("compat-old").unwrap();
    assert_eq!(krate.keywords[0].keyword, "legacy");
    assert_eq!(krate.categories[0].slug, "caching");
}
