//! Benchmark: server time to render the page of a crate with 1000 versions (issue #7 asks for
//! under 50 ms). Builds a SQLite registry in a temporary directory, then renders the page through
//! the router, without a network in between, and prints the median and slowest times.
//!
//! `cargo run --release -p wharf-web --example crate_page`

use axum::body::Body;
use axum::http::Request;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const VERSIONS: i64 = 1000;
const RUNS: usize = 50;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let db = wharf_store::Db::connect(&url).await?;
    db.migrate().await?;
    fill(&db).await?;
    let state_db = db.clone();
    let state = wharf_registry::Registry::new(
        wharf_registry::Config::default(),
        db,
        wharf_store::BlobStore::local(&dir.path().join("crates"))?,
        wharf_store::IndexFiles::new(&dir.path().join("index"))?,
    );
    let app = wharf_web::router(state, wharf_web::WebConfig::for_registry(false));

    // Anonymous visitors, then the owner, whose page also lists the policy's findings of every
    // version (the heavier page).
    let (_, secret) = state_db
        .start_session(1, Some("bench"), false, &wharf_store::Actor::default())
        .await?;
    for (who, cookie) in [
        ("an anonymous visitor", None),
        ("the owner", Some(format!("wharf_session={secret}"))),
    ] {
        let mut times = Vec::with_capacity(RUNS);
        let mut size = 0;
        for run in 0..=RUNS {
            let mut request = Request::get("/crates/big-crate");
            if let Some(cookie) = &cookie {
                request = request.header("cookie", cookie);
            }
            let request = request.body(Body::empty())?;
            let started = Instant::now();
            let response = app.clone().oneshot(request).await?;
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
            let elapsed = started.elapsed();
            assert!(
                body.windows(9).any(|w| w == b"big-crate"),
                "the page rendered"
            );
            if cookie.is_some() {
                assert!(
                    body.windows(15).any(|w| w == b"Policy findings"),
                    "the owner sees the findings"
                );
            }
            size = body.len();
            // The first run warms the connection pool and the caches; it is not counted.
            if run > 0 {
                times.push(elapsed);
            }
        }
        times.sort();
        let median = times[times.len() / 2];
        let slowest = times[times.len() - 1];
        println!(
            "crate page with {VERSIONS} versions for {who}, {RUNS} runs: median {:.1} ms, slowest {:.1} ms, {} KiB",
            ms(median),
            ms(slowest),
            size / 1024
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One user, one crate with 1000 versions (each with a README and 90 days of downloads on the
/// newest ten), and a dependency between versions' crates.
async fn fill(db: &wharf_store::Db) -> Result<(), Box<dyn std::error::Error>> {
    let pool = db.pool();
    let now = wharf_store::now_millis();
    sqlx::query(
        "INSERT INTO users (id, login, login_canonical, email, created_at) \
         VALUES (1, 'bench', 'bench', 'bench@example.org', $1)",
    )
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query(
        "INSERT INTO crates (id, name, canonical_name, description, repository, keywords, \
         max_version, max_stable_version, downloads, created_at, updated_at) \
         VALUES (1, 'big-crate', 'big_crate', 'A crate with many versions', \
         'https://github.com/example/big-crate', '[\"bench\"]', $1, $1, 123456, $2, $2)",
    )
    .bind(format!("1.{}.0", VERSIONS - 1))
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query("INSERT INTO crate_owners (crate_id, user_id, created_at) VALUES (1, 1, $1)")
        .bind(now)
        .execute(pool)
        .await?;
    let readme = "# Big crate\n\nA README with a [link](docs/a.md), a table and code.\n\n\
                  | a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n"
        .repeat(20);
    let mut tx = pool.begin().await?;
    for i in 0..VERSIONS {
        let num = format!("1.{i}.0");
        sqlx::query(
            "INSERT INTO versions (id, crate_id, num, num_no_build, cksum, features, license, \
             readme, crate_size, yanked, downloads, published_by, created_at, updated_at) \
             VALUES ($1, 1, $2, $2, '00', '{}', 'MIT', $3, 4096, $4, 100, 1, $5, $5)",
        )
        .bind(i + 1)
        .bind(&num)
        .bind(&readme)
        .bind(i64::from(i % 10 == 0))
        .bind(now - (VERSIONS - i) * 3_600_000)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO dependencies (version_id, name, crate_canonical, req, features, optional, \
             default_features, kind) VALUES ($1, 'serde', 'serde', '^1', '[]', 0, 1, 'normal')",
        )
        .bind(i + 1)
        .execute(&mut *tx)
        .await?;
        if i >= VERSIONS - 10 {
            for day in 0..90 {
                sqlx::query(
                    "INSERT INTO version_downloads (version_id, day, downloads) VALUES ($1, $2, $3)",
                )
                .bind(i + 1)
                .bind(wharf_store::day_string(now - day * 86_400_000))
                .bind(day * 3 + i % 7)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
