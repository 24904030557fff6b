import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { isFeed, parseFeed } from '../src/adapters/ingest/feed.js';
import { progressLine } from '../src/adapters/ingest/progress.js';
import { ingest } from '../src/adapters/ingest/run.js';
import { openStore } from '../src/adapters/store/index.js';
import type { Store } from '../src/adapters/store/types.js';

const BIN = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'parley-ingest-'));
let n = 0;
const db = () => join(dir, `i${n++}.db`);

function run(args: string[], input?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input != null) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

const ARTICLES = [
  { id: 'n1', date: '2023-03-02', title: 'Ministers meet', text: 'Foreign Minister Ana Kurtz of Austria met Japanese Foreign Minister Kenji Sato in Vienna on Wednesday. They discussed trade.' },
  { id: 'n2', date: '2023-03-03', title: 'Talks end', text: 'The talks between the two delegations ended in Geneva on Friday without an agreement on fishing rights.' },
  { id: 'n3', date: '2023-03-04', title: 'Aid pledged', text: 'Canada said it would send medical supplies to the flooded provinces of Peru within two weeks, officials in Ottawa said.' },
];
const jsonl = (xs: object[]) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
const PAGE = (title: string, body: string, date = '2023-03-05') =>
  `<!doctype html><html lang="en"><head><title>${title}</title><meta property="article:published_time" content="${date}T10:00:00Z"></head><body><nav>Home | World</nav><article><h1>${title}</h1>${body
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article><footer>Copyright</footer></body></html>`;

function corpusDir(): string {
  const d = mkdtempSync(join(dir, 'src-'));
  writeFileSync(join(d, 'wire.jsonl'), jsonl(ARTICLES));
  mkdirSync(join(d, 'pages'));
  writeFileSync(
    join(d, 'pages', 'story.html'),
    PAGE('Summit in Oslo', 'Norway hosted a summit with Sweden in Oslo on Thursday, the government said.\nThe prime ministers agreed to build a new rail link between the two capitals by 2030.'),
  );
  writeFileSync(join(d, 'note.txt'), 'date 2023-03-06 Rome - Italy and Greece signed a ferry agreement in Rome on Monday, their transport ministers said.');
  writeFileSync(join(d, 'ignored.bin'), 'not read');
  return d;
}

test('ingest: a directory, twice → the same counts (idempotent); exit 0; JSON summary', async () => {
  const d = corpusDir();
  const path = db();
  const first = await run(['ingest', d, '--db', path, '--summary', 'json', '--workers', '1']);
  assert.equal(first.status, 0, first.stderr);
  const s1 = JSON.parse(first.stdout);
  assert.deepEqual([s1.articles, s1.new, s1.duplicate, s1.failed], [5, 5, 0, 0]);
  assert.equal(s1.store.articles, 5);
  const second = await run(['ingest', d, '--db', path, '--summary', 'json']);
  assert.equal(second.status, 0, second.stderr);
  const s2 = JSON.parse(second.stdout);
  assert.deepEqual([s2.articles, s2.new, s2.duplicate, s2.failed], [5, 0, 5, 0]);
  assert.deepEqual({ ...s2.store, bytes: 0 }, { ...s1.store, bytes: 0 });
  // what the store gives back is what `parley extract` prints for the same inputs
  const exported = (await run(['export', '--db', path])).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const extracted = (await run(['extract', d])).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const byId = (xs: Array<{ article: { id: string } }>) => [...xs].sort((a, b) => a.article.id.localeCompare(b.article.id));
  assert.deepEqual(byId(exported), byId(extracted));
  // the text summary
  const third = await run(['ingest', join(d, 'wire.jsonl'), '--db', path]);
  assert.match(third.stdout, /parley: 3 articles in .* into .*i\d+\.db/);
  assert.match(third.stdout, /new 0, duplicate 3, near-duplicate 0, failed 0/);
  assert.match(third.stdout, /events \d+, quotes \d+, commitments \d+/);
});

