import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readContent } from '../src/readers/index.js';
import { SHARED, engine, engineWith, extract, mentionTexts, person, assertSpans } from './helpers/engine.js';

test('title chain gives state, sector and every title, without the KB', () => {
  const r = extract('Veldorian Foreign Minister Ana Kurtz met Chilean Defense Minister Tomas Ibarra. Kurtz said the talks went well.');
  const ana = person(r, 'Ana Kurtz');
  assert.equal(ana.sector, 'GOV');
  assert.deepEqual(ana.titles, ['Foreign Minister']);
  assert.equal(ana.code, null, 'an unknown adjective gives no state');
  const tomas = person(r, 'Tomas Ibarra');
  assert.equal(tomas.code, 'CHL');
  assert.deepEqual(tomas.titles, ['Defense Minister']);
  assert.ok(mentionTexts(ana).includes('Kurtz'), 'partial name');
});

test('a person not in the KB is resolved from the text around the name', () => {
  const r = extract('South Korean Foreign Minister Hwang Min-seok and Chinese State Councillor and Foreign Minister Li Daowen agreed to meet again.');
  const hwang = person(r, 'Hwang');
  assert.deepEqual([hwang.code, hwang.sector, hwang.titles], ['KOR', 'GOV', ['Foreign Minister']]);
  const li = person(r, 'Li Daowen');
  assert.deepEqual([li.code, li.titles], ['CHN', ['State Councillor', 'Foreign Minister']]);
});

test('appositives before and after a name', () => {
  const r = extract("Marco Benedetti, Italy's ambassador to Chile, said so. The U.N. spokesman, Luisa Ortega, declined to comment.");
  assert.deepEqual([person(r, 'Benedetti').code, person(r, 'Benedetti').sector], ['ITA', 'DIP']);
  assert.deepEqual([person(r, 'Ortega').code, person(r, 'Ortega').sector], ['UN', 'IGO']);
});

test('an office complement: "of" names the state, "for" and "on" only the topic', () => {
  const r = extract('Minister of Foreign Affairs of Peru Rosa Quispe met U.S. Special Envoy for Yemen Karl Brandt and UN Special Envoy on Myanmar Ines Vogel.');
  assert.equal(person(r, 'Quispe').code, 'PER');
  assert.equal(person(r, 'Brandt').code, 'USA');
  assert.equal(person(r, 'Vogel').code, 'UN');
  // after the name: a titled person "of" a state serves it
  const after = extract('Foreign Minister Ana Kurtz of Austria met Trade Minister Tomas Ibarra of the Philippines in Vienna.');
  assert.equal(person(after, 'Ana Kurtz').code, 'AUT');
  assert.equal(person(after, 'Tomas Ibarra').code, 'PHL');
});

test('pronouns: cataphora in "For his part", and the subject of the previous sentence', () => {
  const r = extract('Foreign Minister Ana Kurtz met Prime Minister Jan Novak. Kurtz said ties were strong. For his part, Novak called the visit a milestone. Cooperation will grow, he said.');
  const novak = person(r, 'Novak');
  const his = novak.mentions.find((m) => m.text === 'his');
  assert.ok(his, 'his → Novak');
  assert.ok(novak.mentions.some((m) => m.text === 'he'), 'he → Novak');
  assert.ok(!person(r, 'Kurtz').mentions.some((m) => m.kind === 'pronoun'));
});

test('role nouns refer back to the person with that title, not to another secretary', () => {
  const r = extract('Secretary of State Anna Blake met Treasury Secretary Omar Reyes in Lima. The Secretary stressed the partnership.');
  const blake = person(r, 'Blake');
  assert.ok(blake.mentions.some((m) => m.text === 'The Secretary'), 'the Secretary → Blake');
  assert.ok(!person(r, 'Reyes').mentions.some((m) => m.kind === 'title'));
});

