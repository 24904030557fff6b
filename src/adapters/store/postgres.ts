/**
 * The shared store: PostgreSQL (node-postgres pool), for deployments where several machines write and
 * read one corpus (`--db postgres://user@host:5432/db?schema=name`). Same `Store` contract and the same
 * pure rules (src/link/) as the SQLite store; the same test suite runs against both.
 *
 * Concurrency, written down (docs/distributed.md has the reasoning):
 * - Writes (putArticle(s), replaceResult) take a transaction-level advisory lock, the write lock, as
 *   their first statement: one writer at a time, as the Store contract says, across every process
 *   and machine. Under READ COMMITTED each later statement of the transaction then sees every write
 *   committed before the lock was granted, so the duplicate checks (id, URL, text hash) and the
 *   near-duplicate lookup never miss a concurrent article. Unique indexes on id, URL and text hash
 *   back this up. Writes are short (about a millisecond per article); extraction, which takes tens of
 *   milliseconds per article, runs in parallel outside the lock.
 * - Near-duplicates: "the first stored copy" is the first in a fixed order, not in commit order, so
 *   that workers racing each other (or a redelivered message arriving late) cannot change which copy
 *   counts. The order is (`ord`, `seq`): for an article from the work queue the time it was published
 *   (microseconds) and its stream sequence; for a direct put the time of the put. When an article
 *   arrives after copies that come later in that order, those copies are resolved again, in order
 *   (see `replay`), so the result is the one a single writer taking the articles in that order gets.
 * - `link()` rebuilds the linked events in one REPEATABLE READ transaction (one consistent snapshot of
 *   the articles) while holding a session-level advisory lock, the link lock: two links never
 *   interleave, so no race leaves two copies of a linked event (event ids are also the primary key).
 *   Writers are not blocked by a link; what they write after its snapshot is linked by the next one.
 *   A meta counter `version` is bumped by every write; `linkIfChanged()` links only when the store
 *   changed since the last link, which is what workers call when the queue runs dry.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { ArticleResult, Modality } from '../../core/types.js';
import { checkCommitments, type CommitmentStatus } from '../../link/commitments.js';
import { dyadSeries } from '../../link/dyad.js';
import { linkEvents } from '../../link/events.js';
import { commitmentRecords, eventMentions, type CommitmentRecord, type EventMention } from '../../link/mentions.js';
import { bandKeys, minhash, NEAR_DUPLICATE, sigFromBytes, sigToBytes, similarity } from '../../link/minhash.js';
import { textHash } from '../../link/text.js';
import { decodeResult, encodeResult } from './codec.js';
import { PG_SCHEMA, PG_SCHEMA_VERSION } from './postgres-schema.js';
import { articleSource, eventWords, json, mentionSentence, placeOf, searchWords } from './rows.js';
import { ftsToTsquery } from './tsquery.js';
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
type Client = pg.PoolClient;

/** node-postgres, loaded when a PostgreSQL store is opened (it adds ~80 ms to every command otherwise). */
const require = createRequire(import.meta.url);
let pgLib: typeof pg | null = null;
const loadPg = (): typeof pg => (pgLib ??= require('pg') as typeof pg);

/** Rows per multi-row INSERT (PostgreSQL takes at most 65,535 parameters per statement). */
const PARAMS_MAX = 30_000;

export interface PostgresStoreOptions {
  /** The schema the tables live in (default: the URL's `schema` parameter, else `public`). */
  schema?: string;
  /** Similarity at or above which a new article is a near-duplicate (default NEAR_DUPLICATE). */
  nearDuplicate?: number;
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

/** What a put may carry beyond ArticleMeta on this store: the order the article counts in. */
export interface OrderedArticleMeta extends ArticleMeta {
  /** Microseconds since 1970 at which the article entered the system (published to the queue); default now. */
  order?: number;
  /** Breaks ties of `order` (the queue's stream sequence); default 0. */
  orderSeq?: number;
}

export interface LinkState {
  /** Bumped by every write transaction. */
  version: number;
  /** The version the last link saw, or null if never linked. */
  linkedVersion: number | null;
  linkedAsOf: string | null;
}

/** A text[] literal ({"a","b"}), for arrays of arrays of different lengths passed through unnest. */
const pgArray = (words: string[]) => `{${words.map((w) => `"${w.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

export class PostgresStoreError extends Error {}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The connection string without parley's own `schema` parameter, and the schema. */
export function parsePostgresUrl(spec: string, schema?: string): { connectionString: string; schema: string } {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new PostgresStoreError(`not a PostgreSQL URL: ${redact(spec)}`);
  }
  const fromUrl = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  const name = schema ?? fromUrl ?? 'public';
  if (!SCHEMA_NAME.test(name)) throw new PostgresStoreError(`schema name "${name}": use letters, digits and _`);
  return { connectionString: url.toString(), schema: name };
}

/** A URL with its password hidden, for messages. */
export function redact(spec: string): string {
  return spec.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:…@');
}

function lockKey(schema: string, purpose: string): string {
  return createHash('sha1').update(`parley:${schema}:${purpose}`).digest().readBigInt64BE(0).toString();
}

const str = (v: unknown): string | null => (v == null ? null : String(v));
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));
/** PostgreSQL text cannot hold NUL; it becomes U+FFFD (same length, so offsets stay right). */
const noNul = (s: string): string => (s.includes('\u0000') ? s.replace(/\u0000/g, '\ufffd') : s);

function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Errors worth running the transaction again for: serialization failures, deadlocks, a unique key race. */
function retryable(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '40001' || code === '40P01' || code === '23505';
}

/** The order key of a stored article (see the header): ord, then seq, then arrival. */
interface Keyed {
  art: number;
  ord: number;
  seq: number;
}
const cmpKey = (a: Keyed, b: Keyed) => a.ord - b.ord || a.seq - b.seq || a.art - b.art;

interface RowSets {
  mentions: unknown[][];
  quotes: unknown[][];
  commitments: unknown[][];
}

interface Candidate extends Keyed {
  id: string;
  sig: Uint32Array;
  dupOf: string | null;
  similarity: number | null;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly pool: pg.Pool;
  readonly schema: string;
  private readonly threshold: number;
  private readonly ready: Promise<void>;
  private readonly writeLock: string;
  private readonly linkLock: string;
  private closed = false;

