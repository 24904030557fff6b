/**
 * The SQLite store's query planner (posting lists walked in rank order, date ranges as rank ranges)
 * against a plain reading of the filters over every event, on a generated corpus; and the upgrade of
 * a store of schema 1.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../src/adapters/store/sqlite.js';
import type { EventRow, QueryFilters } from '../src/adapters/store/types.js';
import { CORPUS, result, type EventSpec } from './helpers/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-store-query-'));

/** A deterministic pseudo-random sequence (so a failure can be replayed). */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

const PEOPLE = [
  { name: 'Lin Hao', code: 'CHN' },
  { name: 'Cho Min', code: 'KOR' },
  { name: 'José Núñez', code: 'MEX' },
  { name: 'Ana Ruiz', code: 'MEX' },
  { name: 'Ivan Petrov', code: 'RUS' },
  { name: 'Olena Hao', code: 'UKR' },
];
const PLACES = [
  { name: 'Bali', code: 'IDN', lat: -8.4, lon: 115.2, geonameId: 1650535 },
  { name: 'Mexico City', code: 'MEX', lat: 19.4, lon: -99.1, geonameId: 3530597 },
  { name: 'New York City', code: 'USA', lat: 40.7, lon: -74.0, geonameId: 5128581 },
  null,
];
const TYPES = ['CONSULT', 'AGREE', 'AID', 'ACCUSE', 'REQUEST', 'ASSAULT'];
const DATES = ['2021', '2021-03', '2021-03-04', '2021-03-05', '2021-12-31', '2022', '2022-01-01', '2022-07', '2022-07-07', '2022-07-08', null];

function corpus(n: number, r: () => number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const people = [pick(PEOPLE), pick(PEOPLE), pick(PEOPLE)];
    const text = `Report ${i}: ${people.map((p) => p.name).join(' and ')} met, agreed, asked and talked.`;
    const events: EventSpec[] = ['met', 'agreed', 'asked'].slice(0, 1 + Math.floor(r() * 3)).map((trigger) => ({
      type: pick(TYPES),
      actors: [`A${Math.floor(r() * 3)}`],
      recipients: r() < 0.8 ? [`A${Math.floor(r() * 3)}`] : [],
      date: pick(DATES),
      location: pick(PLACES),
      modality: r() < 0.8 ? 'asserted' : 'future',
      trigger,
    }));
    return result({
      id: `gen-${i}`,
      date: r() < 0.15 ? null : '2022-08-01', // an undated event of an undated article stays undated
      url: `https://${pick(['a', 'b', 'c'])}.example/${i}`,
      text,
      actors: people.map((p, k) => ({ id: `A${k}`, name: p.name, code: p.code, type: 'person' as const })),
      events,
    });
  });
}

const words = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The filters as the store documents them, applied to every event in listing order. */
function reference(all: EventRow[], f: QueryFilters): EventRow[] {
  const out = all.filter((e) => {
    const parts = new Set([...e.actors, ...e.recipients]);
    const nameWords = new Set(words(Object.values(e.names).flat().join(' ')));
    const codeLike = (s: string) => /^[A-Z][A-Z0-9_]{1,15}$/.test(s);
    if (f.actor?.length && !f.actor.some((a) => (codeLike(a) ? parts.has(a) : words(a).length > 0 && words(a).every((w) => nameWords.has(w))))) return false;
    if (f.country?.length && !f.country.includes(e.place?.code ?? '')) return false;
    if (f.dyad) {
      const [a, b] = f.dyad;
      if (a === b ? !parts.has(a) : f.directed ? !(e.actors.includes(a) && e.recipients.includes(b)) : !(parts.has(a) && parts.has(b))) return false;
    }
    if (f.type?.length && !f.type.some((t) => (/^\d+$/.test(t) ? (e.cameo ?? '').startsWith(t) : e.type === t))) return false;
    if (f.from && (e.date == null || e.date < f.from.slice(0, e.date.length))) return false;
    if (f.to && (e.date == null || e.date > (f.to.length < 10 ? f.to + '\uffff' : f.to))) return false;
    if (f.place) {
      const have = new Set(words(e.place?.name ?? ''));
      if (!words(f.place).length || !words(f.place).every((w) => have.has(w))) return false;
    }
    if (f.modality?.length && !f.modality.includes(e.modality)) return false;
    if (f.minSources && e.numSources < f.minSources) return false;
    return true;
  });
  const from = f.offset ?? 0;
  return out.slice(from, f.limit != null ? from + f.limit : undefined);
}

