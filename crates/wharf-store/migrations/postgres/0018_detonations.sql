-- Versions waiting to have their build run in the sandbox (detonation), and what came of it.
--
-- A row is written in the transaction that stores the version, when detonation is on, so every
-- committed version is detonated once even if the instance that took it dies. Workers on any
-- instance claim a row by moving next_attempt_at (a lease), as with the outbox. outcome is the
-- verdict the sandbox's findings asked for, `not-run` when the package could not be built at all
-- (its dependencies could not be fetched), or `failed` when the sandbox itself failed every try.
CREATE TABLE detonations (
    id BIGSERIAL PRIMARY KEY,
    version_id BIGINT NOT NULL UNIQUE REFERENCES versions (id),
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    finished_at BIGINT,
    outcome TEXT,
    millis BIGINT,
    note TEXT,
    -- Detonated before publish: the version is stored held and released when nothing is found.
    gates_publish BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX detonations_due ON detonations (finished_at, next_attempt_at);