test('ingest: failures are listed with reasons, the rest is stored, exit 1; stdin with -', async () => {
  const d = mkdtempSync(join(dir, 'bad-'));
  writeFileSync(join(d, 'mixed.jsonl'), jsonl([ARTICLES[0]]) + '{"id": "broken",\n' + jsonl([ARTICLES[1]]));
  const path = db();
  const r = await run(['ingest', join(d, 'mixed.jsonl'), join(d, 'missing.json'), '-', '--db', path, '--workers', '0'], jsonl([ARTICLES[2]]));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /mixed\.jsonl:2: not valid JSON/);
  assert.match(r.stderr, /missing\.json: no such file/);
  assert.match(r.stdout, /new 3, duplicate 0, near-duplicate 0, failed 2/);
  const store = openStore(path);
  assert.equal((await store.stats()).articles, 3);
  assert.ok(await store.hasArticle({ id: 'n3' }), 'read from stdin');
  await store.close();
  const usage = await run(['ingest', join(d, 'mixed.jsonl'), '--db', path, '--date', 'soon']);
  assert.equal(usage.status, 2);
  assert.equal((await run(['ingest', '--db', path])).status, 2, 'no sources');
});

test('ingest: same article by id, URL or normalised text is stored once; a syndicated copy is a near-duplicate', async () => {
  const d = mkdtempSync(join(dir, 'dup-'));
  const base = 'Brazil and Argentina agreed on Tuesday to open a joint customs post on their border at Foz do Iguacu, the two foreign ministries said in a statement issued in Brasilia. The post will start work in May and is expected to cut waiting times for lorries by half, officials said.';
  writeFileSync(
    join(d, 'a.jsonl'),
    jsonl([
      { id: 'x1', url: 'https://a.example/1', date: '2023-01-10', text: base },
      { id: 'x1', date: '2023-01-10', text: 'same id, other text' },
      { id: 'x2', url: 'https://a.example/1', date: '2023-01-10', text: 'same url, other text' },
      { id: 'x3', date: '2023-01-10', text: base.toUpperCase() },
      { id: 'x4', url: 'https://b.example/9', date: '2023-01-10', text: base.replace('by half', 'by about half') },
    ]),
  );
  const store = openStore(db());
  const s = await ingest({ store, inputs: [join(d, 'a.jsonl')], workers: 0 });
  assert.deepEqual([s.new, s.duplicate, s.nearDuplicate], [1, 3, 1]);
  assert.equal((await store.getArticle('x4'))?.nearDuplicateOf, 'x1');
  await store.close();
});

test('ingest is resumable: after a crash mid-way, a re-run finishes without duplicating anything', async () => {
  const d = corpusDir();
  const clean = openStore(db());
  await ingest({ store: clean, inputs: [d], workers: 0 });
  const want = { ...(await clean.stats()), bytes: 0 };
  await clean.close();

  const path = db();
  const store = openStore(path);
  let writes = 0;
  const crashing: Store = Object.assign(Object.create(store) as Store, {
    putArticles: async (items: Parameters<Store['putArticles']>[0]) => {
      if (writes++ >= 1) throw new Error('simulated crash');
      return store.putArticles(items);
    },
  });
  // two articles per transaction: the first is written, the second fails
  await assert.rejects(ingest({ store: crashing, inputs: [d], workers: 0, batchSize: 2 }), /simulated crash/);
  const partial = (await store.stats()).articles;
  assert.ok(partial > 0 && partial < 5, `partial ${partial}`);
  const s = await ingest({ store, inputs: [d], workers: 0 });
  assert.equal(s.new, 5 - partial);
  assert.equal(s.duplicate, partial);
  assert.deepEqual({ ...(await store.stats()), bytes: 0 }, want);
  await store.close();
});

// ── feeds and URLs, from a local server ──────────────────────────────────────────────────────────

let server: Server;
let base = '';
const RSS = (b: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test Wire</title><link>${b}/</link>
<item><title>Summit in Oslo</title><link>${b}/oslo.html</link><pubDate>Thu, 02 Mar 2023 09:00:00 GMT</pubDate></item>
<item><title>Ferry deal</title><link>${b}/gone.html</link><pubDate>Fri, 03 Mar 2023 09:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>Italy and Greece signed a ferry agreement in Rome on Friday, their transport ministers said.</p>]]></content:encoded></item>
<item><title>Broken</title><link>${b}/gone2.html</link></item>
</channel></rss>`;
const ATOM = (b: string) => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><link href="${b}/"/>
<entry><title>Rail link</title><link rel="alternate" href="${b}/rail.html"/><updated>2023-03-04T00:00:00Z</updated><id>urn:rail</id></entry></feed>`;

