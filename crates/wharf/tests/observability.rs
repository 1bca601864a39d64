//! What operators watch: `/metrics` in Prometheus's text format, whose counters move when cargo
//! publishes and downloads; the optional metrics token; request ids on responses and on every log
//! line written while serving a request, with `--log-format json`.

mod support;

use prometheus_parse::{Scrape, Value};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use support::{Backend, Options, Wharf};

backend_tests!(
    metrics_move_when_cargo_publishes_and_downloads,
    a_metrics_token_keeps_the_metrics_to_the_scraper
);

/// `/metrics` as text.
fn metrics_text(wharf: &Wharf, token: Option<&str>) -> String {
    let mut request = wharf.http().get(format!("{}/metrics", wharf.url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    response.text().unwrap()
}

/// `/metrics`, parsed as Prometheus parses it.
fn scrape(wharf: &Wharf, token: Option<&str>) -> Scrape {
    let text = metrics_text(wharf, token);
    Scrape::parse(text.lines().map(|line| Ok(line.to_string()))).unwrap()
}

/// The value of the counter or gauge `name` with these labels (0 when it has not been recorded).
fn value(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name)
        .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match s.value {
            Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => v,
            _ => panic!("{name} is not a counter or gauge"),
        })
        .sum()
}

fn metrics_move_when_cargo_publishes_and_downloads(backend: Backend) {
    let wharf = Wharf::start(backend);
    let before = scrape(&wharf, None);
    assert_eq!(value(&before, "wharf_publishes_total", &[]), 0.0);
    assert!(value(&before, "wharf_db_pool_max_connections", &[]) >= 1.0);
    assert_eq!(value(&before, "wharf_mail_queue_failed", &[]), 0.0);

    let alice = wharf
        .cargo_user("alice")
        .with_token(&wharf.user_with_token("alice"));
    let dir = alice.new_crate("watched", "1.0.0", "", "pub fn watched() {}\n");
    alice.publish_ok(&dir);
    let app = alice.new_app(
        "watcher",
        "watched = { version = \"1\", registry = \"wharf\" }",
        "fn main() {}\n",
    );
    alice.cargo_ok(&app, &["fetch"]);

    let after = scrape(&wharf, None);
    // One publish, counted under the verdict the policy gave it (a one-function crate is flagged
    // as possibly a placeholder; the verdict is the policy's business, the count is ours).
    assert_eq!(value(&after, "wharf_publishes_total", &[]), 1.0);
    let verdicts: Vec<&str> = after
        .samples
        .iter()
        .filter(|s| s.metric == "wharf_publishes_total")
        .filter_map(|s| s.labels.get("verdict"))
        .collect();
    assert_eq!(verdicts.len(), 1);
    assert!(["allow", "flag"].contains(&verdicts[0]), "{verdicts:?}");
    assert_eq!(value(&after, "wharf_downloads_total", &[]), 1.0);
    let published = [
        ("method", "PUT"),
        ("route", "/api/v1/crates/new"),
        ("status", "200"),
    ];
    assert_eq!(value(&after, "wharf_http_requests_total", &published), 1.0);
    // Index reads, by their route as routed. (prometheus-parse cuts label values at a `}`, which
    // Prometheus itself does not, so this one is read from the text.)
    let text = metrics_text(&wharf, None);
    assert!(
        text.lines().any(|line| line.starts_with(
            "wharf_http_requests_total{method=\"GET\",route=\"/index/{*path}\",status=\"200\"}"
        )),
        "{text}"
    );
    assert!(value(&after, "wharf_index_cache_lookups_total", &[]) >= 1.0);
    // A latency histogram per route: its count is the number of requests.
    let timed = after
        .samples
        .iter()
        .find(|s| {
            s.metric == "wharf_http_request_duration_seconds"
                && s.labels.get("route") == Some("/api/v1/crates/new")
        })
        .expect("publishes are timed");
    assert!(matches!(&timed.value, Value::Histogram(buckets) if !buckets.is_empty()));
    // A crate's name never becomes a label: routes are counted as routed.
    assert!(after
        .samples
        .iter()
        .all(|s| s.labels.values().all(|v| !v.contains("watched"))));
}

fn a_metrics_token_keeps_the_metrics_to_the_scraper(backend: Backend) {
    let mut options = Options::default();
    options
        .env
        .push(("WHARF_METRICS_TOKEN".into(), "scrape-secret".into()));
    let wharf = Wharf::start_with(backend, options);
    let refused = wharf.get("/metrics");
    assert_eq!(refused.status(), 401);
    let body: serde_json::Value = refused.json().unwrap();
    assert!(body["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("metrics token"));
    let wrong = wharf
        .http()
        .get(format!("{}/metrics", wharf.url))
        .bearer_auth("scrape-secreT")
        .send()
        .unwrap();
    assert_eq!(wrong.status(), 401);
    // A registry token is not the metrics token.
    let token = wharf.user_with_token("alice");
    let with_api_token = wharf
        .http()
        .get(format!("{}/metrics", wharf.url))
        .header("Authorization", token)
        .send()
        .unwrap();
    assert_eq!(with_api_token.status(), 401);
    scrape(&wharf, Some("scrape-secret"));
}

/// Request ids on the API and the site: made when the client sends none, kept when a proxy in
/// front sent one, and a field of the request's span on the JSON log lines written while serving
/// it.
#[test]
fn requests_carry_an_id_into_the_response_and_the_json_logs() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("wharf.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_wharf"))
        .args(["--log-format", "json", "--data-dir"])
        .arg(dir.path().join("data"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("WHARF_DETONATE", "off")
        .env("RUST_LOG", "info,tower_http=debug")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("Wharf listening on ")
        .unwrap()
        .to_string();
    let http = reqwest::blocking::Client::builder()
        .user_agent("wharf-tests")
        .build()
        .unwrap();

    let made = http.get(format!("{url}/api/v1/summary")).send().unwrap();
    let id = made.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    let other = http.get(format!("{url}/api/v1/crates")).send().unwrap();
    assert_ne!(other.headers()["x-request-id"].to_str().unwrap(), id);
    // The site's pages have them too; the index, the hot path, does not (nor logs).
    let page = http.get(format!("{url}/")).send().unwrap();
    assert_eq!(page.headers()["x-request-id"].len(), 32);
    let index = http.get(format!("{url}/index/config.json")).send().unwrap();
    assert_eq!(index.status(), 200);
    assert!(index.headers().get("x-request-id").is_none());
    let kept = http
        .get(format!("{url}/api/v1/crates/none-such"))
        .header("x-request-id", "proxy-given-7")
        .send()
        .unwrap();
    assert_eq!(kept.status(), 404);
    assert_eq!(kept.headers()["x-request-id"], "proxy-given-7");

    // The log lines are written as the responses go out; give the writer a moment.
    let mut found = false;
    for _ in 0..50 {
        let logs = std::fs::read_to_string(&log_path).unwrap();
        let lines: Vec<serde_json::Value> = logs
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
            })
            .collect();
        found = lines.iter().any(|line| {
            line["span"]["id"] == "proxy-given-7"
                && line["span"]["path"] == "/api/v1/crates/none-such"
        });
        if found {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(found, "no log line of the request with its id");
}
