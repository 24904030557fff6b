/**
 * Limits on what one input may cost: the article size limit (readers' maxArticleBytes, the CLI's
 * --max-article-size) and the HTML nesting limit. An input over a limit is reported by name with a
 * clear reason; everything around it is still processed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { DEFAULT_MAX_ARTICLE_BYTES, MAX_HTML_DEPTH, articleBytes, formatBytes, htmlDepth, oversize, parseSize, readContent } from '../src/readers/index.js';

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
