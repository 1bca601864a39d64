//! The database dump: the registry's public data as one `.tar.gz` of CSV tables, in the layout of
//! crates.io's daily `db-dump.tar.gz`, so that tools written for that dump (the `db-dump` crate,
//! say) read Wharf's unchanged.
//!
//! The archive holds one directory named after the moment of the dump (`2026-12-05-020000/`) with
//! `metadata.json`, a `README.md`, `schema.sql` (the tables, as SQL) and `data/TABLE.csv`. Values
//! are written as PostgreSQL's `COPY … CSV` writes them, which is what crates.io publishes:
//! booleans `t`/`f`, times `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, arrays `{a,b}`, bytes `\x…`, and
//! an empty field for NULL.
//!
//! What is in it is decided by the store's read ([`wharf_store::Db::dump_snapshot`]): public data
//! only. This crate decides only how it is written.

use chrono::{DateTime, TimeZone, Utc};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::collections::HashMap;
use std::io::{self, Write};
use wharf_store::DumpSnapshot;

/// One CSV table: its name and its columns with their SQL types, in order.
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, &'static str)],
}

/// The tables, sorted by name, with crates.io's column names. Columns crates.io has and Wharf
/// keeps no data for are left out where readers treat them as optional (per-version keywords and
/// categories, zip checksums, upload limits are written empty).
const TABLES: &[Table] = &[
    Table {
        name: "categories",
        columns: &[
            ("id", "integer"),
            ("category", "text"),
            ("slug", "text"),
            ("description", "text"),
            ("crates_cnt", "integer"),
            ("created_at", "timestamp"),
            ("path", "text"),
        ],
    },
    Table {
        name: "crate_downloads",
        columns: &[("crate_id", "integer"), ("downloads", "bigint")],
    },
    Table {
        name: "crate_owners",
        columns: &[
            ("crate_id", "integer"),
            ("owner_id", "integer"),
            ("created_at", "timestamp"),
            ("created_by", "integer"),
            ("owner_kind", "integer"),
        ],
    },
    Table {
        name: "crates",
        columns: &[
            ("id", "integer"),
            ("name", "text"),
            ("updated_at", "timestamp"),
            ("created_at", "timestamp"),
            ("description", "text"),
            ("homepage", "text"),
            ("documentation", "text"),
            ("readme", "text"),
            ("repository", "text"),
            ("max_upload_size", "integer"),
            ("max_features", "smallint"),
        ],
    },
    Table {
        name: "crates_categories",
        columns: &[("crate_id", "integer"), ("category_id", "integer")],
    },
    Table {
        name: "crates_keywords",
        columns: &[("crate_id", "integer"), ("keyword_id", "integer")],
    },
    Table {
        name: "default_versions",
        columns: &[
            ("crate_id", "integer"),
            ("version_id", "integer"),
            ("num_versions", "integer"),
        ],
    },
    Table {
        name: "dependencies",
        columns: &[
            ("id", "integer"),
            ("version_id", "integer"),
            ("crate_id", "integer"),
            ("req", "text"),
            ("optional", "boolean"),
            ("default_features", "boolean"),
            ("features", "text[]"),
            ("target", "text"),
            ("kind", "integer"),
            ("explicit_name", "text"),
        ],
    },
    Table {
        name: "keywords",
        columns: &[
            ("id", "integer"),
            ("keyword", "text"),
            ("crates_cnt", "integer"),
            ("created_at", "timestamp"),
        ],
    },
    Table {
        name: "metadata",
        columns: &[("total_downloads", "bigint")],
    },
    Table {
        name: "reserved_crate_names",
        columns: &[("name", "text")],
    },
    Table {
        name: "teams",
        columns: &[
            ("id", "integer"),
            ("login", "text"),
            ("github_id", "integer"),
            ("name", "text"),
            ("avatar", "text"),
            ("org_id", "integer"),
        ],
    },
    Table {
        name: "users",
        columns: &[
            ("id", "integer"),
            ("name", "text"),
            ("gh_id", "integer"),
            ("username", "text"),
            ("created_at", "timestamp"),
        ],
    },
    Table {
        name: "version_downloads",
        columns: &[
            ("version_id", "integer"),
            ("downloads", "integer"),
            ("date", "date"),
        ],
    },
    Table {
        name: "versions",
        columns: &[
            ("id", "integer"),
            ("crate_id", "integer"),
            ("num", "text"),
            ("updated_at", "timestamp"),
            ("created_at", "timestamp"),
            ("downloads", "integer"),
            ("features", "jsonb"),
            ("yanked", "boolean"),
            ("license", "text"),
            ("crate_size", "integer"),
            ("published_by", "integer"),
            ("tar_sha256", "bytea"),
            ("links", "text"),
            ("rust_version", "text"),
            ("has_lib", "boolean"),
            ("bin_names", "text[]"),
            ("edition", "smallint"),
            ("description", "text"),
            ("homepage", "text"),
            ("documentation", "text"),
            ("repository", "text"),
        ],
    },
];

