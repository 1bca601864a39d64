-- Moderation: roles, trusted reporters, suspensions and terminations of accounts; reports; crates
-- held as a whole pending review; which flagged versions a moderator has looked at.
ALTER TABLE users ADD COLUMN is_moderator BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN trusted_reporter BOOLEAN NOT NULL DEFAULT FALSE;
-- Suspended when suspended_at is set: until suspended_until, or indefinitely when that is NULL.
ALTER TABLE users ADD COLUMN suspended_at BIGINT;
ALTER TABLE users ADD COLUMN suspended_until BIGINT;
ALTER TABLE users ADD COLUMN suspension_reason TEXT;
ALTER TABLE users ADD COLUMN terminated_at BIGINT;

-- A crate held as a whole: out of the index and downloads, and closed to publishing.
ALTER TABLE crates ADD COLUMN held_at BIGINT;
ALTER TABLE crates ADD COLUMN held_reason TEXT;

ALTER TABLE versions ADD COLUMN reviewed_at BIGINT;

CREATE TABLE reports (
    id BIGSERIAL PRIMARY KEY,
    reporter_id BIGINT NOT NULL REFERENCES users (id),
    -- `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`: the queue groups reports by it.
    target TEXT NOT NULL,
    crate_id BIGINT,
    user_id BIGINT,
    category TEXT NOT NULL,
    details TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by BIGINT,
    resolution TEXT
);
CREATE INDEX reports_target ON reports (target, status);
CREATE INDEX reports_reporter ON reports (reporter_id);