  constructor(readonly url: string, opts: PostgresStoreOptions = {}) {
    const { connectionString, schema } = parsePostgresUrl(url, opts.schema);
    this.schema = schema;
    this.threshold = opts.nearDuplicate ?? NEAR_DUPLICATE;
    this.writeLock = lockKey(schema, 'write');
    this.linkLock = lockKey(schema, 'link');
    this.pool = new (loadPg().Pool)({ connectionString, max: opts.poolSize ?? 4, options: `-c search_path=${schema}`, application_name: 'parley' });
    // an idle connection that breaks (server restart) must not crash the process; the next query reconnects
    this.pool.on('error', () => undefined);
    this.ready = this.init();
    this.ready.catch(() => undefined); // reported by the first call that awaits it
  }

  private async init(): Promise<void> {
    const c = await this.pool.connect().catch((e: Error) => {
      throw new PostgresStoreError(`cannot connect to ${redact(this.url)}: ${e.message}`);
    });
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [lockKey(this.schema, 'init')]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query(`SET LOCAL search_path TO ${this.schema}`);
      await c.query(PG_SCHEMA);
      await c.query(`INSERT INTO meta (key, value) VALUES ('schema', $1), ('version', '0') ON CONFLICT (key) DO NOTHING`, [PG_SCHEMA_VERSION]);
      const v = (await c.query(`SELECT value FROM meta WHERE key = 'schema'`)).rows[0] as Row;
      if (v.value !== PG_SCHEMA_VERSION) throw new PostgresStoreError(`${redact(this.url)} schema ${this.schema}: store schema ${String(v.value)}, this parley reads ${PG_SCHEMA_VERSION}`);
      // events linked before the columns existed get their words now (no link needed)
      const unindexed = (await c.query('SELECT id, names, loc_name FROM events WHERE name_words IS NULL')).rows as Row[];
      if (unindexed.length) {
        const words = unindexed.map((r) => eventWords(json(r.names), r.loc_name == null ? null : String(r.loc_name)));
        await c.query(
          `UPDATE events e SET name_words = u.n::text[], place_words = u.p::text[]
           FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, n, p) WHERE e.id = u.id`,
          [unindexed.map((r) => r.id), words.map((w) => pgArray(w.name)), words.map((w) => pgArray(w.place))],
        );
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  /**
   * Runs `body` in a transaction, again (up to five times) on a serialization failure or deadlock.
   * `prelude` runs right after BEGIN and `epilogue(out)` right before COMMIT, in the same round trips.
   */
  private async tx<T>(body: (c: Client) => Promise<T>, isolation = 'READ COMMITTED', prelude = '', epilogue: (out: T) => string = () => ''): Promise<T> {
    await this.ready;
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      let broken = false;
      try {
        await c.query(`BEGIN ISOLATION LEVEL ${isolation};${prelude}`);
        const out = await body(c);
        await c.query(`${epilogue(out)};COMMIT`);
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => void (broken = true));
        if (attempt < 5 && retryable(e)) {
          await sleep(10 * attempt + Math.random() * 20);
          continue;
        }
        throw e;
      } finally {
        c.release(broken);
      }
    }
  }

  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    await this.ready;
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  // ── writing ────────────────────────────────────────────────────────────────────────────────────

  private async findDup(c: Client | pg.Pool, key: ArticleKey): Promise<{ id: string; matchedOn: 'id' | 'url' | 'text' } | null> {
    if (!key.id && !key.url && !key.textHash) return null;
    const rows = (
      await c.query('SELECT id, id = $1 AS by_id, url = $2 AS by_url, text_hash = $3 AS by_hash FROM articles WHERE id = $1 OR url = $2 OR text_hash = $3', [key.id ?? null, key.url ?? null, key.textHash ?? null])
    ).rows as Row[];
    for (const [col, on] of [['by_id', 'id'], ['by_url', 'url'], ['by_hash', 'text']] as const) {
      const r = rows.find((x) => x[col] === true);
      if (r) return { id: String(r.id), matchedOn: on };
    }
    return null;
  }

  /** Stored articles that share a MinHash band with these keys (bands: the band of each key, default its index). */
  private async candidates(c: Client, keys: number[], bands: number[] = keys.map((_, b) => b)): Promise<Candidate[]> {
    const rows = (
      await c.query({
        name: 'parley-candidates',
        text: `SELECT a.art, a.id, a.minhash, a.dup_of, a.similarity, a.ord, a.seq FROM articles a
               WHERE a.art IN (SELECT l.art FROM lsh l JOIN unnest($1::smallint[], $2::integer[]) k(band, key) ON l.band = k.band AND l.key = k.key)`,
        values: [bands, keys],
      })
    ).rows as Row[];
    return rows.map((r) => ({
      art: Number(r.art),
      id: String(r.id),
      sig: sigFromBytes(r.minhash as Buffer),
      dupOf: str(r.dup_of),
      similarity: numOrNull(r.similarity),
      ord: Number(r.ord),
      seq: Number(r.seq),
    }));
  }

  /** The near-duplicate rule of the SQLite store: the most similar candidate's canonical copy. */
  private best(sig: Uint32Array, cands: Candidate[]): { id: string; similarity: number } | null {
    let best: { id: string; similarity: number } | null = null;
    for (const a of cands) {
      const s = similarity(sig, a.sig);
      const canonical = a.dupOf ?? a.id;
      if (s >= this.threshold && (!best || s > best.similarity || (s === best.similarity && canonical < best.id))) best = { id: canonical, similarity: s };
    }
    return best;
  }

  /**
   * Resolves again, in order, the stored articles that come after a new one in the near-duplicate
   * order and may now resolve differently: its band neighbours, then the neighbours of every article
   * whose canonical copy changed. Each article is resolved once, against the articles before it.
   */
  private async replay(c: Client, start: Candidate[]): Promise<void> {
    const pending = new Map(start.map((x) => [x.art, x]));
    const done = new Set<number>();
    while (pending.size) {
      let r: Candidate | null = null;
      for (const x of pending.values()) if (!r || cmpKey(x, r) < 0) r = x;
      pending.delete(r!.art);
      const cur = r!;
      done.add(cur.art);
      const cands = (await this.candidates(c, bandKeys(cur.sig))).filter((x) => x.art !== cur.art);
      const near = this.best(
        cur.sig,
        cands.filter((x) => cmpKey(x, cur) < 0),
      );
      const dupOf = near?.id ?? null;
      const sim = near?.similarity ?? null;
      if (dupOf === cur.dupOf && sim === cur.similarity) continue;
      await c.query('UPDATE articles SET dup_of = $1, similarity = $2 WHERE art = $3', [dupOf, sim, cur.art]);
      if (dupOf === cur.dupOf) continue;
      for (const x of cands) if (cmpKey(x, cur) > 0 && !done.has(x.art)) pending.set(x.art, x);
    }
  }

