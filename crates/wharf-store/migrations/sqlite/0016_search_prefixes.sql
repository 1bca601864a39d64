-- Prefix lists for every prefix length from 1 to 16 characters in SQLite's full-text index
-- (migration 0012 kept those of 2 and 3 only).
--
-- A search's last word matches as a prefix. Without a list of its own length, the database
-- merges the lists of every word the prefix starts each time it is asked, which made the broad
-- search that walks the most downloaded crates and looks each one up (`BroadPlan` in
-- src/crates.rs) cost a merge per crate: 50–250 ms for a common word at 200,000 crates, against
-- 0.3 ms with the lists. A list of length n only holds words at least n long, so the index grows
-- by about 2.5 times (26 to 69 MB there), the database by a third. The table is made again with
-- the option (FTS5 cannot change it in place) and filled from `crates`; the triggers of 0012
-- name it and keep it in step as before.
DROP TABLE crates_fts;

CREATE VIRTUAL TABLE crates_fts USING fts5(
    search_text,
    content = 'crates',
    content_rowid = 'id',
    tokenize = 'porter unicode61',
    prefix = '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16'
);

INSERT INTO crates_fts (crates_fts) VALUES ('rebuild');
