//! The dump against its oracle: the `db-dump` crate, which reads crates.io's dumps, loads every
//! table Wharf writes and finds the values that went in.

use super::*;
use wharf_store::{
    CategoryRecord, DumpCrate, DumpDependency, DumpDownloads, DumpOwner, DumpTeam, DumpUser,
    DumpVersion, KeywordRecord,
};

const DAY: i64 = 86_400_000;

fn version(id: i64, crate_id: i64, num: &str, yanked: bool) -> DumpVersion {
    DumpVersion {
        id,
        crate_id,
        num: num.into(),
        features: r#"{"std":["dep:serde"]}"#.into(),
        yanked,
        license: Some("MIT OR Apache-2.0".into()),
        crate_size: 1234,
        published_by: Some(1),
        cksum: "ab".repeat(32),
        links: None,
        rust_version: Some("1.70".into()),
        edition: Some("2021".into()),
        has_lib: Some(true),
        bin_names: Some(r#"["tool"]"#.into()),
        description: Some("A crate, \"quoted\", with, commas".into()),
        homepage: None,
        documentation: Some("https://docs.example/a".into()),
        repository: None,
        downloads: 5,
        created_at: 3 * DAY,
        updated_at: 4 * DAY + 1,
    }
}

fn snapshot() -> DumpSnapshot {
    DumpSnapshot {
        crates: vec![
            DumpCrate {
                id: 10,
                name: "base".into(),
                description: Some("line one\nline two".into()),
                homepage: None,
                documentation: None,
                repository: Some("https://code.example/base".into()),
                downloads: 7,
                created_at: DAY,
                updated_at: 2 * DAY,
            },
            DumpCrate {
                id: 11,
                name: "user".into(),
                description: None,
                homepage: None,
                documentation: None,
                repository: None,
                downloads: 0,
                created_at: DAY,
                updated_at: DAY,
            },
        ],
        versions: vec![
            version(100, 10, "1.0.0", false),
            version(101, 10, "2.0.0-beta.1", false),
            version(102, 10, "1.1.0", true),
            version(103, 11, "0.1.0", false),
        ],
        dependencies: vec![DumpDependency {
            id: 5,
            version_id: 103,
            crate_id: 10,
            req: "^1.0".into(),
            optional: true,
            default_features: false,
            features: r#"["std","serde/derive"]"#.into(),
            target: Some("cfg(unix)".into()),
            kind: "dev".into(),
            explicit_name: Some("renamed".into()),
        }],
        keywords: vec![KeywordRecord {
            keyword: "parsing".into(),
            created_at: DAY,
            crates_cnt: 1,
        }],
        crate_keywords: vec![(10, "parsing".into())],
        categories: vec![CategoryRecord {
            slug: "development-tools::testing".into(),
            created_at: 0,
            crates_cnt: 1,
        }],
        crate_categories: vec![(10, "development-tools::testing".into())],
        users: vec![DumpUser {
            id: 1,
            login: "alice".into(),
            name: Some("Alice, of course".into()),
            created_at: 0,
        }],
        teams: vec![DumpTeam {
            id: 3,
            name: "core".into(),
        }],
        owners: vec![
            DumpOwner {
                crate_id: 10,
                owner_id: 1,
                team: false,
                created_at: DAY,
                created_by: None,
            },
            DumpOwner {
                crate_id: 10,
                owner_id: 3,
                team: true,
                created_at: DAY,
                created_by: Some(1),
            },
        ],
        downloads: vec![DumpDownloads {
            version_id: 100,
            day: "1970-01-04".into(),
            downloads: 5,
        }],
        reserved_names: vec!["std".into()],
    }
}

fn loaded(dump: &DumpSnapshot) -> db_dump::DbDump {
    let at = Utc.with_ymd_and_hms(2026, 12, 5, 2, 0, 0).unwrap();
    let file = tempfile_path();
    let mut seen = Vec::new();
    write_dump(
        dump,
        at,
        std::fs::File::create(&file).unwrap(),
        &mut |table, rows| seen.push((table.to_string(), rows)),
    )
    .unwrap();
    assert_eq!(seen.len(), table_count());
    let loaded = db_dump::load_all(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    loaded
}

fn tempfile_path() -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "wharf-dump-test-{}-{:?}.tar.gz",
        std::process::id(),
        std::thread::current().id()
    ))
}

