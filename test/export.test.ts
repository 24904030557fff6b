import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { GDELT_EVENTS, GDELT_MENTIONS, ICEWS, POLECAT } from '../src/adapters/export/columns.js';
import { sentenceNumber } from '../src/adapters/export/index.js';
import { openStore } from '../src/adapters/store/index.js';
import { corpusDb, jsonLines, parley } from './helpers/cli.js';
import { HEADLINE } from './helpers/corpus.js';

let db = '';
before(async () => {
  db = await corpusDb();
});

async function tsv(format: string, ...args: string[]): Promise<Array<Record<string, string>> & { header: string[] }> {
  const r = await parley(['export', '--format', format, '--db', db, ...args]);
  assert.equal(r.code, 0, r.err);
  const [head, ...lines] = r.out.replace(/\n$/, '').split('\n');
  const header = head.split('\t');
  const rows = lines.map((l) => {
    const cells = l.split('\t');
    assert.equal(cells.length, header.length, l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
  return Object.assign(rows, { header });
}

test('export gdelt: the 61 GDELT 2.0 event columns and one row per linked event', async () => {
  const rows = await tsv('gdelt', '--type', 'CONSULT', '--from', '2022-07-07', '--to', '2022-07-07');
  assert.equal(rows.header.length, 61);
  assert.deepEqual(rows.header.slice(0, 7), ['GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate', 'Actor1Code', 'Actor1Name']);
  assert.deepEqual(rows.header.slice(25, 35), ['IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone']);
  assert.deepEqual(rows.header.slice(-10), ['ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID', 'DATEADDED', 'SOURCEURL']);
  assert.equal(rows.length, 1);
  const [r] = rows;
  assert.match(r.GlobalEventID, /^ev-/);
  assert.deepEqual([r.Day, r.MonthYear, r.Year, r.FractionDate], ['20220707', '202207', '2022', '2022.5151']);
  assert.deepEqual([r.Actor1Code, r.Actor1Name, r.Actor1CountryCode, r.Actor2Code, r.Actor2CountryCode], ['KOR', 'CHO MIN', 'KOR', 'CHN', 'CHN']);
  assert.deepEqual([r.IsRootEvent, r.EventCode, r.EventBaseCode, r.EventRootCode, r.QuadClass, r.GoldsteinScale], ['1', '040', '040', '04', '1', '1']);
  assert.deepEqual([r.NumMentions, r.NumSources, r.NumArticles, r.AvgTone], ['2', '2', '2', '0.5']);
  assert.deepEqual([r.ActionGeo_Type, r.ActionGeo_FullName, r.ActionGeo_CountryCode, r.ActionGeo_Lat, r.ActionGeo_FeatureID], ['4', 'Bali, Indonesia', 'IDN', '-8.4', '1650535']);
  assert.deepEqual([r.DATEADDED, r.SOURCEURL], ['20220707000000', 'https://daily.example/news/77']);
  // without a header, as GDELT's own files
  const bare = await parley(['export', '--format', 'gdelt', '--db', db, '--no-header']);
  assert.equal(bare.out.trim().split('\n').length, 6);
  assert.match(bare.out, /^ev-/);
});

test('export gdelt-mentions: the 16 GDELT 2.0 mention columns, one row per report', async () => {
  const rows = await tsv('gdelt-mentions', '--type', 'CONSULT', '--to', '2022-07-31');
  assert.deepEqual(rows.header, GDELT_MENTIONS.map((c) => c.name));
  assert.equal(rows.header.length, 16);
  assert.equal(rows.length, 2);
  const r = rows.find((x) => x.MentionIdentifier.includes('wire.example'))!;
  assert.deepEqual([r.EventTimeDate, r.MentionTimeDate, r.MentionType, r.MentionSourceName, r.SentenceID, r.ActionCharOffset, r.Confidence, r.MentionDocTone], ['20220707000000', '20220708000000', '1', 'wire.example', '1', '33', '80', '2']);
});

test('export icews: the 20 ICEWS columns, one row per report', async () => {
  const rows = await tsv('icews', '--type', 'CONSULT', '--to', '2022-07-31');
  assert.deepEqual(rows.header, ['Event ID', 'Event Date', 'Source Name', 'Source Sectors', 'Source Country', 'Event Text', 'CAMEO Code', 'Intensity', 'Target Name', 'Target Sectors', 'Target Country', 'Story ID', 'Sentence Number', 'Publisher', 'City', 'District', 'Province', 'Country', 'Latitude', 'Longitude']);
  const r = rows.find((x) => x['Story ID'] === 'wire-1')!;
  assert.deepEqual([r['Event Date'], r['Source Name'], r['Source Country'], r['Event Text'], r['CAMEO Code'], r.Intensity, r['Target Name'], r['Target Country'], r.Publisher, r.City, r.Country], ['2022-07-07', 'Lin Hao', 'China', 'Consult', '040', '1', 'Cho Min', 'South Korea', 'wire.example', 'Bali', 'Indonesia']);
});

test('export polecat: the POLECAT TSV columns, one row per report', async () => {
  const rows = await tsv('polecat', '--type', 'AID');
  assert.equal(rows.header.length, 40);
  assert.deepEqual(rows.header, POLECAT.map((c) => c.name));
  assert.deepEqual(rows.header.slice(0, 8), ['Event ID', 'Event Date', 'Event Type', 'Event Mode', 'Intensity', 'Quad Code', 'Contexts', 'Actor Name']);
  assert.deepEqual(rows.header.slice(-6), ['Publication Date', 'Story People', 'Story Organizations', 'Story Locations', 'Language', 'Version']);
  const [r] = rows;
  assert.deepEqual([r['Event Type'], r['Actor Name'], r['Actor Country'], r['Recipient Name'], r['Recipient Country'], r['Publication Date'], r['Story People'], r.Language], ['aid', 'Ana Ruiz', '', 'Freedonia', '', '2022-07-15', 'Ana Ruiz', 'en']);
  assert.match(r.Version, /^parley \d/);
});

test('export jsonl: parley.article/1 per article; filters pick the reporting articles; -o writes a file', async () => {
  const all = jsonLines((await parley(['export', '--db', db])).out);
  assert.equal(all.length, 5);
  assert.ok(all.every((a) => a.schema === 'parley.article/1' && typeof a.article.text === 'string'));
  const some = jsonLines((await parley(['export', '--db', db, '--format', 'jsonl', '--type', 'CONSULT'])).out);
  assert.deepEqual(some.map((a) => a.article.id), ['daily-77', 'wire-1', 'wire-2']);
  const out = join(mkdtempSync(join(tmpdir(), 'parley-x-')), 'events.tsv');
  const r = await parley(['export', '--db', db, '--format', 'icews', '-o', out]);
  assert.equal(r.out, '');
  assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 1 + 7);
});

test('export --columns documents each layout', async () => {
  for (const [f, cols] of [['gdelt', GDELT_EVENTS], ['icews', ICEWS], ['polecat', POLECAT]] as const) {
    const r = await parley(['export', '--format', f, '--columns']);
    assert.equal(r.out.trim().split('\n').length, 2 + cols.length);
    assert.match(r.out, /^\| # \| column \| how parley fills it \|/);
  }
  assert.equal((await parley(['export', '--columns'])).code, 2);
});

test('sentence numbers', () => {
  assert.equal(sentenceNumber('One. Two here. Three', 15), 3);
  assert.equal(sentenceNumber('Title\n\nBody starts. Then', 7), 2);
});

test('docs/export-formats.md holds the current column tables', async () => {
  const { columnDocs } = await import('../src/adapters/export/index.js');
  const doc = readFileSync(new URL('../../docs/export-formats.md', import.meta.url), 'utf8');
  for (const f of ['gdelt', 'gdelt-mentions', 'icews', 'polecat'] as const) assert.ok(doc.includes(columnDocs(f)), `${f}: regenerate with parley export --format ${f} --columns`);
});

test('export: an event only the headline reports is in sentence 0, with the headline as its text', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'parley-head-')), 'head.db');
  const store = openStore(path);
  await store.putArticle(HEADLINE);
  await store.link();
  await store.close();
  const icews = await parley(['export', '--format', 'icews', '--db', path]);
  const [head, row] = icews.out.trim().split('\n').map((l) => l.split('\t'));
  assert.equal(row[head.indexOf('Sentence Number')], '0');
  const mentions = await parley(['export', '--format', 'gdelt-mentions', '--db', path]);
  const [mh, mr] = mentions.out.trim().split('\n').map((l) => l.split('\t'));
  assert.equal(mr[mh.indexOf('SentenceID')], '0');
});
