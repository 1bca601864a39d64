-- The registry's core tables. Times are milliseconds since the Unix epoch (UTC) in both databases, so
-- that one set of queries serves SQLite and PostgreSQL alike.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    login_canonical TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    name TEXT,
    is_admin INTEGER NOT NULL DEFAULT 0,
    email_verified INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    endpoint_scopes TEXT,
    crate_scopes TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE crates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    canonical_name TEXT NOT NULL UNIQUE,
    description TEXT,
    homepage TEXT,
    documentation TEXT,
    repository TEXT,
    keywords TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]',
    search_text TEXT NOT NULL DEFAULT '',
    max_version TEXT,
    downloads BIGINT NOT NULL DEFAULT 0,
    -- Bumped by every change that alters the crate's index file; the file is current when
    -- index_written has caught up. A crash between the two is repaired at start.
    index_generation BIGINT NOT NULL DEFAULT 0,
    index_written BIGINT NOT NULL DEFAULT 0,
    max_stable_version TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    num TEXT NOT NULL,
    num_no_build TEXT NOT NULL,
    cksum TEXT NOT NULL,
    features TEXT NOT NULL,
    links TEXT,
    rust_version TEXT,
    edition TEXT,
    license TEXT,
    license_file TEXT,
    description TEXT,
    readme TEXT,
    crate_size BIGINT NOT NULL,
    yanked INTEGER NOT NULL DEFAULT 0,
    downloads BIGINT NOT NULL DEFAULT 0,
    published_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (crate_id, num_no_build)
);

CREATE TABLE dependencies (
    id INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES versions (id),
    name TEXT NOT NULL,
    package TEXT,
    crate_canonical TEXT NOT NULL,
    req TEXT NOT NULL,
    features TEXT NOT NULL,
    optional INTEGER NOT NULL,
    default_features INTEGER NOT NULL,
    target TEXT,
    kind TEXT NOT NULL,
    registry TEXT
);
CREATE INDEX dependencies_version ON dependencies (version_id);
CREATE INDEX dependencies_crate ON dependencies (crate_canonical);

CREATE TABLE crate_owners (
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    PRIMARY KEY (crate_id, user_id)
);
CREATE INDEX crate_owners_user ON crate_owners (user_id);

CREATE TABLE version_downloads (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    day TEXT NOT NULL,
    downloads BIGINT NOT NULL,
    PRIMARY KEY (version_id, day)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    token_id BIGINT,
    ip TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
