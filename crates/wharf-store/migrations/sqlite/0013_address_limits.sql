-- Token buckets per client address and scope (API requests, sign-ups, sign-ins), shared by every
-- instance on the database. `level` is in thousandths of a token, as in rate_buckets; rows of
-- addresses not seen for a day are swept.
CREATE TABLE address_buckets (
    scope TEXT NOT NULL,
    address TEXT NOT NULL,
    level BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (scope, address)
);

CREATE INDEX address_buckets_updated_at ON address_buckets (updated_at);
