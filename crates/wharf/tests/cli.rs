//! The command line outside a server: commands other than `serve` and `migrate` refuse to create
//! a registry where there is none, so one run from the wrong directory cannot report a real
//! registry's users and crates as missing.

use std::process::Command;

fn wharf(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wharf"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("WHARF_DATABASE_URL")
        .env_remove("WHARF_CONFIG")
        .output()
        .unwrap()
}

#[test]
fn commands_refuse_a_missing_database_and_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("elsewhere");
    let refused = wharf(&data, &["token", "new", "alice"]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("there is no Wharf database at") && stderr.contains("wharf.db"),
        "{stderr}"
    );
    assert!(
        !data.join("wharf.db").exists(),
        "nothing was created by the refused command"
    );

    let migrated = wharf(&data, &["migrate"]);
    assert!(migrated.status.success(), "{migrated:?}");
    let added = wharf(
        &data,
        &["user", "add", "alice", "--email", "alice@example.org"],
    );
    assert!(added.status.success(), "{added:?}");
    let token = wharf(&data, &["token", "new", "alice"]);
    assert!(token.status.success(), "{token:?}");
    assert!(String::from_utf8_lossy(&token.stdout).starts_with("wharf_"));
}

#[test]
fn refusals_by_the_registry_exit_with_their_kind() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(wharf(&data, &["migrate"]).status.success());
    assert!(
        wharf(&data, &["user", "add", "alice", "--email", "a@example.org"])
            .status
            .success()
    );
    // Deleting a crate that does not exist: "not found", one line, exit code 4.
    let missing = wharf(&data, &["crate", "delete", "nothing-here", "--as", "alice"]);
    assert_eq!(missing.status.code(), Some(4), "{missing:?}");
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
}
