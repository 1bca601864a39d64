-- Crates their owners deleted. The name is blocked until `blocked_until`, then free to anyone; the
-- version numbers it had are never accepted again for that name; download counts are kept.
CREATE TABLE deleted_crates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    canonical_name TEXT NOT NULL,
    deleted_at BIGINT NOT NULL,
    deleted_by BIGINT REFERENCES users (id),
    message TEXT,
    blocked_until BIGINT NOT NULL,
    versions TEXT NOT NULL,
    downloads BIGINT NOT NULL
);
CREATE INDEX deleted_crates_canonical ON deleted_crates (canonical_name);
