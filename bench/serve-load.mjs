#!/usr/bin/env node
/**
 * Load benchmark of `parley serve` (not a test): the events endpoint with filters, under autocannon,
 * on a store of the whole benchmark corpus (../shared/corpora/benchmark.jsonl).
 *
 *   npm run bench:serve                      # builds the store on first run (a few minutes), then reuses it
 *   PARLEY_BENCH_DB=/path/bench.db npm run bench:serve
 *   CONNECTIONS=50 DURATION=20 npm run bench:serve
 *
 * The server runs in its own process (`parley serve --read-only`); autocannon drives it from this one
 * with a rotating set of filter combinations (type, dates, actor, dyad, country, place, modality,
 * minimum sources, full text), each page 50 events, so no single cached plan answers every request.
 * The target is p99 < 50 ms at 50 connections. As a baseline measured in the same run, the same load
 * on GET /health (a trivial JSON route) shows what the HTTP stack alone costs on this machine.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = process.env.PARLEY_BENCH_CORPUS ?? join(ROOT, '../shared/corpora/benchmark.jsonl');
const DB = process.env.PARLEY_BENCH_DB ?? join(tmpdir(), 'parley-serve-bench.db');
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 20);
const BIN = process.env.PARLEY_BIN ?? join(ROOT, 'bin/parley.js');

const QUERIES = [
  'type=CONSULT&from=2019-01&to=2019-12',
  'actor=USA&type=AGREE',
  'dyad=USA-CHN',
  'dyad=CHN-USA&directed=true&from=2021',
  'country=CHN&from=2022-01-01&to=2022-06-30',
  'actor=RUS&actor=UKR&modality=asserted',
  'type=04&from=2020&to=2021',
  'place=Beijing',
  'actor=JPN&type=CONSULT,AGREE&from=2018',
  'minSources=2&from=2022',
  'type=ASSAULT&modality=asserted&from=2022-02',
  'text=sanctions&type=SANCTION,ACCUSE',
  'actor=Blinken&from=2021',
  'country=USA&type=SUPPORT',
  'dyad=KOR-JPN&from=2019',
  'type=REQUEST&offset=50',
].map((q) => `/events?${q}&limit=50`);

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

async function ensureStore() {
  if (existsSync(DB)) {
    console.log(`store: ${DB} (reused; remove it or set PARLEY_BENCH_DB to rebuild)`);
    return;
  }
  if (!existsSync(CORPUS)) throw new Error(`no store at ${DB} and no corpus at ${CORPUS}`);
  console.log(`store: building ${DB} from ${CORPUS} (one-off, a few minutes) …`);
  await run(process.execPath, [BIN, 'ingest', CORPUS, '--db', DB]);
}

function startServer(extra = []) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, 'serve', '--db', DB, '--read-only', '--port', '0', '--rate-limit', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/[^\s]+\/)/.exec(out);
      if (m) resolve({ url: m[1].replace(/\/$/, ''), stop: () => new Promise((r) => (p.once('exit', r), p.kill('SIGINT'))) });
    });
    p.on('exit', (code) => reject(new Error(`parley serve exited with ${code}: ${out}`)));
  });
}

function load(url, paths, seconds) {
  let i = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
}

const ms = (x) => `${x.toFixed(1)} ms`;

const line = (name, x) =>
  `${name.padEnd(26)} p50 ${ms(x.latency.p50).padStart(8)}  p90 ${ms(x.latency.p90).padStart(8)}  p99 ${ms(x.latency.p99).padStart(8)}  max ${ms(x.latency.max).padStart(8)}  ${Math.round(x.requests.average).toLocaleString('en-US').padStart(6)} req/s  errors ${x.errors + x.non2xx}`;

await ensureStore();
let failed = false;
let server = await startServer();
let base, warm, cold;
try {
  // every query once, cold, and checked: a filter that errors would make the benchmark meaningless
  for (const p of QUERIES) {
    const t0 = performance.now();
    const res = await fetch(server.url + p);
    const body = await res.json();
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${body.message}`);
    console.log(`  ${String(body.items.length).padStart(3)} events  ${ms(performance.now() - t0).padStart(9)}  ${p}`);
  }
  await load(server.url, QUERIES, 3); // warm-up
  base = await load(server.url, ['/health'], Math.max(5, Math.round(DURATION / 2)));
  warm = await load(server.url, QUERIES, DURATION);
} finally {
  await server.stop();
}
// the same load on a server that keeps nothing in memory: every request goes to SQLite
server = await startServer(['--no-cache']);
try {
  await load(server.url, QUERIES, 3);
  cold = await load(server.url, QUERIES, DURATION);
} finally {
  await server.stop();
}
console.log(`\n${CONNECTIONS} connections, ${DURATION} s, ${QUERIES.length} filter combinations, 50 events a page`);
console.log(line('GET /health (baseline)', base));
console.log(line('GET /events?filters', warm));
console.log(line('  the same, --no-cache', cold));
console.log(`events p99 / baseline p99: ${(warm.latency.p99 / Math.max(base.latency.p99, 0.001)).toFixed(2)}; target p99 < 50 ms: ${warm.latency.p99 < 50 ? 'met' : 'NOT met'} (without the cache: ${cold.latency.p99 < 50 ? 'met' : 'not met'})`);
for (const x of [base, warm, cold]) if (x.errors + x.non2xx) failed = true;
if (failed) process.exitCode = 1;
