/**
 * Crash safety: `parley ingest` (and `parley worker`) killed with SIGKILL mid-run, then run again to
 * the end. Afterwards the store is sound (SQLite: PRAGMA integrity_check and the FTS index's own check;
 * PostgreSQL: amcheck on every index and table when the extension is available, and no unvalidated
 * constraint), every article is there exactly once (by id, URL and text hash), no row belongs to an
 * article that is not there, and the store's content (articles with their full results,
 * near-duplicate marks, linked events with their mentions, commitments with their status, the row
 * counts of the tables) is what one clean, uninterrupted SQLite run into a fresh store gives.
 *
 * Articles: a sample of ../shared/corpora/benchmark.jsonl read at test time (never copied into the
 * project; it has repeats, so duplicates are in), or articles written by the test when it is not there.
 * PARLEY_CRASH_ARTICLES=N runs another count (default 200).
 *
 * - SQLite: ingest killed three times on the same store, each run after the last, each time while it
 *   holds the write lock (the test's probe, BEGIN IMMEDIATE, is refused): early, half-way, and while
 *   linking after its last commit; then run to the end. Small write transactions (--batch 20). The
 *   state each kill left is checked too (on a copy, so that the next run, not the check, recovers it).
 * - PostgreSQL: `parley ingest --db postgres://…` killed while it holds the write lock (inside a write
 *   transaction), then run again.
 * - NATS + PostgreSQL: a worker killed while it holds the write lock; the publisher run again (with
 *   --db: it skips what is stored; the server drops what is still queued as a repeat); a second
 *   worker finishes (the killed worker's messages come to it after ack_wait). test/fault.test.ts
 *   covers two workers sharing the queue with one killed at an arbitrary point on 2,000 articles.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { ingest } from '../src/adapters/ingest/run.js';
import { enqueue } from '../src/adapters/queue/enqueue.js';
import { WorkQueue } from '../src/adapters/queue/nats.js';
import { openStore } from '../src/adapters/store/index.js';
import { PostgresStore } from '../src/adapters/store/postgres.js';
import type { Store } from '../src/adapters/store/types.js';
import { benchmarkCorpus, makeArticles, parleyProcess, sampleCorpus, waitFor, writeJsonl, type Child } from './helpers/distributed.js';
import { dropSchemas, PG_URL, pgUrl, queueUrl, servicesUp, uniqueName } from './helpers/services.js';

const up = await servicesUp(['pg', 'nats']);
const N = Number(process.env.PARLEY_CRASH_ARTICLES ?? 200);
const BATCH = '20';
const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
const children: Child[] = [];
const schemas: string[] = [];
const streams: string[] = [];

after(async () => {
  for (const c of children) if (c.proc.exitCode == null && c.proc.signalCode == null) c.proc.kill('SIGKILL');
  for (const s of streams) {
    const q = await WorkQueue.connect(queueUrl(s)).catch(() => null);
    await q?.destroy();
    await q?.close();
  }
  if (schemas.length) await dropSchemas(schemas).catch(() => undefined);
});

// ── what is compared ─────────────────────────────────────────────────────────────────────────────

interface Content {
  articles: Map<string, string>;
  events: Map<string, string>;
  commitments: string[];
  stats: Record<string, number>;
  digest: string;
}

/** The store's content through the Store interface, in a canonical form (the same for SQLite and PostgreSQL). */
async function content(s: Store): Promise<Content> {
  const articles = new Map<string, string>();
  for await (const a of s.articles()) {
    const id = a.result.article.id;
    assert.ok(!articles.has(id), `${id} listed twice`);
    articles.set(id, JSON.stringify({ nearDuplicateOf: a.nearDuplicateOf, source: a.source, engine: a.engine, result: a.result }));
  }
  const events = new Map<string, string>();
  for await (const { event, mentions } of s.events()) {
    const ms = mentions.map((m) => JSON.stringify(m)).sort();
    events.set(event.id, JSON.stringify({ event, mentions: ms }));
  }
  const commitments = (await s.commitments()).map((c) => JSON.stringify(c)).sort();
  const { bytes, ...stats } = await s.stats();
  void bytes;
  const h = createHash('sha256');
  for (const m of [articles, events]) for (const k of [...m.keys()].sort()) h.update(`${k}\t${m.get(k)}\n`);
  for (const c of commitments) h.update(`${c}\n`);
  h.update(JSON.stringify(stats));
  return { articles, events, commitments, stats, digest: h.digest('hex').slice(0, 16) };
}

