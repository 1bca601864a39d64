-- Single sign-on through an OpenID Connect provider.
--
-- An account is linked to the provider's subject (its stable id for the person), never to an
-- e-mail address, which a provider may let people change. A sign-in in progress is kept by its
-- state (hashed) with the nonce the ID token must carry and the PKCE verifier, for ten minutes,
-- and used once.
CREATE TABLE user_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE sso_flows (
    state_hash TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    verifier TEXT NOT NULL,
    next TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
