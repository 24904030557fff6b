/** The SQLite schema of the store (version 1). Column meanings are documented in docs/store.md. */
export const SCHEMA_VERSION = '1';

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

CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  date TEXT, type TEXT NOT NULL, mode TEXT, modality TEXT NOT NULL,
  cameo TEXT, goldstein REAL, quad INTEGER,
  actors TEXT NOT NULL, recipients TEXT NOT NULL, names TEXT NOT NULL,
  loc_name TEXT, loc_code TEXT, lat REAL, lon REAL, geoname_id INTEGER,
  num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL,
  tone REAL, is_root INTEGER NOT NULL,
  first_art TEXT NOT NULL, url TEXT, evidence TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_type ON events(type, date);
CREATE INDEX IF NOT EXISTS events_loc ON events(loc_code);

CREATE TABLE IF NOT EXISTS event_parts (code TEXT NOT NULL, event TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (code, event, role)) WITHOUT ROWID;
`;
