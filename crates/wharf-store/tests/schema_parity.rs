//! The SQLite and PostgreSQL migrations describe one schema.
//!
//! Every migration exists twice, in `migrations/sqlite/` and `migrations/postgres/`, because the
//! two databases spell a few types differently. Nothing but these tests keeps the copies in step,
//! so they check that:
//!
//! - both directories hold the same file names;
//! - each pair of files says the same thing once the SQLite spellings of [`TYPE_MAP`] are replaced
//!   by their PostgreSQL spellings, and whitespace, comments and the case of unquoted words are
//!   ignored — but for the full-text index, which each database builds its own way
//!   ([`ENGINE_SPECIFIC_MIGRATIONS`]; what it creates is declared and checked instead);
//! - both sets, applied to real databases, give the same tables, columns (in order, with type
//!   class, nullability and default), primary keys, unique constraints, indexes and foreign keys.
//!   SQLite is always checked; PostgreSQL only when `WHARF_TEST_DATABASE_URL` names a server, where
//!   the test creates a database of its own and drops it afterwards.
//!
//! A change to one directory alone fails here. Migrations already applied must never be edited
//! (sqlx checks their checksums): a fix is a new pair of files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// SQLite spellings and the PostgreSQL spellings they stand for, sorted by the SQLite side: the
/// only differences allowed between the two copies of a migration. At each position of a statement
/// the longest SQLite spelling that matches is replaced, so an entry can refine a shorter one.
///
/// - `INTEGER PRIMARY KEY` is SQLite's alias of the row id, which the database assigns on insert;
///   PostgreSQL needs a sequence, which `BIGSERIAL` creates. Both are 64-bit.
/// - `INTEGER` elsewhere is a boolean: SQLite has no boolean type and stores 0 and 1. (Numbers are
///   `BIGINT` in both sets, so that the spelling `INTEGER` stays free for this.)
/// - A boolean's default is `0` in SQLite and `FALSE` in PostgreSQL; `BIGINT … DEFAULT 0` columns
///   are numbers and keep their `0`.
const TYPE_MAP: &[(&str, &str)] = &[
    ("INTEGER", "BOOLEAN"),
    (
        "INTEGER NOT NULL DEFAULT 0",
        "BOOLEAN NOT NULL DEFAULT FALSE",
    ),
    ("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY"),
];

/// Migrations that build each database's own full-text index, which the two cannot spell alike:
/// an FTS5 table kept by triggers on SQLite; a text search configuration, a generated `tsvector`
/// column and a GIN index on PostgreSQL. Their statements are not compared. What they create is
/// listed below and left out of the applied schemas' comparison, after checking it is there, so
/// nothing else can hide in these files.
const ENGINE_SPECIFIC_MIGRATIONS: &[&str] =
    &["0012_full_text_search.sql", "0016_search_prefixes.sql"];

/// Tables only SQLite has: the FTS5 table and its shadow tables.
const SQLITE_ONLY_TABLES: &[&str] = &[
    "crates_fts",
    "crates_fts_config",
    "crates_fts_data",
    "crates_fts_docsize",
    "crates_fts_idx",
];

/// Columns only PostgreSQL has, as (table, column).
const POSTGRES_ONLY_COLUMNS: &[(&str, &str)] = &[("crates", "search_vector")];

/// Indexes only PostgreSQL has, as (table, index).
const POSTGRES_ONLY_INDEXES: &[(&str, &str)] = &[("crates", "crates_search_vector")];

fn migrations(backend: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend)
}

/// The `.sql` files of a migration directory, by name.
fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "sql"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            (name, text)
        })
        .collect()
}

#[test]
fn both_sets_have_the_same_migrations() {
    let sqlite: Vec<String> = files(&migrations("sqlite")).into_keys().collect();
    let postgres: Vec<String> = files(&migrations("postgres")).into_keys().collect();
    assert!(!sqlite.is_empty(), "no migrations found");
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must hold the same files"
    );
}