/// A field as written: `None` is NULL (an empty, unquoted field).
type Field = Option<String>;

fn text(value: impl ToString) -> Field {
    Some(value.to_string())
}

fn boolean(value: bool) -> Field {
    text(if value { "t" } else { "f" })
}

/// Milliseconds since the epoch as PostgreSQL writes a `timestamp`.
fn timestamp(millis: i64) -> Field {
    Utc.timestamp_millis_opt(millis)
        .single()
        .map(|t| t.format("%Y-%m-%d %H:%M:%S%.6f").to_string())
}

/// A PostgreSQL array of simple words (names, features, slugs: no commas, quotes or braces).
fn array<'a>(items: impl IntoIterator<Item = &'a String>) -> Field {
    let items: Vec<&str> = items.into_iter().map(String::as_str).collect();
    text(format!("{{{}}}", items.join(",")))
}

/// A JSON array of strings, as stored, as a PostgreSQL array.
fn json_array(stored: &str) -> Field {
    let items: Vec<String> = serde_json::from_str(stored).unwrap_or_default();
    array(&items)
}

/// crates.io's dependency kinds: 0 normal, 1 build, 2 dev.
fn kind_number(kind: &str) -> Field {
    text(match kind {
        "build" => 1,
        "dev" => 2,
        _ => 0,
    })
}

/// A category's path in crates.io's tree: `root.parent.child`, hyphens as underscores.
fn category_path(slug: &str) -> String {
    let mut path = String::from("root");
    for part in slug.split("::") {
        path.push('.');
        path.push_str(&part.replace('-', "_"));
    }
    path
}

/// The version a crate shows first, as crates.io chooses it: the highest release that is not
/// yanked, else the highest version not yanked, else the highest.
fn default_version(versions: &[&wharf_store::DumpVersion]) -> Option<i64> {
    let parsed: Vec<(semver::Version, &wharf_store::DumpVersion)> = versions
        .iter()
        .filter_map(|v| Some((semver::Version::parse(&v.num).ok()?, *v)))
        .collect();
    let best = |keep: &dyn Fn(&(semver::Version, &wharf_store::DumpVersion)) -> bool| {
        parsed
            .iter()
            .filter(|v| keep(v))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, v)| v.id)
    };
    best(&|(num, v)| !v.yanked && num.pre.is_empty())
        .or_else(|| best(&|(_, v)| !v.yanked))
        .or_else(|| best(&|_| true))
}

