-- SQLite's half of this migration gives its full-text index a list for every prefix length.
-- PostgreSQL's GIN index over `search_vector` (migration 0012) already finds a prefix (`:*`) by
-- a range scan of its sorted words, so nothing changes here; the file keeps the two directories
-- numbered alike.
SELECT 1;
