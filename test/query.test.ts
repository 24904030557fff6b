import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { corpusDb, jsonLines, parley } from './helpers/cli.js';

let db = '';
before(async () => {
  db = await corpusDb();
});

const events = async (...args: string[]) => {
  const r = await parley(['query', '--db', db, ...args]);
  assert.equal(r.code, 0, r.err);
  return jsonLines(r.out).map((e) => `${e.type}:${e.date}`);
};

test('query: every filter on the command line', async () => {
  assert.equal((await events()).length, 6);
  assert.deepEqual(await events('--actor', 'FRE'), ['ASSAULT:2022-07-14', 'AID:2022-08']);
  assert.deepEqual(await events('--actor', 'Ruiz'), ['AID:2022-08']);
  assert.deepEqual(await events('-a', 'RUR', '-a', 'CHN', '--type', 'AID,CONSULT'), ['CONSULT:2022-07-07', 'AID:2022-08', 'CONSULT:2022-09-19']);
  assert.deepEqual(await events('--country', 'chn'), ['CONSULT:2022-09-19']);
  assert.deepEqual(await events('--dyad', 'CHN-KOR', '--type', 'CONSULT'), ['CONSULT:2022-07-07', 'CONSULT:2022-09-19']);
  assert.deepEqual(await events('--dyad', 'CHN-KOR', '--directed'), []);
  assert.deepEqual(await events('--dyad', 'KOR:CHN', '--directed', '--type', '02'), ['REQUEST:2022-07-07']);
  assert.deepEqual(await events('--from', '2022-07-10', '--to', '2022-07-31'), ['ASSAULT:2022-07-14']);
  assert.deepEqual(await events('--from', '2022-09'), ['CONSULT:2022-09-19']);
  assert.deepEqual(await events('--place', 'bali', '--type', 'CONSULT'), ['CONSULT:2022-07-07']);
  assert.deepEqual(await events('--modality', 'future'), ['AID:2022-08']);
  assert.deepEqual(await events('--text', 'peninsula'), ['CONSULT:2022-07-07', 'REQUEST:2022-07-07']);
  assert.deepEqual(await events('--text', '"ferry agreement"'), []);
  assert.deepEqual(await events('--min-sources', '2'), ['CONSULT:2022-07-07']);
  assert.deepEqual(await events('--limit', '1'), ['AGREE:2022-07-07']);
});

test('query: JSONL rows carry counts, place, evidence, and with --mentions each report', async () => {
  const r = await parley(['query', '--db', db, '--type', 'CONSULT', '--from', '2022-07-07', '--to', '2022-07-07', '--mentions']);
  const [e] = jsonLines(r.out);
  assert.equal(e.numMentions, 2);
  assert.equal(e.numSources, 2);
  assert.equal(e.place.name, 'Bali');
  assert.equal(e.mentions.length, 2);
  assert.deepEqual(Object.keys(e.mentions[0]).sort(), ['articleDate', 'articleId', 'confidence', 'date', 'dateText', 'event', 'eventId', 'inLead', 'sentence', 'source', 'trigger', 'url']);
});

test('query: table on a terminal, CSV on request', async () => {
  const t = await parley(['query', '--db', db, '--type', 'CONSULT'], true);
  assert.match(t.out, /^date\s+type\s+cameo\s+actors → recipients\s+place/);
  assert.match(t.out, /2022-07-07\s+CONSULT\s+040\s+KOR → CHN\s+Bali IDN/);
  assert.match(t.out, /2 events\n$/);
  const c = await parley(['query', '--db', db, '--type', 'CONSULT', '--format', 'csv']);
  const lines = c.out.trim().split('\n');
  assert.equal(lines[0], 'id,date,type,cameo,quad,goldstein,modality,actors,recipients,place,place_code,lat,lon,mentions,articles,sources,tone,first_article,url,evidence');
  assert.equal(lines.length, 3);
  assert.match(lines[1], /^ev-[0-9a-f]{16},2022-07-07,CONSULT,040,1,1,asserted,KOR,CHN,Bali,IDN,/);
});

test('dyad: the relationship by month, as table, JSONL and CSV', async () => {
  const j = await parley(['dyad', 'CHN', 'KOR', '--db', db, '--by', 'month']);
  assert.equal(j.code, 0, j.err);
  const rows = jsonLines(j.out);
  assert.deepEqual(rows.map((r) => [r.period, r.events, r.goldsteinSum, r.goldsteinMean]), [
    ['2022-07', 3, 8, 2.67],
    ['2022-09', 1, 1, 1],
  ]);
  assert.deepEqual(rows[0].byType, { AGREE: 1, CONSULT: 1, REQUEST: 1 });
  const t = await parley(['dyad', 'chn', 'kor', '--db', db], true);
  assert.match(t.out, /CHN – KOR by month/);
  assert.match(t.out, /2022-07\s+3\s+3\s+0\s+8\.0\s+2\.67\s+0\.50\s+AGREE 1, CONSULT 1, REQUEST 1/);
  const c = await parley(['dyad', 'CHN', 'KOR', '--db', db, '--by', 'year', '--format', 'csv']);
  assert.equal(c.out.split('\n')[0], 'period,events,cooperative,conflictual,goldstein_sum,goldstein_mean,tone,by_type');
  assert.match(c.out.split('\n')[1], /^2022,4,4,0,9,2.25,/);
});

test('commitments: statuses with the evidence of the event that kept one', async () => {
  const r = await parley(['commitments', '--db', db]);
  assert.deepEqual(jsonLines(r.out).map((c) => c.status), ['kept', 'overdue', 'open']);
  const kept = jsonLines((await parley(['commitments', '--db', db, '--status', 'kept'])).out);
  assert.equal(kept.length, 1);
  assert.equal(kept[0].keptBy.articleId, 'wire-2');
  const t = await parley(['commitments', '--db', db], true);
  assert.match(t.out, /wire-1#C1\s+CHN\+KOR\s+2022-12-31\s+kept\s+2022-09-19 wire-2/);
});

test('usage errors exit 2: bad filters, a missing store, bad FTS syntax', async () => {
  for (const args of [
    ['query', '--db', db, '--from', 'last week'],
    ['query', '--db', db, '--dyad', 'CHN'],
    ['query', '--db', db, '--directed'],
    ['query', '--db', db, '--modality', 'maybe'],
    ['query', '--db', db, '--format', 'xml'],
    ['query', '--db', db, '--text', 'AND OR ('],
    ['query', '--db', '/nonexistent/x.db'],
    ['dyad', 'CHN', 'KOR', '--db', db, '--by', 'decade'],
    ['query', '--db', 'mysql://localhost/parley'],
  ]) {
    const r = await parley(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /parley|error/);
  }
});