#[test]
fn migrations_differ_only_in_the_declared_spellings() {
    let sqlite = files(&migrations("sqlite"));
    let postgres = files(&migrations("postgres"));
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for (name, sqlite_text) in &sqlite {
        let Some(postgres_text) = postgres.get(name) else {
            continue; // Reported by `both_sets_have_the_same_migrations`.
        };
        if ENGINE_SPECIFIC_MIGRATIONS.contains(&name.as_str()) {
            continue; // What it creates is checked by `applied_migrations_give_the_same_schema`.
        }
        if let Err(problem) = compare(sqlite_text, postgres_text, &mut used) {
            problems.push(format!("{name}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // An entry no migration needs is a difference someone stopped making: drop it from the map.
    let unused: Vec<&str> = TYPE_MAP
        .iter()
        .map(|(from, _)| *from)
        .filter(|from| !used.contains(from))
        .collect();
    assert!(
        unused.is_empty(),
        "TYPE_MAP entries no migration uses: {unused:?}"
    );
}

#[test]
fn the_type_map_is_sorted() {
    assert!(
        TYPE_MAP.windows(2).all(|w| w[0].0 < w[1].0),
        "TYPE_MAP must be sorted by its SQLite side, without duplicates"
    );
}

/// The comparison catches what drift looks like, and lets through what is not drift.
#[test]
fn the_comparison_tells_drift_from_spelling() {
    let check = |sqlite: &str, postgres: &str| compare(sqlite, postgres, &mut BTreeSet::new());
    let table = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, hidden INTEGER NOT NULL DEFAULT 0, n BIGINT NOT NULL DEFAULT 0);";
    let same = "-- a comment of its own\ncreate table t (\n    id BIGSERIAL PRIMARY KEY,\n    name TEXT NOT NULL, -- why\n    hidden BOOLEAN NOT NULL DEFAULT FALSE,\n    n BIGINT NOT NULL DEFAULT 0\n);\n";
    assert_eq!(check(table, same), Ok(()));

    let drifted = [
        // A column missing.
        "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, hidden BOOLEAN NOT NULL DEFAULT FALSE);",
        // A different default.
        "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, hidden BOOLEAN NOT NULL DEFAULT FALSE, n BIGINT NOT NULL DEFAULT 1);",
        // A constraint dropped.
        "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT, hidden BOOLEAN NOT NULL DEFAULT FALSE, n BIGINT NOT NULL DEFAULT 0);",
        // A type that is not in the map.
        "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name VARCHAR NOT NULL, hidden BOOLEAN NOT NULL DEFAULT FALSE, n BIGINT NOT NULL DEFAULT 0);",
        // A mapped spelling used where the other database's spelling belongs.
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, hidden BOOLEAN NOT NULL DEFAULT FALSE, n BIGINT NOT NULL DEFAULT 0);",
        // A default added.
        "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL DEFAULT 'a', hidden BOOLEAN NOT NULL DEFAULT FALSE, n BIGINT NOT NULL DEFAULT 0);",
    ];
    for postgres in drifted {
        assert!(check(table, postgres).is_err(), "not caught: {postgres}");
    }
    // A statement more on either side.
    let index = "CREATE INDEX t_name ON t (name);";
    assert!(check(&format!("{table}\n{index}"), same).is_err());
    assert!(check(table, &format!("{same}\n{index}")).is_err());
    // Quoted text keeps its case.
    assert!(check("SELECT 'a';", "SELECT 'A';").is_err());
    assert_eq!(check("SELECT 'a';", "select 'a' ;"), Ok(()));
}

/// Whether a SQLite migration and its PostgreSQL copy say the same thing once [`TYPE_MAP`] is
/// applied to the SQLite side; the entries used are added to `used`.
fn compare(sqlite: &str, postgres: &str, used: &mut BTreeSet<&'static str>) -> Result<(), String> {
    let mapped = statements(&apply_type_map(&tokens(sqlite), used));
    let postgres = statements(&tokens(postgres));
    for (index, (a, b)) in mapped.iter().zip(&postgres).enumerate() {
        if a != b {
            return Err(format!(
                "statement {} differs\n  sqlite, mapped: {}\n  postgres:       {}",
                index + 1,
                a.join(" "),
                b.join(" ")
            ));
        }
    }
    match mapped.len().cmp(&postgres.len()) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(format!(
            "only in sqlite: {}",
            mapped[postgres.len()].join(" ")
        )),
        std::cmp::Ordering::Less => Err(format!(
            "only in postgres: {}",
            postgres[mapped.len()].join(" ")
        )),
    }
}

/// SQL as tokens: words (unquoted, so upper-cased: SQL folds their case), quoted strings and
/// identifiers as written, and single punctuation characters. Whitespace and comments go.
fn tokens(sql: &str) -> Vec<String> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || c == '"' {
            // A doubled quote inside is the quote itself.
            let start = i;
            i += 1;
            while i < chars.len() {
                if chars[i] == c && chars.get(i + 1) == Some(&c) {
                    i += 2;
                } else if chars[i] == c {
                    i += 1;
                    break;
                } else {
                    i += 1;
                }
            }
            out.push(chars[start..i.min(chars.len())].iter().collect());
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect::<String>().to_uppercase());
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Replaces SQLite spellings by PostgreSQL ones, the longest match first at each position.
fn apply_type_map(tokens: &[String], used: &mut BTreeSet<&'static str>) -> Vec<String> {
    let map: Vec<(&'static str, Vec<String>, Vec<String>)> = TYPE_MAP
        .iter()
        .map(|(from, to)| (*from, self::tokens(from), self::tokens(to)))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let longest = map
            .iter()
            .filter(|(_, from, _)| tokens[i..].starts_with(from))
            .max_by_key(|(_, from, _)| from.len());
        match longest {
            Some((name, from, to)) => {
                used.insert(name);
                out.extend(to.iter().cloned());
                i += from.len();
            }
            None => {
                out.push(tokens[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// Tokens split into statements at `;`, empty statements dropped.
fn statements(tokens: &[String]) -> Vec<Vec<String>> {
    tokens
        .split(|t| t == ";")
        .filter(|s| !s.is_empty())
        .map(<[String]>::to_vec)
        .collect()
}

// ---- the schemas the migrations produce ---------------------------------------------------------

/// A table as both databases can describe it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// In order.
    columns: Vec<Column>,
    primary_key: Vec<String>,
    /// `UNIQUE` constraints, by their columns (the databases name them differently).
    unique: BTreeSet<Vec<String>>,
    /// Indexes made with `CREATE INDEX`: name → (unique, columns).
    indexes: BTreeMap<String, (bool, Vec<String>)>,
    /// Columns → referenced table and columns.
    foreign_keys: BTreeSet<(Vec<String>, String, Vec<String>)>,
}

#[derive(Debug, PartialEq, Eq)]
struct Column {
    name: String,
    /// `int64`, `boolean`, `text`; anything else names the database's own type, which the other
    /// side will not match.
    class: String,
    not_null: bool,
    /// As written, casts dropped; [`GENERATED_ID`] for ids the database assigns.
    default: Option<String>,
}

type Schema = BTreeMap<String, Table>;

/// The default of an id the database assigns (SQLite's row id, PostgreSQL's sequence).
const GENERATED_ID: &str = "<generated id>";

/// Both migration sets applied to real databases give the same schema. PostgreSQL is compared
/// only when `WHARF_TEST_DATABASE_URL` is set; SQLite's schema is checked to be read at all either
/// way, and the comparison is shown to notice a column added on one side.
#[test]
fn applied_migrations_give_the_same_schema() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temporary directory");
    let sqlite_path = dir.path().join("schema.db");
    let sqlite = runtime.block_on(sqlite_schema(&sqlite_path, None));
    assert!(
        sqlite.contains_key("users") && sqlite.contains_key("versions"),
        "{:?}",
        sqlite.keys()
    );
    assert!(!sqlite.contains_key("_sqlx_migrations"));
    let mut sqlite = sqlite;
    for table in SQLITE_ONLY_TABLES {
        assert!(
            sqlite.remove(*table).is_some(),
            "SQLite has no table {table}"
        );
    }

    let Some(admin_url) = std::env::var("WHARF_TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        eprintln!("WHARF_TEST_DATABASE_URL is not set: PostgreSQL's schema is not compared");
        return;
    };
    let database = runtime.block_on(TestDatabase::create(&admin_url));
    let mut postgres = runtime.block_on(postgres_schema(&database.url));
    for (table, column) in POSTGRES_ONLY_COLUMNS {
        let columns = &mut postgres.get_mut(*table).expect("table").columns;
        let before = columns.len();
        columns.retain(|c| c.name != *column);
        assert_eq!(
            columns.len() + 1,
            before,
            "PostgreSQL has no {table}.{column}"
        );
    }
    for (table, index) in POSTGRES_ONLY_INDEXES {
        let indexes = &mut postgres.get_mut(*table).expect("table").indexes;
        assert!(
            indexes.remove(*index).is_some(),
            "PostgreSQL has no index {index}"
        );
    }
    let sqlite_names: Vec<&String> = sqlite.keys().collect();
    let postgres_names: Vec<&String> = postgres.keys().collect();
    assert_eq!(sqlite_names, postgres_names, "tables");
    for (name, table) in &sqlite {
        assert_eq!(
            Some(table),
            postgres.get(name),
            "table {name}: SQLite (left) and PostgreSQL (right) differ"
        );
    }

    // The same comparison notices drift: a column that only SQLite has.
    let drifted = runtime.block_on(sqlite_schema(
        &sqlite_path,
        Some("ALTER TABLE users ADD COLUMN drift TEXT"),
    ));
    assert_ne!(drifted.get("users"), postgres.get("users"));
    drop(database);
}

/// The schema the SQLite migrations give, with `extra` run after them.
async fn sqlite_schema(path: &Path, extra: Option<&str>) -> Schema {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{ConnectOptions, Executor, Row};

    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("SQLite database");
    let migrator = sqlx::migrate::Migrator::new(migrations("sqlite"))
        .await
        .expect("SQLite migrations");
    migrator
        .run(&mut conn)
        .await
        .expect("SQLite migrations apply");
    if let Some(extra) = extra {
        conn.execute(extra).await.expect("extra statement");
    }

    let names: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables")
    .iter()
    .map(|row| row.get("name"))
    .collect();
    let mut schema = Schema::new();
    for name in names {
        let quoted = name.replace('\'', "''");
        let mut table = Table::default();
        let columns = sqlx::query(&format!(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{quoted}') \
             ORDER BY cid"
        ))
        .fetch_all(&mut conn)
        .await
        .expect("columns");
        let mut key: Vec<(i64, String)> = columns
            .iter()
            .filter(|c| c.get::<i64, _>("pk") > 0)
            .map(|c| (c.get("pk"), c.get("name")))
            .collect();
        key.sort();
        table.primary_key = key.into_iter().map(|(_, name)| name).collect();
        for c in &columns {
            let column: String = c.get("name");
            let declared = c.get::<String, _>("type").to_ascii_uppercase();
            let in_key = c.get::<i64, _>("pk") > 0;
            // `INTEGER PRIMARY KEY` alone is the row id; `INTEGER` elsewhere is a boolean (see
            // `TYPE_MAP`).
            let row_id = declared == "INTEGER" && table.primary_key == [column.clone()];
            let class = match declared.as_str() {
                "BIGINT" => "int64".to_owned(),
                "INTEGER" if row_id => "int64".to_owned(),
                "INTEGER" => "boolean".to_owned(),
                "TEXT" => "text".to_owned(),
                other => format!("SQLite {other}"),
            };
            let default = if row_id {
                Some(GENERATED_ID.to_owned())
            } else {
                c.get::<Option<String>, _>("dflt_value").map(|d| {
                    match (class.as_str(), d.as_str()) {
                        ("boolean", "0") => "false".to_owned(),
                        ("boolean", "1") => "true".to_owned(),
                        _ => d,
                    }
                })
            };
            table.columns.push(Column {
                name: column,
                class,
                // SQLite lets a primary key other than the row id hold NULL unless it is declared
                // NOT NULL (a quirk kept for compatibility); PostgreSQL never does. The store never
                // writes NULL into a key, so both count as NOT NULL here.
                not_null: c.get::<i64, _>("notnull") != 0 || in_key,
                default,
            });
        }
        let indexes = sqlx::query(&format!(
            "SELECT name, \"unique\", origin FROM pragma_index_list('{quoted}')"
        ))
        .fetch_all(&mut conn)
        .await
        .expect("indexes");
        for index in &indexes {
            let index_name: String = index.get("name");
            let origin: String = index.get("origin");
            let columns: Vec<String> = sqlx::query(&format!(
                "SELECT name FROM pragma_index_info('{}') ORDER BY seqno",
                index_name.replace('\'', "''")
            ))
            .fetch_all(&mut conn)
            .await
            .expect("index columns")
            .iter()
            .map(|row| row.get("name"))
            .collect();
            match origin.as_str() {
                "c" => {
                    table
                        .indexes
                        .insert(index_name, (index.get::<i64, _>("unique") != 0, columns));
                }
                "u" => {
                    table.unique.insert(columns);
                }
                // The primary key's index: the key is compared above.
                _ => {}
            }
        }
        let mut foreign_keys: BTreeMap<i64, (Vec<String>, String, Vec<String>)> = BTreeMap::new();
        for fk in sqlx::query(&format!(
            "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{quoted}') \
             ORDER BY id, seq"
        ))
        .fetch_all(&mut conn)
        .await
        .expect("foreign keys")
        {
            let entry = foreign_keys
                .entry(fk.get("id"))
                .or_insert_with(|| (Vec::new(), fk.get("table"), Vec::new()));
            entry.0.push(fk.get("from"));
            entry.2.push(fk.get("to"));
        }
        table.foreign_keys = foreign_keys.into_values().collect();
        schema.insert(name, table);
    }
    schema
}

/// The schema the PostgreSQL migrations give, in the database at `url`.
async fn postgres_schema(url: &str) -> Schema {
    use sqlx::{Connection, Row};

    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .expect("PostgreSQL database");
    let migrator = sqlx::migrate::Migrator::new(migrations("postgres"))
        .await
        .expect("PostgreSQL migrations");
    migrator
        .run(&mut conn)
        .await
        .expect("PostgreSQL migrations apply");

    let mut schema = Schema::new();
    for row in sqlx::query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables")
    {
        schema.insert(row.get("name"), Table::default());
    }
    for c in sqlx::query(
        "SELECT table_name::text AS t, column_name::text AS name, data_type::text AS type, \
         is_nullable::text AS nullable, column_default::text AS dflt \
         FROM information_schema.columns WHERE table_schema = 'public' \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&mut conn)
    .await
    .expect("columns")
    {
        let Some(table) = schema.get_mut(&c.get::<String, _>("t")) else {
            continue;
        };
        let declared: String = c.get("type");
        let class = match declared.as_str() {
            "bigint" => "int64".to_owned(),
            "boolean" => "boolean".to_owned(),
            "text" => "text".to_owned(),
            other => format!("PostgreSQL {other}"),
        };
        let default = c.get::<Option<String>, _>("dflt").map(|d| {
            if d.starts_with("nextval(") {
                GENERATED_ID.to_owned()
            } else {
                // `'allow'::text` → `'allow'`.
                d.split("::").next().unwrap_or(&d).to_owned()
            }
        });
        table.columns.push(Column {
            name: c.get("name"),
            class,
            not_null: c.get::<String, _>("nullable") == "NO",
            default,
        });
    }
    // Indexes with their columns in order; whether each backs a constraint.
    for index in sqlx::query(
        "SELECT t.relname::text AS t, i.relname::text AS name, ix.indisunique AS is_unique, \
         ix.indisprimary AS is_primary, \
         EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = ix.indrelid \
                 AND c.conindid = ix.indexrelid AND c.contype IN ('p', 'u')) AS constraint_index, \
         (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) \
          FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) \
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("indexes")
    {
        let Some(table) = schema.get_mut(&index.get::<String, _>("t")) else {
            continue;
        };
        let columns: Vec<String> = index
            .get::<String, _>("columns")
            .split(',')
            .map(str::to_owned)
            .collect();
        if index.get("is_primary") {
            table.primary_key = columns;
        } else if index.get("constraint_index") {
            table.unique.insert(columns);
        } else {
            table
                .indexes
                .insert(index.get("name"), (index.get("is_unique"), columns));
        }
    }
    for fk in sqlx::query(
        "SELECT t.relname::text AS t, r.relname::text AS r, \
         string_agg(a.attname::text, ',' ORDER BY k.n) AS columns, \
         string_agg(ra.attname::text, ',' ORDER BY k.n) AS referenced \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
         JOIN pg_class r ON r.oid = c.confrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, rcol, n) \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col \
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.rcol \
         WHERE c.contype = 'f' AND n.nspname = 'public' \
         GROUP BY c.oid, t.relname, r.relname",
    )
    .fetch_all(&mut conn)
    .await
    .expect("foreign keys")
    {
        let Some(table) = schema.get_mut(&fk.get::<String, _>("t")) else {
            continue;
        };
        let split = |s: String| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        table.foreign_keys.insert((
            split(fk.get("columns")),
            fk.get("r"),
            split(fk.get("referenced")),
        ));
    }
    conn.close().await.ok();
    schema
}

/// A PostgreSQL database of this test's own, dropped when this goes out of scope (outside the
/// runtime, so that the drop can run one of its own even while a failed assertion unwinds).
struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    async fn create(admin_url: &str) -> TestDatabase {
        use sqlx::Connection;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("wharf_schema_{}_{nanos}", std::process::id());
        let mut conn = sqlx::PgConnection::connect(admin_url)
            .await
            .expect("WHARF_TEST_DATABASE_URL accepts connections");
        sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("CREATE DATABASE");
        conn.close().await.ok();
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url, |(base, _)| base);
        TestDatabase {
            admin_url: admin_url.to_owned(),
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        use sqlx::Connection;
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            if let Ok(mut conn) = sqlx::PgConnection::connect(&self.admin_url).await {
                let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
                let _ = sqlx::Executor::execute(&mut conn, drop.as_str()).await;
            }
        });
    }
}
