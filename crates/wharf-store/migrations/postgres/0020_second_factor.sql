-- Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238).
--
-- totp_pending_secret holds the secret between showing the QR code and the first correct code;
-- totp_secret (base32) is set from it then, with totp_enabled_at. totp_last_step is the time step
-- of the last code accepted: a code is used once, and never one older than it. Failed codes are
-- counted like failed passwords, so codes cannot be guessed at speed.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at BIGINT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
ALTER TABLE users ADD COLUMN second_factor_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_second_factor_failure_at BIGINT;

-- Single-use recovery codes, stored as their SHA-256.
CREATE TABLE recovery_codes (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- A session made by a password alone for an account with a second factor waits for the code
-- (pending): it is no sign-in yet. second_factor_at is when a code was last given in it, which the
-- pages that change tokens, owners and crates ask to be recent.
ALTER TABLE sessions ADD COLUMN second_factor_pending BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sessions ADD COLUMN second_factor_at BIGINT;
