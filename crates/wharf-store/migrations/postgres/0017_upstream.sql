-- The upstream registry this one proxies (`upstream` in the configuration).
--
-- One row per upstream index file asked for, as last fetched: its body (NULL when the upstream
-- has no such crate), the upstream's entity tag for conditional requests, and the verdict on the
-- name, decided on the first fetch and kept (a name once served is not judged again).
CREATE TABLE upstream_index_files (
    canonical_name TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    body TEXT,
    etag TEXT,
    fetched_at BIGINT NOT NULL,
    name_verdict TEXT NOT NULL,
    name_findings TEXT NOT NULL
);

-- What each kept upstream index file depends on (any version, any kind, renamed or not), by
-- canonical name: a look-alike name some other kept crate depends on is being resolved as a
-- dependency, not asked for by a mistyped name.
CREATE TABLE upstream_dependencies (
    canonical_name TEXT NOT NULL,
    dependency TEXT NOT NULL,
    PRIMARY KEY (canonical_name, dependency)
);

CREATE INDEX upstream_dependencies_dependency ON upstream_dependencies (dependency);

-- One row per upstream version fetched, checked against the upstream's checksum and scanned
-- before its first download was served; its `.crate` is kept under `upstream/` in the blob store
-- when the verdict lets it be served.
CREATE TABLE upstream_versions (
    canonical_name TEXT NOT NULL,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    checksum TEXT NOT NULL,
    verdict TEXT NOT NULL,
    findings TEXT NOT NULL,
    crate_size BIGINT NOT NULL,
    scanned_at BIGINT NOT NULL,
    downloads BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (canonical_name, version)
);

CREATE INDEX upstream_versions_verdict ON upstream_versions (verdict, scanned_at);
CREATE INDEX upstream_versions_downloads ON upstream_versions (downloads);

-- Operators' decisions on upstream names: `block` keeps a name (version '' ) or one version out
-- of the served index and downloads whatever the scanner said; `allow` serves it whatever the
-- scanner said, and for a whole name also lets a local crate of that name be published.
CREATE TABLE upstream_rules (
    canonical_name TEXT NOT NULL,
    version TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (canonical_name, version)
);
