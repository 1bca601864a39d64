//! `wharf import`: `.crate` files made by the real `cargo package`, imported through the CLI, then
//! built from by the real cargo; imported again (nothing twice); and files that must be refused.

mod support;

use support::{
    crate_file, crate_file_with_manifest, metadata, owner_logins, publish_body, Backend, Wharf,
};

backend_tests!(
    packaged_crates_import_and_build,
    imports_run_twice_and_refuse_bad_files,
    imports_keep_to_the_upload_size_limit,
    a_database_dump_dates_yanks_and_owns_what_is_imported,
);

/// `cargo package` of a crate written by `user`, returning the `.crate` file cargo made.
fn package(user: &support::CargoUser, dir: &std::path::Path, name: &str, version: &str) -> Vec<u8> {
    user.cargo_ok(dir, &["package", "--no-verify", "--registry", "wharf"]);
    std::fs::read(dir.join(format!("target/package/{name}-{version}.crate"))).unwrap()
}

/// Imports `paths` for alice with `--json` and returns the report, whatever the exit status, and
/// whether it was a success. The command is told the server's index URL as the registry the
/// files were packaged for: it runs without the server's configuration, where `public_url`
/// would say it.
fn import(wharf: &Wharf, paths: &[&std::path::Path]) -> (serde_json::Value, bool) {
    let index = wharf.index_url();
    let mut args = vec![
        "import",
        "--owner",
        "alice",
        "--json",
        "--local-index",
        &index,
    ];
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    let output = wharf.cli_output(&args);
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (report, output.status.success())
}

fn packaged_crates_import_and_build(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    let user = wharf.cargo_user("packager");

    // Two libraries, packaged by cargo as it would for publishing, then imported together.
    let base = user.new_crate("base", "1.0.0", "", "pub fn base() -> u32 { 40 }\n");
    let base_file = package(&user, &base, "base", "1.0.0");
    let other = user.new_crate("other", "0.3.0", "", "pub fn other() -> u32 { 41 }\n");
    package(&user, &other, "other", "0.3.0");
    let (report, ok) = import(
        &wharf,
        &[
            &base.join("target/package/base-1.0.0.crate"),
            &other.join("target/package/other-0.3.0.crate"),
        ],
    );
    assert!(ok, "{report}");
    assert_eq!(
        (report["imported"].as_i64(), report["files"].as_i64()),
        (Some(2), Some(2))
    );

    // A crate depending on one plainly and on the other renamed, optional, behind a feature.
    // cargo resolves them from the registry to package it, and writes the dependencies into the
    // packaged manifest, which is all the import has to go on.
    let helper = user.new_crate(
        "helper",
        "0.2.0",
        "[dependencies]\nbase = { version = \"1\", registry = \"wharf\" }\n\
         b2 = { package = \"other\", version = \"0.3\", registry = \"wharf\", optional = true }\n\
         [features]\nextra = [\"dep:b2\"]\n",
        "pub fn answer() -> u32 { base::base() + 2 }\n\
         #[cfg(feature = \"extra\")]\npub fn extra() -> u32 { b2::other() }\n",
    );
    let helper_file = package(&user, &helper, "helper", "0.2.0");
    let (report, ok) = import(&wharf, &[&helper.join("target/package/helper-0.2.0.crate")]);
    assert!(ok, "{report}");
    assert_eq!(report["imported"], 1, "{report}");
    assert_eq!(owner_logins(&wharf, "helper"), ["alice"]);

    // The index says what cargo would have published: the rename, the optional dependency and
    // the feature that turns it on.
    let index = wharf.get("/index/he/lp/helper").text().unwrap();
    let line: serde_json::Value = serde_json::from_str(index.trim()).unwrap();
    let deps = line["deps"].as_array().unwrap();
    let renamed = deps.iter().find(|d| d["name"] == "b2").unwrap();
    assert_eq!(renamed["package"], "other");
    assert_eq!(renamed["optional"], true);
    // (Features naming `dep:` go where older cargos do not look, as crates.io writes them.)
    assert_eq!(line["features2"]["extra"], serde_json::json!(["dep:b2"]));

    // A project depending on the imported crate builds through Wharf, with the feature on.
    let app = user.new_app(
        "app",
        "helper = { version = \"0.2\", registry = \"wharf\", features = [\"extra\"] }",
        "fn main() { println!(\"{} {}\", helper::answer(), helper::extra()); }\n",
    );
    let run = user.cargo_ok(&app, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "42 41");

    // Downloads are the very files cargo made.
    for (name, version, file) in [
        ("base", "1.0.0", &base_file),
        ("helper", "0.2.0", &helper_file),
    ] {
        let served = wharf
            .get(&format!("/api/v1/crates/{name}/{version}/download"))
            .bytes()
            .unwrap();
        assert!(
            served.as_ref() == file.as_slice(),
            "{name} {version} differs"
        );
    }
}

