-- Local accounts on the web site: a password (an argon2 PHC string; NULL for accounts that only
-- use API tokens), the run of failed sign-ins that throttles guessing, sessions, and the one-time
-- links sent by e-mail to verify an address or reset a password.
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN failed_sign_ins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_failed_sign_in_at BIGINT;

-- Only a hash of the cookie's secret is kept, as for API tokens. `csrf_token` is not a credential
-- on its own: it proves a form came from a page this session was shown.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    secret_hash TEXT NOT NULL UNIQUE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- `purpose` is `verify_email` (for the address in `email`) or `reset_password`.
CREATE TABLE email_links (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_links_user ON email_links (user_id);

-- Which web session made a change, beside the token column for API changes.
ALTER TABLE audit_log ADD COLUMN session_id BIGINT;

-- Lists the operator maintains, seeded on first start like the reserved crate names.
CREATE TABLE reserved_logins (
    login TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);
CREATE TABLE blocked_email_domains (
    domain TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);
