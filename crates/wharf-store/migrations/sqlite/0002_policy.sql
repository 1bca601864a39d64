-- The publish policy: verdicts and findings per version, the tables admins maintain (reserved names,
-- protected names, categories, internal prefixes), and per-user rate-limit buckets shared by every
-- instance.

ALTER TABLE versions ADD COLUMN verdict TEXT NOT NULL DEFAULT 'allow';
-- A held version is stored but neither indexed nor downloadable until a moderator releases it.
ALTER TABLE versions ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN released_at BIGINT;
ALTER TABLE versions ADD COLUMN released_by TEXT;

ALTER TABLE crates ADD COLUMN confusable_skeleton TEXT NOT NULL DEFAULT '';
CREATE INDEX crates_confusable_skeleton ON crates (confusable_skeleton);
CREATE INDEX crates_downloads ON crates (downloads);

CREATE TABLE version_findings (
    id INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES versions (id),
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    file TEXT,
    line BIGINT,
    evidence TEXT NOT NULL
);
CREATE INDEX version_findings_version ON version_findings (version_id);

-- Names nobody may publish, in canonical form; an entry ending in `*` is a prefix.
CREATE TABLE reserved_names (
    name TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- Names typosquats are checked against besides the most-downloaded crates.
CREATE TABLE protected_names (
    name TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

CREATE TABLE categories (
    slug TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- Name prefixes of a company's internal crates: a public crate under one is a dependency-confusion
-- signal.
CREATE TABLE internal_prefixes (
    prefix TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- Token buckets, one per user and action. `level` is in thousandths of a token.
CREATE TABLE rate_buckets (
    user_id BIGINT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    level BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, action)
);

CREATE TABLE rate_overrides (
    user_id BIGINT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    burst BIGINT NOT NULL,
    period_ms BIGINT NOT NULL,
    PRIMARY KEY (user_id, action)
);

-- Seed lists are written once, the first time the registry starts; admins change them afterwards.
CREATE TABLE seeded_lists (
    name TEXT PRIMARY KEY
);
