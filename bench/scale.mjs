#!/usr/bin/env node
/**
 * Scaling benchmark for the distributed pipeline: articles/s with 1 and 2 `parley worker` processes
 * taking articles from NATS JetStream and writing them to PostgreSQL, on this machine.
 *
 *   npm run bench:scale                         (builds first)
 *   node bench/scale.mjs [--articles 3000] [--workers 1,2] [--rounds 3] [--batch 16] [--dist dist]
 *
 * Articles: an even sample of ../shared/corpora/benchmark.jsonl (every size), read at run time.
 * Baseline, measured in the same run (again in each round, since the machine may be shared): the
 * engine alone (`extract` in a loop on one thread, no queue, no database) over the same articles.
 * Each figure is the median of the rounds. Each run has a stream and a schema of its own, deleted after.
 * Reported per run: the steady rate (from 10% to 90% of the articles stored), the end-to-end rate
 * (from starting the workers to the last article stored, engine start-up included), the ratio of the
 * steady rate to the baseline, the store-write time per article (the write lock is held for about
 * that long: its inverse bounds the rate of any number of workers), and the database bytes per
 * article (for the capacity plan in docs/distributed.md).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const N = Number(arg('articles', 3000));
const WORKERS = arg('workers', '1,2').split(',').map(Number);
const BATCH = Number(arg('batch', 16));
const ROUNDS = Number(arg('rounds', 3));
const DIST = resolve(ROOT, arg('dist', 'dist'));
const PG = process.env.PARLEY_TEST_PG ?? 'postgres://root@127.0.0.1:5432/test';
const NATS = process.env.PARLEY_TEST_NATS ?? 'nats://127.0.0.1:4222';

const corpusPath = [join(ROOT, '../shared/corpora/benchmark.jsonl'), join(ROOT, 'shared/corpora/benchmark.jsonl')].find(existsSync);
if (!corpusPath) {
  console.error('bench:scale: ../shared/corpora/benchmark.jsonl not found');
  process.exit(2);
}
const mainUrl = pathToFileURL(join(DIST, 'src/adapters/cli/main.js')).href;
const { loadEngine } = await import(pathToFileURL(join(DIST, 'src/adapters/engine.js')).href);
const { readContent } = await import(pathToFileURL(join(DIST, 'src/readers/index.js')).href);
const { default: pg } = await import('pg');

// ── the articles ──
const lines = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean);
const step = lines.length / Math.min(N, lines.length);
const sample = Array.from({ length: Math.min(N, lines.length) }, (_, i) => lines[Math.floor(i * step)]);
const dir = mkdtempSync(join(tmpdir(), 'parley-scale-'));
const file = join(dir, 'articles.jsonl');
writeFileSync(file, sample.join('\n') + '\n');
const articles = readContent(sample.join('\n'), { name: 'articles.jsonl' }, 'jsonl').articles;
const textBytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
const runner = join(dir, 'parley.mjs');
writeFileSync(runner, `import { main } from ${JSON.stringify(mainUrl)};\nprocess.exitCode = await main(process.argv);\n`);

const log = (s) => process.stderr.write(s + '\n');
log(`bench:scale: ${articles.length} articles (${(textBytes / articles.length / 1024).toFixed(1)} KB of text each on average) from ${corpusPath}; ${availableParallelism()} cores`);

// ── baseline: the engine alone, one thread (measured again in every round: the machine may be shared) ──
const engine = loadEngine();
for (const a of articles.slice(0, 50)) engine.extract(a); // warm-up
function measureBaseline() {
  const t = performance.now();
  for (const a of articles) engine.extract(a);
  return articles.length / ((performance.now() - t) / 1000);
}

/** CPU seconds used so far by every process with this command name (Linux /proc), or null. */
function cpuOf(name) {
  try {
    const tick = 100; // USER_HZ on Linux
    let total = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (comm !== name) continue;
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick; // own and reaped children's
      } catch {
        /* gone */
      }
    }
    return total;
  } catch {
    return null;
  }
}

