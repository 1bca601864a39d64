-- Notifications waiting to be sent by e-mail. A row is written in the same transaction as the change
-- it tells about, so a committed change always has its message and a rolled-back one never does.
-- Rows are kept after sending, as the record of what was sent.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    created_at BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    -- Written to the log because no SMTP server is configured; still unsent.
    logged_at BIGINT,
    sent_at BIGINT,
    failed_at BIGINT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