const differing = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();

function assertSameContent(got: Content, want: Content, what: string): void {
  assert.deepEqual(differing(got.articles, want.articles), [], `${what}: articles missing, extra or stored differently from the clean run`);
  assert.deepEqual(differing(got.events, want.events), [], `${what}: linked events that differ from the clean run`);
  assert.deepEqual(got.commitments, want.commitments, `${what}: commitments`);
  assert.deepEqual(got.stats, want.stats, `${what}: counts`);
  assert.equal(got.digest, want.digest);
}

type Row = Record<string, number>;

/**
 * SQLite: integrity_check, every FTS5 index against its content, each article once (id, URL, text
 * hash), no row of an article that is not there; then the row count of every table (FTS shadow
 * tables and meta aside: their rows depend on the history of writes, not on the content). The
 * tables are read from the schema, which grows with the store.
 */
function sqliteChecks(path: string): Row {
  const db = new Database(path);
  try {
    assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }], `${path}: integrity_check`);
    const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string; sql: string }>;
    const fts = tables.filter((t) => /^CREATE VIRTUAL TABLE .* USING fts5/i.test(t.sql)).map((t) => t.name);
    // throws (SQLITE_CORRUPT_VTAB) when an index and its content disagree
    for (const f of fts) {
      try {
        db.prepare(`INSERT INTO "${f}"("${f}", rank) VALUES ('integrity-check', 1)`).run();
      } catch (e) {
        assert.fail(`${path}: the full-text index ${f} does not match its content: ${(e as { code?: string }).code ?? ''} ${(e as Error).message}`);
      }
    }
    const a = db.prepare('SELECT count(*) n, count(DISTINCT id) ids, count(url) urls, count(DISTINCT url) distinctUrls, count(DISTINCT text_hash) hashes FROM articles').get() as Row;
    assert.equal(a.ids, a.n, 'an id stored twice');
    assert.equal(a.distinctUrls, a.urls, 'a URL stored twice');
    assert.equal(a.hashes, a.n, 'a text stored twice');
    const counts: Row = {};
    for (const { name } of tables) {
      if (name === 'meta' || fts.some((f) => name.startsWith(`${f}_`))) continue;
      counts[name] = (db.prepare(`SELECT count(*) n FROM "${name}"`).get() as Row).n;
      const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>).map((c) => c.name);
      if (name !== 'articles' && cols.includes('art')) assert.equal((db.prepare(`SELECT count(*) n FROM "${name}" WHERE art NOT IN (SELECT rowid FROM articles)`).get() as Row).n, 0, `${name}: rows of no article`);
    }
    return counts;
  } finally {
    db.close();
  }
}

/** The state a kill left, checked on a copy (so that the re-run, not this check, recovers the original). */
function sqliteChecksOfCrashState(path: string, tag: string): Row {
  const copy = join(dir, `crashed-${tag}.db`);
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  return sqliteChecks(copy);
}

// ── the articles and the clean run ───────────────────────────────────────────────────────────────

const corpus = benchmarkCorpus();
let file = '';
let clean: Content;
let cleanCounts: Row;
let cleanStored = 0;
let inputDuplicates = 0;

before(async () => {
  file = writeJsonl(join(dir, 'articles.jsonl'), corpus ? sampleCorpus(corpus, N) : makeArticles(N, 'crash'));
  const store = openStore(join(dir, 'clean.db'));
  const s = await ingest({ store, inputs: [file], workers: 1, batchSize: Number(BATCH) });
  clean = await content(store);
  await store.close();
  cleanStored = s.new + s.nearDuplicate;
  inputDuplicates = s.duplicate;
  assert.equal(s.failed, 0);
  cleanCounts = sqliteChecks(join(dir, 'clean.db'));
  assert.equal(cleanCounts.articles, cleanStored);
});

interface IngestJson {
  articles: number;
  new: number;
  nearDuplicate: number;
  duplicate: number;
  failed: number;
}

const ingestArgs = (db: string) => ['ingest', file, '--db', db, '-j', '1', '--batch', BATCH, '--summary', 'json'];

