use std::fs;
use std::path::PathBuf;

use keyscan_lite::Scanner;

fn tree(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("keyscan-test-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("src")).unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("target")).unwrap();
    root
}

#[test]
fn finds_and_redacts() {
    let root = tree("basic");
    fs::write(
        root.join("src/config.rs"),
        "const K: &str = \"-----BEGIN RSA PRIVATE KEY-----\";\nlet id = \"AKIAFAKEFAKEFAKEFAKE\";\n",
    )
    .unwrap();
    fs::write(root.join("src/ok.rs"), "let id = \"AKIAFAKEFAKEFAKEFAKE\"; // keyscan:allow\n").unwrap();
    fs::write(root.join(".git/config"), "token = ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE\n").unwrap();
    fs::write(root.join("target/blob.rs"), "AKIAFAKEFAKEFAKEFAKE\n").unwrap();

    let report = Scanner::new().hidden(true).scan(&root).unwrap();
    let rules: Vec<_> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec!["pem-private-key", "aws-access-key-id"]);
    assert!(report.findings.iter().all(|f| !f.preview.contains("FAKEFAKE")));
    assert!(report.to_json().starts_with("{\"findings\":["));
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn skips_binary() {
    let root = tree("bin");
    fs::write(root.join("src/data.bin"), b"AKIAFAKEFAKEFAKEFAKE\0\0\0").unwrap();
    let report = Scanner::new().scan(&root).unwrap();
    assert!(report.findings.is_empty());
    assert_eq!(report.files_skipped, 1);
    fs::remove_dir_all(&root).unwrap();
}
