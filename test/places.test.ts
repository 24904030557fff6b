import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../src/core/index.js';
import { loadGazetteer } from '../src/knowledge/gazetteer.js';
import { loadKnowledgeBase } from '../src/knowledge/load.js';
import { resolvePlace, datelinePlace } from '../src/core/stages/places/index.js';
import { article } from './helpers/engine.js';

const gazetteer = loadGazetteer();
const engine = createEngine({ kb: loadKnowledgeBase(), gazetteer });
const places = (text: string, extra = {}) => engine.extract(article(text, '2022-07-08', extra)).places;

test('a qualifier beside the name decides: Bali, Indonesia is the province, not the town in Cameroon', () => {
  const [bali] = places('The ministers met in Bali, Indonesia, on Thursday.');
  assert.deepEqual([bali.name, bali.code, bali.kind], ['Bali', 'IDN', 'admin1']);
  assert.ok(Math.abs(bali.lat - -8.4) < 0.3 && Math.abs(bali.lon - 115.2) < 0.3, `${bali.lat}, ${bali.lon}`);
  const [leesburg] = places('She will visit a conference center in Leesburg, Virginia, on May 11.');
  assert.deepEqual([leesburg.code, leesburg.geonameId], ['USA', 4769125], 'the Virginia town, not the Florida one');
});

test('without a qualifier, the article context and the kind of place decide', () => {
  assert.equal(places('Talks were held in Bali. Indonesian officials attended.')[0].code, 'IDN');
  const [ga] = places('The governor spoke in Georgia about U.S. federal funding and American jobs.');
  assert.deepEqual([ga.code, ga.kind], ['USA', 'admin1']);
  const [geo] = places('Russian troops remained in Georgia, near the Russian border.');
  assert.deepEqual([geo.code, geo.kind], ['GEO', 'country']);
  const [dc] = places('The delegation arrived in Washington on Monday.');
  assert.deepEqual([dc.code, dc.kind], ['USA', 'capital']);
});

test('the dateline is a place; an organisation in the dateline is not', () => {
  const p = places('Officials met.', { dateline: 'TOKYO, April 2' });
  assert.deepEqual([p[0].name, p[0].code, p[0].dateline], ['Tokyo', 'JPN', true]);
  assert.deepEqual(places('Officials met.', { dateline: 'UNITED NATIONS, Oct 19' }), []);
  assert.equal(datelinePlace('SANTA BARBARA, Calif., April 13'), 'SANTA BARBARA, Calif.');
});

test('a capital after "in" is a place; a capital that speaks is an actor', () => {
  const r = engine.extract(article('Beijing said it would respond. The talks took place in Seoul.'));
  const chn = r.actors.find((a) => a.code === 'CHN');
  assert.ok(chn, 'Beijing is an actor');
  assert.ok(!r.actors.some((a) => a.code === 'KOR'), '"in Seoul" is not South Korea acting');
  assert.deepEqual(r.places.map((p) => p.name), ['Seoul']);
});

test('words that are not places stay out; a seat of government named after a locative is a place of its state', () => {
  assert.deepEqual(places('In May, officials in Congress met.').map((p) => p.name), []);
  const [sd] = places('Two days of meetings at the State Department followed.');
  assert.deepEqual([sd.name, sd.code], ['State Department', 'USA']);
  assert.equal(resolvePlace(gazetteer, 'Nowhereville', null, new Map()), null);
});

test('event locations: the sentence\'s place, a readout inherits its meeting\'s place, calls have none', async () => {
  const { loadEngine } = await import('../src/adapters/engine.js');
  const e = loadEngine();
  const r = e.extract(article('Japanese Foreign Minister Kenji Sato met German Foreign Minister Eva Hartmann in Geneva on Monday. Sato condemned the missile launches by North Korea. Later, Sato spoke by phone with Canadian Foreign Minister Paul Roy.', '2022-07-08'));
  const consult = r.events.find((x) => x.type === 'CONSULT' && x.trigger.text === 'met');
  assert.equal(consult?.location?.code, 'CHE');
  const accuse = r.events.find((x) => x.type === 'ACCUSE');
  if (accuse) assert.equal(accuse.location?.code, 'CHE', 'a readout statement happens where the meeting was');
  const call = r.events.find((x) => x.type === 'CONSULT' && x.trigger.text !== 'met');
  if (call) assert.equal(call.location, null);
});

/** Each event of a text as [type, first actor's code, location's code], with the shipped lexicon. */
async function locatedEvents(text: string): Promise<Array<[string, string | null | undefined, string | null]>> {
  const { loadEngine } = await import('../src/adapters/engine.js');
  const r = loadEngine().extract(article(text, '2022-07-08'));
  const code = new Map(r.actors.map((a) => [a.id, a.code]));
  return r.events.map((e) => [e.type, code.get(e.actors[0]), e.location?.code ?? null]);
}

const GENEVA = 'Japanese Foreign Minister Kenji Sato met German Foreign Minister Eva Hartmann in Geneva on Monday. Sato condemned the missile launches by North Korea.';

test('a meeting\'s place goes to what its parties say and do after it, not to the next question\'s events', async () => {
  assert.deepEqual(await locatedEvents(`${GENEVA}\n\nQ: Brazil accused Argentina of dumping steel last week. What is your comment?`), [
    ['CONSULT', 'JPN', 'CHE'],
    ['ACCUSE', 'JPN', 'CHE'],
    ['ACCUSE', 'BRA', null],
  ]);
});

test('in a transcript, a meeting\'s place stays within its turn', async () => {
  assert.deepEqual(await locatedEvents(`Q: ${GENEVA} What is your comment?\n\nA: Japan also condemned the launches by North Korea last year.`), [
    ['CONSULT', 'JPN', 'CHE'],
    ['ACCUSE', 'JPN', 'CHE'],
    ['ACCUSE', 'JPN', null],
  ]);
});