/** Runs the child to its end (bounded) and returns its exit code. */
async function finish(c: Child, ms = 120_000): Promise<number | null | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([c.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]);
  clearTimeout(timer);
  return code;
}

// ── SQLite ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Where the runs are killed, one after the other on the same store: once the store holds so many
 * articles, at a moment the run is inside a write transaction (it holds SQLite's write lock).
 */
const POINTS: Array<[string, (n: number) => boolean]> = [
  ['writing, early', (n) => n >= 1],
  ['writing, half-way', (n) => n >= cleanStored / 2],
  ['linking (after its last commit)', (n) => n >= cleanStored],
];

/** True while another connection holds the write lock (a write transaction is open). */
function writing(db: Database.Database): boolean {
  try {
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  }
}

test('crash (SQLite): ingest killed with SIGKILL three times inside a write transaction (early, half-way, while linking), run again → integrity ok, each article once, the content of a clean run', { timeout: 240_000 }, async (t) => {
  const db = join(dir, 'killed.db');
  for (const [i, [label, when]] of POINTS.entries()) {
    const held = existsSync(db) ? sqliteChecks(db).articles : 0;
    const c = parleyProcess(ingestArgs(db));
    children.push(c);
    let reader: Database.Database | null = null;
    let seen = -1;
    let inWrite = false;
    const due = () => {
      if (!existsSync(db)) return false;
      try {
        reader ??= new Database(db, { fileMustExist: true, timeout: 0 });
        seen = (reader.prepare('SELECT count(*) n FROM articles').get() as Row).n;
      } catch {
        return false; // not created yet
      }
      return seen > held && when(seen) && (inWrite = writing(reader));
    };
    try {
      await waitFor(`run ${i + 1} ${label} (${db})`, () => due() || c.proc.exitCode != null, 120_000, 1);
    } finally {
      (reader as Database.Database | null)?.close(); // before the kill: the re-run, not this reader, recovers the store
    }
    const running = c.proc.exitCode == null;
    if (running) c.proc.kill('SIGKILL');
    const code = await finish(c);
    if (i < 2) assert.equal(c.proc.signalCode, 'SIGKILL', `run ${i + 1} ended before it was killed (exit ${code}): ${c.err}`);
    const crashed = sqliteChecksOfCrashState(db, String(i));
    t.diagnostic(`run ${i + 1}: ${running && inWrite ? `killed ${label}` : 'had already ended, not killed'} with ${seen} articles committed; after the kill ${crashed.articles} of ${cleanStored} stored${crashed.articles === seen && i < 2 ? ' (the open transaction rolled back)' : ''}, integrity ok`);
    assert.ok(crashed.articles >= seen, 'a committed article was lost');
  }
  const stored = sqliteChecks(db).articles;
  const again = parleyProcess(ingestArgs(db));
  children.push(again);
  assert.equal(await finish(again), 0, again.err);
  const s = JSON.parse(again.out) as IngestJson;
  assert.deepEqual([s.new + s.nearDuplicate, s.duplicate, s.failed], [cleanStored - stored, stored + inputDuplicates, 0], 'the last run did only what was left');
  assert.deepEqual(sqliteChecks(db), cleanCounts, 'table counts');
  const store = openStore(db);
  try {
    const got = await content(store);
    assertSameContent(got, clean, 'SQLite after three kills');
    t.diagnostic(`content digest ${got.digest}, as the clean run`);
  } finally {
    await store.close();
  }
});

// ── PostgreSQL, and NATS + PostgreSQL ────────────────────────────────────────────────────────────

/** The store's write lock (postgres.ts: a transaction-level advisory lock per schema) as pg_locks shows it. */
function writeLock(schema: string): { classid: number; objid: number } {
  const key = createHash('sha1').update(`parley:${schema}:write`).digest().readBigInt64BE(0);
  const u = BigInt.asUintN(64, key);
  return { classid: Number(u >> 32n), objid: Number(u & 0xffffffffn) };
}

async function pgClient() {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  return c;
}

/**
 * Waits until at least `min` articles are committed and a process holds the schema's write lock (it
 * is inside a write transaction), then kills `child` with SIGKILL. Returns the articles committed
 * when the lock was seen.
 */
async function killDuringWrite(child: Child, schema: string, min: number): Promise<number> {
  const pg = await pgClient();
  const lock = writeLock(schema);
  let committed = -1;
  try {
    await waitFor(
      `a write transaction in ${schema}`,
      async () => {
        if (child.proc.exitCode != null) throw new Error(`ended before it was seen holding the write lock (is the store's write lock still pg_advisory_xact_lock of sha1("parley:SCHEMA:write")?): ${child.err}`);
        try {
          const r = await pg.query(
            `SELECT (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objid = $2::oid AND objsubid = 1)::int AS locked,
                    (SELECT count(*) FROM ${schema}.articles)::int AS n`,
            [lock.classid, lock.objid],
          );
          const row = r.rows[0] as { locked: number; n: number };
          if (row.locked > 0 && row.n >= min) {
            child.proc.kill('SIGKILL');
            committed = row.n;
            return true;
          }
        } catch {
          /* the schema is not there yet */
        }
        return false;
      },
      120_000,
      1,
    );
  } finally {
    await pg.end();
  }
  await finish(child);
  assert.equal(child.proc.signalCode, 'SIGKILL');
  return committed;
}

/**
 * PostgreSQL: each article once (id, URL, text hash), no row of an article that is not there, no
 * unvalidated constraint, and amcheck (every B-tree index against its table, every heap) when the
 * extension can be had. Returns the row counts of the per-article tables (those with an `art`
 * column) and of `events`, which must equal the SQLite run's: the same content, whatever the backend.
 */
async function pgChecks(schema: string, t: { diagnostic: (s: string) => void }): Promise<Row> {
  const pg = await pgClient();
  try {
    const q = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows as Row[];
    const [a] = await q(`SELECT count(*)::int n, count(DISTINCT id)::int ids, count(url)::int urls, count(DISTINCT url)::int "distinctUrls", count(DISTINCT text_hash)::int hashes FROM ${schema}.articles`);
    assert.equal(a.ids, a.n, 'an id stored twice');
    assert.equal(a.distinctUrls, a.urls, 'a URL stored twice');
    assert.equal(a.hashes, a.n, 'a text stored twice');
    const tables = ((await pg.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`, [schema])).rows as Array<{ name: string }>).map((r) => r.name);
    const perArticle = ((await pg.query(`SELECT table_name AS name FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'art' AND table_name <> 'articles' ORDER BY 1`, [schema])).rows as Array<{ name: string }>).map((r) => r.name);
    for (const tb of perArticle) assert.equal((await q(`SELECT count(*)::int n FROM ${schema}.${tb} WHERE art NOT IN (SELECT art FROM ${schema}.articles)`))[0].n, 0, `${tb}: rows of no article`);
    assert.equal((await q(`SELECT count(*)::int n FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace WHERE ns.nspname = $1 AND NOT c.convalidated`, [schema]))[0].n, 0, 'a constraint not validated');
    let amcheck = false;
    try {
      await pg.query('CREATE EXTENSION IF NOT EXISTS amcheck');
      amcheck = true;
    } catch (e) {
      t.diagnostic(`amcheck not available (${(e as Error).message}): index and heap checks skipped`);
    }
    if (amcheck) {
      const indexes = await pg.query(`SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace ns ON ns.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam WHERE ns.nspname = $1 AND am.amname = 'btree'`, [schema]);
      for (const { name } of indexes.rows as Array<{ name: string }>) await pg.query('SELECT bt_index_check($1::regclass, true)', [name]);
      for (const tb of tables) {
        const bad = await pg.query(`SELECT * FROM verify_heapam('${schema}.${tb}'::regclass)`);
        assert.deepEqual(bad.rows, [], `${tb}: heap corruption`);
      }
      t.diagnostic(`amcheck: ${indexes.rows.length} B-tree indexes and ${tables.length} tables sound`);
    }
    const counts: Row = {};
    for (const tb of ['articles', 'events', ...perArticle]) counts[tb] = (await q(`SELECT count(*)::int n FROM ${schema}.${tb}`))[0].n;
    return counts;
  } finally {
    await pg.end();
  }
}

/** The clean SQLite run's counts of the tables `pgChecks` counts. */
const countsOf = (got: Row) => Object.fromEntries(Object.keys(got).map((k) => [k, cleanCounts[k]]));

test('crash (PostgreSQL): ingest killed with SIGKILL inside a write transaction, run again → each article once, constraints and indexes sound, the content of a clean SQLite run', { skip: !up && 'PostgreSQL or NATS not running', timeout: 240_000 }, async (t) => {
  const schema = uniqueName('parley_crash');
  schemas.push(schema);
  const db = pgUrl(schema);
  const c = parleyProcess(ingestArgs(db));
  children.push(c);
  const committed = await killDuringWrite(c, schema, 1);
  const pg = await pgClient();
  const after = ((await pg.query(`SELECT count(*)::int n FROM ${schema}.articles`)).rows[0] as Row).n;
  await pg.end();
  t.diagnostic(`killed holding the write lock with ${committed} committed; ${after} stored after the kill (${after === committed ? 'the open transaction was rolled back' : 'it had just committed'})`);

  const again = parleyProcess(ingestArgs(db));
  children.push(again);
  assert.equal(await finish(again), 0, again.err);
  const s = JSON.parse(again.out) as IngestJson;
  assert.deepEqual([s.new + s.nearDuplicate, s.duplicate, s.failed], [cleanStored - after, after + inputDuplicates, 0], 'the re-run did only what was left');
  const pgCounts = await pgChecks(schema, t);
  assert.deepEqual(pgCounts, countsOf(pgCounts), 'table counts as in the clean SQLite run');
  const store = openStore(db);
  try {
    assertSameContent(await content(store), clean, 'PostgreSQL ingest');
  } finally {
    await store.close();
  }
});

test('crash (NATS + PostgreSQL): a worker killed with SIGKILL inside a write transaction; publisher and a worker run again → each article once, the content of a clean SQLite run', { skip: !up && 'PostgreSQL or NATS not running', timeout: 240_000 }, async (t) => {
  const schema = uniqueName('parley_crashq');
  const stream = uniqueName('PCRASH').toUpperCase();
  schemas.push(schema);
  streams.push(stream);
  const db = pgUrl(schema);
  const queue = queueUrl(stream);
  const workerArgs = (name: string) => ['worker', '--queue', queue, '--db', db, '--batch', '16', '--ack-wait', '2', '--link-interval', '1', '--exit-when-idle', '--summary', 'json', '--name', name];

  // the store exists before the publisher looks into it
  const init = new PostgresStore(db);
  const published = await enqueue({ queue, inputs: [file], store: init });
  assert.equal(published.published, cleanStored);

  const a = parleyProcess(workerArgs('crash-a'));
  children.push(a);
  const committed = await killDuringWrite(a, schema, 1);
  const pg = await pgClient();
  const after = ((await pg.query(`SELECT count(*)::int n FROM ${schema}.articles`)).rows[0] as Row).n;
  await pg.end();
  t.diagnostic(`worker killed holding the write lock with ${committed} committed; ${after} stored after the kill (${after === committed ? 'the open transaction was rolled back' : 'it had just committed'})`);

  // the publisher again: what is stored is skipped, what is queued is dropped by the server as a repeat
  const republished = await enqueue({ queue, inputs: [file], store: init });
  await init.close();
  const b = parleyProcess(workerArgs('crash-b'));
  children.push(b);
  assert.equal(await finish(b), 0, b.err);
  const sum = JSON.parse(b.out) as { processed: number; new: number; nearDuplicate: number; duplicate: number; redelivered: number; deadLettered: number };
  t.diagnostic(`publisher again: ${republished.published} published, ${republished.duplicate} skipped; worker B: processed ${sum.processed}, ${sum.redelivered} delivered again, ${sum.duplicate} duplicates`);
  assert.ok(sum.redelivered > 0, 'the messages the killed worker held came to B');
  assert.equal(sum.deadLettered, 0);
  assert.equal(sum.new + sum.nearDuplicate, cleanStored - after, 'B stored exactly what was not stored');
  const q = await WorkQueue.connect(queue);
  const status = await q.status();
  await q.close();
  assert.deepEqual([status.queued, status.dead], [0, 0], 'nothing left in the queue, no dead letters');

  const pgCounts = await pgChecks(schema, t);
  assert.deepEqual(pgCounts, countsOf(pgCounts), 'table counts as in the clean SQLite run');
  const store = new PostgresStore(db);
  try {
    assertSameContent(await content(store), clean, 'NATS + PostgreSQL');
  } finally {
    await store.close();
  }
});