test('sqlite query: every filter combination lists what a plain reading of the filters lists, in order', async () => {
  const r = rng(7);
  const s = new SqliteStore(join(dir, 'gen.db'));
  await s.putArticles(corpus(150, r).map((a) => ({ result: a, meta: { source: a.article.url } })));
  await s.link();
  const all = await s.query();
  assert.ok(all.length > 150, `${all.length} events`);
  // listing order: by date (undated last), then type and id
  const key = (e: EventRow) => [e.date ?? '~', e.type, e.id].join('\u0000');
  assert.deepEqual(all.map(key), all.map(key).sort());
  assert.ok(all.some((e) => e.date == null) && all.some((e) => e.date?.length === 4) && all.some((e) => e.date?.length === 7));

  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const codes = ['CHN', 'KOR', 'MEX', 'RUS', 'UKR', 'USA'];
  const makers: Array<() => QueryFilters> = [
    () => ({ actor: [pick(codes)] }),
    () => ({ actor: [pick(codes), pick(codes)] }),
    () => ({ actor: [pick(['Hao', 'jose nunez', 'Ana Ruiz', 'Petrov', 'Nobody', 'LIN', '--'])] }),
    () => ({ actor: [pick(codes), pick(['Hao', 'Ruiz'])] }),
    () => ({ country: [pick(['IDN', 'MEX', 'USA', 'FRA'])] }),
    () => ({ dyad: [pick(codes), pick(codes)] as [string, string], directed: r() < 0.5 }),
    () => ({ type: [pick(TYPES)] }),
    () => ({ type: [pick(TYPES), pick(['19', '04', '0', 'AID'])] }),
    () => ({ from: pick(['2021', '2021-03', '2021-03-05', '2022-01-01', '2022-07-08', '2023']) }),
    () => ({ to: pick(['2021', '2021-03', '2021-03-04', '2022-07', '2020-12-31']) }),
    () => ({ place: pick(['bali', 'City', 'new york', 'Mexico City', 'Paris', '', '!!']) }),
    () => ({ modality: [pick(['asserted', 'future'] as const)] }),
    () => ({ minSources: pick([1, 2, 3]) }),
  ];
  for (let i = 0; i < 400; i++) {
    const f: QueryFilters = {};
    for (let k = 1 + Math.floor(r() * 3); k > 0; k--) Object.assign(f, pick(makers)());
    if (r() < 0.3) Object.assign(f, { limit: 1 + Math.floor(r() * 5), offset: Math.floor(r() * 4) });
    const got = (await s.query(f)).map((e) => e.id);
    assert.deepEqual(got, reference(all, f).map((e) => e.id), JSON.stringify(f));
  }
  // full text drives or filters: the same events as without the planner's help
  const text = await s.query({ text: 'Petrov' });
  assert.ok(text.length > 0);
  assert.deepEqual((await s.query({ text: 'Petrov', type: ['AID'] })).map((e) => e.id), text.filter((e) => e.type === 'AID').map((e) => e.id));
  assert.deepEqual((await s.query({ text: 'Petrov', actor: ['CHN'] })).map((e) => e.id), reference(text, { actor: ['CHN'] }).map((e) => e.id));
  // the dyad series follows the same rows
  const series = await s.dyad('CHN', 'KOR', { by: 'year', modality: ['asserted', 'future'] });
  assert.equal(series.reduce((n, x) => n + x.events, 0), reference(all, { dyad: ['CHN', 'KOR'] }).filter((e) => e.date).length);
  await s.close();
});

test('sqlite store of schema 1: upgraded on the first writable open (events linked again), refused read-only', async () => {
  const path = join(dir, 'v1.db');
  let s = new SqliteStore(path);
  await s.putArticles(CORPUS.map((a) => ({ result: a, meta: { source: a.article.url } })));
  await s.link();
  const before = await s.query();
  const kept = await s.commitments();
  await s.close();
  // what a store written by schema 1 looked like where schema 2 differs
  const db = new Database(path);
  db.exec(`DROP INDEX mentions_art_ev; ALTER TABLE mentions DROP COLUMN ev;
    DROP TABLE events; DROP TABLE event_parts; DROP TABLE event_pairs; DROP TABLE event_words;
    CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT, type TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE event_parts (code TEXT NOT NULL, event TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (code, event, role)) WITHOUT ROWID;
    UPDATE meta SET value = '1' WHERE key = 'schema';`);
  db.close();
  assert.throws(() => new SqliteStore(path, { readonly: true }), /schema 1.*open it once for writing/);
  s = new SqliteStore(path);
  assert.deepEqual(await s.query(), before);
  assert.deepEqual(await s.commitments(), kept);
  assert.deepEqual((await s.query({ dyad: ['KOR', 'CHN'] })).length, 4);
  await s.close();
  const ro = new SqliteStore(path, { readonly: true });
  assert.deepEqual(await ro.query(), before);
  await ro.close();
  // a store from a newer parley is not touched
  const newer = new Database(path);
  newer.prepare("UPDATE meta SET value = '99' WHERE key = 'schema'").run();
  newer.close();
  assert.throws(() => new SqliteStore(path), /schema 99.*cannot upgrade/);
});
