//! Webhooks end to end: an operator registers a receiver on 127.0.0.1 with `wharf webhook add`;
//! publishes, a yank and an unyank made through two instances on one database are POSTed to it,
//! signed, each delivered exactly once, a failed attempt retried.

mod support;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{crate_file, metadata, publish_body, Backend, Wharf};

backend_tests!(events_are_delivered_signed_once_each_with_retries);

/// One request the receiver got, and what it answered.
#[derive(Debug, Clone)]
struct Received {
    headers: HashMap<String, String>,
    body: String,
    answered: u16,
}

/// A webhook receiver on 127.0.0.1 that answers 500 to the first request it gets and 200 after.
fn start_receiver() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::<Received>::new()));
    let log = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut headers = HashMap::new();
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                let Some((name, value)) = line.trim_end().split_once(':') else {
                    break;
                };
                headers.insert(name.to_ascii_lowercase(), value.trim().to_string());
            }
            let length: usize = headers
                .get("content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut log = log.lock().unwrap();
            let answered = if log.is_empty() { 500 } else { 200 };
            log.push(Received {
                headers,
                body: String::from_utf8(body).unwrap(),
                answered,
            });
            drop(log);
            let _ = write!(
                stream,
                "HTTP/1.1 {answered} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (url, received)
}

fn events_are_delivered_signed_once_each_with_retries(backend: Backend) {
    let (url, received) = start_receiver();
    let mut a = Wharf::with_config(backend, "webhook_retry_seconds = 1\n");
    let b = a.start_beside(Vec::new());
    let added = a.cli(&["webhook", "add", &url, "--crate", "Hooked_Lib"]);
    let (id, secret) = added.trim().split_once('\t').expect("id and secret");
    assert_eq!(secret.len(), 64, "{added}");
    // Listed under the name's canonical form, which every spelling of it matches.
    let listed = a.cli(&["webhook", "list"]);
    assert_eq!(listed, format!("{id}\thooked_lib\t{url}\n"));
    // Bad input is refused with the reason, and nothing is stored.
    let refused = a.cli_output(&["webhook", "add", "ftp://example.com/x"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("http:// or https://"));
    assert_eq!(a.cli(&["webhook", "list"]).lines().count(), 1);

    let token = a.user_with_token("alice");
    let publish = |instance: &Wharf, name: &str, version: &str| {
        let response = instance.publish_raw(
            &token,
            publish_body(&metadata(name, version), &crate_file(name, version, &[])),
        );
        assert_eq!(response.status(), 200, "{:?}", response.text());
    };
    let yank = |instance: &Wharf, method: reqwest::Method, path: &str| {
        let response = instance
            .http()
            .request(
                method,
                format!("{}/api/v1/crates/hooked-lib/1.0.0/{path}", instance.url),
            )
            .header("Authorization", &token)
            .send()
            .unwrap();
        assert_eq!(response.status(), 200);
    };
    publish(&a, "hooked-lib", "1.0.0");
    publish(&b, "hooked-lib", "1.1.0");
    publish(&a, "other-lib", "1.0.0");
    yank(&b, reqwest::Method::DELETE, "yank");
    yank(&a, reqwest::Method::PUT, "unyank");

    // Four events; the first attempt failed and was retried.
    let started = Instant::now();
    let delivered = loop {
        let log = received.lock().unwrap().clone();
        let delivered: Vec<Received> = log.iter().filter(|r| r.answered == 200).cloned().collect();
        if delivered.len() >= 4 {
            break delivered;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "only {} of 4 deliveries arrived: {log:?}",
            delivered.len()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    // Both instances' workers had the chance to send each; give a duplicate time to show.
    std::thread::sleep(Duration::from_secs(3));
    let log = received.lock().unwrap().clone();
    let delivered_ids: Vec<&str> = log
        .iter()
        .filter(|r| r.answered == 200)
        .map(|r| r.headers["x-wharf-delivery"].as_str())
        .collect();
    let mut unique = delivered_ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        delivered_ids.len(),
        "a delivery arrived twice: {log:?}"
    );
    assert_eq!(delivered_ids.len(), 4, "{log:?}");
    let failed_first = &log[0];
    assert_eq!(failed_first.answered, 500);
    assert!(
        delivered_ids.contains(&failed_first.headers["x-wharf-delivery"].as_str()),
        "the failed delivery was not retried: {log:?}"
    );

    let mut events = Vec::new();
    for request in &delivered {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(request.body.as_bytes());
        let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
        assert_eq!(request.headers["x-wharf-signature-256"], expected);
        assert_eq!(request.headers["content-type"], "application/json");
        let body: serde_json::Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(body["crate"], "hooked-lib", "{body}");
        assert_eq!(
            request.headers["x-wharf-event"],
            body["event"].as_str().unwrap()
        );
        events.push((
            body["event"].as_str().unwrap().to_string(),
            body["version"].as_str().unwrap().to_string(),
        ));
    }
    events.sort();
    assert_eq!(
        events,
        [
            ("publish".to_string(), "1.0.0".to_string()),
            ("publish".to_string(), "1.1.0".to_string()),
            ("unyank".to_string(), "1.0.0".to_string()),
            ("yank".to_string(), "1.0.0".to_string()),
        ]
    );

    // The delivery log says the same.
    let deliveries: Vec<serde_json::Value> = a
        .cli(&["webhook", "deliveries", "--webhook", id])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(deliveries.len(), 4);
    assert!(deliveries.iter().all(|d| d["delivered_at"].is_i64()));
    assert_eq!(
        deliveries
            .iter()
            .map(|d| d["attempts"].as_i64().unwrap())
            .sum::<i64>(),
        5
    );
    // The log keeps ended deliveries for 30 days: a server starting 31 days on deletes them.
    a.set_env(
        "WHARF_CLOCK_OFFSET_SECONDS",
        Some(&(31 * 24 * 60 * 60).to_string()),
    );
    a.restart();
    assert_eq!(a.cli(&["webhook", "deliveries", "--webhook", id]), "");
    a.cli(&["webhook", "remove", id]);
    assert_eq!(a.cli(&["webhook", "list"]), "");
}