#[test]
fn the_db_dump_crate_reads_every_table() {
    let dump = loaded(&snapshot());
    assert_eq!(dump.crates.len(), 2);
    let base = dump.crates.iter().find(|c| c.name == "base").unwrap();
    assert_eq!(base.description, "line one\nline two");
    assert_eq!(
        base.repository.as_deref(),
        Some("https://code.example/base")
    );
    assert_eq!(base.created_at.timestamp_millis(), DAY);

    assert_eq!(dump.versions.len(), 4);
    let v = dump
        .versions
        .iter()
        .find(|v| v.num.to_string() == "1.0.0")
        .unwrap();
    assert_eq!(v.tar_sha256, [0xab; 32]);
    assert_eq!(v.features["std"], ["dep:serde"]);
    assert_eq!(v.license, "MIT OR Apache-2.0");
    assert!(v.has_lib);
    assert_eq!(v.bin_names, ["tool"]);
    assert_eq!(v.edition, Some(2021));
    assert_eq!(
        v.description.as_deref(),
        Some("A crate, \"quoted\", with, commas")
    );
    assert_eq!(v.updated_at.timestamp_millis(), 4 * DAY + 1);
    assert!(dump.versions.iter().any(|v| v.yanked));

    let dep = &dump.dependencies[0];
    assert_eq!(dep.crate_id.0, 10);
    assert!(dep.optional && !dep.default_features);
    assert_eq!(dep.features, ["std", "serde/derive"]);
    assert_eq!(dep.target, "cfg(unix)");
    assert!(matches!(
        dep.kind,
        db_dump::dependencies::DependencyKind::Dev
    ));
    assert_eq!(dep.explicit_name.as_deref(), Some("renamed"));

    assert_eq!(dump.keywords[0].keyword, "parsing");
    assert_eq!(dump.crates_keywords[0].keyword_id, dump.keywords[0].id);
    assert_eq!(dump.categories[0].category, "Testing");
    assert_eq!(dump.categories[0].path, "root.development_tools.testing");
    assert_eq!(dump.crates_categories[0].category_id, dump.categories[0].id);
    assert_eq!(dump.users[0].username, "alice");
    assert_eq!(dump.users[0].name.as_deref(), Some("Alice, of course"));
    assert_eq!(dump.teams[0].login, "team:core");
    assert_eq!(dump.crate_owners.len(), 2);
    assert_eq!(dump.version_downloads[0].downloads, 5);
    assert_eq!(dump.metadata.total_downloads, 7);
    assert_eq!(dump.reserved_crate_names[0].name, "std");
    assert_eq!(dump.crate_downloads.len(), 2);
}

#[test]
fn the_default_version_is_the_highest_release_not_yanked() {
    let dump = loaded(&snapshot());
    let base = dump
        .default_versions
        .iter()
        .find(|d| d.crate_id.0 == 10)
        .unwrap();
    // 2.0.0-beta.1 is a pre-release and 1.1.0 is yanked.
    assert_eq!(base.version_id.0, 100);
    assert_eq!(base.num_versions, Some(3));
}

#[test]
fn an_empty_registry_dumps_every_table_with_its_header() {
    let dump = loaded(&DumpSnapshot::default());
    assert!(dump.crates.is_empty());
    assert_eq!(dump.metadata.total_downloads, 0);
}

#[test]
fn tables_are_sorted_data_with_unique_columns() {
    for pair in TABLES.windows(2) {
        assert!(
            pair[0].name < pair[1].name,
            "{} !< {}",
            pair[0].name,
            pair[1].name
        );
    }
    for table in TABLES {
        let mut names: Vec<&str> = table.columns.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), table.columns.len(), "{}", table.name);
    }
    let built = rows(&snapshot());
    for table in TABLES {
        for row in &built[table.name] {
            assert_eq!(row.len(), table.columns.len(), "{}", table.name);
        }
    }
    assert!(schema().contains("CREATE TABLE versions ("));
}
