import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { SHARED } from './helpers/engine.js';

const BIN = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));
const SEED = fileURLToPath(new URL('seed/seed-article.txt', SHARED));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input });
const lines = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('extract prints one parley.article/1 per article as JSONL when piped', () => {
  const r = run(['extract', SEED]);
  assert.equal(r.status, 0, r.stderr);
  const [res] = lines(r.stdout);
  assert.equal(res.schema, 'parley.article/1');
  assert.equal(res.article.date, '2022-07-08');
  for (const k of ['actors', 'events', 'quotes', 'commitments', 'times']) assert.ok(Array.isArray(res[k]), k);
  assert.ok(res.actors.some((a: { name: string }) => a.name === 'Wang Yi'));
});

test('bad inputs are reported by name with a reason; the good ones are still processed; exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  const good = join(dir, 'good.jsonl');
  writeFileSync(good, '{"id":"g1","text":"Foreign Minister Ana Kurtz met her counterpart."}\n{"id":"g2",\n{"id":"g3","text":"Talks were held."}\n');
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{ not json');
  const bin = join(dir, 'blob.txt');
  writeFileSync(bin, Buffer.from([0, 1, 2, 3]));
  const r = run(['extract', good, bad, join(dir, 'missing.txt'), bin]);
  assert.equal(r.status, 1);
  assert.deepEqual(lines(r.stdout).map((x) => x.article.id), ['g1', 'g3']);
  assert.match(r.stderr, /good\.jsonl:2: not valid JSON/);
  assert.match(r.stderr, /bad\.json: not valid JSON/);
  assert.match(r.stderr, /missing\.txt: no such file/);
  assert.match(r.stderr, /blob\.txt: binary data/);
  assert.match(r.stderr, /2 articles extracted, 4 inputs failed/);
});

test('stdin with -, --date for plain text, and the pretty format', () => {
  const r = run(['extract', '--format', 'pretty', '--date', '2021-03-04', '-'], 'Secretary of State Anna Blake met Japanese Prime Minister Kenji Sato.');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2021-03-04/);
  assert.match(r.stdout, /Anna Blake\s+person USA GOV\s+Secretary of State/);
  assert.match(r.stdout, /Kenji Sato\s+person JPN GOV\s+Prime Minister/);
});

test('usage errors exit 2 with a message', () => {
  assert.equal(run(['extract', '--date', 'yesterday', SEED]).status, 2);
  assert.equal(run(['extract', '--format', 'xml', SEED]).status, 2);
  assert.equal(run(['nonsense']).status, 2);
  const r = run(['extract', '--kb', '/nonexistent/kb.json', SEED]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /kb\.json: cannot read/);
});

test('kb import-tabari writes a KB file that extract accepts with --kb', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-tabari-'));
  const dict = join(dir, 'mini.actors.txt');
  writeFileSync(dict, 'ZORAN_VELIKOVIC_  # test\n+VELIKOVIC\n\t[SRBGOV 200101-]\n\t[SRBGOV 200101-301231]\n');
  const out = join(dir, 'mini.kb.json');
  const imp = run(['kb', 'import-tabari', dict, '-o', out]);
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stderr, /imported 1 persons/);
  const r = run(['extract', '--kb', out, '--date', '2021-05-05', '-'], 'Velikovic said the border would stay open.');
  assert.equal(r.status, 0, r.stderr);
  const p = lines(r.stdout)[0].actors.find((a: { type: string }) => a.type === 'person');
  assert.deepEqual([p.name, p.code, p.sector], ['Zoran Velikovic', 'SRB', 'GOV']);
});

test('--lexicon merges a user event lexicon; a bad one is a usage error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-lex-'));
  const text = 'Japanese Foreign Minister Kenji Sato snubbed German Foreign Minister Eva Hartmann.';
  const lex = join(dir, 'mine.json');
  writeFileSync(lex, JSON.stringify({ entries: [{ pattern: 'snub', pos: 'verb', type: 'REJECT', cameo: '120', frame: { recipient: ['dobj'] } }] }));
  const before = lines(run(['extract', '--date', '2022-01-01', '-'], text).stdout)[0].events;
  assert.ok(!before.some((e: { type: string }) => e.type === 'REJECT'));
  const r = run(['extract', '--lexicon', lex, '--date', '2022-01-01', '-'], text);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(lines(r.stdout)[0].events.some((e: { type: string }) => e.type === 'REJECT'), 'the user entry codes "snubbed"');
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ entries: [{ pattern: 'snub', type: 'SNUB' }] }));
  const b = run(['extract', '--lexicon', bad, '-'], text);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /SNUB|type/);
});
