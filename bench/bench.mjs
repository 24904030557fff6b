#!/usr/bin/env node
/**
 * npm run bench: throughput over ../shared/corpora/benchmark.jsonl (21,520 real articles), in one run:
 *   (a) baseline: wink-nlp's tokenize + POS tag pass alone, one core
 *   (b) extraction alone (loadEngine().extract: the shipped KB, gazetteer and lexicons), one core
 *   (c) full ingest into a fresh SQLite store on all cores (`parley ingest`, as a user runs it)
 * Prints articles/s and MB/s for each, the ratio (b)/(a), the ingest speed-up over (b), peak RSS and
 * the store's size. Options: --corpus FILE, --limit N (first N articles), --workers N (for (c)),
 * --json (one JSON object instead of the table).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEngine } from '../dist/src/adapters/engine.js';
import { createBaselineTagger } from '../dist/src/core/nlp.js';
import { readContent } from '../dist/src/readers/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(ROOT, '../shared/corpora/benchmark.jsonl') },
    limit: { type: 'string' },
    workers: { type: 'string', default: String(availableParallelism()) },
    json: { type: 'boolean', default: false },
  },
});

const log = (s) => process.stderr.write(s + '\n');
const mb = (b) => b / 1e6;

// the corpus, through the JSONL reader as `parley ingest` reads it
const content = readFileSync(args.corpus, 'utf8');
const read = readContent(content, { name: args.corpus });
let articles = read.articles;
if (args.limit) articles = articles.slice(0, Number(args.limit));
const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
log(`bench: ${articles.length} articles, ${mb(bytes).toFixed(1)} MB of text (${read.problems.length} unreadable records) from ${args.corpus}`);
let input = args.corpus;
let tmp = mkdtempSync(join(tmpdir(), 'parley-bench-'));
if (args.limit) {
  input = join(tmp, 'corpus.jsonl');
  const lines = content.split('\n').filter((l) => l.trim()).slice(0, Number(args.limit));
  (await import('node:fs')).writeFileSync(input, lines.join('\n') + '\n');
}

const cpu = { a: 0, b: 0 };
function time(label, key, f) {
  log(`bench: ${label} ...`);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  cpu[key] = (c.user + c.system) / 1e6;
  return (performance.now() - t0) / 1000;
}

// (a) baseline
const tag = createBaselineTagger();
tag('Warm up the model.');
let tokens = 0;
const ta = time('(a) tokenizer/tagger baseline, 1 core', 'a', () => {
  for (const a of articles) tokens += tag(a.text);
});

// (b) extraction alone
const tInit = performance.now();
const engine = loadEngine();
engine.extract({ ...articles[0], id: 'warm-up' });
const initS = (performance.now() - tInit) / 1000;
let events = 0;
let failures = 0;
const tb = time('(b) extraction alone, 1 core', 'b', () => {
  for (const a of articles) {
    try {
      events += engine.extract(a).events.length;
    } catch {
      failures++;
    }
  }
});
const rssAB = process.resourceUsage().maxRSS * 1024;

// (c) full ingest, all cores, as a child process running the CLI
const db = join(tmp, 'bench.db');
log(`bench: (c) parley ingest into SQLite, ${args.workers} workers ...`);
const t0 = performance.now();
const summary = await new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [join(ROOT, 'bin/parley.js'), 'ingest', input, '--db', db, '--summary', 'json', '--workers', args.workers], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.on('error', reject);
  child.on('close', (code) => {
    try {
      resolve({ ...JSON.parse(out), exitCode: code });
    } catch (e) {
      reject(new Error(`ingest exited ${code}: ${out.slice(0, 500)}`));
    }
  });
});
const tc = (performance.now() - t0) / 1000;
rmSync(tmp, { recursive: true, force: true });

const n = articles.length;
const row = (label, s, cpuS) => ({ label, seconds: +s.toFixed(2), cpuSeconds: +cpuS.toFixed(2), articlesPerSecond: +(n / s).toFixed(1), mbPerSecond: +(mb(bytes) / s).toFixed(3) });
const result = {
  corpus: args.corpus,
  articles: n,
  megabytes: +mb(bytes).toFixed(2),
  tokens,
  cpus: `${cpus().length} × ${cpus()[0]?.model?.trim() ?? '?'}`,
  node: process.version,
  a: row('(a) tokenizer+tagger baseline, 1 core', ta, cpu.a),
  b: { ...row('(b) extraction alone, 1 core', tb, cpu.b), engineInitSeconds: +initS.toFixed(2), events, failures },
  c: { ...row(`(c) parley ingest → SQLite, ${args.workers} workers (wall, incl. start-up and linking)`, tc, summary.cpuSeconds), workers: Number(args.workers), new: summary.new, duplicate: summary.duplicate, nearDuplicate: summary.nearDuplicate, failed: summary.failed, linkedEvents: summary.link?.events ?? null, exitCode: summary.exitCode },
  ratioBA: +(ta / tb).toFixed(3),
  speedupCB: +(tb / tc).toFixed(2),
  peakRssBytes: { extraction: rssAB, ingest: summary.maxRSS },
  storeBytes: summary.storeBytes,
};

if (args.json) {
  console.log(JSON.stringify(result, null, 1));
} else {
  const f = (r) => `| ${r.label} | ${r.seconds.toFixed(1)} s | ${r.cpuSeconds.toFixed(1)} s | ${r.articlesPerSecond.toFixed(0)} | ${r.mbPerSecond.toFixed(2)} |`;
  console.log(`corpus: ${n.toLocaleString('en-US')} articles, ${result.megabytes} MB of text; ${result.cpus}; Node ${process.version}\n`);
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`load average at the end: ${load} (other processes share the ${cpus().length} cores: compare CPU time when it is high)\n`);
  console.log('| pass | wall | CPU | articles/s | MB/s |\n|---|---|---|---|---|');
  console.log(f(result.a));
  console.log(f(result.b));
  console.log(f(result.c));
  console.log(`\n(b)/(a) throughput ratio: ${result.ratioBA.toFixed(3)}   (target ≥ 0.4)`);
  console.log(`(c) over (b): ${result.speedupCB.toFixed(2)}× with ${args.workers} workers; (c) wall time ${tc.toFixed(1)} s   (target < 60 s)`);
  console.log(`ingest overhead: (c) used ${result.c.cpuSeconds.toFixed(1)} CPU-s against ${result.b.cpuSeconds.toFixed(1)} for extraction alone (${((result.c.cpuSeconds / result.b.cpuSeconds - 1) * 100).toFixed(0)}% more: reading, hashing, MinHash, threads, SQLite, FTS, linking)`);
  console.log(`peak RSS: extraction process ${(rssAB / 1e6).toFixed(0)} MB, ingest process (all threads) ${(summary.maxRSS / 1e6).toFixed(0)} MB   (target < 1,500 MB)`);
  console.log(`store: ${(summary.storeBytes / 1e6).toFixed(1)} MB for ${(summary.new + summary.nearDuplicate).toLocaleString('en-US')} articles (${summary.duplicate} duplicates, ${summary.nearDuplicate} near-duplicates, ${summary.failed} failed); ${events.toLocaleString('en-US')} events extracted, ${(summary.link?.events ?? 0).toLocaleString('en-US')} after linking`);
}
