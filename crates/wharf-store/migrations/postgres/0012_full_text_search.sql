-- Full-text search over a crate's name, description and keywords (`crates.search_text`), stemmed
-- ("formatting" finds "format") and indexed, so search stays fast when the registry is large.
--
-- English stemming without English stop words: a crate search for "the" or "a" should behave as
-- on SQLite (whose porter tokenizer has none) rather than match nothing.
CREATE TEXT SEARCH DICTIONARY wharf_stem (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION wharf_search (COPY = english);
ALTER TEXT SEARCH CONFIGURATION wharf_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH wharf_stem;

ALTER TABLE crates ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('wharf_search'::regconfig, search_text)) STORED;
CREATE INDEX crates_search_vector ON crates USING GIN (search_vector);
