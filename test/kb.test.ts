import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileKb, officesAt } from '../src/core/kb/compile.js';
import { DATA_DIR, KbError, SHIPPED_KB_FILES, loadKnowledgeBase, mergeKb, parseKb, readKbFile } from '../src/knowledge/load.js';
import { importTabari, tabariName } from '../src/knowledge/tabari.js';
import { SHARED } from './helpers/engine.js';

const kb = loadKnowledgeBase();

test('the shipped KB: every state from the npm packages plus historical states, organisations, titles, persons', () => {
  const codes = new Set(kb.states.map((s) => s.code));
  for (const c of ['CHN', 'KOR', 'PRK', 'USA', 'GBR', 'RUS', 'PSE', 'TWN', 'XKX', 'SUN', 'YUG', 'CSK', 'DDR']) assert.ok(codes.has(c), c);
  assert.ok(kb.states.length > 240);
  const kor = kb.states.find((s) => s.code === 'KOR')!;
  assert.ok(kor.adjectives.includes('South Korean') && kor.capitals.includes('Seoul'));
  const orgs = new Set(kb.organizations.map((o) => o.code));
  for (const c of ['UN', 'EU', 'NATO', 'ASEAN', 'AU', 'OAS', 'OSCE', 'G7', 'G20', 'IMF', 'WB', 'WTO', 'OPEC', 'GATT', 'IAEA', 'WHO', 'ICC', 'GCC', 'ARAB_LEAGUE', 'QUAD']) assert.ok(orgs.has(c), c);
  const sector = (t: string) => kb.titles.find((x) => x.title === t)?.sector;
  assert.deepEqual([sector('Foreign Minister'), sector('Ambassador'), sector('General')], ['GOV', 'DIP', 'MIL']);
});

test("persons with tenures: both of Wang Yi's terms as foreign minister", () => {
  const wang = kb.persons.find((p) => p.name === 'Wang Yi')!;
  const fm = wang.offices.filter((o) => o.title === 'Foreign Minister' && o.code === 'CHN');
  assert.equal(fm.length, 2);
  assert.equal(officesAt(wang, '2022-07-07').some((o) => o.title === 'Foreign Minister'), true);
  assert.equal(officesAt(wang, '2023-03-01').some((o) => o.title === 'Foreign Minister'), false, 'Qin Gang held it then');
  assert.equal(officesAt(wang, '2024-01-01').some((o) => o.title === 'Foreign Minister'), true);
});

test('a user KB merges over the shipped one and is validated with the file and field named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-kb-'));
  const good = join(dir, 'mine.json');
  writeFileSync(good, JSON.stringify({ schema: 'parley.kb/1', states: [{ code: 'KOR', name: 'South Korea', names: ['Hanguk'] }], persons: [{ id: 'x', name: 'Kim Testu', offices: [] }] }));
  const merged = loadKnowledgeBase([good]);
  assert.ok(merged.states.find((s) => s.code === 'KOR')!.names.includes('Hanguk'));
  assert.ok(merged.states.find((s) => s.code === 'KOR')!.names.includes('Republic of Korea'), 'names are added, not replaced');
  assert.ok(merged.persons.some((p) => p.id === 'x'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ persons: [{ id: 'y', name: 'Y', offices: [{ title: 'King', code: 'XYZ', sector: 'GOV', start: 'last year' }] }] }));
  assert.throws(() => readKbFile(bad), (e: Error) => e instanceof KbError && e.message.includes('bad.json') && e.message.includes('persons.0.offices.0.start'));
  assert.throws(() => readKbFile(join(dir, 'missing.json')), /cannot read/);
  assert.throws(() => parseKb({ states: 'nope' }), /states/);
});

test('the shipped KB files pass the same validation as a user file', () => {
  for (const f of SHIPPED_KB_FILES) assert.doesNotThrow(() => readKbFile(DATA_DIR + f), f);
});

test('merging: later titles and persons replace earlier ones by key', () => {
  const m = mergeKb({ titles: [{ title: 'King', forms: ['king'], sector: 'GOV' }] }, { titles: [{ title: 'King', forms: ['king', 'monarch'], sector: 'GOV' }] });
  assert.deepEqual(m.titles[0].forms, ['king', 'monarch']);
});

test('TABARI import: names, synonyms and date-ranged codes (Phoenix.Countries.actors.txt)', () => {
  const text = readFileSync(new URL('data/petrarch/Phoenix.Countries.actors.txt', SHARED), 'utf8');
  const { fragment, stats } = importTabari(text);
  assert.ok(stats.persons > 5000, `${stats.persons} persons`);
  const gorby = fragment.persons!.find((p) => p.name === 'Mikhail Gorbachev')!;
  assert.equal(gorby.short, 'Gorbachev');
  assert.ok(gorby.aliases!.includes('Mikhail Sergeyevich Gorbachev'));
  assert.deepEqual(gorby.offices.find((o) => o.start === '1985-03-11'), { title: 'Official', code: 'RUS', sector: 'GOV', start: '1985-03-11', end: '1991-08-24' });
  const afg = fragment.states!.find((s) => s.code === 'AFG')!;
  assert.ok(afg.names.includes('Afghanistan') && afg.names.includes('Afghan'));
  // the imported file is a valid KB file and compiles
  const parsed = parseKb(JSON.parse(JSON.stringify({ schema: 'parley.kb/1', ...fragment })));
  compileKb(mergeKb(kb, parsed));
});

test('TABARI import: small cases written here', () => {
  const { fragment } = importTabari(['# comment', 'JANE_DOE_  # CountryInfo.txt', '+DOE', '+PRESIDENT_JANE_DOE', '\t[FRAGOV 990101-051231]', '\t[FRAELI >060101]', 'SOME_ARMY_', '+THE_ARMY', '\t[FRAMIL]', 'FRANCE_ [FRA]', '+FRENCH_REPUBLIC_'].join('\n'));
  assert.equal(fragment.persons!.length, 1, 'an institution is not a person');
  const jane = fragment.persons![0];
  assert.deepEqual(jane.offices.map((o) => [o.code, o.sector, o.start, o.end]), [['FRA', 'GOV', '1999-01-01', '2005-12-31'], ['FRA', 'ELI', '2006-01-01', null]]);
  assert.deepEqual(fragment.states, [{ code: 'FRA', name: 'France', names: ['France', 'French Republic'], adjectives: [], capitals: [] }]);
  assert.equal(tabariName('JAVIER_PEREZ_DE_CUELLAR_'), 'Javier Perez de Cuellar');
});
