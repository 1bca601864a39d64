-- Notice before removal: the owners are told why their crate may be removed and have until the
-- deadline to answer; the queue item waits until then, or until they reply.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    reason TEXT NOT NULL,
    deadline BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    replied_at BIGINT,
    reply TEXT,
    closed_at BIGINT
);
CREATE INDEX notices_crate ON notices (crate_id);

-- A moderator's reassignment of a squatted name: accepting it replaces the current owners.
ALTER TABLE crate_owner_invitations ADD COLUMN replaces_owners INTEGER NOT NULL DEFAULT 0;

-- When the owner was told that the token is about to expire.
ALTER TABLE api_tokens ADD COLUMN expiry_notified_at BIGINT;
