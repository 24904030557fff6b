/**
 * Property tests over `extract` (fast-check): hostile articles of every family in
 * test/helpers/arbitraries.ts never make the engine throw, always give a result that validates
 * (schema, spans, references), and take bounded time. A fixed seed keeps `npm test` deterministic and
 * fast (about 10 s); `npm run soak` runs the same generators for minutes.
 *
 *   PARLEY_PROPERTY_SEED=123 PARLEY_PROPERTY_SCALE=10 node --test dist/test/properties.test.js
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadEngine } from '../src/adapters/engine.js';
import type { Article } from '../src/core/types.js';
import { readContent } from '../src/readers/index.js';
import { validateResult } from '../src/schema.js';
import { FAMILIES, articleOf, binary, describeArticle, nestedHtml, type Family } from './helpers/arbitraries.js';
import { SHARED } from './helpers/engine.js';

const SEED = Number(process.env.PARLEY_PROPERTY_SEED ?? 20240915);
const SCALE = Number(process.env.PARLEY_PROPERTY_SCALE ?? 1);

/** Runs per family, tuned so the file stays near 10 s on the 2-core machine. */
const RUNS: Record<Family, number> = {
  news: 60,
  unicode: 150,
  codeUnits: 150,
  invisible: 100,
  rtl: 100,
  unbalancedQuotes: 100,
  manyQuotes: 12,
  longLine: 6,
  nestedHtml: 8,
  blank: 60,
  binary: 40,
};
/** Families whose inputs are large: a failure is reported as found, without shrinking (each try is slow). */
const LARGE = new Set<Family>(['manyQuotes', 'longLine', 'nestedHtml']);

/** The time one article may take: 2 s plus 20 ms per kB (a 100 kB article: 4 s; typical ones take 5–300 ms). */
const budgetMs = (a: Article) => 2000 + (20 * (a.text.length + (a.title?.length ?? 0))) / 1000;

const engine = loadEngine();
engine.extract({ id: 'warm-up', date: '2022-07-08', title: null, dateline: null, url: null, lang: 'en', text: 'Foreign Minister Wang Yi met Park Jin on Thursday. "We agreed," he said.' });

/** Extracts one article and checks the three properties; throws with a description of the input. */
function check(a: Article): void {
  const t = performance.now();
  let r;
  try {
    r = engine.extract(a);
  } catch (e) {
    throw new Error(`extract threw on ${describeArticle(a)}: ${(e as Error).stack}`);
  }
  const ms = performance.now() - t;
  const { valid, errors } = validateResult(r);
  assert.ok(valid, `invalid result for ${describeArticle(a)}:\n  ${errors.slice(0, 10).join('\n  ')}`);
  assert.ok(ms < budgetMs(a), `${ms.toFixed(0)} ms (budget ${budgetMs(a).toFixed(0)} ms) for ${describeArticle(a)}`);
}

(Object.keys(FAMILIES) as Family[]).forEach((family, i) => {
  test(`extract on ${family} articles: no throw, a valid result, bounded time`, () => {
    fc.assert(
      fc.property(articleOf(FAMILIES[family]()), (a) => check(a)),
      { seed: SEED + i, numRuns: Math.max(1, Math.round(RUNS[family] * SCALE)), endOnFailure: LARGE.has(family), includeErrorInReport: true },
    );
  });
});

test('readers then extract: hostile content read as each format gives problems or valid results, never a throw', () => {
  const content = fc.oneof(
    FAMILIES.unicode(),
    FAMILIES.unbalancedQuotes(),
    binary(),
    nestedHtml(),
    nestedHtml().map((h) => `<html><head><title>${h.slice(-40)}</title></head><body>${h}</body></html>`),
    FAMILIES.invisible().map((t) => `<html><body><article><p>${t}</p><p>${t}</p></article></body></html>`),
    FAMILIES.manyQuotes().map((q) => JSON.stringify({ text: q })),
    fc.array(FAMILIES.codeUnits(), { maxLength: 5 }).map((ts) => ts.map((text, i) => JSON.stringify({ id: `r${i}`, text })).join('\n')),
  );
  const name = fc.constantFrom('a.txt', 'a.json', 'a.jsonl', 'a.html', '-');
  fc.assert(
    fc.property(content, name, (c, n) => {
      const { articles, problems } = readContent(c, { name: n, date: '2022-07-08' });
      for (const p of problems) assert.ok(p.where && p.reason, 'a problem says where and why');
      for (const a of articles) check(a);
    }),
    { seed: SEED + 100, numRuns: Math.max(1, Math.round(40 * SCALE)), includeErrorInReport: true },
  );
});

test('extract is a function of the article alone: real articles give the same results in either order', () => {
  // the engine keeps caches across articles (wink-nlp's words, lower-case forms, chrono-node engines):
  // none may change a result. Every 7th of the first 2,100 benchmark articles (long
  // State Department releases that share many words), read at test time, by two fresh engines.
  const corpus = readFileSync(new URL('corpora/benchmark.jsonl', SHARED), 'utf8');
  const sample = readContent(corpus, { name: 'benchmark.jsonl' }).articles.filter((_, i) => i % 7 === 0 && i < 2100);
  assert.ok(sample.length > 250);
  const forward = loadEngine();
  const backward = loadEngine();
  const a = sample.map((x) => JSON.stringify(forward.extract(x)));
  const b = [...sample].reverse().map((x) => JSON.stringify(backward.extract(x))).reverse();
  const differ = sample.filter((_, i) => a[i] !== b[i]).map((x) => x.id);
  assert.deepEqual(differ, []);
});
