//! Trusted publishing end to end: an OpenID issuer on 127.0.0.1 stands in for GitHub Actions
//! and GitLab CI; a job's JWT is exchanged at `/api/v1/trusted_publishing/tokens` as
//! crates.io's auth action does, and the real `cargo publish` uses the token it gets. Wrong
//! repositories and workflows, replays, expired and forged JWTs, and crates without a
//! configuration are refused; the token dies after `DELETE` and after 30 minutes.

mod support;

use serde_json::{json, Value};
use support::{error_detail, Backend, CargoUser, Options, Wharf};
use wharf_oidc::test_issuer::TestIssuer;

backend_tests!(
    a_ci_job_publishes_with_an_exchanged_token,
    refusals_name_what_did_not_match,
    a_private_registry_takes_ci_publishes_until_the_token_expires,
);

const AUDIENCE: &str = "wharf.test";

fn config(github: &TestIssuer, gitlab: &TestIssuer) -> String {
    format!(
        "[trusted_publishing]\ngithub_issuer = \"{}\"\ngitlab_issuer = \"{}\"\naudience = \"{AUDIENCE}\"\n",
        github.url, gitlab.url
    )
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn unique() -> String {
    format!(
        "{}-{}",
        now(),
        rand_core::RngCore::next_u64(&mut rand_core::OsRng)
    )
}

/// The claims GitHub Actions puts in a job's token, for `repository` and `workflow`.
fn github_job(issuer: &TestIssuer, repository: &str, workflow: &str) -> Value {
    let now = now();
    json!({
        "iss": issuer.url, "aud": AUDIENCE, "jti": unique(), "iat": now, "nbf": now - 5,
        "exp": now + 300, "sub": format!("repo:{repository}:ref:refs/heads/main"),
        "repository": repository, "repository_owner": repository.split('/').next().unwrap(),
        "repository_owner_id": "65", "run_id": "4242", "sha": "0123abcd", "event_name": "push",
        "workflow_ref": format!("{repository}/.github/workflows/{workflow}@refs/heads/main"),
        "ref": "refs/heads/main",
    })
}

/// POSTs a JWT for exchange; returns the status and the body.
fn exchange(wharf: &Wharf, jwt: &str) -> (u16, Value) {
    let response = wharf
        .http()
        .post(format!("{}/api/v1/trusted_publishing/tokens", wharf.url))
        .json(&json!({ "jwt": jwt }))
        .send()
        .unwrap();
    (response.status().as_u16(), response.json().unwrap())
}

fn exchange_ok(wharf: &Wharf, jwt: &str) -> String {
    let (status, body) = exchange(wharf, jwt);
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("wharf_tp_"), "{token}");
    token
}

fn refused(wharf: &Wharf, jwt: &str, status: u16, words: &str) {
    let (got, body) = exchange(wharf, jwt);
    let detail = body["errors"][0]["detail"].as_str().unwrap_or_default();
    assert_eq!(got, status, "{body}");
    assert!(detail.contains(words), "`{detail}` lacks `{words}`");
}

/// POSTs a GitHub Actions configuration for `krate` (`repo` is OWNER/NAME) with `token`.
fn post_github_config(
    wharf: &Wharf,
    token: &str,
    krate: &str,
    repo: &str,
    workflow: &str,
) -> reqwest::blocking::Response {
    let (owner, name) = repo.split_once('/').unwrap();
    wharf
        .http()
        .post(format!(
            "{}/api/v1/trusted_publishing/github_configs",
            wharf.url
        ))
        .header("Authorization", token)
        .json(&json!({ "github_config": {
            "crate": krate, "repository_owner": owner, "repository_name": name,
            "workflow_filename": workflow, "environment": null,
        }}))
        .send()
        .unwrap()
}

fn add_github_config(wharf: &Wharf, token: &str, krate: &str, repo: &str, workflow: &str) -> Value {
    let response = post_github_config(wharf, token, krate, repo, workflow);
    assert_eq!(response.status(), 200);
    response.json::<Value>().unwrap()["github_config"].clone()
}

