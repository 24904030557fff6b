/** The SQLite schema of the store (version 2). Column meanings are documented in docs/store.md. */
export const SCHEMA_VERSION = '2';

/**
 * What upgrades a store of an older schema version to this one, before SCHEMA runs. Each changes only
 * tables that link() derives from the articles, so the store links again after it.
 */
export const MIGRATIONS: Record<string, string> = {
  // 1 → 2: events in listing order, with posting lists (event_parts, event_pairs, event_words)
  '1': 'DROP TABLE IF EXISTS events; DROP TABLE IF EXISTS event_parts; ALTER TABLE mentions ADD COLUMN ev INTEGER;',
};

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS articles (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT,
  text_hash TEXT NOT NULL,
  date TEXT, title TEXT, dateline TEXT, lang TEXT,
  source TEXT,
  text TEXT NOT NULL,
  result BLOB NOT NULL,          -- the parley.article/1 result without article.text, JSON, deflated
  tone REAL,
  dup_of TEXT,                   -- near-duplicate of this (canonical) article id, or null
  similarity REAL,
  minhash BLOB NOT NULL,
  engine TEXT,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);

CREATE TABLE IF NOT EXISTS lsh (band INTEGER NOT NULL, key INTEGER NOT NULL, art INTEGER NOT NULL, PRIMARY KEY (band, key, art)) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61');

CREATE TABLE IF NOT EXISTS mentions (
  art INTEGER NOT NULL, eid TEXT NOT NULL,
  event TEXT,                    -- the linked event, set by link()
  ev INTEGER,                    -- and its rank (events.rowid)
  type TEXT NOT NULL, mode TEXT, cameo TEXT, goldstein REAL, quad INTEGER, modality TEXT NOT NULL,
  actors TEXT NOT NULL, recipients TEXT NOT NULL, names TEXT NOT NULL,   -- JSON
  date TEXT, date_text TEXT,
  loc_name TEXT, loc_code TEXT, lat REAL, lon REAL, geoname_id INTEGER,
  trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, sentence TEXT NOT NULL,
  in_lead INTEGER NOT NULL, confidence REAL,
  PRIMARY KEY (art, eid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event);
CREATE INDEX IF NOT EXISTS mentions_art_ev ON mentions(art, ev);

CREATE TABLE IF NOT EXISTS quotes (
  art INTEGER NOT NULL, qid TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
  speaker TEXT, speaker_name TEXT, speaker_code TEXT, start INTEGER, "end" INTEGER,
  PRIMARY KEY (art, qid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_code);

CREATE TABLE IF NOT EXISTS commitments (
  art INTEGER NOT NULL, cid TEXT NOT NULL,
  parties TEXT NOT NULL, action TEXT NOT NULL, due TEXT, due_text TEXT,
  eid TEXT, start INTEGER, "end" INTEGER,
  status TEXT NOT NULL DEFAULT 'open', late INTEGER NOT NULL DEFAULT 0, looks_for TEXT,
  kept_event TEXT, kept_art TEXT, kept_eid TEXT, kept_date TEXT,
  PRIMARY KEY (art, cid)
) WITHOUT ROWID;

-- Linked events, rebuilt by link() in listing order (date, undated last, then type and id): rowid is
-- an event's rank in every listing, so a filtered page walks an index in rowid order and stops after
-- one page of rows instead of sorting every match.
CREATE TABLE IF NOT EXISTS events (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  date TEXT,
  sdate TEXT NOT NULL,           -- the sort key: date, or '~' (after every date) when it has none
  type TEXT NOT NULL, mode TEXT, modality TEXT NOT NULL,
  cameo TEXT, goldstein REAL, quad INTEGER,
  actors TEXT NOT NULL, recipients TEXT NOT NULL, names TEXT NOT NULL,
  loc_name TEXT, loc_code TEXT, lat REAL, lon REAL, geoname_id INTEGER,
  num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL,
  tone REAL, is_root INTEGER NOT NULL,
  first_art TEXT NOT NULL, url TEXT, evidence TEXT NOT NULL,
  json TEXT NOT NULL             -- the event as query() and the API return it (an EventRow), serialised
);
CREATE INDEX IF NOT EXISTS events_sdate ON events(sdate);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE INDEX IF NOT EXISTS events_loc ON events(loc_code);
CREATE INDEX IF NOT EXISTS events_sources ON events(num_sources);

-- posting lists in listing order (ev = events.rowid): each participant's events, each pair's events
-- (either way round, directed = 0; and actor → recipient, directed = 1)
CREATE TABLE IF NOT EXISTS event_parts (code TEXT NOT NULL, ev INTEGER NOT NULL, PRIMARY KEY (code, ev)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_pairs (a TEXT NOT NULL, b TEXT NOT NULL, directed INTEGER NOT NULL, ev INTEGER NOT NULL, PRIMARY KEY (a, b, directed, ev)) WITHOUT ROWID;

-- the words of participants' names (field 'name') and of the place's name ('place'), folded (lower
-- case, no accents): the name and place filters
CREATE TABLE IF NOT EXISTS event_words (field TEXT NOT NULL, word TEXT NOT NULL, ev INTEGER NOT NULL, PRIMARY KEY (field, word, ev)) WITHOUT ROWID;
`;
