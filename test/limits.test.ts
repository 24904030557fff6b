/**
 * Limits on what one input may cost: the article size limit (readers' maxArticleBytes, the CLI's
 * --max-article-size), the HTML nesting limit, and the time budget of one article's extraction in
 * the ingest workers (--article-timeout). An input over a limit is reported by name with a clear
 * reason; everything around it is still processed.
 *
 * The time-budget tests make an article slow with the test-only hook in src/adapters/ingest/extract.ts
 * (PARLEY_TEST_HOOKS=1: a text containing `parley-test:stall` busy-loops its thread for
 * PARLEY_TEST_STALL_MS, `parley-test:crash` ends its thread), not with a really slow text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ExtractorPool, timeBudgetReason } from '../src/adapters/ingest/pool.js';
import { ingest } from '../src/adapters/ingest/run.js';
import { openStore } from '../src/adapters/store/index.js';
import type { Store } from '../src/adapters/store/types.js';
import { DEFAULT_MAX_ARTICLE_BYTES, MAX_HTML_DEPTH, articleBytes, formatBytes, htmlDepth, oversize, parseSize, readContent } from '../src/readers/index.js';
import { makeArticles, parleyProcess, writeJsonl } from './helpers/distributed.js';

const BIN = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const ids = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).article.id);
const SENTENCE = 'Foreign Minister Ana Kurtz met her Chilean counterpart in Santiago on Tuesday. ';

test('sizes: parsed with binary units, printed readably', () => {
  assert.equal(parseSize('1048576'), 1048576);
  assert.equal(parseSize('2MB'), 2 * 1024 * 1024);
  assert.equal(parseSize('2 MiB'), 2 * 1024 * 1024);
  assert.equal(parseSize('500k'), 500 * 1024);
  assert.equal(parseSize('1.5kb'), 1536);
  assert.equal(parseSize('0'), 0);
  assert.throws(() => parseSize('big'), /"big" is not a size/);
  assert.throws(() => parseSize('-1MB'), /not a size/);
  assert.equal(formatBytes(DEFAULT_MAX_ARTICLE_BYTES), '1 MiB');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(900), '900 B');
});

test('an article is measured in UTF-8 bytes of its text and title', () => {
  assert.equal(articleBytes({ text: 'é'.repeat(10), title: null }), 20);
  assert.equal(articleBytes({ text: 'abc', title: '😀' }), 7);
  assert.equal(oversize({ text: 'é'.repeat(10), title: null }, 19), 'article too large: 20 B (20 bytes), over the limit of 19 B');
  assert.equal(oversize({ text: 'é'.repeat(10), title: null }, 20), null);
  assert.equal(oversize({ text: 'x'.repeat(10_000), title: null }, 0), null, '0: no limit');
  assert.equal(oversize({ text: 'x'.repeat(10_000), title: null }, undefined), null);
});

test('readers: an article over the limit is a problem where it is; the others are read', () => {
  const big = SENTENCE.repeat(40); // 3 KiB
  const max = 2048;
  const txt = readContent(big, { name: 'big.txt', maxArticleBytes: max });
  assert.equal(txt.articles.length, 0);
  const size = Buffer.byteLength(big.trimEnd());
  assert.deepEqual(txt.problems, [{ where: 'big.txt', reason: `article too large: ${formatBytes(size)} (${size} bytes), over the limit of 2 KiB` }]);
  const jsonl = [{ id: 'a', text: SENTENCE }, { id: 'b', text: big }, { id: 'c', text: SENTENCE }].map((r) => JSON.stringify(r)).join('\n');
  const l = readContent(jsonl, { name: 'in.jsonl', maxArticleBytes: max });
  assert.deepEqual(l.articles.map((a) => a.id), ['a', 'c']);
  assert.equal(l.problems.length, 1);
  assert.equal(l.problems[0].where, 'in.jsonl:2');
  const j = readContent(JSON.stringify([{ id: 'a', text: big }, { id: 'b', text: SENTENCE }]), { name: 'in.json', maxArticleBytes: max });
  assert.deepEqual([j.articles.map((a) => a.id), j.problems.map((p) => p.where)], [['b'], ['in.json[0]']]);
  const seed = readContent(`date 2022-07-08 Bali - ${big}`, { name: 'seed.txt', maxArticleBytes: max });
  assert.deepEqual([seed.articles.length, seed.problems[0].where], [0, 'seed.txt']);
  const html = readContent(`<html><body><article><p>${big}</p></article></body></html>`, { name: 'a.html', maxArticleBytes: max });
  assert.deepEqual([html.articles.length, html.problems[0].where], [0, 'a.html']);
  assert.match(html.problems[0].reason, /^article too large: .* over the limit of 2 KiB$/);
  // without a limit (the library default) nothing changes
  assert.equal(readContent(big, { name: 'big.txt' }).articles.length, 1);
});

test('HTML nested past the limit is reported at once, not handed to Readability', () => {
  assert.equal(htmlDepth('<html><body><div><p>a<p>b<ul><li>x<li>y</ul><br><img src="x.png"/><script>"<div><div>"</script><!-- <div> --></div></body></html>'), 4);
  const deep = '<div>'.repeat(50_000) + `<p>${SENTENCE}</p>` + '</div>'.repeat(50_000);
  const t = performance.now();
  const r = readContent(deep, { name: 'deep.html' });
  assert.ok(performance.now() - t < 1000, 'the nesting check is linear');
  assert.deepEqual(r.problems, [{ where: 'deep.html', reason: `HTML nested 50000 levels deep, over the limit of ${MAX_HTML_DEPTH}` }]);
  const ok = readContent('<html><body>' + '<div>'.repeat(200) + `<p>${SENTENCE}</p>` + '</div>'.repeat(200) + '</body></html>', { name: 'ok.html' });
  assert.deepEqual(ok.problems, []);
  assert.match(ok.articles[0].text, /Ana Kurtz/);
});

test('CLI --max-article-size: the large article is reported, the rest extracted, exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-limits-'));
  const small = join(dir, 'small.txt');
  const big = join(dir, 'big.txt');
  const mixed = join(dir, 'mixed.jsonl');
  writeFileSync(small, SENTENCE);
  writeFileSync(big, SENTENCE.repeat(40));
  writeFileSync(mixed, [{ id: 'm1', text: SENTENCE }, { id: 'm2', text: SENTENCE.repeat(40) }, { id: 'm3', text: SENTENCE }].map((r) => JSON.stringify(r)).join('\n'));
  const r = run(['extract', '--format', 'jsonl', '--max-article-size', '2KB', small, big, mixed]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(ids(r.stdout).length, 3);
  assert.deepEqual(ids(r.stdout).slice(1), ['m1', 'm3']);
  assert.match(r.stderr, /big\.txt: article too large: [\d.]+ KiB \(\d+ bytes\), over the limit of 2 KiB \(--max-article-size\)/);
  assert.match(r.stderr, /mixed\.jsonl:2: article too large/);
  assert.match(r.stderr, /3 articles extracted, 2 inputs failed/);
  // 0 lifts the limit
  const all = run(['extract', '--format', 'jsonl', '--max-article-size', '0', small, big]);
  assert.equal(all.status, 0, all.stderr);
  assert.equal(ids(all.stdout).length, 2);
  // a size that is not one is a usage error
  const bad = run(['extract', '--max-article-size', 'huge', small]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-article-size: "huge" is not a size/);
});

test('CLI: the default limit (1 MiB) rejects a larger article without extracting it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-limits-'));
  const huge = join(dir, 'huge.txt');
  writeFileSync(huge, SENTENCE.repeat(Math.ceil((DEFAULT_MAX_ARTICLE_BYTES + 1) / SENTENCE.length)));
  const t = performance.now();
  const r = run(['extract', '--format', 'jsonl', huge]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /huge\.txt: article too large: 1 MiB \(\d+ bytes\), over the limit of 1 MiB \(--max-article-size\)/);
  assert.ok(performance.now() - t < 5000, 'rejected before extraction');
});

// ── the time budget of one article (worker threads) ─────────────────────────────────────────────

const HOOKS = { PARLEY_TEST_HOOKS: '1', PARLEY_TEST_STALL_MS: '30000' };
/** Worker threads copy the environment when they start: pools made inside `body` see the hook. */
async function withHooks<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const before = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const k of Object.keys(env)) if (before[k] === undefined) delete process.env[k];
    else process.env[k] = before[k];
  }
}