fn imports_run_twice_and_refuse_bad_files(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    let files = wharf.data_dir().parent().unwrap().join("import-files");
    std::fs::create_dir_all(files.join("nested")).unwrap();
    std::fs::write(
        files.join("one-1.0.0.crate"),
        crate_file("one", "1.0.0", &[]),
    )
    .unwrap();
    std::fs::write(
        files.join("nested/one-1.1.0.crate"),
        crate_file("one", "1.1.0", &[]),
    )
    .unwrap();
    std::fs::write(
        files.join("nested/two-0.1.0.crate"),
        crate_file("two", "0.1.0", &[]),
    )
    .unwrap();
    // A dependency the import does not bring (a dev-dependency, an optional one, say) does not
    // hold the file back, as it would an upload.
    let needs = crate_file_with_manifest(
        "needs",
        "0.1.0",
        "description = \"d\"\nlicense = \"MIT\"\n[dependencies]\nnot-here = \"1\"",
    );
    std::fs::write(files.join("needs-0.1.0.crate"), needs).unwrap();
    // Not a .crate file: skipped in a directory.
    std::fs::write(files.join("README.txt"), b"what these are").unwrap();

    let (report, ok) = import(&wharf, &[&files]);
    assert!(ok, "{report}");
    assert_eq!(
        (
            report["files"].as_i64(),
            report["imported"].as_i64(),
            report["already_there"].as_i64()
        ),
        (Some(4), Some(4), Some(0)),
        "{report}"
    );
    assert_eq!(
        wharf.get_json("/api/v1/crates/one")["crate"]["max_version"],
        "1.1.0"
    );
    // A dependency the packaged manifest gives no registry is a crates.io crate, and the index
    // says so, as for a `cargo publish` to Wharf: it never resolves to a name taken here.
    let needs = wharf.get("/index/ne/ed/needs").text().unwrap();
    let needs: serde_json::Value = serde_json::from_str(needs.trim()).unwrap();
    assert_eq!(
        needs["deps"][0]["registry"],
        "https://github.com/rust-lang/crates.io-index"
    );
    // With a copy of the source's index: what it says is yanked is yanked here, also for files
    // already imported.
    let index = wharf.data_dir().parent().unwrap().join("source-index");
    std::fs::create_dir_all(index.join("3/o")).unwrap();
    std::fs::write(
        index.join("3/o/one"),
        "{\"name\":\"one\",\"vers\":\"1.0.0\",\"yanked\":true}\n\
         {\"name\":\"one\",\"vers\":\"1.1.0\",\"yanked\":false}\n",
    )
    .unwrap();
    let output = wharf.cli_output(&[
        "import",
        "--owner",
        "alice",
        "--json",
        "--index",
        &index.display().to_string(),
        &files.display().to_string(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["yanked"], 1, "{report}");
    let version =
        |v: &str| wharf.get_json(&format!("/api/v1/crates/one/{v}"))["version"]["yanked"].clone();
    assert_eq!(
        (version("1.0.0"), version("1.1.0")),
        (true.into(), false.into())
    );
    let index_file = wharf.get("/index/3/o/one").text().unwrap();
    assert!(index_file.contains("\"vers\":\"1.0.0\""), "{index_file}");
    assert!(
        index_file
            .lines()
            .any(|l| l.contains("\"1.0.0\"") && l.contains("\"yanked\":true")),
        "{index_file}"
    );

    // Again: nothing is imported twice.
    let (report, ok) = import(&wharf, &[&files]);
    assert!(ok, "{report}");
    assert_eq!(
        (
            report["imported"].as_i64(),
            report["already_there"].as_i64()
        ),
        (Some(0), Some(4)),
        "{report}"
    );

    // A file that is not a .crate, and a different file claiming a stored version: refused with
    // their reasons, the rest imported, the exit status a failure, nothing stored from them.
    let bad = wharf.data_dir().parent().unwrap().join("bad-files");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("junk-1.0.0.crate"), b"this is not a gzip archive").unwrap();
    let other = crate_file("two", "0.1.0", &[("src/extra.rs", b"pub fn x() {}\n")]);
    std::fs::write(bad.join("two-0.1.0.crate"), &other).unwrap();
    std::fs::write(
        bad.join("three-0.1.0.crate"),
        crate_file("three", "0.1.0", &[]),
    )
    .unwrap();
    let (report, ok) = import(&wharf, &[&bad]);
    assert!(!ok, "{report}");
    assert_eq!(report["imported"], 1, "{report}");
    let refused = report["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 2, "{report}");
    let reason = |file: &str| {
        refused
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("{file} not refused: {report}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(reason("junk-1.0.0.crate").contains("gzip"), "{report}");
    assert!(reason("two-0.1.0.crate").contains("different"), "{report}");
    assert_eq!(wharf.get("/api/v1/crates/junk").status(), 404);
    let stored = wharf
        .get("/api/v1/crates/two/0.1.0/download")
        .bytes()
        .unwrap();
    assert!(stored.as_ref() == crate_file("two", "0.1.0", &[]).as_slice());

    // A suspended or terminated owner: nothing is imported for them.
    wharf.execute("UPDATE users SET terminated_at = 1 WHERE login = 'alice'");
    let later = wharf.data_dir().parent().unwrap().join("later-files");
    std::fs::create_dir_all(&later).unwrap();
    std::fs::write(
        later.join("four-0.1.0.crate"),
        crate_file("four", "0.1.0", &[]),
    )
    .unwrap();
    let (report, ok) = import(&wharf, &[&later]);
    assert!(!ok, "{report}");
    assert!(
        report["refused"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("terminated"),
        "{report}"
    );
    assert_eq!(wharf.get("/api/v1/crates/four").status(), 404);

    // An owner that does not exist: nothing happens.
    let output = wharf.cli_output(&["import", "--owner", "nobody", &files.display().to_string()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no user `nobody`"));
}

fn imports_keep_to_the_upload_size_limit(backend: Backend) {
    let wharf = Wharf::with_config(backend, "max_upload_size = 4000\n");
    wharf.user_with_token("alice");
    let files = wharf.data_dir().parent().unwrap().join("sized-files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(
        files.join("small-1.0.0.crate"),
        crate_file("small", "1.0.0", &[]),
    )
    .unwrap();
    // Bytes that do not compress: a file well over the limit.
    let mut noise = Vec::new();
    let mut state = 0x2545_f491_u32;
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        noise.push(state as u8);
    }
    let large = crate_file("large", "1.0.0", &[("data.bin", noise.as_slice())]);
    assert!(large.len() > 4000);
    std::fs::write(files.join("large-1.0.0.crate"), large).unwrap();
    let (report, ok) = import(&wharf, &[&files]);
    assert!(!ok, "{report}");
    assert_eq!(report["imported"], 1, "{report}");
    let reason = report["refused"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("over this registry's limit of 4000"),
        "{report}"
    );
    assert_eq!(wharf.get("/api/v1/crates/large").status(), 404);
}

/// Moving from one registry to another with its database dump: the source's versions keep their
/// publication dates and yanks, a crate goes to its first owner there who has an account here
/// (to `--owner` otherwise) and its other owners with accounts here are invited, and a file other
/// than the one published there is refused.
fn a_database_dump_dates_yanks_and_owns_what_is_imported(backend: Backend) {
    let source = Wharf::start(backend);
    let alice = source.user_with_token("alice");
    let bob = source.user_with_token("bob");
    for (token, name, version) in [
        (&alice, "alpha", "1.0.0"),
        (&alice, "alpha", "1.1.0"),
        (&bob, "beta", "0.1.0"),
    ] {
        let file = crate_file(name, version, &[]);
        let response = source.publish_raw(token, publish_body(&metadata(name, version), &file));
        assert_eq!(response.status(), 200, "{name} {version}");
        // Publication times a second apart, so dates taken from the wrong version would show.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    // carol owns alpha too there, by invitation.
    let carol = source.user_with_token("carol");
    let invite = source
        .http()
        .put(format!("{}/api/v1/crates/alpha/owners", source.url))
        .header("Authorization", &alice)
        .json(&serde_json::json!({ "users": ["carol"] }))
        .send()
        .unwrap();
    assert_eq!(invite.status(), 200);
    support::accept_only_invitation(&source, &carol, true);
    let yank = source
        .http()
        .delete(format!("{}/api/v1/crates/alpha/1.0.0/yank", source.url))
        .header("Authorization", &alice)
        .send()
        .unwrap();
    assert_eq!(yank.status(), 200);
    let dump = source.dir.path().join("db-dump.tar.gz");
    source.cli(&["dump", "--output", &dump.display().to_string()]);
    let files = source.data_dir().join("crates");

    let target = Wharf::start(backend);
    target.user_with_token("alice");
    let carol_here = target.user_with_token("carol");
    target.user_with_token("importer");
    let run = |paths: &[&std::path::Path]| {
        let mut args = vec![
            "import".to_string(),
            "--owner".into(),
            "importer".into(),
            "--json".into(),
            "--db-dump".into(),
            dump.display().to_string(),
            "--match-owners".into(),
        ];
        args.extend(paths.iter().map(|p| p.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = target.cli_output(&args);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
        (report, output.status.success())
    };

    // Not the file the source published as beta 0.1.0: refused, nothing stored.
    let other = target.dir.path().join("beta-0.1.0.crate");
    std::fs::write(
        &other,
        crate_file(
            "beta",
            "0.1.0",
            &[("beta-0.1.0/README.md", b"changed".as_slice())],
        ),
    )
    .unwrap();
    let (report, ok) = run(&[&other]);
    assert!(!ok, "{report}");
    let reason = report["refused"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("is not the one published"), "{reason}");
    assert_eq!(target.get("/api/v1/crates/beta").status(), 404);

    let (report, ok) = run(&[&files]);
    assert!(ok, "{report}");
    assert_eq!(report["imported"], 3, "{report}");
    assert_eq!(report["yanked"], 1, "{report}");
    // alpha goes to its first owner there, and carol, its other owner, is asked to own it too.
    assert_eq!(owner_logins(&target, "alpha"), ["alice"]);
    assert_eq!(report["invited"], 1, "{report}");
    support::accept_only_invitation(&target, &carol_here, true);
    let mut owners = owner_logins(&target, "alpha");
    owners.sort();
    assert_eq!(owners, ["alice", "carol"]);
    // bob has no account here: the operator's choice owns it.
    assert_eq!(owner_logins(&target, "beta"), ["importer"]);
    for (name, version) in [("alpha", "1.0.0"), ("alpha", "1.1.0"), ("beta", "0.1.0")] {
        let path = format!("/api/v1/crates/{name}/{version}");
        let there = source.get_json(&path)["version"].clone();
        let here = target.get_json(&path)["version"].clone();
        assert_eq!(here["created_at"], there["created_at"], "{name} {version}");
        assert_eq!(here["yanked"], there["yanked"], "{name} {version}");
    }
    assert_eq!(
        target.get_json("/api/v1/crates/alpha/1.0.0")["version"]["yanked"],
        true
    );

    // Run again: nothing imported, dated or audited twice.
    let audited = target.cli(&["admin", "audit", "--action", "version.date"]);
    assert_eq!(audited.lines().count(), 3, "{audited}");
    let (report, ok) = run(&[&files]);
    assert!(ok, "{report}");
    assert_eq!(
        (
            report["imported"].as_i64(),
            report["already_there"].as_i64()
        ),
        (Some(0), Some(3)),
        "{report}"
    );
    let audited = target.cli(&["admin", "audit", "--action", "version.date"]);
    assert_eq!(audited.lines().count(), 3, "{audited}");
}
