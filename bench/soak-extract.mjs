#!/usr/bin/env node
/**
 * Soak test of `extract`: the property tests' generators (test/helpers/arbitraries.ts) for minutes
 * instead of seconds, every family in turn, each article checked the way test/properties.test.ts
 * checks it: no throw, a result that validates (schema, spans, references), time within budget.
 * Prints runs/s, the slowest article per family, and every failure (also written as JSONL to
 * --out so it can be replayed). Exit 1 when anything failed. Needs a build (`npm run build`).
 *
 *   npm run soak                                  # 120 s, a seed from the clock
 *   npm run soak -- --seconds 600 --seed 42       # longer, reproducible
 *   npm run soak -- --family longLine,manyQuotes  # some families only
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';

const dist = new URL('../dist/', import.meta.url);
const { loadEngine } = await import(new URL('src/adapters/engine.js', dist).href);
const { validateResult } = await import(new URL('src/schema.js', dist).href);
const { FAMILIES, articleOf, describeArticle } = await import(new URL('test/helpers/arbitraries.js', dist).href);

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    seed: { type: 'string' },
    family: { type: 'string' },
    batch: { type: 'string', default: '20' },
    out: { type: 'string', default: 'soak-failures.jsonl' },
  },
});
const seconds = Number(opts.seconds);
const seed = opts.seed !== undefined ? Number(opts.seed) : Date.now() % 2 ** 31;
const families = opts.family ? opts.family.split(',') : Object.keys(FAMILIES);
for (const f of families) if (!FAMILIES[f]) throw new Error(`unknown family "${f}"; families: ${Object.keys(FAMILIES).join(', ')}`);
const batch = Number(opts.batch);
/** The same budget as test/properties.test.ts: 2 s plus 20 ms per kB. */
const budgetMs = (a) => 2000 + (20 * (a.text.length + (a.title?.length ?? 0))) / 1000;

const t0 = performance.now();
const engine = loadEngine();
const loadMs = performance.now() - t0;
engine.extract({ id: 'warm-up', date: '2022-07-08', title: null, dateline: null, url: null, lang: 'en', text: 'Foreign Minister Wang Yi met Park Jin on Thursday. "We agreed," he said.' });
console.log(`soak-extract: seed ${seed}, ${seconds} s, families ${families.join(', ')} (engine loaded in ${loadMs.toFixed(0)} ms)`);

const stats = Object.fromEntries(families.map((f) => [f, { runs: 0, ms: 0, chars: 0, slowest: { ms: 0, chars: 0, what: '' } }]));
const failures = [];
const start = performance.now();
let round = 0;
let lastReport = start;
outer: while (performance.now() - start < seconds * 1000) {
  for (const [k, f] of families.entries()) {
    const articles = fc.sample(articleOf(FAMILIES[f]()), { numRuns: batch, seed: seed + round * 1000 + k });
    for (const a of articles) {
      if (performance.now() - start >= seconds * 1000) break outer;
      const s = stats[f];
      const t = performance.now();
      let problem = null;
      let r = null;
      try {
        r = engine.extract(a);
      } catch (e) {
        problem = `threw: ${e.stack}`;
      }
      const ms = performance.now() - t;
      if (r) {
        const v = validateResult(r);
        if (!v.valid) problem = `invalid result: ${v.errors.slice(0, 5).join('; ')}`;
        else if (ms > budgetMs(a)) problem = `took ${ms.toFixed(0)} ms, over the budget of ${budgetMs(a).toFixed(0)} ms`;
      }
      s.runs++;
      s.ms += ms;
      s.chars += a.text.length;
      if (ms > s.slowest.ms) s.slowest = { ms, chars: a.text.length, what: describeArticle(a) };
      if (problem) {
        failures.push({ family: f, seed: seed + round * 1000 + k, problem, article: a });
        console.log(`FAIL ${f}: ${problem.split('\n')[0]}\n     ${describeArticle(a)}`);
      }
    }
  }
  round++;
  if (performance.now() - lastReport > 30_000) {
    lastReport = performance.now();
    const runs = Object.values(stats).reduce((n, s) => n + s.runs, 0);
    console.log(`  ${((lastReport - start) / 1000).toFixed(0)} s: ${runs} articles, ${failures.length} failures`);
  }
}

const elapsed = (performance.now() - start) / 1000;
const total = Object.values(stats).reduce((n, s) => n + s.runs, 0);
console.log(`\n${'family'.padEnd(18)} ${'runs'.padStart(6)} ${'runs/s'.padStart(8)} ${'mean ms'.padStart(8)} ${'kB/s'.padStart(8)}   slowest`);
for (const [f, s] of Object.entries(stats)) {
  if (!s.runs) continue;
  console.log(
    `${f.padEnd(18)} ${String(s.runs).padStart(6)} ${(s.runs / (s.ms / 1000)).toFixed(1).padStart(8)} ${(s.ms / s.runs).toFixed(1).padStart(8)} ${(s.chars / 1000 / (s.ms / 1000)).toFixed(0).padStart(8)}   ${s.slowest.ms.toFixed(0)} ms at ${s.slowest.chars} chars`,
  );
}
const slowest = Object.entries(stats).sort((a, b) => b[1].slowest.ms - a[1].slowest.ms)[0];
console.log(`\n${total} articles in ${elapsed.toFixed(1)} s: ${(total / elapsed).toFixed(1)} runs/s; ${failures.length} failures`);
if (slowest && slowest[1].runs) console.log(`slowest: ${slowest[1].slowest.ms.toFixed(0)} ms for ${slowest[1].slowest.chars} chars (${slowest[0]}): ${slowest[1].slowest.what}`);
if (failures.length) {
  writeFileSync(opts.out, failures.map((x) => JSON.stringify(x)).join('\n') + '\n');
  console.log(`failures written to ${opts.out} (one JSON object per line: family, seed, problem, article)`);
  process.exitCode = 1;
}
