/**
 * The embedded store: one SQLite file (better-sqlite3, WAL mode, FTS5), no server. It applies the pure
 * rules in src/link/ (text identity, MinHash near-duplicates, event linking, commitment checks) and
 * keeps their results in tables; see schema.ts and docs/store.md.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ArticleResult, Modality } from '../../core/types.js';
import { checkCommitments, type CommitmentStatus } from '../../link/commitments.js';
import { dyadSeries } from '../../link/dyad.js';
import { linkEvents, type LinkedEvent } from '../../link/events.js';
import { commitmentRecords, eventMentions, type CommitmentRecord, type EventMention } from '../../link/mentions.js';
import { BANDS, bandKeys, minhash, NEAR_DUPLICATE, sigFromBytes, sigToBytes, similarity } from '../../link/minhash.js';
import { textHash } from '../../link/text.js';
import { decodeResult, encodeResult } from './codec.js';
import { articleSource, eventWords, json, mentionSentence, placeOf, searchWords } from './rows.js';
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './schema.js';
import type {
  ArticleKey,
  ArticleMeta,
  CommitmentRow,
  DyadOptions,
  DyadRow,
  EventRow,
  LinkStats,
  MentionRow,
  PutOutcome,
  QueryFilters,
  Store,
  StoreStats,
  StoredArticle,
} from './types.js';

type Row = Record<string, unknown>;

/** events.sdate of an event without a date: after every date, so undated events list last. */
const NO_DATE = '~';

/** Code-point order (as SQLite compares TEXT), not locale order. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface SqliteStoreOptions {
  /** Open read-only (query, export). */
  readonly?: boolean;
  /** Similarity at or above which a new article is a near-duplicate (default NEAR_DUPLICATE). */
  nearDuplicate?: number;
}