fn configs_of(wharf: &Wharf, token: &str, krate: &str) -> Value {
    let response = wharf
        .http()
        .get(format!(
            "{}/api/v1/trusted_publishing/github_configs?crate={krate}",
            wharf.url
        ))
        .header("Authorization", token)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().unwrap()
}

/// An owner, `alice`, who published `name` 0.1.0 with her API token; her cargo user.
fn owner_with_crate(wharf: &Wharf, name: &str) -> (String, CargoUser) {
    let token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&token);
    let dir = alice.new_crate(name, "0.1.0", "", "pub fn one() -> u32 { 1 }\n");
    alice.publish_ok(&dir);
    (token, alice)
}

/// `cargo publish` of `name` `version` from a CI job holding `token`.
fn ci_publish(wharf: &Wharf, token: &str, name: &str, version: &str) -> support::CargoOutput {
    let ci = wharf
        .cargo_user(&format!("ci-{}", unique()))
        .with_token(token);
    let dir = ci.new_crate(name, version, "", "pub fn two() -> u32 { 2 }\n");
    ci.publish(&dir)
}

fn a_ci_job_publishes_with_an_exchanged_token(backend: Backend) {
    let (github, gitlab) = (TestIssuer::start(), TestIssuer::start());
    let (wharf, mail) = Wharf::with_mail_sink(backend, &config(&github, &gitlab));
    let (alice_token, alice) = owner_with_crate(&wharf, "widget");
    let created = add_github_config(&wharf, &alice_token, "widget", "octo/widget", "release.yml");
    // The owners hear of it: a stolen session adding its own CI would not go unnoticed.
    let told = mail.wait_for("alice@example.org", "A CI workflow may now publish widget");
    assert!(
        told.body
            .contains("octo/widget/.github/workflows/release.yml"),
        "{}",
        told.body
    );
    assert_eq!(created["crate"], "widget");
    assert_eq!(created["repository_owner_id"], Value::Null);
    let listed = configs_of(&wharf, &alice_token, "widget");
    assert_eq!(
        listed["github_configs"][0]["workflow_filename"],
        "release.yml"
    );

    // The job: a JWT from the issuer, exchanged, and cargo publishing with what came back.
    let token = exchange_ok(
        &wharf,
        &github.sign(&github_job(&github, "octo/widget", "release.yml")),
    );
    let output = ci_publish(&wharf, &token, "widget", "0.2.0");
    assert!(output.success, "{}\n{}", output.stdout, output.stderr);
    let version = wharf.get_json("/api/v1/crates/widget/0.2.0");
    assert_eq!(version["version"]["published_by"]["login"], "alice");
    // The exchange pinned the owner's id, and was audited with the claims that matched.
    let listed = configs_of(&wharf, &alice_token, "widget");
    assert_eq!(listed["github_configs"][0]["repository_owner_id"], 65);
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'trusted_publishing.exchange' AND target = $1",
            "octo/widget"
        ),
        1
    );
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM versions WHERE num = $1 AND trusted_publishing_token_id IS NOT NULL",
            "0.2.0"
        ),
        1
    );

    // The token publishes and reads, nothing else.
    let yank = wharf
        .http()
        .delete(format!("{}/api/v1/crates/widget/0.1.0/yank", wharf.url))
        .header("Authorization", &token)
        .send()
        .unwrap();
    assert_eq!(yank.status(), 403);
    assert!(error_detail(yank).contains("can only publish"));

    // A crate of the same owner without a configuration is not the token's to publish.
    let gadget = alice.new_crate("gadget", "0.1.0", "", "pub fn g() {}\n");
    alice.publish_ok(&gadget);
    let output = ci_publish(&wharf, &token, "gadget", "0.2.0");
    assert!(!output.success);
    assert!(
        output
            .stderr
            .contains("may publish `widget` but not `gadget`"),
        "{}",
        output.stderr
    );

    // Revoked by its holder, it stops at once.
    let revoke = wharf
        .http()
        .delete(format!("{}/api/v1/trusted_publishing/tokens", wharf.url))
        .header("Authorization", &token)
        .send()
        .unwrap();
    assert_eq!(revoke.status(), 204);
    let output = ci_publish(&wharf, &token, "widget", "0.3.0");
    assert!(!output.success);
    assert!(
        output.stderr.contains("invalid, expired or revoked"),
        "{}",
        output.stderr
    );

    // Trusted publishing only: the owner's API token no longer publishes; a job still does.
    let patch = wharf
        .http()
        .patch(format!("{}/api/v1/crates/widget", wharf.url))
        .header("Authorization", &alice_token)
        .json(&json!({ "crate": { "trustpub_only": true } }))
        .send()
        .unwrap();
    assert_eq!(patch.status(), 200);
    let dir = alice.new_crate("widget", "0.3.0", "", "pub fn three() {}\n");
    let output = alice.publish(&dir);
    assert!(!output.success);
    assert!(
        output.stderr.contains("only through trusted publishing"),
        "{}",
        output.stderr
    );
    let token = exchange_ok(
        &wharf,
        &github.sign(&github_job(&github, "octo/widget", "release.yml")),
    );
    let output = ci_publish(&wharf, &token, "widget", "0.3.0");
    assert!(output.success, "{}", output.stderr);

    // GitLab's jobs, by namespace, project and CI file.
    let response = wharf
        .http()
        .post(format!(
            "{}/api/v1/trusted_publishing/gitlab_configs",
            wharf.url
        ))
        .header("Authorization", &alice_token)
        .json(&json!({ "gitlab_config": {
            "crate": "gadget", "namespace": "group/sub", "project": "gadget",
            "workflow_filepath": ".gitlab-ci.yml", "environment": "release",
        }}))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    let now = now();
    let gitlab_job = json!({
        "iss": gitlab.url, "aud": AUDIENCE, "jti": unique(), "iat": now, "exp": now + 300,
        "namespace_id": "72", "namespace_path": "group/sub", "project_path": "group/sub/gadget",
        "ci_config_ref_uri": "gitlab.example/group/sub/gadget//.gitlab-ci.yml@refs/heads/main",
        "environment": "release", "job_id": "302", "sha": "feed",
    });
    let token = exchange_ok(&wharf, &gitlab.sign(&gitlab_job));
    let output = ci_publish(&wharf, &token, "gadget", "0.2.0");
    assert!(output.success, "{}", output.stderr);
    // A GitHub token for the same repository path is not GitLab's.
    let mut as_github = github_job(&github, "group/gadget", ".gitlab-ci.yml");
    as_github["jti"] = json!(unique());
    refused(
        &wharf,
        &github.sign(&as_github),
        403,
        "no crate on this registry",
    );
}

