/**
 * The PostgreSQL schema of the store (version 1): the SQLite tables (schema.ts, docs/store.md) with
 * PostgreSQL types, a tsvector column with a GIN index for full-text search, unique keys that back up
 * the write lock, and `ord`/`seq`, the order in which articles count as "first" for near-duplicates
 * (see postgres.ts). Created idempotently by the first store that opens the schema.
 *
 * Text columns that are compared or sorted use the "C" collation, so that dates, codes and ids order
 * byte-wise as in SQLite whatever the database's locale.
 */
export const PG_SCHEMA_VERSION = '1';

const C = 'text COLLATE "C"';

/** Characters of title and text that go into the tsvector (a tsvector holds at most 1 MB). */
export const FTS_CHARS = 400_000;

export const PG_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key ${C} PRIMARY KEY, value text);

CREATE TABLE IF NOT EXISTS articles (
  art bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id ${C} NOT NULL UNIQUE,
  url ${C},
  text_hash ${C} NOT NULL,
  date ${C}, title text, dateline text, lang ${C},
  source ${C},
  text text NOT NULL,
  result bytea NOT NULL,            -- the parley.article/1 result without article.text, JSON, deflated (codec.ts)
  tone double precision,
  dup_of ${C},                      -- near-duplicate of this (canonical) article id, or null
  similarity double precision,
  minhash bytea NOT NULL,
  engine ${C},
  ingested_at timestamptz NOT NULL DEFAULT now(),
  ord bigint NOT NULL,              -- microseconds: when the article was published to the queue, or put
  seq bigint NOT NULL DEFAULT 0,    -- the queue's stream sequence (ties of ord)
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', left(coalesce(title, '') || ' ' || text, ${FTS_CHARS}))) STORED
);
CREATE UNIQUE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS articles_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(dup_of) WHERE dup_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING gin (tsv);

CREATE TABLE IF NOT EXISTS lsh (band smallint NOT NULL, key integer NOT NULL, art bigint NOT NULL, PRIMARY KEY (band, key, art));

CREATE TABLE IF NOT EXISTS mentions (
  art bigint NOT NULL, eid ${C} NOT NULL,
  event ${C},
  type ${C} NOT NULL, mode ${C}, cameo ${C}, goldstein double precision, quad integer, modality ${C} NOT NULL,
  actors text NOT NULL, recipients text NOT NULL, names text NOT NULL,
  date ${C}, date_text text,
  loc_name text, loc_code ${C}, lat double precision, lon double precision, geoname_id integer,
  trigger_start integer NOT NULL, trigger_end integer NOT NULL, trigger_text text NOT NULL,
  sent_start integer NOT NULL, sent_end integer NOT NULL, sentence text NOT NULL,
  in_lead boolean NOT NULL, confidence double precision,
  PRIMARY KEY (art, eid)
);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event);

CREATE TABLE IF NOT EXISTS quotes (
  art bigint NOT NULL, qid ${C} NOT NULL, kind ${C} NOT NULL, text text NOT NULL,
  speaker ${C}, speaker_name text, speaker_code ${C}, start integer, "end" integer,
  PRIMARY KEY (art, qid)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_code);

CREATE TABLE IF NOT EXISTS commitments (
  art bigint NOT NULL, cid ${C} NOT NULL,
  parties text NOT NULL, action text NOT NULL, due ${C}, due_text text,
  eid ${C}, start integer, "end" integer,
  status ${C} NOT NULL DEFAULT 'open', late boolean NOT NULL DEFAULT false, looks_for text,
  kept_event ${C}, kept_art ${C}, kept_eid ${C}, kept_date ${C},
  PRIMARY KEY (art, cid)
);

CREATE TABLE IF NOT EXISTS events (
  id ${C} PRIMARY KEY,
  date ${C}, type ${C} NOT NULL, mode ${C}, modality ${C} NOT NULL,
  cameo ${C}, goldstein double precision, quad integer,
  actors text NOT NULL, recipients text NOT NULL, names text NOT NULL,
  loc_name text, loc_code ${C}, lat double precision, lon double precision, geoname_id integer,
  num_mentions integer NOT NULL, num_articles integer NOT NULL, num_sources integer NOT NULL,
  tone double precision, is_root boolean NOT NULL,
  first_art ${C} NOT NULL, url text, evidence text NOT NULL,
  name_words text[],                -- the folded words of the participants' names and of the place's
  place_words text[]                -- name (rows.ts eventWords): the name and place filters
);
-- stores made before the name and place words: init() fills them for the events already linked
ALTER TABLE events ADD COLUMN IF NOT EXISTS name_words text[];
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_words text[];
CREATE INDEX IF NOT EXISTS events_name_words ON events USING gin (name_words);
CREATE INDEX IF NOT EXISTS events_place_words ON events USING gin (place_words);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_type ON events(type, date);
CREATE INDEX IF NOT EXISTS events_loc ON events(loc_code);

CREATE TABLE IF NOT EXISTS event_parts (code ${C} NOT NULL, event ${C} NOT NULL, role ${C} NOT NULL, PRIMARY KEY (code, event, role));
CREATE INDEX IF NOT EXISTS event_parts_event ON event_parts(event);
`;