/// Every table's rows, by table name.
fn rows(dump: &DumpSnapshot) -> HashMap<&'static str, Vec<Vec<Field>>> {
    let keyword_ids: HashMap<&str, usize> = dump
        .keywords
        .iter()
        .enumerate()
        .map(|(i, k)| (k.keyword.as_str(), i + 1))
        .collect();
    let category_ids: HashMap<&str, usize> = dump
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.slug.as_str(), i + 1))
        .collect();
    let mut versions_of: HashMap<i64, Vec<&wharf_store::DumpVersion>> = HashMap::new();
    for version in &dump.versions {
        versions_of
            .entry(version.crate_id)
            .or_default()
            .push(version);
    }
    let mut tables = HashMap::new();
    tables.insert(
        "categories",
        dump.categories
            .iter()
            .map(|c| {
                let names = wharf_policy::categories::describe(&c.slug);
                vec![
                    text(category_ids[c.slug.as_str()]),
                    text(names.name),
                    text(&c.slug),
                    text(names.description),
                    text(c.crates_cnt),
                    timestamp(c.created_at),
                    text(category_path(&c.slug)),
                ]
            })
            .collect(),
    );
    tables.insert(
        "crate_downloads",
        dump.crates
            .iter()
            .map(|c| vec![text(c.id), text(c.downloads)])
            .collect(),
    );
    tables.insert(
        "crate_owners",
        dump.owners
            .iter()
            .map(|o| {
                vec![
                    text(o.crate_id),
                    text(o.owner_id),
                    timestamp(o.created_at),
                    o.created_by.map(|id| id.to_string()),
                    text(u8::from(o.team)),
                ]
            })
            .collect(),
    );
    tables.insert(
        "crates",
        dump.crates
            .iter()
            .map(|c| {
                vec![
                    text(c.id),
                    text(&c.name),
                    timestamp(c.updated_at),
                    timestamp(c.created_at),
                    text(c.description.as_deref().unwrap_or_default()),
                    c.homepage.clone(),
                    c.documentation.clone(),
                    None,
                    c.repository.clone(),
                    None,
                    None,
                ]
            })
            .collect(),
    );
    tables.insert(
        "crates_categories",
        dump.crate_categories
            .iter()
            .filter_map(|(crate_id, slug)| {
                Some(vec![text(crate_id), text(category_ids.get(slug.as_str())?)])
            })
            .collect(),
    );
    tables.insert(
        "crates_keywords",
        dump.crate_keywords
            .iter()
            .filter_map(|(crate_id, keyword)| {
                Some(vec![
                    text(crate_id),
                    text(keyword_ids.get(keyword.as_str())?),
                ])
            })
            .collect(),
    );
    tables.insert(
        "default_versions",
        dump.crates
            .iter()
            .filter_map(|c| {
                let versions = versions_of.get(&c.id)?;
                Some(vec![
                    text(c.id),
                    text(default_version(versions)?),
                    text(versions.len()),
                ])
            })
            .collect(),
    );
    tables.insert(
        "dependencies",
        dump.dependencies
            .iter()
            .map(|d| {
                vec![
                    text(d.id),
                    text(d.version_id),
                    text(d.crate_id),
                    text(&d.req),
                    boolean(d.optional),
                    boolean(d.default_features),
                    json_array(&d.features),
                    text(d.target.as_deref().unwrap_or_default()),
                    kind_number(&d.kind),
                    d.explicit_name.clone(),
                ]
            })
            .collect(),
    );
    tables.insert(
        "keywords",
        dump.keywords
            .iter()
            .map(|k| {
                vec![
                    text(keyword_ids[k.keyword.as_str()]),
                    text(&k.keyword),
                    text(k.crates_cnt),
                    timestamp(k.created_at),
                ]
            })
            .collect(),
    );
    let total: i64 = dump.crates.iter().map(|c| c.downloads).sum();
    tables.insert("metadata", vec![vec![text(total)]]);
    tables.insert(
        "reserved_crate_names",
        dump.reserved_names.iter().map(|n| vec![text(n)]).collect(),
    );
    tables.insert(
        "teams",
        dump.teams
            .iter()
            .map(|t| {
                vec![
                    text(t.id),
                    text(format!("{}{}", wharf_store::TEAM_PREFIX, t.name)),
                    // Wharf's teams are its own, not GitHub's.
                    text(0),
                    text(&t.name),
                    text(""),
                    None,
                ]
            })
            .collect(),
    );
    tables.insert(
        "users",
        dump.users
            .iter()
            .map(|u| {
                vec![
                    text(u.id),
                    u.name.clone(),
                    // Wharf's accounts are its own: there is no GitHub id.
                    text(-1),
                    text(&u.login),
                    timestamp(u.created_at),
                ]
            })
            .collect(),
    );
    tables.insert(
        "version_downloads",
        dump.downloads
            .iter()
            .map(|d| vec![text(d.version_id), text(d.downloads), text(&d.day)])
            .collect(),
    );
    tables.insert(
        "versions",
        dump.versions
            .iter()
            .map(|v| {
                vec![
                    text(v.id),
                    text(v.crate_id),
                    text(&v.num),
                    timestamp(v.updated_at),
                    timestamp(v.created_at),
                    text(v.downloads),
                    text(&v.features),
                    boolean(v.yanked),
                    text(v.license.as_deref().unwrap_or_default()),
                    text(v.crate_size),
                    v.published_by.map(|id| id.to_string()),
                    text(format!("\\x{}", v.cksum)),
                    v.links.clone(),
                    v.rust_version.clone(),
                    v.has_lib.map(|has| if has { "t" } else { "f" }.to_string()),
                    v.bin_names.as_deref().and_then(json_array),
                    v.edition.clone(),
                    v.description.clone(),
                    v.homepage.clone(),
                    v.documentation.clone(),
                    v.repository.clone(),
                ]
            })
            .collect(),
    );
    tables
}

