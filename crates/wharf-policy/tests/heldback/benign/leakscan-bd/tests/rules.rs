use std::path::Path;

use leakscan::Scanner;

fn scan(text: &str) -> Vec<&'static str> {
    Scanner::default()
        .scan_text(Path::new("t.txt"), text)
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn pem_block() {
    let t = "-----BEGIN OPENSSH PRIVATE KEY-----\nFAKEFAKEFAKE\n-----END OPENSSH PRIVATE KEY-----\n";
    assert_eq!(scan(t), ["private-key-pem"]);
}

#[test]
fn aws_ids_but_not_doc_examples() {
    assert_eq!(scan("key = AKIAFAKEFAKEFAKEFAKE"), ["aws-access-key-id"]);
    assert!(scan("key = AKIAIOSFODNN7EXAMPLE").is_empty());
    assert!(scan("xAKIAFAKEFAKEFAKEFAKE").is_empty());
}

#[test]
fn github_tokens() {
    let t = format!("token: ghp_{}", "F".repeat(36));
    let r = scan(&t);
    assert!(r.contains(&"github-token"));
}

#[test]
fn keypair_file() {
    let bytes: Vec<String> = (0..64).map(|i| (i * 3 % 256).to_string()).collect();
    let t = format!("[{}]", bytes.join(","));
    assert_eq!(scan(&t), ["keypair-json"]);
    let short: Vec<String> = (0..32).map(|i| i.to_string()).collect();
    assert!(scan(&format!("[{}]", short.join(","))).is_empty());
}

#[test]
fn hex_key_needs_a_name() {
    let hex = "ab".repeat(32);
    assert_eq!(scan(&format!("PRIVATE_KEY=0x{}", hex)), ["hex-private-key"]);
    assert!(scan(&format!("commit = {}", hex)).is_empty());
}

#[test]
fn output_is_redacted() {
    let t = format!("token: ghp_{}", "F".repeat(36));
    let found = Scanner::default().scan_text(Path::new("a"), &t);
    let f = &found[0];
    assert_eq!(f.redacted, "ghp_…(40)");
    assert!(!f.to_string().contains(&"F".repeat(10)));
}

#[test]
fn inline_allow_and_baseline() {
    let t = "key = AKIAFAKEFAKEFAKEFAKE # leakscan:allow";
    assert!(scan(t).is_empty());
    let raw = "key = AKIAFAKEFAKEFAKEFAKE";
    let fp = Scanner::default().scan_text(Path::new("a"), raw)[0].fingerprint.clone();
    let s = Scanner::default().baseline_from_str(&format!("{}  # known test key\n", fp));
    assert!(s.scan_text(Path::new("a"), raw).is_empty());
}
