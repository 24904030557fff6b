#!/usr/bin/env node
/**
 * API soak benchmark of `parley serve` (not a test): writes and reads together for minutes, watching
 * the server's memory.
 *
 *   npm run soak:api                                   # 5 minutes, 5 articles/s, 4 readers
 *   npm run soak:api -- --minutes 1 --rate 2 --readers 2
 *
 * Starts `parley serve` (bin/parley.js, or PARLEY_BIN) with a token on a temporary SQLite store seeded
 * with the first articles of ../shared/corpora/benchmark.jsonl (read at run time; PARLEY_BENCH_CORPUS
 * or --corpus for another), then POSTs the following articles of the corpus at a steady rate while
 * other connections query events, dyads, quotes, actors and full-text search. The server's resident
 * memory (RSS, from /proc) is sampled every few seconds.
 *
 * Prints the errors (any non-2xx answer or failed request; must be 0), the requests done, latency
 * percentiles of writes and reads, and RSS at start, after the warm-up, at the end and its growth
 * after the warm-up. Exits 1 if there was an error or the growth is beyond --max-growth (MB).
 *
 * Options: --minutes N (5)  --rate N articles a second (5)  --readers N connections (4)
 *          --read-pause MS between one reader's requests (50)  --warmup S (60, at most a fifth of the run)
 *          --max-growth MB (150)  --sample S (3)  --seed N articles ingested first (50)  --corpus FILE
 * The server runs with rate limits far above this load (the limiter stays on the request path).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: a } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    rate: { type: 'string', default: '5' },
    readers: { type: 'string', default: '4' },
    'read-pause': { type: 'string', default: '50' },
    warmup: { type: 'string', default: '60' },
    'max-growth': { type: 'string', default: '150' },
    sample: { type: 'string', default: '3' },
    seed: { type: 'string', default: '50' },
    corpus: { type: 'string', default: process.env.PARLEY_BENCH_CORPUS ?? join(ROOT, '../shared/corpora/benchmark.jsonl') },
  },
});
const num = (k) => {
  const v = Number(a[k]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${k} must be a number, got "${a[k]}"`);
  return v;
};
const MINUTES = num('minutes');
const RATE = num('rate');
const READERS = Math.floor(num('readers'));
const READ_PAUSE = num('read-pause');
const SECONDS = MINUTES * 60;
const WARMUP = Math.min(num('warmup'), SECONDS / 5);
const MAX_GROWTH = num('max-growth');
const SAMPLE = Math.max(0.5, num('sample'));
const SEED = Math.floor(num('seed'));
const BIN = process.env.PARLEY_BIN ?? join(ROOT, 'bin/parley.js');
const CORPUS = a.corpus;
const TOKEN = randomBytes(24).toString('hex');
const MAX_IN_FLIGHT = 16;

if (!existsSync(CORPUS)) throw new Error(`no corpus at ${CORPUS} (give --corpus FILE)`);

/** The first n articles of the corpus, read line by line (the file is large). */
async function readArticles(n) {
  const out = [];
  const rl = createInterface({ input: createReadStream(CORPUS, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const o = JSON.parse(line);
    out.push({ id: o.id, date: o.date ?? undefined, title: o.title ?? undefined, dateline: o.dateline ?? undefined, text: o.text });
    if (out.length >= n) break;
  }
  rl.close();
  return out;
}

function run(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parley ${args.join(' ')} exited with ${code}`))));
  });
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    const args = [BIN, 'serve', '--db', db, '--port', '0', '--token', TOKEN, '--rate-limit', '1000000', '--write-rate-limit', '100000'];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/[^\s]+\/)/.exec(out);
      if (m) resolve({ url: m[1].replace(/\/$/, ''), pid: p.pid, stop: () => new Promise((r) => (p.exitCode !== null ? r(p.exitCode) : (p.once('exit', r), p.kill('SIGINT')))) });
    });
    p.on('exit', (code) => reject(new Error(`parley serve exited with ${code}: ${out}`)));
  });
}

/** Resident memory of a process in MB (Linux /proc; ps elsewhere). */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return new Promise((resolve) => {
    const p = spawn('ps', ['-o', 'rss=', '-p', String(pid)]);
    let s = '';
    p.stdout.on('data', (d) => (s += d));
    p.on('exit', () => resolve(Number(s.trim()) / 1024));
  });
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`.padStart(10);
const mb = (x) => `${x.toFixed(1)} MB`;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

const READS = [
  '/events?limit=50',
  '/events?type=CONSULT&limit=50',
  '/events?actor=USA&type=AGREE&limit=50',
  '/events?dyad=USA-CHN&limit=50',
  '/events?text=sanctions&limit=50',
  '/events?from=2021&to=2022&minSources=2&limit=50',
  '/dyads/USA/CHN?by=month',
  '/dyads/RUS/UKR?by=quarter',
  '/quotes?actor=USA&limit=50',
  '/quotes?speaker=blinken&limit=20',
  '/articles?q=security%20council&limit=20',
  '/articles?limit=20',
  '/actors?limit=50',
  '/network',
  '/places',
  '/commitments?status=open',
  '/health',
];

const dir = mkdtempSync(join(tmpdir(), 'parley-soak-api-'));
const db = join(dir, 'soak.db');
const need = SEED + Math.ceil(RATE * SECONDS) + 10;
console.log(`corpus: ${CORPUS}`);
const articles = await readArticles(need);
if (articles.length <= SEED) throw new Error(`the corpus has only ${articles.length} articles`);
writeFileSync(join(dir, 'seed.jsonl'), articles.slice(0, SEED).map((x) => JSON.stringify(x)).join('\n') + '\n');
console.log(`store: ${db}, seeded with ${SEED} articles …`);
await run(['ingest', join(dir, 'seed.jsonl'), '--db', db, '--summary', 'json']);
const server = await startServer(db);
console.log(`server: ${server.url} (pid ${server.pid}); ${MINUTES} min, ${RATE} articles/s, ${READERS} readers (${READ_PAUSE} ms pause), warm-up ${WARMUP} s`);

const stats = { posts: 0, reads: 0, errors: 0, skipped: 0, postMs: [], readMs: [], statuses: {} };
const errorSamples = [];
function fail(what, detail) {
  stats.errors++;
  if (errorSamples.length < 10) errorSamples.push(`${what}: ${detail}`);
}

const t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;
const rss = [{ t: 0, mb: await rssMb(server.pid) }];
const sampler = setInterval(async () => rss.push({ t: elapsed(), mb: await rssMb(server.pid) }), SAMPLE * 1000);

let next = SEED;
let inFlight = 0;
async function post() {
  const x = articles[next < articles.length ? next : SEED + ((next - SEED) % (articles.length - SEED))];
  // past the end of what was read, the same texts again under new ids: stored as duplicates
  const body = next < articles.length ? x : { ...x, id: `${x.id}~${next}` };
  next++;
  inFlight++;
  const start = performance.now();
  try {
    const r = await fetch(`${server.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    const text = await r.text();
    stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
    if (!r.ok) fail(`POST /articles ${body.id}`, `${r.status} ${text.slice(0, 200)}`);
    else stats.posts++;
  } catch (e) {
    fail(`POST /articles ${body.id}`, e.message);
  } finally {
    stats.postMs.push(performance.now() - start);
    inFlight--;
  }
}

async function writer() {
  const pending = [];
  if (RATE <= 0) return;
  const interval = 1000 / RATE;
  for (let i = 0; ; i++) {
    const due = t0 + i * interval;
    if ((due - t0) / 1000 >= SECONDS) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if (inFlight >= MAX_IN_FLIGHT) {
      stats.skipped++; // the server is not keeping up: counted, not queued
      continue;
    }
    pending.push(post());
  }
  await Promise.all(pending);
}

async function reader(k) {
  for (let i = k; elapsed() < SECONDS; i++) {
    const path = READS[i % READS.length];
    const start = performance.now();
    try {
      const r = await fetch(server.url + path);
      const text = await r.text();
      if (!r.ok) fail(`GET ${path}`, `${r.status} ${text.slice(0, 200)}`);
      else {
        JSON.parse(text);
        stats.reads++;
      }
    } catch (e) {
      fail(`GET ${path}`, e.message);
    } finally {
      stats.readMs.push(performance.now() - start);
    }
    if (READ_PAUSE) await sleep(READ_PAUSE);
  }
}

const progress = setInterval(() => {
  const last = rss[rss.length - 1];
  console.log(`  ${elapsed().toFixed(0).padStart(4)} s  posts ${stats.posts}  reads ${stats.reads}  errors ${stats.errors}  in flight ${inFlight}  RSS ${mb(last.mb)}`);
}, 30_000);

let health = null;
try {
  await Promise.all([writer(), ...Array.from({ length: READERS }, (_, k) => reader(k))]);
  health = await (await fetch(`${server.url}/health`)).json();
} finally {
  clearInterval(progress);
  clearInterval(sampler);
}
const end = await rssMb(server.pid);
rss.push({ t: elapsed(), mb: end });
const code = await server.stop();
rmSync(dir, { recursive: true, force: true });

const start = rss[0].mb;
const warm = rss.find((s) => s.t >= WARMUP) ?? rss[rss.length - 1];
const peak = Math.max(...rss.map((s) => s.mb));
const growth = end - warm.mb;
const secs = elapsed();
console.log(`\nparley serve soak: ${secs.toFixed(0)} s, ${RATE} articles/s posted, ${READERS} readers, node ${process.version}`);
console.log(`requests     ${stats.posts + stats.reads + stats.errors} (POST /articles ${stats.posts}, reads ${stats.reads}; ${((stats.posts + stats.reads) / secs).toFixed(1)}/s)`);
console.log(`errors       ${stats.errors}; POST statuses ${JSON.stringify(stats.statuses)}`);
console.log(`writes       ${stats.posts} of ${stats.posts + stats.skipped + stats.errors} due: ${(stats.posts / secs).toFixed(2)} articles/s achieved of ${RATE}/s asked${stats.skipped ? ` (${stats.skipped} not sent: ${MAX_IN_FLIGHT} were already waiting)` : ''}`);
for (const e of errorSamples) console.log(`  ${e}`);
console.log(`latency      POST /articles p50 ${ms(pct(stats.postMs, 50))}  p90 ${ms(pct(stats.postMs, 90))}  p99 ${ms(pct(stats.postMs, 99))}  max ${ms(Math.max(...stats.postMs))}`);
console.log(`             reads          p50 ${ms(pct(stats.readMs, 50))}  p90 ${ms(pct(stats.readMs, 90))}  p99 ${ms(pct(stats.readMs, 99))}  max ${ms(Math.max(...stats.readMs))}`);
console.log(`store        ${health?.articles ?? '?'} articles, ${health?.events ?? '?'} events at the end`);
console.log(`RSS          start ${mb(start)}, after warm-up (${warm.t.toFixed(0)} s) ${mb(warm.mb)}, end ${mb(end)}, peak ${mb(peak)}; growth after warm-up ${growth >= 0 ? '+' : ''}${mb(growth)} (bound ${MAX_GROWTH} MB)`);
console.log(`server exit  ${code}`);
const ok = stats.errors === 0 && growth <= MAX_GROWTH && code === 0;
console.log(ok ? 'PASS' : 'FAIL');
if (!ok) process.exitCode = 1;
