-- Trusted publishing: CI jobs exchange their OpenID token for a short-lived publish token.
--
-- A configuration names the repository (GitHub: owner/name, GitLab: namespace/project), the
-- workflow file and optionally the environment a job must run from to publish the crate.
-- owner_id is the repository owner's (or namespace's) numeric id, pinned by the first exchange,
-- so a re-registered account of the same name does not inherit the configuration. created_by is
-- the owner in whose name the job publishes.
CREATE TABLE trusted_publishing_configs (
    id INTEGER PRIMARY KEY,
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    provider TEXT NOT NULL,
    owner TEXT NOT NULL,
    project TEXT NOT NULL,
    workflow TEXT NOT NULL,
    -- `owner/project` in lower case: how a job's repository is looked up.
    repository TEXT NOT NULL,
    environment TEXT,
    owner_id TEXT,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX trusted_publishing_configs_crate ON trusted_publishing_configs (crate_id);
CREATE INDEX trusted_publishing_configs_repository
    ON trusted_publishing_configs (provider, repository);

-- The tokens exchanges handed out: only their SHA-256 is kept. claims is the JSON of the job's
-- facts that matched, shown in the audit log and kept with every version the token publishes.
CREATE TABLE trusted_publishing_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    claims TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);

-- Which crates a token may publish, through which configuration, in whose name.
CREATE TABLE trusted_publishing_grants (
    token_id BIGINT NOT NULL REFERENCES trusted_publishing_tokens (id),
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    config_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (token_id, crate_id)
);

-- Every JWT id ever exchanged, until well after the JWT expired: a JWT is exchanged once.
CREATE TABLE trusted_publishing_used_jtis (
    jti TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

ALTER TABLE crates ADD COLUMN trusted_publishing_only INTEGER NOT NULL DEFAULT 0;
-- The trusted-publishing token a version was published with, if any.
ALTER TABLE versions ADD COLUMN trusted_publishing_token_id BIGINT;