test('"the two sides" is a group of the two parties', () => {
  const r = extract('Japanese Prime Minister Kenji Sato met German Chancellor Eva Hartmann in Tokyo. The two sides agreed to expand trade. They also discussed energy.');
  const g = r.actors.find((a) => a.type === 'group');
  assert.ok(g, 'a group actor');
  const codes = g.members!.map((id) => r.actors.find((a) => a.id === id)!.code).sort();
  assert.deepEqual(codes, ['DEU', 'JPN']);
  assert.ok(mentionTexts(g).includes('They'), '"They" continues the group');
  // only the fields of the output contract: the stage's own bookkeeping (draft keys) stays inside it
  const fields = new Set(['id', 'name', 'type', 'code', 'sector', 'titles', 'mentions', 'members', 'kbId']);
  for (const a of r.actors) assert.deepEqual(Object.keys(a).filter((k) => !fields.has(k)), [], `${a.name}: fields outside the contract`);
});

test('states by name, adjective, capital and body; organisations by name and acronym', () => {
  const r = extract('Beijing said the South Korean side and Chinese troops would attend. The United Nations (UN) and the Group of 20 welcomed it.');
  const chn = r.actors.find((a) => a.code === 'CHN')!;
  assert.deepEqual(chn.mentions.map((m) => m.kind), ['capital', 'body']);
  assert.equal(r.actors.find((a) => a.code === 'KOR')!.mentions[0].text, 'South Korean side');
  assert.deepEqual(mentionTexts(r.actors.find((a) => a.code === 'UN')!), ['United Nations', 'UN']);
  assert.ok(r.actors.some((a) => a.code === 'G20'));
});

test('a state or capital after a feature head is a lake or mountain, not the state', () => {
  const r = extract('Fishermen from Uganda cross Lake Victoria daily; climbers on Mount Kenya saw the storm. Victoria and Nairobi said nothing.');
  assert.deepEqual(r.actors.filter((a) => a.type === 'state').map((a) => [a.code, mentionTexts(a)]), [
    ['UGA', ['Uganda']],
    ['SYC', ['Victoria']],
    ['KEN', ['Nairobi']],
  ]);
});

test('a name after "counterpart" is a person of the state before it, even outside the KB', () => {
  const r = extract('Chilean Foreign Minister Tomas Ibarra and his Peruvian counterpart Rosa Quispe met in Lima.');
  const rosa = person(r, 'Rosa Quispe');
  assert.equal(rosa.code, 'PER');
  assert.equal(person(r, 'Tomas Ibarra').code, 'CHL');
});

test('demonyms in their common news spellings ("Ecuadorian", "Nepali", "Maldivian", "Kyrgyz")', () => {
  const r = extract('Ecuadorian Foreign Minister Ana Kurtz met the Nepali ambassador, a Maldivian envoy and Kyrgyz officials.');
  assert.equal(person(r, 'Ana Kurtz').code, 'ECU');
  const states = r.actors.filter((a) => a.type === 'state').map((a) => a.code).sort();
  assert.deepEqual(states, ['ECU', 'KGZ', 'MDV', 'NPL']);
});

test('historical codes follow the article date', () => {
  assert.equal(extract('Soviet leader Mikhail Gorbachev arrived in Moscow.', '1987-04-13').actors.find((a) => a.type === 'state')!.code, 'SUN');
  const later = extract('Moscow said so.', '2015-01-01');
  assert.equal(later.actors[0].code, 'RUS');
});

test('a shared adjective goes to the sovereign state ("French" is France, not its territories)', () => {
  assert.equal(extract('French Ambassador Paul Roux spoke.').actors.find((a) => a.type === 'state')!.code, 'FRA');
});

test('the KB resolves bare names and checks tenure at the article date', () => {
  const kbEngine = engineWith({
    persons: [{ id: 'test-mara-olsen', name: 'Mara Olsen', gender: 'f', offices: [{ title: 'Prime Minister', code: 'NOR', sector: 'GOV', start: '2020-01-01', end: '2021-12-31' }] }],
  });
  const inOffice = kbEngine.extract({ ...engine().extract(readContent('Olsen said she was ready.', { name: 't.txt', date: '2021-05-01' }).articles[0]).article });
  assert.deepEqual([person(inOffice, 'Olsen').code, person(inOffice, 'Olsen').titles], ['NOR', ['Prime Minister']]);
  const after = kbEngine.extract({ ...inOffice.article, date: '2024-05-01' });
  assert.equal(after.actors.filter((a) => a.type === 'person').length, 0, 'a bare surname is not resolved outside the tenure');
});

