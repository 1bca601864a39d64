//! Schema introspection: used for [`crate::Migrations::snapshot`] (schema
//! diffs in tests) and by the post-migration maintenance plans.

use rusqlite::Connection;

use crate::splitter::is_keyword;

/// A column as reported by `PRAGMA table_info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Declared type, upper-cased (may be empty).
    pub decl_type: String,
    /// `NOT NULL` constraint.
    pub not_null: bool,
    /// Position in the primary key (0 = not part of it).
    pub pk: i32,
}

/// Quotes an identifier when needed (keywords, non-identifier characters).
pub fn quote_ident(name: &str) -> String {
    let plain = !name.is_empty()
        && name.chars().next().map(|c| c.is_ascii_alphabetic() || c == '_').unwrap_or(false)
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_keyword(name);
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// User tables (no `sqlite_%` internals), sorted.
pub fn user_tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
    )?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// Explicit indexes (those with SQL; automatic PK/UNIQUE indexes excluded).
pub fn user_indexes(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// Columns of a table in declaration order.
pub fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<Column>> {
    let sql = format!("PRAGMA table_info({})", quote_ident(table));
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map([], |r| {
        Ok(Column {
            name: r.get(1)?,
            decl_type: r.get::<_, Option<String>>(2)?.unwrap_or_default().to_ascii_uppercase(),
            not_null: r.get::<_, i32>(3)? != 0,
            pk: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// The normalised `CREATE` statements of the whole schema, for diffs.
pub fn dump(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%' \
         ORDER BY type DESC, name",
    )?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    rows.map(|r| r.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}
