-- Local teams: a named group of users that can own crates with publish and yank rights only.
-- Maintainers manage the members; a team can never change a crate's owners or delete it.
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_canonical TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE team_members (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    maintainer INTEGER NOT NULL DEFAULT 0,
    added_at BIGINT NOT NULL,
    added_by BIGINT REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE crate_team_owners (
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    team_id BIGINT NOT NULL REFERENCES teams (id),
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    PRIMARY KEY (crate_id, team_id)
);
CREATE INDEX crate_team_owners_team ON crate_team_owners (team_id);

-- Owners who were removed: a removal ends ownership but is kept on record.
CREATE TABLE former_crate_owners (
    id INTEGER PRIMARY KEY,
    crate_id BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    team_id BIGINT REFERENCES teams (id),
    added_at BIGINT NOT NULL,
    added_by BIGINT,
    removed_at BIGINT NOT NULL,
    removed_by BIGINT
);
CREATE INDEX former_crate_owners_crate ON former_crate_owners (crate_id);

-- Single versions their owners deleted: the number is never accepted again for that name.
CREATE TABLE deleted_versions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    canonical_name TEXT NOT NULL,
    num TEXT NOT NULL,
    deleted_at BIGINT NOT NULL,
    deleted_by BIGINT REFERENCES users (id),
    message TEXT,
    downloads BIGINT NOT NULL
);
CREATE INDEX deleted_versions_canonical ON deleted_versions (canonical_name);