test('bare surnames of current leaders come from the shipped KB', () => {
  const r = extract('Biden and Putin spoke by phone.', '2022-01-01');
  assert.equal(person(r, 'Biden').code, 'USA');
  assert.equal(person(r, 'Putin').code, 'RUS');
});

test('words that are not names are not persons', () => {
  const r = extract('Additionally, the Ambassador Bridge reopened. Executive Order 13846 applies. Ardis Group LLC said it would comply.');
  assert.deepEqual(r.actors.filter((a) => a.type === 'person').map((a) => a.name), []);
});

test('companies and newspapers are not persons ("General Motors Corp", "the China Daily")', () => {
  const r = extract('General Motors Corp said car sales rose. The China Daily said the talks went well. General Colin Powell met the minister.');
  assert.deepEqual(r.actors.filter((a) => a.type === 'person').map((a) => a.name), ['Colin Powell']);
  for (const text of [
    'Money supply rose 2.1 billion dlrs in the week, the Treasury said in its latest statement.',
    'Reserves fell 5.4 billion marks in the week, the Bundesbank said.',
    'In December the Brookehill Group in New York said it had a 9.7 pct stake.',
    'The ratings were affirmed. It is a unit of Holiday Corp. S and P said the action reflected a change.',
  ])
    assert.deepEqual(extract(text).actors.filter((a) => a.type === 'person').map((a) => a.name), [], text);
});

test('a capitalised word opening a paragraph is no name for it ("Traders said", "Raytheon said")', () => {
  const r = extract('The market was quiet on Monday.\n\nTraders said they were reluctant to buy.\n\nRaytheon said its profit rose.');
  assert.deepEqual(r.actors.filter((a) => a.type === 'person').map((a) => a.name), []);
});

test('the seed article: Wang Yi and Park Jin with every mention, and the states and G20', () => {
  const raw = readFileSync(new URL('seed/seed-article.txt', SHARED), 'utf8');
  const r = engine().extract(readContent(raw, { name: 'seed-article.txt' }).articles[0]);
  assertSpans(r);
  const wang = person(r, 'Wang Yi');
  assert.deepEqual([wang.code, wang.sector, wang.titles], ['CHN', 'GOV', ['State Councillor', 'Foreign Minister']]);
  const park = person(r, 'Park Jin');
  assert.deepEqual([park.code, park.sector], ['KOR', 'GOV']);
  const text = r.article.text;
  const at = (needle: string, from = 0) => text.indexOf(needle, from);
  const heAdded = at('he added') ;
  assert.ok(wang.mentions.some((m) => m.start === heAdded), '"he added" → Wang Yi');
  const hisPart = at('his part') ;
  assert.ok(park.mentions.some((m) => m.start === hisPart), '"For his part" → Park Jin');
  assert.equal(wang.mentions.filter((m) => m.text === 'Wang').length, 6, 'every bare "Wang"');
  for (const code of ['CHN', 'KOR', 'IDN', 'G20']) assert.ok(r.actors.some((a) => a.code === code && a.type !== 'person'), code);
  const groups = r.actors.filter((a) => a.type === 'group');
  assert.ok(groups.some((g) => g.mentions.some((m) => m.text === 'the two sides')));
});

test('"X and Y led the Thai delegation" gives the delegation state to both leaders', () => {
  const r = extract('Senior Adviser Tom Hale led the U.S. delegation while Permanent Secretary Anan Chai and General Somchai Dee led the Thai delegation.');
  assert.equal(person(r, 'Hale').code, 'USA');
  assert.equal(person(r, 'Anan Chai').code, 'THA');
  assert.deepEqual([person(r, 'Somchai').code, person(r, 'Somchai').sector], ['THA', 'MIL']);
});