fn csv_of(table: &Table, rows: &[Vec<Field>]) -> io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(table.columns.iter().map(|(name, _)| *name))?;
    for row in rows {
        debug_assert_eq!(row.len(), table.columns.len(), "{}", table.name);
        writer.write_record(row.iter().map(|f| f.as_deref().unwrap_or_default()))?;
    }
    writer.into_inner().map_err(|e| e.into_error())
}

/// `schema.sql`: the tables as SQL, for loading the CSV files into a database.
fn schema() -> String {
    let mut sql = String::from(
        "-- The tables of this dump. Load each with\n\
         -- \\copy TABLE FROM 'data/TABLE.csv' WITH CSV HEADER\n",
    );
    for table in TABLES {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|(name, kind)| format!("    {name} {kind}"))
            .collect();
        sql.push_str(&format!(
            "\nCREATE TABLE {} (\n{}\n);\n",
            table.name,
            columns.join(",\n")
        ));
    }
    sql
}

const README: &str = "\
This is a dump of a Wharf registry's public data, in the layout of crates.io's database dump:
one CSV file per table under data/, with a header line; schema.sql describes the tables.

It holds what the registry shows anyone: crates, versions, dependencies between its crates,
keywords, categories, owners, teams, downloads per version and day, reserved names, and the login,
display name and creation date of the accounts that own or published something. It holds no
e-mail addresses, tokens, sessions, passwords, reports, moderation records or audit log. Crates
and versions held for review are left out.

Values are written as PostgreSQL's COPY ... CSV writes them: booleans t/f, times in UTC, arrays
{a,b}, bytes \\x..., and an empty field for NULL. users.gh_id is -1 and teams.github_id 0: the
accounts and teams are the registry's own.
";

/// The archive's top directory: the moment of the dump, as crates.io names it.
pub fn directory_name(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d-%H%M%S").to_string()
}

/// Writes the dump of `dump`, taken at `at`, as a `.tar.gz` to `out`. `progress` is told each
/// table's name and row count once it is written.
pub fn write_dump(
    dump: &DumpSnapshot,
    at: DateTime<Utc>,
    out: impl Write,
    progress: &mut dyn FnMut(&str, usize),
) -> io::Result<()> {
    let top = directory_name(at);
    let mtime = u64::try_from(at.timestamp()).unwrap_or(0);
    let mut archive = tar::Builder::new(GzEncoder::new(out, Compression::default()));
    let mut add = |path: String, bytes: &[u8]| -> io::Result<()> {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        archive.append_data(&mut header, path, bytes)
    };
    let metadata = serde_json::json!({
        "timestamp": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "wharf_version": env!("CARGO_PKG_VERSION"),
    });
    add(
        format!("{top}/metadata.json"),
        serde_json::to_string_pretty(&metadata)
            .expect("JSON serialises")
            .as_bytes(),
    )?;
    add(format!("{top}/README.md"), README.as_bytes())?;
    add(format!("{top}/schema.sql"), schema().as_bytes())?;
    let mut rows = rows(dump);
    for table in TABLES {
        let table_rows = rows.remove(table.name).unwrap_or_default();
        add(
            format!("{top}/data/{}.csv", table.name),
            &csv_of(table, &table_rows)?,
        )?;
        progress(table.name, table_rows.len());
    }
    archive.into_inner()?.finish()?;
    Ok(())
}

/// How many tables [`write_dump`] writes (for a progress bar).
pub fn table_count() -> usize {
    TABLES.len()
}

#[cfg(test)]
mod tests;
