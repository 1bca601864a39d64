//! Keywords and categories as rows: written when a crate's newest version sets them, read with the
//! number of listed crates that carry each, for crates.io's keyword and category endpoints.
//!
//! `crates.keywords` and `crates.categories` keep the manifest's lists as published (what the
//! crate page shows); the rows here are the same lists lower-cased, with categories the registry
//! does not know left out, as the publish warning tells the publisher.

use crate::{Db, StoreError};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A keyword and the number of listed crates that use it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeywordRecord {
    pub keyword: String,
    /// When a crate first used it.
    pub created_at: i64,
    pub crates_cnt: i64,
}

/// A category the registry knows and the number of listed crates in it or its subcategories.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CategoryRecord {
    /// The slug, subcategories written `parent::child` as in manifests.
    pub slug: String,
    pub created_at: i64,
    pub crates_cnt: i64,
}

/// The order of a keyword or category list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagOrder {
    Alphabetical,
    /// Most crates first, then by name.
    Crates,
}

impl TagOrder {
    fn sql(self, column: &str) -> String {
        match self {
            TagOrder::Alphabetical => column.to_string(),
            TagOrder::Crates => format!("crates_cnt DESC, {column}"),
        }
    }
}

/// Crates that count: those that show on listings.
const LISTED: &str = "crates.max_version IS NOT NULL AND crates.held_at IS NULL";

fn keyword_select() -> String {
    format!(
        "SELECT keywords.keyword, keywords.created_at, \
         (SELECT COUNT(*) FROM crate_keywords JOIN crates ON crates.id = crate_keywords.crate_id \
          WHERE crate_keywords.keyword = keywords.keyword AND {LISTED}) AS crates_cnt \
         FROM keywords"
    )
}

fn category_select() -> String {
    format!(
        "SELECT categories.slug, categories.created_at, \
         (SELECT COUNT(DISTINCT crate_categories.crate_id) FROM crate_categories \
          JOIN crates ON crates.id = crate_categories.crate_id \
          WHERE (crate_categories.slug = categories.slug \
                 OR crate_categories.slug LIKE categories.slug || '::%') AND {LISTED}) AS crates_cnt \
         FROM categories"
    )
}

/// What differs between the keyword and the category lists: the select with the counts, the
/// column the list is ordered and looked up by, the table, and the row's reading.
struct TagTable<T> {
    select: fn() -> String,
    key: &'static str,
    table: &'static str,
    from_row: fn(&AnyRow) -> Result<T, sqlx::Error>,
}

const KEYWORDS: TagTable<KeywordRecord> = TagTable {
    select: keyword_select,
    key: "keyword",
    table: "keywords",
    from_row: keyword_from_row,
};

const CATEGORIES: TagTable<CategoryRecord> = TagTable {
    select: category_select,
    key: "slug",
    table: "categories",
    from_row: category_from_row,
};

impl<T> TagTable<T> {
    /// Every row, by key, read on `conn` (inside the dump's transaction).
    async fn all_on(&self, conn: &mut sqlx::AnyConnection) -> Result<Vec<T>, StoreError> {
        let rows = sqlx::query(&format!("{} ORDER BY {}", (self.select)(), self.key))
            .fetch_all(conn)
            .await?;
        Ok(rows.iter().map(self.from_row).collect::<Result<_, _>>()?)
    }

