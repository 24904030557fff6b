/**
 * The store test suite, parameterised by a store factory: every Store implementation (SQLite today,
 * PostgreSQL in issue 8) runs the same tests. Call `storeSuite('sqlite', () => openStore(tmp))`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../src/adapters/store/types.js';
import { CORPUS, EMPTY, HEADLINE, MEETING_A, MEETING_A_COPY, MEETING_B, PROMISES, VISIT, result } from './corpus.js';

export type StoreFactory = () => Promise<Store> | Store;

async function filled(make: StoreFactory): Promise<Store> {
  const s = await make();
  await s.putArticles(CORPUS.map((r) => ({ result: r, meta: { source: 'test' } })));
  await s.link();
  return s;
}

export function storeSuite(name: string, make: StoreFactory): void {
  describe(`store: ${name}`, () => {
    test('idempotent: the same articles twice give the same counts', async () => {
      const s = await make();
      const first = await s.putArticles(CORPUS.map((r) => ({ result: r })));
      assert.deepEqual(first.map((o) => o.status), ['new', 'new', 'new', 'new', 'new']);
      const counts = async () => ({ ...(await s.stats()), bytes: null });
      const before = await counts();
      const second = await s.putArticles(CORPUS.map((r) => ({ result: r })));
      assert.deepEqual(second.map((o) => [o.status, o.matchedOn]), CORPUS.map(() => ['duplicate', 'id']));
      assert.deepEqual(await counts(), before);
      assert.equal(before.articles, 5);
      assert.equal(before.eventMentions, 7);
      assert.equal(before.quotes, 1);
      assert.equal(before.commitments, 3);
      await s.link();
      const linked = await counts();
      const ids = (await s.query()).map((e) => e.id);
      await s.link();
      assert.deepEqual(await counts(), linked, 'link twice, same events');
      assert.deepEqual((await s.query()).map((e) => e.id), ids, 'with the same ids');
      await s.close();
    });

    test('duplicates by id, by URL and by normalised text are stored once', async () => {
      const s = await make();
      await s.putArticle(MEETING_A);
      const sameUrl = { ...MEETING_A, article: { ...MEETING_A.article, id: 'other-id', text: 'Different words entirely.' } };
      assert.deepEqual(await s.putArticle(sameUrl), { status: 'duplicate', id: 'wire-1', matchedOn: 'url' });
      const sameText = { ...MEETING_A, article: { ...MEETING_A.article, id: 'third', url: null, text: MEETING_A.article.text.toUpperCase().replace(/ /g, '  ') } };
      assert.deepEqual(await s.putArticle(sameText), { status: 'duplicate', id: 'wire-1', matchedOn: 'text' });
      assert.equal(await s.hasArticle({ id: 'wire-1' }), true);
      assert.equal(await s.hasArticle({ url: MEETING_A.article.url }), true);
      assert.equal(await s.hasArticle({ id: 'nope', url: 'https://nope.example/' }), false);
      assert.equal((await s.stats()).articles, 1);
      await s.close();
    });

    test('a near-duplicate is stored, linked to its original and not counted twice', async () => {
      const s = await make();
      await s.putArticle(MEETING_A);
      const o = await s.putArticle(MEETING_A_COPY);
      assert.equal(o.status, 'near-duplicate');
      assert.equal(o.nearDuplicateOf, 'wire-1');
      assert.ok(o.similarity! >= 0.75);
      assert.equal((await s.getArticle('portal-9'))?.nearDuplicateOf, 'wire-1');
      await s.link();
      const [meeting] = await s.query({ type: ['CONSULT'] });
      assert.equal(meeting.numMentions, 1);
      assert.equal(meeting.numSources, 1);
      assert.equal((await s.stats()).nearDuplicates, 1);
      await s.close();
    });

    test('linking: two articles about the same meeting → one event, two mentions', async () => {
      const s = await filled(make);
      const meetings = await s.query({ type: ['CONSULT'], from: '2022-07-01', to: '2022-07-31' });
      assert.equal(meetings.length, 1);
      const [m] = meetings;
      assert.equal(m.numMentions, 2);
      assert.equal(m.numSources, 2);
      assert.equal(m.date, '2022-07-07');
      assert.deepEqual([...m.actors, ...m.recipients].sort(), ['CHN', 'KOR']);
      assert.equal(m.place?.name, 'Bali');
      const mentions = await s.mentions(m.id);
      assert.deepEqual(mentions.map((x) => x.articleId).sort(), ['daily-77', 'wire-1']);
      for (const x of mentions) {
        assert.equal(x.inLead, true);
        assert.ok(x.sentence.text.includes(x.trigger.text));
      }
      assert.ok(m.evidence.length > 0);
      await s.close();
    });

    test('an event only the headline reports has the headline as its evidence', async () => {
      const s = await make();
      const title = HEADLINE.article.title!;
      await s.putArticle(HEADLINE);
      await s.link();
      const [e] = await s.query({ type: ['PROTEST'] });
      assert.equal(e.evidence, title);
      const [m] = await s.mentions(e.id);
      assert.equal(m.sentence.text, title);
      await s.close();
    });

    test('commitments: kept with evidence, overdue, open', async () => {
      const s = await filled(make);
      const all = await s.commitments();
      assert.deepEqual(all.map((c) => [c.articleId, c.commitmentId, c.status]), [
        ['wire-1', 'C1', 'kept'],
        ['desk-5', 'C1', 'overdue'],
        ['desk-5', 'C2', 'open'],
      ]);
      const [kept] = await s.commitments('kept');
      assert.equal(kept.keptBy?.articleId, 'wire-2');
      assert.equal(kept.keptBy?.date, '2022-09-19');
      assert.match(kept.keptBy!.evidence, /visited/);
      assert.deepEqual(kept.parties, ['CHN', 'KOR']);
      assert.equal((await s.commitments('overdue'))[0].due, '2022-08-31');
      assert.equal((await s.commitments('open')).length, 1);
      await s.close();
    });

    test('query filters: actor, country, dyad, type, dates, place, modality, text, sources', async () => {
      const s = await filled(make);
      const ids = async (f: Parameters<Store['query']>[0]) => (await s.query(f)).map((e) => `${e.type}:${e.date}`);
      assert.equal((await s.query()).length, 6);
      assert.deepEqual(await ids({ actor: ['FRE'] }), ['ASSAULT:2022-07-14', 'AID:2022-08']);
      assert.deepEqual(await ids({ actor: ['Ana Ruiz'] }), ['AID:2022-08']);
      assert.deepEqual(await ids({ country: ['CHN'] }), ['CONSULT:2022-09-19']);
      assert.deepEqual(await ids({ dyad: ['KOR', 'CHN'] }), ['AGREE:2022-07-07', 'CONSULT:2022-07-07', 'REQUEST:2022-07-07', 'CONSULT:2022-09-19']);
      // the linked event takes its direction from its first report (daily-77: Cho met Lin)
      assert.deepEqual(await ids({ dyad: ['KOR', 'CHN'], directed: true }), ['CONSULT:2022-07-07', 'REQUEST:2022-07-07', 'CONSULT:2022-09-19']);
      assert.deepEqual(await ids({ dyad: ['CHN', 'KOR'], directed: true }), []);
      assert.deepEqual(await ids({ type: ['CONSULT'] }), ['CONSULT:2022-07-07', 'CONSULT:2022-09-19']);
      assert.deepEqual(await ids({ type: ['02'] }), ['REQUEST:2022-07-07'], 'CAMEO prefix');
      assert.deepEqual(await ids({ from: '2022-07-10', to: '2022-07-31' }), ['ASSAULT:2022-07-14']);
      assert.deepEqual(await ids({ from: '2022-08-01' }), ['AID:2022-08', 'CONSULT:2022-09-19']);
      assert.deepEqual(await ids({ to: '2022-07' }), ['AGREE:2022-07-07', 'CONSULT:2022-07-07', 'REQUEST:2022-07-07', 'ASSAULT:2022-07-14']);
      assert.deepEqual(await ids({ place: 'qingdao' }), ['CONSULT:2022-09-19']);
      // names and places match whole words, in any case and order, with or without accents
      assert.deepEqual(await ids({ place: 'QINGDÁO' }), ['CONSULT:2022-09-19']);
      assert.deepEqual(await ids({ place: 'qing' }), []);
      assert.deepEqual(await ids({ actor: ['ruiz, ANA'] }), ['AID:2022-08']);
      assert.deepEqual(await ids({ actor: ['Ruíz'] }), ['AID:2022-08']);
      assert.deepEqual(await ids({ actor: ['Rui'] }), []);
      // pattern characters are matched as themselves, never as wildcards
      assert.deepEqual(await ids({ place: '%' }), []);
      assert.deepEqual(await ids({ actor: ['_'] }), []);
      assert.deepEqual(await ids({ modality: ['future'] }), ['AID:2022-08']);
      assert.deepEqual(await ids({ text: 'peninsula' }), ['CONSULT:2022-07-07', 'REQUEST:2022-07-07']);
      assert.deepEqual(await ids({ text: 'shelled' }), ['ASSAULT:2022-07-14', 'AID:2022-08']);
      assert.deepEqual(await ids({ text: 'summit AND Freedonia' }), ['ASSAULT:2022-07-14', 'AID:2022-08']);
      assert.deepEqual(await ids({ minSources: 2 }), ['CONSULT:2022-07-07']);
      assert.deepEqual(await ids({ type: ['CONSULT'], limit: 1, offset: 1 }), ['CONSULT:2022-09-19']);
      await s.close();
    });

    test('dyad: events by period with Goldstein sum and mean and tone', async () => {
      const s = await filled(make);
      const rows = await s.dyad('CHN', 'KOR', { by: 'month' });
      assert.deepEqual(rows.map((r) => [r.period, r.events, r.byType]), [
        ['2022-07', 3, { AGREE: 1, CONSULT: 1, REQUEST: 1 }],
        ['2022-09', 1, { CONSULT: 1 }],
      ]);
      assert.equal(rows[0].goldsteinSum, 8);
      assert.equal(rows[0].goldsteinMean, 2.67);
      assert.equal(rows[1].tone, 1.5);
      assert.equal(rows[0].cooperative, 3);
      // a month-dated event counts by month, not by day
      assert.deepEqual((await s.dyad('RUR', 'FRE', { by: 'month', modality: ['future'] })).map((r) => [r.period, r.events]), [['2022-08', 1]]);
      assert.deepEqual(await s.dyad('RUR', 'FRE', { by: 'day', modality: ['future'] }), []);
      const directed = await s.dyad('KOR', 'CHN', { by: 'year', directed: true });
      assert.deepEqual(directed.map((r) => [r.period, r.events]), [['2022', 3]]);
      await s.close();
    });

    test('articles round-trip; replaceResult keeps the id; stale articles by engine fingerprint', async () => {
      const s = await make();
      await s.putArticles([
        { result: MEETING_A, meta: { engine: 'v1' } },
        { result: EMPTY, meta: { engine: 'v1' } },
      ]);
      const got = await s.getArticle('wire-1');
      assert.deepEqual(got?.result, MEETING_A);
      assert.equal(got?.engine, 'v1');
      assert.equal(await s.getArticle('missing'), null);
      const better = result({ id: 'wire-1', date: '2022-07-08', text: MEETING_A.article.text, url: MEETING_A.article.url, actors: [] });
      await s.replaceResult(better, { engine: 'v2' });
      assert.deepEqual((await s.getArticle('wire-1'))?.result.events, []);
      assert.equal((await s.stats()).eventMentions, 0);
      assert.equal(await s.countArticles({ staleFor: 'v2' }), 1);
      const stale: string[] = [];
      for await (const a of s.articles({ staleFor: 'v2' })) stale.push(a.result.article.id);
      assert.deepEqual(stale, ['empty-1']);
      assert.equal(await s.countArticles(), 2);
      await s.close();
    });

    test('empty lists are fine everywhere', async () => {
      const s = await make();
      await s.putArticle(EMPTY);
      const st = await s.link();
      assert.equal(st.events, 0);
      assert.deepEqual(await s.query({ actor: ['CHN'] }), []);
      assert.deepEqual(await s.dyad('CHN', 'KOR', { by: 'month' }), []);
      assert.deepEqual(await s.commitments(), []);
      await s.close();
    });

    void [MEETING_B, PROMISES, VISIT];
  });
}