  /** One multi-row INSERT per chunk of rows. */
  private async insertRows(c: Client, table: string, cols: string[], rows: unknown[][], conflict = ''): Promise<void> {
    const per = Math.max(1, Math.floor(PARAMS_MAX / cols.length));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const params: unknown[] = [];
      const values = chunk.map((row) => `(${row.map((v) => `$${params.push(typeof v === 'string' ? noNul(v) : v)}`).join(', ')})`);
      await c.query(`INSERT INTO ${table} (${cols.map((x) => (x === 'end' ? '"end"' : x)).join(', ')}) VALUES ${values.join(', ')} ${conflict}`, params);
    }
  }

  private static readonly MENTION_COLS = ['art', 'eid', 'type', 'mode', 'cameo', 'goldstein', 'quad', 'modality', 'actors', 'recipients', 'names', 'date', 'date_text', 'loc_name', 'loc_code', 'lat', 'lon', 'geoname_id', 'trigger_start', 'trigger_end', 'trigger_text', 'sent_start', 'sent_end', 'sentence', 'in_lead', 'confidence'];
  private static readonly QUOTE_COLS = ['art', 'qid', 'kind', 'text', 'speaker', 'speaker_name', 'speaker_code', 'start', 'end'];
  private static readonly COMMIT_COLS = ['art', 'cid', 'parties', 'action', 'due', 'due_text', 'eid', 'start', 'end'];

  /** An article's event mention, quote and commitment rows (a repeated id replaces the earlier row, as INSERT OR REPLACE does). */
  private rowsOf(art: number, r: ArticleResult, source: string | null): RowSets {
    const mentions = new Map<string, unknown[]>();
    for (const m of eventMentions(r, source)) {
      mentions.set(m.eventId, [
        art, m.eventId, m.type, m.mode, m.cameo, m.goldstein, m.quad, m.modality,
        JSON.stringify(m.actors), JSON.stringify(m.recipients), JSON.stringify(m.names), m.date, m.dateText,
        m.location?.name ?? null, m.location?.code ?? null, m.location?.lat ?? null, m.location?.lon ?? null, m.location?.geonameId ?? null,
        m.trigger.start, m.trigger.end, m.trigger.text, m.sentence.start, m.sentence.end, mentionSentence(r.article, m), m.inLead, m.confidence,
      ]);
    }
    const actors = new Map(r.actors.map((a) => [a.id, a]));
    const quotes = new Map<string, unknown[]>();
    for (const q of r.quotes ?? []) {
      const sp = q.speaker ? actors.get(q.speaker) : undefined;
      quotes.set(q.id, [art, q.id, q.kind, q.text, q.speaker ?? null, sp?.name ?? null, sp?.code ?? null, q.start, q.end]);
    }
    const commits = new Map<string, unknown[]>();
    for (const x of commitmentRecords(r)) commits.set(x.commitmentId, [art, x.commitmentId, JSON.stringify(x.parties), x.action, x.due, x.dueText, x.eventId, x.start, x.end]);
    return { mentions: [...mentions.values()], quotes: [...quotes.values()], commitments: [...commits.values()] };
  }

  /** The rows of one or many articles, one multi-row INSERT per table. */
  private async insertRowSets(c: Client, sets: RowSets[]): Promise<void> {
    // a second row with the same key replaces the first (and its link), as SQLite's INSERT OR REPLACE
    const replace = (cols: string[], key: string[], reset: string[] = []) =>
      `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${[...cols.filter((x) => !key.includes(x)).map((x) => `${x === 'end' ? '"end"' : x} = EXCLUDED.${x === 'end' ? '"end"' : x}`), ...reset].join(', ')}`;
    const mentions = sets.flatMap((x) => x.mentions);
    const quotes = sets.flatMap((x) => x.quotes);
    const commits = sets.flatMap((x) => x.commitments);
    const M = PostgresStore.MENTION_COLS;
    const Q = PostgresStore.QUOTE_COLS;
    const K = PostgresStore.COMMIT_COLS;
    if (mentions.length) await this.insertRows(c, 'mentions', M, mentions, replace(M, ['art', 'eid'], ['event = NULL']));
    if (quotes.length) await this.insertRows(c, 'quotes', Q, quotes, replace(Q, ['art', 'qid']));
    if (commits.length)
      await this.insertRows(c, 'commitments', K, commits, replace(K, ['art', 'cid'], ["status = 'open'", 'late = false', 'looks_for = NULL', 'kept_event = NULL', 'kept_art = NULL', 'kept_eid = NULL', 'kept_date = NULL']));
  }

  private async writeRows(c: Client, art: number, r: ArticleResult, source: string | null): Promise<void> {
    await this.insertRowSets(c, [this.rowsOf(art, r, source)]);
  }

  /**
   * The ingest path: a batch in a few statements (one lookup of duplicates, one of MinHash candidates,
   * one INSERT per table), with the rules of `putOne` applied in memory, item after item. Returns null,
   * having written nothing, when an item comes before a stored (or earlier) near-duplicate candidate in
   * the near-duplicate order: that needs `replay`, and the batch goes the one-by-one way.
   */
  private async putBatch(c: Client, items: Array<{ result: ArticleResult; meta?: OrderedArticleMeta }>): Promise<PutOutcome[] | null> {
    const prep = items.map(({ result, meta = {} }, i) => {
      const a = result.article;
      const sig = meta.minhash ?? minhash(a.text);
      return {
        result,
        meta,
        a,
        hash: meta.textHash ?? textHash(a.text),
        sig,
        keys: bandKeys(sig),
        // provisional arts: after every stored article, in batch order, as the real ones will be
        key: { ord: meta.order ?? nowMicros(), seq: meta.orderSeq ?? 0, art: Number.MAX_SAFE_INTEGER - items.length + i },
      };
    });
    const dupRows = (
      await c.query({
        name: 'parley-dups',
        text: 'SELECT id, url, text_hash FROM articles WHERE id = ANY($1::text[]) OR url = ANY($2::text[]) OR text_hash = ANY($3::text[])',
        values: [prep.map((p) => p.a.id), prep.flatMap((p) => (p.a.url ? [p.a.url] : [])), prep.map((p) => p.hash)],
      })
    ).rows as Row[];
    const byId = new Map<string, string>();
    const byUrl = new Map<string, string>();
    const byHash = new Map<string, string>();
    for (const r of dupRows) {
      byId.set(String(r.id), String(r.id));
      if (r.url != null) byUrl.set(String(r.url), String(r.id));
      byHash.set(String(r.text_hash), String(r.id));
    }
    const stored = await this.candidates(
      c,
      prep.flatMap((p) => p.keys),
      prep.flatMap((p) => p.keys.map((_, b) => b)),
    );
    const storedKeys = stored.map((x) => bandKeys(x.sig));
    const shares = (a: number[], b: number[]) => a.some((k, band) => b[band] === k);
    const accepted: Array<(typeof prep)[number] & { near: { id: string; similarity: number } | null }> = [];
    const outs: PutOutcome[] = [];
    for (const p of prep) {
      const dupId = byId.get(p.a.id) ?? (p.a.url ? byUrl.get(p.a.url) : undefined) ?? byHash.get(p.hash);
      if (dupId) {
        const matchedOn = byId.has(p.a.id) ? 'id' : p.a.url && byUrl.has(p.a.url) ? 'url' : 'text';
        outs.push({ status: 'duplicate', id: dupId, matchedOn });
        continue;
      }
      const cands: Candidate[] = [];
      stored.forEach((x, k) => {
        if (shares(p.keys, storedKeys[k])) cands.push(x);
      });
      for (const q of accepted)
        if (shares(p.keys, q.keys)) cands.push({ art: q.key.art, ord: q.key.ord, seq: q.key.seq, id: q.a.id, sig: q.sig, dupOf: q.near?.id ?? null, similarity: q.near?.similarity ?? null });
      if (cands.some((x) => cmpKey(x, p.key) > 0)) return null; // out of order: replay needed
      const near = this.best(p.sig, cands);
      accepted.push({ ...p, near });
      byId.set(p.a.id, p.a.id);
      if (p.a.url) byUrl.set(p.a.url, p.a.id);
      byHash.set(p.hash, p.a.id);
      outs.push(near ? { status: 'near-duplicate', id: p.a.id, nearDuplicateOf: near.id, similarity: near.similarity } : { status: 'new', id: p.a.id });
    }
    if (!accepted.length) return outs;
    const cols = ['id', 'url', 'text_hash', 'date', 'title', 'dateline', 'lang', 'source', 'text', 'result', 'tone', 'dup_of', 'similarity', 'minhash', 'engine', 'ord', 'seq'];
    const params: unknown[] = [];
    const values = accepted.map((p) => {
      const a = p.a;
      const row = [
        a.id, a.url, p.hash, a.date, a.title, a.dateline, a.lang, articleSource(a.url, p.meta.source), a.text,
        p.meta.packed ? Buffer.from(p.meta.packed.buffer, p.meta.packed.byteOffset, p.meta.packed.byteLength) : encodeResult(p.result),
        p.result.tone ?? null, p.near?.id ?? null, p.near?.similarity ?? null, sigToBytes(p.sig), p.meta.engine ?? null, p.key.ord, p.key.seq,
      ];
      return `(${row.map((v) => `$${params.push(typeof v === 'string' ? noNul(v) : v)}`).join(', ')})`;
    });
    const ins = (await c.query(`INSERT INTO articles (${cols.join(', ')}) VALUES ${values.join(', ')} RETURNING art, id`, params)).rows as Row[];
    const artOf = new Map(ins.map((r) => [String(r.id), Number(r.art)]));
    const lsh = { band: [] as number[], key: [] as number[], art: [] as number[] };
    for (const p of accepted)
      p.keys.forEach((k, band) => {
        lsh.band.push(band);
        lsh.key.push(k);
        lsh.art.push(artOf.get(p.a.id)!);
      });
    await c.query({ name: 'parley-lsh', text: 'INSERT INTO lsh (band, key, art) SELECT * FROM unnest($1::smallint[], $2::integer[], $3::bigint[]) ON CONFLICT DO NOTHING', values: [lsh.band, lsh.key, lsh.art] });
    await this.insertRowSets(
      c,
      accepted.map((p) => this.rowsOf(artOf.get(p.a.id)!, p.result, articleSource(p.a.url, p.meta.source))),
    );
    return outs;
  }

  private async putOne(c: Client, result: ArticleResult, meta: OrderedArticleMeta = {}): Promise<PutOutcome> {
    const a = result.article;
    const hash = meta.textHash ?? textHash(a.text);
    const dup = await this.findDup(c, { id: a.id, url: a.url, textHash: hash });
    if (dup) return { status: 'duplicate', id: dup.id, matchedOn: dup.matchedOn };
    const sig = meta.minhash ?? minhash(a.text);
    const keys = bandKeys(sig);
    const key = { ord: meta.order ?? nowMicros(), seq: meta.orderSeq ?? 0, art: Number.MAX_SAFE_INTEGER };
    const cands = await this.candidates(c, keys);
    const near = this.best(
      sig,
      cands.filter((x) => cmpKey(x, key) < 0),
    );
    const source = articleSource(a.url, meta.source);
    const packed = meta.packed ? Buffer.from(meta.packed.buffer, meta.packed.byteOffset, meta.packed.byteLength) : encodeResult(result);
    const ins = await c.query(
      `INSERT INTO articles (id, url, text_hash, date, title, dateline, lang, source, text, result, tone, dup_of, similarity, minhash, engine, ord, seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING art`,
      [a.id, a.url, hash, a.date, a.title == null ? null : noNul(a.title), a.dateline == null ? null : noNul(a.dateline), a.lang, source, noNul(a.text), packed, result.tone ?? null, near?.id ?? null, near?.similarity ?? null, sigToBytes(sig), meta.engine ?? null, key.ord, key.seq],
    );
    const art = Number((ins.rows[0] as Row).art);
    await c.query('INSERT INTO lsh (band, key, art) SELECT band, key, $3 FROM unnest($1::smallint[], $2::integer[]) k(band, key) ON CONFLICT DO NOTHING', [keys.map((_, b) => b), keys, art]);
    await this.writeRows(c, art, result, source);
    const later = cands.filter((x) => cmpKey(x, key) > 0);
    if (later.length) await this.replay(c, later);
    return near ? { status: 'near-duplicate', id: a.id, nearDuplicateOf: near.id, similarity: near.similarity } : { status: 'new', id: a.id };
  }

  /** A write transaction: the write lock first, the version bump last (when something changed). */
  private write<T>(body: (c: Client) => Promise<T>, changed: (out: T) => boolean = () => true): Promise<T> {
    return this.tx(body, 'READ COMMITTED', `SELECT pg_advisory_xact_lock(${this.writeLock})`, (out) =>
      changed(out) ? `UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'version'` : '',
    );
  }

  private static stored = (outs: PutOutcome[]) => outs.some((o) => o.status !== 'duplicate');

  async findDuplicate(key: ArticleKey) {
    await this.ready;
    return this.findDup(this.pool, key);
  }

  async hasArticle(key: ArticleKey): Promise<boolean> {
    return (await this.findDuplicate(key)) != null;
  }

  async putArticle(result: ArticleResult, meta?: OrderedArticleMeta): Promise<PutOutcome> {
    return (await this.write(async (c) => [await this.putOne(c, result, meta)], PostgresStore.stored))[0];
  }

  async putArticles(items: Array<{ result: ArticleResult; meta?: OrderedArticleMeta }>): Promise<PutOutcome[]> {
    if (!items.length) return [];
    return this.write(async (c) => {
      const fast = await this.putBatch(c, items);
      if (fast) return fast;
      const out: PutOutcome[] = [];
      for (const i of items) out.push(await this.putOne(c, i.result, i.meta));
      return out;
    }, PostgresStore.stored);
  }

  async replaceResult(result: ArticleResult, meta: ArticleMeta = {}): Promise<void> {
    const row = (await this.q('SELECT art FROM articles WHERE id = $1', [result.article.id]))[0];
    if (!row) throw new Error(`no stored article "${result.article.id}"`);
    await this.write(async (c) => {
      const cur = (await c.query('SELECT art, source FROM articles WHERE id = $1', [result.article.id])).rows[0] as Row | undefined;
      if (!cur) throw new Error(`no stored article "${result.article.id}"`);
      const art = Number(cur.art);
      const a = result.article;
      const packed = meta.packed ? Buffer.from(meta.packed.buffer, meta.packed.byteOffset, meta.packed.byteLength) : encodeResult(result);
      await c.query('UPDATE articles SET result = $1, tone = $2, engine = $3, date = $4, title = $5, dateline = $6 WHERE art = $7', [
        packed, result.tone ?? null, meta.engine ?? null, a.date, a.title == null ? null : noNul(a.title), a.dateline == null ? null : noNul(a.dateline), art,
      ]);
      await c.query('DELETE FROM mentions WHERE art = $1', [art]);
      await c.query('DELETE FROM quotes WHERE art = $1', [art]);
      await c.query('DELETE FROM commitments WHERE art = $1', [art]);
      await this.writeRows(c, art, result, str(cur.source));
    });
  }

  // ── reading articles ───────────────────────────────────────────────────────────────────────────

  private toStored(r: Row): StoredArticle {
    return {
      result: decodeResult(r.result as Buffer, String(r.text)),
      source: str(r.source),
      engine: str(r.engine),
      nearDuplicateOf: str(r.dup_of),
      ingestedAt: (r.ingested_at as Date).toISOString(),
    };
  }

  private static readonly ARTICLE_COLS = 'art, id, source, engine, dup_of, ingested_at, text, result';

  async getArticle(id: string): Promise<StoredArticle | null> {
    const r = (await this.q(`SELECT ${PostgresStore.ARTICLE_COLS} FROM articles WHERE id = $1`, [id]))[0];
    return r ? this.toStored(r) : null;
  }

  async *articles(opts: { staleFor?: string; batch?: number } = {}): AsyncIterable<StoredArticle> {
    const batch = opts.batch ?? 500;
    const stale = opts.staleFor != null;
    let after = 0;
    for (;;) {
      const rows = await this.q(
        `SELECT ${PostgresStore.ARTICLE_COLS} FROM articles WHERE art > $1 ${stale ? 'AND engine IS DISTINCT FROM $3' : ''} ORDER BY art LIMIT $2`,
        stale ? [after, batch, opts.staleFor] : [after, batch],
      );
      if (!rows.length) return;
      after = Number(rows[rows.length - 1].art);
      for (const r of rows) yield this.toStored(r);
    }
  }

  async countArticles(opts: { staleFor?: string } = {}): Promise<number> {
    const r = opts.staleFor != null ? await this.q('SELECT count(*) n FROM articles WHERE engine IS DISTINCT FROM $1', [opts.staleFor]) : await this.q('SELECT count(*) n FROM articles');
    return Number(r[0].n);
  }

  // ── linking ────────────────────────────────────────────────────────────────────────────────────

  private async loadMentions(c: Client): Promise<{ mentions: EventMention[]; arts: Map<string, number> }> {
    const rows = (
      await c.query(
        `SELECT m.eid, m.type, m.mode, m.cameo, m.goldstein, m.quad, m.modality, m.actors, m.recipients, m.names, m.date, m.date_text,
                m.loc_name, m.loc_code, m.lat, m.lon, m.geoname_id, m.trigger_start, m.trigger_end, m.trigger_text, m.sent_start, m.sent_end,
                m.in_lead, m.confidence, a.id AS article_id, a.date AS article_date, a.source AS source, a.tone AS tone, a.art AS art
         FROM mentions m JOIN articles a ON a.art = m.art WHERE a.dup_of IS NULL`,
      )
    ).rows as Row[];
    const arts = new Map<string, number>();
    const mentions = rows.map((r): EventMention => {
      arts.set(String(r.article_id), Number(r.art));
      return {
        articleId: String(r.article_id),
        eventId: String(r.eid),
        articleDate: str(r.article_date),
        source: str(r.source),
        type: String(r.type),
        mode: str(r.mode),
        cameo: str(r.cameo),
        goldstein: numOrNull(r.goldstein),
        quad: numOrNull(r.quad),
        modality: r.modality as Modality,
        actors: json(r.actors),
        recipients: json(r.recipients),
        names: json(r.names),
        date: str(r.date),
        dateText: str(r.date_text),
        location: placeOf(r),
        trigger: { start: Number(r.trigger_start), end: Number(r.trigger_end), text: String(r.trigger_text) },
        sentence: { start: Number(r.sent_start), end: Number(r.sent_end) },
        inLead: !!r.in_lead,
        confidence: Number(r.confidence ?? 1),
        tone: numOrNull(r.tone),
      };
    });
    return { mentions, arts };
  }

  /** The link, in the caller's REPEATABLE READ transaction. `version` is what the snapshot saw. */
  private async linkIn(c: Client, asOfOpt: string | undefined, version: number): Promise<LinkStats> {
    const { mentions, arts } = await this.loadMentions(c);
    const events = linkEvents(mentions);
    const asOf = asOfOpt ?? str(((await c.query('SELECT max(date) d FROM articles')).rows[0] as Row).d);
    const commitRows = (
      await c.query(
        `SELECT c.art, c.cid, c.parties, c.action, c.due, c.due_text, c.eid, c.start, c."end", a.id AS article_id, a.date AS article_date,
                em.type AS ev_type, em.modality AS ev_modality, em.actors AS ev_actors, em.recipients AS ev_recipients
         FROM commitments c JOIN articles a ON a.art = c.art LEFT JOIN mentions em ON em.art = c.art AND em.eid = c.eid
         WHERE a.dup_of IS NULL ORDER BY c.art, c.cid`,
      )
    ).rows as Row[];
    const records: Array<CommitmentRecord & { art: number }> = commitRows.map((r) => {
      const ev = r.eid != null && r.ev_type != null;
      return {
        art: Number(r.art),
        articleId: String(r.article_id),
        commitmentId: String(r.cid),
        articleDate: str(r.article_date),
        parties: json(r.parties),
        action: String(r.action),
        due: str(r.due),
        dueText: str(r.due_text),
        eventId: str(r.eid),
        eventType: ev ? String(r.ev_type) : null,
        eventModality: ev ? (r.ev_modality as Modality) : null,
        eventParticipants: ev ? [...new Set([...json<string[]>(r.ev_actors), ...json<string[]>(r.ev_recipients)])].sort() : [],
        start: Number(r.start),
        end: Number(r.end),
      };
    });
    const checks = checkCommitments(records, events, asOf);

    // the first report's URL and sentence, for each event
    const firsts = events.map((e) => e.mentions[0]);
    const urls = new Map<string, string | null>();
    const sentences = new Map<string, string>();
    for (let i = 0; i < firsts.length; i += 5000) {
      const part = firsts.slice(i, i + 5000);
      const ids = [...new Set(part.map((m) => m.articleId))];
      for (const r of (await c.query('SELECT id, url FROM articles WHERE id = ANY($1::text[])', [ids])).rows as Row[]) urls.set(String(r.id), str(r.url));
      const rs = await c.query('SELECT m.art, m.eid, m.sentence FROM mentions m JOIN unnest($1::bigint[], $2::text[]) k(art, eid) ON m.art = k.art AND m.eid = k.eid', [
        part.map((m) => arts.get(m.articleId)!),
        part.map((m) => m.eventId),
      ]);
      for (const r of rs.rows as Row[]) sentences.set(`${String(r.art)}#${String(r.eid)}`, String(r.sentence));
    }

    await c.query('DELETE FROM events');
    await c.query('DELETE FROM event_parts');
    const eventCols = ['id', 'date', 'type', 'mode', 'modality', 'cameo', 'goldstein', 'quad', 'actors', 'recipients', 'names', 'loc_name', 'loc_code', 'lat', 'lon', 'geoname_id', 'num_mentions', 'num_articles', 'num_sources', 'tone', 'is_root', 'first_art', 'url', 'evidence', 'name_words', 'place_words'];
    const eventRows: unknown[][] = [];
    const parts: unknown[][] = [];
    const map: { art: number[]; eid: string[]; event: string[] } = { art: [], eid: [], event: [] };
    for (const e of events) {
      const first = e.mentions[0];
      const words = eventWords(e.names, e.location?.name);
      eventRows.push([
        e.id, e.date, e.type, e.mode, e.modality, e.cameo, e.goldstein, e.quad,
        JSON.stringify(e.actors), JSON.stringify(e.recipients), JSON.stringify(e.names),
        e.location?.name ?? null, e.location?.code ?? null, e.location?.lat ?? null, e.location?.lon ?? null, e.location?.geonameId ?? null,
        e.numMentions, e.numArticles, e.numSources, e.tone, e.isRoot, first.articleId, urls.get(first.articleId) ?? null,
        sentences.get(`${arts.get(first.articleId)}#${first.eventId}`) ?? first.trigger.text,
        words.name, words.place,
      ]);
      const seen = new Set<string>();
      for (const [codes, role] of [[e.actors, 'actor'], [e.recipients, 'recipient']] as const)
        for (const code of codes) {
          if (seen.has(`${code}|${role}`)) continue;
          seen.add(`${code}|${role}`);
          parts.push([code, e.id, role]);
        }
      for (const m of e.mentions) {
        map.art.push(arts.get(m.articleId)!);
        map.eid.push(m.eventId);
        map.event.push(e.id);
      }
    }
    if (eventRows.length) await this.insertRows(c, 'events', eventCols, eventRows);
    if (parts.length) await this.insertRows(c, 'event_parts', ['code', 'event', 'role'], parts, 'ON CONFLICT DO NOTHING');
    // each mention's linked event: only the rows that change are written
    await c.query('CREATE TEMP TABLE link_map (art bigint, eid text COLLATE "C", event text COLLATE "C", PRIMARY KEY (art, eid)) ON COMMIT DROP');
    if (map.art.length) await c.query('INSERT INTO link_map SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING', [map.art, map.eid, map.event]);
    await c.query('ANALYZE link_map');
    await c.query('UPDATE mentions m SET event = l.event FROM link_map l WHERE m.art = l.art AND m.eid = l.eid AND m.event IS DISTINCT FROM l.event');
    await c.query('UPDATE mentions m SET event = NULL WHERE m.event IS NOT NULL AND NOT EXISTS (SELECT 1 FROM link_map l WHERE l.art = m.art AND l.eid = m.eid)');

    const counts: Record<CommitmentStatus, number> = { kept: 0, overdue: 0, open: 0 };
    if (records.length) {
      const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
      records.forEach((r, i) => {
        const k = checks[i];
        counts[k.status]++;
        [r.art, r.commitmentId, k.status, k.late, JSON.stringify(k.types), k.keptBy?.event ?? null, k.keptBy?.articleId ?? null, k.keptBy?.eventId ?? null, k.keptBy?.date ?? null].forEach((v, j) => cols[j].push(v));
      });
      await c.query(
        `UPDATE commitments c SET status = u.status, late = u.late, looks_for = u.looks_for, kept_event = u.kept_event, kept_art = u.kept_art, kept_eid = u.kept_eid, kept_date = u.kept_date
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           u(art, cid, status, late, looks_for, kept_event, kept_art, kept_eid, kept_date)
         WHERE c.art = u.art AND c.cid = u.cid`,
        cols,
      );
    }
    await c.query(`INSERT INTO meta (key, value) VALUES ('linked_as_of', $1), ('linked_version', $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [asOf ?? '', String(version)]);
    return { mentions: mentions.length, events: events.length, commitments: counts, asOf };
  }

  /**
   * Links under the link lock, in a REPEATABLE READ snapshot (again on a serialization failure).
   * With `ifChanged`, returns null without linking when no write happened since the last link; with
   * `wait: false`, returns null at once when another process holds the link lock.
   */
  private async linkLocked(asOf: string | undefined, ifChanged: boolean, wait = true): Promise<LinkStats | null> {
    await this.ready;
    const lock = await this.pool.connect();
    let broken = false;
    try {
      if (wait) await lock.query('SELECT pg_advisory_lock($1)', [this.linkLock]);
      else if (!((await lock.query('SELECT pg_try_advisory_lock($1) AS ok', [this.linkLock])).rows[0] as Row).ok) return null;
      try {
        return await this.tx(async (c) => {
          const meta = new Map(((await c.query(`SELECT key, value FROM meta WHERE key IN ('version', 'linked_version')`)).rows as Row[]).map((r) => [String(r.key), String(r.value)]));
          const version = Number(meta.get('version') ?? 0);
          if (ifChanged && meta.has('linked_version') && Number(meta.get('linked_version')) >= version) return null;
          return this.linkIn(c, asOf, version);
        }, 'REPEATABLE READ');
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [this.linkLock]).catch(() => void (broken = true));
      }
    } finally {
      lock.release(broken);
    }
  }

  async link(opts: { asOf?: string } = {}): Promise<LinkStats> {
    return (await this.linkLocked(opts.asOf, false))!;
  }

  /**
   * Links when something was written since the last link (workers call this when the queue is empty);
   * null when there was nothing to do, or, with `wait: false`, when another process is linking.
   */
  async linkIfChanged(opts: { asOf?: string; wait?: boolean } = {}): Promise<LinkStats | null> {
    return this.linkLocked(opts.asOf, true, opts.wait ?? true);
  }

  async linkState(): Promise<LinkState> {
    const meta = new Map((await this.q(`SELECT key, value FROM meta WHERE key IN ('version', 'linked_version', 'linked_as_of')`)).map((r) => [String(r.key), String(r.value)]));
    return {
      version: Number(meta.get('version') ?? 0),
      linkedVersion: meta.has('linked_version') ? Number(meta.get('linked_version')) : null,
      linkedAsOf: meta.get('linked_as_of') || null,
    };
  }

  // ── querying ───────────────────────────────────────────────────────────────────────────────────

  private toEventRow(r: Row): EventRow {
    return {
      id: String(r.id),
      date: str(r.date),
      type: String(r.type),
      mode: str(r.mode),
      modality: r.modality as Modality,
      cameo: str(r.cameo),
      goldstein: numOrNull(r.goldstein),
      quad: numOrNull(r.quad),
      actors: json(r.actors),
      recipients: json(r.recipients),
      names: json(r.names),
      place: placeOf(r),
      numMentions: Number(r.num_mentions),
      numArticles: Number(r.num_articles),
      numSources: Number(r.num_sources),
      tone: numOrNull(r.tone),
      isRoot: !!r.is_root,
      firstArticle: String(r.first_art),
      url: str(r.url),
      evidence: String(r.evidence),
    };
  }

  /** The WHERE clause and parameters for the filters (shared by query, events and dyad), as in SQLite. */
  private where(f: QueryFilters, params: unknown[] = []): { sql: string; params: unknown[] } {
    const w: string[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const codeLike = (s: string) => /^[A-Z][A-Z0-9_]{1,15}$/.test(s);
    if (f.actor?.length) {
      // a name: all its words among the words of the event's participants' names (a name without words matches nothing)
      const ors = f.actor.map((a) => {
        if (codeLike(a)) return `e.id IN (SELECT event FROM event_parts WHERE code = ${p(a)})`;
        const words = searchWords(a);
        return words.length ? `e.name_words @> ${p(words)}::text[]` : 'false';
      });
      w.push(`(${ors.join(' OR ')})`);
    }
    if (f.country?.length) w.push(`e.loc_code = ANY(${p(f.country.map((c) => c.toUpperCase()))}::text[])`);
    if (f.dyad) {
      const [a, b] = f.dyad.map((c) => c.toUpperCase());
      if (f.directed) w.push(`e.id IN (SELECT event FROM event_parts WHERE code = ${p(a)} AND role = 'actor') AND e.id IN (SELECT event FROM event_parts WHERE code = ${p(b)} AND role = 'recipient')`);
      else w.push(`e.id IN (SELECT event FROM event_parts WHERE code = ${p(a)}) AND e.id IN (SELECT event FROM event_parts WHERE code = ${p(b)})`);
    }
    if (f.type?.length) {
      const ors = f.type.map((t) => (/^\d+$/.test(t) ? `e.cameo LIKE ${p(`${t}%`)}` : `e.type = ${p(t.toUpperCase())}`));
      w.push(`(${ors.join(' OR ')})`);
    }
    // a month or year date matches when its period reaches the bound
    if (f.from) w.push(`e.date >= substr(${p(f.from)}::text, 1, length(e.date))`);
    // "2022-07" as an upper bound takes the whole month
    if (f.to) w.push(`e.date <= ${p(f.to.length < 10 ? f.to + '\uffff' : f.to)}::text`);
    if (f.place) {
      const words = searchWords(f.place);
      w.push(words.length ? `e.place_words @> ${p(words)}::text[]` : 'false');
    }
    if (f.modality?.length) w.push(`e.modality = ANY(${p(f.modality)}::text[])`);
    if (f.text) w.push(`e.id IN (SELECT m.event FROM articles a JOIN mentions m ON m.art = a.art WHERE a.tsv @@ ${ftsToTsquery(f.text, p)} AND m.event IS NOT NULL)`);
    if (f.minSources) w.push(`e.num_sources >= ${p(f.minSources)}`);
    return { sql: w.length ? 'WHERE ' + w.join(' AND ') : '', params };
  }

  private static readonly ORDER = 'ORDER BY e.date IS NULL, e.date, e.type, e.id';

  async query(f: QueryFilters = {}): Promise<EventRow[]> {
    const { sql, params } = this.where(f);
    const rows = await this.q(`SELECT e.* FROM events e ${sql} ${PostgresStore.ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, f.limit ?? null, f.offset ?? 0]);
    return rows.map((r) => this.toEventRow(r));
  }

  private static readonly MENTION_SQL = `SELECT m.*, a.id AS article_id, a.date AS article_date, a.source, a.url FROM mentions m JOIN articles a ON a.art = m.art`;
  private static readonly MENTION_ORDER = 'ORDER BY a.date NULLS FIRST, a.id, m.eid';

  private toMentionRow(r: Row): MentionRow {
    return {
      event: String(r.event),
      articleId: String(r.article_id),
      eventId: String(r.eid),
      articleDate: str(r.article_date),
      source: str(r.source),
      url: str(r.url),
      trigger: { start: Number(r.trigger_start), end: Number(r.trigger_end), text: String(r.trigger_text) },
      sentence: { start: Number(r.sent_start), end: Number(r.sent_end), text: String(r.sentence) },
      inLead: !!r.in_lead,
      confidence: Number(r.confidence ?? 1),
      date: str(r.date),
      dateText: str(r.date_text),
    };
  }

  async mentions(eventId: string): Promise<MentionRow[]> {
    return (await this.q(`${PostgresStore.MENTION_SQL} WHERE m.event = $1 ${PostgresStore.MENTION_ORDER}`, [eventId])).map((m) => this.toMentionRow(m));
  }

  /** Every matching event with its mentions, read in pages (keyset on the sort order), for exports. */
  async *events(f: QueryFilters = {}): AsyncIterable<{ event: EventRow; mentions: MentionRow[] }> {
    const page = 500;
    let after: [boolean, string, string, string] | null = null;
    for (;;) {
      const { sql, params } = this.where(f);
      let cond = '';
      if (after) {
        const at = params.length;
        params.push(...after);
        cond = `${sql ? 'AND' : 'WHERE'} (e.date IS NULL, coalesce(e.date, ''), e.type, e.id) > ($${at + 1}::boolean, $${at + 2}::text COLLATE "C", $${at + 3}::text COLLATE "C", $${at + 4}::text COLLATE "C")`;
      }
      const rows = await this.q(`SELECT e.* FROM events e ${sql} ${cond} ${PostgresStore.ORDER} LIMIT ${page}`, params);
      if (!rows.length) return;
      const evs = rows.map((r) => this.toEventRow(r));
      const ms = new Map<string, MentionRow[]>();
      for (const m of await this.q(`${PostgresStore.MENTION_SQL} WHERE m.event = ANY($1::text[]) ${PostgresStore.MENTION_ORDER}`, [evs.map((e) => e.id)])) {
        const row = this.toMentionRow(m);
        let list = ms.get(row.event);
        if (!list) ms.set(row.event, (list = []));
        list.push(row);
      }
      for (const event of evs) yield { event, mentions: ms.get(event.id) ?? [] };
      const last = evs[evs.length - 1];
      after = [last.date == null, last.date ?? '', last.type, last.id];
      if (rows.length < page) return;
    }
  }

  async dyad(a: string, b: string, opts: DyadOptions): Promise<DyadRow[]> {
    const { sql, params } = this.where({ dyad: [a, b], directed: opts.directed, from: opts.from, to: opts.to, modality: opts.modality ?? ['asserted'] });
    const rows = await this.q(`SELECT e.date, e.type, e.goldstein, e.quad, e.tone FROM events e ${sql} AND e.date IS NOT NULL ORDER BY e.date`, params);
    return dyadSeries(rows, opts.by);
  }

  async commitments(status?: CommitmentStatus): Promise<CommitmentRow[]> {
    const rows = await this.q(
      `SELECT c.*, a.id AS article_id, a.date AS article_date, m.sentence AS kept_sentence
       FROM commitments c JOIN articles a ON a.art = c.art
       LEFT JOIN articles ka ON ka.id = c.kept_art LEFT JOIN mentions m ON m.art = ka.art AND m.eid = c.kept_eid
       WHERE a.dup_of IS NULL ${status ? 'AND c.status = $1' : ''} ORDER BY a.date NULLS FIRST, a.id, c.cid`,
      status ? [status] : [],
    );
    return rows.map((r) => ({
      articleId: String(r.article_id),
      commitmentId: String(r.cid),
      madeOn: str(r.article_date),
      parties: json(r.parties),
      action: String(r.action),
      due: str(r.due),
      dueText: str(r.due_text),
      status: r.status as CommitmentStatus,
      late: !!r.late,
      looksFor: r.looks_for ? json(r.looks_for) : [],
      keptBy: r.kept_event ? { event: String(r.kept_event), date: str(r.kept_date), articleId: String(r.kept_art), eventId: String(r.kept_eid), evidence: String(r.kept_sentence ?? '') } : null,
    }));
  }

  async stats(): Promise<StoreStats> {
    const [r] = await this.q(
      `SELECT (SELECT count(*) FROM articles) articles, (SELECT count(*) FROM articles WHERE dup_of IS NOT NULL) near,
              (SELECT count(*) FROM mentions) mentions, (SELECT count(*) FROM events) events,
              (SELECT count(*) FROM quotes) quotes, (SELECT count(*) FROM commitments) commitments,
              (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = $1 AND c.relkind = 'r') bytes`,
      [this.schema],
    );
    return {
      articles: Number(r.articles),
      nearDuplicates: Number(r.near),
      eventMentions: Number(r.mentions),
      events: Number(r.events),
      quotes: Number(r.quotes),
      commitments: Number(r.commitments),
      bytes: Number(r.bytes),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
