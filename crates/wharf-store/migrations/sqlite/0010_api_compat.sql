-- What crates.io's web API reports that Wharf did not keep: each version's own links and its
-- targets (NULL for versions published before this migration: unknown, as on crates.io), and
-- keywords and categories as rows, so they can be listed and counted. The rows of crates published
-- before this migration are written by `Db::migrate` (the two databases read JSON differently).
ALTER TABLE versions ADD COLUMN homepage TEXT;
ALTER TABLE versions ADD COLUMN documentation TEXT;
ALTER TABLE versions ADD COLUMN repository TEXT;
ALTER TABLE versions ADD COLUMN has_lib INTEGER;
-- A JSON array of the names of the version's programs.
ALTER TABLE versions ADD COLUMN bin_names TEXT;

-- A keyword exists from the first time a crate used it.
CREATE TABLE keywords (
    keyword TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- The keywords and categories of each crate's newest version (the ones `crates.keywords` and
-- `crates.categories` hold), lower-cased; categories only those the registry knows.
CREATE TABLE crate_keywords (
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    keyword TEXT NOT NULL REFERENCES keywords (keyword),
    PRIMARY KEY (crate_id, keyword)
);
CREATE INDEX crate_keywords_keyword ON crate_keywords (keyword);

CREATE TABLE crate_categories (
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    slug TEXT NOT NULL,
    PRIMARY KEY (crate_id, slug)
);
CREATE INDEX crate_categories_slug ON crate_categories (slug);