before(async () => {
  server = createServer((req, res) => {
    const pages: Record<string, [string, string]> = {
      '/feed.xml': ['application/rss+xml', RSS(base)],
      '/atom': ['application/atom+xml', ATOM(base)],
      '/oslo.html': ['text/html', PAGE('Summit in Oslo', 'Norway hosted a summit with Sweden in Oslo on Thursday, the government said.\nThe two prime ministers agreed to build a rail link by 2030.')],
      '/rail.html': ['text/html', PAGE('Rail link', 'Finland and Estonia agreed on Saturday to study a tunnel under the Gulf of Finland, officials in Helsinki said.\nA report is due next year.')],
      '/story': ['text/html; charset=utf-8', PAGE('Port visit', 'A Chilean navy ship visited the port of Callao in Peru on Sunday, the Peruvian navy said.\nIt was the first such visit in ten years.')],
    };
    const p = pages[req.url ?? ''];
    if (!p) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': p[0] }).end(p[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('feeds: RSS and Atom parse; items, links, dates and content', () => {
  const rss = parseFeed(RSS('http://h'));
  assert.equal(rss.kind, 'rss');
  assert.equal(rss.title, 'Test Wire');
  assert.deepEqual(rss.items.map((i) => i.link), ['http://h/oslo.html', 'http://h/gone.html', 'http://h/gone2.html']);
  assert.match(rss.items[1].content!, /ferry agreement/);
  const atom = parseFeed(ATOM('http://h'));
  assert.equal(atom.kind, 'atom');
  assert.deepEqual(atom.items.map((i) => [i.title, i.link, i.date]), [['Rail link', 'http://h/rail.html', '2023-03-04T00:00:00Z']]);
  assert.ok(isFeed(RSS('x')) && isFeed(ATOM('x')));
  assert.ok(!isFeed('<html><body>rss</body></html>'));
  assert.throws(() => parseFeed('<html></html>'), /not a feed/);
});

test('ingest: feed URLs, an article URL and a local feed file, over http from a local server', async () => {
  const d = mkdtempSync(join(dir, 'feed-'));
  writeFileSync(join(d, 'saved.rss'), RSS(base));
  const store = openStore(db());
  const problems: string[] = [];
  const s = await ingest({ store, inputs: [`${base}/feed.xml`, `${base}/atom`, `${base}/story`, `${base}/nothing-here`, join(d, 'saved.rss')], workers: 0, onProblem: (p) => problems.push(`${p.where}: ${p.reason}`) });
  // feed: oslo (fetched), ferry (feed content after a 404), broken (reported); atom: rail; story; saved.rss repeats the feed
  assert.deepEqual([s.new, s.duplicate], [4, 2]);
  const oslo = await store.getArticle(`url:${base}/oslo.html`);
  assert.ok(oslo, 'stored under its URL');
  assert.equal(oslo.result.article.url, `${base}/oslo.html`);
  assert.equal(oslo.result.article.date, '2023-03-05');
  assert.match(oslo.result.article.text, /Norway hosted a summit/);
  assert.doesNotMatch(oslo.result.article.text, /Copyright/);
  const ferry = await store.getArticle(`url:${base}/gone.html`);
  assert.equal(ferry?.result.article.date, '2023-03-03', 'from the feed item');
  assert.match(ferry!.result.article.text, /ferry agreement/);
  assert.ok(await store.getArticle(`url:${base}/rail.html`));
  assert.ok(await store.getArticle(`url:${base}/story`));
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.ok(problems.some((p) => /item 3 \("Broken"\).*gone2\.html: HTTP 404/.test(p)));
  assert.ok(problems.some((p) => /nothing-here: HTTP 404/.test(p)));
  await store.close();
});

test('progress line: count, rate, MB/s and ETA', () => {
  const line = progressLine({ done: 50, total: 200, totalKnown: true, bytes: 2e6, elapsed: 10 }, 10);
  assert.match(line, /█{3}░{7} 50\/200 25%  5 art\/s  0\.20 MB\/s  ETA 0:30/);
  assert.match(progressLine({ done: 5, total: 10, totalKnown: false, bytes: 0, elapsed: 1 }), /5\/10\+ .*ETA \?/);
});

test('reprocess: re-extracts articles from another engine version, keeps their ids, then links', async () => {
  const { reprocess } = await import('../src/adapters/ingest/run.js');
  const { engineFingerprint } = await import('../src/adapters/ingest/fingerprint.js');
  const { result } = await import('./helpers/corpus.js');
  const path = db();
  const store = openStore(path);
  // an article stored by an "old engine": its result has no actors at all
  const old = result({ id: 'keep-me', date: '2023-03-02', text: ARTICLES[0].text, actors: [] });
  await store.putArticle(old, { engine: 'old-engine' });
  await ingest({ store, inputs: [join(corpusDir(), 'note.txt')], workers: 0 });
  assert.equal(await store.countArticles({ staleFor: engineFingerprint() }), 1);
  const s = await reprocess({ store, workers: 0 });
  assert.equal(s.considered, 1);
  assert.equal(s.reprocessed, 1);
  const again = await store.getArticle('keep-me');
  assert.equal(again?.engine, engineFingerprint());
  assert.ok(again!.result.actors.some((a) => a.name === 'Kenji Sato'), 'extracted by the current engine');
  assert.equal(again!.result.article.id, 'keep-me');
  assert.equal((await reprocess({ store, workers: 0 })).reprocessed, 0, 'nothing stale any more');
  assert.equal((await reprocess({ store, workers: 0, all: true })).reprocessed, 2, '--all');
  assert.equal((await store.stats()).articles, 2);
  await store.close();
  const cli = await run(['reprocess', '--db', path, '--all', '--workers', '0']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /reprocessed 2 of 2 articles/);
  const link = await run(['link', '--db', path, '--as-of', '2024-01-01']);
  assert.match(link.stdout, /linked events from .*\(as of 2024-01-01\)/);
});

test('ingest with worker threads stores what extraction on one thread stores (written in input order)', async () => {
  const d = corpusDir();
  writeFileSync(join(d, 'copies.jsonl'), jsonl([{ ...ARTICLES[0], id: 'copy-a', url: 'https://x.example/a' }, { ...ARTICLES[1], id: 'copy-b' }]));
  const snapshot = async (workers: number) => {
    const store = openStore(db());
    const s = await ingest({ store, inputs: [d], workers, batchSize: 3 });
    const articles: string[] = [];
    for await (const a of store.articles()) articles.push(`${a.result.article.id}:${a.nearDuplicateOf ?? ''}:${a.result.events.length}`);
    const events = (await store.query()).map((e) => `${e.id}:${e.numMentions}`);
    await store.close();
    return { counts: [s.new, s.duplicate, s.nearDuplicate, s.failed], articles, events };
  };
  const one = await snapshot(0);
  assert.deepEqual(one.counts, [5, 2, 0, 0]);
  assert.deepEqual(await snapshot(2), one);
});

test('a large JSONL file is read in chunks: bounded memory, line numbers kept in problems', async () => {
  const d = mkdtempSync(join(dir, 'stream-'));
  const recs = Array.from({ length: 11 }, (_, i) => JSON.stringify({ id: `s${i + 1}`, date: '2023-02-01', text: `Record ${i + 1}: the ministers of Chile and Peru met in Lima on Monday for talks number ${i + 1}.` }));
  recs.splice(7, 0, '{"id": "bad", "text": 12}');
  writeFileSync(join(d, 'big.jsonl'), recs.join('\n') + '\n');
  const store = openStore(db());
  const problems: string[] = [];
  const s = await ingest({ store, inputs: [join(d, 'big.jsonl')], workers: 0, streamAbove: 10, streamLines: 5, onProblem: (p) => problems.push(`${p.where}: ${p.reason}`) });
  assert.deepEqual([s.articles, s.new, s.failed], [11, 11, 1]);
  assert.deepEqual(problems, [`${join(d, 'big.jsonl')}:8: no "text" string`]);
  await store.close();
});

test("a record's own source counts as its source: two outlets in one file are two distinct sources", async () => {
  const d = mkdtempSync(join(dir, 'sources-'));
  const meeting = 'Austrian Foreign Minister Ana Kurtz met Japanese Foreign Minister Kenji Sato in Vienna on Wednesday.';
  // three reports of one meeting, in different words (not near-duplicates)
  writeFileSync(
    join(d, 'wires.jsonl'),
    jsonl([
      { id: 'w1', date: '2023-03-02', source: 'Alpine Wire', text: meeting },
      { id: 'w2', date: '2023-03-02', source: 'Pacific Desk', text: 'Kenji Sato, the Japanese foreign minister, held talks with his Austrian counterpart Ana Kurtz in Vienna on Wednesday, a spokesman said.' },
      { id: 'w3', date: '2023-03-02', text: 'In Vienna on Wednesday, Austria and Japan held talks at the level of foreign ministers, with trade and fisheries on the agenda.' },
    ]),
  );
  const store = openStore(db());
  await ingest({ store, inputs: [d], workers: 0 });
  assert.equal((await store.getArticle('w1'))?.source, 'Alpine Wire');
  assert.equal((await store.getArticle('w3'))?.source, 'wires.jsonl', 'without one, the file');
  const [m] = await store.query({ type: ['CONSULT'] });
  assert.equal(m.numArticles, 3);
  assert.equal(m.numSources, 3);
  await store.close();
});