fn refusals_name_what_did_not_match(backend: Backend) {
    let (github, gitlab) = (TestIssuer::start(), TestIssuer::start());
    let wharf = Wharf::with_config(backend, &config(&github, &gitlab));
    let (alice_token, _) = owner_with_crate(&wharf, "widget");
    let config = add_github_config(&wharf, &alice_token, "widget", "octo/widget", "release.yml");
    let job = github_job(&github, "octo/widget", "release.yml");
    let with = |changes: Value| {
        let mut claims = github_job(&github, "octo/widget", "release.yml");
        for (key, value) in changes.as_object().unwrap() {
            claims[key] = value.clone();
        }
        github.sign(&claims)
    };

    refused(
        &wharf,
        &with(json!({"repository": "mallory/widget"})),
        403,
        "`mallory/widget`",
    );
    refused(
        &wharf,
        &with(json!({"workflow_ref": "octo/widget/.github/workflows/ci.yml@refs/heads/main"})),
        403,
        "the workflow `ci.yml` is not configured",
    );
    refused(&wharf, &with(json!({"exp": now() - 600})), 400, "expired");
    refused(
        &wharf,
        &with(json!({"aud": "crates.io"})),
        400,
        "another audience",
    );
    refused(
        &wharf,
        &github.forge(&job),
        400,
        "signature does not verify",
    );
    refused(
        &wharf,
        &with(json!({"event_name": "pull_request_target"})),
        403,
        "pull_request_target",
    );
    refused(&wharf, "not-a-jwt", 400, "not a well-formed JWT");
    let (status, _) = exchange(&wharf, "");
    assert_eq!(status, 400);
    let bad_json = wharf
        .http()
        .post(format!("{}/api/v1/trusted_publishing/tokens", wharf.url))
        .body("{\"token\": 1}")
        .send()
        .unwrap();
    assert_eq!(bad_json.status(), 400);
    assert!(error_detail(bad_json).contains("expected {\"jwt\""));

    // A JWT is exchanged once.
    let jwt = github.sign(&job);
    exchange_ok(&wharf, &jwt);
    refused(&wharf, &jwt, 403, "exchanged before");

    // Another account under the owner's old name (a different id) inherits nothing.
    refused(
        &wharf,
        &with(json!({"repository_owner_id": "66"})),
        403,
        "different account",
    );

    // Only owners configure; removing the configuration stops tokens issued through it.
    let bob = wharf.user_with_token("bob");
    let response = post_github_config(&wharf, &bob, "widget", "bob/widget", "release.yml");
    assert_eq!(response.status(), 403);
    let response = post_github_config(
        &wharf,
        &alice_token,
        "widget",
        "octo/widget",
        "dir/release.yml",
    );
    assert_eq!(response.status(), 400);
    assert!(error_detail(response).contains("without directories"));
    let token = exchange_ok(
        &wharf,
        &github.sign(&github_job(&github, "octo/widget", "release.yml")),
    );
    let removed = wharf
        .http()
        .delete(format!(
            "{}/api/v1/trusted_publishing/github_configs/{}",
            wharf.url, config["id"]
        ))
        .header("Authorization", &alice_token)
        .send()
        .unwrap();
    assert_eq!(removed.status(), 204);
    let output = ci_publish(&wharf, &token, "widget", "0.2.0");
    assert!(!output.success);
    refused(
        &wharf,
        &github.sign(&github_job(&github, "octo/widget", "release.yml")),
        403,
        "no crate on this registry",
    );
}

