-- Webhooks: URLs told of what happens to one crate (crate_name, canonical) or to every crate
-- (crate_name NULL). The secret signs each delivery (HMAC-SHA256); the receiver holds it too, so
-- it is kept as it is, unlike tokens.
CREATE TABLE webhooks (
    id BIGSERIAL PRIMARY KEY,
    crate_name TEXT,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX webhooks_crate_name ON webhooks (crate_name);

-- One row per event and webhook, written in the transaction of the change (beside its audit row),
-- so a committed change always has its deliveries and a rolled-back one never does. Workers claim
-- a row by moving next_attempt_at (a lease), as with the outbox.
CREATE TABLE webhook_deliveries (
    id BIGSERIAL PRIMARY KEY,
    webhook_id BIGINT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_status BIGINT,
    last_error TEXT,
    delivered_at BIGINT,
    failed_at BIGINT
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered_at, failed_at, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
