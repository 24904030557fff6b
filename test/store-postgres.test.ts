/**
 * The shared store suite against PostgreSQL (each store in a schema of its own, dropped at the end),
 * plus what only a shared store has to get right: writers and links racing each other.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../src/adapters/store/index.js';
import { PostgresStore, parsePostgresUrl } from '../src/adapters/store/postgres.js';
import { ftsToTsquery } from '../src/adapters/store/tsquery.js';
import type { ArticleResult } from '../src/core/types.js';
import { CORPUS, MEETING_A, MEETING_A_COPY, result } from './helpers/corpus.js';
import { dropSchemas, pgUrl, servicesUp, uniqueName } from './helpers/services.js';
import { storeSuite } from './helpers/store-suite.js';

const up = await servicesUp(['pg']);
const schemas: string[] = [];
const fresh = () => {
  const s = uniqueName('parley_t');
  schemas.push(s);
  return s;
};
after(() => dropSchemas(schemas));

if (up) storeSuite('postgres', () => openStore(pgUrl(fresh())));

describe('postgres store: URLs and full-text queries', () => {
  test('the schema comes from the URL and the URL keeps the rest', () => {
    assert.deepEqual(parsePostgresUrl('postgres://u@h:5432/db?schema=news&sslmode=disable'), { connectionString: 'postgres://u@h:5432/db?sslmode=disable', schema: 'news' });
    assert.equal(parsePostgresUrl('postgresql://h/db').schema, 'public');
    assert.throws(() => parsePostgresUrl('postgres://h/db?schema=a;drop'), /schema name/);
  });

  test('FTS5 syntax becomes a tsquery (NOT tightest, then AND, then OR)', () => {
    const ps: unknown[] = [];
    const sql = ftsToTsquery('a OR b c NOT d', (v) => `$${ps.push(v)}`);
    assert.equal(sql, "(plainto_tsquery('english', $1) || (plainto_tsquery('english', $2) && (plainto_tsquery('english', $3) && !!plainto_tsquery('english', $4))))");
    assert.deepEqual(ps, ['a', 'b', 'c', 'd']);
    const ps2: unknown[] = [];
    assert.equal(ftsToTsquery('"two words" pen*', (v) => `$${ps2.push(v)}`), "(phraseto_tsquery('english', $1) && to_tsquery('english', $2))");
    assert.deepEqual(ps2, ['two words', "'pen':*"]);
    for (const bad of ['(a', 'a OR', '"open', 'a:b', '']) assert.throws(() => ftsToTsquery(bad, () => '$1'), /fts5: syntax error/, bad);
  });
});

describe('postgres store: concurrent writers and links', { skip: !up && 'PostgreSQL not running' }, () => {
  let url = '';
  before(() => {
    url = pgUrl(fresh());
  });

  test('a store linked before the name and place words gets them when it is opened', async () => {
    const own = pgUrl(fresh());
    const s = new PostgresStore(own);
    await s.putArticles(CORPUS.map((r) => ({ result: r })));
    await s.link();
    const before = (await s.query({ actor: ['Ana Ruiz'] })).map((e) => e.id);
    const places = (await s.query({ place: 'qingdao' })).map((e) => e.id);
    assert.ok(before.length && places.length);
    // as a store of the previous layout would have them: no words
    await s.pool.query('UPDATE events SET name_words = NULL, place_words = NULL');
    assert.deepEqual(await s.query({ actor: ['Ana Ruiz'] }), []);
    await s.close();
    const again = new PostgresStore(own);
    try {
      assert.deepEqual((await again.query({ actor: ['Ana Ruiz'] })).map((e) => e.id), before);
      assert.deepEqual((await again.query({ place: 'qingdao' })).map((e) => e.id), places);
    } finally {
      await again.close();
    }
  });

  test('the same articles from four writers at once are stored once', async () => {
    const stores = Array.from({ length: 4 }, () => new PostgresStore(url));
    try {
      const outs = await Promise.all(stores.map((s) => s.putArticles(CORPUS.map((r) => ({ result: r })))));
      const news = outs.flat().filter((o) => o.status !== 'duplicate');
      assert.equal(news.length, CORPUS.length, 'each article new exactly once');
      assert.equal((await stores[0].stats()).articles, CORPUS.length);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  test('links racing each other and the writers leave one copy of each event', async () => {
    const schema = fresh();
    const serial = new PostgresStore(pgUrl(schema));
    await serial.putArticles(CORPUS.map((r) => ({ result: r, meta: { source: 'test' } })));
    await serial.link();
    const expected = (await serial.query()).map((e) => [e.id, e.numMentions]);
    await serial.close();

    const other = pgUrl(fresh());
    const stores = Array.from({ length: 3 }, () => new PostgresStore(other));
    try {
      // three processes' worth of writers, each linking after every article it writes
      await Promise.all(
        stores.map(async (s, k) => {
          for (const r of CORPUS.filter((_, i) => i % 3 === k)) {
            await s.putArticle(r, { source: 'test' });
            await s.link();
          }
        }),
      );
      await Promise.all(stores.map((s) => s.linkIfChanged()));
      assert.deepEqual((await stores[0].query()).map((e) => [e.id, e.numMentions]), expected);
      const st = await stores[0].linkState();
      assert.equal(st.linkedVersion, st.version, 'the last link saw the last write');
      assert.equal(await stores[1].linkIfChanged(), null, 'nothing changed since: no link');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  test('near-duplicates resolve in publication order, whatever order they are written in', async () => {
    const inOrder = new PostgresStore(pgUrl(fresh()));
    const reversed = new PostgresStore(pgUrl(fresh()));
    try {
      const first = { result: MEETING_A, meta: { order: 1_000, orderSeq: 1 } };
      const second = { result: MEETING_A_COPY, meta: { order: 2_000, orderSeq: 2 } };
      const a = await inOrder.putArticles([first, second]);
      assert.deepEqual(a.map((o) => o.status), ['new', 'near-duplicate']);
      // the copy is written first (a worker was faster); the original arrives later and takes its place
      const b = [await reversed.putArticle(second.result, second.meta), await reversed.putArticle(first.result, first.meta)];
      assert.deepEqual(b.map((o) => o.status), ['new', 'new']);
      assert.equal((await reversed.getArticle('portal-9'))?.nearDuplicateOf, 'wire-1');
      assert.equal((await reversed.getArticle('wire-1'))?.nearDuplicateOf, null);
      await inOrder.link();
      await reversed.link();
      assert.deepEqual(await reversed.query(), await inOrder.query());
    } finally {
      await inOrder.close();
      await reversed.close();
    }
  });

  test('events() pages through every event in query order (more than one page)', async () => {
    const s = new PostgresStore(pgUrl(fresh()));
    try {
      const items = Array.from({ length: 620 }, (_, i) => {
        const day = new Date(Date.UTC(2020, 0, 1) + i * 2 * 86_400_000).toISOString().slice(0, 10);
        const text = `Talks number ${i}: Lin Hao met Cho Min on ${day}.`;
        return {
          result: result({
            id: `p-${i}`,
            date: day,
            text,
            actors: [
              { id: 'A1', name: 'Lin Hao', code: 'CHN', type: 'person' },
              { id: 'A2', name: 'Cho Min', code: 'KOR', type: 'person' },
            ],
            events: [{ type: i % 3 ? 'CONSULT' : 'AGREE', actors: ['A1'], recipients: ['A2'], date: i % 7 ? day : null, trigger: 'met' }],
          }),
        };
      });
      await s.putArticles(items);
      await s.link();
      const all = (await s.query()).map((e) => e.id);
      const streamed: string[] = [];
      let mentions = 0;
      for await (const x of s.events()) {
        streamed.push(x.event.id);
        mentions += x.mentions.length;
      }
      assert.equal(all.length, 620);
      assert.deepEqual(streamed, all);
      assert.equal(mentions, 620);
      const some: string[] = [];
      for await (const x of s.events({ type: ['AGREE'] })) some.push(x.event.id);
      assert.deepEqual(some, (await s.query({ type: ['AGREE'] })).map((e) => e.id));
    } finally {
      await s.close();
    }
  });

  test('text with NUL characters is stored (as U+FFFD, offsets unchanged)', async () => {
    const s = new PostgresStore(pgUrl(fresh()));
    try {
      const r: ArticleResult = result({ id: 'nul-1', date: '2022-01-01', text: 'Talks\u0000 were held in Jakarta on Monday.', actors: [] });
      assert.equal((await s.putArticle(r)).status, 'new');
      const got = await s.getArticle('nul-1');
      assert.equal(got?.result.article.text, 'Talks\ufffd were held in Jakarta on Monday.');
      assert.equal((await s.stats()).articles, 1);
    } finally {
      await s.close();
    }
  });
});
