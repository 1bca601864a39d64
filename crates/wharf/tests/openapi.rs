//! The OpenAPI description at `/api/openapi.json`, checked against the live server by schemathesis
//! (from PyPI): it generates requests for every documented operation — valid ones, boundary values
//! and fuzzed ones — with an administrator's token, and fails on any 5xx, any status, content type
//! or header the document does not declare, and any body that breaks its schema.
//!
//! schemathesis is found through `WHARF_SCHEMATHESIS` (a path to its `st` command) or on `PATH`.
//! Without it the run is skipped, except under CI (`CI` set), where `.ci/run` installs it and a
//! missing one is a broken set-up. The seed is fixed so that CI is repeatable; longer runs with
//! other seeds are `bench/schemathesis.sh`'s job (RELIABILITY.md, "API conformance").

mod support;

use std::path::PathBuf;
use std::process::Command;
use support::browser::in_ci;
use support::{Backend, Options, Wharf};

backend_tests!(schemathesis_finds_no_server_error_and_no_schema_violation);

#[test]
fn the_document_is_served_as_openapi_3_1_and_lists_the_crates_io_paths() {
    let wharf = Wharf::start(Backend::Sqlite);
    let response = wharf.get("/api/openapi.json");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let document: serde_json::Value = response.json().unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    for path in [
        "/api/v1/crates/new",
        "/api/v1/crates",
        "/api/v1/crates/{name}",
        "/api/v1/crates/{name}/{version}/download",
        "/index/{path}",
    ] {
        assert!(
            document["paths"][path].is_object(),
            "{path} is not described"
        );
    }
    // The document is the server's own: its response shapes are the wire types'.
    let krate = &document["components"]["schemas"]["EncodableCrate"];
    assert!(krate["required"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("max_version")));
}

/// The schemathesis command, or `None` when it is not installed (and this is not CI).
fn schemathesis() -> Option<PathBuf> {
    let found = std::env::var_os("WHARF_SCHEMATHESIS")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("PATH").and_then(|path| {
                std::env::split_paths(&path)
                    .map(|dir| dir.join("st"))
                    .find(|candidate| candidate.is_file())
            })
        });
    match found {
        Some(path) => Some(path),
        None if in_ci() => panic!(
            "CI is set and schemathesis is missing: set WHARF_SCHEMATHESIS to its `st` command \
             (.ci/run installs it from PyPI)"
        ),
        None => {
            eprintln!("schemathesis is not installed: skipping the API conformance run");
            None
        }
    }
}

/// A knob of the run, from the environment (for `bench/schemathesis.sh`'s longer runs).
fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

fn schemathesis_finds_no_server_error_and_no_schema_violation(backend: Backend) {
    let Some(st) = schemathesis() else {
        return;
    };
    let wharf = Wharf::start_with(
        backend,
        Options {
            // The run sends thousands of requests from one address.
            config_text: Some("api_requests_per_second = 100000\napi_burst = 100000\n".into()),
            ..Options::default()
        },
    );
    // Something for the documented examples to find: a crate with a README, keywords and a
    // category, and a team.
    let token = wharf.admin_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&token);
    let dir = alice.new_crate(
        "demo",
        "0.1.0",
        "readme = \"README.md\"\nkeywords = [\"parser\"]\ncategories = [\"parsing\"]",
        "pub fn answer() -> u32 { 42 }\n",
    );
    std::fs::write(
        dir.join("README.md"),
        "# demo\n\n```rust\nlet x = 1;\n```\n",
    )
    .unwrap();
    alice.publish_ok(&dir);
    wharf.cli(&["team", "add", "core", "--maintainer", "alice"]);

    let output = Command::new(&st)
        .arg("run")
        .arg(format!("{}/api/openapi.json", wharf.url))
        .args(["--header", &format!("Authorization: {token}")])
        .args([
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,\
             response_headers_conformance,response_schema_conformance",
        ])
        // Stateful runs need links between operations, which the document does not declare.
        .args(["--phases", "examples,coverage,fuzzing"])
        .args([
            "--max-examples",
            &setting("WHARF_SCHEMATHESIS_MAX_EXAMPLES", "40"),
        ])
        .args(["--seed", &setting("WHARF_SCHEMATHESIS_SEED", "20261205")])
        // One worker: CPython 3.11 can fail `ast.parse` run from two threads at once (its
        // "AST constructor recursion depth mismatch"), which hypothesis does to describe strategies.
        .args(["--workers", "1"])
        .args(["--request-timeout", "30"])
        .arg("--no-color")
        .output()
        .expect("schemathesis runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The summary (operations, phases, how many cases), for whoever runs with `--nocapture`.
    if let Some(summary) = stdout.find("SUMMARY") {
        eprintln!("{}", &stdout[summary..]);
    }
    assert!(
        output.status.success(),
        "schemathesis found problems:\n{stdout}\n{stderr}"
    );
    // It did test every operation the router serves (a run that tested nothing also succeeds),
    // but the one it loaded the document from, which schemathesis leaves out.
    let operations = wharf_server::api_routes().len() - 1;
    assert!(
        stdout.contains(&format!("Tested: {operations}")),
        "schemathesis did not test all {operations} operations:\n{stdout}"
    );
}
