-- The crates whose index file is behind the database (a write that failed after its commit, or
-- a writer that died in between). Every instance looks for them every few seconds; the partial
-- index keeps that a look-up of the few, not a scan of every crate.
CREATE INDEX crates_index_behind ON crates (id) WHERE index_written < index_generation;