async function storedResults(store: Store): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for await (const a of store.articles()) {
    assert.ok(!m.has(a.result.article.id), `${a.result.article.id} stored twice`);
    m.set(a.result.article.id, JSON.stringify([a.nearDuplicateOf, a.result]));
  }
  return m;
}

test('time budget: the pool stops a thread stuck on an article, fails that article only, and goes on with a fresh thread', async () => {
  await withHooks(HOOKS, async () => {
    const arts = makeArticles(7, 'pool');
    arts[2] = { ...arts[2], text: `${arts[2].text} parley-test:stall` };
    const pool = new ExtractorPool(1, { kb: [], disable: [] }, { timeout: 0.5 });
    try {
      const t = performance.now();
      // the stuck article is in the middle of the first batch; a second batch waits behind it
      const [first, second] = await Promise.all([pool.extract(arts.slice(0, 5)), pool.extract(arts.slice(5))]);
      assert.ok(performance.now() - t < 20_000, 'not held for the stall (30 s)');
      assert.deepEqual(first.map((x) => x.ok), [true, true, false, true, true]);
      assert.deepEqual(first[2], { ok: false, id: 'pool-2', error: 'extraction exceeded the time budget (0.5s)', timeout: true });
      assert.deepEqual(second.map((x) => x.ok && x.result.article.id), ['pool-5', 'pool-6']);
      assert.deepEqual(first.map((x) => (x.ok ? x.result.article.id : x.id)), ['pool-0', 'pool-1', 'pool-2', 'pool-3', 'pool-4']);
      assert.equal(pool.timedOut, 1);
      // a thread that dies in an article: that article fails with the reason, the others are extracted
      const crash = [arts[0], { ...arts[1], text: `${arts[1].text} parley-test:crash` }, arts[3]];
      const out = await pool.extract(crash);
      assert.deepEqual(out.map((x) => x.ok), [true, false, true]);
      assert.match(!out[1].ok ? out[1].error : '', /^extraction worker stopped \(code 70\)$/);
      assert.equal(pool.crashed, 1);
    } finally {
      await pool.close();
    }
  });
  assert.equal(timeBudgetReason(10), 'extraction exceeded the time budget (10s)');
});

