//! GitHub's secret-scanning partner endpoint: reports signed by a test key, whose public half a
//! small server on 127.0.0.1 publishes in GitHub's format, revoke the tokens they carry and tell
//! their owners; unsigned, forged or unknown-key reports change nothing.

mod support;

use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::{EncodePublicKey, LineEnding};
use std::io::{Read, Write};
use std::net::TcpListener;
use support::{Backend, Options, Wharf};

backend_tests!(
    exposed_tokens_are_revoked_and_their_owners_told,
    unsigned_or_forged_reports_change_nothing,
    reports_reach_a_private_registry,
);

const VERIFY: &str = "/api/github/secret-scanning/verify";

/// A signing key and a server publishing its public half (and an old, no longer current key) as
/// GitHub publishes its keys. Returns the key and the list's URL.
fn key_publisher() -> (SigningKey, String) {
    let key = SigningKey::random(&mut rand_core::OsRng);
    let old = SigningKey::random(&mut rand_core::OsRng);
    let pem = |key: &SigningKey| {
        key.verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap()
    };
    let body = serde_json::json!({ "public_keys": [
        { "key_identifier": "current-key", "key": pem(&key), "is_current": true },
        { "key_identifier": "old-key", "key": pem(&old), "is_current": false },
    ]})
    .to_string();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/meta/public_keys/secret_scanning",
        listener.local_addr().unwrap()
    );
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (key, url)
}

/// POSTs `body` signed by `key` as `key_id`; returns the status and the JSON answer.
fn report(wharf: &Wharf, key: &SigningKey, key_id: &str, body: &str) -> (u16, serde_json::Value) {
    let signature: Signature = key.sign(body.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(signature.to_der());
    let response = wharf
        .http()
        .post(format!("{}{VERIFY}", wharf.url))
        .header("Content-Type", "application/json")
        .header("Github-Public-Key-Identifier", key_id)
        .header("Github-Public-Key-Signature", signature)
        .body(body.to_string())
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap())
}

fn alerts(tokens: &[&str]) -> String {
    serde_json::Value::Array(
        tokens
            .iter()
            .map(|token| {
                serde_json::json!({
                    "token": token,
                    "type": "wharf_api_token",
                    "url": "https://github.com/someone/project/blob/main/ci.yml",
                    "source": "commit",
                })
            })
            .collect(),
    )
    .to_string()
}

/// Whether the token still works on the API.
fn token_works(wharf: &Wharf, token: &str) -> bool {
    wharf
        .http()
        .get(format!("{}/api/v1/me", wharf.url))
        .header("Authorization", token)
        .send()
        .unwrap()
        .status()
        == 200
}

fn exposed_tokens_are_revoked_and_their_owners_told(backend: Backend) {
    let (key, keys_url) = key_publisher();
    let (wharf, mail) = Wharf::with_mail_sink(
        backend,
        &format!("secret_scanning_keys_url = \"{keys_url}\"\n"),
    );
    let leaked = wharf.user_with_token("alice");
    let kept = wharf
        .cli(&["token", "new", "alice", "--name", "laptop"])
        .trim()
        .to_string();
    assert!(token_works(&wharf, &leaked) && token_works(&wharf, &kept));

    let not_ours = "wharf_0000000000000000000000000000000000";
    let (status, answer) = report(&wharf, &key, "current-key", &alerts(&[&leaked, not_ours]));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer,
        serde_json::json!([
            { "token_raw": leaked, "token_type": "wharf_api_token", "label": "true_positive" },
            { "token_raw": not_ours, "token_type": "wharf_api_token", "label": "false_positive" },
        ])
    );
    assert!(
        !token_works(&wharf, &leaked),
        "the reported token still works"
    );
    assert!(
        token_works(&wharf, &kept),
        "a token nobody reported was revoked"
    );
    let told = mail.wait_for("alice@example.org", "found in public and revoked");
    assert!(told.body.contains("ci.yml"), "{}", told.body);
    assert!(
        !told.body.contains(&leaked),
        "the e-mail repeats the secret"
    );

    // Reported again: still ours, nothing more to do, no second e-mail.
    let (status, answer) = report(&wharf, &key, "current-key", &alerts(&[&leaked]));
    assert_eq!(status, 200);
    assert_eq!(answer[0]["label"], "true_positive");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let exposed_mails = mail
        .mails()
        .iter()
        .filter(|m| m.subject.contains("found in public"))
        .count();
    assert_eq!(exposed_mails, 1);

    // The audit log says who revoked it and why.
    let admin = wharf.admin_with_token("admin");
    let audit = wharf
        .http()
        .get(format!(
            "{}/api/v1/admin/audit?action=token.revoke",
            wharf.url
        ))
        .header("Authorization", &admin)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(audit.contains("GitHub secret scanning"), "{audit}");
}

fn unsigned_or_forged_reports_change_nothing(backend: Backend) {
    let (key, keys_url) = key_publisher();
    let wharf = Wharf::with_config(
        backend,
        &format!("secret_scanning_keys_url = \"{keys_url}\"\n"),
    );
    let token = wharf.user_with_token("alice");
    let body = alerts(&[&token]);
    let forger = SigningKey::random(&mut rand_core::OsRng);

    // Signed by a key GitHub does not publish, by a key no longer current, for a key id that is
    // not there, or not signed at all: refused with a reason, the token untouched.
    for (signer, key_id) in [
        (&forger, "current-key"),
        (&key, "old-key"),
        (&key, "made-up"),
    ] {
        let (status, answer) = report(&wharf, signer, key_id, &body);
        assert_eq!(status, 400, "{key_id}: {answer}");
        assert!(answer["errors"][0]["detail"].is_string(), "{answer}");
    }
    // A body changed after signing.
    let signature: Signature = key.sign(body.as_bytes());
    let response = wharf
        .http()
        .post(format!("{}{VERIFY}", wharf.url))
        .header("Github-Public-Key-Identifier", "current-key")
        .header(
            "Github-Public-Key-Signature",
            base64::engine::general_purpose::STANDARD.encode(signature.to_der()),
        )
        .body(alerts(&[&token, "wharf_another"]))
        .send()
        .unwrap();
    assert_eq!(response.status(), 400);
    let response = wharf
        .http()
        .post(format!("{}{VERIFY}", wharf.url))
        .body(body.clone())
        .send()
        .unwrap();
    assert_eq!(response.status(), 400);
    let detail = support::error_detail(response);
    assert!(detail.contains("github-public-key-identifier"), "{detail}");
    assert!(token_works(&wharf, &token));

    // Signed, but not a list of alerts.
    let (status, answer) = report(&wharf, &key, "current-key", "{\"token\": 1}");
    assert_eq!(status, 400, "{answer}");
    assert!(token_works(&wharf, &token));
}

fn reports_reach_a_private_registry(backend: Backend) {
    let (key, keys_url) = key_publisher();
    let wharf = Wharf::start_with(
        backend,
        Options {
            config_text: Some(format!("secret_scanning_keys_url = \"{keys_url}\"\n")),
            auth_required: true,
            ..Options::default()
        },
    );
    let token = wharf.user_with_token("alice");
    // GitHub has no token for a private registry: its signature is its credential.
    let (status, answer) = report(&wharf, &key, "current-key", &alerts(&[&token]));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer[0]["label"], "true_positive");
    assert!(!token_works(&wharf, &token));
}