fn a_private_registry_takes_ci_publishes_until_the_token_expires(backend: Backend) {
    let (github, gitlab) = (TestIssuer::start(), TestIssuer::start());
    let mut wharf = Wharf::start_with(
        backend,
        Options {
            auth_required: true,
            config_text: Some(config(&github, &gitlab)),
            ..Options::default()
        },
    );
    let (alice_token, _) = owner_with_crate(&wharf, "widget");
    add_github_config(&wharf, &alice_token, "widget", "octo/widget", "release.yml");
    // No token is needed to exchange a JWT, even here: the JWT is the credential.
    let token = exchange_ok(
        &wharf,
        &github.sign(&github_job(&github, "octo/widget", "release.yml")),
    );
    // cargo reads the private index with the token, publishes, and waits to see the version.
    let output = ci_publish(&wharf, &token, "widget", "0.2.0");
    assert!(output.success, "{}", output.stderr);
    // The token reads but does not act as its owner.
    let me = wharf
        .http()
        .get(format!("{}/api/v1/me", wharf.url))
        .header("Authorization", &token)
        .send()
        .unwrap();
    assert_eq!(me.status(), 403);

    // Thirty-one minutes later by the registry's clock, the same token is refused.
    wharf.set_env("WHARF_CLOCK_OFFSET_SECONDS", Some("1860"));
    wharf.restart();
    let output = ci_publish(&wharf, &token, "widget", "0.3.0");
    assert!(!output.success);
    assert!(
        output.stderr.contains("invalid, expired or revoked"),
        "{}",
        output.stderr
    );
}