test('time budget 0: no limit (the slow article is waited for)', async () => {
  await withHooks({ ...HOOKS, PARLEY_TEST_STALL_MS: '1500' }, async () => {
    const pool = new ExtractorPool(1, { kb: [], disable: [] }, { timeout: 0 });
    try {
      const [a] = makeArticles(1, 'slow');
      const out = await pool.extract([{ ...a, text: `${a.text} parley-test:stall` }]);
      assert.equal(out[0].ok, true);
    } finally {
      await pool.close();
    }
  });
});

test('ingest: articles over the time budget fail with the reason, every other article is stored once, as a run without them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-budget-'));
  const arts = makeArticles(40, 'budget');
  const bad = new Map([[3, 'stall'], [17, 'stall'], [30, 'crash']]);
  const inputs = arts.map((a, i) => (bad.has(i) ? { ...a, text: `${a.text} parley-test:${bad.get(i)}` } : a));
  const file = writeJsonl(join(dir, 'in.jsonl'), inputs);
  const store = openStore(join(dir, 'budget.db'));
  const t = performance.now();
  const s = await withHooks(HOOKS, () => ingest({ store, inputs: [file], workers: 2, articleTimeout: 1, batchSize: 8, noLink: true }));
  const seconds = (performance.now() - t) / 1000;
  const got = await storedResults(store);
  await store.close();
  assert.ok(seconds < 25, `the run was not held by the stalled articles (30 s each): ${seconds.toFixed(1)} s`);
  assert.deepEqual([s.articles, s.new + s.nearDuplicate, s.duplicate, s.failed], [40, 37, 0, 3]);
  assert.deepEqual(
    s.problems.map((p) => `${p.where}: ${p.reason}`).sort(),
    [`${file}: article budget-17: extraction exceeded the time budget (1s)`, `${file}: article budget-3: extraction exceeded the time budget (1s)`, `${file}: article budget-30: extraction failed: extraction worker stopped (code 70)`].sort(),
  );
  // the others, each once, with what a run without the bad articles stores
  const ref = openStore(join(dir, 'ref.db'));
  await ingest({ store: ref, inputs: [writeJsonl(join(dir, 'good.jsonl'), arts.filter((_, i) => !bad.has(i)))], workers: 0, noLink: true });
  const want = await storedResults(ref);
  await ref.close();
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
  assert.deepEqual([...want].filter(([id, r]) => got.get(id) !== r).map(([id]) => id), [], 'articles stored differently');
});

test('CLI --article-timeout: the article over it is listed, exit 1; a re-run retries it; a bad value is a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-budget-'));
  const arts = makeArticles(12, 'cli');
  arts[6] = { ...arts[6], text: `${arts[6].text} parley-test:stall` };
  const file = writeJsonl(join(dir, 'in.jsonl'), arts);
  const db = join(dir, 'cli.db');
  const args = ['ingest', file, '--db', db, '--article-timeout', '1', '-j', '1', '--summary', 'json'];
  const c = parleyProcess(args, HOOKS);
  assert.equal(await c.exited, 1, c.err);
  assert.match(c.err, /in\.jsonl: article cli-6: extraction exceeded the time budget \(1s\)/);
  const s = JSON.parse(c.out) as { new: number; nearDuplicate: number; failed: number; store: { articles: number } };
  assert.deepEqual([s.new + s.nearDuplicate, s.failed, s.store.articles], [11, 1, 11]);
  // not stored: a re-run (here without the hook, the article is an ordinary one) tries it again
  const again = parleyProcess(args);
  assert.equal(await again.exited, 0, again.err);
  const s2 = JSON.parse(again.out) as { new: number; nearDuplicate: number; duplicate: number; failed: number };
  assert.deepEqual([s2.new + s2.nearDuplicate, s2.duplicate, s2.failed], [1, 11, 0]);
  const bad = parleyProcess(['ingest', file, '--db', db, '--article-timeout', 'soon']);
  assert.equal(await bad.exited, 2);
  assert.match(bad.err, /--article-timeout must be a number of seconds/);
});