export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private readonly threshold: number;
  private readonly st: Record<string, Database.Statement>;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly path: string, opts: SqliteStoreOptions = {}) {
    this.db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
    this.threshold = opts.nearDuplicate ?? NEAR_DUPLICATE;
    this.db.pragma('busy_timeout = 10000');
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // checkpoint the write-ahead log every ~40 MB rather than every 4 MB: bulk ingest writes less
      this.db.pragma('wal_autocheckpoint = 10000');
      this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID');
      const v = this.schemaVersion();
      const migration = v == null ? '' : v === SCHEMA_VERSION ? '' : MIGRATIONS[v];
      if (migration == null) throw new Error(`${path}: store schema ${v}, this parley reads ${SCHEMA_VERSION} and cannot upgrade it`);
      this.db.transaction(() => {
        this.db.exec(migration + SCHEMA);
        this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
      })();
      if (migration) this.relink();
    } else {
      const v = this.schemaVersion();
      if (v == null) throw new Error(`${path}: not a parley store`);
      if (v !== SCHEMA_VERSION) throw new Error(`${path}: store schema ${v}, this parley reads ${SCHEMA_VERSION}: open it once for writing (e.g. \`parley link --db ${path}\`) to upgrade it`);
    }
    this.db.pragma('cache_size = -65536');
    const p = (sql: string) => this.db.prepare(sql);
    this.st = opts.readonly
      ? {}
      : {
          byId: p('SELECT id FROM articles WHERE id = ?'),
          byUrl: p('SELECT id FROM articles WHERE url = ?'),
          byHash: p('SELECT id FROM articles WHERE text_hash = ? LIMIT 1'),
          lshFind: p(`SELECT DISTINCT art FROM lsh WHERE (band, key) IN (VALUES ${Array.from({ length: BANDS }, () => '(?, ?)').join(', ')})`),
          sigOf: p('SELECT id, minhash, dup_of FROM articles WHERE rowid = ?'),
          insArticle: p(`INSERT INTO articles (id, url, text_hash, date, title, dateline, lang, source, text, result, tone, dup_of, similarity, minhash, engine, ingested_at)
                         VALUES (@id, @url, @text_hash, @date, @title, @dateline, @lang, @source, @text, @result, @tone, @dup_of, @similarity, @minhash, @engine, @ingested_at)`),
          insFts: p('INSERT INTO fts (rowid, title, text) VALUES (?, ?, ?)'),
          insLsh: p(`INSERT OR IGNORE INTO lsh (band, key, art) VALUES ${Array.from({ length: BANDS }, () => '(?, ?, ?)').join(', ')}`),
          insMention: p(`INSERT OR REPLACE INTO mentions (art, eid, type, mode, cameo, goldstein, quad, modality, actors, recipients, names, date, date_text,
                           loc_name, loc_code, lat, lon, geoname_id, trigger_start, trigger_end, trigger_text, sent_start, sent_end, sentence, in_lead, confidence)
                         VALUES (@art, @eid, @type, @mode, @cameo, @goldstein, @quad, @modality, @actors, @recipients, @names, @date, @date_text,
                           @loc_name, @loc_code, @lat, @lon, @geoname_id, @trigger_start, @trigger_end, @trigger_text, @sent_start, @sent_end, @sentence, @in_lead, @confidence)`),
          insQuote: p(`INSERT OR REPLACE INTO quotes (art, qid, kind, text, speaker, speaker_name, speaker_code, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
          insCommitment: p(`INSERT OR REPLACE INTO commitments (art, cid, parties, action, due, due_text, eid, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
          rowidOf: p('SELECT rowid, source FROM articles WHERE id = ?'),
          updResult: p('UPDATE articles SET result = ?, tone = ?, engine = ?, date = ?, title = ?, dateline = ? WHERE rowid = ?'),
          delMentions: p('DELETE FROM mentions WHERE art = ?'),
          delQuotes: p('DELETE FROM quotes WHERE art = ?'),
          delCommitments: p('DELETE FROM commitments WHERE art = ?'),
        };
  }

  private schemaVersion(): string | null {
    try {
      return ((this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as Row | undefined)?.value as string | undefined) ?? null;
    } catch {
      return null; // no meta table
    }
  }

  /** Links again with the "now" of the last link (after an upgrade rebuilt the derived tables). */
  private relink(): void {
    const asOf = (this.db.prepare('SELECT value FROM meta WHERE key = ?').get('linked_as_of') as Row | undefined)?.value as string | undefined;
    this.linkSync({ asOf: asOf || undefined });
  }

  // ── writing ────────────────────────────────────────────────────────────────────────────────────

  private findDuplicateSync(key: ArticleKey): { id: string; matchedOn: 'id' | 'url' | 'text' } | null {
    const st = this.st.byId ? this.st : this.readStatements();
    if (key.id) {
      const r = st.byId.get(key.id) as Row | undefined;
      if (r) return { id: String(r.id), matchedOn: 'id' };
    }
    if (key.url) {
      const r = st.byUrl.get(key.url) as Row | undefined;
      if (r) return { id: String(r.id), matchedOn: 'url' };
    }
    if (key.textHash) {
      const r = st.byHash.get(key.textHash) as Row | undefined;
      if (r) return { id: String(r.id), matchedOn: 'text' };
    }
    return null;
  }

  private readStatements(): Record<string, Database.Statement> {
    return {
      byId: this.db.prepare('SELECT id FROM articles WHERE id = ?'),
      byUrl: this.db.prepare('SELECT id FROM articles WHERE url = ?'),
      byHash: this.db.prepare('SELECT id FROM articles WHERE text_hash = ? LIMIT 1'),
    };
  }

  private nearDuplicateSync(sig: Uint32Array, keys: number[]): { id: string; similarity: number } | null {
    let best: { id: string; similarity: number } | null = null;
    for (const r of this.st.lshFind.all(...keys.flatMap((key, band) => [band, key])) as Row[]) {
      const a = this.st.sigOf.get(Number(r.art)) as Row | undefined;
      if (!a) continue;
      const s = similarity(sig, sigFromBytes(a.minhash as Buffer));
      if (s >= this.threshold && (!best || s > best.similarity || (s === best.similarity && String(a.dup_of ?? a.id) < best.id))) best = { id: String(a.dup_of ?? a.id), similarity: s };
    }
    return best;
  }

  private writeRows(art: number, r: ArticleResult, source: string | null): void {
    for (const m of eventMentions(r, source)) {
      this.st.insMention.run({
        art,
        eid: m.eventId,
        type: m.type,
        mode: m.mode,
        cameo: m.cameo,
        goldstein: m.goldstein,
        quad: m.quad,
        modality: m.modality,
        actors: JSON.stringify(m.actors),
        recipients: JSON.stringify(m.recipients),
        names: JSON.stringify(m.names),
        date: m.date,
        date_text: m.dateText,
        loc_name: m.location?.name ?? null,
        loc_code: m.location?.code ?? null,
        lat: m.location?.lat ?? null,
        lon: m.location?.lon ?? null,
        geoname_id: m.location?.geonameId ?? null,
        trigger_start: m.trigger.start,
        trigger_end: m.trigger.end,
        trigger_text: m.trigger.text,
        sent_start: m.sentence.start,
        sent_end: m.sentence.end,
        sentence: mentionSentence(r.article, m),
        in_lead: m.inLead ? 1 : 0,
        confidence: m.confidence,
      });
    }
    const actors = new Map(r.actors.map((a) => [a.id, a]));
    for (const q of r.quotes ?? []) {
      const sp = q.speaker ? actors.get(q.speaker) : undefined;
      this.st.insQuote.run(art, q.id, q.kind, q.text, q.speaker, sp?.name ?? null, sp?.code ?? null, q.start, q.end);
    }
    for (const c of commitmentRecords(r)) {
      this.st.insCommitment.run(art, c.commitmentId, JSON.stringify(c.parties), c.action, c.due, c.dueText, c.eventId, c.start, c.end);
    }
  }

  private putSync(result: ArticleResult, meta: ArticleMeta = {}): PutOutcome {
    const a = result.article;
    const hash = meta.textHash ?? textHash(a.text);
    const dup = this.findDuplicateSync({ id: a.id, url: a.url, textHash: hash });
    if (dup) return { status: 'duplicate', id: dup.id, matchedOn: dup.matchedOn };
    const sig = meta.minhash ?? minhash(a.text);
    const keys = bandKeys(sig);
    const near = this.nearDuplicateSync(sig, keys);
    const source = articleSource(a.url, meta.source);
    const info = this.st.insArticle.run({
      id: a.id,
      url: a.url,
      text_hash: hash,
      date: a.date,
      title: a.title,
      dateline: a.dateline,
      lang: a.lang,
      source,
      text: a.text,
      result: meta.packed ? Buffer.from(meta.packed.buffer, meta.packed.byteOffset, meta.packed.byteLength) : encodeResult(result),
      tone: result.tone ?? null,
      dup_of: near?.id ?? null,
      similarity: near?.similarity ?? null,
      minhash: sigToBytes(sig),
      engine: meta.engine ?? null,
      ingested_at: new Date().toISOString(),
    });
    const art = Number(info.lastInsertRowid);
    this.st.insFts.run(art, a.title ?? '', a.text);
    this.st.insLsh.run(...keys.flatMap((k, band) => [band, k, art]));
    this.writeRows(art, result, source);
    return near ? { status: 'near-duplicate', id: a.id, nearDuplicateOf: near.id, similarity: near.similarity } : { status: 'new', id: a.id };
  }

  async findDuplicate(key: ArticleKey) {
    return this.findDuplicateSync(key);
  }

  async hasArticle(key: ArticleKey): Promise<boolean> {
    return this.findDuplicateSync(key) != null;
  }

  async putArticle(result: ArticleResult, meta?: ArticleMeta): Promise<PutOutcome> {
    return this.db.transaction(() => this.putSync(result, meta))();
  }

  async putArticles(items: Array<{ result: ArticleResult; meta?: ArticleMeta }>): Promise<PutOutcome[]> {
    return this.db.transaction(() => items.map((i) => this.putSync(i.result, i.meta)))();
  }

  async replaceResult(result: ArticleResult, meta: ArticleMeta = {}): Promise<void> {
    const row = this.st.rowidOf.get(result.article.id) as Row | undefined;
    if (!row) throw new Error(`no stored article "${result.article.id}"`);
    const art = Number(row.rowid);
    this.db.transaction(() => {
      const a = result.article;
      this.st.updResult.run(meta.packed ? Buffer.from(meta.packed.buffer, meta.packed.byteOffset, meta.packed.byteLength) : encodeResult(result), result.tone ?? null, meta.engine ?? null, a.date, a.title, a.dateline, art);
      this.st.delMentions.run(art);
      this.st.delQuotes.run(art);
      this.st.delCommitments.run(art);
      this.writeRows(art, result, (row.source as string | null) ?? null);
    })();
  }

  // ── reading articles ───────────────────────────────────────────────────────────────────────────

  private toStored(r: Row): StoredArticle {
    return {
      result: decodeResult(r.result as Buffer, String(r.text)),
      source: (r.source as string | null) ?? null,
      engine: (r.engine as string | null) ?? null,
      nearDuplicateOf: (r.dup_of as string | null) ?? null,
      ingestedAt: String(r.ingested_at),
    };
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const r = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    return r ? this.toStored(r) : null;
  }

  async *articles(opts: { staleFor?: string; batch?: number } = {}): AsyncIterable<StoredArticle> {
    const batch = opts.batch ?? 500;
    const stale = opts.staleFor != null;
    const st = this.db.prepare(`SELECT rowid, * FROM articles WHERE rowid > ? ${stale ? 'AND engine IS NOT ?' : ''} ORDER BY rowid LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = (stale ? st.all(after, opts.staleFor, batch) : st.all(after, batch)) as Row[];
      if (!rows.length) return;
      after = Number(rows[rows.length - 1].rowid);
      for (const r of rows) yield this.toStored(r);
    }
  }

  async countArticles(opts: { staleFor?: string } = {}): Promise<number> {
    const r = (opts.staleFor != null
      ? this.db.prepare('SELECT count(*) n FROM articles WHERE engine IS NOT ?').get(opts.staleFor)
      : this.db.prepare('SELECT count(*) n FROM articles').get()) as Row;
    return Number(r.n);
  }

  // ── linking ────────────────────────────────────────────────────────────────────────────────────

  private loadMentions(): { mentions: EventMention[]; rowids: Map<string, number> } {
    const rows = this.db
      .prepare(
        `SELECT m.*, a.id AS article_id, a.date AS article_date, a.source AS source, a.tone AS tone, a.rowid AS art_rowid
         FROM mentions m JOIN articles a ON a.rowid = m.art WHERE a.dup_of IS NULL`,
      )
      .all() as Row[];
    const rowids = new Map<string, number>();
    const mentions = rows.map((r): EventMention => {
      rowids.set(String(r.article_id), Number(r.art_rowid));
      return {
        articleId: String(r.article_id),
        eventId: String(r.eid),
        articleDate: (r.article_date as string | null) ?? null,
        source: (r.source as string | null) ?? null,
        type: String(r.type),
        mode: (r.mode as string | null) ?? null,
        cameo: (r.cameo as string | null) ?? null,
        goldstein: (r.goldstein as number | null) ?? null,
        quad: (r.quad as number | null) ?? null,
        modality: r.modality as Modality,
        actors: json(r.actors),
        recipients: json(r.recipients),
        names: json(r.names),
        date: (r.date as string | null) ?? null,
        dateText: (r.date_text as string | null) ?? null,
        location: placeOf(r),
        trigger: { start: Number(r.trigger_start), end: Number(r.trigger_end), text: String(r.trigger_text) },
        sentence: { start: Number(r.sent_start), end: Number(r.sent_end) },
        inLead: !!r.in_lead,
        confidence: Number(r.confidence ?? 1),
        tone: (r.tone as number | null) ?? null,
      };
    });
    return { mentions, rowids };
  }

  async link(opts: { asOf?: string } = {}): Promise<LinkStats> {
    return this.linkSync(opts);
  }

  private linkSync(opts: { asOf?: string }): LinkStats {
    const { mentions, rowids } = this.loadMentions();
    const events = linkEvents(mentions);
    const asOf = opts.asOf ?? ((this.db.prepare('SELECT max(date) d FROM articles').get() as Row).d as string | null) ?? null;
    const commitRows = this.db
      .prepare('SELECT c.*, a.id AS article_id, a.date AS article_date FROM commitments c JOIN articles a ON a.rowid = c.art WHERE a.dup_of IS NULL')
      .all() as Row[];
    const eventTypes = this.db.prepare('SELECT type, modality, actors, recipients FROM mentions WHERE art = ? AND eid = ?');
    const records: Array<CommitmentRecord & { art: number }> = commitRows.map((r) => {
      const ev = r.eid ? (eventTypes.get(r.art, r.eid) as Row | undefined) : undefined;
      return {
        art: Number(r.art),
        articleId: String(r.article_id),
        commitmentId: String(r.cid),
        articleDate: (r.article_date as string | null) ?? null,
        parties: json(r.parties),
        action: String(r.action),
        due: (r.due as string | null) ?? null,
        dueText: (r.due_text as string | null) ?? null,
        eventId: (r.eid as string | null) ?? null,
        eventType: (ev?.type as string | undefined) ?? null,
        eventModality: (ev?.modality as Modality | undefined) ?? null,
        eventParticipants: ev ? [...new Set([...json<string[]>(ev.actors), ...json<string[]>(ev.recipients)])].sort() : [],
        start: Number(r.start),
        end: Number(r.end),
      };
    });
    const checks = checkCommitments(records, events, asOf);
    const firstUrl = this.db.prepare('SELECT url FROM articles WHERE id = ?');
    const sentenceOf = this.db.prepare('SELECT sentence FROM mentions WHERE art = ? AND eid = ?');
    const counts: Record<CommitmentStatus, number> = { kept: 0, overdue: 0, open: 0 };
    this.db.transaction(() => {
      this.db.exec('DELETE FROM events; DELETE FROM event_parts; DELETE FROM event_pairs; DELETE FROM event_words; UPDATE mentions SET event = NULL, ev = NULL WHERE event IS NOT NULL;');
      const insEvent = this.db.prepare(`INSERT INTO events (rowid, id, date, sdate, type, mode, modality, cameo, goldstein, quad, actors, recipients, names, loc_name, loc_code, lat, lon, geoname_id,
          num_mentions, num_articles, num_sources, tone, is_root, first_art, url, evidence, json)
        VALUES (@rowid, @id, @date, @sdate, @type, @mode, @modality, @cameo, @goldstein, @quad, @actors, @recipients, @names, @loc_name, @loc_code, @lat, @lon, @geoname_id,
          @num_mentions, @num_articles, @num_sources, @tone, @is_root, @first_art, @url, @evidence, @json)`);
      const insWords = this.db.prepare('INSERT OR IGNORE INTO event_words (field, word, ev) SELECT ?, value, ? FROM json_each(?)');
      const setEvent = this.db.prepare('UPDATE mentions SET event = ?, ev = ? WHERE art = ? AND eid = ?');
      // listing order (see the schema): rowid is the rank
      const sortKey = (e: LinkedEvent) => e.date ?? NO_DATE;
      const ordered = [...events].sort((x, y) => cmp(sortKey(x), sortKey(y)) || cmp(x.type, y.type) || cmp(x.id, y.id));
      for (const [i, e] of ordered.entries()) {
        const rowid = i + 1;
        const first = e.mentions[0];
        const firstArt = rowids.get(first.articleId)!;
        const loc = e.location;
        const row: EventRow = {
          id: e.id,
          date: e.date,
          type: e.type,
          mode: e.mode,
          modality: e.modality,
          cameo: e.cameo,
          goldstein: e.goldstein,
          quad: e.quad,
          actors: e.actors,
          recipients: e.recipients,
          names: e.names,
          place: loc && (loc.name != null || loc.code != null) ? { name: loc.name ?? '', code: loc.code ?? null, lat: loc.lat ?? null, lon: loc.lon ?? null, geonameId: loc.geonameId ?? null } : null,
          numMentions: e.numMentions,
          numArticles: e.numArticles,
          numSources: e.numSources,
          tone: e.tone,
          isRoot: e.isRoot,
          firstArticle: first.articleId,
          url: ((firstUrl.get(first.articleId) as Row | undefined)?.url as string | null) ?? null,
          evidence: String((sentenceOf.get(firstArt, first.eventId) as Row | undefined)?.sentence ?? first.trigger.text),
        };
        insEvent.run({
          ...row,
          rowid,
          sdate: sortKey(e),
          actors: JSON.stringify(e.actors),
          recipients: JSON.stringify(e.recipients),
          names: JSON.stringify(e.names),
          loc_name: row.place?.name ?? null,
          loc_code: row.place?.code ?? null,
          lat: row.place?.lat ?? null,
          lon: row.place?.lon ?? null,
          geoname_id: row.place?.geonameId ?? null,
          num_mentions: e.numMentions,
          num_articles: e.numArticles,
          num_sources: e.numSources,
          is_root: e.isRoot ? 1 : 0,
          first_art: first.articleId,
          json: JSON.stringify(row),
        });
        const words = eventWords(e.names, row.place?.name);
        insWords.run('name', rowid, JSON.stringify(words.name));
        if (words.place.length) insWords.run('place', rowid, JSON.stringify(words.place));
        for (const m of e.mentions) setEvent.run(e.id, rowid, rowids.get(m.articleId)!, m.eventId);
      }
      // the participant and pair posting lists, from the events' actors and recipients
      this.db.exec(`
        INSERT OR IGNORE INTO event_parts (code, ev)
          SELECT j.value, e.rowid FROM events e, json_each(e.actors) j UNION SELECT j.value, e.rowid FROM events e, json_each(e.recipients) j;
        WITH p AS MATERIALIZED (SELECT code, ev FROM event_parts)
        INSERT OR IGNORE INTO event_pairs (a, b, directed, ev) SELECT x.code, y.code, 0, x.ev FROM p x JOIN p y ON y.ev = x.ev AND y.code <> x.code;
        INSERT OR IGNORE INTO event_pairs (a, b, directed, ev)
          SELECT x.value, y.value, 1, e.rowid FROM events e, json_each(e.actors) x, json_each(e.recipients) y WHERE x.value <> y.value;`);
      const upd = this.db.prepare('UPDATE commitments SET status = ?, late = ?, looks_for = ?, kept_event = ?, kept_art = ?, kept_eid = ?, kept_date = ? WHERE art = ? AND cid = ?');
      records.forEach((c, i) => {
        const k = checks[i];
        counts[k.status]++;
        upd.run(k.status, k.late ? 1 : 0, JSON.stringify(k.types), k.keptBy?.event ?? null, k.keptBy?.articleId ?? null, k.keptBy?.eventId ?? null, k.keptBy?.date ?? null, c.art, c.commitmentId);
      });
      this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('linked_as_of', asOf ?? '');
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { mentions: mentions.length, events: events.length, commitments: counts, asOf };
  }

  // ── querying ───────────────────────────────────────────────────────────────────────────────────

  /** The ranks (events.rowid) of the first and last event dated within the bounds. */
  private rankRange(f: QueryFilters): [number, number] {
    const rank = (sql: string, ...p: unknown[]) => (this.prepared(sql).get(...p) as Row | undefined)?.rowid as number | undefined;
    // a month or year date matches when its period reaches the lower bound ("2022-07" from 2022-07-15):
    // the range starts at the bound's year and selection() adds the exact test
    const lo = f.from ? rank('SELECT rowid FROM events WHERE sdate >= ? ORDER BY sdate, rowid LIMIT 1', f.from.slice(0, 4)) : 1;
    // "2022-07" as an upper bound takes the whole month; with a lower bound only, the last dated event
    const to = f.to ? (f.to.length < 10 ? f.to + '\uffff' : f.to) : NO_DATE;
    const hi = rank(`SELECT rowid FROM events WHERE sdate ${f.to ? '<=' : '<'} ? ORDER BY sdate DESC, rowid DESC LIMIT 1`, to);
    return [lo ?? Number.MAX_SAFE_INTEGER, hi ?? 0];
  }

  /**
   * FROM, WHERE and ORDER BY for the filters, listing the matches in rank (listing) order. Filters that
   * are posting lists (a dyad, an actor, the words of a name or place) are walked in rank order: the
   * first drives the query and each event it yields is tested against the others (an index probe
   * each) and the remaining filters, so a page stops after a page of matches. A date range is a range
   * of ranks. Without a posting list, SQLite walks the type or place-country index, or the ranks.
   */
  private selection(f: QueryFilters): { sql: string; params: unknown[] } {
    const codeLike = (s: string) => /^[A-Z][A-Z0-9_]{1,15}$/.test(s);
    // each posting: a table of ranks "ev" and its condition on alias "x", or a subquery of ranks
    type Posting = { table: string; cond: string; params: unknown[] } | { subquery: string; params: unknown[] };
    const postings: Posting[] = [];
    // a name or place without a single word matches nothing
    let wordless = false;
    const wordPostings = (field: string, text: string) => {
      const words = searchWords(text);
      if (!words.length) wordless = true;
      return words.map((word) => ({ table: 'event_words', cond: 'x.field = ? AND x.word = ?', params: [field, word] }));
    };
    let actors = f.actor ?? [];
    const dyad = f.dyad?.map((c) => c.toUpperCase());
    if (dyad && dyad[0] === dyad[1]) postings.push({ table: 'event_parts', cond: 'x.code = ?', params: [dyad[0]] }); // a "dyad" of one
    else if (dyad) postings.push({ table: 'event_pairs', cond: 'x.a = ? AND x.b = ? AND x.directed = ?', params: [...dyad, f.directed ? 1 : 0] });
    if (actors.length === 1) {
      if (codeLike(actors[0])) postings.push({ table: 'event_parts', cond: 'x.code = ?', params: [actors[0]] });
      // the longest word first: the rarest, as a rule
      else postings.push(...wordPostings('name', actors[0]).sort((a, b) => String(b.params[1]).length - String(a.params[1]).length));
      actors = [];
    }
    if (f.place) postings.push(...wordPostings('place', f.place));
    // full text: the events reported by the matching articles (last: it can be a long list)
    if (f.text) postings.push({ subquery: 'SELECT DISTINCT m.ev FROM fts JOIN mentions m ON m.art = fts.rowid WHERE fts MATCH ? AND m.ev IS NOT NULL', params: [f.text] });
    // events reported by several sources (by its index: a minority of events, as a rule)
    if (f.minSources && f.minSources > 1) postings.push({ subquery: 'SELECT rowid FROM events WHERE num_sources >= ?', params: [f.minSources] });
    if (wordless) return { sql: 'FROM events e WHERE 0 ORDER BY e.rowid', params: [] };

    const w: string[] = [];
    const params: unknown[] = [];
    let from = 'events e';
    let rank = 'e.rowid';
    const driver = postings.shift();
    // a column whose index must not drive the query ("+col": SQLite then walks the driver's ranks)
    let col = (c: string) => c;
    if (driver && 'subquery' in driver) {
      // SQLite walks the subquery's ranks in order (a sorted list)
      w.push(`e.rowid IN (${driver.subquery})`);
      params.push(...driver.params);
      col = (c) => `+${c}`;
    } else if (driver) {
      from = `${driver.table} x CROSS JOIN events e ON e.rowid = x.ev`;
      rank = 'x.ev';
      w.push(driver.cond);
      params.push(...driver.params);
    }
    for (const p of postings) {
      w.push('subquery' in p ? `e.rowid IN (${p.subquery})` : `EXISTS (SELECT 1 FROM ${p.table} x WHERE ${p.cond} AND x.ev = e.rowid)`);
      params.push(...p.params);
    }
    if (f.from || f.to) {
      const [lo, hi] = this.rankRange(f);
      w.push(`${rank} BETWEEN ? AND ?`);
      params.push(lo, hi);
      if (f.from) {
        w.push('(e.sdate >= ? OR e.sdate IN (?, ?))');
        params.push(f.from, f.from.slice(0, 4), f.from.slice(0, 7));
      }
    }
    if (actors.length) {
      // any of several actors: the union of their posting lists
      const ors = actors.map((a) => {
        if (codeLike(a)) {
          params.push(a);
          return 'SELECT ev FROM event_parts WHERE code = ?';
        }
        const words = searchWords(a);
        params.push(...words);
        return words.length ? words.map(() => "SELECT ev FROM event_words WHERE field = 'name' AND word = ?").join(' INTERSECT ') : 'SELECT 0 WHERE 0';
      });
      w.push(`e.rowid IN (${ors.join(' UNION ')})`);
    }
    if (f.country?.length) {
      w.push(`${col('e.loc_code')} IN (${f.country.map(() => '?').join(', ')})`);
      params.push(...f.country.map((c) => c.toUpperCase()));
    }
    if (f.type?.length) {
      const ors = f.type.map((t) => {
        if (/^\d+$/.test(t)) {
          params.push(`${t}%`);
          return 'e.cameo LIKE ?';
        }
        params.push(t.toUpperCase());
        return `${col('e.type')} = ?`;
      });
      w.push(`(${ors.join(' OR ')})`);
    }
    if (f.modality?.length) {
      w.push(`e.modality IN (${f.modality.map(() => '?').join(', ')})`);
      params.push(...f.modality);
    }
    return { sql: `FROM ${from} ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY ${rank}`, params };
  }

  /** A prepared statement for this SQL, kept: the server asks the same few shapes of query again and again. */
  private prepared(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= 500) this.statements.clear();
      this.statements.set(sql, (st = this.db.prepare(sql)));
    }
    return st;
  }

  async query(f: QueryFilters = {}): Promise<EventRow[]> {
    return (await this.queryJson(f)).map((s) => JSON.parse(s) as EventRow);
  }

  /** The matching events as JSON texts: a server sends them as they are stored, without a round trip through objects. */
  async queryJson(f: QueryFilters = {}): Promise<string[]> {
    const { sql, params } = this.selection(f);
    return this.prepared(`SELECT e.json ${sql} LIMIT ? OFFSET ?`).pluck().all(...params, f.limit ?? -1, f.offset ?? 0) as string[];
  }

  /** Streams every linked event matching the filters, with its mentions, for exports. */
  *eachEvent(f: QueryFilters = {}): Generator<{ event: EventRow; mentions: MentionRow[] }> {
    const { sql, params } = this.selection(f);
    const st = this.db.prepare(`SELECT e.json ${sql}`).pluck();
    const ms = this.mentionStatement();
    for (const r of st.iterate(...params) as IterableIterator<string>) {
      const event = JSON.parse(r) as EventRow;
      yield { event, mentions: (ms.all(event.id) as Row[]).map((m) => this.toMentionRow(m)) };
    }
  }

  async *events(f: QueryFilters = {}): AsyncIterable<{ event: EventRow; mentions: MentionRow[] }> {
    yield* this.eachEvent(f);
  }

  private mentionStatement(): Database.Statement {
    return this.db.prepare(
      `SELECT m.*, a.id AS article_id, a.date AS article_date, a.source, a.url FROM mentions m JOIN articles a ON a.rowid = m.art
       WHERE m.event = ? ORDER BY a.date, a.id, m.eid`,
    );
  }

  private toMentionRow(r: Row): MentionRow {
    return {
      event: String(r.event),
      articleId: String(r.article_id),
      eventId: String(r.eid),
      articleDate: (r.article_date as string | null) ?? null,
      source: (r.source as string | null) ?? null,
      url: (r.url as string | null) ?? null,
      trigger: { start: Number(r.trigger_start), end: Number(r.trigger_end), text: String(r.trigger_text) },
      sentence: { start: Number(r.sent_start), end: Number(r.sent_end), text: String(r.sentence) },
      inLead: !!r.in_lead,
      confidence: Number(r.confidence ?? 1),
      date: (r.date as string | null) ?? null,
      dateText: (r.date_text as string | null) ?? null,
    };
  }

  async mentions(eventId: string): Promise<MentionRow[]> {
    return (this.mentionStatement().all(eventId) as Row[]).map((m) => this.toMentionRow(m));
  }

  async dyad(a: string, b: string, opts: DyadOptions): Promise<DyadRow[]> {
    // ranks are in date order, undated last
    const { sql, params } = this.selection({ dyad: [a, b], directed: opts.directed, from: opts.from, to: opts.to, modality: opts.modality ?? ['asserted'] });
    const rows = (this.prepared(`SELECT e.date, e.type, e.goldstein, e.quad, e.tone ${sql}`).all(...params) as Row[]).filter((r) => r.date != null);
    return dyadSeries(rows, opts.by);
  }

  async commitments(status?: CommitmentStatus): Promise<CommitmentRow[]> {
    const rows = this.db
      .prepare(
        `SELECT c.*, a.id AS article_id, a.date AS article_date, m.sentence AS kept_sentence
         FROM commitments c JOIN articles a ON a.rowid = c.art
         LEFT JOIN articles ka ON ka.id = c.kept_art LEFT JOIN mentions m ON m.art = ka.rowid AND m.eid = c.kept_eid
         WHERE a.dup_of IS NULL ${status ? 'AND c.status = ?' : ''} ORDER BY a.date, a.id, c.cid`,
      )
      .all(...(status ? [status] : [])) as Row[];
    return rows.map((r) => ({
      articleId: String(r.article_id),
      commitmentId: String(r.cid),
      madeOn: (r.article_date as string | null) ?? null,
      parties: json(r.parties),
      action: String(r.action),
      due: (r.due as string | null) ?? null,
      dueText: (r.due_text as string | null) ?? null,
      status: r.status as CommitmentStatus,
      late: !!r.late,
      looksFor: r.looks_for ? json(r.looks_for) : [],
      keptBy: r.kept_event
        ? { event: String(r.kept_event), date: (r.kept_date as string | null) ?? null, articleId: String(r.kept_art), eventId: String(r.kept_eid), evidence: String(r.kept_sentence ?? '') }
        : null,
    }));
  }

  async stats(): Promise<StoreStats> {
    const n = (sql: string) => Number((this.db.prepare(sql).get() as Row).n);
    let bytes: number | null = null;
    if (this.path !== ':memory:') {
      bytes = 0;
      for (const f of [this.path, this.path + '-wal']) {
        try {
          bytes += statSync(f).size;
        } catch {
          /* no such file */
        }
      }
    }
    return {
      articles: n('SELECT count(*) n FROM articles'),
      nearDuplicates: n('SELECT count(*) n FROM articles WHERE dup_of IS NOT NULL'),
      eventMentions: n('SELECT count(*) n FROM mentions'),
      events: n('SELECT count(*) n FROM events'),
      quotes: n('SELECT count(*) n FROM quotes'),
      commitments: n('SELECT count(*) n FROM commitments'),
      bytes,
    };
  }

  async close(): Promise<void> {
    if (this.db.open) {
      if (!this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}

export type { LinkedEvent };