function parley(args) {
  const p = spawn(process.execPath, [runner, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  return { p, done: new Promise((r) => p.on('exit', (code) => r({ code, out, err }))) };
}

const client = new pg.Client({ connectionString: PG });
await client.connect();
const results = [];
const baselines = [];
for (let round = 1; round <= ROUNDS; round++) {
const baseline = measureBaseline();
baselines.push(baseline);
log(`round ${round}: engine alone on one thread ${baseline.toFixed(1)} articles/s`);
for (const k of WORKERS) {
  const tag = `bench_scale_${process.pid}_${k}`;
  const queue = `${NATS}?stream=${tag.toUpperCase()}`;
  const db = `${PG}?schema=${tag}`;
  const en = await parley(['enqueue', file, '--queue', queue, '--summary', 'json']).done;
  if (en.code !== 0) throw new Error(`enqueue failed: ${en.err}`);
  const expected = JSON.parse(en.out).published;
  // the schema exists before the workers start, so that progress can be polled
  const init = await parley(['status', '--queue', queue, '--db', db]).done;
  void init;
  const cpu0 = { pg: cpuOf('postgres'), nats: cpuOf('nats-server') };
  const t0 = performance.now();
  const workers = Array.from({ length: k }, (_, i) => parley(['worker', '--queue', queue, '--db', db, '--exit-when-idle', '--batch', String(BATCH), '--link-interval', '3600', '--name', `bench-${i + 1}`, '--summary', 'json']));
  const marks = {};
  let stored = 0;
  while (stored < expected) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      stored = Number((await client.query(`SELECT count(*) n FROM ${tag}.articles`)).rows[0].n);
    } catch {
      stored = 0; // schema not created yet
    }
    const now = (performance.now() - t0) / 1000;
    if (stored > 0 && marks.first == null) marks.first = now;
    if (stored >= expected * 0.1 && marks.p10 == null) marks.p10 = [now, stored];
    if (stored >= expected * 0.9 && marks.p90 == null) marks.p90 = [now, stored];
    if (workers.every((w) => w.p.exitCode != null) && stored < expected) throw new Error(`workers stopped at ${stored}/${expected}: ${workers.map((w) => w.p.exitCode).join(',')}`);
  }
  const doneAt = (performance.now() - t0) / 1000;
  const sums = [];
  for (const w of workers) {
    const r = await w.done;
    if (r.code !== 0) throw new Error(`worker failed (${r.code}): ${r.err}`);
    sums.push(JSON.parse(r.out));
  }
  const linkedAt = (performance.now() - t0) / 1000;
  const cpu1 = { pg: cpuOf('postgres'), nats: cpuOf('nats-server') };
  const ms = (sec) => (sec == null ? null : Math.round((sec / expected) * 1000 * 100) / 100);
  const cpuMs = {
    worker: ms(sums.reduce((s, x) => s + x.cpuSeconds, 0)),
    postgres: cpu0.pg == null ? null : ms(cpu1.pg - cpu0.pg),
    nats: cpu0.nats == null ? null : ms(cpu1.nats - cpu0.nats),
  };
  const steady = (marks.p90[1] - marks.p10[1]) / (marks.p90[0] - marks.p10[0]);
  const writeMs = (sums.reduce((s, x) => s + x.writeSeconds, 0) / sums.reduce((s, x) => s + x.processed, 0)) * 1000;
  const size = (await client.query(`SELECT c.relname, pg_total_relation_size(c.oid) b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [tag])).rows;
  const bytes = size.reduce((s, r) => s + Number(r.b), 0);
  const row = {
    round,
    baseline: Math.round(baseline * 10) / 10,
    workers: k,
    articles: expected,
    steadyRate: Math.round(steady * 10) / 10,
    perWorker: Math.round((steady / k) * 10) / 10,
    endToEndRate: Math.round((expected / doneAt) * 10) / 10,
    vsBaseline: Math.round((steady / baseline) * 100) / 100,
    firstStoredAfter: Math.round(marks.first * 10) / 10,
    allStoredAfter: Math.round(doneAt * 10) / 10,
    linkedAfter: Math.round(linkedAt * 10) / 10,
    writeMsPerArticle: Math.round(writeMs * 100) / 100,
    cpuMsPerArticle: cpuMs,
    dbBytesPerArticle: Math.round(bytes / expected),
    dbBytesByTable: Object.fromEntries(size.map((r) => [r.relname, Math.round(Number(r.b) / expected)])),
  };
  results.push(row);
  log(`  ${k} worker${k > 1 ? 's' : ' '}: steady ${row.steadyRate} articles/s (${row.perWorker}/worker, ${row.vsBaseline}× the engine alone), end to end ${row.endToEndRate} articles/s; store writes ${row.writeMsPerArticle} ms/article; CPU ms/article: worker ${cpuMs.worker}, PostgreSQL ${cpuMs.postgres}, NATS ${cpuMs.nats}; ${row.dbBytesPerArticle} DB bytes/article`);
  await client.query(`DROP SCHEMA ${tag} CASCADE`);
  await parley(['status', '--queue', queue]).done;
  // delete the run's streams
  const { connect } = await import('nats');
  const nc = await connect({ servers: NATS });
  const jsm = await nc.jetstreamManager();
  for (const s of [tag.toUpperCase(), `${tag.toUpperCase()}_DEAD`, `KV_${tag.toUpperCase()}_WORKERS`]) await jsm.streams.delete(s).catch(() => undefined);
  await nc.close();
}
}
await client.end();

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;
const byWorkers = WORKERS.map((k) => {
  const rs = results.filter((r) => r.workers === k);
  return {
    workers: k,
    rounds: rs.length,
    steadyRate: r1(median(rs.map((r) => r.steadyRate))),
    steadyRange: [Math.min(...rs.map((r) => r.steadyRate)), Math.max(...rs.map((r) => r.steadyRate))],
    perWorker: r1(median(rs.map((r) => r.perWorker))),
    endToEndRate: r1(median(rs.map((r) => r.endToEndRate))),
    vsBaseline: r2(median(rs.map((r) => r.steadyRate / r.baseline))),
    writeMsPerArticle: r2(median(rs.map((r) => r.writeMsPerArticle))),
    cpuMsPerArticle: {
      worker: r2(median(rs.map((r) => r.cpuMsPerArticle.worker))),
      postgres: rs[0].cpuMsPerArticle.postgres == null ? null : r2(median(rs.map((r) => r.cpuMsPerArticle.postgres))),
      nats: rs[0].cpuMsPerArticle.nats == null ? null : r2(median(rs.map((r) => r.cpuMsPerArticle.nats))),
    },
    dbBytesPerArticle: rs[rs.length - 1].dbBytesPerArticle,
    dbBytesByTable: rs[rs.length - 1].dbBytesByTable,
  };
});
const one = byWorkers.find((r) => r.workers === 1);
const two = byWorkers.find((r) => r.workers === 2);
const summary = {
  articles: articles.length,
  avgTextBytes: Math.round(textBytes / articles.length),
  cores: availableParallelism(),
  rounds: ROUNDS,
  baselineRate: r1(median(baselines)),
  baselineCpuMsPerArticle: r2(1000 / median(baselines)),
  byWorkers,
  scaling: one && two ? r2(two.steadyRate / one.steadyRate) : null,
  runs: results,
};
log('');
log(`median of ${ROUNDS} round${ROUNDS > 1 ? 's' : ''}; engine alone on one thread ${summary.baselineRate} articles/s`);
for (const r of byWorkers)
  log(
    `${r.workers} worker${r.workers > 1 ? 's' : ' '}: steady ${r.steadyRate} articles/s (range ${r.steadyRange.join('–')}; ${r.perWorker}/worker; ${r.vsBaseline}× the engine alone), end to end ${r.endToEndRate}; store writes ${r.writeMsPerArticle} ms/article; CPU ms/article worker ${r.cpuMsPerArticle.worker}, PostgreSQL ${r.cpuMsPerArticle.postgres}, NATS ${r.cpuMsPerArticle.nats}`,
  );
if (summary.scaling != null) log(`2 workers / 1 worker: ${summary.scaling}×`);
console.log(JSON.stringify(summary, null, 1));
