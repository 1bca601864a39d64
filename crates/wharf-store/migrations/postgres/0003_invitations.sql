-- Ownership moves only by consent: adding an owner creates an invitation that the invitee accepts
-- or declines. One open invitation per crate and invitee; re-inviting replaces an expired one.
CREATE TABLE crate_owner_invitations (
    crate_id BIGINT NOT NULL REFERENCES crates (id),
    invitee_id BIGINT NOT NULL REFERENCES users (id),
    inviter_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (crate_id, invitee_id)
);
CREATE INDEX crate_owner_invitations_invitee ON crate_owner_invitations (invitee_id);