    /// One page in `order`, and how many rows there are in all.
    async fn page(
        &self,
        db: &Db,
        order: TagOrder,
        page: i64,
        per_page: i64,
    ) -> Result<(Vec<T>, i64), StoreError> {
        let (limit, offset) = crate::paging(page, per_page);
        let rows = sqlx::query(&format!(
            "{} ORDER BY {} LIMIT $1 OFFSET $2",
            (self.select)(),
            order.sql(self.key)
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await?;
        let total: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {}", self.table))
            .fetch_one(db.pool())
            .await?
            .try_get("n")?;
        let found = rows.iter().map(self.from_row).collect::<Result<_, _>>()?;
        Ok((found, total))
    }

    /// The row with this key (any case).
    async fn one(&self, db: &Db, key: &str) -> Result<Option<T>, StoreError> {
        let row = sqlx::query(&format!("{} WHERE {} = $1", (self.select)(), self.key))
            .bind(key.to_lowercase())
            .fetch_optional(db.pool())
            .await?;
        Ok(row.as_ref().map(self.from_row).transpose()?)
    }

    /// The rows of one crate, by key; `join` is the crate's table of them.
    async fn of_crate(&self, db: &Db, join: &str, crate_id: i64) -> Result<Vec<T>, StoreError> {
        let key = self.key;
        let rows = sqlx::query(&format!(
            "{} WHERE {key} IN (SELECT {key} FROM {join} WHERE crate_id = $1) ORDER BY {key}",
            (self.select)()
        ))
        .bind(crate_id)
        .fetch_all(db.pool())
        .await?;
        Ok(rows.iter().map(self.from_row).collect::<Result<_, _>>()?)
    }
}

fn keyword_from_row(row: &AnyRow) -> Result<KeywordRecord, sqlx::Error> {
    Ok(KeywordRecord {
        keyword: row.try_get("keyword")?,
        created_at: row.try_get("created_at")?,
        crates_cnt: row.try_get("crates_cnt")?,
    })
}

fn category_from_row(row: &AnyRow) -> Result<CategoryRecord, sqlx::Error> {
    Ok(CategoryRecord {
        slug: row.try_get("slug")?,
        created_at: row.try_get("created_at")?,
        crates_cnt: row.try_get("crates_cnt")?,
    })
}

/// Every keyword, alphabetically, read on `conn` (inside the dump's transaction).
pub(crate) async fn all_keywords(
    conn: &mut sqlx::AnyConnection,
) -> Result<Vec<KeywordRecord>, StoreError> {
    KEYWORDS.all_on(conn).await
}

/// Every category, by slug, read on `conn`.
pub(crate) async fn all_categories(
    conn: &mut sqlx::AnyConnection,
) -> Result<Vec<CategoryRecord>, StoreError> {
    CATEGORIES.all_on(conn).await
}

/// Replaces the crate's keyword and category rows with these lists (inside the publish's
/// transaction).
pub(crate) async fn set_crate_tags(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
    keywords: &[String],
    categories: &[String],
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM crate_keywords WHERE crate_id = $1")
        .bind(crate_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM crate_categories WHERE crate_id = $1")
        .bind(crate_id)
        .execute(&mut *conn)
        .await?;
    add_crate_tags(conn, crate_id, keywords, categories, now).await
}

/// Writes the crate's keyword and category rows, which it has none of yet.
async fn add_crate_tags(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
    keywords: &[String],
    categories: &[String],
    now: i64,
) -> Result<(), StoreError> {
    let mut keywords: Vec<String> = keywords.iter().map(|k| k.to_lowercase()).collect();
    keywords.sort();
    keywords.dedup();
    for keyword in &keywords {
        sqlx::query(
            "INSERT INTO keywords (keyword, created_at) VALUES ($1, $2) ON CONFLICT (keyword) DO NOTHING",
        )
        .bind(keyword)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query("INSERT INTO crate_keywords (crate_id, keyword) VALUES ($1, $2)")
            .bind(crate_id)
            .bind(keyword)
            .execute(&mut *conn)
            .await?;
    }
    let mut categories: Vec<String> = categories.iter().map(|c| c.to_lowercase()).collect();
    categories.sort();
    categories.dedup();
    for slug in &categories {
        sqlx::query(
            "INSERT INTO crate_categories (crate_id, slug) SELECT $1, slug FROM categories WHERE slug = $2",
        )
        .bind(crate_id)
        .bind(slug)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Writes the keyword and category rows of crates published before they were kept (migration
/// 0010), once: when there are none yet. Run after the migrations.
pub(crate) async fn backfill(db: &Db) -> Result<(), StoreError> {
    let has_rows = |table: &'static str| async move {
        let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(db.pool())
            .await?;
        Ok::<bool, StoreError>(row.try_get::<i64, _>("n")? > 0)
    };
    if has_rows("crate_keywords").await? || has_rows("crate_categories").await? {
        return Ok(());
    }
    // Oldest first, so a keyword's date is that of the first crate that used it.
    let rows = sqlx::query(
        "SELECT id, keywords, categories, created_at FROM crates \
         WHERE keywords <> '[]' OR categories <> '[]' ORDER BY created_at, id",
    )
    .fetch_all(db.pool())
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut tagged = Vec::with_capacity(rows.len());
    for row in &rows {
        let keywords: String = row.try_get("keywords")?;
        let categories: String = row.try_get("categories")?;
        tagged.push((
            row.try_get::<i64, _>("id")?,
            serde_json::from_str::<Vec<String>>(&keywords).unwrap_or_default(),
            serde_json::from_str::<Vec<String>>(&categories).unwrap_or_default(),
            row.try_get::<i64, _>("created_at")?,
        ));
    }
    db.retrying("writing the crates' keywords and categories", || async {
        let mut wtx = db.begin_write().await?;
        // The tables were empty: nothing to replace. (Deleting each crate's rows first made this
        // quadratic on PostgreSQL, whose plan, made for empty tables, scanned them every time.)
        for (crate_id, keywords, categories, created_at) in &tagged {
            add_crate_tags(&mut wtx.tx, *crate_id, keywords, categories, *created_at).await?;
        }
        wtx.commit().await
    })
    .await?;
    tracing::info!(
        crates = tagged.len(),
        "wrote the keywords and categories of existing crates"
    );
    Ok(())
}

impl Db {
    /// One page of keywords, and how many there are in all.
    pub async fn keywords_page(
        &self,
        order: TagOrder,
        page: i64,
        per_page: i64,
    ) -> Result<(Vec<KeywordRecord>, i64), StoreError> {
        KEYWORDS.page(self, order, page, per_page).await
    }

    /// One keyword (any case).
    pub async fn keyword(&self, keyword: &str) -> Result<Option<KeywordRecord>, StoreError> {
        KEYWORDS.one(self, keyword).await
    }

    /// The keywords of a crate, by name.
    pub async fn keywords_of(&self, crate_id: i64) -> Result<Vec<KeywordRecord>, StoreError> {
        KEYWORDS.of_crate(self, "crate_keywords", crate_id).await
    }

    /// One page of the registry's categories, and how many there are in all.
    pub async fn categories_page(
        &self,
        order: TagOrder,
        page: i64,
        per_page: i64,
    ) -> Result<(Vec<CategoryRecord>, i64), StoreError> {
        CATEGORIES.page(self, order, page, per_page).await
    }

    /// One category, if the registry knows it.
    pub async fn category(&self, slug: &str) -> Result<Option<CategoryRecord>, StoreError> {
        CATEGORIES.one(self, slug).await
    }

    /// Categories whose slug starts with `prefix` (for a category's subcategories: `slug::`).
    pub async fn categories_under(&self, prefix: &str) -> Result<Vec<CategoryRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "{} WHERE slug LIKE $1 ESCAPE '\\' ORDER BY slug",
            category_select()
        ))
        .bind(format!("{}%", crate::browse::like_literal(prefix)))
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(category_from_row)
            .collect::<Result<_, _>>()?)
    }

    /// The registry's categories a crate is in, by slug.
    pub async fn categories_of(&self, crate_id: i64) -> Result<Vec<CategoryRecord>, StoreError> {
        CATEGORIES
            .of_crate(self, "crate_categories", crate_id)
            .await
    }
}
