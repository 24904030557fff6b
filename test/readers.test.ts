import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatOf, readContent } from '../src/readers/index.js';

test('seed form: date and dateline from the header, the body as text', () => {
  const { articles, problems } = readContent(' date 2022-07-08 Bali - Ministers met here on Thursday.\n', { name: 'a.txt' });
  assert.deepEqual(problems, []);
  assert.equal(articles[0].date, '2022-07-08');
  assert.equal(articles[0].dateline, 'Bali');
  assert.equal(articles[0].text, 'Ministers met here on Thursday.');
  assert.match(articles[0].id, /^sha1-[0-9a-f]{16}$/);
});

test('plain text: no date unless given, a stable id from the text', () => {
  const a = readContent('Ministers met.', { name: 'a.txt' }).articles[0];
  assert.equal(a.date, null);
  const b = readContent('Ministers met.', { name: 'b.txt', date: '2020-01-02' }).articles[0];
  assert.equal(b.date, '2020-01-02');
  assert.equal(a.id, b.id);
  assert.deepEqual(readContent('  \n', { name: 'empty.txt' }).problems, [{ where: 'empty.txt', reason: 'empty text' }]);
});

test('json: one object or an array; bad records are reported and the rest kept', () => {
  const one = readContent('{"id":"x1","date":"2021-05-01T10:00:00Z","title":"T","text":"Hello."}', { name: 'a.json' });
  assert.deepEqual([one.articles[0].id, one.articles[0].date, one.articles[0].title], ['x1', '2021-05-01', 'T']);
  const arr = readContent('[{"text":"One."},{"title":"no text"},{"text":"Three.","date":"yesterday-ish"}]', { name: 'b.json' });
  assert.equal(arr.articles.length, 1);
  assert.deepEqual(arr.problems.map((p) => p.where), ['b.json[1]', 'b.json[2]']);
  assert.match(arr.problems[0].reason, /no "text"/);
  assert.match(readContent('{"text": ', { name: 'c.json' }).problems[0].reason, /not valid JSON/);
});

test('jsonl: one article per line; a broken line is reported with its number', () => {
  const r = readContent('{"id":"a","text":"One."}\n{"id":"b","text":\n\n{"id":"c","text":"Three."}\n', { name: 'x.jsonl' });
  assert.deepEqual(r.articles.map((a) => a.id), ['a', 'c']);
  assert.deepEqual(r.problems.map((p) => p.where), ['x.jsonl:2']);
});

test('html: main text by readability, title and date from meta tags or <time>', () => {
  const html = `<!doctype html><html lang="en"><head><title>Site | Ministers meet</title>
    <meta property="og:title" content="Ministers meet in Bali">
    <meta property="article:published_time" content="2022-07-08T09:00:00Z">
    <link rel="canonical" href="https://example.org/news/1"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Ministers meet in Bali</h1>
    <p>The foreign ministers of two neighbouring states met on Thursday on the sidelines of a regional meeting and agreed to expand cooperation in trade, energy and culture over the coming years.</p>
    <p>They also agreed in principle to exchange visits within this year, officials said after the talks, which lasted more than two hours and covered a wide range of issues.</p>
    <p>A joint statement is expected to be published later in the week, according to diplomats familiar with the preparations for the document.</p>
    </article><footer>Copyright</footer></body></html>`;
  const r = readContent(html, { name: 'page.html' });
  assert.deepEqual(r.problems, []);
  const a = r.articles[0];
  assert.equal(a.date, '2022-07-08');
  assert.equal(a.url, 'https://example.org/news/1');
  assert.match(a.title ?? '', /Ministers meet/);
  assert.match(a.text, /^The foreign ministers/m);
  assert.ok(!a.text.includes('Copyright') && !a.text.includes('Home'), 'navigation and footer are not text');
  assert.ok(a.text.includes('\n\n'), 'paragraphs survive');
  const timed = readContent('<html><body><article><time datetime="2021-03-04">March 4</time><p>' + 'Words of an article. '.repeat(30) + '</p></article></body></html>', { name: 'b.html' });
  assert.equal(timed.articles[0].date, '2021-03-04');
  assert.match(readContent('<html><body></body></html>', { name: 'empty.html' }).problems[0].reason, /no article text/);
});

test('formats are chosen by extension, then by content', () => {
  assert.equal(formatOf('a.jsonl', ''), 'jsonl');
  assert.equal(formatOf('-', '[{"text":"x"}]'), 'json');
  assert.equal(formatOf('-', '<html></html>'), 'html');
  assert.equal(formatOf('-', ' date 2022-07-08 Bali - x'), 'seed');
  assert.equal(formatOf('notes.txt', '{"looks": "like json"}'), 'txt');
});
